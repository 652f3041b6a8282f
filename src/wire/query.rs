//! Query strings: eSMS calls the customer's URL with an HTTP `GET` and puts the whole
//! callback in the query string (`SMSID=...&SendStatus=5&...&error_info=%22%7B...`).
//!
//! Reading is stricter than `percent-encoding`'s decoder: a `%` not followed by two hex
//! digits, or a value that does not decode to UTF-8, is an error. `+` is a space. Raw
//! characters other than `&` and `=` are taken as they are: the older eSMS document's
//! sample sends `error_info="{\"error\":-114,...}"`, readable if not a valid URL.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, PercentEncode, utf8_percent_encode};

/// Why a query value could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DecodeError {
    #[error("malformed percent escape at byte {0} (`%` must be followed by two hex digits)")]
    BadEscape(usize),
    #[error("the percent-decoded value is not UTF-8")]
    NotUtf8,
}

/// The `key=value` pairs of a query, raw (still encoded), in order; empty pairs (`&&`)
/// are skipped.
pub(crate) fn raw_pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    let text = |(start, end): (usize, usize)| query.get(start..end).unwrap_or_default();
    spans(query).map(move |(key, value)| (text(key), text(value)))
}

/// Where each of the [`raw_pairs`] is in `query`: the start and end of its key and of its
/// value (after the first `=`; empty, at the key's end, for a pair with none): a reader
/// that keeps the query as it came finds its pairs again with these.
pub(crate) fn spans(query: &str) -> impl Iterator<Item = ((usize, usize), (usize, usize))> {
    let mut start = 0_usize;
    query
        .as_bytes()
        .split(|&byte| byte == b'&')
        .filter_map(move |pair| {
            let at = start;
            let end = at.saturating_add(pair.len());
            start = end.saturating_add(1);
            let key_len = pair.iter().position(|&byte| byte == b'=');
            let key_end = at.saturating_add(key_len.unwrap_or(pair.len()));
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

/// Writes `value` percent-encoded for a query with `percent-encoding`: everything but
/// ASCII letters, digits and `-._~` (a space as `%20`, never `+`).
pub(crate) fn encode(value: &str) -> PercentEncode<'_> {
    const ENCODED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(value, ENCODED)
}

/// Appends the value `current` of a pair that came as `raw` (still encoded) to `out`:
/// `raw` itself where it decodes to `current`, so that an unchanged value goes back in
/// the bytes it came in (NXCloud's SMS receipt samples send raw spaces,
/// `drtime=2021-02-26 10:01:15`), and `current` percent-encoded where it was changed.
pub(crate) fn write_as_it_came(out: &mut String, raw: &str, current: &str) {
    if decode(raw).is_ok_and(|decoded| decoded == current) {
        out.push_str(raw);
    } else {
        out.extend(encode(current));
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
        assert_eq!(decode_layer("a+b%C3%A9").unwrap(), "a+bé");
        assert_eq!(decode("ab%2"), Err(DecodeError::BadEscape(2)));
        assert_eq!(decode_layer("%2"), Err(DecodeError::BadEscape(0)));
    }

    #[test]
    fn a_value_goes_back_as_it_came_unless_it_changed() {
        for (raw, current, written) in [
            ("1 10:01", "1 10:01", "1 10:01"),
            ("1+10%3A01", "1 10:01", "1+10%3A01"),
            ("1%2010:01", "2 10:01", "2%2010%3A01"),
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
