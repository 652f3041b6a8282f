//! `provider-payloads send` against the library's receiver example (`examples/receiver.rs`)
//! over real HTTP on 127.0.0.1: every sample is sent and answered as its provider
//! expects, and a refusal makes the command exit 1.
//!
//! The receiver is an example of the library's package and needs its `axum` feature,
//! which testing this package does not build: the first test to need it builds it with
//! a nested `cargo build` (the `cargo` that runs these tests, into the same target
//! folder; the outer cargo holds no lock on it while tests run) and reads the
//! executable's path from cargo's messages. It builds the workspace's default members
//! (the library, the command line) with the library's `axum`: the library then has the
//! features, and its dependencies theirs, that `cargo test --workspace --all-features`
//! builds them with, so that after it nothing is built again; after a plain `cargo
//! test`, the library is built once more, with `axum`, and the example.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use provider_payloads::Provider;
use provider_payloads::http::testing::Sample;

/// The repository's root, whose workspace the receiver is built in.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The receiver's Wappin token and Viva subscription secret.
const TOKEN: &str = "wappin-callback-token";
const SECRET: &str = "viva-subscription-secret";

/// How long to wait for the receiver's lines.
const WAIT: Duration = Duration::from_secs(10);

/// The receiver example's executable, built once for all these tests.
fn receiver_executable() -> &'static Path {
    static EXECUTABLE: OnceLock<PathBuf> = OnceLock::new();
    EXECUTABLE.get_or_init(|| {
        // This test runs from <target>/<profile>/deps.
        let exe = std::env::current_exe().unwrap();
        let profile = exe.parent().and_then(Path::parent).unwrap();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut build = Command::new(cargo);
        build
            .current_dir(ROOT)
            .args(["build", "--quiet", "--locked", "--example"])
            .args(["receiver", "--features", "provider-payloads/axum"])
            .args(["--message-format", "json", "--target-dir"])
            .arg(profile.parent().unwrap());
        if profile.file_name().is_some_and(|name| name == "release") {
            build.arg("--release");
        }
        let output = build.output().unwrap();
        assert!(
            output.status.success(),
            "building the receiver failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|message| message["target"]["name"] == "receiver")
            .find_map(|message| message["executable"].as_str().map(PathBuf::from))
            .expect("cargo named no receiver executable")
    })
}

/// The receiver, running on a free loopback port; killed when dropped.
struct Service {
    child: Child,
    addr: SocketAddr,
    lines: Receiver<String>,
}

impl Service {
    fn start(args: &[&str]) -> Service {
        let mut child = Command::new(receiver_executable())
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (send, lines) = mpsc::channel();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            for line in stdout.lines() {
                if send.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        let first = lines.recv_timeout(WAIT).unwrap();
        let addr = first
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("the first line is not the address: {first}"))
            .parse()
            .unwrap();
        Service { child, addr, lines }
    }

    /// The receiver with the token and secret that [`send`] gives, trusting this machine
    /// as its proxy: `send`'s `X-Forwarded-For` is the address it checks.
    fn behind_proxy() -> Service {
        Service::start(&[
            "--wappin-token",
            TOKEN,
            "--viva-secret",
            SECRET,
            "--trusted-proxy",
            "127.0.0.1",
        ])
    }

    /// The URL of `provider`'s route.
    fn url(&self, provider: Provider) -> String {
        format!("http://{}/{provider}", self.addr)
    }

    /// The next event line, after the answer (the receiver writes it before answering).
    fn next_line(&self) -> String {
        self.lines.recv_timeout(WAIT).unwrap()
    }

