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
use provider_payloads::{ListUnrecognized, Payload, Provider};

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
        "realworld_esms_zns_by_uid_types_its_telco_and_zalo_delivery",
        ESMS_ZNS_BY_UID,
        esms_zns_by_uid_types_its_telco_and_zalo_delivery,
    ),
    (
        "realworld_esms_edge_getcallback_answer_is_read_and_written_back",
        "realworld/esms/edge",
        esms_edge_getcallback_answer_is_read_and_written_back,
    ),
    (
        "realworld_wappin_edge_v2_answers_are_read_and_written_back",
        "realworld/wappin/edge",
        wappin_edge_v2_answers_are_read_and_written_back,
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

const ESMS_ZNS_BY_UID: &str =
    "realworld/esms/zalo_uid_type25_telcoid9_raw_braces_delivery_status_docs_v2.query";
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
/// is written back loss-free; those under `edge/` give a value or an error that names
/// whose payload it could not read.
fn check_provider(provider: &str, ext: &str) {
    let dir = shared("realworld").join(provider);
    let files = common::files(&dir, ext);
    assert!(!files.is_empty(), "{}: no .{ext} files", dir.display());
    for path in &files {
        let body = std::fs::read(path).unwrap();
        let parsed = common::parse(provider, &body)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        common::assert_same_payload(&body, &parsed.wire, path);
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
                err.to_string().to_lowercase().contains(provider),
                "{}: {err}",
                path.display()
            );
        }
    }
}

/// Variants of every real-world JSON sample (keys reordered at every level, other
/// spacing, one more top-level key) are read as the sample is (`common::variants`).
fn json_variants_are_read_as_the_sample_is() {
    let names = common::variants::table_names();
    let mut samples = 0;
    for provider in ["nxcloud", "wappin", "viva"] {
        for path in common::files(&shared("realworld").join(provider), "json") {
            let body = std::fs::read(&path).unwrap();
            let what = path.display().to_string();
            common::variants::assert_variants_read_alike(provider, &body, &names, &what);
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
    use rust_decimal::Decimal;
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
                // Every field of real event data (some eighty) is typed.
                let unknown: Vec<&str> = message
                    .event_data
                    .unknown_fields()
                    .iter()
                    .map(|(name, _)| name)
                    .collect();
                assert_eq!(unknown, Vec::<&str>::new(), "{}", path.display());
            }
            // 1799 (price calculated).
            Webhook::PriceCalculated(message) => {
                assert_eq!(id, EventTypeId::TransactionPriceCalculated);
                assert_eq!(
                    message.event_data.interchange,
                    Some(Decimal::new(105, 5)),
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

/// eSMS's sample "ZNS sent by UID": `telcoid=9` (in no table) and Zalo's delivery data in
/// `error_info` are typed.
fn esms_zns_by_uid_types_its_telco_and_zalo_delivery() {
    use provider_payloads::esms::{Callback, Telco, ZaloMessageStatus};
    let query = std::fs::read_to_string(shared(ESMS_ZNS_BY_UID)).unwrap();
    let callback = Callback::from_query(&query).unwrap();
    assert_eq!(callback.telco, Some(Telco::ZaloUser));
    let info = callback.error_info.as_ref().unwrap();
    let data = info.zalo().unwrap().data.as_ref().unwrap();
    assert_eq!(data.status, Some(ZaloMessageStatus::Delivered));
    assert_eq!(data.delivery_time, None);
    assert!(callback.unrecognized().is_empty(), "{callback:?}");
}

/// The edge case is GetCallback's answer (eSMS's pull API, JSON), not a `GET` callback: it
/// is read as that answer, its record as a callback, and written back whole.
fn esms_edge_getcallback_answer_is_read_and_written_back() {
    use provider_payloads::esms;
    let edge = common::files(&shared("realworld/esms/edge"), "json");
    assert_eq!(edge.len(), 1);
    for path in edge {
        let body = std::fs::read(&path).unwrap();
        let parsed = common::parse("esms", &body).unwrap();
        assert_eq!(parsed.kind, "GetCallback response", "{}", path.display());
        common::assert_same_json(&body, &parsed.wire, &path);
        let Payload::Esms(esms::Payload::GetCallback(answer)) =
            provider_payloads::parse(&body, "").unwrap()
        else {
            panic!("{}: parse read another kind", path.display());
        };
        let [callback] = answer.callbacks() else {
            panic!("{}: one record", path.display());
        };
        let info = callback.error_info.as_ref().unwrap();
        assert_eq!(info.zalo().unwrap().error, -124);
        assert_eq!(
            info.trailing_text(),
            Some("Object reference not set to an instance of an object.")
        );
        assert!(answer.unrecognized().is_empty(), "{answer:?}");
    }
}

/// The edge cases are answers of Wappin's v2 API ({meta, users|messages|errors}) from a
/// third party's SDK tests: each is read as a v2 response and written back whole, and is
/// the same bytes as its copy under `tests/data/wappin/`.
fn wappin_edge_v2_answers_are_read_and_written_back() {
    let edge = common::files(&shared("realworld/wappin/edge"), "json");
    assert_eq!(edge.len(), 4);
    for path in edge {
        let body = std::fs::read(&path).unwrap();
        let parsed = common::parse("wappin", &body)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        assert_eq!(parsed.kind, "v2 response", "{}", path.display());
        assert!(parsed.unrecognized.is_empty(), "{}", path.display());
        common::assert_same_json(&body, &parsed.wire, &path);
        let name = path.file_name().unwrap().to_str().unwrap();
        let copy = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/wappin")
            .join(name.replace("_flip_go_test", ""));
        assert_eq!(std::fs::read(&copy).unwrap(), body, "{}", copy.display());
    }
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

/// The Viva document's production addresses are all still sources; of its demo
/// addresses, the five Viva's setup page still lists.
fn viva_source_addresses_are_the_documents_lists() {
    use provider_payloads::viva::{Environment, is_webhook_source};

    let document = document(VIVA_DOCUMENT);
    let listed = |from: &str, to: &str| -> Vec<Ipv4Addr> {
        let start = document.find(from).unwrap();
        let end = document[start..]
            .find(to)
            .map_or(document.len(), |end| start + end);
        document[start..end]
            .lines()
            .filter_map(|line| line.trim().strip_prefix("• "))
            .map(|ip| ip.parse().unwrap())
            .collect()
    };
    let production = listed("Production:", "Demo:");
    assert_eq!(production.len(), 5);
    for ip in production {
        assert!(
            is_webhook_source(ip.into(), Environment::Production),
            "{ip}"
        );
        assert!(
            PRODUCTION_WEBHOOK_SOURCES
                .iter()
                .any(|range| range.to_string() == ip.to_string()),
            "{ip}"
        );
    }
    // Viva's setup page keeps five of the document's seven demo addresses
    // (`DEMO_WEBHOOK_SOURCES` cites it); 62.38.158.36 and 194.219.230.78 are on no
    // current list.
    let demo = listed("Demo:", "Detailed usage");
    assert_eq!(demo.len(), 7);
    let gone: [Ipv4Addr; 2] = [[62, 38, 158, 36].into(), [194, 219, 230, 78].into()];
    for ip in demo {
        let kept = !gone.contains(&ip);
        assert_eq!(
            is_webhook_source(ip.into(), Environment::Demo),
            kept,
            "{ip}"
        );
        assert_eq!(
            DEMO_WEBHOOK_SOURCES.iter().any(|range| range.contains(ip)),
            kept,
            "{ip}"
        );
    }
}
