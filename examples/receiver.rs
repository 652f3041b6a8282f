//! A webhook receiver: the crate's axum extractors in an HTTP service that takes each
//! provider's callbacks as the provider sends them, checks them, and answers what the
//! provider expects. Needs the `axum` feature:
//!
//! ```text
//! cargo run --features axum --example receiver                        # on 127.0.0.1:8080
//! cargo run --features axum --example receiver -- --listen 127.0.0.1:0 --no-source-check
//! cargo run --features axum --example receiver -- --viva-key KEY --wappin-token TOKEN
//! ```
//!
//! | request | what the provider sends | answer |
//! | --- | --- | --- |
//! | `GET /esms?<query>` | an eSMS callback | 200, empty |
//! | `POST /nxcloud` | an NXCloud callback (JSON); its SMS receipt as a form, or in the URL's query string | 200, empty; `success` (`text/plain`) to an SMS receipt |
//! | `POST /wappin` | a Wappin callback (JSON, `Authorization: Bearer <token>`) | 200, `{"status":"000"}` (`application/json`) |
//! | `POST /viva` | a Viva webhook message (JSON) | 200, empty |
//! | `GET /viva` | Viva's URL verification (no body, no query string) | 200, `{"Key":"<key>"}` (`application/json`) |
//! | `GET /?<query>`, `GET /`, `POST /` | any of the above, provider detected | the provider's answer |
//!
//! Each route is a [`Webhook`] extractor; its refusals have a `text/plain` body that says
//! why ([`provider_payloads::http::Rejection`]): 401 for a Wappin callback without the
//! token of `--wappin-token` (without it the token is not checked); 403 for a Viva
//! request from an address Viva does not send from (`--no-source-check` turns the check
//! off, for local tests; `--trusted-proxy RANGE` reads `X-Forwarded-For` from a proxy of
//! yours; Viva's URL verification is answered from any address); 400 with the crate's message for a request that does not parse, or for
//! another provider's payload on a provider's path (`POST /nxcloud takes nxcloud
//! payloads; this is a wappin callback`); 422 for a payload that no provider posts to a
//! webhook (an API request or answer).
//!
//! Standard output has `listening on http://ADDR` first (the bound address, so that
//! `--listen 127.0.0.1:0` tells its port), then one line per event, written before the
//! answer is sent:
//!
//! ```text
//! event <provider> <kind> <idempotency key> <the event as compact JSON>
//! event nxcloud delivery nxcloud:f6a7d4:read {"event":"delivery","provider":"nxcloud",...}
//! ```
//!
//! `<kind>` is `delivery`, `inbound` or `payment`, the JSON's `event`. In the key, `%`,
//! spaces and control characters are percent-encoded, so that every line has these five
//! fields. Retries print the same event again: deduplicate on the key. A callback that
//! reports no event is answered and prints nothing. Notes on the set-up go to standard
//! error.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use axum::Router;
use axum::routing::{get, post};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use provider_payloads::axum::Webhook;
use provider_payloads::http::{AddressRange, FromWebhook, Policy};
use provider_payloads::viva::Verification;
use provider_payloads::wappin::CallbackToken;
use provider_payloads::{Answer, Event, Payload, esms, nxcloud, viva, wappin};

const USAGE: &str = "usage: receiver [--listen ADDR] [--viva-key KEY] [--wappin-token TOKEN]
                [--no-source-check] [--trusted-proxy RANGE]...

Listen on ADDR (default 127.0.0.1:8080) for the providers' callbacks: GET /esms,
POST /nxcloud, POST /wappin, POST /viva, and GET or POST / for any provider; print a
line for each event. GET /viva and GET / with no query string answer Viva's URL
verification with KEY (default: the example of Viva's document,
B3248222FDCD1885AEAFE51CCC1B5607F00903F6), from any address. With
--wappin-token, a Wappin callback without `Authorization: Bearer TOKEN` is refused;
without it, the token is not checked. A Viva request from an address Viva does not
send production webhooks from is refused, unless --no-source-check (for local tests);
X-Forwarded-For is read from a peer in a --trusted-proxy RANGE (10.0.0.0/8, ::1).";

