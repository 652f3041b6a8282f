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

mod cost;
mod number_check;
mod receipt;
mod reply;
mod sms;
mod status_code;
mod super_message;
mod zalo;

pub use cost::{Cost, RateType};
pub use number_check::{
    BasicCheck, Check, DialCheck, DialResponse, LegacyNumberCheck, LegacyNumberCheckData, LineType,
    LiveCheck, NumberCheck, NumberCheckCode, NumberCheckCost, NumberCheckData, NumberType,
};
pub use receipt::{Receipt, ReceiptStatus};
pub use reply::{MediaMessage, OtherMessage, Reply, ReplyMessage, TextMessage};
pub use sms::{SmsReceipt, SmsResult, SmsStatus};
pub use status_code::StatusCode;
pub use super_message::{Channel, SuperMessageReceipt};
pub use zalo::{ZaloQuota, ZaloResponse, ZaloSent};

use crate::answer::Answer;
use crate::event::Event;
use crate::wire::kinds::{kinds, read_detected, undecided};
use crate::{Error, Provider};

kinds! {
    @define
    /// Any NXCloud callback: the JSON bodies, told apart by their keys (the table of
    /// NXCloud's kinds), and the SMS receipt, a form.
    pub enum Callback for Provider::NxCloud, "callback" {
        /// A message receipt (`dr_webhook`).
        Receipt(Receipt) requires ["status", "requestId", "code"],
        /// A message reply (`message_webhook`).
        Reply(Reply) requires ["phone", "appkey", "traceRequestId"],
        /// A Super Message receipt (`dr_webhook`): no `status`, a `channel`.
        SuperMessageReceipt(SuperMessageReceipt) requires ["requestId", "phone", "channel", "code"],
        /// A number check's result (boxed, as its data is large).
        NumberCheck(Box<NumberCheck>) requires ["requestId", "batchNo", "phone", "code"],
        /// A number check's result in the old shape (boxed, as its data is large).
        LegacyNumberCheck(Box<LegacyNumberCheck>) requires ["messageId", "batchNo", "phone", "code"],
    }
    also {
        /// An SMS delivery receipt: a form, not JSON ([`Callback::from_request`]).
        SmsReceipt(SmsReceipt),
    }
}

impl Callback {
    /// Reads any NXCloud callback whose body is JSON and tells its kind by its keys (see
    /// the table of kinds), then reads it once, as that kind.
    ///
    /// A body that fits no kind is an error: the error of the kind it comes nearest, or an
    /// [`Error::Shape`] that says what it looks like; one that fits two kinds equally well
    /// is an [`Error::Ambiguous`]. The SMS receipt, a form, is read by
    /// [`from_request`](Self::from_request).
    pub fn from_json(body: &[u8]) -> Result<Self, Error> {
        let detector = Self::detector();
        read_detected(
            detector,
            body,
            |_, row, body| Self::read_row(row, body),
            |why| undecided(&Self::TABLE, detector, body, why),
        )
    }

    /// Reads any NXCloud callback from the request as it came: a JSON body as
    /// [`from_json`](Self::from_json) reads it; a form body with a key of the SMS
    /// receipt's as its form ([`SmsReceipt::from_form`]); and an empty body with a query
    /// string (`query`, without `?`) as an SMS receipt sent to a customer registered
    /// before May 2023, in the URL ([`SmsReceipt::from_query`]). Any other body gets the
    /// JSON reader's error, which says what it looks like.
    pub fn from_request(body: &[u8], query: &str) -> Result<Self, Error> {
        match body.trim_ascii_start().first() {
            None if !query.trim().is_empty() => {
                SmsReceipt::from_query(query).map(Callback::SmsReceipt)
            }
            Some(b'{' | b'[') | None => Self::from_json(body),
            Some(_) if SmsReceipt::is_form(body) => {
                SmsReceipt::from_form(body).map(Callback::SmsReceipt)
            }
            Some(_) => Self::from_json(body),
        }
    }

    /// Writes the callback back as NXCloud sent it: JSON, or the SMS receipt's form
    /// ([`SmsReceipt::to_form`]). ([`to_json`](Self::to_json) writes an SMS receipt as a
    /// JSON object of its parameters.)
    pub fn to_wire(&self) -> Result<Vec<u8>, Error> {
        match self {
            Callback::SmsReceipt(receipt) => Ok(receipt.to_form().into_bytes()),
            other => other.to_json(),
        }
    }

    /// The HTTP answer NXCloud expects: 200 with `success` for an SMS receipt
    /// ([`SmsReceipt::ANSWER`]), 200 with an empty body for the others.
    pub fn answer(&self) -> Answer {
        match self {
            Callback::SmsReceipt(_) => SmsReceipt::ANSWER,
            _ => Answer::OK,
        }
    }

    /// The callback as a normalized event: a delivery for a receipt (Viber's, Zalo's, a
    /// Super Message's or an SMS's), an inbound message for a reply; `None` for a number check, the
    /// result of a lookup, which reports no delivery.
    pub fn event(&self) -> Option<Event> {
        Some(match self {
            Callback::Receipt(receipt) => Event::Delivery(receipt.event()),
            Callback::Reply(reply) => Event::Inbound(reply.event()),
            Callback::SuperMessageReceipt(receipt) => Event::Delivery(receipt.event()),
            Callback::SmsReceipt(receipt) => Event::Delivery(receipt.event()),
            Callback::NumberCheck(_) | Callback::LegacyNumberCheck(_) => return None,
        })
    }
}
