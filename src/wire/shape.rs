//! Every scalar in either spelling, by one rule, and noting how a field was written
//! where its typed value cannot show it, to write it that way again.
//!
//! The rule, for every field of every provider's objects. What a field reads is decided
//! by what its type asks the deserializer for:
//!
//! 1. **A number** (an integer, a decimal, a numeric code, a currency code, a time in
//!    unix seconds): a JSON number, or a string holding one. An integer type asks for an
//!    integer; a helper asks with [`number::deserialize_number`] (decimals, codes,
//!    unix times). The probe reads the value's raw text, so that every digit is kept:
//!    a decimal's scale, and the digits of a number out of its type's range, which the
//!    error quotes as sent (`serde_json` would have made a float of them).
//!    Viva's `"CurrencyCode": "826"` in real webhooks; a JavaScript proxy writes a
//!    16-digit `OrderCode` (past 2^53) as a string
//!    (`tests/data/viva/transaction_order_code_string.json`); an amount in a string,
//!    `"Amount": "100.50"`, is read by the same rule
//!    (`tests/data/viva/transaction_amount_in_a_string.json`).
//! 2. **Text that may be any text** (an id, a name, a string code, a text enum's value;
//!    the type asks for a `String`): a JSON string, or a JSON integer, read as its
//!    digits. Wappin's `"status": "200"` and `"client_id": "0009"`, which a sender that
//!    treats codes and ids as numbers writes `200` and `9`
//!    (`tests/data/wappin/response_status_number.json`,
//!    `tests/data/wappin/callback_client_id_number.json`).
//! 3. **Text with a form of its own** that no number has (a date and time: NXCloud's
//!    `"sendTime": "2023-07-13 15:12:11"`; the type asks for a `&str`): a string only.
//!
//! Only spellings that write back the same are read. A number in a string is the number
//! as it is written back: an optional `-`, no leading zero, no `+`, no space, no
//! exponent (`"05"`, `"+5"`, `" 5"` and `"1e2"` are refused; found by fuzzing:
//! `fixtures/esms/invalid/send_status_leading_zero.query`, and
//! `fixtures/viva/invalid/transaction_currency_leading_zero.json`). A JSON number sent
//! for text must be an integer within 64 bits: `serde_json` hands any other over as an
//! `f64`, whose digits are not those sent (`1.50` and `1.5` are one `f64`, `1e2` is
//! `100`), so it is refused with an error that says so. Booleans are not in the rule.
//!
//! Four ways of writing a field are invisible in its typed value and are noted: `null`
//! and `""` (both read as `None`; Viva sends many nullable fields as `null`), a number
//! written in a string, and text written as a number. A field written plainly is not
//! noted, so an ordinary payload allocates nothing here.
//!
//! [`Probe`] wraps the deserializer of each known field's value, reads a number's text or
//! sees which visit the value makes; [`write_field`] replays the note when the field is
//! serialized. Text a type keeps by hand follows the same rule with [`AppendText`] and
//! [`TextAsNumber`] (Wappin's template parameters).
//!
//! The items of a field's list follow the rule as fields do (Viva's `Tags`, a list of
//! names, takes `["2024", 7]`), each noted by its place and written back as it came.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected, Visitor,
};
use serde::ser::{self, Impossible, Serialize, SerializeMap, Serializer};

use super::number::{self, Integer, Sent};

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

/// Where a note is: a field, by wire name, or an item of the list a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Place {
    field: &'static str,
    item: Option<usize>,
}

/// The noted shapes of an object's fields, and of their lists' items; values written
/// plainly are absent. Two are equal when they note the same shapes, in whatever order
/// the fields came: the order is the body's, and the value written back has the type's.
#[derive(Clone, Default)]
pub(crate) struct Shapes(Vec<(Place, Shape)>);

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
        let mut map = f.debug_map();
        for (place, shape) in &self.0 {
            match place.item {
                None => map.entry(&place.field, shape),
                Some(item) => map.entry(&format_args!("{}[{item}]", place.field), shape),
            };
        }
        map.finish()
    }
}

impl Shapes {
    /// Whether every field was written plainly.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How the field `name` was written, if that was one of the noted ways.
    pub(crate) fn get(&self, name: &str) -> Option<Shape> {
        self.find(|place| place.field == name && place.item.is_none())
    }

    /// How item `item` of the list in the field `name` was written, if noted.
    fn item(&self, name: &str, item: usize) -> Option<Shape> {
        self.find(|place| place.field == name && place.item == Some(item))
    }

