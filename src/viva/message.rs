//! `Message<T>`: the envelope of every webhook Viva posts, its event data a `T`
//! ([`Webhook`](super::Webhook) reads it as the type its `EventTypeId` names).

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::types::EventTypeId;
use crate::event::fields_digest;
use crate::raw_json::RawJson;
use crate::timestamp::Timestamp;
use crate::wire::json::entry_points;
use crate::wire::kinds::Kind;
use crate::wire::object::{AsSent, Fields, wire_object};
use crate::{Answer, Error, ListUnrecognized, Provider};

/// The payload kind of a message, as errors name it.
const MESSAGE: &str = "webhook message";

wire_object! {
    /// A webhook message: "a public URL resource that can receive (via POST) objects of
    /// type `Message<TransactionEventData>`".
    ///
    /// The document names `EventTypeId`, `Created` and `EventData`. Real webhooks add an
    /// envelope the document does not show; the parts every one of them carries are typed
    /// here as options (`MessageId`, `CorrelationId`, `RetryCount`, `Delay`, ...), and any
    /// other field (a third party's `RetryDelay`) is kept in
    /// [`unknown_fields`](Self::unknown_fields) and written back.
    ///
    /// `T` is the event data: [`TransactionEventData`](super::TransactionEventData) for transaction events, [`RawJson`]
    /// to keep it as it came. [`Webhook::from_json`](super::Webhook::from_json) picks it from `EventTypeId`.
    ///
    /// ```
    /// use provider_payloads::{Event, RawJson};
    /// use provider_payloads::viva::{EventTypeId, Message, TransactionPriceCalculated};
    ///
    /// // "Transaction Price Calculated" (1799), as Viva's page shows it.
    /// let body = br#"{"Url":"Your webhook URL","EventData":{"OrderCode":3962594733417127,
    ///     "MerchantId":"784e1924-0723-458d-9a17-d374fce5f9e8","IsvFee":0.10,
    ///     "TransactionId":"07966712-9873-4863-95d3-f5f425ae3618","CurrencyCode":"826",
    ///     "Interchange":0.00105,"TotalCommission":0.26},"Created":"2022-07-28T14:26:16.8743587Z",
    ///     "CorrelationId":"22-209-DEBD5F23","EventTypeId":1799,"Delay":null,
    ///     "MessageId":"1a0fda05-986e-4027-93e3-4b7ff0561425",
    ///     "RecipientId":"784e1924-0723-458d-9a17-d374fce5f9e8","MessageTypeId":512}"#;
    /// let message = Message::<TransactionPriceCalculated>::from_json(body)?;
    /// assert_eq!(message.event_type_id, EventTypeId::TransactionPriceCalculated);
    /// // The same on every retry: the key to deduplicate on.
    /// assert_eq!(message.message_id.as_deref(), Some("1a0fda05-986e-4027-93e3-4b7ff0561425"));
    /// assert_eq!(message.event_data.total_commission.unwrap().to_string(), "0.26");
    /// assert_eq!(message.event_data.currency_code.unwrap().alphabetic(), Some("GBP"));
    /// let Some(Event::Fee(fee)) = message.event() else { panic!() };
    /// assert_eq!((fee.amount, fee.currency.as_deref()), (message.event_data.total_commission, Some("GBP")));
    /// // A commission can be calculated again: the key names the notification too.
    /// assert_eq!(fee.idempotency_key, "viva:07966712-9873-4863-95d3-f5f425ae3618:fee:1a0fda05-986e-4027-93e3-4b7ff0561425");
    ///
    /// // Any event's data can be kept as it came.
    /// let raw = Message::<RawJson>::from_json(body)?;
    /// assert!(raw.event_data.get().contains(r#""IsvFee":0.10"#));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct Message<T> {
        /// What happened: the transaction the event is about, for transaction events.
        #[serde(rename = "EventData")]
        pub event_data: T,
        /// Which event this is.
        #[serde(rename = "EventTypeId")]
        pub event_type_id: EventTypeId,
        /// When Viva created the message, as written (`2014-06-18T14:20:30.45+03:00` in
        /// the document; UTC with seven decimals, `2024-06-10T06:55:08.3492636Z`, in real
        /// webhooks). Every sample has it; a message without it is read.
        #[serde(rename = "Created", default)]
        pub created: Option<Timestamp>,
        /// The message's id (real webhooks; not in the document): the same on every
        /// retry, so the key to deduplicate on.
        #[serde(rename = "MessageId", default)]
        pub message_id: Option<String>,
        /// Viva's correlation id (real webhooks: `24-162-AEF1BDA5`).
        #[serde(rename = "CorrelationId", default)]
        pub correlation_id: Option<String>,
        /// The URL the message was posted to (real webhooks).
        #[serde(rename = "Url", default)]
        pub url: Option<String>,
        /// The merchant the message is for (real webhooks).
        #[serde(rename = "RecipientId", default)]
        pub recipient_id: Option<String>,
        /// The kind of message (real webhooks: always `512`).
        #[serde(rename = "MessageTypeId", default)]
        pub message_type_id: Option<i64>,
        /// How many retries were left or made (real webhooks; Viva does not document
        /// which).
        #[serde(rename = "RetryCount", default)]
        pub retry_count: Option<i64>,
        /// The delay before a retry, in seconds (`null` in every sample).
        #[serde(rename = "RetryDelayInSeconds", default)]
        pub retry_delay_in_seconds: Option<i64>,
        /// "A timespan for messages sent at a future date" (a third party's words; `null`
        /// in every sample, typed as a string by some, an integer by others): kept as sent.
        #[serde(rename = "Delay", default)]
        pub delay: Option<RawJson>,
    }
}

