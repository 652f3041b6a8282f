//! The bearer token of Wappin's callbacks, compared in constant time.

use std::fmt;

use subtle::ConstantTimeEq;

/// The token your Wappin callbacks carry as `Authorization: Bearer <token>`, to check
/// each callback against before you trust its body.
///
/// Wappin signs nothing: this token is the only sign that a callback came from Wappin,
/// and it does not protect the body from being changed on its way (use HTTPS).
/// [`CallbackToken::authorizes`] compares in a time that does not depend on where the
/// tokens differ (`subtle`), so the token cannot be guessed byte by byte from timing.
/// `Debug` does not show it.
///
/// ```
/// use provider_payloads::wappin::CallbackToken;
///
/// let token = CallbackToken::new("s3cr3t-t0ken");
/// assert!(token.authorizes(b"Bearer s3cr3t-t0ken"));
/// assert!(token.authorizes(b"bearer s3cr3t-t0ken"));
/// assert!(!token.authorizes(b"Bearer s3cr3t-t0ke"));
/// assert!(!token.authorizes(b"Basic s3cr3t-t0ken"));
/// assert_eq!(format!("{token:?}"), "CallbackToken(<redacted>)");
/// ```
#[derive(Clone)]
pub struct CallbackToken(String);

impl CallbackToken {
    /// The token you agreed with Wappin for your callback URL.
    pub fn new(token: impl Into<String>) -> CallbackToken {
        CallbackToken(token.into())
    }

    /// Whether an `Authorization` header value (as it came, in bytes) is `Bearer ` (the
    /// scheme in any case, one space) followed by exactly this token.
    pub fn authorizes(&self, authorization: &[u8]) -> bool {
        const SCHEME: &[u8] = b"Bearer ";
        match authorization.split_at_checked(SCHEME.len()) {
            Some((scheme, given)) if scheme.eq_ignore_ascii_case(SCHEME) => {
                bool::from(given.ct_eq(self.0.as_bytes()))
            }
            _ => false,
        }
    }
}

impl fmt::Debug for CallbackToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CallbackToken(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::CallbackToken;

    #[test]
    fn only_the_whole_token_after_the_bearer_scheme_authorizes() {
        let token = CallbackToken::new("abc");
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
        assert!(!CallbackToken::new("").authorizes(b"Bearer x"));
        assert!(CallbackToken::new("").authorizes(b"Bearer "));
    }
}
