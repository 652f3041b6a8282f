//! NXCloud Viber callbacks: the "Message Callback Service".
//!
//! NXCloud "push\[es\] Viber-related information to the provided webhook URL" as a JSON
//! `POST`, to one of two URLs:
//!
//! | URL | body | type |
//! | --- | --- | --- |
//! | `dr_webhook` | the status of a sent message: failed, delivered, seen or expired | [`Receipt`] |
//! | `message_webhook` | a user's reply to a sent message: text or media | [`Reply`] |
//!
//! [`Callback::from_json`] takes either body and tells them apart by their keys; use
//! [`Receipt::from_json`] or [`Reply::from_json`] when the URL already says which it is.
//! Answer with HTTP 200.
//!
//! **Authenticity.** NXCloud signs nothing and documents no token or source addresses
//! for its callbacks: anyone who knows the URL can post to it. Keep the URL secret (a
//! random path segment) and treat a receipt as a claim, checked against the request ids
//! you sent.
//!
//! ```
//! use provider_payloads::nxcloud::{Callback, ReceiptStatus, ReplyMessage, StatusCode};
//!
//! let body = br#"{
//!     "status": "seen",
//!     "requestId": "f6a7d49946094857ae02812969a83056",
//!     "code": 11002,
//!     "message": "Viber message has seen",
//!     "sendTime": "2023-07-13 15:12:11"
//! }"#;
//! match Callback::from_json(body)? {
//!     Callback::Receipt(receipt) => {
//!         assert_eq!(receipt.status, ReceiptStatus::Seen);
//!         assert_eq!(receipt.code, StatusCode::ViberMessageSeen);
//!         assert_eq!(receipt.code.solution(), Some("Message has been read"));
//!     }
//!     Callback::Reply(reply) => match reply.message {
//!         ReplyMessage::Text(text) => println!("{} wrote {}", reply.phone, text.text),
//!         ReplyMessage::Media(media) => println!("{} sent {}", reply.phone, media.media),
//!         _ => println!("{} sent something new", reply.phone),
//!     },
//!     _ => {}
//! }
//! # Ok::<(), provider_payloads::Error>(())
//! ```

use chrono::NaiveDateTime;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Provider;
use crate::event::{self, DeliveryState, Event, InboundContent};
use crate::timestamp::Timestamp;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized, UnrecognizedKind};
use crate::wire::enums::{code_enum, string_enum};
use crate::wire::json::json_payload;
use crate::wire::kinds::kinds;
use crate::wire::object::wire_object;

string_enum! {
    /// "Receipt status": what became of a sent Viber message.
    pub enum ReceiptStatus {
        /// The message could not be sent.
        Failed = "failed",
        /// The message reached the user's device.
        Delivered = "delivered",
        /// The user saw (read) the message.
        Seen = "seen",
        /// The message expired before it was delivered.
        Expired = "expired",
    }
}

code_enum! {
    /// "Status code": the outcome NXCloud reports with a receipt, from the document's
    /// "Status Code Description" table. [`message`](Self::message) and
    /// [`solution`](Self::solution) give the table's text.
    pub enum StatusCode {
        /// "Customer does not exist / Status is unavailable".
        CustomerUnavailable = 1100,
        /// "Insufficient balance".
        InsufficientBalance = 1102,
        /// "Request parameter error".
        RequestParameterError = 9000,
        /// "System business error".
        SystemBusinessError = 9001,
        /// "Phone number error".
        PhoneNumberError = 9002,
        /// "Customer APP does not exist / Status is unavailable".
        CustomerAppUnavailable = 9003,
        /// "Customer APP does not have quotation".
        CustomerAppWithoutQuotation = 9004,
        /// "Missing customer APP routes".
        CustomerAppRoutesMissing = 9005,
        /// "Unknown error".
        UnknownError = 9999,
        /// "Viber send error".
        ViberSendError = 11000,
        /// "Viber message has delivered".
        ViberMessageDelivered = 11001,
        /// "Viber message has seen".
        ViberMessageSeen = 11002,
        /// "Viber message has expired".
        ViberMessageExpired = 11003,
    }
}

