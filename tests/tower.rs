//! The tower `Service` served by hyper alone on 127.0.0.1, sent every sample of the
//! `testing` kit over HTTP: each answer (status, `Content-Type`, body) is the axum
//! route's to the same request, and so are the refusals (a wrong token, a wrong
//! signature, an address Viva does not send from). Needs `--features
//! axum,testing,tower`.
//!
//! The client writes HTTP/1.1 by hand on a `std::net::TcpStream`, as tests/receiver.rs
//! does: the test sees every byte of the answer.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::routing::get;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use provider_payloads::http::testing::Sample;
use provider_payloads::http::tower::{PeerAddress, WebhookLayer, WebhookService};
use provider_payloads::http::{Policy, Webhook};
use provider_payloads::viva::SubscriptionSecret;
use provider_payloads::wappin::CallbackToken;
use provider_payloads::{Answer, Limits, Payload, Provider};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;
use tower::{Layer, ServiceExt, service_fn};

use http_answer::{Answered, send_bytes};

#[path = "common/http_answer.rs"]
mod http_answer;

const TOKEN: &str = "wappin-callback-token";
const SECRET: &str = "viva-subscription-secret";
/// An address Viva sends from no webhook: TEST-NET-3.
const OUTSIDE: &str = "203.0.113.9";

/// The handler: the callback's answer, as the README's one handler gives it.
async fn handle(callback: Webhook<Payload>) -> Result<Answer, Infallible> {
    Ok(callback.answer())
}

/// The policy of both servers: a Wappin token, a Viva secret and key, Viva's addresses
/// checked, and 127.0.0.1 a trusted proxy (the client says who it sends as in
/// `X-Forwarded-For`).
fn policy() -> Policy {
    Policy::new()
        .wappin_token(CallbackToken::new(TOKEN).unwrap())
        .viva_signature(SubscriptionSecret::new(SECRET).unwrap())
        .viva_verification(Sample::viva_verification_key())
        .trusted_proxies(["127.0.0.1/32".parse().unwrap()])
}

/// `sample` with what its policy checks: the token to Wappin's, the secret to Viva's.
fn signed(sample: Sample) -> Sample {
    match sample.provider() {
        Provider::Wappin => sample.wappin_token(TOKEN),
        Provider::Viva => sample.viva_secret(&SubscriptionSecret::new(SECRET).unwrap()),
        _ => sample,
    }
}

/// How the server gives the service its peer address.
#[derive(Clone, Copy)]
enum Peer {
    /// `with_peer` of each connection's address.
    Connection,
    /// None.
    Unknown,
}

