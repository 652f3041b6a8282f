//! Telling a body's kind by tables of kinds ([`kinds!`](super::kinds::kinds)): a row per
//! kind names the keys a body of it has, every one (`requires`), the top-level fields its
//! type knows (`knows`), and where the provider names its kinds, its [`Tag`]. From the
//! body's top-level keys ([`TopLevel`]):
//!
//! 1. A body with the keys a tagged row requires, and its tag, is of that kind.
//! 2. Else a kind fits when the body has every key its row requires. Of those, the one
//!    that knows the most of the body's keys wins (the others would keep some of them as
//!    unknown fields), then the one that requires the most; a tie is
//!    [`Undecided::Ambiguous`].
//! 3. A kind that does not fit, whose tag the body does not contradict, but knows two
//!    more of the body's keys than the one that fits (one key a provider adds never
//!    changes a body's kind), or one more where none or several fit equally, is the
//!    body's [nearest](Decision::Nearest).
//!
//! Key order never matters, and a key no row names never counts. A body whose JSON
//! breaks before its top level ends is judged by the keys before the break, so that the
//! kind they point to gives the error, with its path.

use std::cmp::Ordering;

use smallvec::{SmallVec, smallvec};

use super::number::{Sent, code_from_text};
use super::top_level::{Stop, TopLevel};
use crate::{Error, Provider};

/// A provider's table of kinds, each read into a `P`.
pub(crate) struct Table<P: 'static> {
    /// Whose kinds they are.
    pub(crate) provider: Provider,
    /// What errors call a body before its kind is known: `"callback"`.
    pub(crate) family: &'static str,
    pub(crate) rows: &'static [Row<P>],
}

/// One kind of a [`Table`].
pub(crate) struct Row<P> {
    /// The kind's name: `"receipt"`.
    pub(crate) kind: &'static str,
    /// The keys a body of the kind has, every one.
    pub(crate) requires: &'static [&'static str],
    /// Every top-level field its type knows: how much of a body it explains.
    pub(crate) knows: &'static [&'static str],
    /// Where the provider names the kind by a value, that value.
    pub(crate) tag: Option<Tag>,
    /// Reads a body as the kind.
    pub(crate) read: fn(&[u8]) -> Result<P, Error>,
}

/// The value at a top-level key (one the row requires) that names its kind.
pub(crate) enum Tag {
    /// An integer code (a number or a string of digits) among these (`EventTypeId`).
    Codes(&'static str, &'static [i64]),
    /// A value no `Codes` row names: the kind that keeps what the provider adds later.
    Otherwise(&'static str),
    /// An object with this key inside (Wappin's token answer: `data.access_token`).
    ObjectWith(&'static str, &'static str),
}

impl Tag {
    /// Whether the body's value names the row's kind; `None` where it has no such key.
    fn holds<P>(&self, body: &TopLevel<'_>, tables: &[&'static Table<P>]) -> Option<bool> {
        let (Tag::Codes(key, _) | Tag::Otherwise(key) | Tag::ObjectWith(key, _)) = *self;
        let value = body.value(key)?;
        let raw = std::str::from_utf8(value).ok();
        let code = raw.and_then(|raw| code_from_text(Sent(raw).text()));
        let named = |codes: &[i64]| code.is_some_and(|code| codes.contains(&code));
        Some(match *self {
            Tag::Codes(_, codes) => named(codes),
            Tag::Otherwise(_) => !rows(tables).any(|(_, row)| {
                matches!(row.tag, Some(Tag::Codes(other, codes)) if other == key && named(codes))
            }),
            Tag::ObjectWith(_, inner) => TopLevel::of(value).value(inner).is_some(),
        })
    }
}

/// What detection decides a body is.
pub(crate) enum Decision<P: 'static> {
    /// It fits this kind.
    Fits(&'static Table<P>, &'static Row<P>),
    /// It comes nearer this kind than it fits any (rule 3): it is read as the kind, and
    /// gets the kind's error if its type does not read it.
    Nearest(&'static Table<P>, &'static Row<P>),
}

