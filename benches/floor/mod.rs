//! Plain serde mirrors of five fixtures' payload types: the floor of serde's derive, for
//! the `floor_owned` and `floor_borrowed` modes of `benches/instructions.rs`. Bench-only;
//! the crate does not use them.
//!
//! Each struct has every field of the crate's type, under the same wire name (and the
//! same aliases), and is a plain `#[derive(Deserialize)]`: unknown keys are skipped by
//! serde, not kept, no note is taken of how a field was written (`null`, `""`, a number
//! in a string), and nothing is refused. What the values are is kept as the crate keeps
//! it, with the plainest code that does so:
//!
//! - money: an exact [`Decimal`] from the JSON number's text (a borrowed [`RawValue`] and
//!   [`Decimal::from_str_exact`], never an `f64`);
//! - times: chrono values from a borrowed `&str`: `YYYY-MM-DD HH:MM:SS` from its fixed
//!   places (chrono's format parser would cost more than the rest of a receipt), offsets
//!   by [`DateTime::parse_from_rfc3339`], unix seconds in a string parsed as an `i64`;
//! - codes: integers; enums: strings.
//!
//! Each type is generic over its string type `S`: `String` for `floor_owned`, `&str`
//! borrowed from the body for `floor_borrowed`. The fixtures' strings have no escapes,
//! so every one of them borrows; a string with one would fail the borrowed parse, which
//! the bench asserts.
//!
//! The bodies are checked for UTF-8 once and read with `serde_json::from_str`, the
//! cheaper of serde_json's two ways and the crate's own (the `value` and `ignored`
//! baselines use `from_slice`, what a user writes).

#![allow(
    dead_code,
    reason = "the fields are built and never read: building them is what is measured"
)]

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use rust_decimal::Decimal;
use serde::de::{self, Deserialize, Deserializer};
use serde_json::value::RawValue;

/// The floor parses of one fixture: its mirror type read with owned and with borrowed
/// strings, each telling whether the body parsed.
#[derive(Clone, Copy)]
pub struct Parsers {
    /// The mirror with `String`s (`floor_owned`).
    pub owned: fn(&[u8]) -> bool,
    /// The mirror with `&str`s borrowed from the body (`floor_borrowed`).
    pub borrowed: fn(&[u8]) -> bool,
}

/// The floor parses of the fixture named `name` (`nxcloud/receipt_delivered`, as
/// `common::name` gives it); `None` for a fixture without a mirror.
pub fn parsers(name: &str) -> Option<Parsers> {
    Some(match name {
        "nxcloud/receipt_delivered" => Parsers {
            owned: |body| read::<Receipt<String>>(body),
            borrowed: |body| read::<Receipt<&str>>(body),
        },
        "wappin/callback_status" => Parsers {
            owned: |body| read::<StatusCallback<String>>(body),
            borrowed: |body| read::<StatusCallback<&str>>(body),
        },
        "wappin/callback_acknowledgement" => Parsers {
            owned: |body| read::<Acknowledgement<String>>(body),
            borrowed: |body| read::<Acknowledgement<&str>>(body),
        },
        "viva/transaction_payment_created" => Parsers {
            owned: |body| read::<Message<String>>(body),
            borrowed: |body| read::<Message<&str>>(body),
        },
        "viva/message_list_types_filled" => Parsers {
            owned: |body| read::<Vec<MessageSummary<String>>>(body),
            borrowed: |body| read::<Vec<MessageSummary<&str>>>(body),
        },
        _ => return None,
    })
}

/// Whether `body` is a `T`. The body's UTF-8 is checked once (`simdutf8`) and then read
/// as text, as the crate reads it: `serde_json::from_slice` checks each string on its
/// own, which cost 16-29% of these parses, so the floor takes the cheaper way too.
fn read<'de, T: Deserialize<'de>>(body: &'de [u8]) -> bool {
    simdutf8::basic::from_utf8(body).is_ok_and(|text| serde_json::from_str::<T>(text).is_ok())
}

/// NXCloud's receipt (`provider_payloads::nxcloud::Receipt`).
#[derive(serde::Deserialize)]
struct Receipt<S> {
    #[serde(rename = "status")]
    status: S,
    #[serde(rename = "requestId")]
    request_id: S,
    #[serde(rename = "code")]
    code: i64,
    #[serde(rename = "message")]
    message: S,
    #[serde(rename = "sendTime", deserialize_with = "date_time_seconds")]
    send_time: NaiveDateTime,
}

