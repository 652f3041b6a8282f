//! `provider-payloads parse`: reads a provider's payload from a file, standard input, a
//! URL or a query string, and prints it typed, written back, or as its event.

use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::{bench, fixtures};
use provider_payloads::{Error, ListUnrecognized, Payload, Provider, esms, nxcloud, viva, wappin};

const USAGE: &str = "usage: provider-payloads parse [--provider nxcloud|esms|wappin|viva]
                              [--wire | --event | --bench] [FILE|-|URL]

With FILE (or - for standard input), parse it and print the provider, the payload kind
and the typed value. The provider and kind are told from the shape of the input; with
--provider, it is read as that provider's. A file is sent as its extension says: .json
and .form as a POST body, .query as the URL's query string. An input that starts with
http:// or https://, or that names no file and has a ? or = in it (/hook?SMSID=...), is
text, not a file. Other input is told by its content: JSON is a POST body; a URL (with a
scheme, or a path starting with / or ?) gives its query string, with or without one; a
query string or form (key=value&...) is the query string of an eSMS callback's GET, or
of the POST of an NXCloud SMS receipt to a customer registered before May 2023;
anything else is refused as not JSON, a query string or a form. With --wire, print the
payload written back in the provider's format; with --event, the normalized event as
JSON. With --bench (an optimized build: installed, or `cargo run --release`), parse it
many times and print the median time of the typed parse beside what you would write
instead: serde_json::Value and IgnoredAny for JSON, serde_urlencoded pairs for a query
string, and their ratios.
With no FILE, parse every fixture bundled with the crate (built into the command) and
list them.";

/// What the command line asked for.
struct Args {
    help: bool,
    provider: Option<Provider>,
    output: Output,
    input: Option<String>,
}

/// What to print of a payload.
#[derive(Clone, Copy, PartialEq)]
enum Output {
    Value,
    Wire,
    Event,
    Bench,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        help: false,
        provider: None,
        output: Output::Value,
        input: None,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--provider" => {
                let name = args.next().ok_or("--provider needs a name")?;
                parsed.provider = Some(name.parse().map_err(|e| format!("{e}"))?);
            }
            "--wire" | "--event" | "--bench" if parsed.output != Output::Value => {
                return Err("--wire, --event and --bench exclude each other".to_owned());
            }
            "--wire" => parsed.output = Output::Wire,
            "--event" => parsed.output = Output::Event,
            "--bench" => parsed.output = Output::Bench,
            "-h" | "--help" => parsed.help = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            input if parsed.input.is_none() => parsed.input = Some(input.to_owned()),
            extra => return Err(format!("one input at a time; `{extra}` is one too many")),
        }
    }
    Ok(parsed)
}

/// How an input is sent: by its file's extension, `.json` and `.form` as a POST body,
/// `.query` as the URL's query string; standard input, text given on the command line (a
/// URL, a query string) and other files by their content.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Sent {
    Body,
    Query,
    ByContent,
}

impl Sent {
    pub(crate) fn of(input: &str) -> Sent {
        match Path::new(input).extension().and_then(|ext| ext.to_str()) {
            Some("json" | "form") => Sent::Body,
            Some("query") => Sent::Query,
            _ => Sent::ByContent,
        }
    }
}

/// Splits an input into the request's body and query: a body as it is (a JSON body, a
/// form); a `.query` file, the query (after a `?`, where it holds a URL); by content,
/// JSON is a body, a URL its query (`""` where it has none), a query string or form the
/// query (eSMS's GET, NXCloud's SMS receipt in the URL). Other text is refused with what
/// it is not.
pub(crate) fn request(input: &[u8], sent: Sent) -> Result<(&[u8], &str), String> {
    let text = match (std::str::from_utf8(input.trim_ascii()), sent) {
        (Ok(text), Sent::Query) => text.split_once('?').map_or(text, |(_, query)| query),
        (Ok(""), Sent::ByContent) => return Err("the input is empty".to_owned()),
        (Ok(text), Sent::ByContent) if !text.starts_with(['{', '[']) => match url_query(text) {
            Some(query) => query,
            None if is_pairs(text) => text,
            None => {
                return Err("the input is not JSON, a query string or a form \
                    (`key=value&...`), nor a URL"
                    .to_owned());
            }
        },
        _ => return Ok((input, "")),
    };
    Ok((b"", text))
}

/// The query string of `text` when it is a URL: absolute (`https://example.com/hook?...`,
/// its scheme in any letter case), a path (`/hook?...`), a relative path with a query
/// (`hook?SMSID=...`), or a query alone (`?SMSID=...`). `""` for a URL without one; a
/// `#fragment` is no part of it.
fn url_query(text: &str) -> Option<&str> {
    let relative = text
        .split_once('?')
        .is_some_and(|(path, _)| !path.contains('=') && !path.contains(char::is_whitespace));
    if !(has_scheme(text) || relative || text.starts_with('/')) {
        return None;
    }
    let url = text.split_once('#').map_or(text, |(url, _)| url);
    Some(url.split_once('?').map_or("", |(_, query)| query))
}

/// Whether `text` starts with `http://` or `https://`, in any letter case.
pub(crate) fn has_scheme(text: &str) -> bool {
    ["http://", "https://"]
        .iter()
        .any(|scheme| starts_with_scheme(text, scheme))
}

