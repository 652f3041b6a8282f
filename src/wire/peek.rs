//! Telling payload kinds apart by their keys, before parsing.
//!
//! NXCloud posts receipts and replies as JSON objects with no field that names the kind:
//! a receipt has `status`, `requestId` and `code`, a reply `phone`, `appkey` and
//! `traceRequestId`. The peek reads the top-level keys in order, skipping their values
//! without building them, and stops at the first key that decides; the body is then
//! parsed once, as the kind it decided.

use std::fmt;

use serde::Deserializer as _;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::object::Key;

/// At most this many keys are named when no key decides.
const KEYS_NAMED: usize = 8;

/// What the peek found.
pub(crate) enum Peeked<K> {
    /// A key decided the kind.
    Kind(K),
    /// No key decided; what the body looked like, for the error.
    Undecided(String),
}

/// Reads the top-level keys of `body` until `decide` names a kind.
///
/// A JSON syntax error met before any key decides is returned as it is.
pub(crate) fn peek_kind<K>(
    body: &[u8],
    decide: impl Fn(&str) -> Option<K>,
) -> Result<Peeked<K>, serde_json::Error> {
    if let Some(kind) = scan_keys(body, &decide) {
        return Ok(Peeked::Kind(kind));
    }
    // Anything the scan does not expect (an escaped key, broken JSON, no deciding key)
    // is read by serde, which gives the exact error or says what the body is.
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

/// The fast path: reads `{"key": value, ...}` byte by byte up to the first key that
/// decides, skipping each value with `serde_json` without building it. Gives up (`None`)
/// at anything else, so that stopping early never costs an error value.
fn scan_keys<K>(body: &[u8], decide: &impl Fn(&str) -> Option<K>) -> Option<K> {
    let mut rest = body.trim_ascii_start().strip_prefix(b"{")?;
    loop {
        rest = rest.trim_ascii_start().strip_prefix(b"\"")?;
        let end = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
        let (key, after) = rest.split_at_checked(end)?;
        // An escaped key is left to serde, which decodes it.
        let after = after.strip_prefix(b"\"")?;
        if let Some(kind) = decide(std::str::from_utf8(key).ok()?) {
            return Some(kind);
        }
        let value = after.trim_ascii_start().strip_prefix(b":")?;
        let mut values = serde_json::Deserializer::from_slice(value).into_iter::<IgnoredAny>();
        values.next()?.ok()?;
        rest = value
            .get(values.byte_offset()..)?
            .trim_ascii_start()
            .strip_prefix(b",")?;
    }
}

struct PeekVisitor<'a, F, K> {
    decide: F,
    outcome: &'a mut Option<Peeked<K>>,
}

impl<F, K> PeekVisitor<'_, F, K> {
    /// Records a body that is not an object and stops reading.
    fn not_an_object<E: de::Error>(self, what: &str) -> Result<(), E> {
        *self.outcome = Some(Peeked::Undecided(what.to_owned()));
        Err(E::custom("peek done"))
    }
}

impl<'de, F: Fn(&str) -> Option<K>, K> Visitor<'de> for PeekVisitor<'_, F, K> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut named: Vec<String> = Vec::new();
        let mut count = 0_usize;
        while let Some(Key(key)) = map.next_key()? {
            if let Some(kind) = (self.decide)(&key) {
                *self.outcome = Some(Peeked::Kind(kind));
                // Stop here: the rest of the body is read once, by the typed parse.
                return Err(de::Error::custom("peek done"));
            }
            count = count.saturating_add(1);
            if named.len() < KEYS_NAMED {
                named.push(format!("`{key}`"));
            }
            map.next_value::<IgnoredAny>()?;
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

    fn decide(key: &str) -> Option<&'static str> {
        match key {
            "status" => Some("receipt"),
            "phone" => Some("reply"),
            _ => None,
        }
    }

    fn kind(body: &str) -> Option<&'static str> {
        match peek_kind(body.as_bytes(), decide) {
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
            assert!(scan_keys(body.as_bytes(), &decide).is_some(), "{body}");
            assert!(kind(body).is_some(), "{body}");
        }
    }

    #[test]
    fn the_scan_gives_up_and_serde_decides_or_explains() {
        // An escaped key: serde decodes it.
        let escaped = r#"{"st\u0061tus":"seen"}"#;
        assert!(scan_keys(escaped.as_bytes(), &decide).is_none());
        assert_eq!(kind(escaped), Some("receipt"));

        for (body, found) in [
            (r#"{"a":1}"#, "an object with the keys `a`"),
            ("{}", "an empty object"),
            ("[1]", "an array"),
            ("null", "null"),
            ("\"x\"", "a string"),
        ] {
            match peek_kind(body.as_bytes(), decide) {
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
            assert!(peek_kind(broken.as_bytes(), decide).is_err(), "{broken}");
        }
    }
}
