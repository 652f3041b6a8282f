//! [`Policy`]: what to check of a request before its body is read, and [`Refusal`]: why
//! a request was refused.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use crate::viva::{
    Environment, IsvVerification, SIGNATURE_256_HEADER, SignatureError, SourceRange,
    SubscriptionSecret, Verification,
};
use crate::wappin::CallbackToken;
use crate::{Limits, Provider, viva};

/// What a webhook route checks of a request before its body is read, how much of it it
/// reads and how long it waits for it, and the key it answers Viva's URL verification
/// with.
///
/// What is checked, per provider, and by default:
///
/// | provider | what is checked | by default |
/// | --- | --- | --- |
/// | Viva | the address a request comes from, among the addresses Viva sends webhooks from ([`Policy::viva_sources`]) | checked: Production's addresses (Demo's, or none for local tests, when set) |
/// | Viva | the `Viva-Signature-256` of a Sale Transactions notification, against its body with a subscription's secret ([`Policy::viva_signature`]) | not checked until a secret is set |
/// | Wappin | the callback's `Authorization: Bearer <token>` ([`Policy::wappin_token`]) | not checked until a token is set |
///
/// A policy takes several Wappin tokens and several Viva secrets (to rotate one, or for
/// several accounts): a request passes when it carries any of them, and the check says
/// which ([`Matched`]).
/// | NXCloud, eSMS | nothing: they sign nothing and publish neither a token nor the addresses they send from | |
///
/// Viva signs only its Sale Transactions notifications (Data Services): no payment
/// webhook message carries a signature, so with a secret set, those are still checked by
/// their address alone. The address is the connection's peer; `X-Forwarded-For` is read
/// only when the peer is a proxy you trust ([`Policy::trusted_proxies`]), and then the
/// address taken is the right-most one of the header that is not itself a trusted proxy:
/// the one your own proxies saw, which the client cannot write. For NXCloud and eSMS,
/// whose documents have you give the URL they call, make its path one no one can guess,
/// and treat a callback as a claim to check against what you sent.
///
/// **Viva's URL verification** (a `GET` with no body and no query string, before Viva
/// uses a new URL) is answered with the key you set ([`Policy::viva_verification`], an
/// ISV's [`Policy::viva_isv_verification`]), on Viva's route and on the route of any
/// provider, whatever address it comes from: Viva lists the addresses its webhooks come
/// from, not its verification's, and the key is no credential (Viva has you "print to
/// the page as is" what proves the URL is yours; it lets nothing through to your
/// handler).
///
/// Cloning a policy shares it (an `Arc`), so a web framework's state can hand it to each
/// request. `Debug` does not show a token or a secret.
///
/// ```
/// use provider_payloads::http::{AddressRange, Credentials, Policy, Refusal};
/// use provider_payloads::viva::Environment;
/// use provider_payloads::wappin::CallbackToken;
/// use provider_payloads::Provider;
///
/// let policy = Policy::new()
///     .wappin_token(CallbackToken::new("s3cr3t")?)
///     .viva_sources(Environment::Production)
///     .trusted_proxies(["10.0.0.0/8".parse::<AddressRange>()?]);
///
/// let wappin = Credentials::new(Some("203.0.113.9".parse()?)).authorization(b"Bearer s3cr3t");
/// assert!(policy.check(Provider::Wappin, &wappin).is_ok());
/// let anyone = Credentials::new(Some("203.0.113.9".parse()?));
/// assert_eq!(policy.check(Provider::Wappin, &anyone), Err(Refusal::MissingToken));
///
/// // Behind your proxy (10.0.0.2), the address it saw: Viva's.
/// let viva = Credentials::new(Some("10.0.0.2".parse()?)).forwarded_for(b"198.51.100.1, 51.138.37.238");
/// assert_eq!(policy.check(Provider::Viva, &viva), Ok(None));
/// let forged = Credentials::new(Some("10.0.0.2".parse()?)).forwarded_for(b"51.138.37.238, 198.51.100.1");
/// let refusal = policy.check(Provider::Viva, &forged).unwrap_err();
/// assert_eq!(refusal.status(), 403);
/// assert_eq!(
///     refusal.to_string(),
///     "a Viva request from 198.51.100.1, which is not an address Viva sends production webhooks from"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Policy(Arc<Rules>);

/// What a [`Policy`] holds.
#[derive(Clone, Debug)]
struct Rules {
    wappin_tokens: Vec<CallbackToken>,
    viva_sources: Option<Environment>,
    viva_secrets: Vec<SubscriptionSecret>,
    /// Viva's URL verification key: a `viva::Payload::Verification` or `IsvVerification`.
    viva_verification: Option<viva::Payload>,
    trusted_proxies: Vec<AddressRange>,
    limits: Limits,
    body_timeout: Option<Duration>,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            wappin_tokens: Vec::new(),
            viva_sources: Some(Environment::Production),
            viva_secrets: Vec::new(),
            viva_verification: None,
            trusted_proxies: Vec::new(),
            limits: Limits::new(),
            body_timeout: None,
        }
    }
}

impl Policy {
    /// The default policy: Viva's Production addresses checked, against the peer address
    /// (no proxy trusted); no Wappin token, no Viva secret and no Viva verification key
    /// yet; the default [`Limits`].
    pub fn new() -> Policy {
        Policy::default()
    }

