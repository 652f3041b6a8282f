//! The webhook messages API: list the messages Viva sent, see one with its deliveries,
//! and ask for it again.
//!
//! The document's response examples are schemas (`"eventTypeId": "int"`) with three
//! slips: `"created "` and `"deliveryId "` end in a space, and the message's payload is
//! written `"string": "payload"` (type and name swapped). The service sends JSON keys
//! without spaces, so both spellings are read: `created`/`created `,
//! `deliveryId`/`deliveryId `, and `payload`/`string`. Each is written back in the
//! spelling it came in, so a body of either kind round-trips unchanged.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::types::EventTypeId;
use crate::Provider;
use crate::raw_json::RawJson;
use crate::timestamp::Timestamp;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};
use crate::wire::enums::code_enum;
use crate::wire::kinds::json_payload;
use crate::wire::object::wire_object;
use crate::wire::query::encode;

/// "List messages": `GET /webhooks/v1/messages`.
pub const MESSAGES_PATH: &str = "/webhooks/v1/messages";

code_enum! {
    /// `responseStatus`: how the receiver answered a delivery. "1 for success, 2 for
    /// fail"; other codes are kept.
    pub enum ResponseStatus {
        /// The receiver answered HTTP 200.
        Success = 1,
        /// It did not; Viva retries.
        Fail = 2,
    }
}

/// The query of "List messages": which messages to list.
///
/// ```
/// use provider_payloads::viva::{EventTypeId, ListMessages, ResponseStatus};
///
/// let query = ListMessages::new(EventTypeId::TransactionPaymentCreated)
///     .before("2024-06-10T09:55:07.957+03:00".parse().unwrap())
///     .response_status(ResponseStatus::Fail);
/// assert_eq!(
///     query.path_and_query(),
///     "/webhooks/v1/messages?eventTypeId=1796&before=2024-06-10T09%3A55%3A07.957%2B03%3A00&responseStatus=2"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListMessages {
    /// "Filter all messages with the specified eventTypeId" (required).
    pub event_type_id: EventTypeId,
    /// "Retrieve all messages before the specified date."
    pub before: Option<Timestamp>,
    /// "1 for success, 2 for fail. Omit for all statuses".
    pub response_status: Option<ResponseStatus>,
}

impl ListMessages {
    /// The messages of one event type, of any status, at any time.
    pub fn new(event_type_id: EventTypeId) -> Self {
        ListMessages {
            event_type_id,
            before: None,
            response_status: None,
        }
    }

    /// Only the messages created before `before`.
    pub fn before(self, before: Timestamp) -> Self {
        ListMessages {
            before: Some(before),
            ..self
        }
    }

    /// Only the messages whose delivery ended so.
    pub fn response_status(self, response_status: ResponseStatus) -> Self {
        ListMessages {
            response_status: Some(response_status),
            ..self
        }
    }

    /// The query string, without `?`: `eventTypeId=1796&before=...&responseStatus=2`.
    pub fn query(&self) -> String {
        let mut query = format!("eventTypeId={}", self.event_type_id);
        if let Some(before) = &self.before {
            // Writing to a String cannot fail.
            let _ = write!(query, "&before={}", encode(&before.to_string()));
        }
        if let Some(status) = self.response_status {
            let _ = write!(query, "&responseStatus={status}");
        }
        query
    }

    /// The path with the query, to append to the API's host.
    pub fn path_and_query(&self) -> String {
        format!("{MESSAGES_PATH}?{}", self.query())
    }
}

/// "Get message details by ID": `GET /webhooks/v1/messages/{messageId}`, the id
/// percent-encoded.
///
/// ```
/// use provider_payloads::viva::{message_details_path, redeliver_path};
///
/// let id = "31eb6552-2e6f-44b7-b63c-e84fec68e65f";
/// assert_eq!(message_details_path(id), "/webhooks/v1/messages/31eb6552-2e6f-44b7-b63c-e84fec68e65f");
/// assert_eq!(redeliver_path(id), "/webhooks/v1/messages/31eb6552-2e6f-44b7-b63c-e84fec68e65f:redeliver");
/// ```
pub fn message_details_path(message_id: &str) -> String {
    format!("{MESSAGES_PATH}/{}", encode(message_id))
}

/// "Attempt to redeliver a message": `POST /webhooks/v1/messages/{messageId}:redeliver`.
pub fn redeliver_path(message_id: &str) -> String {
    format!("{MESSAGES_PATH}/{}:redeliver", encode(message_id))
}

