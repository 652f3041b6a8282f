//! The errors of a body whose kind could not be told: empty, not JSON, of no kind, or of
//! several equally.

use std::cmp::Reverse;

use super::detect::{Row, Table, Tag, Undecided, rows};
use super::json::not_json;
use super::top_level::{Stop, TopLevel};
use crate::{Error, Provider};

/// At most this many keys are named when a body fits no kind.
pub(crate) const KEYS_NAMED: usize = 8;

/// Who reads a body, for the errors of one whose kind it could not tell: a provider's
/// entry point (its table's family, `nxcloud callback`), or [`parse`](crate::parse),
/// which reads every provider's.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reader {
    /// The provider whose payloads are read; `None` for every provider's.
    pub(crate) provider: Option<Provider>,
    /// What errors call a body read: `"callback"`, `"payload"`.
    pub(crate) family: &'static str,
}

impl Reader {
    /// [`parse`](crate::parse): any provider's payload.
    pub(crate) const ANY: Reader = Reader {
        provider: None,
        family: "payload",
    };

    /// The entry point of `table`'s provider, which reads its family.
    pub(crate) const fn of<P>(table: &Table<P>) -> Reader {
        Reader {
            provider: Some(table.provider),
            family: table.family,
        }
    }

    /// `err`, met reading the body as the kind this reader told, as the reader's: a body
    /// that is not JSON names what was read, never the kind its first keys point to.
    pub(crate) fn own(self, mut err: Error) -> Error {
        if let Error::NotJson {
            provider, payload, ..
        } = &mut err
        {
            (*provider, *payload) = (self.provider, self.family);
        }
        err
    }
}

/// What [`parse`](crate::parse) reads, for its errors: the shapes of a request it takes.
pub(crate) fn any_request() -> Vec<String> {
    ["a JSON body", "a form", "a query string"]
        .map(str::to_owned)
        .to_vec()
}

/// The error of a body whose kind could not be told among `tables`, as `reader` reports
/// it: a body that is not JSON is said to be so before anything else.
pub(crate) fn undecided<P>(
    tables: &[&'static Table<P>],
    reader: Reader,
    body: &[u8],
    why: Undecided,
) -> Error {
    let not_json = || not_json(body, reader.provider, reader.family);
    match why {
        Undecided::Empty => match reader.provider {
            Some(provider) => Error::Empty {
                provider,
                payload: reader.family,
            },
            None => Error::NoProvider {
                expected: any_request(),
                found: "the body is empty".to_owned(),
            },
        },
        Undecided::NoKind => not_json().unwrap_or_else(|| no_kind(tables, reader, body)),
        Undecided::Ambiguous(candidates) => not_json().unwrap_or_else(|| ambiguous(candidates)),
    }
}

/// The error of a body of no kind: what it looks like, and the kinds of `reader`'s
/// provider (of every provider for [`parse`](crate::parse)), nearest it first: those of
/// which it has the most required keys, then those that miss the fewest, in the tables'
/// order where they tie. A kind of several rows (Viva's webhook message, by event type)
/// comes once, by its nearest row.
fn no_kind<P>(tables: &[&'static Table<P>], reader: Reader, body: &[u8]) -> Error {
    let top = TopLevel::of(body);
    let mut ranked: Vec<_> = rows(tables)
        .filter(|(table, _)| reader.provider.is_none_or(|of| table.provider == of))
        .collect();
    ranked.sort_by_key(|(_, row)| {
        let has = top.count(row.requires, 0).unwrap_or(0);
        (Reverse(has), row.requires.len().saturating_sub(has))
    });
    let mut expected = Vec::with_capacity(ranked.len());
    let mut previous = None;
    for (at, &(table, row)) in ranked.iter().enumerate() {
        let same = |(other, kind): &(&Table<P>, &Row<P>)| {
            other.provider == table.provider && kind.kind == row.kind
        };
        if ranked.iter().take(at).any(same) {
            continue;
        }
        let article = match previous {
            Some(provider) if provider == table.provider => String::new(),
            _ => format!("{} ", table.provider.with_article()),
        };
        expected.push(format!("{article}{}", described(row)));
        previous = Some(table.provider);
    }
    let found = looks_like(&top);
    crate::error::of_no_kind(reader.provider, expected, found)
}

/// A row's kind with the keys that tell it apart: "receipt (`status`, `requestId`,
/// `code`)", "token response (`status`, `data` with `access_token`)".
fn described<P>(row: &Row<P>) -> String {
    let key = |key: &&str| match row.tag {
        Some(Tag::ObjectWith(tagged, inner)) if tagged == *key => format!("`{key}` with `{inner}`"),
        _ => format!("`{key}`"),
    };
    let keys: Vec<String> = row.requires.iter().map(key).collect();
    format!("{} ({})", row.kind, keys.join(", "))
}

/// What a body of no kind looks like, for its error: "an array", "an empty object", "an
/// object with the keys `a`, `b`".
fn looks_like(top: &TopLevel<'_>) -> String {
    if let Err(Stop::NotAnObject(what)) = top.end {
        return what.to_owned();
    }
    let named: Vec<String> = (top.entries.iter().take(KEYS_NAMED))
        .map(|(key, _)| format!("`{}`", String::from_utf8_lossy(key)))
        .collect();
    match top.entries.len() {
        0 => "an empty object".to_owned(),
        count => with_the_keys("an object", &named, count),
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

/// The error of a body that fits `candidates` equally well.
fn ambiguous(candidates: Vec<(Provider, &'static str)>) -> Error {
    let provider = candidates.first().map(|(provider, _)| *provider);
    let one_provider = candidates.iter().all(|(other, _)| Some(*other) == provider);
    Error::Ambiguous {
        provider: provider.filter(|_| one_provider),
        candidates: candidates
            .into_iter()
            .map(|(provider, kind)| format!("{provider} {kind}"))
            .collect(),
    }
}
