//! Noting how a field was written where its typed value cannot show it, and writing it
//! that way again.
//!
//! Four ways of writing a field are invisible in its typed value and are noted: `null`
//! and `""` (both read as `None`; Viva sends many nullable fields as `null`), a number
//! written as a string (Viva's `"CurrencyCode": "826"`, read as a number), and a string
//! written as a number. A field written plainly is not noted, so an ordinary payload
//! allocates nothing here.
//!
//! The last two are read whatever the field's type: an integer field takes a string of
//! digits (a JavaScript proxy turns Viva's 16-digit `OrderCode` into a string), and a
//! text field takes an integer (a sender may write Wappin's `"client_id": "9"` as `9`).
//! Each is written back as it came.
//!
//! [`Probe`] wraps the deserializer of each known field's value and sees which visit the
//! value makes; [`write_field`] replays the note when the field is serialized.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Impossible, Serialize, SerializeMap, Serializer};

use super::number;

/// A way of writing a field that its typed value does not show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `null`.
    Null,
    /// `""`.
    Empty,
    /// A number inside a string: `"826"`.
    Quoted,
    /// Text written as an integer: `9` for `"9"`.
    Number,
}

/// The noted shapes of an object's fields, by wire name; fields written plainly are absent.
/// Two are equal when they note the same shapes, in whatever order the fields came: the
/// order is the body's, and the value written back has the type's.
#[derive(Clone, Default)]
pub(crate) struct Shapes(Vec<(&'static str, Shape)>);

impl PartialEq for Shapes {
    fn eq(&self, other: &Shapes) -> bool {
        same_notes(&self.0, &other.0)
    }
}

/// Whether two lists of notes about fields hold the same notes, in any order. A field is
/// noted once (a repeated field is an error), so the same length and every note found in
/// the other is the same set.
pub(crate) fn same_notes<T: PartialEq>(these: &[T], those: &[T]) -> bool {
    these.len() == those.len() && these.iter().all(|note| those.contains(note))
}

impl Eq for Shapes {}

impl fmt::Debug for Shapes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

impl Shapes {
    /// Whether every field was written plainly.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How the field `name` was written, if that was one of the noted ways.
    pub(crate) fn get(&self, name: &str) -> Option<Shape> {
        self.0
            .iter()
            .find(|(field, _)| *field == name)
            .map(|(_, shape)| *shape)
    }

    fn note(&mut self, field: &'static str, shape: Shape) {
        self.0.push((field, shape));
    }
}

/// The seed of one known field's value, which notes its shape while it deserializes.
pub(crate) struct Recorded<'w, S> {
    seed: S,
    note: Note<'w>,
}

impl<'w, S> Recorded<'w, S> {
    pub(crate) fn new(seed: S, field: &'static str, shapes: &'w mut Shapes) -> Self {
        Recorded {
            seed,
            note: Note { field, shapes },
        }
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Recorded<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Probe {
            inner: deserializer,
            note: self.note,
        })
    }
}

/// Where a field's shape is noted.
struct Note<'w> {
    field: &'static str,
    shapes: &'w mut Shapes,
}

/// A deserializer that passes everything through and watches which visit the value makes.
struct Probe<'w, D> {
    inner: D,
    note: Note<'w>,
}

macro_rules! probe_methods {
    ($($method:ident($($arg:ident: $ty:ty),*) wants $wants:ident;)*) => {
        $(fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* Recorder { visitor, note: self.note, wants: Wants::$wants })
        })*
    };
}

