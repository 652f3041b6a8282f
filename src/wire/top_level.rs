//! The top level of a JSON object, read for its keys: each key, and where its value lies,
//! without reading the values.
//!
//! Detection ([`detect`](super::detect)) needs every top-level key of a body before the
//! body is read as its kind, which reads it whole and checks every byte. So this reads
//! only what tells the entries apart: strings to their closing quote, scalars to the next
//! delimiter, and containers (an object or array value) to the bracket that closes them.
//! It checks no more than that: a number, an escape, UTF-8, a bracket that closes the
//! wrong container are the typed parse's to refuse, with the field's path. Reading the whole top level
//! with `serde_json` costs as much as the typed parse of a small body does (a Wappin
//! inquiry: 690 instructions against 1360), more than the whole of detection may.
//!
//! It never recurses, and it reads each byte once.

use std::borrow::Cow;

/// Why the top level was not read to its end.
#[derive(Debug, PartialEq)]
pub(crate) enum Stop {
    /// The body is JSON of another kind than an object, as its first byte says: "an
    /// array", "a string", ...
    NotAnObject(&'static str),
    /// What came is not JSON (or not the end of the object): the entries before it were
    /// given.
    Broken,
}

/// Gives `entry` each entry of the JSON object `body`, in order: the key's bytes
/// (decoded when it has escapes) and the value's raw JSON text. A key whose value breaks
/// is given with an empty value (no JSON value is empty), then the reading stops: the key
/// still tells what the body was meant to be.
pub(crate) fn entries<'a>(
    body: &'a [u8],
    mut entry: impl FnMut(Cow<'a, [u8]>, &'a [u8]),
) -> Result<(), Stop> {
    let mut rest = space(body);
    match rest.first() {
        Some(b'{') => rest = space(after(rest, 1)),
        Some(b'[') => return Err(Stop::NotAnObject("an array")),
        Some(b'"') => return Err(Stop::NotAnObject("a string")),
        Some(b't' | b'f') => return Err(Stop::NotAnObject("a boolean")),
        Some(b'n') => return Err(Stop::NotAnObject("null")),
        Some(b'-' | b'0'..=b'9') => return Err(Stop::NotAnObject("a number")),
        _ => return Err(Stop::Broken),
    }
    if rest.first() == Some(&b'}') {
        return Ok(());
    }
    loop {
        if rest.first() != Some(&b'"') {
            return Err(Stop::Broken);
        }
        let (len, escaped) = string_len(rest)?;
        let (quoted, after_key) = rest.split_at_checked(len).ok_or(Stop::Broken)?;
        let key = key_bytes(quoted, escaped)?;
        rest = space(after_key);
        if rest.first() != Some(&b':') {
            return Err(Stop::Broken);
        }
        rest = space(after(rest, 1));
        match value_len(rest)
            .ok()
            .and_then(|len| rest.split_at_checked(len))
        {
            Some((value, after_value)) => {
                entry(key, value);
                rest = space(after_value);
            }
            None => {
                entry(key, b"");
                return Err(Stop::Broken);
            }
        }
        match rest.first() {
            Some(b',') => rest = space(after(rest, 1)),
            Some(b'}') => return Ok(()),
            _ => return Err(Stop::Broken),
        }
    }
}

/// `bytes` from `len` on (nothing, past its end).
#[inline]
fn after(bytes: &[u8], len: usize) -> &[u8] {
    bytes.get(len..).unwrap_or_default()
}

/// `bytes` from its first byte that is not JSON white space on. (Any control byte counts
/// as space here, one comparison a byte: outside strings, JSON allows none but space, tab,
/// line feed and carriage return, and the typed parse refuses the others.)
#[inline]
fn space(mut bytes: &[u8]) -> &[u8] {
    while let [..=b' ', rest @ ..] = bytes {
        bytes = rest;
    }
    bytes
}

/// The length of the string `bytes` starts with, quotes included, and whether it has an
/// escape. (`memchr` looks at many bytes at a time: half the instructions of a loop over
/// a 20-byte string, a thirtieth over a long one.)
#[inline]
fn string_len(bytes: &[u8]) -> Result<(usize, bool), Stop> {
    let mut from = 1_usize;
    let mut escaped = false;
    loop {
        let found = memchr::memchr2(b'"', b'\\', after(bytes, from)).ok_or(Stop::Broken)?;
        let at = from.saturating_add(found);
        if bytes.get(at) == Some(&b'"') {
            return Ok((at.saturating_add(1), escaped));
        }
        // A backslash escapes the byte after it (the rest of `\u0061` is plain).
        escaped = true;
        from = at.saturating_add(2);
    }
}

