//! Telling a payload's kind from its top-level keys, by a provider's table of kinds.
//!
//! Each provider declares its kinds in a table ([`kinds!`](super::kinds::kinds)): a row
//! per kind names the keys the kind requires and, where the provider has one, a
//! discriminating value (Viva's `EventTypeId`). The body's top level is read once, its
//! keys and the discriminating values, without building the values; then:
//!
//! 1. A kind **fits** the body when the body has every key the kind requires, and the
//!    discriminating value the row names.
//! 2. Where one kind fits, the body is of that kind.
//! 3. Where several fit, the one that knows the most of the body's keys is the more
//!    specific (the others would keep some of them as unknown fields); where that ties,
//!    the one whose row requires the most. Where that ties too, the body is refused with
//!    an error that names the kinds it fits.
//! 4. Where none fits, or a kind that does not fit knows more of the body's keys than
//!    any that fits, the body is a broken body of the kind that knows the most of its
//!    keys: it is read as that kind, whose error says what it misses. Where no kind
//!    knows any of its keys, or two know as many, the error says what the body looks
//!    like.
//!
//! Key order never matters, and a key that no row names (a field a provider added) never
//! counts. A body whose JSON breaks before its top level ends is judged by the keys
//! before the break, so that the kind they point to gives the error, with its path.

use std::fmt;
use std::sync::OnceLock;

use serde::Deserializer as _;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::number::code_from_text;
use super::object::Key;
use crate::Provider;

/// A provider's table of kinds (one payload family: NXCloud's callbacks, Viva's webhook
/// messages, ...), as [`kinds!`](super::kinds::kinds) declares it.
pub(crate) struct Table {
    /// Whose kinds they are.
    pub(crate) provider: Provider,
    /// What errors call a body of the family before its kind is known: `"callback"`.
    pub(crate) payload: &'static str,
    /// One row per kind.
    pub(crate) rows: &'static [Row],
}

/// One kind of a [`Table`].
pub(crate) struct Row {
    /// The kind's name: `"receipt"`.
    pub(crate) kind: &'static str,
    /// The keys a body of the kind has, every one.
    pub(crate) requires: &'static [&'static str],
    /// The value a key of the body must hold, where the provider names the kind by one.
    pub(crate) value: Value,
    /// Every top-level field the kind's type knows: how much of a body it explains.
    pub(crate) fields: &'static [&'static str],
}

/// A discriminating value of a [`Row`].
pub(crate) enum Value {
    /// None: the keys alone tell the kind.
    Any,
    /// An integer code (a JSON number or a string of digits) among these.
    Codes(&'static str, &'static [i64]),
    /// Anything at this key that no `Codes` row of the table names, or no code at all:
    /// the kind that keeps what the provider added later (Viva's unknown event types).
    Otherwise(&'static str),
    /// An object with this key inside (Wappin's token answer: `data.access_token`).
    ObjectWith(&'static str, &'static str),
}

impl Value {
    /// The value as errors name it, in a row of `table`: "`EventTypeId` 1796, 1797 or
    /// 1798", "`data` with `access_token`".
    pub(crate) fn describe(&self, table: &Table) -> Option<String> {
        match *self {
            Value::Any => None,
            Value::Codes(key, codes) => {
                let codes: Vec<String> = codes.iter().map(ToString::to_string).collect();
                Some(format!("`{key}` {}", super::kinds::or_list(&codes)))
            }
            Value::Otherwise(key) => {
                let named = table
                    .rows
                    .iter()
                    .any(|row| matches!(row.value, Value::Codes(other, _) if other == key));
                Some(if named {
                    format!("`{key}` of any other value")
                } else {
                    format!("`{key}`")
                })
            }
            Value::ObjectWith(key, inner) => Some(format!("`{key}` with `{inner}`")),
        }
    }

    /// The key whose value it looks at.
    pub(crate) fn key(&self) -> Option<&'static str> {
        match *self {
            Value::Any => None,
            Value::Codes(key, _) | Value::Otherwise(key) | Value::ObjectWith(key, _) => Some(key),
        }
    }
}

/// Where a body falls in the tables: which table, which row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) table: usize,
    pub(crate) row: usize,
    /// Whether the body fits the kind; `false` for the nearest kind of a body that fits
    /// none, which is read only for the error it gives.
    pub(crate) fits: bool,
}

