//! Telling payload kinds apart by their keys, before parsing.
//!
//! NXCloud posts receipts and replies as JSON objects with no field that names the kind:
//! a receipt has `status`, `requestId` and `code`, a reply `phone`, `appkey` and
//! `traceRequestId`. Wappin's payloads share most of their keys (`client_id`, `status`,
//! `message_id`) and are told apart by the set of keys, and the token response by the
//! `access_token` inside its `data`. The peek reads the top-level keys in order, skipping
//! their values without building them, and stops at the first key that decides, or
//! decides from all the keys at the end of the object; the body is then parsed once, as
//! the kind it decided. [`replay`](super::replay) applies the same rules while it reads
//! the body in one pass; the peek is the path taken when that gives up, and gives the
//! exact error.

use std::fmt;

use serde::Deserializer as _;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::object::Key;
use crate::{Error, Provider};

/// At most this many keys are named when no key decides.
const KEYS_NAMED: usize = 8;

/// What the peek found.
pub(crate) enum Peeked<K> {
    /// The keys decided the kind.
    Kind(K),
    /// They did not; what the body looked like, for the error.
    Undecided(String),
}

/// How a payload family tells its kinds apart from the top-level keys of a body.
pub(crate) trait Decide {
    /// The kinds it tells apart.
    type Kind;

    /// Whether deciding on `key` needs its value. Keys that do not are looked at before
    /// their value is read (with an empty value), so that a broken value after a key that
    /// decides is reported by the typed parse, with its path.
    fn wants_value(&self, _key: &[u8]) -> bool {
        false
    }

    /// Looks at one top-level key and, when it [wants](Self::wants_value) it, its raw JSON
    /// value (or the body from the value on: read no further than needed); `Some` when
    /// that decides.
    fn key(&mut self, key: &[u8], value: &[u8]) -> Option<Self::Kind>;

    /// After the last key: decides from all the keys seen, or `None`.
    fn end(&mut self) -> Option<Self::Kind>;
}

/// Decides on the first key that names a kind, and never from the keys together.
#[derive(Clone, Copy)]
pub(crate) struct ByKey<F>(pub(crate) F);

impl<K, F: Fn(&[u8]) -> Option<K>> Decide for ByKey<F> {
    type Kind = K;

    fn key(&mut self, key: &[u8], _: &[u8]) -> Option<K> {
        (self.0)(key)
    }

    fn end(&mut self) -> Option<K> {
        None
    }
}

/// Reads the top-level keys of `body` until `decide` names a kind.
///
/// A JSON syntax error met before the keys decide is returned as it is.
pub(crate) fn peek_kind<D: Decide>(
    body: &[u8],
    mut decide: D,
) -> Result<Peeked<D::Kind>, serde_json::Error> {
    if let Some(kind) = scan_keys(body, &mut decide) {
        return Ok(Peeked::Kind(kind));
    }
    // Anything the scan does not expect (an escaped key, broken JSON, no decision) is read
    // again by serde from the start, which gives the exact error or says what the body is.
    let mut outcome = None;
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let result = deserializer.deserialize_any(PeekVisitor {
        decide,
        outcome: &mut outcome,
    });
    match (outcome, result) {
        (Some(peeked), _) => Ok(peeked),
        (None, Err(err)) => Err(err),
        (None, Ok(())) => Ok(Peeked::Undecided("an unreadable body".to_owned())),
    }
}

/// Tells which kind of `provider`'s payloads `body` is, or says why it cannot: an empty
/// body, broken JSON, or a shape none of `expected` has.
pub(crate) fn detect<D: Decide>(
    body: &[u8],
    decide: D,
    provider: Provider,
    payload: &'static str,
    expected: &'static str,
) -> Result<D::Kind, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { provider, payload });
    }
    match peek_kind(body, decide)
        .map_err(|err| super::json::json_error(err, String::new(), body, provider, payload))?
    {
        Peeked::Kind(kind) => Ok(kind),
        Peeked::Undecided(found) => Err(Error::Shape {
            provider,
            expected,
            found,
        }),
    }
}

/// Whether `value` is a JSON object with the top-level key `key` (Wappin's token `data`
/// holds `access_token`). A value the scan cannot read plainly counts as without it.
pub(crate) fn object_has_key(value: &[u8], key: &str) -> bool {
    scan_keys(
        value,
        &mut ByKey(|found: &[u8]| (found == key.as_bytes()).then_some(())),
    )
    .is_some()
}

