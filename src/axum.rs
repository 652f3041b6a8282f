//! axum extractors (the `axum` feature): [`Webhook<T>`] takes a provider's callback as
//! the provider sends it, checked by the [`Policy`] in the router's state, and refuses
//! anything else with a [`Rejection`] that answers its status and the crate's message.
//! [`Answer`], [`Error`] and [`Refusal`] are `IntoResponse` too.
//!
//! The policy (and its [`Limits`](crate::Limits)) comes from the state by `FromRef`, as
//! axum's own configuration does: a router whose state has no policy does not compile,
//! where an extension would be missed only when a request comes. `with_state(policy)`
//! gives it; in a state of your own, `impl FromRef<AppState> for Policy`. The peer
//! address is axum's `ConnectInfo<SocketAddr>` (with `axum::serve`,
//! `into_make_service_with_connect_info::<SocketAddr>()`; below, an `Extension` of each
//! connection's), or a check of Viva's addresses answers 500
//! ([`Refusal::UnknownPeer`]).
//!
//! Viva checks a URL with a `GET` before it uses it: route `GET` to a handler of
//! `Webhook<viva::Payload>` or `Webhook<Payload>` too (a route for `POST` alone answers it
//! 405), and set the key in the policy ([`Policy::viva_verification`]); the extractor
//! gives the key, and `answer()` is `{"Key":"..."}`.
//!
//! ```
//! use std::time::Duration;
//!
//! use axum::Router;
//! use axum::routing::{get, post};
//! use provider_payloads::axum::Webhook;
//! use provider_payloads::http::Policy;
//! use provider_payloads::viva::Verification;
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
//! // Viva's notifications (`POST`), and its URL verification (`GET`), answered the key.
//! async fn viva(callback: Webhook<viva::Payload>) -> Answer {
//!     callback.answer()
//! }
//!
//! let policy = Policy::new()
//!     .wappin_token(CallbackToken::new("s3cr3t")?)
//!     .viva_verification(Verification::new("B3248222FDCD1885AEAFE51CCC1B5607F00903F6"))
//!     // A body not whole 10 seconds after its head: 408.
//!     .body_timeout(Duration::from_secs(10));
//! let app: Router = Router::new()
//!     .route("/", post(any).get(any))
//!     .route("/wappin", post(wappin))
//!     .route("/viva", post(viva).get(viva))
//!     .with_state(policy);
//! // Served bounded, as below: serve(listener, app, Duration::from_secs(10), 100).await
//! # Ok::<(), provider_payloads::InvalidSecret>(())
//! ```
//!
//! # Serve it bounded in time and connections
//!
//! A webhook URL is public, and `axum::serve` waits for each client as long as the client
//! likes: a few hundred connections that send nothing, or half a request, stall the
//! service and hold what they sent. Give a request's head a time (hyper's
//! `header_read_timeout`), its body a time ([`Policy::body_timeout`], which the
//! extractor keeps: 408 after it), and serve a bounded number of connections at once (a
//! semaphore around `accept`); the memory bodies hold then stays within about the
//! connections times the body limit ([`Policy::limits`]). With hyper, hyper-util and
//! tokio, which axum builds on (the crate's README has the same, and
//! `examples/one_handler.rs` runs it):
//!
//! ```
//! use std::sync::Arc;
//! use std::time::Duration;
//!
//! use axum::extract::ConnectInfo;
//! use axum::{Extension, Router};
//! use hyper::server::conn::http1;
//! use hyper_util::rt::{TokioIo, TokioTimer};
//! use hyper_util::service::TowerToHyperService;
//! use tokio::net::TcpListener;
//! use tokio::sync::Semaphore;
//!
//! /// Serves `app` with a time for each request's head, and at most `connections` at
//! /// once (more wait to be accepted).
//! pub async fn serve(listener: TcpListener, app: Router, head_timeout: Duration, connections: usize) {
//!     let open = Arc::new(Semaphore::new(connections));
//!     loop {
//!         let Ok(permit) = Arc::clone(&open).acquire_owned().await else {
//!             return;
//!         };
//!         let Ok((stream, peer)) = listener.accept().await else {
//!             tokio::time::sleep(Duration::from_millis(100)).await;
//!             continue;
//!         };
//!         // The peer address, which the check of Viva's addresses reads.
//!         let app = app.clone().layer(Extension(ConnectInfo(peer)));
//!         tokio::spawn(async move {
//!             let mut http = http1::Builder::new();
//!             http.timer(TokioTimer::new()).header_read_timeout(head_timeout);
//!             let _closed = http
//!                 .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app))
//!                 .await;
//!             drop(permit);
//!         });
//!     }
//! }
//! ```