    /// Refuses a Wappin request without `Authorization: Bearer <token>` with this token
    /// or one set before ([`CallbackToken::authorizes`]). Call it once per token: for a
    /// new token beside the old while you rotate it, or for several accounts. The check
    /// says which token a request carried ([`Matched`]: its place in the order set, and
    /// its label).
    ///
    /// ```
    /// use provider_payloads::http::{Credentials, Policy};
    /// use provider_payloads::wappin::CallbackToken;
    /// use provider_payloads::Provider;
    ///
    /// let policy = Policy::new()
    ///     .wappin_token(CallbackToken::new("old-t0ken")?.labelled("2026-06"))
    ///     .wappin_token(CallbackToken::new("new-t0ken")?.labelled("2026-12"));
    /// let with = |header: &'static [u8]| Credentials::new(None).authorization(header);
    /// let old = policy.check(Provider::Wappin, &with(b"Bearer old-t0ken"))?.unwrap();
    /// assert_eq!((old.index(), old.label()), (0, Some("2026-06")));
    /// let new = policy.check(Provider::Wappin, &with(b"Bearer new-t0ken"))?.unwrap();
    /// assert_eq!((new.index(), new.label()), (1, Some("2026-12")));
    /// assert!(policy.check(Provider::Wappin, &with(b"Bearer t0ken")).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn wappin_token(mut self, token: CallbackToken) -> Policy {
        Arc::make_mut(&mut self.0).wappin_tokens.push(token);
        self
    }

    /// Refuses a Viva request from an address Viva does not send `environment`'s
    /// webhooks from ([`viva::is_webhook_source`]); `None` checks no address (for local
    /// tests).
    #[must_use]
    pub fn viva_sources(mut self, environment: impl Into<Option<Environment>>) -> Policy {
        Arc::make_mut(&mut self.0).viva_sources = environment.into();
        self
    }

    /// Refuses a Viva Sale Transactions notification (the one Viva signs) without a
    /// `Viva-Signature-256` of its body with this secret or one set before
    /// ([`SubscriptionSecret::verify`]): call it once per subscription's secret. The
    /// check says which secret signed it ([`Matched`]).
    #[must_use]
    pub fn viva_signature(mut self, secret: SubscriptionSecret) -> Policy {
        Arc::make_mut(&mut self.0).viva_secrets.push(secret);
        self
    }

    /// Answers Viva's URL verification with `key`, what `GET /api/messages/config/token`
    /// gives ([`Verification::from_json`] reads it): a request with no body to Viva's
    /// route, or with no body and no query string to the route of any provider, is
    /// answered 200 with `{"Key":"..."}` ([`Verification::answer`]). Without a key, it
    /// is answered 500 with what to set ([`Rejection::NoVerificationKey`]). Replaces an
    /// ISV's key set before: one URL answers one key.
    ///
    /// ```
    /// use provider_payloads::http::{Credentials, Policy, receive};
    /// use provider_payloads::viva::Verification;
    /// use provider_payloads::Payload;
    ///
    /// let key = Verification::from_json(br#"{"Key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6"}"#)?;
    /// let policy = Policy::new().viva_verification(key);
    /// // Viva's GET: no body, no query string; from any address.
    /// let anyone = Credentials::new(Some("127.0.0.1".parse()?));
    /// let payload: Payload = receive(&anyone, b"", "", &policy)?;
    /// let answer = payload.answer().unwrap();
    /// assert_eq!(&*answer.body, br#"{"Key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6"}"#);
    /// // Without a key: 500, and what to set.
    /// let err = receive::<Payload>(&anyone, b"", "", &Policy::new()).unwrap_err();
    /// assert_eq!(err.status(), 500);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// [`Rejection::NoVerificationKey`]: crate::http::Rejection::NoVerificationKey
    #[must_use]
    pub fn viva_verification(mut self, key: Verification) -> Policy {
        Arc::make_mut(&mut self.0).viva_verification = Some(viva::Payload::Verification(key));
        self
    }

    /// [`viva_verification`](Policy::viva_verification) for an ISV (a partner that
    /// integrates merchants): `key` is what `GET /isv/v1/webhooks/token` gives, answered
    /// as `{"key":"..."}`, lowercase ([`IsvVerification::answer`]).
    #[must_use]
    pub fn viva_isv_verification(mut self, key: IsvVerification) -> Policy {
        Arc::make_mut(&mut self.0).viva_verification = Some(viva::Payload::IsvVerification(key));
        self
    }

    /// Viva's URL verification key, when one is set.
    pub(crate) fn verification_key(&self) -> Option<&viva::Payload> {
        self.0.viva_verification.as_ref()
    }

    /// The proxies whose `X-Forwarded-For` is read: by default none, and the address
    /// checked is the peer's. When the peer is in one of these ranges, the address
    /// checked is the right-most address of `X-Forwarded-For` (its lines in order) that
    /// is not in them, or the left-most when all are.
    #[must_use]
    pub fn trusted_proxies(mut self, proxies: impl IntoIterator<Item = AddressRange>) -> Policy {
        Arc::make_mut(&mut self.0).trusted_proxies = proxies.into_iter().collect();
        self
    }

    /// The limits a request must keep to be read (the default: [`Limits::new`]).
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Policy {
        Arc::make_mut(&mut self.0).limits = limits;
        self
    }

    /// The limits a request must keep to be read.
    pub(crate) fn read_limits(&self) -> &Limits {
        &self.0.limits
    }

    /// The longest the axum and actix extractors (`Webhook`) wait for a body to come
    /// whole, from when they start reading it; a body not whole by then is refused with
    /// 408 ([`Rejection::BodyTimeout`]) and its connection closed. By default there is
    /// none: set one (a provider's callback comes in a few milliseconds, so seconds are
    /// plenty), or a client that sends a body slowly, or stops halfway, holds its
    /// connection and the memory of what it sent for as long as it likes.
    ///
    /// It needs tokio's timer, which `#[tokio::main]`, `Runtime::new` and actix-web's
    /// runtime enable (a runtime made by `Builder` needs `enable_time`). [`receive`] takes
    /// a body already read: where you read it, bound the time it may take yourself.
    ///
    /// ```
    /// use std::time::Duration;
    /// use provider_payloads::http::Policy;
    ///
    /// let policy = Policy::new().body_timeout(Duration::from_secs(10));
    /// ```
    ///
    /// [`Rejection::BodyTimeout`]: crate::http::Rejection::BodyTimeout
    /// [`receive`]: crate::http::receive
    #[must_use]
    pub fn body_timeout(mut self, timeout: Duration) -> Policy {
        Arc::make_mut(&mut self.0).body_timeout = Some(timeout);
        self
    }

    /// The time a body may take to come whole ([`Policy::body_timeout`]), when set.
    #[cfg_attr(not(any(feature = "axum", feature = "actix")), allow(dead_code))]
    pub(crate) fn read_timeout(&self) -> Option<Duration> {
        self.0.body_timeout
    }

    /// Checks what `credentials` show against what the policy asks of `provider`'s
    /// requests: Wappin's token, Viva's source address. Needs no body: call it before
    /// reading one. Passed, it gives the Wappin token the request carried, when the
    /// policy has any.
    pub fn check(
        &self,
        provider: Provider,
        credentials: &Credentials<'_>,
    ) -> Result<Option<Matched>, Refusal> {
        match provider {
            Provider::Wappin if !self.0.wappin_tokens.is_empty() => {
                let header = credentials
                    .authorization
                    .one(Refusal::MissingToken, "Authorization")?;
                let tokens = self.0.wappin_tokens.iter();
                return Matched::first(
                    tokens.map(|token| (token.authorizes(header), token.label.shared())),
                )
                .map(Some)
                .ok_or(Refusal::WrongToken);
            }
            Provider::Viva => {
                if let Some(environment) = self.0.viva_sources {
                    let address = self.client_address(credentials)?;
                    if !viva::is_webhook_source(address, environment) {
                        return Err(Refusal::NotVivaSource {
                            address,
                            environment,
                        });
                    }
                }
            }
            Provider::Wappin | Provider::NxCloud | Provider::Esms => {}
        }
        Ok(None)
    }

    /// Checks the `Viva-Signature-256` of a Viva signed notification (Sale Transactions)
    /// against its raw `body`, when the policy has a secret: passed, it gives the secret
    /// that signed it. Without a secret, passes.
    pub fn check_signature(
        &self,
        credentials: &Credentials<'_>,
        body: &[u8],
    ) -> Result<Option<Matched>, Refusal> {
        if self.0.viva_secrets.is_empty() {
            return Ok(None);
        }
        let signature = credentials
            .signature_256
            .one(Refusal::MissingSignature, SIGNATURE_256_HEADER)?;
        let mut malformed = false;
        let matched = Matched::first(self.0.viva_secrets.iter().map(|secret| {
            let verified = secret.verify(body, signature);
            malformed |= verified == Err(SignatureError::Malformed);
            (verified.is_ok(), secret.label.shared())
        }));
        match matched {
            Some(matched) => Ok(Some(matched)),
            None if malformed => Err(Refusal::Signature(SignatureError::Malformed)),
            None => Err(Refusal::Signature(SignatureError::Mismatch)),
        }
    }

    /// The address a request comes from, by the policy's rule: the peer's, or where the
    /// peer is a trusted proxy, the right-most address of `X-Forwarded-For` that is not.
    pub fn client_address(&self, credentials: &Credentials<'_>) -> Result<IpAddr, Refusal> {
        let mut address = credentials.peer.ok_or(Refusal::UnknownPeer)?.to_canonical();
        if !self.trusts(address) {
            return Ok(address);
        }
        for line in credentials.forwarded_for.iter().rev() {
            for entry in line.rsplit(|byte| *byte == b',') {
                address = forwarded_address(entry.trim_ascii())
                    .ok_or(Refusal::ForwardedFor)?
                    .to_canonical();
                if !self.trusts(address) {
                    return Ok(address);
                }
            }
        }
        Ok(address)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0
            .trusted_proxies
            .iter()
            .any(|range| range.contains(address))
    }
}

