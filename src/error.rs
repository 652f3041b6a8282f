//! The one error type of the crate.

use crate::{Provider, Unrecognized};

/// Why a payload could not be read or written.
///
/// Every error names the provider and the payload kind it was read as; errors about JSON
/// give the path of the field (`message.fileName`) and the line and column. No error
/// quotes the body itself, so nothing secret in it ends up in a log.
///
/// A webhook answers 413 to [`TooLarge`](Error::TooLarge) and 400 to the others: sent
/// again, the same request fails the same way.
///
/// ```
/// use provider_payloads::{Error, Limits, Provider, parse, parse_with};
///
/// // An NXCloud receipt whose `code` is no number.
/// let err = parse(br#"{"status":"seen","requestId":"r1","code":"soon"}"#, "").unwrap_err();
/// assert!(matches!(err, Error::Field { .. }));
/// assert_eq!((err.provider(), err.path()), (Some(Provider::NxCloud), Some("code")));
/// assert!(err.to_string().starts_with("nxcloud receipt: `code`: invalid value"));
///
/// // An eSMS callback whose `SendStatus` is missing: the error names the parameter.
/// let err = parse(b"", "SMSID=849fe08c19294b02857cf91687021a50250&SendSuccess=1").unwrap_err();
/// assert_eq!(err.path(), Some("SendStatus"));
///
/// // A body no provider sends, and one over the limit.
/// let err = parse(br#"{"hello":"world"}"#, "").unwrap_err();
/// assert!(matches!(err, Error::NoProvider { .. }) && err.provider().is_none());
/// let err = parse_with(&[b' '; 100], "", &Limits::new().body(64)).unwrap_err();
/// assert_eq!(err, Error::TooLarge { size: 100, limit: 64 });
///
/// let status = |err: &Error| match err {
///     Error::TooLarge { .. } => 413,
///     _ => 400,
/// };
/// assert_eq!(status(&err), 413);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The body was empty or held only white space.
    #[error("{provider} {payload}: the body is empty")]
    Empty {
        /// The provider the body was read for.
        provider: Provider,
        /// The payload kind it was read as.
        payload: &'static str,
    },

    /// The query string was empty (or held only `?` or white space), where the payload is
    /// the query string: an eSMS callback's `GET`, an NXCloud SMS receipt in the URL.
    #[error("{provider} {payload}: the query string is empty")]
    EmptyQuery {
        /// The provider the query was read for.
        provider: Provider,
        /// The payload kind it was read as.
        payload: &'static str,
    },

    /// The body is not JSON, or its JSON is broken (cut short, not UTF-8, trailing text).
    #[error("{provider} {payload}: the body is not valid JSON{}: {reason}{}", at(.path), position(*.line, *.column))]
    NotJson {
        /// The provider the body was read for.
        provider: Provider,
        /// The payload kind it was read as.
        payload: &'static str,
        /// The field being read when the JSON broke; empty at the top level.
        path: String,
        /// What was wrong.
        reason: String,
        /// The line of the body where it was found, from 1.
        line: usize,
        /// The column where it was found, from 1.
        column: usize,
    },

    /// The body is JSON, but a field is missing or does not hold what the provider's
    /// document says it holds.
    #[error("{provider} {payload}: {}{reason}{}", field(.path), position(*.line, *.column))]
    Field {
        /// The provider the body was read for.
        provider: Provider,
        /// The payload kind it was read as.
        payload: &'static str,
        /// The path of the field, in wire names (`message.text`); empty for the body
        /// itself, as when a field is missing from it.
        path: String,
        /// What was expected and what was found.
        reason: String,
        /// The line of the body where it was found, from 1; 0 when the error has no
        /// place (a rule about the object as a whole, checked after reading it).
        line: usize,
        /// The column where it was found, from 1.
        column: usize,
    },

    /// A query-string parameter is missing, or does not hold what the provider's
    /// document says it holds (eSMS callbacks).
    #[error("{provider} {payload}: `{key}`: {reason}")]
    Parameter {
        /// The provider the query was read for.
        provider: Provider,
        /// The payload kind it was read as.
        payload: &'static str,
        /// The parameter's key, as it came.
        key: String,
        /// What was wrong.
        reason: String,
    },

    /// The body is JSON but none of the payload kinds it could be.
    #[error("{provider}: the body is not {expected}; it is {found}")]
    Shape {
        /// The provider the body was read for.
        provider: Provider,
        /// The kinds it could have been, with the keys that tell them apart.
        expected: String,
        /// What the body looked like.
        found: String,
    },

    /// The body (and query) is no provider's payload ([`parse`](crate::parse), which
    /// tells the provider from the shape).
    #[error("no provider's payload: expected {expected}; the body is {found}")]
    NoProvider {
        /// The shapes it could have been: every provider's kinds, by name.
        expected: &'static str,
        /// What the body looked like.
        found: String,
    },

    /// The body fits several payload kinds equally well: it has every key each of them
    /// requires, and none of them knows more of its keys than the others.
    #[error("{}the body fits several payload kinds and none better than the others: {}", provider_prefix(.provider), .candidates.join(", "))]
    Ambiguous {
        /// The provider whose kinds they are, when they are one provider's.
        provider: Option<Provider>,
        /// The kinds it fits: provider and kind, `wappin acknowledgement`.
        candidates: Vec<String>,
    },

    /// The body or the query string is larger than [`Limits`](crate::Limits) allow
    /// ([`parse_with`](crate::parse_with); 2 MiB for [`parse`](crate::parse)).
    #[error("the request is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// The size of the body or query string, in bytes.
        size: usize,
        /// The limit, in bytes.
        limit: usize,
    },

    /// A strict parse met fields or values that the provider's document does not list.
    #[error("{provider} {payload}: the body has what the provider's document does not list: {}", list(.found))]
    Unrecognized {
        /// The provider the body was read for.
        provider: Provider,
        /// The payload kind it was read as.
        payload: &'static str,
        /// Everything that was not recognized.
        found: Vec<Unrecognized>,
    },

    /// A value could not be written back to the wire format.
    #[error("{provider} {payload}: could not be written: {reason}")]
    Write {
        /// The provider of the payload.
        provider: Provider,
        /// The payload kind.
        payload: &'static str,
        /// What went wrong.
        reason: String,
    },
}