use std::net::SocketAddr;

use ::axum::extract::{ConnectInfo, FromRef, FromRequest, Request};
use ::axum::response::{IntoResponse, Response};

use crate::http::take::take_request;
use crate::http::{FromWebhook, Policy, Refusal, Rejection};
use crate::{Answer, Error};

/// The extractor of the callback `T` a route takes: any provider's
/// ([`Payload`](crate::Payload)), or one provider's (`wappin::Callback`, `viva::Payload`,
/// ...: [`FromWebhook`]), read as [`receive`](crate::http::receive) reads it, the body
/// within the policy's limits.
///
/// It refuses with a [`Rejection`]: 401 or 403 for the policy's refusals, 413 for a body
/// over the limits, 400 with the crate's message for one that is no payload or another
/// provider's (`POST /viva takes viva payloads; this is a wappin callback`), 422 for a
/// payload that is no callback, 500 for Viva's URL verification when the policy has no
/// key. It takes the body: put it last among a handler's arguments.
///
/// It reads the body as it comes, holding no more than what came, and gives up on it
/// after the policy's [`body_timeout`](Policy::body_timeout) (408): set one, for a
/// client that sends slowly or stops halfway otherwise holds its connection and what it
/// sent; the time for the request's head and the number of connections are the
/// server's to bound ([the module's docs](self) say how).
///
/// ```
/// use provider_payloads::axum::Webhook;
/// use provider_payloads::wappin;
///
/// async fn wappin(callback: Webhook<wappin::Callback>) -> provider_payloads::Answer {
///     let account = callback.matched.as_ref().and_then(|token| token.label());
///     println!("{account:?}: {}", callback.message_id());
///     callback.answer()
/// }
/// ```
pub use crate::http::Webhook;

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
        take_request(&parts, body, peer, &policy).await
    }
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

