//! The wording of the errors a webhook answers most: an empty body, a body that is not
//! JSON, a JSON object of no kind, a body cut short. Each leads with the reason, names
//! the provider where one was asked for (after the reason), lists kinds last, the
//! nearest first, and fits a line of a log.

mod common;

use provider_payloads::{Error, Provider, esms, nxcloud, parse, viva, wappin};

/// The longest a common error may be.
const LINE: usize = 200;

/// An entry point, by name, and what it gives for a body.
type Entry = (&'static str, fn(&[u8]) -> Result<(), Error>);

/// `parse` and each provider's own entry point of JSON bodies.
const ENTRIES: [Entry; 6] = [
    ("parse", |body| parse(body, "").map(drop)),
    ("nxcloud", |body| {
        nxcloud::Callback::from_json(body).map(drop)
    }),
    ("esms", |body| esms::Payload::from_json(body).map(drop)),
    ("wappin", |body| wappin::Payload::from_json(body).map(drop)),
    ("viva", |body| viva::Payload::from_json(body).map(drop)),
    ("viva webhooks", |body| {
        viva::Webhook::from_json(body).map(drop)
    }),
];

/// What a provider's own entry point is said to expect, after the reason.
fn expected_of(entry: &str) -> Option<&'static str> {
    match entry {
        "nxcloud" => Some("; expected an NXCloud callback"),
        "esms" => Some("; expected an eSMS payload"),
        "wappin" => Some("; expected a Wappin payload"),
        "viva" => Some("; expected a Viva payload"),
        "viva webhooks" => Some("; expected a Viva webhook message"),
        _ => None,
    }
}

fn error(entry: &Entry, body: &[u8]) -> Error {
    match (entry.1)(body) {
        Err(err) => err,
        Ok(()) => panic!("{}: {:?} was read", entry.0, String::from_utf8_lossy(body)),
    }
}

#[test]
fn the_common_errors_lead_with_the_reason_and_fit_a_line() {
    let truncated = br#"{"status":"seen","requestId":"r1","code":11"#;
    for entry in &ENTRIES {
        let expected = expected_of(entry.0);
        for (body, reason) in [
            (&b""[..], "the body is empty"),
            (b" \r\n\t", "the body is empty"),
            (
                b"hello world",
                "the body is not JSON: expected value (line 1, column 1)",
            ),
            (
                b"<html><body>502 Bad Gateway</body></html>",
                "the body is not JSON: it looks like an HTML or XML page (line 1, column 1)",
            ),
            (
                br#"{"hello":"world"}"#,
                "no kind fits: the body is an object with the keys `hello`; expected a",
            ),
            (
                b"{}",
                "no kind fits: the body is an empty object; expected a",
            ),
            (
                truncated,
                "the body is not JSON: it ends in the middle of an object (line 1, column 43)",
            ),
            (
                br#"{"status":"seen","requestId":"#,
                "the body is not JSON at `requestId`: it ends in the middle of a value \
                 (line 1, column 29)",
            ),
            (
                br#"{"status":"seen","requestId":"r1","code":1} trailing"#,
                "the body is not JSON: trailing characters (line 1, column 45)",
            ),
        ] {
            let err = error(entry, body);
            let message = err.to_string();
            let context = format!("{}: {:?}", entry.0, String::from_utf8_lossy(body));
            assert!(message.starts_with(reason), "{context}: {message}");
            assert!(
                message.len() <= LINE,
                "{context}: {} chars: {message}",
                message.len()
            );
            match expected {
                // The provider, after the reason: in what was expected, or in the kinds.
                Some(expected) if reason.starts_with("no kind fits") => {
                    let provider = expected.trim_start_matches("; expected ");
                    let provider = provider.split(' ').take(2).collect::<Vec<_>>().join(" ");
                    assert!(message.contains(&provider), "{context}: {message}");
                }
                Some(expected) => assert!(message.ends_with(expected), "{context}: {message}"),
                // `parse` names none: it guesses none from a body of no payload.
                None => assert_eq!(err.provider(), None, "{context}: {message}"),
            }
        }
    }
    // `parse` says what a request with nothing in it lacks, and names no provider for a
    // body that is not JSON: it guesses none from a broken body.
    assert_eq!(
        parse(b"", "").unwrap_err().to_string(),
        "the body is empty and there is no query string; expected a JSON body, a form or a \
         query string"
    );
    let err = parse(truncated, "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "the body is not JSON: it ends in the middle of an object (line 1, column 43)"
    );
    assert!(
        matches!(err, Error::NotJson { provider: None, .. }),
        "{err:?}"
    );
    assert_eq!(err.provider(), None);
    // A provider's own entry point names it.
    let err = nxcloud::Callback::from_json(truncated).unwrap_err();
    assert_eq!(err.provider(), Some(Provider::NxCloud));
    assert_eq!(
        err.to_string(),
        "the body is not JSON: it ends in the middle of an object (line 1, column 43); \
         expected an NXCloud callback"
    );
    assert_eq!(
        esms::Callback::from_query("").unwrap_err().to_string(),
        "the query string is empty; expected an eSMS callback"
    );
}

