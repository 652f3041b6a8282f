//! Keeping what a JSON object carries besides its typed fields.
//!
//! Every payload object is declared with [`wire_object!`]. The macro writes the public
//! struct (plain typed fields) and a private mirror of it that derives serde's
//! `Deserialize` and `Serialize` through `#[serde(remote = ...)]`, so the field attributes
//! (`rename`, `alias`, `with`, `default`) are serde's own. The public impls wrap the
//! mirror's in two adapters:
//!
//! - [`Capture`] hands the derived code only the keys it names; every other key is kept
//!   with its raw JSON text in [`UnknownFields`], in the order it came, without building a
//!   `serde_json::Value`. Each known value passes through [`shape`]'s probe, which notes the
//!   few ways of writing it that the typed value cannot show (`null`, `""`, a number in a
//!   string).
//! - [`Emit`] writes the derived fields back as a map, replays those notes, and appends
//!   the unknown fields, so `parse -> serialize` gives the payload back.
//!
//! A field is therefore written back as it came: absent stays absent, `null` stays
//! `null`, `""` stays `""`, and `"826"` stays a string.

use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, U64Deserializer};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};
use serde_json::value::RawValue;

use super::text::Borrowed;
use super::written::{self, Written, WrittenAs};
use crate::UnknownFields;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};

/// What a payload object keeps from the wire besides its typed fields.
#[derive(Clone, Debug, Default)]
pub(crate) struct AsSent {
    pub(crate) unknown: UnknownFields,
    pub(crate) written_as: WrittenAs,
    /// The fields read under another spelling that the type keeps: (wire name, spelling).
    pub(crate) spellings: Vec<(&'static str, &'static str)>,
}

/// Equal when the unknown fields are equal in order (they are written back in it) and the
/// notes on known fields are the same in any order (they are written in the type's).
impl PartialEq for AsSent {
    fn eq(&self, other: &AsSent) -> bool {
        self.unknown == other.unknown
            && self.written_as == other.written_as
            && written::same_notes(&self.spellings, &other.spellings)
    }
}

impl AsSent {
    /// Whether the field `name` was in the object as `null` or `""`, which its typed
    /// value (`None`) does not tell from absent.
    pub(crate) fn held_nothing(&self, name: &str) -> bool {
        matches!(
            self.written_as.get(name),
            Some(Written::Null | Written::EmptyString)
        )
    }

    pub(crate) fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        self.unknown.list_unrecognized(at, found);
    }
}

