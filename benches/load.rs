//! What the crate's receiver costs a service under load, against what the service would
//! write without the crate, on axum and on actix-web, measured side by side in one run.
//! Not a test: nothing is asserted of the figures.
//!
//! ```text
//! cargo bench --bench load                                  # 8 connections, 8 rounds of 2 s a server (~2 min)
//! cargo bench --bench load -- --connections 16 --rounds 20 --seconds 5   # longer, steadier
//! LOAD_SERVERS=path/to/load-servers cargo bench --bench load   # the servers already built
//! ```
//!
//! Six servers, each a child process on loopback (the `load-servers` package, in
//! `load-servers/`), three a framework, which differ in their handler alone:
//!
//! - **bare**: takes the body and answers 200 with nothing: the framework's own cost;
//! - **Value**: what a service writes without the crate: the body read into a
//!   `serde_json::Value`, the provider told by hand from the route or a few keys, Wappin's
//!   token compared, the answer each provider expects, and a line of the receiver's kind
//!   printed for every callback (`load-servers/src/value.rs`);
//! - **receiver**: the crate's extractor, checked, typed and loss-free, printing each
//!   event's line: on axum the receiver example itself (`examples/receiver.rs`), on
//!   actix-web its handler on the crate's actix extractor.
//!
//! The axum servers are served as the receiver example is (hyper's HTTP/1 on tokio's
//! multi-threaded runtime), the actix-web servers by one `HttpServer` set-up, and all
//! print their lines as the receiver does. `load-servers` is built first by `cargo build
//! -p load-servers` in this bench's profile and target folder (a bench cannot turn on the
//! library's `axum` and `actix` features), unless `LOAD_SERVERS` names one. Each server's
//! standard output goes to a file in the temporary folder, removed at the end.
//!
//! The requests are every fixture a provider posts to a webhook (those the library
//! answers: no API request or answer), as its provider sends it (eSMS a `GET` with the
//! query, NXCloud's SMS receipt a form or the URL's query, the others JSON; Wappin with
//! its bearer token), each to its provider's path and to `/`. The load is blocking
//! HTTP/1.1 over `std::net::TcpStream` with keep-alive: one thread a connection, each
//! sending the requests round-robin from its own starting point, the next when the
//! answer is read whole, for a fixed time. After a warm-up, each round runs the six
//! servers one after the other, each round starting one further along, so that all meet
//! the same conditions.
//!
//! It prints each round's requests per second and the receiver's over the `Value`
//! handler's, then a table: requests, requests per second, p50 and p99 latency (from
//! writing the request to reading the answer whole), and the server's processor time a
//! request (Linux's `/proc`, all its threads), which a busy neighbour moves less than
//! throughput; then, a framework, the receiver's throughput over the `Value` handler's
//! and over the bare handler's.
//!
//! Every answer is checked: the bare handler's must be 200 and empty, the others' the
//! status and body the library's `Payload::answer` gives; and each server must print as
//! many lines as its handler prints for the requests it answered. Anything else stops
//! the bench with the request, the answer and the server's standard error: a figure of
//! refusals would measure nothing.
//!
//! `cargo test --benches` runs this binary without `--bench`: it then does nothing.

#[path = "../tests/common/mod.rs"]
mod common;

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

/// The bearer token the servers are started with and Wappin's callbacks carry.
const WAPPIN_TOKEN: &str = "load-bench-wappin-token";

/// The servers' command line besides the server and `--listen` (the receiver example's
/// options, which every server takes): the one place to change when they change. The
/// check of Viva's source addresses must be off, as every request comes from 127.0.0.1.
const SERVER_ARGS: &[&str] = &["--wappin-token", WAPPIN_TOKEN, "--no-source-check"];

/// How long to wait for a server's first line, or an answer, before giving up.
const WAIT: Duration = Duration::from_secs(10);

/// What a run does, from the command line after `cargo bench --bench load --`.
struct Settings {
    connections: usize,
    rounds: usize,
    round: Duration,
    warm_up: Duration,
}

