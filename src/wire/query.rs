//! Query strings: eSMS calls the customer's URL with an HTTP `GET` and puts the whole
//! callback in the query string (`SMSID=...&SendStatus=5&...&error_info=%22%7B...`).
//!
//! Reading is strict where `percent-encoding`'s decoder is lenient: a `%` not followed by
//! two hex digits is an error rather than text kept as it is, and a value that does not
//! decode to UTF-8 is an error rather than replacement characters. `+` is a space. The
//! older eSMS document's sample sends `error_info` with raw spaces, quotes and braces
//! (`error_info="{\"error\":-114,...}"`): not a valid URL, but readable, so raw
//! characters other than `&` and `=` are taken as they are. Writing uses
//! `percent-encoding`.

use std::borrow::Cow;
use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Why a query value could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// A `%` at this byte offset is not followed by two hex digits.
    BadEscape(usize),
    /// The decoded bytes are not UTF-8.
    NotUtf8,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::BadEscape(at) => write!(
                f,
                "malformed percent escape at byte {at} (`%` must be followed by two hex digits)"
            ),
            DecodeError::NotUtf8 => f.write_str("the percent-decoded value is not UTF-8"),
        }
    }
}

/// The `key=value` pairs of a query, raw (still encoded), in order; empty pairs (`&&`)
/// are skipped.
pub(crate) fn raw_pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

/// Where each of the [`raw_pairs`] is in `query`: the start and end of its key and of its
/// value (empty, at the key's end, for a pair with no `=`). A reader that keeps the query
/// as it came finds its pairs again with these, rather than keeping them beside it.
pub(crate) fn spans(query: &str) -> impl Iterator<Item = ((usize, usize), (usize, usize))> {
    let mut start = 0_usize;
    query.split('&').filter_map(move |pair| {
        let at = start;
        let end = at.saturating_add(pair.len());
        start = end.saturating_add(1);
        let key_end = at.saturating_add(pair.find('=').unwrap_or(pair.len()));
        let value_start = end.min(key_end.saturating_add(1));
        (!pair.is_empty()).then_some(((at, key_end), (value_start, end)))
    })
}

/// Decodes one key or value: `+` is a space, `%XX` a byte. Text with neither is
/// borrowed.
pub(crate) fn decode(raw: &str) -> Result<Cow<'_, str>, DecodeError> {
    if raw.contains(['%', '+']) {
        decode_bytes(raw, true).map(Cow::Owned)
    } else {
        Ok(Cow::Borrowed(raw))
    }
}

/// The length of what [`decode`] makes of `raw`, which decodes, when it makes a string of
/// its own (`raw` has a `%` or a `+`); `None` when it borrows `raw`.
pub(crate) fn decoded_len(raw: &str) -> Option<usize> {
    raw.contains(['%', '+']).then(|| {
        // An escape (`%XX`) is three bytes for one.
        let escapes = raw.bytes().filter(|&byte| byte == b'%').count();
        raw.len().saturating_sub(escapes.saturating_mul(2))
    })
}

/// Decodes one layer of percent-encoding inside a value that was already taken out of
/// the query (eSMS encodes `error_info` twice): `%XX` only, `+` kept.
pub(crate) fn decode_layer(text: &str) -> Result<String, DecodeError> {
    decode_bytes(text, false)
}

fn decode_bytes(raw: &str, plus_is_space: bool) -> Result<String, DecodeError> {
    let hex = |byte: Option<(usize, &u8)>| {
        let digit = char::from(*byte?.1).to_digit(16)?;
        u8::try_from(digit).ok()
    };
    let mut bytes = Vec::with_capacity(raw.len());
    let mut rest = raw.as_bytes().iter().enumerate();
    while let Some((at, &byte)) = rest.next() {
        bytes.push(match byte {
            b'%' => match (hex(rest.next()), hex(rest.next())) {
                (Some(high), Some(low)) => high << 4 | low,
                _ => return Err(DecodeError::BadEscape(at)),
            },
            b'+' if plus_is_space => b' ',
            other => other,
        });
    }
    String::from_utf8(bytes).map_err(|_| DecodeError::NotUtf8)
}

