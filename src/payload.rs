//! One entry point for every provider: [`parse`] tells the provider and the payload kind
//! from the shape of the request and reads it once, as that kind.

use std::convert::Infallible;

use crate::answer::Answer;
use crate::event::Event;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};
use crate::wire::detect::{Table, Undecided};
use crate::wire::kinds::{Kinds, read_detected};
use crate::wire::no_kind::{KEYS_NAMED, Reader, any_request, undecided, with_the_keys};
use crate::wire::{json, query};
use crate::{Error, Limits, Provider, esms, nxcloud, viva, wappin};

/// Any payload of any provider: what [`parse`] returns.
///
/// Its [`event`](Self::event) and [`answer`](Self::answer) serve a handler that does not
/// care who sent it; match on the variants for what one provider's payload alone has.
///
/// ```
/// use provider_payloads::{Payload, Provider, nxcloud, parse};
///
/// // NXCloud's SMS delivery receipt, posted as a form.
/// let body = b"result=DELIVRD&size=1&phone=6282167624806&rate=6.4845&price=0.045\
///     &messageid=b308d94a73f94e6d84ae975c41f4b2a6&drtime=2021-02-26 10:01:15&currency=USD\
///     &sendtime=2021-02-26 10:01:15&status=2";
/// let payload = parse(body, "")?;
/// assert_eq!((payload.provider(), payload.kind()), (Provider::NxCloud, "SMS receipt"));
/// match &payload {
///     Payload::NxCloud(nxcloud::Callback::SmsReceipt(receipt)) => {
///         assert_eq!(receipt.phone.as_deref(), Some("6282167624806"));
///         assert_eq!(receipt.rate.unwrap().to_string(), "6.4845");
///     }
///     Payload::Wappin(wappin) => println!("a Wappin {}", wappin.kind()),
///     _ => {}
/// }
/// // The answer NXCloud expects to this one, and the form written back as it came.
/// assert_eq!(&*payload.answer().unwrap().body, b"success");
/// assert_eq!(payload.to_wire()?, body);
/// # Ok::<(), provider_payloads::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Payload {
    /// An NXCloud callback: a receipt, a reply, a number check, an SMS receipt.
    NxCloud(nxcloud::Callback),
    /// An eSMS delivery callback, or an answer of eSMS's status functions.
    Esms(esms::Payload),
    /// A Wappin callback, request or response.
    Wappin(wappin::Payload),
    /// A Viva webhook message, URL verification or messages-API answer.
    Viva(viva::Payload),
}

/// Reads what a provider sent to your webhook: the raw request `body`, and the `query`
/// string of its URL (without `?`; `""` when there is none).
///
/// The provider and the kind come from the shape of the request:
///
/// - a JSON array is a Viva message list;
/// - a JSON object is told by its top-level keys among every provider's table of kinds
///   ([`nxcloud::Callback`], [`esms::Payload`], [`wappin::Payload`], [`viva::Webhook`],
///   [`viva::Payload`]), then read once, as that kind;
/// - an empty body with a query string, or a body that is not JSON (a form), is told by
///   its keys in any letter case: an eSMS callback (its `GET`) has `SMSID` and
///   `SendStatus`, an NXCloud SMS receipt ([`nxcloud::SmsReceipt`], a form `POST`, or
///   for customers registered before May 2023 its URL's query) `messageid` and
///   `status`. A query string with neither is read as eSMS's, for its error; a form
///   body with neither is an error that names its keys and the two forms.
///
/// A JSON object is of a kind when it has every key the kind requires; where its
/// provider names the kind by a value (Viva's `EventTypeId`), with that value, which
/// decides. Where it fits several kinds, the one that knows the most of its keys wins,
/// then the one that requires the most; where they tie, it is an [`Error::Ambiguous`]
/// that names them. Key order never matters, and a key no kind names (a field a provider
/// added) never counts. A body that fits no kind is read as the kind it comes nearest (an
/// NXCloud receipt without its `code`, which its row requires to tell it from Wappin's
/// answers), or gets that kind's error, or an [`Error::NoProvider`] that says what it
/// looked like and names the kinds nearest it first. A body that is not JSON is an
/// [`Error::NotJson`] that says where it breaks, whatever kind its first keys point to,
/// and names no provider. With a non-empty body the query is not read (Viva's webhook
/// URL may have one of its own).
///
/// ```
/// use provider_payloads::{Event, Payload, parse};
/// use provider_payloads::event::DeliveryState;
///
/// // One handler for every provider.
/// fn handle(body: &[u8], query: &str) -> (u16, Vec<u8>) {
///     match parse(body, query) {
///         Ok(payload) => {
///             if let Some(event) = payload.event() {
///                 println!("{} {}", event.provider(), event.idempotency_key());
///             }
///             let answer = payload.answer().unwrap_or(provider_payloads::Answer::OK);
///             (answer.status, answer.body.into_owned())
///         }
///         Err(err) => (400, err.to_string().into_bytes()),
///     }
/// }
///
/// let payload = parse(b"", "SMSID=849fe&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=470.0000")?;
/// let Some(Event::Delivery(delivery)) = payload.event() else { panic!() };
/// assert_eq!(delivery.state, DeliveryState::Delivered);
/// assert_eq!(delivery.idempotency_key, "esms:849fe:delivered");
/// assert_eq!(handle(br#"{"status":"seen","requestId":"r1","code":11002,"message":"m","sendTime":"2023-07-13 15:12:11"}"#, "").0, 200);
/// assert_eq!(handle(br#"{"hello":"world"}"#, "").0, 400);
/// # Ok::<(), provider_payloads::Error>(())
/// ```
pub fn parse(body: &[u8], query: &str) -> Result<Payload, Error> {
    parse_with(body, query, &Limits::new())
}

