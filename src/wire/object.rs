//! Payload objects that keep what they carry besides their typed fields: serde derives
//! the code of a private mirror of each (`#[serde(remote = ...)]`), so the field
//! attributes are serde's own, and it reads through [`Capture`] and writes through [`Emit`].

use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, U64Deserializer};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{self, Serialize, SerializeMap, SerializeStruct, Serializer};
use serde_json::value::RawValue;

use super::text::Borrowed;
use super::written::{self, Listed, Written, WrittenAs, WrittenBack};
use crate::UnknownFields;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};

/// What a payload object keeps of how it was sent, besides its typed fields.
#[derive(Clone, Debug, Default)]
pub(crate) struct AsSent {
    pub(crate) unknown: UnknownFields,
    pub(crate) written_as: WrittenAs,
    /// The fields read under another spelling that the type keeps: (wire name, spelling).
    pub(crate) spellings: Vec<(&'static str, &'static str)>,
}

/// Equal when the unknown fields are, in order, and the notes are, in any order.
impl PartialEq for AsSent {
    fn eq(&self, other: &AsSent) -> bool {
        self.unknown == other.unknown
            && self.written_as == other.written_as
            && written::same_notes(&self.spellings, &other.spellings)
    }
}

impl AsSent {
    /// Whether the field `name` came as `null` or `""`, which its `None` cannot tell from absent.
    pub(crate) fn held_nothing(&self, name: &str) -> bool {
        matches!(
            self.written_as.get(name, None),
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
/// Each field's `serde(...)` starts with its wire spelling, `rename = "wireName"`. A field
/// spelt two ways is read under both with serde's `alias`, and written under its `rename`
/// (Wappin writes its examples' spelling), or as it came where the pair is listed after
/// the struct: `keep_spellings { "created" = "created " }` (Viva's documents and its
/// service differ).
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

            const SPELLINGS: &[(&str, &str)] = &[$($(($primary, $alias)),*)?];
            $crate::wire::object::wire_names!(NAMES, index_of, [$($field = $wire),*]);

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
                    let emit = $crate::wire::object::Emit { inner: serializer, as_sent: &self.as_sent };
                    Mirror::serialize(self, emit)
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

/// Declares `$names`, a struct's wire names in its order, and `$index_of`, the index of
/// a wire name among them (a `match`), which [`deserialize`] takes.
macro_rules! wire_names {
    ($names:ident, $index_of:ident, [$($field:ident = $wire:literal),* $(,)?]) => {
        const $names: &[&str] = &[$($wire),*];

        fn $index_of(key: &str) -> Option<usize> {
            #[allow(non_camel_case_types)]
            enum Field {
                $($field),*
            }
            match key {
                $($wire => Some(Field::$field as usize),)*
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

/// A type's wire names in the order it declares them, and the index of a name among them.
pub(crate) type Names = (&'static [&'static str], fn(&str) -> Option<usize>);

/// Runs a derived `Deserialize` through [`Capture`], and puts what the object keeps of
/// how it was sent into the value's `as_sent`.
pub(crate) fn deserialize<'de, D, T>(
    inner: D,
    names: Names,
    spellings: &'static [(&'static str, &'static str)],
    derived: impl FnOnce(Capture<'_, D>) -> Result<T, D::Error>,
    as_sent_of: impl FnOnce(&mut T) -> &mut AsSent,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let mut as_sent = AsSent::default();
    let object = Object {
        names,
        aliases: &[],
        spellings,
        as_sent: &mut as_sent,
        current: "",
    };
    let mut read = derived(Capture { inner, object });
    if let Ok(value) = &mut read {
        *as_sent_of(value) = as_sent;
    }
    read
}

/// A deserializer for a derived struct: keeps each key the struct does not name with its
/// raw JSON, in order, and reads each known field by [`written`]'s rule.
pub(crate) struct Capture<'w, D> {
    inner: D,
    object: Object<'w>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Capture<'_, D> {
    type Error = D::Error;

    /// A map only: serde's derive would also take an array, which no provider sends.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        aliases: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let object = Object {
            aliases,
            ..self.object
        };
        self.inner
            .deserialize_map(ObjectVisitor { visitor, object })
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
    object: Object<'w>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for ObjectVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the derived text, which names the private mirror type.
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let object = self.object;
        self.visitor.visit_map(KnownFields { map, object })
    }
}

/// What reading an object knows of its type, and what it keeps.
struct Object<'w> {
    names: Names,
    /// serde's list of the names it reads: `names` and each field's aliases.
    aliases: &'static [&'static str],
    spellings: &'static [(&'static str, &'static str)],
    as_sent: &'w mut AsSent,
    /// The wire name of the field whose value comes next.
    current: &'static str,
}

/// The entries of an object with the unknown ones taken out and kept.
struct KnownFields<'w, A> {
    map: A,
    object: Object<'w>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for KnownFields<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let object = &mut self.object;
        while let Some(Borrowed(key)) = self.map.next_key()? {
            let (names, index_of) = object.names;
            if let Some(index) = index_of(&key) {
                object.current = names.get(index).copied().unwrap_or_default();
                // serde's derive takes a field's index (`visit_u64`) as formats without
                // names give it.
                return seed
                    .deserialize(U64Deserializer::<A::Error>::new(index as u64))
                    .map(Some);
            }
            // Another spelling of a field: the derived code matches it by name.
            let alias = if object.aliases.len() > names.len() {
                object.aliases.iter().find(|alias| **alias == &*key)
            } else {
                None
            };
            if let Some(&alias) = alias {
                object.current = alias;
                if let Some(&kept) = object.spellings.iter().find(|(_, kept)| *kept == alias) {
                    object.as_sent.spellings.push(kept);
                    object.current = kept.0;
                }
                return seed
                    .deserialize(BorrowedStrDeserializer::new(alias))
                    .map(Some);
            }
            let value: Box<RawValue> = self.map.next_value()?;
            object.as_sent.unknown.push(&key, value);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let Object {
            as_sent, current, ..
        } = &mut self.object;
        let seed = written::Noted::new(seed, current, &mut as_sent.written_as);
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A serializer for a derived struct that writes it as a map, each field as it came and
/// the unknown fields after them; it takes nothing but a struct.
pub(crate) struct Emit<'a, S> {
    pub(crate) inner: S,
    pub(crate) as_sent: &'a AsSent,
}

impl<'a, S: Serializer> Serializer for Emit<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeStruct = EmitFields<'a, S::SerializeMap>;

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        let map = self.inner.serialize_map(None)?;
        let as_sent = self.as_sent;
        Ok(EmitFields { map, as_sent })
    }