impl Settings {
    fn parse(args: &[String]) -> Result<Settings, String> {
        let mut settings = Settings {
            connections: 8,
            rounds: 8,
            round: Duration::from_secs(2),
            warm_up: Duration::from_secs(1),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || {
                args.next()
                    .map(String::as_str)
                    .ok_or(format!("{arg} needs a value"))
            };
            let whole = |value: &str| {
                value
                    .parse::<usize>()
                    .ok()
                    .filter(|&number| number > 0)
                    .ok_or(format!("{arg} {value}: not a whole number, 1 or more"))
            };
            let seconds = |value: &str| {
                value
                    .parse::<f64>()
                    .ok()
                    .filter(|number| number.is_finite() && *number > 0.0)
                    .map(Duration::from_secs_f64)
                    .ok_or(format!("{arg} {value}: not a positive number of seconds"))
            };
            match arg.as_str() {
                "--connections" => settings.connections = whole(value()?)?,
                "--rounds" => settings.rounds = whole(value()?)?,
                "--seconds" => settings.round = seconds(value()?)?,
                "--warm-up" => settings.warm_up = seconds(value()?)?,
                // What cargo passes to every bench.
                "--bench" => {}
                // Another bench's (`cargo bench -- FILTER`, criterion's options).
                other => eprintln!("load: ignoring the argument `{other}`"),
            }
        }
        Ok(settings)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|arg| arg == "--bench") {
        println!("load: a benchmark; run it with `cargo bench --bench load`");
        return ExitCode::SUCCESS;
    }
    match Settings::parse(&args).and_then(|settings| run(&settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("load: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// The frameworks, in the order of their figures.
const FRAMEWORKS: [&str; 2] = ["axum", "actix"];

/// What a server's handler does; a framework has one server of each.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Handler {
    Bare,
    Value,
    Receiver,
}

impl Handler {
    const ALL: [Handler; 3] = [Handler::Bare, Handler::Value, Handler::Receiver];

    /// Its name in `load-servers`' server names (`axum-value`).
    fn argument(self) -> &'static str {
        match self {
            Handler::Bare => "bare",
            Handler::Value => "value",
            Handler::Receiver => "receiver",
        }
    }

    /// Its name in the figures.
    fn name(self) -> &'static str {
        match self {
            Handler::Bare => "bare",
            Handler::Value => "Value",
            Handler::Receiver => "receiver",
        }
    }
}

/// A running server, and what it is.
struct Server {
    framework: &'static str,
    handler: Handler,
    service: Service,
}

impl Server {
    fn name(&self) -> String {
        format!("{} {}", self.framework, self.handler.name())
    }
}

fn run(settings: &Settings) -> Result<(), String> {
    let cases = cases()?;
    let binary = servers_binary()?;
    let mut servers = Vec::new();
    for framework in FRAMEWORKS {
        for handler in Handler::ALL {
            let server = format!("{framework}-{}", handler.argument());
            let args = [&[server.as_str(), "--listen", "127.0.0.1:0"], SERVER_ARGS].concat();
            servers.push(Server {
                framework,
                handler,
                service: Service::start(&binary, &server, &args)?,
            });
        }
    }
    let events: u64 = cases.iter().map(|case| case.lines(Handler::Receiver)).sum();
    println!(
        "load: {} requests ({} with an event), {} connections, {} rounds of {:.1} s a server, {:.1} s of warm-up",
        cases.len(),
        events,
        settings.connections,
        settings.rounds,
        settings.round.as_secs_f64(),
        settings.warm_up.as_secs_f64(),
    );

    // Every request once, in order, on one connection: the answers checked before any
    // load, so that a refusal is told by its request's name.
    let mut lines = vec![0; servers.len()];
    for (server, lines) in servers.iter().zip(&mut lines) {
        let service = &server.service;
        let mut connection = Connection::open(service.addr).map_err(|err| service.failed(&err))?;
        for case in &cases {
            connection
                .check(case, server.handler)
                .map_err(|err| service.failed(&err))?;
            *lines += case.lines(server.handler);
        }
    }
    for (server, lines) in servers.iter().zip(&mut lines) {
        *lines += load(server, &cases, settings, settings.warm_up)?.lines;
    }

    // The rounds: the six servers one after the other, each round starting one further
    // along, so that a neighbour's burst falls on all; a round's ratios are of stretches
    // a few seconds apart.
    let mut totals: Vec<Totals> = servers.iter().map(|_| Totals::default()).collect();
    let mut ratios = vec![Vec::new(); FRAMEWORKS.len()];
    for round in 0..settings.rounds {
        let mut rates = vec![0.0; servers.len()];
        for turn in 0..servers.len() {
            let index = (round + turn) % servers.len();
            let measured = load(&servers[index], &cases, settings, settings.round)?;
            rates[index] = measured.requests() as f64 / measured.elapsed.as_secs_f64();
            lines[index] += measured.lines;
            totals[index].add(measured);
        }
        let mut said = format!("round {}:", round + 1);
        for (framework, ratios) in FRAMEWORKS.iter().zip(&mut ratios) {
            let rate = |handler| rates[index(framework, handler)];
            let ratio = rate(Handler::Receiver) / rate(Handler::Value);
            said.push_str(&format!(
                " {framework} {:.0} / {:.0} / {:.0} req/s, receiver/Value {ratio:.2};",
                rate(Handler::Bare),
                rate(Handler::Value),
                rate(Handler::Receiver),
            ));
            ratios.push(ratio);
        }
        println!("{} (bare / Value / receiver)", said.trim_end_matches(';'));
    }

    for (server, lines) in servers.iter().zip(&lines) {
        server.service.expect_lines(*lines)?;
    }

    println!();
    println!("| server | requests | req/s | p50 | p99 | server CPU a request |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let mut throughput = vec![0.0; servers.len()];
    for ((server, total), throughput) in servers.iter().zip(&mut totals).zip(&mut throughput) {
        total.latencies.sort_unstable();
        *throughput = total.latencies.len() as f64 / total.elapsed.as_secs_f64();
        println!(
            "| {} | {} | {:.0} | {} | {} | {} |",
            server.name(),
            total.latencies.len(),
            throughput,
            micros(percentile(&total.latencies, 0.50)),
            micros(percentile(&total.latencies, 0.99)),
            total.cpu.map_or("n/a".to_owned(), |cpu| {
                micros(cpu.div_f64(total.latencies.len() as f64))
            }),
        );
    }
    println!();
    for (framework, ratios) in FRAMEWORKS.iter().zip(&mut ratios) {
        let rate = |handler| throughput[index(framework, handler)];
        ratios.sort_by(f64::total_cmp);
        println!(
            "{framework}: receiver/Value throughput {:.2} over all rounds (aim: at least 1.0); by round {:.2} to {:.2}, median {:.2}; receiver/bare {:.2}",
            rate(Handler::Receiver) / rate(Handler::Value),
            ratios.first().copied().unwrap_or_default(),
            ratios.last().copied().unwrap_or_default(),
            median(ratios),
            rate(Handler::Receiver) / rate(Handler::Bare),
        );
    }
    Ok(())
}

/// Where the server of `framework` and `handler` is among the servers (and their figures).
fn index(framework: &str, handler: Handler) -> usize {
    let framework = FRAMEWORKS
        .iter()
        .position(|name| *name == framework)
        .unwrap_or_default();
    let handler = Handler::ALL
        .iter()
        .position(|name| *name == handler)
        .unwrap_or_default();
    framework * Handler::ALL.len() + handler
}

/// The median of sorted `values`.
fn median(values: &[f64]) -> f64 {
    let middle = values.len() / 2;
    match (values.get(middle.wrapping_sub(1)), values.get(middle)) {
        (Some(low), Some(high)) if values.len() % 2 == 0 => (low + high) / 2.0,
        (_, Some(middle)) => *middle,
        _ => 0.0,
    }
}

/// A latency in microseconds, as the table shows it.
fn micros(latency: Duration) -> String {
    format!("{:.0} µs", latency.as_secs_f64() * 1e6)
}

/// The latency under which a share `q` of the sorted `latencies` fall.
fn percentile(latencies: &[Duration], q: f64) -> Duration {
    let rank = (q * latencies.len() as f64).ceil() as usize;
    latencies
        .get(rank.saturating_sub(1))
        .copied()
        .unwrap_or_default()
}

/// One request as bytes on the wire, and what each server must answer to it.
struct Case {
    name: String,
    wire: Vec<u8>,
    /// The answer of the receiver and of the `Value` handler: the status and body the
    /// library gives.
    status: u16,
    body: Vec<u8>,
    /// Whether the receiver prints an event line for it.
    event: bool,
    /// Whether the `Value` handler prints a line for it: for every callback (not for
    /// Viva's URL verification).
    callback: bool,
}

impl Case {
    /// The lines `handler` prints for it.
    fn lines(&self, handler: Handler) -> u64 {
        u64::from(match handler {
            Handler::Bare => false,
            Handler::Value => self.callback,
            Handler::Receiver => self.event,
        })
    }
}

/// Every fixture a provider posts to a webhook, as it sends it, to its provider's path
/// and to `/`.
fn cases() -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for fixture in common::requests() {
        let payload = provider_payloads::parse(&fixture.body, &fixture.query)
            .map_err(|err| format!("{}: {err}", fixture.path.display()))?;
        // An API request or answer: no provider posts it to a webhook.
        let Some(answer) = payload.answer() else {
            continue;
        };
        // Viva's URL verification: the fixture is the answer (its key, the receiver's
        // default), to the `GET` of nothing with which Viva checks a URL.
        let verification = payload.kind() == "URL verification";
        for path in [format!("/{}", fixture.provider), "/".to_owned()] {
            cases.push(Case {
                name: format!("{} to {path}", common::name(&fixture)),
                wire: provider_request(&fixture, &path, verification),
                status: answer.status,
                body: answer.body.to_vec(),
                event: payload.event().is_some(),
                callback: !verification,
            });
        }
    }
    Ok(cases)
}

/// A fixture as its provider sends it, to `path`: eSMS's `GET` with the query; NXCloud's
/// SMS receipt as a form `POST`, or a `POST` with the receipt in the URL's query; the
/// others' JSON `POST`, Wappin's with its bearer token; for Viva's URL `verification`, a
/// `GET` of nothing.
fn provider_request(fixture: &common::Request, path: &str, verification: bool) -> Vec<u8> {
    let (method, body) = match fixture.provider {
        _ if verification => ("GET", &[][..]),
        "esms" => ("GET", &fixture.body[..]),
        _ => ("POST", &fixture.body[..]),
    };
    let mut head = if fixture.query.is_empty() {
        format!("{method} {path} HTTP/1.1\r\n")
    } else {
        format!(
            "{method} {path}?{} HTTP/1.1\r\n",
            common::as_request_target(&fixture.query)
        )
    };
    head.push_str("Host: 127.0.0.1\r\n");
    if !body.is_empty() {
        let content_type = if fixture.is_json() {
            "application/json"
        } else {
            "application/x-www-form-urlencoded"
        };
        head.push_str(&format!("Content-Type: {content_type}\r\n"));
    }
    if fixture.provider == "wappin" {
        head.push_str(&format!("Authorization: Bearer {WAPPIN_TOKEN}\r\n"));
    }
    if method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut wire = head.into_bytes();
    wire.extend_from_slice(body);
    wire
}

/// The servers' binary: `LOAD_SERVERS`, or `load-servers` built by cargo in this bench's
/// profile and target folder.
fn servers_binary() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("LOAD_SERVERS") {
        return Ok(PathBuf::from(path));
    }
    // This bench runs from target/<profile>/deps; binaries go to target/<profile>.
    let exe = std::env::current_exe().map_err(|err| format!("no path to this bench: {err}"))?;
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or_else(|| format!("{}: not in target/<profile>/deps", exe.display()))?;
    let target_dir = profile_dir
        .parent()
        .ok_or_else(|| format!("{}: not in a target folder", profile_dir.display()))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let mut build = Command::new(cargo);
    build
        .args(["build", "-p", "load-servers"])
        .arg("--manifest-path")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir);
    match profile_dir.file_name().and_then(|name| name.to_str()) {
        Some("debug") => {}
        Some("release") => {
            build.arg("--release");
        }
        Some(profile) => {
            build.args(["--profile", profile]);
        }
        None => return Err(format!("{}: no profile", profile_dir.display())),
    }
    eprintln!("load: building the servers: {build:?}");
    let status = build
        .status()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    if !status.success() {
        return Err(format!(
            "`cargo build -p load-servers` failed ({status}); build it and give its path in LOAD_SERVERS"
        ));
    }
    let binary = profile_dir.join(format!("load-servers{}", std::env::consts::EXE_SUFFIX));
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!(
            "{} is missing after the build; give the servers' path in LOAD_SERVERS",
            binary.display()
        ))
    }
}

