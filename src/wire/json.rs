//! Reading a JSON body into a payload type, with errors that name the field, and writing
//! it back.
//!
//! The body is read once, straight into the typed value. When that fails, it is read
//! again for its syntax alone, so that a body that is not JSON is said to be so whatever
//! kind it was read as, and once more under [`serde_path_to_error`], which follows the
//! path of wire names so that the error can say which field failed; a body that parses
//! never pays for either.

use std::fmt;

use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_path_to_error::Segment;

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
    // The body is read without following the path: the path costs an allocation per
    // key, and only an error needs it. An error reads the body again to find it.
    read(body).map_err(|err| error_of::<T>(err, body, provider, payload))
}

/// Reads all of `body` as a `T`, with `serde_json`'s own error.
///
/// A body that is UTF-8 is read as text: checked once, its strings need no check each
/// (`serde_json::from_slice` checks every string on its own, a fifth of the time of a
/// Viva message). Any other body is read as bytes, for `serde_json`'s error.
pub(crate) fn read<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Result<T, serde_json::Error> {
    match simdutf8::basic::from_utf8(body) {
        Ok(text) => read_all(serde_json::Deserializer::from_str(text)),
        Err(_) => read_all(serde_json::Deserializer::from_slice(body)),
    }
}

/// Reads one `T`, then nothing but whitespace. The read is returned as it came, not
/// taken out of its `Result` and put back, which copied a large payload twice.
fn read_all<'de, T: Deserialize<'de>, R: serde_json::de::Read<'de>>(
    mut deserializer: serde_json::Deserializer<R>,
) -> Result<T, serde_json::Error> {
    let read = T::deserialize(&mut deserializer);
    if read.is_ok() {
        deserializer.end()?;
    }
    read
}

/// The error `err` of reading `body` as a `T`: a body that is not JSON is said to be so,
/// where it breaks, whatever the kind would say of a field before the break; else the
/// field it failed at, by its path.
fn error_of<'de, T: Deserialize<'de>>(
    err: serde_json::Error,
    body: &'de [u8],
    provider: Provider,
    payload: &'static str,
) -> Error {
    if let Some(broken) = not_json(body, Some(provider), payload) {
        return broken;
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let (err, path) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(tracked) => {
            let path = path_of(tracked.path());
            (tracked.into_inner(), path)
        }
        // Parsing is deterministic, so this is the error of `end`, which has no path.
        Ok(_) => (err, String::new()),
    };
    // The body is JSON: what the kind refuses is a field's (a number out of the range
    // of its type included).
    Error::Field {
        provider,
        payload,
        path,
        reason: without_position(&err),
        line: err.line(),
        column: err.column(),
    }
}

/// The error of `body` when it is not JSON, `None` when it is: told from its syntax
/// alone, whatever kind it was meant to be. `provider` and `payload` say what read it
/// (`None`: [`parse`](crate::parse), which reads any provider's).
pub(crate) fn not_json(
    body: &[u8],
    provider: Option<Provider>,
    payload: &'static str,
) -> Option<Error> {
    let (reason, path, line, column) = syntax_error(body)?;
    Some(Error::NotJson {
        provider,
        payload,
        path,
        reason,
        line,
        column,
    })
}

/// How `body` breaks JSON's syntax, if it does: what is wrong, the path of the field
/// inside which it breaks (where keys before the break name one), the line and the
/// column. A body must be UTF-8 (RFC 8259 allows no other encoding); a number of any
/// size and values nested to any depth are JSON (whether a field takes `1e400` is the
/// field's to say).
fn syntax_error(body: &[u8]) -> Option<(String, String, usize, usize)> {
    let walked = walk(body);
    if simdutf8::basic::from_utf8(body).is_err() {
        let at = std::str::from_utf8(body).err()?.valid_up_to();
        let before = body.get(..at).unwrap_or_default();
        let line = before
            .iter()
            .filter(|&&byte| byte == b'\n')
            .count()
            .saturating_add(1);
        let line_start = before
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |newline| newline.saturating_add(1));
        let column = at.saturating_sub(line_start).saturating_add(1);
        // The walk's path, where it stopped at that byte.
        let path = match walked {
            Err((err, path)) if (err.line(), err.column()) == (line, column) => path,
            _ => String::new(),
        };
        let reason = format!("it is not UTF-8, byte {at} starts an invalid sequence");
        return Some((reason, path, line, column));
    }
    let (err, path) = match walked {
        Ok(()) => return None,
        // The walk nests only as deep as `serde_json` allows and reads numbers as `f64`
        // at most: beyond that, the grammar alone (read without a stack and without
        // reading numbers) says whether the body breaks, and where.
        Err((err, _)) if beyond_the_walk(&err) => {
            let mut deserializer = serde_json::Deserializer::from_slice(body);
            let err = IgnoredAny::deserialize(&mut deserializer)
                .and_then(|_| deserializer.end())
                .err()?;
            (err, String::new())
        }
        Err(walked) => walked,
    };
    Some((reason_of(&err, body), path, err.line(), err.column()))
}

