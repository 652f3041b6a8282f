//! Sample requests as the providers send them, for your handler's tests (the `testing`
//! feature).
//!
//! A [`Sample`] is one callback as its provider sends it to your webhook: the method, the
//! query string, the content type, the body, the headers and the peer address that
//! [`Policy`](crate::http::Policy) checks. There is one for each callback fixture of
//! each provider (`Sample::all`, `Sample::named`), and Viva's URL verification; or one
//! of your own files (`Sample::from_file`). Give it your Wappin token or your Viva
//! subscription secret, set a field to the value your test needs, and send it: your
//! tests then go through the same checks as the provider's requests.
//!
//! ```
//! use provider_payloads::http::{Credentials, Policy, receive};
//! use provider_payloads::http::testing::Sample;
//! use provider_payloads::wappin::CallbackToken;
//! use provider_payloads::Payload;
//!
//! let policy = Policy::new().wappin_token(CallbackToken::new("s3cr3t")?);
//! let sample = Sample::named("wappin/callback_status").unwrap()
//!     .wappin_token("s3cr3t")
//!     .set("status_messages", "delivered")?;
//!
//! // What your handler sees: read as the crate reads it, through the policy's checks.
//! let headers = sample.headers();
//! let authorization = headers.iter().find(|(name, _)| *name == "Authorization").unwrap();
//! let from = Credentials::new(Some(sample.peer_address())).authorization(authorization.1.as_bytes());
//! let payload: Payload = receive(&from, sample.body(), sample.query(), &policy)?;
//! assert_eq!(payload.event(), sample.event());
//! let answer = payload.answer().unwrap();
//! assert!(sample.accepts_answer(answer.status, &answer.body));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fixtures;
#[cfg(feature = "http")]
mod request;
mod set;

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::http::FromWebhook;
use crate::viva::{SIGNATURE_256_HEADER, SubscriptionSecret, Verification};
use crate::{Answer, Error, Event, Payload, Provider, viva};
use fixtures::{ROWS, Row, SentAs, VIVA_VERIFICATION};

pub use set::SetError;

/// The key of Viva's URL verification sample: the example of Viva's document, as
/// `fixtures/viva/verification.json` holds it.
const VIVA_VERIFICATION_KEY: &str = "B3248222FDCD1885AEAFE51CCC1B5607F00903F6";

/// A sample's peer when not Viva's: an address of TEST-NET-3, kept for documentation
/// (RFC 5737), so that it is never a real sender's.
const DOCUMENTATION_PEER: IpAddr = IpAddr::V4(Ipv4Addr::new(203, 0, 113, 9));

/// A Viva sample's peer: the first of the addresses Viva sends production webhooks from
/// ([`viva::PRODUCTION_WEBHOOK_SOURCES`]).
const VIVA_PEER: IpAddr = IpAddr::V4(Ipv4Addr::new(51, 138, 37, 238));

/// A callback request as its provider sends it: the method, query string, content type,
/// body, headers and peer address; and what the crate reads from it (its [`Event`], the
/// [`Answer`] the provider expects).
///
/// `Debug` shows no token and no secret.
///
/// ```
/// use provider_payloads::http::testing::Sample;
/// use provider_payloads::Provider;
///
/// let sample = Sample::named("esms/promo_sms_type1").unwrap();
/// assert_eq!((sample.provider(), sample.method()), (Provider::Esms, "GET"));
/// assert!(sample.body().is_empty() && sample.query().starts_with("SMSID="));
/// assert!(!format!("{:?}", sample.wappin_token("s3cr3t")).contains("s3cr3t"));
/// ```
#[derive(Clone)]
pub struct Sample {
    name: String,
    /// How the body is sent; `None` for Viva's URL verification, a `GET` with nothing.
    sent_as: Option<SentAs>,
    query: String,
    body: Vec<u8>,
    /// The body and query read by the crate.
    payload: Payload,
    wappin_token: Option<String>,
    viva_secret: Option<SubscriptionSecret>,
    peer: IpAddr,
}