/// Declares a payload object: a public struct of typed fields that keeps its unknown
/// fields and the way each field was written, and writes both back.
///
/// Every field names its wire spelling first, as `#[serde(rename = "wireName", ...)]`;
/// other serde field attributes may follow in the same `serde(...)`. Doc comments come
/// before the `serde` attribute.
///
/// A field spelt another way too is read under both with serde's `alias`, and written
/// under its `rename` (Wappin writes its examples' spelling). To write it back under the
/// spelling it came in instead, list the pair after the struct:
/// `keep_spellings { "created" = "created " }` (Viva's documents and its service differ).
macro_rules! wire_object {
    (
        $(#[doc = $doc:expr])*
        pub struct $name:ident $(<$($gen:ident),+>)? {
            $(
                $(#[doc = $field_doc:expr])*
                #[serde(rename = $wire:literal $(, $($field_serde:tt)*)?)]
                pub $field:ident : $ty:ty,
            )*
        }
        $(keep_spellings { $($primary:literal = $alias:literal),* $(,)? })?
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub struct $name $(<$($gen),+>)? {
            $(
                $(#[doc = $field_doc])*
                pub $field: $ty,
            )*
            as_sent: $crate::wire::object::AsSent,
        }

        impl $(<$($gen: std::fmt::Debug),+>)? std::fmt::Debug for $name $(<$($gen),+>)? {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut s = f.debug_struct(stringify!($name));
                $(s.field(stringify!($field), &self.$field);)*
                s.field("unknown_fields", &self.as_sent.unknown);
                if !self.as_sent.written_as.is_empty() {
                    s.field("written_as", &self.as_sent.written_as);
                }
                if !self.as_sent.spellings.is_empty() {
                    s.field("spelt_as", &self.as_sent.spellings);
                }
                s.finish()
            }
        }

        impl $(<$($gen),+>)? $name $(<$($gen),+>)? {
            /// The fields the provider sent that its document does not name, kept as raw
            /// JSON and written back on serialization.
            pub fn unknown_fields(&self) -> &$crate::UnknownFields {
                &self.as_sent.unknown
            }
        }

        const _: () = {
            type Remote $(<$($gen),+>)? = $name $(<$($gen),+>)?;

            /// The other spellings written back as they came: (wire name, spelling).
            const SPELLINGS: &[(&str, &str)] = &[$($(($primary, $alias)),*)?];
            $crate::wire::object::wire_names!(NAMES, index_of, [$($wire),*]);

            #[derive(serde::Deserialize, serde::Serialize)]
            #[serde(remote = "Remote")]
            struct Mirror $(<$($gen),+>)? {
                $(
                    #[serde(rename = $wire $(, $($field_serde)*)?)]
                    $field: $ty,
                )*
                #[serde(skip)]
                as_sent: $crate::wire::object::AsSent,
            }

            impl $(<$($gen),+>)? $crate::wire::object::Fields for $name $(<$($gen),+>)? {
                const FIELDS: &'static [&'static str] = NAMES;
            }

            impl<'de $($(, $gen: serde::Deserialize<'de>)+)?> serde::Deserialize<'de> for $name $(<$($gen),+>)? {
                fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
                where
                    D: serde::Deserializer<'de>,
                {
                    $crate::wire::object::deserialize(
                        deserializer,
                        (NAMES, index_of),
                        SPELLINGS,
                        |d| Mirror::deserialize(d),
                        |value: &mut Self| &mut value.as_sent,
                    )
                }
            }

            impl $(<$($gen: serde::Serialize),+>)? serde::Serialize for $name $(<$($gen),+>)? {
                fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
                where
                    S: serde::Serializer,
                {
                    $crate::wire::object::serialize(&self.as_sent, serializer, |emit| {
                        Mirror::serialize(self, emit)
                    })
                }
            }

            impl $(<$($gen: $crate::ListUnrecognized),+>)? $crate::ListUnrecognized for $name $(<$($gen),+>)? {
                fn list_unrecognized(
                    &self,
                    at: &$crate::FieldPath<'_>,
                    found: &mut Vec<$crate::Unrecognized>,
                ) {
                    $(
                        $crate::ListUnrecognized::list_unrecognized(&self.$field, &at.field($wire), found);
                    )*
                    self.as_sent.list_unrecognized(at, found);
                }
            }
        };
    };
}
pub(crate) use wire_object;

/// Declares `$names`, the wire names of a struct's fields in the order it declares them,
/// and `$index_of`, the index of a wire name among them: a `match`, which the compiler
/// turns into a jump on the key's length and a comparison or two, whatever the number
/// of fields and the order the keys come in (each arm's index is computed as the crate
/// compiles). [`deserialize`] takes the two.
macro_rules! wire_names {
    ($names:ident, $index_of:ident, [$($wire:literal),* $(,)?]) => {
        /// The fields' wire names, in the order the struct declares them.
        const $names: &[&str] = &[$($wire),*];

        /// The index of a wire name in the list of the fields' wire names.
        fn $index_of(key: &str) -> Option<usize> {
            match key {
                $($wire => Some(const { $crate::wire::object::position($names, $wire) }),)*
                _ => None,
            }
        }
    };
}
pub(crate) use wire_names;

/// A payload object's top-level fields, by wire name (its `rename`s, no alias), in the
/// order its type declares them.
pub(crate) trait Fields {
    const FIELDS: &'static [&'static str];
}