/// Wappin's status callback (`provider_payloads::wappin::StatusCallback`).
#[derive(serde::Deserialize)]
struct StatusCallback<S> {
    #[serde(rename = "message_id")]
    message_id: S,
    #[serde(rename = "client_id")]
    client_id: S,
    #[serde(rename = "client_name")]
    client_name: S,
    #[serde(rename = "project_id", default)]
    project_id: Option<S>,
    #[serde(rename = "project_name", default)]
    project_name: Option<S>,
    #[serde(rename = "sender_number", default)]
    sender_number: Option<S>,
    #[serde(rename = "status_messages", alias = "status_message")]
    status: S,
    #[serde(rename = "message_content", default)]
    message_content: Option<S>,
    #[serde(rename = "environment", alias = "environtment", default)]
    environment: Option<S>,
    #[serde(
        rename = "timestamp",
        default,
        deserialize_with = "unix_seconds_option"
    )]
    timestamp: Option<DateTime<Utc>>,
    #[serde(rename = "callback_type")]
    callback_type: S,
}

/// Wappin's answer to a callback (`provider_payloads::wappin::Acknowledgement`).
#[derive(serde::Deserialize)]
struct Acknowledgement<S> {
    #[serde(rename = "status")]
    status: S,
}

/// Viva's webhook message of a transaction event
/// (`provider_payloads::viva::Message<TransactionEventData>`).
#[derive(serde::Deserialize)]
struct Message<S> {
    #[serde(rename = "EventData")]
    event_data: TransactionEventData<S>,
    #[serde(rename = "EventTypeId")]
    event_type_id: i64,
    #[serde(rename = "Created", deserialize_with = "rfc3339")]
    created: DateTime<FixedOffset>,
    #[serde(rename = "MessageId", default)]
    message_id: Option<S>,
    #[serde(rename = "CorrelationId", default)]
    correlation_id: Option<S>,
    #[serde(rename = "Url", default)]
    url: Option<S>,
    #[serde(rename = "RecipientId", default)]
    recipient_id: Option<S>,
    #[serde(rename = "MessageTypeId", default)]
    message_type_id: Option<i64>,
    #[serde(rename = "RetryCount", default)]
    retry_count: Option<i64>,
}

/// The event data of a Viva transaction event
/// (`provider_payloads::viva::TransactionEventData`).
#[derive(serde::Deserialize)]
struct TransactionEventData<S> {
    #[serde(rename = "Amount", deserialize_with = "decimal")]
    amount: Decimal,
    #[serde(rename = "CardNumber", default)]
    card_number: Option<S>,
    #[serde(rename = "CardTypeId", default)]
    card_type_id: Option<i64>,
    #[serde(rename = "ClientId", default)]
    client_id: Option<S>,
    #[serde(rename = "CompanyName", default)]
    company_name: Option<S>,
    #[serde(rename = "CurrencyCode")]
    currency_code: u16,
    #[serde(rename = "CurrentInstallment", default)]
    current_installment: Option<i64>,
    #[serde(rename = "CustomerTrns", default)]
    customer_trns: Option<S>,
    #[serde(rename = "Email", default)]
    email: Option<S>,
    #[serde(rename = "FullName", default)]
    full_name: Option<S>,
    #[serde(rename = "InsDate", deserialize_with = "rfc3339")]
    ins_date: DateTime<FixedOffset>,
    #[serde(rename = "MerchantId")]
    merchant_id: S,
    #[serde(rename = "MerchantTrns", default)]
    merchant_trns: Option<S>,
    #[serde(rename = "OrderCode")]
    order_code: u64,
    #[serde(rename = "ParentId", default)]
    parent_id: Option<S>,
    #[serde(rename = "ResellerCompanyName", default)]
    reseller_company_name: Option<S>,
    #[serde(rename = "ResellerId", default)]
    reseller_id: Option<S>,
    #[serde(rename = "ResellerSourceAddress", default)]
    reseller_source_address: Option<S>,
    #[serde(rename = "ResellerSourceCode", default)]
    reseller_source_code: Option<S>,
    #[serde(rename = "ResellerSourceName", default)]
    reseller_source_name: Option<S>,
    #[serde(rename = "SourceCode", default)]
    source_code: Option<S>,
    #[serde(rename = "StatusId")]
    status_id: S,
    #[serde(
        rename = "TotalCommission",
        default,
        deserialize_with = "decimal_option"
    )]
    total_commission: Option<Decimal>,
    #[serde(rename = "TotalFee", default, deserialize_with = "decimal_option")]
    total_fee: Option<Decimal>,
    #[serde(rename = "TotalInstallments", default)]
    total_installments: Option<i64>,
    #[serde(rename = "TransactionId")]
    transaction_id: S,
    #[serde(rename = "TransactionTypeId")]
    transaction_type_id: i64,
}

