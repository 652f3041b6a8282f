//! The webhook receiver (`examples/receiver.rs`) as a provider meets it: the example runs
//! as a child process on a free loopback port, and every fixture is sent to it as the
//! HTTP request its provider sends. Each answer and each printed event line is compared
//! with what the library computes for the same input. The README's one handler
//! (`examples/one_handler.rs`, its code word for word) is run the same way, and verified
//! as Viva verifies a URL. The examples and these tests need the `axum` feature: `cargo
//! test --features axum` builds the examples before these run; `cargo test --features
//! axum --test receiver` alone does not, so build them first (`cargo build --features
//! axum --examples`). The receivers are started with
//! `--no-source-check`, as they are sent to from 127.0.0.1, but where the test is of
//! that check.
//!
//! The client is `std::net::TcpStream` writing HTTP/1.1 by hand: no dependency to build,
//! and the test controls every byte of the request line and headers and sees every byte
//! of the answer (an absent `Content-Type` included), with keep-alive under its control.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use provider_payloads::{Answer, Event, Payload, Provider, viva};

use common::as_request_target;

/// The bearer token the receivers of these tests are started with, as Wappin sends it.
const WAPPIN_TOKEN: &str = "wappin-callback-token";

/// The key the receiver answers Viva's URL verification with when given none: the
/// example of Viva's document, as the example's doc comment says.
const DEFAULT_VIVA_KEY: &str = "B3248222FDCD1885AEAFE51CCC1B5607F00903F6";

/// How long to wait for a line or an answer before the test fails.
const WAIT: Duration = Duration::from_secs(10);

/// The example `name`'s executable, which `cargo test --features axum` builds.
fn example(name: &str) -> PathBuf {
    // tests run from target/<profile>/deps; examples are built into target/<profile>/examples
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).unwrap();
    let example = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        example.is_file(),
        "{} is missing: run `cargo test --features axum` (which builds the examples) or `cargo build --features axum --example {name}`",
        example.display()
    );
    example
}

/// The receiver, running; killed when dropped, also when a test panics.
struct Service {
    child: Child,
    addr: SocketAddr,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
    /// Set while standard output is not read past its first line: sending on it reads on.
    paused: Option<mpsc::Sender<()>>,
}

impl Service {
    /// Starts the receiver on a free loopback port with `args`, and waits for its
    /// `listening on` line.
    fn start(args: &[&str]) -> Service {
        Service::start_example("receiver", args)
    }

    /// Starts the example `name` as [`Service::start`] starts the receiver.
    fn start_example(name: &str, args: &[&str]) -> Service {
        Service::start_reading(name, args, false)
    }

    /// Starts the receiver as [`Service::start`] does, but reads nothing of its output
    /// past the first line until [`Service::read_output`], so that the pipe fills.
    fn start_unread(args: &[&str]) -> Service {
        Service::start_reading("receiver", args, true)
    }