#[cfg(test)]
mod tests {
    use ::axum::body::{Body, HttpBody, to_bytes};
    use ::axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};

    use super::*;
    use crate::{Limits, Payload, viva};

    const PAYMENT: &[u8] = include_bytes!("../fixtures/viva/transaction_payment_created.json");

    fn request(path: &str, peer: Option<[u8; 4]>, body: &'static [u8]) -> Request {
        let mut request = Request::post(path).body(Body::from(body)).unwrap();
        if let Some(peer) = peer {
            let address = SocketAddr::from((peer, 4000));
            request.extensions_mut().insert(ConnectInfo(address));
        }
        request
    }

    /// Runs `future` to its end on a runtime of one thread.
    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    async fn extract<T: FromWebhook>(request: Request, policy: &Policy) -> Result<T, Response> {
        Webhook::<T>::from_request(request, policy)
            .await
            .map(|webhook| webhook.payload)
            .map_err(IntoResponse::into_response)
    }

    async fn text(response: Response) -> (u16, String) {
        let status = response.status().as_u16();
        let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    #[test]
    fn the_peer_address_is_axums_connect_info() {
        block_on(async {
            let policy = Policy::new();
            let viva = Some([51, 138, 37, 238]);
            let payment: viva::Payload = extract(request("/viva", viva, PAYMENT), &policy)
                .await
                .unwrap();
            assert_eq!(FromWebhook::answer(&payment), Answer::OK);
            let refused = extract::<Payload>(request("/", Some([127, 0, 0, 1]), PAYMENT), &policy);
            assert_eq!(text(refused.await.unwrap_err()).await.0, 403);
            // No ConnectInfo: the server's set-up, 500, before the body is read.
            let unknown = extract::<viva::Webhook>(request("/viva", None, b"{"), &policy);
            let (status, message) = text(unknown.await.unwrap_err()).await;
            assert_eq!(status, 500);
            assert!(message.contains("peer address"), "{message}");
        });
    }

    #[test]
    fn vivas_url_verification_is_answered_the_policys_key() {
        block_on(async {
            let key = "B3248222FDCD1885AEAFE51CCC1B5607F00903F6";
            let policy = Policy::new().viva_verification(viva::Verification::new(key));
            let get = |path: &str, body: Body| {
                let mut request = Request::get(path).body(body).unwrap();
                let local = SocketAddr::from(([127, 0, 0, 1], 4000));
                request.extensions_mut().insert(ConnectInfo(local));
                request
            };
            let expected = (200, format!(r#"{{"Key":"{key}"}}"#));
            // From 127.0.0.1, with Viva's addresses checked; on Viva's route and any's.
            let own: viva::Payload = extract(get("/viva", Body::empty()), &policy).await.unwrap();
            assert_eq!(
                text(FromWebhook::answer(&own).into_response()).await,
                expected
            );
            let any: Payload = extract(get("/", Body::empty()), &policy).await.unwrap();
            assert_eq!(
                text(FromWebhook::answer(&any).into_response()).await,
                expected
            );
            // A body of unknown size that comes empty: told once read (Viva's address
            // checked first, so from Viva's).
            let streamed = http_body_util::StreamBody::new(http_body_util::BodyStream::new(
                http_body_util::Empty::<::axum::body::Bytes>::new(),
            ));
            let mut chunked = get("/viva", Body::new(streamed));
            chunked
                .extensions_mut()
                .insert(ConnectInfo(SocketAddr::from(([51, 138, 37, 238], 4000))));
            let own: viva::Payload = extract(chunked, &policy).await.unwrap();
            assert_eq!(
                text(FromWebhook::answer(&own).into_response()).await,
                expected
            );
            // Without a key: 500, and what to set.
            let (status, message) = text(
                extract::<Payload>(get("/", Body::empty()), &Policy::new())
                    .await
                    .unwrap_err(),
            )
            .await;
            assert_eq!(status, 500);
            assert!(message.contains("Policy::viva_verification"), "{message}");
            // With a query string, no verification: Viva's route checks the address.
            let query = extract::<viva::Payload>(get("/viva?a=1", Body::empty()), &policy);
            assert_eq!(text(query.await.unwrap_err()).await.0, 403);
        });
    }

    #[test]
    fn a_body_over_the_limits_is_refused_with_413() {
        block_on(async {
            let policy = Policy::new()
                .viva_sources(None)
                .limits(Limits::new().body(16));
            let (status, message) = text(
                extract::<Payload>(request("/", None, PAYMENT), &policy)
                    .await
                    .unwrap_err(),
            )
            .await;
            assert_eq!(status, 413);
            assert_eq!(
                message,
                format!(
                    "the request is {} bytes, over the limit of 16 bytes",
                    PAYMENT.len()
                )
            );
            // A Content-Length that promises less than comes is no way past it.
            let mut lying = request("/", None, PAYMENT);
            lying
                .headers_mut()
                .insert(CONTENT_LENGTH, "2".parse().unwrap());
            let response = extract::<Payload>(lying, &policy).await.unwrap_err();
            assert_eq!(response.status(), 413);
            // A body of unknown size (chunked) is read until it passes the limit.
            let streamed = http_body_util::StreamBody::new(http_body_util::BodyStream::new(
                http_body_util::Full::new(::axum::body::Bytes::from_static(PAYMENT)),
            ));
            assert_eq!(Body::new(streamed).size_hint().exact(), None);
            let streamed = http_body_util::StreamBody::new(http_body_util::BodyStream::new(
                http_body_util::Full::new(::axum::body::Bytes::from_static(PAYMENT)),
            ));
            let chunked = Request::post("/").body(Body::new(streamed)).unwrap();
            let response = extract::<Payload>(chunked, &policy).await.unwrap_err();
            assert_eq!(text(response).await.0, 413);
        });
    }

    #[test]
    fn answers_and_errors_are_responses() {
        block_on(async {
            let answer = crate::wappin::Callback::ANSWER.into_response();
            assert_eq!(answer.headers()[CONTENT_TYPE], "application/json");
            assert_eq!(text(answer).await, (200, r#"{"status":"000"}"#.to_owned()));
            let error = crate::parse(b"{}", "").unwrap_err();
            let message = error.to_string();
            assert_eq!(text(error.into_response()).await, (400, message));
            assert_eq!(Refusal::WrongToken.into_response().status(), 401);
            let open = Policy::new().viva_sources(None);
            let not = extract::<Payload>(
                request(
                    "/",
                    None,
                    br#"{"Key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6"}"#,
                ),
                &open,
            );
            assert_eq!(
                text(not.await.unwrap_err()).await,
                (
                    422,
                    "a viva URL verification is not a callback; this receiver takes callbacks only"
                        .to_owned()
                )
            );
        });
    }
}
