//! The signature of Viva's signed notifications: "Sale Transactions" (Data Services) and
//! File Request notifications carry `Viva-Signature-256`, "the HMAC hex digest of the
//! request body, ... generated using the SHA-256 hash function and the secret as the HMAC
//! key". Payment webhooks (1796 and the rest) are not signed.

use std::fmt;
use std::sync::Arc;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::secret::{self, InvalidSecret, Label};

/// The header that carries the signature.
pub const SIGNATURE_256_HEADER: &str = "Viva-Signature-256";

/// The `secret` you chose for a Data Services subscription (`POST
/// /dataservices/v1/webhooks/subscriptions`), which keys the signature of each
/// notification of it. `Debug` does not show it.
///
/// ```
/// use provider_payloads::viva::SubscriptionSecret;
///
/// let secret = SubscriptionSecret::new("Jefe")?;
/// let body = b"what do ya want for nothing?";
/// // Viva-Signature-256: the HMAC-SHA256 of the body, in hex (RFC 4231's second case).
/// let header = b"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
/// assert_eq!(secret.verify(body, header), Ok(()));
/// assert!(secret.verify(b"what do ya want for something?", header).is_err());
/// assert_eq!(format!("{secret:?}"), "SubscriptionSecret(<redacted>)");
/// // The empty secret would verify a body anyone signed with the empty key: refused.
/// assert!(SubscriptionSecret::new("").is_err());
/// # Ok::<(), provider_payloads::InvalidSecret>(())
/// ```
#[derive(Clone)]
pub struct SubscriptionSecret {
    keyed: Hmac<Sha256>,
    pub(crate) label: Label,
}

/// Why a signature was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The header is not 64 hexadecimal digits (an SHA-256 digest).
    #[error("the `Viva-Signature-256` header is not 64 hexadecimal digits")]
    Malformed,
    /// The header is a digest, but not the body's with this secret: the body was changed,
    /// or signed with another secret.
    #[error("the `Viva-Signature-256` header does not match the body with this secret")]
    Mismatch,
}

impl SubscriptionSecret {
    /// The secret of your subscription, as you gave it to Viva. Refused when it is empty
    /// (anyone can sign with the empty key), or has white space at an end, a leftover of
    /// a file or a copy ([`InvalidSecret`]).
    pub fn new(secret: impl Into<Vec<u8>>) -> Result<SubscriptionSecret, InvalidSecret> {
        const WHAT: &str = "Viva's subscription secret";
        let secret = secret.into();
        secret::check(&secret, WHAT, false)?;
        // HMAC takes a key of any length: this never fails.
        let keyed = Hmac::new_from_slice(&secret).map_err(|_| InvalidSecret::Empty(WHAT))?;
        Ok(SubscriptionSecret {
            keyed,
            label: Label::default(),
        })
    }

    /// The secret with a name of yours (the subscription's, an account's), which a
    /// policy of several secrets gives back for the one that signed a notification
    /// ([`Matched::label`](crate::http::Matched::label)), and `Debug` shows.
    ///
    /// ```
    /// use provider_payloads::viva::SubscriptionSecret;
    ///
    /// let secret = SubscriptionSecret::new("Jefe")?.labelled("sales");
    /// assert_eq!(secret.label(), Some("sales"));
    /// assert_eq!(format!("{secret:?}"), r#"SubscriptionSecret("sales", <redacted>)"#);
    /// # Ok::<(), provider_payloads::InvalidSecret>(())
    /// ```
    #[must_use]
    pub fn labelled(mut self, label: impl Into<Arc<str>>) -> SubscriptionSecret {
        self.label = Label::new(label);
        self
    }

    /// Its label, if it was given one.
    pub fn label(&self) -> Option<&str> {
        self.label.get()
    }