    written::refuse!(
        ser::Error::custom("a payload object serializes as a struct");
        serialize_none() -> Self::Ok;
    );
}

/// The fields of an [`Emit`]ted struct, written as map entries.
pub(crate) struct EmitFields<'a, M> {
    map: M,
    as_sent: &'a AsSent,
}

impl<M: SerializeMap> SerializeStruct for EmitFields<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;

    /// A field that was absent is left out; a `None` that came as `null` or `""` is
    /// written so, and a value with a note as it came.
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        let written_as = &self.as_sent.written_as;
        let written = written_as.get(key, None);
        let absent = written::is_none(value);
        // The spelling it came in, where the type keeps it.
        let spellings = &self.as_sent.spellings;
        let spelling = spellings.iter().find(|(field, _)| *field == key);
        let key_spelt = spelling.map_or(key, |(_, spelling)| *spelling);
        match written {
            None | Some(Written::Quoted | Written::TextAsNumber) if absent => Ok(()),
            None if written_as.has_items(key) => {
                let list = Listed {
                    value,
                    written_as,
                    field: key,
                };
                self.map.serialize_entry(key_spelt, &list)
            }
            None => self.map.serialize_entry(key_spelt, value),
            written => self
                .map
                .serialize_entry(key_spelt, &WrittenBack { value, written }),
        }
    }

    /// A field the derived code skips when `None`, written if it came as `null` or `""`.
    fn skip_field(&mut self, key: &'static str) -> Result<(), M::Error> {
        self.serialize_field(key, &None::<()>)
    }

    fn end(mut self) -> Result<M::Ok, M::Error> {
        for (name, value) in self.as_sent.unknown.iter() {
            self.map.serialize_entry(name, value)?;
        }
        self.map.end()
    }
}

#[cfg(test)]
mod tests {
    use crate::wire::enums::{code_enum, string_enum};

