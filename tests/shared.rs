//! The checks that read what lies beside the repository, in `../shared`: the payloads
//! third parties published (`realworld/`, see its README) and the providers' documents
//! the crate was built from (`seeds/`). Both are read where they are, never copied in.
//!
//! A clone with nothing beside it (anyone who clones the repository or unpacks the
//! crate) has neither. There each check is reported as ignored, and one line before
//! the run says why. Under CI (`CI=true`) the folder must be there: each check then
//! runs and fails, so that CI keeps reading the samples.
//!
//! Every real-world payload must parse under its provider, as `parse` reads it too, and
//! be written back loss-free; those under `edge/` must give a value or a clear error,
//! never a panic.

mod common;

use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Trial};
use provider_payloads::nxcloud::StatusCode;
use provider_payloads::viva::{DEMO_WEBHOOK_SOURCES, PRODUCTION_WEBHOOK_SOURCES};
use provider_payloads::wappin::Endpoint;
use provider_payloads::{Payload, Provider};

/// A check, the path under `../shared` it reads, and its name.
type Check = (&'static str, &'static str, fn());

const CHECKS: &[Check] = &[
    (
        "realworld_nxcloud_payloads_parse_and_write_back_loss_free",
        "realworld/nxcloud",
        || check_provider("nxcloud", "json"),
    ),
    (
        "realworld_esms_callbacks_parse_and_write_back_loss_free",
        "realworld/esms",
        || check_provider("esms", "query"),
    ),
    (
        "realworld_wappin_payloads_parse_and_write_back_loss_free",
        "realworld/wappin",
        || check_provider("wappin", "json"),
    ),
    (
        "realworld_viva_webhooks_parse_and_write_back_loss_free",
        "realworld/viva",
        || check_provider("viva", "json"),
    ),
    (
        "realworld_json_variants_are_read_as_the_sample_is",
        "realworld",
        json_variants_are_read_as_the_sample_is,
    ),
    (
        "realworld_viva_events_are_typed_by_their_event_type",
        "realworld/viva",
        viva_events_are_typed_by_their_event_type,
    ),
    (
        "realworld_esms_edge_cases_give_a_clear_error",
        "realworld/esms/edge",
        esms_edge_cases_give_a_clear_error,
    ),
    (
        "realworld_wappin_edge_cases_are_refused_naming_their_shape",
        "realworld/wappin/edge",
        wappin_edge_cases_are_refused_naming_their_shape,
    ),
    (
        "seed_nxcloud_status_codes_are_the_documents_table_row_for_row",
        NXCLOUD_DOCUMENT,
        nxcloud_status_codes_are_the_documents_table_row_for_row,
    ),
    (
        "seed_wappin_document_holds_every_status_row_and_the_examples_the_tests_use",
        WAPPIN_DOCUMENT,
        wappin_document_holds_every_status_row_and_the_examples_the_tests_use,
    ),
    (
        "seed_viva_source_addresses_are_the_documents_lists",
        VIVA_DOCUMENT,
        viva_source_addresses_are_the_documents_lists,
    ),
];

const NXCLOUD_DOCUMENT: &str = "seeds/000_451a745b4c21b0fd.txt";
const WAPPIN_DOCUMENT: &str = "seeds/002_141293c652ff41a1.txt";
const VIVA_DOCUMENT: &str = "seeds/003_3f137d6cfb0f4daf.txt";

