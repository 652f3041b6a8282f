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
//! 3. Where several fit, the more specific is the one whose row names a discriminating
//!    value (the body holds it: the provider named the kind); then the one that knows the
//!    most of the body's keys (the others would keep some of them as unknown fields);
//!    then the one whose row requires the most. Where all that ties, the body is refused
//!    with an error that names the kinds it fits.
//! 4. Where none fits, or several fit equally and a kind that does not fit knows more of
//!    the body's keys, or one fits and a kind that does not knows at least two more of
//!    them, the body is a broken body of the kind that knows the most of its keys: it is
//!    read as that kind, whose error says what it misses. (Two: one key a provider adds
//!    must never change what a body is.) Where no kind knows any of its keys, or two
//!    know as many, the error says what the body looks like.
//!
//! Key order never matters, and a key that no row names (a field a provider added) never
//! counts. A body whose JSON breaks before its top level ends is judged by the keys
//! before the break, so that the kind they point to gives the error, with its path.

use std::cmp::Reverse;
use std::sync::OnceLock;

use serde::de::IgnoredAny;

use super::number::code_from_text;
use super::top_level::{self, Stop};
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
pub(crate) const KEYS_NAMED: usize = 8;

/// The tables a body is told among, prepared for reading bodies: every key the rows
/// name, in one sorted list, and each row's keys as sets of positions in it.
pub(crate) struct Detector {
    tables: &'static [&'static Table],
    /// Every key the rows require, discriminate on or know, sorted by length, then bytes.
    names: Vec<&'static str>,
    /// The positions in `names`, by the hash of each name (see [`Detector::position`]).
    by_hash: Vec<Option<usize>>,
    /// For a key at the same position that some row discriminates on, where its value is
    /// kept while the body is read.
    value_slot: Vec<Option<usize>>,
    /// For the key at the same position, the rows that name it (bit `r` for row `r`):
    /// only those can fit a body or come near it, so only those are looked at.
    rows_naming: Vec<u64>,
    rows: Vec<Prepared>,
}

/// At most this many rows in all the tables read at once: the bits of
/// [`Detector::rows_naming`]. A row past it is never looked at, so the tests hold every
/// detector to it.
pub(crate) const MAX_ROWS: usize = 64;

/// At most this many keys of all the tables read at once carry a discriminating value.
pub(crate) const VALUE_SLOTS: usize = 4;

/// At most this many keys of all the tables read at once (the keys rows require or
/// discriminate on, and the kinds' fields): the bits of a [`Keys`]. A key past it is not
/// seen, so the tests hold every detector to it.
pub(crate) const MAX_KEYS: usize = 128;

/// A row, its keys as positions in [`Detector::names`].
struct Prepared {
    /// Where it is: the table's index, the row's index in it.
    at: (usize, usize),
    /// Its bit in a set of rows (`1 << r` for the detector's row `r`).
    bit: u64,
    table: &'static Table,
    spec: &'static Row,
    requires: Keys,
    fields: Keys,
    /// The slot of the value the row discriminates on.
    value_at: Option<usize>,
    /// The position of the key the row discriminates on.
    value_key: Option<usize>,
}

/// The row that ranks highest among those offered, and whether another ranks as high.
#[derive(Default)]
struct Best<'a> {
    rank: Option<(usize, usize, usize)>,
    row: Option<&'a Prepared>,
    tied: bool,
}

impl<'a> Best<'a> {
    fn offer(&mut self, rank: (usize, usize, usize), row: &'a Prepared) {
        match self.rank {
            Some(best) if rank < best => {}
            Some(best) if rank == best => self.tied = true,
            _ => {
                *self = Best {
                    rank: Some(rank),
                    row: Some(row),
                    tied: false,
                }
            }
        }
    }

