//! Money as exact decimals. Viva sends amounts as JSON numbers with decimals (`"Amount":
//! 100.50`, `"TotalFee": -0.50`, `"Interchange": 0.00105`), eSMS a price in its query
//! (`TotalPrice=470.0000`). `serde_json` would make an `f64` of a number, losing
//! exactness and the written scale (`100.50` back as `100.5`): these helpers read the
//! digits that were sent instead.

use rust_decimal::Decimal;
use serde::de::{Deserialize, Deserializer};
use serde::ser::{self, Serialize, Serializer};
use serde_json::value::RawValue;

use super::number::deserialize_number;

/// Reads the decimal number `text` exactly: its digits, scale and sign. Only an optional
/// `-`, digits with no leading zero, and a point with digits on both sides are taken, so
/// that the value is written back as it came (`rust_decimal` alone also takes `1_000`,
/// `+5`, `.5` and `070.5`: `esms/invalid/total_price_leading_zero.query`). A negative
/// zero (`-0.00`) keeps its sign, which `rust_decimal` drops.
pub(crate) fn parse_number(text: &str) -> Option<Decimal> {
    let (whole, fraction) = whole_and_fraction(text);
    let plain = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = whole.len() > 1 && whole.starts_with('0');
    if leading_zero || !plain(whole) || !plain(fraction.unwrap_or("0")) {
        return None;
    }
    let mut value = Decimal::from_str_exact(text).ok()?;
    value.set_sign_negative(text.starts_with('-'));
    Some(value)
}

/// Whether the whole part of a decimal written in digits starts with a zero that is not
/// all of it (`070.5`, `-00`): such a number would not be written back as it came.
pub(crate) fn has_leading_zero(text: &str) -> bool {
    let (whole, _) = whole_and_fraction(text);
    whole.len() > 1 && whole.starts_with('0') && whole.bytes().all(|b| b.is_ascii_digit())
}

/// The digits of a decimal number before its point and after it, without its sign.
fn whole_and_fraction(text: &str) -> (&str, Option<&str>) {
    let digits = text.strip_prefix('-').unwrap_or(text);
    match digits.bytes().position(|byte| byte == b'.') {
        Some(at) => (
            digits.get(..at).unwrap_or_default(),
            digits.get(at.saturating_add(1)..),
        ),
        None => (digits, None),
    }
}

/// An exact decimal sent as a JSON number or a string holding one (`written`, rule 1),
/// written back as a JSON number of the same digits (its `Display`, `-0.00` too).
struct Exact(Decimal);

impl Serialize for Exact {
    /// Through a `RawValue`, the one way `serde_json` writes a number's text as it is.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let digits = self.0.to_string();
        let digits: &RawValue = serde_json::from_str(&digits).map_err(ser::Error::custom)?;
        digits.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let expected = "a decimal number like 100.50 (no exponent, at most 28 decimals)";
        deserialize_number(deserializer, parse_number, &expected).map(Exact)
    }
}

/// Serde `with` helper for a field of an [`Exact`] decimal.
pub(crate) mod number {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        value: &Decimal,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        Exact(*value).serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        Exact::deserialize(deserializer).map(|Exact(value)| value)
    }
}

super::option_with!(number_option, Decimal, Exact);

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Amounts {
        #[serde(with = "number")]
        amount: Decimal,
        #[serde(default, with = "number_option")]
        fee: Option<Decimal>,
    }

    #[test]
    fn amounts_are_exact_and_written_back_with_their_digits() {
        // A decimal's `Display` shows its mantissa, scale and sign: same text, same value.
        for text in [
            "100.50",
            "10",
            "-0.00",
            "-0.0000000000000000000000000000",
            "79228162514264337593543950335",
            "-7.9228162514264337593543950335",
        ] {
            let json = format!(r#"{{"amount":{text},"fee":null}}"#);
            let amounts: Amounts = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&amounts).unwrap(), json);
            let quoted: Amounts =
                serde_json::from_str(&format!(r#"{{"amount":"{text}"}}"#)).unwrap();
            assert_eq!(quoted.amount.to_string(), text);
        }
        // From a `Value` too, whose raw text is owned.
        let value = serde_json::json!({"amount": "100.50", "fee": 0.5});
        let amounts: Amounts = serde_json::from_value(value).unwrap();
        assert_eq!(amounts.fee, Some(Decimal::new(5, 1)));
        assert_eq!(amounts.amount.to_string(), "100.50");
    }

    #[test]
    fn text_that_would_not_come_back_the_same_is_refused() {
        for text in [
            "1_000", "+5", ".5", "5.", "-", "", "1.2.3", "- 5", "00.5", "-07",
        ] {
            assert_eq!(parse_number(text), None, "{text}");
        }
        for (bad, quoted) in [
            (r#"" 100.50""#, r#"string " 100.50""#),
            ("true", "boolean `true`"),
            ("null", "null"),
            ("[1]", "sequence"),
            ("{}", "map"),
        ] {
            let json = format!(r#"{{"amount":{bad}}}"#);
            let err = serde_json::from_str::<Amounts>(&json).unwrap_err();
            let expected = format!("{quoted}, expected a decimal number");
            assert!(err.to_string().contains(&expected), "{bad}: {err}");
        }
    }
}