/// A server running as a child process; killed when dropped.
struct Service {
    name: String,
    child: Child,
    addr: SocketAddr,
    /// Where its standard output goes: a file, which costs the server a write a line and
    /// the bench nothing while it runs (a pipe would wake a reader for every line).
    stdout: PathBuf,
    stderr: Arc<Mutex<String>>,
}

impl Service {
    /// Starts `program` with `args` as the server `name`, and waits for its `listening on
    /// http://ADDR` line.
    fn start(program: &Path, name: &str, args: &[&str]) -> Result<Service, String> {
        let name = name.to_owned();
        let stdout = std::env::temp_dir().join(format!("load-{}-{name}.out", std::process::id()));
        let file = File::create(&stdout)
            .map_err(|err| format!("cannot create {}: {err}", stdout.display()))?;
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|err| format!("cannot start {}: {err}", program.display()))?;
        let stderr = Arc::new(Mutex::new(String::new()));
        if let Some(pipe) = child.stderr.take() {
            let collected = Arc::clone(&stderr);
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    if let Ok(mut all) = collected.lock() {
                        all.push_str(&line);
                        all.push('\n');
                    }
                }
            });
        }
        let mut service = Service {
            name,
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            stdout,
            stderr,
        };
        let line = service.first_line()?;
        service.addr = line
            .strip_prefix("listening on http://")
            .and_then(|addr| addr.parse().ok())
            .ok_or_else(|| {
                service.failed(&format!("the first line is not the address: {line:?}"))
            })?;
        Ok(service)
    }

    /// The first line the server printed, once it has.
    fn first_line(&mut self) -> Result<String, String> {
        let start = Instant::now();
        loop {
            let text = std::fs::read(&self.stdout)
                .map_err(|err| format!("cannot read {}: {err}", self.stdout.display()))?;
            if let Some(end) = text.iter().position(|&byte| byte == b'\n') {
                return Ok(String::from_utf8_lossy(&text[..end]).into_owned());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(self.failed(&format!("stopped ({status}) before printing its address")));
            }
            if start.elapsed() > WAIT {
                return Err(self.failed("printed no address"));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The processor time the server has used, user and system, all its threads: Linux's
    /// `/proc/<pid>/stat` (`utime` and `stime`, in ticks of 10 ms); `None` elsewhere.
    fn cpu(&self) -> Option<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).ok()?;
        // The fields after the command's name, in parentheses, from the third (`state`).
        let (_, fields) = stat.rsplit_once(')')?;
        let mut fields = fields.split_whitespace().skip(11);
        let user: u64 = fields.next()?.parse().ok()?;
        let system: u64 = fields.next()?.parse().ok()?;
        Some(Duration::from_millis((user + system) * 10))
    }

    /// `problem`, with what the server wrote on standard error.
    fn failed(&self, problem: &str) -> String {
        // Let the server's last words reach the pipe.
        std::thread::sleep(Duration::from_millis(200));
        let stderr = self
            .stderr
            .lock()
            .map(|text| text.clone())
            .unwrap_or_default();
        format!(
            "{}: {problem}\n{}'s standard error:\n{stderr}",
            self.name, self.name
        )
    }

    /// The lines the server printed after its first.
    fn lines(&self) -> Result<u64, String> {
        let file = File::open(&self.stdout)
            .map_err(|err| format!("cannot read {}: {err}", self.stdout.display()))?;
        let mut reader = BufReader::with_capacity(1 << 16, file);
        let mut lines = 0;
        loop {
            let read = match reader.fill_buf() {
                Ok([]) => break,
                Ok(bytes) => {
                    lines += bytes.iter().filter(|&&byte| byte == b'\n').count() as u64;
                    bytes.len()
                }
                Err(err) => return Err(format!("cannot read {}: {err}", self.stdout.display())),
            };
            reader.consume(read);
        }
        Ok(lines.saturating_sub(1))
    }

    /// Waits for the server to have printed `expected` lines after its first, and fails
    /// if it printed another number.
    fn expect_lines(&self, expected: u64) -> Result<(), String> {
        let start = Instant::now();
        let mut printed = self.lines()?;
        while printed < expected && start.elapsed() < WAIT {
            std::thread::sleep(Duration::from_millis(100));
            printed = self.lines()?;
        }
        if printed == expected {
            Ok(())
        } else {
            Err(self.failed(&format!(
                "printed {printed} lines after its address, not {expected}"
            )))
        }
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.stdout);
    }
}

