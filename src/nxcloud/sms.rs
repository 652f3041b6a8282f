//! The SMS delivery receipt NXCloud posts to the customer's URL as a form: "SMS DR Push",
//! `POST x-www-form-urlencoded`, "Parameters At post body". For customers registered
//! before May 2023 the same parameters come in the URL's query string instead (the
//! English page says 4 May in its prose and 24 May in its examples).
//!
//! Answer `success` ([`SmsReceipt::ANSWER`]; `error` for a failure): "DR Only Push Once",
//! so a receipt that is not taken is lost.
//!
//! **Raw spaces.** Every sample writes `drtime=2021-02-26 10:01:15` with a raw space, in
//! the form body and in the URL alike (a URL cannot hold one). That is most likely how
//! the document shows the values (NXCloud's DID SMS push on the same wiki shows its form
//! encoded, `receiveTime=2021-02-07+14%3A54%3A00`), but a sender that builds the body by
//! hand would send it so. Both are read: a raw space is taken as it is, `+` and `%20` as
//! a space. Each pair is kept as it came, and [`SmsReceipt::to_form`] writes back the
//! pair's own text wherever its value is unchanged: the body written back is the body
//! received, whichever way its sender encoded it.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::answer::Answer;
use crate::error::refuse_unrecognized;
use crate::event::{self, DeliveryState, Event};
use crate::timestamp::Timestamp;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized, UnrecognizedKind};
use crate::wire::enums::{code_enum, string_enum};
use crate::wire::text::shown;
use crate::wire::time::{DateTimeSeconds, parse_date_time};
use crate::wire::{decimal, number, query};
use crate::{Error, Limits, Provider, UnknownFields};

code_enum! {
    /// `status`: the receipt's "DR code" ("2: successful, any other number: not
    /// successful").
    pub enum SmsStatus {
        /// `DELIVRD`, "Successful".
        Delivered = 2,
        /// `UNDELIV`, "Failure".
        Undeliverable = 5,
        /// `REJECTD`, "Reject".
        Rejected = 6,
        /// `EXPIRED`, "Expired".
        Expired = 7,
        /// `DELETED`, "Delete".
        Deleted = 8,
        /// `DND`, "Do Not Disturb".
        DoNotDisturb = 9,
        /// `ESME_RINVDSTADR`: a wrong destination address. Only the 2023 copy of the
        /// document lists it.
        InvalidDestinationAddress = 10,
        /// `ESME_RINVSRCADR`, "Wrong from address (sender/source address)".
        InvalidSourceAddress = 11,
        /// `UNKNOWN`, "unknown, please contact us".
        Unknown = 12,
    }
}

string_enum! {
    /// `result`: "DR", the delivery report's name for the status (`DELIVRD`,
    /// `UNDELIV`, ...: the names of the DR code table).
    pub enum SmsResult {
        /// Delivered (status 2).
        Delivered = "DELIVRD",
        /// Undeliverable (5).
        Undeliverable = "UNDELIV",
        /// Rejected (6).
        Rejected = "REJECTD",
        /// Expired (7).
        Expired = "EXPIRED",
        /// Deleted (8).
        Deleted = "DELETED",
        /// Do not disturb (9).
        DoNotDisturb = "DND",
        /// A wrong destination address (10).
        InvalidDestinationAddress = "ESME_RINVDSTADR",
        /// A wrong source address (11).
        InvalidSourceAddress = "ESME_RINVSRCADR",
        /// Unknown (12).
        Unknown = "UNKNOWN",
    }
}

