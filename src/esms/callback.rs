//! The delivery callback: the query string of eSMS's `GET`, and the same callback as a
//! record of GetCallback's answer (JSON).

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::codes::{SendStatus, Telco, TypeId};
use super::error_info::{self, ErrorInfo, ZaloMessageStatus};
use crate::error::refuse_unrecognized;
use crate::event::{self, DeliveryState, Event};
use crate::timestamp::Timestamp;
use crate::unknown_fields::UnknownFields;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized, UnrecognizedKind};
use crate::wire::text::shown;
use crate::wire::written::empty_as_none;
use crate::wire::{decimal, number, object, query};
use crate::{Answer, Error, Limits, Provider};

/// A delivery callback: the query string eSMS sends to the customer's URL, or the same
/// callback fetched again, as a record of GetCallback's answer.
///
/// One type for both, so that a service that reconciles lost callbacks handles one type
/// (see [`GetCallbackResponse`](super::GetCallbackResponse)). Each form is written back
/// as it came: a callback read from a query with [`to_query`](Self::to_query), a record
/// read from JSON with serde (its fields under the record's names, numbers as numbers,
/// `null` as `null`, unknown fields kept). Its [`event`](Self::event) is the same either
/// way.
///
/// ```
/// use provider_payloads::esms::{Callback, SendStatus, TypeId};
/// use provider_payloads::event::DeliveryState;
///
/// // A ZNS message (TypeId 25) Zalo refused: `SendStatus` 5 with one failure, and Zalo's
/// // error in `error_info`.
/// let query = "SMSID=f66545d2-c7e2-4603-984e-d2238c363c8292&SendFailed=1&SendStatus=5\
///     &SendSuccess=0&TotalPrice=0.0000&TotalReceiver=1&TotalSent=0&RequestId=&TypeId=25\
///     &telcoid=2&phonenumber=0901888484&partnerids=&error_info=%22{%5C%22error%5C%22%3A-114\
///     %2C%5C%22message%5C%22%3A%5C%22User%20is%20inactive%5C%22}%22\
///     &oaid=1397492183140006179&tempid=2056446";
/// let callback = Callback::from_query(query)?;
/// assert_eq!(callback.send_status, SendStatus::SentSuccessfully);
/// assert_eq!(callback.type_id, Some(TypeId::ZnsCustomerCare));
/// assert_eq!((callback.send_success, callback.send_failed), (Some(0), Some(1)));
/// assert_eq!(callback.delivery_state(), DeliveryState::Failed);
/// let zalo = callback.error_info.as_ref().and_then(|info| info.zalo()).unwrap();
/// assert_eq!((zalo.error, zalo.message.as_deref()), (-114, Some("User is inactive")));
/// assert_eq!(callback.temp_id.as_deref(), Some("2056446"));
/// assert_eq!(callback.partner_ids, None); // `partnerids=`: empty means absent
///
/// // Written back: the same keys in the same order, with the same decoded values.
/// assert_eq!(Callback::from_query(&callback.to_query())?, callback);
/// # Ok::<(), provider_payloads::Error>(())
/// ```
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct Callback {
    /// `SMSID`: "ID of the messages", as eSMS wrote it (not always a UUID).
    pub sms_id: String,
    /// `SendStatus`: "Messages status".
    pub send_status: SendStatus,
    /// `SendSuccess`: "Number of the success messages".
    pub send_success: Option<u64>,
    /// `SendFailed`: "Number of failed messages".
    pub send_failed: Option<u64>,
    /// `TotalPrice` (`Totalprice` in the table): "Total price", exact as sent
    /// (`0.0000` keeps its four decimals).
    pub total_price: Option<Decimal>,
    /// `TotalReceiver`: "Total number of recipients".
    pub total_receiver: Option<u64>,
    /// `TotalSent`: "Total of the messages sent".
    pub total_sent: Option<u64>,
    /// `RequestId`: "Your requestid", the id you gave the send request.
    pub request_id: Option<String>,
    /// `TypeId`: "Type of messages".
    pub type_id: Option<TypeId>,
    /// `telcoid`: "Network".
    pub telco: Option<Telco>,
    /// `phonenumber`: the "Receiver"; for Zalo, it may be a Zalo user id.
    pub phone_number: Option<String>,
    /// `CallbackUrl` (GetCallback's records only): "Link nhận callback", the URL the
    /// callback was sent to.
    pub callback_url: Option<String>,
    /// `partnerids`: "Zalo msgid (Zalo messages only)".
    pub partner_ids: Option<String>,
    /// `error_info`: "Zalo error info (Zalo message only)", decoded.
    pub error_info: Option<ErrorInfo>,
    /// `oaid`: "OA ID (Zalo message only)", the Zalo Official Account.
    pub oa_id: Option<String>,
    /// `tempid`: "ZNS TemplateID (Zalo message only)".
    pub temp_id: Option<String>,
    /// `switchsmsid`: in the customer-care sample (empty there); not in the table.
    pub switch_sms_id: Option<String>,
    /// How a callback read from a query came: empty for a record read from JSON.
    query: QueryWire,
    /// How a record read from JSON came: empty for a callback read from a query.
    json: object::AsSent,
}

