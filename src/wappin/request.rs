//! What a client sends to Wappin's API: every request body of the document, to serialize
//! (and to read back, for proxies and tests).
//!
//! Every endpoint is a `POST` on [`HOST`](super::HOST) with `Content-Type:
//! application/json`; [`GetToken`] authenticates with a Basic header, every other request
//! with the token it returns (`Authorization: Bearer <token>`, see
//! [`AccessToken::authorization`](super::AccessToken::authorization)).

use std::fmt;

use base64::Engine as _;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::status::Endpoint;
use crate::Provider;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};
use crate::wire::enums::string_enum;
use crate::wire::kinds::json_payload;
use crate::wire::number;
use crate::wire::object::wire_object;
use crate::wire::written::{self, TextAsNumber};

/// "API GET Token": a `POST` to `/v1/token/get` with no body, authenticated by
/// `Authorization: Basic [base64_encode(username:password)]`, where the username is the
/// client ID and the password "secret key anda" (your secret key).
///
/// The secret is hidden in `Debug`.
///
/// ```
/// use provider_payloads::wappin::GetToken;
///
/// // The document's credentials and header.
/// let request = GetToken::new("9", "89cb782a0a2fb41238330738ca8002ef6a7f3b2b");
/// assert_eq!(
///     request.authorization(),
///     "Basic OTo4OWNiNzgyYTBhMmZiNDEyMzgzMzA3MzhjYTgwMDJlZjZhN2YzYjJi"
/// );
/// assert!(!format!("{request:?}").contains("89cb"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct GetToken {
    /// The client ID ("Masukkan client ID anda").
    pub client_id: String,
    secret_key: String,
}

impl GetToken {
    /// A token request for a client ID and its secret key.
    pub fn new(client_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        GetToken {
            client_id: client_id.into(),
            secret_key: secret_key.into(),
        }
    }

    /// The `Authorization` header value: `Basic base64(client_id:secret_key)`.
    pub fn authorization(&self) -> String {
        let credentials = format!("{}:{}", self.client_id, self.secret_key);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(credentials)
        )
    }

    /// The endpoint this request goes to.
    pub fn endpoint(&self) -> Endpoint {
        Endpoint::GetToken
    }
}

impl fmt::Debug for GetToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GetToken")
            .field("client_id", &self.client_id)
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

/// A template's numbered parameters, `{"1": "Name", "2": "8000181008192601"}`: "Masukkan
/// jumlah parameter yang ada pada template yang dipilih" (the parameters of the chosen
/// template), in order.
///
/// ```
/// use provider_payloads::wappin::Params;
///
/// let params: Params = ["Anniv Grace", "2018-10-10 19:26:36"].into_iter().collect();
/// assert_eq!(params.get(2), Some("2018-10-10 19:26:36"));
/// assert_eq!(
///     serde_json::to_string(&params).unwrap(),
///     r#"{"1":"Anniv Grace","2":"2018-10-10 19:26:36"}"#
/// );
/// ```
///
/// The parameters are kept in one string, one after the other, with where each ends: two
/// allocations for any number of them, where a map of strings takes two per parameter.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Params {
    /// Every key and value, one after the other.
    text: String,
    /// Where each key ends and where its value ends, in `text`.
    ends: Vec<(usize, usize)>,
    /// The parameters whose value came as a JSON number, by position, in order.
    numbers: Vec<usize>,
}

impl fmt::Debug for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Params {
    /// No parameters.
    pub fn new() -> Self {
        Params::default()
    }

    /// Adds `value` under the next number (`"1"` for the first).
    pub fn push(&mut self, value: impl Into<String>) -> &mut Self {
        let number = self.ends.len().saturating_add(1).to_string();
        self.push_entry(&number, &value.into());
        self
    }

    fn push_entry(&mut self, key: &str, value: &str) {
        self.text.push_str(key);
        let key_end = self.text.len();
        self.text.push_str(value);
        self.ends.push((key_end, self.text.len()));
    }

    /// The value of parameter `number` (`{{1}}` in the template is number 1).
    pub fn get(&self, number: usize) -> Option<&str> {
        let key = number.to_string();
        self.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The parameters, key and value, in the order they were given.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        let mut start = 0;
        self.ends.iter().map(move |&(key_end, value_end)| {
            let key = self.text.get(start..key_end).unwrap_or_default();
            let value = self.text.get(key_end..value_end).unwrap_or_default();
            start = value_end;
            (key, value)
        })
    }

