//! `error_info`: "Zalo error info (Zalo message only)", which eSMS writes in several ways.
//!
//! The document's samples, after the query's own decoding, show:
//!
//! - a JSON string literal wrapping the JSON (the ZNS sample):
//!   `"{\"error\":-114,\"message\":\"User is inactive, ...\"}"`;
//! - the JSON percent-encoded once more, then `____` and a `DD/MM/YYYY HH:MM:SS` time
//!   (the consulting, transaction, form and journey samples):
//!   `%7B%22data%22%3A%7B...%7D____24/04/2024%2016:58:01`;
//! - and, in eSMS's newer document, the JSON itself: `{"error":0,"message":"Success",...}`
//!   (the sample "ZNS sent by UID", whose `data` reports the delivery).
//!
//! GetCallback's answer (eSMS's pull API) writes its `ErrorInfo` in a fourth way: the JSON,
//! then the text of a .NET exception, not encoded:
//! `{"error":-124,"message":"Access token is invalid"}Object reference not set to an
//! instance of an object.` The JSON is read, and the text after it kept
//! ([`ErrorInfo::trailing_text`]).
//!
//! [`ErrorInfo`] keeps the text as it came (it is written back as it came) and decodes it
//! layer by layer, at most [`MAX_LAYERS`] layers, so a value encoded a hundred times is
//! an error and never a long loop.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::error::Category;
use serde_json::value::RawValue;

use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized, UnrecognizedKind};
use crate::wire::enums::code_enum;
use crate::wire::object::wire_object;
use crate::wire::{query, time};

/// How many layers of encoding (quotes or percent-encoding) are undone at most. The
/// samples use two.
pub const MAX_LAYERS: usize = 8;

/// What separates the JSON from the time in the samples' `error_info`.
const TIME_SEPARATOR: &str = "____";

/// A callback's `error_info`, as it came and decoded.
#[derive(Clone, PartialEq)]
pub struct ErrorInfo {
    raw: String,
    zalo: Option<ZaloResult>,
    time: Option<NaiveDateTime>,
    trailing: Option<Trailing>,
}

/// Where the text after the JSON is.
#[derive(Clone, PartialEq, Eq)]
enum Trailing {
    /// At the end of the value as it came, from this byte: GetCallback's form, sent as
    /// it is (no copy of it is made).
    InRaw(usize),
    /// Found under a layer of encoding: decoded.
    Decoded(String),
}

wire_object! {
    /// The result Zalo reported for the message, as eSMS passes it on.
    pub struct ZaloResult {
        /// Zalo's error code: `0` is success (`"message": "Success"`); the ZNS sample has
        /// `-114`, "User is inactive, or reject the message, or using an outdated Zalo
        /// version, or other internal errors". Required: it is the result.
        #[serde(rename = "error")]
        pub error: i64,
        /// Zalo's message for the code.
        #[serde(rename = "message", default)]
        pub message: Option<String>,
        /// Zalo's data about the message, when it sent any.
        #[serde(rename = "data", default)]
        pub data: Option<ZaloData>,
    }
}

wire_object! {
    /// The `data` of a Zalo result: the message's ids (the consulting, transaction, form
    /// and journey samples), or where its delivery stands (the sample "ZNS sent by UID",
    /// and the `Data` of GetZaloMessageStatus's answer).
    ///
    /// ```
    /// use provider_payloads::esms::{Callback, Telco, ZaloMessageStatus};
    ///
    /// // The sample "ZNS sent by UID" (some keys left out).
    /// let callback = Callback::from_query("SMSID=5450d5579bfa466a9f2a5911c82f4037&SendStatus=5\
    ///     &TypeId=25&telcoid=9&phonenumber=5308693166941955879&error_info={%22error%22%3A0%2C\
    ///     %22message%22%3A%22Success%22%2C%22data%22%3A{%22delivery_time%22%3Anull%2C\
    ///     %22message%22%3A%22The%20message%20was%20delivered%20to%20the%20user%27s%20phone\
    ///     %22%2C%22status%22%3A1}}")?;
    /// assert_eq!(callback.telco, Some(Telco::ZaloUser));
    /// let zalo = callback.error_info.as_ref().and_then(|info| info.zalo()).unwrap();
    /// let data = zalo.data.as_ref().unwrap();
    /// assert_eq!(data.status, Some(ZaloMessageStatus::Delivered));
    /// assert_eq!(data.delivery_time, None); // `null` in the callback
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct ZaloData {
        /// Zalo's id of the message (`"e1a60e8890be9de4c4ab"`); eSMS also gives it as the
        /// callback's `partnerids`.
        #[serde(rename = "message_id", default)]
        pub message_id: Option<String>,
        /// The Zalo user's id (`"31215806834323092"`), kept as the string it came as:
        /// 17 digits do not fit a float.
        #[serde(rename = "user_id", default)]
        pub user_id: Option<String>,
        /// `delivery_time`: "Thời gian thiết bị của người dùng nhận được thông báo ZNS"
        /// (when the user's device received the notification), unix milliseconds in a
        /// string (`"1767678030984"`); `null` in the callback's sample.
        #[serde(rename = "delivery_time", default, with = "crate::wire::time::unix_millis_option")]
        pub delivery_time: Option<DateTime<Utc>>,
        /// `message`: "Mô tả trạng thái thông báo" (the status, described): "The message
        /// was delivered to the user's phone".
        #[serde(rename = "message", default)]
        pub message: Option<String>,
        /// `status`: "Trạng thái của thông báo ZNS" (the notification's status).
        #[serde(rename = "status", default)]
        pub status: Option<ZaloMessageStatus>,
    }
}

