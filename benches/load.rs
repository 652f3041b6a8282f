//! The webhook receiver (`examples/receiver.rs`) under load, beside a bare axum handler
//! that reads the same requests' bodies and answers 200 with nothing: what parsing,
//! checking and printing each callback cost a service, as requests per second and
//! latency, measured in one run. Not a test: nothing is asserted of the figures.
//!
//! ```text
//! cargo bench --bench load                                  # 8 connections, 8 rounds of 2 s a server (~40 s)
//! cargo bench --bench load -- --connections 16 --rounds 20 --seconds 5   # longer, steadier
//! LOAD_RECEIVER=path/to/receiver cargo bench --bench load   # a receiver already built
//! ```
//!
//! Both servers are child processes on loopback, each with tokio's multi-threaded runtime
//! (`Runtime::new`) and `axum::serve`: the receiver, started through its command line
//! with [`RECEIVER_ARGS`], and this bench's own binary with `--serve-bare`, a router with
//! the receiver's routes whose handler takes the body as `Bytes` and answers 200. The
//! receiver is built first by `cargo build --example receiver --all-features` in this
//! bench's profile and target folder (benches do not build examples), unless
//! `LOAD_RECEIVER` names one. Each server's standard output goes to a file in the
//! temporary folder, removed at the end (the receiver's event lines, some 500 bytes a
//! request).
//!
//! The requests are every fixture a provider posts to a webhook (those the library
//! answers: no API request or answer), as its provider sends it (eSMS a `GET` with the
//! query, NXCloud's SMS receipt a form or the URL's query, the others JSON; Wappin with
//! its bearer token), each to its provider's path and to `/`. The load is blocking
//! HTTP/1.1 over `std::net::TcpStream` with keep-alive: one thread a connection, each
//! sending the requests round-robin from its own starting point, the next when the
//! answer is read whole, for a fixed time. After a warm-up, the rounds run the two
//! servers one after the other, in turn first, so that both meet the same conditions.
//!
//! It prints each round's requests per second and their ratio, then a table: requests,
//! requests per second, p50 and p99 latency (from writing the request to reading the
//! answer whole), and the server's processor time a request (Linux's `/proc`, all its
//! threads), which a busy neighbour moves less than throughput.
//!
//! Every answer is checked: the bare handler's must be 200 and empty, the receiver's the
//! status and body the library's `Payload::answer` gives, and the receiver must print as
//! many event lines as the requests it answered carried events. Anything else stops the
//! bench with the request, the answer and the server's standard error: a figure of
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

/// The bearer token the receiver is started with and Wappin's callbacks carry.
const WAPPIN_TOKEN: &str = "load-bench-wappin-token";

/// The receiver's command line besides `--listen`: the one place to change when its
/// options change (its check of Viva's source addresses must be off, as every request
/// comes from 127.0.0.1).
const RECEIVER_ARGS: &[&str] = &["--wappin-token", WAPPIN_TOKEN, "--no-source-check"];

/// The argument that makes this binary the bare server: `--serve-bare ADDR`.
const SERVE_BARE: &str = "--serve-bare";

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
    if let [flag, addr] = args.as_slice() {
        if flag == SERVE_BARE {
            return serve_bare(addr);
        }
    }
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

/// The bare server: the receiver's routes, each reading the body and answering 200 with
/// an empty body, on the same runtime and server as the receiver.
fn serve_bare(addr: &str) -> ExitCode {
    use axum::Router;
    use axum::body::Bytes;
    use axum::http::StatusCode;
    use axum::routing::{get, post};

    async fn bare(body: Bytes) -> StatusCode {
        std::hint::black_box(body);
        StatusCode::OK
    }

    let app = Router::new()
        .route("/esms", get(bare))
        .route("/nxcloud", post(bare))
        .route("/wappin", post(bare))
        .route("/viva", post(bare))
        .route("/", get(bare).post(bare));
    let served = tokio::runtime::Runtime::new()
        .map_err(|err| format!("cannot start the runtime: {err}"))
        .and_then(|runtime| {
            runtime.block_on(async {
                let listener = tokio::net::TcpListener::bind(addr)
                    .await
                    .map_err(|err| format!("cannot listen on {addr}: {err}"))?;
                let bound = listener
                    .local_addr()
                    .map_err(|err| format!("no local address: {err}"))?;
                let mut out = std::io::stdout().lock();
                writeln!(out, "listening on http://{bound}")
                    .and_then(|()| out.flush())
                    .map_err(|err| format!("cannot print the address: {err}"))?;
                drop(out);
                axum::serve(listener, app)
                    .await
                    .map_err(|err| format!("the server stopped: {err}"))
            })
        });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("load --serve-bare: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// The two servers, in the order of their figures.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Server {
    Bare,
    Receiver,
}

impl Server {
    const BOTH: [Server; 2] = [Server::Bare, Server::Receiver];

    fn name(self) -> &'static str {
        match self {
            Server::Bare => "bare axum handler",
            Server::Receiver => "receiver",
        }
    }

    fn index(self) -> usize {
        match self {
            Server::Bare => 0,
            Server::Receiver => 1,
        }
    }
}