impl StatusCode {
    /// The document's "message" for this code; `None` for a code it does not list.
    pub fn message(&self) -> Option<&'static str> {
        self.table_row().map(|(message, _)| message)
    }

    /// The document's "Solution" for this code; `None` for a code it does not list.
    pub fn solution(&self) -> Option<&'static str> {
        self.table_row().map(|(_, solution)| solution)
    }

    /// The row of the "Status Code Description" table: message and solution.
    fn table_row(&self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Self::CustomerUnavailable => (
                "Customer does not exist / Status is unavailable",
                "Account status exception, contact the business personnel to handle the account issue",
            ),
            Self::InsufficientBalance => (
                "Insufficient balance",
                "Insufficient account balance, please contact the business personnel to recharge",
            ),
            Self::RequestParameterError => (
                "Request parameter error",
                "Missing parameters, please check the required parameters",
            ),
            Self::SystemBusinessError => (
                "System business error",
                "System business error, please contact the technical personnel to troubleshoot the issue",
            ),
            Self::PhoneNumberError => (
                "Phone number error",
                "Invalid phone number, please check the correctness of the number",
            ),
            Self::CustomerAppUnavailable => (
                "Customer APP does not exist / Status is unavailable",
                "Application status exception, contact the business personnel to handle the creation/disabling of the cloud platform application",
            ),
            Self::CustomerAppWithoutQuotation => (
                "Customer APP does not have quotation",
                "Application quotation missing, contact the business personnel to handle the application quotation issue",
            ),
            Self::CustomerAppRoutesMissing => (
                "Missing customer APP routes",
                "Application routes missing, please contact the technical personnel to investigate the routes",
            ),
            Self::UnknownError => (
                "Unknown error",
                "Please contact the technical personnel to troubleshoot the issue",
            ),
            Self::ViberSendError => (
                "Viber send error",
                "Viber official send failure error message",
            ),
            Self::ViberMessageDelivered => {
                ("Viber message has delivered", "Message has been delivered")
            }
            Self::ViberMessageSeen => ("Viber message has seen", "Message has been read"),
            Self::ViberMessageExpired => ("Viber message has expired", "Message has expired"),
            Self::Other(_) => return None,
        })
    }
}

wire_object! {
    /// A message receipt: "after sending a Viber message, receive a callback for the
    /// message status", posted to the `dr_webhook` URL.
    pub struct Receipt {
        /// "Receipt status".
        #[serde(rename = "status")]
        pub status: ReceiptStatus,
        /// "Message send request identifier": the id NXCloud gave the send request.
        #[serde(rename = "requestId")]
        pub request_id: String,
        /// "Status code".
        #[serde(rename = "code")]
        pub code: StatusCode,
        /// "Status code information", as sent (the table's text is
        /// [`StatusCode::message`]). Every sample has it; a receipt without it, or with
        /// `null`, is read.
        #[serde(rename = "message", default)]
        pub message: Option<String>,
        /// "Sending time", as NXCloud wrote it: a local time with no time zone. Some
        /// current samples leave it out.
        #[serde(rename = "sendTime", default, with = "crate::wire::time::date_time_seconds_option")]
        pub send_time: Option<NaiveDateTime>,
    }
}
json_payload!(Receipt, Provider::NxCloud, "receipt");

wire_object! {
    /// A message reply: "the content of user replies to the client's message", posted to
    /// the `message_webhook` URL.
    pub struct Reply {
        /// "Viber user number with country code".
        #[serde(rename = "phone")]
        pub phone: String,
        /// "Client application appkey".
        #[serde(rename = "appkey")]
        pub appkey: String,
        /// "Message reply corresponding to the client's message request identifier": the
        /// request id of the message this replies to.
        #[serde(rename = "traceRequestId")]
        pub trace_request_id: String,
        /// "Message body content".
        #[serde(rename = "message")]
        pub message: ReplyMessage,
        /// "Sending time", as NXCloud wrote it: a local time with no time zone.
        #[serde(rename = "sendTime", with = "crate::wire::time::date_time_seconds")]
        pub send_time: NaiveDateTime,
    }
}
json_payload!(Reply, Provider::NxCloud, "reply");

/// The body of a reply: text, or media with its file name.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ReplyMessage {
    /// A text message: the object has `text` alone.
    Text(TextMessage),
    /// A media message: the object has `media`, and `fileName` beside it.
    Media(MediaMessage),
    /// Neither of those: no content, a kind of message the document does not describe,
    /// or text and media together. Kept whole, and listed as unrecognized.
    Other(OtherMessage),
}

wire_object! {
    /// A text reply.
    pub struct TextMessage {
        /// "Text message".
        #[serde(rename = "text")]
        pub text: String,
    }
}

wire_object! {
    /// A media reply.
    pub struct MediaMessage {
        /// "Media message content": where to fetch the media. Kept as sent: the
        /// document's own sample is `https:media-link`, which is not a valid URL.
        #[serde(rename = "media")]
        pub media: String,
        /// "Media name".
        #[serde(rename = "fileName", default)]
        pub file_name: Option<String>,
    }
}

wire_object! {
    /// A reply body that is neither plain text nor media, with whatever of the documented
    /// fields it has.
    pub struct OtherMessage {
        /// "Text message".
        #[serde(rename = "text", default)]
        pub text: Option<String>,
        /// "Media message content".
        #[serde(rename = "media", default)]
        pub media: Option<String>,
        /// "Media name".
        #[serde(rename = "fileName", default)]
        pub file_name: Option<String>,
    }
}

impl OtherMessage {
    /// Whether the field `name` was in the object at all, even as `null`.
    fn has(&self, name: &str, value: &Option<String>) -> bool {
        value.is_some() || self.wire.held_nothing(name)
    }
}

