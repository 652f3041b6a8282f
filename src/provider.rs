//! [`Provider`]: who sent a payload.

use std::fmt;
use std::str::FromStr;

/// A provider whose payloads this crate reads.
///
/// Its short name is what events and errors write, and parses back.
///
/// ```
/// use provider_payloads::{Provider, parse};
///
/// // A route per provider (`/hooks/{provider}`) takes its name from the path...
/// let route: Provider = "wappin".parse().unwrap();
/// assert_eq!(route, Provider::Wappin);
/// assert!("whatsapp".parse::<Provider>().is_err());
///
/// // ...and refuses another provider's payload.
/// let payload = parse(br#"{"Key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6"}"#, "")?;
/// assert_ne!(payload.provider(), route);
/// assert_eq!(payload.provider().to_string(), "viva");
/// # Ok::<(), provider_payloads::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Provider {
    /// NXCloud, Viber callbacks ([`nxcloud`](crate::nxcloud)).
    NxCloud,
    /// eSMS.vn, delivery callbacks ([`esms`](crate::esms)).
    Esms,
    /// Wappin, the WhatsApp Business API ([`wappin`](crate::wappin)).
    Wappin,
    /// Viva Wallet, payment webhooks ([`viva`](crate::viva)).
    Viva,
}

impl Provider {
    /// Every provider.
    pub const ALL: [Provider; 4] = [
        Provider::NxCloud,
        Provider::Esms,
        Provider::Wappin,
        Provider::Viva,
    ];

    /// The provider's name in a sentence, with its article: "an NXCloud", "a Viva".
    pub(crate) fn with_article(&self) -> &'static str {
        match self {
            Provider::NxCloud => "an NXCloud",
            Provider::Esms => "an eSMS",
            Provider::Wappin => "a Wappin",
            Provider::Viva => "a Viva",
        }
    }

    /// The provider's short name: `nxcloud`, `esms`, `wappin` or `viva`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Provider::NxCloud => "nxcloud",
            Provider::Esms => "esms",
            Provider::Wappin => "wappin",
            Provider::Viva => "viva",
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Provider {
    /// The short name, as [`Provider::as_str`] writes it.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Provider {
    /// The short name, as [`Provider::from_str`] reads it.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// The error of [`Provider::from_str`]: the name is none of the providers'.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown provider `{0}`: expected nxcloud, esms, wappin or viva")]
pub struct UnknownProvider(pub String);

impl FromStr for Provider {
    type Err = UnknownProvider;

    /// Parses a provider's short name, as [`Provider::as_str`] writes it.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Provider::ALL
            .into_iter()
            .find(|provider| provider.as_str() == name)
            .ok_or_else(|| UnknownProvider(name.to_owned()))
    }
}
