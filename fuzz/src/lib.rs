//! What the fuzz targets share: how a `parse` input is split into body and query, what is
//! done with a value that parsed (everything the crate offers on it), and the round-trip
//! oracles.
//!
//! "The same payload" means what `tests/fixtures.rs` means by it: written back, a payload
//! reads again as an equal value and writes the same bytes again, and it is the same JSON
//! as the body it came from (`serde_json::Value` equality: key order and spacing aside),
//! or for eSMS the same keys and decoded values in the same order (as `serde_urlencoded`
//! decodes them).

use std::borrow::Cow;
use std::fmt::Debug;

use provider_payloads::{Error, Event, ListUnrecognized, Payload, Provider};

/// Splits a `parse` input at its first NUL byte: the body before it, the query string
/// after it (as UTF-8, invalid bytes replaced). An input with no NUL is all body.
///
/// JSON bodies cannot hold a raw NUL, so a body fixture is its own input, and an eSMS
/// fixture (a query string and an empty body) is a NUL followed by the query.
pub fn split(data: &[u8]) -> (&[u8], Cow<'_, str>) {
    match data.iter().position(|&byte| byte == 0) {
        Some(at) => {
            let (body, rest) = data.split_at(at);
            (
                body,
                String::from_utf8_lossy(rest.get(1..).unwrap_or_default()),
            )
        }
        None => (data, Cow::Borrowed("")),
    }
}

/// Uses what every parsed value offers: its `Debug` and the list of what it did not
/// recognize, each finding shown.
pub fn inspect<T: Debug + ListUnrecognized>(value: &T) {
    let _ = format!("{value:?}");
    for finding in value.unrecognized() {
        let _ = finding.to_string();
    }
}

/// Uses a normalized event: its key, its provider and its JSON form.
pub fn inspect_event(event: &Event) {
    let _ = event.idempotency_key();
    let _ = event.provider();
    if let Err(err) = serde_json::to_vec(event) {
        panic!("an event does not serialize: {err}: {event:?}");
    }
}

/// Uses everything a [`Payload`] offers.
pub fn inspect_payload(payload: &Payload) {
    let _ = payload.provider();
    let _ = payload.kind();
    if let Some(event) = payload.event() {
        inspect_event(&event);
    }
    let _ = payload.answer();
    inspect(payload);
}

/// Uses an error: its message, provider and path; for a provider's own entry point the
/// error names that provider, as the invalid-fixture test asserts of every message: an
/// error of the body as a whole leads with the reason and names the provider after it;
/// one of a field starts with the provider and the kind.
pub fn inspect_error(err: &Error, provider: Option<Provider>) {
    let message = err.to_string();
    let _ = err.path();
    if let Some(provider) = provider {
        assert_eq!(err.provider(), Some(provider), "{message}");
        let of_the_body = matches!(
            err,
            Error::Empty { .. }
                | Error::EmptyQuery { .. }
                | Error::NotJson { .. }
                | Error::NoKind { .. }
                | Error::Ambiguous { .. }
        );
        if of_the_body {
            let lower = message.to_lowercase();
            assert!(lower.contains(provider.as_str()), "{message}");
        } else {
            assert!(message.starts_with(provider.as_str()), "{message}");
        }
    }
}

/// Checks that a lenient read and a strict read agree: the strict one succeeds exactly
/// when the lenient one does and recognizes everything, with the same value.
pub fn strict_agrees<T: Debug + PartialEq + ListUnrecognized>(
    lenient: &Result<T, Error>,
    strict: &Result<T, Error>,
) {
    match (lenient, strict) {
        (Ok(lenient), Ok(strict)) => {
            assert_eq!(lenient, strict, "strict and lenient reads differ");
            assert!(
                lenient.unrecognized().is_empty(),
                "the strict read accepted {:?}",
                lenient.unrecognized()
            );
        }
        (Ok(lenient), Err(err)) => assert!(
            !lenient.unrecognized().is_empty(),
            "the strict read refused what it recognizes: {err}"
        ),
        (Err(err), Ok(_)) => panic!("the strict read accepted what the lenient refused: {err}"),
        (Err(_), Err(_)) => {}
    }
}