/// Runs a derived `Deserialize` through [`Capture`] and puts what the wire carried
/// besides its fields into the value's `wire`.
///
/// `names` are the derived struct's wire names (its `rename`s, no alias), in the order it
/// declares its fields: a key found there is handed to the derived code as the field's
/// index, which it matches in one jump, where a name would be compared again with each
/// of its fields (a fifth of the derived code's time on a Viva transaction).
///
/// The derived result is returned as it is, changed in place: a payload struct is large
/// (a Viva transaction is 640 bytes), and taking it out of the `Result` and back in
/// copied it at each level.
pub(crate) fn deserialize<'de, D, T>(
    deserializer: D,
    names: Names,
    spellings: &'static [(&'static str, &'static str)],
    derived: impl FnOnce(Capture<'_, D>) -> Result<T, D::Error>,
    as_sent_of: impl FnOnce(&mut T) -> &mut AsSent,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let mut as_sent = AsSent::default();
    let mut read = derived(Capture {
        inner: deserializer,
        as_sent: &mut as_sent,
        names,
        spellings,
    });
    if let Ok(value) = &mut read {
        *as_sent_of(value) = as_sent;
    }
    read
}

/// A type's wire names in the order it declares them, and the index of a name among them.
pub(crate) type Names = (&'static [&'static str], fn(&str) -> Option<usize>);

/// The index of `name` in `names` (`names.len()` if it is not there), for the index
/// `wire_object!`'s match gives each name, computed as the crate compiles.
pub(crate) const fn position(mut names: &[&str], name: &str) -> usize {
    let mut index = 0_usize;
    while let [candidate, rest @ ..] = names {
        if same_bytes(candidate.as_bytes(), name.as_bytes()) {
            return index;
        }
        names = rest;
        index = index.saturating_add(1);
    }
    index
}

/// Whether `a` and `b` hold the same bytes (`==`, which a `const fn` cannot call).
const fn same_bytes(mut a: &[u8], mut b: &[u8]) -> bool {
    loop {
        match (a, b) {
            ([], []) => return true,
            ([x, a_rest @ ..], [y, b_rest @ ..]) if *x == *y => {
                a = a_rest;
                b = b_rest;
            }
            _ => return false,
        }
    }
}

/// Runs a derived `Serialize` through [`Emit`], which writes `wire` back beside it.
pub(crate) fn serialize<S: Serializer>(
    as_sent: &AsSent,
    serializer: S,
    derived: impl FnOnce(Emit<'_, S>) -> Result<S::Ok, S::Error>,
) -> Result<S::Ok, S::Error> {
    derived(Emit {
        inner: serializer,
        as_sent,
    })
}

/// A deserializer for a derived struct that keeps the keys the struct does not name.
pub(crate) struct Capture<'w, D> {
    inner: D,
    as_sent: &'w mut AsSent,
    names: Names,
    spellings: &'static [(&'static str, &'static str)],
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Capture<'_, D> {
    type Error = D::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // A map only: serde's derive would also take an array of values by position,
        // which no provider sends and which could not be written back as it came.
        self.inner.deserialize_map(ObjectVisitor {
            visitor,
            names: self.names,
            fields,
            as_sent: self.as_sent,
            spellings: self.spellings,
        })
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

struct ObjectVisitor<'w, V> {
    visitor: V,
    names: Names,
    fields: &'static [&'static str],
    as_sent: &'w mut AsSent,
    spellings: &'static [(&'static str, &'static str)],
}

impl<'de, V: Visitor<'de>> Visitor<'de> for ObjectVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the derived text, which names the private mirror type.
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(KnownFields {
            map,
            names: self.names,
            fields: self.fields,
            as_sent: self.as_sent,
            spellings: self.spellings,
            current: "",
        })
    }
}

