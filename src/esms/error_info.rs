//! `error_info`: "Zalo error info (Zalo message only)", which eSMS writes in several ways.
//!
//! The document's samples, after the query's own decoding, show:
//!
//! - a JSON string literal wrapping the JSON (the ZNS sample):
//!   `"{\"error\":-114,\"message\":\"User is inactive, ...\"}"`;
//! - the JSON percent-encoded once more, then `____` and a `DD/MM/YYYY HH:MM:SS` time
//!   (the consulting, transaction, form and journey samples):
//!   `%7B%22data%22%3A%7B...%7D____24/04/2024%2016:58:01`;
//! - and, in eSMS's newer document, the JSON itself: `{"error":0,"message":"Success",...}`.
//!
//! [`ErrorInfo`] keeps the text as it came (it is written back as it came) and decodes it
//! layer by layer, at most [`MAX_LAYERS`] layers, so a value encoded a hundred times is
//! an error and never a long loop.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDateTime;
use serde_json::error::Category;

use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized, UnrecognizedKind};
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
}

wire_object! {
    /// The result Zalo reported for the message, as eSMS passes it on.
    pub struct ZaloResult {
        /// Zalo's error code: `0` is success (`"message": "Success"`); the ZNS sample has
        /// `-114`, "User is inactive, or reject the message, or using an outdated Zalo
        /// version, or other internal errors".
        #[serde(rename = "error")]
        pub error: i64,
        /// Zalo's message for the code.
        #[serde(rename = "message")]
        pub message: String,
        /// Zalo's data about the message, when it sent any.
        #[serde(rename = "data", default)]
        pub data: Option<ZaloData>,
    }
}

wire_object! {
    /// The `data` of a Zalo result.
    pub struct ZaloData {
        /// Zalo's id of the message (`"e1a60e8890be9de4c4ab"`); eSMS also gives it as the
        /// callback's `partnerids`.
        #[serde(rename = "message_id", default)]
        pub message_id: Option<String>,
        /// The Zalo user's id (`"31215806834323092"`), kept as the string it came as:
        /// 17 digits do not fit a float.
        #[serde(rename = "user_id", default)]
        pub user_id: Option<String>,
    }
}

