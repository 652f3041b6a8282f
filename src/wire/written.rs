//! How a field was written where its typed value cannot show it, to write it that way
//! again (`ARCHITECTURE.md`, convention 3). What a field reads depends on what its type
//! asks for:
//!
//! 1. **A number**: a JSON number, or a string holding one (Viva's `"CurrencyCode":
//!    "826"`), read from its raw text, so a decimal keeps its scale.
//! 2. **Any text** (a `String`): a string, or a JSON integer as its digits (Wappin's
//!    `"status": 200`).
//! 3. **Text with a form** (a time: a `&str`): a string only.
//!
//! Only spellings that write back the same are read: a number in a string has no leading
//! zero, `+`, space or exponent, and a number sent for text is a 64-bit integer. A value
//! written plainly is not noted, so an ordinary payload allocates nothing here.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Impossible, Serialize, Serializer};

use serde_json::value::RawValue;

use super::number::{self, Integer, Sent};

/// A way of writing a field that its typed value does not show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Written {
    /// `null`, read as `None`.
    Null,
    /// `""`, read as `None`.
    EmptyString,
    /// A number in a string: `"826"`.
    Quoted,
    /// Text as a JSON integer: `9` for `"9"`.
    TextAsNumber,
}

/// Notes of how fields and list items were written, where not plainly: (wire name, item, how).
#[derive(Clone, Default)]
pub(crate) struct WrittenAs(Vec<(&'static str, Option<usize>, Written)>);

impl WrittenAs {
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How the field `name`, or item `item` of its list, was written, if noted.
    pub(crate) fn get(&self, name: &str, item: Option<usize>) -> Option<Written> {
        let at = |(field, at, _): &&(&str, _, _)| *field == name && *at == item;
        self.0.iter().find(at).map(|(_, _, written)| *written)
    }

    /// Whether an item of the list in the field `name` is noted.
    pub(crate) fn has_items(&self, name: &str) -> bool {
        let at = |(field, item, _): &(&str, Option<usize>, _)| *field == name && item.is_some();
        self.0.iter().any(at)
    }
}

impl PartialEq for WrittenAs {
    fn eq(&self, other: &WrittenAs) -> bool {
        same_notes(&self.0, &other.0)
    }
}

/// Whether two lists of notes hold the same notes, in any order (a field is noted once).
pub(crate) fn same_notes<T: PartialEq>(these: &[T], those: &[T]) -> bool {
    these.len() == those.len() && these.iter().all(|note| those.contains(note))
}

impl fmt::Debug for WrittenAs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (field, item, written) in &self.0 {
            match item {
                None => map.entry(field, written),
                Some(item) => map.entry(&format_args!("{field}[{item}]"), written),
            };
        }
        map.finish()
    }
}

/// Where the way a value was written is noted: a field, or an item of its list.
struct Note<'w> {
    field: &'static str,
    item: Option<usize>,
    written_as: &'w mut WrittenAs,
}

impl Note<'_> {
    fn record(&mut self, written: Written) {
        self.written_as.0.push((self.field, self.item, written));
    }
}

/// The seed of a known field's value or list item: reads it by the rule, noting how.
pub(crate) struct Noted<'w, S> {
    seed: S,
    note: Note<'w>,
}

impl<'w, S> Noted<'w, S> {
    pub(crate) fn new(seed: S, field: &'static str, written_as: &'w mut WrittenAs) -> Self {
        let note = Note {
            field,
            item: None,
            written_as,
        };
        Noted { seed, note }
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Noted<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, inner: D) -> Result<S::Value, D::Error> {
        let note = self.note;
        self.seed.deserialize(Probe { inner, note })
    }
}

/// A field's deserializer: reads a number itself (rule 1), and hands the rest on.
struct Probe<'w, D> {
    inner: D,
    note: Note<'w>,
}

impl<'w, 'de, D: Deserializer<'de>> Probe<'w, D> {
    /// The raw text of a value sent for a number; a string is noted.
    fn number_text(mut self) -> Result<Cow<'de, str>, D::Error> {
        let raw = number::raw_text(self.inner)?;
        if Sent(&raw).is_quoted() {
            self.note.record(Written::Quoted);
        }
        Ok(raw)
    }

    fn split<V>(self, visitor: V, wants: Wants) -> (D, Recorder<'w, V>) {
        let note = self.note;
        (
            self.inner,
            Recorder {
                visitor,
                note,
                wants,
            },
        )
    }

    fn integer<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let raw = self.number_text()?;
        match number::integer_from_text(Sent(&raw).text()) {
            Some(Integer::Unsigned(value)) => visitor.visit_u64(value),
            Some(Integer::Signed(value)) => visitor.visit_i64(value),
            None => Err(Sent(&raw).error(&visitor)),
        }
    }
}