/// Why a body's kind could not be told.
#[derive(Debug)]
pub(crate) enum Undecided {
    /// Nothing but white space.
    Empty,
    /// Its JSON broke before any key pointed to a kind.
    NotJson(serde_json::Error),
    /// No kind fits it or comes near: what it looks like ("an array", "an object with
    /// the keys ...").
    Shape(String),
    /// Several kinds fit it, none more specific: (provider, kind) of each.
    Ambiguous(Vec<(Provider, &'static str)>),
}

/// At most this many keys are named when a body fits no kind.
const KEYS_NAMED: usize = 8;

/// The tables a body is told among, prepared for reading bodies: every key the rows
/// name, in one sorted list, and each row's keys as sets of positions in it.
pub(crate) struct Detector {
    tables: &'static [&'static Table],
    /// Every key the rows require, discriminate on or know, sorted by length, then bytes.
    names: Vec<&'static str>,
    /// For a key at the same position that some row discriminates on, where its value is
    /// kept while the body is read.
    value_slot: Vec<Option<usize>>,
    rows: Vec<Prepared>,
}

/// At most this many keys of all the tables read at once carry a discriminating value.
const VALUE_SLOTS: usize = 4;

/// At most this many keys of all the tables read at once (rows, discriminating keys and
/// the kinds' fields): 256, four words of a [`Keys`].
const KEY_WORDS: usize = 4;

/// A row, its keys as positions in [`Detector::names`].
struct Prepared {
    /// Where it is: the table's index, the row's index in it.
    at: (usize, usize),
    table: &'static Table,
    spec: &'static Row,
    requires: Keys,
    fields: Keys,
    /// The slot of the value the row discriminates on.
    value_at: Option<usize>,
    /// The position of the key the row discriminates on.
    value_key: Option<usize>,
    /// The row's keys and discriminating value: how much it asks of a body.
    weight: usize,
}

/// What the keys of a body decide.
enum Decision {
    Found(Found),
    Ambiguous(Vec<(Provider, &'static str)>),
    Nothing,
}

impl Detector {
    /// Prepares `tables`, in the order given (the order breaks no tie: it only orders
    /// the candidates an error names).
    pub(crate) fn new(tables: &'static [&'static Table]) -> Detector {
        let rows = || tables.iter().flat_map(|table| table.rows.iter());
        let mut names: Vec<&'static str> = rows()
            .flat_map(|row| row.requires.iter().chain(row.fields).copied())
            .chain(rows().filter_map(|row| row.value.key()))
            .collect();
        names.sort_unstable_by(|a, b| by_length(a, b));
        names.dedup();
        let position = |name: &str| names.binary_search_by(|probe| by_length(probe, name)).ok();
        let mut slots = 0_usize;
        let value_slot: Vec<Option<usize>> = names
            .iter()
            .map(|name| {
                rows().any(|row| row.value.key() == Some(*name)).then(|| {
                    slots = slots.saturating_add(1);
                    slots.saturating_sub(1)
                })
            })
            .collect();
        let mut prepared = Vec::new();
        for (t, table) in tables.iter().enumerate() {
            for (r, row) in table.rows.iter().enumerate() {
                let mut requires = Keys::default();
                let mut fields = Keys::default();
                row.requires
                    .iter()
                    .filter_map(|key| position(key))
                    .for_each(|at| requires.insert(at));
                row.fields
                    .iter()
                    .filter_map(|key| position(key))
                    .for_each(|at| fields.insert(at));
                let weight = row
                    .requires
                    .len()
                    .saturating_add(usize::from(row.value.key().is_some()));
                prepared.push(Prepared {
                    at: (t, r),
                    table,
                    spec: row,
                    requires,
                    fields,
                    value_key: row.value.key().and_then(position),
                    value_at: row
                        .value
                        .key()
                        .and_then(position)
                        .and_then(|at| value_slot.get(at).copied().flatten()),
                    weight,
                });
            }
        }
        Detector {
            tables,
            names,
            value_slot,
            rows: prepared,
        }
    }

    /// The tables, as given.
    pub(crate) fn tables(&self) -> &'static [&'static Table] {
        self.tables
    }

