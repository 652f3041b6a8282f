//! Wappin's v2 API (`https://api.chat.wappin.app`), as the flip-id/wappin Go SDK models it
//! in its `v2/` folder (HEAD 4693919, 2023-08-07). **Third party**: no document of
//! Wappin's describes this API; every type here is the SDK's model, and its values are
//! those of the SDK's own tests (`v2/wappin_test.go`, which decodes them, and
//! `v2/wappin_integration_test.go`).
//!
//! - Login: `POST /v1/users/login` with HTTP Basic (user name and password), no body;
//!   the answer has the token in `users`.
//! - Send: `POST /v1/messages` with `Authorization: Bearer <token>` and a
//!   [`V2SendRequest`]; the answer has the message's id in `messages`.
//! - An error answers either with `errors`; the SDK reads one when the HTTP status is
//!   not 200, and uses `errors[0]`.
//!
//! The shapes are those of the WhatsApp Business API's on-premises client (`meta`,
//! `errors`, `users`, `messages`), an inference; Wappin spells the token's lifetime
//! `expired_after`. No inbound webhook of the v2 API is modelled: no sample of one was
//! found.

use super::response::AccessToken;
use crate::Provider;
use crate::timestamp::Timestamp;
use crate::wire::enums::{code_enum, string_enum};
use crate::wire::kinds::json_payload;
use crate::wire::object::wire_object;

wire_object! {
    /// An answer of the v2 API, login's or send's, a success or an error [third party].
    ///
    /// The SDK reads login's answer as `ResponseLogin` (`meta`, `errors`, `users`) and
    /// send's as `ResponseMessage` (`meta`, `errors`, `messages`). An error is the same
    /// body from either, so one type reads them all: [`token`](Self::token) is login's,
    /// [`message_id`](Self::message_id) send's, [`error`](Self::error) either's.
    ///
    /// ```
    /// use provider_payloads::wappin::{V2ErrorCode, V2Response};
    ///
    /// // The SDK's test answers (`v2/wappin_test.go`).
    /// let sent = V2Response::from_json(
    ///     br#"{"meta":{"version":"1.0.4"},"messages":[{"id":"FkV4YbHb_X8sfVYcPQ7_QEpK_Rvc"}]}"#,
    /// )?;
    /// assert_eq!(sent.message_id(), Some("FkV4YbHb_X8sfVYcPQ7_QEpK_Rvc"));
    /// let denied = V2Response::from_json(br#"{"meta":{"version":"1.0.4"},"errors":[{"code":1005,
    ///     "title":"Access Denied","details":"Missing or invalid authentication credentials."}]}"#)?;
    /// assert_eq!(denied.error().map(|error| error.code), Some(V2ErrorCode::AccessDenied));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct V2Response {
        /// `meta`: the API's version.
        #[serde(rename = "meta")]
        pub meta: V2Meta,
        /// `errors`: what went wrong (the SDK's `Error`s).
        #[serde(rename = "errors", default)]
        pub errors: Option<Vec<V2Error>>,
        /// `users`: login's answer, the token (the SDK's `UserResponse`s).
        #[serde(rename = "users", default)]
        pub users: Option<Vec<V2User>>,
        /// `messages`: send's answer, the message's id (the SDK's `MessageResponse`s).
        #[serde(rename = "messages", default)]
        pub messages: Option<Vec<V2Message>>,
    }
}
json_payload!(V2Response, Provider::Wappin, "v2 response");

impl V2Response {
    /// The first error, which the SDK reports (`errors[0]`).
    pub fn error(&self) -> Option<&V2Error> {
        self.errors.as_deref()?.first()
    }

    /// Login's first user, with the token (the SDK takes `users[0]`).
    pub fn token(&self) -> Option<&V2User> {
        self.users.as_deref()?.first()
    }

    /// Send's first message id (the SDK's tests read `messages[0].id`).
    pub fn message_id(&self) -> Option<&str> {
        self.messages
            .as_deref()?
            .first()
            .map(|message| message.id.as_str())
    }
}

