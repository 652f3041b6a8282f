//! Money as exact decimals, read from the digits that were sent.
//!
//! eSMS sends `TotalPrice=470.0000` in its query string; [`parse_number`] reads it.
//! Viva sends amounts as JSON numbers with decimals (`"Amount": 100.50`, `"TotalFee":
//! -0.50`, `"Interchange": 0.00105`). `serde_json` turns a number into an `f64` before a
//! type sees it, which would lose both exactness and the written scale (`100.50` would
//! come back as `100.5`). These helpers take the number's raw text instead, in a JSON
//! number or in a string (`shape`, rule 1), build the [`Decimal`] from its digits, and
//! write it back with the same digits.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer};
use serde::ser::{self, Serialize, Serializer};
use serde_json::value::RawValue;

use super::text::StackText;

/// What a decimal number must look like: no exponent, at most 28 decimals.
struct Expected;

impl de::Expected for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number like 100.50 (no exponent, at most 28 decimals)")
    }
}

/// Reads the decimal number `text`, exactly: its digits, its scale and its sign. Only an
/// optional `-`, digits with no leading zero and one point with digits on both sides are
/// taken, so that writing the value back gives the same text (`rust_decimal` alone would
/// also take `1_000`, `+5`, `.5` and `070.5`, and write them back as `1000`, `5`, `0.5`
/// and `70.5`; the last was found by fuzzing,
/// `fixtures/esms/invalid/total_price_leading_zero.query`). A negative zero (`-0.00`)
/// keeps its sign, which `from_str_exact` drops, so it is written back as it came.
///
/// Up to 18 digits (every amount in the samples: `100.50`, `470.0000`) are summed here,
/// as they cannot overflow an `i64`; that is a third of the time of `rust_decimal`'s
/// `from_str_exact`, which reads the longer ones.
pub(crate) fn parse_number(text: &str) -> Option<Decimal> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return None,
        None => (digits, ""),
    };
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || leading_zero(whole) {
        return None;
    }
    let mut value = if whole.len().saturating_add(fraction.len()) <= 18 {
        let mantissa = whole
            .bytes()
            .chain(fraction.bytes())
            .try_fold(0_i64, |sum, digit| {
                sum.checked_mul(10)?
                    .checked_add(i64::from(digit.wrapping_sub(b'0')))
            })?;
        Decimal::try_new(mantissa, u32::try_from(fraction.len()).ok()?).ok()?
    } else {
        Decimal::from_str_exact(text).ok()?
    };
    value.set_sign_negative(negative);
    Some(value)
}

/// Whether the whole part of a decimal written in digits starts with a zero that is not
/// all of it (`070.5`, `-00`): such a number is not written back as it came.
pub(crate) fn has_leading_zero(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let whole = digits.split_once('.').map_or(digits, |(whole, _)| whole);
    leading_zero(whole) && whole.bytes().all(|b| b.is_ascii_digit())
}

/// Whether the whole part `whole` starts with a zero that is not all of it.
fn leading_zero(whole: &str) -> bool {
    whole.len() > 1 && whole.starts_with('0')
}

/// The most bytes [`write_decimal`] writes: a sign, `0.`, and 29 digits.
const MAX_LEN: usize = 32;

/// Appends `value` to `text` as its `Display` writes it: the mantissa's digits with the
/// point `scale` digits from the end, `0.` and zeros before them when they are fewer, and
/// `-` when the sign is negative (`-0.00` too). Built with `itoa` in a stack buffer: the
/// `Display` goes through `fmt`'s padding, and `to_string` allocates.
pub(crate) fn write_decimal<const N: usize>(
    value: &Decimal,
    text: &mut StackText<N>,
) -> fmt::Result {
    if value.is_sign_negative() {
        text.push_str("-")?;
    }
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(value.mantissa().unsigned_abs());
    let scale = usize::try_from(value.scale()).map_err(|_| fmt::Error)?;
    match digits.len().checked_sub(scale) {
        Some(0) | None => {
            text.push_str("0.")?;
            for _ in digits.len()..scale {
                text.push_str("0")?;
            }
            text.push_str(digits)
        }
        Some(whole) => {
            let (whole, fraction) = digits.split_at_checked(whole).ok_or(fmt::Error)?;
            text.push_str(whole)?;
            if !fraction.is_empty() {
                text.push_str(".")?;
                text.push_str(fraction)?;
            }
            Ok(())
        }
    }
}