impl Error {
    /// The provider the body was read for; `None` when no provider's shape fitted it.
    pub fn provider(&self) -> Option<Provider> {
        Some(match self {
            Error::Empty { provider, .. }
            | Error::EmptyQuery { provider, .. }
            | Error::NotJson { provider, .. }
            | Error::Field { provider, .. }
            | Error::Parameter { provider, .. }
            | Error::Shape { provider, .. }
            | Error::Unrecognized { provider, .. }
            | Error::Write { provider, .. } => *provider,
            Error::Ambiguous { provider, .. } => return *provider,
            Error::NoProvider { .. } | Error::TooLarge { .. } => return None,
        })
    }

    /// The path of the failing field in wire names (for a query, the parameter's key),
    /// when the error is about one field.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::Parameter { key, .. } => Some(key),
            Error::NotJson { path, .. } | Error::Field { path, .. } if !path.is_empty() => {
                Some(path)
            }
            _ => None,
        }
    }
}

fn provider_prefix(provider: &Option<Provider>) -> String {
    provider.map_or_else(String::new, |provider| format!("{provider}: "))
}

fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" at `{path}`")
    }
}

fn position(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" (line {line}, column {column})")
    }
}

fn field(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("`{path}`: ")
    }
}

fn list(found: &[Unrecognized]) -> String {
    found
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The error of a code enum's `FromStr` (`SendStatus`, `StatusCode`, ...): the text is not
/// an integer code as the provider writes one.
///
/// ```
/// use provider_payloads::esms::SendStatus;
///
/// assert_eq!("5".parse(), Ok(SendStatus::SentSuccessfully));
/// // `05` would be written back as `5`: refused.
/// let err = "05".parse::<SendStatus>().unwrap_err();
/// assert_eq!(err.text(), "05");
/// assert!(err.to_string().starts_with("`05` is no SendStatus code"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{text}` is no {code} code: expected an integer that fits 64 bits, written with no \
     sign but `-` and no leading zero, as the provider writes it"
)]
pub struct InvalidCode {
    text: String,
    code: &'static str,
}

impl InvalidCode {
    pub(crate) fn new(text: &str, code: &'static str) -> Self {
        InvalidCode {
            text: text.to_owned(),
            code,
        }
    }

    /// The text that was given.
    pub fn text(&self) -> &str {
        &self.text
    }
}
