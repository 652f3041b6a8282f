//! The fixture-driven tests: every file under `fixtures/` is a case. A valid file must
//! parse, match its reviewed snapshot, and write back as the same payload (the same JSON;
//! for a query string or a form the same keys and decoded values); a file under an
//! `invalid/` folder must be refused, with a snapshotted message that says why.
//!
//! Adding a fixture adds a case; `cargo insta review` accepts its new snapshot.

mod common;

use std::fmt::Write as _;

use provider_payloads::Error;

#[test]
fn valid_fixture_parses_matches_its_snapshot_and_writes_back() {
    insta::glob!("../fixtures", "*/*.{json,query,form}", |path| {
        let provider = common::provider_of(path);
        let body = std::fs::read(path).unwrap();
        let parsed = common::parse_file(path, &body)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        common::assert_same_payload(&body, &parsed.wire, path);

        let mut report = format!("{provider} {}\n", parsed.kind);
        for finding in &parsed.unrecognized {
            writeln!(report, "unrecognized: {finding}").unwrap();
        }
        writeln!(report, "\n{}", parsed.debug).unwrap();
        insta::with_settings!({ snapshot_suffix => common::snapshot_name(path) }, {
            insta::assert_snapshot!(report);
        });
    });
}

#[test]
fn invalid_fixture_is_refused_with_a_message() {
    insta::glob!("../fixtures", "*/invalid/*.{json,query,form}", |path| {
        let provider = common::provider_of(path);
        let body = std::fs::read(path).unwrap();
        let err = match common::parse_file(path, &body) {
            Ok(parsed) => panic!(
                "{}: parsed as {}, expected an error",
                path.display(),
                parsed.kind
            ),
            Err(err) => err,
        };
        let message = err.to_string();
        // An error of the body as a whole leads with the reason and names the provider
        // after it, in a line of a log; one of a field of a kind told, with the provider
        // and the kind.
        let of_the_body = matches!(
            err,
            Error::Empty { .. }
                | Error::EmptyQuery { .. }
                | Error::NotJson { .. }
                | Error::NoKind { .. }
                | Error::Ambiguous { .. }
        );
        if of_the_body {
            assert!(
                ["the body ", "the query string ", "no kind fits: "]
                    .iter()
                    .any(|reason| message.starts_with(reason)),
                "{}: the message does not lead with the reason: {message}",
                path.display()
            );
            assert!(
                message.to_lowercase().contains(&provider),
                "{}: the message does not name the provider: {message}",
                path.display()
            );
            assert!(message.len() <= 200, "{}: {message}", path.display());
        } else {
            assert!(
                message.starts_with(&provider),
                "{}: the message does not name the provider and the kind: {message}",
                path.display()
            );
        }
        insta::with_settings!({ snapshot_suffix => common::snapshot_name(path) }, {
            insta::assert_snapshot!(message);
        });
    });
}

#[test]
fn the_round_trip_check_sees_digits_null_against_absent_and_the_path() {
    let differ = |sent: &str, back: &str| {
        common::first_difference(
            &common::variants::Node::of(sent),
            &common::variants::Node::of(back),
            "",
        )
    };
    // Key order, spacing and string escapes are no difference.
    assert_eq!(
        differ(
            r#"{"a":"\u0041","b":[1,null]}"#,
            r#"{ "b" : [1, null], "a":"A"}"#
        ),
        None
    );
    // The digits as sent, a number in a string, null against absent, each by its path.
    assert_eq!(
        differ(r#"{"d":{"Amount":1.50}}"#, r#"{"d":{"Amount":1.5}}"#).unwrap(),
        "`d.Amount`: sent 1.50, written back 1.5"
    );
    assert_eq!(
        differ(r#"{"c":"826"}"#, r#"{"c":826}"#).unwrap(),
        "`c`: sent \"826\", written back 826"
    );
    assert_eq!(
        differ(r#"{"x":[{"n":null}]}"#, r#"{"x":[{}]}"#).unwrap(),
        "`x[0].n`: sent, written back absent"
    );
    assert_eq!(
        differ(r#"{}"#, r#"{"n":null}"#).unwrap(),
        "`n`: absent when sent, written back null"
    );
}
