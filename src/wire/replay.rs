//! Telling a body's kind and reading it as that kind in one pass.
//!
//! The keys are read by `serde_json` in order and shown to a [`Decide`]; each value read
//! before a key decides is kept as its raw JSON. Once a key decides, the kind's own
//! deserializer is handed the object: the kept keys and values first (each value read
//! again from its raw text), then the decisive key, then the rest of the object straight
//! from the body. A receipt's `status`, a Wappin callback's `message_id` are read twice;
//! the rest of the body once.
//!
//! This is the fast path of [`parse`](crate::parse) and of the providers'
//! `Payload::from_json` ([`read_detected`]). It gives up at anything unusual (an error, a
//! body that is not UTF-8, an escaped key, more than [`KEPT`] keys before the decision, a
//! deep container before the decision), and the body is then peeked at and parsed in two
//! passes, which gives the exact error. Where it gives a payload, the two-pass path gives
//! the same one: the keys decide in the same order, and each value is read by the same
//! `serde_json`.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::peek::{self, Decide};
use crate::{Error, Provider};

/// At most this many keys are kept before one decides (a Wappin send text request, the
/// longest body decided at its end, has 5).
const KEPT: usize = 8;

/// A container value kept before the decision is read again by a new `serde_json`
/// deserializer, whose nesting limit (128) starts afresh. A container this long or
/// longer could nest deep enough for that to matter, and gives up the fast path.
const DEEP: usize = 240;

/// A payload family whose kinds its keys tell apart, read in one pass or in two.
pub(crate) trait ReadKind: Sized {
    /// What the keys decide.
    type Kind;

    /// Reads the whole `body` as `kind`, with the error of that kind's own `from_json`:
    /// the second pass, after [`peek`](super::peek) decided.
    fn read_as(body: &[u8], kind: Self::Kind) -> Result<Self, Error>;

    /// Reads the object `deserializer` holds as `kind` and puts it, through `wrap`, in
    /// `into`; leaves `into` empty when this kind cannot be read in one pass (the caller
    /// then reads the body in two). (Written in place: a payload is large, and returning
    /// it through each layer would copy it each time.)
    fn read_kind<'de, D: Deserializer<'de>, T>(
        kind: Self::Kind,
        deserializer: D,
        into: &mut Option<T>,
        wrap: impl FnOnce(Self) -> T,
    ) -> Result<(), D::Error>;
}

/// Reads `body` as the kind of `P` that `decide` names: in one pass when it can, else
/// by peeking at the keys and reading the body as the kind they name, which says what is
/// wrong (an [`Error::Shape`] with the `expected` shapes when no key decides).
pub(crate) fn read_detected<P, D>(
    body: &[u8],
    decide: D,
    provider: Provider,
    payload: &'static str,
    expected: &'static str,
) -> Result<P, Error>
where
    P: ReadKind,
    D: Decide<Kind = P::Kind> + Clone,
{
    let mut read = None;
    read_once(body, decide.clone(), &mut read);
    match read {
        Some(payload) => Ok(payload),
        None => P::read_as(
            body,
            peek::detect(body, decide, provider, payload, expected)?,
        ),
    }
}

/// Reads `body` as the kind of `P` its keys decide, in one pass, into `into`; leaves it
/// empty when the fast path gives up (see the [module](self)).
pub(crate) fn read_once<P, D>(body: &[u8], decide: D, into: &mut Option<P>)
where
    P: ReadKind,
    D: Decide<Kind = P::Kind>,
{
    // Checked once, the text's strings need no check each (see `json::read`); a body
    // that is not UTF-8 is left to the two passes, which say where.
    let Ok(text) = simdutf8::basic::from_utf8(body) else {
        return;
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let read = deserializer.deserialize_map(DecideVisitor {
        decide,
        into: &mut *into,
    });
    if read.and_then(|()| deserializer.end()).is_err() {
        *into = None;
    }
}

struct DecideVisitor<'i, P, D> {
    decide: D,
    into: &'i mut Option<P>,
}