/// Requests handed on, with a [`Recorder`] around the visitor.
macro_rules! hand_on {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? visitor: V) -> Result<V::Value, D::Error> {
            let (inner, recorder) = self.split(visitor, Wants::Anything);
            inner.$method($($($arg,)*)? recorder)
        }
    )*};
}

/// Requests for an integer, read from the value's text (rule 1).
macro_rules! integers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.integer(visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Probe<'_, D> {
    type Error = D::Error;

    integers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
    }

    hand_on! {
        deserialize_any deserialize_bool deserialize_f32 deserialize_f64 deserialize_char
        deserialize_bytes deserialize_byte_buf deserialize_option deserialize_unit
        deserialize_seq deserialize_map deserialize_identifier deserialize_ignored_any
        deserialize_unit_struct(name: &'static str)
        deserialize_tuple(len: usize)
        deserialize_tuple_struct(name: &'static str, len: usize)
        deserialize_struct(name: &'static str, fields: &'static [&'static str])
        deserialize_enum(name: &'static str, variants: &'static [&'static str])
    }

    /// Text (rule 2) takes whatever is there: `serde_json` would refuse an integer.
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let (inner, recorder) = self.split(visitor, Wants::Text);
        inner.deserialize_any(recorder)
    }

    /// Text with a form (rule 3) too, so that no error names a float made of a number.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let (inner, recorder) = self.split(visitor, Wants::Form);
        inner.deserialize_any(recorder)
    }

    /// A number a helper reads ([`number::deserialize_number`]) gets its text from here.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if name != number::NUMBER {
            let (inner, recorder) = self.split(visitor, Wants::Anything);
            return inner.deserialize_newtype_struct(name, recorder);
        }
        match self.number_text()? {
            Cow::Borrowed(raw) => visitor.visit_borrowed_str(raw),
            Cow::Owned(raw) => visitor.visit_string(raw),
        }
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// What a field's type asked for: any text (rule 2), text with a form (rule 3), or else.
#[derive(Clone, Copy, PartialEq)]
enum Wants {
    Text,
    Form,
    Anything,
}

/// A field's visitor, handed the value: notes `null`, `""`, and text sent as an integer.
struct Recorder<'w, V> {
    visitor: V,
    note: Note<'w>,
    wants: Wants,
}

impl<'de, V: Visitor<'de>> Recorder<'_, V> {
    /// An integer, or where text is wanted its digits.
    fn integer<E: de::Error>(
        mut self,
        value: impl itoa::Integer,
        visit: impl FnOnce(V) -> Result<V::Value, E>,
    ) -> Result<V::Value, E> {
        if self.wants != Wants::Text {
            return visit(self.visitor);
        }
        self.note.record(Written::TextAsNumber);
        self.visitor.visit_str(itoa::Buffer::new().format(value))
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            self.note.record(Written::EmptyString);
        }
    }
}