code_enum! {
    /// The `status` of a ZNS message in Zalo's data. GetZaloMessageStatus's table lists
    /// its values (beside `message`, a row too soon, but they are the statuses'):
    /// "-1: Tin nhắn không tồn tại; 0: ... đã được gửi lên máy chủ Zalo nhưng chưa được
    /// chuyển đến điện thoại; 1: ... đã được chuyển đến điện thoại".
    pub enum ZaloMessageStatus {
        /// -1: "Tin nhắn không tồn tại" (the message does not exist).
        DoesNotExist = -1,
        /// 0: sent to Zalo's server, not yet delivered to the phone.
        SentToZalo = 0,
        /// 1: delivered to the phone ("The message was delivered to the user's phone").
        Delivered = 1,
    }
}

/// Why `error_info` is refused: it claims a form and breaks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// It is (or decodes to) JSON with a syntax error.
    BrokenJson(String),
    /// It is still encoded after [`MAX_LAYERS`] layers.
    TooManyLayers,
    /// Its JSON is followed by the separator of a time, and then no time.
    BrokenTime,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::BrokenJson(reason) => write!(f, "the Zalo result is broken JSON: {reason}"),
            Problem::TooManyLayers => write!(
                f,
                "still encoded after {MAX_LAYERS} layers of decoding (eSMS's samples use two)"
            ),
            Problem::BrokenTime => write!(
                f,
                "the Zalo result is followed by `{TIME_SEPARATOR}` and no date and time like `24/04/2024 16:58:01`"
            ),
        }
    }
}

impl ErrorInfo {
    /// Reads `error_info` from its value in the query (already decoded once, as every
    /// query value is). `Ok(None)` for an empty value.
    ///
    /// A value that fits none of the forms is kept as raw text, with
    /// [`zalo`](Self::zalo) `None`; one that starts a form and breaks it is a `Problem`.
    pub(crate) fn read(raw: &str) -> Result<Option<ErrorInfo>, Problem> {
        // Only an empty value is absent: one of white space is kept as the text it is, or
        // it would be written back empty (found by fuzzing:
        // `tests/data/esms/error_info_space.query`).
        if raw.is_empty() {
            return Ok(None);
        }
        let decoded = decode(raw)?;
        Ok(Some(ErrorInfo {
            raw: raw.to_owned(),
            zalo: decoded.zalo,
            time: decoded.time,
            trailing: decoded.trailing,
        }))
    }

    /// The value as eSMS sent it (after the query's own percent-decoding); it is what
    /// [`Callback::to_query`](super::Callback::to_query) writes back.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The Zalo result, when the value is one of the documented forms.
    pub fn zalo(&self) -> Option<&ZaloResult> {
        self.zalo.as_ref()
    }

    /// The time eSMS wrote after the result (`24/04/2024 16:58:01`), when it wrote one; a
    /// local time with no zone.
    pub fn time(&self) -> Option<NaiveDateTime> {
        self.time
    }

    /// The text eSMS wrote after the JSON, other than a time, when it wrote any: in
    /// GetCallback's sample, a .NET exception's message ("Object reference not set to an
    /// instance of an object."), eSMS's own error beside Zalo's.
    pub fn trailing_text(&self) -> Option<&str> {
        match self.trailing.as_ref()? {
            Trailing::InRaw(start) => self.raw.get(*start..),
            Trailing::Decoded(text) => Some(text),
        }
    }
}