    /// How many parameters there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// A key given twice, if any: the keys sorted and compared side by side (a hostile
    /// body may send thousands). Reading asks only when the keys did not count up.
    fn duplicate_key(&self) -> Option<&str> {
        let mut keys: Vec<&str> = self.iter().map(|(key, _)| key).collect();
        keys.sort_unstable();
        keys.windows(2).find_map(|pair| match pair {
            [a, b] if a == b => Some(*a),
            _ => None,
        })
    }
}

impl<S: Into<String>> FromIterator<S> for Params {
    /// Numbers the values from 1, in order.
    fn from_iter<I: IntoIterator<Item = S>>(values: I) -> Self {
        let mut params = Params::new();
        for value in values {
            params.push(value);
        }
        params
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        // In order, as they were read: one pass over both.
        let mut numbers = self.numbers.iter().copied().peekable();
        for (at, (key, value)) in self.iter().enumerate() {
            if numbers.next_if_eq(&at).is_some() {
                map.serialize_entry(key, &TextAsNumber(value))?;
            } else {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Params {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ParamsVisitor;

        impl<'de> Visitor<'de> for ParamsVisitor {
            type Value = Params;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"numbered parameters, like {"1": "Name", "2": "..."}"#)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Params, A::Error> {
                // Room for the samples' seven parameters without growing.
                let mut params = Params {
                    text: String::with_capacity(128),
                    ends: Vec::with_capacity(8),
                    numbers: Vec::new(),
                };
                // Templates number their parameters `1`, `2`, `3`... in order, and keys
                // that count up (each an integer written its one way, greater than the
                // last) cannot repeat: that is checked as each key comes, and the keys
                // are sorted only when it fails. The last key's number while the keys
                // count up; `None` once they do not.
                let mut counting_up = Some(None);
                let mut key_start = 0;
                while map.next_key_seed(Append(&mut params.text))?.is_some() {
                    let key_end = params.text.len();
                    if let Some(last) = counting_up {
                        let key = params.text.get(key_start..key_end);
                        let number = key.and_then(number::code_from_text);
                        counting_up = (number.is_some() && number > last).then_some(number);
                    }
                    // A value is text; one sent as a number is read as its digits and
                    // written back as it came (`wire::written`, rule 2).
                    if written::next_text(&mut map, Append(&mut params.text))? {
                        params.numbers.push(params.ends.len());
                    }
                    params.ends.push((key_end, params.text.len()));
                    key_start = params.text.len();
                }
                let repeated = if counting_up.is_some() {
                    None
                } else {
                    params.duplicate_key()
                };
                match repeated {
                    Some(key) => Err(de::Error::custom(format_args!(
                        "duplicate parameter `{key}`"
                    ))),
                    None => Ok(params),
                }
            }
        }

        deserializer.deserialize_map(ParamsVisitor)
    }
}

/// Appends a parameter's key, or its value as text, to the parameters' text.
struct Append<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for Append<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_string(self)
    }
}

impl Visitor<'_> for Append<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.0.push_str(text);
        Ok(())
    }
}