    fn start_reading(name: &str, args: &[&str], pause: bool) -> Service {
        let mut child = Command::new(example(name))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (send, lines) = mpsc::channel();
        let (resume, gate) = mpsc::channel::<()>();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            for (at, line) in stdout.lines().enumerate() {
                if send.send(line.unwrap()).is_err() {
                    break;
                }
                if at == 0 && pause {
                    let _ = gate.recv();
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let collected = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            collected.lock().unwrap().push_str(&text);
        });
        let mut service = Service {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            lines,
            stderr,
            paused: pause.then_some(resume),
        };
        let first = service.next_line();
        let addr = first
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("the first line is not the address: {first}"));
        service.addr = addr.parse().unwrap();
        assert!(service.addr.ip().is_loopback() && service.addr.port() != 0);
        service
    }

    /// Reads the receiver's output on, after [`Service::start_unread`].
    fn read_output(&mut self) {
        if let Some(resume) = self.paused.take() {
            resume.send(()).unwrap();
        }
    }

    /// The next line the receiver printed.
    fn next_line(&self) -> String {
        match self.lines.recv_timeout(WAIT) {
            Ok(line) => line,
            Err(err) => panic!(
                "no line from the receiver ({err}); stderr: {}",
                self.stderr()
            ),
        }
    }

    /// Asserts that the receiver printed nothing more.
    fn assert_no_more_lines(&self) {
        match self.lines.recv_timeout(Duration::from_millis(300)) {
            Err(RecvTimeoutError::Timeout) => {}
            Ok(line) => panic!("an unexpected line: {line}"),
            Err(RecvTimeoutError::Disconnected) => {
                panic!("the receiver stopped; stderr: {}", self.stderr())
            }
        }
    }

    fn connect(&self) -> Connection {
        Connection::open(self.addr)
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP/1.1 request.
#[derive(Clone, Debug)]
struct Request {
    method: &'static str,
    target: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

/// An HTTP/1.1 answer.
#[derive(Clone, Debug, PartialEq)]
struct Response {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One connection, kept alive from request to request.
struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Connection {
    fn open(addr: SocketAddr) -> Connection {
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.set_nodelay(true).unwrap();
        Connection {
            reader: BufReader::new(stream.try_clone().unwrap()),
            writer: stream,
        }
    }

    fn send(&mut self, request: &Request) -> Response {
        let mut head = format!(
            "{} {} HTTP/1.1\r\nHost: {}\r\n",
            request.method,
            request.target,
            self.writer.peer_addr().unwrap()
        );
        for (name, value) in &request.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if request.method != "GET" || !request.body.is_empty() {
            head.push_str(&format!("Content-Length: {}\r\n", request.body.len()));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&request.body);
        self.writer.write_all(&bytes).unwrap();
        self.read_response()
    }

    fn read_response(&mut self) -> Response {
        let status_line = self.read_line();
        let status = status_line
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP/1.1 status line: {status_line:?}"));
        let mut headers = HashMap::new();
        loop {
            let line = self.read_line();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').unwrap();
            let previous = headers.insert(name.to_ascii_lowercase(), value.trim().to_owned());
            assert!(previous.is_none(), "the header {name} comes twice");
        }
        assert!(
            !headers.contains_key("transfer-encoding"),
            "a chunked answer: {headers:?}"
        );
        let length: usize = headers["content-length"].parse().unwrap();
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        Response {
            status,
            content_type: headers.remove("content-type"),
            body,
        }
    }

    fn read_line(&mut self) -> String {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        assert!(line.ends_with("\r\n"), "a cut line: {line:?}");
        line.truncate(line.len() - 2);
        line
    }
}

/// A JSON body as `provider` posts it: NXCloud and Viva with its `Content-Type`, Wappin
/// with its bearer token too.
fn post(provider: &str, target: &str, body: &[u8]) -> Request {
    let mut headers = vec![("Content-Type", "application/json".to_owned())];
    if provider == "wappin" {
        headers.push(("Authorization", format!("Bearer {WAPPIN_TOKEN}")));
    }
    Request {
        method: "POST",
        target: target.to_owned(),
        headers,
        body: body.to_vec(),
    }
}

/// eSMS's `GET` with the query string; with none, Viva's URL verification (a `GET` with
/// no body and no query string).
fn get(path: &str, query: &str) -> Request {
    Request {
        method: "GET",
        target: if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        },
        headers: Vec::new(),
        body: Vec::new(),
    }
}

/// A fixture as its provider sends it, to `path` (its provider's, or `/`): eSMS's `GET`
/// (its API's answers, JSON, as a `POST`);
/// NXCloud's SMS receipt as a form `POST`, or a `POST` with the receipt in the URL's
/// query; the others' JSON `POST`.
fn provider_request(fixture: &common::Request, path: &str) -> Request {
    if fixture.provider == "esms" && fixture.body.is_empty() {
        assert_eq!(
            as_request_target(&fixture.query),
            fixture.query,
            "{}: eSMS sends it as it is",
            fixture.path.display()
        );
        get(path, &fixture.query)
    } else if fixture.body.is_empty() {
        Request {
            method: "POST",
            target: format!("{path}?{}", as_request_target(&fixture.query)),
            headers: Vec::new(),
            body: Vec::new(),
        }
    } else {
        let mut request = post(fixture.provider, path, &fixture.body);
        if !fixture.is_json() {
            request.headers[0].1 = "application/x-www-form-urlencoded".to_owned();
        }
        request
    }
}

/// The line the receiver prints for an event, made from its JSON and the doc comment's
/// format: `event <provider> <kind> <key> <JSON>`, the kind being the JSON's `event`.
fn event_line(event: &Event) -> String {
    let json = serde_json::to_string(event).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let kind = value["event"].as_str().unwrap();
    let key = event.idempotency_key();
    assert!(
        !key.contains([' ', '%']) && !key.contains(char::is_control),
        "{key}: a key the line must escape (see a_key_with_spaces_keeps_the_line_in_five_fields)"
    );
    format!("event {} {kind} {key} {json}", event.provider())
}

/// What the receiver must answer to a request the library reads as `parsed`, on `path`,
/// and the line it must print.
fn expected(
    parsed: &Result<Payload, provider_payloads::Error>,
    path: &str,
) -> (Response, Option<String>) {
    let text = |status, message: String| Response {
        status,
        content_type: Some("text/plain; charset=utf-8".to_owned()),
        body: message.into_bytes(),
    };
    let payload = match parsed {
        Ok(payload) => payload,
        Err(err) => return (text(400, err.to_string()), None),
    };
    let provider = payload.provider();
    if let Some(only) = path.strip_prefix('/').filter(|name| !name.is_empty()) {
        let route = if only == "esms" {
            "GET /esms".to_owned()
        } else {
            format!("POST /{only}")
        };
        if only != provider.as_str() {
            let message = format!(
                "{route} takes {only} payloads; this is a {provider} {}",
                payload.kind()
            );
            return (text(400, message), None);
        }
    }
    // Viva's URL verification key is what a receiver answers to Viva's `GET`; posted, it
    // is no callback.
    let posted = !matches!(
        payload,
        Payload::Viva(viva::Payload::Verification(_) | viva::Payload::IsvVerification(_))
    );
    match payload.answer().filter(|_| posted) {
        Some(answer) => (
            Response {
                status: answer.status,
                content_type: answer.content_type.map(str::to_owned),
                body: answer.body.into_owned(),
            },
            payload.event().map(|event| event_line(&event)),
        ),
        None => (
            text(
                422,
                format!(
                    "a {provider} {} is not a callback; this receiver takes callbacks only",
                    payload.kind()
                ),
            ),
            None,
        ),
    }
}

/// A request with what the receiver must answer and print.
#[derive(Clone, Debug)]
struct Case {
    name: String,
    request: Request,
    response: Response,
    line: Option<String>,
}

/// Every valid fixture, to its provider's path and to `/`.
fn valid_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for fixture in common::requests() {
        let parsed = provider_payloads::parse(&fixture.body, &fixture.query);
        assert_eq!(
            parsed.as_ref().map(Payload::provider).ok(),
            Some(fixture.provider.parse::<Provider>().unwrap()),
            "{}",
            fixture.path.display()
        );
        // eSMS's own path takes its `GET`; its API's answers (JSON) go to `/` only.
        let own = (fixture.provider != "esms" || fixture.body.is_empty())
            .then(|| format!("/{}", fixture.provider));
        for path in own.into_iter().chain(["/".to_owned()]) {
            let (response, line) = expected(&parsed, &path);
            cases.push(Case {
                name: format!("{} to {path}", fixture.path.display()),
                request: provider_request(&fixture, &path),
                response,
                line,
            });
        }
    }
    cases
}

/// Every invalid fixture, to its provider's path.
fn invalid_cases() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut cases = Vec::new();
    for provider in Provider::ALL {
        let dir = root.join(provider.as_str()).join("invalid");
        let path = format!("/{provider}");
        if provider == Provider::Esms {
            for file in common::files(&dir, "query") {
                let text = std::fs::read_to_string(&file).unwrap();
                let query = as_request_target(text.trim());
                let parsed = on_route(provider, provider_payloads::parse(b"", &query), b"", &query);
                assert!(parsed.is_err(), "{}", file.display());
                let (response, line) = expected(&parsed, &path);
                cases.push(Case {
                    name: file.display().to_string(),
                    request: get(&path, &query),
                    response,
                    line,
                });
            }
        } else {
            let mut files = common::files(&dir, "json");
            files.extend(common::files(&dir, "form"));
            for file in files {
                let body = std::fs::read(&file).unwrap();
                let parsed = on_route(provider, provider_payloads::parse(&body, ""), &body, "");
                assert!(parsed.is_err(), "{}", file.display());
                let (response, line) = expected(&parsed, &path);
                cases.push(Case {
                    name: file.display().to_string(),
                    request: post(provider.as_str(), &path, &body),
                    response,
                    line,
                });
            }
        }
    }
    cases
}