/// The fast path: reads `{"key": value, ...}` byte by byte until the keys decide,
/// skipping each value with `serde_json` without building it. Gives up (`None`) at
/// anything else, so that stopping early never costs an error value.
fn scan_keys<D: Decide>(body: &[u8], decide: &mut D) -> Option<D::Kind> {
    let mut rest = body
        .trim_ascii_start()
        .strip_prefix(b"{")?
        .trim_ascii_start();
    if rest.starts_with(b"}") {
        return decide.end();
    }
    loop {
        // Keys are compared as bytes (the rules name ASCII keys; the typed parse checks
        // the UTF-8 of the whole body afterwards). An escaped key is left to serde.
        rest = rest.strip_prefix(b"\"")?;
        let end = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
        let (key, after) = rest.split_at_checked(end)?;
        let value = after
            .strip_prefix(b"\"")?
            .trim_ascii_start()
            .strip_prefix(b":")?
            .trim_ascii_start();
        // A key that wants its value is shown the body from the value on: it reads only
        // as far as it needs (the token's `data` decides at its first key).
        let shown: &[u8] = if decide.wants_value(key) { value } else { b"" };
        if let Some(kind) = decide.key(key, shown) {
            return Some(kind);
        }
        let after = value.get(value_len(value)?..)?.trim_ascii_start();
        if let Some(after) = after.strip_prefix(b",") {
            rest = after.trim_ascii_start();
        } else {
            // The object ends here; what follows it is left to the typed parse.
            after.strip_prefix(b"}")?;
            return decide.end();
        }
    }
}

/// The length of the JSON value at the start of `value`. Strings, numbers and the
/// literals, the values met before a key decides, are measured by their grammar; an
/// object or an array is read by `serde_json` without being built. `None` for anything
/// that is not plainly a value (the caller then leaves the body to serde). The typed
/// parse validates it all afterwards.
fn value_len(value: &[u8]) -> Option<usize> {
    match value.first()? {
        b'"' => split_string(value).map(|(string, _)| string.len()),
        b'n' => value.starts_with(b"null").then_some(4),
        b't' => value.starts_with(b"true").then_some(4),
        b'f' => value.starts_with(b"false").then_some(5),
        b'-' | b'0'..=b'9' => number_len(value),
        _ => {
            let mut values = serde_json::Deserializer::from_slice(value).into_iter::<IgnoredAny>();
            values.next()?.ok()?;
            Some(values.byte_offset())
        }
    }
}

/// Splits the string at the start of `value`, quotes included, from what follows it: it
/// ends at the first quote after an even run of backslashes, found with `memchr` (which
/// looks at many bytes at a time).
fn split_string(value: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut from = 1_usize;
    loop {
        let quote = from.checked_add(memchr::memchr(b'"', value.get(from..)?)?)?;
        let backslashes = value
            .get(..quote)?
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        let end = quote.checked_add(1)?;
        if backslashes & 1 == 0 {
            return value.split_at_checked(end);
        }
        from = end;
    }
}

/// The length of the number at the start of `value`, by JSON's grammar:
/// `-? digits (. digits)? ([eE] [+-]? digits)?`, with no leading zero.
fn number_len(value: &[u8]) -> Option<usize> {
    fn digits(rest: &[u8]) -> Option<&[u8]> {
        let count = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 { None } else { rest.get(count..) }
    }
    let unsigned = value.strip_prefix(b"-").unwrap_or(value);
    let mut rest = digits(unsigned)?;
    if unsigned.starts_with(b"0") && unsigned.len().checked_sub(rest.len()) != Some(1) {
        return None; // a leading zero: not JSON
    }
    if let Some(fraction) = rest.strip_prefix(b".") {
        rest = digits(fraction)?;
    }
    if let Some(exponent) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exponent = exponent
            .strip_prefix(b"+")
            .or_else(|| exponent.strip_prefix(b"-"))
            .unwrap_or(exponent);
        rest = digits(exponent)?;
    }
    value.len().checked_sub(rest.len())
}

struct PeekVisitor<'a, D: Decide> {
    decide: D,
    outcome: &'a mut Option<Peeked<D::Kind>>,
}

impl<D: Decide> PeekVisitor<'_, D> {
    /// Records a body that is not an object and stops reading.
    fn not_an_object<E: de::Error>(self, what: &str) -> Result<(), E> {
        *self.outcome = Some(Peeked::Undecided(what.to_owned()));
        Err(E::custom("peek done"))
    }
}