/// [`parse`] with limits of your own: a body or query string larger than
/// [`Limits::max_body`] is refused with [`Error::TooLarge`] before it is read.
///
/// ```
/// use provider_payloads::{Limits, parse_with};
///
/// let limits = Limits::new().body(16 * 1024); // the largest payload you expect, and then some
/// let payload = parse_with(br#"{"Key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6"}"#, "", &limits)?;
/// assert_eq!(payload.kind(), "URL verification");
/// # Ok::<(), provider_payloads::Error>(())
/// ```
pub fn parse_with(body: &[u8], query: &str, limits: &Limits) -> Result<Payload, Error> {
    match parse_checked(body, query, limits, None, |_, _| Ok::<(), Infallible>(()))? {
        Ok(payload) => Ok(payload),
        Err(never) => match never {},
    }
}

/// [`parse_with`], calling `check` with the provider and the kind once they are told
/// from the request's keys and before the body is read as that kind: a refusal of
/// `check` comes back as `Ok(Err(refusal))`, and the body never reaches the typed
/// parse. `check` is not called for a request whose provider could not be told (its
/// error says why). A JSON body that fits no kind is checked as the kind it comes
/// nearest; refused, it is the error that it fits no kind, without being read.
///
/// `route` is the provider of a route that takes one provider's payloads: another's are
/// read all the same (the route says it is not its), but a request of no kind is
/// reported as the route's provider's entry point reports it: its errors name that
/// provider and list its kinds alone, and a body is never read as another provider's
/// nearest kind for its error.
pub(crate) fn parse_checked<R>(
    body: &[u8],
    query: &str,
    limits: &Limits,
    route: Option<Provider>,
    check: impl FnOnce(Provider, &'static str) -> Result<(), R>,
) -> Result<Result<Payload, R>, Error> {
    limits.check(body.len())?;
    limits.check(query.len())?;
    let reader = reader(route);
    match body.trim_ascii_start().first() {
        None => {
            let query = query.strip_prefix('?').unwrap_or(query);
            if query.trim().is_empty() {
                return Err(nothing(route));
            }
            read_form(query, b"", limits, route, check)
        }
        // An array is a Viva message list; on another provider's route, where it is not
        // one, of no kind of the route's.
        Some(b'[') => checked(check(Provider::Viva, viva::MessageList::KIND), || {
            viva::MessageList::from_json_with(body, limits)
                .map(|list| Payload::Viva(viva::Payload::MessageList(list)))
                .map_err(|err| match route {
                    Some(provider) if provider != Provider::Viva => {
                        undecided(&TABLES, reader, body, Undecided::NoKind)
                    }
                    _ => reader.own(err),
                })
        }),
        Some(b'{') => read_json(body, reader, check),
        // Not JSON: a form, when its keys say whose.
        Some(_) => match std::str::from_utf8(body) {
            Ok(form) => read_form(form, body, limits, route, check),
            Err(_) => read_json(body, reader, check),
        },
    }
}

/// How a route of `route`'s payloads reports a request of no kind: as that provider's
/// entry point that reads the most of them; for `None` (any provider's), as [`parse`].
fn reader(route: Option<Provider>) -> Reader {
    match route {
        None => Reader::ANY,
        Some(Provider::NxCloud) => Reader::of(&<nxcloud::Callback as Kinds<Payload>>::TABLE),
        Some(Provider::Esms) => Reader::of(&<esms::Payload as Kinds<Payload>>::TABLE),
        Some(Provider::Wappin) => Reader::of(&<wappin::Payload as Kinds<Payload>>::TABLE),
        Some(Provider::Viva) => Reader::of(&<viva::Payload as Kinds<Payload>>::TABLE),
    }
}

/// The error of a request with an empty body and no query string (or, on a route of
/// one provider that takes no query string, none it reads), as `route` (the provider of
/// a route of one provider's payloads) says it.
fn nothing(route: Option<Provider>) -> Error {
    match route {
        None => Error::NoProvider {
            expected: any_request(),
            found: "the body is empty and there is no query string".to_owned(),
        },
        Some(Provider::Esms) => Error::EmptyQuery {
            provider: Provider::Esms,
            payload: esms::Callback::KIND,
        },
        Some(provider) => Error::Empty {
            provider,
            payload: reader(Some(provider)).family,
        },
    }
}

/// `read`, when `check` passed.
fn checked<R>(
    check: Result<(), R>,
    read: impl FnOnce() -> Result<Payload, Error>,
) -> Result<Result<Payload, R>, Error> {
    match check {
        Ok(()) => read().map(Ok),
        Err(refusal) => Ok(Err(refusal)),
    }
}

/// Reads a form `body`, or with an empty body the query string `form`, as the callback
/// its keys make it ([`FormOwner`]): its keys are read once to tell whose it is, checked,
/// then it is read once, as that callback.
fn read_form<R>(
    form: &str,
    body: &[u8],
    limits: &Limits,
    route: Option<Provider>,
    check: impl FnOnce(Provider, &'static str) -> Result<(), R>,
) -> Result<Result<Payload, R>, Error> {
    match FormOwner::of(form) {
        FormOwner::Esms => checked(check(Provider::Esms, esms::Callback::KIND), || {
            read_esms(form, limits)
        }),
        FormOwner::NxCloud => checked(check(Provider::NxCloud, nxcloud::SmsReceipt::KIND), || {
            read_sms_receipt(if body.is_empty() {
                nxcloud::SmsReceipt::from_query_with(form, limits)
            } else {
                nxcloud::SmsReceipt::from_form_with(body, limits)
            })
        }),
        FormOwner::Both => Err(both_forms()),
        // A query of neither is read as eSMS's, for its error (its GET has nothing else),
        // or on NXCloud's route as its SMS receipt's; on another route it is no payload.
        FormOwner::Neither if body.is_empty() => match route {
            None | Some(Provider::Esms) => read_esms(form, limits).map(Ok),
            Some(Provider::NxCloud) => {
                read_sms_receipt(nxcloud::SmsReceipt::from_query_with(form, limits)).map(Ok)
            }
            Some(_) => Err(nothing(route)),
        },
        // A form of neither's keys: of no kind, where forms are taken.
        FormOwner::Neither
            if json::looks_like_a_query(body)
                && route.is_none_or(|provider| FORMS.iter().any(|(of, ..)| *of == provider)) =>
        {
            Err(form_of_no_kind(form, route))
        }
        FormOwner::Neither => read_json(body, reader(route), check),
    }
}

/// The callbacks that come as a form or a query string: the provider, the kind, and the
/// keys every one has (for errors, by [`FormOwner`]'s rule).
const FORMS: [(Provider, &str, &str); 2] = [
    (
        Provider::Esms,
        esms::Callback::KIND,
        "(`SMSID`, `SendStatus`)",
    ),
    (
        Provider::NxCloud,
        nxcloud::SmsReceipt::KIND,
        "(`messageid`, `status`)",
    ),
];

/// The error of a form whose keys are neither callback's: its first keys, and the
/// callbacks that come as a form (on a route of one provider, its own).
fn form_of_no_kind(form: &str, route: Option<Provider>) -> Error {
    let mut keys = Vec::new();
    let mut count = 0_usize;
    for_each_key(form, |key| {
        count = count.saturating_add(1);
        if keys.len() < KEYS_NAMED {
            keys.push(format!("`{key}`"));
        }
    });
    let found = with_the_keys("a form", &keys, count);
    let expected: Vec<String> = FORMS
        .iter()
        .filter(|(provider, ..)| route.is_none_or(|route| route == *provider))
        .map(|(provider, kind, keys)| format!("{} {kind} {keys}", provider.with_article()))
        .collect();
    crate::error::of_no_kind(route, expected, found)
}

/// Reads a JSON object (or what its first byte only makes look like one: its error says
/// what it looks like) by its keys, among every provider's table of kinds.
fn read_json<R>(
    body: &[u8],
    reader: Reader,
    check: impl FnOnce(Provider, &'static str) -> Result<(), R>,
) -> Result<Result<Payload, R>, Error> {
    read_detected(&TABLES, reader, body, |table, row| {
        checked(check(table.provider, row.kind), || (row.read)(body))
    })
}

fn read_esms(query: &str, limits: &Limits) -> Result<Payload, Error> {
    esms::Payload::from_query_with(query, limits).map(Payload::Esms)
}

fn read_sms_receipt(read: Result<nxcloud::SmsReceipt, Error>) -> Result<Payload, Error> {
    read.map(|receipt| Payload::NxCloud(nxcloud::Callback::SmsReceipt(receipt)))
}

/// The error of a form or query string that has the keys of both eSMS's callback and
/// NXCloud's SMS receipt.
fn both_forms() -> Error {
    Error::Ambiguous {
        provider: None,
        candidates: vec![
            format!("{} {}", Provider::Esms, esms::Callback::KIND),
            format!("{} {}", Provider::NxCloud, nxcloud::SmsReceipt::KIND),
        ],
    }
}

/// Whose callback a form or a query string is, by its keys in any letter case.
#[derive(Debug, PartialEq)]
enum FormOwner {
    /// It has `SMSID` and `SendStatus`, what every eSMS callback has, and not both of
    /// NXCloud's; or, having neither pair whole, keys of eSMS's alone.
    Esms,
    /// It has `messageid` and `status`, what every NXCloud SMS receipt has, and not both
    /// of eSMS's; or, having neither pair whole, keys of the receipt's alone.
    NxCloud,
    /// It has both pairs.
    Both,
    /// It has keys of neither, or of both and neither pair whole.
    Neither,
}

impl FormOwner {
    /// Whose `form` is: its keys read once for the two pairs, and where it has neither
    /// whole, again for the keys of the receipt's it has.
    fn of(form: &str) -> FormOwner {
        let (mut sms_id, mut send_status, mut message_id, mut status) =
            (false, false, false, false);
        for_each_key(form, |key| {
            // Four names of four lengths: one comparison a key.
            match key.len() {
                5 => sms_id |= key.eq_ignore_ascii_case("SMSID"),
                10 => send_status |= key.eq_ignore_ascii_case("SendStatus"),
                9 => message_id |= key.eq_ignore_ascii_case("messageid"),
                6 => status |= key.eq_ignore_ascii_case("status"),
                _ => {}
            }
        });
        match (sms_id && send_status, message_id && status) {
            (true, true) => FormOwner::Both,
            (true, false) => FormOwner::Esms,
            (false, true) => FormOwner::NxCloud,
            (false, false) => {
                let mut receipt_key = false;
                for_each_key(form, |key| receipt_key |= nxcloud::SmsReceipt::names(key));
                match (sms_id || send_status, receipt_key) {
                    (true, false) => FormOwner::Esms,
                    (false, true) => FormOwner::NxCloud,
                    _ => FormOwner::Neither,
                }
            }
        }
    }
}

/// Calls `each` with every key of `form`, decoded (a key that does not decode is passed
/// over).
fn for_each_key(form: &str, mut each: impl FnMut(&str)) {
    for (raw_key, _) in query::raw_pairs(form) {
        if let Ok(key) = query::decode(raw_key) {
            each(&key);
        }
    }
}

/// Every provider's tables of kinds for JSON objects, each row read into a [`Payload`].
static TABLES: [&Table<Payload>; 5] = [
    &<nxcloud::Callback as Kinds<Payload>>::TABLE,
    &<esms::Payload as Kinds<Payload>>::TABLE,
    &<wappin::Payload as Kinds<Payload>>::TABLE,
    &<viva::Webhook as Kinds<Payload>>::TABLE,
    &<viva::Payload as Kinds<Payload>>::TABLE,
];

impl From<nxcloud::Callback> for Payload {
    fn from(callback: nxcloud::Callback) -> Self {
        Payload::NxCloud(callback)
    }
}

impl From<esms::Payload> for Payload {
    fn from(payload: esms::Payload) -> Self {
        Payload::Esms(payload)
    }
}

impl From<wappin::Payload> for Payload {
    fn from(payload: wappin::Payload) -> Self {
        Payload::Wappin(payload)
    }
}

impl From<viva::Payload> for Payload {
    fn from(payload: viva::Payload) -> Self {
        Payload::Viva(payload)
    }
}

impl From<viva::Webhook> for Payload {
    fn from(message: viva::Webhook) -> Self {
        Payload::Viva(viva::Payload::Webhook(message))
    }
}

impl Payload {
    /// Which provider sent it.
    pub fn provider(&self) -> Provider {
        match self {
            Payload::NxCloud(_) => Provider::NxCloud,
            Payload::Esms(_) => Provider::Esms,
            Payload::Wappin(_) => Provider::Wappin,
            Payload::Viva(_) => Provider::Viva,
        }
    }

    /// The payload kind, in the provider's terms: `"receipt"`, `"callback"`,
    /// `"webhook message"`, ...
    pub fn kind(&self) -> &'static str {
        match self {
            Payload::NxCloud(callback) => callback.kind(),
            Payload::Esms(payload) => payload.kind(),
            Payload::Wappin(payload) => payload.kind(),
            Payload::Viva(payload) => payload.kind(),
        }
    }

    /// What happened, in the one model of every provider; `None` for a payload that
    /// reports no event (a request, a response, a verification). The mapping of each
    /// provider's values is in [`event`](crate::event).
    pub fn event(&self) -> Option<Event> {
        match self {
            Payload::NxCloud(callback) => callback.event(),
            Payload::Esms(payload) => payload.event(),
            Payload::Wappin(payload) => payload.event(),
            Payload::Viva(payload) => payload.event(),
        }
    }

    /// The HTTP answer the provider expects to this callback, as each provider's own
    /// `answer` gives it: 200 for NXCloud, eSMS and Viva messages, 200 with the text
    /// `success` for NXCloud's SMS receipts, 200 with `{"status":"000"}` for Wappin
    /// callbacks; to Viva's URL verification key, that key, as Viva's `GET` wants it
    /// ([`viva::Verification::answer`]). `None` for a payload that is not a callback (a
    /// request or an API answer, which you do not answer).
    pub fn answer(&self) -> Option<Answer> {
        match self {
            Payload::NxCloud(callback) => Some(callback.answer()),
            Payload::Esms(payload) => payload.answer(),
            Payload::Wappin(payload) => payload.answer(),
            Payload::Viva(payload) => payload.answer(),
        }
    }

    /// Writes the payload back in the provider's format: JSON, or for eSMS the query
    /// string, for NXCloud's SMS receipt its form.
    pub fn to_wire(&self) -> Result<Vec<u8>, Error> {
        match self {
            Payload::NxCloud(callback) => callback.to_wire(),
            Payload::Esms(payload) => payload.to_wire(),
            Payload::Wappin(payload) => payload.to_json(),
            Payload::Viva(payload) => payload.to_json(),
        }
    }
}

impl ListUnrecognized for Payload {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        match self {
            Payload::NxCloud(callback) => callback.list_unrecognized(at, found),
            Payload::Esms(payload) => payload.list_unrecognized(at, found),
            Payload::Wappin(payload) => payload.list_unrecognized(at, found),
            Payload::Viva(payload) => payload.list_unrecognized(at, found),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row requires only keys its type knows: a misspelt key would leave its kind
    /// unread, and a body with no key but those its row requires is known whole.
    #[test]
    fn every_row_requires_only_keys_its_type_knows() {
        for row in TABLES.iter().flat_map(|table| table.rows) {
            for key in row.requires {
                assert!(row.knows.contains(key), "{}: {key}", row.kind);
            }
        }
    }
}