fn main() {
    let args = Arguments::from_args();
    let ci = std::env::var("CI").is_ok_and(|value| value == "true");
    let absent: Vec<&str> = CHECKS
        .iter()
        .map(|(_, needs, _)| *needs)
        .filter(|needs| !shared(needs).exists())
        .collect();
    // Not with `--list`: test runners read that output line by line.
    if !absent.is_empty() && !args.list {
        let beside = env!("CARGO_MANIFEST_DIR");
        if ci {
            println!(
                "error: ../shared beside {beside} is incomplete under CI: {} checks fail \
                 (absent: {})",
                absent.len(),
                absent.join(", ")
            );
        } else {
            println!(
                "note: ../shared is not beside {beside}: {} checks of the real-world samples \
                 and the providers' documents are ignored (under CI=true they fail)",
                absent.len()
            );
        }
    }
    let trials = CHECKS
        .iter()
        .map(|&(name, needs, check)| {
            Trial::test(name, move || {
                assert!(
                    shared(needs).exists(),
                    "{} is absent: this check reads it",
                    shared(needs).display()
                );
                check();
                Ok(())
            })
            .with_ignored_flag(!ci && !shared(needs).exists())
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

/// `path` under `../shared`.
fn shared(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(path)
}

/// The text of a document under `../shared/seeds`.
fn document(path: &str) -> String {
    std::fs::read_to_string(shared(path)).unwrap()
}

/// Every real-world payload of `provider` parses under it, as `parse` reads it too, and
/// is written back loss-free; those under `edge/` give a value or an error that says
/// whose payload it could not read.
fn check_provider(provider: &str, ext: &str) {
    let dir = shared("realworld").join(provider);
    let files = common::files(&dir, ext);
    assert!(!files.is_empty(), "{}: no .{ext} files", dir.display());
    for path in &files {
        let body = std::fs::read(path).unwrap();
        let parsed = common::parse(provider, &body)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        common::assert_same_payload(provider, &body, &parsed.wire, path);
        let detected = detect(provider, &body)
            .unwrap_or_else(|err| panic!("{}: parse: {err}", path.display()));
        assert_eq!(
            detected.provider().as_str(),
            provider,
            "{}: parse",
            path.display()
        );
        assert_eq!(detected.kind(), parsed.kind, "{}: parse", path.display());
        assert_eq!(
            detected.to_wire().unwrap(),
            parsed.wire,
            "{}: parse wrote another payload",
            path.display()
        );
    }
    let edge = dir.join("edge");
    let edge_files = if edge.is_dir() {
        common::files(&edge, ext)
    } else {
        Vec::new()
    };
    for path in &edge_files {
        let body = std::fs::read(path).unwrap();
        if let Err(err) = common::parse(provider, &body) {
            assert!(
                err.to_string().starts_with(provider),
                "{}: {err}",
                path.display()
            );
        }
    }
}

/// Variants of every real-world JSON sample (keys reordered at every level, other
/// spacing, one more top-level key) are read as the sample is (`common::variants`).
fn json_variants_are_read_as_the_sample_is() {
    use proptest::test_runner::{Config, TestRunner};
    let names = common::variants::table_names();
    let mut samples = 0;
    for provider in ["nxcloud", "wappin", "viva"] {
        for path in common::files(&shared("realworld").join(provider), "json") {
            let body = std::fs::read(&path).unwrap();
            let mut runner = TestRunner::new(Config {
                cases: 64,
                failure_persistence: None,
                ..Config::default()
            });
            runner
                .run(&common::variants::variants(names.clone()), |variant| {
                    common::variants::reads_alike(provider, &body, &variant)
                })
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            samples += 1;
        }
    }
    assert!(samples >= 20, "{samples} samples");
}

/// The sample read by `parse`, from the request its provider sends: a JSON body, or
/// eSMS's query string with an empty body.
fn detect(provider: &str, file: &[u8]) -> Result<Payload, provider_payloads::Error> {
    if provider == Provider::Esms.as_str() {
        provider_payloads::parse(b"", std::str::from_utf8(file).unwrap().trim())
    } else {
        provider_payloads::parse(file, "")
    }
}

/// Each real-world Viva webhook, and what became of its event data.
fn viva_events_are_typed_by_their_event_type() {
    use provider_payloads::viva::{EventTypeId, Webhook};
    // The check below tells `1.20` from `1.2`, and ignores digits inside strings.
    assert_ne!(numbers(br#"{"a":1.20}"#), numbers(br#"{"a":1.2}"#));
    assert_eq!(numbers(br#"{"a\"1":[-0.50,"2"]}"#), ["-0.50"]);
    for path in common::files(&shared("realworld/viva"), "json") {
        let body = std::fs::read(&path).unwrap();
        let webhook = Webhook::from_json(&body).unwrap();
        // Every number is written back with the digits it came with (`1.20`, `0.0`,
        // `1.0000000`), which comparing JSON values does not show.
        let written = webhook.to_json().unwrap();
        assert!(numbers(&body).len() >= 5, "{}", path.display());
        assert_eq!(
            numbers(&written),
            numbers(&body),
            "{}: numbers written back differ",
            path.display()
        );
        let id = webhook.event_type_id();
        match &webhook {
            // 1796, and 1798 (failed): the data of a transaction, with the real envelope.
            Webhook::Transaction(message) => {
                assert!(id.has_transaction_data(), "{}", path.display());
                assert!(message.message_id.is_some(), "{}", path.display());
                assert!(
                    message.event_data.unknown_fields().len() >= 20,
                    "{}: real event data carries many fields the document does not show",
                    path.display()
                );
            }
            // 1799 (price calculated): kept as it came.
            Webhook::Other(message) => {
                assert_eq!(id, EventTypeId::TRANSACTION_PRICE_CALCULATED);
                assert!(
                    message
                        .event_data
                        .get()
                        .contains(r#""Interchange": 0.00105"#),
                    "{}",
                    path.display()
                );
            }
            _ => panic!("{}: an unexpected kind", path.display()),
        }
    }
}

/// The number literals of a JSON text, outside strings, sorted.
fn numbers(json: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(json).unwrap();
    let (mut found, mut in_string, mut escaped, mut current) =
        (Vec::new(), false, false, String::new());
    for c in text.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else if c.is_ascii_digit() || "+-.eE".contains(c) {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            found.push(std::mem::take(&mut current));
        }
    }
    found.sort();
    found
}

/// Asserts that every `.json` file under `realworld/<provider>/edge/` is refused with an
/// error for which `expected` holds.
fn edge_cases_are_refused(provider: &str, expected: impl Fn(&provider_payloads::Error) -> bool) {
    let edge = common::files(&shared("realworld").join(provider).join("edge"), "json");
    assert!(!edge.is_empty());
    for path in edge {
        let body = std::fs::read(&path).unwrap();
        let err = common::parse(provider, &body)
            .err()
            .unwrap_or_else(|| panic!("{}: an edge case read as a payload", path.display()));
        assert!(expected(&err), "{}: {err}", path.display());
    }
}

fn esms_edge_cases_give_a_clear_error() {
    // The edge case is a JSON response of eSMS's pull API, not a GET callback.
    edge_cases_are_refused("esms", |err| err.to_string().contains("a JSON body"));
}

fn wappin_edge_cases_are_refused_naming_their_shape() {
    // The edge cases are answers of Wappin's later v2 API ({meta, users|messages|errors}),
    // which the document does not describe: each is a shape error that names its keys.
    edge_cases_are_refused("wappin", |err| {
        matches!(err, provider_payloads::Error::Shape { .. })
            && err.to_string().contains("an object with the keys `meta`")
    });
}

/// The NXCloud document's "Status Code Description" table, row for row: the crate's
/// codes, messages and solutions.
fn nxcloud_status_codes_are_the_documents_table_row_for_row() {
    let document = document(NXCLOUD_DOCUMENT);
    let table = document
        .split("## Status Code Description")
        .nth(1)
        .expect("the document has its status table");
    let rows: Vec<(i64, &str, &str)> = table
        .lines()
        .filter_map(|line| {
            let mut cells = line.split(" | ");
            let code = cells.next()?.trim().parse().ok()?;
            Some((code, cells.next()?.trim(), cells.next()?.trim()))
        })
        .collect();
    // The document's table has 13 rows, each a documented code with its text.
    assert_eq!(rows.len(), 13);
    for (number, message, solution) in &rows {
        let code = StatusCode::from_code(*number);
        assert!(code.is_documented(), "{number}");
        assert_eq!(code.message(), Some(*message), "{number}");
        assert_eq!(code.solution(), Some(*solution), "{number}");
    }
    // The other documented codes are those NXCloud's current documents add (issue 23),
    // none of them in this table.
    let added: Vec<i64> = StatusCode::DOCUMENTED
        .iter()
        .map(StatusCode::code)
        .filter(|code| rows.iter().all(|(number, _, _)| number != code))
        .collect();
    assert_eq!(added, NXCLOUD_CODES_ADDED_SINCE);
}

/// The status codes NXCloud's current documents add to the first document's table.
const NXCLOUD_CODES_ADDED_SINCE: &[i64] =
    &[0, 14003, 14004, 14005, 14006, 17003, 17004, 17006, 17007];

/// The Wappin document holds the message and description of every row of the crate's
/// status tables, and the examples `tests/wappin.rs` rebuilds (the UAT parameters, the
/// Basic header).
fn wappin_document_holds_every_status_row_and_the_examples_the_tests_use() {
    let document = document(WAPPIN_DOCUMENT);
    let mut rows = 0;
    for endpoint in Endpoint::ALL {
        for row in endpoint.statuses() {
            for text in [row.status.message(), row.description] {
                assert!(document.contains(text), "{text:?} is not in the document");
            }
            rows += 1;
        }
    }
    assert_eq!(rows, 52);
    assert!(document.contains(r#""params":{ "1":"Anniv Grace", "2":"2018-10-10 19:26:36" }"#));
    assert!(document.contains("templ_uat_2, jumlah param 2"));
    assert!(
        document.contains(
            "Authorization: Basic OTo4OWNiNzgyYTBhMmZiNDEyMzgzMzA3MzhjYTgwMDJlZjZhN2YzYjJi"
        )
    );
}

/// The Viva document's source address lists are the crate's.
fn viva_source_addresses_are_the_documents_lists() {
    let document = document(VIVA_DOCUMENT);
    let listed = |from: &str, to: &str| -> Vec<String> {
        let start = document.find(from).unwrap();
        let end = document[start..]
            .find(to)
            .map_or(document.len(), |end| start + end);
        document[start..end]
            .lines()
            .filter_map(|line| line.trim().strip_prefix("• "))
            .map(str::to_owned)
            .collect()
    };
    let as_text = |ips: &[Ipv4Addr]| ips.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(
        listed("Production:", "Demo:"),
        as_text(&PRODUCTION_WEBHOOK_SOURCES)
    );
    assert_eq!(
        listed("Demo:", "Detailed usage"),
        as_text(&DEMO_WEBHOOK_SOURCES)
    );
}
