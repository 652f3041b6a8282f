//! [`receive`]: a request, checked by the policy, read as the callback a route takes.

use crate::http::policy::{Credentials, Matched, Policy, Refusal};
use crate::payload::parse_checked;
use crate::{Answer, Error, Event, Payload, Provider, esms, nxcloud, viva, wappin};

/// A callback a webhook route takes: any provider's ([`Payload`], told from the
/// request), or one provider's (`nxcloud::Callback`, `esms::Callback`,
/// `wappin::Callback`, `viva::Webhook`, and `viva::Payload` for Viva's webhook
/// messages with its bodies without an envelope).
///
/// [`Payload`] and `viva::Payload` also take Viva's URL verification (a request with no
/// body and no query string): it comes as `viva::Payload::Verification` (or an ISV's
/// `IsvVerification`) holding the policy's key, which its `answer` gives
/// ([`Policy::viva_verification`]). `viva::Webhook` takes webhook messages only.
pub trait FromWebhook: Sized + sealed::Sealed {
    /// The provider whose route takes it, whose checks run before the body is read;
    /// `None` for any provider's, told from the body.
    const PROVIDER: Option<Provider>;

    /// The callback `payload` is, when it is one of this type.
    fn from_payload(payload: Payload) -> Option<Self>;

    /// The HTTP answer the provider expects to it.
    fn answer(&self) -> Answer;

    /// What happened, in the one model of every provider; `None` for a callback that
    /// reports no event.
    fn event(&self) -> Option<Event>;
}

mod sealed {
    use super::{Policy, Rejection};

    /// Only the crate's callback types are [`FromWebhook`](super::FromWebhook).
    pub trait Sealed: Sized {
        /// Viva's URL verification answered with `policy`'s key, on a route that takes
        /// it; `None` on one that does not.
        fn verification(_policy: &Policy) -> Option<Result<Self, Rejection>> {
            None
        }
    }
}

/// The payload that answers Viva's URL verification: the policy's key, or the error
/// that says to set one.
fn verification_key(policy: &Policy) -> Result<viva::Payload, Rejection> {
    policy
        .verification_key()
        .cloned()
        .ok_or(Rejection::NoVerificationKey)
}

/// Whether Viva posts `payload` to a webhook: it has an answer and is no URL
/// verification key (Viva asks for the key with a `GET`; no one posts it).
fn is_posted(payload: &viva::Payload) -> bool {
    payload.answer().is_some()
        && !matches!(
            payload,
            viva::Payload::Verification(_) | viva::Payload::IsvVerification(_)
        )
}

impl sealed::Sealed for Payload {
    fn verification(policy: &Policy) -> Option<Result<Self, Rejection>> {
        Some(verification_key(policy).map(Payload::Viva))
    }
}
impl FromWebhook for Payload {
    const PROVIDER: Option<Provider> = None;

    fn from_payload(payload: Payload) -> Option<Self> {
        let posted = match &payload {
            Payload::Viva(viva) => is_posted(viva),
            other => other.answer().is_some(),
        };
        posted.then_some(payload)
    }

    fn answer(&self) -> Answer {
        Payload::answer(self).unwrap_or(Answer::OK)
    }

    fn event(&self) -> Option<Event> {
        Payload::event(self)
    }
}

/// [`FromWebhook`] for a provider's callback type: the payload that holds it, and its own
/// `answer` and `event`.
macro_rules! one_provider {
    ($($type:ty: $provider:ident, $held:pat => $callback:expr;)*) => {$(
        impl sealed::Sealed for $type {}
        impl FromWebhook for $type {
            const PROVIDER: Option<Provider> = Some(Provider::$provider);

            fn from_payload(payload: Payload) -> Option<Self> {
                match payload {
                    $held => Some($callback),
                    _ => None,
                }
            }

            fn answer(&self) -> Answer {
                <$type>::answer(self)
            }

            fn event(&self) -> Option<Event> {
                <$type>::event(self)
            }
        }
    )*};
}

one_provider! {
    nxcloud::Callback: NxCloud, Payload::NxCloud(callback) => callback;
    esms::Callback: Esms, Payload::Esms(esms::Payload::Callback(callback)) => *callback;
    wappin::Callback: Wappin, Payload::Wappin(wappin::Payload::Callback(callback)) => callback;
    viva::Webhook: Viva, Payload::Viva(viva::Payload::Webhook(callback)) => callback;
}