/// The entries of an object with the unknown ones taken out and kept.
struct KnownFields<'w, A> {
    map: A,
    /// The fields' wire names, in the derived struct's order, and the index of each.
    names: Names,
    /// serde's list of the names it reads: `names` and each field's aliases.
    fields: &'static [&'static str],
    as_sent: &'w mut AsSent,
    spellings: &'static [(&'static str, &'static str)],
    /// The wire name of the field whose value comes next, for its shape.
    current: &'static str,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for KnownFields<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        while let Some(Borrowed(key)) = self.map.next_key()? {
            let (names, index_of) = self.names;
            if let Some(index) = index_of(&key) {
                self.current = names.get(index).copied().unwrap_or_default();
                // serde's derive reads a field's index as the field (`visit_u64`), the
                // way formats without names give it.
                return seed
                    .deserialize(U64Deserializer::<A::Error>::new(index as u64))
                    .map(Some);
            }
            // Another spelling of a field: the derived code matches it by name.
            let alias = if self.fields.len() > names.len() {
                self.fields.iter().position(|field| *field == &*key)
            } else {
                None
            };
            if let Some(field) = alias.and_then(|index| self.fields.get(index).copied()) {
                self.current = field;
                if let Some(&(primary, spelling)) = self
                    .spellings
                    .iter()
                    .find(|(_, spelling)| *spelling == field)
                {
                    self.as_sent.spellings.push((primary, spelling));
                    self.current = primary;
                }
                return seed
                    .deserialize(BorrowedStrDeserializer::new(field))
                    .map(Some);
            }
            let value: Box<RawValue> = self.map.next_value()?;
            self.as_sent.unknown.push(&key, value);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(written::Recorded::new(
            seed,
            self.current,
            &mut self.as_sent.written_as,
        ))
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A serializer for a derived struct that writes it as a map, with each field as it came
/// and the unknown fields after them.
pub(crate) struct Emit<'w, S> {
    inner: S,
    as_sent: &'w AsSent,
}

/// The error [`Emit`] gives when a derived impl asks it for anything but a struct, which
/// [`wire_object!`] never does.
fn not_a_struct<E: ser::Error>() -> E {
    E::custom("a payload object serializes as a struct")
}

macro_rules! reject_non_struct {
    ($($method:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $(_: $ty),*) -> Result<$ret, S::Error> {
            Err(not_a_struct())
        })*
    };
}

impl<'w, S: Serializer> Serializer for Emit<'w, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = EmitFields<'w, S::SerializeMap>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(EmitFields {
            map: self.inner.serialize_map(None)?,
            as_sent: self.as_sent,
        })
    }

    written::serializer_methods!(reject_non_struct);

    reject_non_struct! {
        serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_struct())
    }
}

/// The fields of an [`Emit`] struct, written as map entries.
pub(crate) struct EmitFields<'w, M> {
    map: M,
    as_sent: &'w AsSent,
}