impl fmt::Debug for Callback {
    /// The fields, then how the callback came: its query's keys, or its record's
    /// unknown fields and the fields written in a way their values do not show.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Callback");
        s.field("sms_id", &self.sms_id)
            .field("send_status", &self.send_status)
            .field("send_success", &self.send_success)
            .field("send_failed", &self.send_failed)
            .field("total_price", &self.total_price)
            .field("total_receiver", &self.total_receiver)
            .field("total_sent", &self.total_sent)
            .field("request_id", &self.request_id)
            .field("type_id", &self.type_id)
            .field("telco", &self.telco)
            .field("phone_number", &self.phone_number)
            .field("callback_url", &self.callback_url)
            .field("partner_ids", &self.partner_ids)
            .field("error_info", &self.error_info)
            .field("oa_id", &self.oa_id)
            .field("temp_id", &self.temp_id)
            .field("switch_sms_id", &self.switch_sms_id);
        if self.is_record() {
            s.field("unknown_fields", &self.json.unknown);
            if !self.json.written_as.is_empty() {
                s.field("written_as", &self.json.written_as);
            }
        } else {
            s.field("wire", &self.query);
        }
        s.finish()
    }
}

/// A callback as a record of GetCallback's answer, field for field: the derived serde code
/// of [`Callback`]'s fields under the record's names (its sample's `Telcoid`,
/// `PhoneNumber`, `Partnerids`, `ErrorInfo`, `OAId`, `ZnsTempId`, and `CallbackUrl`),
/// in the sample's order. It is read and written through the crate's objects
/// (`wire::object`), which keep the unknown fields and how each field was written
/// (`null`, `""`, a number in a string) in the callback's `json`.
///
/// Every field is typed as the query's is: the sample's numbers (`"SendFailed": 1`,
/// `"TotalPrice": 0.0`, `"TypeId": 25`) are read as numbers and the table's strings
/// (every field "string") as strings of digits, each written back as it came; `""` and
/// `null` are `None` (`"RequestId": null`). `switchsmsid`, which no record has, keeps
/// the query's name.
#[derive(Deserialize, Serialize)]
#[serde(remote = "Callback")]
struct Record {
    #[serde(rename = "SMSID")]
    sms_id: String,
    #[serde(rename = "SendFailed", default)]
    send_failed: Option<u64>,
    #[serde(rename = "SendSuccess", default)]
    send_success: Option<u64>,
    #[serde(rename = "SendStatus")]
    send_status: SendStatus,
    #[serde(rename = "TotalPrice", default, with = "decimal::number_option")]
    total_price: Option<Decimal>,
    #[serde(rename = "TotalReceiver", default)]
    total_receiver: Option<u64>,
    #[serde(rename = "TotalSent", default)]
    total_sent: Option<u64>,
    #[serde(rename = "RequestId", default, deserialize_with = "empty_as_none")]
    request_id: Option<String>,
    #[serde(rename = "TypeId", default)]
    type_id: Option<TypeId>,
    #[serde(rename = "Telcoid", default)]
    telco: Option<Telco>,
    #[serde(rename = "PhoneNumber", default, deserialize_with = "empty_as_none")]
    phone_number: Option<String>,
    #[serde(rename = "CallbackUrl", default, deserialize_with = "empty_as_none")]
    callback_url: Option<String>,
    #[serde(rename = "Partnerids", default, deserialize_with = "empty_as_none")]
    partner_ids: Option<String>,
    #[serde(rename = "ErrorInfo", default, with = "error_info::text_option")]
    error_info: Option<ErrorInfo>,
    #[serde(rename = "OAId", default, deserialize_with = "empty_as_none")]
    oa_id: Option<String>,
    #[serde(rename = "ZnsTempId", default, deserialize_with = "empty_as_none")]
    temp_id: Option<String>,
    #[serde(rename = "switchsmsid", default, deserialize_with = "empty_as_none")]
    switch_sms_id: Option<String>,
    #[serde(skip)]
    query: QueryWire,
    #[serde(skip)]
    json: object::AsSent,
}

