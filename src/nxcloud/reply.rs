//! The message reply NXCloud posts to the `message_webhook` URL.

use chrono::NaiveDateTime;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::event::Event;
use crate::event::{self, InboundContent};
use crate::timestamp::Timestamp;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized, UnrecognizedKind};
use crate::wire::kinds::json_payload;
use crate::wire::object::wire_object;
use crate::{Answer, Provider};

wire_object! {
    /// A message reply: "the content of user replies to the client's message", posted to
    /// the `message_webhook` URL.
    ///
    /// Required are what a reply is acted on by: the sender (`phone`), the message it
    /// answers (`traceRequestId`) and what they wrote (`message`). `appkey` and
    /// `sendTime` may be left out (read as `None`, written back absent).
    ///
    /// ```
    /// use provider_payloads::nxcloud::{Reply, ReplyMessage};
    ///
    /// let reply = Reply::from_json(br#"{"phone":"791xxxxx30","appkey":"TexxxP6",
    ///     "traceRequestId":"ae2c8ff7a4ee408398cf220e3fc1c199",
    ///     "message":{"text":"text test"},"sendTime":"2023-07-17 14:40:50"}"#)?;
    /// // The message you sent that the user answered.
    /// assert_eq!(reply.trace_request_id, "ae2c8ff7a4ee408398cf220e3fc1c199");
    /// match &reply.message {
    ///     ReplyMessage::Text(text) => assert_eq!(text.text, "text test"),
    ///     ReplyMessage::Media(media) => println!("{:?} at {}", media.file_name, media.media),
    ///     _ => println!("something the document does not describe"),
    /// }
    /// assert_eq!(reply.send_time.unwrap().to_string(), "2023-07-17 14:40:50");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct Reply {
        /// "Viber user number with country code".
        #[serde(rename = "phone")]
        pub phone: String,
        /// "Client application appkey".
        #[serde(rename = "appkey", default)]
        pub appkey: Option<String>,
        /// "Message reply corresponding to the client's message request identifier": the
        /// request id of the message this replies to.
        #[serde(rename = "traceRequestId")]
        pub trace_request_id: String,
        /// "Message body content".
        #[serde(rename = "message")]
        pub message: ReplyMessage,
        /// "Sending time", as NXCloud wrote it: a local time with no time zone.
        #[serde(rename = "sendTime", default, with = "crate::wire::time::date_time_seconds_option")]
        pub send_time: Option<NaiveDateTime>,
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
        value.is_some() || self.as_sent.held_nothing(name)
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
                as_sent,
                ..
            } if !has_media && !has_file_name => ReplyMessage::Text(TextMessage { text, as_sent }),
            OtherMessage {
                media: Some(media),
                file_name,
                as_sent,
                ..
            } if !has_text => ReplyMessage::Media(MediaMessage {
                media,
                file_name,
                as_sent,
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

impl Reply {
    /// The reply as a normalized event: its [`inbound`](Self::inbound) message.
    pub fn event(&self) -> Option<Event> {
        Some(Event::Inbound(self.inbound()))
    }

    /// The HTTP answer NXCloud expects: 200 with an empty body ([`Answer::OK`]).
    pub fn answer(&self) -> Answer {
        Answer::OK
    }

    /// The reply as a normalized inbound message, from `phone`, in reply to
    /// `traceRequestId`. NXCloud gives a reply no id of its own, and one user may write
    /// to one message many times: its idempotency key is made of the request it
    /// answers, the sender, the time (when sent) and a digest of the content,
    /// `nxcloud:<traceRequestId>:<phone>:<sendTime>:<digest>:inbound`.
    pub fn inbound(&self) -> event::Inbound {
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
        let at = self.send_time.map(Timestamp::local);
        // A reply has no id of its own: two replies to one message in the same second
        // differ only by their content, each of its fields (absent or its text).
        let (text, media, file_name) = match &self.message {
            ReplyMessage::Text(text) => (Some(&text.text), None, None),
            ReplyMessage::Media(media) => (None, Some(&media.media), media.file_name.as_ref()),
            ReplyMessage::Other(other) => (
                other.text.as_ref(),
                other.media.as_ref(),
                other.file_name.as_ref(),
            ),
        };
        let digest = event::fields_digest(&[
            text.map(String::as_str),
            media.map(String::as_str),
            file_name.map(String::as_str),
        ]);
        let time = at.map(|at| at.to_string());
        let mut parts = vec![self.trace_request_id.as_str(), self.phone.as_str()];
        parts.extend(time.as_deref());
        parts.extend([digest.as_str(), "inbound"]);
        event::Inbound {
            provider: Provider::NxCloud,
            message_id: None,
            from: Some(self.phone.clone()),
            content,
            in_reply_to: Some(self.trace_request_id.clone()),
            at,
            idempotency_key: event::key_of(Provider::NxCloud, &parts),
        }
    }
}