    code_enum! {
        pub enum Count {
            One = 1,
        }
    }

    string_enum! {
        pub enum Status {
            Fine = "200",
        }
    }

    wire_object! {
        pub struct Sample {
            #[serde(rename = "name", default)]
            pub name: Option<String>,
            #[serde(rename = "count", default)]
            pub count: Option<Count>,
            #[serde(rename = "note", default, deserialize_with = "crate::wire::written::empty_as_none")]
            pub note: Option<String>,
            #[serde(rename = "environment", alias = "environtment", default)]
            pub environment: Option<String>,
            #[serde(rename = "rare", default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::wire::written::empty_as_none")]
            pub rare: Option<String>,
            #[serde(rename = "created", alias = "created ", default)]
            pub created: Option<String>,
            #[serde(rename = "payload", alias = "string", default)]
            pub payload: Option<String>,
            #[serde(rename = "order", default)]
            pub order: Option<u64>,
            #[serde(rename = "small", default)]
            pub small: Option<u16>,
            #[serde(rename = "signed", default)]
            pub signed: Option<i64>,
            #[serde(rename = "amount", default, with = "crate::wire::decimal::number_option")]
            pub amount: Option<rust_decimal::Decimal>,
            #[serde(rename = "id", default)]
            pub id: Option<String>,
            #[serde(rename = "status", default)]
            pub status: Option<Status>,
            /// Text with a form of its own.
            #[serde(rename = "at", default, with = "crate::wire::time::date_time_seconds_option")]
            pub at: Option<chrono::NaiveDateTime>,
            #[serde(rename = "tags", default)]
            pub tags: Option<Vec<String>>,
            #[serde(rename = "counts", default)]
            pub counts: Option<Vec<u64>>,
        }
        keep_spellings { "created" = "created ", "payload" = "string" }
    }

    fn read(json: &str) -> Result<Sample, String> {
        serde_json::from_str(json).map_err(|err| err.to_string())
    }