/// An SMS delivery receipt: the form NXCloud posts to the customer's URL (or, for
/// customers registered before May 2023, the query string of that `POST`).
///
/// Every value arrives as text; the codes are enums that keep any undocumented value,
/// the price and exchange rate exact decimals, the times naive (no zone is sent), and an
/// empty value is `None`. Keys match in any letter case.
///
/// ```
/// use provider_payloads::nxcloud::{SmsReceipt, SmsResult, SmsStatus};
/// use provider_payloads::event::DeliveryState;
///
/// let body = b"result=DELIVRD&size=1&phone=6282167624806&rate=6.4845&price=0.045\
///     &messageid=b308d94a73f94e6d84ae975c41f4b2a6&drtime=2021-02-26 10:01:15&currency=USD\
///     &sendtime=2021-02-26 10:01:15&status=2";
/// let receipt = SmsReceipt::from_form(body)?;
/// assert_eq!((receipt.status, receipt.result.clone()), (SmsStatus::Delivered, Some(SmsResult::Delivered)));
/// assert_eq!(receipt.price.unwrap().to_string(), "0.045");
/// assert_eq!(receipt.dr_time.unwrap().to_string(), "2021-02-26 10:01:15");
/// assert_eq!(receipt.delivery().state, DeliveryState::Delivered);
/// // Written back as it came, raw spaces and all.
/// assert_eq!(receipt.to_form().as_bytes(), &body[..]);
/// assert_eq!(&*SmsReceipt::ANSWER.body, b"success");
/// # Ok::<(), provider_payloads::Error>(())
/// ```
#[derive(Clone, PartialEq, Debug)]
#[non_exhaustive]
pub struct SmsReceipt {
    /// `phone`: "Phone Number", the recipient.
    pub phone: Option<String>,
    /// `status`: the DR code.
    pub status: SmsStatus,
    /// `result`: "DR", the status's name (`DELIVRD`).
    pub result: Option<SmsResult>,
    /// `drtime`: the delivery report's time, `yyyy-MM-dd HH:mm:ss` with no zone.
    pub dr_time: Option<NaiveDateTime>,
    /// `messageid`: the SMS's id, the one "obtained" when it was submitted.
    pub message_id: String,
    /// `currency`: "Currency CNY/USD", that of `price`.
    pub currency: Option<String>,
    /// `price`: "Unit Price", exact as sent (`0.045`).
    pub price: Option<Decimal>,
    /// `rate`: "USD To RMB Exchange Rate" (`6.4845`), exact as sent.
    pub rate: Option<Decimal>,
    /// `sendtime`: "SendTime", `yyyy-MM-dd HH:mm:ss` with no zone.
    pub send_time: Option<NaiveDateTime>,
    /// `size`: "billing size", the parts billed.
    pub size: Option<u64>,
    /// `ext`: the "extension field" of the send request ("only support http api for
    /// single sms mt"); optional.
    pub ext: Option<String>,
    wire: FormWire,
}

/// The keys of a receipt, spelt as the document's table spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Phone,
    Status,
    Result,
    DrTime,
    MessageId,
    Currency,
    Price,
    Rate,
    SendTime,
    Size,
    Ext,
}

impl Key {
    const ALL: [Key; 11] = [
        Key::Phone,
        Key::Status,
        Key::Result,
        Key::DrTime,
        Key::MessageId,
        Key::Currency,
        Key::Price,
        Key::Rate,
        Key::SendTime,
        Key::Size,
        Key::Ext,
    ];

    fn wire(self) -> &'static str {
        match self {
            Key::Phone => "phone",
            Key::Status => "status",
            Key::Result => "result",
            Key::DrTime => "drtime",
            Key::MessageId => "messageid",
            Key::Currency => "currency",
            Key::Price => "price",
            Key::Rate => "rate",
            Key::SendTime => "sendtime",
            Key::Size => "size",
            Key::Ext => "ext",
        }
    }

    /// The key spelt `name`, whatever its letter case.
    fn find(name: &str) -> Option<Key> {
        Key::ALL
            .into_iter()
            .find(|key| key.wire().eq_ignore_ascii_case(name))
    }

    /// The field the (decoded) key `name` fills: `None` for a key the document does not
    /// name, or one `met` before.
    fn claim(name: &str, met: &mut Met) -> Option<Key> {
        let key = Key::find(name)?;
        let first = met
            .get_mut(key as usize)
            .map(|met| !std::mem::replace(met, true));
        first.unwrap_or(false).then_some(key)
    }
}

/// Whether each [`Key`] has filled its field yet, by its number.
type Met = [bool; Key::ALL.len()];

