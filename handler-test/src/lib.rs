//! A webhook service as a user of `provider-payloads` writes one: one route for the
//! callbacks of every provider, checked by a [`Policy`], each event kept, and answered
//! what its provider expects. Its tests (`tests/samples.rs`) send it the crate's samples
//! (the `testing` feature) through the router, as each provider sends them.

use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::{FromRef, State};
use axum::routing::post;
use provider_payloads::axum::Webhook;
use provider_payloads::http::{Matched, Policy};
use provider_payloads::{Answer, Event, Payload, Provider};

/// What the service was handed: each callback's provider, its event, and the token or
/// secret it carried.
pub type Seen = Arc<Mutex<Vec<(Provider, Option<Event>, Option<Matched>)>>>;

/// The router's state: the policy the extractor checks by, and what was handed on.
#[derive(Clone)]
struct Service {
    policy: Policy,
    seen: Seen,
}

impl FromRef<Service> for Policy {
    fn from_ref(service: &Service) -> Policy {
        service.policy.clone()
    }
}

/// The router: `POST /webhooks` (and `GET`, for eSMS and Viva's URL verification) takes
/// any provider's callback.
pub fn app(policy: Policy, seen: Seen) -> Router {
    Router::new()
        .route("/webhooks", post(webhook).get(webhook))
        .with_state(Service { policy, seen })
}

async fn webhook(State(service): State<Service>, callback: Webhook<Payload>) -> Answer {
    let seen = (
        callback.provider(),
        callback.event(),
        callback.matched.clone(),
    );
    service
        .seen
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(seen);
    callback.answer()
}