/// Which of a policy's Wappin tokens, or of its Viva secrets, a request carried: its
/// place in the order they were set (from 0) and its label, if it has one
/// ([`CallbackToken::labelled`], [`SubscriptionSecret::labelled`]); never the secret. For
/// a policy of several accounts, the account a callback is from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matched {
    index: usize,
    label: Option<Arc<str>>,
}

impl Matched {
    /// Its place among the policy's tokens (or secrets), in the order they were set.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The label it was given, if any.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The first that matched of `outcomes` (whether each matched, and its label), once
    /// every one is compared: none is skipped because an earlier one matched.
    fn first<'a>(
        outcomes: impl IntoIterator<Item = (bool, Option<&'a Arc<str>>)>,
    ) -> Option<Matched> {
        let mut first = None;
        for (index, (matched, label)) in outcomes.into_iter().enumerate() {
            if matched && first.is_none() {
                first = Some(Matched {
                    index,
                    label: label.cloned(),
                });
            }
        }
        first
    }
}

/// The address of an `X-Forwarded-For` entry: `203.0.113.7` or `2001:db8::1`, and as
/// proxies that add the port write them, `203.0.113.7:443` or `[2001:db8::1]:443` (or
/// `[2001:db8::1]`).
fn forwarded_address(entry: &[u8]) -> Option<IpAddr> {
    let text = std::str::from_utf8(entry).ok()?;
    text.parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|socket| socket.ip()))
        .or_else(|| {
            let bracketed = text.strip_prefix('[')?.strip_suffix(']')?;
            bracketed.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
        })
}