/// Why [`Sample::from_file`] could not make a sample of a file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SampleError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The extension says no way of sending it.
    #[error("{}: name it .json (a JSON POST), .form (a form POST) or .query (a query string)", path.display())]
    Extension {
        /// The file.
        path: PathBuf,
    },
    /// The file reads as no payload.
    #[error("{}: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The crate's error.
        source: Error,
    },
    /// The file is a payload no provider sends to a webhook (an API request or answer).
    #[error("{}: a {provider} {kind} is no callback: no provider sends it to a webhook", path.display())]
    NotCallback {
        /// The file.
        path: PathBuf,
        /// The payload's provider.
        provider: Provider,
        /// Its kind.
        kind: &'static str,
    },
}

/// What a payload is, to tell a change of kind: its provider and kind, for a Viva
/// webhook message its event type's variant, and the kind of its event (a Wappin
/// callback's `callback_type` says a delivery or an inbound message).
type KindOf = (
    Provider,
    &'static str,
    Option<std::mem::Discriminant<viva::Webhook>>,
    Option<&'static str>,
);

/// See [`KindOf`].
fn kind_of(payload: &Payload) -> KindOf {
    let webhook = match payload {
        Payload::Viva(viva::Payload::Webhook(webhook)) => Some(std::mem::discriminant(webhook)),
        _ => None,
    };
    let event = payload.event().map(|event| event.kind());
    (payload.provider(), payload.kind(), webhook, event)
}

/// What `payload` is, in a sentence: `a Wappin callback (a delivery event)`, `a Viva
/// webhook message of event type 1796 (a payment event)`.
fn describe(payload: &Payload) -> String {
    let mut what = format!("{} {}", payload.provider().with_article(), payload.kind());
    if let Payload::Viva(viva::Payload::Webhook(webhook)) = payload {
        what = format!("{what} of event type {}", webhook.event_type_id().code());
    }
    match payload.event() {
        Some(event) => format!("{what} (a {} event)", event.kind()),
        None => format!("{what} (no event)"),
    }
}

/// `query` as a request line carries it: controls, space, `"`, `#`, `<`, `>` and
/// non-ASCII percent-encoded, the rest as it came.
fn as_request_target(query: &str) -> String {
    const REFUSED: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'<').add(b'>');
    utf8_percent_encode(query, REFUSED).to_string()
}

/// Reads a request's `body` and `query` as the callback a webhook route takes: `None`
/// for a payload no provider sends to one.
fn read_callback(body: &[u8], query: &str) -> Result<Option<Payload>, Error> {
    crate::parse(body, query).map(<Payload as FromWebhook>::from_payload)
}

impl Sample {
    /// The sample of `bytes` sent as `sent_as`: its query (when sent as one) and body.
    fn build(
        name: String,
        sent_as: SentAs,
        bytes: &[u8],
    ) -> Result<Result<Sample, Payload>, Error> {
        let (query, body) = match sent_as {
            SentAs::Query => {
                let text = String::from_utf8_lossy(bytes);
                let text = text.trim();
                (
                    as_request_target(text.strip_prefix('?').unwrap_or(text)),
                    Vec::new(),
                )
            }
            SentAs::Json | SentAs::Form => (String::new(), bytes.to_vec()),
        };
        let payload = crate::parse(&body, &query)?;
        let Some(payload) = <Payload as FromWebhook>::from_payload(payload.clone()) else {
            return Ok(Err(payload));
        };
        let peer = match payload.provider() {
            Provider::Viva => VIVA_PEER,
            _ => DOCUMENTATION_PEER,
        };
        Ok(Ok(Sample {
            name,
            sent_as: Some(sent_as),
            query,
            body,
            payload,
            wappin_token: None,
            viva_secret: None,
            peer,
        }))
    }

    /// The sample of a row of the table.
    fn of_row(row: &Row) -> Option<Sample> {
        let name = format!("{}/{}", row.provider.as_str(), row.stem);
        Sample::build(name, row.sent_as, row.file).ok()?.ok()
    }

    /// Viva's URL verification: a `GET` with no body and no query string.
    fn viva_verification() -> Sample {
        Sample {
            name: format!("viva/{VIVA_VERIFICATION}"),
            sent_as: None,
            query: String::new(),
            body: Vec::new(),
            payload: Payload::Viva(viva::Payload::Verification(Sample::viva_verification_key())),
            wappin_token: None,
            viva_secret: None,
            peer: VIVA_PEER,
        }
    }

