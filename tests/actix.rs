//! The `actix` feature over real HTTP: an actix-web server on 127.0.0.1 answers every
//! sample, on the route of any provider and on each provider's, as the axum routes do,
//! and refuses what its policy refuses: a missing or wrong token, a wrong signature, an
//! address outside Viva's (an `X-Forwarded-For` counted only from a trusted proxy), a
//! body over the limit or too slow, an app with no policy.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use samples::{SECRET, TOKEN, policy, signed};

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpServer, Scope, web};
use axum::Router;
use axum::http::HeaderMap;
use provider_payloads::http::testing::Sample;
use provider_payloads::http::{FromWebhook, Policy};
use provider_payloads::viva::SubscriptionSecret;
use provider_payloads::{Answer, Limits, Payload, esms, nxcloud, viva, wappin};
use tower::ServiceExt;

#[path = "common/samples.rs"]
mod samples;

/// The routes each server has: the route of any provider, and one of each provider.
const ROUTES: [&str; 5] = ["/webhooks", "/nxcloud", "/esms", "/wappin", "/viva"];

fn sample(name: &str) -> Sample {
    Sample::named(name).unwrap_or_else(|| panic!("no sample {name}"))
}

/// The callback any handler is given, answered.
async fn answer<T: FromWebhook>(callback: provider_payloads::http::actix::Webhook<T>) -> Answer {
    callback.answer()
}

/// [`ROUTES`], each taking `GET` and `POST`.
fn routes(config: &mut web::ServiceConfig) {
    config
        .route("/webhooks", web::route().to(answer::<Payload>))
        .route("/nxcloud", web::route().to(answer::<nxcloud::Callback>))
        .route("/esms", web::route().to(answer::<esms::Callback>))
        .route("/wappin", web::route().to(answer::<wappin::Callback>))
        .route("/viva", web::route().to(answer::<viva::Payload>));
}

/// [`ROUTES`] under `path`, by `policy`.
fn scope(path: &str, policy: Policy) -> Scope {
    web::scope(path)
        .app_data(web::Data::new(policy))
        .configure(routes)
}

/// The app of most tests: [`ROUTES`] by the policy with 127.0.0.1 as a trusted proxy;
/// under `/direct` by the policy with none, under `/small` with a body limit of 256
/// bytes, under `/slow` with a body timeout of 300 ms.
fn app(config: &mut web::ServiceConfig) {
    let proxied = policy().trusted_proxies(["127.0.0.1/32".parse().unwrap()]);
    let small = policy().viva_sources(None).limits(Limits::new().body(256));
    let slow = policy().body_timeout(Duration::from_millis(300));
    config
        .app_data(web::Data::new(proxied))
        .service(scope("/direct", policy()))
        .service(scope("/small", small))
        .service(scope("/slow", slow))
        .configure(routes);
}

/// An actix-web server of the app `configure` makes, on 127.0.0.1, on a thread of its
/// own; stopped when dropped.
struct Server {
    address: SocketAddr,
    handle: ServerHandle,
    thread: Option<thread::JoinHandle<()>>,
}

impl Server {
    fn start(configure: fn(&mut web::ServiceConfig)) -> Server {
        let (sender, receiver) = mpsc::channel();
        let thread = thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(move || App::new().configure(configure))
                    .workers(1)
                    .bind(("127.0.0.1", 0))
                    .unwrap();
                let address = server.addrs()[0];
                let server = server.run();
                sender.send((address, server.handle())).unwrap();
                server.await.unwrap();
            });
        });
        let (address, handle) = receiver.recv().unwrap();
        Server {
            address,
            handle,
            thread: Some(thread),
        }
    }
    /// Sends `sample` to `path` as its provider does, with `headers` besides its own.
    fn send(&self, sample: &Sample, path: &str, headers: &[(&str, &str)]) -> Answered {
        let query = match sample.query() {
            "" => String::new(),
            query => format!("?{query}"),
        };
        let url = format!("http://{}{path}{query}", self.address);
        let mut all: Vec<(&str, String)> = sample.headers();
        all.extend(
            headers
                .iter()
                .map(|(name, value)| (*name, (*value).to_owned())),
        );
        let agent = agent();
        let response = if sample.method() == "GET" {
            assert!(sample.body().is_empty(), "{}", sample.name());
            let mut request = agent.get(&url);
            for (name, value) in &all {
                request = request.header(*name, value);
            }
            request.call()
        } else {
            let mut request = agent.post(&url);
            for (name, value) in &all {
                request = request.header(*name, value);
            }
            request.send(sample.body())
        };
        Answered::from(response.unwrap_or_else(|err| panic!("{}: {err}", sample.name())))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let stopped = self.handle.stop(false);
        actix_web::rt::System::new().block_on(stopped);
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
    }
}