/// What a request shows of where it came from and what it carries, as plain values:
/// read them from any HTTP stack (with the `http` feature, `Credentials::from_headers`
/// does). `Debug` does not show the `Authorization` header.
///
/// ```
/// use provider_payloads::http::Credentials;
///
/// let credentials = Credentials::new(Some("127.0.0.1".parse().unwrap()))
///     .authorization(b"Bearer s3cr3t")
///     .forwarded_for(b"203.0.113.7");
/// assert!(!format!("{credentials:?}").contains("s3cr3t"));
/// ```
#[derive(Clone, Default)]
pub struct Credentials<'a> {
    peer: Option<IpAddr>,
    forwarded_for: Vec<&'a [u8]>,
    authorization: Header<'a>,
    signature_256: Header<'a>,
}

/// A header that a request carries at most once to be checked.
#[derive(Clone, Copy, Default)]
enum Header<'a> {
    #[default]
    Absent,
    One(&'a [u8]),
    /// It came more than once: which one the sender meant cannot be told.
    Repeated,
}

impl<'a> Header<'a> {
    fn add(self, value: &'a [u8]) -> Header<'a> {
        match self {
            Header::Absent => Header::One(value),
            Header::One(_) | Header::Repeated => Header::Repeated,
        }
    }

    /// Its one value; `missing` when it is absent, and [`Refusal::RepeatedHeader`] naming
    /// it (`name`) when it came more than once.
    fn one(self, missing: Refusal, name: &'static str) -> Result<&'a [u8], Refusal> {
        match self {
            Header::One(value) => Ok(value),
            Header::Absent => Err(missing),
            Header::Repeated => Err(Refusal::RepeatedHeader { header: name }),
        }
    }
}

impl<'a> Credentials<'a> {
    /// A request from `peer`, the connection's remote address (`None` when the server
    /// does not say: then a check of Viva's addresses refuses it).
    pub fn new(peer: Option<IpAddr>) -> Credentials<'a> {
        Credentials {
            peer,
            ..Credentials::default()
        }
    }

    /// Adds a line of `X-Forwarded-For` (`client, proxy1, proxy2`): give each line in the
    /// order it came.
    #[must_use]
    pub fn forwarded_for(mut self, value: &'a [u8]) -> Credentials<'a> {
        self.forwarded_for.push(value);
        self
    }

    /// Adds an `Authorization` header's value: give each the request has. A request
    /// with more than one is refused where the header is checked (which one the sender
    /// meant cannot be told).
    ///
    /// ```
    /// use provider_payloads::http::{Credentials, Policy, Refusal};
    /// use provider_payloads::wappin::CallbackToken;
    /// use provider_payloads::Provider;
    ///
    /// let policy = Policy::new().wappin_token(CallbackToken::new("s3cr3t")?);
    /// let twice = Credentials::new(None)
    ///     .authorization(b"Bearer wrong")
    ///     .authorization(b"Bearer s3cr3t");
    /// let refusal = policy.check(Provider::Wappin, &twice).unwrap_err();
    /// assert_eq!(refusal, Refusal::RepeatedHeader { header: "Authorization" });
    /// assert_eq!(refusal.status(), 401);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn authorization(mut self, value: &'a [u8]) -> Credentials<'a> {
        self.authorization = self.authorization.add(value);
        self
    }

    /// Adds a `Viva-Signature-256` header's value: give each the request has. A request
    /// with more than one is refused where the signature is checked.
    #[must_use]
    pub fn signature_256(mut self, value: &'a [u8]) -> Credentials<'a> {
        self.signature_256 = self.signature_256.add(value);
        self
    }
}

impl fmt::Debug for Credentials<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<_> = self
            .forwarded_for
            .iter()
            .map(|line| String::from_utf8_lossy(line))
            .collect();
        f.debug_struct("Credentials")
            .field("peer", &self.peer)
            .field("forwarded_for", &lines)
            .field(
                "authorization",
                &match self.authorization {
                    Header::Absent => None,
                    Header::One(_) => Some("<redacted>"),
                    Header::Repeated => Some("<repeated>"),
                },
            )
            .field(
                "signature_256",
                &match self.signature_256 {
                    Header::Absent => None,
                    Header::One(value) => Some(String::from_utf8_lossy(value)),
                    Header::Repeated => Some("<repeated>".into()),
                },
            )
            .finish()
    }
}

/// Why a [`Policy`] refused a request: which check, and why. No message quotes a token
/// or a secret. [`Refusal::status`] is its HTTP status.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// A Wappin request has no `Authorization` header, and the policy has a token. 401.
    #[error(
        "a Wappin callback needs `Authorization: Bearer <token>`; the request has no \
         `Authorization` header"
    )]
    MissingToken,
    /// A Wappin request's `Authorization` is not `Bearer` with the policy's token. 401.
    #[error(
        "a Wappin callback needs `Authorization: Bearer <token>` with the receiver's \
         token; the request's `Authorization` is not that"
    )]
    WrongToken,
    /// A header the policy checks (`Authorization`, `Viva-Signature-256`) came more than
    /// once: which one the sender meant cannot be told. 401.
    #[error(
        "the request has more than one `{header}` header: a callback carries one, and which \
         to check cannot be told"
    )]
    RepeatedHeader {
        /// The header's name.
        header: &'static str,
    },
    /// A Viva signed notification has no `Viva-Signature-256`, and the policy has a
    /// secret. 401.
    #[error(
        "a Viva Sale Transactions notification needs the `Viva-Signature-256` header; the request has none"
    )]
    MissingSignature,
    /// A Viva signed notification's `Viva-Signature-256` is not the body's with the
    /// policy's secret. 401.
    #[error("a Viva Sale Transactions notification: {0}")]
    Signature(SignatureError),
    /// A Viva request comes from an address outside the environment's list. 403.
    #[error(
        "a Viva request from {address}, which is not an address Viva sends {} webhooks from",
        environment_name(*.environment)
    )]
    NotVivaSource {
        /// The address the policy's rule took.
        address: IpAddr,
        /// The environment whose list it is not in.
        environment: Environment,
    },
    /// The peer is a trusted proxy, and the `X-Forwarded-For` entry the rule reached is
    /// no IP address, with or without a port (`unknown`, nothing), so the sender cannot
    /// be told. 403.
    #[error(
        "the request's `X-Forwarded-For` has an entry that is no IP address where the \
         sender's address was to be read"
    )]
    ForwardedFor,
    /// The server gave no peer address, which the check of Viva's addresses needs: a
    /// set-up error (with axum, serve with `into_make_service_with_connect_info`). 500.
    #[error(
        "the receiver does not know the request's peer address, which the check of \
         Viva's source addresses needs"
    )]
    UnknownPeer,
}