/// Why a body's kind could not be told.
#[derive(Debug)]
pub(crate) enum Undecided {
    /// Nothing but white space.
    Empty,
    /// No kind fits it or comes near (or it is no JSON: its error says so first).
    NoKind,
    /// Several kinds fit it equally: (provider, kind) of each.
    Ambiguous(Vec<(Provider, &'static str)>),
}

/// Every row of `tables`, with its table, in order.
pub(crate) fn rows<'t, P>(
    tables: &'t [&'static Table<P>],
) -> impl Iterator<Item = (&'static Table<P>, &'static Row<P>)> + 't {
    tables
        .iter()
        .flat_map(|&table| table.rows.iter().map(move |row| (table, row)))
}

/// Which kind of `tables` `body` is (see the [module](self)).
pub(crate) fn detect<P>(
    tables: &[&'static Table<P>],
    body: &[u8],
) -> Result<Decision<P>, Undecided> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Undecided::Empty);
    }
    let top = TopLevel::of(body);
    match top.end {
        Err(Stop::NotAnObject(_)) => Err(Undecided::NoKind),
        // Broken before a key pointed to a kind: its error will say where.
        Err(Stop::Broken) => decide(tables, &top).map_err(|_| Undecided::NoKind),
        Ok(()) => decide(tables, &top),
    }
}

