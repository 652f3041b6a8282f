//! How Viva delivers webhooks: the addresses it sends from, how long it retries, and the
//! check it makes before it uses a new URL.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr};

use chrono::{DateTime, TimeDelta, TimeZone};

use crate::wire::json::json_payload;
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

/// "Webhooks are sent from the following IPs", Production.
pub const PRODUCTION_WEBHOOK_SOURCES: [Ipv4Addr; 5] = [
    Ipv4Addr::new(51, 138, 37, 238),
    Ipv4Addr::new(20, 54, 89, 16),
    Ipv4Addr::new(13, 80, 70, 181),
    Ipv4Addr::new(13, 80, 71, 223),
    Ipv4Addr::new(13, 79, 28, 70),
];

/// "Webhooks are sent from the following IPs", Demo.
pub const DEMO_WEBHOOK_SOURCES: [Ipv4Addr; 7] = [
    Ipv4Addr::new(94, 70, 170, 65),
    Ipv4Addr::new(94, 70, 174, 36),
    Ipv4Addr::new(94, 70, 255, 73),
    Ipv4Addr::new(94, 70, 248, 18),
    Ipv4Addr::new(62, 38, 158, 36),
    Ipv4Addr::new(194, 219, 230, 78),
    Ipv4Addr::new(83, 235, 24, 226),
];

impl Environment {
    /// The addresses the environment sends webhooks from.
    pub fn webhook_sources(self) -> &'static [Ipv4Addr] {
        match self {
            Environment::Production => &PRODUCTION_WEBHOOK_SOURCES,
            Environment::Demo => &DEMO_WEBHOOK_SOURCES,
        }
    }
}

/// Whether `ip` is one Viva lists as sending webhooks in `environment`, for "IP
/// restriction". An IPv4 address written as IPv6 (`::ffff:51.138.37.238`, as a dual-stack
/// listener reports it) counts as itself.
///
/// The address must be the connection's peer, not a header a client can write
/// (`X-Forwarded-For`), unless a proxy you run sets it. Viva signs nothing, so this check
/// and the URL's secrecy are what stand between your endpoint and forged messages.
///
/// ```
/// use provider_payloads::viva::{Environment, is_webhook_source};
///
/// assert!(is_webhook_source("51.138.37.238".parse().unwrap(), Environment::Production));
/// assert!(!is_webhook_source("51.138.37.238".parse().unwrap(), Environment::Demo));
/// ```
pub fn is_webhook_source(ip: IpAddr, environment: Environment) -> bool {
    match ip.to_canonical() {
        IpAddr::V4(ip) => environment.webhook_sources().contains(&ip),
        IpAddr::V6(_) => false,
    }
}

/// Viva's retry policy: it "will assume you have successfully received a webhook
/// notification if you respond with http status 200"; otherwise "a retry mechanism will
/// start and run once per hour until a status 200 is received or the max retries
/// threshold is reached (72 retries / 3 days)".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// The HTTP status that ends the retries.
    pub success_status: u16,
    /// The time between two attempts.
    pub interval: TimeDelta,
    /// At most this many retries.
    pub max_retries: u32,
    /// Over at most this long.
    pub max_period: TimeDelta,
}

/// The retry policy the document states.
pub const RETRY_POLICY: RetryPolicy = RetryPolicy {
    success_status: 200,
    interval: TimeDelta::hours(1),
    max_retries: 72,
    max_period: TimeDelta::days(3),
};

impl RetryPolicy {
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
    /// assert_eq!(until.to_rfc3339(), "2014-06-21T14:20:30.450+03:00");
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
            wire: Default::default(),
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
