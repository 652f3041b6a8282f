//! [`Webhook`]: a callback a route took, checked by the policy.

use std::ops::Deref;

use crate::Answer;
use crate::http::{FromWebhook, Matched};

/// A callback `T` a route took, checked by the policy: the payload, and the token or
/// secret it carried. The framework integrations' extractors give it (with the `axum`
/// and `actix` features, `provider_payloads::axum::Webhook` and
/// `provider_payloads::http::actix::Webhook` are this type).
///
/// It dereferences to the callback, and [`answer`](Webhook::answer) is what the provider
/// expects back. With several Wappin tokens or Viva secrets in the policy, `matched` is
/// the one the request carried: for several accounts, whose callback it is.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Webhook<T> {
    /// The callback (or Viva's URL verification).
    pub payload: T,
    /// The policy's Wappin token, or Viva secret, that the request carried: `None` when
    /// the policy checks none for it.
    pub matched: Option<Matched>,
}

impl<T> Webhook<T> {
    /// The callback a route took, with the token or secret it carried.
    #[cfg_attr(not(any(feature = "http", feature = "actix")), allow(dead_code))]
    pub(crate) fn new(payload: T, matched: Option<Matched>) -> Webhook<T> {
        Webhook { payload, matched }
    }
}

impl<T: FromWebhook> Webhook<T> {
    /// The HTTP answer the provider expects to the callback; to Viva's URL verification,
    /// the policy's key (`{"Key":"..."}`).
    pub fn answer(&self) -> Answer {
        self.payload.answer()
    }
}

impl<T> Deref for Webhook<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.payload
    }
}
