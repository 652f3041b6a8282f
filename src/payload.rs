//! One entry point for every provider: [`parse`] tells the provider and the payload kind
//! from the shape of the request and reads it once, as that kind.

use crate::answer::Answer;
use crate::event::Event;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};
use serde::Deserializer;

use crate::wire::json;
use crate::wire::peek::{self, Decide, Peeked};
use crate::wire::replay::{self, ReadKind};
use crate::{Error, Limits, Provider, UnknownFields, esms, nxcloud, viva, wappin};

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
    // One pass where it can; two (the keys, then the kind) where it gives up, which also
    // gives the exact error.
    let mut read = None;
    replay::read_once(body, AnyKeys::default(), &mut read);
    let payload = match read {
        Some(payload) => payload,
        None => read_in_two_passes(body)?,
    };
    refuse_two_providers(&payload)?;
    Ok(payload)
}

/// Peeks at the keys of a JSON object body, then reads it as the kind they decide.
fn read_in_two_passes(body: &[u8]) -> Result<Payload, Error> {
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
                found: match json::what_it_looks_like(body) {
                    Some(looks) => format!("not JSON ({err}); {looks}"),
                    None => format!("not JSON ({err})"),
                },
            });
        }
    };
    Payload::read_as(body, detected)
}

/// What the top-level keys named.
pub(crate) enum Detected {
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

impl ReadKind for Payload {
    type Kind = Detected;

    fn read_as(body: &[u8], kind: Detected) -> Result<Self, Error> {
        match kind {
            Detected::NxCloud(kind) => nxcloud::Callback::read_as(body, kind).map(Payload::NxCloud),
            Detected::Wappin(kind) => wappin::Payload::read_as(body, kind).map(Payload::Wappin),
            Detected::Viva(kind) => viva::Payload::read_as(body, kind).map(Payload::Viva),
        }
    }

    fn read_kind<'de, D: Deserializer<'de>, T>(
        kind: Detected,
        deserializer: D,
        into: &mut Option<T>,
        wrap: impl FnOnce(Self) -> T,
    ) -> Result<(), D::Error> {
        match kind {
            Detected::NxCloud(kind) => {
                nxcloud::Callback::read_kind(kind, deserializer, into, |c| {
                    wrap(Payload::NxCloud(c))
                })
            }
            Detected::Wappin(kind) => {
                wappin::Payload::read_kind(kind, deserializer, into, |p| wrap(Payload::Wappin(p)))
            }
            Detected::Viva(kind) => {
                viva::Payload::read_kind(kind, deserializer, into, |p| wrap(Payload::Viva(p)))
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass read of `body`, when it gives one.
    fn in_one_pass(body: &[u8]) -> Option<Payload> {
        let mut read = None;
        replay::read_once(body, AnyKeys::default(), &mut read);
        read
    }

    /// The JSON files under `dir`, its subfolders included.
    fn json_files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for path in entries.map(|entry| entry.unwrap().path()) {
            if path.is_dir() {
                json_files(&path, found);
            } else if path.extension().is_some_and(|ext| ext == "json") {
                found.push(path);
            }
        }
    }

    /// Bodies the one pass must give up on or read exactly as the two passes do.
    const EDGES: &[&str] = &[
        r#"{"status":"000"}"#,
        r#"{"status":"000","status":"001"}"#,
        r#"{"st\u0061tus":"000"}"#,
        r#"{"status":null}"#,
        r#"{"status":"200","message":"Success","data":{"access_token":"t","token_type":"x"}}"#,
        r#"{"data":{"access_token":1},"status":"200"}"#,
        r#"{"data":null,"status":"200"}"#,
        r#"{"status":"seen","requestId":"r","phone":"p","code":1,"message":"m","sendTime":"2023-07-13 15:12:11"}"#,
        r#"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"status":"000"}"#,
        r#"{"status":"000","message":"x","client_id":"1"}"#,
        r#"{"message_id":"m"}"#,
        r#"{"message_id":"m","message_content":"hi","client_id":"1","project_id":"2","recipient_number":"3"}"#,
        r#"{"Key":"k","EventTypeId":1796}"#,
        r#"{"Key":"k"} x"#,
        r#"{"Key":"k"#,
        r#"{"Key":7}"#,
        r#"{"EventTypeId":1796,"Created":"2014-06-18T14:20:30.45+03:00","EventData":{}}"#,
        r#"{"hello":"world"}"#,
        r#"{}"#,
    ];

    #[test]
    fn one_pass_reads_what_two_passes_read() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        json_files(&root.join("fixtures"), &mut files);
        let mut bodies: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|path| (path.display().to_string(), std::fs::read(path).unwrap()))
            .collect();
        let deep = format!(r#"{{"status":{}1{}}}"#, "[".repeat(130), "]".repeat(130));
        for body in EDGES.iter().copied().chain([deep.as_str()]) {
            bodies.push((body.to_owned(), body.as_bytes().to_vec()));
        }
        let mut read_once = 0;
        for (name, body) in &bodies {
            if let Some(payload) = in_one_pass(body) {
                read_once += 1;
                match read_in_two_passes(body) {
                    Ok(expected) => assert_eq!(payload, expected, "{name}"),
                    Err(err) => panic!("{name}: one pass read it, two passes say {err}"),
                }
            }
        }
        // Every valid object fixture but the Viva events without transaction data
        // takes the fast path.
        let valid_objects = files
            .iter()
            .filter(|path| !path.components().any(|c| c.as_os_str() == "invalid"))
            .filter(|path| path.starts_with(root.join("fixtures")))
            .filter(|path| !path.ends_with("message_list_types_filled.json"));
        for path in valid_objects {
            let body = std::fs::read(path).unwrap();
            assert!(
                in_one_pass(&body).is_some(),
                "{}: not read in one pass",
                path.display()
            );
        }
        assert!(
            read_once > 30,
            "only {read_once} bodies were read in one pass"
        );
    }
}
