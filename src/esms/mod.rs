//! eSMS.vn: the delivery callbacks ("When the actual status of the message is available,
//! eSMS will callback the status to the customer's hook via HTTP GET.") and the answers
//! of its status functions.
//!
//! | what | type |
//! | --- | --- |
//! | the callback eSMS calls the customer's URL with (a `GET`'s query string) | [`Callback`] ([`ErrorInfo`], [`ZaloResult`]) |
//! | GetCallback: the callbacks fetched again (JSON) | [`GetCallbackResponse`], a [`Callback`] a record |
//! | QueryZnsStatus, GetSendStatus, GetZaloMessageStatus | [`QueryZnsStatusResponse`] ([`ZnsStatus`]), [`GetSendStatusResponse`], [`GetZaloMessageStatusResponse`] ([`ZaloData`]) |
//! | the closed sets | [`SendStatus`], [`TypeId`], [`Telco`], [`ResponseCode`] (the table of codes), [`ZaloMessageStatus`], [`FinalStatus`], [`ZnsResult`] |
//!
//! [`Payload`] holds any of them: [`Payload::from_query`] reads a callback,
//! [`Payload::from_json`] tells the answers apart by their keys.
//!
//! The whole callback is the query string of that `GET`, for SMS, Zalo (ZNS), Viber and
//! consulting / transaction messages alike. Hand [`Callback::from_url`] the request's URL
//! (absolute, or the path and query a web framework gives), or [`Callback::from_query`]
//! the query alone. Answer with HTTP 200: "the callback will be retried a maximum of 5
//! times" while the URL times out.
//!
//! Every value arrives as a string; this module gives counts as integers, `TotalPrice`
//! as an exact decimal, the codes as enums that keep any undocumented value, empty
//! values as `None`, and `error_info` decoded ([`ErrorInfo`]). Keys match whatever their
//! letter case: the document's table writes `Totalprice`, its samples `TotalPrice`.
//! [`Callback::to_query`] writes the same keys, in the same order and spelling, with the
//! same decoded values; unknown and repeated keys included.
//!
//! **What a payload must have.** A field is required only where the payload cannot be
//! identified or acted on without it; every other is an `Option`, written back absent
//! when it came absent (eSMS retries a callback 5 times, then drops it). A callback
//! requires `SMSID` (the message) and `SendStatus` (its state); an answer its code
//! (`Code`, `CodeResult`, `CodeResponse`), and the message it is about (`SMSID`) with
//! its state (QueryZnsStatus's `FinalStatus`) where it reports one; Zalo's result in
//! `error_info` its `error`. A row of [`Payload`]'s table requires only keys of these,
//! those that tell its kind apart.
//!
//! The answers are JSON. They report no event: they are answers to your own requests.
//! GetCallback's records are callbacks, each with the [`event`](Callback::event) the
//! callback has; a GetZaloMessageStatus answer tells where a ZNS message stands in
//! Zalo's terms ([`ZaloMessageStatus`]).
//!
//! **Authenticity.** eSMS signs nothing and documents no token or source addresses, so
//! nothing is checked ([`http::Policy`](crate::http::Policy) has no check for eSMS;
//! with no addresses published, there is none to allow at a proxy either). Its callback
//! goes to the URL you give it, over HTTPS: make its path one no one can guess, and
//! check `SMSID` against the messages you sent.
//!
//! ```
//! use provider_payloads::esms::{Callback, SendStatus, Telco, TypeId};
//!
//! let url = "https://example.com/esms/callback?SMSID=849fe08c19294b02857cf91687021a50250\
//!            &SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=470.0000&TotalReceiver=1\
//!            &TotalSent=1&RequestId=&TypeId=23&telcoid=2&phonenumber=0901888484";
//! let callback = Callback::from_url(url)?;
//! assert_eq!(callback.send_status, SendStatus::SentSuccessfully);
//! assert_eq!(callback.type_id, Some(TypeId::Viber));
//! assert_eq!(callback.telco, Some(Telco::Mobi));
//! assert_eq!(callback.total_price.unwrap().to_string(), "470.0000");
//! assert_eq!(callback.request_id, None); // `RequestId=`: empty means absent
//! # Ok::<(), provider_payloads::Error>(())
//! ```