/// What one server did in one stretch of load.
struct Measured {
    elapsed: Duration,
    /// The server's processor time (user and system, all threads), where known.
    cpu: Option<Duration>,
    latencies: Vec<Duration>,
    /// The lines the server must have printed for it.
    lines: u64,
}

impl Measured {
    fn requests(&self) -> usize {
        self.latencies.len()
    }
}

/// A server's rounds together.
#[derive(Default)]
struct Totals {
    elapsed: Duration,
    cpu: Option<Duration>,
    latencies: Vec<Duration>,
}

impl Totals {
    fn add(&mut self, measured: Measured) {
        self.elapsed += measured.elapsed;
        self.cpu = match (self.cpu, measured.cpu) {
            (Some(total), Some(cpu)) => Some(total + cpu),
            (None, cpu) if self.latencies.is_empty() => cpu,
            _ => None,
        };
        self.latencies.extend(measured.latencies);
    }
}

/// `settings.connections` connections to `server`, each sending `cases` round-robin for
/// `time`, every answer checked.
fn load(
    server: &Server,
    cases: &[Case],
    settings: &Settings,
    time: Duration,
) -> Result<Measured, String> {
    let (service, handler) = (&server.service, server.handler);
    let connections = settings.connections;
    let barrier = Barrier::new(connections + 1);
    std::thread::scope(|scope| {
        let threads: Vec<_> = (0..connections)
            .map(|index| {
                let barrier = &barrier;
                scope.spawn(move || {
                    let opened = Connection::open(service.addr);
                    // Every thread meets the barrier, opened or not, so that none waits
                    // for one that gave up.
                    barrier.wait();
                    let mut connection = opened?;
                    let deadline = Instant::now() + time;
                    let mut latencies = Vec::new();
                    let mut lines = 0;
                    let mut next = index * cases.len() / connections;
                    while Instant::now() < deadline {
                        let case = &cases[next % cases.len()];
                        let start = Instant::now();
                        connection.check(case, handler)?;
                        latencies.push(start.elapsed());
                        lines += case.lines(handler);
                        next += 1;
                    }
                    Ok::<_, String>((latencies, lines))
                })
            })
            .collect();
        let cpu_before = service.cpu();
        barrier.wait();
        let start = Instant::now();
        let mut measured = Measured {
            elapsed: Duration::ZERO,
            cpu: None,
            latencies: Vec::new(),
            lines: 0,
        };
        let mut problem = None;
        for thread in threads {
            match thread.join() {
                Ok(Ok((latencies, lines))) => {
                    measured.latencies.extend(latencies);
                    measured.lines += lines;
                }
                Ok(Err(err)) => problem = Some(err),
                Err(_) => problem = Some("a load thread panicked".to_owned()),
            }
        }
        measured.elapsed = start.elapsed();
        measured.cpu = service
            .cpu()
            .zip(cpu_before)
            .map(|(after, before)| after.saturating_sub(before));
        match problem {
            Some(err) => Err(service.failed(&err)),
            None => Ok(measured),
        }
    })
}