#[test]
fn a_body_cut_short_is_not_json_before_it_is_any_kind() {
    // Every JSON fixture, cut in the middle and before its last byte: what its first keys
    // point to is a guess, and no error names it.
    let mut cut = 0;
    for fixture in common::requests().iter().filter(|f| f.is_json()) {
        let body = fixture.body.trim_ascii();
        for end in [body.len() / 2, body.len() - 1] {
            let part = &body[..end];
            let from_parse = parse(part, "").unwrap_err();
            let own = common::parse(fixture.provider, part).err().unwrap();
            for (err, provider) in [
                (&from_parse, None),
                (&own, Some(fixture.provider.parse::<Provider>().unwrap())),
            ] {
                let Error::NotJson { payload, .. } = err else {
                    panic!("{}, {end} bytes: {err}", common::name(fixture));
                };
                assert_eq!(err.provider(), provider, "{}: {err}", common::name(fixture));
                assert!(
                    ["payload", "callback"].contains(payload),
                    "{}: names the kind `{payload}`: {err}",
                    common::name(fixture)
                );
                let message = err.to_string();
                assert!(message.starts_with("the body is not JSON"), "{message}");
                assert!(message.contains("(line "), "{message}");
                assert!(!message.contains('?'), "{message}");
            }
            cut += 1;
        }
    }
    assert!(cut > 100, "{cut} bodies cut");
}