//!
//! # What eSMS's current documents say, and what of it is typed
//!
//! Beyond the document the crate was built from, eSMS's current documents
//! (`devesms/gitbook_esms_for_develop_v2`) say the following; each is typed here unless
//! said otherwise.
//!
//! - The callback is an HTTPS `GET`, retried 5 times on a timeout, then dropped: not a
//!   value (answer it with 200).
//! - Its table is unchanged, every field a string: typed as above. The table writes
//!   `Totalprice`, the samples `TotalPrice`: keys are matched in any letter case.
//! - `switchsmsid=` (empty) in the customer-care sample, in no table:
//!   [`Callback::switch_sms_id`].
//! - `phonenumber` holds the Zalo user id for sends by UID: kept as the text it is.
//! - The samples for Zalo consulting, transaction and user-information messages send
//!   `TypeId` 26, the ZNS Journey sample 27 (neither in the table): [`TypeId`]'s
//!   variants. `TypeId` 8 (cheap fixed-number SMS, a send API's `SmsType`) is in no
//!   callback: kept through `Other`.
//! - `SendStatus` 1, 2, 4, 5 and 7: [`SendStatus`].
//! - `telcoid` 1 to 7 (5 is "Gmobile" on GetCallback's page): [`Telco`]. The sample "ZNS
//!   sent by UID" sends 9, in no table: [`Telco::ZaloUser`], named for what that sample
//!   shows (an inference). `telcoid` is absent for `TypeId` 1, 26 and 27.
//! - `error_info`'s four forms (a JSON string literal; JSON and a time, encoded twice; the
//!   JSON itself, whose `data` reports the delivery; GetCallback's JSON followed by a
//!   .NET exception's text): [`ErrorInfo`], with Zalo's `data` ([`ZaloData`]: `status`
//!   -1, 0, 1 as [`ZaloMessageStatus`], `delivery_time` in unix milliseconds, `null` in
//!   the callback).
//! - GetCallback's answer: [`GetCallbackResponse`], its records [`Callback`]s (numbers
//!   where the query has text, `RequestId` `null`, the keys spelt otherwise, `CallbackUrl`
//!   added). Its page lists `TypeId` 24 and 25 and `SendStatus` 2 and 5 only: the same
//!   enums. Its limits (200 ids, 20 requests a second, messages sent with a
//!   `CallbackUrl` only) are said on the type.
//! - The codes of the answers, the general table `bang-ma-loi.md` (99 to 854):
//!   [`ResponseCode`].
//! - QueryZnsStatus's answer: [`QueryZnsStatusResponse`]; its `ErrorInfo` (0, 1001,
//!   Zalo's code, `null`) is [`ZnsResult`], its `FinalStatus` [`FinalStatus`].
//! - GetSendStatus's and GetZaloMessageStatus's answers: [`GetSendStatusResponse`],
//!   [`GetZaloMessageStatusResponse`].
//! - Left out: the requests of these functions (`{ApiKey, SecretKey, ListRefid, OAId}`
//!   and the like), which the client builds and which carry its secret key; this crate
//!   reads what eSMS sends. An answer's price sent as a string (the tables type every
//!   field "string", the samples send numbers) is refused with an error naming
//!   `TotalPrice`, as no sample shows one.

mod answers;
mod callback;
mod codes;
mod error_info;

pub use answers::{
    FinalStatus, GetCallbackResponse, GetSendStatusResponse, GetZaloMessageStatusResponse,
    QueryZnsStatusResponse, ZnsResult, ZnsStatus,
};
pub use callback::Callback;
pub use codes::{ResponseCode, SendStatus, Telco, TypeId};
pub use error_info::{ErrorInfo, MAX_LAYERS, ZaloData, ZaloMessageStatus, ZaloResult};

use crate::event::Event;
use crate::wire::detect::Tag;
use crate::wire::kinds::kinds;
use crate::{Answer, Error, Limits, Provider};

