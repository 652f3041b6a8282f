//! `Message<T>`: the envelope of every webhook Viva posts, and [`Webhook`], which reads
//! the event data as the type its `EventTypeId` names.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::event_data::TransactionEventData;
use super::types::{EventTypeId, TransactionTypeId};
use crate::event::{Event, Payment, PaymentKind};
use crate::raw_json::RawJson;
use crate::timestamp::Timestamp;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized, refuse_unrecognized};
use crate::wire::object::{self, Wire};
use crate::{Error, Provider, UnknownFields};

/// The payload kind of a message, as errors name it.
const MESSAGE: &str = "webhook message";

/// A webhook message: "a public URL resource that can receive (via POST) objects of type
/// `Message<TransactionEventData>`".
///
/// The document names `EventTypeId`, `Created` and `EventData`. Real webhooks add an
/// envelope the document does not show; the parts every one of them carries are typed
/// here as options (`MessageId`, `CorrelationId`, ...), and any other field
/// (`RetryDelayInSeconds`, `Delay`, ...) is kept in
/// [`unknown_fields`](Self::unknown_fields) and written back.
///
/// `T` is the event data: [`TransactionEventData`] for transaction events, [`RawJson`]
/// to keep it as it came. [`Webhook::from_json`] picks it from `EventTypeId`.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct Message<T> {
    /// What happened: the transaction the event is about, for transaction events.
    pub event_data: T,
    /// Which event this is.
    pub event_type_id: EventTypeId,
    /// When Viva created the message, as written (`2014-06-18T14:20:30.45+03:00` in the
    /// document; UTC with seven decimals, `2024-06-10T06:55:08.3492636Z`, in real
    /// webhooks).
    pub created: Timestamp,
    /// The message's id (real webhooks; not in the document): the same on every retry,
    /// so the key to deduplicate on.
    pub message_id: Option<String>,
    /// Viva's correlation id (real webhooks: `24-162-AEF1BDA5`).
    pub correlation_id: Option<String>,
    /// The URL the message was posted to (real webhooks).
    pub url: Option<String>,
    /// The merchant the message is for (real webhooks).
    pub recipient_id: Option<String>,
    /// The kind of message (real webhooks: always `512`).
    pub message_type_id: Option<i64>,
    /// How many retries were left or made (real webhooks; Viva does not document which).
    pub retry_count: Option<i64>,
    wire: Wire,
}

/// The wire names of [`MessageWire`]'s fields, in its order (see [`object::deserialize`]).
const NAMES: &[&str] = &[
    "EventData",
    "EventTypeId",
    "Created",
    "MessageId",
    "CorrelationId",
    "Url",
    "RecipientId",
    "MessageTypeId",
    "RetryCount",
];

/// The field list of [`Message`], shared by its wire impls.
#[derive(Deserialize, Serialize)]
#[serde(remote = "Message")]
struct MessageWire<T> {
    #[serde(rename = "EventData")]
    event_data: T,
    #[serde(rename = "EventTypeId")]
    event_type_id: EventTypeId,
    #[serde(rename = "Created")]
    created: Timestamp,
    #[serde(rename = "MessageId", default)]
    message_id: Option<String>,
    #[serde(rename = "CorrelationId", default)]
    correlation_id: Option<String>,
    #[serde(rename = "Url", default)]
    url: Option<String>,
    #[serde(rename = "RecipientId", default)]
    recipient_id: Option<String>,
    #[serde(rename = "MessageTypeId", default)]
    message_type_id: Option<i64>,
    #[serde(rename = "RetryCount", default)]
    retry_count: Option<i64>,
    #[serde(skip)]
    wire: Wire,
}

impl<T> Message<T> {
    /// A message of `event_type_id` created at `created`, with nothing else set.
    pub fn new(event_type_id: EventTypeId, created: Timestamp, event_data: T) -> Self {
        Message {
            event_data,
            event_type_id,
            created,
            message_id: None,
            correlation_id: None,
            url: None,
            recipient_id: None,
            message_type_id: None,
            retry_count: None,
            wire: Wire::default(),
        }
    }

    /// The envelope fields Viva sent that neither the document nor this type names,
    /// kept as raw JSON and written back on serialization.
    pub fn unknown_fields(&self) -> &UnknownFields {
        &self.wire.unknown
    }
}

