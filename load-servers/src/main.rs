//! The servers that `benches/load.rs` measures, one a process:
//!
//! ```text
//! load-servers SERVER [the receiver example's options: --listen ADDR, --wappin-token T, ...]
//! ```
//!
//! | SERVER | its handler |
//! | --- | --- |
//! | `axum-bare`, `actix-bare` | takes the body and answers 200 with nothing |
//! | `axum-value`, `actix-value` | what a service writes without the crate ([`value`]) |
//! | `axum-receiver`, `actix-receiver` | the crate's extractor, printing each event's line |
//!
//! `axum-receiver` is the receiver example itself (`examples/receiver.rs`, taken as a
//! module). The other axum servers are served as it is (`one_handler.rs`'s `serve`:
//! hyper's HTTP/1 on tokio's multi-threaded runtime), and the actix-web servers by one
//! `HttpServer` set-up (`actix.rs`). Every server has the receiver's routes, prints
//! `listening on http://ADDR` first, and writes its lines as the receiver does (its
//! `Output`), so that two servers of a framework differ in their handler alone.

mod actix;
mod axum;
mod value;

use std::process::ExitCode;

#[allow(dead_code)] // its `main` and its handler's helpers that only it calls
#[path = "../../examples/receiver.rs"]
mod receiver;

const USAGE: &str = "usage: load-servers axum-bare|axum-value|axum-receiver|actix-bare|actix-value|actix-receiver [the receiver example's options]";

/// What a server's routes do.
#[derive(Clone, Copy)]
enum Handler {
    Bare,
    Value,
    Receiver,
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let server = args.next().unwrap_or_default();
    let (framework, handler) = match server.split_once('-') {
        Some((framework, "bare")) => (framework, Handler::Bare),
        Some((framework, "value")) => (framework, Handler::Value),
        Some((framework, "receiver")) => (framework, Handler::Receiver),
        _ => (server.as_str(), Handler::Bare),
    };
    let options: Vec<String> = args.collect();
    // The Value handler compares Wappin's token itself: the first `--wappin-token`.
    let wappin_authorization = options
        .iter()
        .position(|option| option == "--wappin-token")
        .and_then(|at| options.get(at + 1))
        .map(|token| format!("Bearer {token}"));
    let parsed = match receiver::parse_args(options.into_iter()) {
        Ok(parsed) => parsed,
        Err(problem) => {
            eprintln!("load-servers: {problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let settings = value::Settings {
        wappin_authorization,
        viva_key: parsed.viva_key.clone(),
    };
    let served = match framework {
        "axum" => axum::serve(handler, parsed, settings),
        "actix" => actix::serve(handler, parsed, settings),
        _ => {
            eprintln!("load-servers: no server `{server}`\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("load-servers {server}: {problem}");
            ExitCode::FAILURE
        }
    }
}
