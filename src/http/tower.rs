//! A tower `Service` (the `tower` feature), for any tower stack: hyper alone, tonic, axum.
//! [`WebhookService`] takes a request (any `http_body::Body`), checks and reads it by the
//! [`Policy`] as the axum extractor does, hands the callback ([`Webhook<T>`]) to your
//! service, and answers its [`Answer`] as an `http::Response`; a request it does not
//! take it answers itself with the [`Rejection`]'s status and message, and your service
//! never sees it. [`WebhookLayer`] makes the same of a service.
//!
//! Your service is any tower `Service` from `Webhook<T>` to `Answer`: an async function
//! through `tower::service_fn`. Its error is not answered: the server drops the request
//! (hyper closes the connection), and the provider sends the callback again later.
//!
//! **The peer address.** A tower service has no socket: give it the address each
//! connection comes from, [`with_peer`](WebhookService::with_peer) where you accept it
//! (as below), or put a [`PeerAddress`] in the request's extensions, from a layer of
//! your stack that knows it (it wins over `with_peer`). Without either, a check of
//! Viva's addresses answers 500
//! ([`Refusal::UnknownPeer`](crate::http::Refusal::UnknownPeer)).
//! Behind a proxy, [`Policy::trusted_proxies`] reads `X-Forwarded-For`.
//!
//! Served by hyper alone, a time for each request's head and a bounded number of
//! connections (the axum module's docs say why): the service is cloned for each
//! connection, with its peer.
//!
//! ```
//! use std::convert::Infallible;
//! use std::sync::Arc;
//! use std::time::Duration;
//!
//! use hyper::server::conn::http1;
//! use hyper_util::rt::{TokioIo, TokioTimer};
//! use hyper_util::service::TowerToHyperService;
//! use provider_payloads::http::{Policy, Webhook};
//! use provider_payloads::http::tower::WebhookService;
//! use provider_payloads::{Answer, Payload};
//! use tokio::net::TcpListener;
//! use tokio::sync::Semaphore;
//!
//! // Any provider's callback, told from the request.
//! async fn handle(callback: Webhook<Payload>) -> Result<Answer, Infallible> {
//!     if let Some(event) = callback.event() {
//!         println!("{}", event.idempotency_key());
//!     }
//!     Ok(callback.answer())
//! }
//!
//! pub async fn serve(listener: TcpListener, policy: Policy, connections: usize) {
//!     let service = WebhookService::new(policy, tower::service_fn(handle));
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
//!         let service = TowerToHyperService::new(service.clone().with_peer(peer.ip()));
//!         tokio::spawn(async move {
//!             let mut http = http1::Builder::new();
//!             http.timer(TokioTimer::new()).header_read_timeout(Duration::from_secs(10));
//!             let _closed = http.serve_connection(TokioIo::new(stream), service).await;
//!             drop(permit);
//!         });
//!     }
//! }
//! ```

use std::fmt::{self, Display};
use std::future::{Future, poll_fn};
use std::marker::PhantomData;
use std::net::IpAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use ::http::{Request, Response};
use bytes::Bytes;
use http_body::Body;
use http_body_util::Full;
use tower_layer::Layer;
use tower_service::Service;

use crate::Answer;
#[cfg(doc)]
use crate::http::Rejection;
use crate::http::take::take_request;
use crate::http::{FromWebhook, Policy, Webhook};

/// The address a request comes from, in its extensions: set by a layer of your stack
/// that knows it, for [`WebhookService`] to check Viva's addresses against.
///
/// ```
/// use provider_payloads::http::tower::PeerAddress;
///
/// let mut request = http::Request::post("/webhooks").body(Vec::<u8>::new())?;
/// request.extensions_mut().insert(PeerAddress("51.138.37.238".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeerAddress(pub IpAddr);

/// The tower `Service` of a webhook route that takes the callback `T` (any provider's,
/// [`Payload`](crate::Payload), or one provider's: [`FromWebhook`]): it reads a request
/// as the axum extractor does (the policy's checks, the body within its limits and its
/// [`body_timeout`](Policy::body_timeout)), calls `S` with the [`Webhook<T>`], and
/// answers `S`'s [`Answer`]; a request it does not take, the [`Rejection`]'s status
/// and message (`text/plain`).
///
/// ```
/// use std::convert::Infallible;
///
/// use provider_payloads::http::{Policy, Webhook};
/// use provider_payloads::http::tower::WebhookService;
/// use provider_payloads::{Answer, wappin};
/// use tower::ServiceExt;
///
/// let policy = Policy::new().wappin_token(wappin::CallbackToken::new("s3cr3t")?);
/// let service = WebhookService::new(
///     policy,
///     tower::service_fn(async |callback: Webhook<wappin::Callback>| {
///         println!("{}", callback.message_id());
///         Ok::<Answer, Infallible>(callback.answer())
///     }),
/// )
/// .with_peer("203.0.113.9".parse()?);
///
/// let request = http::Request::post("/wappin")
///     .header("Authorization", "Bearer s3cr3t")
///     .body(http_body_util::Full::new(bytes::Bytes::from_static(
///         br#"{"message_id":"m1","client_id":"9","client_name":"c","status_messages":"read","callback_type":"status"}"#,
///     )))?;
/// let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build()?;
/// let response = runtime.block_on(service.oneshot(request))?;
/// assert_eq!(response.status(), 200);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct WebhookService<T, S> {
    inner: S,
    policy: Policy,
    peer: Option<IpAddr>,
    callback: PhantomData<fn() -> T>,
}