/// Writes `value` back, reads that again, and checks it is an equal value that writes the
/// same bytes. Returns what was written.
pub fn written_back<T: Debug + PartialEq>(
    value: &T,
    write: impl Fn(&T) -> Result<Vec<u8>, Error>,
    read: impl Fn(&[u8]) -> Result<T, Error>,
) -> Vec<u8> {
    let wire = write(value)
        .unwrap_or_else(|err| panic!("it parsed but is not written back: {err}\n{value:#?}"));
    let again = read(&wire).unwrap_or_else(|err| {
        panic!(
            "written back, it does not parse: {err}\nwritten: {}\nfirst value: {value:#?}",
            String::from_utf8_lossy(&wire)
        )
    });
    assert_eq!(
        &again,
        value,
        "written back, it reads as another value; written: {}",
        String::from_utf8_lossy(&wire)
    );
    let wire_again =
        write(&again).unwrap_or_else(|err| panic!("not written the second time: {err}"));
    assert_eq!(
        String::from_utf8_lossy(&wire_again),
        String::from_utf8_lossy(&wire),
        "written twice, the bytes differ"
    );
    wire
}

/// The keys the crate reads in two spellings and writes in one, the spelling of the
/// document's example (Wappin's table spells `status_message` and `environtment`, its
/// examples `status_messages` and `environment`): (the other spelling, the one written).
const ALIASES: [(&str, &str); 2] = [
    ("status_message", "status_messages"),
    ("environtment", "environment"),
];

/// Renames, in every object of `value`, an [`ALIASES`] key to the spelling written back
/// when the object does not have that spelling too. Done to both sides of a comparison,
/// so the one rename the crate makes by design is not a difference.
fn spelt_as_written(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (alias, written) in ALIASES {
                if !map.contains_key(written) {
                    if let Some(field) = map.remove(alias) {
                        map.insert(written.to_owned(), field);
                    }
                }
            }
            map.values_mut().for_each(spelt_as_written);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(spelt_as_written),
        _ => {}
    }
}

/// Checks that `written` is the same JSON as `original`, but for the spellings the crate
/// writes in the example's way ([`ALIASES`]).
pub fn same_json(original: &[u8], written: &[u8]) {
    let Ok(mut original_value) = serde_json::from_slice::<serde_json::Value>(original) else {
        // Deeper than serde_json's own limit for a `Value`; the typed read took it.
        return;
    };
    let mut written_value: serde_json::Value =
        serde_json::from_slice(written).unwrap_or_else(|err| {
            panic!(
                "written back, it is not JSON: {err}: {}",
                String::from_utf8_lossy(written)
            )
        });
    spelt_as_written(&mut original_value);
    spelt_as_written(&mut written_value);
    assert_eq!(
        written_value,
        original_value,
        "written back, it is other JSON: {}",
        String::from_utf8_lossy(written)
    );
}

/// Checks that `written` has the same keys and decoded values, in order, as the query
/// `original` (white space around it and a leading `?` aside, as `from_query` reads it).
pub fn same_query(original: &str, written: &str) {
    let pairs = |query: &str| {
        let query = query.trim();
        let query = query.strip_prefix('?').unwrap_or(query);
        serde_urlencoded::from_str::<Vec<(String, String)>>(query)
            .unwrap_or_else(|err| panic!("not a query: {err}: {query}"))
    };
    assert_eq!(pairs(written), pairs(original), "written back: {written}");
}

/// Reads `data` with a JSON payload type's `from_json` and `from_json_strict`, checks that
/// they agree, and uses what parsed: inspected, written back to an equal value and the
/// same JSON as `data`. An error must name `provider`. Gives the lenient read's value.
#[macro_export]
macro_rules! json_type {
    ($data:expr, $ty:ty, $provider:expr) => {{
        let data: &[u8] = $data;
        let lenient = <$ty>::from_json(data);
        let strict = <$ty>::from_json_strict(data);
        $crate::strict_agrees(&lenient, &strict);
        match &lenient {
            Ok(value) => {
                $crate::inspect(value);
                let wire = $crate::written_back(value, <$ty>::to_json, <$ty>::from_json);
                $crate::same_json(data, &wire);
            }
            Err(err) => $crate::inspect_error(err, Some($provider)),
        }
        lenient.ok()
    }};
}