/// The key answered to Viva's URL verification when `--viva-key` is not given: the
/// example in Viva's document.
const DEFAULT_VIVA_KEY: &str = "B3248222FDCD1885AEAFE51CCC1B5607F00903F6";

/// What the command line set.
struct Args {
    listen: SocketAddr,
    viva_key: String,
    policy: Policy,
    notes: Vec<&'static str>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut listen = "127.0.0.1:8080".to_owned();
    let mut viva_key = DEFAULT_VIVA_KEY.to_owned();
    let (mut policy, mut proxies, mut notes) = (Policy::new(), Vec::new(), Vec::new());
    let mut token = false;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--listen" => listen = value("--listen")?,
            "--viva-key" => viva_key = value("--viva-key")?,
            "--wappin-token" => {
                let given = CallbackToken::new(value("--wappin-token")?)
                    .map_err(|err| format!("--wappin-token: {err}"))?;
                (policy, token) = (policy.wappin_token(given), true);
            }
            "--no-source-check" => {
                policy = policy.viva_sources(None);
                notes.push("Viva's source addresses are not checked (--no-source-check)");
            }
            "--trusted-proxy" => proxies.push(
                value("--trusted-proxy")?
                    .parse::<AddressRange>()
                    .map_err(|err| err.to_string())?,
            ),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if !token {
        notes.push("Wappin's bearer token is not checked (see --wappin-token)");
    }
    let listen = listen.parse().map_err(|err| {
        format!("--listen {listen}: {err} (expected an address like 127.0.0.1:8080)")
    })?;
    let policy = policy
        .trusted_proxies(proxies)
        .viva_verification(Verification::new(&*viva_key));
    Ok(Args {
        listen,
        viva_key,
        policy,
        notes,
    })
}

/// The service: one path per provider, and `/` for any.
fn app(args: &Args) -> Router {
    Router::new()
        .route("/esms", get(receive::<esms::Callback>))
        .route("/nxcloud", post(receive::<nxcloud::Callback>))
        .route("/wappin", post(receive::<wappin::Callback>))
        .route(
            "/viva",
            post(receive::<viva::Payload>).get(receive::<viva::Payload>),
        )
        .route("/", get(receive::<Payload>).post(receive::<Payload>))
        .with_state(args.policy.clone())
}

/// Every route's handler: the extractor has checked and parsed the callback; print its
/// event, and answer what the provider expects.
async fn receive<T: FromWebhook>(Webhook(callback): Webhook<T>) -> Answer {
    if let Some(event) = callback.event() {
        print_event(&event);
    }
    callback.answer()
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(problem) if problem.is_empty() => {
            eprintln!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("receiver: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let served = tokio::runtime::Runtime::new()
        .map_err(|err| format!("cannot start the runtime: {err}"))
        .and_then(|runtime| runtime.block_on(serve(args)));
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("receiver: {problem}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: Args) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|err| format!("cannot listen on {}: {err}", args.listen))?;
    let addr = listener
        .local_addr()
        .map_err(|err| format!("no local address: {err}"))?;
    eprintln!(
        "receiver: Viva's URL verification answers the key {}",
        args.viva_key
    );
    for note in &args.notes {
        eprintln!("receiver: {note}");
    }
    print_line(&format!("listening on http://{addr}"));
    // The peer address, which the check of Viva's addresses reads.
    let service = app(&args).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .await
        .map_err(|err| format!("the server stopped: {err}"))
}

/// What is percent-encoded in the key of an event line: what would split the line.
const KEY_ESCAPES: &AsciiSet = &CONTROLS.add(b' ').add(b'%');

/// Prints an event's line: `event <provider> <kind> <key> <JSON>`.
fn print_event(event: &Event) {
    match serde_json::to_string(event) {
        Ok(json) => {
            let key = utf8_percent_encode(event.idempotency_key(), KEY_ESCAPES);
            print_line(&format!(
                "event {} {} {key} {json}",
                event.provider(),
                event.kind()
            ));
        }
        Err(err) => eprintln!("receiver: cannot write an event as JSON: {err}"),
    }
}

/// Writes one line to standard output and flushes it, whole even when handlers on
/// several threads print at once.
fn print_line(line: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(err) = writeln!(out, "{line}").and_then(|()| out.flush()) {
        eprintln!("receiver: cannot print `{line}`: {err}");
    }
}