impl<T> Message<T>
where
    T: DeserializeOwned + Serialize + ListUnrecognized,
{
    /// Reads a message whose event data is a `T`, from the raw request body.
    ///
    /// The event type is not checked against `T`; [`Webhook::from_json`] chooses `T`
    /// from it. Fields the document does not list are kept; the error names the field
    /// that does not hold what the document says (`EventData.Amount`).
    pub fn from_json(body: &[u8]) -> Result<Self, Error> {
        crate::wire::json::from_json(body, Provider::Viva, MESSAGE)
    }

    /// Like [`from_json`](Self::from_json), refusing any field or value the document
    /// does not list.
    pub fn from_json_strict(body: &[u8]) -> Result<Self, Error> {
        crate::wire::json::from_json_strict(body, Provider::Viva, MESSAGE)
    }

    /// Writes the message back as Viva sent it: the same fields, unknown ones included.
    pub fn to_json(&self) -> Result<Vec<u8>, Error> {
        crate::wire::json::to_json(self, Provider::Viva, MESSAGE)
    }
}

impl<T: fmt::Debug> fmt::Debug for Message<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Message");
        s.field("event_data", &self.event_data)
            .field("event_type_id", &self.event_type_id)
            .field("created", &self.created)
            .field("message_id", &self.message_id)
            .field("correlation_id", &self.correlation_id)
            .field("url", &self.url)
            .field("recipient_id", &self.recipient_id)
            .field("message_type_id", &self.message_type_id)
            .field("retry_count", &self.retry_count)
            .field("unknown_fields", &self.wire.unknown);
        if !self.wire.shapes.is_empty() {
            s.field("written_as", &self.wire.shapes);
        }
        s.finish()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Message<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(
            deserializer,
            NAMES,
            &[],
            |d| MessageWire::deserialize(d),
            |message: &mut Self| &mut message.wire,
        )
    }
}

impl<T: Serialize> Serialize for Message<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object::serialize(&self.wire, serializer, |emit| {
            MessageWire::serialize(self, emit)
        })
    }
}

impl<T: ListUnrecognized> ListUnrecognized for Message<T> {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        self.event_data
            .list_unrecognized(&at.field("EventData"), found);
        self.event_type_id
            .list_unrecognized(&at.field("EventTypeId"), found);
        self.wire.list_unrecognized(at, found);
    }
}

/// A webhook message with its event data read as the type its `EventTypeId` names: what
/// [`Webhook::from_json`] returns.
///
/// ```
/// use provider_payloads::viva::{EventTypeId, Webhook};
/// use rust_decimal::Decimal;
///
/// let body = br#"{"EventData":{"Amount":100.50,"CurrencyCode":978,
///     "InsDate":"2014-06-18T14:20:30.45+03:00","MerchantId":"m","OrderCode":776027772607,
///     "StatusId":"F","TransactionId":"t","TransactionTypeId":5},
///     "EventTypeId":1796,"Created":"2014-06-18T14:20:30.45+03:00"}"#;
/// match Webhook::from_json(body)? {
///     Webhook::Transaction(message) => {
///         assert_eq!(message.event_type_id, EventTypeId::TransactionPaymentCreated);
///         assert_eq!(message.event_data.amount, Decimal::new(10050, 2));
///         assert_eq!(message.event_data.currency_code.alphabetic(), Some("EUR"));
///     }
///     Webhook::Other(message) => println!("event {} kept raw", message.event_type_id),
///     _ => {}
/// }
/// # Ok::<(), provider_payloads::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
#[allow(
    clippy::large_enum_variant,
    reason = "`Other` is the size of the other payloads (256 bytes); a box would cost an allocation and save no move"
)]
pub enum Webhook {
    /// A transaction event: 1796 (created), 1797 (cancelled or refunded), 1798 (failed).
    ///
    /// Boxed: its data has some fifty fields, and a box costs less than moving them
    /// through every enum that holds a webhook.
    Transaction(Box<Message<TransactionEventData>>),
    /// Any other event (1799, or an id no one has listed), its data kept as it came.
    Other(Message<RawJson>),
}

impl Webhook {
    /// The payload kind's name, as errors give it.
    pub const KIND: &'static str = MESSAGE;

    /// Reads a webhook message, its event data as the type `EventTypeId` names: a
    /// transaction (1796, 1797, 1798) or raw JSON (any other id).
    ///
    /// Real webhooks send `EventData` before `EventTypeId`, so the body is first read as a
    /// transaction message, the documented events' type, and kept when its `EventTypeId`
    /// says it is one. Otherwise it is read with its data kept raw, which checks the
    /// envelope and gives the event type; a transaction event is then read once more,
    /// only to say what is wrong with its data.
    pub fn from_json(body: &[u8]) -> Result<Self, Error> {
        if let Some(message) =
            crate::wire::json::from_json_or_none::<Message<TransactionEventData>>(body)
        {
            if message.event_type_id.has_transaction_data() {
                return Ok(Webhook::Transaction(Box::new(message)));
            }
        }
        let message = Message::<RawJson>::from_json(body)?;
        if message.event_type_id.has_transaction_data() {
            return Message::from_json(body).map(|message| Webhook::Transaction(Box::new(message)));
        }
        Ok(Webhook::Other(message))
    }

