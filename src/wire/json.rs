//! Reading a JSON body into a payload type, with errors that name the field, and writing
//! it back; [`entry_points!`] gives every JSON payload its `from_json` and `to_json`.
//!
//! The body is read once, straight into the typed value. Only a body that fails is read
//! again: for its syntax alone, so that a body that is not JSON is said to be so whatever
//! kind it was read as, and under [`serde_path_to_error`], for the path of the field that
//! failed.

use std::fmt::{self, Write};

use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_path_to_error::{Path, Segment};

use crate::{Error, Provider};

/// Reads `body` as a `T`: the `from_json` of every JSON payload.
pub(crate) fn from_json<'de, T: Deserialize<'de>>(
    body: &'de [u8],
    provider: Provider,
    payload: &'static str,
) -> Result<T, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { provider, payload });
    }
    // A UTF-8 body is read as text, checked once, rather than string by string.
    let read = match simdutf8::basic::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    };
    read.map_err(|err| error_of::<T>(err, body, provider, payload))
}

/// The error `err` of reading `body` as a `T`: a body that is not JSON is said to be so,
/// where it breaks, whatever the kind would say of a field before the break; else the
/// field it failed at (a number out of its type's range included), by its path.
fn error_of<'de, T: Deserialize<'de>>(
    err: serde_json::Error,
    body: &'de [u8],
    provider: Provider,
    payload: &'static str,
) -> Error {
    if let Some(broken) = not_json(body, Some(provider), payload) {
        return broken;
    }
    // Parsing is deterministic: the same error, now with its path.
    let (err, path) = read_tracked::<T>(body)
        .err()
        .unwrap_or((err, String::new()));
    Error::Field {
        provider,
        payload,
        path,
        reason: without_position(&err),
        line: err.line(),
        column: err.column(),
    }
}

/// The error of `body` when it is not JSON, `None` when it is, told from its syntax
/// alone: what is wrong, the path of the field inside which it breaks, the line and the
/// column. `provider` and `payload` say what read it (`None`: [`parse`](crate::parse)).
/// A body must be UTF-8 (RFC 8259); a number of any size and values nested to any depth
/// are JSON (whether a field takes `1e400` is the field's to say).
pub(crate) fn not_json(
    body: &[u8],
    provider: Option<Provider>,
    payload: &'static str,
) -> Option<Error> {
    let walked = read_tracked::<Walk>(body);
    let (reason, path, line, column) = if let Err(not_utf8) = std::str::from_utf8(body) {
        let at = not_utf8.valid_up_to();
        let before = body.get(..at).unwrap_or_default();
        let line = before.split(|&b| b == b'\n').count();
        let last_line = before.rsplit(|&b| b == b'\n').next().unwrap_or_default();
        let column = last_line.len().saturating_add(1);
        // The walk's path, where it stopped at that byte.
        let path = match walked {
            Err((err, path)) if (err.line(), err.column()) == (line, column) => path,
            _ => String::new(),
        };
        let reason = format!("it is not UTF-8, byte {at} starts an invalid sequence");
        (reason, path, line, column)
    } else {
        let (mut err, mut path) = walked.err()?;
        // The walk nests only as deep as `serde_json` allows and reads numbers as `f64` at
        // most: beyond that, the grammar alone (read without a stack and without reading
        // numbers) says whether the body breaks, and where.
        let beyond_the_walk = ["recursion limit exceeded", "number out of range"];
        if beyond_the_walk.contains(&without_position(&err).as_str()) {
            err = serde_json::from_slice::<IgnoredAny>(body).err()?;
            path = String::new();
        }
        (reason_of(&err, body), path, err.line(), err.column())
    };
    Some(Error::NotJson {
        provider,
        payload,
        path,
        reason,
        line,
        column,
    })
}

/// Reads all of `body` as a `T`, following the path of its keys: where it fails, the
/// error and the path (empty for what follows the value).
fn read_tracked<'de, T: Deserialize<'de>>(
    body: &'de [u8],
) -> Result<T, (serde_json::Error, String)> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let read = serde_path_to_error::deserialize(&mut deserializer).map_err(|tracked| {
        let path = path_of(tracked.path());
        (tracked.into_inner(), path)
    })?;
    deserializer.end().map_err(|err| (err, String::new()))?;
    Ok(read)
}

/// Any JSON value, read for its syntax alone: every key is handed to the reader, so that
/// `serde_path_to_error` follows the path, and nothing is kept. `IgnoredAny` hands over
/// no key; `serde_json::Value` would hold a hostile body whole, and reads a key named as
/// `serde_json`'s raw value (`$serde_json::private::RawValue`) as one.
struct Walk;

impl<'de> Deserialize<'de> for Walk {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Walk)
    }
}

/// Visits of a scalar, each of which passes over it.
macro_rules! pass_over {
    ($($visit:ident($($value:ty)?),)*) => {
        $(fn $visit<E>(self, $(_: $value)?) -> Result<Walk, E> {
            Ok(Walk)
        })*
    };
}

