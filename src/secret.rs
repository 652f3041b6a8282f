//! [`InvalidSecret`]: a token or secret refused where it is made, because it would open
//! everything or never match; and [`Label`], the name a user gives one.

use std::fmt;
use std::sync::Arc;

/// Why a credential was refused where it was made ([`wappin::CallbackToken::new`],
/// [`viva::SubscriptionSecret::new`]): one that is empty lets anyone in, and one with
/// white space at an end, or a control character in a header's value, never matches
/// what comes (HTTP strips the white space around a header's value).
///
/// ```
/// use provider_payloads::InvalidSecret;
/// use provider_payloads::wappin::CallbackToken;
///
/// assert_eq!(CallbackToken::new("").unwrap_err(), InvalidSecret::Empty("Wappin's callback token"));
/// let padded = CallbackToken::new("s3cr3t\n").unwrap_err();
/// assert_eq!(
///     padded.to_string(),
///     "Wappin's callback token has white space at its start or end, most likely left \
///      from a file or a copy (HTTP strips it from a header's value): remove it"
/// );
/// ```
///
/// [`wappin::CallbackToken::new`]: crate::wappin::CallbackToken::new
/// [`viva::SubscriptionSecret::new`]: crate::viva::SubscriptionSecret::new
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidSecret {
    /// It is empty: a request with an empty credential (`Authorization: Bearer `, or a
    /// body signed with the empty key) would pass.
    #[error("{0} is empty, which anyone can send: set the one you agreed with the provider")]
    Empty(&'static str),
    /// It has white space at its start or end (a line break left from a file, a space
    /// from a copy).
    #[error(
        "{0} has white space at its start or end, most likely left from a file or a copy \
         (HTTP strips it from a header's value): remove it"
    )]
    Padded(&'static str),
    /// It holds a control character (a line break, a NUL), which no header's value
    /// holds.
    #[error("{0} holds a control character, which no HTTP header's value can carry")]
    Control(&'static str),
}

/// The name you give a token or secret (`labelled`), which a policy of several gives back
/// for the one a request carried, and `Debug` shows beside `<redacted>`.
#[derive(Clone, Default)]
pub(crate) struct Label(Option<Arc<str>>);

impl Label {
    pub(crate) fn new(label: impl Into<Arc<str>>) -> Label {
        Label(Some(label.into()))
    }

    pub(crate) fn get(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// The label, shared rather than copied, for each request it matches.
    pub(crate) fn shared(&self) -> Option<&Arc<str>> {
        self.0.as_ref()
    }

    /// `Type(<redacted>)`, or with a label `Type("label", <redacted>)`.
    pub(crate) fn debug_redacted(
        &self,
        f: &mut fmt::Formatter<'_>,
        type_name: &str,
    ) -> fmt::Result {
        match &self.0 {
            Some(label) => write!(f, "{type_name}({label:?}, <redacted>)"),
            None => write!(f, "{type_name}(<redacted>)"),
        }
    }
}

/// Refuses `secret`, named `what` in the error, when it is empty or has white space at an
/// end; and, when it is compared with a header's value (`in_header`), when it holds a
/// control character (tab aside, which a header's value may hold).
pub(crate) fn check(
    secret: &[u8],
    what: &'static str,
    in_header: bool,
) -> Result<(), InvalidSecret> {
    match (secret.first(), secret.last()) {
        (None, _) | (_, None) => Err(InvalidSecret::Empty(what)),
        (Some(first), Some(last)) if first.is_ascii_whitespace() || last.is_ascii_whitespace() => {
            Err(InvalidSecret::Padded(what))
        }
        _ if in_header
            && secret
                .iter()
                .any(|byte| byte.is_ascii_control() && *byte != b'\t') =>
        {
            Err(InvalidSecret::Control(what))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_padded_and_unsendable_secrets_are_refused() {
        for (secret, in_header, expected) in [
            (&b""[..], false, Err(InvalidSecret::Empty("it"))),
            (b" a", false, Err(InvalidSecret::Padded("it"))),
            (b"a\n", false, Err(InvalidSecret::Padded("it"))),
            (b"\ta", true, Err(InvalidSecret::Padded("it"))),
            (b"a\rb", true, Err(InvalidSecret::Control("it"))),
            (b"a\x7fb", true, Err(InvalidSecret::Control("it"))),
            (b"a\rb", false, Ok(())),
            (b"a\tb c", true, Ok(())),
            (b"a", true, Ok(())),
        ] {
            assert_eq!(check(secret, "it", in_header), expected, "{secret:?}");
        }
    }
}