impl<'de, D: Decide> Visitor<'de> for PeekVisitor<'_, D> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut named: Vec<String> = Vec::new();
        let mut count = 0_usize;
        while let Some(Key(key)) = map.next_key()? {
            let decided = if self.decide.wants_value(key.as_bytes()) {
                let value: &RawValue = map.next_value()?;
                self.decide.key(key.as_bytes(), value.get().as_bytes())
            } else {
                let decided = self.decide.key(key.as_bytes(), b"");
                if decided.is_none() {
                    map.next_value::<IgnoredAny>()?;
                }
                decided
            };
            if let Some(kind) = decided {
                *self.outcome = Some(Peeked::Kind(kind));
                // Stop here: the rest of the body is read once, by the typed parse.
                return Err(de::Error::custom("peek done"));
            }
            count = count.saturating_add(1);
            if named.len() < KEYS_NAMED {
                named.push(format!("`{key}`"));
            }
        }
        if let Some(kind) = self.decide.end() {
            *self.outcome = Some(Peeked::Kind(kind));
            return Ok(());
        }
        let found = match count {
            0 => "an empty object".to_owned(),
            n if n > named.len() => format!(
                "an object with the keys {} and {} more",
                named.join(", "),
                n.saturating_sub(named.len())
            ),
            _ => format!("an object with the keys {}", named.join(", ")),
        };
        *self.outcome = Some(Peeked::Undecided(found));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(key: &[u8]) -> Option<&'static str> {
        match key {
            b"status" => Some("receipt"),
            b"phone" => Some("reply"),
            _ => None,
        }
    }

    fn kind(body: &str) -> Option<&'static str> {
        match peek_kind(body.as_bytes(), ByKey(decide)) {
            Ok(Peeked::Kind(kind)) => Some(kind),
            _ => None,
        }
    }

    #[test]
    fn the_scan_skips_every_kind_of_value_before_the_deciding_key() {
        for body in [
            r#"{"status":"seen"}"#,
            r#" { "a" : 1 , "b":-2.5e3,"c":"x\"y\\","d":{"e":[1,{"f":null}]},"g":true,"h":null, "phone":1}"#,
            "{\n\t\"n\": 12345678901234567890123,\r\n\"status\": 1}",
            r#"{"a":[],"b":{},"c":"","status":0}"#,
        ] {
            assert!(
                scan_keys(body.as_bytes(), &mut ByKey(decide)).is_some(),
                "{body}"
            );
            assert!(kind(body).is_some(), "{body}");
        }
    }

    #[test]
    fn the_scan_gives_up_and_serde_decides_or_explains() {
        // An escaped key: serde decodes it.
        let escaped = r#"{"st\u0061tus":"seen"}"#;
        assert!(scan_keys(escaped.as_bytes(), &mut ByKey(decide)).is_none());
        assert_eq!(kind(escaped), Some("receipt"));

        for (body, found) in [
            (r#"{"a":1}"#, "an object with the keys `a`"),
            ("{}", "an empty object"),
            ("[1]", "an array"),
            ("null", "null"),
            ("\"x\"", "a string"),
        ] {
            match peek_kind(body.as_bytes(), ByKey(decide)) {
                Ok(Peeked::Undecided(what)) => assert_eq!(what, found),
                _ => panic!("{body}: expected undecided"),
            }
        }
        for broken in [
            r#"{"a":}"#,
            r#"{"a":1"#,
            "{",
            "nul",
            r#"{"a" 1, "status":2}"#,
        ] {
            assert!(
                peek_kind(broken.as_bytes(), ByKey(decide)).is_err(),
                "{broken}"
            );
        }
    }

    /// Decides `"ack"` for an object whose only key is `status`, from all its keys.
    #[derive(Default)]
    struct OnlyStatus {
        status: bool,
        others: bool,
    }

    impl Decide for OnlyStatus {
        type Kind = &'static str;

        fn key(&mut self, key: &[u8], _: &[u8]) -> Option<&'static str> {
            match key {
                b"status" => self.status = true,
                _ => self.others = true,
            }
            None
        }

        fn end(&mut self) -> Option<&'static str> {
            (self.status && !self.others).then_some("ack")
        }
    }

    #[test]
    fn the_keys_together_decide_at_the_end_of_the_object() {
        for (body, expected) in [
            (r#"{"status":"000"}"#, Some("ack")),
            (" { \"status\" : \"000\" } trailing", Some("ack")),
            (r#"{"st\u0061tus":"000"}"#, Some("ack")),
            (r#"{"status":"000","message":"x"}"#, None),
            ("{}", None),
        ] {
            let found = match peek_kind(body.as_bytes(), OnlyStatus::default()) {
                Ok(Peeked::Kind(kind)) => Some(kind),
                _ => None,
            };
            assert_eq!(found, expected, "{body}");
        }
    }

    #[test]
    fn a_nested_object_is_searched_for_a_key() {
        assert!(object_has_key(
            br#"{"a":1,"access_token":"x"}"#,
            "access_token"
        ));
        assert!(!object_has_key(
            br#"{"a":{"access_token":"x"}}"#,
            "access_token"
        ));
        assert!(!object_has_key(b"null", "access_token"));
        assert!(!object_has_key(br#"["access_token"]"#, "access_token"));
    }

    #[test]
    fn a_value_is_measured_to_its_end_escapes_and_all() {
        for (value, len) in [
            (r#""plain","#, Some(7)),
            (r#""a\"b" }"#, Some(6)),
            (r#""a\\\\" }"#, Some(7)),
            (r#""\\\"" , "#, Some(6)),
            (r#""""#, Some(2)),
            (r#"{"a":[1,"}"]},"#, Some(13)),
            ("-12.5e3 ,", Some(7)),
            ("null}", Some(4)),
            ("true,", Some(4)),
            ("false}", Some(5)),
            ("0,", Some(1)),
            ("-0.5e-3}", Some(7)),
            ("12E+2 ", Some(5)),
            (r#""a\\\"b\\" ,"#, Some(10)),
            (r#""open"#, None),
            ("nul", None),
            ("nulx", None),
            ("01", None),
            ("1.}", None),
            ("-", None),
            ("1e}", None),
        ] {
            assert_eq!(value_len(value.as_bytes()), len, "{value}");
        }
    }
}
