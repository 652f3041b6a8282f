//! Viva Wallet webhooks (in progress, issue 5).
//!
//! Viva "supports webhooks ... to receive notifications each time a specific event takes
//! place": it posts `Message<TransactionEventData>` objects to a public URL. So far this
//! module holds what surrounds the messages:
//!
//! - the event data of a transaction ([`TransactionEventData`]: exact amounts, the time
//!   as written, [`Currency`]);
//! - the event types ([`EventTypeId`]) and the two transaction-type tables
//!   ([`TransactionTypeId`], [`TransactionTable`]);
//! - the times Viva writes ([`Timestamp`], kept exactly as written, offset or not);
//! - the addresses it sends from ([`is_webhook_source`]), its retry policy
//!   ([`RETRY_POLICY`]) and the URL verification answer ([`Verification`]).
//!
//! The message envelope (`Message<T>`, dispatch on `EventTypeId`), the webhook messages
//! API, fixtures and the command line follow.
//!
//! **Authenticity.** Viva signs nothing. It publishes the addresses it sends from and
//! verifies a URL once with a key; check the peer address, keep the URL secret, and treat
//! a message as a claim to confirm against Viva's API before you ship goods.

mod currency;
mod delivery;
mod event_data;
mod types;

pub use crate::wire::iso_time::{Timestamp, TimestampError};
pub use currency::Currency;
pub use delivery::{
    DEMO_WEBHOOK_SOURCES, Environment, PRODUCTION_WEBHOOK_SOURCES, RETRY_POLICY, RetryPolicy,
    Verification, is_webhook_source,
};
pub use event_data::TransactionEventData;
pub use types::{EventTypeId, TransactionTable, TransactionTypeId};
