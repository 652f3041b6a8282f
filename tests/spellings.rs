//! Every scalar in either spelling, by one rule (issue 29, point 3): over every JSON
//! fixture, each number is sent as a JSON string of its digits (`100.50` as `"100.50"`),
//! and each string of digits without a leading zero (a code, an id: `"200"`) as a JSON
//! number, one at a time, nested fields and array items too. Each variant must be read
//! through `parse` and through its provider's own entry point as the same kind with the
//! same typed value, and be written back as it came: the fixture written back, with that
//! one value in the variant's spelling, byte for byte.
//!
//! Left out, and why:
//!
//! - Strings of digits with a leading zero (Wappin's `"0009"`): as a number they would be
//!   another text, `9`.
//! - Strings of digits past `u64::MAX`: `serde_json` reads such a JSON number as an
//!   `f64`, which has lost its digits before any type sees it; no number of that length
//!   can be read exactly, so none is sent.
//! - Object keys: a key is always a string.
//! - The query strings and forms (eSMS's callbacks, NXCloud's SMS receipts): every value
//!   in them is text already; they have no second spelling.
//!
//! A value the crate keeps as raw JSON (an unknown field, a `RawJson` such as a Viva
//! message's `payload`) is kept byte for byte, so it too must be written back as it
//! came; its typed value is that raw text, which the variant changes by construction,
//! so the value is compared with it aside. Such a place is told by sending an object
//! there: only raw JSON takes one where a fixture has a scalar.

mod common;

use std::ops::Range;
use std::path::Path;

use provider_payloads::event::Event;
use provider_payloads::{ListUnrecognized, Payload, nxcloud, parse, viva, wappin};

/// A scalar of a JSON text: where it is (a JSON pointer) and its bytes.
#[derive(Debug)]
struct Scalar {
    pointer: String,
    span: Range<usize>,
    /// A JSON number (else a string, or a literal).
    number: bool,
}

/// Reads the scalars of a JSON text, in order, with their places.
struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    found: Vec<Scalar>,
}

impl Scanner<'_> {
    fn scalars(json: &[u8]) -> Vec<Scalar> {
        let mut scanner = Scanner {
            bytes: json,
            at: 0,
            found: Vec::new(),
        };
        scanner.value(String::new());
        scanner.space();
        assert_eq!(scanner.at, json.len(), "the scanner read the whole text");
        scanner.found
    }

    fn peek(&self) -> u8 {
        self.bytes[self.at]
    }

    fn space(&mut self) {
        while self.at < self.bytes.len() && self.peek().is_ascii_whitespace() {
            self.at += 1;
        }
    }

    /// Passes over a string, and gives its raw text with the quotes.
    fn string(&mut self) -> Range<usize> {
        let start = self.at;
        self.at += 1;
        loop {
            match self.peek() {
                b'\\' => self.at += 2,
                b'"' => break,
                _ => self.at += 1,
            }
        }
        self.at += 1;
        start..self.at
    }

    fn value(&mut self, pointer: String) {
        self.space();
        match self.peek() {
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.at += 1;
                self.space();
                if self.peek() == close {
                    self.at += 1;
                    return;
                }
                for index in 0.. {
                    self.space();
                    let place = if open == b'{' {
                        let key = self.string();
                        let key: String = serde_json::from_slice(&self.bytes[key]).unwrap();
                        self.space();
                        assert_eq!(self.peek(), b':');
                        self.at += 1;
                        key.replace('~', "~0").replace('/', "~1")
                    } else {
                        index.to_string()
                    };
                    self.value(format!("{pointer}/{place}"));
                    self.space();
                    let end = self.peek();
                    self.at += 1;
                    if end == close {
                        return;
                    }
                }
            }
            b'"' => {
                let span = self.string();
                self.found.push(Scalar {
                    pointer,
                    span,
                    number: false,
                });
            }
            _ => {
                let start = self.at;
                while self.at < self.bytes.len()
                    && !matches!(self.peek(), b',' | b'}' | b']')
                    && !self.peek().is_ascii_whitespace()
                {
                    self.at += 1;
                }
                let number = matches!(self.bytes[start], b'-' | b'0'..=b'9');
                self.found.push(Scalar {
                    pointer,
                    span: start..self.at,
                    number,
                });
            }
        }
    }
}