/// Whether `text` starts with `scheme` (`https://`), in any letter case.
pub(crate) fn starts_with_scheme(text: &str, scheme: &str) -> bool {
    text.get(..scheme.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
}

/// Whether `text` is a query string or a form: `key=value` pairs joined by `&`, with a
/// `=` in one of them at least and no white space in a key (a form's values may have
/// raw spaces: NXCloud's `drtime=2021-02-26 10:01:15`).
fn is_pairs(text: &str) -> bool {
    text.contains('=')
        && text.split('&').all(|pair| {
            let key = pair.split_once('=').map_or(pair, |(key, _)| key);
            !key.contains(char::is_whitespace)
        })
}

/// Reads the input as `provider`'s payload, or as any provider's when `None`: the
/// payload, or the error to print (the crate's, or why the input is no request).
pub(crate) fn parse(
    provider: Option<Provider>,
    input: &[u8],
    sent: Sent,
) -> Result<Payload, String> {
    let (body, query) = request(input, sent).map_err(|why| format!("parse: {why}"))?;
    let is_query = body.is_empty() && sent != Sent::Body;
    if is_query && query.trim().is_empty() {
        // Said of the query, not of the body: eSMS's and NXCloud's readers of a query say
        // it themselves.
        return match provider {
            Some(Provider::Esms) => esms::Payload::from_query(query).map(Payload::Esms),
            Some(Provider::NxCloud) => nxcloud::SmsReceipt::from_query(query)
                .map(|receipt| Payload::NxCloud(nxcloud::Callback::SmsReceipt(receipt))),
            _ => return Err("parse: the query string is empty".to_owned()),
        }
        .map_err(|err| err.to_string());
    }
    parse_request(provider, input, body, query).map_err(|err| err.to_string())
}

/// [`parse`] of an input already split into its request's body and query.
pub(crate) fn parse_request(
    provider: Option<Provider>,
    input: &[u8],
    body: &[u8],
    query: &str,
) -> Result<Payload, Error> {
    match provider {
        None => provider_payloads::parse(body, query),
        Some(Provider::NxCloud) => {
            nxcloud::Callback::from_request(body, query).map(Payload::NxCloud)
        }
        // A callback's GET, or the JSON answer of a status function.
        Some(Provider::Esms) if body.is_empty() => {
            esms::Payload::from_query(query).map(Payload::Esms)
        }
        Some(Provider::Esms) => esms::Payload::from_json(input).map(Payload::Esms),
        Some(Provider::Wappin) => wappin::Payload::from_json(input).map(Payload::Wappin),
        Some(Provider::Viva) => viva::Payload::from_json(input).map(Payload::Viva),
        Some(other) => provider_payloads::parse(body, query).and_then(|payload| {
            if payload.provider() == other {
                Ok(payload)
            } else {
                Err(Error::NoProvider {
                    expected: vec!["a payload of the provider named".to_owned()],
                    found: format!("the body is {}'s {}", payload.provider(), payload.kind()),
                })
            }
        }),
    }
}

/// Runs `provider-payloads parse` with the arguments after `parse`: the exit code, or
/// the error of writing to `out` (a reader that stopped reading, for the caller to tell).
pub(crate) fn run(
    out: &mut impl Write,
    args: impl Iterator<Item = String>,
) -> io::Result<ExitCode> {
    let args = match parse_args(args) {
        Ok(args) => args,
        Err(problem) => {
            eprintln!("parse: {problem}\n\n{USAGE}");
            return Ok(ExitCode::from(2));
        }
    };
    if args.help {
        writeln!(out, "{USAGE}").map(|()| ExitCode::SUCCESS)
    } else {
        match &args.input {
            None => fixtures::list(out),
            Some(input) => parse_one(out, input, args.provider, args.output),
        }
    }
}

fn parse_one(
    out: &mut impl Write,
    input: &str,
    provider: Option<Provider>,
    output: Output,
) -> io::Result<ExitCode> {
    let (body, sent) = match read_input(input) {
        Ok(read) => read,
        Err(err) => {
            eprintln!("parse: cannot read {input}: {err}");
            return Ok(ExitCode::from(2));
        }
    };
    let payload = match parse(provider, &body, sent) {
        Ok(payload) => payload,
        Err(err) => {
            eprintln!("{err}");
            return Ok(ExitCode::from(1));
        }
    };
    match output {
        Output::Value => {
            writeln!(
                out,
                "{} {}\n{payload:#?}",
                payload.provider(),
                payload.kind()
            )?;
            for finding in payload.unrecognized() {
                eprintln!("note: {finding}");
            }
        }
        Output::Wire => match payload.to_wire() {
            Ok(wire) => {
                out.write_all(&wire)?;
                writeln!(out)?;
            }
            Err(err) => {
                eprintln!("{err}");
                return Ok(ExitCode::from(1));
            }
        },
        Output::Bench => bench::bench(out, provider, &body, sent, &payload)?,
        Output::Event => match payload.event() {
            Some(event) => match serde_json::to_string_pretty(&event) {
                Ok(json) => writeln!(out, "{json}")?,
                Err(err) => {
                    eprintln!("parse: cannot write the event: {err}");
                    return Ok(ExitCode::from(1));
                }
            },
            None => eprintln!(
                "note: a {} {} reports no event",
                payload.provider(),
                payload.kind()
            ),
        },
    }
    Ok(ExitCode::SUCCESS)
}

/// The input's bytes and how they are sent: a file (by its extension), standard input
/// (`-`), or the text itself when it is a URL (`http://` or `https://`, with or without a
/// query) or, naming no file, has a `?` or `=` (`/hook?SMSID=...`, a query string).
fn read_input(input: &str) -> std::io::Result<(Vec<u8>, Sent)> {
    let text = has_scheme(input) || (!Path::new(input).is_file() && input.contains(['=', '?']));
    if input == "-" {
        let mut body = Vec::new();
        std::io::stdin().read_to_end(&mut body)?;
        Ok((body, Sent::ByContent))
    } else if text {
        Ok((input.as_bytes().to_vec(), Sent::ByContent))
    } else {
        Ok((std::fs::read(input)?, Sent::of(input)))
    }
}