/// The length of the JSON value `bytes` starts with.
#[inline]
fn value_len(bytes: &[u8]) -> Result<usize, Stop> {
    match bytes.first() {
        Some(b'"') => string_len(bytes).map(|(len, _)| len),
        Some(b'{' | b'[') => container_len(bytes),
        Some(b',' | b'}' | b']') | None => Err(Stop::Broken),
        Some(_) => Ok(bytes
            .iter()
            .position(|byte| matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(bytes.len())),
    }
}

/// The length of the object or array `bytes` starts with: to the bracket that closes
/// it, counting brackets outside strings. What is inside is the typed parse's to check,
/// as the rest of a value is; a bracket that closes the wrong kind of container is too.
/// It never recurses: a container nested 100 000 deep costs no stack.
fn container_len(bytes: &[u8]) -> Result<usize, Stop> {
    let mut depth = 0_usize;
    let mut at = 0_usize;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => {
                let (len, _) = string_len(after(bytes, at))?;
                at = at.saturating_add(len);
                continue;
            }
            b'{' | b'[' => depth = depth.saturating_add(1),
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Ok(at.saturating_add(1));
                }
            }
            _ => {}
        }
        at = at.saturating_add(1);
    }
    Err(Stop::Broken)
}

/// A key's bytes, quotes off: borrowed when it is plain, decoded by `serde_json` when it
/// has escapes.
#[inline]
fn key_bytes(quoted: &[u8], escaped: bool) -> Result<Cow<'_, [u8]>, Stop> {
    if escaped {
        return serde_json::from_slice::<String>(quoted)
            .map(|key| Cow::Owned(key.into_bytes()))
            .map_err(|_| Stop::Broken);
    }
    quoted
        .get(1..quoted.len().saturating_sub(1))
        .map(Cow::Borrowed)
        .ok_or(Stop::Broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> (Vec<(String, String)>, Result<(), Stop>) {
        let mut found = Vec::new();
        let result = entries(body.as_bytes(), |key, value| {
            found.push((
                String::from_utf8(key.into_owned()).unwrap(),
                String::from_utf8(value.to_vec()).unwrap(),
            ))
        });
        (found, result)
    }

    #[test]
    fn every_kind_of_value_is_passed_over_whole() {
        let (found, result) = read(
            r#" { "a" : 1 , "b":-2.5e3,"c":"x\"y\\","d":{"e":[1,{"f":"]}"}]},"g":true,"h":null, "i":[] ,"j":{}}"#,
        );
        assert_eq!(result, Ok(()));
        let expected = [
            ("a", "1"),
            ("b", "-2.5e3"),
            ("c", r#""x\"y\\""#),
            ("d", r#"{"e":[1,{"f":"]}"}]}"#),
            ("g", "true"),
            ("h", "null"),
            ("i", "[]"),
            ("j", "{}"),
        ];
        let found: Vec<(&str, &str)> = found
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_container_ends_at_the_bracket_that_brings_the_depth_back() {
        // Brackets inside strings do not count; which kind closes is the typed parse's to
        // check.
        let (found, result) = read(r#"{"a":{"b":"}]","c":[1}],"d":2}"#);
        assert_eq!(result, Ok(()));
        assert_eq!(
            found[0],
            ("a".to_owned(), r#"{"b":"}]","c":[1}]"#.to_owned())
        );
        assert_eq!(found[1], ("d".to_owned(), "2".to_owned()));
    }

    #[test]
    fn an_escaped_key_is_decoded() {
        let (found, result) = read(r#"{"st\u0061tus":"seen","\"q\"":1}"#);
        assert_eq!(result, Ok(()));
        assert_eq!(found[0].0, "status");
        assert_eq!(found[1].0, "\"q\"");
    }

    #[test]
    fn what_is_not_an_object_is_named_by_its_first_byte() {
        for (body, what) in [
            ("[1]", "an array"),
            (" \"x\"", "a string"),
            ("true", "a boolean"),
            ("null", "null"),
            ("-1", "a number"),
        ] {
            assert_eq!(read(body).1, Err(Stop::NotAnObject(what)), "{body}");
        }
        assert_eq!(read("").1, Err(Stop::Broken));
        assert_eq!(read("<html>").1, Err(Stop::Broken));
    }

    #[test]
    fn a_broken_body_stops_after_the_entries_before_the_break() {
        for (body, keys) in [
            (r#"{"a":1,"b":"#, 2),
            (r#"{"a":1,"b":"open"#, 2),
            (r#"{"a":1 "b":2}"#, 1),
            (r#"{"a" 1}"#, 0),
            (r#"{"a":1,}"#, 1),
            (r#"{"a":{"b":[1,2}"#, 1),
            ("{", 0),
            (r#"{"a":1"#, 1),
            (r#"{"\u00":1}"#, 0),
        ] {
            let (found, result) = read(body);
            assert_eq!(result, Err(Stop::Broken), "{body}");
            assert_eq!(found.len(), keys, "{body}");
        }
        assert_eq!(read("{}").1, Ok(()));
        assert_eq!(read("{} trailing").1, Ok(()));
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let deep = format!(
            r#"{{"a":{}1{},"b":2}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let (found, result) = read(&deep);
        assert_eq!(result, Ok(()));
        assert_eq!(found.len(), 2);
        assert_eq!(found[1], ("b".to_owned(), "2".to_owned()));
    }
}