/// What a receipt keeps of the form besides its typed values: the form as it came. Its
/// pairs are found in it again when they are needed ([`FormWire::pairs`]), rather than
/// kept: a form of a million empty pairs costs its own size, not twenty times it.
#[derive(Clone, Default, PartialEq)]
struct FormWire {
    raw: String,
}

/// A pair of the form: where its key and its value (still encoded) are in the form's
/// text, and the field it filled; `None` for a key the document does not name, or a
/// repeat.
#[derive(Clone, PartialEq)]
struct Pair {
    key: (usize, usize),
    value: (usize, usize),
    field: Option<Key>,
}

impl fmt::Debug for FormWire {
    /// The keys in the order they came, as one line, and the unknown pairs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = self.pairs().map(|pair| self.text(pair.key)).collect();
        let unknown: Vec<(Cow<'_, str>, Cow<'_, str>)> = self.unknown().collect();
        f.debug_struct("FormWire")
            .field("keys", &keys.join("&"))
            .field("unknown", &unknown)
            .finish()
    }
}

impl FormWire {
    /// The text at `at` in the form, as it came.
    fn text(&self, (start, end): (usize, usize)) -> &str {
        self.raw.get(start..end).unwrap_or_default()
    }

    /// The text at `at`, decoded (it was, when the form was read).
    fn decoded(&self, at: (usize, usize)) -> Cow<'_, str> {
        let raw = self.text(at);
        query::decode(raw).unwrap_or(Cow::Borrowed(raw))
    }

    /// The pairs of the form, in order, each with the field it filled.
    fn pairs(&self) -> impl Iterator<Item = Pair> + '_ {
        let mut met = Met::default();
        query::spans(&self.raw).map(move |(key, value)| Pair {
            key,
            value,
            field: Key::claim(&self.decoded(key), &mut met),
        })
    }

    /// The pairs the document does not name, and repeats, decoded, in order.
    fn unknown(&self) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> {
        self.pairs()
            .filter(|pair| pair.field.is_none())
            .map(|pair| (self.decoded(pair.key), self.decoded(pair.value)))
    }
}

/// The payload kind's name, as errors give it.
const KIND: &str = "SMS receipt";

fn parameter_error(key: &str, reason: impl Into<String>) -> Error {
    Error::Parameter {
        provider: Provider::NxCloud,
        payload: KIND,
        key: key.to_owned(),
        reason: reason.into(),
    }
}

impl SmsReceipt {
    /// The payload kind's name, as errors give it.
    pub const KIND: &'static str = KIND;

    /// What NXCloud expects back: HTTP 200 with the text `success` ("Successful Return:
    /// success"; `error` says it failed).
    pub const ANSWER: Answer = Answer {
        status: 200,
        content_type: Some("text/plain"),
        body: Cow::Borrowed(b"success"),
    };