fn run(settings: &Settings) -> Result<(), String> {
    let cases = cases()?;
    let receiver = receiver_binary()?;
    let bench = std::env::current_exe().map_err(|err| format!("no path to this bench: {err}"))?;
    let servers = [
        Service::start(&bench, &[SERVE_BARE, "127.0.0.1:0"])?,
        Service::start(
            &receiver,
            &[&["--listen", "127.0.0.1:0"], RECEIVER_ARGS].concat(),
        )?,
    ];
    let events_a_pass: u64 = cases.iter().map(|case| u64::from(case.event)).sum();
    println!(
        "load: {} requests ({} with an event), {} connections, {} rounds of {:.1} s a server, {:.1} s of warm-up",
        cases.len(),
        events_a_pass,
        settings.connections,
        settings.rounds,
        settings.round.as_secs_f64(),
        settings.warm_up.as_secs_f64(),
    );

    // Every request once, in order, on one connection: the answers checked before any
    // load, so that a refusal is told by its request's name.
    for server in Server::BOTH {
        let service = &servers[server.index()];
        let mut connection = Connection::open(service.addr).map_err(|err| service.failed(&err))?;
        for case in &cases {
            connection
                .check(case, server)
                .map_err(|err| service.failed(&err))?;
        }
    }
    let mut events = events_a_pass;

    for server in Server::BOTH {
        let warm = load(
            &servers[server.index()],
            server,
            &cases,
            settings,
            settings.warm_up,
        )?;
        if server == Server::Receiver {
            events += warm.events;
        }
    }

    // The rounds: the two servers one after the other, in turn first, so that a
    // neighbour's burst falls on both; each round's ratio is of two adjacent stretches.
    let mut totals = [Totals::default(), Totals::default()];
    let mut ratios = Vec::new();
    for round in 0..settings.rounds {
        let order = if round % 2 == 0 {
            Server::BOTH
        } else {
            [Server::Receiver, Server::Bare]
        };
        let mut rates = [0.0; 2];
        for server in order {
            let service = &servers[server.index()];
            let measured = load(service, server, &cases, settings, settings.round)?;
            rates[server.index()] = measured.requests() as f64 / measured.elapsed.as_secs_f64();
            if server == Server::Receiver {
                events += measured.events;
            }
            totals[server.index()].add(measured);
        }
        let ratio = rates[Server::Receiver.index()] / rates[Server::Bare.index()];
        println!(
            "round {}: bare {:.0} req/s, receiver {:.0} req/s, receiver/bare {ratio:.2}",
            round + 1,
            rates[Server::Bare.index()],
            rates[Server::Receiver.index()],
        );
        ratios.push(ratio);
    }

    servers[Server::Receiver.index()].expect_lines(events)?;

    println!();
    println!("| server | requests | req/s | p50 | p99 | server CPU a request |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let mut throughput = [0.0; 2];
    for server in Server::BOTH {
        let total = &mut totals[server.index()];
        total.latencies.sort_unstable();
        throughput[server.index()] = total.latencies.len() as f64 / total.elapsed.as_secs_f64();
        println!(
            "| {} | {} | {:.0} | {} | {} | {} |",
            server.name(),
            total.latencies.len(),
            throughput[server.index()],
            micros(percentile(&total.latencies, 0.50)),
            micros(percentile(&total.latencies, 0.99)),
            total.cpu.map_or("n/a".to_owned(), |cpu| {
                micros(cpu.div_f64(total.latencies.len() as f64))
            }),
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!();
    println!(
        "receiver/bare throughput: {:.2} over all rounds; by round {:.2} to {:.2}, median {:.2} (target: at least 0.8)",
        throughput[Server::Receiver.index()] / throughput[Server::Bare.index()],
        ratios.first().copied().unwrap_or_default(),
        ratios.last().copied().unwrap_or_default(),
        median(&ratios),
    );
    Ok(())
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
    /// The receiver's answer: the status and body the library gives.
    status: u16,
    body: Vec<u8>,
    /// Whether the receiver prints an event line for it.
    event: bool,
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
        for path in [format!("/{}", fixture.provider), "/".to_owned()] {
            cases.push(Case {
                name: format!("{} to {path}", common::name(&fixture)),
                wire: provider_request(&fixture, &path),
                status: answer.status,
                body: answer.body.to_vec(),
                event: payload.event().is_some(),
            });
        }
    }
    Ok(cases)
}

/// A fixture as its provider sends it, to `path`: eSMS's `GET` with the query; NXCloud's
/// SMS receipt as a form `POST`, or a `POST` with the receipt in the URL's query; the
/// others' JSON `POST`, Wappin's with its bearer token.
fn provider_request(fixture: &common::Request, path: &str) -> Vec<u8> {
    let method = if fixture.provider == "esms" {
        "GET"
    } else {
        "POST"
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
    if !fixture.body.is_empty() {
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
        head.push_str(&format!("Content-Length: {}\r\n", fixture.body.len()));
    }
    head.push_str("\r\n");
    let mut wire = head.into_bytes();
    wire.extend_from_slice(&fixture.body);
    wire
}

/// The receiver's binary: `LOAD_RECEIVER`, or the example built by cargo in this bench's
/// profile and target folder.
fn receiver_binary() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("LOAD_RECEIVER") {
        return Ok(PathBuf::from(path));
    }
    // This bench runs from target/<profile>/deps; examples go to target/<profile>/examples.
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
    // `--all-features`: the receiver may need the crate's optional features (`axum`).
    build
        .args(["build", "--example", "receiver", "--all-features"])
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
    eprintln!("load: building the receiver: {build:?}");
    let status = build
        .status()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    if !status.success() {
        return Err(format!(
            "`cargo build --example receiver` failed ({status}); build it and give its path in LOAD_RECEIVER"
        ));
    }
    let binary = profile_dir
        .join("examples")
        .join(format!("receiver{}", std::env::consts::EXE_SUFFIX));
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!(
            "{} is missing after the build; give the receiver's path in LOAD_RECEIVER",
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
    /// Starts `program` with `args`, and waits for its `listening on http://ADDR` line.
    fn start(program: &Path, args: &[&str]) -> Result<Service, String> {
        let name = program
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
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
                "printed {printed} lines after its address for {expected} events"
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
    /// Event lines the receiver must have printed for it.
    events: u64,
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

/// `settings.connections` connections to `service`, each sending `cases` round-robin for
/// `time`, every answer checked.
fn load(
    service: &Service,
    server: Server,
    cases: &[Case],
    settings: &Settings,
    time: Duration,
) -> Result<Measured, String> {
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
                    let mut events = 0;
                    let mut next = index * cases.len() / connections;
                    while Instant::now() < deadline {
                        let case = &cases[next % cases.len()];
                        let start = Instant::now();
                        connection.check(case, server)?;
                        latencies.push(start.elapsed());
                        events += u64::from(case.event);
                        next += 1;
                    }
                    Ok::<_, String>((latencies, events))
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
            events: 0,
        };
        let mut problem = None;
        for thread in threads {
            match thread.join() {
                Ok(Ok((latencies, events))) => {
                    measured.latencies.extend(latencies);
                    measured.events += events;
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

    /// Sends `case` and checks the answer `server` must give.
    fn check(&mut self, case: &Case, server: Server) -> Result<(), String> {
        let status = self
            .send(&case.wire)
            .map_err(|err| format!("{}: {err}", case.name))?;
        let (expected_status, expected_body) = match server {
            Server::Bare => (200, &[][..]),
            Server::Receiver => (case.status, &case.body[..]),
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
                    " (a check of the source address? see RECEIVER_ARGS)"
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