/// Why `error_info` is refused: it claims a form and breaks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// It is (or decodes to) JSON with a syntax error.
    BrokenJson(String),
    /// It is still encoded after [`MAX_LAYERS`] layers.
    TooManyLayers,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::BrokenJson(reason) => write!(f, "the Zalo result is broken JSON: {reason}"),
            Problem::TooManyLayers => write!(
                f,
                "still encoded after {MAX_LAYERS} layers of decoding (eSMS's samples use two)"
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
        let (zalo, time) = decode(raw)?;
        Ok(Some(ErrorInfo {
            raw: raw.to_owned(),
            zalo,
            time,
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
}

impl fmt::Debug for ErrorInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorInfo")
            .field("zalo", &self.zalo)
            .field("time", &self.time)
            .field("raw", &self.raw)
            .finish()
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

/// Undoes the layers of `raw` until the Zalo JSON shows, splitting off a trailing time.
fn decode(raw: &str) -> Result<(Option<ZaloResult>, Option<NaiveDateTime>), Problem> {
    // In the samples the time is split off before any decoding, so the JSON part stays
    // borrowed; only a time hidden under a layer of encoding needs a copy.
    let (mut text, mut time) = match split_time(raw) {
        Some((json, when)) => (Cow::Borrowed(json), Some(when)),
        None => (Cow::Borrowed(raw), None),
    };
    for _ in 0..MAX_LAYERS {
        if time.is_none() {
            if let Some((json, when)) = split_time(&text) {
                time = Some(when);
                text = Cow::Owned(json.to_owned());
            }
        }
        let trimmed = text.trim();
        text = match trimmed.as_bytes().first() {
            Some(b'{') => return Ok((zalo_result(trimmed)?, time)),
            Some(b'"') => Cow::Owned(
                serde_json::from_str::<String>(trimmed)
                    .map_err(|err| Problem::BrokenJson(err.to_string()))?,
            ),
            _ if trimmed.contains('%') => match query::decode_layer(trimmed) {
                Ok(decoded) => Cow::Owned(decoded),
                // A `%` that is no escape: plain text, not a documented form.
                Err(_) => return Ok((None, time)),
            },
            _ => return Ok((None, time)),
        };
    }
    Err(Problem::TooManyLayers)
}

/// Splits `JSON____DD/MM/YYYY HH:MM:SS` at the last separator, when what follows it is a
/// time (itself percent-encoded up to [`MAX_LAYERS`] times, as in the samples).
fn split_time(text: &str) -> Option<(&str, NaiveDateTime)> {
    let (json, tail) = text.rsplit_once(TIME_SEPARATOR)?;
    let mut tail = Cow::Borrowed(tail.trim());
    for _ in 0..MAX_LAYERS {
        if let Some(when) = time::parse_day_month_year_seconds(&tail) {
            return Some((json, when));
        }
        tail = Cow::Owned(query::decode_layer(&tail).ok().filter(|t| *t != *tail)?);
    }
    None
}

/// Reads the Zalo JSON: broken JSON is a problem; JSON of another shape is kept raw.
fn zalo_result(json: &str) -> Result<Option<ZaloResult>, Problem> {
    match serde_json::from_str::<ZaloResult>(json) {
        Ok(zalo) => Ok(Some(zalo)),
        // Another shape, or broken further on than the shape went wrong.
        Err(err) if err.classify() == Category::Data => {
            match serde_json::from_str::<serde::de::IgnoredAny>(json) {
                Ok(_) => Ok(None),
                Err(syntax) => Err(Problem::BrokenJson(syntax.to_string())),
            }
        }
        Err(err) => Err(Problem::BrokenJson(err.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_documented_forms_decode_to_the_same_kind_of_result() {
        let quoted = r#""{\"error\":-114,\"message\":\"User is inactive\"}""#;
        let info = ErrorInfo::read(quoted).unwrap().unwrap();
        assert_eq!(info.zalo().unwrap().error, -114);
        assert_eq!(info.time(), None);

        let encoded = "%7B%22data%22%3A%7B%22message_id%22%3A%22e1a60e8890be9de4c4ab%22%2C%22user_id%22%3A%2231215806834323092%22%7D%2C%22error%22%3A0%2C%22message%22%3A%22Success%22%7D____24/04/2024%2016:58:01";
        let info = ErrorInfo::read(encoded).unwrap().unwrap();
        let zalo = info.zalo().unwrap();
        assert_eq!((zalo.error, zalo.message.as_str()), (0, "Success"));
        let data = zalo.data.as_ref().unwrap();
        assert_eq!(data.user_id.as_deref(), Some("31215806834323092"));
        assert_eq!(info.time().unwrap().to_string(), "2024-04-24 16:58:01");
        assert_eq!(info.raw(), encoded);

        let plain = r#"{"error":0,"message":"Success","data":{"status":1}}"#;
        let info = ErrorInfo::read(plain).unwrap().unwrap();
        assert_eq!(
            info.zalo()
                .unwrap()
                .data
                .as_ref()
                .unwrap()
                .unknown_fields()
                .len(),
            1
        );
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
        assert_eq!(info.zalo().unwrap().message, "a____b");
        assert_eq!(info.time(), None);
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
            ErrorInfo::read(r#"{"error":1}trailing"#),
            Err(Problem::BrokenJson(_))
        ));
        assert!(matches!(
            ErrorInfo::read(r#"{"error":1,"message":"m"} x"#),
            Err(Problem::BrokenJson(_))
        ));
        let mut deep = r#"{"error":0,"message":"Success"}"#.to_owned();
        for _ in 0..100 {
            let encoded = query::encode(&deep).to_string();
            deep = encoded;
        }
        assert_eq!(ErrorInfo::read(&deep), Err(Problem::TooManyLayers));
    }
}
