//! `provider-payloads send`: sends a sample callback (the library's `testing` kit) to a
//! URL as its provider sends it, and tells whether the answer is the one that provider
//! expects.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use crate::parse::{has_scheme, starts_with_scheme};
use provider_payloads::http::testing::Sample;
use provider_payloads::viva::SubscriptionSecret;

const USAGE: &str = "usage: provider-payloads send SAMPLE URL [--token TOKEN] [--secret SECRET]
                             [--set FIELD=VALUE]...
       provider-payloads send --list

Send the callback SAMPLE to URL as its provider sends it: its method (GET for eSMS's
callbacks and Viva's URL verification, POST for the others), its Content-Type, its body,
its query string (after the URL's own, if it has one) and its headers; then print the
answer (its status and body) and whether it is the answer that provider expects.
SAMPLE is a bundled sample's name (`wappin/callback_status`, or the name after the
provider's where no other provider has that name; --list lists them) or a file of
yours, sent as its extension says (.json a JSON POST, .form a form POST, .query the
query string).
  --token TOKEN      send `Authorization: Bearer TOKEN`, as Wappin sends your token
  --secret SECRET    send `Viva-Signature-256`, the body's signature with your Viva
                     subscription secret, as Viva signs Sale Transactions notifications
  --set FIELD=VALUE  set the body's (or query string's) FIELD to VALUE, written as the
                     field's own JSON type (`EventData.Amount=12.50`,
                     `statuses[0].status=read`, `SendStatus=3`); may be given again
It sends `X-Forwarded-For: ADDRESS`, the sample's sender (a Viva sample: 51.138.37.238,
an address Viva sends production webhooks from; the others 203.0.113.9), as a proxy of
yours in front of your receiver would forward it: a receiver that trusts the sending
machine as its proxy then checks that address as the provider's; one that does not
checks the sending machine's address itself, which is not Viva's.
Redirects are not followed: the answer shown is URL's own. An https:// URL needs the
command built with the `tls` feature (`cargo install --path cli --features tls`).
Exits 0 when the answer is the one the provider expects, 1 when it is not or the request
could not be sent, and 2 on wrong usage (an unknown sample, a field that cannot be set,
a URL that is not http:// or https://).";

/// How long a request may take, from connecting to the answer's last byte.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The most of an answer's body that is read; the providers' expected answers are tiny.
const ANSWER_LIMIT: u64 = 1024 * 1024;

/// What the command line asked for.
enum Args {
    Help,
    List,
    Send { sample: Box<Sample>, url: String },
}

/// What `provider-payloads send` asked for; wrong usage, with what was wrong.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut positional = Vec::new();
    let mut token = None;
    let mut secret = None;
    let mut sets = Vec::new();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "--token" => token = Some(value("--token")?),
            "--secret" => secret = Some(value("--secret")?),
            "--set" => {
                let assignment = value("--set")?;
                let (field, value) = assignment
                    .split_once('=')
                    .ok_or(format!("--set {assignment}: write it FIELD=VALUE"))?;
                sets.push((field.to_owned(), value.to_owned()));
            }
            "-h" | "--help" => return Ok(Args::Help),
            "--list" => return Ok(Args::List),
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
            _ => positional.push(arg),
        }
    }
    let [name, url] = <[String; 2]>::try_from(positional)
        .map_err(|given| format!("a SAMPLE and a URL are needed; {} given", given.len()))?;
    check_url(&url)?;
    let mut sample = sample(&name)?;
    for (field, value) in sets {
        sample = sample
            .set(&field, &value)
            .map_err(|err| format!("--set: {err}"))?;
    }
    if let Some(token) = token {
        sample = sample.wappin_token(&token);
    }
    if let Some(secret) = secret {
        let secret = SubscriptionSecret::new(secret).map_err(|err| format!("--secret: {err}"))?;
        sample = sample.viva_secret(&secret);
    }
    Ok(Args::Send {
        sample: Box::new(sample),
        url,
    })
}

/// The sample `name`: a bundled one, or a file of the user's.
fn sample(name: &str) -> Result<Sample, String> {
    if let Some(sample) = Sample::named(name) {
        return Ok(sample);
    }
    let path = Path::new(name);
    if path.exists() {
        return Sample::from_file(path).map_err(|err| err.to_string());
    }
    Err(format!(
        "no sample `{name}`, nor a file of that name (`provider-payloads send --list` lists the samples)"
    ))
}

