//! NXCloud callbacks: Viber's "Message Callback Service" (receipts and replies), Zalo's
//! receipts, Super Message receipts, number-check results, and SMS delivery receipts.
//!
//! NXCloud posts each to a URL the customer gives it:
//!
//! | what | URL | body | type |
//! | --- | --- | --- | --- |
//! | the status of a sent Viber or Zalo message: `success`, `failed`, `delivered`, `seen`, `expired`; Zalo's `journey_acknowledged`, `journey_time_out` | `dr_webhook` | JSON | [`Receipt`] (its `cost`: [`Cost`]; Zalo's `zaloRes`: [`ZaloResponse`]) |
//! | a user's reply to a sent Viber message: text or media | `message_webhook` | JSON | [`Reply`] |
//! | the status of a Super Message on one channel (`SMS`, `VIBER`) | `dr_webhook` | JSON, no `status` | [`SuperMessageReceipt`] |
//! | a number check's result | the callback URL | JSON, current or old shape | [`NumberCheck`], [`LegacyNumberCheck`] |
//! | the delivery report of an SMS | the webhook URL | a form `POST`; for customers registered before May 2023, the URL's query string | [`SmsReceipt`] |
//!
//! [`Callback::from_json`] takes any of the JSON bodies and tells them apart by their
//! keys; [`Callback::from_request`] takes the body and query of any request, the SMS
//! receipt's form included; each type's own `from_json` (`from_form`) reads a body when the
//! URL already says what it is. Answer with HTTP 200 ([`Callback::answer`]), and the text
//! `success` to an SMS receipt ([`SmsReceipt::ANSWER`]: "DR Only Push Once").
//!
//! **Authenticity.** NXCloud signs nothing and documents no token or source addresses
//! for its callbacks: anyone who knows the URL can post to it, and nothing is checked
//! ([`http::Policy`](crate::http::Policy) has no check for NXCloud; with no addresses
//! published, there is none to allow at a proxy either). Its callbacks go to the webhook
//! URLs you give it (`dr_webhook`, `message_webhook`): make their path one no one can
//! guess, and treat a receipt as a claim, checked against the request ids you sent.
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
//!         assert_eq!(receipt.code, Some(StatusCode::ViberMessageSeen));
//!         assert_eq!(receipt.code.and_then(|code| code.solution()), Some("Message has been read"));
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
//!
//! # What a callback must have
//!
//! A field is required only where the callback cannot be identified or acted on
//! without it; every other field is an `Option`, written back absent when it came
//! absent.
//!
//! | callback | required | why |
//! | --- | --- | --- |
//! | receipt | `status`, `requestId` | the state, and the message it is about; its table row requires `code` too, which with `requestId` tells a receipt from Wappin's answers (`status`, `message`) so that one added key never turns one into the other, and a receipt without `code` is still read as the kind it comes nearest |
//! | reply | `phone`, `traceRequestId`, `message` (its `text`, or its `media`) | who wrote, to which message, and what (`appkey` and `sendTime` may be left out) |
//! | Super Message receipt | `requestId`, `phone`, `channel`, `code` | the message, on which channel to whom, and its state (the `code`) |
//! | number check | `requestId` (old shape: `messageId`), `batchNo`, `phone`, `code` | the check and its batch, the number checked, its result; `batchNo` also tells a number check from a Super Message receipt that lacks its `channel` |
//! | SMS receipt | `messageid`, `status` | the message and its state |
//! | a `cost` | `originalPrice` (a number check's: `price`) | the amount is what a cost is (`currency` may be left out) |
//!
//! Zalo's `journey_time_out` sample has no `requestId` in the part every copy shows
//! (`status`, `code`, `message`, then cut off): it is not read. A receipt row without
//! `requestId` would require `status` and `code` alone, and a Wappin answer (`status`,
//! `message`) with one added key `code` would then be read as an NXCloud receipt.
//!
//! # What NXCloud's current documents say, and what is typed
//!
//! Every fact below is from NXCloud's own documents (the GitHub wikis
//! `nxtele/nxcloud-doc-en` and `nxtele/http-api-document`, and the 2023 copy
//! `Demon-2012/NXcloud-API-document`); none rests on third-party code alone.
//!
//! | the documents' row | here |
//! | --- | --- |
//! | Viber receipt `status`: `success`, `failed`, `delivered`, `seen`, `expired` (the SaaS page lists no `success`) | typed: [`ReceiptStatus`], one type for both pages; any other value kept as `Other` |
//! | `requestId`, `code`, `message`, `sendTime` | typed, as the first document has them ([`Receipt`]) |
//! | `code` 0 with `success`, "Successfully sent." | typed: [`StatusCode::SuccessfullySent`] |
//! | `cost`, optional, shown on `success` (the example) or "displayed for delivered status" (the tables) | typed on any status: [`Cost`] |
//! | `cost.currency`, `cost.localPrice` ("local price (CNY)"), `cost.originalPrice` | typed: exact decimals; the event's cost is `originalPrice` in `currency`, `localPrice` stays in the payload |
//! | `cost.rateType`: `Transactional`, `Session`, `OtpTemplate` (the send API's list) | typed: [`RateType`], others kept as `Other` |
//! | codes 11000-11003, 1100, 1102, 9000-9005, 9999 (no newer table found) | typed, with the first document's messages and solutions ([`StatusCode`]); any code added since is kept as `Other` |
//! | the `message_webhook` reply, unchanged | typed: [`Reply`] |
//! | Zalo's receipt at the same `dr_webhook`: `ext`, `zaloRes`, `cost` of `currency` and `originalPrice`; `journey_acknowledged` with `oaId`, `journeyId`, `appId`, `timestamp` and no `sendTime`; `journey_time_out` | typed on [`Receipt`] (the same type: the same URL and shape); `zaloRes`, which no table describes, as its samples show it ([`ZaloResponse`], every field optional); `timestamp` as unix milliseconds. The `journey_time_out` sample is cut off in every copy and is no fixture |
//! | Zalo codes 0, 17003, 17004, 17006, 17007 (the page's code table was not captured) | typed with their samples' messages; 17007's message is cut off, so it has none; any other kept as `Other` |
//! | Super Message `dr_webhook`: `requestId`, `phone`, `channel` (`SMS`, `VIBER`), `code`, `message`, `sendTime`, `cost`; no `status`; codes 14003-14006 | typed: [`SuperMessageReceipt`], [`Channel`]; the codes in [`StatusCode`] with the page's texts |
//! | SMS delivery receipt: a form `POST` (before May 2023, the URL's query) of `phone`, `status`, `result`, `drtime`, `messageid`, `currency`, `price`, `rate`, `sendtime`, `size`, `ext`; status 2, 5-12 (10 in the 2023 copy only); answer `success`/`error`; pushed once | typed: [`SmsReceipt`], [`SmsStatus`], [`SmsResult`]; written back in the bytes it came in; its event's cost is `price` ("Unit Price") times `size` ("billing size") |
//! | number check, old shape: `messageId`, `code`, `msg`, `batchNo`, `phone`, `data` (`basic`, `live`, `dial`), `cost` (`price`, `currency`); codes 0, 103, 108, 112, 114, 120-122; retried every minute for up to 60 minutes | typed: [`LegacyNumberCheck`] and the tables of `basic`, `live`, `dial` ([`BasicCheck`], [`LiveCheck`], [`DialCheck`], [`NumberType`], [`Check`], [`DialResponse`]), [`NumberCheckCode`] |
//! | number check, current shape (June 2024): `requestId`, `code`, `message`, `batchNo`, `phone`, `data` (`numberType` `mobile`/`others`/`invalid`, `operator`, `country`, and `mcc`, `mnc`, `ported`, `active` in the HLR sample), `cost`; codes 0 and 266 seen (its code table was not captured) | typed: [`NumberCheck`], [`NumberCheckData`], [`LineType`]; 266 in [`NumberCheckCode`]. A number check is a lookup: it carries no event |

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
use crate::wire::kinds::kinds;
use crate::{Error, Limits, Provider};