    /// Which kind `body` is (see the [module](self)).
    pub(crate) fn detect(&self, body: &[u8]) -> Result<Found, Undecided> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(Undecided::Empty);
        }
        let mut top = TopLevel::new(false);
        let read = serde_json::Deserializer::from_slice(body).deserialize_any(Scan {
            detector: self,
            top: &mut top,
        });
        if let Some(what) = top.not_an_object {
            return Err(Undecided::Shape(what.to_owned()));
        }
        match (self.decide(&top), read) {
            (Decision::Found(found), _) => Ok(found),
            (_, Err(broken)) => Err(Undecided::NotJson(broken)),
            (Decision::Ambiguous(candidates), Ok(())) => Err(Undecided::Ambiguous(candidates)),
            (Decision::Nothing, Ok(())) => Err(Undecided::Shape(self.describe(body))),
        }
    }

    /// Decides from what the top level held (steps 1 to 4 of the [module](self)).
    fn decide(&self, top: &TopLevel<'_>) -> Decision {
        let found = |row: &Prepared, fits| {
            Decision::Found(Found {
                table: row.at.0,
                row: row.at.1,
                fits,
            })
        };
        let rank = |row: &Prepared| (row.fields.common(&top.keys), row.weight);
        let fits = |row: &&Prepared| top.keys.includes(&row.requires) && self.value_holds(row, top);
        // The best fitting kind, and whether another fits as well.
        let mut best: Option<((usize, usize), &Prepared)> = None;
        let mut tied = false;
        for row in self.rows.iter().filter(fits) {
            let ranked = rank(row);
            match best {
                Some((most, _)) if ranked < most => {}
                Some((most, _)) if ranked == most => tied = true,
                _ => {
                    best = Some((ranked, row));
                    tied = false;
                }
            }
        }
        // A kind that does not fit but knows more of the body's keys than any that fits:
        // the body is a broken body of that kind (an NXCloud receipt without its
        // `requestId` is no Wappin acknowledgement for having a `status`), and its error
        // says what it misses. So where none fits.
        let fitting = best.map_or(0, |((covered, _), _)| covered);
        if let Some((covered, row)) = self.nearest(top) {
            if covered > fitting {
                return found(row, false);
            }
        }
        match best {
            Some((_, row)) if !tied => found(row, true),
            Some(_) => Decision::Ambiguous(
                self.rows
                    .iter()
                    .filter(fits)
                    .filter(|row| best.is_some_and(|(most, _)| rank(row) == most))
                    .map(|row| (row.table.provider, row.spec.kind))
                    .collect(),
            ),
            None => Decision::Nothing,
        }
    }

    /// The kind that knows the most of the body's keys, and how many, when one knows more
    /// than every other (and at least one). A row whose discriminating value the body
    /// contradicts is no nearer.
    fn nearest(&self, top: &TopLevel<'_>) -> Option<(usize, &Prepared)> {
        let near = self
            .rows
            .iter()
            .filter(|row| {
                row.value_key.is_none_or(|at| !top.keys.contains(at)) || self.value_holds(row, top)
            })
            .map(|row| (row.fields.common(&top.keys), row))
            .filter(|(covered, _)| *covered > 0);
        let mut best: Option<(usize, &Prepared)> = None;
        let mut tied = false;
        for (covered, row) in near {
            match best {
                Some((most, _)) if covered < most => {}
                Some((most, _)) if covered == most => tied = true,
                _ => {
                    best = Some((covered, row));
                    tied = false;
                }
            }
        }
        best.filter(|_| !tied)
    }

    /// Whether the body holds the row's discriminating value.
    fn value_holds(&self, row: &Prepared, top: &TopLevel<'_>) -> bool {
        let Some(raw) = row
            .value_at
            .and_then(|slot| top.values.get(slot).copied().flatten())
            .map(RawValue::get)
        else {
            return matches!(row.spec.value, Value::Any);
        };
        match row.spec.value {
            Value::Any => true,
            Value::Codes(_, codes) => code_in(raw).is_some_and(|code| codes.contains(&code)),
            Value::Otherwise(key) => {
                let code = code_in(raw);
                !row.table.rows.iter().any(|other| match other.value {
                    Value::Codes(other_key, codes) => {
                        other_key == key && code.is_some_and(|code| codes.contains(&code))
                    }
                    _ => false,
                })
            }
            Value::ObjectWith(_, inner) => object_has_key(raw, inner),
        }
    }

    /// What a body that fits no kind looks like, for the error: its keys, in order.
    fn describe(&self, body: &[u8]) -> String {
        let mut top = TopLevel::new(true);
        let _ = serde_json::Deserializer::from_slice(body).deserialize_any(Scan {
            detector: self,
            top: &mut top,
        });
        let named = top.named.unwrap_or_default();
        match top.count {
            0 => "an empty object".to_owned(),
            n if n > named.len() => format!(
                "an object with the keys {} and {} more",
                named.join(", "),
                n.saturating_sub(named.len())
            ),
            _ => format!("an object with the keys {}", named.join(", ")),
        }
    }

    /// The position of `key` in [`names`](Self::names).
    fn position(&self, key: &str) -> Option<usize> {
        self.names
            .binary_search_by(|probe| by_length(probe, key))
            .ok()
    }
}

