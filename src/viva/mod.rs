//! Viva Wallet webhooks: the messages Viva posts, their transaction data, the webhook
//! messages API, URL verification, the addresses Viva sends from and its retry policy.
//!
//! | what | type |
//! | --- | --- |
//! | the message Viva posts ("objects of type `Message<TransactionEventData>`") | [`Webhook`] (by `EventTypeId`), [`Message`], [`TransactionEventData`] |
//! | the event and transaction types | [`EventTypeId`], [`TransactionTypeId`] ([`TransactionTable`]) |
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
//! let _keep_until = message.created.with_offset().and_then(|t| RETRY_POLICY.retries_until(t));
//! # Ok::<(), provider_payloads::Error>(())
//! ```

mod currency;
mod delivery;
mod event_data;
mod message;
mod messages;
mod types;

pub use crate::timestamp::{Timestamp, TimestampError};
pub use currency::Currency;
pub use delivery::{
    DEMO_WEBHOOK_SOURCES, Environment, PRODUCTION_WEBHOOK_SOURCES, RETRY_POLICY, RetryPolicy,
    Verification, is_webhook_source,
};
pub use event_data::TransactionEventData;
pub use message::{Message, Webhook};
pub use messages::{
    Delivery, ListMessages, MESSAGES_PATH, MessageDetails, MessageList, MessageSummary,
    ResponseStatus, message_details_path, redeliver_path,
};
pub use types::{EventTypeId, TransactionTable, TransactionTypeId};

use crate::wire::json::json_payload_enum;
use serde::{Deserialize, Deserializer};

use crate::wire::peek;
use crate::wire::replay::{self, ReadKind};
use crate::{Error, Provider};

/// Any Viva body, told apart by its shape: what [`Payload::from_json`] returns.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Payload {
    /// A webhook message (`EventTypeId`, `Created`, `EventData`).
    Webhook(Webhook),
    /// The URL verification answer (`Key`).
    Verification(Verification),
    /// The "List messages" answer (an array).
    MessageList(MessageList),
    /// The "Get message details by ID" answer (`messageId`, `deliveries`, ...).
    MessageDetails(MessageDetails),
}

/// The shapes [`Payload::from_json`] knows, for its error.
const PAYLOAD_KINDS: &str = "a Viva webhook message (`EventTypeId`, `Created`, `EventData`), \
URL verification (`Key`), message list (an array) or message details (`messageId`, `deliveries`, ...)";

/// The kinds [`Payload::from_json`] tells apart by the keys of an object.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    Webhook,
    Verification,
    MessageDetails,
}

/// The first top-level key that one kind alone has decides.
pub(crate) fn kind_of_key(key: &[u8]) -> Option<Kind> {
    match key {
        b"EventTypeId" | b"EventData" | b"Created" => Some(Kind::Webhook),
        b"Key" => Some(Kind::Verification),
        b"messageId" | b"eventTypeId" | b"created" | b"created " | b"responseStatus"
        | b"deliveries" | b"payload" | b"string" => Some(Kind::MessageDetails),
        _ => None,
    }
}

impl Payload {
    /// Reads any Viva body and tells which it is by its shape: an array is a message
    /// list; an object whose first key of note is `EventData`, `EventTypeId` or `Created`
    /// a webhook message (read by [`Webhook::from_json`]), `Key` a URL verification,
    /// `messageId` (or another key of its own) the message details. Any other body is an
    /// [`Error::Shape`] that lists its keys.
    pub fn from_json(body: &[u8]) -> Result<Self, Error> {
        if body.trim_ascii_start().starts_with(b"[") {
            return MessageList::from_json(body).map(Payload::MessageList);
        }
        replay::read_detected(
            body,
            peek::ByKey(kind_of_key),
            Provider::Viva,
            "payload",
            PAYLOAD_KINDS,
        )
    }
}

impl ReadKind for Payload {
    type Kind = Kind;

    fn read_as(body: &[u8], kind: Kind) -> Result<Self, Error> {
        match kind {
            Kind::Webhook => Webhook::from_json(body).map(Payload::Webhook),
            Kind::Verification => Verification::from_json(body).map(Payload::Verification),
            Kind::MessageDetails => MessageDetails::from_json(body).map(Payload::MessageDetails),
        }
    }

    /// A webhook message is read at once only when its event has transaction data; any
    /// other event is left to [`Webhook::from_json`].
    fn read_kind<'de, D: Deserializer<'de>, T>(
        kind: Kind,
        deserializer: D,
        into: &mut Option<T>,
        wrap: impl FnOnce(Self) -> T,
    ) -> Result<(), D::Error> {
        // Each kind is put in `into` in its own arm (see `wappin::Payload::read_kind`).
        match kind {
            Kind::Webhook => {
                let message = Message::<TransactionEventData>::deserialize(deserializer)?;
                if message.event_type_id.has_transaction_data() {
                    let webhook = Webhook::Transaction(Box::new(message));
                    *into = Some(wrap(Payload::Webhook(webhook)));
                }
            }
            Kind::Verification => {
                let verification = Verification::deserialize(deserializer)?;
                *into = Some(wrap(Payload::Verification(verification)));
            }
            Kind::MessageDetails => {
                let details = MessageDetails::deserialize(deserializer)?;
                *into = Some(wrap(Payload::MessageDetails(details)));
            }
        }
        Ok(())
    }
}

json_payload_enum!(
    Payload,
    Provider::Viva,
    "`\"webhook message\"`, `\"URL verification\"`, `\"message list\"` or `\"message details\"`",
    [Webhook, Verification, MessageList, MessageDetails]
);