impl<T, S> WebhookService<T, S> {
    /// The route of the callback `T`, checked by `policy`, whose callbacks `inner` takes.
    ///
    /// ```
    /// use std::convert::Infallible;
    ///
    /// use provider_payloads::http::{Policy, Webhook};
    /// use provider_payloads::http::tower::WebhookService;
    /// use provider_payloads::{Answer, Payload};
    ///
    /// let any = WebhookService::new(
    ///     Policy::new(),
    ///     tower::service_fn(async |callback: Webhook<Payload>| {
    ///         Ok::<Answer, Infallible>(callback.answer())
    ///     }),
    /// );
    /// ```
    pub fn new(policy: Policy, inner: S) -> WebhookService<T, S>
    where
        S: Service<Webhook<T>>,
    {
        WebhookService {
            inner,
            policy,
            peer: None,
            callback: PhantomData,
        }
    }

    /// The same, for the requests of a connection from `peer`: the address a request
    /// comes from when it has no [`PeerAddress`].
    ///
    /// ```
    /// # use std::convert::Infallible;
    /// # use provider_payloads::http::{Policy, Webhook};
    /// # use provider_payloads::http::tower::WebhookService;
    /// # use provider_payloads::{Answer, viva};
    /// let viva = WebhookService::new(
    ///     Policy::new(),
    ///     tower::service_fn(async |callback: Webhook<viva::Payload>| {
    ///         Ok::<Answer, Infallible>(callback.answer())
    ///     }),
    /// );
    /// // Where a connection is accepted: `let (stream, peer) = listener.accept().await?;`
    /// let connection = viva.clone().with_peer("51.138.37.238".parse()?);
    /// # Ok::<(), std::net::AddrParseError>(())
    /// ```
    #[must_use]
    pub fn with_peer(mut self, peer: IpAddr) -> WebhookService<T, S> {
        self.peer = Some(peer);
        self
    }
}

impl<T, S: Clone> Clone for WebhookService<T, S> {
    fn clone(&self) -> Self {
        WebhookService {
            inner: self.inner.clone(),
            policy: self.policy.clone(),
            peer: self.peer,
            callback: PhantomData,
        }
    }
}

impl<T, S: fmt::Debug> fmt::Debug for WebhookService<T, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookService")
            .field("inner", &self.inner)
            .field("policy", &self.policy)
            .field("peer", &self.peer)
            .finish()
    }
}

impl<T, S, B> Service<Request<B>> for WebhookService<T, S>
where
    T: FromWebhook + Send + 'static,
    S: Service<Webhook<T>, Response = Answer> + Clone + Send + 'static,
    S::Future: Send,
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Display,
{
    type Response = Response<Full<Bytes>>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    /// Always ready: `inner` is made ready once a request is read.
    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        // A clone of its own, made ready once the request is read.
        let mut inner = self.inner.clone();
        let policy = self.policy.clone();
        let (parts, body) = request.into_parts();
        let peer = match parts.extensions.get::<PeerAddress>() {
            Some(PeerAddress(address)) => Some(*address),
            None => self.peer,
        };
        Box::pin(async move {
            let callback = match take_request::<T, B>(&parts, body, peer, &policy).await {
                Ok(callback) => callback,
                Err(rejection) => return Ok(Response::from(rejection)),
            };
            poll_fn(|cx| inner.poll_ready(cx)).await?;
            inner.call(callback).await.map(Response::from)
        })
    }
}

/// The [`Layer`] of [`WebhookService`]: a service of `Webhook<T>` made the route of the
/// callback `T`, checked by the policy.
///
/// ```
/// use std::convert::Infallible;
///
/// use provider_payloads::http::{Policy, Webhook};
/// use provider_payloads::http::tower::WebhookLayer;
/// use provider_payloads::{Answer, Payload};
/// use tower::ServiceBuilder;
///
/// let route = ServiceBuilder::new()
///     .layer(WebhookLayer::<Payload>::new(Policy::new()))
///     .service_fn(async |callback: Webhook<Payload>| {
///         Ok::<Answer, Infallible>(callback.answer())
///     });
/// ```
pub struct WebhookLayer<T> {
    policy: Policy,
    callback: PhantomData<fn() -> T>,
}

impl<T> WebhookLayer<T> {
    /// The layer of the callback `T`'s route, checked by `policy`.
    ///
    /// ```
    /// use provider_payloads::http::Policy;
    /// use provider_payloads::http::tower::WebhookLayer;
    /// use provider_payloads::wappin;
    ///
    /// let wappin = WebhookLayer::<wappin::Callback>::new(Policy::new());
    /// ```
    pub fn new(policy: Policy) -> WebhookLayer<T> {
        WebhookLayer {
            policy,
            callback: PhantomData,
        }
    }
}

impl<T> Clone for WebhookLayer<T> {
    fn clone(&self) -> Self {
        WebhookLayer::new(self.policy.clone())
    }
}

impl<T> fmt::Debug for WebhookLayer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookLayer")
            .field("policy", &self.policy)
            .finish()
    }
}

impl<T, S> Layer<S> for WebhookLayer<T> {
    type Service = WebhookService<T, S>;

    fn layer(&self, inner: S) -> WebhookService<T, S> {
        WebhookService {
            inner,
            policy: self.policy.clone(),
            peer: None,
            callback: PhantomData,
        }
    }
}