// The visits `serde_json` makes; the defaults of the others come to these.
impl<'de, V: Visitor<'de>> Visitor<'de> for Recorder<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.visitor.visit_bool(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.integer(v, |visitor| visitor.visit_i64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.integer(v, |visitor| visitor.visit_u64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        match self.wants {
            Wants::Text | Wants::Form => Err(no_text(&self.visitor)),
            Wants::Anything => self.visitor.visit_f64(v),
        }
    }

    #[inline]
    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<V::Value, E> {
        self.text(v);
        self.visitor.visit_str(v)
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(mut self, v: &'de str) -> Result<V::Value, E> {
        self.text(v);
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_none<E: de::Error>(mut self) -> Result<V::Value, E> {
        self.note.record(Written::Null);
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(mut self) -> Result<V::Value, E> {
        self.note.record(Written::Null);
        self.visitor.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, inner: D) -> Result<V::Value, D::Error> {
        let note = self.note;
        self.visitor.visit_some(Probe { inner, note })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, inner: D) -> Result<V::Value, D::Error> {
        let note = self.note;
        self.visitor.visit_newtype_struct(Probe { inner, note })
    }

    /// A field's list: each item is read by the rule (a list inside an item is not).
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let mut note = self.note;
        if note.item.is_some() {
            return self.visitor.visit_seq(seq);
        }
        note.item = Some(0);
        self.visitor.visit_seq(Items { seq, note })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(map)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }
}

/// The items of a field's list (`"Tags": ["a", 7]`); `note` is the next item's.
struct Items<'w, A> {
    seq: A,
    note: Note<'w>,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Items<'_, A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let written_as = &mut *self.note.written_as;
        let note = Note {
            written_as,
            ..self.note
        };
        self.note.item = self.note.item.map(|item| item.saturating_add(1));
        self.seq.next_element_seed(Noted { seed, note })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// The error for a number that is no 64-bit integer where text is wanted: `serde_json`
/// has made an `f64` of it, whose digits are not those sent.
fn no_text<E: de::Error>(expected: &dyn de::Expected) -> E {
    E::invalid_type(
        de::Unexpected::Other("a number with a fraction, an exponent or past 64 bits"),
        expected,
    )
}

/// Reads the next value of a map of text (Wappin's template parameters) into `seed` by
/// rule 2; gives whether it came as a number, to write back with [`TextAsNumber`].
pub(crate) fn next_text<'de, A: MapAccess<'de>>(
    map: &mut A,
    seed: impl DeserializeSeed<'de>,
) -> Result<bool, A::Error> {
    let mut written_as = WrittenAs::default();
    map.next_value_seed(Noted::new(seed, "", &mut written_as))?;
    Ok(written_as.get("", None) == Some(Written::TextAsNumber))
}

/// Text that came as a JSON integer, written back as that integer while it still is one.
pub(crate) struct TextAsNumber<'a>(pub(crate) &'a str);

impl Serialize for TextAsNumber<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match number::integer_from_text(self.0) {
            Some(Integer::Signed(value)) => serializer.serialize_i64(value),
            Some(Integer::Unsigned(value)) => serializer.serialize_u64(value),
            None => serializer.serialize_str(self.0),
        }
    }
}

/// A value (a field's, or an item of its list) written back as its note says it came.
pub(crate) struct WrittenBack<'a, T: ?Sized> {
    pub(crate) value: &'a T,
    pub(crate) written: Option<Written>,
}

impl<T: ?Sized + Serialize> Serialize for WrittenBack<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let json = match self.written {
            Some(Written::Null) if is_none(self.value) => return serializer.serialize_unit(),
            Some(Written::EmptyString) if is_none(self.value) => {
                return serializer.serialize_str("");
            }
            // Its JSON tells a number from text, whatever type writes it.
            Some(Written::Quoted | Written::TextAsNumber) => {
                serde_json::to_string(self.value).map_err(ser::Error::custom)?
            }
            _ => return self.value.serialize(serializer),
        };
        let text = json
            .strip_prefix('"')
            .and_then(|text| text.strip_suffix('"'));
        match (self.written, text) {
            (Some(Written::Quoted), None)
                if json.starts_with(|c: char| c == '-' || c.is_ascii_digit()) =>
            {
                serializer.serialize_str(&json)
            }
            (Some(Written::TextAsNumber), Some(text))
                if number::integer_from_text(text).is_some() =>
            {
                TextAsNumber(text).serialize(serializer)
            }
            _ => self.value.serialize(serializer),
        }
    }
}

/// A field's list with noted items, each written back as it came.
pub(crate) struct Listed<'a, T: ?Sized> {
    pub(crate) value: &'a T,
    pub(crate) written_as: &'a WrittenAs,
    pub(crate) field: &'static str,
}

impl<T: ?Sized + Serialize> Serialize for Listed<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let json = serde_json::to_string(self.value).map_err(ser::Error::custom)?;
        let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(&json) else {
            return self.value.serialize(serializer);
        };
        serializer.collect_seq(items.into_iter().enumerate().map(|(item, value)| {
            let written = self.written_as.get(self.field, Some(item));
            WrittenBack { value, written }
        }))
    }
}

/// Whether a value serializes as `None`; stops before a newtype's text is built.
pub(crate) fn is_none<T: ?Sized + Serialize>(value: &T) -> bool {
    value.serialize(IsNone).is_ok()
}

