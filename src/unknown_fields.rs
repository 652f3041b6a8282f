//! [`UnknownFields`]: the fields of a JSON object that its type does not name, kept as
//! they came and written back.

use std::fmt;

use serde_json::value::RawValue;

use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized, UnrecognizedKind};

/// The fields of a JSON object that its type does not name, in the order they came, each
/// kept as its raw JSON text (exact: numbers keep every digit, nothing is re-encoded).
///
/// They are written back unchanged when the payload is serialized to JSON. (Serialized to
/// another format, each is `serde_json`'s raw-value struct.)
///
/// ```
/// use provider_payloads::viva::Verification;
///
/// // A key and a field the document does not show.
/// let verification = Verification::from_json(br#"{"Key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6",
///     "Expires":{"At":"2024-06-10T06:55:08Z","Ttl":3.600}}"#)?;
/// let unknown = verification.unknown_fields();
/// assert_eq!(unknown.len(), 1);
/// assert_eq!(unknown.get("Expires").unwrap().get(), r#"{"At":"2024-06-10T06:55:08Z","Ttl":3.600}"#);
/// let names: Vec<&str> = unknown.iter().map(|(name, _)| name).collect();
/// assert_eq!(names, ["Expires"]);
/// // Written back as it came: `3.600` keeps its zeros.
/// assert!(String::from_utf8(verification.to_json()?).unwrap().ends_with(r#""Ttl":3.600}}"#));
/// # Ok::<(), provider_payloads::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct UnknownFields(Option<Box<Fields>>);

/// The unknown fields of an object that has some. (Boxed: most objects have none, and an
/// empty `UnknownFields` is then one pointer in every payload object, which is moved
/// whole at each layer of a parse.)
#[derive(Clone, Default)]
struct Fields {
    /// The fields' names, one after another: one buffer for them all, not an allocation
    /// per field.
    names: String,
    /// Each field: where its name is in `names`, and its raw value.
    values: Vec<(usize, usize, Box<RawValue>)>,
}

impl UnknownFields {
    /// No fields: what a payload with no object of its own (a JSON array, a query
    /// string) has.
    pub(crate) fn none() -> &'static UnknownFields {
        static NONE: UnknownFields = UnknownFields(None);
        &NONE
    }

    /// How many unknown fields there are.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |fields| fields.values.len())
    }

    /// Whether the object had no field beyond the documented ones.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The unknown fields, name and raw JSON value, in the order they came.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &RawValue)> {
        let (names, values) = match self.0.as_deref() {
            Some(fields) => (fields.names.as_str(), fields.values.as_slice()),
            None => ("", &[][..]),
        };
        values.iter().map(move |(start, end, value)| {
            // Always there: `push` took both ends from the names it appended to.
            let name = names.get(*start..*end).unwrap_or_default();
            (name, &**value)
        })
    }

    /// The raw JSON value of the unknown field `name`, if the object had one.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }

    pub(crate) fn push(&mut self, name: &str, value: Box<RawValue>) {
        let fields = self.0.get_or_insert_default();
        let start = fields.names.len();
        fields.names.push_str(name);
        fields.values.push((start, fields.names.len(), value));
    }
}

impl PartialEq for UnknownFields {
    /// Equal when the same names hold the same raw JSON text, in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|((a, x), (b, y))| a == b && x.get() == y.get())
    }
}

impl fmt::Debug for UnknownFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Raw<'a>(&'a str);
        impl fmt::Debug for Raw<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0)
            }
        }
        f.debug_map()
            .entries(self.iter().map(|(name, value)| (name, Raw(value.get()))))
            .finish()
    }
}

impl ListUnrecognized for UnknownFields {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        for (name, value) in self.iter() {
            found.push(Unrecognized::new(
                &at.field(name),
                UnrecognizedKind::Field {
                    raw: value.get().to_owned(),
                },
            ));
        }
    }
}
