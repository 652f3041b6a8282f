//! Integers that providers write as JSON numbers or as strings of digits.
//!
//! NXCloud's receipt `code` is a number (`"code": 11000`); Wappin's status codes are the
//! same kind of value written in strings (`"status": "200"`). One reader takes both and
//! never goes through a float, so a long code keeps every digit.

use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};

/// Whether `text` is an integer written the one way it is written back: an optional `-`,
/// then `0` or digits that do not start with `0`, and not `-0`. `"05"`, `"+5"` and `"-0"`
/// would read as 5, 5 and 0 and be written back as `"5"`, `"5"` and `"0"`, so they are not
/// taken (found by fuzzing: `fixtures/esms/invalid/send_status_leading_zero.query`).
pub(crate) fn is_canonical_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (!digits.starts_with('0') || text == "0")
}

/// The integer a code's text stands for, when it is written the one way it is written
/// back (see [`is_canonical_integer`]) and fits an `i64`. Serde's reading of a code sent
/// in a string and the code enums' `FromStr` both use it, so they agree on every text;
/// Wappin's template parameters use it to see that their keys count up.
///
/// The digits are summed in one pass: a check, then `str::parse`, cost ~65 instructions
/// a Wappin parameter key, this ~20. It takes bytes or a `str`: the parameter keys are
/// taken as bytes of the text they share, with no check of where a character starts.
pub(crate) fn code_from_text(text: impl AsRef<[u8]>) -> Option<i64> {
    let (negative, digits) = match text.as_ref() {
        [b'-', digits @ ..] => (true, digits),
        digits => (false, digits),
    };
    match digits {
        [] | [b'0', _, ..] => return None,
        [b'0'] if negative => return None,
        _ => {}
    }
    digits.iter().try_fold(0_i64, |number, &byte| {
        let digit = i64::from(byte.checked_sub(b'0').filter(|digit| *digit <= 9)?);
        let number = number.checked_mul(10)?;
        if negative {
            number.checked_sub(digit)
        } else {
            number.checked_add(digit)
        }
    })
}

/// Reads an integer code from a JSON integer or a string of digits (with no leading zero,
/// see [`code_from_text`]); `name` is the code's type, for the error message.
pub(crate) fn deserialize_code<'de, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<i64, D::Error> {
    struct CodeVisitor(&'static str);

    impl Visitor<'_> for CodeVisitor {
        type Value = i64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "an integer code ({}), as a number or a string of digits",
                self.0
            )
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
            code_from_text(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
        }
    }

    deserializer.deserialize_any(CodeVisitor(name))
}

#[cfg(test)]
mod tests {
    use super::{code_from_text, is_canonical_integer};

    #[test]
    fn a_code_is_read_from_its_one_spelling_within_an_i64() {
        assert_eq!(code_from_text("1"), Some(1));
        assert_eq!(code_from_text("0"), Some(0));
        assert_eq!(code_from_text("10"), Some(10));
        assert_eq!(code_from_text("-5"), Some(-5));
        assert_eq!(code_from_text("9223372036854775807"), Some(i64::MAX));
        assert_eq!(code_from_text("-9223372036854775808"), Some(i64::MIN));
        for text in [
            "",
            "-",
            "02",
            "00",
            "-0",
            "-05",
            "+1",
            "1a",
            " 1",
            "1 ",
            "1.5",
            "9223372036854775808",
            "-9223372036854775809",
            "18446744073709551616",
        ] {
            assert_eq!(code_from_text(text), None, "{text:?}");
        }
    }

    #[test]
    fn the_digits_summed_by_hand_agree_with_the_check_and_str_parse() {
        let mut texts: Vec<String> = ["", "-", "0", "-0", "00", "07", "+7", "7-", "٣"]
            .map(str::to_owned)
            .to_vec();
        for len in 1..=20 {
            for digit in ['1', '9'] {
                let digits: String = std::iter::repeat_n(digit, len).collect();
                texts.push(format!("-{digits}"));
                texts.push(digits);
            }
        }
        for text in texts {
            let by_parse = is_canonical_integer(&text)
                .then(|| text.parse::<i64>().ok())
                .flatten();
            assert_eq!(code_from_text(&text), by_parse, "{text:?}");
        }
    }
}
