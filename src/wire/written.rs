//! Every scalar in either spelling, by one rule, and noting how a field was written
//! where its typed value cannot show it, to write it that way again.
//!
//! The rule, for every field of every provider's objects. What a field reads is decided
//! by what its type asks the deserializer for:
//!
//! 1. **A number** (an integer, a decimal, a numeric code, a currency code, a time in
//!    unix seconds): a JSON number, or a string holding one. An integer type asks for an
//!    integer; a helper asks with [`number::deserialize_number`] (decimals, codes,
//!    unix times). The probe reads the value's raw text, so that every digit is kept:
//!    a decimal's scale, and the digits of a number out of its type's range, which the
//!    error quotes as sent (`serde_json` would have made a float of them).
//!    Viva's `"CurrencyCode": "826"` in real webhooks; a JavaScript proxy writes a
//!    16-digit `OrderCode` (past 2^53) as a string
//!    (`tests/data/viva/transaction_order_code_string.json`); an amount in a string,
//!    `"Amount": "100.50"`, is read by the same rule
//!    (`tests/data/viva/transaction_amount_in_a_string.json`).
//! 2. **Text that may be any text** (an id, a name, a string code, a text enum's value;
//!    the type asks for a `String`): a JSON string, or a JSON integer, read as its
//!    digits. Wappin's `"status": "200"` and `"client_id": "0009"`, which a sender that
//!    treats codes and ids as numbers writes `200` and `9`
//!    (`tests/data/wappin/response_status_number.json`,
//!    `tests/data/wappin/callback_client_id_number.json`).
//! 3. **Text with a form of its own** that no number has (a date and time: NXCloud's
//!    `"sendTime": "2023-07-13 15:12:11"`; the type asks for a `&str`): a string only.
//!
//! Only spellings that write back the same are read. A number in a string is the number
//! as it is written back: an optional `-`, no leading zero, no `+`, no space, no
//! exponent (`"05"`, `"+5"`, `" 5"` and `"1e2"` are refused; found by fuzzing:
//! `fixtures/esms/invalid/send_status_leading_zero.query`, and
//! `fixtures/viva/invalid/transaction_currency_leading_zero.json`). A JSON number sent
//! for text must be an integer within 64 bits: `serde_json` hands any other over as an
//! `f64`, whose digits are not those sent (`1.50` and `1.5` are one `f64`, `1e2` is
//! `100`), so it is refused with an error that says so. Booleans are not in the rule.
//!
//! Four ways of writing a field are invisible in its typed value and are noted: `null`
//! and `""` (both read as `None`; Viva sends many nullable fields as `null`), a number
//! written in a string, and text written as a number. A field written plainly is not
//! noted, so an ordinary payload allocates nothing here.
//!
//! The probe ([`read`]) wraps the deserializer of each known field's value, reads a
//! number's text or sees which visit the value makes; [`write_field`] ([`write`])
//! replays the note when the field is serialized. Text a type keeps by hand follows the same rule with [`AppendText`] and
//! [`TextAsNumber`] (Wappin's template parameters).
//!
//! The items of a field's list follow the rule as fields do (Viva's `Tags`, a list of
//! names, takes `["2024", 7]`), each noted by its place and written back as it came.

use std::fmt;

mod read;
mod write;

pub(crate) use read::{AppendText, Recorded};
pub(crate) use write::{TextAsNumber, serializer_methods, write_field};

/// A way of writing a field that its typed value does not show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Written {
    /// `null`.
    Null,
    /// `""`.
    EmptyString,
    /// A number inside a string: `"826"`.
    Quoted,
    /// Text written as an integer: `9` for `"9"`.
    TextAsNumber,
}

/// Where a note is: a field, by wire name, or an item of the list a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Place {
    field: &'static str,
    item: Option<usize>,
}

/// The noted written_as of an object's fields, and of their lists' items; values written
/// plainly are absent. Two are equal when they note the same written_as, in whatever order
/// the fields came: the order is the body's, and the value written back has the type's.
#[derive(Clone, Default)]
pub(crate) struct WrittenAs(Vec<(Place, Written)>);

impl PartialEq for WrittenAs {
    fn eq(&self, other: &WrittenAs) -> bool {
        same_notes(&self.0, &other.0)
    }
}

/// Whether two lists of notes about fields hold the same notes, in any order. A field is
/// noted once (a repeated field is an error), so the same length and every note found in
/// the other is the same set.
pub(crate) fn same_notes<T: PartialEq>(these: &[T], those: &[T]) -> bool {
    these.len() == those.len() && these.iter().all(|note| those.contains(note))
}