impl<'de> Visitor<'de> for Walk {
    type Value = Walk;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    pass_over! {
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_f64(f64),
        visit_str(&str),
        visit_unit(),
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Walk, A::Error> {
        while seq.next_element::<Walk>()?.is_some() {}
        Ok(Walk)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Walk, A::Error> {
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value::<Walk>()?;
        }
        Ok(Walk)
    }
}

/// At most this many segments of a path are named: no payload nests deeper, and a
/// message must not grow with a hostile body's depth.
const PATH_SEGMENTS: usize = 16;

/// A path in wire names (`EventData.Amount`, `params[0]`), up to its first segment that
/// `serde_path_to_error` could not name (a key being read: no field of the body).
fn path_of(path: &Path) -> String {
    let mut written = String::new();
    let named = |segment: &&Segment| !matches!(segment, Segment::Unknown);
    for (at, segment) in path.iter().take_while(named).enumerate() {
        if at == PATH_SEGMENTS {
            written.push_str("...");
            break;
        }
        if !written.is_empty() && !matches!(segment, Segment::Seq { .. }) {
            written.push('.');
        }
        let _ = write!(written, "{segment}");
    }
    written
}

/// What the syntax error `err` of `body` says, in words: where a body is cut short, in
/// what; where it looks like something JSON is often mistaken for, that.
fn reason_of(err: &serde_json::Error, body: &[u8]) -> String {
    let message = without_position(err);
    if err.classify() == Category::Eof {
        match message.strip_prefix("EOF while parsing ") {
            Some("a list") => "it ends in the middle of an array".to_owned(),
            Some(what) => format!("it ends in the middle of {what}"),
            None => format!("it ends before its JSON is complete ({message})"),
        }
    } else if body.starts_with(b"\xEF\xBB\xBF") {
        // RFC 8259 says senders must not; tools that save JSON "with BOM" do.
        "it starts with a byte-order mark (U+FEFF), which JSON does not allow".to_owned()
    } else if body.trim_ascii_start().starts_with(b"<") {
        "it looks like an HTML or XML page".to_owned()
    } else if looks_like_a_query(body) {
        "it looks like a query string or form (key=value&...)".to_owned()
    } else {
        message
    }
}

/// Whether a body that is not JSON looks like `key=value&key=value`, as a form post or
/// an eSMS callback's query string does.
pub(crate) fn looks_like_a_query(body: &[u8]) -> bool {
    let body = body.trim_ascii();
    body.first().is_some_and(u8::is_ascii_alphabetic)
        && body.contains(&b'=')
        && !body.iter().any(|b| b.is_ascii_whitespace())
}

/// `serde_json`'s message without its " at line L column C" (the error says where).
fn without_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    message
        .strip_suffix(&format!(" at line {} column {}", err.line(), err.column()))
        .unwrap_or(&message)
        .to_owned()
}

/// Writes `value` as compact JSON: the `to_json` of every JSON payload.
pub(crate) fn to_json<T: Serialize>(
    value: &T,
    provider: Provider,
    payload: &'static str,
) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(|err| Error::Write {
        provider,
        payload,
        reason: err.to_string(),
    })
}

/// The entry points of a JSON payload, a type's or an enum of kinds': `from_json` (its
/// doc given), `from_json_strict`, each with its `_with` form, which reads with `$read`
/// once the [`Limits`](crate::Limits) are checked, and `to_json`.
macro_rules! entry_points {
    ($provider:expr, $read:expr, $(#[doc = $doc:expr])*) => {
        $(#[doc = $doc])*
        ///
        /// A body over [`Limits::DEFAULT_BODY`](crate::Limits::DEFAULT_BODY) is refused:
        /// [`from_json_with`](Self::from_json_with) sets your own limit.
        pub fn from_json(body: &[u8]) -> Result<Self, $crate::Error> {
            Self::from_json_with(body, &$crate::Limits::new())
        }

        /// [`from_json`](Self::from_json) with limits of your own: a body larger than
        /// [`Limits::max_body`](crate::Limits::max_body) is refused with
        /// [`Error::TooLarge`](crate::Error::TooLarge) before it is read.
        pub fn from_json_with(body: &[u8], limits: &$crate::Limits) -> Result<Self, $crate::Error> {
            limits.check(body.len())?;
            $read(body)
        }

        /// Like [`from_json`](Self::from_json), refusing any field or value the provider's
        /// document does not list, with an [`Error::Unrecognized`](crate::Error::Unrecognized)
        /// that lists them.
        pub fn from_json_strict(body: &[u8]) -> Result<Self, $crate::Error> {
            Self::from_json_strict_with(body, &$crate::Limits::new())
        }

        /// [`from_json_strict`](Self::from_json_strict) with limits of your own, as
        /// [`from_json_with`](Self::from_json_with) has them.
        pub fn from_json_strict_with(
            body: &[u8],
            limits: &$crate::Limits,
        ) -> Result<Self, $crate::Error> {
            let payload = Self::from_json_with(body, limits)?;
            let kind = payload.kind();
            $crate::error::refuse_unrecognized(payload, $provider, kind)
        }

        /// Writes the payload back as the provider sent it: the same fields, unknown ones
        /// included, as compact JSON.
        pub fn to_json(&self) -> Result<Vec<u8>, $crate::Error> {
            $crate::wire::json::to_json(self, $provider, self.kind())
        }
    };
}
pub(crate) use entry_points;