/// What the route of `provider`'s payloads makes of a request `parse` read as `parsed`:
/// the same, but where `parse` could tell no kind of the provider's (its error names no
/// provider or another): a route of one provider reports such a request as that
/// provider's entry point does, naming it and its kinds alone.
fn on_route(
    provider: Provider,
    parsed: Result<Payload, provider_payloads::Error>,
    body: &[u8],
    query: &str,
) -> Result<Payload, provider_payloads::Error> {
    use provider_payloads::{esms, nxcloud, viva, wappin};
    match parsed {
        Err(err) if err.provider() != Some(provider) => Err(match provider {
            Provider::NxCloud => nxcloud::Callback::from_request(body, query).map(drop),
            Provider::Esms => esms::Payload::from_query(query).map(drop),
            Provider::Wappin => wappin::Payload::from_json(body).map(drop),
            _ => viva::Payload::from_json(body).map(drop),
        }
        .unwrap_err()),
        parsed => parsed,
    }
}

/// Every valid fixture to every other provider's path (eSMS's query as a `POST` with no
/// body, which is how `parse` reads it).
fn wrong_provider_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for fixture in common::requests() {
        let parsed = provider_payloads::parse(&fixture.body, &fixture.query);
        for other in ["nxcloud", "wappin", "viva"] {
            if other == fixture.provider {
                continue;
            }
            let path = format!("/{other}");
            let mut request = post(fixture.provider, &path, &fixture.body);
            if other == "wappin" && fixture.provider != "wappin" {
                // With the token: it is checked before the body (see the token's test).
                request
                    .headers
                    .push(("Authorization", format!("Bearer {WAPPIN_TOKEN}")));
            }
            if !fixture.query.is_empty() {
                request.target = format!("{path}?{}", as_request_target(&fixture.query));
            }
            let (response, line) = expected(&parsed, &path);
            cases.push(Case {
                name: format!("{} to {path}", fixture.path.display()),
                request,
                response,
                line,
            });
        }
    }
    cases
}

/// Sends `cases` in order on one connection, asserting each answer and each line.
fn send_in_order(service: &Service, cases: &[Case]) {
    let mut connection = service.connect();
    for case in cases {
        let response = connection.send(&case.request);
        assert_eq!(
            response,
            case.response,
            "{}: {}",
            case.name,
            response.text()
        );
        if let Some(line) = &case.line {
            assert_eq!(&service.next_line(), line, "{}", case.name);
        }
    }
    service.assert_no_more_lines();
}