impl sealed::Sealed for viva::Payload {
    fn verification(policy: &Policy) -> Option<Result<Self, Rejection>> {
        Some(verification_key(policy))
    }
}
impl FromWebhook for viva::Payload {
    const PROVIDER: Option<Provider> = Some(Provider::Viva);

    /// What Viva posts to a webhook (a webhook message, an obligation or a Sale
    /// Transactions notification): the payloads `viva::Payload::answer` answers but the
    /// URL verification key, which Viva asks for and never posts.
    fn from_payload(payload: Payload) -> Option<Self> {
        match payload {
            Payload::Viva(callback) if is_posted(&callback) => Some(callback),
            _ => None,
        }
    }

    fn answer(&self) -> Answer {
        viva::Payload::answer(self).unwrap_or(Answer::OK)
    }

    fn event(&self) -> Option<Event> {
        viva::Payload::event(self)
    }
}

/// Why a request was not taken: each answers with its [`status`](Rejection::status)
/// and its message.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The policy refused it: 401, 403 ([`Refusal::status`]).
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// The request is no payload: 400 with the crate's message; 413 for
    /// [`Error::TooLarge`].
    #[error(transparent)]
    Invalid(#[from] Error),
    /// A route of one provider got another's payload: 400.
    #[error("{} takes {expected} payloads; this is a {found} {kind}", route.as_deref().unwrap_or("this route"))]
    WrongProvider {
        /// The route, as the request named it (`POST /viva`), when known.
        route: Option<String>,
        /// The provider the route takes.
        expected: Provider,
        /// The provider of the payload.
        found: Provider,
        /// The payload's kind.
        kind: &'static str,
    },
    /// The body could not be read to its end (the connection broke): 400.
    #[error("the request's body could not be read: {reason}")]
    Unreadable {
        /// What the HTTP stack said.
        reason: String,
    },
    /// The body did not come whole within the policy's time
    /// ([`Policy::body_timeout`]): 408.
    #[error("the request's body did not come whole within {after:?}")]
    BodyTimeout {
        /// The time it had.
        after: std::time::Duration,
    },
    /// A payload that no provider posts to a webhook (an API request or answer, a Viva
    /// URL verification key or message list): 422, since answering it 200 would hide a
    /// misconfigured sender.
    #[error("a {provider} {kind} is not a callback; this receiver takes callbacks only")]
    NotCallback {
        /// The provider of the payload.
        provider: Provider,
        /// Its kind.
        kind: &'static str,
    },
    /// Viva's URL verification (a request with no body and no query string) came to a
    /// route that answers it, and the policy has no key to answer with: the receiver's
    /// set-up, 500 ([`Policy::viva_verification`] sets the key).
    #[error(
        "no key to answer Viva's URL verification (a request with no body and no query \
         string): set Policy::viva_verification (the Key of GET /api/messages/config/token) \
         or viva_isv_verification"
    )]
    NoVerificationKey,
}

impl Rejection {
    /// The HTTP status that answers it.
    pub fn status(&self) -> u16 {
        match self {
            Rejection::Refused(refusal) => refusal.status(),
            Rejection::Invalid(Error::TooLarge { .. }) => 413,
            Rejection::Invalid(_)
            | Rejection::WrongProvider { .. }
            | Rejection::Unreadable { .. } => 400,
            Rejection::BodyTimeout { .. } => 408,
            Rejection::NotCallback { .. } => 422,
            Rejection::NoVerificationKey => 500,
        }
    }
}