/// What is written encoded: everything but ASCII letters, digits and `-._~`.
const ENCODED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Writes `value` percent-encoded for a query (a space as `%20`, never `+`).
pub(crate) fn encode(value: &str) -> impl fmt::Display + '_ {
    utf8_percent_encode(value, ENCODED)
}

/// Appends `value` to `out` as [`encode`] writes it.
pub(crate) fn encode_into(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, ENCODED));
}

/// Appends the value `current` of a pair that came as `raw` (still encoded) to `out`:
/// `raw` itself where it decodes to `current`, so that an unchanged value goes back in
/// the bytes it came in (NXCloud's SMS receipt samples send raw spaces,
/// `drtime=2021-02-26 10:01:15`), and `current` percent-encoded where it was changed.
pub(crate) fn write_as_it_came(out: &mut String, raw: &str, current: &str) {
    if decode(raw).is_ok_and(|decoded| decoded == current) {
        out.push_str(raw);
    } else {
        encode_into(out, current);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_split_on_the_first_equals_sign_and_skip_empty_pairs_where_spans_find_them() {
        let query = "a=1&&b=&c&d=x=y&";
        let pairs: Vec<_> = raw_pairs(query).collect();
        assert_eq!(pairs, [("a", "1"), ("b", ""), ("c", ""), ("d", "x=y")]);
        let spans: Vec<_> = spans(query).collect();
        assert_eq!(
            spans,
            [
                ((0, 1), (2, 3)),
                ((5, 6), (7, 7)),
                ((8, 9), (9, 9)),
                ((10, 11), (12, 15))
            ]
        );
    }

    #[test]
    fn decoding_is_strict_and_borrows_what_needs_none() {
        assert!(matches!(decode("0901888484"), Ok(Cow::Borrowed(_))));
        assert_eq!(decode("a+b%20c").unwrap(), "a b c");
        assert_eq!(decode("%22%7B%5C%22").unwrap(), "\"{\\\"");
        assert_eq!(decode_layer("a+b%C3%A9").unwrap(), "a+bé");
        for raw in ["", "abc", "a+b", "%41", "%C3%A9x", "++", "%25%2B"] {
            let decoded = decode(raw).unwrap();
            let expected = matches!(decoded, Cow::Owned(_)).then(|| decoded.len());
            assert_eq!(decoded_len(raw), expected, "{raw}");
        }
        assert_eq!(decode("ab%2"), Err(DecodeError::BadEscape(2)));
        assert_eq!(decode("%zz"), Err(DecodeError::BadEscape(0)));
        assert_eq!(decode("x%"), Err(DecodeError::BadEscape(1)));
        assert_eq!(decode("%FF"), Err(DecodeError::NotUtf8));
        assert_eq!(decode_layer("%2"), Err(DecodeError::BadEscape(0)));
    }

    #[test]
    fn a_value_goes_back_as_it_came_unless_it_changed() {
        for (raw, current, written) in [
            (
                "2021-02-26 10:01:15",
                "2021-02-26 10:01:15",
                "2021-02-26 10:01:15",
            ),
            (
                "2021-02-26+10%3A01",
                "2021-02-26 10:01",
                "2021-02-26+10%3A01",
            ),
            (
                "2021-02-26%2010:01",
                "2021-02-27 10:01",
                "2021-02-27%2010%3A01",
            ),
            ("x", "", ""),
        ] {
            let mut out = String::new();
            write_as_it_came(&mut out, raw, current);
            assert_eq!(out, written, "{raw}");
        }
        for value in ["", "a b+c", "{\"error\":-114}", "é&=%?#"] {
            let encoded = encode(value).to_string();
            assert!(!encoded.contains(['&', '=', ' ', '+', '#']), "{encoded}");
            assert_eq!(decode(&encoded).unwrap(), value);
        }
    }
}
