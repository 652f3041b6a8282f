//! Wappin's callback (section 5, "API Callback"): "notifikasi yang di inisiasi oleh sistem
//! WappIn dengan tujuan memberi informasi pengiriman pesan kepada client" (a notification
//! Wappin starts, to tell the client about its messages), posted as JSON to the client's
//! callback URL with `Authorization: Bearer <token>`.
//!
//! Two kinds, told apart by `callback_type`: `status`, the status of a message sent
//! before (sent, delivered, read, failed), and `message`, what a user wrote. The client
//! answers `{"status":"000"}` ([`Acknowledgement`]); "jika respon tidak 000, maka akan di
//! retry sebanyak 3 kali" (any other answer is retried three times).
//!
//! The table and the samples spell two fields differently: `status_message` /
//! `status_messages` and `environtment` / `environment`. Both spellings are read; the
//! samples' (`status_messages`, `environment`) is written.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::status::StatusCode;
use crate::event::{self, DeliveryState, Event, InboundContent};
use crate::timestamp::Timestamp;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};
use crate::wire::enums::string_enum;
use crate::wire::kinds::json_payload;
use crate::wire::object::wire_object;
use crate::{Answer, Provider};

string_enum! {
    /// "Tipe callback": what the callback reports.
    pub enum CallbackType {
        /// "Berisi notifikasi status dari message yg sebelumnya sudah dikirim": the
        /// status of a message sent before.
        Status = "status",
        /// "Notifikasi hasil dari user chat ke whatsapp": a user's message.
        Message = "message",
    }
}

string_enum! {
    /// "Status dari pesan yang dikirim": what became of a sent message.
    pub enum MessageStatus {
        /// Sent to WhatsApp.
        Sent = "sent",
        /// Delivered to the customer's phone.
        Delivered = "delivered",
        /// Read by the customer.
        Read = "read",
        /// Not delivered.
        Failed = "failed",
    }
}

