//! The bearer token of Wappin's callbacks, compared in constant time.

use std::fmt;
use std::sync::Arc;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::secret::{self, InvalidSecret, Label};

/// The token your Wappin callbacks carry as `Authorization: Bearer <token>`, to check
/// each callback against before you trust its body.
///
/// Wappin signs nothing: this token is the only sign that a callback came from Wappin,
/// and it does not protect the body from being changed on its way (use HTTPS).
/// [`CallbackToken::authorizes`] compares the SHA-256 digests of the token and of what
/// came, in constant time (`subtle`): its time tells neither where they differ nor the
/// token's length. Only the digest is kept; `Debug` shows nothing of it.
///
/// ```
/// use provider_payloads::wappin::CallbackToken;
///
/// let token = CallbackToken::new("s3cr3t-t0ken")?;
/// assert!(token.authorizes(b"Bearer s3cr3t-t0ken"));
/// assert!(token.authorizes(b"bearer s3cr3t-t0ken"));
/// assert!(!token.authorizes(b"Bearer s3cr3t-t0ke"));
/// assert!(!token.authorizes(b"Basic s3cr3t-t0ken"));
/// assert_eq!(format!("{token:?}"), "CallbackToken(<redacted>)");
/// // A token that would let anyone in, or never match, is refused here.
/// assert!(CallbackToken::new("").is_err());
/// assert!(CallbackToken::new("s3cr3t-t0ken ").is_err());
/// # Ok::<(), provider_payloads::InvalidSecret>(())
/// ```
#[derive(Clone)]
pub struct CallbackToken {
    digest: [u8; 32],
    pub(crate) label: Label,
}

impl CallbackToken {
    /// The token you agreed with Wappin for your callback URL. Refused when it is empty,
    /// has white space at an end, or holds a control character ([`InvalidSecret`]): no
    /// callback could carry it, or any could.
    pub fn new(token: impl AsRef<str>) -> Result<CallbackToken, InvalidSecret> {
        let token = token.as_ref().as_bytes();
        secret::check(token, "Wappin's callback token", true)?;
        Ok(CallbackToken {
            digest: Sha256::digest(token).into(),
            label: Label::default(),
        })
    }

    /// The token with a name of yours (`"account-a"`, `"2026-12"`), which a policy of
    /// several tokens gives back for the one a callback carried
    /// ([`Matched::label`](crate::http::Matched::label)), and `Debug` shows.
    ///
    /// ```
    /// use provider_payloads::wappin::CallbackToken;
    ///
    /// let token = CallbackToken::new("s3cr3t-t0ken")?.labelled("account-a");
    /// assert_eq!(token.label(), Some("account-a"));
    /// assert_eq!(format!("{token:?}"), r#"CallbackToken("account-a", <redacted>)"#);
    /// # Ok::<(), provider_payloads::InvalidSecret>(())
    /// ```
    #[must_use]
    pub fn labelled(mut self, label: impl Into<Arc<str>>) -> CallbackToken {
        self.label = Label::new(label);
        self
    }

    /// Its label, if it was given one.
    pub fn label(&self) -> Option<&str> {
        self.label.get()
    }

    /// Whether an `Authorization` header value (as it came, in bytes) is `Bearer ` (the
    /// scheme in any case, one space) followed by exactly this token.
    pub fn authorizes(&self, authorization: &[u8]) -> bool {
        const SCHEME: &[u8] = b"Bearer ";
        match authorization.split_at_checked(SCHEME.len()) {
            Some((scheme, given)) if scheme.eq_ignore_ascii_case(SCHEME) => {
                let given: [u8; 32] = Sha256::digest(given).into();
                bool::from(given.ct_eq(&self.digest))
            }
            _ => false,
        }
    }
}

impl fmt::Debug for CallbackToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.label.debug_redacted(f, "CallbackToken")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_whole_token_after_the_bearer_scheme_authorizes() {
        let token = CallbackToken::new("abc").unwrap();
        for (header, expected) in [
            (&b"Bearer abc"[..], true),
            (b"BEARER abc", true),
            (b"Bearer abc ", false),
            (b"Bearer  abc", false),
            (b"Bearer ab", false),
            (b"Bearer abcd", false),
            (b"Bearer ", false),
            (b"Bearer", false),
            (b"abc", false),
            (b"Basic abc", false),
            (b"", false),
            (b"Bearer \xffbc", false),
        ] {
            assert_eq!(token.authorizes(header), expected, "{header:?}");
        }
    }

    #[test]
    fn a_token_that_opens_everything_or_never_matches_is_refused() {
        let what = "Wappin's callback token";
        for (token, refused) in [
            ("", InvalidSecret::Empty(what)),
            (" abc", InvalidSecret::Padded(what)),
            ("abc ", InvalidSecret::Padded(what)),
            ("abc\r\n", InvalidSecret::Padded(what)),
            ("\tabc", InvalidSecret::Padded(what)),
            ("ab\nc", InvalidSecret::Control(what)),
        ] {
            assert_eq!(CallbackToken::new(token).unwrap_err(), refused, "{token:?}");
        }
        // Inside, a space or a tab can come in a header, and is kept.
        let spaced = CallbackToken::new("a b\tc").unwrap();
        assert!(spaced.authorizes(b"Bearer a b\tc"));
    }
}