/// Refuses a URL that is not `http://` or `https://`, and `https://` in a build without
/// TLS, before anything is sent.
fn check_url(url: &str) -> Result<(), String> {
    if starts_with_scheme(url, "https://") && !cfg!(feature = "tls") {
        return Err(format!(
            "{url}: this build sends over HTTP only; for https://, build it with the `tls` \
             feature (`cargo install --path cli --features tls`)"
        ));
    }
    if !has_scheme(url) {
        return Err(format!(
            "{url}: the URL must start with http:// or https://"
        ));
    }
    Ok(())
}

/// `url` with `query` appended to its own query string (its fragment, which is never
/// sent, dropped).
fn with_query(url: &str, query: &str) -> String {
    let url = url.split_once('#').map_or(url, |(url, _)| url);
    match (query, url.contains('?')) {
        ("", _) => url.to_owned(),
        (_, false) => format!("{url}?{query}"),
        (_, true) if url.ends_with(['?', '&']) => format!("{url}{query}"),
        (_, true) => format!("{url}&{query}"),
    }
}

/// Runs `provider-payloads send`.
pub(crate) fn run(
    out: &mut impl Write,
    args: impl Iterator<Item = String>,
) -> io::Result<ExitCode> {
    let (sample, url) = match parse_args(args) {
        Ok(Args::Send { sample, url }) => (*sample, url),
        Ok(Args::Help) => {
            writeln!(out, "{USAGE}")?;
            return Ok(ExitCode::SUCCESS);
        }
        Ok(Args::List) => {
            for sample in Sample::all() {
                writeln!(out, "{}", sample.name())?;
            }
            return Ok(ExitCode::SUCCESS);
        }
        Err(message) => {
            eprintln!("send: {message}\n\n{USAGE}");
            return Ok(ExitCode::from(2));
        }
    };
    let url = with_query(&url, sample.query());
    writeln!(
        out,
        "{} {url} ({}, from {})",
        sample.method(),
        sample.name(),
        sample.peer_address()
    )?;
    let (status, body) = match send(&sample, &url) {
        Ok(answer) => answer,
        Err(err) => {
            eprintln!("provider-payloads send: {url}: {err}");
            return Ok(ExitCode::from(1));
        }
    };
    // The status, and the body after a space when there is one.
    if body.is_empty() {
        writeln!(out, "{status}")?;
    } else {
        writeln!(out, "{status} {}", String::from_utf8_lossy(&body))?;
    }
    let provider = sample.provider();
    if sample.accepts_answer(status, &body) {
        writeln!(out, "ok: the answer {provider} expects")?;
        Ok(ExitCode::SUCCESS)
    } else {
        let expected = sample.answer();
        writeln!(
            out,
            "not the answer {provider} expects: a 2xx{}",
            if expected.body.is_empty() {
                String::new()
            } else {
                format!(" with {}", String::from_utf8_lossy(&expected.body))
            }
        )?;
        Ok(ExitCode::from(1))
    }
}

/// Sends `sample` to `url` (its query string included) and reads the answer's status
/// and body.
fn send(sample: &Sample, url: &str) -> Result<(u16, Vec<u8>), ureq::Error> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        // A refusal (4xx, 5xx) is an answer to show, not an error.
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(TIMEOUT))
        .build()
        .into();
    let forwarded = sample.peer_address().to_string();
    let mut response = if sample.method() == "GET" {
        let mut request = agent.get(url).header("X-Forwarded-For", &forwarded);
        for (name, value) in sample.headers() {
            request = request.header(name, value);
        }
        request.call()?
    } else {
        let mut request = agent.post(url).header("X-Forwarded-For", &forwarded);
        for (name, value) in sample.headers() {
            request = request.header(name, value);
        }
        request.send(sample.body())?
    };
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(ANSWER_LIMIT)
        .read_to_vec()?;
    Ok((status, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_query_follows_the_urls_own() {
        assert_eq!(with_query("http://h/esms", "a=1"), "http://h/esms?a=1");
        assert_eq!(
            with_query("http://h/esms?k=v", "a=1"),
            "http://h/esms?k=v&a=1"
        );
        assert_eq!(with_query("http://h/esms?", "a=1"), "http://h/esms?a=1");
        assert_eq!(with_query("http://h/esms#top", "a=1"), "http://h/esms?a=1");
        assert_eq!(with_query("http://h/viva?k=v", ""), "http://h/viva?k=v");
    }

    #[test]
    fn only_http_and_https_urls_are_taken() {
        assert!(check_url("HTTP://127.0.0.1:8080/").is_ok());
        assert!(check_url("ftp://example.com/").is_err());
        assert!(check_url("example.com/hook").is_err());
        assert_eq!(
            check_url("https://example.com/").is_ok(),
            cfg!(feature = "tls")
        );
    }
}
