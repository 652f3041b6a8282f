//! Helpers for the ways providers write their payloads, each in one place (DESIGN.md
//! convention 5). A type uses them through serde attributes; each helper's doc names the
//! sample that needs it.
//!
//! - [`object`]: unknown fields kept and written back, with [`shape`] for `null`, `""` and
//!   numbers in strings.
//! - [`enums`]: closed sets of values that keep any undocumented value.
//! - [`number`]: integer codes as numbers or strings of digits.
//! - [`time`]: provider time formats.
//! - [`json`]: reading a body with the path of a failing field, and writing it back.
//! - [`peek`]: telling payload kinds apart by their first keys.
//! - [`query`]: query strings, strictly percent-decoded (eSMS callbacks).
//! - [`raw`]: JSON no document specifies, kept as its text (Wappin's inquiry `data`).

pub(crate) mod enums;
pub(crate) mod json;
pub(crate) mod number;
pub(crate) mod object;
pub(crate) mod peek;
pub(crate) mod query;
pub(crate) mod raw;
pub(crate) mod shape;
pub(crate) mod time;
