//! The one error type of the crate.

use crate::{ListUnrecognized, Provider, Unrecognized};

/// Why a payload could not be read or written.
///
/// A message says first what is wrong with the body as a whole (empty, not JSON, of no
/// kind), then what was expected; about a field of a kind it names the provider, the
/// payload kind, the path of the field in wire names (`message.fileName`) and the line
/// and column. Every error names the provider where one is known. No error quotes the
/// body itself, so nothing secret in it ends up in a log.
///
/// A webhook answers 413 to [`TooLarge`](Error::TooLarge) and 400 to the others: sent
/// again, the same request fails the same way.
///
/// ```
/// use provider_payloads::{Error, Limits, Provider, nxcloud, parse, parse_with};
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
/// // A body cut short: the reason first, and the provider whose entry point read it.
/// let err = nxcloud::Callback::from_json(br#"{"status":"seen","requestId":"#).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "the body is not JSON at `requestId`: it ends in the middle of a value (line 1, \
///      column 29); expected an NXCloud callback"
/// );
///
/// // A body no provider sends, and one over the limit.
/// let err = parse(br#"{"hello":"world"}"#, "").unwrap_err();
/// assert!(matches!(err, Error::NoProvider { .. }) && err.provider().is_none());
/// assert!(err.to_string().starts_with("no kind fits: the body is an object with the keys `hello`; expected "));
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
    #[error("the body is empty; expected {}", expected(*.provider, .payload))]
    Empty {
        /// The provider the body was read for.
        provider: Provider,
        /// What was read: the kind asked for (`"receipt"`), or the provider's payloads
        /// (`"callback"`, `"payload"`) where the kind was to be told from the body.
        payload: &'static str,
    },

    /// The query string was empty (or held only `?` or white space), where the payload is
    /// the query string: an eSMS callback's `GET`, an NXCloud SMS receipt in the URL.
    #[error("the query string is empty; expected {}", expected(*.provider, .payload))]
    EmptyQuery {
        /// The provider the query was read for.
        provider: Provider,
        /// The payload kind it was read as.
        payload: &'static str,
    },

    /// The body is not JSON: cut short, text after its value, not UTF-8, or any other
    /// break of JSON's syntax. It is told before anything of a kind: a broken body is
    /// never reported as the kind its first keys point to.
    #[error("the body is not JSON{}: {reason}{}{}", at(.path), position(*.line, *.column), expected_after(*.provider, .payload))]
    NotJson {
        /// The provider whose entry point read the body; `None` for
        /// [`parse`](crate::parse), which guesses no provider from a broken body.
        provider: Option<Provider>,
        /// What was read: the kind asked for (`"receipt"`), or the provider's payloads
        /// (`"callback"`, `"payload"`) where the kind was to be told from the body;
        /// `"payload"` for [`parse`](crate::parse).
        payload: &'static str,
        /// The field inside which the JSON broke, where the body was read that far;
        /// empty at the top level.
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

    /// The body is JSON (or a form) but of none of the payload kinds the provider's entry
    /// point reads.
    #[error("{}", listing(&no_kind_fits(.found), .expected))]
    NoKind {
        /// The provider the body was read for.
        provider: Provider,
        /// The kinds it could have been, nearest first (the kinds of which it has the
        /// most required keys), each with the keys that tell it apart: "an NXCloud
        /// receipt (`status`, `requestId`, `code`)", "reply (`phone`, `appkey`,
        /// `traceRequestId`)". The message names as many as about 200 characters hold.
        expected: Vec<String>,
        /// What the body looked like.
        found: String,
    },

    /// The body (and query) is no provider's payload ([`parse`](crate::parse), which
    /// tells the provider from the shape): it is empty with no query string, or of no
    /// kind.
    #[error("{}", listing(.found, .expected))]
    NoProvider {
        /// What it could have been: for a body of no kind, the kinds of every provider
        /// nearest it first, as [`NoKind`](Error::NoKind) names them.
        expected: Vec<String>,
        /// What is wrong, as the message leads with it: "the body is empty and there is
        /// no query string", "no kind fits: the body is an object with the keys `hello`".
        found: String,
    },

    /// The body fits several payload kinds equally well: it has every key each of them
    /// requires, and none of them knows more of its keys than the others.
    #[error("the body fits several payload kinds and none better than the others: {}", .candidates.join(", "))]
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
            | Error::Field { provider, .. }
            | Error::Parameter { provider, .. }
            | Error::NoKind { provider, .. }
            | Error::Unrecognized { provider, .. }
            | Error::Write { provider, .. } => *provider,
            Error::NotJson { provider, .. } | Error::Ambiguous { provider, .. } => {
                return *provider;
            }
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

/// What a strict parse does after the lenient one: gives `value` back, or an
/// [`Error::Unrecognized`] listing what it carried that the provider's document does not.
pub(crate) fn refuse_unrecognized<T: ListUnrecognized>(
    value: T,
    provider: Provider,
    payload: &'static str,
) -> Result<T, Error> {
    let found = value.unrecognized();
    if found.is_empty() {
        Ok(value)
    } else {
        Err(Error::Unrecognized {
            provider,
            payload,
            found,
        })
    }
}

/// How a message about a body of no kind leads: "no kind fits: the body is an object with
/// the keys `hello`".
pub(crate) fn no_kind_fits(found: &str) -> String {
    format!("no kind fits: the body is {found}")
}

/// The error of a body (or form) of no kind, which looks like `found`, with the kinds
/// it could have been: [`Error::NoKind`] as `provider`'s entry point reports it,
/// [`Error::NoProvider`] as [`parse`](crate::parse) does (`None`).
pub(crate) fn of_no_kind(
    provider: Option<Provider>,
    expected: Vec<String>,
    found: String,
) -> Error {
    match provider {
        Some(provider) => Error::NoKind {
            provider,
            expected,
            found,
        },
        None => Error::NoProvider {
            expected,
            found: no_kind_fits(&found),
        },
    }
}

/// The length a message that lists kinds keeps within: a line of a log, where a list of
/// every kind (some 800 characters for [`parse`](crate::parse)) buried the reason.
const MESSAGE_LENGTH: usize = 200;

/// `lead`, then the kinds of `expected` (nearest first) that a message of
/// [`MESSAGE_LENGTH`] holds, always the first, and how many more there are: "...;
/// expected a Wappin acknowledgement (`status`), inquiry request (`message_id`) or 9
/// more kinds".
fn listing(lead: &str, expected: &[String]) -> String {
    let separator = "; expected ";
    let room = MESSAGE_LENGTH.saturating_sub(lead.len().saturating_add(separator.len()));
    let mut named: Vec<&str> = Vec::new();
    let mut length = 0_usize;
    for (at, kind) in expected.iter().enumerate() {
        let after = more(expected.len().saturating_sub(at.saturating_add(1)));
        let total = length
            .saturating_add(kind.len())
            .saturating_add(", ".len())
            .saturating_add(after.len());
        if !named.is_empty() && total > room {
            break;
        }
        length = length.saturating_add(kind.len()).saturating_add(", ".len());
        named.push(kind);
    }
    let left = more(expected.len().saturating_sub(named.len()));
    let list = match named.as_slice() {
        [] => String::new(),
        [only] if left.is_empty() => (*only).to_owned(),
        [init @ .., last] if left.is_empty() => format!("{} or {last}", init.join(", ")),
        all => format!("{}{left}", all.join(", ")),
    };
    format!("{lead}{separator}{list}")
}

/// What follows the kinds a message names where `left` more are not: " or 3 more kinds".
fn more(left: usize) -> String {
    match left {
        0 => String::new(),
        1 => " or 1 more kind".to_owned(),
        _ => format!(" or {left} more kinds"),
    }
}

/// What was read, for a message: "an NXCloud callback".
fn expected(provider: Provider, payload: &str) -> String {
    format!("{} {payload}", provider.with_article())
}

/// What was read, after a message's reason: "; expected an NXCloud callback", or nothing
/// where no provider was named.
fn expected_after(provider: Option<Provider>, payload: &str) -> String {
    provider.map_or_else(String::new, |provider| {
        format!("; expected {}", expected(provider, payload))
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_names_the_nearest_kinds_a_line_holds_and_counts_the_others() {
        let kinds: Vec<String> = (0..30).map(|at| format!("kind number {at:02}")).collect();
        let message = listing("no kind fits: the body is an empty object", &kinds);
        assert!(message.len() <= MESSAGE_LENGTH, "{message}");
        assert!(
            message.starts_with(
                "no kind fits: the body is an empty object; expected kind number 00, kind \
                 number 01, "
            ),
            "{message}"
        );
        let named = message.matches("kind number").count();
        assert!(
            message.ends_with(&format!(" or {} more kinds", 30 - named)),
            "{message}"
        );
        // Every one, where they fit; the nearest alone, however long.
        assert_eq!(
            listing("lead", &kinds[..2]),
            "lead; expected kind number 00 or kind number 01"
        );
        let long = ["x".repeat(300), "y".to_owned()];
        assert_eq!(
            listing("lead", &long),
            format!("lead; expected {} or 1 more kind", long[0])
        );
    }
}