impl ListUnrecognized for Params {
    /// Nothing: a template's parameters are the client's own.
    fn list_unrecognized(&self, _: &FieldPath<'_>, _: &mut Vec<Unrecognized>) {}
}

string_enum! {
    /// The fallback `channel` of Send Notification with SMS: "Isikan value dengan sms"
    /// (fill in the value `sms`).
    pub enum Channel {
        /// An SMS from the template named in `content`.
        Sms = "sms",
    }
}

wire_object! {
    /// "API Send Notification" (`POST /v1/message/do-send-hsm`): a message from a
    /// template "yang sudah diapprove oleh wappin" (approved by Wappin), with its
    /// parameters; optionally with an SMS fallback ("Send Notification with SMS").
    ///
    /// On UAT, the document names two templates for trying it: `templ_uat_2` (two
    /// parameters) and `templ_uat_3` (three).
    ///
    /// ```
    /// use provider_payloads::wappin::{Endpoint, Params, SendHsm};
    ///
    /// // A notification with an SMS fallback, each template with its parameters in order.
    /// let params: Params = ["Name", "8000181008192601", "034567"].into_iter().collect();
    /// let sms: Params = ["Name", "8000181008192601"].into_iter().collect();
    /// let send = SendHsm::new("9", "52", "bni_ecol_open_payment_create", "6289600010002", params)
    ///     .with_sms("templ_hsm", sms);
    /// assert_eq!(send.endpoint(), Endpoint::SendHsmWithSms);
    /// let json = String::from_utf8(send.to_json()?).unwrap();
    /// assert!(json.contains(r#""channel":"sms","content":"templ_hsm","params":{"1":"Name","2":"8000181008192601","3":"034567"}"#));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct SendHsm {
        /// The client ID.
        #[serde(rename = "client_id")]
        pub client_id: String,
        /// The project ID.
        #[serde(rename = "project_id")]
        pub project_id: String,
        /// `type`: the approved template's name.
        #[serde(rename = "type")]
        pub template: String,
        /// "Nomor penerima harus terdaftar pada Whatsapp": the recipient's number, which
        /// must be registered on WhatsApp.
        #[serde(rename = "recipient_number")]
        pub recipient_number: String,
        /// The fallback channel (`sms`), with an SMS template: Send Notification with SMS.
        #[serde(rename = "channel", default)]
        pub channel: Option<Channel>,
        /// "Nama sms template": the SMS template's name, with `channel`.
        #[serde(rename = "content", default)]
        pub content: Option<String>,
        /// The template's parameters.
        #[serde(rename = "params")]
        pub params: Params,
        /// The SMS template's parameters, with `channel`.
        #[serde(rename = "params_sms", default)]
        pub params_sms: Option<Params>,
    }
}
json_payload!(SendHsm, Provider::Wappin, "send HSM request");

impl SendHsm {
    /// A notification from `template` to `recipient_number`, with its parameters.
    pub fn new(
        client_id: impl Into<String>,
        project_id: impl Into<String>,
        template: impl Into<String>,
        recipient_number: impl Into<String>,
        params: Params,
    ) -> Self {
        SendHsm {
            client_id: client_id.into(),
            project_id: project_id.into(),
            template: template.into(),
            recipient_number: recipient_number.into(),
            channel: None,
            content: None,
            params,
            params_sms: None,
            as_sent: Default::default(),
        }
    }

    /// Adds the SMS fallback: the SMS template `content` with its parameters, on the
    /// `sms` channel.
    pub fn with_sms(mut self, content: impl Into<String>, params_sms: Params) -> Self {
        self.channel = Some(Channel::Sms);
        self.content = Some(content.into());
        self.params_sms = Some(params_sms);
        self
    }

    /// The endpoint whose status table applies: [`Endpoint::SendHsmWithSms`] when the
    /// request has a `channel`.
    pub fn endpoint(&self) -> Endpoint {
        if self.channel.is_some() {
            Endpoint::SendHsmWithSms
        } else {
            Endpoint::SendHsm
        }
    }
}

wire_object! {
    /// "API Send Message (Text)" (`POST /v1/message/do-send`): a text in a session
    /// message, for a chat bot's answers. "Hanya bisa jika project_id berstatus
    /// production" (production projects only).
    ///
    /// ```
    /// use provider_payloads::wappin::{Endpoint, SendText};
    ///
    /// let send = SendText::new("0003", "14", "haihello", "082315658823");
    /// assert_eq!(send.to_json()?, br#"{"client_id":"0003","project_id":"14","message_content":"haihello","recipient_number":"082315658823"}"#);
    /// // POST it to `HOST` + this path, with the token's `Authorization` header.
    /// assert_eq!(send.endpoint(), Endpoint::SendText);
    /// assert_eq!(send.endpoint().path(), "/v1/message/do-send");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct SendText {
        /// The client ID.
        #[serde(rename = "client_id")]
        pub client_id: String,
        /// The project ID.
        #[serde(rename = "project_id")]
        pub project_id: String,
        /// "Pesan yang akan dikirimkan ke customer": the text to send.
        #[serde(rename = "message_content")]
        pub message_content: String,
        /// The recipient's number, registered on WhatsApp.
        #[serde(rename = "recipient_number")]
        pub recipient_number: String,
    }
}
json_payload!(SendText, Provider::Wappin, "send text request");

impl SendText {
    /// A text to `recipient_number`.
    pub fn new(
        client_id: impl Into<String>,
        project_id: impl Into<String>,
        message_content: impl Into<String>,
        recipient_number: impl Into<String>,
    ) -> Self {
        SendText {
            client_id: client_id.into(),
            project_id: project_id.into(),
            message_content: message_content.into(),
            recipient_number: recipient_number.into(),
            as_sent: Default::default(),
        }
    }

