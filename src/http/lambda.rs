//! The one handler as an AWS Lambda function (the `lambda` feature), behind API Gateway
//! (REST APIs and HTTP APIs) or a function URL. [`receive`] takes the function's
//! `lambda_http::Request` and the [`Policy`] and gives the callback ([`Webhook<T>`]) or
//! the [`Rejection`], by the steps of [`http::receive`](crate::http::receive); the
//! [`Answer`](crate::Answer) and the `Rejection` become the function's
//! `lambda_http::Response` with `into()` (the `http` feature's conversions).
//!
//! What differs from a server:
//!
//! - **The body comes whole**, in the event: there is no connection to wait on, so
//!   [`Policy::body_timeout`] does not apply; the policy's [`limits`](Policy::limits)
//!   do. API Gateway and Lambda refuse a request beyond their own size limits, and end
//!   one beyond their own time, before or around your function.
//! - **Base64.** A body that API Gateway or the function URL sends base64-encoded
//!   (`isBase64Encoded`) comes decoded from `lambda_http`: the bytes the provider sent.
//! - **The peer is the event's source IP** ([`source_ip`]): the request context's
//!   `identity.sourceIp` (REST APIs) or `http.sourceIp` (HTTP APIs, function URLs), the
//!   address that connected to AWS. The `X-Forwarded-For` the function sees is written
//!   by API Gateway or the function URL: the source IP appended to whatever the client
//!   sent, which anyone can write. So it is read only as a server reads it, when the
//!   source IP is one of your [`trusted_proxies`](Policy::trusted_proxies), which no
//!   one sets by default: set them only when a proxy of yours (a CloudFront
//!   distribution) stands before API Gateway and is what connects to it.
//! - **The answer** goes back as text (`lambda_http` sends a body whose `Content-Type`
//!   is JSON or text, or that has none, as text), which API Gateway passes on as it is:
//!   a REST API needs no binary media types for it.
//! - **The query string** of a REST API's event comes as its parameters, decoded:
//!   `lambda_http` writes them back as a query string (the same keys and values, in its
//!   own order and encoding). HTTP APIs and function URLs send the query string as it
//!   came.
//!
//! ```no_run
//! use lambda_http::{Body, Error, Request, Response, service_fn};
//! use provider_payloads::http::Policy;
//! use provider_payloads::http::lambda;
//! use provider_payloads::{Payload};
//!
//! async fn handle(policy: &Policy, request: Request) -> Result<Response<Body>, Error> {
//!     let callback = match lambda::receive::<Payload>(&request, policy) {
//!         Ok(callback) => callback,
//!         Err(rejection) => return Ok(rejection.into()),
//!     };
//!     if let Some(event) = callback.event() {
//!         println!("{}", event.idempotency_key());
//!     }
//!     Ok(callback.answer().into())
//! }
//!
//! # async fn main_() -> Result<(), Error> {
//! let policy = Policy::new();
//! lambda_http::run(service_fn(|request| handle(&policy, request))).await
//! # }
//! ```

use std::net::IpAddr;

use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};

use crate::http::request::request_webhook;
use crate::http::{FromWebhook, Policy, Rejection, Webhook};

/// Reads a Lambda function's request as the callback `T` (any provider's,
/// [`Payload`](crate::Payload), or one provider's: [`FromWebhook`]), checked by `policy`
/// as [`receive_request`](crate::http::receive_request) checks a server's: its headers
/// (Wappin's token, Viva's signature), its [`source_ip`] as the peer (Viva's
/// addresses), then its body and query string read. Viva's URL verification (a `GET`
/// with no body and no query string) gives the policy's key.
///
/// ```
/// use provider_payloads::http::Policy;
/// use provider_payloads::http::lambda;
/// use provider_payloads::{Answer, Payload};
///
/// // A function URL's event (an HTTP API's is of the same form).
/// let event = r#"{"version":"2.0","rawPath":"/webhooks","rawQueryString":"",
///     "headers":{"content-type":"application/json"},
///     "requestContext":{"http":{"method":"POST","path":"/webhooks","sourceIp":"203.0.113.9"}},
///     "body":"{\"status\":\"seen\",\"requestId\":\"r1\",\"code\":11002,\"message\":\"m\",\"sendTime\":\"2023-07-13 15:12:11\"}",
///     "isBase64Encoded":false}"#;
/// let request = lambda_http::request::from_str(event)?;
/// let callback = lambda::receive::<Payload>(&request, &Policy::new())?;
/// assert_eq!(callback.kind(), "receipt");
/// let response: lambda_http::Response<lambda_http::Body> = callback.answer().into();
/// assert_eq!(response.status(), 200);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn receive<T: FromWebhook>(
    request: &Request,
    policy: &Policy,
) -> Result<Webhook<T>, Rejection> {
    request_webhook(request, source_ip(request), policy)
}

/// The address the request came from, as API Gateway or the function URL saw it: the
/// request context's `identity.sourceIp` (REST APIs) or `http.sourceIp` (HTTP APIs,
/// function URLs). `None` without a context of those, or when it is no address.
///
/// ```
/// let event = r#"{"version":"2.0","rawPath":"/","headers":{},
///     "requestContext":{"http":{"method":"GET","sourceIp":"51.138.37.238"}},
///     "isBase64Encoded":false}"#;
/// let request = lambda_http::request::from_str(event)?;
/// assert_eq!(provider_payloads::http::lambda::source_ip(&request), Some("51.138.37.238".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn source_ip(request: &Request) -> Option<IpAddr> {
    let source = match request.request_context_ref()? {
        RequestContext::ApiGatewayV1(context) => context.identity.source_ip.as_deref(),
        RequestContext::ApiGatewayV2(context) => context.http.source_ip.as_deref(),
        // Other event sources, when another crate turns on their `lambda_http` features.
        #[allow(unreachable_patterns)]
        _ => None,
    }?;
    source.parse().ok()
}