// [`Record`]'s wire names, in the order it declares its fields (the derived code takes a
// field's index for the field).
object::wire_names!(
    RECORD_NAMES,
    record_index,
    [
        sms_id = "SMSID",
        send_failed = "SendFailed",
        send_success = "SendSuccess",
        send_status = "SendStatus",
        total_price = "TotalPrice",
        total_receiver = "TotalReceiver",
        total_sent = "TotalSent",
        request_id = "RequestId",
        type_id = "TypeId",
        telco = "Telcoid",
        phone_number = "PhoneNumber",
        callback_url = "CallbackUrl",
        partner_ids = "Partnerids",
        error_info = "ErrorInfo",
        oa_id = "OAId",
        temp_id = "ZnsTempId",
        switch_sms_id = "switchsmsid",
    ]
);

impl<'de> Deserialize<'de> for Callback {
    /// Reads a record of GetCallback's answer (see [`Callback`]).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object::deserialize(
            deserializer,
            (RECORD_NAMES, record_index),
            &[],
            |d| Record::deserialize(d),
            |callback: &mut Callback| &mut callback.json,
        )
    }
}

impl Serialize for Callback {
    /// Writes the callback as a record of GetCallback's answer: a record as it came; a
    /// callback read from a query with its values under the record's names (the query
    /// itself is [`to_query`](Callback::to_query)'s).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let emit = object::Emit {
            inner: serializer,
            as_sent: &self.json,
        };
        Record::serialize(self, emit)
    }
}

/// The keys of a callback, each with the spelling of the document's samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    SmsId,
    SendFailed,
    SendStatus,
    SendSuccess,
    TotalPrice,
    TotalReceiver,
    TotalSent,
    RequestId,
    TypeId,
    TelcoId,
    PhoneNumber,
    CallbackUrl,
    PartnerIds,
    ErrorInfo,
    OaId,
    TempId,
    SwitchSmsId,
}

impl Key {
    const ALL: [Key; 17] = [
        Key::SmsId,
        Key::SendFailed,
        Key::SendStatus,
        Key::SendSuccess,
        Key::TotalPrice,
        Key::TotalReceiver,
        Key::TotalSent,
        Key::RequestId,
        Key::TypeId,
        Key::TelcoId,
        Key::PhoneNumber,
        Key::CallbackUrl,
        Key::PartnerIds,
        Key::ErrorInfo,
        Key::OaId,
        Key::TempId,
        Key::SwitchSmsId,
    ];

    fn wire(self) -> &'static str {
        match self {
            Key::SmsId => "SMSID",
            Key::SendFailed => "SendFailed",
            Key::SendStatus => "SendStatus",
            Key::SendSuccess => "SendSuccess",
            Key::TotalPrice => "TotalPrice",
            Key::TotalReceiver => "TotalReceiver",
            Key::TotalSent => "TotalSent",
            Key::RequestId => "RequestId",
            Key::TypeId => "TypeId",
            Key::TelcoId => "telcoid",
            Key::PhoneNumber => "phonenumber",
            Key::CallbackUrl => "CallbackUrl",
            Key::PartnerIds => "partnerids",
            Key::ErrorInfo => "error_info",
            Key::OaId => "oaid",
            Key::TempId => "tempid",
            Key::SwitchSmsId => "switchsmsid",
        }
    }

    /// The key's name in GetCallback's records, where it differs from the query's.
    fn json(self) -> &'static str {
        match self {
            Key::TelcoId => "Telcoid",
            Key::PhoneNumber => "PhoneNumber",
            Key::PartnerIds => "Partnerids",
            Key::ErrorInfo => "ErrorInfo",
            Key::OaId => "OAId",
            Key::TempId => "ZnsTempId",
            key => key.wire(),
        }
    }

    /// The key spelt `name`, whatever its letter case.
    fn find(name: &str) -> Option<Key> {
        Key::ALL
            .into_iter()
            .find(|key| key.wire().eq_ignore_ascii_case(name))
    }

    /// The field the (decoded) key `name` fills: `None` for a key the document does not
    /// name, or one already `known`.
    fn claim(name: &str, known: &[(Key, usize)]) -> Option<Key> {
        Key::find(name).filter(|key| known.iter().all(|(met, _)| met != key))
    }
}