/// Reads a request as the callback `T` a route takes, checking it by `policy` first:
///
/// 0. a request with no body and no query string is Viva's URL verification: on a route
///    that takes it ([`Payload`], `viva::Payload`) it is the policy's key, with no
///    check of its address ([`Policy`] says why), or without a key
///    [`Rejection::NoVerificationKey`];
/// 1. a route of one provider (`T::PROVIDER`) checks that provider's credentials
///    before anything of the body is read ([`Policy::check`]);
/// 2. the body and query string are refused beyond the policy's limits (413);
/// 3. the provider and kind are told from the request's keys, without reading a value;
///    on the route of any provider ([`Payload`]) that provider's credentials are
///    checked now, and a Viva Sale Transactions notification's signature on any route
///    ([`Policy::check_signature`]);
/// 4. the body is read once, as that kind (400 with the crate's message when it does
///    not read); another provider's payload on a provider's route is refused (400), and
///    a payload that is no callback (422).
///
/// ```
/// use provider_payloads::http::{Credentials, Policy, Rejection, receive};
/// use provider_payloads::wappin::{self, CallbackToken};
/// use provider_payloads::Payload;
///
/// let policy = Policy::new().wappin_token(CallbackToken::new("s3cr3t")?);
/// let body = br#"{"message_id":"m1","client_id":"9","client_name":"c","status_messages":"read","callback_type":"status"}"#;
/// let peer = Some("203.0.113.9".parse()?);
///
/// let signed = Credentials::new(peer).authorization(b"Bearer s3cr3t");
/// let callback: wappin::Callback = receive(&signed, body, "", &policy)?;
/// assert_eq!(callback.message_id(), "m1");
///
/// // Without the token, on Wappin's route or on the route of any provider: 401.
/// let err = receive::<wappin::Callback>(&Credentials::new(peer), body, "", &policy).unwrap_err();
/// assert_eq!(err.status(), 401);
/// let err = receive::<Payload>(&Credentials::new(peer), body, "", &policy).unwrap_err();
/// assert!(matches!(err, Rejection::Refused(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn receive<T: FromWebhook>(
    credentials: &Credentials<'_>,
    body: &[u8],
    query: &str,
    policy: &Policy,
) -> Result<T, Rejection> {
    receive_matched(credentials, body, query, policy).map(|(callback, _)| callback)
}

/// [`receive`], with the token or secret the request carried ([`Matched`]): for the
/// `Webhook` of the integrations whose body comes whole (with the `lambda` feature, a
/// Lambda function's request).
pub(crate) fn receive_matched<T: FromWebhook>(
    credentials: &Credentials<'_>,
    body: &[u8],
    query: &str,
    policy: &Policy,
) -> Result<(T, Option<Matched>), Rejection> {
    if let Some(answered) = verification(body.is_empty(), query, policy) {
        return answered.map(|payload| (payload, None));
    }
    let head = check_head::<T>(credentials, policy)?;
    read(credentials, body, query, policy).map(|(payload, matched)| (payload, head.or(matched)))
}

/// The checks of `T`'s provider on the request's head, before its body is read (step 1
/// of [`receive`]); none on the route of any provider, whose checks wait for the body to
/// tell the provider.
pub(crate) fn check_head<T: FromWebhook>(
    credentials: &Credentials<'_>,
    policy: &Policy,
) -> Result<Option<Matched>, Refusal> {
    match T::PROVIDER {
        Some(provider) => policy.check(provider, credentials),
        None => Ok(None),
    }
}

/// Viva's URL verification, when the request is one (`empty`: it has no body; and no
/// query string) and `T`'s route takes it (step 0 of [`receive`]).
pub(crate) fn verification<T: FromWebhook>(
    empty: bool,
    query: &str,
    policy: &Policy,
) -> Option<Result<T, Rejection>> {
    if empty && query.is_empty() {
        T::verification(policy)
    } else {
        None
    }
}

