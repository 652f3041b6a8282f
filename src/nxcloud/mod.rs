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
pub use status_code::StatusCode;
pub use super_message::{Channel, SuperMessageReceipt};
pub use zalo::{ZaloQuota, ZaloResponse, ZaloSent};

use crate::Provider;
use crate::event::Event;
use crate::wire::kinds::kinds;

kinds! {
    /// Either NXCloud callback, told apart by its keys: the table of NXCloud's kinds.
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
}

impl Callback {
    /// The callback as a normalized event: a delivery for a receipt (Viber's, Zalo's or a
    /// Super Message's), an inbound message for a reply; `None` for a number check, the
    /// result of a lookup, which reports no delivery.
    pub fn event(&self) -> Option<Event> {
        Some(match self {
            Callback::Receipt(receipt) => Event::Delivery(receipt.event()),
            Callback::Reply(reply) => Event::Inbound(reply.event()),
            Callback::SuperMessageReceipt(receipt) => Event::Delivery(receipt.event()),
            Callback::NumberCheck(_) | Callback::LegacyNumberCheck(_) => return None,
        })
    }
}