impl<'de, P, D> Visitor<'de> for DecideVisitor<'_, P, D>
where
    P: ReadKind,
    D: Decide<Kind = P::Kind>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut kept: [(&'de str, &'de str); KEPT] = [("", ""); KEPT];
        let mut count = 0_usize;
        // The kind, and the key that decided it when its value is still to be read.
        let (kind, deciding) = loop {
            // `&str` keys: an escaped key (not borrowable) is an error, and gives up.
            let Some(key) = map.next_key::<&'de str>()? else {
                match self.decide.end() {
                    Some(kind) => break (kind, None),
                    None => return Ok(()),
                }
            };
            if self.decide.wants_value(key.as_bytes()) {
                let value = keep(&mut kept, &mut count, key, map.next_value()?)?;
                if let Some(kind) = self.decide.key(key.as_bytes(), value.as_bytes()) {
                    break (kind, None);
                }
            } else {
                if let Some(kind) = self.decide.key(key.as_bytes(), b"") {
                    break (kind, Some(key));
                }
                keep(&mut kept, &mut count, key, map.next_value()?)?;
            }
        };
        let replay = Replay {
            kept: kept.get(..count).unwrap_or_default(),
            deciding,
            value: None,
            map,
        };
        P::read_kind(kind, replay, self.into, |payload| payload)
    }
}

/// Keeps a key and its raw value before the decision; an error (which gives up the fast
/// path) when there is no room or the value could nest deep.
fn keep<'de, E: de::Error>(
    kept: &mut [(&'de str, &'de str)],
    count: &mut usize,
    key: &'de str,
    value: &'de RawValue,
) -> Result<&'de str, E> {
    let value = value.get();
    if value.len() >= DEEP && value.starts_with(['[', '{']) {
        return Err(E::custom("a long container before the decision"));
    }
    let slot = kept
        .get_mut(*count)
        .ok_or_else(|| E::custom("too many keys before the decision"))?;
    *slot = (key, value);
    *count = count.saturating_add(1);
    Ok(value)
}

/// The object as the decided kind reads it: the kept entries, the deciding key, then
/// the rest of `map`.
struct Replay<'k, 'de, A> {
    kept: &'k [(&'de str, &'de str)],
    /// The key that decided before its value was read (its value is next in `map`).
    deciding: Option<&'de str>,
    /// The raw value of the kept key given last.
    value: Option<&'de str>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some(((key, value), rest)) = self.kept.split_first() {
            self.kept = rest;
            self.value = Some(value);
            return seed
                .deserialize(BorrowedStrDeserializer::new(key))
                .map(Some);
        }
        self.value = None;
        match self.deciding.take() {
            Some(key) => seed
                .deserialize(BorrowedStrDeserializer::new(key))
                .map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.value.take() {
            Some(raw) => seed.deserialize(Kept::new(raw)),
            None => self.map.next_value_seed(seed),
        }
    }
}

/// A value kept before the decision, read again for the decided kind.
///
/// A string with no escape (the usual kept value: an id, a name, a status) is handed to
/// the type as `serde_json` hands a string it can borrow, where a new `serde_json`
/// deserializer for its text cost some 200 instructions each (a Wappin callback keeps
/// two). Anything else, and any request but for text or an option, is read from the raw
/// text by `serde_json`, so that each type reads what it reads from the body.
struct Kept<'de, E> {
    raw: &'de str,
    /// The string's text, when the value is a string with no escape.
    plain: Option<&'de str>,
    error: std::marker::PhantomData<E>,
}

impl<'de, E: de::Error> Kept<'de, E> {
    fn new(raw: &'de str) -> Self {
        // The text was read as JSON when it was kept, so a string with no backslash in it
        // holds exactly its text.
        let plain = raw
            .strip_prefix('"')
            .and_then(|string| string.strip_suffix('"'))
            .filter(|text| !text.contains('\\'));
        Kept {
            raw,
            plain,
            error: std::marker::PhantomData,
        }
    }

    /// What `serde_json` answers to `request` from the raw text.
    fn read_raw<T>(
        self,
        request: impl FnOnce(
            &mut serde_json::Deserializer<serde_json::de::StrRead<'de>>,
        ) -> Result<T, serde_json::Error>,
    ) -> Result<T, E> {
        request(&mut serde_json::Deserializer::from_str(self.raw)).map_err(de::Error::custom)
    }
}

/// The requests that `serde_json` answers from the raw text.
macro_rules! from_raw_text {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, E> {
            self.read_raw(|json| json.$method($($arg,)* visitor))
        })*
    };
}

impl<'de, E: de::Error> Deserializer<'de> for Kept<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.plain {
            Some(text) => visitor.visit_borrowed_str(text),
            None => self.read_raw(|json| json.deserialize_any(visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        self.deserialize_any(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        self.deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.plain {
            Some(_) => visitor.visit_some(self),
            None => self.read_raw(|json| json.deserialize_option(visitor)),
        }
    }

    from_raw_text! {
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Replay<'_, 'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