/// [`receive`] once `T::PROVIDER`'s credentials are checked: steps 2 to 4. Gives the
/// callback, and the token or secret that the checks of its body found ([`Matched`]).
pub(crate) fn read<T: FromWebhook>(
    credentials: &Credentials<'_>,
    body: &[u8],
    query: &str,
    policy: &Policy,
) -> Result<(T, Option<Matched>), Rejection> {
    let mut matched = None;
    let payload = parse_checked(
        body,
        query,
        policy.read_limits(),
        T::PROVIDER,
        |provider, kind| {
            if T::PROVIDER.is_none() {
                matched = policy.check(provider, credentials)?;
            }
            if provider == Provider::Viva && kind == viva::SaleTransactionsFile::KIND {
                matched = policy.check_signature(credentials, body)?;
            }
            Ok::<(), Refusal>(())
        },
    )??;
    let (provider, kind) = (payload.provider(), payload.kind());
    let callback = T::from_payload(payload).ok_or(match T::PROVIDER {
        Some(expected) if expected != provider => Rejection::WrongProvider {
            route: None,
            expected,
            found: provider,
            kind,
        },
        _ => Rejection::NotCallback { provider, kind },
    })?;
    Ok((callback, matched))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::viva::SubscriptionSecret;
    use crate::wappin::CallbackToken;

    const TOKEN: &str = "t0ken";
    const WAPPIN: &[u8] = br#"{"message_id":"m1","client_id":"9","client_name":"c","status_messages":"read","callback_type":"status"}"#;
    /// A Wappin callback by its keys whose `client_id` is no string: the typed parse
    /// refuses it.
    const WAPPIN_BROKEN: &[u8] =
        br#"{"message_id":"m1","client_id":{},"client_name":"c","callback_type":"status"}"#;
    const SALE_TRANSACTIONS: &[u8] =
        br#"{"Link":"https://api.vivapayments.com/f","FileType":".csv"}"#;
    const NXCLOUD: &[u8] = br#"{"status":"seen","requestId":"r1","code":11002,"message":"m","sendTime":"2023-07-13 15:12:11"}"#;

    fn policy() -> Policy {
        Policy::new()
            .wappin_token(CallbackToken::new(TOKEN).unwrap())
            .viva_sources(None)
            .viva_signature(SubscriptionSecret::new("s").unwrap())
    }

    fn anyone() -> Credentials<'static> {
        Credentials::new(Some("127.0.0.1".parse().unwrap()))
    }

    fn refusal<T: FromWebhook + std::fmt::Debug>(result: Result<T, Rejection>) -> Refusal {
        match result {
            Err(Rejection::Refused(refusal)) => refusal,
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn a_refused_request_never_reaches_the_typed_parse() {
        let policy = policy();
        // The typed parse refuses the broken body with 400; unchecked, it is not read.
        for refused in [
            refusal(receive::<Payload>(&anyone(), WAPPIN_BROKEN, "", &policy)),
            refusal(receive::<wappin::Callback>(
                &anyone(),
                WAPPIN_BROKEN,
                "",
                &policy,
            )),
            refusal(receive::<wappin::Callback>(&anyone(), b"{", "", &policy)),
        ] {
            assert_eq!(refused, Refusal::MissingToken);
        }
        let signed = anyone().authorization(b"Bearer t0ken");
        let read = receive::<Payload>(&signed, WAPPIN_BROKEN, "", &policy).unwrap_err();
        assert!(
            matches!(read, Rejection::Invalid(Error::Field { .. })),
            "{read:?}"
        );
        assert_eq!(read.status(), 400);
        let callback: wappin::Callback = receive(&signed, WAPPIN, "", &policy).unwrap();
        assert_eq!(callback.answer(), wappin::Callback::ANSWER);
        assert!(FromWebhook::event(&callback).is_some());
    }

    #[test]
    fn a_sale_transactions_notification_needs_its_signature_on_every_viva_route() {
        let policy = policy();
        assert_eq!(
            refusal(receive::<Payload>(
                &anyone(),
                SALE_TRANSACTIONS,
                "",
                &policy
            )),
            Refusal::MissingSignature
        );
        assert_eq!(
            refusal(receive::<viva::Payload>(
                &anyone(),
                SALE_TRANSACTIONS,
                "",
                &policy
            )),
            Refusal::MissingSignature
        );
        let wrong = anyone().signature_256(&[b'0'; 64]);
        assert_eq!(
            refusal(receive::<viva::Payload>(
                &wrong,
                SALE_TRANSACTIONS,
                "",
                &policy
            )),
            Refusal::Signature(crate::viva::SignatureError::Mismatch)
        );
        // A webhook message is not signed, and needs none.
        let body = include_bytes!("../../fixtures/viva/transaction_payment_created.json");
        let payment = receive::<viva::Payload>(&anyone(), body, "", &policy).unwrap();
        assert!(FromWebhook::event(&payment).is_some());
    }

    #[test]
    fn what_a_route_does_not_take_is_refused_with_its_status() {
        let policy = policy();
        let wrong = receive::<viva::Webhook>(&anyone(), NXCLOUD, "", &policy).unwrap_err();
        assert_eq!(wrong.status(), 400);
        assert_eq!(
            wrong.to_string(),
            "this route takes viva payloads; this is a nxcloud receipt"
        );
        let answer = br#"{"status":"601","message":"Contact invalid"}"#;
        let signed = anyone().authorization(b"Bearer t0ken");
        let not = receive::<Payload>(&signed, answer, "", &policy).unwrap_err();
        assert_eq!(not.status(), 422);
        assert_eq!(
            not.to_string(),
            "a wappin response is not a callback; this receiver takes callbacks only"
        );
        let small = policy.clone().limits(crate::Limits::new().body(8));
        let large = receive::<nxcloud::Callback>(&anyone(), NXCLOUD, "", &small).unwrap_err();
        assert_eq!(large.status(), 413);
        let none = receive::<Payload>(&anyone(), b" ", "", &policy).unwrap_err();
        assert_eq!(none.status(), 400);
        // eSMS's query; NXCloud's receipt.
        let esms: esms::Callback = receive(
            &anyone(),
            b"",
            "SMSID=a&SendStatus=5&SendSuccess=1&SendFailed=0",
            &policy,
        )
        .unwrap();
        assert_eq!(FromWebhook::answer(&esms), Answer::OK);
        let nxcloud: nxcloud::Callback = receive(&anyone(), NXCLOUD, "", &policy).unwrap();
        assert!(FromWebhook::event(&nxcloud).is_some());
    }

    const KEY: &str = "B3248222FDCD1885AEAFE51CCC1B5607F00903F6";

    #[test]
    fn vivas_url_verification_is_answered_the_key_on_the_routes_that_take_it() {
        // Viva's addresses checked (the default), and a request from 127.0.0.1.
        let policy = Policy::new().viva_verification(viva::Verification::new(KEY));
        let key = viva::Verification::new(KEY).answer();
        assert_eq!(&*key.body, format!(r#"{{"Key":"{KEY}"}}"#).as_bytes());
        let any: Payload = receive(&anyone(), b"", "", &policy).unwrap();
        assert!(matches!(any, Payload::Viva(viva::Payload::Verification(_))));
        assert_eq!(
            (FromWebhook::answer(&any), any.answer()),
            (key.clone(), Some(key.clone()))
        );
        assert_eq!(FromWebhook::event(&any), None);
        let own: viva::Payload = receive(&anyone(), b"", "", &policy).unwrap();
        assert_eq!(FromWebhook::answer(&own), key);
        // An ISV's key, lowercase.
        let isv = Policy::new().viva_isv_verification(viva::IsvVerification::new(KEY));
        let answer =
            FromWebhook::answer(&receive::<viva::Payload>(&anyone(), b"", "", &isv).unwrap());
        assert_eq!(&*answer.body, format!(r#"{{"key":"{KEY}"}}"#).as_bytes());

        // Without a key: what to set, 500.
        for err in [
            receive::<Payload>(&anyone(), b"", "", &Policy::new()).unwrap_err(),
            receive::<viva::Payload>(&anyone(), b"", "", &Policy::new()).unwrap_err(),
        ] {
            assert_eq!(err, Rejection::NoVerificationKey);
            assert_eq!(err.status(), 500);
            let message = err.to_string();
            assert!(
                message.starts_with("no key to answer Viva's URL verification")
                    && message.contains("Policy::viva_verification")
                    && message.len() <= 200,
                "{message}"
            );
        }
        // Not a verification: a body, or a query string; a route of webhook messages only.
        assert_eq!(
            receive::<Payload>(&anyone(), b"", "SMSID=a&SendStatus=5", &policy)
                .unwrap()
                .provider(),
            Provider::Esms
        );
        assert_eq!(
            receive::<viva::Payload>(&anyone(), b"", "x=1", &policy).unwrap_err(),
            Rejection::Refused(Refusal::NotVivaSource {
                address: "127.0.0.1".parse().unwrap(),
                environment: viva::Environment::Production,
            })
        );
        let open = policy.clone().viva_sources(None);
        assert_eq!(
            receive::<viva::Webhook>(&anyone(), b"", "", &open)
                .unwrap_err()
                .status(),
            400
        );
        assert_eq!(
            receive::<nxcloud::Callback>(&anyone(), b"", "", &open)
                .unwrap_err()
                .status(),
            400
        );
        // A key posted is no callback, on either route.
        let posted = format!(r#"{{"Key":"{KEY}"}}"#);
        for err in [
            receive::<Payload>(&anyone(), posted.as_bytes(), "", &open).unwrap_err(),
            receive::<viva::Payload>(&anyone(), posted.as_bytes(), "", &open).unwrap_err(),
        ] {
            assert_eq!(err.status(), 422, "{err}");
        }
    }
}