#[test]
fn every_fixture_gets_the_answer_its_provider_expects_and_prints_its_event() {
    let service = Service::start(&["--wappin-token", WAPPIN_TOKEN, "--no-source-check"]);
    let cases = valid_cases();
    // Every provider, callbacks with and without an event, and payloads that are not
    // callbacks: the fixtures cover each branch of the receiver.
    let count = |f: &dyn Fn(&Case) -> bool| cases.iter().filter(|c| f(c)).count();
    assert!(count(&|c| c.line.is_some()) >= 20, "{cases:#?}");
    assert!(count(&|c| c.response.status == 422) >= 10);
    for (provider, answer) in [
        ("nxcloud", Answer::OK),
        ("esms", Answer::OK),
        ("wappin", provider_payloads::wappin::Callback::ANSWER),
        ("viva", Answer::OK),
    ] {
        assert!(
            count(&|c| c.name.contains(&format!("/{provider}/"))
                && c.line.is_some()
                && c.response.body == *answer.body
                && c.response.content_type.as_deref() == answer.content_type)
                > 0,
            "no {provider} event answered {answer:?}"
        );
    }
    send_in_order(&service, &cases);
}

#[test]
fn another_providers_payload_on_a_providers_path_is_refused() {
    let service = Service::start(&["--wappin-token", WAPPIN_TOKEN, "--no-source-check"]);
    let cases = wrong_provider_cases();
    assert!(
        cases
            .iter()
            .all(|case| case.response.status == 400 && case.line.is_none())
    );
    let wappin_on_viva = cases
        .iter()
        .find(|case| case.name.ends_with("wappin/callback_status.json to /viva"))
        .unwrap();
    assert_eq!(
        wappin_on_viva.response.text(),
        "POST /viva takes viva payloads; this is a wappin callback"
    );
    send_in_order(&service, &cases);
}

#[test]
fn every_invalid_fixture_gets_400_with_the_crates_message() {
    let service = Service::start(&["--wappin-token", WAPPIN_TOKEN, "--no-source-check"]);
    let cases = invalid_cases();
    assert!(cases.len() >= 80, "{}", cases.len());
    for case in &cases {
        assert_eq!(case.response.status, 400, "{}", case.name);
        assert!(!case.response.body.is_empty(), "{}", case.name);
    }
    send_in_order(&service, &cases);
}

#[test]
fn a_burst_over_eight_connections_is_answered_whole() {
    const CONNECTIONS: usize = 8;
    const PER_CONNECTION: usize = 500;
    let service = Service::start(&["--wappin-token", WAPPIN_TOKEN, "--no-source-check"]);
    // Mostly callbacks, as a provider's traffic is, with every refusal mixed in.
    let mut cases = [valid_cases(), valid_cases(), valid_cases()].concat();
    cases.extend(invalid_cases());
    cases.extend(wrong_provider_cases());
    cases.push(Case {
        name: "Viva's URL verification".to_owned(),
        request: get("/viva", ""),
        response: Response {
            status: 200,
            content_type: Some("application/json".to_owned()),
            body: provider_payloads::viva::Verification::new(DEFAULT_VIVA_KEY)
                .answer()
                .body
                .into_owned(),
        },
        line: None,
    });
    assert!(cases.len() < CONNECTIONS * PER_CONNECTION);
    let cases = Arc::new(cases);

    let started = Instant::now();
    let threads: Vec<_> = (0..CONNECTIONS)
        .map(|connection| {
            let cases = Arc::clone(&cases);
            let mut stream = service.connect();
            std::thread::spawn(move || {
                let mut lines = Vec::new();
                for i in 0..PER_CONNECTION {
                    // Together the connections walk the cases in turn, each case at least once.
                    let case = &cases[(i * CONNECTIONS + connection) % cases.len()];
                    let response = stream.send(&case.request);
                    assert_eq!(
                        response,
                        case.response,
                        "{}: {}",
                        case.name,
                        response.text()
                    );
                    lines.extend(case.line.clone());
                }
                lines
            })
        })
        .collect();
    let mut expected_lines: Vec<String> = threads
        .into_iter()
        .flat_map(|thread| thread.join().unwrap())
        .collect();
    let answered = started.elapsed();

    let mut printed: Vec<String> = expected_lines.iter().map(|_| service.next_line()).collect();
    service.assert_no_more_lines();
    expected_lines.sort();
    printed.sort();
    assert_eq!(printed.len(), expected_lines.len());
    if let Some((printed, expected)) = printed.iter().zip(&expected_lines).find(|(p, e)| p != e) {
        panic!("a printed line differs from the events sent:\n{printed}\n{expected}");
    }
    assert!(expected_lines.len() > CONNECTIONS * PER_CONNECTION / 5);
    eprintln!(
        "{} requests over {CONNECTIONS} connections answered in {answered:.2?}, {} event lines",
        CONNECTIONS * PER_CONNECTION,
        printed.len()
    );
}

