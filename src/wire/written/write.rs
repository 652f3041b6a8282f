//! Writing a field as it came: replaying the notes of how it, or its list's items,
//! were written.

use std::fmt;

use serde::ser::{self, Impossible, Serialize, SerializeMap, Serializer};

use super::{Written, WrittenAs};
use crate::wire::number::{self, Integer};

/// Writes one field of an object as it came: a `None` that was `null` or `""` as such
/// (one that was absent not at all), a number that came in a string in a string, text
/// that came as an integer as that integer, and the same for each item of a list. `name`
/// is the field's wire name, `key` the spelling it is written in.
pub(crate) fn write_field<M, T>(
    map: &mut M,
    key: &'static str,
    value: &T,
    written_as: &WrittenAs,
    name: &'static str,
) -> Result<(), M::Error>
where
    M: SerializeMap,
    T: ?Sized + Serialize,
{
    let absent = matches!(value.serialize(Peek::default()), Ok(Peeked::None));
    // Most payloads are written plainly: no note to look for.
    if written_as.is_empty() {
        return if absent {
            Ok(())
        } else {
            map.serialize_entry(key, value)
        };
    }
    match (absent, written_as.get(name)) {
        (true, None | Some(Written::Quoted | Written::TextAsNumber)) => Ok(()),
        (_, Some(written)) => map.serialize_entry(key, &AsCame { value, written }),
        _ if written_as.has_items(name) => map.serialize_entry(
            key,
            &Listed {
                value,
                written_as,
                field: name,
            },
        ),
        _ => map.serialize_entry(key, value),
    }
}

/// A value written as its note says it came.
struct AsCame<'a, T: ?Sized> {
    value: &'a T,
    written: Written,
}

impl<T: ?Sized + Serialize> Serialize for AsCame<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let number_text = matches!(self.written, Written::Quoted | Written::TextAsNumber);
        match (self.value.serialize(Peek { number_text }), self.written) {
            (Ok(Peeked::None), Written::Null) => serializer.serialize_unit(),
            (Ok(Peeked::None), Written::EmptyString) => serializer.serialize_str(""),
            (Ok(Peeked::Signed(number)), Written::Quoted) => {
                serializer.serialize_str(itoa::Buffer::new().format(number))
            }
            (Ok(Peeked::Unsigned(number)), Written::Quoted) => {
                serializer.serialize_str(itoa::Buffer::new().format(number))
            }
            (Ok(Peeked::Text(text)), Written::Quoted) => serializer.serialize_str(&text),
            (Ok(Peeked::Text(text)), Written::TextAsNumber) => {
                TextAsNumber(&text).serialize(serializer)
            }
            _ => self.value.serialize(serializer),
        }
    }
}

/// A field's value whose list has noted items: written through [`Replay`].
struct Listed<'a, T: ?Sized> {
    value: &'a T,
    written_as: &'a WrittenAs,
    field: &'static str,
}

impl<T: ?Sized + Serialize> Serialize for Listed<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Replay {
            inner: serializer,
            written_as: self.written_as,
            field: self.field,
        })
    }
}

/// A serializer that writes a field's value as its inner serializer does, but for the
/// items of its list, each written as its note says it came.
struct Replay<'a, S> {
    inner: S,
    written_as: &'a WrittenAs,
    field: &'static str,
}

/// Calls `$apply!` with the `Serializer` methods that take plain arguments, but for
/// `serialize_seq` and `serialize_struct`: each with its arguments and what it returns,
/// for a serializer that passes them on, or refuses them, all alike (`Replay`, and
/// `object`'s `Emit`).
macro_rules! serializer_methods {
    ($apply:ident) => {
        $apply! {
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
            serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
        }
    };
}
pub(crate) use serializer_methods;

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

    serializer_methods!(forward);

    forward! {
        serialize_struct(name: &'static str, len: usize) -> Self::SerializeStruct;
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
            written_as: self.written_as,
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
    written_as: &'a WrittenAs,
    field: &'static str,
    next: usize,
}

impl<Q: ser::SerializeSeq> ser::SerializeSeq for ReplayItems<'_, Q> {
    type Ok = Q::Ok;
    type Error = Q::Error;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Q::Error> {
        let written = self.written_as.item(self.field, self.next);
        self.next = self.next.saturating_add(1);
        match written {
            Some(written) => self.inner.serialize_element(&AsCame { value, written }),
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

    use super::super::Place;
    use super::*;

    /// `{"k": value}` as `write_field` writes it with `shape`.
    fn written<T: Serialize>(value: &T, written: Option<Written>) -> String {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        let mut map = serializer.serialize_map(None).unwrap();
        let place = Place {
            field: "k",
            item: None,
        };
        let written_as = WrittenAs(
            written
                .map(|written| (place, written))
                .into_iter()
                .collect(),
        );
        write_field(&mut map, "k", value, &written_as, "k").unwrap();
        SerializeMap::end(map).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_none_is_left_out_or_written_as_it_came() {
        let none: Option<String> = None;
        assert_eq!(written(&none, None), "{}");
        assert_eq!(written(&none, Some(Written::Null)), r#"{"k":null}"#);
        assert_eq!(written(&none, Some(Written::EmptyString)), r#"{"k":""}"#);
        assert_eq!(written(&Some("x"), Some(Written::Null)), r#"{"k":"x"}"#);
    }

    #[test]
    fn a_number_that_came_in_a_string_goes_back_in_one() {
        assert_eq!(written(&826_u16, Some(Written::Quoted)), r#"{"k":"826"}"#);
        assert_eq!(
            written(&Some(-5_i64), Some(Written::Quoted)),
            r#"{"k":"-5"}"#
        );
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
