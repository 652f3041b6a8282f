#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
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
//! - [`nxcloud`]: NXCloud callbacks: Viber and Zalo receipts, Viber replies, Super
//!   Message receipts, number checks, and SMS delivery receipts (a form).
//! - [`esms`]: eSMS.vn delivery callbacks (a GET query string), and the JSON answers of
//!   its status functions.
//! - [`wappin`]: the Wappin WhatsApp API: callbacks, requests, responses, status tables,
//!   and its v2 API as a third party's SDK models it.
//! - [`viva`]: Viva Wallet webhooks, the messages API, URL verification, source
//!   addresses and retry policy.
//!
//! Across all of them, [`parse`] tells the provider and kind from the request's shape and
//! gives a [`Payload`], whose [`event`](Payload::event) is the normalized [`Event`]
//! ([`event`] has the mapping) and whose [`answer`](Payload::answer) the HTTP [`Answer`]
//! the provider expects. Payloads keep what they do not recognize ([`UnknownFields`],
//! [`ListUnrecognized`]) and fail with one [`Error`] that names the field.

mod answer;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
mod error;
pub mod esms;
pub mod event;
pub mod http;
mod limits;
pub mod nxcloud;
mod payload;
mod provider;
mod raw_json;
mod secret;
mod timestamp;
mod unknown_fields;
mod unrecognized;
pub mod viva;
pub mod wappin;
mod wire;

pub use answer::Answer;
pub use error::{Error, InvalidCode};
pub use event::Event;
pub use limits::Limits;
pub use payload::{Payload, parse, parse_with};
pub use provider::{Provider, UnknownProvider};
pub use raw_json::RawJson;
pub use secret::InvalidSecret;
pub use timestamp::{Timestamp, TimestampError};
pub use unknown_fields::UnknownFields;
pub use unrecognized::{FieldPath, ListUnrecognized, Unrecognized, UnrecognizedKind};

/// The `chrono` this crate's times are of ([`chrono::DateTime`], [`chrono::NaiveDateTime`]
/// in its payloads): use it to name and build them without a dependency of your own, or
/// with yours when it is the same version (0.4).
pub use chrono;
/// The `rust_decimal` this crate's amounts are of ([`rust_decimal::Decimal`]): use it to
/// name and build them without a dependency of your own, or with yours when it is the
/// same version (1).
///
/// ```
/// use provider_payloads::rust_decimal::Decimal;
///
/// let cost = provider_payloads::event::Cost::new(Decimal::new(4700000, 4), None);
/// assert_eq!(cost.amount.to_string(), "470.0000");
/// ```
pub use rust_decimal;
