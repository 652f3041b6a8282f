//! How Viva delivers webhooks: the addresses it sends from, how long it retries, and the
//! check it makes before it uses a new URL.

use std::borrow::Cow;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

use chrono::{DateTime, TimeDelta, TimeZone};

use crate::wire::kinds::json_payload;
use crate::wire::object::wire_object;
use crate::{Answer, Provider};

/// Which of Viva's environments a webhook comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Environment {
    /// The live service.
    Production,
    /// The demo (test) service.
    Demo,
}

/// A block of IPv4 addresses Viva sends from: one address (`/32`) or a range Viva
/// publishes with its prefix (`40.127.253.112/28`).
///
/// ```
/// use provider_payloads::viva::SourceRange;
///
/// let range = SourceRange::new([40, 127, 253, 112], 28);
/// assert!(range.contains("40.127.253.127".parse().unwrap()));
/// assert!(!range.contains("40.127.253.128".parse().unwrap()));
/// assert_eq!(range.to_string(), "40.127.253.112/28");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SourceRange {
    network: Ipv4Addr,
    prefix: u8,
}

impl SourceRange {
    /// The range of `network` with the first `prefix` bits fixed (at most 32).
    pub const fn new(network: [u8; 4], prefix: u8) -> SourceRange {
        let [a, b, c, d] = network;
        SourceRange {
            network: Ipv4Addr::new(a, b, c, d),
            prefix: if prefix > 32 { 32 } else { prefix },
        }
    }

    /// One address.
    pub const fn single(address: [u8; 4]) -> SourceRange {
        SourceRange::new(address, 32)
    }

    /// Whether `ip` is in the range: its first `prefix` bits are the network's. (One
    /// masked comparison; a crate of address types would be a dependency for it.)
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        let mask = u32::MAX
            .checked_shl(u32::from(32_u8.saturating_sub(self.prefix)))
            .unwrap_or(0);
        ip.to_bits() & mask == self.network.to_bits() & mask
    }
}

impl fmt::Display for SourceRange {
    /// `51.138.37.238` for one address, `40.127.253.112/28` for a range.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.prefix {
            32 => write!(f, "{}", self.network),
            prefix => write!(f, "{}/{prefix}", self.network),
        }
    }
}

/// The addresses Viva sends webhooks from, Production: "Whitelist the Viva addresses in
/// your server and on your firewall". Viva's current page, as four independent
/// third-party libraries copy it (no copy of the page itself could be read); it keeps the
/// five addresses of the seed document and adds three ranges and an address.
pub const PRODUCTION_WEBHOOK_SOURCES: [SourceRange; 9] = [
    SourceRange::single([51, 138, 37, 238]),
    SourceRange::single([13, 80, 70, 181]),
    SourceRange::single([13, 80, 71, 223]),
    SourceRange::single([13, 79, 28, 70]),
    SourceRange::new([40, 127, 253, 112], 28),
    SourceRange::new([51, 105, 129, 192], 28),
    SourceRange::single([20, 54, 89, 16]),
    SourceRange::single([4, 223, 76, 50]),
    SourceRange::new([51, 12, 157, 0], 28),
];

/// The addresses Viva sends webhooks from, Demo: the six of Viva's current page as
/// [`PRODUCTION_WEBHOOK_SOURCES`] is sourced, and five more that Viva's own setup page
/// lists in its Demo column (developer.vivawallet.com/webhooks-for-payments/setting-up-webhooks/,
/// "Whitelist the Viva Wallet addresses": 20.50.240.57, 40.74.20.78, 94.70.170.65,
/// 94.70.174.36, 94.70.255.73, 94.70.248.18, 83.235.24.226). The seed document's
/// 62.38.158.36 and 194.219.230.78 are on neither page, and are left out.
pub const DEMO_WEBHOOK_SOURCES: [SourceRange; 11] = [
    SourceRange::single([20, 50, 240, 57]),
    SourceRange::single([40, 74, 20, 78]),
    SourceRange::single([195, 167, 87, 181]),
    SourceRange::single([195, 167, 87, 180]),
    SourceRange::single([20, 13, 195, 185]),
    SourceRange::single([135, 225, 16, 50]),
    SourceRange::single([94, 70, 170, 65]),
    SourceRange::single([94, 70, 174, 36]),
    SourceRange::single([94, 70, 255, 73]),
    SourceRange::single([94, 70, 248, 18]),
    SourceRange::single([83, 235, 24, 226]),
];

impl Environment {
    /// The addresses the environment sends webhooks from.
    pub fn webhook_sources(self) -> &'static [SourceRange] {
        match self {
            Environment::Production => &PRODUCTION_WEBHOOK_SOURCES,
            Environment::Demo => &DEMO_WEBHOOK_SOURCES,
        }
    }
}

/// Whether `ip` is one Viva lists as sending webhooks in `environment`, for "IP
/// restriction": one of its addresses, or in one of its ranges. An IPv4 address written
/// as IPv6 (`::ffff:51.138.37.238`, as a dual-stack listener reports it) counts as
/// itself.
///
/// The address must be the connection's peer, not a header a client can write
/// (`X-Forwarded-For`), unless a proxy you run sets it. Viva signs no payment webhook, so
/// this check and the URL's secrecy are what stand between your endpoint and forged
/// messages.
///
/// ```
/// use provider_payloads::viva::{Environment, is_webhook_source};
///
/// assert!(is_webhook_source("51.138.37.238".parse().unwrap(), Environment::Production));
/// assert!(is_webhook_source("51.12.157.9".parse().unwrap(), Environment::Production));
/// assert!(!is_webhook_source("51.138.37.238".parse().unwrap(), Environment::Demo));
/// ```
pub fn is_webhook_source(ip: IpAddr, environment: Environment) -> bool {
    match ip.to_canonical() {
        IpAddr::V4(ip) => environment
            .webhook_sources()
            .iter()
            .any(|range| range.contains(ip)),
        IpAddr::V6(_) => false,
    }
}