kinds! {
    /// Any eSMS payload: a callback (a query string), or an answer of a status function
    /// (JSON), told apart by its keys. Where a body has what both answers with a
    /// `CodeResult` require, QueryZnsStatus's is the one whose `Data` has a
    /// `FinalStatus`; one whose `Data` is `null` or absent (an error) is read as
    /// GetZaloMessageStatus's, which it may be.
    ///
    /// ```
    /// use provider_payloads::esms::{Payload, ResponseCode, SendStatus};
    ///
    /// // GetSendStatus's answer: JSON, told by its keys.
    /// let answer = Payload::from_json(br#"{"CodeResponse":"100",
    ///     "SMSID":"434a124c-7818-4f45-bdf2-7f7b07fff210100","SendFailed":0,"SendStatus":5,
    ///     "SendSuccess":1,"TotalPrice":850.0000,"TotalReceiver":1,"TotalSent":1}"#)?;
    /// let Payload::GetSendStatus(status) = &answer else { panic!() };
    /// assert_eq!(status.code_response, ResponseCode::Success);
    /// assert_eq!(status.send_status, Some(SendStatus::SentSuccessfully));
    /// assert_eq!(status.total_price.unwrap().to_string(), "850.0000");
    /// assert!(answer.event().is_none()); // an answer to your own request
    ///
    /// // The callback: a GET's query string.
    /// let callback = Payload::from_query("SMSID=82b0bb8aed914a0aab8deba567c9b8c2&SendFailed=0\
    ///     &SendStatus=5&SendSuccess=0&TotalPrice=696987.0000&TotalReceiver=169&TotalSent=169\
    ///     &RequestId=&TypeId=1")?;
    /// assert_eq!(callback.kind(), "callback");
    /// assert!(callback.event().is_some());
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub enum Payload for Provider::Esms, "payload" {
        /// GetCallback's answer.
        GetCallback(GetCallbackResponse) requires ["Code"],
        /// QueryZnsStatus's answer.
        QueryZnsStatus(QueryZnsStatusResponse) requires ["CodeResult", "Data"]
            where Tag::ObjectWith("Data", "FinalStatus"),
        /// GetSendStatus's answer.
        GetSendStatus(GetSendStatusResponse) requires ["CodeResponse", "SMSID"],
        /// GetZaloMessageStatus's answer (or another answer with a `CodeResult`).
        GetZaloMessageStatus(GetZaloMessageStatusResponse) requires ["CodeResult"],
    }
    also {
        /// The delivery callback: a query string, no row of the table
        /// ([`Payload::from_query`]). Boxed: with its decoded `error_info` it is the
        /// largest payload, and every payload is moved at that size.
        Callback(Box<Callback>),
    }
    delegate {
        /// The callback's delivery event ([`Callback::event`]); `None` for an answer
        /// (GetCallback's records each have theirs).
        of [Callback] pub fn event(&self) -> Option<Event>;
        /// The HTTP answer eSMS expects to a callback ([`Callback::answer`]); `None` for an
        /// answer of eSMS's API, which you do not answer.
        of [Callback] pub fn answer(&self) -> Option<Answer>;
    }
}

impl Payload {
    /// Reads a callback from its query string ([`Callback::from_query`]).
    pub fn from_query(query: &str) -> Result<Self, Error> {
        Self::from_query_with(query, &Limits::new())
    }

    /// [`from_query`](Self::from_query) with limits of your own
    /// ([`Callback::from_query_with`]).
    pub fn from_query_with(query: &str, limits: &Limits) -> Result<Self, Error> {
        Callback::from_query_with(query, limits)
            .map(|callback| Payload::Callback(Box::new(callback)))
    }

    /// Writes the payload back as eSMS sent it: a callback as its query string, an
    /// answer as JSON.
    pub fn to_wire(&self) -> Result<Vec<u8>, Error> {
        match self {
            Payload::Callback(callback) => Ok(callback.to_query().into_bytes()),
            answer => answer.to_json(),
        }
    }
}