wire_object! {
    /// `meta` of a v2 answer [third party].
    pub struct V2Meta {
        /// `version`: the API's version (`"1.0.4"` in the SDK's tests).
        #[serde(rename = "version", default)]
        pub version: Option<String>,
    }
}

wire_object! {
    /// A user of login's answer: the token and when it expires [third party].
    pub struct V2User {
        /// `token`: the bearer token for `POST /v1/messages` (a JWT in the SDK's test).
        /// Hidden in `Debug`.
        #[serde(rename = "token")]
        pub token: AccessToken,
        /// `expired_after`: when the token expires, with its offset
        /// (`2023-08-03T10:45:36+07:00`); the SDK caches the token until then.
        #[serde(rename = "expired_after", default)]
        pub expired_after: Option<Timestamp>,
    }
}

wire_object! {
    /// A message of send's answer [third party].
    pub struct V2Message {
        /// `id`: the id of the message sent (`FkV4YbHb_X8sfVYcPQ7_QEpK_Rvc`).
        #[serde(rename = "id")]
        pub id: String,
    }
}

code_enum! {
    /// The `code` of a v2 error, a number [third party]: the two the SDK's tests answer
    /// with.
    pub enum V2ErrorCode {
        /// 500: "General Error".
        GeneralError = 500,
        /// 1005: "Access Denied", "Missing or invalid authentication credentials." (login
        /// with a wrong user name or password).
        AccessDenied = 1005,
    }
}

wire_object! {
    /// An error of a v2 answer (the SDK's `Error`) [third party].
    pub struct V2Error {
        /// `code`: the error's code.
        #[serde(rename = "code")]
        pub code: V2ErrorCode,
        /// `title`: its name ("Access Denied").
        #[serde(rename = "title", default)]
        pub title: Option<String>,
        /// `details`: what went wrong ("Missing or invalid authentication credentials.").
        #[serde(rename = "details", default)]
        pub details: Option<String>,
    }
}

string_enum! {
    /// The `type` of a v2 message, and of a template's parameter [third party]: the SDK's
    /// `MessageType*` constants ("the valid value is text, image, video, template and
    /// interactive"). Its tests send `template` messages, with `text` and `image`
    /// parameters.
    pub enum V2MessageType {
        /// A text.
        Text = "text",
        /// An image.
        Image = "image",
        /// A video.
        Video = "video",
        /// A message from an approved template.
        Template = "template",
        /// An interactive message.
        Interactive = "interactive",
    }
}

string_enum! {
    /// A template's language `policy` [third party]: "Policy is required, for default
    /// value is deterministic".
    pub enum V2LanguagePolicy {
        /// The one the SDK's tests send.
        Deterministic = "deterministic",
    }
}

string_enum! {
    /// The `type` of a template's component [third party]: the SDK's `ComponentType*`
    /// constants, "header, body and button". Its tests send `body` and `header`.
    pub enum V2ComponentType {
        /// The header (an image in the SDK's integration test).
        Header = "header",
        /// The body's text parameters.
        Body = "body",
        /// A button.
        Button = "button",
    }
}

string_enum! {
    /// The `sub_type` of a button component [third party]: the SDK's constants, "only
    /// used for button template". No test of the SDK sends one.
    pub enum V2ButtonType {
        /// A button that opens a URL.
        Url = "url",
        /// A quick-reply button.
        QuickReply = "quick_reply",
    }
}