impl Eq for WrittenAs {}

impl fmt::Debug for WrittenAs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (place, written) in &self.0 {
            match place.item {
                None => map.entry(&place.field, written),
                Some(item) => map.entry(&format_args!("{}[{item}]", place.field), written),
            };
        }
        map.finish()
    }
}

impl WrittenAs {
    /// Whether every field was written plainly.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How the field `name` was written, if that was one of the noted ways.
    pub(crate) fn get(&self, name: &str) -> Option<Written> {
        self.find(|place| place.field == name && place.item.is_none())
    }

    /// How item `item` of the list in the field `name` was written, if noted.
    fn item(&self, name: &str, item: usize) -> Option<Written> {
        self.find(|place| place.field == name && place.item == Some(item))
    }

    /// Whether an item of the list in the field `name` is noted.
    fn has_items(&self, name: &str) -> bool {
        self.find(|place| place.field == name && place.item.is_some())
            .is_some()
    }

    fn find(&self, at: impl Fn(&Place) -> bool) -> Option<Written> {
        self.0
            .iter()
            .find(|(place, _)| at(place))
            .map(|(_, written)| *written)
    }
}

/// Serde `with` helper for optional text where empty means absent, as in eSMS's callback
/// (`RequestId=`, `partnerids=`) and its JSON records: `""` is read as `None`, like
/// `null`, and the object's note of it (`Written::EmptyString`) writes `""` back.
pub(crate) mod empty_as_none {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<String>, D::Error> {
        Ok(Option::<String>::deserialize(deserializer)?.filter(|text| !text.is_empty()))
    }

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<String>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    crate::wire::enums::string_enum! {
        /// A text enum.
        pub enum Status {
            /// Fine.
            Fine = "200",
        }
    }

    crate::wire::object::wire_object! {
        /// One field for each part of the rule.
        pub struct Scalars {
            /// An integer.
            #[serde(rename = "order", default)]
            pub order: Option<u64>,
            /// A small integer.
            #[serde(rename = "small", default)]
            pub small: Option<u16>,
            /// A signed integer.
            #[serde(rename = "signed", default)]
            pub signed: Option<i64>,
            /// A decimal.
            #[serde(rename = "amount", default, with = "crate::wire::decimal::number_option")]
            pub amount: Option<rust_decimal::Decimal>,
            /// Text.
            #[serde(rename = "id", default)]
            pub id: Option<String>,
            /// A text enum.
            #[serde(rename = "status", default)]
            pub status: Option<Status>,
            /// A time with a form of its own.
            #[serde(rename = "at", default, with = "crate::wire::time::date_time_seconds_option")]
            pub at: Option<chrono::NaiveDateTime>,
            /// A list of names.
            #[serde(rename = "tags", default)]
            pub tags: Option<Vec<String>>,
            /// A list of counts.
            #[serde(rename = "counts", default)]
            pub counts: Option<Vec<u64>>,
        }
    }