    fn assert_no_line(&self) {
        if let Ok(line) = self.lines.recv_timeout(Duration::from_millis(200)) {
            panic!("an event line that was not expected: {line}");
        }
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `provider-payloads send` with `args`.
fn send(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_provider-payloads"))
        .arg("send")
        .args(args)
        // A proxy of the machine's would send the loopback requests elsewhere.
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The receiver's line for the event of `sample`: its provider, kind, key and JSON.
fn event_fields(line: &str) -> (String, serde_json::Value) {
    let mut fields = line.splitn(5, ' ');
    assert_eq!(fields.next(), Some("event"), "{line}");
    let provider = fields.next().unwrap().to_owned();
    let json = fields.nth(2).unwrap();
    (provider, serde_json::from_str(json).unwrap())
}

#[test]
fn every_sample_is_answered_as_its_provider_expects_and_its_event_read() {
    let receiver = Service::behind_proxy();
    let samples = Sample::all();
    assert!(samples.len() > 40, "{} samples", samples.len());
    for sample in samples {
        let url = receiver.url(sample.provider());
        let mut args = vec![sample.name(), &url];
        match sample.provider() {
            Provider::Wappin => args.extend(["--token", TOKEN]),
            Provider::Viva => args.extend(["--secret", SECRET]),
            _ => {}
        }
        let out = send(&args);
        let stdout = text(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}:\n{stdout}{}",
            sample.name(),
            text(&out.stderr)
        );
        let expected = format!("ok: the answer {} expects", sample.provider());
        assert_eq!(stdout.lines().last(), Some(&*expected), "{stdout}");
        let answer = sample.answer();
        let status_line = if answer.body.is_empty() {
            answer.status.to_string()
        } else {
            format!("{} {}", answer.status, text(&answer.body))
        };
        assert!(stdout.lines().any(|line| line == status_line), "{stdout}");
        match sample.event() {
            Some(event) => {
                let (provider, json) = event_fields(&receiver.next_line());
                assert_eq!(provider, sample.provider().as_str(), "{}", sample.name());
                assert_eq!(
                    json,
                    serde_json::to_value(&event).unwrap(),
                    "{}",
                    sample.name()
                );
            }
            None => receiver.assert_no_line(),
        }
    }
}

#[test]
fn a_field_set_on_the_command_line_is_what_the_receiver_reads() {
    let receiver = Service::behind_proxy();
    let name = "viva/transaction_payment_created";
    let url = receiver.url(Provider::Viva);
    let out = send(&[name, &url, "--set", "EventData.Amount=12.50"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let set = Sample::named(name)
        .unwrap()
        .set("EventData.Amount", "12.50")
        .unwrap();
    let (_, json) = event_fields(&receiver.next_line());
    assert_eq!(json, serde_json::to_value(set.event().unwrap()).unwrap());
    assert_ne!(set.event(), Sample::named(name).unwrap().event());
}

#[test]
fn an_esms_sample_adds_its_query_to_the_urls_own() {
    let receiver = Service::behind_proxy();
    let url = format!("{}?", receiver.url(Provider::Esms));
    let out = send(&["esms/promo_sms_type1", &url]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let sample = Sample::named("esms/promo_sms_type1").unwrap();
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("GET {url}{} ", sample.query())),
        "{first}"
    );
}

#[test]
fn a_refused_callback_is_shown_and_exits_1() {
    let receiver = Service::behind_proxy();
    // No token: Wappin's answer is refused with 401.
    let out = send(&["wappin/callback_status", &receiver.url(Provider::Wappin)]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.lines().any(|line| line.starts_with("401 ")),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("not the answer wappin expects: a 2xx with {\"status\":\"000\"}\n"),
        "{stdout}"
    );
    receiver.assert_no_line();
}

#[test]
fn a_receiver_that_trusts_no_proxy_checks_the_senders_own_address() {
    // Without --trusted-proxy, X-Forwarded-For is not read: 127.0.0.1 is not Viva's.
    let receiver = Service::start(&[]);
    let url = receiver.url(Provider::Viva);
    let out = send(&["viva/transaction_payment_created", &url]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.lines().any(|line| line.starts_with("403 ")),
        "{stdout}"
    );
    // Trusting this machine, the forwarded address, Viva's, passes.
    let receiver = Service::start(&["--trusted-proxy", "127.0.0.1"]);
    let url = receiver.url(Provider::Viva);
    let out = send(&["viva/transaction_payment_created", &url]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn wrong_usage_exits_2_before_sending() {
    let url = "http://127.0.0.1:9/";
    for args in [
        &["no_such_sample", url][..],
        &["wappin/callback_status"],
        &["wappin/callback_status", "127.0.0.1:9/wappin"],
        &["wappin/callback_status", url, "--set", "no_such_field=1"],
        &["wappin/callback_status", url, "--set", "statuses"],
        &["wappin/callback_status", url, "--bogus"],
    ] {
        let out = send(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = send(&["wappin/callback_status", "https://127.0.0.1:9/"]);
    if cfg!(feature = "tls") {
        assert_eq!(out.status.code(), Some(1)); // nothing listens there
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).contains("`tls` feature"));
    }
}

#[test]
fn unreachable_urls_exit_1_and_help_and_list_exit_0() {
    let out = send(&["wappin/callback_status", "http://127.0.0.1:9/"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("http://127.0.0.1:9/"));
    let out = send(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("X-Forwarded-For"));
    let out = send(&["--list"]);
    assert_eq!(out.status.code(), Some(0));
    let listed: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    let names: Vec<String> = Sample::all().iter().map(|s| s.name().to_owned()).collect();
    assert_eq!(listed, names);
}
