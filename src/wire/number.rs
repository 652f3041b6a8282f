//! Numbers read from the text that was sent: a JSON number or a string holding one.
//!
//! NXCloud's receipt `code` is a number (`"code": 11000`); Wappin's callback `timestamp`
//! is the same kind of value written in a string (`"1557915512"`), Viva's `CurrencyCode`
//! either (`978`, `"978"`). [`deserialize_number`] is the one reader of every number a
//! helper reads (codes, decimals, unix times), and the probe of an object's fields
//! (`shape`, rule 1) reads integers the same way: from the value's raw text, never
//! through a float, so a long number keeps every digit and an error quotes it as sent.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Unexpected, Visitor};

use super::text::Borrowed;

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

/// Reads an integer code (`name` is its type, for the error message): a JSON integer or
/// a string of digits with no leading zero (see [`code_from_text`]).
pub(crate) fn deserialize_code<'de, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<i64, D::Error> {
    struct Code(&'static str);

    impl de::Expected for Code {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "an integer code ({}), as a number or a string of digits",
                self.0
            )
        }
    }

    deserialize_number(deserializer, |text| code_from_text(text), &Code(name))
}

/// An integer read from its text: within an `i64`, or past it within a `u64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Integer {
    Signed(i64),
    Unsigned(u64),
}

/// The integer `text` stands for, written the one way it is written back (see
/// [`is_canonical_integer`]), within an `i64` or a `u64`.
pub(crate) fn integer_from_text(text: &str) -> Option<Integer> {
    match code_from_text(text) {
        Some(value) => Some(match u64::try_from(value) {
            Ok(value) => Integer::Unsigned(value),
            Err(_) => Integer::Signed(value),
        }),
        // Past an `i64`: a `u64` still holds up to 20 digits.
        None if text.len() >= 19 && is_canonical_integer(text) => {
            text.parse().ok().map(Integer::Unsigned)
        }
        None => None,
    }
}

/// The name of the newtype that `serde_json`'s [`RawValue`] asks a deserializer for,
/// to be handed the raw text of the value (a private name of `serde_json`'s, checked by
/// a test here).
///
/// [`RawValue`]: serde_json::value::RawValue
pub(crate) const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// The name of the newtype a reader of a number asks for ([`deserialize_number`]). The
/// probe of an object's field (`shape`) knows it: it reads the number's text itself,
/// notes whether it came in a string, and hands the text over.
pub(crate) const NUMBER: &str = "$provider_payloads::number";

/// Reads the raw JSON text of the next value: borrowed from the body when it can be
/// (`serde_json::from_str`, `from_slice`), else owned (`from_value`, `from_reader`).
/// A `Box<RawValue>` would always allocate; a `&RawValue` takes borrowed text only.
pub(crate) fn raw_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Cow<'de, str>, D::Error> {
    struct RawVisitor;

    impl<'de> Visitor<'de> for RawVisitor {
        type Value = Cow<'de, str>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON value")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cow<'de, str>, A::Error> {
            // One entry: `serde_json`'s name, then the text.
            map.next_key::<de::IgnoredAny>()?;
            map.next_value::<Borrowed<'de>>().map(|Borrowed(text)| text)
        }
    }

    deserializer.deserialize_newtype_struct(RAW_VALUE, RawVisitor)
}

/// The raw JSON text of a value sent for a number: the number (`100.50`), a string that
/// may hold one (`"100.50"`), or anything else, for the error.
#[derive(Clone, Copy)]
pub(crate) struct Sent<'a>(pub(crate) &'a str);

impl<'a> Sent<'a> {
    /// Whether the value is a string.
    pub(crate) fn is_quoted(self) -> bool {
        self.0.starts_with('"')
    }

    /// The number's text: the string's content (its raw text, escapes and all: a number
    /// has none), or the JSON number.
    pub(crate) fn text(self) -> &'a str {
        match self.0.strip_prefix('"') {
            Some(content) => content.strip_suffix('"').unwrap_or(content),
            None => self.0,
        }
    }

    /// The error for a value that is not the number `expected`, quoting it as sent: the
    /// digits of a number out of range (`integer `98765432109876543210``), not the float
    /// `serde_json` would have made of them.
    pub(crate) fn error<E: de::Error>(self, expected: &dyn de::Expected) -> E {
        let unexpected = match self.0.as_bytes().first() {
            Some(b'"') => return E::invalid_value(Unexpected::Str(self.text()), expected),
            Some(b'n') => Unexpected::Unit,
            Some(b't') => Unexpected::Bool(true),
            Some(b'f') => Unexpected::Bool(false),
            Some(b'{') => Unexpected::Map,
            Some(b'[') => Unexpected::Seq,
            _ => {
                let digits = self.0.strip_prefix('-').unwrap_or(self.0);
                let what = if digits.bytes().all(|b| b.is_ascii_digit()) {
                    "integer"
                } else {
                    "number"
                };
                let number = format!("{what} `{}`", self.0);
                return E::invalid_value(Unexpected::Other(&number), expected);
            }
        };
        E::invalid_type(unexpected, expected)
    }

    /// Reads the number with `parse`, or says that the value is not the number `expected`.
    pub(crate) fn parse<T, E: de::Error>(
        self,
        parse: impl FnOnce(&str) -> Option<T>,
        expected: &dyn de::Expected,
    ) -> Result<T, E> {
        parse(self.text()).ok_or_else(|| self.error(expected))
    }
}