/// Serves the route of any provider's callback, made by `WebhookLayer`, on a free port of
/// 127.0.0.1.
fn serve(runtime: &Runtime, policy: Policy, peer: Peer) -> SocketAddr {
    let listener = runtime
        .block_on(TcpListener::bind(("127.0.0.1", 0)))
        .unwrap();
    let address = listener.local_addr().unwrap();
    let service = WebhookLayer::<Payload>::new(policy).layer(service_fn(handle));
    runtime.spawn(async move {
        loop {
            let (stream, from) = listener.accept().await.unwrap();
            let service = match peer {
                Peer::Connection => service.clone().with_peer(from.ip()),
                Peer::Unknown => service.clone(),
            };
            tokio::spawn(async move {
                let service = TowerToHyperService::new(service);
                let _closed = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    address
}

/// `sample` sent to `server` over HTTP/1.1, as from `X-Forwarded-For: <its peer>`.
fn send(server: SocketAddr, sample: &Sample) -> Answered {
    let request: http::Request<Vec<u8>> = sample.to_request("/").unwrap();
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\nX-Forwarded-For: {}\r\n",
        request.method(),
        request.uri(),
        sample.peer_address()
    );
    for (name, value) in request.headers() {
        head.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap()));
    }
    if request.method() != "GET" || !request.body().is_empty() {
        head.push_str(&format!("Content-Length: {}\r\n", request.body().len()));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(request.body());
    send_bytes(server, &bytes)
}

/// `sample` sent to the axum route (`Webhook<Payload>`) without a server, as
/// `Sample::to_request` makes it (with its peer as `ConnectInfo`).
fn axum_answer(runtime: &Runtime, policy: &Policy, sample: &Sample) -> Answered {
    let router = Router::new()
        .route("/", get(axum_route).post(axum_route))
        .with_state(policy.clone());
    runtime.block_on(async {
        let response = router
            .oneshot(sample.to_request::<Body>("/").unwrap())
            .await
            .unwrap();
        let header = |name| {
            response
                .headers()
                .get(name)
                .map(|value: &http::HeaderValue| value.to_str().unwrap().to_owned())
        };
        Answered {
            status: response.status().as_u16(),
            content_type: header(http::header::CONTENT_TYPE),
            www_authenticate: header(http::header::WWW_AUTHENTICATE),
            body: to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap()
                .to_vec(),
        }
    })
}

async fn axum_route(callback: provider_payloads::axum::Webhook<Payload>) -> Answer {
    callback.answer()
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn every_sample_gets_the_axum_routes_answer_over_http() {
    let runtime = runtime();
    let policy = policy();
    let server = serve(&runtime, policy.clone(), Peer::Connection);
    let samples = Sample::all();
    assert!(samples.len() > 20, "{} samples", samples.len());
    for sample in samples.into_iter().map(signed) {
        let tower = send(server, &sample);
        assert_eq!(tower, axum_answer(&runtime, &policy, &sample), "{sample:?}");
        assert!(
            sample.accepts_answer(tower.status, &tower.body),
            "{}: {tower:?}",
            sample.name()
        );
    }
}

#[test]
fn the_refusals_hold_over_http_as_on_the_axum_route() {
    let runtime = runtime();
    let policy = policy();
    let server = serve(&runtime, policy.clone(), Peer::Connection);
    let wappin = Sample::named("wappin/callback_status").unwrap();
    let sale = Sample::named("viva/sale_transactions").unwrap();
    let payment = Sample::named("viva/transaction_payment_created").unwrap();
    let outside: IpAddr = OUTSIDE.parse().unwrap();
    let other = SubscriptionSecret::new("another-secret").unwrap();
    for (sample, status) in [
        (wappin.clone().wappin_token("wrong"), 401),
        (wappin, 401),
        (sale.clone().viva_secret(&other), 401),
        (sale, 401),
        (payment.clone().peer(outside), 403),
        (payment, 200),
    ] {
        let tower = send(server, &sample);
        assert_eq!(tower.status, status, "{sample:?}: {tower:?}");
        assert_eq!(tower, axum_answer(&runtime, &policy, &sample), "{sample:?}");
    }
}

#[test]
fn the_peer_is_the_connections_and_without_one_vivas_check_answers_500() {
    let runtime = runtime();
    let payment = Sample::named("viva/transaction_payment_created").unwrap();
    // No trusted proxy: the address checked is the connection's, 127.0.0.1.
    let direct = Policy::new();
    let server = serve(&runtime, direct.clone(), Peer::Connection);
    let answered = send(server, &payment);
    assert_eq!(answered.status, 403, "{answered:?}");
    let message = String::from_utf8(answered.body).unwrap();
    assert!(message.contains("127.0.0.1"), "{message}");
    // No peer given: the server's set-up, 500; a sample of a provider without an
    // address check is answered.
    let server = serve(&runtime, direct, Peer::Unknown);
    let answered = send(server, &payment);
    assert_eq!(answered.status, 500, "{answered:?}");
    let message = String::from_utf8(answered.body).unwrap();
    assert!(message.contains("peer address"), "{message}");
    let wappin = Sample::named("wappin/callback_status").unwrap();
    assert_eq!(send(server, &wappin).status, 200);
}

#[test]
fn a_peer_address_in_the_requests_extensions_wins() {
    let runtime = runtime();
    let payment = Sample::named("viva/transaction_payment_created").unwrap();
    let service =
        WebhookService::new(Policy::new(), service_fn(handle)).with_peer(OUTSIDE.parse().unwrap());
    let status = |peer: Option<IpAddr>| {
        let mut request: http::Request<Body> = payment.to_request("/").unwrap();
        if let Some(peer) = peer {
            request.extensions_mut().insert(PeerAddress(peer));
        }
        runtime
            .block_on(service.clone().oneshot(request))
            .unwrap()
            .status()
    };
    assert_eq!(status(None), 403);
    assert_eq!(status(Some(payment.peer_address())), 200);
}

#[test]
fn an_axum_router_serves_it_as_a_route() {
    let runtime = runtime();
    let sample = signed(Sample::named("wappin/callback_status").unwrap());
    let service = WebhookService::new(policy(), service_fn(handle));
    let router: Router = Router::new().route_service("/", service);
    let response = runtime
        .block_on(router.oneshot(sample.to_request::<Body>("/").unwrap()))
        .unwrap();
    let status = response.status().as_u16();
    let body = runtime
        .block_on(to_bytes(response.into_body(), usize::MAX))
        .unwrap();
    assert!(sample.accepts_answer(status, &body), "{status} {body:?}");
    let unsigned = Sample::named("wappin/callback_status").unwrap();
    let router: Router =
        Router::new().route_service("/", WebhookService::new(policy(), service_fn(handle)));
    let response = runtime
        .block_on(router.oneshot(unsigned.to_request::<Body>("/").unwrap()))
        .unwrap();
    assert_eq!(response.status(), 401);
}

#[test]
fn a_body_is_read_within_the_policys_limits_and_time() {
    let runtime = runtime();
    let timeout = Duration::from_millis(200);
    let policy = Policy::new()
        .viva_sources(None)
        .limits(Limits::new().body(1024))
        .body_timeout(timeout);
    let server = serve(&runtime, policy, Peer::Connection);
    let head = |length: usize| {
        format!("POST / HTTP/1.1\r\nHost: {server}\r\nContent-Length: {length}\r\n\r\n")
    };
    // Announced over the limit: 413 before a byte of it comes.
    let answered = send_bytes(server, head(1025).as_bytes());
    assert_eq!(answered.status, 413, "{answered:?}");
    // A body that stops halfway: 408 once its time is out.
    let started = Instant::now();
    let answered = send_bytes(server, format!("{}{{\"a\":", head(100)).as_bytes());
    assert_eq!(answered.status, 408, "{answered:?}");
    assert!(started.elapsed() >= timeout, "{:?}", started.elapsed());
}