impl fmt::Debug for ErrorInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("ErrorInfo");
        s.field("zalo", &self.zalo).field("time", &self.time);
        if let Some(trailing) = self.trailing_text() {
            s.field("trailing_text", &trailing);
        }
        s.field("raw", &self.raw).finish()
    }
}

impl ListUnrecognized for ErrorInfo {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        match &self.zalo {
            Some(zalo) => zalo.list_unrecognized(at, found),
            None => found.push(Unrecognized::new(
                at,
                UnrecognizedKind::Value {
                    value: self.raw.clone(),
                },
            )),
        }
    }
}

/// Serde `with` helper for the `ErrorInfo` of GetCallback's records: a JSON string,
/// read as the callback's `error_info` is (`""` and `null` are `None`, which the record
/// notes and writes back as they came), and written back as it came.
pub(crate) mod text_option {
    use std::fmt;

    use serde::Serializer;
    use serde::de::{self, Deserializer, Visitor};

    use super::ErrorInfo;

    /// Reads the text where `serde_json` has it (the body, or its buffer for an escaped
    /// string), with no copy of its own before [`ErrorInfo::read`].
    struct TextVisitor;

    impl<'de> Visitor<'de> for TextVisitor {
        type Value = Option<ErrorInfo>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string: the Zalo result, as eSMS writes it")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            ErrorInfo::read(text).map_err(E::custom)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, text: D) -> Result<Self::Value, D::Error> {
            // Text that may be any text: a record reads it from a JSON integer too, and
            // writes it back so (`wire::written`, rule 2).
            text.deserialize_string(TextVisitor)
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<ErrorInfo>, D::Error> {
        deserializer.deserialize_option(TextVisitor)
    }

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<ErrorInfo>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(info) => serializer.serialize_str(info.raw()),
            None => serializer.serialize_none(),
        }
    }
}

/// What an `error_info` holds once decoded.
#[derive(Default)]
struct Decoded {
    zalo: Option<ZaloResult>,
    time: Option<NaiveDateTime>,
    trailing: Option<Trailing>,
}

/// Undoes the layers of `raw` until the Zalo JSON shows, splitting off a trailing time,
/// or the text after the JSON.
fn decode(raw: &str) -> Result<Decoded, Problem> {
    // In the samples the time is split off before any decoding, so the JSON part stays
    // borrowed; only a time hidden under a layer of encoding needs a copy.
    let (mut text, mut time) = match split_time(raw) {
        Some((json, when)) => (Cow::Borrowed(json), Some(when)),
        None => (Cow::Borrowed(raw), None),
    };
    for layer in 0..MAX_LAYERS {
        // A time under a layer of encoding shows once the layer is undone.
        if time.is_none() && layer > 0 {
            if let Some((json, when)) = split_time(&text) {
                time = Some(when);
                text = Cow::Owned(json.to_owned());
            }
        }
        let trimmed = text.trim();
        text = match trimmed.as_bytes().first() {
            Some(b'{') => {
                let (zalo, trailing) = zalo_result(trimmed)?;
                return Ok(Decoded {
                    zalo,
                    time,
                    trailing: trailing.map(|text| match raw.strip_suffix(text) {
                        Some(before) => Trailing::InRaw(before.len()),
                        None => Trailing::Decoded(text.to_owned()),
                    }),
                });
            }
            Some(b'"') => Cow::Owned(
                serde_json::from_str::<String>(trimmed)
                    .map_err(|err| Problem::BrokenJson(err.to_string()))?,
            ),
            _ if trimmed.contains('%') => match query::decode_layer(trimmed) {
                Ok(decoded) => Cow::Owned(decoded),
                // A `%` that is no escape: plain text, not a documented form.
                Err(_) => {
                    return Ok(Decoded {
                        time,
                        ..Decoded::default()
                    });
                }
            },
            _ => {
                return Ok(Decoded {
                    time,
                    ..Decoded::default()
                });
            }
        };
    }
    Err(Problem::TooManyLayers)
}