kinds! {
    /// Any NXCloud callback: the JSON bodies, told apart by their keys (the table of
    /// NXCloud's kinds), and the SMS receipt, a form.
    ///
    /// One route can take them all: hand [`from_request`](Callback::from_request) the
    /// body and the query string, and answer with [`answer`](Callback::answer).
    ///
    /// ```
    /// use provider_payloads::{Event, nxcloud::Callback};
    /// use provider_payloads::event::{DeliveryState, InboundContent};
    ///
    /// // A reply with media, posted to `message_webhook`.
    /// let reply = Callback::from_request(br#"{"phone":"791xxxxx30","appkey":"TexxxP6",
    ///     "traceRequestId":"ae2c8ff7a4ee408398cf220e3fc1c199",
    ///     "message":{"media":"https:media-link","fileName":"xxxx.jpeg"},
    ///     "sendTime":"2023-07-17 14:44:09"}"#, "")?;
    /// assert_eq!(reply.kind(), "reply");
    /// let Some(Event::Inbound(message)) = reply.event() else { panic!() };
    /// assert_eq!(message.content, InboundContent::Media {
    ///     url: "https:media-link".into(),
    ///     file_name: Some("xxxx.jpeg".into()),
    /// });
    /// assert_eq!(reply.answer().status, 200);
    ///
    /// // An SMS receipt sent to a customer registered before May 2023: in the URL's query.
    /// let receipt = Callback::from_request(b"", "result=DELIVRD&size=1&phone=6282167624806\
    ///     &rate=6.4845&price=0.045&messageid=b308d94a73f94e6d84ae975c41f4b2a6\
    ///     &drtime=2021-02-26%2010:01:15&currency=USD&sendtime=2021-02-26%2010:01:15&status=2")?;
    /// let Some(Event::Delivery(report)) = receipt.event() else { panic!() };
    /// assert_eq!(report.message_id, "b308d94a73f94e6d84ae975c41f4b2a6");
    /// assert_eq!(report.state, DeliveryState::Delivered);
    /// assert_eq!(&*receipt.answer().body, b"success");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub enum Callback for Provider::NxCloud, "callback" {
        /// A message receipt (`dr_webhook`).
        Receipt(Receipt) requires ["status", "requestId", "code"],
        /// A message reply (`message_webhook`).
        Reply(Reply) requires ["phone", "traceRequestId"],
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
    delegate {
        /// The callback as a normalized event: a delivery for a receipt (Viber's, Zalo's,
        /// a Super Message's or an SMS's), an inbound message for a reply; `None` for a
        /// number check, the result of a lookup, which reports no delivery.
        pub fn event(&self) -> Option<Event>;
        /// The HTTP answer NXCloud expects: 200 with `success` for an SMS receipt
        /// ([`SmsReceipt::ANSWER`]), 200 with an empty body for the others.
        pub fn answer(&self) -> Answer;
    }
}