/// Reads a number from its text, as a JSON number or in a string, with `parse` (the
/// number's digits as sent; `None` when they are not the number `expected`): the one
/// reader of decimals, codes, unix times and currencies. A field of an object notes
/// which of the two it came as (`shape`), and is written back so.
///
/// Reading the text, not the value `serde_json` makes of it, keeps every digit: a
/// decimal's scale (`100.50`), and the digits of an integer out of its type's range for
/// the error (`serde_json` reads one past a `u64` as a float).
pub(crate) fn deserialize_number<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    parse: impl FnOnce(&str) -> Option<T>,
    expected: &dyn de::Expected,
) -> Result<T, D::Error> {
    struct NumberVisitor<'e, F> {
        parse: F,
        expected: &'e dyn de::Expected,
    }

    impl<'de, T, F: FnOnce(&str) -> Option<T>> Visitor<'de> for NumberVisitor<'_, F> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.expected.fmt(f)
        }

        /// The raw text, read by a field's probe.
        fn visit_str<E: de::Error>(self, raw: &str) -> Result<T, E> {
            Sent(raw).parse(self.parse, self.expected)
        }

        /// Any other deserializer: the raw text is read here.
        fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
            let raw = raw_text(d)?;
            Sent(&raw).parse(self.parse, self.expected)
        }
    }

    deserializer.deserialize_newtype_struct(NUMBER, NumberVisitor { parse, expected })
}

#[cfg(test)]
mod tests {
    use serde::de::{self, Visitor};
    use serde::{Deserialize, Deserializer};

    use super::*;

    /// `serde_json`'s raw value asks for a newtype of [`RAW_VALUE`]'s name: the raw
    /// text is read through the same protocol, a private name of `serde_json`'s, so a
    /// change of it must show here.
    #[test]
    fn raw_value_asks_for_the_newtype_name_read_here() {
        struct Asked;

        impl<'de> Deserializer<'de> for Asked {
            type Error = de::value::Error;

            fn deserialize_newtype_struct<V: Visitor<'de>>(
                self,
                name: &'static str,
                _: V,
            ) -> Result<V::Value, Self::Error> {
                Err(de::Error::custom(name))
            }

            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(de::Error::custom("any"))
            }

            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
                byte_buf option unit unit_struct seq tuple tuple_struct map struct enum
                identifier ignored_any
            }
        }

        let asked = <&serde_json::value::RawValue>::deserialize(Asked).unwrap_err();
        assert_eq!(asked.to_string(), RAW_VALUE);
        assert_eq!(raw_text(Asked).unwrap_err().to_string(), RAW_VALUE);
    }

    #[test]
    fn raw_text_is_borrowed_from_a_body_and_owned_from_a_value() {
        let mut body = serde_json::Deserializer::from_str(r#" "100.50" "#);
        assert!(matches!(
            raw_text(&mut body),
            Ok(Cow::Borrowed(r#""100.50""#))
        ));
        let value = serde_json::json!(100);
        assert_eq!(raw_text(value).unwrap(), "100");
    }

    #[test]
    fn an_integer_is_read_within_an_i64_or_a_u64() {
        assert_eq!(integer_from_text("5"), Some(Integer::Unsigned(5)));
        assert_eq!(integer_from_text("-5"), Some(Integer::Signed(-5)));
        assert_eq!(
            integer_from_text("18446744073709551615"),
            Some(Integer::Unsigned(u64::MAX))
        );
        assert_eq!(
            integer_from_text("-9223372036854775808"),
            Some(Integer::Signed(i64::MIN))
        );
        for text in [
            "18446744073709551616",
            "-9223372036854775809",
            "018446744073709551615",
            "05",
            "-0",
            "",
            "1.0",
        ] {
            assert_eq!(integer_from_text(text), None, "{text}");
        }
    }

    #[test]
    fn a_code_past_an_i64_is_an_error_that_quotes_its_digits() {
        struct Code(i64);
        impl<'de> Deserialize<'de> for Code {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize_code(d, "Code").map(Code)
            }
        }
        for (json, quoted) in [
            ("98765432109876543210", "integer `98765432109876543210`"),
            ("9223372036854775808", "integer `9223372036854775808`"),
            ("-0", "integer `-0`"),
            ("1e400", "number `1e400`"),
            (
                r#""98765432109876543210""#,
                r#"string "98765432109876543210""#,
            ),
        ] {
            let err = serde_json::from_str::<Code>(json)
                .err()
                .unwrap()
                .to_string();
            assert!(
                err.starts_with(&format!(
                    "invalid value: {quoted}, expected an integer code (Code)"
                )),
                "{json}: {err}"
            );
        }
        assert_eq!(serde_json::from_str::<Code>(r#""-7""#).unwrap().0, -7);
    }

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