/// Declares a callback type: the fields every callback has, in the samples' order, with
/// the two that tell the kinds apart (`status_messages`, `message_content`) typed as the
/// kind needs them.
macro_rules! callback_object {
    (
        $(#[doc = $doc:expr])*
        pub struct $name:ident {
            $(#[doc = $status_doc:expr])*
            #[serde($($status_serde:tt)*)]
            pub $status:ident: $status_ty:ty,
            $(#[doc = $content_doc:expr])*
            #[serde($($content_serde:tt)*)]
            pub message_content: $content_ty:ty,
        }
    ) => {
        wire_object! {
            $(#[doc = $doc])*
            ///
            /// Required are what a callback is acted on by: the message (`message_id`),
            /// what the callback reports (`callback_type`), and a status callback's
            /// status or a message callback's text. The document's table also marks
            /// `client_id` and `client_name` mandatory; they name the client, which a
            /// callback to its own URL is acted on without, so they are optional too,
            /// like every other field (a refused callback is retried three times, then
            /// lost).
            pub struct $name {
                /// "ID unik pesan": the id the send endpoint gave the message.
                #[serde(rename = "message_id")]
                pub message_id: String,
                /// "ID unik client", kept as sent (`"0009"` keeps its zeros).
                #[serde(rename = "client_id", default)]
                pub client_id: Option<String>,
                /// The client's name (`wappin-info` in the samples).
                #[serde(rename = "client_name", default)]
                pub client_name: Option<String>,
                /// "ID unik projek".
                #[serde(rename = "project_id", default)]
                pub project_id: Option<String>,
                /// "Nama projek".
                #[serde(rename = "project_name", default)]
                pub project_name: Option<String>,
                /// "Nomor pengirim pesan": the number that sent the message.
                #[serde(rename = "sender_number", default)]
                pub sender_number: Option<String>,
                $(#[doc = $status_doc])*
                #[serde($($status_serde)*)]
                pub $status: $status_ty,
                $(#[doc = $content_doc])*
                #[serde($($content_serde)*)]
                pub message_content: $content_ty,
                /// "Environment projek": `PRODUCTION` in the samples (`environtment` in
                /// the table).
                #[serde(rename = "environment", alias = "environtment", default)]
                pub environment: Option<String>,
                /// "Waktu pesan dikirim": when, sent as unix seconds in a string.
                #[serde(rename = "timestamp", default, with = "crate::wire::time::unix_seconds_option")]
                pub timestamp: Option<DateTime<Utc>>,
                /// "Tipe callback".
                #[serde(rename = "callback_type")]
                pub callback_type: CallbackType,
            }
        }
    };
}

callback_object! {
    /// A status callback (`callback_type` `status`): what became of a message sent
    /// before.
    pub struct StatusCallback {
        /// "Status dari pesan yang dikirim" (`status_messages`, or `status_message` as the
        /// table spells it).
        #[serde(rename = "status_messages", alias = "status_message")]
        pub status: MessageStatus,
        /// "Isi dari pesan yang dikirim": `-` in a status callback.
        #[serde(rename = "message_content", default)]
        pub message_content: Option<String>,
    }
}

callback_object! {
    /// A message callback (`callback_type` `message`): what a user wrote to the client's
    /// number, the keyword of a chat bot.
    pub struct MessageCallback {
        /// `-` in a message callback.
        #[serde(rename = "status_messages", alias = "status_message", default)]
        pub status_message: Option<String>,
        /// The user's text.
        #[serde(rename = "message_content")]
        pub message_content: String,
    }
}

callback_object! {
    /// A callback of a type the document does not describe, with the documented fields it
    /// has; kept whole, and listed as unrecognized.
    pub struct OtherCallback {
        /// "Status dari pesan yang dikirim", as sent.
        #[serde(rename = "status_messages", alias = "status_message", default)]
        pub status_message: Option<String>,
        /// "Isi dari pesan yang dikirim", as sent.
        #[serde(rename = "message_content", default)]
        pub message_content: Option<String>,
    }
}

/// A Wappin callback, as `callback_type` says.
///
/// ```
/// use provider_payloads::wappin::{Acknowledgement, Callback, MessageStatus};
///
/// let body = br#"{"message_id":"5cdbe7774a059","client_id":"0009","client_name":"wappin-info",
///     "status_messages":"delivered","timestamp":"1557915512","callback_type":"status"}"#;
/// match Callback::from_json(body)? {
///     Callback::Status(status) => {
///         assert_eq!(status.status, MessageStatus::Delivered);
///         assert_eq!(status.client_id.as_deref(), Some("0009"));
///         assert_eq!(status.timestamp.unwrap().timestamp(), 1557915512);
///     }
///     Callback::Message(message) => println!("{:?} wrote {}", message.sender_number, message.message_content),
///     _ => {}
/// }
/// // The HTTP answer Wappin expects.
/// assert_eq!(Acknowledgement::BODY, br#"{"status":"000"}"#);
/// # Ok::<(), provider_payloads::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Callback {
    /// `callback_type` `status`.
    Status(StatusCallback),
    /// `callback_type` `message`.
    Message(MessageCallback),
    /// Any other `callback_type`.
    Other(OtherCallback),
}
json_payload!(Callback, Provider::Wappin, "callback");

impl crate::wire::object::Fields for Callback {
    /// Every callback's fields: [`OtherCallback`] reads them all.
    const FIELDS: &'static [&'static str] = <OtherCallback as crate::wire::object::Fields>::FIELDS;
}

impl Callback {
    /// What Wappin expects back from every callback: HTTP 200 with `{"status":"000"}`
    /// ([`Acknowledgement::BODY`]); any other answer is retried.
    pub const ANSWER: Answer = Answer::json(Cow::Borrowed(Acknowledgement::BODY));

    /// The `callback_type`.
    pub fn callback_type(&self) -> &CallbackType {
        match self {
            Callback::Status(status) => &status.callback_type,
            Callback::Message(message) => &message.callback_type,
            Callback::Other(other) => &other.callback_type,
        }
    }

    /// The fields Wappin sent that its document does not name.
    pub fn unknown_fields(&self) -> &crate::UnknownFields {
        match self {
            Callback::Status(status) => status.unknown_fields(),
            Callback::Message(message) => message.unknown_fields(),
            Callback::Other(other) => other.unknown_fields(),
        }
    }

    /// The `message_id` the callback is about.
    pub fn message_id(&self) -> &str {
        match self {
            Callback::Status(status) => &status.message_id,
            Callback::Message(message) => &message.message_id,
            Callback::Other(other) => &other.message_id,
        }
    }
}

impl<'de> Deserialize<'de> for Callback {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let body = OtherCallback::deserialize(deserializer)?;
        // Moves the fields every callback has from the body into a callback kind.
        macro_rules! from_body {
            ($kind:ident { $($field:ident: $value:expr),* }) => {
                $kind {
                    message_id: body.message_id,
                    client_id: body.client_id,
                    client_name: body.client_name,
                    project_id: body.project_id,
                    project_name: body.project_name,
                    sender_number: body.sender_number,
                    environment: body.environment,
                    timestamp: body.timestamp,
                    callback_type: body.callback_type,
                    as_sent: body.as_sent,
                    $($field: $value,)*
                }
            };
        }
        Ok(match body.callback_type {
            CallbackType::Status => {
                let Some(status) = body.status_message else {
                    return Err(D::Error::custom(
                        "a `status` callback has no `status_messages` (or `status_message`)",
                    ));
                };
                Callback::Status(from_body!(StatusCallback {
                    status: MessageStatus::from(status),
                    message_content: body.message_content
                }))
            }
            CallbackType::Message => {
                let Some(message_content) = body.message_content else {
                    return Err(D::Error::custom(
                        "a `message` callback has no `message_content`",
                    ));
                };
                Callback::Message(from_body!(MessageCallback {
                    status_message: body.status_message,
                    message_content: message_content
                }))
            }
            CallbackType::Other(_) => Callback::Other(body),
        })
    }
}

impl Serialize for Callback {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Callback::Status(status) => status.serialize(serializer),
            Callback::Message(message) => message.serialize(serializer),
            Callback::Other(other) => other.serialize(serializer),
        }
    }
}

impl ListUnrecognized for Callback {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        match self {
            Callback::Status(status) => status.list_unrecognized(at, found),
            Callback::Message(message) => message.list_unrecognized(at, found),
            Callback::Other(other) => other.list_unrecognized(at, found),
        }
    }
}

