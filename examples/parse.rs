//! Parse a provider payload from a file or standard input and print it.
//!
//! ```text
//! cargo run --example parse                                   # every bundled fixture
//! cargo run --example parse -- --provider nxcloud FILE        # the typed value
//! cargo run --example parse -- --provider nxcloud --wire FILE # back in the wire format
//! cargo run --example parse -- --provider nxcloud -           # from standard input
//! cargo run --example parse -- --provider esms 'SMSID=...&SendStatus=5'  # a URL or query
//! cargo run --example parse -- --provider wappin FILE         # kind told from its keys
//! cargo run --example parse -- --provider viva FILE           # message, by EventTypeId
//! ```
//!
//! Exits 0 when the input parsed, 1 with the error on standard error when it did not,
//! and 2 on wrong usage.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::fmt::Debug;

use provider_payloads::{
    Error, ListUnrecognized, Provider, Unrecognized, esms, nxcloud, viva, wappin,
};

const USAGE: &str = "usage: parse [--provider nxcloud|esms|wappin|viva] [--wire] [FILE|-]

With FILE (or - for standard input), parse it and print the typed value; with --wire,
print it written back in the provider's format instead. For esms, FILE may also be the
callback's URL or query string itself. For wappin, the kind of body (callback,
request, response, acknowledgement) is told from its keys; for viva (webhook message,
URL verification, messages API answer) from its shape, and a message's data from its
EventTypeId. With no FILE, parse every
bundled fixture and list them. --provider is required with FILE until detection across
providers exists.";

/// What the command line asked for.
struct Args {
    provider: Option<Provider>,
    wire: bool,
    input: Option<String>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        provider: None,
        wire: false,
        input: None,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--provider" => {
                let name = args.next().ok_or("--provider needs a name")?;
                parsed.provider = Some(name.parse().map_err(|e| format!("{e}"))?);
            }
            "--wire" => parsed.wire = true,
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            input if parsed.input.is_none() => parsed.input = Some(input.to_owned()),
            extra => return Err(format!("one input at a time; `{extra}` is one too many")),
        }
    }
    Ok(parsed)
}

/// A body read as one provider's payload.
struct Parsed {
    kind: &'static str,
    debug: String,
    wire: Vec<u8>,
    unrecognized: Vec<Unrecognized>,
}

/// What is shown of a payload: its kind, its value, its wire form and its findings.
fn describe<P: Debug + ListUnrecognized>(kind: &'static str, payload: &P, wire: Vec<u8>) -> Parsed {
    Parsed {
        kind,
        debug: format!("{payload:#?}"),
        wire,
        unrecognized: payload.unrecognized(),
    }
}

fn parse(provider: Provider, body: &[u8]) -> Result<Parsed, Error> {
    match provider {
        Provider::NxCloud => {
            let callback = nxcloud::Callback::from_json(body)?;
            Ok(describe(callback.kind(), &callback, callback.to_json()?))
        }
        Provider::Esms => {
            let text = std::str::from_utf8(body).map_err(|_| Error::Parameter {
                provider,
                payload: esms::Callback::KIND,
                key: String::new(),
                reason: "the input is not UTF-8 text".to_owned(),
            })?;
            // A URL (absolute, or a path and query) or the query alone.
            let callback = if text.contains("://") || text.trim_start().starts_with('/') {
                esms::Callback::from_url(text)?
            } else {
                esms::Callback::from_query(text)?
            };
            Ok(describe(
                esms::Callback::KIND,
                &callback,
                callback.to_query().into_bytes(),
            ))
        }
        Provider::Wappin => {
            // Any Wappin body: a callback, a request or a response, told apart by its keys.
            let payload = wappin::Payload::from_json(body)?;
            Ok(describe(payload.kind(), &payload, payload.to_json()?))
        }
        Provider::Viva => {
            // Any Viva body: a webhook message, a verification or a messages-API answer.
            let payload = viva::Payload::from_json(body)?;
            Ok(describe(payload.kind(), &payload, payload.to_json()?))
        }
        _ => Err(Error::Shape {
            provider,
            expected: "a provider this example knows (nxcloud, esms, wappin, viva)",
            found: format!("a {provider} payload"),
        }),
    }
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("parse: {problem}\n");
            }
            eprintln!("{USAGE}");
            return if problem.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match (&args.input, args.provider) {
        (None, _) => list_fixtures(),
        (Some(_), None) => {
            eprintln!("parse: name the provider with --provider\n\n{USAGE}");
            ExitCode::from(2)
        }
        (Some(input), Some(provider)) => parse_one(input, provider, args.wire),
    }
}

fn parse_one(input: &str, provider: Provider, wire: bool) -> ExitCode {
    let body = match read_input(input, provider) {
        Ok(body) => body,
        Err(err) => {
            eprintln!("parse: cannot read {input}: {err}");
            return ExitCode::from(2);
        }
    };
    match parse(provider, &body) {
        Ok(parsed) if wire => {
            println!("{}", String::from_utf8_lossy(&parsed.wire));
            ExitCode::SUCCESS
        }
        Ok(parsed) => {
            println!("{provider} {}\n{}", parsed.kind, parsed.debug);
            for finding in &parsed.unrecognized {
                eprintln!("note: {finding}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(1)
        }
    }
}

fn read_input(input: &str, provider: Provider) -> std::io::Result<Vec<u8>> {
    let is_file = Path::new(input).is_file();
    if provider == Provider::Esms && !is_file && input.contains('=') {
        // The callback's URL or query string, given on the command line.
        Ok(input.as_bytes().to_vec())
    } else if input == "-" {
        let mut body = Vec::new();
        std::io::stdin().read_to_end(&mut body)?;
        Ok(body)
    } else {
        std::fs::read(input)
    }
}

/// Parses every valid fixture bundled with the crate and prints a line for each.
fn list_fixtures() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut failed = 0_usize;
    let mut count = 0_usize;
    for provider in Provider::ALL {
        for path in fixture_files(&root.join(provider.as_str())) {
            count += 1;
            let shown = path
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(&path);
            let outcome = std::fs::read(&path)
                .map_err(|err| err.to_string())
                .and_then(|body| parse(provider, &body).map_err(|err| err.to_string()));
            match outcome {
                Ok(parsed) => println!(
                    "{:<64} {:<8} {:<24} ok",
                    shown.display(),
                    provider.as_str(),
                    parsed.kind
                ),
                Err(err) => {
                    failed += 1;
                    println!(
                        "{:<64} {:<8} {:<24} FAILED: {err}",
                        shown.display(),
                        provider.as_str(),
                        "?"
                    );
                }
            }
        }
    }
    println!("{count} fixtures, {} ok, {failed} failed", count - failed);
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The payload files directly in a provider's fixture folder, sorted.
fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|ext| ext == "json" || ext == "query")
        })
        .collect();
    files.sort();
    files
}
