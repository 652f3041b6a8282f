//! Wappin, the WhatsApp Business API of PT. Solusi Pembayaran Elektronik (Indonesia):
//! the callback it posts to clients, the API requests clients send, the API's answers and
//! each endpoint's status table.
//!
//! | what | type |
//! | --- | --- |
//! | the callback Wappin posts to the client's URL | [`Callback`] (status or message), answered with [`Acknowledgement`] |
//! | "API GET Token" | [`GetToken`] (the Basic header), answered with [`TokenResponse`] |
//! | "API Send Notification" (HSM, with or without SMS) | [`SendHsm`], answered with [`Response`] |
//! | "API Send Message" (Text, Media) | [`SendText`], [`SendMedia`], answered with [`Response`] |
//! | "API Inquiry", "API Number Checker" | [`Inquiry`], [`NumberChecker`], answered with [`Response`] |
//! | the status tables | [`Endpoint::statuses`], [`Endpoint::status`] |
//! | the v2 API (`api.chat.wappin.app`), as a third party's SDK models it | [`V2SendRequest`], answered with [`V2Response`] |
//!
//! Status codes come as strings (`"200"`), and ids keep their leading zeros (`"0009"`).
//! [`Payload::from_json`] tells any of these bodies apart by its keys.
//!
//! **Authenticity.** Wappin signs nothing. Its callback carries `Authorization: Bearer
//! <token>` (its token endpoint restricts its own callers by IP address, which says
//! nothing of where callbacks come from); check the callback's header with
//! [`CallbackToken::authorizes`] (constant time) before you trust the body.
//! [`http::Policy::wappin_token`](crate::http::Policy::wappin_token) does it on a
//! route, once a token is set: by default nothing is checked.
//!
//! ```
//! use provider_payloads::wappin::{
//!     Endpoint, GetToken, MessageStatus, Params, Response, SendHsm, Status, TokenResponse,
//! };
//!
//! // Get a token, then send a notification with it.
//! let token_request = GetToken::new("9", "89cb782a0a2fb41238330738ca8002ef6a7f3b2b");
//! let _header = token_request.authorization(); // "Basic OTo4OWNi..."
//! let answer = TokenResponse::from_json(br#"{"status":"200","message":"Success",
//!     "data":{"access_token":"d498","expired_datetime":"2019-07-20 16:21:51","token_type":"access_token"}}"#)?;
//! let token = answer.data.unwrap().access_token;
//! assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
//!
//! let params: Params = ["Anniv Grace", "2018-10-10 19:26:36"].into_iter().collect();
//! let send = SendHsm::new("0003", "14", "templ_uat_2", "6289600010002", params);
//! let _body = send.to_json()?; // POST it to send.endpoint().path() with token.authorization()
//!
//! let answer = Response::from_json(br#"{"message_id":"5d366a8d54dce","status":"200","message":"Success","data":null}"#)?;
//! assert!(answer.status.is_success());
//! assert_eq!(answer.status_row(send.endpoint()).map(|row| row.status), Some(Status::Success));
//! # Ok::<(), provider_payloads::Error>(())
//! ```
//!
//! # What a body must have
//!
//! A field is required only where the body cannot be identified or acted on without
//! it; every other is an `Option`, written back absent when it came absent (Wappin
//! retries a callback three times, then drops it).
//!
//! | body | required | why |
//! | --- | --- | --- |
//! | callback | `message_id`, `callback_type`; a status callback's `status_messages`, a message callback's `message_content` | the message, what the callback reports, and the status or the text (the document's table also marks `client_id` and `client_name` mandatory: they name the client, which a callback is acted on without) |
//! | acknowledgement | `status` | the answer itself |
//! | token answer | `status`, and in `data` the `access_token` | the result and the token (`message`, `expired_datetime`, `token_type` may be left out) |
//! | other answers | `status`, `message` | the result; `message` tells an answer from an acknowledgement, and several codes share one message's meaning (400) |
//! | requests | each field the document marks mandatory | what the endpoint needs to act on the request |
//! | v2 answers (a third party's model) | `meta`; a user's `token`, a message's `id`, an error's `code` | the answer, and what each item is |
//!
//! A row of [`Payload`]'s table requires only keys of these, those that tell its kind
//! apart: a callback is told by `message_id` and `callback_type`.
//!
//! # What else is known of Wappin, and what of it is typed
//!
//! No current document of Wappin's was found. What the flip-id/wappin Go SDK (a third
//! party, HEAD 4693919) adds to the 2019 document:
//!
//! - v1's host and endpoints (`https://api.wappin.id`, `/v1/token/get`,
//!   `/v1/message/do-send-hsm`): the document's, [`HOST`] and [`Endpoint::path`].
//! - v1's status codes 200, 400, 401, 404, 406, 407 and 601: the document's,
//!   [`StatusCode`]. `"600"` "Not delivered, Contact validate Failed", which the SDK's
//!   own test sends and asserts: [`StatusCode::ContactValidateFailed`] (in no table, so
//!   no [`StatusRow`]).
//! - v1's error rule (an error when `status` or the HTTP status is 400 or more; on 401 a
//!   new token and one retry): the client's behaviour, not a value; a status's success
//!   is [`StatusCode::is_success`].
//! - v1's send answer, token answer (`token_type` `"Bearer"` or `""` besides the
//!   document's `access_token`), send request and callback (every field a string, the
//!   samples' `status_messages` and `environment`): the document's types, which keep
//!   any `token_type` and read both spellings.
//! - v2 (`https://api.chat.wappin.app`, in the SDK's `v2/`, exercised by its own
//!   tests): login (`POST /v1/users/login`, Basic) and send (`POST /v1/messages`,
//!   Bearer) answer `{meta, users}`, `{meta, messages}` or `{meta, errors}`, all read by
//!   [`V2Response`] (errors [`V2Error`], codes 500 and 1005 [`V2ErrorCode`]; the SDK's
//!   rule, `errors[0]` when the HTTP status is not 200, is [`V2Response::error`]); the
//!   send request is [`V2SendRequest`]. Every v2 type is the SDK's model, marked so.
//! - Left out: the login path `/auth/login` one unrelated app defaults to (unverified),
//!   and v2's inbound webhook, of which no sample was found (the WhatsApp on-premises
//!   format it may follow is a guess).

