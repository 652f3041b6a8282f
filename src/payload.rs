//! One entry point for every provider: [`parse`] tells the provider and the payload kind
//! from the shape of the request and reads it once, as that kind.

use crate::answer::Answer;
use crate::event::Event;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};
use crate::wire::peek::{self, Decide, Peeked};
use crate::{Error, Provider, UnknownFields, esms, nxcloud, viva, wappin};

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

/// The shapes [`parse`] knows, with the keys that tell them apart, for its error.
const SHAPES: &str = "an NXCloud receipt (`requestId`, `code`) or reply (`phone`, `appkey`, \
`traceRequestId`); a Wappin callback (`callback_type`, `client_name`, ...), request (`type`, \
`message_content`, `media_type`, `phone_number`, ...), response (`status` with `message`) or \
acknowledgement (`status` alone); a Viva webhook message (`EventData`, `EventTypeId`, \
`Created`), URL verification (`Key`) or messages-API answer (`messageId`, or an array); or an \
eSMS callback (an empty body with the query string `SMSID=...&SendStatus=...`)";

/// Reads what a provider sent to your webhook: the raw request `body`, and the `query`
/// string of its URL (without `?`; `""` when there is none).
///
/// The provider and the kind come from the shape:
///
/// | request | provider, kind |
/// | --- | --- |
/// | an empty body and a query string | eSMS callback (its `GET`) |
/// | a JSON object with `requestId` or `code` | NXCloud receipt |
/// | a JSON object with `phone`, `appkey` or `traceRequestId` | NXCloud reply |
/// | a JSON object with `EventData`, `EventTypeId` or `Created` | Viva webhook message (its data by `EventTypeId`) |
/// | a JSON object with `Key` | Viva URL verification |
/// | a JSON object with `messageId`, `eventTypeId`, `responseStatus`, `deliveries`, ... | Viva message details |
/// | a JSON array | Viva message list |
/// | a JSON object with Wappin's keys | the Wappin kind its keys name (see [`wappin::Payload::from_json`]) |
///
/// The first top-level key that names a kind decides, and the body is then read once,
/// as that kind. A body whose keys name no kind, or name kinds of two providers, is an
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
    if body.iter().all(u8::is_ascii_whitespace) {
        let query = query.strip_prefix('?').unwrap_or(query);
        if query.trim().is_empty() {
            return Err(Error::NoProvider {
                expected: SHAPES,
                found: "an empty body with no query string".to_owned(),
            });
        }
        return esms::Callback::from_query(query).map(|callback| Payload::Esms(Box::new(callback)));
    }
    if body.trim_ascii_start().starts_with(b"[") {
        return viva::MessageList::from_json(body)
            .map(|list| Payload::Viva(viva::Payload::MessageList(list)));
    }
    let detected = match peek::peek_kind(body, AnyKeys::default()) {
        Ok(Peeked::Kind(kind)) => kind,
        Ok(Peeked::Undecided(found)) => {
            return Err(Error::NoProvider {
                expected: SHAPES,
                found,
            });
        }
        Err(err) => {
            return Err(Error::NoProvider {
                expected: SHAPES,
                found: format!("not JSON ({err})"),
            });
        }
    };
    let payload = match detected {
        Detected::NxCloud(kind) => nxcloud::Callback::read_as(body, kind).map(Payload::NxCloud),
        Detected::Wappin(kind) => wappin::Payload::read_as(body, kind).map(Payload::Wappin),
        Detected::Viva(kind) => viva::Payload::read_as(body, kind).map(Payload::Viva),
    }?;
    refuse_two_providers(&payload)?;
    Ok(payload)
}

/// What the top-level keys named.
enum Detected {
    NxCloud(nxcloud::Kind),
    Wappin(wappin::Kind),
    Viva(viva::Kind),
}

impl Detected {
    fn provider(&self) -> Provider {
        match self {
            Detected::NxCloud(_) => Provider::NxCloud,
            Detected::Wappin(_) => Provider::Wappin,
            Detected::Viva(_) => Provider::Viva,
        }
    }
}

/// Every provider's key rules at once: NXCloud's and Viva's keys name a kind alone;
/// Wappin's name one alone or together at the end of the object.
#[derive(Default)]
struct AnyKeys {
    wappin: wappin::Keys,
}

impl Decide for AnyKeys {
    type Kind = Detected;

    fn wants_value(&self, key: &[u8]) -> bool {
        self.wappin.wants_value(key)
    }

    fn key(&mut self, key: &[u8], value: &[u8]) -> Option<Detected> {
        if let Some(kind) = nxcloud::Kind::of_key(key) {
            return Some(Detected::NxCloud(kind));
        }
        if let Some(kind) = viva::kind_of_key(key) {
            return Some(Detected::Viva(kind));
        }
        self.wappin.key(key, value).map(Detected::Wappin)
    }

    fn end(&mut self) -> Option<Detected> {
        self.wappin.end().map(Detected::Wappin)
    }
}

/// Refuses a payload whose unknown top-level fields include a key that names another
/// provider's kind: the body has the shapes of two providers, and no rule should pick one.
fn refuse_two_providers(payload: &Payload) -> Result<(), Error> {
    let provider = payload.provider();
    let other = payload.unknown_fields().iter().find_map(|(key, _)| {
        let named = AnyKeys::default().key(key.as_bytes(), b"")?;
        (named.provider() != provider).then(|| (key.to_owned(), named.provider()))
    });
    match other {
        None => Ok(()),
        Some((key, other)) => Err(Error::NoProvider {
            expected: SHAPES,
            found: format!(
                "both a {provider} {} and, by its key `{key}`, a {other} payload",
                payload.kind()
            ),
        }),
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
            Payload::NxCloud(callback) => Some(callback.event()),
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
    /// [`Answer::viva_verification`].
    pub fn answer(&self) -> Option<Answer> {
        match self {
            Payload::NxCloud(_) | Payload::Esms(_) | Payload::Viva(viva::Payload::Webhook(_)) => {
                Some(Answer::OK)
            }
            Payload::Wappin(wappin::Payload::Callback(_)) => Some(Answer::WAPPIN_ACKNOWLEDGEMENT),
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

    /// The top-level fields of a JSON payload that its type does not name.
    fn unknown_fields(&self) -> &UnknownFields {
        match self {
            Payload::NxCloud(callback) => callback.unknown_fields(),
            Payload::Esms(_) => UnknownFields::none(),
            Payload::Wappin(payload) => payload.unknown_fields(),
            Payload::Viva(payload) => payload.unknown_fields(),
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