wire_object! {
    /// The v2 send request (`POST /v1/messages`), the SDK's `RequestMessage` [third
    /// party]. No JSON of one is published; `tests/data/wappin/v2_send_request.json` is
    /// the SDK's test request as its struct tags write it.
    ///
    /// ```
    /// use provider_payloads::wappin::{V2MessageType, V2SendRequest};
    ///
    /// let request = V2SendRequest::from_json(br#"{"to":"6288889999","type":"template",
    ///     "template":{"name":"testing_webhook_marketing",
    ///     "language":{"policy":"deterministic","code":"id"},"namespace":"9898912-121212",
    ///     "components":[{"type":"body","parameters":[{"type":"text","text":"hari ini"}]}]}}"#)?;
    /// assert_eq!(request.message_type, V2MessageType::Template);
    /// assert_eq!(request.template.language.code, "id");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct V2SendRequest {
        /// `to`: the recipient's number.
        #[serde(rename = "to")]
        pub to: String,
        /// `type`: what kind of message ("Type is required").
        #[serde(rename = "type")]
        pub message_type: V2MessageType,
        /// `recipient_type`: left out when empty.
        #[serde(rename = "recipient_type", default)]
        pub recipient_type: Option<String>,
        /// `template`: the template and its parameters ("required to sending Whatsapp
        /// message with template format").
        #[serde(rename = "template")]
        pub template: V2Template,
    }
}
json_payload!(V2SendRequest, Provider::Wappin, "v2 send request");

wire_object! {
    /// The `template` of a v2 send request, the SDK's `TemplateRequest` [third party].
    pub struct V2Template {
        /// `name`: the template's name.
        #[serde(rename = "name")]
        pub name: String,
        /// `language`: its language.
        #[serde(rename = "language")]
        pub language: V2Language,
        /// `namespace`: the template's namespace.
        #[serde(rename = "namespace")]
        pub namespace: String,
        /// `components`: the values of its variables, by component; the SDK writes
        /// `null` for none.
        #[serde(rename = "components", default)]
        pub components: Option<Vec<V2Component>>,
    }
}

wire_object! {
    /// The `language` of a v2 template, the SDK's `LanguageRequest` [third party].
    pub struct V2Language {
        /// `policy`: how the language is chosen.
        #[serde(rename = "policy")]
        pub policy: V2LanguagePolicy,
        /// `code`: the language's code (`id`).
        #[serde(rename = "code")]
        pub code: String,
    }
}

wire_object! {
    /// A component of a v2 template, the SDK's `ComponentRequest` [third party]:
    /// "required if the template has a dynamic variable value". Each field is left out
    /// when empty.
    pub struct V2Component {
        /// `type`: header, body or button.
        #[serde(rename = "type", default)]
        pub component_type: Option<V2ComponentType>,
        /// `sub_type`: a button's kind.
        #[serde(rename = "sub_type", default)]
        pub sub_type: Option<V2ButtonType>,
        /// `parameters`: the values of the component's variables, in order.
        #[serde(rename = "parameters", default)]
        pub parameters: Option<Vec<V2Parameter>>,
        /// `index`: "used to set button position, only valid for templates with
        /// buttons".
        #[serde(rename = "index", default)]
        pub index: Option<i64>,
    }
}

wire_object! {
    /// A parameter of a v2 component, the SDK's `ComponentParameterRequest` [third
    /// party]: a text or a media file.
    pub struct V2Parameter {
        /// `type`: the parameter's type, one of the message types (`text`, `image`).
        #[serde(rename = "type")]
        pub parameter_type: V2MessageType,
        /// `text`: a text parameter's value.
        #[serde(rename = "text", default)]
        pub text: Option<String>,
        /// `image`: an image parameter's file.
        #[serde(rename = "image", default)]
        pub image: Option<V2Media>,
        /// `audio`: an audio parameter's file.
        #[serde(rename = "audio", default)]
        pub audio: Option<V2Media>,
        /// `video`: a video parameter's file.
        #[serde(rename = "video", default)]
        pub video: Option<V2Media>,
    }
}

wire_object! {
    /// A media file of a v2 parameter, the SDK's `MediaParameterRequest` [third party]:
    /// "select one Id or Link. For Caption and FileName is optional".
    pub struct V2Media {
        /// `id`: an uploaded file's id.
        #[serde(rename = "id", default)]
        pub id: Option<String>,
        /// `link`: the file's URL.
        #[serde(rename = "link", default)]
        pub link: Option<String>,
        /// `caption`: its caption.
        #[serde(rename = "caption", default)]
        pub caption: Option<String>,
        /// `file_name`: its file name.
        #[serde(rename = "file_name", default)]
        pub file_name: Option<String>,
    }
}