    /// The payload kind's name, as errors give it: [`KIND`](Self::KIND).
    pub fn kind(&self) -> &'static str {
        KIND
    }

    /// Whether `name` is a key of the receipt, in any letter case: what tells NXCloud's
    /// form from eSMS's query string.
    pub(crate) fn names(name: &str) -> bool {
        Key::find(name).is_some()
    }

    /// Whether `body` is a form with a key of the receipt's (in any letter case).
    pub(crate) fn is_form(body: &[u8]) -> bool {
        std::str::from_utf8(body).is_ok_and(|text| {
            query::raw_pairs(text)
                .any(|(key, _)| query::decode(key).is_ok_and(|key| Self::names(&key)))
        })
    }

    /// Reads a receipt from the form body NXCloud posts (`result=DELIVRD&size=1&...`);
    /// white space around it (a file's final newline) is ignored. A body over
    /// [`Limits::DEFAULT_BODY`] is refused: [`from_form_with`](Self::from_form_with) sets
    /// your own limit.
    pub fn from_form(body: &[u8]) -> Result<Self, Error> {
        Self::from_form_with(body, &Limits::new())
    }

    /// [`from_form`](Self::from_form) with limits of your own: a body larger than
    /// [`Limits::max_body`] is refused with [`Error::TooLarge`] before it is read.
    pub fn from_form_with(body: &[u8], limits: &Limits) -> Result<Self, Error> {
        limits.check(body.len())?;
        let text = std::str::from_utf8(body).map_err(|err| Error::NoKind {
            provider: Provider::NxCloud,
            expected: vec![
                "an NXCloud SMS receipt, a form (`messageid=...&status=...`) in UTF-8".to_owned(),
            ],
            found: format!(
                "a body that is not UTF-8 (byte {} starts an invalid sequence)",
                err.valid_up_to()
            ),
        })?;
        Self::read(text.trim())
    }

    /// Reads a receipt from the query string of the URL NXCloud posts to (customers
    /// registered before May 2023), with or without its leading `?`. A query over
    /// [`Limits::DEFAULT_BODY`] is refused: [`from_query_with`](Self::from_query_with)
    /// sets your own limit.
    pub fn from_query(query: &str) -> Result<Self, Error> {
        Self::from_query_with(query, &Limits::new())
    }

    /// [`from_query`](Self::from_query) with limits of your own: a query string larger
    /// than [`Limits::max_body`] is refused with [`Error::TooLarge`] before it is read.
    pub fn from_query_with(query: &str, limits: &Limits) -> Result<Self, Error> {
        limits.check(query.len())?;
        let query = query.trim();
        let query = query.strip_prefix('?').unwrap_or(query);
        if query.is_empty() {
            return Err(Error::EmptyQuery {
                provider: Provider::NxCloud,
                payload: KIND,
            });
        }
        Self::read(query)
    }

    /// Like [`from_form`](Self::from_form), refusing any key or value the document does
    /// not list.
    pub fn from_form_strict(body: &[u8]) -> Result<Self, Error> {
        Self::from_form_strict_with(body, &Limits::new())
    }

    /// [`from_form_strict`](Self::from_form_strict) with limits of your own, as
    /// [`from_form_with`](Self::from_form_with) has them.
    pub fn from_form_strict_with(body: &[u8], limits: &Limits) -> Result<Self, Error> {
        refuse_unrecognized(Self::from_form_with(body, limits)?, Provider::NxCloud, KIND)
    }

    fn read(text: &str) -> Result<Self, Error> {
        if text.is_empty() {
            return Err(Error::Empty {
                provider: Provider::NxCloud,
                payload: KIND,
            });
        }
        if text.starts_with(['{', '[']) {
            return Err(Error::NoKind {
                provider: Provider::NxCloud,
                expected: vec![
                    "an NXCloud SMS receipt, a form (`messageid=...&status=...`)".to_owned(),
                ],
                found: "a JSON body".to_owned(),
            });
        }
        let mut receipt = Builder::default();
        let mut met = Met::default();
        for (raw_key, raw_value) in query::raw_pairs(text) {
            let key = query::decode(raw_key)
                .map_err(|err| parameter_error(raw_key, format!("the key: {err}")))?;
            let value =
                query::decode(raw_value).map_err(|err| parameter_error(&key, err.to_string()))?;
            if let Some(field) = Key::claim(&key, &mut met) {
                receipt
                    .set(field, &value)
                    .map_err(|reason| parameter_error(&key, reason))?;
            }
        }
        receipt.wire.raw = text.to_owned();
        receipt.build()
    }

    /// Writes the receipt back as a form (the same text serves as a query string): the
    /// form as it came (its pairs in their order and spelling, its separators, each value
    /// in the bytes it came in), but for the values that were changed, which are written
    /// percent-encoded.
    pub fn to_form(&self) -> String {
        let raw = &self.wire.raw;
        let mut form = String::with_capacity(raw.len().saturating_add(16));
        // The form is copied as it came up to each typed value, and from the last.
        let mut copied = 0;
        for pair in self.wire.pairs() {
            let Some(key) = pair.field else {
                continue;
            };
            let (start, end) = pair.value;
            form.push_str(raw.get(copied..start).unwrap_or_default());
            let current = self.value(key);
            // A key that came with no `=`, given a value.
            if start == pair.key.1 && !current.is_empty() {
                form.push('=');
            }
            query::write_as_it_came(&mut form, self.wire.text(pair.value), &current);
            copied = end;
        }
        form.push_str(raw.get(copied..).unwrap_or_default());
        form
    }

    /// The parameters the document does not name, and repeats of known ones, decoded,
    /// in the order they came.
    pub fn unknown_parameters(&self) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> {
        self.wire.unknown()
    }

    /// A receipt has no JSON object of its own: no unknown fields (its unknown parameters
    /// are [`unknown_parameters`](Self::unknown_parameters)).
    pub fn unknown_fields(&self) -> &UnknownFields {
        UnknownFields::none()
    }

    /// The text of the value of `key`, as it is written back; empty for `None`.
    fn value(&self, key: Key) -> Cow<'_, str> {
        fn or_empty(value: &Option<String>) -> Cow<'_, str> {
            Cow::Borrowed(value.as_deref().unwrap_or_default())
        }
        let time =
            |time: &Option<NaiveDateTime>| shown(time.as_ref().map(|t| DateTimeSeconds(t, b' ')));
        match key {
            Key::Phone => or_empty(&self.phone),
            Key::MessageId => Cow::Borrowed(&self.message_id),
            Key::Currency => or_empty(&self.currency),
            Key::Ext => or_empty(&self.ext),
            Key::Result => Cow::Borrowed(self.result.as_ref().map_or("", SmsResult::as_str)),
            Key::Status => shown(Some(self.status.code())),
            Key::Size => shown(self.size),
            Key::DrTime => time(&self.dr_time),
            Key::SendTime => time(&self.send_time),
            Key::Price => shown(self.price),
            Key::Rate => shown(self.rate),
        }
    }
}