/// One message of Viva's "List messages" response
/// (`provider_payloads::viva::MessageSummary`; the response is an array of them).
#[derive(serde::Deserialize)]
struct MessageSummary<S> {
    #[serde(rename = "messageId")]
    message_id: S,
    #[serde(rename = "eventTypeId")]
    event_type_id: i64,
    #[serde(rename = "created", alias = "created ", deserialize_with = "rfc3339")]
    created: DateTime<FixedOffset>,
    #[serde(rename = "responseStatus")]
    response_status: i64,
    #[serde(rename = "statusCode", default)]
    status_code: Option<u16>,
    #[serde(rename = "delivered", default, deserialize_with = "rfc3339_option")]
    delivered: Option<DateTime<FixedOffset>>,
    #[serde(rename = "nextRetry", default, deserialize_with = "rfc3339_option")]
    next_retry: Option<DateTime<FixedOffset>>,
    #[serde(rename = "url")]
    url: S,
}

/// An exact decimal from a JSON number's text (`100.50` has scale 2).
fn decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let raw = <&RawValue>::deserialize(deserializer)?;
    Decimal::from_str_exact(raw.get()).map_err(de::Error::custom)
}

/// [`decimal`], or `None` for `null`.
fn decimal_option<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
    Option::<&RawValue>::deserialize(deserializer)?
        .map(|raw| Decimal::from_str_exact(raw.get()).map_err(de::Error::custom))
        .transpose()
}

/// A local time to the second, `2023-07-13 15:12:11` (NXCloud's `sendTime`).
fn date_time_seconds<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<NaiveDateTime, D::Error> {
    let text = <&str>::deserialize(deserializer)?;
    fixed_places(text).ok_or_else(|| de::Error::custom("not a `YYYY-MM-DD HH:MM:SS` time"))
}

/// `YYYY-MM-DD HH:MM:SS` read from its fixed places, as a careful user would write it:
/// chrono's `parse_from_str` walks its format string and took 2.3k instructions a time,
/// more than all the rest of the receipt's floor.
fn fixed_places(text: &str) -> Option<NaiveDateTime> {
    let number = |at: usize, len: usize| -> Option<u32> {
        let digits = text.get(at..at + len)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b' '), (13, b':'), (16, b':')];
    if text.len() != 19 || !separators.iter().all(|&(at, b)| text.as_bytes()[at] == b) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(number(0, 4)? as i32, number(5, 2)?, number(8, 2)?)?
        .and_hms_opt(number(11, 2)?, number(14, 2)?, number(17, 2)?)
}

/// An RFC 3339 time with its offset, `2014-06-18T14:20:30.45+03:00` (Viva's times; the
/// crate's `Timestamp` also reads them without an offset, which these fixtures do not
/// have).
fn rfc3339<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<FixedOffset>, D::Error> {
    let text = <&str>::deserialize(deserializer)?;
    DateTime::parse_from_rfc3339(text).map_err(de::Error::custom)
}

/// [`rfc3339`], or `None` for `null`.
fn rfc3339_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    Option::<&str>::deserialize(deserializer)?
        .map(|text| DateTime::parse_from_rfc3339(text).map_err(de::Error::custom))
        .transpose()
}

/// Unix seconds in a string, `"1557915512"` (Wappin's `timestamp`), or `None` for `null`.
fn unix_seconds_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    let Some(text) = Option::<&str>::deserialize(deserializer)? else {
        return Ok(None);
    };
    let seconds: i64 = text.parse().map_err(de::Error::custom)?;
    DateTime::from_timestamp(seconds, 0)
        .map(Some)
        .ok_or_else(|| de::Error::custom("unix seconds out of chrono's range"))
}