impl<'de> Deserialize<'de> for ReplyMessage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let body = OtherMessage::deserialize(deserializer)?;
        let has_text = body.has("text", &body.text);
        let has_media = body.has("media", &body.media);
        let has_file_name = body.has("fileName", &body.file_name);
        Ok(match body {
            OtherMessage {
                text: Some(text),
                wire,
                ..
            } if !has_media && !has_file_name => ReplyMessage::Text(TextMessage { text, wire }),
            OtherMessage {
                media: Some(media),
                file_name,
                wire,
                ..
            } if !has_text => ReplyMessage::Media(MediaMessage {
                media,
                file_name,
                wire,
            }),
            other => ReplyMessage::Other(other),
        })
    }
}

impl Serialize for ReplyMessage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ReplyMessage::Text(text) => text.serialize(serializer),
            ReplyMessage::Media(media) => media.serialize(serializer),
            ReplyMessage::Other(other) => other.serialize(serializer),
        }
    }
}

impl ListUnrecognized for ReplyMessage {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        match self {
            ReplyMessage::Text(text) => text.list_unrecognized(at, found),
            ReplyMessage::Media(media) => media.list_unrecognized(at, found),
            ReplyMessage::Other(other) => found.push(Unrecognized::new(
                at,
                UnrecognizedKind::Value {
                    value: serde_json::to_string(other).unwrap_or_default(),
                },
            )),
        }
    }
}

kinds! {
    /// Either NXCloud callback, told apart by its keys: the table of NXCloud's kinds.
    pub enum Callback for Provider::NxCloud, "callback" {
        /// A message receipt (`dr_webhook`).
        Receipt(Receipt) requires ["status", "requestId", "code"],
        /// A message reply (`message_webhook`).
        Reply(Reply) requires ["phone", "appkey", "traceRequestId"],
    }
}

impl ReceiptStatus {
    /// The normalized state: `failed` is Failed, `delivered` Delivered, `seen` Read,
    /// `expired` Expired, any other Unknown.
    pub fn delivery_state(&self) -> DeliveryState {
        match self {
            ReceiptStatus::Failed => DeliveryState::Failed,
            ReceiptStatus::Delivered => DeliveryState::Delivered,
            ReceiptStatus::Seen => DeliveryState::Read,
            ReceiptStatus::Expired => DeliveryState::Expired,
            ReceiptStatus::Other(_) => DeliveryState::Unknown,
        }
    }
}

impl Receipt {
    /// The receipt as a normalized delivery report. NXCloud's `code` and `message` travel
    /// as the error unless the receipt reports a delivery or a read.
    pub fn event(&self) -> event::Delivery {
        let state = self.status.delivery_state();
        let error = (!matches!(state, DeliveryState::Delivered | DeliveryState::Read)).then(|| {
            event::ProviderError {
                code: self.code.to_string(),
                message: self.message.clone(),
            }
        });
        event::Delivery {
            provider: Provider::NxCloud,
            message_id: self.request_id.clone(),
            recipient: None,
            state,
            error,
            at: self.send_time.map(Timestamp::local),
            cost: None,
            counts: None,
            idempotency_key: event::idempotency_key(
                Provider::NxCloud,
                &self.request_id,
                state.as_str(),
            ),
        }
    }
}

impl Reply {
    /// The reply as a normalized inbound message, from `phone`, in reply to
    /// `traceRequestId`. NXCloud gives a reply no id of its own, so its idempotency key
    /// is built from the request it answers, the sender and the time.
    pub fn event(&self) -> event::Inbound {
        let content = match &self.message {
            ReplyMessage::Text(text) => InboundContent::Text {
                text: text.text.clone(),
            },
            ReplyMessage::Media(media) => InboundContent::Media {
                url: media.media.clone(),
                file_name: media.file_name.clone(),
            },
            ReplyMessage::Other(_) => InboundContent::Other,
        };
        let at = Timestamp::local(self.send_time);
        // A reply has no id of its own: two replies to one message in the same second
        // differ only by their content.
        let written = serde_json::to_vec(&self.message).unwrap_or_default();
        let id = format!(
            "{}:{}:{at}:{:016x}",
            self.trace_request_id,
            self.phone,
            event::content_digest(&written)
        );
        event::Inbound {
            provider: Provider::NxCloud,
            message_id: None,
            from: Some(self.phone.clone()),
            content,
            in_reply_to: Some(self.trace_request_id.clone()),
            at: Some(at),
            idempotency_key: event::idempotency_key(Provider::NxCloud, &id, "inbound"),
        }
    }
}

impl Callback {
    /// The callback as a normalized event: a delivery for a receipt, an inbound message
    /// for a reply.
    pub fn event(&self) -> Event {
        match self {
            Callback::Receipt(receipt) => Event::Delivery(receipt.event()),
            Callback::Reply(reply) => Event::Inbound(reply.event()),
        }
    }
}