/// The spelling the field `key` of `wire`'s object is written in: the one it came in,
/// where the type keeps it.
fn spelt(as_sent: &AsSent, key: &'static str) -> &'static str {
    as_sent
        .spellings
        .iter()
        .find(|(primary, _)| *primary == key)
        .map_or(key, |(_, spelling)| *spelling)
}

impl<M: SerializeMap> SerializeStruct for EmitFields<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        written::write_field(
            &mut self.map,
            spelt(self.as_sent, key),
            value,
            &self.as_sent.written_as,
            key,
        )
    }

    /// A field the derived code skips: an optional one that most bodies leave out, marked
    /// `skip_serializing_if = "Option::is_none"` so that writing it costs one check (the
    /// Zalo fields of NXCloud's receipt, which a Viber receipt leaves out). It is
    /// written where it came as `null` or `""`, as its note says.
    fn skip_field(&mut self, key: &'static str) -> Result<(), M::Error> {
        match self.as_sent.written_as.get(key) {
            Some(Written::Null) => self.map.serialize_entry(spelt(self.as_sent, key), &()),
            Some(Written::EmptyString) => self.map.serialize_entry(spelt(self.as_sent, key), ""),
            _ => Ok(()),
        }
    }

    fn end(mut self) -> Result<M::Ok, M::Error> {
        // Most objects have none: the check skips setting up the iterator (~10
        // instructions a write, on bodies of 600).
        if !self.as_sent.unknown.is_empty() {
            for (name, value) in self.as_sent.unknown.iter() {
                self.map.serialize_entry(name, value)?;
            }
        }
        self.map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::Written;
    use crate::wire::enums::code_enum;

    code_enum! {
        /// A test code.
        pub enum Count {
            /// One.
            One = 1,
        }
    }

    wire_object! {
        /// A test object.
        pub struct Sample {
            /// A string.
            #[serde(rename = "name")]
            pub name: String,
            /// A count that may come in a string.
            #[serde(rename = "count", default)]
            pub count: Option<Count>,
            /// Optional text.
            #[serde(rename = "note", default, with = "crate::wire::written::empty_as_none")]
            pub note: Option<String>,
            /// Spelt two ways.
            #[serde(rename = "environment", alias = "environtment", default)]
            pub environment: Option<String>,
            /// Optional, and skipped by the derived code when `None`.
            #[serde(rename = "rare", default, skip_serializing_if = "Option::is_none", with = "crate::wire::written::empty_as_none")]
            pub rare: Option<String>,
        }
    }

    #[test]
    fn a_field_skipped_when_none_is_still_written_as_it_came() {
        for (input, rare) in [
            (r#"{"name":"a"}"#, None),
            (r#"{"name":"a","rare":null}"#, None),
            (r#"{"name":"a","rare":""}"#, None),
            (r#"{"name":"a","rare":"x"}"#, Some("x")),
        ] {
            let (sample, back) = round_trip(input);
            assert_eq!(sample.rare.as_deref(), rare, "{input}");
            assert_eq!(back, input);
        }
    }

    fn round_trip(json: &str) -> (Sample, String) {
        let sample: Sample = serde_json::from_str(json).unwrap();
        let back = serde_json::to_string(&sample).unwrap();
        (sample, back)
    }

    #[test]
    fn unknown_fields_are_kept_raw_in_order_and_written_back() {
        let (sample, back) = round_trip(
            r#"{"zeta":{"deep":[1,2.50,{"x":null}]},"name":"a","big":123456789012345678901234567890,"alpha":"é"}"#,
        );
        let names: Vec<_> = sample.unknown_fields().iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["zeta", "big", "alpha"]);
        assert_eq!(
            sample.unknown_fields().get("big").unwrap().get(),
            "123456789012345678901234567890"
        );
        assert_eq!(
            back,
            r#"{"name":"a","zeta":{"deep":[1,2.50,{"x":null}]},"big":123456789012345678901234567890,"alpha":"é"}"#
        );
    }

    #[test]
    fn each_unknown_name_reads_back_whole_from_the_shared_buffer() {
        let (sample, back) =
            round_trip(r#"{"":1,"name":"a","k\u00e9y":[],"x":"y","":2,"long_name":null}"#);
        let fields: Vec<_> = sample
            .unknown_fields()
            .iter()
            .map(|(name, value)| (name, value.get()))
            .collect();
        assert_eq!(
            fields,
            [
                ("", "1"),
                ("kéy", "[]"),
                ("x", r#""y""#),
                ("", "2"),
                ("long_name", "null")
            ]
        );
        assert_eq!(sample.unknown_fields().len(), 5);
        assert_eq!(sample.unknown_fields().get("x").unwrap().get(), r#""y""#);
        assert_eq!(sample.clone(), sample);
        assert_eq!(
            back,
            r#"{"name":"a","":1,"kéy":[],"x":"y","":2,"long_name":null}"#
        );
    }

    #[test]
    fn absent_null_empty_and_quoted_are_written_as_they_came() {
        let cases = [
            (r#"{"name":"a"}"#, r#"{"name":"a"}"#),
            (
                r#"{"name":"a","count":null,"note":null}"#,
                r#"{"name":"a","count":null,"note":null}"#,
            ),
            (r#"{"name":"a","note":""}"#, r#"{"name":"a","note":""}"#),
            (
                r#"{"name":"a","count":"826"}"#,
                r#"{"name":"a","count":"826"}"#,
            ),
            (r#"{"name":"a","count":826}"#, r#"{"name":"a","count":826}"#),
            (
                r#"{"name":"a","count":"-9223372036854775808"}"#,
                r#"{"name":"a","count":"-9223372036854775808"}"#,
            ),
        ];
        for (input, expected) in cases {
            let (_, back) = round_trip(input);
            assert_eq!(back, expected, "for {input}");
        }
    }

    #[test]
    fn the_typed_value_does_not_show_how_it_was_written() {
        let (quoted, _) = round_trip(r#"{"name":"a","count":"826","note":""}"#);
        let (plain, _) = round_trip(r#"{"name":"a","count":826}"#);
        assert_eq!(quoted.count, Some(Count::Other(826)));
        assert_eq!(quoted.note, None);
        assert_eq!(
            quoted.as_sent.written_as.get("count"),
            Some(Written::Quoted)
        );
        assert_eq!(
            quoted.as_sent.written_as.get("note"),
            Some(Written::EmptyString)
        );
        assert_eq!(plain.as_sent.written_as.get("count"), None);
        assert!(quoted.as_sent.held_nothing("note"));
        assert!(!quoted.as_sent.held_nothing("count"));
        assert!(!plain.as_sent.held_nothing("note"));
    }

    #[test]
    fn an_alias_is_read_and_the_primary_spelling_written() {
        let (sample, back) = round_trip(r#"{"name":"a","environtment":"prod"}"#);
        assert_eq!(sample.environment.as_deref(), Some("prod"));
        assert!(sample.unknown_fields().is_empty());
        assert_eq!(back, r#"{"name":"a","environment":"prod"}"#);
    }

    wire_object! {
        /// Fields spelt two ways, each written back as it came.
        pub struct Kept {
            /// Spelt with a trailing space in a document.
            #[serde(rename = "created", alias = "created ", default)]
            pub created: Option<String>,
            /// Spelt by its type in a document.
            #[serde(rename = "payload", alias = "string", default)]
            pub payload: Option<String>,
        }
        keep_spellings { "created" = "created ", "payload" = "string" }
    }

    #[test]
    fn a_kept_spelling_is_written_back_as_it_came_null_included() {
        for json in [
            r#"{"created ":"x","string":null}"#,
            r#"{"created":"x","payload":"p"}"#,
            r#"{"created":"","string":"p"}"#,
            r#"{"payload":null}"#,
        ] {
            let kept: Kept = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&kept).unwrap(), json);
        }
        let document: Kept = serde_json::from_str(r#"{"created ":"x","string":"p"}"#).unwrap();
        let service: Kept = serde_json::from_str(r#"{"created":"x","payload":"p"}"#).unwrap();
        assert_eq!(
            (document.created.as_deref(), document.payload.as_deref()),
            (Some("x"), Some("p"))
        );
        assert_eq!(
            (&document.created, &document.payload),
            (&service.created, &service.payload)
        );
        assert!(document.unknown_fields().is_empty());
    }

    #[test]
    fn fields_in_any_order_are_read_into_their_own_fields() {
        let sample: Sample =
            serde_json::from_str(r#"{"environment":"e","x":1,"note":"n","count":7,"name":"a"}"#)
                .unwrap();
        assert_eq!(sample.name, "a");
        assert_eq!(sample.count, Some(Count::Other(7)));
        assert_eq!(sample.note.as_deref(), Some("n"));
        assert_eq!(sample.environment.as_deref(), Some("e"));
        assert_eq!(sample.unknown_fields().len(), 1);
    }

    #[test]
    fn a_field_under_both_its_spellings_is_a_duplicate() {
        let err =
            serde_json::from_str::<Sample>(r#"{"environtment":"f","name":"a","environment":"e"}"#)
                .unwrap_err();
        assert!(
            err.to_string().contains("duplicate field `environment`"),
            "{err}"
        );
    }

    #[test]
    fn escaped_keys_are_matched_and_kept() {
        let (sample, back) = round_trip(r#"{"n\u0061me":"a","x\"y":1}"#);
        assert_eq!(sample.name, "a");
        assert_eq!(back, r#"{"name":"a","x\"y":1}"#);
    }

    #[test]
    fn an_array_is_not_taken_for_an_object() {
        let err = serde_json::from_str::<Sample>(r#"["a"]"#).unwrap_err();
        assert!(err.to_string().contains("invalid type: sequence"), "{err}");
    }

    #[test]
    fn a_duplicate_known_field_is_an_error() {
        let err = serde_json::from_str::<Sample>(r#"{"name":"a","name":"b"}"#).unwrap_err();
        assert!(err.to_string().contains("duplicate field `name`"), "{err}");
    }

    #[test]
    fn values_from_a_serde_json_value_work_too() {
        let value = serde_json::json!({"name": "a", "extra": {"k": [1]}, "count": "7"});
        let sample: Sample = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(sample.count, Some(Count::Other(7)));
        assert_eq!(serde_json::to_value(&sample).unwrap(), value);
    }
}