    /// The highest row, when no other ranks as high.
    fn only(&self) -> Option<&'a Prepared> {
        self.row.filter(|_| !self.tied)
    }
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
        // Four slots a name, a power of two: a key finds its slot, or the next, at once.
        let mut by_hash = vec![None; names.len().saturating_mul(4).next_power_of_two()];
        let mask = by_hash.len().wrapping_sub(1);
        for (at, name) in names.iter().enumerate() {
            let mut slot = hash(name.as_bytes());
            while by_hash.get(slot & mask).is_some_and(Option::is_some) {
                slot = slot.wrapping_add(1);
            }
            if let Some(free) = by_hash.get_mut(slot & mask) {
                *free = Some(at);
            }
        }
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
                let bit = u32::try_from(prepared.len())
                    .ok()
                    .and_then(|at| 1_u64.checked_shl(at))
                    .unwrap_or(0);
                prepared.push(Prepared {
                    at: (t, r),
                    bit,
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
                });
            }
        }
        let rows_naming = names
            .iter()
            .map(|name| {
                let names_it = |row: &Prepared| {
                    row.spec.requires.contains(name)
                        || row.spec.fields.contains(name)
                        || row.spec.value.key() == Some(*name)
                };
                (0..MAX_ROWS)
                    .zip(&prepared)
                    .filter(|(_, row)| names_it(row))
                    .fold(0_u64, |rows, (at, _)| rows | 1 << at)
            })
            .collect();
        Detector {
            tables,
            names,
            by_hash,
            value_slot,
            rows_naming,
            rows: prepared,
        }
    }

    /// The tables, as given.
    pub(crate) fn tables(&self) -> &'static [&'static Table] {
        self.tables
    }

    /// How many keys the tables name, how many of them carry a discriminating value, and
    /// how many rows they have: at most [`MAX_KEYS`], [`VALUE_SLOTS`] and [`MAX_ROWS`], or
    /// some go unseen.
    #[cfg(test)]
    pub(crate) fn sizes(&self) -> (usize, usize, usize) {
        (
            self.names.len(),
            self.value_slot.iter().flatten().count(),
            self.rows.len(),
        )
    }

    /// Which kind `body` is (see the [module](self)).
    pub(crate) fn detect(&self, body: &[u8]) -> Result<Found, Undecided> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(Undecided::Empty);
        }
        let mut top = TopLevel::new(false);
        let read = self.scan(body, &mut top);
        let decision = match read {
            Err(Stop::NotAnObject(what)) => {
                // Named by its first byte: JSON of that kind, or no JSON at all.
                return Err(match serde_json::from_slice::<IgnoredAny>(body) {
                    Ok(_) => Undecided::Shape(what.to_owned()),
                    Err(err) => Undecided::NotJson(err),
                });
            }
            _ => self.decide(&top),
        };
        match (decision, read) {
            (Decision::Found(found), _) => Ok(found),
            // Broken before a key pointed to a kind: `serde_json` says where and how.
            (_, Err(_)) => match serde_json::from_slice::<IgnoredAny>(body) {
                Err(err) => Err(Undecided::NotJson(err)),
                Ok(_) => Err(Undecided::Shape(self.describe(body))),
            },
            (Decision::Ambiguous(candidates), Ok(())) => Err(Undecided::Ambiguous(candidates)),
            (Decision::Nothing, Ok(())) => Err(Undecided::Shape(self.describe(body))),
        }
    }

    /// Decides from what the top level held (steps 1 to 4 of the [module](self)).
    fn decide(&self, top: &TopLevel<'_>) -> Decision {
        // The rows that fit, each looked at once (a discriminating value may be an object
        // to read): bit `r` for row `r`, as `top.rows`.
        let fitting_rows = self
            .rows_of(top.rows)
            .filter(|row| top.keys.includes(&row.requires) && self.value_holds(row, top))
            .fold(0_u64, |rows, row| rows | row.bit);
        let rank = |row: &Prepared| {
            (
                usize::from(row.value_key.is_some()),
                row.fields.common(&top.keys),
                row.requires.len(),
            )
        };
        let found = |row: &Prepared, fits| {
            Decision::Found(Found {
                table: row.at.0,
                row: row.at.1,
                fits,
            })
        };
        // One kind fits, and knows every key of the body that any kind names: no other can
        // fit it as well or know more of it. (The usual body, told without counting.)
        if fitting_rows.count_ones() == 1 {
            if let Some(only) = self.rows_of(fitting_rows).next() {
                if top.keys.within(&only.fields) {
                    return found(only, true);
                }
            }
        }
        // The best kind that fits, by (a value it names, keys of the body it knows, keys it
        // requires), and whether another fits as well.
        let mut fitting = Best::default();
        for row in self.rows_of(fitting_rows) {
            fitting.offer(rank(row), row);
        }
        // A kind that does not fit but knows at least two more of the body's keys than the
        // one that fits: the body is a broken body of that kind (an NXCloud receipt
        // without its `requestId` is no Wappin acknowledgement for having a `status`), and
        // its error says what it misses. So where none fits, or several fit equally (any
        // more is enough there). One key more than a kind that fits alone is not: a key a
        // provider adds must never change what a body is. (Where the kind that fits knows
        // every key of the body that any kind knows, none can know more.)
        let fitting_knows = fitting.rank.map(|(_, covered, _)| covered);
        let most = match (fitting.only(), fitting_knows) {
            (Some(_), Some(covered)) => covered.saturating_add(1),
            (None, covered) => covered.unwrap_or(0),
            (Some(_), None) => 0,
        };
        if fitting_knows.is_none_or(|covered| covered < top.keys.len()) {
            let mut near = Best::default();
            for row in self.rows_of(top.rows & !fitting_rows) {
                let covered = row.fields.common(&top.keys);
                // A row whose discriminating value the body contradicts is no nearer.
                let contradicted = row.value_key.is_some_and(|at| top.keys.contains(at))
                    && !self.value_holds(row, top);
                if covered > most && !contradicted {
                    near.offer((0, covered, 0), row);
                }
            }
            if let Some(row) = near.only() {
                return found(row, false);
            }
        }
        match (fitting.only(), fitting.rank) {
            (Some(row), _) => found(row, true),
            (None, Some(best)) => Decision::Ambiguous(
                self.rows_of(fitting_rows)
                    .filter(|row| rank(row) == best)
                    .map(|row| (row.table.provider, row.spec.kind))
                    .collect(),
            ),
            (None, None) => Decision::Nothing,
        }
    }

    /// The rows of the set `rows` (bit `r` for row `r`), in order.
    fn rows_of(&self, mut rows: u64) -> impl Iterator<Item = &Prepared> {
        std::iter::from_fn(move || {
            let at = rows.trailing_zeros() as usize;
            rows &= rows.wrapping_sub(1);
            self.rows.get(at)
        })
    }

    /// Whether the body holds the row's discriminating value.
    fn value_holds(&self, row: &Prepared, top: &TopLevel<'_>) -> bool {
        let Some(raw) = row
            .value_at
            .and_then(|slot| top.values.get(slot).copied().flatten())
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

    /// Reads the top level of `body` into `top`: which of the tables' keys it has, and
    /// the values some row discriminates on.
    fn scan<'de>(&self, body: &'de [u8], top: &mut TopLevel<'de>) -> Result<(), Stop> {
        top_level::entries(body, |key, value| {
            top.count = top.count.saturating_add(1);
            if let Some(named) = &mut top.named {
                if named.len() < KEYS_NAMED {
                    named.push(format!("`{}`", String::from_utf8_lossy(&key)));
                }
            }
            let Some(at) = self.position(&key) else {
                return;
            };
            top.keys.insert(at);
            top.rows |= self.rows_naming.get(at).copied().unwrap_or(0);
            if let Some(slot) = self.value_slot.get(at).copied().flatten() {
                if let Some(kept) = top.values.get_mut(slot) {
                    *kept = std::str::from_utf8(value).ok();
                }
            }
        })
    }

    /// The kinds of `provider`'s tables (of every table for `None`), nearest `body` first,
    /// for the error of a body of no kind: those of which it has the most required keys,
    /// then those that miss the fewest; in the tables' order where they tie. A kind of
    /// several rows (Viva's webhook message, by event type) comes once, by its nearest
    /// row.
    pub(crate) fn nearest(
        &self,
        body: &[u8],
        provider: Option<Provider>,
    ) -> Vec<(&'static Table, &'static Row)> {
        let mut top = TopLevel::new(false);
        let _ = self.scan(body, &mut top);
        let mut ranked: Vec<&Prepared> = self
            .rows
            .iter()
            .filter(|row| provider.is_none_or(|provider| row.table.provider == provider))
            .collect();
        ranked.sort_by_key(|row| {
            let has = row.requires.common(&top.keys);
            (Reverse(has), row.requires.len().saturating_sub(has))
        });
        let mut kinds: Vec<(&'static Table, &'static Row)> = Vec::new();
        for row in ranked {
            if !kinds.iter().any(|(table, kind)| {
                table.provider == row.table.provider && kind.kind == row.spec.kind
            }) {
                kinds.push((row.table, row.spec));
            }
        }
        kinds
    }

    /// What a body that fits no kind looks like, for the error: its keys, in order.
    pub(crate) fn describe(&self, body: &[u8]) -> String {
        let mut top = TopLevel::new(true);
        let _ = self.scan(body, &mut top);
        match top.count {
            0 => "an empty object".to_owned(),
            count => with_the_keys("an object", &top.named.unwrap_or_default(), count),
        }
    }

    /// The position of `key` in [`names`](Self::names), found by its hash: a key costs
    /// a hash and a comparison or two, where a search of the names cost ~200 instructions.
    fn position(&self, key: &[u8]) -> Option<usize> {
        let mask = self.by_hash.len().wrapping_sub(1);
        let mut slot = hash(key);
        loop {
            let at = (*self.by_hash.get(slot & mask)?)?;
            if self.names.get(at)?.as_bytes() == key {
                return Some(at);
            }
            slot = slot.wrapping_add(1);
        }
    }
}