/// What a callback keeps from the query besides its typed values, to write it back and
/// list what it did not know: the query as it came, whose pairs are found in it again
/// when they are needed ([`QueryWire::pairs`]) rather than kept beside it, so that a query
/// of a million empty pairs costs about its own size, not thirty times it.
#[derive(Clone, Default)]
struct QueryWire {
    /// The query as it came (without its `?` and the white space around it); empty for
    /// a record read from JSON.
    raw: String,
    /// The known keys that filled their fields (each once at most), in the order they
    /// came, each with its pair's place among the pairs of `raw` (0 for the first).
    known: Vec<(Key, usize)>,
    /// Known keys that came spelt otherwise than in the samples (`Totalprice`).
    spellings: Vec<(Key, String)>,
    /// What the unknown pairs' and repeats' encoded keys and values (`%` or `+`) decode
    /// to, one after another in the order they came: a key or value that needs no
    /// decoding is its own text in `raw`.
    decoded: String,
    /// How many pairs are unknown or repeats.
    unknown: usize,
}

/// A pair of the query: a known key that filled its field (its value is the field's), or
/// a key the document does not name, or a repeat, with its value, both decoded.
#[derive(Clone, Copy, PartialEq)]
enum Slot<'a> {
    Known(Key),
    Unknown(&'a str, &'a str),
}

impl QueryWire {
    /// How `key` was spelt in the query.
    fn spelling(&self, key: Key) -> &str {
        self.spellings
            .iter()
            .find(|(spelt, _)| *spelt == key)
            .map_or(key.wire(), |(_, spelling)| spelling.as_str())
    }

    /// The pairs of the query, in order: a pair is known at a known key's place.
    fn pairs(&self) -> impl Iterator<Item = Slot<'_>> {
        let mut known = self.known.iter().peekable();
        let mut decoded = self.decoded.as_str();
        // With every pair known, the known keys are all the pairs: the query is not scanned.
        let mut pairs =
            query::raw_pairs(if self.unknown == 0 { "" } else { &self.raw }).enumerate();
        std::iter::from_fn(move || match pairs.next() {
            Some((place, (key, value))) => Some(match known.next_if(|&&(_, at)| at == place) {
                Some(&(field, _)) => Slot::Known(field),
                None => Slot::Unknown(
                    decoded_text(key, &mut decoded),
                    decoded_text(value, &mut decoded),
                ),
            }),
            None => known.next().map(|&(field, _)| Slot::Known(field)),
        })
    }

    /// The unknown pairs and repeats, in order.
    fn unknown(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        let mut unknown = self.pairs().filter_map(|slot| match slot {
            Slot::Known(_) => None,
            Slot::Unknown(key, value) => Some((key, value)),
        });
        // Counted when they were read, so that the iterator knows its length.
        (0..self.unknown).map(move |_| unknown.next().unwrap_or_default())
    }
}

/// The decoded text of `raw`, a key or value of the query: `raw` itself when it needs no
/// decoding (no `%` or `+`, as [`query::decode`] borrows it), else the next `decoded`
/// text, where the reader put what `raw` decodes to: one byte for each `%XX` and each
/// other byte, found without decoding `raw` again.
fn decoded_text<'a>(raw: &'a str, decoded: &mut &'a str) -> &'a str {
    if !raw.contains(['%', '+']) {
        return raw;
    }
    let escapes = raw.bytes().filter(|&byte| byte == b'%').count();
    let len = raw.len().saturating_sub(escapes.saturating_mul(2));
    let (text, rest) = decoded.split_at_checked(len).unwrap_or_default();
    *decoded = rest;
    text
}

impl PartialEq for QueryWire {
    /// The same pairs in the same order, with the same decoded keys (and the unknown
    /// ones' values), however they were encoded.
    fn eq(&self, other: &Self) -> bool {
        self.spellings == other.spellings && self.pairs().eq(other.pairs())
    }
}

impl std::fmt::Debug for QueryWire {
    /// The keys in the order they came, as one line, and the unknown pairs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys: Vec<&str> = self
            .pairs()
            .map(|slot| match slot {
                Slot::Known(key) => self.spelling(key),
                Slot::Unknown(key, _) => key,
            })
            .collect();
        let unknown: Vec<(&str, &str)> = self.unknown().collect();
        f.debug_struct("QueryWire")
            .field("keys", &keys.join("&"))
            .field("unknown", &unknown)
            .finish()
    }
}

/// The payload kind's name, as errors give it.
const KIND: &str = "callback";

fn parameter_error(key: &str, reason: impl Into<String>) -> Error {
    Error::Parameter {
        provider: Provider::Esms,
        payload: KIND,
        key: key.to_owned(),
        reason: reason.into(),
    }
}

impl Callback {
    /// The payload kind's name, as errors give it.
    pub const KIND: &'static str = KIND;

