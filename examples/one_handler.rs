//! The README's "One handler for every provider", running: its code as the README has
//! it (`tests/receiver.rs` checks that the README holds this file's code word for word,
//! and verifies its URL as Viva does, over HTTP), served on an address. Needs the `axum`
//! feature:
//!
//! ```text
//! cargo run --features axum --example one_handler -- --viva-key KEY --wappin-token TOKEN
//! cargo run --features axum --example one_handler -- --viva-key KEY --wappin-token TOKEN --listen 127.0.0.1:0
//! ```
//!
//! It prints `listening on http://ADDR` (by default 127.0.0.1:8080), then serves
//! `/webhooks` (any provider's callback, and Viva's URL verification, answered with KEY)
//! and `/wappin`.

// The README's code, from here...
use axum::Router;
use axum::routing::post;
use provider_payloads::axum::Webhook;
use provider_payloads::http::Policy;
use provider_payloads::viva::Verification;
use provider_payloads::wappin::{self, CallbackToken};
use provider_payloads::{Answer, Event, InvalidSecret, Payload};

async fn webhook(callback: Webhook<Payload>) -> Answer {
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

async fn wappin(Webhook(callback): Webhook<wappin::Callback>) -> Answer {
    println!("{}", callback.message_id());
    callback.answer() // {"status":"000"}, as JSON
}

/// `viva_key` is the `Key` that Viva's `GET /api/messages/config/token` gives.
pub fn app(wappin_token: &str, viva_key: &str) -> Result<Router, InvalidSecret> {
    let policy = Policy::new()
        .wappin_token(CallbackToken::new(wappin_token)?)
        .viva_verification(Verification::new(viva_key));
    Ok(Router::new()
        // eSMS calls a GET, and so does Viva to verify the URL.
        .route("/webhooks", post(webhook).get(webhook))
        .route("/wappin", post(wappin))
        .with_state(policy))
}
// Serve it with the peer address, which the check of Viva's addresses reads:
// axum::serve(listener, app(token, key)?.into_make_service_with_connect_info::<std::net::SocketAddr>())
// ...to here.

use std::net::SocketAddr;
use std::process::ExitCode;

const USAGE: &str =
    "usage: one_handler --viva-key KEY --wappin-token TOKEN [--listen ADDR (127.0.0.1:8080)]";

fn main() -> ExitCode {
    let (mut listen, mut viva_key, mut wappin_token) = ("127.0.0.1:8080".to_owned(), None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--listen", Some(value)) => listen = value,
            ("--viva-key", Some(value)) => viva_key = Some(value),
            ("--wappin-token", Some(value)) => wappin_token = Some(value),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(viva_key), Some(wappin_token)) = (viva_key, wappin_token) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let app = match app(&wappin_token, &viva_key) {
        Ok(app) => app,
        Err(err) => {
            eprintln!("one_handler: {err}");
            return ExitCode::from(2);
        }
    };
    let served = tokio::runtime::Runtime::new().and_then(|runtime| {
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind(&listen).await?;
            println!("listening on http://{}", listener.local_addr()?);
            let service = app.into_make_service_with_connect_info::<SocketAddr>();
            axum::serve(listener, service).await
        })
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("one_handler: {err}");
            ExitCode::FAILURE
        }
    }
}
