//! One model of what happened, across providers: a message's delivery changed, someone
//! wrote in, or money moved. [`Payload::event`](crate::Payload::event) gives it.
//!
//! # How each provider's values map
//!
//! | provider | payload | provider's value | event |
//! | --- | --- | --- | --- |
//! | NXCloud | receipt | `status` `failed` | [`Delivery`], [`DeliveryState::Failed`], with `code` and `message` as the error |
//! | NXCloud | receipt | `status` `delivered` | [`DeliveryState::Delivered`] |
//! | NXCloud | receipt | `status` `seen` | [`DeliveryState::Read`] |
//! | NXCloud | receipt | `status` `expired` | [`DeliveryState::Expired`], with `code` and `message` as the error |
//! | NXCloud | receipt | any other `status` | [`DeliveryState::Unknown`], with `code` and `message` |
//! | NXCloud | reply | text, media (or neither) | [`Inbound`]: [`InboundContent::Text`], [`InboundContent::Media`] (or [`InboundContent::Other`]) |
//! | eSMS | callback | `SendStatus` 1 "Pending approval" | [`DeliveryState::Pending`] |
//! | eSMS | callback | `SendStatus` 2 "Waiting to send" | [`DeliveryState::Accepted`] |
//! | eSMS | callback | `SendStatus` 4 "Reject" | [`DeliveryState::Rejected`] |
//! | eSMS | callback | `SendStatus` 5 "Sent Successfully", `SendSuccess` > 0 | [`DeliveryState::Delivered`] (some may have failed: see the counts) |
//! | eSMS | callback | `SendStatus` 5, `SendSuccess` 0, `SendFailed` > 0 | [`DeliveryState::Failed`], with `error_info`'s error when there is one |
//! | eSMS | callback | `SendStatus` 5, no success and no failure counted | [`DeliveryState::Sent`] |
//! | eSMS | callback | `SendStatus` 7 "Sent to the telco, waiting for the report" | [`DeliveryState::Sent`] |
//! | eSMS | callback | any other `SendStatus` | [`DeliveryState::Unknown`] |
//! | Wappin | status callback | `status_messages` `sent`, `delivered`, `read`, `failed` | [`DeliveryState::Sent`], [`Delivered`](DeliveryState::Delivered), [`Read`](DeliveryState::Read), [`Failed`](DeliveryState::Failed) |
//! | Wappin | status callback | any other status | [`DeliveryState::Unknown`] |
//! | Wappin | message callback | `message_content` | [`Inbound`], [`InboundContent::Text`] |
//! | Viva | message 1796 | any `TransactionTypeId` (0, 5, 6, 9, 15, 16) | [`Payment`], [`PaymentKind::Captured`] |
//! | Viva | message 1797 | `TransactionTypeId` 4, 11, 13 (refunds) | [`PaymentKind::Refunded`] |
//! | Viva | message 1797 | `TransactionTypeId` 7, 17 (voids) | [`PaymentKind::Voided`] |
//! | Viva | message 1797 | any other `TransactionTypeId` | [`PaymentKind::Reversed`] |
//! | Viva | message 1798 (real webhooks) | any | [`PaymentKind::Failed`] |
//! | Viva | message 8193 (Account Connected) | any | none: the model has no account event |
//!
//! Payloads that report nothing that happened carry no event: API requests and responses,
//! acknowledgements, Wappin callbacks of other types, Viva messages of other event types
//! (1799 included), URL verification and the messages API.
//!
//! Every event has an [idempotency key](Event::idempotency_key): the provider, the id of
//! the message or transaction, and the state, since every provider here retries its
//! callbacks and the same event may come twice.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::Provider;
use crate::timestamp::Timestamp;

/// What a payload says happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    /// A sent message's delivery changed.
    Delivery(Delivery),
    /// Someone wrote to you.
    Inbound(Inbound),
    /// Money moved.
    Payment(Payment),
}

impl Event {
    /// The provider that reported it.
    pub fn provider(&self) -> Provider {
        match self {
            Event::Delivery(delivery) => delivery.provider,
            Event::Inbound(inbound) => inbound.provider,
            Event::Payment(payment) => payment.provider,
        }
    }

    /// A key that is the same each time the provider sends the same event (its retries)
    /// and differs between events: `provider:id:state`.
    pub fn idempotency_key(&self) -> &str {
        match self {
            Event::Delivery(delivery) => &delivery.idempotency_key,
            Event::Inbound(inbound) => &inbound.idempotency_key,
            Event::Payment(payment) => &payment.idempotency_key,
        }
    }
}

/// Where a sent message stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeliveryState {
    /// The provider took it and will send it.
    Accepted,
    /// It waits (for approval, for sending).
    Pending,
    /// It left the provider (to the network or the app); no report yet.
    Sent,
    /// It reached the recipient.
    Delivered,
    /// The recipient read it.
    Read,
    /// It could not be delivered.
    Failed,
    /// It was not delivered in time.
    Expired,
    /// The provider refused it.
    Rejected,
    /// A state the provider's document does not describe.
    Unknown,
}