    /// The payload kind's name, as errors give it: [`KIND`](Self::KIND).
    pub fn kind(&self) -> &'static str {
        KIND
    }

    /// The fields of a GetCallback record that its document does not name, kept as raw
    /// JSON and written back; none for a callback read from a query, whose unknown keys
    /// are its [`unknown_parameters`](Self::unknown_parameters).
    pub fn unknown_fields(&self) -> &UnknownFields {
        &self.json.unknown
    }

    /// Whether the callback was read from a GetCallback record (JSON), not a query.
    fn is_record(&self) -> bool {
        self.query.raw.is_empty()
    }

    /// The name of `key` in the form the callback came in: the query's spelling, or the
    /// record's name.
    fn name(&self, key: Key) -> &str {
        if self.is_record() {
            key.json()
        } else {
            self.query.spelling(key)
        }
    }

    /// Reads a callback from the request's URL: absolute
    /// (`https://example.com/hook?SMSID=...`) or the path and query a web framework gives
    /// (`/hook?SMSID=...`). A `#fragment` is ignored. A URL over
    /// [`Limits::DEFAULT_BODY`] is refused: [`from_url_with`](Self::from_url_with) sets
    /// your own limit.
    pub fn from_url(url: &str) -> Result<Self, Error> {
        Self::from_url_with(url, &Limits::new())
    }

    /// [`from_url`](Self::from_url) with limits of your own: a URL larger than
    /// [`Limits::max_body`] is refused with [`Error::TooLarge`] before it is read.
    pub fn from_url_with(url: &str, limits: &Limits) -> Result<Self, Error> {
        limits.check(url.len())?;
        let url = url.trim();
        let url = url.split_once('#').map_or(url, |(url, _)| url);
        match url.split_once('?') {
            Some((_, query)) => Self::read_query(query),
            None => Err(Error::NoKind {
                provider: Provider::Esms,
                expected: vec![
                    "a URL with an eSMS callback in its query string (`...?SMSID=...`)".to_owned(),
                ],
                found: "a URL with no query string".to_owned(),
            }),
        }
    }

    /// Reads a callback from its query string, with or without the leading `?`; white
    /// space around it (a file's final newline) is ignored. A query over
    /// [`Limits::DEFAULT_BODY`] is refused: [`from_query_with`](Self::from_query_with)
    /// sets your own limit.
    pub fn from_query(query: &str) -> Result<Self, Error> {
        Self::from_query_with(query, &Limits::new())
    }

    /// [`from_query`](Self::from_query) with limits of your own: a query string larger
    /// than [`Limits::max_body`] is refused with [`Error::TooLarge`] before it is read.
    pub fn from_query_with(query: &str, limits: &Limits) -> Result<Self, Error> {
        limits.check(query.len())?;
        Self::read_query(query)
    }

    /// Reads a callback from its query string, whatever its size.
    fn read_query(query: &str) -> Result<Self, Error> {
        let query = query.trim();
        let query = query.strip_prefix('?').unwrap_or(query);
        if query.is_empty() {
            return Err(Error::EmptyQuery {
                provider: Provider::Esms,
                payload: KIND,
            });
        }
        if query.starts_with(['{', '[']) {
            return Err(Error::NoKind {
                provider: Provider::Esms,
                expected: vec!["an eSMS callback query string (`SMSID=...&SendStatus=...`), which eSMS sends with a GET".to_owned()],
                found: "a JSON body".to_owned(),
            });
        }
        Builder::default().read(query)
    }

    /// Like [`from_query`](Self::from_query), refusing any key or value the document
    /// does not list.
    pub fn from_query_strict(query: &str) -> Result<Self, Error> {
        Self::from_query_strict_with(query, &Limits::new())
    }

    /// [`from_query_strict`](Self::from_query_strict) with limits of your own, as
    /// [`from_query_with`](Self::from_query_with) has them.
    pub fn from_query_strict_with(query: &str, limits: &Limits) -> Result<Self, Error> {
        refuse_unrecognized(Self::from_query_with(query, limits)?, Provider::Esms, KIND)
    }

    /// Writes the callback back as a query string (no leading `?`): the keys in the
    /// order and spelling they came, with the same decoded values, percent-encoded. A
    /// record read from GetCallback's JSON gives the query eSMS's `GET` would have had:
    /// the keys it holds a value for, in the order and spelling of the document's
    /// samples.
    pub fn to_query(&self) -> String {
        // A guess at the length, so that the string seldom grows: the query as it came,
        // or a short pair a key, and `error_info`, the one long value, about twice its
        // length once encoded.
        let error_info = self.error_info.as_ref().map_or(0, |info| info.raw().len());
        let pairs = if self.is_record() {
            Key::ALL.len().saturating_mul(32)
        } else {
            self.query.raw.len()
        };
        let mut query = String::with_capacity(pairs.saturating_add(error_info.saturating_mul(2)));
        let mut write = |key: &str, value: &str| {
            if !query.is_empty() {
                query.push('&');
            }
            query.extend(query::encode(key));
            query.push('=');
            query.extend(query::encode(value));
        };
        if self.is_record() {
            // The keys it holds a value for, in the samples' order.
            for key in Key::ALL {
                let value = self.value(key);
                if !value.is_empty() {
                    write(key.wire(), &value);
                }
            }
        } else {
            for slot in self.query.pairs() {
                match slot {
                    Slot::Known(key) => write(self.query.spelling(key), &self.value(key)),
                    Slot::Unknown(key, value) => write(key, value),
                }
            }
        }
        query
    }

    /// The parameters the document does not name, and repeats of known ones, decoded,
    /// in the order they came.
    pub fn unknown_parameters(&self) -> impl ExactSizeIterator<Item = (&str, &str)> {
        self.query.unknown()
    }

    /// The decoded value of `key`, as it is written back; empty for `None`.
    fn value(&self, key: Key) -> Cow<'_, str> {
        fn text(value: &Option<String>) -> Cow<'_, str> {
            Cow::Borrowed(value.as_deref().unwrap_or_default())
        }
        match key {
            Key::SmsId => Cow::Borrowed(&self.sms_id),
            Key::RequestId => text(&self.request_id),
            Key::PhoneNumber => text(&self.phone_number),
            Key::CallbackUrl => text(&self.callback_url),
            Key::PartnerIds => text(&self.partner_ids),
            Key::ErrorInfo => Cow::Borrowed(self.error_info.as_ref().map_or("", ErrorInfo::raw)),
            Key::OaId => text(&self.oa_id),
            Key::TempId => text(&self.temp_id),
            Key::SwitchSmsId => text(&self.switch_sms_id),
            Key::SendStatus => shown(Some(self.send_status.code())),
            Key::SendFailed => shown(self.send_failed),
            Key::SendSuccess => shown(self.send_success),
            Key::TotalPrice => shown(self.total_price),
            Key::TotalReceiver => shown(self.total_receiver),
            Key::TotalSent => shown(self.total_sent),
            Key::TypeId => shown(self.type_id.as_ref().map(TypeId::code)),
            Key::TelcoId => shown(self.telco.as_ref().map(Telco::code)),
        }
    }
}