/// How Viva retries a notification it could not deliver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// The time between two attempts.
    pub interval: TimeDelta,
    /// At most this many retries after the first attempt.
    pub max_retries: u32,
    /// Over at most this long after the first attempt.
    pub max_period: TimeDelta,
}

/// Viva's retry policy for webhooks: "you need to respond with HTTP status 2xx";
/// otherwise (3xx, 4xx, 5xx) Viva retries hourly, "24 attempts (1 initial + 23 retries)"
/// (the seed document said 72 retries over 3 days).
pub const RETRY_POLICY: RetryPolicy = RetryPolicy {
    interval: TimeDelta::hours(1),
    max_retries: 23,
    max_period: TimeDelta::hours(23),
};

/// Viva's retry policy for Sale Transactions notifications: hourly after a status other
/// than 200, stopping "5 hours after the first attempt".
pub const SALE_TRANSACTIONS_RETRY_POLICY: RetryPolicy = RetryPolicy {
    interval: TimeDelta::hours(1),
    max_retries: 5,
    max_period: TimeDelta::hours(5),
};

impl RetryPolicy {
    /// Whether Viva takes `status` as delivered: any 2xx.
    pub fn is_success(status: u16) -> bool {
        (200..300).contains(&status)
    }

    /// Until when a retry of a message created at `created` may still arrive: the
    /// sooner of the last retry and the end of the retry period. Keep what makes your
    /// handler idempotent (the message or transaction id) at least until then.
    ///
    /// `None` if that time is beyond what chrono can hold.
    ///
    /// ```
    /// use chrono::DateTime;
    /// use provider_payloads::viva::RETRY_POLICY;
    ///
    /// let created = DateTime::parse_from_rfc3339("2014-06-18T14:20:30.45+03:00").unwrap();
    /// let until = RETRY_POLICY.retries_until(created).unwrap();
    /// assert_eq!(until.to_rfc3339(), "2014-06-19T13:20:30.450+03:00");
    /// ```
    pub fn retries_until<Tz: TimeZone>(&self, created: DateTime<Tz>) -> Option<DateTime<Tz>> {
        let retries = self
            .interval
            .checked_mul(i32::try_from(self.max_retries).ok()?)?;
        created.checked_add_signed(retries.min(self.max_period))
    }
}

wire_object! {
    /// Webhook URL verification: before it uses a new URL, Viva makes "a simple GET http
    /// call to your URL. Your page should print a JSON response of the following format:
    /// `{"Key": "..."}`", with the key from `GET /api/messages/config/token` "as is".
    ///
    /// ```
    /// use provider_payloads::viva::Verification;
    ///
    /// let answer = Verification::new("B3248222FDCD1885AEAFE51CCC1B5607F00903F6");
    /// assert_eq!(answer.to_json()?, br#"{"Key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6"}"#);
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct Verification {
        /// "The webhook authorization code".
        #[serde(rename = "Key")]
        pub key: String,
    }
}
json_payload!(Verification, Provider::Viva, "URL verification");

impl Verification {
    /// The answer for `key`, the code `GET /api/messages/config/token` gives.
    pub fn new(key: impl Into<String>) -> Self {
        Verification {
            key: key.into(),
            as_sent: Default::default(),
        }
    }

    /// The HTTP answer to Viva's URL verification (a `GET` to your webhook URL): 200 with
    /// `{"Key":"..."}`.
    ///
    /// ```
    /// use provider_payloads::viva::Verification;
    ///
    /// let answer = Verification::new("B3248222FDCD1885AEAFE51CCC1B5607F00903F6").answer();
    /// assert_eq!((answer.status, answer.content_type), (200, Some("application/json")));
    /// assert_eq!(&*answer.body, br#"{"Key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6"}"#);
    /// ```
    pub fn answer(&self) -> Answer {
        Answer::json(Cow::Owned(self.to_json().unwrap_or_default()))
    }
}

wire_object! {
    /// The webhook URL verification of an ISV (a partner that integrates merchants):
    /// `GET /isv/v1/webhooks/token` (OAuth2) returns the key as `{"key": "..."}`, lowercase,
    /// and your URL answers Viva's `GET` with it as it came. Third-party SDKs (Naaikho's
    /// `VivaIsvWebhookVerificationBody`, sakee's `ENDPOINTS.md`) agree on it; no copy of
    /// Viva's "For ISV Partners" section could be read.
    ///
    /// ```
    /// use provider_payloads::viva::IsvVerification;
    ///
    /// let answer = IsvVerification::new("B3248222FDCD1885AEAFE51CCC1B5607F00903F6").answer();
    /// assert_eq!(&*answer.body, br#"{"key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6"}"#);
    /// ```
    pub struct IsvVerification {
        /// The webhook key.
        #[serde(rename = "key")]
        pub key: String,
    }
}
json_payload!(IsvVerification, Provider::Viva, "ISV URL verification");

impl IsvVerification {
    /// The answer for `key`, the key `GET /isv/v1/webhooks/token` gives.
    pub fn new(key: impl Into<String>) -> Self {
        IsvVerification {
            key: key.into(),
            as_sent: Default::default(),
        }
    }

    /// The HTTP answer to Viva's URL verification of an ISV's URL: 200 with
    /// `{"key":"..."}`.
    pub fn answer(&self) -> Answer {
        Answer::json(Cow::Owned(self.to_json().unwrap_or_default()))
    }
}