/// One HTTP/1.1 connection, kept alive from request to request.
struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    line: Vec<u8>,
    body: Vec<u8>,
}

impl Connection {
    fn open(addr: SocketAddr) -> Result<Connection, String> {
        let stream = TcpStream::connect(addr).map_err(|err| format!("connect {addr}: {err}"))?;
        stream
            .set_read_timeout(Some(WAIT))
            .and_then(|()| stream.set_nodelay(true))
            .map_err(|err| format!("set up {addr}: {err}"))?;
        let reader = stream
            .try_clone()
            .map_err(|err| format!("clone {addr}: {err}"))?;
        Ok(Connection {
            reader: BufReader::new(reader),
            writer: stream,
            line: Vec::new(),
            body: Vec::new(),
        })
    }

    /// Sends `case` and checks the answer `handler` must give.
    fn check(&mut self, case: &Case, handler: Handler) -> Result<(), String> {
        let status = self
            .send(&case.wire)
            .map_err(|err| format!("{}: {err}", case.name))?;
        let (expected_status, expected_body) = match handler {
            Handler::Bare => (200, &[][..]),
            Handler::Value | Handler::Receiver => (case.status, &case.body[..]),
        };
        if status == expected_status && self.body == expected_body {
            Ok(())
        } else {
            Err(format!(
                "{}: answered {status} {:?}, not {expected_status} {:?}{}",
                case.name,
                String::from_utf8_lossy(&self.body),
                String::from_utf8_lossy(expected_body),
                if status == 403 {
                    " (a check of the source address? see SERVER_ARGS)"
                } else {
                    ""
                },
            ))
        }
    }