#[test]
fn viva_url_verification_answers_the_key_given_or_the_documented_one() {
    // Viva's addresses are checked (no --no-source-check), and the verification comes
    // from 127.0.0.1: it is answered all the same, on Viva's path and on `/`.
    for (args, key) in [
        (&["--viva-key", "0123ABCD"][..], "0123ABCD"),
        (&[][..], DEFAULT_VIVA_KEY),
    ] {
        let service = Service::start(args);
        let mut connection = service.connect();
        for path in ["/viva", "/"] {
            assert_verification(&connection.send(&get(path, "")), key);
        }
        // Only the verification goes unchecked: a key posted is a Viva body, refused
        // from this address; a `GET /` with a query string is eSMS's.
        for path in ["/viva", "/"] {
            let posted = post("viva", path, format!(r#"{{"Key":"{key}"}}"#).as_bytes());
            assert_eq!(connection.send(&posted).status, 403, "{path}");
        }
        assert_eq!(connection.send(&get("/", "a=1")).status, 400);
        service.assert_no_more_lines();
    }
}

/// Asserts that `response` answers Viva's URL verification with `key`.
fn assert_verification(response: &Response, key: &str) {
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.content_type.as_deref(), Some("application/json"));
    assert_eq!(response.text(), format!(r#"{{"Key":"{key}"}}"#));
}

/// The code of the README's section `heading`: its first Rust block, without the lines
/// rustdoc hides (`# `).
fn readme_code(heading: &str) -> String {
    let readme = include_str!("../README.md");
    let section = &readme[readme.find(heading).unwrap()..];
    let block = &section[section.find("```rust\n").unwrap() + "```rust\n".len()..];
    let block = &block[..block.find("\n```\n").unwrap() + 1];
    block
        .lines()
        .filter(|line| !line.starts_with("# ") && *line != "#")
        .map(|line| format!("{line}\n"))
        .collect()
}

/// What a crate that copies the README's one handler does: `examples/one_handler.rs`
/// holds the README's code word for word, and served on 127.0.0.1 with the README's
/// configuration (the check of Viva's addresses on), it answers Viva's URL
/// verification with the key it was given, over HTTP, as it answers the providers'
/// callbacks.
#[test]
fn the_readmes_one_handler_answers_vivas_url_verification() {
    let example = include_str!("../examples/one_handler.rs");
    let (from, to) = ("// The README's code, from here...\n", "// ...to here.\n");
    let start = example.find(from).unwrap() + from.len();
    let code = &example[start..example.find(to).unwrap()];
    assert!(code.contains(".viva_verification(") && code.contains(".get(webhook)"));
    assert_eq!(readme_code("## One handler for every provider"), code);

    let key = "0123456789ABCDEF0123456789ABCDEF01234567";
    let service = Service::start_example(
        "one_handler",
        &["--viva-key", key, "--wappin-token", WAPPIN_TOKEN],
    );
    let mut connection = service.connect();
    assert_verification(&connection.send(&get("/webhooks", "")), key);
    // Viva's notifications from 127.0.0.1 are refused: its addresses are checked.
    let payment = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/viva/transaction_payment_created.json"),
    )
    .unwrap();
    let refused = connection.send(&post("viva", "/webhooks", &payment));
    assert_eq!(refused.status, 403, "{}", refused.text());
    // eSMS's GET and Wappin's callback, by the same handler and its own.
    let esms = get(
        "/webhooks",
        "SMSID=849fe08c19294b02857cf91687021a50250&SendFailed=0&SendStatus=5&SendSuccess=1",
    );
    assert_eq!(connection.send(&esms).status, 200);
    assert_eq!(
        service.next_line(),
        "849fe08c19294b02857cf91687021a50250 is Delivered"
    );
    let status = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/wappin/callback_status.json"),
    )
    .unwrap();
    let wappin = connection.send(&post("wappin", "/wappin", &status));
    assert_eq!(wappin.text(), r#"{"status":"000"}"#);
    assert!(!service.next_line().is_empty());
    service.assert_no_more_lines();
}

/// Wappin's status callback (its fixture), and its event.
fn wappin_status() -> (Vec<u8>, Event) {
    let body = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/wappin/callback_status.json"),
    )
    .unwrap();
    let event = provider_payloads::parse(&body, "")
        .unwrap()
        .event()
        .unwrap();
    (body, event)
}

/// Wappin's `POST` of `body` to `path` with this `Authorization` (or none).
fn with_authorization(body: &[u8], path: &str, authorization: Option<&str>) -> Request {
    let mut request = post("wappin", path, body);
    request.headers.retain(|(name, _)| *name != "Authorization");
    request
        .headers
        .extend(authorization.map(|value| ("Authorization", value.to_owned())));
    request
}

#[test]
fn a_wappin_callback_needs_the_bearer_token_when_one_is_set() {
    let (body, event) = wappin_status();
    let with = |path: &str, authorization| with_authorization(&body, path, authorization);

    let service = Service::start(&["--wappin-token", WAPPIN_TOKEN, "--no-source-check"]);
    let mut connection = service.connect();
    for path in ["/wappin", "/"] {
        for authorization in [
            None,
            Some("Bearer wrong-token"),
            Some("Bearer wappin-callback-toke"),
            Some("Bearer wappin-callback-tokens"),
            Some("Bearer  wappin-callback-token"),
            Some("Basic d2FwcGluLWNhbGxiYWNrLXRva2Vu"),
            Some(WAPPIN_TOKEN),
        ] {
            let response = connection.send(&with(path, authorization));
            assert_eq!(response.status, 401, "{path} {authorization:?}");
            assert!(
                response.text().contains("Authorization: Bearer"),
                "{}",
                response.text()
            );
        }
        for authorization in [
            "Bearer wappin-callback-token",
            "bearer wappin-callback-token",
        ] {
            let response = connection.send(&with(path, Some(authorization)));
            assert_eq!(response.status, 200, "{path} {authorization}");
            assert_eq!(response.text(), r#"{"status":"000"}"#);
            assert_eq!(service.next_line(), event_line(&event));
        }
    }
    // Two `Authorization` headers, the right one among them: which was meant cannot be
    // told.
    for path in ["/wappin", "/"] {
        for [first, second] in [
            ["Bearer wappin-callback-token", "Bearer wrong-token"],
            ["Bearer wrong-token", "Bearer wappin-callback-token"],
            [
                "Bearer wappin-callback-token",
                "Bearer wappin-callback-token",
            ],
        ] {
            let mut request = with(path, Some(first));
            request.headers.push(("Authorization", second.to_owned()));
            let response = connection.send(&request);
            assert_eq!(response.status, 401, "{path} {first} {second}");
            assert_eq!(
                response.text(),
                "the request has more than one `Authorization` header: a callback carries \
                 one, and which to check cannot be told"
            );
        }
    }
    // On Wappin's path, the token is checked before the body is read.
    let broken = Request {
        body: b"{".to_vec(),
        ..with("/wappin", None)
    };
    assert_eq!(connection.send(&broken).status, 401);
    assert_eq!(
        connection.send(&post("wappin", "/wappin", b"{")).status,
        400
    );
    service.assert_no_more_lines();

    // Without --wappin-token, the token is not checked.
    let service = Service::start(&[]);
    let response = service.connect().send(&with("/wappin", None));
    assert_eq!(response.status, 200);
    assert_eq!(service.next_line(), event_line(&event));
}

#[test]
fn with_two_wappin_tokens_either_passes_and_no_refusal_names_one() {
    const OLD: &str = "old-wappin-t0ken";
    const NEW: &str = "new-wappin-t0ken";
    let (body, event) = wappin_status();
    let with =
        |path: &str, authorization: &str| with_authorization(&body, path, Some(authorization));
    let service = Service::start(&["--wappin-token", OLD, "--wappin-token", NEW]);
    let mut connection = service.connect();
    for path in ["/wappin", "/"] {
        for token in [OLD, NEW] {
            let response = connection.send(&with(path, &format!("Bearer {token}")));
            assert_eq!(response.status, 200, "{path} {token}");
            assert_eq!(response.text(), r#"{"status":"000"}"#);
            assert_eq!(service.next_line(), event_line(&event));
        }
        for wrong in ["Bearer wappin-t0ken", "Bearer old-wappin-t0kenn", OLD] {
            let response = connection.send(&with(path, wrong));
            assert_eq!(response.status, 401, "{path} {wrong}");
            for token in [OLD, NEW] {
                assert!(!response.text().contains(token), "{}", response.text());
            }
        }
    }
    service.assert_no_more_lines();
    let log = service.stderr();
    for token in [OLD, NEW] {
        assert!(
            !log.contains(token),
            "the receiver's log names a token: {log}"
        );
    }
}

#[test]
fn a_key_with_spaces_keeps_the_line_in_five_fields() {
    let service = Service::start(&[]);
    let body = br#"{"status":"seen","requestId":"r 1%\nevent x","code":11002,"message":"m","sendTime":"2023-07-13 15:12:11"}"#;
    let response = service.connect().send(&post("nxcloud", "/nxcloud", body));
    assert_eq!(response.status, 200);
    let event = provider_payloads::parse(body, "").unwrap().event().unwrap();
    assert_eq!(event.idempotency_key(), "nxcloud:r 1%\nevent x:read");
    let json = serde_json::to_string(&event).unwrap();
    assert_eq!(
        service.next_line(),
        format!("event nxcloud delivery nxcloud:r%201%25%0Aevent%20x:read {json}")
    );
    service.assert_no_more_lines();
}

#[test]
fn line_separators_in_an_event_are_escaped_and_its_line_stays_one() {
    let service = Service::start(&[]);
    // U+2028, U+0085 and U+2029 in the id: JSON leaves them raw, line readers split.
    let body = br#"{"status":"seen","requestId":"a\u2028b\u0085c\u2029d","code":11002,"message":"m","sendTime":"2023-07-13 15:12:11"}"#;
    let response = service.connect().send(&post("nxcloud", "/nxcloud", body));
    assert_eq!(response.status, 200);
    let event = provider_payloads::parse(body, "").unwrap().event().unwrap();
    let line = service.next_line();
    assert!(!line.contains(['\u{85}', '\u{2028}', '\u{2029}']), "{line}");
    let fields: Vec<&str> = line.splitn(5, ' ').collect();
    assert_eq!(fields[3], "nxcloud:a%E2%80%A8b%C2%85c%E2%80%A9d:read");
    assert!(
        fields[4].contains(r#""message_id":"a\u2028b\u0085c\u2029d""#),
        "{line}"
    );
    assert_eq!(serde_json::from_str::<Event>(fields[4]).unwrap(), event);
    service.assert_no_more_lines();
}

#[test]
fn wrong_methods_paths_and_broken_http_are_refused_and_the_service_goes_on() {
    let service = Service::start(&[]);
    let receipt = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/nxcloud/receipt_seen.json"),
    )
    .unwrap();
    let mut connection = service.connect();
    for (request, status) in [
        (get("/nxcloud", ""), 405),
        (post("nxcloud", "/esms", b""), 405),
        (post("nxcloud", "/sms", &receipt), 404),
    ] {
        assert_eq!(connection.send(&request).status, status, "{request:?}");
    }

    let mut broken = TcpStream::connect(service.addr).unwrap();
    broken.set_read_timeout(Some(WAIT)).unwrap();
    broken.write_all(b"NOT HTTP AT ALL\r\n\r\n").unwrap();
    let mut answer = String::new();
    broken.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");

    let response = connection.send(&post("nxcloud", "/nxcloud", &receipt));
    assert_eq!(response.status, 200);
    assert!(service.next_line().starts_with("event nxcloud delivery "));
    service.assert_no_more_lines();
}

#[test]
fn a_viva_callback_from_outside_the_lists_is_refused_on_every_route() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/viva");
    let payment = std::fs::read(root.join("transaction_payment_created.json")).unwrap();
    let event = provider_payloads::parse(&payment, "")
        .unwrap()
        .event()
        .unwrap();
    let from = |path: &str, body: &[u8], forwarded_for: Option<&str>| {
        let mut request = post("viva", path, body);
        request
            .headers
            .extend(forwarded_for.map(|value| ("X-Forwarded-For", value.to_owned())));
        request
    };

    // By default the receiver checks Viva's production addresses against the peer's:
    // 127.0.0.1 is not among them, and what the client writes in X-Forwarded-For is not
    // read. The body is not read either (a broken one gets the same answer).
    let service = Service::start(&[]);
    let mut connection = service.connect();
    for path in ["/viva", "/"] {
        for request in [
            from(path, &payment, None),
            from(path, &payment, Some("51.138.37.238")),
            from("/viva", b"{", None),
        ] {
            let response = connection.send(&request);
            assert_eq!(response.status, 403, "{request:?}");
            assert_eq!(
                response.text(),
                "a Viva request from 127.0.0.1, which is not an address Viva sends production \
                 webhooks from"
            );
        }
    }
    // Another provider's callback is not Viva's to check.
    let receipt = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/nxcloud/receipt_seen.json"),
    )
    .unwrap();
    assert_eq!(connection.send(&post("nxcloud", "/", &receipt)).status, 200);
    assert!(service.next_line().starts_with("event nxcloud delivery "));
    service.assert_no_more_lines();

    // Behind a proxy of ours (127.0.0.1), the right-most address it did not add is read.
    let service = Service::start(&["--trusted-proxy", "127.0.0.0/8"]);
    let mut connection = service.connect();
    for path in ["/viva", "/"] {
        // Viva's address, as proxies write it: alone, with a port, as IPv6 with a port.
        for forwarded_for in [
            "198.51.100.7, 51.138.37.238",
            "198.51.100.7, 51.138.37.238:443",
            "[::ffff:51.138.37.238]:443",
        ] {
            let response = connection.send(&from(path, &payment, Some(forwarded_for)));
            assert_eq!(
                response.status,
                200,
                "{path} {forwarded_for}: {}",
                response.text()
            );
            assert_eq!(service.next_line(), event_line(&event));
        }
        for (forwarded_for, status) in [
            ("51.138.37.238, 198.51.100.7", 403),
            ("51.138.37.238, 198.51.100.7, 127.0.0.2", 403),
            ("51.138.37.238, unknown", 403),
        ] {
            let response = connection.send(&from(path, &payment, Some(forwarded_for)));
            assert_eq!(
                response.status,
                status,
                "{path} {forwarded_for}: {}",
                response.text()
            );
        }
        // With no header, the address is the proxy's own.
        assert_eq!(connection.send(&from(path, &payment, None)).status, 403);
    }
    service.assert_no_more_lines();
}

#[test]
fn a_refused_wappin_callback_is_never_handed_on_even_with_viva_checked() {
    let body = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/wappin/callback_status.json"),
    )
    .unwrap();
    // The default source check and a token: a Wappin callback without it is refused on
    // its path and on `/`, and prints nothing.
    let service = Service::start(&["--wappin-token", WAPPIN_TOKEN]);
    let mut connection = service.connect();
    for path in ["/wappin", "/"] {
        let mut request = post("wappin", path, &body);
        request.headers.retain(|(name, _)| *name != "Authorization");
        let response = connection.send(&request);
        assert_eq!(response.status, 401, "{path}");
        assert_eq!(
            response.text(),
            "a Wappin callback needs `Authorization: Bearer <token>`; the request has no \
             `Authorization` header"
        );
    }
    service.assert_no_more_lines();
}