/// Requests for a `String` or an integer, which take the other too: they ask for whatever
/// is there (`serde_json` refuses a number for a string before any visit, and the
/// reverse), and the recorder turns one into the other.
macro_rules! probe_either {
    ($($method:ident wants $wants:ident;)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.inner.deserialize_any(Recorder { visitor, note: self.note, wants: Wants::$wants })
        })*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Probe<'_, D> {
    type Error = D::Error;

    probe_methods! {
        deserialize_any() wants Anything;
        deserialize_bool() wants Anything;
        deserialize_i128() wants Anything;
        deserialize_u128() wants Anything;
        deserialize_f32() wants Anything;
        deserialize_f64() wants Anything;
        deserialize_char() wants Anything;
        deserialize_str() wants Text;
        deserialize_bytes() wants Text;
        deserialize_byte_buf() wants Text;
        deserialize_option() wants Anything;
        deserialize_unit() wants Anything;
        deserialize_unit_struct(name: &'static str) wants Anything;
        deserialize_newtype_struct(name: &'static str) wants Anything;
        deserialize_seq() wants Anything;
        deserialize_tuple(len: usize) wants Anything;
        deserialize_tuple_struct(name: &'static str, len: usize) wants Anything;
        deserialize_map() wants Anything;
        deserialize_struct(name: &'static str, fields: &'static [&'static str]) wants Anything;
        deserialize_enum(name: &'static str, variants: &'static [&'static str]) wants Text;
        deserialize_identifier() wants Text;
        deserialize_ignored_any() wants Anything;
    }

    probe_either! {
        deserialize_i8 wants Integer;
        deserialize_i16 wants Integer;
        deserialize_i32 wants Integer;
        deserialize_i64 wants Integer;
        deserialize_u8 wants Integer;
        deserialize_u16 wants Integer;
        deserialize_u32 wants Integer;
        deserialize_u64 wants Integer;
        deserialize_string wants String;
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// What the field's type asked the deserializer for: a string is no news when it asked
/// for text, and a number written as a string when it asked for anything else. An
/// integer is read from a string of digits, and a `String` (an id, a name) from an
/// integer; text with a form of its own (a time, a status) is not.
#[derive(Clone, Copy)]
enum Wants {
    Text,
    String,
    Integer,
    Anything,
}

struct Recorder<'w, V> {
    visitor: V,
    note: Note<'w>,
    wants: Wants,
}

impl<'de, V: Visitor<'de>> Recorder<'_, V> {
    fn saw_text(&mut self, text: &str) {
        if text.is_empty() {
            self.note.shapes.note(self.note.field, Shape::Empty);
        } else if let Wants::Integer | Wants::Anything = self.wants {
            self.note.shapes.note(self.note.field, Shape::Quoted);
        }
    }

    /// Text, or for an integer field a string of digits, as the integer it holds.
    /// For an integer field, the integer a string of digits holds.
    fn integer_in(&self, text: &str) -> Option<i64> {
        match self.wants {
            Wants::Integer => number::code_from_text(text),
            Wants::Text | Wants::String | Wants::Anything => None,
        }
    }

    /// Visits `value` as the integer it is.
    fn visit_integer<E: de::Error>(self, value: i64) -> Result<V::Value, E> {
        match u64::try_from(value) {
            Ok(value) => self.visitor.visit_u64(value),
            Err(_) => self.visitor.visit_i64(value),
        }
    }

    /// An integer, or for a text field its digits as text.
    fn integer<E: de::Error>(
        self,
        value: impl itoa::Integer,
        visit: impl FnOnce(V) -> Result<V::Value, E>,
    ) -> Result<V::Value, E> {
        match self.wants {
            Wants::String => {
                self.note.shapes.note(self.note.field, Shape::Number);
                self.visitor.visit_str(itoa::Buffer::new().format(value))
            }
            Wants::Text | Wants::Integer | Wants::Anything => visit(self.visitor),
        }
    }
}

macro_rules! pass_through {
    ($($method:ident($ty:ty);)*) => {
        $(fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.visitor.$method(v)
        })*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Recorder<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    pass_through! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.integer(v, |visitor| visitor.visit_i64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.integer(v, |visitor| visitor.visit_u64(v))
    }

    #[inline]
    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<V::Value, E> {
        self.saw_text(v);
        match self.integer_in(v) {
            Some(value) => self.visit_integer(value),
            None => self.visitor.visit_str(v),
        }
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(mut self, v: &'de str) -> Result<V::Value, E> {
        self.saw_text(v);
        match self.integer_in(v) {
            Some(value) => self.visit_integer(value),
            None => self.visitor.visit_borrowed_str(v),
        }
    }

    #[inline]
    fn visit_string<E: de::Error>(mut self, v: String) -> Result<V::Value, E> {
        self.saw_text(&v);
        match self.integer_in(&v) {
            Some(value) => self.visit_integer(value),
            None => self.visitor.visit_string(v),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.note.shapes.note(self.note.field, Shape::Null);
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.note.shapes.note(self.note.field, Shape::Null);
        self.visitor.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(Probe {
            inner: deserializer,
            note: self.note,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(Probe {
            inner: deserializer,
            note: self.note,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(map)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }
}

/// Serde `with` helper for optional text where empty means absent, as in eSMS's callback
/// (`RequestId=`, `partnerids=`) and its JSON records: `""` is read as `None`, like
/// `null`, and the object's note of it (`Shape::Empty`) writes `""` back.
pub(crate) mod empty_as_none {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<String>, D::Error> {
        Ok(Option::<String>::deserialize(deserializer)?.filter(|text| !text.is_empty()))
    }

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<String>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

/// Writes one field of an object as it came: a `None` that was `null` or `""` as such
/// (one that was absent not at all), a number that came in a string in a string.
pub(crate) fn write_field<M, T>(
    map: &mut M,
    key: &'static str,
    value: &T,
    shape: Option<Shape>,
) -> Result<(), M::Error>
where
    M: SerializeMap,
    T: ?Sized + Serialize,
{
    match (value.serialize(Peek::default()), shape) {
        (Ok(Peeked::None), Some(Shape::Null)) => map.serialize_entry(key, &()),
        (Ok(Peeked::None), Some(Shape::Empty)) => map.serialize_entry(key, ""),
        (Ok(Peeked::None), _) => Ok(()),
        (_, Some(Shape::Quoted)) => match value.serialize(Peek { number_text: true }) {
            Ok(Peeked::Signed(number)) => write_quoted(map, key, number),
            Ok(Peeked::Unsigned(number)) => write_quoted(map, key, number),
            Ok(Peeked::Text(text)) => map.serialize_entry(key, &text),
            _ => map.serialize_entry(key, value),
        },
        // Text that came as an integer goes back as that integer, while it still is one.
        (_, Some(Shape::Number)) => match value.serialize(Peek { number_text: true }) {
            Ok(Peeked::Text(text)) => match number::code_from_text(&text) {
                Some(number) => map.serialize_entry(key, &number),
                None => match text.parse::<u64>() {
                    Ok(number) if number.to_string() == text => map.serialize_entry(key, &number),
                    _ => map.serialize_entry(key, value),
                },
            },
            _ => map.serialize_entry(key, value),
        },
        _ => map.serialize_entry(key, value),
    }
}

/// Writes the entry `key` with the integer `number` as a string, its digits written on
/// the stack by `itoa`.
fn write_quoted<M: SerializeMap>(
    map: &mut M,
    key: &'static str,
    number: impl itoa::Integer,
) -> Result<(), M::Error> {
    map.serialize_entry(key, itoa::Buffer::new().format(number))
}

/// What [`Peek`] saw of a value. Integers are kept as they are (formatting them waits
/// until they are written, and keeps this small: it is returned for every field); wider
/// integers and floats, which are rare and may be long, as text.
enum Peeked {
    None,
    Signed(i64),
    Unsigned(u64),
    Text(String),
    Other,
}

/// A serializer that only tells whether a value is `None`, or (when asked) the text of a
/// number; it stops at the first call, so it costs next to nothing.
#[derive(Default)]
struct Peek {
    number_text: bool,
}

impl Peek {
    fn signed(self, value: impl Into<i64>) -> Result<Peeked, Unpeekable> {
        Ok(self.if_asked(|| Peeked::Signed(value.into())))
    }

    fn unsigned(self, value: impl Into<u64>) -> Result<Peeked, Unpeekable> {
        Ok(self.if_asked(|| Peeked::Unsigned(value.into())))
    }

    fn text(self, value: impl fmt::Display) -> Result<Peeked, Unpeekable> {
        Ok(self.if_asked(|| Peeked::Text(value.to_string())))
    }

    /// `number` when the number's text was asked for, or else `Other`.
    fn if_asked(self, number: impl FnOnce() -> Peeked) -> Peeked {
        if self.number_text {
            number()
        } else {
            Peeked::Other
        }
    }
}

/// What [`Peek`] answers for a compound value, which is neither `None` nor a number.
#[derive(Debug)]
struct Unpeekable;

impl fmt::Display for Unpeekable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("neither None nor a number")
    }
}

impl std::error::Error for Unpeekable {}

impl ser::Error for Unpeekable {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unpeekable
    }
}

macro_rules! peek_numbers {
    ($($method:ident($ty:ty) as $kind:ident;)*) => {
        $(fn $method(self, v: $ty) -> Result<Peeked, Unpeekable> {
            self.$kind(v)
        })*
    };
}

macro_rules! peek_others {
    ($($method:ident($($ty:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $(_: $ty),*) -> Result<$ret, Unpeekable> {
            Err(Unpeekable)
        })*
    };
}

impl Serializer for Peek {
    type Ok = Peeked;
    type Error = Unpeekable;
    type SerializeSeq = Impossible<Peeked, Unpeekable>;
    type SerializeTuple = Impossible<Peeked, Unpeekable>;
    type SerializeTupleStruct = Impossible<Peeked, Unpeekable>;
    type SerializeTupleVariant = Impossible<Peeked, Unpeekable>;
    type SerializeMap = Impossible<Peeked, Unpeekable>;
    type SerializeStruct = Impossible<Peeked, Unpeekable>;
    type SerializeStructVariant = Impossible<Peeked, Unpeekable>;

    fn serialize_none(self) -> Result<Peeked, Unpeekable> {
        Ok(Peeked::None)
    }

    /// `Some` is not `None`: the value inside is looked at only for the text of a number.
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Peeked, Unpeekable> {
        if self.number_text {
            value.serialize(self)
        } else {
            Ok(Peeked::Other)
        }
    }

    peek_numbers! {
        serialize_i8(i8) as signed;
        serialize_i16(i16) as signed;
        serialize_i32(i32) as signed;
        serialize_i64(i64) as signed;
        serialize_i128(i128) as text;
        serialize_u8(u8) as unsigned;
        serialize_u16(u16) as unsigned;
        serialize_u32(u32) as unsigned;
        serialize_u64(u64) as unsigned;
        serialize_u128(u128) as text;
        serialize_f32(f32) as text;
        serialize_f64(f64) as text;
    }

    fn serialize_bool(self, _: bool) -> Result<Peeked, Unpeekable> {
        Ok(Peeked::Other)
    }

    fn serialize_char(self, _: char) -> Result<Peeked, Unpeekable> {
        Ok(Peeked::Other)
    }

    fn serialize_str(self, value: &str) -> Result<Peeked, Unpeekable> {
        self.text(value)
    }

    /// Text, like `serialize_str`, without formatting it (the default formats it into a
    /// `String` first, only to be thrown away).
    fn collect_str<T: ?Sized + fmt::Display>(self, _: &T) -> Result<Peeked, Unpeekable> {
        Ok(Peeked::Other)
    }

    fn serialize_unit(self) -> Result<Peeked, Unpeekable> {
        Ok(Peeked::Other)
    }

    peek_others! {
        serialize_bytes(&[u8]) -> Peeked;
        serialize_unit_struct(&'static str) -> Peeked;
        serialize_unit_variant(&'static str, u32, &'static str) -> Peeked;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    /// A newtype struct is a value, not `None`: the value inside is looked at only for the
    /// text of a number. (A time or an amount builds its text inside a newtype, so it is
    /// not built here only to be thrown away.)
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Peeked, Unpeekable> {
        if self.number_text {
            value.serialize(self)
        } else {
            Ok(Peeked::Other)
        }
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Peeked, Unpeekable> {
        Err(Unpeekable)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// `{"k": value}` as `write_field` writes it with `shape`.
    fn written<T: Serialize>(value: &T, shape: Option<Shape>) -> String {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        let mut map = serializer.serialize_map(None).unwrap();
        write_field(&mut map, "k", value, shape).unwrap();
        SerializeMap::end(map).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_none_is_left_out_or_written_as_it_came() {
        let none: Option<String> = None;
        assert_eq!(written(&none, None), "{}");
        assert_eq!(written(&none, Some(Shape::Null)), r#"{"k":null}"#);
        assert_eq!(written(&none, Some(Shape::Empty)), r#"{"k":""}"#);
        assert_eq!(written(&Some("x"), Some(Shape::Null)), r#"{"k":"x"}"#);
    }

    #[test]
    fn a_number_that_came_in_a_string_goes_back_in_one() {
        assert_eq!(written(&826_u16, Some(Shape::Quoted)), r#"{"k":"826"}"#);
        assert_eq!(written(&Some(-5_i64), Some(Shape::Quoted)), r#"{"k":"-5"}"#);
        assert_eq!(written(&826_u16, None), r#"{"k":826}"#);
    }

    /// A value that counts how often its text is built, inside a newtype as a time or an
    /// amount hands it over.
    struct Built<'a>(&'a Cell<u32>);

    impl Serialize for Built<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            struct Text<'a>(&'a Cell<u32>);
            impl Serialize for Text<'_> {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    self.0.set(self.0.get() + 1);
                    serializer.serialize_str("2024-06-10T06:55:08Z")
                }
            }
            serializer.serialize_newtype_struct("Built", &Text(self.0))
        }
    }

    #[test]
    fn a_newtype_is_built_once_not_also_for_the_none_check() {
        let builds = Cell::new(0);
        assert_eq!(
            written(&Built(&builds), None),
            r#"{"k":"2024-06-10T06:55:08Z"}"#
        );
        assert_eq!(builds.get(), 1);
        assert_eq!(
            written(&Some(Built(&builds)), None),
            r#"{"k":"2024-06-10T06:55:08Z"}"#
        );
        assert_eq!(builds.get(), 2);
    }
}