    /// The `Viva-Signature-256` Viva sends with `body` under this secret: the HMAC-SHA256
    /// of the body, as 64 lowercase hexadecimal digits. For tests that send a signed
    /// notification to your receiver.
    ///
    /// ```
    /// use provider_payloads::viva::SubscriptionSecret;
    ///
    /// let secret = SubscriptionSecret::new("Jefe")?;
    /// let body = b"what do ya want for nothing?";
    /// let header = secret.sign(body);
    /// assert_eq!(header, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    /// assert_eq!(secret.verify(body, header.as_bytes()), Ok(()));
    /// # Ok::<(), provider_payloads::InvalidSecret>(())
    /// ```
    pub fn sign(&self, body: &[u8]) -> String {
        use std::fmt::Write;

        let mut text = String::with_capacity(64);
        for byte in self.mac(body).finalize().into_bytes() {
            let _ = write!(text, "{byte:02x}");
        }
        text
    }

    /// Checks the `Viva-Signature-256` header value (as it came, hex in either case)
    /// against the raw request body. The digests are compared in constant time.
    pub fn verify(&self, body: &[u8], signature_256: &[u8]) -> Result<(), SignatureError> {
        let expected = hex_digest(signature_256.trim_ascii()).ok_or(SignatureError::Malformed)?;
        self.mac(body)
            .verify_slice(&expected)
            .map_err(|_| SignatureError::Mismatch)
    }

    /// The HMAC-SHA256 of `body` under this secret.
    fn mac(&self, body: &[u8]) -> Hmac<Sha256> {
        let mut mac = self.keyed.clone();
        mac.update(body);
        mac
    }
}

impl fmt::Debug for SubscriptionSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.label.debug_redacted(f, "SubscriptionSecret")
    }
}

/// The 32 bytes of an SHA-256 digest written as 64 hexadecimal digits (either case).
fn hex_digest(text: &[u8]) -> Option<[u8; 32]> {
    let mut digest = [0_u8; 32];
    if text.len() != 64 {
        return None;
    }
    for (byte, pair) in digest.iter_mut().zip(text.chunks_exact(2)) {
        let digit = |c: u8| char::from(c).to_digit(16);
        let (high, low) = (digit(*pair.first()?)?, digit(*pair.get(1)?)?);
        *byte = u8::try_from(high << 4 | low).ok()?;
    }
    Some(digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231, test case 2: key "Jefe".
    const DIGEST: &[u8] = b"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    const BODY: &[u8] = b"what do ya want for nothing?";

    #[test]
    fn the_rfc_4231_digest_verifies_in_either_case_and_nothing_else_does() {
        let secret = SubscriptionSecret::new("Jefe").unwrap();
        assert_eq!(secret.verify(BODY, DIGEST), Ok(()));
        assert_eq!(secret.verify(BODY, &DIGEST.to_ascii_uppercase()), Ok(()));
        assert_eq!(
            secret.verify(
                BODY,
                b" 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843\r\n"
            ),
            Ok(())
        );
        assert_eq!(
            SubscriptionSecret::new("jefe")
                .unwrap()
                .verify(BODY, DIGEST),
            Err(SignatureError::Mismatch)
        );
        let mut changed = DIGEST.to_vec();
        changed[63] = b'4';
        assert_eq!(secret.verify(BODY, &changed), Err(SignatureError::Mismatch));
        for malformed in [&b""[..], &DIGEST[..62], b"sha256=5bdcc146", &[b'g'; 64]] {
            assert_eq!(
                secret.verify(BODY, malformed),
                Err(SignatureError::Malformed),
                "{malformed:?}"
            );
        }
    }

    #[test]
    fn an_empty_or_padded_secret_is_refused() {
        let what = "Viva's subscription secret";
        assert_eq!(
            SubscriptionSecret::new("").unwrap_err(),
            InvalidSecret::Empty(what)
        );
        assert_eq!(
            SubscriptionSecret::new("Jefe\n").unwrap_err(),
            InvalidSecret::Padded(what)
        );
        assert_eq!(
            SubscriptionSecret::new(" Jefe").unwrap_err(),
            InvalidSecret::Padded(what)
        );
        // A key, not a header: any byte inside is the secret's.
        assert!(SubscriptionSecret::new("Je\nfe").is_ok());
    }
}