/// A client that gives every answer, a refusal too.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// What a route answered: its status, `Content-Type`, `WWW-Authenticate` and body.
#[derive(Debug, PartialEq)]
struct Answered {
    status: u16,
    content_type: Option<String>,
    challenge: Option<String>,
    body: String,
}

impl Answered {
    fn new(status: u16, headers: &HeaderMap, body: &[u8]) -> Answered {
        let header = |name: &str| {
            headers
                .get(name)
                .map(|value| value.to_str().unwrap().to_owned())
        };
        Answered {
            status,
            content_type: header("content-type"),
            challenge: header("www-authenticate"),
            body: String::from_utf8(body.to_vec()).unwrap(),
        }
    }
}

impl From<ureq::http::Response<ureq::Body>> for Answered {
    fn from(mut response: ureq::http::Response<ureq::Body>) -> Answered {
        let body = response.body_mut().read_to_vec().unwrap();
        Answered::new(response.status().as_u16(), response.headers(), &body)
    }
}

/// The axum routes of [`ROUTES`], by `policy`.
fn axum_router(policy: Policy) -> Router {
    use axum::routing::any;
    use provider_payloads::axum::Webhook;

    async fn answer<T: FromWebhook>(callback: Webhook<T>) -> Answer {
        callback.answer()
    }
    Router::new()
        .route("/webhooks", any(answer::<Payload>))
        .route("/nxcloud", any(answer::<nxcloud::Callback>))
        .route("/esms", any(answer::<esms::Callback>))
        .route("/wappin", any(answer::<wappin::Callback>))
        .route("/viva", any(answer::<viva::Payload>))
        .with_state(policy)
}

/// What the axum router answers `sample` on `path`, its peer the sample's.
fn axum_answer(router: &Router, sample: &Sample, path: &str) -> Answered {
    let request = sample.to_request::<axum::body::Body>(path).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let response = router.clone().oneshot(request).await.unwrap();
        let (head, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        Answered::new(head.status.as_u16(), &head.headers, &body)
    })
}

#[test]
fn every_sample_is_answered_as_the_axum_routes_answer_it() {
    let server = Server::start(app);
    let router = axum_router(policy());
    let all = Sample::all();
    assert!(all.len() > 40, "{} samples", all.len());
    let (mut taken, mut refused) = (0, 0);
    // Each as its provider sends it, and without the token and signature.
    let sent = all
        .into_iter()
        .flat_map(|sample| [signed(sample.clone()), sample]);
    for sample in sent {
        let peer = sample.peer_address().to_string();
        for route in ROUTES {
            let expected = axum_answer(&router, &sample, route);
            let got = server.send(&sample, route, &[("X-Forwarded-For", &peer)]);
            assert_eq!(got, expected, "{} on {route}", sample.name());
            if route == "/webhooks" && got.status != 401 {
                assert!(
                    sample.accepts_answer(got.status, got.body.as_bytes()),
                    "{}: {got:?}",
                    sample.name()
                );
            }
            if (200..300).contains(&got.status) {
                taken += 1;
            } else {
                refused += 1;
            }
        }
    }
    // Each sample on its provider's route and on the route of any provider, unsigned
    // Wappin and Sale Transactions ones aside; another provider's route refuses it.
    assert!(
        taken > 150 && refused > 300,
        "{taken} taken, {refused} refused"
    );
}