    /// Absent stays absent; `null`, `""`, a number in a string and text sent as a number
    /// stay so (a list's items, and a field the derived code skips when `None`, too); an
    /// escaped key is matched; an alias is written in the primary spelling, a kept one as it
    /// came; unknown fields are written back raw, in order, after the known ones.
    #[test]
    fn each_field_is_written_back_as_it_came() {
        let cases = r#"
            {"name":"a"}
            {"name":"a","count":null,"note":null}
            {"name":"a","note":""}
            {"name":"a","count":"826"}
            {"name":"a","count":826}
            {"name":"a","count":"-9223372036854775808"}
            {"name":"a","rare":null}
            {"name":"a","rare":""}
            {"name":"a","rare":"x"}
            {"order":"18446744073709551615"}
            {"small":"65535","signed":"-9223372036854775808"}
            {"amount":"100.50"}
            {"amount":"-0.00"}
            {"id":9,"status":200}
            {"id":-5,"status":404}
            {"id":18446744073709551615}
            {"tags":["a",7,"8",-1],"counts":[1,"2",3]}
            {"tags":[],"counts":["0"]}
            {"tags":[""],"counts":[]}
            {"n\u0061me":"a","x\"y":1}                | {"name":"a","x\"y":1}
            {"name":"a","environtment":"prod"}        | {"name":"a","environment":"prod"}
            {"name":"a","created ":"x","string":null}
            {"name":"a","created":"x","payload":"p"}
            {"name":"a","created":"","string":"p"}
            {"name":"a","payload":null}
            {"zeta":{"deep":[1,2.50,{"x":null}]},"name":"a","big":123456789012345678901234567890,"alpha":"é"} | {"name":"a","zeta":{"deep":[1,2.50,{"x":null}]},"big":123456789012345678901234567890,"alpha":"é"}
            {"":1,"name":"a","k\u00e9y":[],"x":"y","":2,"long_name":null} | {"name":"a","":1,"kéy":[],"x":"y","":2,"long_name":null}"#;
        for case in cases.lines().filter(|line| !line.trim().is_empty()) {
            let (input, expected) = case.split_once(" | ").unwrap_or((case, case));
            let sample = read(input.trim()).unwrap();
            assert_eq!(sample.clone(), sample);
            let written = serde_json::to_string(&sample).unwrap();
            assert_eq!(written, expected.trim(), "for {input}");
        }
        // A value changed since is written as it is: a `null` set, text as text, an item
        // set or added.
        let mut changed = read(r#"{"order":null,"id":9,"tags":["a",7],"counts":[1,"2"]}"#).unwrap();
        changed.order = Some(5);
        changed.id = Some("nine".to_owned());
        changed.tags = Some(vec!["a".into(), "x".into(), "9".into()]);
        let written = r#"{"order":5,"id":"nine","tags":["a","x","9"],"counts":[1,"2"]}"#;
        assert_eq!(serde_json::to_string(&changed).unwrap(), written);
        // Through a `serde_json::Value` too.
        let value = serde_json::json!({"order": "7", "amount": "1.5", "id": 9, "x": {"k": [1]}});
        let sample: Sample = serde_json::from_value(value.clone()).unwrap();
        assert_eq!((sample.order, sample.id.as_deref()), (Some(7), Some("9")));
        assert_eq!(sample.unknown_fields().len(), 1);
        assert_eq!(serde_json::to_value(&sample).unwrap(), value);
    }

    /// The typed value is the same however a field was written.
    #[test]
    fn the_typed_value_does_not_show_how_it_was_written() {
        let quoted = r#"{"count":"826","note":"","rare":null,"amount":"100.50","id":9,"status":200,"tags":["a",7],"counts":[1,"2"]}"#;
        let plain = r#"{"count":826,"rare":"x","amount":100.50,"id":"9","status":"200","tags":["a","7"],"counts":[1,2]}"#;
        let (quoted, plain) = (read(quoted).unwrap(), read(plain).unwrap());
        let typed = |s: &Sample| {
            format!(
                "{:?}",
                (s.count, s.amount, &s.id, &s.status, &s.tags, &s.counts)
            )
        };
        assert_eq!(typed(&quoted), typed(&plain));
        assert_eq!(
            (quoted.count, &quoted.status),
            (Some(Count::Other(826)), &Some(Status::Fine))
        );
        assert_eq!(
            (&quoted.note, &quoted.rare, plain.rare.as_deref()),
            (&None, &None, Some("x"))
        );
        assert!(Status::DOCUMENTED.iter().all(Status::is_documented));
        assert!(quoted.as_sent.held_nothing("note") && !quoted.as_sent.held_nothing("count"));
        assert!(!plain.as_sent.held_nothing("note") && plain.as_sent.written_as.is_empty());
    }

    /// A number out of its type's range is quoted as sent (an item's too); a number text
    /// cannot keep is refused without a number never sent; a field under both its
    /// spellings is a duplicate.
    #[test]
    fn a_value_the_rule_refuses_is_quoted_as_sent() {
        let no_text = "invalid type: a number with a fraction, an exponent or past 64 bits";
        let cases = r#"
            {"small":70000}                  | invalid value: integer `70000`, expected u16
            {"signed":-9223372036854775809}  | invalid value: integer `-9223372036854775809`, expected i64
            {"signed":9223372036854775808}   | invalid value: integer `9223372036854775808`, expected i64
            {"order":1.0}                    | invalid value: number `1.0`, expected u64
            {"order":1e2}                    | invalid value: number `1e2`, expected u64
            {"order":"05"}                   | invalid value: string "05", expected u64
            {"order":" 5"}                   | invalid value: string " 5", expected u64
            {"order":true}                   | invalid type: boolean `true`, expected u64
            {"counts":[1,18446744073709551616]} | invalid value: integer `18446744073709551616`, expected u64
            {"at":1689261131}                | invalid type: integer `1689261131`
            {"id":1.50}                      | NO_TEXT
            {"id":1e2}                       | NO_TEXT
            {"id":98765432109876543210}      | NO_TEXT
            {"status":2.5}                   | NO_TEXT
            {"at":1.5}                       | NO_TEXT
            {"environtment":"f","name":"a","environment":"e"} | duplicate field `environment`"#;
        for case in cases.lines().filter(|line| !line.trim().is_empty()) {
            let (json, quoted) = case.split_once('|').unwrap();
            let quoted = quoted.trim().replace("NO_TEXT", no_text);
            let err = read(json.trim()).unwrap_err();
            assert!(err.starts_with(&quoted), "{json}: {err}");
        }
    }
}