    /// Whether an item of the list in the field `name` is noted.
    fn has_items(&self, name: &str) -> bool {
        self.find(|place| place.field == name && place.item.is_some())
            .is_some()
    }

    fn find(&self, at: impl Fn(&Place) -> bool) -> Option<Shape> {
        self.0
            .iter()
            .find(|(place, _)| at(place))
            .map(|(_, shape)| *shape)
    }
}

/// The seed of one known field's value (or of an item of its list), which notes its
/// shape while it deserializes.
pub(crate) struct Recorded<'w, S> {
    seed: S,
    note: Note<'w>,
}

impl<'w, S> Recorded<'w, S> {
    pub(crate) fn new(seed: S, field: &'static str, shapes: &'w mut Shapes) -> Self {
        Recorded {
            seed,
            note: Note {
                place: Place { field, item: None },
                shapes,
            },
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

/// Where a value's shape is noted.
struct Note<'w> {
    place: Place,
    shapes: &'w mut Shapes,
}

impl Note<'_> {
    fn record(&mut self, shape: Shape) {
        self.shapes.0.push((self.place, shape));
    }
}

/// The items of a field's list, each probed as a field is (`Tags: ["a", 7]`).
struct Items<'w, A> {
    seq: A,
    field: &'static str,
    shapes: &'w mut Shapes,
    next: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Items<'_, A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let note = Note {
            place: Place {
                field: self.field,
                item: Some(self.next),
            },
            shapes: &mut *self.shapes,
        };
        self.next = self.next.saturating_add(1);
        self.seq.next_element_seed(Recorded { seed, note })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// A deserializer that passes everything through and watches which visit the value makes.
struct Probe<'w, D> {
    inner: D,
    note: Note<'w>,
}

impl<'de, D: Deserializer<'de>> Probe<'_, D> {
    /// Reads the raw text of a value sent for a number, and notes a string.
    fn number_text(mut self) -> Result<Cow<'de, str>, D::Error> {
        let raw = number::raw_text(self.inner)?;
        if Sent(&raw).is_quoted() {
            self.note.record(Shape::Quoted);
        }
        Ok(raw)
    }

    /// An integer: a JSON integer, or a string of digits (rule 1).
    fn integer<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let raw = self.number_text()?;
        let sent = Sent(&raw);
        match number::integer_from_text(sent.text()) {
            Some(Integer::Unsigned(value)) => visitor.visit_u64(value),
            Some(Integer::Signed(value)) => visitor.visit_i64(value),
            None => Err(sent.error(&visitor)),
        }
    }
}

macro_rules! probe_methods {
    ($($method:ident($($arg:ident: $ty:ty),*) wants $wants:ident;)*) => {
        $(fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* Recorder { visitor, note: self.note, wants: Wants::$wants })
        })*
    };
}

