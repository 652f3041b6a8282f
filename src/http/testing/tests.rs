use std::path::Path;

use super::fixtures::{ROWS, SentAs, VIVA_VERIFICATION_FILE};
use super::*;

/// The table holds every fixture a webhook route takes, and nothing else.
#[test]
fn the_table_holds_every_callback_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut callbacks = Vec::new();
    for provider in ["nxcloud", "esms", "wappin", "viva"] {
        for entry in std::fs::read_dir(root.join(provider)).unwrap() {
            let path = entry.unwrap().path();
            let Some(sent_as) = path
                .extension()
                .and_then(|e| e.to_str())
                .and_then(SentAs::of_extension)
            else {
                continue;
            };
            let bytes = std::fs::read(&path).unwrap();
            if let Ok(Ok(_)) = Sample::build(String::new(), sent_as, &bytes) {
                let stem = path.file_stem().unwrap().to_str().unwrap();
                callbacks.push(format!("{provider}/{stem}"));
            }
        }
    }
    callbacks.sort();
    let mut table: Vec<String> = ROWS
        .iter()
        .map(|row| format!("{}/{}", row.provider.as_str(), row.stem))
        .collect();
    table.sort();
    assert_eq!(table, callbacks);
    assert_eq!(
        Sample::all().len(),
        ROWS.len() + 1,
        "every row makes a sample"
    );
}

#[test]
fn the_verification_key_is_the_fixtures() {
    let key = Verification::from_json(VIVA_VERIFICATION_FILE).unwrap();
    assert_eq!(Sample::viva_verification_key(), key);
}

#[test]
fn viva_samples_come_from_a_production_address() {
    assert!(viva::is_webhook_source(
        VIVA_PEER,
        viva::Environment::Production
    ));
    assert!(!viva::is_webhook_source(
        DOCUMENTATION_PEER,
        viva::Environment::Production
    ));
}

#[test]
fn debug_shows_no_token_and_no_secret() {
    let secret = SubscriptionSecret::new("hidden-secret").unwrap();
    let sample = Sample::named("wappin/callback_status")
        .unwrap()
        .wappin_token("hidden-token")
        .viva_secret(&secret);
    let debug = format!("{sample:?}");
    assert!(!debug.contains("hidden"), "{debug}");
    assert!(debug.contains("<redacted>"), "{debug}");
}

#[test]
fn a_name_is_found_whole_or_by_its_stem_when_unique() {
    assert_eq!(
        Sample::named("wappin/callback_status").map(|s| s.name().to_owned()),
        Some("wappin/callback_status".to_owned())
    );
    assert!(Sample::named("esms/callback_status").is_none());
    assert!(Sample::named("nothing").is_none());
    assert_eq!(
        Sample::named("verification").map(|s| s.method()),
        Some("GET")
    );
}

#[test]
fn a_query_is_sent_as_a_request_line_carries_it() {
    assert_eq!(as_request_target("a=b c&d=\"é\""), "a=b%20c&d=%22%C3%A9%22");
    for sample in Sample::all() {
        assert_eq!(as_request_target(sample.query()), sample.query());
    }
}