/// Whether the walk stopped at what is JSON all the same: a value nested deeper than
/// `serde_json` reads, a number beyond `f64`.
fn beyond_the_walk(err: &serde_json::Error) -> bool {
    matches!(
        without_position(err).as_str(),
        "recursion limit exceeded" | "number out of range"
    )
}

/// Reads `body` for its syntax, following the path of its keys: where it breaks, the
/// error and the path.
fn walk(body: &[u8]) -> Result<(), (serde_json::Error, String)> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, Walk>(&mut deserializer) {
        Err(tracked) => {
            let path = path_of(tracked.path());
            Err((tracked.into_inner(), path))
        }
        Ok(Walk) => deserializer.end().map_err(|err| (err, String::new())),
    }
}

/// Any JSON value, read for its syntax alone: every key is given to the reader (so that
/// `serde_path_to_error` follows the path), and nothing is kept. (`IgnoredAny` passes
/// over a value without giving its keys, so without a path.)
struct Walk;

impl<'de> Deserialize<'de> for Walk {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Walk)
    }
}

impl<'de> Visitor<'de> for Walk {
    type Value = Walk;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Walk, E> {
        Ok(Walk)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Walk, E> {
        Ok(Walk)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Walk, E> {
        Ok(Walk)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Walk, E> {
        Ok(Walk)
    }

    fn visit_str<E>(self, _: &str) -> Result<Walk, E> {
        Ok(Walk)
    }

    fn visit_unit<E>(self) -> Result<Walk, E> {
        Ok(Walk)
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
    } else if let Some(looks) = what_it_looks_like(body) {
        looks.to_owned()
    } else {
        message
    }
}

/// At most this many segments of a path are named: no payload nests deeper, and a
/// message must not grow with a hostile body's depth.
const PATH_SEGMENTS: usize = 16;

/// A path of `serde_path_to_error` in wire names (`EventData.Amount`, `params[0]`), up to
/// its first segment it could not name (where a key was being read): that segment, and
/// what would follow it, is no field of the body.
fn path_of(path: &serde_path_to_error::Path) -> String {
    let mut written = String::new();
    for (at, segment) in path.iter().enumerate() {
        if at == PATH_SEGMENTS && !matches!(segment, Segment::Unknown) {
            written.push_str("...");
            break;
        }
        match segment {
            Segment::Seq { index } => written.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !written.is_empty() {
                    written.push('.');
                }
                written.push_str(key);
            }
            Segment::Unknown => break,
        }
    }
    written
}

/// `serde_json`'s message without its " at line L column C" (the error says where).
pub(crate) fn without_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    message
        .strip_suffix(&format!(" at line {} column {}", err.line(), err.column()))
        .unwrap_or(&message)
        .to_owned()
}

/// The room [`to_json`] makes before it writes: enough for every sample body but Viva's
/// transaction webhooks (1.1 KiB), so that the writing does not grow the buffer from
/// `serde_json::to_vec`'s 128 bytes, copying it at each step (two to three times for a
/// 300-500-byte body, ~700 instructions of a Wappin callback's 5.6k).
const WRITE_CAPACITY: usize = 1024;

/// Writes `value` as compact JSON: the `to_json` of every JSON payload.
pub(crate) fn to_json<T: Serialize>(
    value: &T,
    provider: Provider,
    payload: &'static str,
) -> Result<Vec<u8>, Error> {
    let mut json = Vec::with_capacity(WRITE_CAPACITY);
    match serde_json::to_writer(&mut json, value) {
        Ok(()) => Ok(json),
        Err(err) => Err(Error::Write {
            provider,
            payload,
            reason: err.to_string(),
        }),
    }
}

/// What a body that is not JSON looks like, when it looks like something JSON is often
/// mistaken for, for its error: a byte-order mark before it (RFC 8259 says senders must
/// not put one; tools that save JSON "with BOM" do), an HTML or XML page, a form.
fn what_it_looks_like(body: &[u8]) -> Option<&'static str> {
    if body.starts_with(b"\xEF\xBB\xBF") {
        Some("it starts with a byte-order mark (U+FEFF), which JSON does not allow")
    } else if body.trim_ascii_start().starts_with(b"<") {
        Some("it looks like an HTML or XML page")
    } else if looks_like_a_query(body) {
        Some("it looks like a query string or form (key=value&...)")
    } else {
        None
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
