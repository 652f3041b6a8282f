//! One entry point for every provider: [`parse`] tells the provider and the payload kind
//! from the shape of the request and reads it once, as that kind.

use crate::answer::Answer;
use crate::event::Event;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};
use crate::wire::detect::{Lazy, Undecided};
use crate::wire::json;
use crate::wire::kinds::{ambiguous, expected, read_detected};
use crate::{Error, Limits, Provider, esms, nxcloud, viva, wappin};

/// Any payload of any provider: what [`parse`] returns.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Payload {
    /// An NXCloud receipt or reply.
    NxCloud(nxcloud::Callback),
    /// An eSMS delivery callback (boxed: with its decoded `error_info` it is twice the
    /// size of any other payload, and every payload is moved at that size).
    Esms(Box<esms::Callback>),
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
/// - an empty body with a query string is an eSMS callback (its `GET`);
/// - a JSON array is a Viva message list;
/// - a JSON object is told by its top-level keys among every provider's table of kinds
///   ([`nxcloud::Callback`], [`wappin::Payload`], [`viva::Webhook`],
///   [`viva::Payload`]), then read once, as that kind.
///
/// A JSON object is of a kind when it has every key the kind requires (and its
/// discriminating value, where the provider has one: Viva's `EventTypeId`). Where it fits
/// several kinds, one that names a value wins, then the one that knows the most of its
/// keys, then the one that requires the most; where they tie, it is an [`Error::Ambiguous`] that names them. Key order
/// never matters, and a key no kind names (a field a provider added) never counts. A body
/// that fits no kind gets the error of the kind it comes nearest, or an
/// [`Error::NoProvider`] that says what it looked like. With a non-empty body the query
/// is not read (Viva's webhook URL may have one of its own).
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
    for size in [body.len(), query.len()] {
        if size > limits.max_body() {
            return Err(Error::TooLarge {
                size,
                limit: limits.max_body(),
            });
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        let query = query.strip_prefix('?').unwrap_or(query);
        if query.trim().is_empty() {
            return Err(Error::NoProvider {
                expected: shapes(),
                found: "an empty body with no query string".to_owned(),
            });
        }
        return esms::Callback::from_query(query).map(|callback| Payload::Esms(Box::new(callback)));
    }
    if body.trim_ascii_start().starts_with(b"[") {
        return viva::MessageList::from_json(body)
            .map(|list| Payload::Viva(viva::Payload::MessageList(list)));
    }
    read_detected(DETECTOR.get(), body, read_kind, |why| {
        no_provider(body, why)
    })
}

/// Every provider's tables of kinds for JSON objects, in the order [`read_kind`] reads.
static DETECTOR: Lazy = Lazy::new(&[
    &nxcloud::Callback::TABLE,
    &wappin::Payload::TABLE,
    &viva::Webhook::TABLE,
    &viva::Payload::TABLE,
]);

/// Reads `body` as the kind of row `row` of table `table` of [`DETECTOR`].
fn read_kind(table: usize, row: usize, body: &[u8]) -> Result<Payload, Error> {
    match table {
        0 => nxcloud::Callback::read_row(row, body).map(Payload::NxCloud),
        1 => wappin::Payload::read_row(row, body).map(Payload::Wappin),
        2 => viva::Webhook::read_row(row, body)
            .map(|webhook| Payload::Viva(viva::Payload::Webhook(webhook))),
        _ => viva::Payload::read_row(row, body).map(Payload::Viva),
    }
}

/// The error of a JSON body whose provider could not be told.
fn no_provider(body: &[u8], why: Undecided) -> Error {
    let found = match why {
        Undecided::Ambiguous(candidates) => return ambiguous(candidates),
        Undecided::Empty => "an empty body".to_owned(),
        Undecided::Shape(found) => found,
        Undecided::NotJson(err) => match json::what_it_looks_like(body) {
            Some(looks) => format!("not JSON ({err}); {looks}"),
            None => format!("not JSON ({err})"),
        },
    };
    Error::NoProvider {
        expected: shapes(),
        found,
    }
}

/// The shapes [`parse`] knows, with the keys that tell them apart, for its error.
fn shapes() -> String {
    format!(
        "{}; a Viva message list (an array); or an eSMS callback (an empty body with the \
         query string `SMSID=...&SendStatus=...`)",
        expected(DETECTOR.get().tables())
    )
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
            Payload::Esms(_) => esms::Callback::KIND,
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
            Payload::Esms(callback) => Some(Event::Delivery(callback.event())),
            Payload::Wappin(wappin::Payload::Callback(callback)) => callback.event(),
            Payload::Viva(viva::Payload::Webhook(webhook)) => webhook.event(),
            Payload::Wappin(_) | Payload::Viva(_) => None,
        }
    }

    /// The HTTP answer the provider expects to this callback: 200 for NXCloud, eSMS and
    /// Viva messages, 200 with `{"status":"000"}` for Wappin callbacks. `None` for a
    /// payload that is not a callback (a request or an API answer, which you do not
    /// answer). Viva's URL verification is a `GET` with no body: answer it with
    /// [`viva::Verification::answer`].
    pub fn answer(&self) -> Option<Answer> {
        match self {
            Payload::NxCloud(_) | Payload::Esms(_) | Payload::Viva(viva::Payload::Webhook(_)) => {
                Some(Answer::OK)
            }
            Payload::Wappin(wappin::Payload::Callback(_)) => Some(wappin::Callback::ANSWER),
            Payload::Wappin(_) | Payload::Viva(_) => None,
        }
    }

    /// Writes the payload back in the provider's format: JSON, or for eSMS the query
    /// string.
    pub fn to_wire(&self) -> Result<Vec<u8>, Error> {
        match self {
            Payload::NxCloud(callback) => callback.to_json(),
            Payload::Esms(callback) => Ok(callback.to_query().into_bytes()),
            Payload::Wappin(payload) => payload.to_json(),
            Payload::Viva(payload) => payload.to_json(),
        }
    }
}

impl ListUnrecognized for Payload {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        match self {
            Payload::NxCloud(callback) => callback.list_unrecognized(at, found),
            Payload::Esms(callback) => callback.list_unrecognized(at, found),
            Payload::Wappin(payload) => payload.list_unrecognized(at, found),
            Payload::Viva(payload) => payload.list_unrecognized(at, found),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::detect::{MAX_KEYS, MAX_ROWS, VALUE_SLOTS};

    #[test]
    fn every_table_of_kinds_fits_what_detection_holds() {
        for (name, detector) in [
            ("parse", DETECTOR.get()),
            ("nxcloud", nxcloud::Callback::detector()),
            ("wappin", wappin::Payload::detector()),
            ("viva webhooks", viva::Webhook::detector()),
        ] {
            let (keys, values, rows) = detector.sizes();
            assert!(keys <= MAX_KEYS, "{name}: {keys} keys");
            assert!(rows <= MAX_ROWS, "{name}: {rows} rows");
            assert!(
                values <= VALUE_SLOTS,
                "{name}: {values} discriminating keys"
            );
        }
    }
}