/// Requests for an integer, whose text the probe reads (rule 1).
macro_rules! probe_integers {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.integer(visitor)
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
        deserialize_bytes() wants Form;
        deserialize_byte_buf() wants Form;
        deserialize_option() wants Anything;
        deserialize_unit() wants Anything;
        deserialize_unit_struct(name: &'static str) wants Anything;
        deserialize_seq() wants Anything;
        deserialize_tuple(len: usize) wants Anything;
        deserialize_tuple_struct(name: &'static str, len: usize) wants Anything;
        deserialize_map() wants Anything;
        deserialize_struct(name: &'static str, fields: &'static [&'static str]) wants Anything;
        deserialize_enum(name: &'static str, variants: &'static [&'static str]) wants Form;
        deserialize_identifier() wants Form;
        deserialize_ignored_any() wants Anything;
    }

    probe_integers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
    }

    /// Text (rule 2): asks for whatever is there (`serde_json` refuses a number for a
    /// string before any visit), and the recorder takes an integer as its digits.
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(Recorder {
            visitor,
            note: self.note,
            wants: Wants::Text,
        })
    }

    /// Text with a form (rule 3): asks for whatever is there, so that the recorder
    /// refuses a number that is no 64-bit integer without quoting digits never sent
    /// (`serde_json` would name its float).
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(Recorder {
            visitor,
            note: self.note,
            wants: Wants::Form,
        })
    }

    /// A number read by a helper of its own (rule 1, [`number::deserialize_number`]):
    /// its raw text, read here, so that a string is noted.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if name == number::NUMBER {
            let raw = self.number_text()?;
            return match raw {
                Cow::Borrowed(raw) => visitor.visit_borrowed_str(raw),
                Cow::Owned(raw) => visitor.visit_string(raw),
            };
        }
        self.inner.deserialize_newtype_struct(
            name,
            Recorder {
                visitor,
                note: self.note,
                wants: Wants::Anything,
            },
        )
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// What the field's type asked the deserializer for, where it matters: text that may be
/// anything (rule 2), text with a form that no number has (rule 3), or anything else
/// (a number is read by the probe itself, rule 1).
#[derive(Clone, Copy)]
enum Wants {
    Text,
    Form,
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
            self.note.record(Shape::Empty);
        }
    }

    /// An integer, or for a text field its digits as text.
    fn integer<E: de::Error>(
        mut self,
        value: impl itoa::Integer,
        visit: impl FnOnce(V) -> Result<V::Value, E>,
    ) -> Result<V::Value, E> {
        match self.wants {
            Wants::Text => {
                self.note.record(Shape::Number);
                self.visitor.visit_str(itoa::Buffer::new().format(value))
            }
            Wants::Form | Wants::Anything => visit(self.visitor),
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

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        match self.wants {
            Wants::Text | Wants::Form => Err(no_text(&self.visitor)),
            Wants::Anything => self.visitor.visit_f64(v),
        }
    }

    #[inline]
    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<V::Value, E> {
        self.saw_text(v);
        self.visitor.visit_str(v)
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(mut self, v: &'de str) -> Result<V::Value, E> {
        self.saw_text(v);
        self.visitor.visit_borrowed_str(v)
    }

    #[inline]
    fn visit_string<E: de::Error>(mut self, v: String) -> Result<V::Value, E> {
        self.saw_text(&v);
        self.visitor.visit_string(v)
    }

    fn visit_none<E: de::Error>(mut self) -> Result<V::Value, E> {
        self.note.record(Shape::Null);
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(mut self) -> Result<V::Value, E> {
        self.note.record(Shape::Null);
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

    /// A field's list: each item is read by the rule, as a field is. (A list inside an
    /// item is read as its type reads it: no provider sends one of scalars.)
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        match self.note.place {
            Place { field, item: None } => self.visitor.visit_seq(Items {
                seq,
                field,
                shapes: self.note.shapes,
                next: 0,
            }),
            Place { item: Some(_), .. } => self.visitor.visit_seq(seq),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(map)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }
}

/// The error for a number that is no 64-bit integer, where text is wanted (rule 2):
/// `serde_json` hands it over as an `f64`, whose digits are not those sent (`1.50` and
/// `1.5` are one `f64`, `1e2` is `100`). It could neither be read as the text that came
/// nor written back as it came, so it is refused, without quoting a number that was
/// never sent.
fn no_text<E: de::Error>(expected: &dyn de::Expected) -> E {
    E::invalid_type(
        Unexpected::Other("a number with a fraction, an exponent or past 64 bits"),
        expected,
    )
}

/// Reads text onto the end of a `String`, escaped or not, with no allocation of its own,
/// or a JSON integer as its digits (rule 2): for text a type keeps by hand (Wappin's
/// template parameters). Gives whether it came as a number, to be written back as one
/// with [`TextAsNumber`].
pub(crate) struct AppendText<'a>(pub(crate) &'a mut String);

impl<'de> DeserializeSeed<'de> for AppendText<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for AppendText<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<bool, E> {
        self.0.push_str(text);
        Ok(false)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<bool, E> {
        self.0.push_str(itoa::Buffer::new().format(value));
        Ok(true)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<bool, E> {
        self.0.push_str(itoa::Buffer::new().format(value));
        Ok(true)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Err(no_text(&self))
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
/// (one that was absent not at all), a number that came in a string in a string, text
/// that came as an integer as that integer, and the same for each item of a list. `name`
/// is the field's wire name, `key` the spelling it is written in.
pub(crate) fn write_field<M, T>(
    map: &mut M,
    key: &'static str,
    value: &T,
    shapes: &Shapes,
    name: &'static str,
) -> Result<(), M::Error>
where
    M: SerializeMap,
    T: ?Sized + Serialize,
{
    let absent = matches!(value.serialize(Peek::default()), Ok(Peeked::None));
    // Most payloads are written plainly: no note to look for.
    if shapes.is_empty() {
        return if absent {
            Ok(())
        } else {
            map.serialize_entry(key, value)
        };
    }
    match (absent, shapes.get(name)) {
        (true, None | Some(Shape::Quoted | Shape::Number)) => Ok(()),
        (_, Some(shape)) => map.serialize_entry(key, &AsCame { value, shape }),
        _ if shapes.has_items(name) => map.serialize_entry(
            key,
            &Listed {
                value,
                shapes,
                field: name,
            },
        ),
        _ => map.serialize_entry(key, value),
    }
}

/// A value written as its note says it came.
struct AsCame<'a, T: ?Sized> {
    value: &'a T,
    shape: Shape,
}

impl<T: ?Sized + Serialize> Serialize for AsCame<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number_text = matches!(self.shape, Shape::Quoted | Shape::Number);
        match (self.value.serialize(Peek { number_text }), self.shape) {
            (Ok(Peeked::None), Shape::Null) => serializer.serialize_unit(),
            (Ok(Peeked::None), Shape::Empty) => serializer.serialize_str(""),
            (Ok(Peeked::Signed(number)), Shape::Quoted) => {
                serializer.serialize_str(itoa::Buffer::new().format(number))
            }
            (Ok(Peeked::Unsigned(number)), Shape::Quoted) => {
                serializer.serialize_str(itoa::Buffer::new().format(number))
            }
            (Ok(Peeked::Text(text)), Shape::Quoted) => serializer.serialize_str(&text),
            (Ok(Peeked::Text(text)), Shape::Number) => TextAsNumber(&text).serialize(serializer),
            _ => self.value.serialize(serializer),
        }
    }
}

/// A field's value whose list has noted items: written through [`Replay`].
struct Listed<'a, T: ?Sized> {
    value: &'a T,
    shapes: &'a Shapes,
    field: &'static str,
}

impl<T: ?Sized + Serialize> Serialize for Listed<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Replay {
            inner: serializer,
            shapes: self.shapes,
            field: self.field,
        })
    }
}

