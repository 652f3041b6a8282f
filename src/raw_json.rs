//! A JSON value kept as its raw text, for the parts of a payload that no document
//! specifies: Wappin's inquiry response `data` (the document lost it in conversion).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};

/// A JSON value the crate does not interpret, kept exactly as it came (numbers keep every
/// digit, nothing is re-encoded) and written back unchanged.
///
/// ```
/// use provider_payloads::wappin::Response;
///
/// let response = Response::from_json(br#"{"status":"200","message":"Success","data":[{"id":1}]}"#)?;
/// assert_eq!(response.data.as_ref().map(|data| data.get()), Some(r#"[{"id":1}]"#));
/// # Ok::<(), provider_payloads::Error>(())
/// ```
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// The value's JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// The value as `serde_json`'s raw value, to deserialize it into a type of your own.
    pub fn as_raw_value(&self) -> &RawValue {
        &self.0
    }
}

impl From<Box<RawValue>> for RawJson {
    fn from(value: Box<RawValue>) -> Self {
        RawJson(value)
    }
}

impl PartialEq for RawJson {
    /// Equal when the JSON text is the same.
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(RawJson)
    }
}

impl ListUnrecognized for RawJson {
    /// Nothing: no document says what the value holds.
    fn list_unrecognized(&self, _: &FieldPath<'_>, _: &mut Vec<Unrecognized>) {}
}