impl ListUnrecognized for Callback {
    /// The undocumented values, at the keys' names as they came (`telcoid` in a query,
    /// `Telcoid` in a record), and the unknown parameters or fields.
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        self.send_status
            .list_unrecognized(&at.field(self.name(Key::SendStatus)), found);
        self.type_id
            .list_unrecognized(&at.field(self.name(Key::TypeId)), found);
        self.telco
            .list_unrecognized(&at.field(self.name(Key::TelcoId)), found);
        self.error_info
            .list_unrecognized(&at.field(self.name(Key::ErrorInfo)), found);
        for (key, value) in self.query.unknown() {
            found.push(Unrecognized::new(
                &at.field(key),
                UnrecognizedKind::Field {
                    raw: value.to_owned(),
                },
            ));
        }
        self.json.list_unrecognized(at, found);
    }
}

/// A callback being read, key by key.
#[derive(Default)]
struct Builder {
    sms_id: Option<String>,
    send_status: Option<SendStatus>,
    send_success: Option<u64>,
    send_failed: Option<u64>,
    total_price: Option<Decimal>,
    total_receiver: Option<u64>,
    total_sent: Option<u64>,
    request_id: Option<String>,
    type_id: Option<TypeId>,
    telco: Option<Telco>,
    phone_number: Option<String>,
    callback_url: Option<String>,
    partner_ids: Option<String>,
    error_info: Option<ErrorInfo>,
    oa_id: Option<String>,
    temp_id: Option<String>,
    switch_sms_id: Option<String>,
    query: QueryWire,
}