/// A serializer that writes a field's value as its inner serializer does, but for the
/// items of its list, each written as its note says it came.
struct Replay<'a, S> {
    inner: S,
    shapes: &'a Shapes,
    field: &'static str,
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $($arg: $ty),*) -> Result<$ret, S::Error> {
            self.inner.$method($($arg),*)
        })*
    };
}

impl<'a, S: Serializer> Serializer for Replay<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = ReplayItems<'a, S::SerializeSeq>;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = S::SerializeTupleVariant;
    type SerializeMap = S::SerializeMap;
    type SerializeStruct = S::SerializeStruct;
    type SerializeStructVariant = S::SerializeStructVariant;

    forward! {
        serialize_bool(v: bool) -> S::Ok;
        serialize_i8(v: i8) -> S::Ok;
        serialize_i16(v: i16) -> S::Ok;
        serialize_i32(v: i32) -> S::Ok;
        serialize_i64(v: i64) -> S::Ok;
        serialize_u8(v: u8) -> S::Ok;
        serialize_u16(v: u16) -> S::Ok;
        serialize_u32(v: u32) -> S::Ok;
        serialize_u64(v: u64) -> S::Ok;
        serialize_f32(v: f32) -> S::Ok;
        serialize_f64(v: f64) -> S::Ok;
        serialize_char(v: char) -> S::Ok;
        serialize_str(v: &str) -> S::Ok;
        serialize_bytes(v: &[u8]) -> S::Ok;
        serialize_none() -> S::Ok;
        serialize_unit() -> S::Ok;
        serialize_unit_struct(name: &'static str) -> S::Ok;
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> S::Ok;
        serialize_tuple(len: usize) -> Self::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
        serialize_map(len: Option<usize>) -> Self::SerializeMap;
        serialize_struct(name: &'static str, len: usize) -> Self::SerializeStruct;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
    }

    /// The list inside an `Option`.
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_newtype_struct(name, value)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner
            .serialize_newtype_variant(name, index, variant, value)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Ok(ReplayItems {
            inner: self.inner.serialize_seq(len)?,
            shapes: self.shapes,
            field: self.field,
            next: 0,
        })
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The items of a [`Replay`]ed list.
struct ReplayItems<'a, Q> {
    inner: Q,
    shapes: &'a Shapes,
    field: &'static str,
    next: usize,
}

impl<Q: ser::SerializeSeq> ser::SerializeSeq for ReplayItems<'_, Q> {
    type Ok = Q::Ok;
    type Error = Q::Error;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Q::Error> {
        let shape = self.shapes.item(self.field, self.next);
        self.next = self.next.saturating_add(1);
        match shape {
            Some(shape) => self.inner.serialize_element(&AsCame { value, shape }),
            None => self.inner.serialize_element(value),
        }
    }

    fn end(self) -> Result<Q::Ok, Q::Error> {
        self.inner.end()
    }
}

