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
//! and `/wappin`, with the README's bounds: 10 seconds for a request's head and 10 for
//! its body, 100 connections at once.

// The README's code, from here...
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::routing::post;
use axum::{Extension, Router};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use provider_payloads::axum::Webhook;
use provider_payloads::http::Policy;
use provider_payloads::viva::Verification;
use provider_payloads::wappin::{self, CallbackToken};
use provider_payloads::{Answer, Event, InvalidSecret, Payload};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

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

async fn wappin(callback: Webhook<wappin::Callback>) -> Answer {
    println!("{}", callback.message_id());
    callback.answer() // {"status":"000"}, as JSON
}

/// `viva_key` is the `Key` that Viva's `GET /api/messages/config/token` gives.
pub fn app(wappin_token: &str, viva_key: &str) -> Result<Router, InvalidSecret> {
    let policy = Policy::new()
        .wappin_token(CallbackToken::new(wappin_token)?)
        .viva_verification(Verification::new(viva_key))
        // A body not whole 10 seconds after its head is refused (408).
        .body_timeout(Duration::from_secs(10));
    Ok(Router::new()
        // eSMS calls a GET, and so does Viva to verify the URL.
        .route("/webhooks", post(webhook).get(webhook))
        .route("/wappin", post(wappin))
        .with_state(policy))
}

/// Serves `app` with a time for each request's head, and at most `connections` at once
/// (more wait to be accepted): `axum::serve` has neither, and a webhook URL is public.
pub async fn serve(listener: TcpListener, app: Router, head_timeout: Duration, connections: usize) {
    let open = Arc::new(Semaphore::new(connections));
    loop {
        let Ok(permit) = Arc::clone(&open).acquire_owned().await else {
            return;
        };
        let Ok((stream, peer)) = listener.accept().await else {
            // Out of file descriptors, most likely: wait for some to close.
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        // The peer address, which the check of Viva's addresses reads.
        let app = app.clone().layer(Extension(ConnectInfo(peer)));
        tokio::spawn(async move {
            let mut http = http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(head_timeout);
            let _closed = http
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app))
                .await;
            drop(permit);
        });
    }
}
// serve(listener, app(token, key)?, Duration::from_secs(10), 100).await
// ...to here.

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
            let listener = TcpListener::bind(&listen).await?;
            println!("listening on http://{}", listener.local_addr()?);
            serve(listener, app, Duration::from_secs(10), 100).await;
            Ok(())
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
