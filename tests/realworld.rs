//! Payloads that third parties published (`../shared/realworld/`, see its README): each
//! must parse under its provider and write back loss-free; those under `edge/` must give
//! a value or an error, never a panic. The folder is read where it is, never copied in;
//! when it is absent the tests say so and pass.

mod common;

use std::path::{Path, PathBuf};

fn realworld(provider: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/realworld")
        .join(provider);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "note: {} is absent: real-world {provider} samples not tested",
            dir.display()
        );
        None
    }
}

fn check(provider: &str, ext: &str) {
    let Some(dir) = realworld(provider) else {
        return;
    };
    let files = common::files(&dir, ext);
    assert!(!files.is_empty(), "{}: no .{ext} files", dir.display());
    for path in &files {
        let body = std::fs::read(path).unwrap();
        let parsed = common::parse(provider, &body)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        common::assert_same_payload(provider, &body, &parsed.wire, path);
        for finding in &parsed.unrecognized {
            eprintln!("{}: {finding}", path.display());
        }
    }
    let edge = dir.join("edge");
    let edge_files = if edge.is_dir() {
        common::files(&edge, ext)
    } else {
        Vec::new()
    };
    for path in &edge_files {
        let body = std::fs::read(path).unwrap();
        // A value, or an error that says whose payload it could not read.
        if let Err(err) = common::parse(provider, &body) {
            assert!(
                err.to_string().starts_with(provider),
                "{}: {err}",
                path.display()
            );
        }
    }
    eprintln!(
        "{provider}: {} real-world payloads parsed and written back, {} edge cases read",
        files.len(),
        edge_files.len()
    );
}

#[test]
fn real_world_nxcloud_payloads_parse_and_write_back_loss_free() {
    check("nxcloud", "json");
}

#[test]
fn real_world_esms_callbacks_parse_and_write_back_loss_free() {
    check("esms", "query");
}

#[test]
fn real_world_wappin_payloads_parse_and_write_back_loss_free() {
    check("wappin", "json");
}

#[test]
fn real_world_viva_webhooks_parse_and_write_back_loss_free() {
    check("viva", "json");
}

/// Reads each real-world Viva webhook and says what became of its event data.
#[test]
fn real_world_viva_events_are_typed_by_their_event_type() {
    use provider_payloads::viva::{EventTypeId, Webhook};
    // The check below tells `1.20` from `1.2`, and ignores digits inside strings.
    assert_ne!(numbers(br#"{"a":1.20}"#), numbers(br#"{"a":1.2}"#));
    assert_eq!(numbers(br#"{"a\"1":[-0.50,"2"]}"#), ["-0.50"]);
    let Some(dir) = realworld("viva") else {
        return;
    };
    for path in common::files(&dir, "json") {
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

/// Asserts that every `.json` file under `<provider>/edge/` is refused with an error for
/// which `expected` holds.
fn edge_cases_are_refused(provider: &str, expected: impl Fn(&provider_payloads::Error) -> bool) {
    let Some(dir) = realworld(provider) else {
        return;
    };
    let edge = common::files(&dir.join("edge"), "json");
    assert!(!edge.is_empty());
    for path in edge {
        let body = std::fs::read(&path).unwrap();
        let err = common::parse(provider, &body)
            .err()
            .unwrap_or_else(|| panic!("{}: an edge case read as a payload", path.display()));
        assert!(expected(&err), "{}: {err}", path.display());
    }
}

#[test]
fn real_world_esms_edge_cases_give_a_value_or_a_clear_error() {
    // The edge case is a JSON response of eSMS's pull API, not a GET callback.
    edge_cases_are_refused("esms", |err| err.to_string().contains("a JSON body"));
}

#[test]
fn real_world_wappin_edge_cases_are_refused_naming_their_shape() {
    // The edge cases are answers of Wappin's later v2 API ({meta, users|messages|errors}),
    // which the document does not describe: each is a shape error that names its keys.
    edge_cases_are_refused("wappin", |err| {
        matches!(err, provider_payloads::Error::Shape { .. })
            && err.to_string().contains("an object with the keys `meta`")
    });
}