/// Declares a record of the messages API: the fields a listed message and its details
/// share, then the struct's own. Required are the message's id, its event type and how
/// its delivery ended: what names it and its state; the rest is optional.
macro_rules! message_record {
    (
        $(#[doc = $doc:expr])*
        pub struct $name:ident { $($fields:tt)* }
        keep_spellings { $($spellings:tt)* }
    ) => {
        wire_object! {
            $(#[doc = $doc])*
            pub struct $name {
                /// The message's id.
                #[serde(rename = "messageId")]
                pub message_id: String,
                /// The event it reported.
                #[serde(rename = "eventTypeId")]
                pub event_type_id: EventTypeId,
                /// When Viva created it (the document writes the key `"created "`).
                #[serde(rename = "created", alias = "created ", default)]
                pub created: Option<Timestamp>,
                /// How its last delivery ended.
                #[serde(rename = "responseStatus")]
                pub response_status: ResponseStatus,
                /// The HTTP status the receiver answered, if it answered.
                #[serde(rename = "statusCode", default)]
                pub status_code: Option<u16>,
                /// When it was delivered, if it was.
                #[serde(rename = "delivered", default)]
                pub delivered: Option<Timestamp>,
                /// When Viva will try again, if it will.
                #[serde(rename = "nextRetry", default)]
                pub next_retry: Option<Timestamp>,
                /// The URL it was posted to.
                #[serde(rename = "url", default)]
                pub url: Option<String>,
                $($fields)*
            }
            keep_spellings { "created" = "created ", $($spellings)* }
        }
    };
}

message_record! {
    /// One message of the "List messages" response.
    pub struct MessageSummary {}
    keep_spellings {}
}

/// The "List messages" response: a JSON array of [`MessageSummary`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct MessageList(pub Vec<MessageSummary>);
json_payload!(MessageList, Provider::Viva, "message list");

impl crate::wire::object::Fields for MessageList {
    /// None: an array has no fields (each message has its own).
    const FIELDS: &'static [&'static str] = &[];
}

impl MessageList {
    /// Nothing: an array has no fields (each message keeps its own).
    pub fn unknown_fields(&self) -> &crate::UnknownFields {
        crate::UnknownFields::none()
    }
}

impl ListUnrecognized for MessageList {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        self.0.list_unrecognized(at, found);
    }
}

message_record! {
    /// The "Get message details by ID" response: the message, its payload and each
    /// delivery attempt.
    ///
    /// ```
    /// use provider_payloads::viva::{EventTypeId, MessageDetails, ResponseStatus};
    ///
    /// let body = br#"{"messageId":"uuid","eventTypeId":1796,"created ":"2024-06-10T06:55:08.3492636Z",
    ///     "responseStatus":1,"statusCode":200,"delivered":"2024-06-10T06:55:09.1276553Z",
    ///     "nextRetry":null,"url":"string","string":"payload","deliveries":[{"deliveryId ":"uuid",
    ///     "created ":"2024-06-10T06:55:08.3492636Z","responseStatus":1,"statusCode":200,
    ///     "delivered":"2024-06-10T06:55:09.1276553Z"}]}"#;
    /// let details = MessageDetails::from_json(body)?;
    /// assert_eq!(details.event_type_id, EventTypeId::TransactionPaymentCreated);
    /// let attempt = &details.deliveries[0];
    /// assert_eq!((attempt.response_status, attempt.status_code), (ResponseStatus::Success, Some(200)));
    /// assert_eq!(attempt.delivered.as_ref().unwrap().to_string(), "2024-06-10T06:55:09.1276553Z");
    /// // Written back with the document's spellings, trailing spaces included.
    /// let json = String::from_utf8(details.to_json()?).unwrap();
    /// assert!(json.contains(r#""deliveryId ":"uuid""#) && json.contains(r#""string":"payload""#));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct MessageDetails {
        /// The message as posted (the document writes `"string": "payload"`, a string),
        /// kept as the JSON that came: a string or an object.
        #[serde(rename = "payload", alias = "string", default)]
        pub payload: Option<RawJson>,
        /// Each attempt to deliver it. Required, as the document shows it: a list read
        /// as empty when absent was written back as `"deliveries": []` (found by
        /// fuzzing: `fixtures/viva/invalid/message_details_without_deliveries.json`).
        #[serde(rename = "deliveries")]
        pub deliveries: Vec<Delivery>,
    }
    keep_spellings { "payload" = "string" }
}
json_payload!(MessageDetails, Provider::Viva, "message details");

wire_object! {
    /// One attempt to deliver a message.
    pub struct Delivery {
        /// The attempt's id (the document writes the key `"deliveryId "`).
        #[serde(rename = "deliveryId", alias = "deliveryId ")]
        pub delivery_id: String,
        /// When it was made (the document writes the key `"created "`).
        #[serde(rename = "created", alias = "created ", default)]
        pub created: Option<Timestamp>,
        /// How it ended.
        #[serde(rename = "responseStatus")]
        pub response_status: ResponseStatus,
        /// The HTTP status the receiver answered, if it answered.
        #[serde(rename = "statusCode", default)]
        pub status_code: Option<u16>,
        /// When it was delivered, if it was.
        #[serde(rename = "delivered", default)]
        pub delivered: Option<Timestamp>,
    }
    keep_spellings { "deliveryId" = "deliveryId ", "created" = "created " }
}