    /// The endpoint whose status table applies.
    pub fn endpoint(&self) -> Endpoint {
        Endpoint::SendText
    }
}

string_enum! {
    /// The `media_type` of Send Message (Media).
    pub enum MediaType {
        /// JPG, JPEG, PNG.
        Image = "image",
        /// PDF, DOC(X), PPT(X), XLS(X).
        Document = "document",
        /// AAC, M4A, MP3, OGG, OPUS.
        Audio = "audio",
    }
}

wire_object! {
    /// "API Send Message (Media)" (`POST /v1/message/do-send-media`): an image, document
    /// or audio file in a session message.
    ///
    /// ```
    /// use provider_payloads::wappin::{MediaType, SendMedia};
    ///
    /// let mut send = SendMedia::new("0015", "38", "082315658823", MediaType::Image, "7c87d81cajpg");
    /// send.caption = Some("test".into());
    /// assert_eq!(send.to_json()?, br#"{"client_id":"0015","project_id":"38","recipient_number":"082315658823","media_type":"image","media":"7c87d81cajpg","caption":"test"}"#);
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct SendMedia {
        /// The client ID.
        #[serde(rename = "client_id")]
        pub client_id: String,
        /// The project ID.
        #[serde(rename = "project_id")]
        pub project_id: String,
        /// The recipient's number, registered on WhatsApp.
        #[serde(rename = "recipient_number")]
        pub recipient_number: String,
        /// The kind of media.
        #[serde(rename = "media_type")]
        pub media_type: MediaType,
        /// "Upload media file": the table's format is a file; the document's example
        /// body gives the file's name.
        #[serde(rename = "media")]
        pub media: String,
        /// A caption, "for media type image and document only".
        #[serde(rename = "caption", default)]
        pub caption: Option<String>,
    }
}
json_payload!(SendMedia, Provider::Wappin, "send media request");

impl SendMedia {
    /// A media message to `recipient_number`, with no caption.
    pub fn new(
        client_id: impl Into<String>,
        project_id: impl Into<String>,
        recipient_number: impl Into<String>,
        media_type: MediaType,
        media: impl Into<String>,
    ) -> Self {
        SendMedia {
            client_id: client_id.into(),
            project_id: project_id.into(),
            recipient_number: recipient_number.into(),
            media_type,
            media: media.into(),
            caption: None,
            as_sent: Default::default(),
        }
    }

    /// The endpoint whose status table applies.
    pub fn endpoint(&self) -> Endpoint {
        Endpoint::SendMedia
    }
}

wire_object! {
    /// "API Inquiry" (`POST /v1/message/inquiry`): "pengecekan status terhadap pesan
    /// yang telah dikirim" (the status of a message sent before).
    pub struct Inquiry {
        /// The id of the message, from the send endpoint's answer.
        #[serde(rename = "message_id")]
        pub message_id: String,
    }
}
json_payload!(Inquiry, Provider::Wappin, "inquiry request");

impl Inquiry {
    /// An inquiry about `message_id`.
    pub fn new(message_id: impl Into<String>) -> Self {
        Inquiry {
            message_id: message_id.into(),
            as_sent: Default::default(),
        }
    }

    /// The endpoint whose status table applies.
    pub fn endpoint(&self) -> Endpoint {
        Endpoint::Inquiry
    }
}

wire_object! {
    /// "API Number Checker" (`POST /v1/phone/number-checker`): whether a number is on
    /// WhatsApp.
    pub struct NumberChecker {
        /// "ID unik client": the client ID.
        #[serde(rename = "client_id")]
        pub client_id: String,
        /// "ID unik projek": the project ID.
        #[serde(rename = "project_id")]
        pub project_id: String,
        /// "Nomor handphone yang akan dilakukan pengecekan": the number to check.
        #[serde(rename = "phone_number")]
        pub phone_number: String,
    }
}
json_payload!(NumberChecker, Provider::Wappin, "number checker request");

impl NumberChecker {
    /// A check of `phone_number`.
    pub fn new(
        client_id: impl Into<String>,
        project_id: impl Into<String>,
        phone_number: impl Into<String>,
    ) -> Self {
        NumberChecker {
            client_id: client_id.into(),
            project_id: project_id.into(),
            phone_number: phone_number.into(),
            as_sent: Default::default(),
        }
    }

    /// The endpoint whose status table applies.
    pub fn endpoint(&self) -> Endpoint {
        Endpoint::NumberChecker
    }
}
