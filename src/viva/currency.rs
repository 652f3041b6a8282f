//! `CurrencyCode`: ISO 4217 numeric codes, as Viva sends them (`978`, or `"978"`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};

/// An ISO 4217 numeric currency code (`978` is the euro), with its alphabetic code where
/// this crate knows it.
///
/// Viva's samples write it as a number (`"CurrencyCode": 978`); real webhooks as a string
/// (`"978"`); either is read, and written back as it came.
///
/// ```
/// use provider_payloads::viva::Currency;
///
/// assert_eq!(Currency::new(978).alphabetic(), Some("EUR"));
/// assert_eq!(Currency::new(999).alphabetic(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Currency(u16);

/// The currencies of the countries Viva serves, and the few others its users meet most.
const ALPHABETIC: &[(u16, &str)] = &[
    (191, "HRK"),
    (203, "CZK"),
    (208, "DKK"),
    (348, "HUF"),
    (578, "NOK"),
    (752, "SEK"),
    (756, "CHF"),
    (826, "GBP"),
    (840, "USD"),
    (946, "RON"),
    (975, "BGN"),
    (978, "EUR"),
    (985, "PLN"),
];

impl Currency {
    /// The currency with the numeric code `code`.
    pub const fn new(code: u16) -> Self {
        Currency(code)
    }

    /// The numeric code.
    pub fn numeric(self) -> u16 {
        self.0
    }

    /// The alphabetic code (`EUR`), for the currencies this crate knows.
    pub fn alphabetic(self) -> Option<&'static str> {
        ALPHABETIC
            .iter()
            .find(|(code, _)| *code == self.0)
            .map(|(_, alpha)| *alpha)
    }

    /// The currency as events name it: the alphabetic code where known (`EUR`), else the
    /// numeric code (`999`).
    pub(crate) fn event_name(self) -> String {
        self.alphabetic()
            .map_or_else(|| self.to_string(), str::to_owned)
    }
}

impl fmt::Display for Currency {
    /// The numeric code, three digits (`978`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}", self.0)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.0)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = crate::wire::number::deserialize_code(deserializer, "Currency")?;
        u16::try_from(code)
            .ok()
            .filter(|code| *code <= 999)
            .map(Currency)
            .ok_or_else(|| {
                serde::de::Error::custom(format_args!(
                    "{code} is not an ISO 4217 numeric currency code (0 to 999)"
                ))
            })
    }
}

impl ListUnrecognized for Currency {
    fn list_unrecognized(&self, _: &FieldPath<'_>, _: &mut Vec<Unrecognized>) {}
}