/// The other spelling of a scalar's text, where the rule gives it one: a number in a
/// string, or the digits of a string as a number.
fn other_spelling(token: &str, number: bool) -> Option<String> {
    if number {
        return Some(format!("\"{token}\""));
    }
    let digits = token.strip_prefix('"')?.strip_suffix('"')?;
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    (canonical && digits.parse::<u64>().is_ok()).then(|| digits.to_owned())
}

/// `text` with `span` replaced by `with`.
fn replaced(text: &[u8], span: &Range<usize>, with: &str) -> Vec<u8> {
    [&text[..span.start], with.as_bytes(), &text[span.end..]].concat()
}

/// A payload's `Debug` without its notes on how fields were written (`written_as`): the
/// typed value, its unknown fields included, and nothing of the spelling.
fn typed_value(debug: &str) -> String {
    let mut kept = Vec::new();
    let mut skipping: Option<String> = None;
    for line in debug.lines() {
        if let Some(indent) = &skipping {
            if line == format!("{indent}}},") {
                skipping = None;
            }
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed == "written_as: {" {
            skipping = Some(line[..line.len() - trimmed.len()].to_owned());
            continue;
        }
        kept.push(line);
    }
    kept.join("\n")
}

/// Whether the value at `pointer` of `body` is kept as raw JSON: an object sent there
/// is read, and written back whole.
fn kept_raw(provider: &str, body: &[u8], scalar: &Scalar) -> bool {
    let variant = replaced(body, &scalar.span, r#"{"zz_raw":[true]}"#);
    common::parse(provider, &variant)
        .is_ok_and(|read| String::from_utf8_lossy(&read.wire).contains(r#"{"zz_raw":[true]}"#))
}

/// One body of `provider`'s, named `name`: every scalar in its other spelling, one at a
/// time. Returns how many variants were read, and the failures.
fn spell_each_scalar(name: &str, provider: &str, body: &[u8]) -> (usize, Vec<String>) {
    let original = common::parse(provider, body).unwrap_or_else(|err| panic!("{name}: {err}"));
    let detected = parse(body, "").unwrap_or_else(|err| panic!("{name}: {err}"));
    let written = Scanner::scalars(&original.wire);
    let mut failures = Vec::new();
    let mut count = 0;
    for scalar in Scanner::scalars(body) {
        let token = std::str::from_utf8(&body[scalar.span.clone()]).unwrap();
        let Some(spelling) = other_spelling(token, scalar.number) else {
            continue;
        };
        count += 1;
        let at = &scalar.pointer;
        let variant = replaced(body, &scalar.span, &spelling);
        let mut fail = |what: String| failures.push(format!("{name} {at} as {spelling}: {what}"));
        let read = match common::parse(provider, &variant) {
            Ok(read) => read,
            Err(err) => {
                fail(format!("refused: {err}"));
                continue;
            }
        };
        match parse(&variant, "") {
            Ok(payload)
                if payload.provider() == detected.provider()
                    && payload.kind() == detected.kind() =>
            {
                if payload.to_wire().unwrap() != read.wire {
                    fail("parse writes back otherwise than the entry point".to_owned());
                }
            }
            Ok(payload) => fail(format!(
                "parse read a {} {}",
                payload.provider(),
                payload.kind()
            )),
            Err(err) => fail(format!("parse refused it: {err}")),
        }
        if read.kind != original.kind {
            fail(format!("read as a {}", read.kind));
            continue;
        }
        // Written back as it came: the fixture's own writing, with this value spelt as
        // the variant spells it.
        let Some(place) = written.iter().find(|w| w.pointer == scalar.pointer) else {
            fail("not written back where it was".to_owned());
            continue;
        };
        let expected = replaced(&original.wire, &place.span, &spelling);
        if read.wire != expected {
            fail(format!(
                "written back as\n{}\nnot\n{}",
                String::from_utf8_lossy(&read.wire),
                String::from_utf8_lossy(&expected)
            ));
            continue;
        }
        if typed_value(&read.debug) != typed_value(&original.debug)
            && !kept_raw(provider, body, &scalar)
        {
            fail(format!(
                "another value:\n{}\nnot\n{}",
                typed_value(&read.debug),
                typed_value(&original.debug)
            ));
        }
        if read.unrecognized != original.unrecognized && !kept_raw(provider, body, &scalar) {
            fail(format!("unrecognized: {:?}", read.unrecognized));
        }
    }
    (count, failures)
}

/// Runs [`spell_each_scalar`] on each body, and fails with every failure at once: how
/// many bodies were read, and how many variants.
fn assert_each_scalar_spelt_both_ways<'a>(
    bodies: impl Iterator<Item = (String, &'a str, Vec<u8>)>,
) -> (usize, usize) {
    let mut failures = Vec::new();
    let mut report = Vec::new();
    let mut total = 0;
    for (name, provider, body) in bodies {
        let (count, failed) = spell_each_scalar(&name, provider, &body);
        report.push(format!("{name}: {count} variants"));
        total += count;
        failures.extend(failed);
    }
    println!("{}\n{total} variants", report.join("\n"));
    assert!(
        failures.is_empty(),
        "{} variants failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    (report.len(), total)
}

#[test]
fn every_scalar_of_every_json_fixture_reads_in_its_other_spelling_and_comes_back_so() {
    let fixtures = common::requests()
        .into_iter()
        .filter(|f| f.is_json())
        .map(|f| (common::name(&f), f.provider, f.body));
    let (read, variants) = assert_each_scalar_spelt_both_ways(fixtures);
    assert!(read > 50, "the JSON fixtures are found");
    assert!(
        variants >= 200,
        "{variants} variants: the scanner finds the scalars"
    );
}

#[test]
fn every_scalar_of_every_constructed_json_body_reads_in_its_other_spelling_too() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let bodies = ["nxcloud", "esms", "wappin", "viva"]
        .into_iter()
        .flat_map(|provider| {
            common::files(&root.join(provider), "json")
                .into_iter()
                .map(move |path| {
                    let name = format!(
                        "tests/data/{provider}/{}",
                        path.file_name().unwrap().to_string_lossy()
                    );
                    (name, provider, std::fs::read(&path).unwrap())
                })
        });
    let (read, variants) = assert_each_scalar_spelt_both_ways(bodies);
    assert!(read > 20, "the constructed bodies are found");
    assert!(
        variants >= 80,
        "{variants} variants: the scanner finds the scalars"
    );
}
#[test]
fn the_scanner_finds_every_scalar_with_its_place() {
    let json = br#"{"a": [1, "2", {"b/c": null}], "d~": -0.50, "e": true}"#;
    let found: Vec<(String, &str, bool)> = Scanner::scalars(json)
        .into_iter()
        .map(|s| {
            let text = std::str::from_utf8(&json[s.span]).unwrap();
            (s.pointer, text, s.number)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("/a/0".to_owned(), "1", true),
            ("/a/1".to_owned(), "\"2\"", false),
            ("/a/2/b~1c".to_owned(), "null", false),
            ("/d~0".to_owned(), "-0.50", true),
            ("/e".to_owned(), "true", false),
        ]
    );
    assert_eq!(other_spelling("-0.50", true).as_deref(), Some("\"-0.50\""));
    assert_eq!(other_spelling("\"200\"", false).as_deref(), Some("200"));
    assert_eq!(other_spelling("\"0\"", false).as_deref(), Some("0"));
    for kept in [
        "\"0009\"",
        "\"\"",
        "\"12a\"",
        "\"-5\"",
        "\"18446744073709551616\"",
        "true",
    ] {
        assert_eq!(other_spelling(kept, false), None, "{kept}");
    }
}

/// A body under `tests/data/`: read through its provider's entry point and through
/// `parse` as `kind`, both writing back the same bytes, the same JSON as the body.
fn read_data(path: &str, kind: &str) -> (Payload, String) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path);
    let body = std::fs::read(&file).unwrap();
    let provider = path.split('/').next().unwrap();
    let own = common::parse(provider, &body).unwrap_or_else(|err| panic!("{path}: {err}"));
    assert_eq!(own.kind, kind, "{path}");
    common::assert_same_json(&body, &own.wire, &file);
    let payload = parse(&body, "").unwrap_or_else(|err| panic!("{path}: parse: {err}"));
    assert_eq!(payload.kind(), kind, "{path}");
    assert_eq!(payload.to_wire().unwrap(), own.wire, "{path}");
    let written = String::from_utf8(own.wire).unwrap();
    (payload, written)
}

#[test]
fn a_text_enum_s_value_sent_as_an_integer_is_its_digits_and_goes_back_as_the_integer() {
    let (payload, written) = read_data("wappin/response_status_number.json", "response");
    let Payload::Wappin(wappin::Payload::Response(response)) = payload else {
        panic!("not a response: {payload:?}")
    };
    assert_eq!(response.status, wappin::StatusCode::Success);
    assert!(response.status.is_success());
    assert_eq!(written, r#"{"status":200,"message":"Success"}"#);

    // An undocumented value stays one, whatever its spelling.
    let (payload, written) = read_data("nxcloud/receipt_status_number.json", "receipt");
    let Payload::NxCloud(nxcloud::Callback::Receipt(receipt)) = &payload else {
        panic!("not a receipt: {payload:?}")
    };
    assert_eq!(
        receipt.status,
        nxcloud::ReceiptStatus::Other("2".to_owned())
    );
    assert!(written.starts_with(r#"{"status":2,"#), "{written}");
    let found: Vec<String> = payload
        .unrecognized()
        .iter()
        .map(|u| u.to_string())
        .collect();
    assert_eq!(found, ["undocumented value `2` at `status`"]);
}

#[test]
fn a_template_parameter_sent_as_a_number_is_its_digits_and_goes_back_as_the_number() {
    let (payload, written) = read_data("wappin/send_hsm_param_number.json", "send HSM request");
    let Payload::Wappin(wappin::Payload::SendHsm(request)) = payload else {
        panic!("not a send HSM request: {payload:?}")
    };
    assert!(written.ends_with(r#""params":{"1":7}}"#), "{written}");
    assert!(
        format!("{request:?}").contains(r#"params: {"1": "7"}"#),
        "{request:?}"
    );
}

#[test]
fn an_amount_in_a_string_is_exact_and_goes_back_in_its_string() {
    let (payload, written) = read_data(
        "viva/transaction_amount_in_a_string.json",
        "webhook message",
    );
    assert!(written.contains(r#""Amount":"100.50""#), "{written}");
    let Some(Event::Payment(payment)) = payload.event() else {
        panic!("no payment: {payload:?}")
    };
    assert_eq!(payment.amount.to_string(), "100.50");
    // The same value as the sample's, where the amount is a JSON number.
    let sample = viva::Webhook::from_json(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/viva/transaction_payment_created.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let Some(Event::Payment(expected)) = sample.event() else {
        panic!("no payment in the sample")
    };
    assert_eq!(payment.amount, expected.amount);
    assert_eq!(payment.amount.scale(), 2);
}

#[test]
fn an_order_code_past_a_u64_is_refused_with_its_digits_as_sent() {
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/viva/transaction_payment_created.json"),
    )
    .unwrap();
    assert!(sample.contains(r#""OrderCode": 776027772607,"#));
    for (sent, quoted) in [
        ("98765432109876543210", "integer `98765432109876543210`"),
        (
            r#""98765432109876543210""#,
            r#"string "98765432109876543210""#,
        ),
    ] {
        let body = sample.replace("776027772607", sent.trim_matches('"'));
        let body = if sent.starts_with('"') {
            body.replace("98765432109876543210", sent)
        } else {
            body
        };
        let err = viva::Webhook::from_json(body.as_bytes()).unwrap_err();
        assert_eq!(err.path(), Some("EventData.OrderCode"), "{err}");
        let message = err.to_string();
        assert!(message.contains(quoted), "{message}");
        assert!(!message.contains("e+"), "{message}");
    }
}
