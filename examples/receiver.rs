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
//! why ([`provider_payloads::http::Rejection`]): 401 for a Wappin callback without a
//! token of `--wappin-token` (given once per token; without it the token is not
//! checked), and for a Viva Sale Transactions notification not signed with a secret of
//! `--viva-secret`; 403 for a Viva request from an address Viva does not send from
//! (`--no-source-check` turns the check off, for local tests; `--trusted-proxy RANGE`
//! reads `X-Forwarded-For` from a proxy of yours; Viva's URL verification is answered
//! from any address); 400 with the crate's message for a request that does not parse,
//! or for another provider's payload on a provider's path (`POST /nxcloud takes nxcloud
//! payloads; this is a wappin callback`); 408 for a body that does not come whole in
//! time (below); 422 for a payload that no provider posts to a webhook (an API request
//! or answer).
//!
//! **Bounded in time and connections.** A client has `--header-timeout` seconds (10 by
//! default) to send a request's head, or its connection is closed, and
//! `--body-timeout` (10) from then for its body, or it is answered 408 and closed; at
//! most `--max-connections` (100) are served at once, and more wait to be accepted until
//! one closes. So idle or slow connections cannot stall the service, and the memory that
//! bodies hold is at most about the connections times the body limit (2 MiB). It is
//! served as the README's one handler is (`serve` in `one_handler.rs`).
//!
//! **Output.** Standard output has `listening on http://ADDR` first (the bound address,
//! so that `--listen 127.0.0.1:0` tells its port), then one line per event, written and
//! flushed before the answer is sent:
//!
//! ```text
//! event <provider> <kind> <idempotency key> <the event as compact JSON>
//! event nxcloud delivery nxcloud:f6a7d4:read {"event":"delivery","provider":"nxcloud",...}
//! ```
//!
//! `<kind>` is `delivery`, `inbound` or `payment`, the JSON's `event`. In the key, `%`,
//! spaces, control characters and every non-ASCII character are percent-encoded, and in
//! the JSON the line separators that JSON leaves raw (U+0085, U+2028, U+2029) are
//! escaped, so that every line has these five fields, for any line reader. Retries print
//! the same event again: deduplicate on the key. A callback that reports no event is
//! answered and prints nothing.
//!
//! The lines are written by a thread of their own, handed over through a queue of 1024:
//! a slow reader of the output never holds up the requests. An event whose line is not
//! written within a second (the reader is stuck, or the queue full) is answered 503,
//! which the provider retries (its line may still come, later: deduplicate); an event is
//! never answered 200 unless its line was written. Notes on the set-up go to standard
//! error.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::time::Duration;

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use provider_payloads::axum::Webhook;
use provider_payloads::http::{AddressRange, FromWebhook, Policy};
use provider_payloads::viva::{SubscriptionSecret, Verification};
use provider_payloads::wappin::CallbackToken;
use provider_payloads::{Event, Payload, esms, nxcloud, viva, wappin};
use tokio::sync::oneshot;

// The README's one handler, for its `serve`: this receiver is served the same way.
#[allow(dead_code)]
#[path = "one_handler.rs"]
pub mod one_handler;

const USAGE: &str = "usage: receiver [--listen ADDR] [--viva-key KEY] [--wappin-token TOKEN]...
                [--viva-secret SECRET]... [--no-source-check] [--trusted-proxy RANGE]...
                [--header-timeout SECS] [--body-timeout SECS] [--max-connections N]

Listen on ADDR (default 127.0.0.1:8080) for the providers' callbacks: GET /esms,
POST /nxcloud, POST /wappin, POST /viva, and GET or POST / for any provider; print a
line for each event. GET /viva and GET / with no query string answer Viva's URL
verification with KEY (default: the example of Viva's document,
B3248222FDCD1885AEAFE51CCC1B5607F00903F6), from any address. With
--wappin-token (one or more), a Wappin callback without `Authorization: Bearer TOKEN`
with one of them is refused; without it, the token is not checked. With --viva-secret
(one or more), a Viva Sale Transactions notification without a Viva-Signature-256 of
its body with one of them is refused. A Viva request from an address Viva does not
send production webhooks from is refused, unless --no-source-check (for local tests);
X-Forwarded-For is read from a peer in a --trusted-proxy RANGE (10.0.0.0/8, ::1).
A connection is closed when a request's head takes over --header-timeout (default 10)
seconds, and its body over --body-timeout (default 10) more; at most --max-connections
(default 100) are served at once.";

