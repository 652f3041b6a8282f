//! axum extractors (the `axum` feature): [`Webhook<T>`] takes a provider's callback as
//! the provider sends it, checked by the [`Policy`] in the router's state, and refuses
//! anything else with a [`Rejection`] that answers its status and the crate's message.
//! [`Answer`], [`Error`] and [`Refusal`] are `IntoResponse` too.
//!
//! The policy (and its [`Limits`](crate::Limits)) comes from the state by `FromRef`, as
//! axum's own configuration does: a router whose state has no policy does not compile,
//! where an extension would be missed only when a request comes. `with_state(policy)`
//! gives it; in a state of your own, `impl FromRef<AppState> for Policy`. The peer
//! address is axum's `ConnectInfo<SocketAddr>`: serve with
//! `into_make_service_with_connect_info::<SocketAddr>()`, or a check of Viva's addresses
//! answers 500 ([`Refusal::UnknownPeer`]).
//!
//! ```
//! use axum::Router;
//! use axum::routing::{get, post};
//! use provider_payloads::axum::Webhook;
//! use provider_payloads::http::Policy;
//! use provider_payloads::wappin::{self, CallbackToken};
//! use provider_payloads::{Answer, Payload, viva};
//!
//! // Any provider's callback, told from the request.
//! async fn any(callback: Webhook<Payload>) -> Answer {
//!     if let Some(event) = callback.event() {
//!         println!("{}", event.idempotency_key());
//!     }
//!     callback.answer()
//! }
//!
//! // One provider's, on its own route: its checks run before the body is read.
//! async fn wappin(Webhook(callback): Webhook<wappin::Callback>) -> Answer {
//!     println!("{}", callback.message_id());
//!     wappin::Callback::ANSWER
//! }
//!
//! async fn viva(callback: Webhook<viva::Payload>) -> Answer {
//!     callback.answer()
//! }
//!
//! let policy = Policy::new().wappin_token(CallbackToken::new("s3cr3t"));
//! let app: Router = Router::new()
//!     .route("/", post(any).get(any))
//!     .route("/wappin", post(wappin))
//!     .route("/viva", post(viva))
//!     .with_state(policy);
//! // axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
//! ```

use std::net::SocketAddr;
use std::ops::Deref;

use ::axum::body::{Body, HttpBody};
use ::axum::extract::{ConnectInfo, FromRef, FromRequest, Request};
use ::axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::http::receive::read;
use crate::http::{Credentials, FromWebhook, Policy, Refusal, Rejection};
use crate::{Answer, Error};

/// Extractor of the callback `T` a route takes: any provider's ([`Payload`](crate::Payload)), or
/// one provider's (`wappin::Callback`, `viva::Payload`, ...: [`FromWebhook`]), read as
/// [`receive`](crate::http::receive) reads it, the body within the policy's limits.
///
/// It refuses with a [`Rejection`]: 401 or 403 for the policy's refusals, 413 for a body
/// over the limits, 400 with the crate's message for one that is no payload or another
/// provider's (`POST /viva takes viva payloads; this is a wappin callback`), 422 for a
/// payload that is no callback. It takes the body: put it last among a handler's
/// arguments.
///
/// It dereferences to the callback, and [`answer`](Webhook::answer) is what the provider
/// expects back.
#[derive(Clone, Debug, PartialEq)]
pub struct Webhook<T>(pub T);

impl<T: FromWebhook> Webhook<T> {
    /// The HTTP answer the provider expects to the callback.
    pub fn answer(&self) -> Answer {
        self.0.answer()
    }
}

impl<T> Deref for Webhook<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<S, T> FromRequest<S> for Webhook<T>
where
    T: FromWebhook,
    Policy: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        let policy = Policy::from_ref(state);
        let (parts, body) = request.into_parts();
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(address)| address.ip());
        let credentials = Credentials::from_headers(&parts.headers, peer);
        if let Some(provider) = T::PROVIDER {
            policy.check(provider, &credentials)?;
        }
        let body = read_body(body, policy.read_limits().max_body()).await?;
        let query = parts.uri.query().unwrap_or("");
        read(&credentials, &body, query, &policy)
            .map(Webhook)
            .map_err(|rejection| rejection.on_route(&parts.method, parts.uri.path()))
    }
}

/// Reads `body` whole, refusing it once it is over `limit` bytes: at once when its
/// `Content-Length` says so, otherwise when what came passes the limit (the size given
/// is then what had come).
async fn read_body(mut body: Body, limit: usize) -> Result<Vec<u8>, Rejection> {
    let announced = body
        .size_hint()
        .exact()
        .and_then(|size| usize::try_from(size).ok());
    if let Some(size) = announced.filter(|size| *size > limit) {
        return Err(Error::TooLarge { size, limit }.into());
    }
    let mut bytes = Vec::with_capacity(announced.unwrap_or(0));
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|err| Rejection::Unreadable {
            reason: err.to_string(),
        })?;
        if let Ok(data) = frame.into_data() {
            let size = bytes.len().saturating_add(data.len());
            if size > limit {
                return Err(Error::TooLarge { size, limit }.into());
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

/// Its status, and its message as `text/plain` (a missing or wrong Wappin token with
/// `WWW-Authenticate: Bearer`).
impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        Response::from(self)
    }
}

/// The provider's answer: its status, its body, its `Content-Type` when it has one.
impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        Response::from(self)
    }
}

/// 400 with the message, 413 for [`Error::TooLarge`].
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        Rejection::Invalid(self).into_response()
    }
}

/// 401, 403 or 500 ([`Refusal::status`]) with the message.
impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        Rejection::Refused(self).into_response()
    }
}
