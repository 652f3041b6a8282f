//! Every server answers every sample as its provider expects (the bare handler, 200 with
//! nothing) on its provider's route and on `/`, and prints the lines its handler prints:
//! what `benches/load.rs` checks before it measures, kept true by CI, so that the `Value`
//! handler stays one that a provider would accept.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use http_answer::send_bytes;
use provider_payloads::http::testing::Sample;

#[path = "../../tests/common/http_answer.rs"]
mod http_answer;

const TOKEN: &str = "servers-test-token";

/// A server started on 127.0.0.1:0, its standard output in a file; killed when dropped.
struct Server {
    child: Child,
    stdout: PathBuf,
    addr: SocketAddr,
}

impl Server {
    fn start(name: &str) -> Server {
        let stdout = std::env::temp_dir().join(format!(
            "load-servers-test-{}-{name}.out",
            std::process::id()
        ));
        let file = std::fs::File::create(&stdout).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_load-servers"))
            .args([name, "--listen", "127.0.0.1:0", "--wappin-token", TOKEN])
            .arg("--no-source-check")
            .stdout(file)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut server = Server {
            child,
            stdout,
            addr: SocketAddr::from(([0, 0, 0, 0], 0)),
        };
        let start = Instant::now();
        while server.addr.port() == 0 {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{name} printed no address"
            );
            std::thread::sleep(Duration::from_millis(20));
            if let Some(first) = server.lines().first() {
                server.addr = first
                    .strip_prefix("listening on http://")
                    .and_then(|addr| addr.parse().ok())
                    .unwrap_or_else(|| panic!("{name}'s first line: {first}"));
            }
        }
        server
    }

    /// The complete lines printed so far.
    fn lines(&self) -> Vec<String> {
        let text = std::fs::read_to_string(&self.stdout).unwrap();
        text.split_terminator('\n')
            .take(text.matches('\n').count())
            .map(str::to_owned)
            .collect()
    }

    /// Sends `sample` to `path` on a connection of its own: the status and body answered.
    fn send(&self, sample: &Sample, path: &str) -> (u16, Vec<u8>) {
        let mut head = format!("{} {path}", sample.method());
        if !sample.query().is_empty() {
            head.push('?');
            head.push_str(sample.query());
        }
        head.push_str(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (name, value) in sample.headers() {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", sample.body().len()));
        let mut request = head.into_bytes();
        request.extend_from_slice(sample.body());
        let answered = send_bytes(self.addr, &request);
        (answered.status, answered.body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.stdout);
    }
}

#[test]
fn every_server_answers_every_sample_as_its_provider_expects() {
    let samples: Vec<Sample> = Sample::all()
        .into_iter()
        .map(|sample| sample.wappin_token(TOKEN))
        .collect();
    let events = samples
        .iter()
        .filter(|sample| sample.event().is_some())
        .count();
    let verifications = samples
        .iter()
        .filter(|sample| sample.body().is_empty() && sample.query().is_empty())
        .count();
    assert_eq!(
        verifications, 1,
        "Viva's URL verification, a GET of nothing"
    );
    for framework in ["axum", "actix"] {
        for handler in ["bare", "value", "receiver"] {
            let name = format!("{framework}-{handler}");
            let server = Server::start(&name);
            for sample in &samples {
                for path in [format!("/{}", sample.provider()), "/".to_owned()] {
                    let (status, body) = server.send(sample, &path);
                    let expected = match handler {
                        "bare" => (200, Vec::new()),
                        _ => (sample.answer().status, sample.answer().body.to_vec()),
                    };
                    assert_eq!(
                        (status, String::from_utf8_lossy(&body)),
                        (expected.0, String::from_utf8_lossy(&expected.1)),
                        "{name}: {} to {path}",
                        sample.name()
                    );
                }
            }
            // A line for each request with one: the receiver's for an event, the Value
            // handler's for every callback; after the address.
            let expected = match handler {
                "bare" => 0,
                "value" => samples.len() - verifications,
                _ => events,
            };
            assert_eq!(server.lines().len() - 1, 2 * expected, "{name}'s lines");
        }
    }
}
