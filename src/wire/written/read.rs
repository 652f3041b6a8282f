//! Reading a field by the rule for scalars (see the module above), and noting how it
//! was written.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected, Visitor,
};

use super::{Place, Written, WrittenAs};
use crate::wire::number::{self, Integer, Sent};

/// The seed of one known field's value (or of an item of its list), which notes its
/// shape while it deserializes.
pub(crate) struct Recorded<'w, S> {
    seed: S,
    note: Note<'w>,
}

impl<'w, S> Recorded<'w, S> {
    pub(crate) fn new(seed: S, field: &'static str, written_as: &'w mut WrittenAs) -> Self {
        Recorded {
            seed,
            note: Note {
                place: Place { field, item: None },
                written_as,
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
    written_as: &'w mut WrittenAs,
}

impl Note<'_> {
    fn record(&mut self, written: Written) {
        self.written_as.0.push((self.place, written));
    }
}

/// The items of a field's list, each probed as a field is (`Tags: ["a", 7]`).
struct Items<'w, A> {
    seq: A,
    field: &'static str,
    written_as: &'w mut WrittenAs,
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
            written_as: &mut *self.written_as,
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
            self.note.record(Written::Quoted);
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
            self.note.record(Written::EmptyString);
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
                self.note.record(Written::TextAsNumber);
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
        self.note.record(Written::Null);
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(mut self) -> Result<V::Value, E> {
        self.note.record(Written::Null);
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
                written_as: self.note.written_as,
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