/// Orders keys by length, then bytes: most keys differ in length, which is quick to tell.
fn by_length(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// The integer code a raw JSON value holds: a number, or a string of digits.
fn code_in(raw: &str) -> Option<i64> {
    let text = raw
        .strip_prefix('"')
        .and_then(|text| text.strip_suffix('"'))
        .unwrap_or(raw);
    code_from_text(text)
}

/// Whether the raw JSON `value` is an object with the top-level key `key`.
fn object_has_key(value: &str, key: &str) -> bool {
    struct HasKey<'k>(&'k str);
    impl<'de> Visitor<'de> for HasKey<'_> {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            // To the end of the object: `serde_json` checks that it was read whole.
            let mut has = false;
            while let Some(Key(found)) = map.next_key()? {
                has |= found == self.0;
                map.next_value::<IgnoredAny>()?;
            }
            Ok(has)
        }
    }
    // Anything but an object is answered without asking `serde_json`, whose error
    // allocates (the token answer's `data` is `null` in most of Wappin's answers).
    value.starts_with('{')
        && serde_json::Deserializer::from_str(value)
            .deserialize_map(HasKey(key))
            .unwrap_or(false)
}

/// A set of positions in [`Detector::names`]. (Of a fixed size: reading a body
/// allocates nothing to tell its kind.)
#[derive(Clone, Copy, Default)]
struct Keys([u64; KEY_WORDS]);

impl Keys {
    fn insert(&mut self, at: usize) {
        if let Some(word) = self.0.get_mut(at / 64) {
            *word |= 1 << (at % 64);
        }
    }

    fn contains(&self, at: usize) -> bool {
        self.0
            .get(at / 64)
            .is_some_and(|word| word & (1 << (at % 64)) != 0)
    }

    /// Whether every position of `other` is in this set.
    fn includes(&self, other: &Keys) -> bool {
        self.0
            .iter()
            .zip(&other.0)
            .all(|(mine, theirs)| theirs & !mine == 0)
    }

    /// How many positions the two sets share.
    fn common(&self, other: &Keys) -> usize {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }
}

/// What the top level of a body held.
struct TopLevel<'de> {
    keys: Keys,
    /// The raw values of the keys some row discriminates on, by slot.
    values: [Option<&'de RawValue>; VALUE_SLOTS],
    /// The first keys, for an error that says what the body looks like.
    named: Option<Vec<String>>,
    count: usize,
    not_an_object: Option<&'static str>,
}

impl TopLevel<'_> {
    /// Nothing read yet; `named` keeps the first keys' names, for an error.
    fn new(named: bool) -> Self {
        TopLevel {
            keys: Keys::default(),
            values: [None; VALUE_SLOTS],
            named: named.then(Vec::new),
            count: 0,
            not_an_object: None,
        }
    }
}

/// Reads the top level of a body into [`TopLevel`]: each key, and the raw value of the
/// keys some row discriminates on; every other value is skipped, not built.
struct Scan<'a, 'de> {
    detector: &'a Detector,
    top: &'a mut TopLevel<'de>,
}

impl Scan<'_, '_> {
    /// Notes a body that is not an object, and stops reading.
    fn not_an_object<E: de::Error>(self, what: &'static str) -> Result<(), E> {
        self.top.not_an_object = Some(what);
        Err(E::custom("not an object"))
    }
}

impl<'de> Visitor<'de> for Scan<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(key)) = map.next_key()? {
            self.top.count = self.top.count.saturating_add(1);
            if let Some(named) = &mut self.top.named {
                if named.len() < KEYS_NAMED {
                    named.push(format!("`{key}`"));
                }
            }
            let Some(at) = self.detector.position(&key) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            self.top.keys.insert(at);
            match self.detector.value_slot.get(at).copied().flatten() {
                Some(slot) => {
                    let raw: &'de RawValue = map.next_value()?;
                    if let Some(value) = self.top.values.get_mut(slot) {
                        *value = Some(raw);
                    }
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        self.not_an_object("an array")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.not_an_object("a string")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.not_an_object("a boolean")
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.not_an_object("a number")
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.not_an_object("a number")
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.not_an_object("a number")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.not_an_object("null")
    }
}

/// A [`Detector`] made once, on first use.
pub(crate) struct Lazy {
    tables: &'static [&'static Table],
    detector: OnceLock<Detector>,
}

impl Lazy {
    pub(crate) const fn new(tables: &'static [&'static Table]) -> Lazy {
        Lazy {
            tables,
            detector: OnceLock::new(),
        }
    }

    pub(crate) fn get(&self) -> &Detector {
        self.detector.get_or_init(|| Detector::new(self.tables))
    }
}