impl Builder {
    fn read(mut self, query: &str) -> Result<Callback, Error> {
        // The pairs are found in the query again (`QueryWire::pairs`): kept beside it are
        // where the known keys are, and what the unknown pairs' encoded text decodes to.
        // One allocation: each known key fills its field once at most.
        self.query.known = Vec::with_capacity(Key::ALL.len());
        for (place, (raw_key, raw_value)) in query::raw_pairs(query).enumerate() {
            let name = query::decode(raw_key)
                .map_err(|err| parameter_error(raw_key, format!("the key: {err}")))?;
            let value =
                query::decode(raw_value).map_err(|err| parameter_error(&name, err.to_string()))?;
            match Key::claim(&name, &self.query.known) {
                Some(key) => {
                    self.set(key, &value)
                        .map_err(|reason| parameter_error(&name, reason))?;
                    if name != key.wire() {
                        self.query.spellings.push((key, name.into_owned()));
                    }
                    self.query.known.push((key, place));
                }
                // Unknown, or a repeat: listed as unrecognized.
                None => {
                    for text in [&name, &value] {
                        if let Cow::Owned(text) = text {
                            self.query.decoded.push_str(text);
                        }
                    }
                    self.query.unknown = self.query.unknown.saturating_add(1);
                }
            }
        }
        self.query.raw = query.to_owned();
        let sms_id = self.sms_id.ok_or_else(|| {
            parameter_error(
                Key::SmsId.wire(),
                "missing or empty; it is the message's ID",
            )
        })?;
        let send_status = self.send_status.ok_or_else(|| {
            parameter_error(
                Key::SendStatus.wire(),
                "missing or empty; it is the message's status",
            )
        })?;
        Ok(Callback {
            sms_id,
            send_status,
            send_success: self.send_success,
            send_failed: self.send_failed,
            total_price: self.total_price,
            total_receiver: self.total_receiver,
            total_sent: self.total_sent,
            request_id: self.request_id,
            type_id: self.type_id,
            telco: self.telco,
            phone_number: self.phone_number,
            callback_url: self.callback_url,
            partner_ids: self.partner_ids,
            error_info: self.error_info,
            oa_id: self.oa_id,
            temp_id: self.temp_id,
            switch_sms_id: self.switch_sms_id,
            query: self.query,
            json: object::AsSent::default(),
        })
    }

    /// Reads the value of `key`; an empty value is `None`.
    fn set(&mut self, key: Key, value: &str) -> Result<(), String> {
        if value.is_empty() {
            return Ok(());
        }
        match key {
            Key::SmsId => self.sms_id = Some(value.to_owned()),
            Key::SendStatus => self.send_status = Some(code(value)?),
            Key::SendFailed => self.send_failed = Some(count(value)?),
            Key::SendSuccess => self.send_success = Some(count(value)?),
            Key::TotalPrice => self.total_price = Some(price(value)?),
            Key::TotalReceiver => self.total_receiver = Some(count(value)?),
            Key::TotalSent => self.total_sent = Some(count(value)?),
            Key::RequestId => self.request_id = Some(value.to_owned()),
            Key::TypeId => self.type_id = Some(code(value)?),
            Key::TelcoId => self.telco = Some(code(value)?),
            Key::PhoneNumber => self.phone_number = Some(value.to_owned()),
            Key::CallbackUrl => self.callback_url = Some(value.to_owned()),
            Key::PartnerIds => self.partner_ids = Some(value.to_owned()),
            Key::ErrorInfo => {
                self.error_info = ErrorInfo::read(value).map_err(|p| p.to_string())?
            }
            Key::OaId => self.oa_id = Some(value.to_owned()),
            Key::TempId => self.temp_id = Some(value.to_owned()),
            Key::SwitchSmsId => self.switch_sms_id = Some(value.to_owned()),
        }
        Ok(())
    }
}

/// A count: digits only (no sign, no decimals, no leading zero), as eSMS writes it and as
/// it is written back.
fn count(value: &str) -> Result<u64, String> {
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("expected a count (digits), found `{value}`"));
    }
    if !number::is_canonical_integer(value) {
        return Err(leading_zero(value));
    }
    value
        .parse()
        .map_err(|_| format!("`{value}` is too large for a count"))
}

/// An integer code (`SendStatus`, `TypeId`, `telcoid`), written as it is written back (no
/// `+`, no leading zero): the code's `FromStr`, which refuses what serde refuses.
fn code<C: std::str::FromStr>(value: &str) -> Result<C, String> {
    value.parse().map_err(|_| {
        // An integer all the same (`05`, `+5`, `-0`): only its spelling is refused.
        if value.parse::<i64>().is_ok() {
            leading_zero(value)
        } else {
            format!("expected an integer code, found `{value}`")
        }
    })
}

/// A price, exact: `696987.0000` keeps its scale, `-0.00` its sign. A leading zero
/// (`0470.0000`) is refused: it would not be written back as it came.
fn price(value: &str) -> Result<Decimal, String> {
    decimal::parse_number(value).ok_or_else(|| {
        if decimal::has_leading_zero(value) {
            leading_zero(value)
        } else {
            format!("expected a decimal price (digits and a point, like 470.0000), found `{value}`")
        }
    })
}