impl Refusal {
    /// The HTTP status that answers it: 401 for a missing, repeated or wrong credential
    /// (token, signature), 403 for an address outside the lists, 500 when the server gave no
    /// peer address.
    pub fn status(&self) -> u16 {
        match self {
            Refusal::MissingToken
            | Refusal::WrongToken
            | Refusal::RepeatedHeader { .. }
            | Refusal::MissingSignature
            | Refusal::Signature(_) => 401,
            Refusal::NotVivaSource { .. } | Refusal::ForwardedFor => 403,
            Refusal::UnknownPeer => 500,
        }
    }
}

fn environment_name(environment: Environment) -> &'static str {
    match environment {
        Environment::Production => "production",
        Environment::Demo => "demo",
    }
}

/// A block of addresses to trust as your proxies ([`Policy::trusted_proxies`]), IPv4 or
/// IPv6: one address, or a network and its prefix length (`10.0.0.0/8`, `fd00::/8`). An
/// IPv4 address written as IPv6 (`::ffff:10.0.0.1`) counts as itself.
///
/// A range wider than a /8 is refused where it is made ([`InvalidRange`]): any client
/// among its addresses could write the address `X-Forwarded-For` gives, and `0.0.0.0/0`
/// or `::/0` would let every client do so. A network of your own proxies is narrower
/// (the widest private blocks are `10.0.0.0/8` and `fd00::/8`).
///
/// ```
/// use provider_payloads::http::AddressRange;
///
/// let range: AddressRange = "10.0.0.0/8".parse()?;
/// assert!(range.contains("10.1.2.3".parse()?));
/// assert!(range.contains("::ffff:10.1.2.3".parse()?));
/// assert!(!range.contains("11.0.0.1".parse()?));
/// assert!("::1".parse::<AddressRange>()?.contains("::1".parse()?));
/// assert!("10.0.0.0/33".parse::<AddressRange>().is_err());
/// let every = "0.0.0.0/0".parse::<AddressRange>().unwrap_err();
/// assert!(every.to_string().starts_with("`0.0.0.0/0` is too wide to trust as proxies"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AddressRange {
    network: IpAddr,
    prefix: u8,
}

impl AddressRange {
    /// The shortest prefix a range may have: a /8.
    pub const WIDEST_PREFIX: u8 = 8;

    /// The addresses whose first `prefix` bits are `network`'s: refused when `prefix` is
    /// over the address's length (32 for IPv4, 128 for IPv6) or under
    /// [`WIDEST_PREFIX`](Self::WIDEST_PREFIX).
    ///
    /// ```
    /// use std::net::Ipv4Addr;
    /// use provider_payloads::http::AddressRange;
    ///
    /// assert!(AddressRange::new(Ipv4Addr::new(10, 0, 0, 0).into(), 8).is_ok());
    /// assert!(AddressRange::new(Ipv4Addr::UNSPECIFIED.into(), 0).is_err());
    /// ```
    pub fn new(network: IpAddr, prefix: u8) -> Result<AddressRange, InvalidRange> {
        let network = network.to_canonical();
        let problem = if prefix > most_bits(network) {
            RangeProblem::NotARange
        } else if prefix < AddressRange::WIDEST_PREFIX {
            RangeProblem::TooWide
        } else {
            return Ok(AddressRange { network, prefix });
        };
        Err(InvalidRange {
            text: format!("{network}/{prefix}"),
            problem,
        })
    }

    /// One address.
    pub fn single(address: IpAddr) -> AddressRange {
        let network = address.to_canonical();
        AddressRange {
            network,
            prefix: most_bits(network),
        }
    }

    /// Whether `address` is in the range.
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.network, address.to_canonical()) {
            // The same masked comparison as Viva's ranges.
            (IpAddr::V4(network), IpAddr::V4(address)) => {
                SourceRange::new(network.octets(), self.prefix).contains(address)
            }
            (IpAddr::V6(network), IpAddr::V6(address)) => {
                let mask = u128::MAX
                    .checked_shl(128_u32.saturating_sub(u32::from(self.prefix)))
                    .unwrap_or(0);
                address.to_bits() & mask == network.to_bits() & mask
            }
            _ => false,
        }
    }
}

/// The number of bits of an address of `address`'s family.
fn most_bits(address: IpAddr) -> u8 {
    if address.is_ipv4() { 32 } else { 128 }
}

/// Why a text or a network and prefix is no [`AddressRange`]: it is no range, or one too
/// wide to trust. Its message says which.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.problem.message(&self.text))]
pub struct InvalidRange {
    text: String,
    problem: RangeProblem,
}

/// What is wrong with a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RangeProblem {
    /// Not an address, or a prefix longer than the address.
    NotARange,
    /// A prefix under [`AddressRange::WIDEST_PREFIX`].
    TooWide,
}