/// A receipt being read, pair by pair.
#[derive(Default)]
struct Builder {
    phone: Option<String>,
    status: Option<SmsStatus>,
    result: Option<SmsResult>,
    dr_time: Option<NaiveDateTime>,
    message_id: Option<String>,
    currency: Option<String>,
    price: Option<Decimal>,
    rate: Option<Decimal>,
    send_time: Option<NaiveDateTime>,
    size: Option<u64>,
    ext: Option<String>,
    wire: FormWire,
}

impl Builder {
    /// Reads the value of `key`; an empty value is `None`.
    fn set(&mut self, key: Key, value: &str) -> Result<(), String> {
        if value.is_empty() {
            return Ok(());
        }
        let text = || Some(value.to_owned());
        match key {
            Key::Phone => self.phone = text(),
            Key::MessageId => self.message_id = text(),
            Key::Currency => self.currency = text(),
            Key::Ext => self.ext = text(),
            Key::Result => self.result = Some(SmsResult::from(value)),
            Key::Status => {
                self.status = Some(SmsStatus::from_str(value).map_err(|_| {
                    if value.parse::<i64>().is_ok() {
                        format!(
                            "`{value}` has a leading zero or a sign, which would not be written back as it came"
                        )
                    } else {
                        format!("expected an integer code (2 is delivered), found `{value}`")
                    }
                })?);
            }
            Key::Size => {
                self.size = Some(
                    number::code_from_text(value)
                        .and_then(|size| u64::try_from(size).ok())
                        .ok_or_else(|| format!("expected a count (digits), found `{value}`"))?,
                );
            }
            Key::DrTime => self.dr_time = Some(time(value)?),
            Key::SendTime => self.send_time = Some(time(value)?),
            Key::Price => self.price = Some(exact(value)?),
            Key::Rate => self.rate = Some(exact(value)?),
        }
        Ok(())
    }

    fn build(self) -> Result<SmsReceipt, Error> {
        let missing = |key: Key, what: &str| {
            parameter_error(key.wire(), format!("missing or empty; it is {what}"))
        };
        Ok(SmsReceipt {
            message_id: self
                .message_id
                .ok_or_else(|| missing(Key::MessageId, "the SMS's id"))?,
            status: self
                .status
                .ok_or_else(|| missing(Key::Status, "the DR code"))?,
            phone: self.phone,
            result: self.result,
            dr_time: self.dr_time,
            currency: self.currency,
            price: self.price,
            rate: self.rate,
            send_time: self.send_time,
            size: self.size,
            ext: self.ext,
            wire: self.wire,
        })
    }
}

