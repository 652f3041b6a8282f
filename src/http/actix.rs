//! actix-web extractors (the `actix` feature, actix-web 4): [`Webhook<T>`] takes a
//! provider's callback as the provider sends it, checked by the [`Policy`] in the app's
//! data, and refuses anything else with a [`Rejection`] that answers its status and the
//! crate's message. [`Answer`] is a `Responder`; [`Rejection`], [`Error`] and
//! [`Refusal`] are `ResponseError`s.
//!
//! The policy (and its [`Limits`](crate::Limits)) comes from the app's data:
//! `app_data(web::Data::new(policy))`, or `app_data(policy)`; an app without one answers
//! every callback 500 with what to set. The peer address is the connection's
//! (`HttpRequest::peer_addr`); `X-Forwarded-For` counts only from the policy's
//! [trusted proxies](Policy::trusted_proxies).
//!
//! Viva checks a URL with a `GET` before it uses it: route `GET` to a handler of
//! `Webhook<viva::Payload>` or `Webhook<Payload>` too, and set the key in the policy
//! ([`Policy::viva_verification`]); the extractor gives the key, and `answer()` is
//! `{"Key":"..."}`.
//!
//! ```
//! use std::time::Duration;
//!
//! use actix_web::{App, web};
//! use provider_payloads::http::actix::Webhook;
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
//! async fn wappin(callback: Webhook<wappin::Callback>) -> Answer {
//!     println!("{}", callback.message_id());
//!     wappin::Callback::ANSWER
//! }
//!
//! let policy = Policy::new()
//!     .wappin_token(CallbackToken::new("s3cr3t")?)
//!     .viva_verification(viva::Verification::new("B3248222FDCD1885AEAFE51CCC1B5607F00903F6"))
//!     // A body not whole 10 seconds after its head: 408.
//!     .body_timeout(Duration::from_secs(10));
//! let app = App::new()
//!     .app_data(web::Data::new(policy))
//!     .route("/", web::post().to(any))
//!     .route("/", web::get().to(any))
//!     .route("/wappin", web::post().to(wappin));
//! // HttpServer::new(move || app...).bind(("0.0.0.0", 8080))?.run().await
//! # Ok::<(), provider_payloads::InvalidSecret>(())
//! ```
//!
//! actix-web's `HttpServer` bounds the time of a request's head
//! (`client_request_timeout`, 5 seconds by default) and the connections it serves at
//! once (`max_connections`); [`Policy::body_timeout`] bounds the time of its body.

use std::borrow::Cow;
use std::future::{Future, poll_fn};
use std::pin::Pin;

use actix_web::dev::Payload as Body;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue, WWW_AUTHENTICATE};
use actix_web::web::{Bytes, Data};
use actix_web::{FromRequest, HttpRequest, HttpResponse, Responder, ResponseError};
use futures_core::Stream;

use crate::http::take::{Collected, take};
use crate::http::{Credentials, FromWebhook, Policy, Refusal, Rejection};
use crate::{Answer, Error};

/// The extractor of the callback `T` a route takes: any provider's
/// ([`Payload`](crate::Payload)), or one provider's (`wappin::Callback`, `viva::Payload`,
/// ...: [`FromWebhook`]), read as [`receive`](crate::http::receive) reads it, the body
/// within the policy's limits.
///
/// It refuses with a [`Rejection`] (as an `actix_web::Error`): 401 or 403 for the
/// policy's refusals, 413 for a body over the limits, 400 with the crate's message for
/// one that is no payload or another provider's, 422 for a payload that is no callback,
/// 408 for a body not whole within the policy's
/// [`body_timeout`](Policy::body_timeout), 500 for Viva's URL verification when the
/// policy has no key, and 500 when the app's data has no policy.
///
/// ```
/// use provider_payloads::http::actix::Webhook;
/// use provider_payloads::wappin;
///
/// async fn wappin(callback: Webhook<wappin::Callback>) -> provider_payloads::Answer {
///     let account = callback.matched.as_ref().and_then(|token| token.label());
///     println!("{account:?}: {}", callback.message_id());
///     callback.answer()
/// }
/// ```
pub use crate::http::Webhook;

