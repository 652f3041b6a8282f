//! `provider-payloads`: the crate's command line.
//!
//! ```text
//! provider-payloads parse                                   # every bundled fixture
//! provider-payloads parse FILE                              # provider and kind detected
//! provider-payloads parse --event FILE                      # the normalized event, as JSON
//! provider-payloads parse --wire FILE                       # back in the wire format
//! provider-payloads parse -                                 # from standard input
//! provider-payloads parse 'SMSID=...&SendStatus=5'          # a query string
//! provider-payloads parse 'https://example.com/hook?...'    # a URL, with or without a query
//! provider-payloads parse --provider nxcloud FILE           # read as that provider's
//! provider-payloads parse --bench FILE                      # time it beside its baselines
//! provider-payloads send wappin/callback_status http://127.0.0.1:8080/wappin --token T
//! provider-payloads send --list                             # the samples `send` sends
//! ```
//!
//! From a clone, `cargo run -- parse ...` runs it (`cargo run --release -- parse --bench
//! FILE` to time); `cargo install --path cli` installs it. It exits 0 when the input
//! parsed, 1 with the error on standard error when it did not, and 2 on wrong usage;
//! `send`, 0 when the answer is the one the provider expects, 1 when not, 2 on wrong
//! usage.
//! `--help` prints the usage on standard output. Output piped into a reader that stops
//! early (`| head -1`) ends the command quietly, as other Unix tools do.

mod bench;
mod fixtures;
mod parse;
mod send;

use std::io::{self, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: provider-payloads parse [OPTIONS] [FILE|-|URL]
       provider-payloads send [OPTIONS] SAMPLE URL
       provider-payloads --help

Commands:
  parse    parse a provider's payload and print it; with no input, parse and list
           every bundled sample
  send     send a provider's sample callback to your webhook's URL and tell
           whether the answer is the one that provider expects

`provider-payloads parse --help` and `provider-payloads send --help` print their
options.";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut out = io::stdout().lock();
    let printed = match args.next().as_deref() {
        Some("parse") => parse::run(&mut out, args),
        Some("send") => send::run(&mut out, args),
        Some("-h" | "--help") => writeln!(out, "{USAGE}").map(|()| ExitCode::SUCCESS),
        Some(other) => {
            eprintln!("provider-payloads: unknown command `{other}`\n\n{USAGE}");
            Ok(ExitCode::from(2))
        }
        None => {
            eprintln!("provider-payloads: a command is needed\n\n{USAGE}");
            Ok(ExitCode::from(2))
        }
    };
    match printed.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        // The reader stopped reading (`| head -1`): what it wanted is printed.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("provider-payloads: cannot write the output: {err}");
            ExitCode::from(1)
        }
    }
}