    #[test]
    fn a_list_s_items_follow_the_rule_and_are_written_back_as_they_came() {
        for json in [
            r#"{"tags":["a",7,"8",-1],"counts":[1,"2",3]}"#,
            r#"{"tags":[],"counts":["0"]}"#,
            r#"{"tags":[""],"counts":[]}"#,
        ] {
            let scalars = read(json).unwrap();
            assert_eq!(serde_json::to_string(&scalars).unwrap(), json);
        }
        let listed = read(r#"{"tags":["a",7,"8"],"counts":[1,"2"]}"#).unwrap();
        assert_eq!(listed.tags, Some(vec!["a".into(), "7".into(), "8".into()]));
        assert_eq!(listed.counts, Some(vec![1, 2]));
        // An item out of its range is quoted as sent, with its place.
        let err = read(r#"{"counts":[1,18446744073709551616]}"#).unwrap_err();
        assert!(
            err.starts_with("invalid value: integer `18446744073709551616`, expected u64"),
            "{err}"
        );
        // Items set since are written as they are, the notes of those left as they came.
        let mut changed = listed;
        changed.tags = Some(vec!["a".into(), "x".into(), "8".into(), "9".into()]);
        assert_eq!(
            serde_json::to_string(&changed).unwrap(),
            r#"{"tags":["a","x","8","9"],"counts":[1,"2"]}"#
        );
    }

    fn read(json: &str) -> Result<Scalars, String> {
        serde_json::from_str(json).map_err(|err| err.to_string())
    }

    #[test]
    fn each_scalar_reads_its_other_spelling_and_is_written_back_as_it_came() {
        for json in [
            r#"{"order":"98765432109876543"}"#,
            r#"{"order":"18446744073709551615"}"#,
            r#"{"small":"65535","signed":"-9223372036854775808"}"#,
            r#"{"amount":"100.50"}"#,
            r#"{"amount":"-0.00"}"#,
            r#"{"id":9,"status":200}"#,
            r#"{"id":-5,"status":404}"#,
            r#"{"id":18446744073709551615}"#,
        ] {
            let scalars = read(json).unwrap();
            assert_eq!(serde_json::to_string(&scalars).unwrap(), json);
        }
        let quoted = read(r#"{"amount":"100.50","id":9,"status":200}"#).unwrap();
        let plain = read(r#"{"amount":100.50,"id":"9","status":"200"}"#).unwrap();
        assert_eq!(
            (&quoted.amount, &quoted.id, &quoted.status),
            (&plain.amount, &plain.id, &plain.status)
        );
        assert_eq!(quoted.status, Some(Status::Fine));
        assert!(Status::DOCUMENTED.iter().all(Status::is_documented));
        assert!(quoted.unknown_fields().is_empty());
        assert_eq!(
            quoted.amount.map(|a| a.to_string()).as_deref(),
            Some("100.50")
        );
        // Text changed since is written as text.
        let mut changed = quoted;
        changed.id = Some("nine".to_owned());
        assert!(
            serde_json::to_string(&changed)
                .unwrap()
                .contains(r#""id":"nine""#)
        );
    }

    #[test]
    fn a_number_out_of_its_type_s_range_is_quoted_as_sent() {
        for (json, quoted) in [
            (
                r#"{"order":98765432109876543210}"#,
                "invalid value: integer `98765432109876543210`, expected u64",
            ),
            (
                r#"{"order":"98765432109876543210"}"#,
                r#"invalid value: string "98765432109876543210", expected u64"#,
            ),
            (
                r#"{"order":-1}"#,
                "invalid value: integer `-1`, expected u64",
            ),
            (
                r#"{"small":70000}"#,
                "invalid value: integer `70000`, expected u16",
            ),
            (
                r#"{"signed":-9223372036854775809}"#,
                "invalid value: integer `-9223372036854775809`, expected i64",
            ),
            (
                r#"{"signed":9223372036854775808}"#,
                "invalid value: integer `9223372036854775808`, expected i64",
            ),
            (
                r#"{"order":1.0}"#,
                "invalid value: number `1.0`, expected u64",
            ),
            (
                r#"{"order":1e2}"#,
                "invalid value: number `1e2`, expected u64",
            ),
            (
                r#"{"order":"05"}"#,
                r#"invalid value: string "05", expected u64"#,
            ),
            (
                r#"{"order":" 5"}"#,
                r#"invalid value: string " 5", expected u64"#,
            ),
            (
                r#"{"order":true}"#,
                "invalid type: boolean `true`, expected u64",
            ),
        ] {
            let err = read(json).unwrap_err();
            assert!(err.starts_with(quoted), "{json}: {err}");
        }
    }

    #[test]
    fn a_number_text_cannot_keep_is_refused_without_a_number_never_sent() {
        for json in [
            r#"{"id":1.50}"#,
            r#"{"id":1e2}"#,
            r#"{"id":98765432109876543210}"#,
            r#"{"status":2.5}"#,
            r#"{"at":1.5}"#,
        ] {
            let err = read(json).unwrap_err();
            assert!(
                err.starts_with(
                    "invalid type: a number with a fraction, an exponent or past 64 bits"
                ),
                "{json}: {err}"
            );
        }
        // A time's text is never digits: an integer there is refused as sent.
        let err = read(r#"{"at":1689261131}"#).unwrap_err();
        assert!(
            err.starts_with("invalid type: integer `1689261131`"),
            "{err}"
        );
    }

    #[test]
    fn a_value_read_from_a_serde_json_value_follows_the_rule_too() {
        let value = serde_json::json!({"order": "7", "amount": "1.5", "id": 9});
        let scalars: Scalars = serde_json::from_value(value.clone()).unwrap();
        assert_eq!((scalars.order, scalars.id.as_deref()), (Some(7), Some("9")));
        assert_eq!(serde_json::to_value(&scalars).unwrap(), value);
    }
}