struct IsNone;

impl Serializer for IsNone {
    type Ok = ();
    type Error = fmt::Error;
    type SerializeStruct = Impossible<(), fmt::Error>;

    fn serialize_none(self) -> Result<(), fmt::Error> {
        Ok(())
    }

    refuse!(fmt::Error; serialize_struct(&'static str, usize) -> Self::SerializeStruct;);
}

/// Declares the `Serializer` methods listed, and every other but `serialize_none` and
/// `serialize_struct`, each refusing with `$error`, and every compound type but a struct's.
macro_rules! refuse {
    (@each $error:expr; $($method:ident $(<$t:ident>)? ($($ty:ty),*) -> $ret:ty;)*) => {
        type SerializeSeq = serde::ser::Impossible<Self::Ok, Self::Error>;
        type SerializeTuple = serde::ser::Impossible<Self::Ok, Self::Error>;
        type SerializeTupleStruct = serde::ser::Impossible<Self::Ok, Self::Error>;
        type SerializeTupleVariant = serde::ser::Impossible<Self::Ok, Self::Error>;
        type SerializeMap = serde::ser::Impossible<Self::Ok, Self::Error>;
        type SerializeStructVariant = serde::ser::Impossible<Self::Ok, Self::Error>;

        $(fn $method $(<$t: ?Sized + serde::Serialize>)? (self, $(_: $ty),*) -> Result<$ret, Self::Error> {
            Err($error)
        })*
    };
    ($error:expr; $($listed:tt)*) => {
        $crate::wire::written::refuse!(@each $error; $($listed)*
            serialize_bool(bool) -> Self::Ok;
            serialize_i8(i8) -> Self::Ok;
            serialize_i16(i16) -> Self::Ok;
            serialize_i32(i32) -> Self::Ok;
            serialize_i64(i64) -> Self::Ok;
            serialize_u8(u8) -> Self::Ok;
            serialize_u16(u16) -> Self::Ok;
            serialize_u32(u32) -> Self::Ok;
            serialize_u64(u64) -> Self::Ok;
            serialize_f32(f32) -> Self::Ok;
            serialize_f64(f64) -> Self::Ok;
            serialize_char(char) -> Self::Ok;
            serialize_str(&str) -> Self::Ok;
            serialize_bytes(&[u8]) -> Self::Ok;
            serialize_unit() -> Self::Ok;
            serialize_unit_struct(&'static str) -> Self::Ok;
            serialize_unit_variant(&'static str, u32, &'static str) -> Self::Ok;
            serialize_some<T>(&T) -> Self::Ok;
            serialize_newtype_struct<T>(&'static str, &T) -> Self::Ok;
            serialize_newtype_variant<T>(&'static str, u32, &'static str, &T) -> Self::Ok;
            serialize_seq(Option<usize>) -> Self::SerializeSeq;
            serialize_tuple(usize) -> Self::SerializeTuple;
            serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
            serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
            serialize_map(Option<usize>) -> Self::SerializeMap;
            serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
        );
    };
}
pub(crate) use refuse;

/// Reads optional text where `""` means absent (eSMS's `RequestId=`) as `None`; the
/// object's note writes it back as `""`. For serde's `deserialize_with`.
pub(crate) fn empty_as_none<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.filter(|text| !text.is_empty()))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use serde::{Serialize, Serializer};

    use super::{WrittenBack, is_none};

    /// Counts how often its text is built, as a time's or an amount's in a newtype.
    struct Built<'a>(&'a Cell<u32>);

    impl Serialize for Built<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.set(self.0.get() + 1);
            serializer.serialize_str("2024-06-10T06:55:08Z")
        }
    }

    #[derive(Serialize)]
    struct Newtype<'a>(Built<'a>);

    #[test]
    fn the_check_for_none_stops_before_a_newtype_s_text_is_built() {
        let builds = Cell::new(0);
        let value = &Newtype(Built(&builds));
        assert!(!is_none(value) && !is_none(&Some(value)) && is_none(&None::<Newtype<'_>>));
        assert_eq!(builds.get(), 0);
        let written = None;
        let back = serde_json::to_string(&WrittenBack { value, written }).unwrap();
        assert_eq!(
            (back.as_str(), builds.get()),
            (r#""2024-06-10T06:55:08Z""#, 1)
        );
    }
}