    /// Every callback kind of every provider: one sample for each fixture of the crate
    /// that a provider posts (eSMS: GETs) to a webhook, and Viva's URL verification.
    /// Not the API's requests and answers, which no provider sends to a webhook.
    ///
    /// ```
    /// use provider_payloads::http::testing::Sample;
    /// use provider_payloads::Provider;
    ///
    /// let all = Sample::all();
    /// for provider in [Provider::NxCloud, Provider::Esms, Provider::Wappin, Provider::Viva] {
    ///     assert!(all.iter().any(|sample| sample.provider() == provider));
    /// }
    /// assert!(all.iter().any(|sample| sample.name() == "viva/verification"));
    /// ```
    pub fn all() -> Vec<Sample> {
        let mut all: Vec<Sample> = ROWS.iter().filter_map(Sample::of_row).collect();
        all.push(Sample::viva_verification());
        all
    }

    /// The sample `name`: `provider/stem` (`wappin/callback_status`), or the fixture's
    /// file stem alone (`callback_status`) where no other provider has one of that name.
    ///
    /// ```
    /// use provider_payloads::http::testing::Sample;
    ///
    /// assert_eq!(Sample::named("receipt_seen").unwrap().name(), "nxcloud/receipt_seen");
    /// assert_eq!(Sample::named("viva/verification").unwrap().method(), "GET");
    /// assert!(Sample::named("wappin/send_text_prod_request").is_none()); // no callback
    /// ```
    pub fn named(name: &str) -> Option<Sample> {
        let (provider, stem) = match name.split_once('/') {
            Some((provider, stem)) => (Some(provider), stem),
            None => (None, name),
        };
        let fits = |of: Provider, row_stem: &str| {
            row_stem == stem && provider.is_none_or(|provider| provider == of.as_str())
        };
        let mut rows = ROWS.iter().filter(|row| fits(row.provider, row.stem));
        let verification = fits(Provider::Viva, VIVA_VERIFICATION);
        match (rows.next(), rows.next(), verification) {
            (Some(row), None, false) => Sample::of_row(row),
            (None, None, true) => Some(Sample::viva_verification()),
            _ => None,
        }
    }