impl RangeProblem {
    fn message(self, text: &str) -> String {
        match self {
            RangeProblem::NotARange => format!(
                "`{text}` is no address range: expected an IP address, or one with its \
                 prefix length (`10.0.0.0/8`, `fd00::/8`)"
            ),
            RangeProblem::TooWide => format!(
                "`{text}` is too wide to trust as proxies: any client among its addresses \
                 could write the address `X-Forwarded-For` gives; name your proxies' own \
                 network, a /{} at the widest (`10.0.0.0/8`, `fd00::/8`)",
                AddressRange::WIDEST_PREFIX
            ),
        }
    }
}

impl FromStr for AddressRange {
    type Err = InvalidRange;

    /// Reads `10.0.0.1`, `10.0.0.0/8`, `::1` or `fd00::/8`.
    fn from_str(text: &str) -> Result<AddressRange, InvalidRange> {
        let invalid = |problem| InvalidRange {
            text: text.to_owned(),
            problem,
        };
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address: IpAddr = address
            .parse()
            .map_err(|_| invalid(RangeProblem::NotARange))?;
        let Some(prefix) = prefix else {
            return Ok(AddressRange::single(address));
        };
        let prefix = Some(prefix)
            .filter(|digits| digits.bytes().all(|byte| byte.is_ascii_digit()))
            .and_then(|digits| digits.parse::<u8>().ok())
            .ok_or_else(|| invalid(RangeProblem::NotARange))?;
        AddressRange::new(address, prefix).map_err(|err| invalid(err.problem))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIVA: &str = "51.138.37.238";
    const TOKEN: &str = "t0ken-s3cr3t";
    const SECRET: &str = "subscription-s3cr3t";

    fn from(peer: &str) -> Credentials<'static> {
        Credentials::new(Some(peer.parse().unwrap()))
    }

    fn viva(policy: &Policy, credentials: &Credentials<'_>) -> Result<(), Refusal> {
        policy.check(Provider::Viva, credentials).map(|matched| {
            assert_eq!(matched, None, "an address is no token");
        })
    }

    #[test]
    fn wappins_token_is_checked_once_set() {
        let open = Policy::new();
        assert_eq!(open.check(Provider::Wappin, &from("192.0.2.1")), Ok(None));
        let policy = Policy::new().wappin_token(CallbackToken::new(TOKEN).unwrap());
        let with = |header: &'static [u8]| from("192.0.2.1").authorization(header);
        assert_eq!(
            policy.check(Provider::Wappin, &from("192.0.2.1")),
            Err(Refusal::MissingToken)
        );
        assert_eq!(
            policy.check(Provider::Wappin, &with(b"Bearer t0ken")),
            Err(Refusal::WrongToken)
        );
        assert_eq!(
            policy.check(Provider::Wappin, &with(b"t0ken-s3cr3t")),
            Err(Refusal::WrongToken)
        );
        assert_eq!(
            policy.check(Provider::Wappin, &with(b"Bearer t0ken-s3cr3t")),
            Ok(Some(Matched {
                index: 0,
                label: None
            }))
        );
        // Two headers, whichever comes first: which the sender meant cannot be told.
        for (first, second) in [
            (&b"Bearer t0ken"[..], &b"Bearer t0ken-s3cr3t"[..]),
            (b"Bearer t0ken-s3cr3t", b"Bearer t0ken"),
            (b"Bearer t0ken-s3cr3t", b"Bearer t0ken-s3cr3t"),
        ] {
            let twice = from("192.0.2.1").authorization(first).authorization(second);
            let refusal = policy.check(Provider::Wappin, &twice).unwrap_err();
            assert_eq!(
                refusal,
                Refusal::RepeatedHeader {
                    header: "Authorization"
                }
            );
            assert_eq!(refusal.status(), 401);
            assert!(!format!("{twice:?}").contains("s3cr3t"));
        }
        assert_eq!(Refusal::MissingToken.status(), 401);
        assert_eq!(Refusal::WrongToken.status(), 401);
        // The token is no check of the other providers'.
        assert_eq!(
            policy.check(Provider::NxCloud, &from("192.0.2.1")),
            Ok(None)
        );
    }

    #[test]
    fn with_several_tokens_or_secrets_any_passes_and_the_check_says_which() {
        let matched = |index, label: Option<&str>| {
            Ok(Some(Matched {
                index,
                label: label.map(Arc::from),
            }))
        };
        let policy = Policy::new()
            .wappin_token(CallbackToken::new("first").unwrap())
            .wappin_token(CallbackToken::new("second").unwrap().labelled("b"))
            .viva_signature(SubscriptionSecret::new("one").unwrap().labelled("one"))
            .viva_signature(SubscriptionSecret::new(SECRET).unwrap());
        let wappin = |header: &'static [u8]| {
            policy.check(Provider::Wappin, &from("192.0.2.1").authorization(header))
        };
        assert_eq!(wappin(b"Bearer first"), matched(0, None));
        assert_eq!(wappin(b"Bearer second"), matched(1, Some("b")));
        assert_eq!(wappin(b"Bearer third"), Err(Refusal::WrongToken));
        let body = b"{}";
        let signed = sign(body);
        let viva = from(VIVA).signature_256(signed.as_bytes());
        assert_eq!(policy.check_signature(&viva, body), matched(1, None));
        let by_one = SubscriptionSecret::new("one").unwrap().sign(body);
        let viva = from(VIVA).signature_256(by_one.as_bytes());
        assert_eq!(policy.check_signature(&viva, body), matched(0, Some("one")));
        assert_eq!(
            policy.check_signature(&viva, b"[]"),
            Err(Refusal::Signature(SignatureError::Mismatch))
        );
        // Debug names the labels, never a secret.
        let debug = format!("{policy:?}");
        for secret in ["first", "second", SECRET] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(
            debug.contains(r#"CallbackToken("b", <redacted>)"#),
            "{debug}"
        );
    }

