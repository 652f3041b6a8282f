//! Reading a JSON body into a payload type, with errors that name the field, and writing
//! it back.
//!
//! The body is read once, straight into the typed value. When that fails, it is read a
//! second time under [`serde_path_to_error`], which follows the path of wire names so
//! that the error can say which field failed; a body that parses never pays for that.

use serde::{Deserialize, Serialize};
use serde_json::error::Category;

use crate::unrecognized::refuse_unrecognized;
use crate::{Error, ListUnrecognized, Provider};

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
    read(body).map_err(|err| error_with_path::<T>(err, body, provider, payload))
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

/// The error of reading `body` as a `T`, with the path of the field it failed at.
fn error_with_path<'de, T: Deserialize<'de>>(
    err: serde_json::Error,
    body: &'de [u8],
    provider: Provider,
    payload: &'static str,
) -> Error {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(tracked) => {
            let path = tracked.path().to_string();
            json_error(tracked.into_inner(), path, body, provider, payload)
        }
        // Parsing is deterministic, so this is the trailing-text error of `end`, which
        // has no path.
        Ok(_) => json_error(err, String::new(), body, provider, payload),
    }
}

/// Reads `body` as a `T` and refuses anything the provider's document does not list.
pub(crate) fn from_json_strict<'de, T: Deserialize<'de> + ListUnrecognized>(
    body: &'de [u8],
    provider: Provider,
    payload: &'static str,
) -> Result<T, Error> {
    refuse_unrecognized(from_json(body, provider, payload)?, provider, payload)
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

/// Turns a `serde_json` error into the crate's, with the field path and a plain reason.
pub(crate) fn json_error(
    err: serde_json::Error,
    path: String,
    body: &[u8],
    provider: Provider,
    payload: &'static str,
) -> Error {
    let (line, column) = (err.line(), err.column());
    let message = err.to_string();
    let message = message
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(&message)
        .to_owned();
    // serde_path_to_error writes "." for the top level and "?" where it does not know the
    // key (a trailing comma in an object).
    let path = if path == "." || path == "?" {
        String::new()
    } else {
        path
    };
    match err.classify() {
        Category::Data => Error::Field {
            provider,
            payload,
            path,
            reason: message,
            line,
            column,
        },
        category @ (Category::Syntax | Category::Eof | Category::Io) => {
            let reason = if let Err(utf8) = std::str::from_utf8(body) {
                format!(
                    "the body is not UTF-8 (byte {} starts an invalid sequence)",
                    utf8.valid_up_to()
                )
            } else if category == Category::Eof {
                format!("the body ends before its JSON is complete ({message})")
            } else if let Some(looks) = what_it_looks_like(body) {
                format!("{message}; {looks}")
            } else {
                message
            };
            Error::NotJson {
                provider,
                payload,
                path,
                reason,
                line,
                column,
            }
        }
    }
}

/// What a body that is not JSON looks like, when it looks like something JSON is often
/// mistaken for, for its error: a byte-order mark before it (RFC 8259 says senders must
/// not put one; tools that save JSON "with BOM" do), an HTML or XML page, a form.
pub(crate) fn what_it_looks_like(body: &[u8]) -> Option<&'static str> {
    if body.starts_with(b"\xEF\xBB\xBF") {
        Some("the body starts with a byte-order mark (U+FEFF), which JSON does not allow")
    } else if body.trim_ascii_start().starts_with(b"<") {
        Some("the body looks like an HTML or XML page")
    } else if looks_like_a_query(body) {
        Some("the body looks like a query string or form (key=value&...)")
    } else {
        None
    }
}

/// Whether a body that is not JSON looks like `key=value&key=value`, as a form post or
/// an eSMS callback's query string does.
fn looks_like_a_query(body: &[u8]) -> bool {
    let body = body.trim_ascii();
    body.first().is_some_and(u8::is_ascii_alphabetic)
        && body.contains(&b'=')
        && !body.iter().any(|b| b.is_ascii_whitespace())
}

/// Gives a JSON payload type its `from_json`, `from_json_strict` and `to_json`.
macro_rules! json_payload {
    ($name:ident, $provider:expr, $payload:literal) => {
        impl $crate::wire::kinds::Kind for $name {
            const NAME: &'static str = $payload;
            const FIELDS: &'static [&'static str] = <$name as $crate::wire::object::Fields>::FIELDS;

            fn read(body: &[u8]) -> Result<Self, $crate::Error> {
                $crate::wire::json::from_json(body, $provider, $payload)
            }

            fn unknown_fields(&self) -> &$crate::UnknownFields {
                $name::unknown_fields(self)
            }
        }

        impl $name {
            /// The payload kind's name, as errors give it.
            pub const KIND: &'static str = $payload;

            /// The payload kind's name, as errors give it: [`KIND`](Self::KIND).
            pub fn kind(&self) -> &'static str {
                $payload
            }

            #[doc = concat!("Reads a ", $payload, " from the raw request body.")]
            ///
            /// Fields and values the provider's document does not list are kept (see
            /// [`ListUnrecognized`](crate::ListUnrecognized)); the error names the field
            /// that does not hold what the document says.
            ///
            /// A body over [`Limits::DEFAULT_BODY`](crate::Limits::DEFAULT_BODY) is
            /// refused: [`from_json_with`](Self::from_json_with) sets your own limit.
            pub fn from_json(body: &[u8]) -> Result<Self, $crate::Error> {
                Self::from_json_with(body, &$crate::Limits::new())
            }

            /// [`from_json`](Self::from_json) with limits of your own: a body larger than
            /// [`Limits::max_body`](crate::Limits::max_body) is refused with
            /// [`Error::TooLarge`](crate::Error::TooLarge) before it is read.
            pub fn from_json_with(
                body: &[u8],
                limits: &$crate::Limits,
            ) -> Result<Self, $crate::Error> {
                limits.check(body.len())?;
                $crate::wire::json::from_json(body, $provider, $payload)
            }

            #[doc = concat!("Reads a ", $payload, " and refuses any field or value the provider's")]
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
                limits.check(body.len())?;
                $crate::wire::json::from_json_strict(body, $provider, $payload)
            }

            /// Writes the payload back as the provider sent it: the same fields, unknown
            /// ones included, as compact JSON.
            pub fn to_json(&self) -> Result<Vec<u8>, $crate::Error> {
                $crate::wire::json::to_json(self, $provider, $payload)
            }
        }
    };
}
pub(crate) use json_payload;