    /// A file of yours, sent as its extension says: `.json` a JSON `POST`; `.form` a
    /// form `POST` (NXCloud's SMS receipt); `.query` the URL's query string (a `GET` for
    /// eSMS, a `POST` with no body for NXCloud's SMS receipt). Its provider and kind are
    /// told from its shape, as [`parse`](crate::parse) tells them; a payload no provider
    /// sends to a webhook is refused.
    ///
    /// ```
    /// use provider_payloads::http::testing::Sample;
    ///
    /// let path = std::env::temp_dir().join("provider-payloads-doc-sample.query");
    /// std::fs::write(&path, "SMSID=849fe&SendFailed=0&SendStatus=5&SendSuccess=1\n")?;
    /// let sample = Sample::from_file(&path)?;
    /// assert_eq!((sample.method(), sample.query()), ("GET", "SMSID=849fe&SendFailed=0&SendStatus=5&SendSuccess=1"));
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_file(path: &Path) -> Result<Sample, SampleError> {
        let sent_as = path
            .extension()
            .and_then(|extension| extension.to_str())
            .and_then(SentAs::of_extension)
            .ok_or_else(|| SampleError::Extension {
                path: path.to_owned(),
            })?;
        let bytes = std::fs::read(path).map_err(|source| SampleError::Io {
            path: path.to_owned(),
            source,
        })?;
        let name = path.display().to_string();
        match Sample::build(name, sent_as, &bytes) {
            Ok(Ok(sample)) => Ok(sample),
            Ok(Err(payload)) => Err(SampleError::NotCallback {
                path: path.to_owned(),
                provider: payload.provider(),
                kind: payload.kind(),
            }),
            Err(source) => Err(SampleError::Unreadable {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// The key that answers Viva's URL verification sample (the example of Viva's
    /// document): give it to your policy ([`Policy::viva_verification`]) so that your
    /// receiver answers the sample as Viva expects.
    ///
    /// ```
    /// use provider_payloads::http::{Credentials, Policy, receive};
    /// use provider_payloads::http::testing::Sample;
    /// use provider_payloads::Payload;
    ///
    /// let policy = Policy::new().viva_verification(Sample::viva_verification_key());
    /// let sample = Sample::named("viva/verification").unwrap();
    /// let from = Credentials::new(Some(sample.peer_address()));
    /// let payload: Payload = receive(&from, sample.body(), sample.query(), &policy)?;
    /// let answer = payload.answer().unwrap();
    /// assert!(sample.accepts_answer(answer.status, &answer.body));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// [`Policy::viva_verification`]: crate::http::Policy::viva_verification
    pub fn viva_verification_key() -> Verification {
        Verification::new(VIVA_VERIFICATION_KEY)
    }

    /// Its name: `wappin/callback_status`, or a file's path.
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// assert_eq!(Sample::named("callback_status").unwrap().name(), "wappin/callback_status");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The provider that sends it.
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// use provider_payloads::Provider;
    ///
    /// assert_eq!(Sample::named("callback_status").unwrap().provider(), Provider::Wappin);
    /// ```
    pub fn provider(&self) -> Provider {
        self.payload.provider()
    }

    /// Sets the field at `path` to `value`, written as the field's own JSON type: a
    /// string stays a string (`value` is its text), a number must be a number (written
    /// with the digits given: `12.50`), a boolean `true` or `false`; a `null` takes a
    /// JSON scalar as it is, other text as a string. The path names keys between dots and
    /// items in brackets: `EventData.StatusId`, `statuses[0].status`; for eSMS's query
    /// string and NXCloud's SMS receipt form, it is a key (`SendStatus`), and the value
    /// is percent-encoded.
    ///
    /// The rest of the body is kept byte for byte. The changed body is read again by the
    /// crate: a value it refuses, or that makes the body another kind (or another Viva
    /// event type), is an error that says why.
    ///
    /// ```
    /// use provider_payloads::http::testing::Sample;
    /// use provider_payloads::{Event, rust_decimal::Decimal};
    ///
    /// let sample = Sample::named("viva/transaction_payment_created").unwrap()
    ///     .set("EventData.Amount", "12.50")?;
    /// let Some(Event::Payment(payment)) = sample.event() else { panic!() };
    /// assert_eq!(payment.amount, Decimal::new(1250, 2));
    ///
    /// // A number stays a number.
    /// let err = Sample::named("viva/transaction_payment_created").unwrap()
    ///     .set("EventData.Amount", "twelve").unwrap_err();
    /// assert_eq!(err.to_string(), "`EventData.Amount` holds a number; `twelve` is not one");
    /// # Ok::<(), provider_payloads::http::testing::SetError>(())
    /// ```
    pub fn set(mut self, path: &str, value: &str) -> Result<Sample, SetError> {
        let (body, query) = match self.sent_as {
            Some(SentAs::Json) => (set::set_json(&self.body, path, value)?, self.query.clone()),
            Some(SentAs::Form) => {
                let form = String::from_utf8_lossy(&self.body);
                (
                    set::set_pair(&form, path, value)?.into_bytes(),
                    String::new(),
                )
            }
            Some(SentAs::Query) => (Vec::new(), set::set_pair(&self.query, path, value)?),
            None => {
                return Err(SetError::NoField {
                    path: path.to_owned(),
                    reason: "Viva's URL verification sends nothing to set".to_owned(),
                });
            }
        };
        let payload = match read_callback(&body, &query) {
            Err(source) => {
                return Err(SetError::Unreadable {
                    path: path.to_owned(),
                    value: value.to_owned(),
                    source: Box::new(source),
                });
            }
            Ok(Some(payload)) if kind_of(&payload) == kind_of(&self.payload) => payload,
            Ok(other) => {
                let now = match other {
                    Some(payload) => describe(&payload),
                    None => crate::parse(&body, &query).map_or_else(
                        |_| "no payload".to_owned(),
                        |payload| {
                            format!(
                                "{}, which no provider sends to a webhook",
                                describe(&payload)
                            )
                        },
                    ),
                };
                return Err(SetError::OtherKind {
                    path: path.to_owned(),
                    value: value.to_owned(),
                    was: describe(&self.payload),
                    now,
                });
            }
        };
        self.body = body;
        self.query = query;
        self.payload = payload;
        Ok(self)
    }

    /// Sends `Authorization: Bearer <token>`, as Wappin sends its callbacks with the
    /// token you gave it ([`Policy::wappin_token`] checks it).
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// let sample = Sample::named("wappin/callback_message").unwrap().wappin_token("s3cr3t");
    /// assert!(sample.headers().contains(&("Authorization", "Bearer s3cr3t".to_owned())));
    /// ```
    ///
    /// [`Policy::wappin_token`]: crate::http::Policy::wappin_token
    #[must_use]
    pub fn wappin_token(mut self, token: &str) -> Sample {
        self.wappin_token = Some(token.to_owned());
        self
    }

    /// Sends `Viva-Signature-256`: the signature of the body as it is sent (after any
    /// [`set`](Sample::set)) with `secret`, as Viva signs its Sale Transactions
    /// notifications ([`Policy::viva_signature`] checks it).
    ///
    /// ```
    /// use provider_payloads::http::testing::Sample;
    /// use provider_payloads::viva::SubscriptionSecret;
    ///
    /// let secret = SubscriptionSecret::new("s3cr3t")?;
    /// let sample = Sample::named("viva/sale_transactions").unwrap().viva_secret(&secret);
    /// let headers = sample.headers();
    /// let (_, signature) = headers.iter().find(|(name, _)| *name == "Viva-Signature-256").unwrap();
    /// assert_eq!(secret.verify(sample.body(), signature.as_bytes()), Ok(()));
    /// # Ok::<(), provider_payloads::InvalidSecret>(())
    /// ```
    ///
    /// [`Policy::viva_signature`]: crate::http::Policy::viva_signature
    #[must_use]
    pub fn viva_secret(mut self, secret: &SubscriptionSecret) -> Sample {
        self.viva_secret = Some(secret.clone());
        self
    }

    /// Sends it from `address`. By default a Viva sample comes from an address Viva sends
    /// production webhooks from, the others from a documentation address (TEST-NET-3,
    /// `203.0.113.9`).
    ///
    /// ```
    /// use provider_payloads::http::testing::Sample;
    /// use provider_payloads::viva::{Environment, is_webhook_source};
    ///
    /// let sample = Sample::named("viva/transaction_payment_created").unwrap();
    /// assert!(is_webhook_source(sample.peer_address(), Environment::Production));
    /// let sample = sample.peer("127.0.0.1".parse()?);
    /// assert!(!is_webhook_source(sample.peer_address(), Environment::Production));
    /// # Ok::<(), std::net::AddrParseError>(())
    /// ```
    #[must_use]
    pub fn peer(mut self, address: IpAddr) -> Sample {
        self.peer = address;
        self
    }

    /// The HTTP method: `GET` for eSMS's callbacks and Viva's URL verification, `POST`
    /// for the others.
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// assert_eq!(Sample::named("nxcloud/sms_receipt_url_query").unwrap().method(), "POST");
    /// ```
    pub fn method(&self) -> &'static str {
        match (self.sent_as, self.provider()) {
            (None, _) | (Some(SentAs::Query), Provider::Esms) => "GET",
            _ => "POST",
        }
    }

    /// The URL's query string, without `?`: `""` but for eSMS's callbacks and NXCloud's
    /// SMS receipt in the URL. Bytes a request line cannot carry are percent-encoded.
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// let sample = Sample::named("nxcloud/sms_receipt_url_query").unwrap();
    /// assert!(sample.query().contains("messageid=") && sample.body().is_empty());
    /// ```
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The `Content-Type` of the body: `application/json`, or
    /// `application/x-www-form-urlencoded` for NXCloud's SMS receipt form; `None` with
    /// no body.
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// let sample = Sample::named("nxcloud/sms_receipt_post_body").unwrap();
    /// assert_eq!(sample.content_type(), Some("application/x-www-form-urlencoded"));
    /// ```
    pub fn content_type(&self) -> Option<&'static str> {
        match self.sent_as {
            Some(SentAs::Json) => Some("application/json"),
            Some(SentAs::Form) => Some("application/x-www-form-urlencoded"),
            Some(SentAs::Query) | None => None,
        }
    }

    /// The body, as sent: the fixture's bytes with any field [`set`](Sample::set).
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// assert!(Sample::named("wappin/callback_status").unwrap().body().starts_with(b"{"));
    /// ```
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The headers sent: `Content-Type` (with a body), `Authorization` (with a
    /// [`wappin_token`](Sample::wappin_token)), `Viva-Signature-256` (with a
    /// [`viva_secret`](Sample::viva_secret)).
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// let headers = Sample::named("wappin/callback_status").unwrap().headers();
    /// assert_eq!(headers, [("Content-Type", "application/json".to_owned())]);
    /// ```
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        let mut headers = Vec::new();
        if let Some(content_type) = self.content_type() {
            headers.push(("Content-Type", content_type.to_owned()));
        }
        if let Some(token) = &self.wappin_token {
            headers.push(("Authorization", format!("Bearer {token}")));
        }
        if let Some(secret) = &self.viva_secret {
            headers.push((SIGNATURE_256_HEADER, secret.sign(&self.body)));
        }
        headers
    }

    /// The address it comes from (see [`peer`](Sample::peer)).
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// let sample = Sample::named("esms/promo_sms_type1").unwrap();
    /// assert_eq!(sample.peer_address().to_string(), "203.0.113.9");
    /// ```
    pub fn peer_address(&self) -> IpAddr {
        self.peer
    }

    /// The event the crate reads from it; `None` for a callback that reports none (Viva's
    /// URL verification, NXCloud's number checks).
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// use provider_payloads::Event;
    ///
    /// let sample = Sample::named("nxcloud/receipt_seen").unwrap();
    /// assert!(matches!(sample.event(), Some(Event::Delivery(_))));
    /// ```
    pub fn event(&self) -> Option<Event> {
        self.payload.event()
    }

    /// The answer the provider expects, as the crate gives it: to Viva's URL
    /// verification, [`viva_verification_key`](Sample::viva_verification_key)'s.
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// let answer = Sample::named("wappin/callback_status").unwrap().answer();
    /// assert_eq!((answer.status, &*answer.body), (200, &br#"{"status":"000"}"#[..]));
    /// ```
    pub fn answer(&self) -> Answer {
        <Payload as FromWebhook>::answer(&self.payload)
    }

    /// Whether a receiver's answer (its status and body) is one the provider takes: a
    /// success (2xx) and, where the provider reads the body, that body: Wappin's
    /// `{"status":"000"}` and Viva's verification key as JSON (spacing aside), NXCloud's
    /// SMS receipt `success` as text (white space at its ends aside). NXCloud's other
    /// callbacks, eSMS and Viva's messages read the status alone.
    ///
    /// ```
    /// # use provider_payloads::http::testing::Sample;
    /// let sample = Sample::named("wappin/callback_status").unwrap();
    /// assert!(sample.accepts_answer(200, br#"{ "status": "000" }"#));
    /// assert!(!sample.accepts_answer(200, b""));
    /// let sample = Sample::named("viva/transaction_payment_created").unwrap();
    /// assert!(sample.accepts_answer(204, b"") && !sample.accepts_answer(401, b""));
    /// ```
    pub fn accepts_answer(&self, status: u16, body: &[u8]) -> bool {
        let expected = self.answer();
        let same_body = if expected.body.is_empty() {
            true
        } else if expected.content_type == Some("application/json") {
            let json = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).ok();
            json(body).is_some_and(|got| Some(got) == json(&expected.body))
        } else {
            body.trim_ascii() == expected.body.trim_ascii()
        };
        (200..300).contains(&status) && same_body
    }
}

impl fmt::Debug for Sample {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sample")
            .field("name", &self.name)
            .field("method", &self.method())
            .field("query", &self.query)
            .field("content_type", &self.content_type())
            .field("body", &String::from_utf8_lossy(&self.body))
            .field(
                "wappin_token",
                &self.wappin_token.as_ref().map(|_| "<redacted>"),
            )
            .field("viva_secret", &self.viva_secret)
            .field("peer", &self.peer)
            .finish()
    }
}

#[cfg(test)]
mod tests;