#[test]
fn a_break_inside_a_field_names_the_field_and_never_a_question_mark() {
    let body = br#"{"EventTypeId":1796,"EventData":{"OrderCode":1,"Amount":1,}}"#;
    for (err, expected) in [
        (
            viva::Webhook::from_json(body).unwrap_err(),
            "; expected a Viva webhook message",
        ),
        (
            viva::Payload::from_json(body).unwrap_err(),
            "; expected a Viva payload",
        ),
        (parse(body, "").unwrap_err(), ""),
    ] {
        assert_eq!(err.path(), Some("EventData"));
        assert_eq!(
            err.to_string(),
            format!(
                "the body is not JSON at `EventData`: trailing comma (line 1, column 59){expected}"
            )
        );
    }
    // Cut short where the next key would be: inside `EventData`, not at a key unknown.
    let err = parse(br#"{"EventTypeId":1796,"EventData":{"Amount":1,"#, "").unwrap_err();
    assert_eq!(err.path(), Some("EventData"));
    // At the top level, no path.
    let err = parse(br#"{"status":"seen","#, "").unwrap_err();
    assert_eq!(err.path(), None);
    assert!(!err.to_string().contains('?'), "{err}");
    // A list: the index.
    let err = parse(br#"[{"messageId":"m"},{"messageId":}]"#, "").unwrap_err();
    assert_eq!(err.path(), Some("[1].messageId"), "{err}");
}

#[test]
fn json_that_a_field_refuses_is_the_field_s_error_not_a_break_of_json() {
    // `1e400` is JSON (RFC 8259 sets no range); the code's type refuses it.
    let err = parse(br#"{"status":"seen","requestId":"r1","code":1e400}"#, "").unwrap_err();
    assert!(matches!(err, Error::Field { .. }), "{err}");
    assert_eq!(err.path(), Some("code"));
}

#[test]
fn kinds_are_listed_last_the_nearest_first() {
    // Two of a number checker's three keys: it comes first, of Wappin's and of all.
    let body = br#"{"client_id":"9","project_id":"52","x":1}"#;
    let message = wappin::Payload::from_json(body).unwrap_err().to_string();
    assert!(
        message.starts_with(
            "no kind fits: the body is an object with the keys `client_id`, `project_id`, \
             `x`; expected a Wappin number checker request (`client_id`, `project_id`, \
             `phone_number`)"
        ),
        "{message}"
    );
    let err = parse(body, "").unwrap_err();
    let Error::NoProvider { expected, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        expected[0].starts_with("a Wappin number checker request"),
        "{expected:?}"
    );
    // Every kind is in the error, each once; the message names those that fit its line
    // and counts the others.
    assert_eq!(expected.len(), 26, "{expected:?}");
    let message = err.to_string();
    let named = expected
        .iter()
        .take_while(|kind| message.contains(kind.as_str()))
        .count();
    assert!(named >= 1 && named < expected.len(), "{message}");
    assert!(
        message.ends_with(&format!(" or {} more kinds", expected.len() - named)),
        "{message}"
    );
    assert!(message.len() <= LINE, "{message}");
}

#[test]
fn the_article_fits_the_name() {
    for (err, expected) in [
        (
            nxcloud::Callback::from_json(b"").unwrap_err(),
            "an NXCloud callback",
        ),
        (
            esms::Payload::from_json(b"").unwrap_err(),
            "an eSMS payload",
        ),
        (
            wappin::Payload::from_json(b"").unwrap_err(),
            "a Wappin payload",
        ),
        (viva::Payload::from_json(b"").unwrap_err(), "a Viva payload"),
    ] {
        assert!(err.to_string().ends_with(expected), "{err}");
    }
    // Of every invalid fixture, and of every kind a message lists.
    let mut messages: Vec<String> = Vec::new();
    for provider in ["nxcloud", "esms", "wappin", "viva"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(provider)
            .join("invalid");
        for ext in ["json", "query", "form"] {
            for path in common::files(&dir, ext) {
                let body = std::fs::read(&path).unwrap();
                if let Err(err) = common::parse_file(&path, &body) {
                    messages.push(err.to_string());
                }
            }
        }
    }
    if let Err(Error::NoProvider { expected, .. }) = parse(b"{}", "") {
        messages.extend(expected);
    }
    assert!(messages.len() > 100, "{}", messages.len());
    for message in &messages {
        let lower = message.to_lowercase();
        for wrong in ["a esms", "a nxcloud", "an viva", "an wappin"] {
            assert!(
                !lower.contains(&format!(" {wrong} ")) && !lower.starts_with(&format!("{wrong} ")),
                "{message}"
            );
        }
    }
}

/// A route of one provider reports a request of no kind as that provider's entry point
/// does: its name, and its kinds alone.
#[cfg(feature = "http")]
#[test]
fn a_route_of_one_provider_lists_its_kinds_alone() {
    use provider_payloads::http::{Credentials, FromWebhook, Policy, Rejection, receive};

    fn invalid<T: FromWebhook + std::fmt::Debug>(body: &[u8], query: &str) -> Error {
        let credentials = Credentials::new(Some("192.0.2.1".parse().unwrap()));
        // No address check: a local test.
        let policy = Policy::new().viva_sources(None);
        match receive::<T>(&credentials, body, query, &policy) {
            Err(Rejection::Invalid(err)) => err,
            other => panic!("{other:?}"),
        }
    }
    let names = ["NXCloud", "eSMS", "Wappin", "Viva"];
    let hello = br#"{"hello":"world"}"#;
    // Keys of an NXCloud reply's, its `traceRequestId` missing: its own error from
    // `parse`, and of no kind on another provider's route.
    let near_nxcloud = br#"{"phone":"1","appkey":"a","message":{"text":"hi"}}"#;
    for (provider, errors) in [
        (
            Provider::NxCloud,
            [
                invalid::<nxcloud::Callback>(hello, ""),
                invalid::<nxcloud::Callback>(b"hello world", ""),
                invalid::<nxcloud::Callback>(b"[1]", ""),
            ],
        ),
        (
            Provider::Wappin,
            [
                invalid::<wappin::Callback>(hello, ""),
                invalid::<wappin::Callback>(b"", ""),
                invalid::<wappin::Callback>(near_nxcloud, ""),
            ],
        ),
        (
            Provider::Viva,
            [
                invalid::<viva::Webhook>(hello, ""),
                invalid::<viva::Payload>(br#"{"EventTypeId":1796,"#, ""),
                invalid::<viva::Payload>(near_nxcloud, ""),
            ],
        ),
        (
            Provider::Esms,
            [
                invalid::<esms::Callback>(hello, ""),
                invalid::<esms::Callback>(b"", ""),
                invalid::<esms::Callback>(b"[1]", ""),
            ],
        ),
    ] {
        let own = match provider {
            Provider::NxCloud => "NXCloud",
            Provider::Esms => "eSMS",
            Provider::Wappin => "Wappin",
            _ => "Viva",
        };
        for err in errors {
            let message = err.to_string();
            assert_eq!(err.provider(), Some(provider), "{message}");
            assert!(message.contains(own), "{own}: {message}");
            for other in names.iter().filter(|name| **name != own) {
                assert!(!message.contains(other), "{own}: {message}");
            }
            assert!(message.len() <= LINE, "{message}");
        }
    }
    // Where any provider's is taken: the kind it comes nearest, and the kinds of all.
    let err = parse(near_nxcloud, "").unwrap_err();
    assert_eq!(err.provider(), Some(Provider::NxCloud));
    assert!(
        err.to_string()
            .starts_with("nxcloud reply: missing field `traceRequestId`"),
        "{err}"
    );
    let Error::NoProvider { expected, .. } = parse(hello, "").unwrap_err() else {
        panic!("no NoProvider error");
    };
    for provider in names {
        assert!(
            expected.iter().any(|kind| kind.contains(provider)),
            "{provider}: {expected:?}"
        );
    }
}