wire_object! {
    /// The answer a client gives to a callback: "Response 000 menandakan sukses"
    /// (`{"status":"000"}` means success; any other answer is retried).
    pub struct Acknowledgement {
        /// `000`.
        #[serde(rename = "status")]
        pub status: StatusCode,
    }
}
json_payload!(Acknowledgement, Provider::Wappin, "acknowledgement");

impl Acknowledgement {
    /// The body to answer every callback with.
    pub const BODY: &'static [u8] = br#"{"status":"000"}"#;

    /// The answer that tells Wappin the callback arrived: `{"status":"000"}`.
    pub fn received() -> Self {
        Acknowledgement {
            status: StatusCode::Received,
            as_sent: Default::default(),
        }
    }
}

impl Default for Acknowledgement {
    /// [`Acknowledgement::received`].
    fn default() -> Self {
        Acknowledgement::received()
    }
}

impl MessageStatus {
    /// The normalized state: `sent`, `delivered`, `read` and `failed` are themselves; any
    /// other status is Unknown.
    pub fn delivery_state(&self) -> DeliveryState {
        match self {
            MessageStatus::Sent => DeliveryState::Sent,
            MessageStatus::Delivered => DeliveryState::Delivered,
            MessageStatus::Read => DeliveryState::Read,
            MessageStatus::Failed => DeliveryState::Failed,
            MessageStatus::Other(_) => DeliveryState::Unknown,
        }
    }
}