/// An NXCloud receipt whose message is `id`: its event's key is `nxcloud:<id>:read`.
fn receipt(id: &str) -> Vec<u8> {
    format!(
        r#"{{"status":"seen","requestId":"{id}","code":11002,"message":"m","sendTime":"2023-07-13 15:12:11"}}"#
    )
    .into_bytes()
}

/// What the receiver sends on `stream` until it closes it (a read error, a reset, counts
/// as closed), and when it closed it, counted from `since`.
fn until_closed(stream: &mut TcpStream, since: Instant) -> (String, Duration) {
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    (
        String::from_utf8_lossy(&answer).into_owned(),
        since.elapsed(),
    )
}

#[test]
fn a_connection_that_sends_half_a_head_or_half_a_body_is_closed_after_its_timeout() {
    let timeout = Duration::from_millis(500);
    let service = Service::start(&[
        "--no-source-check",
        "--header-timeout",
        "0.5",
        "--body-timeout",
        "0.5",
    ]);
    let body = receipt("r1");
    let head = format!(
        "POST /nxcloud HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    for (name, sent, answer) in [
        ("nothing", Vec::new(), None),
        (
            "half a head",
            head.as_bytes()[..head.len() / 2].to_vec(),
            None,
        ),
        (
            "a head and half a body",
            [head.as_bytes(), &body[..body.len() / 2]].concat(),
            Some("HTTP/1.1 408 "),
        ),
    ] {
        let mut stream = TcpStream::connect(service.addr).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let since = Instant::now();
        stream.write_all(&sent).unwrap();
        let (answered, after) = until_closed(&mut stream, since);
        match answer {
            Some(start) => assert!(answered.starts_with(start), "{name}: {answered:?}"),
            None => assert!(!answered.contains(" 200 "), "{name}: {answered:?}"),
        }
        assert!(
            after >= timeout.mul_f32(0.9) && after < timeout + Duration::from_secs(2),
            "{name}: closed after {after:?}"
        );
    }
    // A connection kept alive, idle after its answer: closed likewise.
    let mut connection = service.connect();
    assert_eq!(
        connection.send(&post("nxcloud", "/nxcloud", &body)).status,
        200
    );
    assert!(service.next_line().starts_with("event nxcloud delivery "));
    let since = Instant::now();
    let (answered, after) = until_closed(connection.reader.get_mut(), since);
    assert!(
        answered.is_empty() || !answered.contains(" 200 "),
        "{answered:?}"
    );
    assert!(after < timeout + Duration::from_secs(2), "{after:?}");
    // And the service goes on.
    assert_verification(&service.connect().send(&get("/viva", "")), DEFAULT_VIVA_KEY);
    service.assert_no_more_lines();
}

