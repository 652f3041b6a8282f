//! A webhook receiver: an HTTP service that takes each provider's callbacks as the
//! provider sends them, parses them with the crate and answers what the provider expects.
//!
//! ```text
//! cargo run --example receiver                                # on 127.0.0.1:8080
//! cargo run --example receiver -- --listen 127.0.0.1:0        # on a free port
//! cargo run --example receiver -- --viva-key KEY --wappin-token TOKEN
//! ```
//!
//! | request | what the provider sends | answer |
//! | --- | --- | --- |
//! | `GET /esms?<query>` | an eSMS callback | 200, empty |
//! | `POST /nxcloud` | an NXCloud callback (JSON); its SMS receipt as a form, or in the URL's query string | 200, empty; `success` (`text/plain`) to an SMS receipt |
//! | `POST /wappin` | a Wappin callback (JSON, `Authorization: Bearer <token>`) | 200, `{"status":"000"}` (`application/json`) |
//! | `POST /viva` | a Viva webhook message (JSON) | 200, empty |
//! | `GET /viva` | Viva's URL verification | 200, `{"Key":"<key>"}` (`application/json`) |
//! | `GET /?<query>`, `POST /` | any of the above but the verification, provider detected | the provider's answer |
//!
//! The body and query string go to [`provider_payloads::parse`] as they came; the
//! `Content-Type` is not checked. Refusals have a `text/plain` body that says why:
//!
//! - 400 with the crate's error message when the request does not parse;
//! - 400 `POST /nxcloud takes nxcloud payloads; this is a wappin callback` when a
//!   provider's path gets another provider's payload;
//! - 401 for a Wappin callback without the token of `--wappin-token`, when one is set
//!   (without it the token is not checked);
//! - 422 `a wappin send text request is not a callback; this receiver takes callbacks
//!   only` for a payload that parses but that no provider posts to a webhook (an API
//!   request or answer, a Viva URL verification or message list): answering it 200
//!   would hide a misconfigured sender.
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
//! fields. Retries print the same event again: deduplicate on the key. A payload that
//! reports no event (a Viva message of another event type) is answered and prints nothing.
//! Notes on the set-up go to standard error.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use provider_payloads::wappin::CallbackToken;
use provider_payloads::{Answer, Event, Provider};

const USAGE: &str = "usage: receiver [--listen ADDR] [--viva-key KEY] [--wappin-token TOKEN]

Listen on ADDR (default 127.0.0.1:8080) for the providers' callbacks: GET /esms,
POST /nxcloud, POST /wappin, POST /viva, and GET or POST / for any provider; print a
line for each event. GET /viva answers Viva's URL verification with KEY (default: the
example of Viva's document, B3248222FDCD1885AEAFE51CCC1B5607F00903F6). With
--wappin-token, a Wappin callback without `Authorization: Bearer TOKEN` is refused;
without it, the token is not checked.";

/// Where to listen when `--listen` is not given.
const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// The key answered to Viva's URL verification when `--viva-key` is not given: the
/// example in Viva's document.
const DEFAULT_VIVA_KEY: &str = "B3248222FDCD1885AEAFE51CCC1B5607F00903F6";