#[test]
fn a_missing_or_wrong_token_is_refused_401() {
    let server = Server::start(app);
    let callback = sample("wappin/callback_status");
    for route in ["/direct/webhooks", "/direct/wappin"] {
        for sample in [callback.clone(), callback.clone().wappin_token("wrong")] {
            let got = server.send(&sample, route, &[]);
            assert_eq!(got.status, 401, "{route}: {got:?}");
            assert_eq!(got.challenge.as_deref(), Some("Bearer"));
            assert_eq!(
                got.content_type.as_deref(),
                Some("text/plain; charset=utf-8")
            );
        }
        let got = server.send(&callback.clone().wappin_token(TOKEN), route, &[]);
        assert_eq!(
            (got.status, got.body.as_str()),
            (200, r#"{"status":"000"}"#)
        );
    }
}

#[test]
fn a_wrong_signature_is_refused_401() {
    let server = Server::start(app);
    let notification = sample("viva/sale_transactions");
    let viva = notification.peer_address().to_string();
    let forwarded = [("X-Forwarded-For", viva.as_str())];
    let wrong = SubscriptionSecret::new("another secret").unwrap();
    for route in ["/webhooks", "/viva"] {
        for sample in [
            notification.clone(),
            notification.clone().viva_secret(&wrong),
        ] {
            let got = server.send(&sample, route, &forwarded);
            assert_eq!(got.status, 401, "{route}: {got:?}");
            assert!(got.body.to_lowercase().contains("signature"), "{got:?}");
        }
        let right = notification
            .clone()
            .viva_secret(&SubscriptionSecret::new(SECRET).unwrap());
        assert_eq!(server.send(&right, route, &forwarded).status, 200);
    }
}

#[test]
fn an_address_outside_vivas_is_refused_403() {
    let server = Server::start(app);
    let payment = sample("viva/transaction_payment_created");
    let viva = payment.peer_address().to_string();
    for route in ["/direct/webhooks", "/direct/viva"] {
        // From 127.0.0.1, which is not Viva's; its X-Forwarded-For is not counted.
        for headers in [&[][..], &[("X-Forwarded-For", viva.as_str())]] {
            let got = server.send(&payment, route, headers);
            assert_eq!(got.status, 403, "{route}: {got:?}");
            assert!(got.body.contains("127.0.0.1"), "{got:?}");
        }
        // Through a trusted proxy, from Viva's.
        let proxied = route.trim_start_matches("/direct");
        let got = server.send(&payment, proxied, &[("X-Forwarded-For", &viva)]);
        assert!(
            payment.accepts_answer(got.status, got.body.as_bytes()),
            "{got:?}"
        );
    }
}

#[test]
fn a_body_over_the_limit_is_refused_413() {
    let server = Server::start(app);
    let callback = sample("wappin/callback_status").wappin_token(TOKEN);
    assert!(callback.body().len() > 256);
    for route in ["/small/webhooks", "/small/wappin"] {
        // Announced by its Content-Length.
        let got = server.send(&callback, route, &[]);
        assert_eq!(got.status, 413, "{route}: {got:?}");
        assert_eq!(
            got.body,
            format!(
                "the request is {} bytes, over the limit of 256 bytes",
                callback.body().len()
            )
        );
        // Chunked: refused once what came passes the limit.
        let mut body = callback.body();
        let got = agent()
            .post(&format!("http://{}{route}", server.address))
            .header("Content-Type", "application/json")
            .header("Authorization", format!("Bearer {TOKEN}"))
            .send(ureq::SendBody::from_reader(&mut body))
            .unwrap();
        assert_eq!(Answered::from(got).status, 413);
    }
    let small = sample("nxcloud/receipt_seen");
    assert!(small.body().len() <= 256, "{}", small.body().len());
    assert_eq!(server.send(&small, "/small/nxcloud", &[]).status, 200);
}

#[test]
fn a_body_not_whole_in_time_is_refused_408() {
    let server = Server::start(app);
    let mut stream = TcpStream::connect(server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(
            b"POST /slow/nxcloud HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
              Content-Length: 100\r\n\r\n{\"status\":",
        )
        .unwrap();
    let mut answer = Vec::new();
    let _closed = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

#[test]
fn an_app_without_a_policy_answers_500_with_what_to_set() {
    let server = Server::start(routes);
    let got = server.send(&sample("nxcloud/receipt_seen"), "/webhooks", &[]);
    assert_eq!(got.status, 500, "{got:?}");
    assert!(got.body.contains("web::Data::new(policy)"), "{}", got.body);
}
