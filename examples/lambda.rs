//! The README's "One handler for every provider" as an AWS Lambda function, behind an API
//! Gateway REST or HTTP API, or a function URL. Needs the `lambda` feature; it runs
//! where Lambda runs it (the runtime's address comes from Lambda's environment):
//!
//! ```text
//! cargo build --release --features lambda --example lambda
//! ```
//!
//! Its settings come from the function's environment: `WAPPIN_TOKEN` (Wappin's callback
//! token) and `VIVA_KEY` (the `Key` that Viva's `GET /api/messages/config/token` gives).
//! `/wappin` takes Wappin's callbacks; every other path any provider's callback, and
//! Viva's URL verification, answered with the key.

use lambda_http::{Body, Error, Request, Response, service_fn};
use provider_payloads::http::lambda;
use provider_payloads::http::{Policy, Webhook};
use provider_payloads::viva::Verification;
use provider_payloads::wappin::{self, CallbackToken};
use provider_payloads::{Answer, Event, Payload};

fn webhook(callback: Webhook<Payload>) -> Answer {
    match callback.event() {
        Some(Event::Delivery(report)) => println!("{} is {:?}", report.message_id, report.state),
        Some(Event::Inbound(message)) => println!("{:?} wrote {:?}", message.from, message.content),
        Some(Event::Payment(paid)) => {
            println!("{:?} {} {:?}", paid.kind, paid.amount, paid.currency)
        }
        _ => {}
    }
    // Deduplicate retries on `event.idempotency_key()` before acting.
    callback.answer() // to Viva's URL verification, {"Key":"..."}
}

fn wappin(callback: Webhook<wappin::Callback>) -> Answer {
    println!("{}", callback.message_id());
    callback.answer() // {"status":"000"}, as JSON
}

/// One function for every route: the request checked by `policy` and read as the
/// route's callback, answered with the handler's answer or the rejection.
async fn function(policy: &Policy, request: Request) -> Result<Response<Body>, Error> {
    let answered = if request.uri().path().ends_with("/wappin") {
        lambda::receive(&request, policy).map(wappin)
    } else {
        lambda::receive(&request, policy).map(webhook)
    };
    Ok(match answered {
        Ok(answer) => answer.into(),
        Err(rejection) => rejection.into(),
    })
}

fn main() -> Result<(), Error> {
    let setting = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let policy = Policy::new()
        .wappin_token(CallbackToken::new(setting("WAPPIN_TOKEN")?)?)
        .viva_verification(Verification::new(setting("VIVA_KEY")?));
    tokio::runtime::Runtime::new()?.block_on(lambda_http::run(service_fn(|request| {
        function(&policy, request)
    })))
}