/// A delivery report: what became of a message you sent.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Delivery {
    /// Who reported it.
    pub provider: Provider,
    /// The provider's id of the message (or of the send request).
    pub message_id: String,
    /// The recipient, when the provider names one.
    pub recipient: Option<String>,
    /// Where the message stands.
    pub state: DeliveryState,
    /// The provider's code and message, when it gives one with the report.
    pub error: Option<ProviderError>,
    /// When, as the provider wrote it.
    pub at: Option<Timestamp>,
    /// What it cost, in the provider's currency, exactly as sent.
    #[serde(with = "crate::wire::decimal::number_option")]
    pub cost: Option<Decimal>,
    /// How many were sent, succeeded and failed, for a report on several recipients.
    pub counts: Option<DeliveryCounts>,
    /// `provider:message_id:state`.
    pub idempotency_key: String,
}

/// The counts of a report on several recipients (eSMS).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DeliveryCounts {
    /// Recipients.
    pub receivers: Option<u64>,
    /// Messages sent.
    pub sent: Option<u64>,
    /// Messages that succeeded.
    pub succeeded: Option<u64>,
    /// Messages that failed.
    pub failed: Option<u64>,
}

/// A provider's own code and message, carried with the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ProviderError {
    /// The code, as the provider writes it (`11000`, `-114`).
    pub code: String,
    /// Its message, when there is one.
    pub message: Option<String>,
}

/// A message someone sent you.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Inbound {
    /// Who passed it on.
    pub provider: Provider,
    /// The provider's id of the message, when it gives one.
    pub message_id: Option<String>,
    /// The sender: a phone number or the provider's user id, when the provider names one.
    pub from: Option<String>,
    /// What they sent.
    pub content: InboundContent,
    /// The id of your message this answers, when the provider says.
    pub in_reply_to: Option<String>,
    /// When, as the provider wrote it.
    pub at: Option<Timestamp>,
    /// `provider:id:inbound`. Where the provider gives the message no id (NXCloud), the
    /// id is made of what identifies it: the request it answers, the sender, the time,
    /// and a digest of its content, so that two messages sent in the same second differ.
    pub idempotency_key: String,
}

/// The content of an [`Inbound`] message.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum InboundContent {
    /// Text.
    Text {
        /// The text.
        text: String,
    },
    /// A file.
    Media {
        /// Where to fetch it, as sent.
        url: String,
        /// Its name, when sent.
        file_name: Option<String>,
    },
    /// Content the provider's document does not describe; the payload holds it.
    Other,
}

/// What a payment event did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PaymentKind {
    /// A payment was made (charged, captured).
    Captured,
    /// A payment was refunded, in part or whole.
    Refunded,
    /// A payment was cancelled before it settled.
    Voided,
    /// A payment was cancelled or refunded, of a type the provider's document does not
    /// list.
    Reversed,
    /// A payment was attempted and failed.
    Failed,
}

/// A payment event: money moved, or was meant to.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Payment {
    /// Who reported it.
    pub provider: Provider,
    /// What happened.
    pub kind: PaymentKind,
    /// The provider's id of the transaction.
    pub transaction_id: String,
    /// The order the payment is for, as the provider numbers it.
    pub order_code: Option<String>,
    /// The amount, exact as sent: negative for refunds and voids.
    #[serde(with = "crate::wire::decimal::number")]
    pub amount: Decimal,
    /// The currency: its ISO 4217 alphabetic code where known (`EUR`), else its numeric
    /// code.
    pub currency: String,
    /// The provider's status of the transaction (Viva `StatusId`: `F`, `E`).
    pub status: Option<String>,
    /// When the transaction was made, as the provider wrote it.
    pub at: Option<Timestamp>,
    /// `provider:transaction_id:kind`.
    pub idempotency_key: String,
}

impl DeliveryState {
    /// The state's name, as events are written: `delivered`, `read`, ...
    pub fn as_str(&self) -> &'static str {
        match self {
            DeliveryState::Accepted => "accepted",
            DeliveryState::Pending => "pending",
            DeliveryState::Sent => "sent",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Read => "read",
            DeliveryState::Failed => "failed",
            DeliveryState::Expired => "expired",
            DeliveryState::Rejected => "rejected",
            DeliveryState::Unknown => "unknown",
        }
    }
}

impl PaymentKind {
    /// The kind's name, as events are written: `captured`, `refunded`, ...
    pub fn as_str(&self) -> &'static str {
        match self {
            PaymentKind::Captured => "captured",
            PaymentKind::Refunded => "refunded",
            PaymentKind::Voided => "voided",
            PaymentKind::Reversed => "reversed",
            PaymentKind::Failed => "failed",
        }
    }
}

impl Serialize for DeliveryState {
    /// Its [name](Self::as_str).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for PaymentKind {
    /// Its [name](Self::as_str).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The key `provider:id:state`.
pub(crate) fn idempotency_key(provider: Provider, id: &str, state: &str) -> String {
    format!("{provider}:{id}:{state}")
}

/// A digest of `bytes` that stays the same across processes, platforms and versions
/// (64-bit FNV-1a), for an id made of a message's content. Not for secrets.
pub(crate) fn content_digest(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_digest_is_fnv_1a() {
        // The published FNV-1a 64 test values.
        assert_eq!(content_digest(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(content_digest(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(content_digest(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