/// Decides from the body's top level.
fn decide<P>(tables: &[&'static Table<P>], body: &TopLevel<'_>) -> Result<Decision<P>, Undecided> {
    // The rows that fit, those whose tag the body holds apart.
    let (mut tagged, mut untagged) = (SmallVec::<[_; 4]>::new(), SmallVec::<[_; 4]>::new());
    for &table in tables {
        for row in table.rows {
            // (A body with fewer keys than the row requires has not every one.)
            let has = |key: &&str| body.value(key).is_some();
            if row.requires.len() > body.entries.len() || !row.requires.iter().all(has) {
                continue;
            }
            match &row.tag {
                None => untagged.push((table, row)),
                Some(tag) if tag.holds(body, tables) == Some(true) => tagged.push((table, row)),
                Some(_) => {}
            }
        }
    }
    // A tag decides (step 1), and so does the one kind that fits and knows every key of
    // the body.
    let by_tag = !tagged.is_empty();
    let fitting = if by_tag { tagged } else { untagged };
    if let [(table, row)] = fitting[..] {
        let only_required = row.requires.len() == body.entries.len();
        if by_tag || only_required || body.count(row.knows, body.entries.len()).is_some() {
            return Ok(Decision::Fits(table, row));
        }
    }
    // Step 2: the body's keys a row knows, then the keys it requires.
    let (best, fits) = highest(fitting, |(_, row)| {
        Some((body.count(row.knows, 0)?, row.requires.len()))
    });
    let knows = best.map_or(0, |(knows, _)| knows);
    // Step 3, where the kind that fits does not know every key of the body.
    if !by_tag && (fits.len() != 1 || knows < body.entries.len()) {
        let least = knows.saturating_add(if fits.len() == 1 { 2 } else { 1 });
        // (A kind that fits knows fewer: it cannot come nearer.)
        let (_, nearest) = highest(rows(tables), |(_, row)| {
            let count = body.count(row.knows, least)?;
            let tag = row.tag.as_ref().and_then(|tag| tag.holds(body, tables));
            (tag != Some(false)).then_some(count)
        });
        if let [(table, row)] = nearest[..] {
            return Ok(Decision::Nearest(table, row));
        }
    }
    match fits[..] {
        [] => Err(Undecided::NoKind),
        [(table, row)] => Ok(Decision::Fits(table, row)),
        _ => Err(Undecided::Ambiguous(
            fits.iter()
                .map(|(table, row)| (table.provider, row.kind))
                .collect(),
        )),
    }
}

/// The items of the highest `rank` (several where they tie), in order, and that rank; an
/// item of no rank is passed over.
fn highest<T, R: Ord>(
    items: impl IntoIterator<Item = T>,
    rank: impl Fn(&T) -> Option<R>,
) -> (Option<R>, SmallVec<[T; 4]>) {
    let mut best: (Option<R>, SmallVec<[T; 4]>) = (None, SmallVec::new());
    for item in items {
        let Some(of) = rank(&item) else { continue };
        match best.0.as_ref().map(|best| of.cmp(best)) {
            Some(Ordering::Less) => {}
            Some(Ordering::Equal) => best.1.push(item),
            _ => best = (Some(of), smallvec![item]),
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row that reads nothing: the tests ask for the kind alone.
    const fn row(kind: &'static str, requires: &'static [&str], knows: &'static [&str]) -> Row<()> {
        let read = |_: &[u8]| Ok(());
        Row {
            kind,
            requires,
            knows,
            tag: None,
            read,
        }
    }

    const fn tagged(kind: &'static str, keys: &'static [&str], tag: Tag) -> Row<()> {
        Row {
            tag: Some(tag),
            ..row(kind, keys, keys)
        }
    }

    static ONE: Table<()> = Table {
        provider: Provider::NxCloud,
        family: "callback",
        rows: &[
            row("a-kind", &["a", "b"], &["a", "b", "c", "f"]),
            row("b-kind", &["a"], &["a", "d"]),
            tagged("coded", &["x", "t"], Tag::Codes("t", &[1, 2])),
            tagged("other-coded", &["x", "t"], Tag::Otherwise("t")),
            tagged("with-inner", &["w"], Tag::ObjectWith("w", "inner")),
        ],
    };

    static TWO: Table<()> = Table {
        provider: Provider::Wappin,
        family: "payload",
        rows: &[row("e-kind", &["e"], &["e"])],
    };

    /// What `body` is: the kind it fits, `near` the nearest, or why it is of none.
    fn kind(body: &str) -> String {
        match detect(&[&ONE, &TWO], body.as_bytes()) {
            Ok(Decision::Fits(_, row)) => row.kind.to_owned(),
            Ok(Decision::Nearest(_, row)) => format!("near {}", row.kind),
            Err(why) => format!("{why:?}").replace("-kind", ""),
        }
    }

    #[test]
    fn a_tag_decides_then_the_kind_that_knows_most_of_the_body_in_any_key_order() {
        for (body, kind_of) in [
            (r#"{"a":1,"b":2}"#, "a-kind"),
            (r#" {"b" : [1, {"a": 2}] , "a":"x"}"#, "a-kind"),
            // `zz` counts for no kind; where each knows two keys, a-kind requires more.
            (r#"{"zz":0,"a":1}"#, "b-kind"),
            (r#"{"a":1,"b":2,"d":3}"#, "a-kind"),
            (
                r#"{"e":1,"a":2}"#,
                r#"Ambiguous([(NxCloud, "b"), (Wappin, "e")])"#,
            ),
            (r#"{"b":1,"c":2}"#, "near a-kind"),
            // Two keys more than the kind that fits; one is not enough.
            (r#"{"e":1,"b":1,"c":2,"f":3}"#, "near a-kind"),
            (r#"{"e":1,"b":1,"c":2}"#, "e-kind"),
            (r#"{"hello":1}"#, "NoKind"),
            ("{}", "NoKind"),
            ("[1]", "NoKind"),
            // A tag decides; a broken body is judged by the keys before the break.
            (r#"{"x":0,"t":1}"#, "coded"),
            (r#"{"t":"2","x":0}"#, "coded"),
            (r#"{"x":0,"t":3}"#, "other-coded"),
            (r#"{"x":0,"t":"three"}"#, "other-coded"),
            (r#"{"x":0,"t":"02"}"#, "other-coded"),
            // A row whose tag the body contradicts comes no nearer.
            (r#"{"t":1}"#, "near coded"),
            (r#"{"w":{"a":1,"inner":null}}"#, "with-inner"),
            (r#"{"w":{"a":{"inner":1}}}"#, "NoKind"),
            (r#"{"w":null}"#, "NoKind"),
            (r#"{"a":1,"b":"#, "a-kind"),
            (r#"{"zz":1,"#, "NoKind"),
            ("  \n", "Empty"),
        ] {
            assert_eq!(kind(body), kind_of, "{body}");
        }
    }
}