impl Callback {
    /// Reads any NXCloud callback from the request as it came: a JSON body as
    /// [`from_json`](Self::from_json) reads it; a form body with a key of the SMS
    /// receipt's as its form ([`SmsReceipt::from_form`]); and an empty body with a query
    /// string (`query`, without `?`) as an SMS receipt sent to a customer registered
    /// before May 2023, in the URL ([`SmsReceipt::from_query`]). Any other body gets the
    /// JSON reader's error, which says what it looks like. A body or query over
    /// [`Limits::DEFAULT_BODY`] is refused: [`from_request_with`](Self::from_request_with)
    /// sets your own limit.
    pub fn from_request(body: &[u8], query: &str) -> Result<Self, Error> {
        Self::from_request_with(body, query, &Limits::new())
    }

    /// [`from_request`](Self::from_request) with limits of your own: a body or query
    /// string larger than [`Limits::max_body`] is refused with [`Error::TooLarge`] before
    /// it is read.
    pub fn from_request_with(body: &[u8], query: &str, limits: &Limits) -> Result<Self, Error> {
        limits.check(body.len())?;
        limits.check(query.len())?;
        match body.trim_ascii_start().first() {
            None if !query.trim().is_empty() => {
                SmsReceipt::from_query_with(query, limits).map(Callback::SmsReceipt)
            }
            Some(b'{' | b'[') | None => Self::from_json_with(body, limits),
            Some(_) if SmsReceipt::is_form(body) => {
                SmsReceipt::from_form_with(body, limits).map(Callback::SmsReceipt)
            }
            Some(_) => Self::from_json_with(body, limits),
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
}