impl<T> Message<T> {
    /// Which event the message reports: its `EventTypeId`.
    pub fn event_type_id(&self) -> EventTypeId {
        self.event_type_id
    }

    /// When Viva created the message, if it says: its `Created`.
    pub fn created(&self) -> Option<&Timestamp> {
        self.created.as_ref()
    }

    /// The HTTP answer Viva expects: 200 with an empty body ([`Answer::OK`]); "if you
    /// respond with http status 200" it does not retry.
    pub fn answer(&self) -> Answer {
        Answer::OK
    }

    /// What tells this notification from another of the same thing and state, for an
    /// event that can recur (an order updated, a verification changed, a commission
    /// calculated): its `MessageId`, which Viva keeps on a redelivery; without one, a
    /// digest of `Created` (which a retry keeps) and of `fields`, what the event's data
    /// says; `None` where the body has none of them.
    pub(crate) fn distinct_part(&self, fields: &[Option<String>]) -> Option<String> {
        if let Some(id) = &self.message_id {
            return Some(id.clone());
        }
        let created = self.created.map(|created| created.to_string());
        let mut all = vec![created.as_deref()];
        all.extend(fields.iter().map(Option::as_deref));
        all.iter().any(Option::is_some).then(|| fields_digest(&all))
    }

    /// A message of `event_type_id` created at `created`, with nothing else set.
    pub fn new(event_type_id: EventTypeId, created: Timestamp, event_data: T) -> Self {
        Message {
            event_data,
            event_type_id,
            created: Some(created),
            message_id: None,
            correlation_id: None,
            url: None,
            recipient_id: None,
            message_type_id: None,
            retry_count: None,
            retry_delay_in_seconds: None,
            delay: None,
            as_sent: AsSent::default(),
        }
    }
}

impl<T> Kind for Message<T>
where
    T: DeserializeOwned + Serialize + ListUnrecognized,
{
    const NAME: &'static str = MESSAGE;
    const FIELDS: &'static [&'static str] = <Self as Fields>::FIELDS;

    fn read(body: &[u8]) -> Result<Self, Error> {
        crate::wire::json::from_json(body, Provider::Viva, MESSAGE)
    }
}

impl<T> Message<T>
where
    T: DeserializeOwned + Serialize + ListUnrecognized,
{
    /// The payload kind's name, as errors give it: `"webhook message"`.
    pub fn kind(&self) -> &'static str {
        MESSAGE
    }

    entry_points! {
        Provider::Viva, <Self as Kind>::read,
        /// Reads a message whose event data is a `T`, from the raw request body.
        ///
        /// The event type is not checked against `T`;
        /// [`Webhook::from_json`](super::Webhook::from_json) chooses `T` from it. Fields
        /// the document does not list are kept; the error names the field that does not
        /// hold what the document says (`EventData.Amount`).
    }
}