/// Why a number written with a leading zero or a sign (`05`, `+5`, `-0`) is refused.
fn leading_zero(value: &str) -> String {
    format!("`{value}` has a leading zero or a sign, which would not be written back as it came")
}

impl Callback {
    /// The normalized state, from `SendStatus`, Zalo's report and the counts: 1
    /// Pending, 2 Accepted, 4 Rejected, 7 Sent; 5 ("Sent Successfully", which eSMS sends
    /// for failures too) is what Zalo's `error_info.data.status` says where it has one
    /// (0, "sent to the Zalo server but not yet delivered to the phone", Sent; 1,
    /// "delivered to the phone", Delivered; -1, "the message does not exist", or
    /// another, Unknown), else Delivered when `SendSuccess` counts any, Failed when
    /// only `SendFailed` does, and Sent when neither does; any other status is Unknown.
    pub fn delivery_state(&self) -> DeliveryState {
        match self.send_status {
            SendStatus::PendingApproval => DeliveryState::Pending,
            SendStatus::WaitingToSend => DeliveryState::Accepted,
            SendStatus::Rejected => DeliveryState::Rejected,
            SendStatus::SentToTelco => DeliveryState::Sent,
            SendStatus::SentSuccessfully => match self.zalo_status() {
                Some(ZaloMessageStatus::SentToZalo) => DeliveryState::Sent,
                Some(ZaloMessageStatus::Delivered) => DeliveryState::Delivered,
                Some(_) => DeliveryState::Unknown,
                None => match (
                    self.send_success.unwrap_or(0),
                    self.send_failed.unwrap_or(0),
                ) {
                    (0, 0) => DeliveryState::Sent,
                    (0, _) => DeliveryState::Failed,
                    _ => DeliveryState::Delivered,
                },
            },
            SendStatus::Other(_) => DeliveryState::Unknown,
        }
    }

    /// Where Zalo says the message stands, when `error_info` reports it
    /// (`data.status`).
    fn zalo_status(&self) -> Option<&ZaloMessageStatus> {
        self.error_info
            .as_ref()
            .and_then(ErrorInfo::zalo)
            .and_then(|zalo| zalo.data.as_ref())
            .and_then(|data| data.status.as_ref())
    }

    /// The callback as a normalized event: its [`delivery`](Self::delivery).
    pub fn event(&self) -> Option<Event> {
        Some(Event::Delivery(self.delivery()))
    }

    /// The HTTP answer eSMS expects: 200 with an empty body ([`Answer::OK`]); "the
    /// callback will be retried a maximum of 5 times" otherwise.
    pub fn answer(&self) -> Answer {
        Answer::OK
    }

    /// The callback as a normalized delivery report, with its counts and price. Zalo's
    /// error in `error_info` travels as the error when it is not `0` (success); its time
    /// is the report's time.
    ///
    /// One `SMSID` may go to several recipients, with a callback for each (the
    /// customer-care sample counts `TotalReceiver` 2): a message reaches each state once
    /// for each recipient, and the key is `esms:<SMSID>:<phonenumber>:<state>`
    /// (`esms:<SMSID>:<state>` for a callback that names no recipient; an undocumented
    /// status names itself, `...:unknown:<SendStatus>`).
    pub fn delivery(&self) -> event::Delivery {
        let state = self.delivery_state();
        let zalo = self.error_info.as_ref().and_then(ErrorInfo::zalo);
        let error = zalo
            .filter(|zalo| zalo.error != 0)
            .map(|zalo| event::ProviderError {
                code: zalo.error.to_string(),
                message: zalo.message.clone(),
            });
        event::Delivery {
            provider: Provider::Esms,
            message_id: self.sms_id.clone(),
            recipient: self.phone_number.clone(),
            state,
            error,
            at: self
                .error_info
                .as_ref()
                .and_then(ErrorInfo::time)
                .map(Timestamp::local),
            cost: self.total_price.map(|price| event::Cost::new(price, None)),
            counts: Some(event::DeliveryCounts {
                receivers: self.total_receiver,
                sent: self.total_sent,
                succeeded: self.send_success,
                failed: self.send_failed,
            }),
            idempotency_key: {
                let state = event::state_part(
                    state.as_str(),
                    state == DeliveryState::Unknown,
                    self.send_status,
                );
                let mut parts = vec![self.sms_id.as_str()];
                parts.extend(self.phone_number.as_deref());
                parts.push(&state);
                event::key_of(Provider::Esms, &parts)
            },
        }
    }
}
