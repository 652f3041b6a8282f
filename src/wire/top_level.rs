//! The top level of a JSON object, read for its keys: each key, and its value's raw text.
//!
//! Detection ([`detect`](super::detect)) needs every top-level key of a body before the
//! body is read as its kind, which reads it whole and checks every byte. So this reads
//! only what tells the entries apart: strings to their closing quote, scalars to the next
//! delimiter, containers to the bracket that closes them, each byte once, never
//! recursing. What is inside is the typed parse's to check, with the field's path.

use std::borrow::Cow;

use smallvec::SmallVec;

/// Why the top level was not read to its end.
#[derive(Debug, PartialEq)]
pub(crate) enum Stop {
    /// The body is JSON of another kind, as its first byte says: "an array", "null", ...
    NotAnObject(&'static str),
    /// What came is not JSON, or not the end of the object.
    Broken,
}

/// The top-level entries of a JSON object, in order: each key (decoded when it has
/// escapes) and its value's raw JSON text, sixteen of them without allocating (the
/// samples have at most twelve).
pub(crate) struct TopLevel<'a> {
    pub(crate) entries: SmallVec<[Entry<'a>; 16]>,
    /// The lengths of the keys, a bit each (modulo 64): a key of a length none has is not
    /// among them, told without comparing it with each.
    lengths: u64,
    /// Whether the object was read to its end. A key whose value breaks is kept with an
    /// empty value (no JSON value is empty): it still tells what the body was meant to be.
    pub(crate) end: Result<(), Stop>,
}

/// A key, and its value's raw JSON text.
type Entry<'a> = (Cow<'a, [u8]>, &'a [u8]);

impl<'a> TopLevel<'a> {
    /// The top level of `body`.
    pub(crate) fn of(body: &'a [u8]) -> Self {
        let mut top = TopLevel {
            entries: SmallVec::new(),
            lengths: 0,
            end: Ok(()),
        };
        top.end = top.read_entries(body);
        top
    }

    /// The raw value of `key`, where the body has it.
    #[inline]
    pub(crate) fn value(&self, key: &str) -> Option<&'a [u8]> {
        if self.lengths & bit(key.len()) == 0 {
            return None;
        }
        // The first bytes first: most keys of one length differ there.
        let key = key.as_bytes();
        let same = |name: &[u8]| name.len() == key.len() && name.first() == key.first();
        let mut entries = self.entries.iter();
        entries
            .find(|(name, _)| same(name) && **name == *key)
            .map(|(_, value)| *value)
    }

    /// How many of `keys` the body has, where that is at least `least`: it counts until
    /// the keys left could not make it up.
    pub(crate) fn count(&self, keys: &[&str], least: usize) -> Option<usize> {
        let mut may_miss = keys.len().checked_sub(least)?;
        for _ in keys.iter().filter(|key| self.value(key).is_none()) {
            may_miss = may_miss.checked_sub(1)?;
        }
        least.checked_add(may_miss)
    }

    fn read_entries(&mut self, body: &'a [u8]) -> Result<(), Stop> {
        let mut rest = match space(body) {
            [b'{', rest @ ..] => space(rest),
            [b'[', ..] => return Err(Stop::NotAnObject("an array")),
            [b'"', ..] => return Err(Stop::NotAnObject("a string")),
            [b't' | b'f', ..] => return Err(Stop::NotAnObject("a boolean")),
            [b'n', ..] => return Err(Stop::NotAnObject("null")),
            [b'-' | b'0'..=b'9', ..] => return Err(Stop::NotAnObject("a number")),
            _ => return Err(Stop::Broken),
        };
        if let [b'}', ..] = rest {
            return Ok(());
        }
        loop {
            let [b'"', ..] = rest else {
                return Err(Stop::Broken);
            };
            let (len, escaped) = string_len(rest).ok_or(Stop::Broken)?;
            let (quoted, after_key) = rest.split_at_checked(len).ok_or(Stop::Broken)?;
            let key = key_bytes(quoted, escaped).ok_or(Stop::Broken)?;
            let [b':', after_colon @ ..] = space(after_key) else {
                return Err(Stop::Broken);
            };
            rest = space(after_colon);
            self.lengths |= bit(key.len());
            let Some((value, after_value)) =
                value_len(rest).and_then(|len| rest.split_at_checked(len))
            else {
                self.entries.push((key, b""));
                return Err(Stop::Broken);
            };
            self.entries.push((key, value));
            rest = match space(after_value) {
                [b',', rest @ ..] => space(rest),
                [b'}', ..] => return Ok(()),
                _ => return Err(Stop::Broken),
            };
        }
    }
}

/// The bit of a key's length in [`TopLevel::lengths`].
#[inline]
fn bit(len: usize) -> u64 {
    1 << (len % 64)
}