/// Splits `JSON____DD/MM/YYYY HH:MM:SS` at the last separator, when what follows it is a
/// time (itself percent-encoded up to [`MAX_LAYERS`] times, as in the samples).
fn split_time(text: &str) -> Option<(&str, NaiveDateTime)> {
    // The last separator ends at the last `_`: a time, even encoded, holds none, so a
    // tail with one is no time.
    let last = memchr::memrchr(b'_', text.as_bytes())?;
    let start = last.checked_sub(TIME_SEPARATOR.len().checked_sub(1)?)?;
    if text.get(start..=last)? != TIME_SEPARATOR {
        return None;
    }
    let (json, tail) = (text.get(..start)?, text.get(last.checked_add(1)?..)?);
    let mut tail = Cow::Borrowed(tail.trim());
    for _ in 0..MAX_LAYERS {
        if let Some(when) = time::parse_day_month_year_seconds(&tail) {
            return Some((json, when));
        }
        tail = Cow::Owned(query::decode_layer(&tail).ok().filter(|t| *t != *tail)?);
    }
    None
}

/// Reads the Zalo JSON at the start of `text`, and the text after it (GetCallback's
/// form): broken JSON is a problem; JSON of another shape is kept raw; a time separator
/// after the JSON with no time after it is a broken time.
///
/// The JSON is read as the first value of a stream, which ends where the JSON does
/// whatever follows, so that the forms with and without text after it are read once.
fn zalo_result(text: &str) -> Result<(Option<ZaloResult>, Option<&str>), Problem> {
    let no_json = || Problem::BrokenJson("no JSON value".to_owned());
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<ZaloResult>();
    match values.next() {
        Some(Ok(zalo)) => after_json(text, values.byte_offset(), Some(zalo)),
        // Another shape, or broken further on than the shape went wrong: where does the
        // JSON end? (A raw value is skipped without recursion, so deep JSON is no
        // problem.)
        Some(Err(err)) if err.classify() == Category::Data => {
            let mut raw = serde_json::Deserializer::from_str(text).into_iter::<&RawValue>();
            match raw.next() {
                Some(Ok(_)) => after_json(text, raw.byte_offset(), None),
                Some(Err(err)) => Err(Problem::BrokenJson(err.to_string())),
                None => Err(no_json()),
            }
        }
        Some(Err(err)) => Err(Problem::BrokenJson(err.to_string())),
        None => Err(no_json()),
    }
}

