//! Money as exact decimals, read from the digits that were sent.
//!
//! eSMS sends `TotalPrice=470.0000` in its query string; [`parse_number`] reads it.
//! Viva sends amounts as JSON numbers with decimals (`"Amount": 100.50`, `"TotalFee":
//! -0.50`, `"Interchange": 0.00105`). `serde_json` turns a number into an `f64` before a
//! type sees it, which would lose both exactness and the written scale (`100.50` would
//! come back as `100.5`). These helpers take the number's raw text instead and build the
//! [`Decimal`] from its digits, and write it back with the same digits.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserialize, Deserializer, Unexpected};
use serde::ser::{self, Serialize, Serializer};
use serde_json::value::RawValue;

/// What a decimal number must look like: no exponent, at most 28 decimals.
struct Expected;

impl de::Expected for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number like 100.50 (no exponent, at most 28 decimals)")
    }
}

/// Reads the decimal number `text`, exactly: its digits and its scale. Only an optional
/// `-`, digits with no leading zero and one point with digits on both sides are taken, so
/// that writing the value back gives the same text (`rust_decimal` alone would also take
/// `1_000`, `+5`, `.5` and `070.5`, and write them back as `1000`, `5`, `0.5` and
/// `70.5`; the last was found by fuzzing, `fixtures/esms/invalid/total_price_leading_zero.query`).
pub(crate) fn parse_number(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let whole = digits.split_once('.').map_or(digits, |(whole, _)| whole);
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && (whole == "0" || !whole.starts_with('0'));
    if !plain {
        return None;
    }
    Decimal::from_str_exact(text).ok()
}

/// Serde `with` helper for an exact decimal sent as a JSON number (Viva's `Amount`).
pub(crate) mod number {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        if let Some(string) = text.strip_prefix('"') {
            let string = string.strip_suffix('"').unwrap_or(string);
            return Err(de::Error::invalid_type(Unexpected::Str(string), &Expected));
        }
        parse_number(text)
            .ok_or_else(|| de::Error::invalid_value(Unexpected::Other(text), &Expected))
    }

    pub(crate) fn serialize<S: Serializer>(
        value: &Decimal,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        RawValue::from_string(value.to_string())
            .map_err(ser::Error::custom)?
            .serialize(serializer)
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
    fn text_that_would_not_come_back_the_same_is_refused() {
        for text in ["1_000", "+5", ".5", "5.", "-", "", "1.2.3", "- 5"] {
            assert_eq!(parse_number(text), None, "{text}");
        }
        assert_eq!(parse_number("-0.50"), Some(Decimal::new(-50, 2)));
    }

    #[test]
    fn anything_but_a_plain_decimal_number_is_refused() {
        for bad in [
            r#""100.50""#,
            r#""ten""#,
            "1e2",
            "1E-2",
            "1e400",
            "0.1234567890123456789012345678901",
            "123456789012345678901234567890",
            "true",
            "null",
            "[1]",
        ] {
            let json = format!(r#"{{"amount":{bad}}}"#);
            let err = serde_json::from_str::<Amounts>(&json).unwrap_err();
            assert!(
                err.to_string().contains("decimal number")
                    || err.to_string().contains("invalid type"),
                "{bad}: {err}"
            );
        }
    }
}
