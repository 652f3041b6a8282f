//! Viva Wallet webhooks: the messages Viva posts, their transaction data, the webhook
//! messages API, URL verification, the addresses Viva sends from and its retry policy.
//!
//! | what | type |
//! | --- | --- |
//! | the message Viva posts ("objects of type `Message<TransactionEventData>`") | [`Webhook`] (by `EventTypeId`), [`Message`] |
//! | its event data: transactions (1796, 1797, 1798), price calculated (1799), ECR sessions (1802, 1803) | [`TransactionEventData`], [`TransactionPriceCalculated`], [`PosEcrSession`] |
//! | wallets: account transactions (2054), bank transfers (768, 769) | [`AccountTransactionCreated`], [`CommandBankTransfer`] |
//! | orders (4865); platforms: account connected (8193), verification changed (8194), transfers (8448) | [`OrderUpdated`], [`AccountConnected`], [`AccountVerificationStatusChanged`], [`TransferCreated`] |
//! | bodies with no envelope: obligations (5632, 5633, deprecated), Sale Transactions files | [`Obligation`], [`SaleTransactionsFile`] |
//! | the event and transaction types, transaction statuses | [`EventTypeId`], [`TransactionTypeId`] ([`TransactionTable`]), [`StatusId`] |
//! | "List messages" | [`ListMessages`] (query), answered with [`MessageList`] of [`MessageSummary`] |
//! | "Get message details by ID" | [`message_details_path`], answered with [`MessageDetails`] ([`Delivery`]) |
//! | "Attempt to redeliver a message" | [`redeliver_path`] |
//! | "Webhook URL verification" | [`Verification`] (`{"Key": "..."}`) |
//! | the source IPs, the retry policy | [`is_webhook_source`], [`RETRY_POLICY`] |
//!
//! Amounts are exact decimals from the digits sent (`100.50` stays `100.50`, negative for
//! refunds), times ([`Timestamp`]) keep their decimals and their offset as written, and
//! `CurrencyCode` is read as a number or a string of digits ([`Currency`]).
//! [`Payload::from_json`] tells any of these bodies apart.
//!
//! **Authenticity.** Viva signs nothing. It publishes the addresses it sends from and
//! verifies a URL once with a key; check the peer address, keep the URL secret, and treat
//! a message as a claim to confirm against Viva's API before you ship goods.
//!
//! ```
//! use provider_payloads::viva::{Environment, Webhook, is_webhook_source, RETRY_POLICY};
//! use rust_decimal::Decimal;
//!
//! # let peer: std::net::IpAddr = "51.138.37.238".parse().unwrap();
//! # let body = br#"{"EventData":{"Amount":-100.50,"CurrencyCode":978,"InsDate":"2014-06-18T14:20:30.45+03:00",
//! #   "MerchantId":"m","OrderCode":776027772607,"StatusId":"F","TransactionId":"t","TransactionTypeId":7},
//! #   "EventTypeId":1797,"Created":"2014-06-18T14:20:30.45+03:00"}"#;
//! assert!(is_webhook_source(peer, Environment::Production));
//! let Webhook::Transaction(message) = Webhook::from_json(body)? else {
//!     return Ok(()); // another event: answer 200 and keep it if you want it
//! };
//! let refund = &message.event_data;
//! assert_eq!(refund.amount, Decimal::new(-10050, 2));
//! assert_eq!(refund.transaction_type_id.description(), Some("Void Card Transaction"));
//! // Deduplicate on the transaction until the last retry may have come.
//! let _keep_until = message
//!     .created
//!     .and_then(|created| created.with_offset())
//!     .and_then(|created| RETRY_POLICY.retries_until(created));
//! # Ok::<(), provider_payloads::Error>(())
//! ```

mod currency;
mod delivery;
mod message;
mod messages;
mod order;
mod platform;
mod sale_transactions;
mod transaction;
mod types;
mod wallet;

pub use crate::timestamp::{Timestamp, TimestampError};
pub use currency::Currency;
pub use delivery::{
    DEMO_WEBHOOK_SOURCES, Environment, PRODUCTION_WEBHOOK_SOURCES, RETRY_POLICY, RetryPolicy,
    Verification, is_webhook_source,
};
pub use message::{Message, Webhook};
pub use messages::{
    Delivery, ListMessages, MESSAGES_PATH, MessageDetails, MessageList, MessageSummary,
    ResponseStatus, message_details_path, redeliver_path,
};
pub use order::OrderUpdated;
pub use platform::{AccountConnected, AccountVerificationStatusChanged, TransferCreated};
pub use sale_transactions::SaleTransactionsFile;
pub use transaction::{PosEcrSession, TransactionEventData, TransactionPriceCalculated};
pub use types::{EventTypeId, StatusId, TransactionTable, TransactionTypeId};
pub use wallet::{AccountTransactionCreated, CommandBankTransfer, Obligation};

use crate::wire::detect::Lazy;
use crate::wire::kinds::{kinds, read_detected, undecided};
use crate::{Error, Provider};

kinds! {
    @define
    /// Any Viva body, told apart by its shape: what [`Payload::from_json`] returns.
    pub enum Payload for Provider::Viva, "payload" {
        /// The URL verification answer (`Key`).
        Verification(Verification) requires ["Key"],
        /// The "Get message details by ID" answer.
        MessageDetails(MessageDetails) requires ["messageId", "eventTypeId", "responseStatus", "deliveries"],
        /// "Obligation Created" (5632) or "Captured" (5633), deprecated, posted with no
        /// envelope.
        Obligation(Obligation) requires ["ObligationId", "PersonId", "WalletId"],
        /// "Sale Transactions": a file of sale transactions is ready (Data Services,
        /// posted with no envelope).
        SaleTransactionsFile(SaleTransactionsFile) requires ["Link", "FileType"],
    }
    also {
        /// A webhook message (its table: [`Webhook`]).
        Webhook(Webhook),
        /// The "List messages" answer (an array).
        MessageList(MessageList),
    }
}

impl Payload {
    /// Reads any Viva body and tells which it is by its shape: an array is a message
    /// list; an object is told by its keys among the webhook messages' table
    /// ([`Webhook`]) and the API's answers:
    ///
    /// | kind | requires |
    /// | --- | --- |
    /// | URL verification | `Key` |
    /// | message details | `messageId`, `eventTypeId`, `responseStatus`, `deliveries` |
    /// | obligation (deprecated) | `ObligationId`, `PersonId`, `WalletId` |
    /// | sale transactions file | `Link`, `FileType` |
    ///
    /// A body that fits no kind is the error of the kind it comes nearest, or an
    /// [`Error::Shape`] that says what it looks like.
    pub fn from_json(body: &[u8]) -> Result<Self, Error> {
        if body.trim_ascii_start().starts_with(b"[") {
            return MessageList::from_json(body).map(Payload::MessageList);
        }
        static DETECTOR: Lazy = Lazy::new(&[&Webhook::TABLE, &Payload::TABLE]);
        let detector = DETECTOR.get();
        read_detected(
            detector,
            body,
            |table, row, body| match table {
                0 => Webhook::read_row(row, body).map(Payload::Webhook),
                _ => Payload::read_row(row, body),
            },
            |why| undecided(&Payload::TABLE, detector, body, why),
        )
    }
}