/// The key answered to Viva's URL verification when `--viva-key` is not given: the
/// example in Viva's document.
const DEFAULT_VIVA_KEY: &str = "B3248222FDCD1885AEAFE51CCC1B5607F00903F6";

/// The lines the output queue holds, and how long a request waits for its line.
const OUTPUT_QUEUE: usize = 1024;
const OUTPUT_WAIT: Duration = Duration::from_secs(1);

// What is `pub` here (the command line, `serve`, `Output`, `event_line`) is so for the
// load benchmark's servers (`load-servers/`), which take this file as a module and serve
// their handlers, on axum and on actix-web, as this receiver serves its own.

/// What the command line set.
pub struct Args {
    pub listen: SocketAddr,
    pub viva_key: String,
    pub policy: Policy,
    pub header_timeout: Duration,
    pub max_connections: usize,
    pub notes: Vec<&'static str>,
}

pub fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut listen = "127.0.0.1:8080".to_owned();
    let mut viva_key = DEFAULT_VIVA_KEY.to_owned();
    let (mut policy, mut proxies, mut notes) = (Policy::new(), Vec::new(), Vec::new());
    let mut token = false;
    let (mut header_timeout, mut body_timeout) = (Duration::from_secs(10), Duration::from_secs(10));
    let mut max_connections = 100;
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
            "--viva-secret" => {
                let given = SubscriptionSecret::new(value("--viva-secret")?)
                    .map_err(|err| format!("--viva-secret: {err}"))?;
                policy = policy.viva_signature(given);
            }
            "--no-source-check" => {
                policy = policy.viva_sources(None);
                notes.push("Viva's source addresses are not checked (--no-source-check)");
            }
            "--trusted-proxy" => proxies.push(
                value("--trusted-proxy")?
                    .parse::<AddressRange>()
                    .map_err(|err| format!("--trusted-proxy: {err}"))?,
            ),
            "--header-timeout" => {
                header_timeout = seconds("--header-timeout", &value("--header-timeout")?)?
            }
            "--body-timeout" => {
                body_timeout = seconds("--body-timeout", &value("--body-timeout")?)?
            }
            "--max-connections" => {
                max_connections = value("--max-connections")?
                    .parse()
                    .ok()
                    .filter(|count| *count > 0)
                    .ok_or("--max-connections needs a whole number over 0")?;
            }
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
        .viva_verification(Verification::new(&*viva_key))
        .body_timeout(body_timeout);
    Ok(Args {
        listen,
        viva_key,
        policy,
        header_timeout,
        max_connections,
        notes,
    })
}

/// A time given in seconds (`10`, `0.5`).
fn seconds(name: &str, text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
        .filter(|duration| !duration.is_zero())
        .ok_or(format!(
            "{name} needs a number of seconds over 0, not `{text}`"
        ))
}

/// What the handlers share: the policy the extractors check by, and the output.
#[derive(Clone)]
struct Receiver {
    policy: Policy,
    output: Output,
}

impl FromRef<Receiver> for Policy {
    fn from_ref(receiver: &Receiver) -> Policy {
        receiver.policy.clone()
    }
}

impl FromRef<Receiver> for Output {
    fn from_ref(receiver: &Receiver) -> Output {
        receiver.output.clone()
    }
}

/// The service: one path per provider, and `/` for any.
fn app(policy: Policy, output: Output) -> Router {
    Router::new()
        .route("/esms", get(receive::<esms::Callback>))
        .route("/nxcloud", post(receive::<nxcloud::Callback>))
        .route("/wappin", post(receive::<wappin::Callback>))
        .route(
            "/viva",
            post(receive::<viva::Payload>).get(receive::<viva::Payload>),
        )
        .route("/", get(receive::<Payload>).post(receive::<Payload>))
        .with_state(Receiver { policy, output })
}