    /// Writes `request` and reads the answer: its status, and its body into `self.body`.
    fn send(&mut self, request: &[u8]) -> Result<u16, String> {
        self.writer
            .write_all(request)
            .map_err(|err| format!("write: {err}"))?;
        self.read_line()?;
        let status = self
            .line
            .strip_prefix(b"HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| std::str::from_utf8(code).ok()?.parse().ok())
            .ok_or_else(|| {
                format!(
                    "not an HTTP/1.1 status line: {:?}",
                    String::from_utf8_lossy(&self.line)
                )
            })?;
        let mut length = None;
        loop {
            self.read_line()?;
            if self.line == b"\r\n" {
                break;
            }
            let Some(colon) = self.line.iter().position(|&byte| byte == b':') else {
                return Err("a header without a colon".to_owned());
            };
            let (name, value) = self.line.split_at(colon);
            if name.eq_ignore_ascii_case(b"content-length") {
                length = std::str::from_utf8(&value[1..])
                    .ok()
                    .and_then(|value| value.trim().parse::<usize>().ok());
            } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
                return Err("a chunked answer".to_owned());
            }
        }
        let length = length.ok_or("an answer without Content-Length")?;
        self.body.resize(length, 0);
        self.reader
            .read_exact(&mut self.body)
            .map_err(|err| format!("read the body: {err}"))?;
        Ok(status)
    }

    /// Reads a line, `\r\n` included, into `self.line`.
    fn read_line(&mut self) -> Result<(), String> {
        self.line.clear();
        self.reader
            .read_until(b'\n', &mut self.line)
            .map_err(|err| format!("read: {err}"))?;
        if self.line.ends_with(b"\r\n") {
            Ok(())
        } else {
            Err(format!(
                "a cut line: {:?}",
                String::from_utf8_lossy(&self.line)
            ))
        }
    }
}
