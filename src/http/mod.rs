//! Receiving webhooks over HTTP: what to check of a request before its body is read
//! ([`Policy`]), and a request read as the callback a route takes ([`receive`]), from
//! plain values that any HTTP stack gives. With the `http` feature, the `http` crate's
//! requests and responses (`receive_request`, `From<Answer> for http::Response`); with
//! `axum` and `actix`, extractors (`provider_payloads::axum::Webhook`,
//! `provider_payloads::http::actix::Webhook`); with `tower`, a `Service` for any tower stack
//! (`provider_payloads::http::tower::WebhookService`); with `lambda`, an AWS Lambda function's
//! request (`provider_payloads::http::lambda::receive`).
//!
//! **Where the check runs.** On a route of one provider, that provider's checks run on
//! the request's head, before the body is read. On the route of any provider the
//! provider is known only from the body, so the body is read (within the limits) and
//! its provider and kind are told from its top-level keys, without building a value;
//! that provider's checks run then, and only a request that passes is read as its kind
//! (the typed parse). A body whose provider cannot be told is refused as no payload
//! (400) whoever sent it, and one that fits no kind is checked as the kind it comes
//! nearest and, refused, answered 400 without being read. So a refused request never
//! reaches the typed parse, and nothing unchecked reaches your handler.
//!
//! **What is checked** is in [`Policy`]: by default Viva's source addresses only; Wappin's
//! token and the signature of Viva's Sale Transactions notifications once set; nothing
//! for NXCloud and eSMS, which offer nothing to check.
//!
//! **Viva's URL verification.** A request with no body and no query string, to Viva's
//! route (`viva::Payload`) or the route of any provider ([`Payload`](crate::Payload)),
//! is Viva's `GET` before it uses a new URL: it is answered with the policy's key
//! ([`Policy::viva_verification`]), from any address, and without a key refused 500
//! with what to set ([`Rejection::NoVerificationKey`]).
//!
//! ```
//! use provider_payloads::http::{Credentials, Policy, Rejection, receive};
//! use provider_payloads::{Payload, Provider};
//!
//! // A Viva payment posted from an address Viva does not send from.
//! let body = br#"{"EventTypeId":1796,"EventData":{"Amount":1.00,"CurrencyCode":978,
//!     "InsDate":"2014-06-18T14:20:30.45+03:00","MerchantId":"m","OrderCode":7,
//!     "StatusId":"F","TransactionId":"t","TransactionTypeId":5}}"#;
//! let from = Credentials::new(Some("127.0.0.1".parse()?));
//! let err = receive::<Payload>(&from, body, "", &Policy::new()).unwrap_err();
//! assert_eq!(err.status(), 403);
//!
//! // The same from Viva's address, or with the check off for a local test.
//! let viva = Credentials::new(Some("51.138.37.238".parse()?));
//! let payload: Payload = receive(&viva, body, "", &Policy::new())?;
//! assert_eq!(payload.provider(), Provider::Viva);
//! let local = Policy::new().viva_sources(None);
//! assert!(receive::<Payload>(&from, body, "", &local).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "actix")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix")))]
pub mod actix;
#[cfg(any(feature = "http", feature = "actix"))]
mod head;
#[cfg(feature = "lambda")]
#[cfg_attr(docsrs, doc(cfg(feature = "lambda")))]
pub mod lambda;
mod policy;
pub(crate) mod receive;
#[cfg(feature = "http")]
pub(crate) mod request;
#[cfg(any(feature = "axum", feature = "tower", feature = "actix"))]
pub(crate) mod take;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;
mod webhook;

pub use policy::{AddressRange, Credentials, InvalidRange, Matched, Policy, Refusal};
pub use receive::{FromWebhook, Rejection, receive};
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use request::receive_request;
pub use webhook::Webhook;