impl StatusCallback {
    /// The callback as a normalized event: its [`delivery`](Self::delivery).
    pub fn event(&self) -> Option<Event> {
        Some(Event::Delivery(self.delivery()))
    }

    /// What Wappin expects back: [`Callback::ANSWER`], 200 with `{"status":"000"}`.
    pub fn answer(&self) -> Answer {
        Callback::ANSWER
    }

    /// The callback as a normalized delivery report. Wappin names no recipient in it and
    /// gives no error code (only the status). A message reaches each state once: the key
    /// is `wappin:<message_id>:<state>` (an undocumented status names itself:
    /// `...:unknown:<status>`).
    pub fn delivery(&self) -> event::Delivery {
        let state = self.status.delivery_state();
        event::Delivery {
            provider: Provider::Wappin,
            message_id: self.message_id.clone(),
            recipient: None,
            state,
            error: None,
            at: self.timestamp.map(Timestamp::utc),
            cost: None,
            counts: None,
            idempotency_key: event::idempotency_key(
                Provider::Wappin,
                &self.message_id,
                &event::state_part(
                    state.as_str(),
                    state == DeliveryState::Unknown,
                    &self.status,
                ),
            ),
        }
    }
}

impl MessageCallback {
    /// The callback as a normalized event: its [`inbound`](Self::inbound) message.
    pub fn event(&self) -> Option<Event> {
        Some(Event::Inbound(self.inbound()))
    }

    /// What Wappin expects back: [`Callback::ANSWER`], 200 with `{"status":"000"}`.
    pub fn answer(&self) -> Answer {
        Callback::ANSWER
    }

    /// The callback as a normalized inbound message: `message_content` from
    /// `sender_number`. A user writes again and again, and the document does not say
    /// that `message_id` ("ID unik pesan") is new for each message a user writes: the
    /// key names the message by its id, its time and a digest of its sender and text,
    /// `wappin:<message_id>:<timestamp>:<digest>:inbound`.
    pub fn inbound(&self) -> event::Inbound {
        let at = self.timestamp.map(Timestamp::utc);
        let time = at.map(|at| at.to_string());
        let digest = event::fields_digest(&[
            self.sender_number.as_deref(),
            Some(self.message_content.as_str()),
        ]);
        let mut parts = vec![self.message_id.as_str()];
        parts.extend(time.as_deref());
        parts.extend([digest.as_str(), "inbound"]);
        event::Inbound {
            provider: Provider::Wappin,
            message_id: Some(self.message_id.clone()),
            from: self.sender_number.clone(),
            content: InboundContent::Text {
                text: self.message_content.clone(),
            },
            in_reply_to: None,
            at,
            idempotency_key: event::key_of(Provider::Wappin, &parts),
        }
    }
}

impl OtherCallback {
    /// `None`: a callback of a type the document does not describe reports nothing
    /// known.
    pub fn event(&self) -> Option<Event> {
        None
    }

    /// What Wappin expects back: [`Callback::ANSWER`], 200 with `{"status":"000"}`.
    pub fn answer(&self) -> Answer {
        Callback::ANSWER
    }
}

impl Callback {
    /// The callback as a normalized event: a delivery for a status callback, an inbound
    /// message for a message callback; `None` for a type the document does not describe.
    pub fn event(&self) -> Option<Event> {
        match self {
            Callback::Status(status) => status.event(),
            Callback::Message(message) => message.event(),
            Callback::Other(other) => other.event(),
        }
    }

    /// What Wappin expects back from every callback: [`ANSWER`](Self::ANSWER), 200 with
    /// `{"status":"000"}`.
    pub fn answer(&self) -> Answer {
        Self::ANSWER
    }
}
