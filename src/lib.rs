#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// No input may panic: library code has no unwrap, expect, panic, indexing or arithmetic
// that can fail. Unit tests may.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unreachable
    )
)]
//!
//! # Crate layout
//!
//! One module per provider holds that provider's whole surface:
//!
//! - [`nxcloud`]: NXCloud Viber receipts and replies.
//! - [`esms`]: eSMS.vn delivery callbacks (a GET query string).
//! - [`wappin`]: the Wappin WhatsApp API: callbacks, requests, responses, status tables.
//! - [`viva`]: Viva Wallet webhooks, the messages API, URL verification, source
//!   addresses and retry policy.
//!
//! Across all of them, [`parse`] tells the provider and kind from the request's shape and
//! gives a [`Payload`], whose [`event`](Payload::event) is the normalized [`Event`]
//! ([`event`] has the mapping) and whose [`answer`](Payload::answer) the HTTP [`Answer`]
//! the provider expects. Payloads keep what they do not recognize ([`UnknownFields`],
//! [`ListUnrecognized`]) and fail with one [`Error`] that names the field.

use std::fmt;
use std::str::FromStr;

mod answer;
mod error;
pub mod esms;
pub mod event;
mod limits;
pub mod nxcloud;
mod payload;
mod unrecognized;
pub mod viva;
pub mod wappin;
mod wire;

pub use answer::Answer;
pub use error::Error;
pub use event::Event;
pub use limits::Limits;
pub use payload::{Payload, parse, parse_with};
pub use unrecognized::{FieldPath, ListUnrecognized, Unrecognized, UnrecognizedKind};
pub use wire::iso_time::Timestamp;
pub use wire::number::InvalidCode;
pub use wire::object::UnknownFields;
pub use wire::raw::RawJson;

/// A provider whose payloads this crate reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Provider {
    /// NXCloud, Viber callbacks ([`nxcloud`]).
    NxCloud,
    /// eSMS.vn, delivery callbacks ([`esms`]).
    Esms,
    /// Wappin, the WhatsApp Business API ([`wappin`]).
    Wappin,
    /// Viva Wallet, payment webhooks ([`viva`]).
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
