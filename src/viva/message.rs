//! `Message<T>`: the envelope of every webhook Viva posts, and [`Webhook`], which reads
//! the event data as the type its `EventTypeId` names.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::order::OrderUpdated;
use super::platform::{AccountConnected, AccountVerificationStatusChanged, TransferCreated};
use super::transaction::{PosEcrSession, TransactionEventData, TransactionPriceCalculated};
use super::types::EventTypeId;
use super::wallet::{AccountTransactionCreated, CommandBankTransfer};
use crate::event::{Event, fields_digest};
use crate::raw_json::RawJson;
use crate::timestamp::Timestamp;
use crate::wire::kinds::{Kind, kinds};
use crate::wire::object::{AsSent, Fields, wire_object};
use crate::{Answer, Error, Limits, ListUnrecognized, Provider, UnknownFields};

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
    /// `T` is the event data: [`TransactionEventData`] for transaction events, [`RawJson`]
    /// to keep it as it came. [`Webhook::from_json`] picks it from `EventTypeId`.
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

    fn unknown_fields(&self) -> &UnknownFields {
        Message::unknown_fields(self)
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
    /// that does not hold what the document says (`EventData.Amount`). A body over
    /// [`Limits::DEFAULT_BODY`] is refused: [`from_json_with`](Self::from_json_with) sets
    /// your own limit.
    pub fn from_json(body: &[u8]) -> Result<Self, Error> {
        Self::from_json_with(body, &Limits::new())
    }

    /// [`from_json`](Self::from_json) with limits of your own: a body larger than
    /// [`Limits::max_body`] is refused with [`Error::TooLarge`] before it is read.
    pub fn from_json_with(body: &[u8], limits: &Limits) -> Result<Self, Error> {
        limits.check(body.len())?;
        Kind::read(body)
    }

    /// Like [`from_json`](Self::from_json), refusing any field or value the document
    /// does not list.
    pub fn from_json_strict(body: &[u8]) -> Result<Self, Error> {
        Self::from_json_strict_with(body, &Limits::new())
    }

    /// [`from_json_strict`](Self::from_json_strict) with limits of your own, as
    /// [`from_json_with`](Self::from_json_with) has them.
    pub fn from_json_strict_with(body: &[u8], limits: &Limits) -> Result<Self, Error> {
        limits.check(body.len())?;
        crate::wire::json::from_json_strict(body, Provider::Viva, MESSAGE)
    }

    /// Writes the message back as Viva sent it: the same fields, unknown ones included.
    pub fn to_json(&self) -> Result<Vec<u8>, Error> {
        crate::wire::json::to_json(self, Provider::Viva, MESSAGE)
    }
}

kinds! {
    /// A webhook message with its event data read as the type its `EventTypeId` names:
    /// the table of Viva's webhook messages, what [`Webhook::from_json`] returns.
    ///
    /// ```
    /// use provider_payloads::viva::{EventTypeId, Webhook};
    /// use provider_payloads::rust_decimal::Decimal;
    ///
    /// let body = br#"{"EventData":{"Amount":100.50,"CurrencyCode":978,
    ///     "InsDate":"2014-06-18T14:20:30.45+03:00","MerchantId":"m","OrderCode":776027772607,
    ///     "StatusId":"F","TransactionId":"t","TransactionTypeId":5},
    ///     "EventTypeId":1796,"Created":"2014-06-18T14:20:30.45+03:00"}"#;
    /// match Webhook::from_json(body)? {
    ///     Webhook::Transaction(message) => {
    ///         assert_eq!(message.event_type_id, EventTypeId::TransactionPaymentCreated);
    ///         assert_eq!(message.event_data.amount, Decimal::new(10050, 2));
    ///         assert_eq!(message.event_data.currency_code.unwrap().alphabetic(), Some("EUR"));
    ///     }
    ///     Webhook::Other(message) => println!("event {} kept raw", message.event_type_id),
    ///     _ => {}
    /// }
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    #[allow(
        clippy::large_enum_variant,
        reason = "`Other` is the size of the other payloads (240 bytes); a box would cost an allocation and save no move"
    )]
    pub enum Webhook for Provider::Viva, "webhook message" {
        /// A transaction event: 1796 (created), 1797 (cancelled or refunded), 1798
        /// (failed).
        ///
        /// Boxed: its data has some eighty fields, and a box costs less than moving them
        /// through every enum that holds a webhook.
        Transaction(Box<Message<TransactionEventData>>) requires ["EventTypeId", "EventData"]
            where Value::Codes("EventTypeId", &[1796, 1797, 1798]),
        /// "Transaction Price Calculated" (1799).
        PriceCalculated(Message<TransactionPriceCalculated>) requires ["EventTypeId", "EventData"]
            where Value::Codes("EventTypeId", &[1799]),
        /// "Transaction Pos Ecr Session Created" (1802) or "Failed" (1803).
        PosEcrSession(Box<Message<PosEcrSession>>) requires ["EventTypeId", "EventData"]
            where Value::Codes("EventTypeId", &[1802, 1803]),
        /// "Command Bank Transfer Created" (768) or "Executed" (769).
        CommandBankTransfer(Box<Message<CommandBankTransfer>>) requires ["EventTypeId", "EventData"]
            where Value::Codes("EventTypeId", &[768, 769]),
        /// "Account Transaction Created" (2054).
        AccountTransaction(Box<Message<AccountTransactionCreated>>) requires ["EventTypeId", "EventData"]
            where Value::Codes("EventTypeId", &[2054]),
        /// "Order Updated" (4865).
        OrderUpdated(Box<Message<OrderUpdated>>) requires ["EventTypeId", "EventData"]
            where Value::Codes("EventTypeId", &[4865]),
        /// "Account Connected" (8193).
        AccountConnected(Message<AccountConnected>) requires ["EventTypeId", "EventData"]
            where Value::Codes("EventTypeId", &[8193]),
        /// "Account Verification Status Changed" (8194).
        AccountVerificationStatusChanged(Message<AccountVerificationStatusChanged>) requires ["EventTypeId", "EventData"]
            where Value::Codes("EventTypeId", &[8194]),
        /// "Transfer Created" (8448).
        TransferCreated(Box<Message<TransferCreated>>) requires ["EventTypeId", "EventData"]
            where Value::Codes("EventTypeId", &[8448]),
        /// Any other event (an id no one has listed), its data kept as it came.
        Other(Message<RawJson>) requires ["EventTypeId", "EventData"]
            where Value::Otherwise("EventTypeId"),
    }
    delegate {
        /// Which event the message reports.
        pub fn event_type_id(&self) -> EventTypeId;
        /// When Viva created the message, if it says.
        pub fn created(&self) -> Option<&Timestamp>;
        /// What happened, in the one model of every provider (the
        /// [`event`](crate::event) module has the mapping); `None` for an event that
        /// reports none of it.
        pub fn event(&self) -> Option<Event>;
        /// The HTTP answer Viva expects: 200 with an empty body ([`Answer::OK`]).
        pub fn answer(&self) -> Answer;
    }
}

impl Message<RawJson> {
    /// Nothing: the data of an event no one has listed is kept as it came, and reports
    /// no event.
    pub fn event(&self) -> Option<Event> {
        None
    }
}