    /// Like [`from_json`](Self::from_json), refusing any field or value the document
    /// does not list (an unlisted event type included).
    pub fn from_json_strict(body: &[u8]) -> Result<Self, Error> {
        refuse_unrecognized(Self::from_json(body)?, Provider::Viva, MESSAGE)
    }

    /// Writes the message back as Viva sent it.
    pub fn to_json(&self) -> Result<Vec<u8>, Error> {
        crate::wire::json::to_json(self, Provider::Viva, MESSAGE)
    }

    /// Which event the message reports.
    pub fn event_type_id(&self) -> EventTypeId {
        match self {
            Webhook::Transaction(message) => message.event_type_id,
            Webhook::Other(message) => message.event_type_id,
        }
    }

    /// The envelope fields neither the document nor [`Message`] names.
    pub fn unknown_fields(&self) -> &UnknownFields {
        match self {
            Webhook::Transaction(message) => message.unknown_fields(),
            Webhook::Other(message) => message.unknown_fields(),
        }
    }

    /// When Viva created the message.
    pub fn created(&self) -> &Timestamp {
        match self {
            Webhook::Transaction(message) => &message.created,
            Webhook::Other(message) => &message.created,
        }
    }
}

impl Serialize for Webhook {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Webhook::Transaction(message) => message.serialize(serializer),
            Webhook::Other(message) => message.serialize(serializer),
        }
    }
}

impl ListUnrecognized for Webhook {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        match self {
            Webhook::Transaction(message) => message.list_unrecognized(at, found),
            Webhook::Other(message) => message.list_unrecognized(at, found),
        }
    }
}

impl Message<TransactionEventData> {
    /// The transaction as a normalized payment: 1796 is Captured; 1797 Refunded (types 4,
    /// 11, 13), Voided (7, 17) or Reversed (a type the table does not list); 1798
    /// Failed. `None` for another event type.
    pub fn event(&self) -> Option<Payment> {
        let data = &self.event_data;
        let kind = match self.event_type_id {
            EventTypeId::TransactionPaymentCreated => PaymentKind::Captured,
            EventTypeId::TransactionReversalCreated => match data.transaction_type_id {
                TransactionTypeId::RefundCard
                | TransactionTypeId::WalletRefund
                | TransactionTypeId::RefundCardFromClaim => PaymentKind::Refunded,
                TransactionTypeId::VoidCard | TransactionTypeId::VoidCash => PaymentKind::Voided,
                _ => PaymentKind::Reversed,
            },
            EventTypeId::TRANSACTION_FAILED => PaymentKind::Failed,
            _ => return None,
        };
        let currency = data
            .currency_code
            .alphabetic()
            .map_or_else(|| data.currency_code.to_string(), str::to_owned);
        Some(Payment {
            provider: Provider::Viva,
            kind,
            transaction_id: data.transaction_id.clone(),
            order_code: Some(data.order_code.to_string()),
            amount: data.amount,
            currency,
            status: Some(data.status_id.clone()),
            at: Some(data.ins_date),
            idempotency_key: crate::event::idempotency_key(
                Provider::Viva,
                &data.transaction_id,
                kind.as_str(),
            ),
        })
    }
}

impl Webhook {
    /// The message as a normalized payment event; `None` for an event type that carries
    /// no transaction.
    pub fn event(&self) -> Option<Event> {
        match self {
            Webhook::Transaction(message) => message.event().map(Event::Payment),
            Webhook::Other(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::de::value::Error;
    use serde::de::{Error as _, Visitor};

    use super::*;

    /// A deserializer that fails with the field list serde's derive asks it for.
    struct FieldList;

    impl<'de> Deserializer<'de> for FieldList {
        type Error = Error;

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Error> {
            Err(Error::custom(fields.join(",")))
        }

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
            Err(Error::custom("not a struct"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }

    #[test]
    fn names_are_the_derived_fields_in_their_order() {
        let err = MessageWire::<RawJson>::deserialize(FieldList)
            .map(|_: Message<RawJson>| ())
            .unwrap_err();
        assert_eq!(err.to_string(), NAMES.join(","));
    }
}