#[test]
fn more_idle_connections_than_the_limit_hold_a_request_up_only_until_their_timeout() {
    let timeout = Duration::from_secs(1);
    let service = Service::start(&["--header-timeout", "1", "--max-connections", "4"]);
    // Six connections that send nothing: four are served (and closed after the
    // timeout), two wait to be accepted, and then the request.
    let idle: Vec<TcpStream> = (0..6)
        .map(|_| TcpStream::connect(service.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let since = Instant::now();
    let response = service.connect().send(&get("/viva", ""));
    let after = since.elapsed();
    assert_verification(&response, DEFAULT_VIVA_KEY);
    // It waited for a place (the limit holds), and no more than a second past the
    // timeout.
    assert!(
        after >= timeout / 2 && after < timeout + Duration::from_secs(1),
        "answered after {after:?}"
    );
    drop(idle);
}

#[test]
fn a_token_or_a_range_that_would_open_everything_stops_the_receiver_at_start() {
    for (args, message) in [
        (
            &["--wappin-token", ""][..],
            "Wappin's callback token is empty",
        ),
        (
            &["--wappin-token", "token\n"],
            "white space at its start or end",
        ),
        (
            &["--trusted-proxy", "0.0.0.0/0"],
            "too wide to trust as proxies",
        ),
        (&["--trusted-proxy", "::/0"], "too wide to trust as proxies"),
        (&["--header-timeout", "0"], "a number of seconds over 0"),
        (&["--max-connections", "0"], "a whole number over 0"),
    ] {
        let output = Command::new(example("receiver"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_full_output_pipe_holds_up_no_request_and_loses_no_event_answered_200() {
    let mut service = Service::start_unread(&["--no-source-check"]);
    // Events until the pipe to the unread output is full and the writer stuck: then an
    // event is answered 503 (within the receiver's second for a line), never 200.
    let mut events = service.connect();
    let mut answered = Vec::new();
    let mut refused = None;
    for i in 0..2000 {
        let id = format!("full-{i:04}");
        let started = Instant::now();
        let response = events.send(&post("nxcloud", "/nxcloud", &receipt(&id)));
        match response.status {
            200 => answered.push(format!("nxcloud:{id}:read")),
            503 => {
                refused = Some(started.elapsed());
                break;
            }
            other => panic!("{other}: {}", response.text()),
        }
    }
    let waited = refused.expect("no 503: the output never filled");
    assert!(waited < Duration::from_secs(3), "{waited:?}");
    assert!(answered.len() >= 10, "{}", answered.len());
    // Meanwhile the routes that print nothing answer at once, and an event is answered
    // 503 in its time.
    let mut other = service.connect();
    for (request, status) in [
        (get("/viva", ""), 200),
        (post("nxcloud", "/nxcloud", b"{"), 400),
        (get("/nxcloud", ""), 405),
    ] {
        let started = Instant::now();
        assert_eq!(other.send(&request).status, status, "{request:?}");
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "{request:?}"
        );
    }
    let started = Instant::now();
    let late = other.send(&post("nxcloud", "/nxcloud", &receipt("late")));
    assert_eq!(late.status, 503, "{}", late.text());
    assert!(started.elapsed() < Duration::from_secs(3));

    // Read on: every event answered 200 was printed (those answered 503 may follow).
    service.read_output();
    let mut printed = std::collections::HashSet::new();
    while !answered.iter().all(|key| printed.contains(key)) {
        let line = service.next_line();
        printed.insert(line.split(' ').nth(3).unwrap().to_owned());
    }
    // Once it is read, events are answered 200 again.
    assert_eq!(
        other
            .send(&post("nxcloud", "/nxcloud", &receipt("after")))
            .status,
        200
    );
    while service.next_line().split(' ').nth(3) != Some("nxcloud:after:read") {}
}
