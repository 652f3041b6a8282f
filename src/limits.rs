//! How much [`parse_with`](crate::parse_with) reads before it refuses a request.

use crate::Error;

/// The limits a request must keep to be read. [`parse`](crate::parse) and every type's
/// entry point (`from_json`, `from_query`, `from_url`, `from_form`, ...) use the default;
/// their `_with` forms ([`parse_with`](crate::parse_with),
/// [`Receipt::from_json_with`](crate::nxcloud::Receipt::from_json_with), ...) take yours.
///
/// One limit is yours to set: the size of the body (and of the query string), 2 MiB by
/// default, far above any provider's payload (the largest sample is under 3 KiB). A
/// larger request is refused with [`Error::TooLarge`](crate::Error::TooLarge) before a
/// byte of it is read. The other limits are fixed:
///
/// - eSMS `error_info` is percent-decoded at most
///   [`MAX_LAYERS`](crate::esms::MAX_LAYERS) times.
/// - Nesting costs no stack: the providers' own fields are a few levels deep, and a value
///   nested deeper is an unknown field, which `serde_json` checks and keeps without
///   recursion. A body nested 100 000 deep is read, its unknown field kept.
///
/// Within the limits, time and memory grow in proportion to the size of the request. The
/// heap at its peak is under 4 times the request for the providers' payloads and large
/// unknown values, and reaches 4 times for an eSMS `error_info` of 1 MiB of JSON, which
/// is decoded from the query, unwrapped from its JSON string and read. A form or query
/// string of nothing but tiny pairs costs about its own size: its pairs are found again
/// in it, not kept beside it (`tests/hostile.rs` and `tests/form_memory.rs` measure it).
///
/// ```
/// use provider_payloads::{Error, Limits, parse_with};
///
/// let limits = Limits::new().body(64);
/// let body = br#"{"status":"seen","requestId":"r1","code":11002,"message":"m","sendTime":"2023-07-13 15:12:11"}"#;
/// let err = parse_with(body, "", &limits).unwrap_err();
/// assert!(matches!(err, Error::TooLarge { size: 94, limit: 64 }));
/// assert_eq!(err.to_string(), "the request is 94 bytes, over the limit of 64 bytes");
/// assert!(parse_with(body, "", &Limits::new().body(94)).is_ok());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    body: usize,
}

impl Limits {
    /// The default size limit of a body or query string: 2 MiB.
    pub const DEFAULT_BODY: usize = 2 * 1024 * 1024;

    /// The default limits.
    pub const fn new() -> Limits {
        Limits {
            body: Limits::DEFAULT_BODY,
        }
    }

    /// Sets the largest body, and the largest query string, read, in bytes.
    #[must_use]
    pub const fn body(self, bytes: usize) -> Limits {
        Limits { body: bytes }
    }

    /// The largest body, and the largest query string, read, in bytes.
    pub const fn max_body(&self) -> usize {
        self.body
    }

    /// Refuses a body or query string of `size` bytes over [`max_body`](Self::max_body)
    /// with [`Error::TooLarge`]: what every entry point checks before it reads.
    ///
    /// ```
    /// use provider_payloads::{Error, Limits};
    ///
    /// let limits = Limits::new().body(64);
    /// assert!(limits.check(64).is_ok());
    /// assert!(matches!(limits.check(65), Err(Error::TooLarge { size: 65, limit: 64 })));
    /// ```
    pub fn check(&self, size: usize) -> Result<(), Error> {
        if size > self.body {
            Err(Error::TooLarge {
                size,
                limit: self.body,
            })
        } else {
            Ok(())
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::new()
    }
}
