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
//!
//! Status codes come as strings (`"200"`), and ids keep their leading zeros (`"0009"`).
//! [`Payload::from_json`] tells any of these bodies apart by its keys.
//!
//! **Authenticity.** Wappin signs nothing. Its callback carries `Authorization: Bearer
//! <token>` and the token endpoint restricts callers by IP address; check the callback's
//! header with [`CallbackToken::authorizes`] (constant time) before you trust the body.
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

mod callback;
mod callback_token;
mod request;
mod response;
mod status;

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

use crate::wire::json::json_payload_enum;
use serde::{Deserialize, Deserializer};

use crate::wire::peek::{self, Decide};
use crate::wire::replay::{self, ReadKind};
use crate::{Error, Provider};

/// Any Wappin body, told apart by its keys: what [`Payload::from_json`] returns.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Payload {
    /// A callback Wappin posted.
    Callback(Callback),
    /// A client's answer to a callback.
    Acknowledgement(Acknowledgement),
    /// A Send Notification request.
    SendHsm(SendHsm),
    /// A Send Message (Text) request.
    SendText(SendText),
    /// A Send Message (Media) request.
    SendMedia(SendMedia),
    /// An Inquiry request.
    Inquiry(Inquiry),
    /// A Number Checker request.
    NumberChecker(NumberChecker),
    /// The Get Token answer, with its token.
    TokenResponse(TokenResponse),
    /// Any other API answer (or a Get Token answer without a token: it has this shape).
    Response(Response),
}

/// The shapes [`Payload::from_json`] knows, for its error.
const PAYLOAD_KINDS: &str = "a Wappin callback (`callback_type`, `client_name`, `sender_number`, ...), \
request (`type` and `params`, `message_content`, `media_type`, `phone_number`, or `message_id` alone), \
response (`status` with `message`) or acknowledgement (`status` alone)";

/// The kinds [`Payload::from_json`] tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Callback,
    Acknowledgement,
    SendHsm,
    SendText,
    SendMedia,
    Inquiry,
    NumberChecker,
    TokenResponse,
    Response,
}

/// What the top-level keys of a body have shown so far. A key that only one kind has
/// decides at once; the others decide together at the end of the object.
#[derive(Clone, Copy, Default)]
pub(crate) struct Keys {
    status: bool,
    message: bool,
    message_id: bool,
    data: bool,
    message_content: bool,
    request: bool,
}

impl Decide for Keys {
    type Kind = Kind;

    fn wants_value(&self, key: &[u8]) -> bool {
        key == b"data"
    }

    fn key(&mut self, key: &[u8], value: &[u8]) -> Option<Kind> {
        match key {
            b"callback_type" | b"client_name" | b"project_name" | b"sender_number"
            | b"status_messages" | b"status_message" | b"environment" | b"environtment"
            | b"timestamp" => return Some(Kind::Callback),
            b"type" | b"params" | b"channel" | b"content" | b"params_sms" => {
                return Some(Kind::SendHsm);
            }
            b"media_type" | b"media" | b"caption" => return Some(Kind::SendMedia),
            b"phone_number" => return Some(Kind::NumberChecker),
            b"data" if peek::object_has_key(value, "access_token") => {
                return Some(Kind::TokenResponse);
            }
            b"data" => self.data = true,
            b"status" => self.status = true,
            b"message" => self.message = true,
            b"message_id" => self.message_id = true,
            b"message_content" => self.message_content = true,
            b"client_id" | b"project_id" | b"recipient_number" => self.request = true,
            _ => {}
        }
        None
    }

    fn end(&mut self) -> Option<Kind> {
        let Keys {
            status,
            message,
            message_id,
            data,
            message_content,
            request,
        } = *self;
        if message_content {
            (!status).then_some(Kind::SendText)
        } else if status {
            match (request, message || message_id || data) {
                (true, _) => None,
                (false, true) => Some(Kind::Response),
                (false, false) => Some(Kind::Acknowledgement),
            }
        } else {
            (message_id && !message && !data && !request).then_some(Kind::Inquiry)
        }
    }
}

impl Payload {
    /// Reads any Wappin body and tells which it is by its keys.
    ///
    /// A key that one kind alone has decides (`callback_type`, `client_name`, ... for a
    /// callback; `type` or `params` for Send Notification; `media_type` for Send Media;
    /// `phone_number` for Number Checker; a `data` object with `access_token` for the
    /// token answer). Otherwise the keys together decide: `message_content` without
    /// `status` is Send Text, `status` with `message`, `message_id` or `data` an answer,
    /// `status` alone an acknowledgement, `message_id` alone an Inquiry. Any other body is
    /// an [`Error::Shape`] that lists its keys. The body is then read once, as that kind.
    pub fn from_json(body: &[u8]) -> Result<Self, Error> {
        replay::read_detected(
            body,
            Keys::default(),
            Provider::Wappin,
            "payload",
            PAYLOAD_KINDS,
        )
    }
}

impl ReadKind for Payload {
    type Kind = Kind;

    fn read_as(body: &[u8], kind: Kind) -> Result<Self, Error> {
        match kind {
            Kind::Callback => Callback::from_json(body).map(Payload::Callback),
            Kind::Acknowledgement => Acknowledgement::from_json(body).map(Payload::Acknowledgement),
            Kind::SendHsm => SendHsm::from_json(body).map(Payload::SendHsm),
            Kind::SendText => SendText::from_json(body).map(Payload::SendText),
            Kind::SendMedia => SendMedia::from_json(body).map(Payload::SendMedia),
            Kind::Inquiry => Inquiry::from_json(body).map(Payload::Inquiry),
            Kind::NumberChecker => NumberChecker::from_json(body).map(Payload::NumberChecker),
            Kind::TokenResponse => TokenResponse::from_json(body).map(Payload::TokenResponse),
            Kind::Response => Response::from_json(body).map(Payload::Response),
        }
    }

    fn read_kind<'de, D: Deserializer<'de>, T>(
        kind: Kind,
        d: D,
        into: &mut Option<T>,
        wrap: impl FnOnce(Self) -> T,
    ) -> Result<(), D::Error> {
        // Each kind is put in `into` in its own arm: one `match` that gave a payload to
        // put copied it several times (650 instructions on a 20-byte inquiry).
        macro_rules! put {
            ($kind:ident) => {
                *into = Some(wrap(Payload::$kind($kind::deserialize(d)?)))
            };
        }
        match kind {
            Kind::Callback => put!(Callback),
            Kind::Acknowledgement => put!(Acknowledgement),
            Kind::SendHsm => put!(SendHsm),
            Kind::SendText => put!(SendText),
            Kind::SendMedia => put!(SendMedia),
            Kind::Inquiry => put!(Inquiry),
            Kind::NumberChecker => put!(NumberChecker),
            Kind::TokenResponse => put!(TokenResponse),
            Kind::Response => put!(Response),
        }
        Ok(())
    }
}

json_payload_enum!(
    Payload,
    Provider::Wappin,
    "`\"callback\"`, `\"send HSM request\"`, `\"token response\"`, ...",
    [
        Callback,
        Acknowledgement,
        SendHsm,
        SendText,
        SendMedia,
        Inquiry,
        NumberChecker,
        TokenResponse,
        Response,
    ]
);