/// `bytes` from its first byte that is not JSON white space on. (Any control byte counts
/// as space here: outside strings JSON allows none but space, tab, line feed and carriage
/// return, and the typed parse refuses the others.)
#[inline]
fn space(mut bytes: &[u8]) -> &[u8] {
    while let [..=b' ', rest @ ..] = bytes {
        bytes = rest;
    }
    bytes
}

/// The length of the string `bytes` starts with, quotes included, and whether it has an
/// escape.
#[inline]
fn string_len(bytes: &[u8]) -> Option<(usize, bool)> {
    let (mut from, mut escaped) = (1_usize, false);
    loop {
        let at = from.saturating_add(memchr::memchr2(b'"', b'\\', bytes.get(from..)?)?);
        if bytes.get(at) == Some(&b'"') {
            return Some((at.saturating_add(1), escaped));
        }
        // A backslash escapes the byte after it (the rest of `\u0061` is plain).
        escaped = true;
        from = at.saturating_add(2);
    }
}

/// The length of the JSON value `bytes` starts with: a string to its closing quote, an
/// object or array to the bracket that closes it, anything else to the next delimiter.
#[inline]
fn value_len(bytes: &[u8]) -> Option<usize> {
    let delimiter = |byte: &u8| matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r');
    match bytes.first()? {
        b'"' => string_len(bytes).map(|(len, _)| len),
        b'{' | b'[' => container_len(bytes),
        b',' | b'}' | b']' => None,
        _ => Some(bytes.iter().position(delimiter).unwrap_or(bytes.len())),
    }
}

/// The length of the object or array `bytes` starts with: to the bracket that brings the
/// depth back to none, counting brackets outside strings. What is inside, and which
/// bracket closes, are the typed parse's to check. It never recurses: a container nested
/// 100 000 deep costs no stack.
fn container_len(bytes: &[u8]) -> Option<usize> {
    let (mut depth, mut at) = (0_usize, 0_usize);
    loop {
        match bytes.get(at)? {
            b'"' => at = at.saturating_add(string_len(bytes.get(at..)?)?.0),
            b'{' | b'[' => (depth, at) = (depth.saturating_add(1), at.saturating_add(1)),
            b'}' | b']' if depth <= 1 => return Some(at.saturating_add(1)),
            b'}' | b']' => (depth, at) = (depth.saturating_sub(1), at.saturating_add(1)),
            _ => at = at.saturating_add(1),
        }
    }
}

/// A key's bytes, quotes off: borrowed when it is plain, decoded by `serde_json` when it
/// has escapes.
#[inline]
fn key_bytes(quoted: &[u8], escaped: bool) -> Option<Cow<'_, [u8]>> {
    if escaped {
        let key = serde_json::from_slice::<String>(quoted).ok()?;
        return Some(Cow::Owned(key.into_bytes()));
    }
    quoted
        .get(1..quoted.len().saturating_sub(1))
        .map(Cow::Borrowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entries of `body`, `key=value` each, and how the reading ended.
    fn read(body: &str) -> (String, Result<(), Stop>) {
        let top = TopLevel::of(body.as_bytes());
        let text = String::from_utf8_lossy;
        let entries: Vec<_> = (top.entries.iter())
            .map(|(key, value)| format!("{}={}", text(key), text(value)))
            .collect();
        (entries.join(" "), top.end)
    }

    #[test]
    fn each_value_is_passed_over_whole_and_a_break_ends_the_entries() {
        let body = r#" { "a" : 1 , "b":-2.5e3,"c":"x\"y\\","d":{"e":[1,{"f":"]}"}]},"g":true, "i":[] ,"j":{"k":[1}],"st\u0061tus":2}"#;
        let entries =
            r#"a=1 b=-2.5e3 c="x\"y\\" d={"e":[1,{"f":"]}"}]} g=true i=[] j={"k":[1}] status=2"#;
        let deep = format!(
            r#"{{"a":{}1{},"b":2}}"#,
            "[".repeat(1 << 17),
            "]".repeat(1 << 17)
        );
        assert!(read(&deep).0.ends_with("] b=2"));
        for (body, entries, end) in [
            (body, entries, Ok(())),
            (" null", "", Err(Stop::NotAnObject("null"))),
            ("<html>", "", Err(Stop::Broken)),
            (r#"{"a":1,"b":"#, "a=1 b=", Err(Stop::Broken)),
            (r#"{"a":1 "b":2}"#, "a=1", Err(Stop::Broken)),
            (r#"{"a":1,}"#, "a=1", Err(Stop::Broken)),
            (r#"{"a":{"b":[1,2}"#, "a=", Err(Stop::Broken)),
            (r#"{"\u00":1}"#, "", Err(Stop::Broken)),
        ] {
            assert_eq!(read(body), (entries.to_owned(), end), "{body}");
        }
    }
}