/// Every route's handler: the extractor has checked and parsed the callback; print its
/// event, and answer what the provider expects, or 503 when the line could not be
/// written in time.
async fn receive<T: FromWebhook>(State(output): State<Output>, callback: Webhook<T>) -> Response {
    if let Some(event) = callback.event() {
        let Some(line) = event_line(&event) else {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the event could not be written as JSON",
            )
                .into_response();
        };
        if !output.write(line).await {
            let message = "the event could not be written in time; send it again";
            return (StatusCode::SERVICE_UNAVAILABLE, message).into_response();
        }
    }
    callback.answer().into_response()
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

pub async fn serve(args: Args) -> Result<(), String> {
    let (listener, output) = listen(args.listen).await?;
    eprintln!(
        "receiver: Viva's URL verification answers the key {}",
        args.viva_key
    );
    for note in &args.notes {
        eprintln!("receiver: {note}");
    }
    let app = app(args.policy, output);
    one_handler::serve(listener, app, args.header_timeout, args.max_connections).await;
    Ok(())
}

/// Listens on `addr`, and starts the output with the line that says the address bound.
pub async fn listen(addr: SocketAddr) -> Result<(tokio::net::TcpListener, Output), String> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|err| format!("cannot listen on {addr}: {err}"))?;
    let bound = listener
        .local_addr()
        .map_err(|err| format!("no local address: {err}"))?;
    Ok((
        listener,
        Output::start(format!("listening on http://{bound}")),
    ))
}

/// The event lines' way to standard output: a queue of [`OUTPUT_QUEUE`] lines to a
/// thread that writes them, so that no request waits on a write.
#[derive(Clone)]
pub struct Output(SyncSender<(String, oneshot::Sender<()>)>);

impl Output {
    /// Starts the writer, which writes `first` before any event line.
    pub fn start(first: String) -> Output {
        let (queue, lines) = sync_channel::<(String, oneshot::Sender<()>)>(OUTPUT_QUEUE);
        std::thread::spawn(move || {
            let mut out = std::io::stdout().lock();
            // The line and its newline in one buffer, one `write`: `writeln!` writes a
            // line longer than standard output's buffer, then its newline, in two.
            let mut write = |mut line: String| {
                line.push('\n');
                out.write_all(line.as_bytes()).and_then(|()| out.flush())
            };
            if let Err(err) = write(first.clone()) {
                eprintln!("receiver: cannot print `{first}`: {err}");
            }
            for (line, written) in lines {
                match write(line) {
                    // The request may have stopped waiting: its line is written all the same.
                    Ok(()) => drop(written.send(())),
                    Err(err) => eprintln!("receiver: cannot print an event line: {err}"),
                }
            }
        });
        Output(queue)
    }

    /// Hands `line` to the writer and waits for it to be written, [`OUTPUT_WAIT`] at the
    /// most; `false` when the queue is full or the time passed.
    pub async fn write(&self, line: String) -> bool {
        let (written, done) = oneshot::channel();
        if self.0.try_send((line, written)).is_err() {
            return false;
        }
        matches!(tokio::time::timeout(OUTPUT_WAIT, done).await, Ok(Ok(())))
    }
}

/// What is percent-encoded in the key of an event line: what would split the line (and,
/// as in every percent-encoding, each non-ASCII character).
const KEY_ESCAPES: &AsciiSet = &CONTROLS.add(b' ').add(b'%');

/// An event's line: `event <provider> <kind> <key> <JSON>`; `None` when the event cannot
/// be written as JSON.
pub fn event_line(event: &Event) -> Option<String> {
    let json = serde_json::to_string(event).ok()?;
    let key = utf8_percent_encode(event.idempotency_key(), KEY_ESCAPES);
    Some(format!(
        "event {} {} {key} {}",
        event.provider(),
        event.kind(),
        escape_line_separators(json)
    ))
}

/// `json` with the characters that some line readers split on and JSON leaves raw
/// (U+0085, U+2028, U+2029; the others are control characters, which JSON escapes)
/// written as escapes, which read as the same strings.
fn escape_line_separators(json: String) -> String {
    if !json.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        return json;
    }
    json.replace('\u{85}', "\\u0085")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}