/// The result of the JSON `text` holds up to `end`, with the text after it.
fn after_json(
    text: &str,
    end: usize,
    zalo: Option<ZaloResult>,
) -> Result<(Option<ZaloResult>, Option<&str>), Problem> {
    let after = text.get(end..).unwrap_or_default();
    if after.trim_start().starts_with(TIME_SEPARATOR) {
        return Err(Problem::BrokenTime);
    }
    Ok((zalo, Some(after).filter(|after| !after.is_empty())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_documented_forms_decode_to_the_same_kind_of_result() {
        let quoted = r#""{\"error\":-114,\"message\":\"User is inactive\"}""#;
        let info = ErrorInfo::read(quoted).unwrap().unwrap();
        assert_eq!(info.zalo().unwrap().error, -114);
        assert_eq!(info.time(), None);

        let encoded = "%7B%22data%22%3A%7B%22message_id%22%3A%22e1a60e8890be9de4c4ab%22%2C%22user_id%22%3A%2231215806834323092%22%7D%2C%22error%22%3A0%2C%22message%22%3A%22Success%22%7D____24/04/2024%2016:58:01";
        let info = ErrorInfo::read(encoded).unwrap().unwrap();
        let zalo = info.zalo().unwrap();
        assert_eq!((zalo.error, zalo.message.as_deref()), (0, Some("Success")));
        let data = zalo.data.as_ref().unwrap();
        assert_eq!(data.user_id.as_deref(), Some("31215806834323092"));
        assert_eq!(info.time().unwrap().to_string(), "2024-04-24 16:58:01");
        assert_eq!(info.raw(), encoded);

        // The sample "ZNS sent by UID", decoded once by the query.
        let plain = r#"{"error":0,"message":"Success","data":{"delivery_time":null,"message":"The message was delivered to the user's phone","status":1}}"#;
        let info = ErrorInfo::read(plain).unwrap().unwrap();
        let data = info.zalo().unwrap().data.as_ref().unwrap();
        assert_eq!(data.status, Some(ZaloMessageStatus::Delivered));
        assert_eq!(data.delivery_time, None);
        assert_eq!(
            data.message.as_deref(),
            Some("The message was delivered to the user's phone")
        );
        assert!(data.unknown_fields().is_empty());
        assert_eq!(info.trailing_text(), None);

        // GetCallback's sample: JSON, then a .NET exception's message.
        let dotnet = r#"{"error":-124,"message":"Access token is invalid"}Object reference not set to an instance of an object."#;
        let info = ErrorInfo::read(dotnet).unwrap().unwrap();
        let zalo = info.zalo().unwrap();
        assert_eq!(
            (zalo.error, zalo.message.as_deref()),
            (-124, Some("Access token is invalid"))
        );
        assert_eq!(
            info.trailing_text(),
            Some("Object reference not set to an instance of an object.")
        );
        assert_eq!((info.time(), info.raw()), (None, dotnet));
    }

    #[test]
    fn text_after_the_json_is_kept_whatever_the_json_holds() {
        for (text, error, trailing) in [
            (r#"{"error":1,"message":"m"} x"#, Some(1), " x"),
            (r#"{"error":1}trailing"#, Some(1), "trailing"),
            (
                r#"{"deep":[[[[[[]]]]]],"error":2,"message":"m"}}"#,
                Some(2),
                "}",
            ),
            (
                r#""{\"error\":3,\"message\":\"m\"}Error""#,
                Some(3),
                "Error",
            ),
        ] {
            let info = ErrorInfo::read(text).unwrap().unwrap();
            assert_eq!(info.zalo().map(|zalo| zalo.error), error, "{text}");
            assert_eq!(info.trailing_text(), Some(trailing), "{text}");
            assert_eq!(info.raw(), text);
        }
    }

    #[test]
    fn empty_is_none_and_unknown_forms_are_kept_raw() {
        assert_eq!(ErrorInfo::read("").unwrap(), None);
        // White space is not empty: read as absent, it would be written back empty.
        for text in [
            "  ",
            "timeout",
            "100% failed",
            "[1,2]",
            r#"{"code":5}"#,
            "a____b",
        ] {
            let info = ErrorInfo::read(text).unwrap().unwrap();
            assert_eq!(info.zalo(), None, "{text}");
            assert_eq!(info.raw(), text);
        }
    }

    #[test]
    fn a_separator_inside_the_json_is_not_taken_for_the_time() {
        let info = ErrorInfo::read(r#"{"error":1,"message":"a____b"}"#)
            .unwrap()
            .unwrap();
        assert_eq!(info.zalo().unwrap().message.as_deref(), Some("a____b"));
        assert_eq!(info.time(), None);
    }

    #[test]
    fn the_time_is_split_at_the_last_separator_as_a_search_for_it_splits() {
        fn searched(text: &str) -> Option<(&str, NaiveDateTime)> {
            let (json, tail) = text.rsplit_once(TIME_SEPARATOR)?;
            time::parse_day_month_year_seconds(tail.trim()).map(|when| (json, when))
        }
        for text in [
            "{}____24/04/2024 16:58:01",
            "{}_____24/04/2024 16:58:01",
            "a____b____24/04/2024 16:58:01",
            "{}____24/04/2024 16:58:01_",
            "{}___24/04/2024 16:58:01",
            "____24/04/2024 16:58:01",
            "_24/04/2024 16:58:01",
            "{} 24/04/2024 16:58:01",
            "____",
            "",
        ] {
            assert_eq!(split_time(text), searched(text), "{text}");
        }
    }

    #[test]
    fn broken_json_and_endless_layers_are_problems() {
        assert!(matches!(
            ErrorInfo::read(r#"{"error":-114,"#),
            Err(Problem::BrokenJson(_))
        ));
        assert!(matches!(
            ErrorInfo::read(r#""{\"error\":"#),
            Err(Problem::BrokenJson(_))
        ));
        assert!(matches!(
            ErrorInfo::read(r#"{"error":1,"message":"m"#),
            Err(Problem::BrokenJson(_))
        ));
        // The separator of a time, and no time after it.
        for broken_time in [
            r#"{"error":1,"message":"m"}____31/02/2024 16:58:01"#,
            r#"{"error":1,"message":"m"}____"#,
            "%7B%22error%22%3A1%7D____24/04/2024%20",
        ] {
            assert_eq!(
                ErrorInfo::read(broken_time),
                Err(Problem::BrokenTime),
                "{broken_time}"
            );
        }
        let mut deep = r#"{"error":0,"message":"Success"}"#.to_owned();
        for _ in 0..100 {
            let encoded = query::encode(&deep).to_string();
            deep = encoded;
        }
        assert_eq!(ErrorInfo::read(&deep), Err(Problem::TooManyLayers));
    }
}