mod callback;
mod callback_token;
mod request;
mod response;
mod status;
mod v2;

pub use callback::{
    Acknowledgement, Callback, CallbackType, MessageCallback, MessageStatus, OtherCallback,
    StatusCallback,
};
pub use callback_token::CallbackToken;
pub use request::{
    Channel, GetToken, Inquiry, MediaType, NumberChecker, Params, SendHsm, SendMedia, SendText,
};
pub use response::{AccessToken, Response, Token, TokenResponse};
pub use status::{Endpoint, HOST, Status, StatusCode, StatusRow};
pub use v2::{
    V2ButtonType, V2Component, V2ComponentType, V2Error, V2ErrorCode, V2Language, V2LanguagePolicy,
    V2Media, V2Message, V2MessageType, V2Meta, V2Parameter, V2Response, V2SendRequest, V2Template,
    V2User,
};

use crate::event::Event;
use crate::wire::detect::Tag;
use crate::wire::kinds::kinds;
use crate::{Answer, Provider};

kinds! {
    /// Any Wappin body, told apart by its keys: the table of Wappin's kinds. Where a body
    /// has what several kinds require (a response has what an acknowledgement and an
    /// inquiry require), the kind that knows the most of its keys is the one.
    ///
    /// ```
    /// use provider_payloads::wappin::{Callback, Payload, StatusCode};
    ///
    /// // A user's message, as Wappin posts it to your callback URL.
    /// let body = br#"{"message_id":"5cdbe77d09ee7","client_id":"0009","client_name":"wappin-info",
    ///     "project_id":"16","project_name":"WAPPIN-INFO","sender_number":"628989229471",
    ///     "status_messages":"-","message_content":"tesss","environment":"PRODUCTION",
    ///     "timestamp":"1557915516","callback_type":"message"}"#;
    /// let Payload::Callback(Callback::Message(message)) = Payload::from_json(body)? else {
    ///     panic!()
    /// };
    /// assert_eq!(message.sender_number.as_deref(), Some("628989229471"));
    /// assert_eq!(message.message_content, "tesss");
    ///
    /// // A send's answer and a send request are told apart from it by their keys.
    /// let answer =
    ///     Payload::from_json(br#"{"message_id":"5bc83037c79f5","status":"200","message":"Success"}"#)?;
    /// let Payload::Response(response) = answer else { panic!() };
    /// assert_eq!(response.status, StatusCode::Success);
    /// let request = Payload::from_json(br#"{"client_id":"0003","project_id":"14",
    ///     "message_content":"haihello","recipient_number":"082315658823"}"#)?;
    /// assert!(matches!(request, Payload::SendText(_)));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub enum Payload for Provider::Wappin, "payload" {
        /// A callback Wappin posted. Its type is Wappin's own tag: [`Callback`] reads a
        /// status or a message callback by its `callback_type`.
        Callback(Callback) requires ["message_id", "callback_type"],
        /// A client's answer to a callback.
        Acknowledgement(Acknowledgement) requires ["status"],
        /// A Send Notification request.
        SendHsm(SendHsm) requires ["client_id", "project_id", "type", "recipient_number", "params"],
        /// A Send Message (Text) request.
        SendText(SendText) requires ["client_id", "project_id", "message_content", "recipient_number"],
        /// A Send Message (Media) request.
        SendMedia(SendMedia) requires ["client_id", "project_id", "recipient_number", "media_type", "media"],
        /// An Inquiry request.
        Inquiry(Inquiry) requires ["message_id"],
        /// A Number Checker request.
        NumberChecker(NumberChecker) requires ["client_id", "project_id", "phone_number"],
        /// The Get Token answer, with its token.
        TokenResponse(TokenResponse) requires ["status", "data"]
            where Tag::ObjectWith("data", "access_token"),
        /// Any other API answer (or a Get Token answer without a token: it has this shape).
        Response(Response) requires ["status", "message"],
        /// An answer of the v2 API, login's or send's (a third party's model). One kind
        /// for all: an error is the same body from either endpoint.
        V2Response(V2Response) requires ["meta"],
        /// A v2 send request (a third party's model).
        V2SendRequest(V2SendRequest) requires ["to", "type", "template"],
    }
    delegate {
        /// The callback's event ([`Callback::event`]); `None` for a request or an answer
        /// of Wappin's API, which report none.
        of [Callback] pub fn event(&self) -> Option<Event>;
        /// What Wappin expects back from a callback ([`Callback::answer`]); `None` for a
        /// request or an answer of Wappin's API, which you do not answer.
        of [Callback] pub fn answer(&self) -> Option<Answer>;
    }
}