    #[test]
    fn vivas_production_addresses_are_checked_by_default() {
        let policy = Policy::new();
        assert_eq!(viva(&policy, &from(VIVA)), Ok(()));
        assert_eq!(viva(&policy, &from("::ffff:51.138.37.238")), Ok(()));
        assert_eq!(viva(&policy, &from("40.127.253.127")), Ok(()));
        let refusal = viva(&policy, &from("127.0.0.1")).unwrap_err();
        assert_eq!(
            refusal,
            Refusal::NotVivaSource {
                address: "127.0.0.1".parse().unwrap(),
                environment: Environment::Production
            }
        );
        assert_eq!(refusal.status(), 403);
        assert_eq!(
            viva(&policy, &from("::1")).map_err(|r| r.status()),
            Err(403)
        );
        // Demo's list is another.
        let demo = Policy::new().viva_sources(Environment::Demo);
        assert!(viva(&demo, &from(VIVA)).is_err());
        assert_eq!(viva(&demo, &from("20.50.240.57")), Ok(()));
        assert!(demo.check(Provider::Viva, &from("20.50.240.57")).is_ok());
        // Off, for local tests: any address, even none.
        let off = Policy::new().viva_sources(None);
        assert_eq!(viva(&off, &from("127.0.0.1")), Ok(()));
        assert_eq!(viva(&off, &Credentials::new(None)), Ok(()));
        // On, an unknown peer is the server's set-up, refused.
        assert_eq!(
            viva(&policy, &Credentials::new(None)),
            Err(Refusal::UnknownPeer)
        );
        assert_eq!(Refusal::UnknownPeer.status(), 500);
        // No address is checked for NXCloud or eSMS.
        assert_eq!(policy.check(Provider::Esms, &from("127.0.0.1")), Ok(None));
    }