/// What the command line set.
struct Args {
    listen: SocketAddr,
    viva_key: String,
    wappin_token: Option<String>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut listen = DEFAULT_LISTEN.to_owned();
    let mut viva_key = DEFAULT_VIVA_KEY.to_owned();
    let mut wappin_token = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--listen" => listen = value("--listen")?,
            "--viva-key" => viva_key = value("--viva-key")?,
            "--wappin-token" => wappin_token = Some(value("--wappin-token")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let listen = listen.parse().map_err(|err| {
        format!("--listen {listen}: {err} (expected an address like {DEFAULT_LISTEN})")
    })?;
    if wappin_token.as_deref() == Some("") {
        return Err("--wappin-token needs a token that is not empty".to_owned());
    }
    Ok(Args {
        listen,
        viva_key,
        wappin_token,
    })
}

/// What every handler reads.
struct Config {
    viva_key: String,
    wappin_token: Option<CallbackToken>,
}

type Shared = State<Arc<Config>>;

/// The service: one path per provider, and `/` for any.
fn app(config: Config) -> Router {
    Router::new()
        .route("/esms", one_provider("GET /esms", Provider::Esms))
        .route("/nxcloud", one_provider("POST /nxcloud", Provider::NxCloud))
        .route("/wappin", one_provider("POST /wappin", Provider::Wappin))
        .route(
            "/viva",
            one_provider("POST /viva", Provider::Viva).get(viva_verification),
        )
        .route("/", get(any_provider).post(any_provider))
        .with_state(Arc::new(config))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("receiver: {problem}\n");
            }
            eprintln!("{USAGE}");
            return if problem.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("receiver: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(args)) {
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
    eprintln!("receiver: GET /viva answers the key {}", args.viva_key);
    if args.wappin_token.is_none() {
        eprintln!("receiver: Wappin's bearer token is not checked (see --wappin-token)");
    }
    print_line(&format!("listening on http://{addr}"));
    let config = Config {
        viva_key: args.viva_key,
        wappin_token: args.wappin_token.map(CallbackToken::new),
    };
    axum::serve(listener, app(config))
        .await
        .map_err(|err| format!("the server stopped: {err}"))
}

/// The route of a provider's own path (`name`): it takes that provider's payloads only.
/// eSMS sends a `GET`, whose body (if any) is not the callback's; the others `POST`.
fn one_provider(name: &'static str, provider: Provider) -> MethodRouter<Arc<Config>> {
    let handler = move |State(config): Shared,
                        headers: HeaderMap,
                        RawQuery(query): RawQuery,
                        body: Bytes| async move {
        let body: &[u8] = if provider == Provider::Esms {
            b""
        } else {
            &body
        };
        let query = query.as_deref().unwrap_or("");
        receive(&config, Some((name, provider)), &headers, body, query)
    };
    if provider == Provider::Esms {
        get(handler)
    } else {
        post(handler)
    }
}

/// Viva's URL verification: a `GET` to the webhook URL, answered with the key.
async fn viva_verification(State(config): Shared) -> Response {
    answer(provider_payloads::viva::Verification::new(&*config.viva_key).answer())
}

async fn any_provider(
    State(config): Shared,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    receive(
        &config,
        None,
        &headers,
        &body,
        query.as_deref().unwrap_or(""),
    )
}

/// The name of a provider's path, for messages, and its provider.
type Only = Option<(&'static str, Provider)>;

/// Parses a request and answers it: the provider's answer, or a refusal that says why.
fn receive(config: &Config, only: Only, headers: &HeaderMap, body: &[u8], query: &str) -> Response {
    // On Wappin's path, the token is checked before the body is read.
    if let Some((_, Provider::Wappin)) = only {
        if !config.wappin_authorized(headers) {
            return unauthorized();
        }
    }
    let payload = match provider_payloads::parse(body, query) {
        Ok(payload) => payload,
        Err(err) => return refuse(StatusCode::BAD_REQUEST, err.to_string()),
    };
    let provider = payload.provider();
    if let Some((name, expected)) = only {
        if provider != expected {
            return refuse(
                StatusCode::BAD_REQUEST,
                format!(
                    "{name} takes {expected} payloads; this is a {provider} {}",
                    payload.kind()
                ),
            );
        }
    }
    // On `/`, the token is checked once the body shows it is Wappin's.
    if only.is_none() && provider == Provider::Wappin && !config.wappin_authorized(headers) {
        return unauthorized();
    }
    let Some(reply) = payload.answer() else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "a {provider} {} is not a callback; this receiver takes callbacks only",
                payload.kind()
            ),
        );
    };
    if let Some(event) = payload.event() {
        print_event(&event);
    }
    answer(reply)
}

impl Config {
    /// Whether the request may be a Wappin callback: it carries `Authorization: Bearer`
    /// with the configured token, or no token is configured.
    fn wappin_authorized(&self, headers: &HeaderMap) -> bool {
        let Some(token) = &self.wappin_token else {
            return true;
        };
        headers
            .get(AUTHORIZATION)
            .is_some_and(|value| token.authorizes(value.as_bytes()))
    }
}

/// A provider's [`Answer`] as an HTTP response: its status, its body, and its
/// `Content-Type` when it has one.
fn answer(answer: Answer) -> Response {
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() =
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let Some(content_type) = answer.content_type {
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    response
}

/// A refusal with a `text/plain` message.
fn refuse(status: StatusCode, message: String) -> Response {
    (status, message).into_response()
}

fn unauthorized() -> Response {
    let mut response = refuse(
        StatusCode::UNAUTHORIZED,
        "a Wappin callback needs `Authorization: Bearer <token>` with the receiver's token"
            .to_owned(),
    );
    response
        .headers_mut()
        .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// What is percent-encoded in the key of an event line: what would split the line.
const KEY_ESCAPES: &AsciiSet = &CONTROLS.add(b' ').add(b'%');

/// Prints an event's line: `event <provider> <kind> <key> <JSON>`.
fn print_event(event: &Event) {
    let kind = event.kind();
    let json = match serde_json::to_string(event) {
        Ok(json) => json,
        Err(err) => {
            eprintln!("receiver: cannot write an event as JSON: {err}");
            return;
        }
    };
    let key = utf8_percent_encode(event.idempotency_key(), KEY_ESCAPES);
    print_line(&format!("event {} {kind} {key} {json}", event.provider()));
}

/// Writes one line to standard output and flushes it, whole even when handlers on
/// several threads print at once.
fn print_line(line: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(err) = writeln!(out, "{line}").and_then(|()| out.flush()) {
        eprintln!("receiver: cannot print `{line}`: {err}");
    }
}