impl<T: FromWebhook + 'static> FromRequest for Webhook<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Webhook<T>, actix_web::Error>>>>;

    fn from_request(request: &HttpRequest, body: &mut Body) -> Self::Future {
        let request = request.clone();
        let body = body.take();
        Box::pin(async move {
            let policy = request
                .app_data::<Data<Policy>>()
                .map(|data| Policy::clone(data))
                .or_else(|| request.app_data::<Policy>().cloned())
                .ok_or(NoPolicy)?;
            let headers = request.headers();
            let peer = request.peer_addr().map(|address| address.ip());
            let credentials = Credentials::from_lines(peer, |name| {
                headers.get_all(name).map(HeaderValue::as_bytes)
            });
            let announced = headers
                .get(CONTENT_LENGTH)
                .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
            let empty = matches!(body, Body::None) || announced == Some(0);
            let limit = policy.read_limits().max_body();
            let query = request.query_string();
            take(
                &policy,
                &credentials,
                query,
                empty,
                read_body(body, announced, limit),
            )
            .await
            .map_err(|rejection| rejection.on_route(request.method(), request.path()).into())
        })
    }
}

/// Reads `body` whole, refusing it once it is over `limit` bytes: at once when its
/// `Content-Length` (`announced`) says so.
async fn read_body(
    mut body: Body,
    announced: Option<u64>,
    limit: usize,
) -> Result<Vec<u8>, Rejection> {
    let mut collected = Collected::new(announced, limit)?;
    while let Some(piece) = poll_fn(|context| Pin::new(&mut body).poll_next(context)).await {
        let piece = piece.map_err(|err| Rejection::Unreadable {
            reason: err.to_string(),
        })?;
        collected.push(&piece)?;
    }
    Ok(collected.into_bytes())
}

/// No [`Policy`] in the app's data: 500, with what to set.
#[derive(Debug, thiserror::Error)]
#[error(
    "no provider_payloads::http::Policy in the app's data: set one with \
     App::app_data(web::Data::new(policy))"
)]
struct NoPolicy;

/// 500, with the message as `text/plain`.
impl ResponseError for NoPolicy {}

/// Its status, and its message as `text/plain` (a missing or wrong Wappin token with
/// `WWW-Authenticate: Bearer`).
///
/// ```
/// use actix_web::ResponseError;
/// use provider_payloads::http::{Refusal, Rejection};
///
/// let response = Rejection::Refused(Refusal::MissingToken).error_response();
/// assert_eq!(response.status(), 401);
/// assert_eq!(response.headers().get("www-authenticate").unwrap(), "Bearer");
/// ```
impl ResponseError for Rejection {
    fn status_code(&self) -> StatusCode {
        status(self.status())
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((CONTENT_TYPE, Rejection::CONTENT_TYPE));
        if let Some(challenge) = self.challenge() {
            response.insert_header((WWW_AUTHENTICATE, challenge));
        }
        response.body(self.to_string())
    }
}

/// 400 with the message, 413 for [`Error::TooLarge`].
impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        Rejection::Invalid(self.clone()).status_code()
    }

    fn error_response(&self) -> HttpResponse {
        Rejection::Invalid(self.clone()).error_response()
    }
}

/// 401, 403 or 500 ([`Refusal::status`]) with the message.
impl ResponseError for Refusal {
    fn status_code(&self) -> StatusCode {
        Rejection::Refused(self.clone()).status_code()
    }

    fn error_response(&self) -> HttpResponse {
        Rejection::Refused(self.clone()).error_response()
    }
}

/// The provider's answer: its status, its body, its `Content-Type` when it has one.
///
/// ```
/// use actix_web::Responder;
/// use actix_web::test::TestRequest;
/// use provider_payloads::wappin;
///
/// let response = wappin::Callback::ANSWER.respond_to(&TestRequest::default().to_http_request());
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers().get("content-type").unwrap(), "application/json");
/// ```
impl Responder for Answer {
    type Body = actix_web::body::BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        let mut response = HttpResponse::build(status(self.status));
        if let Some(content_type) = self.content_type {
            response.insert_header((CONTENT_TYPE, content_type));
        }
        response.body(match self.body {
            Cow::Borrowed(body) => Bytes::from_static(body),
            Cow::Owned(body) => Bytes::from(body),
        })
    }
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}