    #[test]
    fn forwarded_for_is_read_only_from_a_trusted_proxy_and_from_the_right() {
        let untrusting = Policy::new();
        // A client writes the header it likes: without a trusted proxy it is not read.
        let spoofed = from("198.51.100.1").forwarded_for(VIVA.as_bytes());
        assert_eq!(
            untrusting.client_address(&spoofed),
            Ok("198.51.100.1".parse().unwrap())
        );
        assert!(viva(&untrusting, &spoofed).is_err());

        let policy =
            Policy::new().trusted_proxies(["10.0.0.0/8".parse().unwrap(), "::1".parse().unwrap()]);
        let address = |credentials: &Credentials<'_>| {
            policy.client_address(credentials).map(|a| a.to_string())
        };
        // The right-most address not a trusted proxy: what the proxy saw.
        let chain = from("10.0.0.2").forwarded_for(b"51.138.37.238, 10.1.1.1");
        assert_eq!(address(&chain).as_deref(), Ok(VIVA));
        assert_eq!(viva(&policy, &chain), Ok(()));
        // What the client wrote to the left of it is not read.
        let prefixed = from("10.0.0.2").forwarded_for(b"unknown, 51.138.37.238, 198.51.100.7");
        assert_eq!(address(&prefixed).as_deref(), Ok("198.51.100.7"));
        assert!(viva(&policy, &prefixed).is_err());
        let ignored = from("::1").forwarded_for(b"garbage, 51.138.37.238");
        assert_eq!(address(&ignored).as_deref(), Ok(VIVA));
        // Lines are read in order, the last line's last entry first.
        let lines = from("10.0.0.2")
            .forwarded_for(b"51.138.37.238")
            .forwarded_for(b"198.51.100.7, 10.0.0.3");
        assert_eq!(address(&lines).as_deref(), Ok("198.51.100.7"));
        // All trusted: the left-most; no header: the peer (a proxy, not Viva).
        let all = from("10.0.0.2").forwarded_for(b"10.0.0.9,10.0.0.3");
        assert_eq!(address(&all).as_deref(), Ok("10.0.0.9"));
        assert_eq!(address(&from("10.0.0.2")).as_deref(), Ok("10.0.0.2"));
        // With the port some proxies add: the address.
        for (ported, expected) in [
            (&b"51.138.37.238:443"[..], VIVA),
            (b"198.51.100.7, 51.138.37.238:443", VIVA),
            (b"[2001:db8::1]:443", "2001:db8::1"),
            (b"[2001:db8::1]", "2001:db8::1"),
            (b"[::ffff:51.138.37.238]:8443", VIVA),
            (b"2001:db8::1:443", "2001:db8::1:443"),
        ] {
            let credentials = from("10.0.0.2").forwarded_for(ported);
            assert_eq!(address(&credentials).as_deref(), Ok(expected), "{ported:?}");
        }
        assert_eq!(
            viva(
                &policy,
                &from("10.0.0.2").forwarded_for(b"51.138.37.238:443")
            ),
            Ok(())
        );
        // An entry that is no address, where the sender was to be read.
        for bad in [
            &b"51.138.37.238, unknown"[..],
            b"unknown:443",
            b"51.138.37.238:",
            b"[51.138.37.238]:443",
            b"[2001:db8::1",
            b"",
            b"51.138.37.238,",
        ] {
            let credentials = from("10.0.0.2").forwarded_for(bad);
            assert_eq!(
                policy.client_address(&credentials),
                Err(Refusal::ForwardedFor),
                "{bad:?}"
            );
            assert_eq!(
                viva(&policy, &credentials).map_err(|r| r.status()),
                Err(403)
            );
        }
    }

    /// `Viva-Signature-256` of `body` with [`SECRET`], in hex.
    fn sign(body: &[u8]) -> String {
        use hmac::{Hmac, KeyInit, Mac};
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
        mac.update(body);
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    #[test]
    fn vivas_signature_is_checked_once_a_secret_is_set() {
        let body = br#"{"Link":"https://api.vivapayments.com/f","FileType":".csv"}"#;
        let signature = sign(body);
        let signed = from(VIVA).signature_256(signature.as_bytes());
        assert_eq!(Policy::new().check_signature(&from(VIVA), body), Ok(None));
        let policy = Policy::new().viva_signature(SubscriptionSecret::new(SECRET).unwrap());
        assert_eq!(
            policy.check_signature(&signed, body),
            Ok(Some(Matched {
                index: 0,
                label: None
            }))
        );
        assert_eq!(
            policy.check_signature(&from(VIVA), body),
            Err(Refusal::MissingSignature)
        );
        assert_eq!(
            policy.check_signature(&signed, b"{}"),
            Err(Refusal::Signature(SignatureError::Mismatch))
        );
        assert_eq!(
            policy.check_signature(&from(VIVA).signature_256(b"sha256=00"), body),
            Err(Refusal::Signature(SignatureError::Malformed))
        );
        let twice = from(VIVA)
            .signature_256(signature.as_bytes())
            .signature_256(signature.as_bytes());
        assert_eq!(
            policy.check_signature(&twice, body),
            Err(Refusal::RepeatedHeader {
                header: "Viva-Signature-256"
            })
        );
        for refusal in [
            Refusal::MissingSignature,
            Refusal::Signature(SignatureError::Mismatch),
        ] {
            assert_eq!(refusal.status(), 401);
        }
    }

    #[test]
    fn no_message_or_debug_shows_a_secret() {
        let policy = Policy::new()
            .wappin_token(CallbackToken::new(TOKEN).unwrap())
            .viva_signature(SubscriptionSecret::new(SECRET).unwrap());
        let debug = format!("{policy:?}");
        assert!(!debug.contains(TOKEN) && !debug.contains(SECRET), "{debug}");
        let header = format!("Bearer {TOKEN}");
        let credentials = from("127.0.0.1").authorization(header.as_bytes());
        let debug = format!("{credentials:?}");
        assert!(
            !debug.contains(TOKEN) && debug.contains("<redacted>"),
            "{debug}"
        );
        for refusal in [
            policy.check(
                Provider::Wappin,
                &from("127.0.0.1").authorization(b"Bearer t0ken-s3cr3"),
            ),
            policy.check(Provider::Wappin, &from("127.0.0.1")),
            policy.check(Provider::Viva, &credentials),
            policy.check_signature(&credentials, SECRET.as_bytes()),
        ] {
            let message = refusal.unwrap_err().to_string();
            assert!(
                !message.contains(TOKEN) && !message.contains(SECRET),
                "{message}"
            );
        }
    }

    #[test]
    fn address_ranges_read_and_hold_what_they_say() {
        let range = |text: &str| text.parse::<AddressRange>();
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        assert!(range("10.0.0.0/8").unwrap().contains(ip("10.255.0.1")));
        assert!(!range("10.0.0.0/8").unwrap().contains(ip("11.0.0.1")));
        assert!(range("fd00::/8").unwrap().contains(ip("fd12::1")));
        assert!(!range("fd00::/8").unwrap().contains(ip("fe80::1")));
        assert!(!range("fd00::/8").unwrap().contains(ip("10.0.0.1")));
        assert!(range("::1").unwrap().contains(ip("::1")));
        assert!(!range("::1").unwrap().contains(ip("::2")));
        assert!(range("::ffff:10.0.0.1").unwrap().contains(ip("10.0.0.1")));
        assert_eq!(range("10.0.0.7"), Ok(AddressRange::single(ip("10.0.0.7"))));
        assert_eq!(
            range("::ffff:10.0.0.7"),
            Ok(AddressRange::single(ip("10.0.0.7")))
        );
        assert_eq!(AddressRange::new(ip("10.0.0.0"), 8), range("10.0.0.0/8"));
        for bad in [
            "",
            "10.0.0.0/",
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/+8",
            "10.0.0/8",
            "host",
        ] {
            let err = range(bad).unwrap_err();
            assert_eq!(err.problem, RangeProblem::NotARange, "{bad}");
            assert!(
                err.to_string()
                    .starts_with(&format!("`{bad}` is no address range"))
            );
        }
    }

    #[test]
    fn a_range_wider_than_a_slash_8_is_refused() {
        for wide in [
            "0.0.0.0/0",
            "::/0",
            "128.0.0.0/1",
            "10.0.0.0/7",
            "fc00::/7",
            "2000::/3",
        ] {
            let err = wide.parse::<AddressRange>().unwrap_err();
            assert_eq!(err.problem, RangeProblem::TooWide, "{wide}");
            assert!(
                err.to_string()
                    .starts_with(&format!("`{wide}` is too wide to trust as proxies")),
                "{err}"
            );
        }
        let every = AddressRange::new(IpAddr::from([0, 0, 0, 0]), 0).unwrap_err();
        assert_eq!(every.problem, RangeProblem::TooWide);
        assert!(every.to_string().starts_with("`0.0.0.0/0` is too wide"));
        assert_eq!(
            AddressRange::new(IpAddr::from([10, 0, 0, 0]), 33)
                .unwrap_err()
                .problem,
            RangeProblem::NotARange
        );
        assert!("10.0.0.0/8".parse::<AddressRange>().is_ok());
        assert!("fd00::/8".parse::<AddressRange>().is_ok());
    }
}