/// A time as the document writes it, `yyyy-MM-dd HH:mm:ss`.
fn time(value: &str) -> Result<NaiveDateTime, String> {
    parse_date_time(value, b' ').ok_or_else(|| {
        format!("expected a date and time like `2021-02-26 10:01:15`, found `{value}`")
    })
}

/// A price or rate, exact, written the one way it is written back.
fn exact(value: &str) -> Result<Decimal, String> {
    decimal::parse_number(value)
        .ok_or_else(|| format!("expected a decimal number like 0.045, found `{value}`"))
}

impl ListUnrecognized for SmsReceipt {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        self.status
            .list_unrecognized(&at.field(Key::Status.wire()), found);
        self.result
            .list_unrecognized(&at.field(Key::Result.wire()), found);
        for (key, value) in self.wire.unknown() {
            found.push(Unrecognized::new(
                &at.field(&key),
                UnrecognizedKind::Field {
                    raw: value.into_owned(),
                },
            ));
        }
    }
}

impl Serialize for SmsReceipt {
    /// The receipt as a JSON object of its pairs, in order, each decoded value a string
    /// (the form itself is [`to_form`](Self::to_form)).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for pair in self.wire.pairs() {
            match pair.field {
                Some(key) => map.serialize_entry(key.wire(), &self.value(key))?,
                None => map.serialize_entry(
                    &self.wire.decoded(pair.key),
                    &self.wire.decoded(pair.value),
                )?,
            }
        }
        map.end()
    }
}

impl SmsReceipt {
    /// The normalized state: status 2 Delivered; 5 (undeliverable) and 8 (deleted)
    /// Failed; 6 (rejected), 9 (do not disturb), 10 and 11 (wrong destination or source
    /// address) Rejected; 7 Expired; 12 and any other Unknown.
    pub fn delivery_state(&self) -> DeliveryState {
        match self.status {
            SmsStatus::Delivered => DeliveryState::Delivered,
            SmsStatus::Undeliverable | SmsStatus::Deleted => DeliveryState::Failed,
            SmsStatus::Rejected
            | SmsStatus::DoNotDisturb
            | SmsStatus::InvalidDestinationAddress
            | SmsStatus::InvalidSourceAddress => DeliveryState::Rejected,
            SmsStatus::Expired => DeliveryState::Expired,
            SmsStatus::Unknown | SmsStatus::Other(_) => DeliveryState::Unknown,
        }
    }

    /// The receipt as a normalized event: its [`delivery`](Self::delivery).
    pub fn event(&self) -> Option<Event> {
        Some(Event::Delivery(self.delivery()))
    }

    /// The HTTP answer NXCloud expects: [`ANSWER`](Self::ANSWER), 200 with `success`.
    pub fn answer(&self) -> Answer {
        Self::ANSWER
    }

    /// The receipt as a normalized delivery report to `phone`, at `drtime`; the status
    /// and `result` travel as the error unless it was delivered. Its cost is `price`
    /// ("Unit Price") times `size` ("billing size", the parts billed), exact, in
    /// `currency`: a message of two parts costs twice the unit price. With no `size`
    /// (or no `price`) the receipt does not say what the message cost, and the report
    /// has no cost. NXCloud pushes a receipt once: the key is `nxcloud:<messageid>:<state>`
    /// (an undocumented status names itself: `...:unknown:<status>`).
    pub fn delivery(&self) -> event::Delivery {
        let state = self.delivery_state();
        let cost = self
            .price
            .zip(self.size)
            .and_then(|(price, size)| price.checked_mul(Decimal::from(size)))
            .map(|cost| event::Cost::new(cost, self.currency.clone()));
        event::Delivery {
            provider: Provider::NxCloud,
            message_id: self.message_id.clone(),
            recipient: self.phone.clone(),
            state,
            error: (state != DeliveryState::Delivered).then(|| event::ProviderError {
                code: self.status.to_string(),
                message: self.result.as_ref().map(ToString::to_string),
            }),
            at: self.dr_time.map(Timestamp::local),
            cost,
            counts: None,
            idempotency_key: event::idempotency_key(
                Provider::NxCloud,
                &self.message_id,
                &event::state_part(state.as_str(), state == DeliveryState::Unknown, self.status),
            ),
        }
    }
}