/// Text that came as a JSON integer (rule 2), written back as that integer while it
/// still is one; text set to something else since is written as text.
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

/// The raw text of a number written as a `RawValue`, as [`Peek`] takes it.
struct PeekRaw(Option<String>);

impl ser::SerializeStruct for PeekRaw {
    type Ok = Peeked;
    type Error = Unpeekable;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unpeekable> {
        if let Peeked::Text(text) = value.serialize(Peek { number_text: true })? {
            self.0 = Some(text);
        }
        Ok(())
    }

    fn end(self) -> Result<Peeked, Unpeekable> {
        self.0.map(Peeked::Text).ok_or(Unpeekable)
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
    type SerializeStruct = PeekRaw;
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
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    /// A struct is no number, but for a number written as its raw text (a decimal's
    /// digits, which `serde_json` writes from a `RawValue` struct of one field): that
    /// text is the number's.
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<PeekRaw, Unpeekable> {
        if self.number_text && name == number::RAW_VALUE {
            Ok(PeekRaw(None))
        } else {
            Err(Unpeekable)
        }
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
        let place = Place {
            field: "k",
            item: None,
        };
        let shapes = Shapes(shape.map(|shape| (place, shape)).into_iter().collect());
        write_field(&mut map, "k", value, &shapes, "k").unwrap();
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

    crate::wire::enums::string_enum! {
        /// A text enum.
        pub enum Status {
            /// Fine.
            Fine = "200",
        }
    }

    crate::wire::object::wire_object! {
        /// One field for each part of the rule.
        pub struct Scalars {
            /// An integer.
            #[serde(rename = "order", default)]
            pub order: Option<u64>,
            /// A small integer.
            #[serde(rename = "small", default)]
            pub small: Option<u16>,
            /// A signed integer.
            #[serde(rename = "signed", default)]
            pub signed: Option<i64>,
            /// A decimal.
            #[serde(rename = "amount", default, with = "crate::wire::decimal::number_option")]
            pub amount: Option<rust_decimal::Decimal>,
            /// Text.
            #[serde(rename = "id", default)]
            pub id: Option<String>,
            /// A text enum.
            #[serde(rename = "status", default)]
            pub status: Option<Status>,
            /// A time with a form of its own.
            #[serde(rename = "at", default, with = "crate::wire::time::date_time_seconds_option")]
            pub at: Option<chrono::NaiveDateTime>,
            /// A list of names.
            #[serde(rename = "tags", default)]
            pub tags: Option<Vec<String>>,
            /// A list of counts.
            #[serde(rename = "counts", default)]
            pub counts: Option<Vec<u64>>,
        }
    }

    #[test]
    fn a_list_s_items_follow_the_rule_and_are_written_back_as_they_came() {
        for json in [
            r#"{"tags":["a",7,"8",-1],"counts":[1,"2",3]}"#,
            r#"{"tags":[],"counts":["0"]}"#,
            r#"{"tags":[""],"counts":[]}"#,
        ] {
            let scalars = read(json).unwrap();
            assert_eq!(serde_json::to_string(&scalars).unwrap(), json);
        }
        let listed = read(r#"{"tags":["a",7,"8"],"counts":[1,"2"]}"#).unwrap();
        assert_eq!(listed.tags, Some(vec!["a".into(), "7".into(), "8".into()]));
        assert_eq!(listed.counts, Some(vec![1, 2]));
        // An item out of its range is quoted as sent, with its place.
        let err = read(r#"{"counts":[1,18446744073709551616]}"#).unwrap_err();
        assert!(
            err.starts_with("invalid value: integer `18446744073709551616`, expected u64"),
            "{err}"
        );
        // Items set since are written as they are, the notes of those left as they came.
        let mut changed = listed;
        changed.tags = Some(vec!["a".into(), "x".into(), "8".into(), "9".into()]);
        assert_eq!(
            serde_json::to_string(&changed).unwrap(),
            r#"{"tags":["a","x","8","9"],"counts":[1,"2"]}"#
        );
    }

    fn read(json: &str) -> Result<Scalars, String> {
        serde_json::from_str(json).map_err(|err| err.to_string())
    }

    #[test]
    fn each_scalar_reads_its_other_spelling_and_is_written_back_as_it_came() {
        for json in [
            r#"{"order":"98765432109876543"}"#,
            r#"{"order":"18446744073709551615"}"#,
            r#"{"small":"65535","signed":"-9223372036854775808"}"#,
            r#"{"amount":"100.50"}"#,
            r#"{"amount":"-0.00"}"#,
            r#"{"id":9,"status":200}"#,
            r#"{"id":-5,"status":404}"#,
            r#"{"id":18446744073709551615}"#,
        ] {
            let scalars = read(json).unwrap();
            assert_eq!(serde_json::to_string(&scalars).unwrap(), json);
        }
        let quoted = read(r#"{"amount":"100.50","id":9,"status":200}"#).unwrap();
        let plain = read(r#"{"amount":100.50,"id":"9","status":"200"}"#).unwrap();
        assert_eq!(
            (&quoted.amount, &quoted.id, &quoted.status),
            (&plain.amount, &plain.id, &plain.status)
        );
        assert_eq!(quoted.status, Some(Status::Fine));
        assert!(Status::DOCUMENTED.iter().all(Status::is_documented));
        assert!(quoted.unknown_fields().is_empty());
        assert_eq!(
            quoted.amount.map(|a| a.to_string()).as_deref(),
            Some("100.50")
        );
        // Text changed since is written as text.
        let mut changed = quoted;
        changed.id = Some("nine".to_owned());
        assert!(
            serde_json::to_string(&changed)
                .unwrap()
                .contains(r#""id":"nine""#)
        );
    }

    #[test]
    fn a_number_out_of_its_type_s_range_is_quoted_as_sent() {
        for (json, quoted) in [
            (
                r#"{"order":98765432109876543210}"#,
                "invalid value: integer `98765432109876543210`, expected u64",
            ),
            (
                r#"{"order":"98765432109876543210"}"#,
                r#"invalid value: string "98765432109876543210", expected u64"#,
            ),
            (
                r#"{"order":-1}"#,
                "invalid value: integer `-1`, expected u64",
            ),
            (
                r#"{"small":70000}"#,
                "invalid value: integer `70000`, expected u16",
            ),
            (
                r#"{"signed":-9223372036854775809}"#,
                "invalid value: integer `-9223372036854775809`, expected i64",
            ),
            (
                r#"{"signed":9223372036854775808}"#,
                "invalid value: integer `9223372036854775808`, expected i64",
            ),
            (
                r#"{"order":1.0}"#,
                "invalid value: number `1.0`, expected u64",
            ),
            (
                r#"{"order":1e2}"#,
                "invalid value: number `1e2`, expected u64",
            ),
            (
                r#"{"order":"05"}"#,
                r#"invalid value: string "05", expected u64"#,
            ),
            (
                r#"{"order":" 5"}"#,
                r#"invalid value: string " 5", expected u64"#,
            ),
            (
                r#"{"order":true}"#,
                "invalid type: boolean `true`, expected u64",
            ),
        ] {
            let err = read(json).unwrap_err();
            assert!(err.starts_with(quoted), "{json}: {err}");
        }
    }

    #[test]
    fn a_number_text_cannot_keep_is_refused_without_a_number_never_sent() {
        for json in [
            r#"{"id":1.50}"#,
            r#"{"id":1e2}"#,
            r#"{"id":98765432109876543210}"#,
            r#"{"status":2.5}"#,
            r#"{"at":1.5}"#,
        ] {
            let err = read(json).unwrap_err();
            assert!(
                err.starts_with(
                    "invalid type: a number with a fraction, an exponent or past 64 bits"
                ),
                "{json}: {err}"
            );
        }
        // A time's text is never digits: an integer there is refused as sent.
        let err = read(r#"{"at":1689261131}"#).unwrap_err();
        assert!(
            err.starts_with("invalid type: integer `1689261131`"),
            "{err}"
        );
    }

    #[test]
    fn a_value_read_from_a_serde_json_value_follows_the_rule_too() {
        let value = serde_json::json!({"order": "7", "amount": "1.5", "id": 9});
        let scalars: Scalars = serde_json::from_value(value.clone()).unwrap();
        assert_eq!((scalars.order, scalars.id.as_deref()), (Some(7), Some("9")));
        assert_eq!(serde_json::to_value(&scalars).unwrap(), value);
    }
}