/// Serde `with` helper for an exact decimal sent as a JSON number (Viva's `Amount`), or
/// as a string holding one (`"Amount": "100.50"`; see `shape`, rule 1).
pub(crate) mod number {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        crate::wire::number::deserialize_number(deserializer, parse_number, &Expected)
    }

    /// Writes the digits as a JSON number, through a borrowed `RawValue` (the one way
    /// `serde_json` writes a number's text as it is), with no allocation.
    ///
    /// The number is handed over inside a newtype struct, which `serde_json` writes as
    /// the number alone: the writer's check for `None`
    /// ([`is_none`](crate::wire::written::is_none)) stops there, before the digits
    /// are written and checked.
    pub(crate) fn serialize<S: Serializer>(
        value: &Decimal,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct("Decimal", &Digits(value))
    }

    /// A decimal's digits, serialized as a JSON number.
    struct Digits<'a>(&'a Decimal);

    impl Serialize for Digits<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut text = StackText::<MAX_LEN>::new();
            write_decimal(self.0, &mut text).map_err(ser::Error::custom)?;
            serde_json::from_str::<&RawValue>(text.as_str())
                .map_err(ser::Error::custom)?
                .serialize(serializer)
        }
    }
}

super::option_with!(
    /// [`number`] for an optional field: absent or `null` is `None`.
    number_option,
    Decimal,
    number
);

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, Deserialize, Serialize)]
    struct Amounts {
        #[serde(with = "number")]
        amount: Decimal,
        #[serde(default, with = "number_option")]
        fee: Option<Decimal>,
    }

    #[test]
    fn the_viva_sample_amounts_are_exact_and_keep_their_digits() {
        for (text, exact) in [
            ("100.50", Decimal::new(10050, 2)),
            ("-100.50", Decimal::new(-10050, 2)),
            ("10", Decimal::new(10, 0)),
            ("0.0", Decimal::new(0, 1)),
            ("1.0000000", Decimal::new(10_000_000, 7)),
            ("0.00105", Decimal::new(105, 5)),
            ("-0.50", Decimal::new(-50, 2)),
        ] {
            let json = format!(r#"{{"amount":{text},"fee":{text}}}"#);
            let amounts: Amounts = serde_json::from_str(&json).unwrap();
            assert_eq!(amounts.amount, exact, "{text}");
            assert_eq!(amounts.amount.to_string(), text);
            assert_eq!(amounts.fee, Some(exact));
            assert_eq!(serde_json::to_string(&amounts).unwrap(), json);
        }
        let absent: Amounts = serde_json::from_str(r#"{"amount":1,"fee":null}"#).unwrap();
        assert_eq!(absent.fee, None);
    }

    #[test]
    fn decimals_are_written_as_display_writes_them() {
        let mut values = vec![
            Decimal::ZERO,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(-0, 2),
            -Decimal::new(0, 2),
            Decimal::from_i128_with_scale(1, 28),
            Decimal::from_i128_with_scale(-1, 28),
        ];
        for mantissa in [0, 1, 5, 9, 10, 99, 105, 10050, -10050, 123_456_789, -7] {
            for scale in [0, 1, 2, 3, 5, 9, 12, 28] {
                values.push(Decimal::new(mantissa, scale));
            }
        }
        for value in values {
            let mut text = StackText::<MAX_LEN>::new();
            write_decimal(&value, &mut text).unwrap();
            assert_eq!(text.as_str(), value.to_string(), "{value:?}");
        }
    }

    #[test]
    fn text_that_would_not_come_back_the_same_is_refused() {
        for text in ["1_000", "+5", ".5", "5.", "-", "", "1.2.3", "- 5"] {
            assert_eq!(parse_number(text), None, "{text}");
        }
        assert_eq!(parse_number("-0.50"), Some(Decimal::new(-50, 2)));
    }

    #[test]
    fn short_numbers_read_as_rust_decimal_reads_them() {
        let mut texts = vec![
            "0".to_owned(),
            "7".to_owned(),
            "100.50".to_owned(),
            "0.000000000000000001".to_owned(),
            "0.0000000000000000000000000001".to_owned(),
            "79228162514264337593543950335".to_owned(),
            "7922816251426433759354395033.5".to_owned(),
        ];
        // Each side of the 18 digits summed here.
        for len in 16..=20 {
            let digits: String = "123456789".chars().cycle().take(len).collect();
            for point in 1..len {
                texts.push(format!("{}.{}", &digits[..point], &digits[point..]));
            }
            texts.push(digits.clone());
            texts.push("9".repeat(len));
            texts.push(format!("0.{}", "9".repeat(len - 1)));
        }
        for text in texts {
            for text in [text.clone(), format!("-{text}")] {
                let exact = Decimal::from_str_exact(&text).unwrap();
                let read = parse_number(&text).unwrap();
                assert_eq!(read, exact, "{text}");
                assert_eq!(read.scale(), exact.scale(), "{text}");
                assert_eq!(read.to_string(), text);
            }
        }
    }

    #[test]
    fn a_negative_zero_is_written_back_with_its_sign() {
        for text in [
            "-0.00",
            "-0",
            "0.00",
            "0",
            "-0.0000000000000000000000000000",
        ] {
            let value = parse_number(text).unwrap();
            let mut written = StackText::<MAX_LEN>::new();
            write_decimal(&value, &mut written).unwrap();
            assert_eq!(written.as_str(), text);
        }
        assert_eq!(parse_number("00.5"), None);
        assert_eq!(parse_number("-07"), None);
    }

    #[test]
    fn a_decimal_in_a_string_is_read_from_its_digits() {
        for (text, exact) in [
            ("100.50", Decimal::new(10050, 2)),
            ("-0.50", Decimal::new(-50, 2)),
            ("10", Decimal::new(10, 0)),
        ] {
            let json = format!(r#"{{"amount":"{text}","fee":"{text}"}}"#);
            let amounts: Amounts = serde_json::from_str(&json).unwrap();
            assert_eq!(
                (amounts.amount, amounts.fee),
                (exact, Some(exact)),
                "{text}"
            );
            assert_eq!(amounts.amount.scale(), exact.scale());
        }
        // From a `Value` too, whose raw text is owned.
        let value = serde_json::json!({"amount": "100.50", "fee": 0.5});
        let amounts: Amounts = serde_json::from_value(value).unwrap();
        assert_eq!(
            (amounts.amount, amounts.fee),
            (Decimal::new(10050, 2), Some(Decimal::new(5, 1)))
        );
    }

    #[test]
    fn anything_but_a_plain_decimal_number_is_refused_and_quoted_as_sent() {
        for (bad, quoted) in [
            (r#""ten""#, r#"string "ten""#),
            (r#""1e2""#, r#"string "1e2""#),
            (r#"" 100.50""#, r#"string " 100.50""#),
            (r#""100,50""#, r#"string "100,50""#),
            (r#""""#, r#"string """#),
            ("1e2", "number `1e2`"),
            ("1E-2", "number `1E-2`"),
            ("1e400", "number `1e400`"),
            (
                "0.1234567890123456789012345678901",
                "number `0.1234567890123456789012345678901`",
            ),
            (
                "123456789012345678901234567890",
                "integer `123456789012345678901234567890`",
            ),
            ("true", "boolean `true`"),
            ("null", "null"),
            ("[1]", "sequence"),
            ("{}", "map"),
        ] {
            let json = format!(r#"{{"amount":{bad}}}"#);
            let err = serde_json::from_str::<Amounts>(&json).unwrap_err();
            assert!(err.to_string().contains(quoted), "{bad}: {err}");
            assert!(err.to_string().contains("decimal number"), "{bad}: {err}");
        }
    }
}