/// `what`, with its first keys `named` (at most [`KEYS_NAMED`]) of `count`, for an error:
/// "an object with the keys `a`, `b`", "a form with the keys `k`, ... and 3 more".
pub(crate) fn with_the_keys(what: &str, named: &[String], count: usize) -> String {
    match count.saturating_sub(named.len()) {
        0 => format!("{what} with the keys {}", named.join(", ")),
        more => format!("{what} with the keys {} and {more} more", named.join(", ")),
    }
}

/// The hash of a key: FNV-1a, as the event module's digest (short keys, no adversary:
/// a key no table names ends at an empty slot).
fn hash(key: &[u8]) -> usize {
    let hash = key.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    // The low bits pick the slot; the high ones are mixed in.
    (hash ^ (hash >> 32)) as usize
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

/// Whether the raw JSON `value` is an object with the top-level key `key`: its top
/// level read as a body's is, for its keys (a broken object is the typed parse's to
/// refuse; the keys before the break still count).
fn object_has_key(value: &str, key: &str) -> bool {
    let mut has = false;
    let _ = top_level::entries(value.as_bytes(), |found, _| {
        has |= *found == *key.as_bytes();
    });
    has
}

/// A set of positions in [`Detector::names`]: one bit each. (Of a fixed size, so that
/// telling a body's kind allocates nothing; [`MAX_KEYS`] is what it holds.)
#[derive(Clone, Copy, Default)]
struct Keys(u128);

impl Keys {
    fn insert(&mut self, at: usize) {
        if at < MAX_KEYS {
            self.0 |= 1 << at;
        }
    }

    fn contains(&self, at: usize) -> bool {
        at < MAX_KEYS && self.0 & (1 << at) != 0
    }

    /// Whether every position of `other` is in this set.
    fn includes(&self, other: &Keys) -> bool {
        other.0 & !self.0 == 0
    }

    /// Whether every position of this set is in `other`.
    fn within(&self, other: &Keys) -> bool {
        other.includes(self)
    }

    /// How many positions the two sets share.
    fn common(&self, other: &Keys) -> usize {
        (self.0 & other.0).count_ones() as usize
    }

    /// How many positions it holds.
    fn len(&self) -> usize {
        self.0.count_ones() as usize
    }
}

/// What the top level of a body held.
struct TopLevel<'de> {
    keys: Keys,
    /// The rows that name one of its keys: no other can fit it or come near it.
    rows: u64,
    /// The raw values of the keys some row discriminates on, by slot.
    values: [Option<&'de str>; VALUE_SLOTS],
    /// The first keys, for an error that says what the body looks like.
    named: Option<Vec<String>>,
    count: usize,
}

impl TopLevel<'_> {
    /// Nothing read yet; `named` keeps the first keys' names, for an error.
    fn new(named: bool) -> Self {
        TopLevel {
            keys: Keys::default(),
            rows: 0,
            values: [None; VALUE_SLOTS],
            named: named.then(Vec::new),
            count: 0,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS_A: &[&str] = &["a", "b", "c", "f"];

    static ONE: Table = Table {
        provider: Provider::NxCloud,
        payload: "callback",
        rows: &[
            Row {
                kind: "a-kind",
                requires: &["a", "b"],
                value: Value::Any,
                fields: FIELDS_A,
            },
            Row {
                kind: "b-kind",
                requires: &["a"],
                value: Value::Any,
                fields: &["a", "d"],
            },
            Row {
                kind: "coded",
                requires: &["x"],
                value: Value::Codes("t", &[1, 2]),
                fields: &["x", "t"],
            },
            Row {
                kind: "other-coded",
                requires: &["x"],
                value: Value::Otherwise("t"),
                fields: &["x", "t"],
            },
            Row {
                kind: "with-inner",
                requires: &["w"],
                value: Value::ObjectWith("w", "inner"),
                fields: &["w"],
            },
        ],
    };

    static TWO: Table = Table {
        provider: Provider::Wappin,
        payload: "payload",
        rows: &[Row {
            kind: "e-kind",
            requires: &["e"],
            value: Value::Any,
            fields: &["e"],
        }],
    };

    static TABLES: [&Table; 2] = [&ONE, &TWO];

    fn detector() -> &'static Detector {
        static DETECTOR: Lazy = Lazy::new(&TABLES);
        DETECTOR.get()
    }

    /// The kind `body` is of, by name, and whether it fits.
    fn kind(body: &str) -> Result<(&'static str, bool), Undecided> {
        detector().detect(body.as_bytes()).map(|found| {
            let table = TABLES[found.table];
            (table.rows[found.row].kind, found.fits)
        })
    }

    #[test]
    fn a_body_is_of_the_kind_whose_keys_it_has_in_any_order() {
        for body in [
            r#"{"a":1,"b":2}"#,
            r#"{"b":2,"a":1}"#,
            " {\n \"b\" : [1, {\"a\": 2}] , \"a\":\"x\" } ",
        ] {
            assert_eq!(kind(body).unwrap(), ("a-kind", true), "{body}");
        }
    }

    #[test]
    fn the_kind_that_knows_more_of_the_body_wins_and_unknown_keys_never_count() {
        // Both fit; a-kind knows `a` and `b`, b-kind `a` alone.
        assert_eq!(kind(r#"{"a":1,"b":2}"#).unwrap().0, "a-kind");
        // b-kind fits alone; `zz` counts for no kind.
        assert_eq!(kind(r#"{"zz":0,"a":1}"#).unwrap(), ("b-kind", true));
        // b-kind knows `d`: with `b` too, each knows two of the body's keys, and
        // a-kind requires more.
        assert_eq!(kind(r#"{"a":1,"b":2,"d":3}"#).unwrap().0, "a-kind");
    }

    #[test]
    fn two_kinds_that_fit_equally_are_named_both() {
        match kind(r#"{"e":1,"a":2}"#) {
            Err(Undecided::Ambiguous(candidates)) => assert_eq!(
                candidates,
                [(Provider::NxCloud, "b-kind"), (Provider::Wappin, "e-kind")]
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_body_that_fits_no_kind_is_read_as_the_nearest_or_described() {
        assert_eq!(kind(r#"{"b":1,"c":2}"#).unwrap(), ("a-kind", false));
        // A kind that does not fit but knows two keys more than the one that does; one
        // more is not enough (a key added to an e-kind body leaves it one).
        assert_eq!(
            kind(r#"{"e":1,"b":1,"c":2,"f":3}"#).unwrap(),
            ("a-kind", false)
        );
        assert_eq!(kind(r#"{"e":1,"b":1,"c":2}"#).unwrap(), ("e-kind", true));
        match kind(r#"{"hello":"world","n":1}"#) {
            Err(Undecided::Shape(found)) => {
                assert_eq!(found, "an object with the keys `hello`, `n`")
            }
            other => panic!("{other:?}"),
        }
        match kind("{}") {
            Err(Undecided::Shape(found)) => assert_eq!(found, "an empty object"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_discriminating_value_decides_among_rows_of_the_same_keys() {
        assert_eq!(kind(r#"{"x":0,"t":1}"#).unwrap().0, "coded");
        assert_eq!(kind(r#"{"t":"2","x":0}"#).unwrap().0, "coded");
        assert_eq!(kind(r#"{"x":0,"t":3}"#).unwrap().0, "other-coded");
        assert_eq!(kind(r#"{"x":0,"t":"three"}"#).unwrap().0, "other-coded");
        assert_eq!(kind(r#"{"x":0,"t":1.5}"#).unwrap().0, "other-coded");
        assert_eq!(
            kind(r#"{"w":{"a":1,"inner":null}}"#).unwrap(),
            ("with-inner", true)
        );
        assert!(kind(r#"{"w":{"a":{"inner":1}}}"#).is_err());
        assert!(kind(r#"{"w":null}"#).is_err());
    }

    #[test]
    fn the_nearest_kinds_have_the_most_required_keys_then_miss_the_fewest() {
        let kinds = |body: &str, provider| -> Vec<&str> {
            detector()
                .nearest(body.as_bytes(), provider)
                .iter()
                .map(|(_, row)| row.kind)
                .collect()
        };
        // Both have `a`; b-kind misses nothing more. The others, by what they miss, in the
        // tables' order.
        assert_eq!(
            kinds(r#"{"zz":1,"a":2}"#, None),
            [
                "b-kind",
                "a-kind",
                "coded",
                "other-coded",
                "with-inner",
                "e-kind"
            ]
        );
        assert_eq!(kinds("[1]", Some(Provider::Wappin)), ["e-kind"]);
        assert_eq!(
            detector().describe(br#"{"b":1,"c":2}"#),
            "an object with the keys `b`, `c`"
        );
    }

    #[test]
    fn a_broken_body_is_judged_by_the_keys_before_the_break() {
        assert_eq!(kind(r#"{"a":1,"b":"#).unwrap(), ("a-kind", true));
        assert!(matches!(kind(r#"{"zz":1,"#), Err(Undecided::NotJson(_))));
        assert!(matches!(kind("<html>"), Err(Undecided::NotJson(_))));
        assert!(matches!(kind("  \n"), Err(Undecided::Empty)));
        match kind("[1]") {
            Err(Undecided::Shape(found)) => assert_eq!(found, "an array"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(kind("[1"), Err(Undecided::NotJson(_))));
    }
}
