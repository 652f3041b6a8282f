//! Every entry point keeps a size limit: its plain form the default
//! (`Limits::DEFAULT_BODY`), its `_with` form yours. A body, query string or URL one byte
//! over the limit is refused with `Error::TooLarge` before it is read; one at the limit
//! reads.

mod common;

use provider_payloads::nxcloud::{Receipt, SmsReceipt};
use provider_payloads::{
    Error, Limits, Payload, RawJson, esms, nxcloud, parse, parse_with, viva, wappin,
};

/// An entry point, given the fixture's input (its body, or its query string) and limits.
type Read = fn(&[u8], &Limits) -> Result<(), Error>;

fn text(input: &[u8]) -> &str {
    std::str::from_utf8(input).unwrap()
}

/// A strict read's outcome, with what it refuses for being undocumented (some fixtures
/// hold what the documents do not list) counted as read: only the size is checked here.
fn read_or_refused(read: Result<(), Error>) -> Result<(), Error> {
    match read {
        Err(Error::Unrecognized { .. }) => Ok(()),
        other => other,
    }
}

/// The entry points that read `request`'s input, by name: its provider's, and those of
/// its kind's own type.
fn entry_points(request: &common::Request, payload: &Payload) -> Vec<(&'static str, Read)> {
    let mut all: Vec<(&'static str, Read)> = Vec::new();
    if request.body.is_empty() {
        all.push(("parse_with (query)", |q, l| {
            parse_with(b"", text(q), l).map(drop)
        }));
    } else {
        all.push(("parse_with", |b, l| parse_with(b, "", l).map(drop)));
    }
    match (request.provider, request.is_json(), request.body.is_empty()) {
        ("nxcloud", true, _) => all.extend([
            (
                "nxcloud::Callback::from_json_with",
                (|b, l| nxcloud::Callback::from_json_with(b, l).map(drop)) as Read,
            ),
            ("nxcloud::Callback::from_json_strict_with", |b, l| {
                read_or_refused(nxcloud::Callback::from_json_strict_with(b, l).map(drop))
            }),
            ("nxcloud::Callback::from_request_with", |b, l| {
                nxcloud::Callback::from_request_with(b, "", l).map(drop)
            }),
        ]),
        ("nxcloud", false, false) => all.extend([
            (
                "SmsReceipt::from_form_with",
                (|b, l| SmsReceipt::from_form_with(b, l).map(drop)) as Read,
            ),
            ("SmsReceipt::from_form_strict_with", |b, l| {
                read_or_refused(SmsReceipt::from_form_strict_with(b, l).map(drop))
            }),
            ("nxcloud::Callback::from_request_with", |b, l| {
                nxcloud::Callback::from_request_with(b, "", l).map(drop)
            }),
        ]),
        ("nxcloud", false, true) => all.extend([
            (
                "SmsReceipt::from_query_with",
                (|q, l| SmsReceipt::from_query_with(text(q), l).map(drop)) as Read,
            ),
            ("nxcloud::Callback::from_request_with (query)", |q, l| {
                nxcloud::Callback::from_request_with(b"", text(q), l).map(drop)
            }),
        ]),
        ("esms", false, _) => all.extend([
            (
                "esms::Callback::from_query_with",
                (|q, l| esms::Callback::from_query_with(text(q), l).map(drop)) as Read,
            ),
            ("esms::Callback::from_query_strict_with", |q, l| {
                read_or_refused(esms::Callback::from_query_strict_with(text(q), l).map(drop))
            }),
            ("esms::Payload::from_query_with", |q, l| {
                esms::Payload::from_query_with(text(q), l).map(drop)
            }),
        ]),
        ("esms", true, _) => all.extend([
            (
                "esms::Payload::from_json_with",
                (|b, l| esms::Payload::from_json_with(b, l).map(drop)) as Read,
            ),
            ("esms::Payload::from_json_strict_with", |b, l| {
                read_or_refused(esms::Payload::from_json_strict_with(b, l).map(drop))
            }),
        ]),
        ("wappin", ..) => all.extend([
            (
                "wappin::Payload::from_json_with",
                (|b, l| wappin::Payload::from_json_with(b, l).map(drop)) as Read,
            ),
            ("wappin::Payload::from_json_strict_with", |b, l| {
                read_or_refused(wappin::Payload::from_json_strict_with(b, l).map(drop))
            }),
        ]),
        ("viva", ..) => all.extend([
            (
                "viva::Payload::from_json_with",
                (|b, l| viva::Payload::from_json_with(b, l).map(drop)) as Read,
            ),
            ("viva::Payload::from_json_strict_with", |b, l| {
                read_or_refused(viva::Payload::from_json_strict_with(b, l).map(drop))
            }),
        ]),
        (provider, ..) => panic!("a new provider {provider}"),
    }
    // The kind's own type: one of each way its entry points are made (`json_payload!`,
    // `kinds!`, `Message<T>`, by hand).
    match payload {
        Payload::NxCloud(nxcloud::Callback::Receipt(_)) => all.extend([
            (
                "Receipt::from_json_with",
                (|b, l| Receipt::from_json_with(b, l).map(drop)) as Read,
            ),
            ("Receipt::from_json_strict_with", |b, l| {
                read_or_refused(Receipt::from_json_strict_with(b, l).map(drop))
            }),
        ]),
        Payload::Wappin(wappin::Payload::Callback(_)) => all.extend([
            (
                "wappin::Callback::from_json_with",
                (|b, l| wappin::Callback::from_json_with(b, l).map(drop)) as Read,
            ),
            ("wappin::Callback::from_json_strict_with", |b, l| {
                read_or_refused(wappin::Callback::from_json_strict_with(b, l).map(drop))
            }),
        ]),
        Payload::Viva(viva::Payload::Webhook(_)) => all.extend([
            (
                "viva::Webhook::from_json_with",
                (|b, l| viva::Webhook::from_json_with(b, l).map(drop)) as Read,
            ),
            ("viva::Webhook::from_json_strict_with", |b, l| {
                read_or_refused(viva::Webhook::from_json_strict_with(b, l).map(drop))
            }),
            ("viva::Message::<RawJson>::from_json_with", |b, l| {
                viva::Message::<RawJson>::from_json_with(b, l).map(drop)
            }),
            ("viva::Message::<RawJson>::from_json_strict_with", |b, l| {
                read_or_refused(viva::Message::<RawJson>::from_json_strict_with(b, l).map(drop))
            }),
        ]),
        Payload::Viva(viva::Payload::MessageList(_)) => all
            .push(("viva::MessageList::from_json_with", |b, l| {
                viva::MessageList::from_json_with(b, l).map(drop)
            })),
        _ => {}
    }
    all
}

#[test]
fn every_entry_point_refuses_one_byte_over_its_limit_and_reads_at_it() {
    let mut checked = 0;
    for request in common::requests() {
        let payload = parse(&request.body, &request.query).unwrap();
        let input = request.input();
        let size = input.len();
        let name = request.path.display();
        for (entry, read) in entry_points(&request, &payload) {
            let over = read(input, &Limits::new().body(size - 1));
            assert!(
                matches!(over, Err(Error::TooLarge { size: s, limit }) if s == size && limit == size - 1),
                "{name}: {entry} read {size} bytes over a limit of {}: {over:?}",
                size - 1
            );
            let at = read(input, &Limits::new().body(size));
            assert!(at.is_ok(), "{name}: {entry} at its limit: {at:?}");
            checked += 1;
        }
    }
    assert!(checked >= 200, "{checked} reads");
}

#[test]
fn a_url_is_limited_as_a_whole() {
    let url = "https://example.com/esms?SMSID=849fe&SendFailed=0&SendStatus=5&SendSuccess=1";
    let over = esms::Callback::from_url_with(url, &Limits::new().body(url.len() - 1));
    assert!(matches!(over, Err(Error::TooLarge { size, .. }) if size == url.len()));
    assert!(esms::Callback::from_url_with(url, &Limits::new().body(url.len())).is_ok());
}

/// The plain forms keep the default limit: a body one byte over 2 MiB is refused unread
/// (it is not even JSON, nor a query string: reading it would give another error).
#[test]
fn the_plain_entry_points_keep_the_default_limit() {
    let size = Limits::DEFAULT_BODY + 1;
    let body = vec![b'x'; size];
    let big = text(&body);
    let url = format!("/hook?{big}");
    let outcomes: [(&str, Result<(), Error>); 11] = [
        ("parse", parse(&body, "").map(drop)),
        ("parse (query)", parse(b"", big).map(drop)),
        ("Receipt::from_json", Receipt::from_json(&body).map(drop)),
        (
            "nxcloud::Callback::from_json",
            nxcloud::Callback::from_json(&body).map(drop),
        ),
        (
            "nxcloud::Callback::from_request",
            nxcloud::Callback::from_request(b"", big).map(drop),
        ),
        (
            "SmsReceipt::from_form",
            SmsReceipt::from_form(&body).map(drop),
        ),
        (
            "SmsReceipt::from_query",
            SmsReceipt::from_query(big).map(drop),
        ),
        (
            "esms::Callback::from_query",
            esms::Callback::from_query(big).map(drop),
        ),
        (
            "esms::Callback::from_url",
            esms::Callback::from_url(&url).map(drop),
        ),
        (
            "wappin::Callback::from_json",
            wappin::Callback::from_json(&body).map(drop),
        ),
        (
            "viva::Message::from_json",
            viva::Message::<RawJson>::from_json(&body).map(drop),
        ),
    ];
    for (entry, outcome) in outcomes {
        assert!(
            matches!(
                outcome,
                Err(Error::TooLarge {
                    limit: Limits::DEFAULT_BODY,
                    ..
                })
            ),
            "{entry}: {outcome:?}"
        );
    }
}

/// A limit above the default holds through every reader a request passes: `parse_with`
/// reads a form with its provider's reader, under the caller's limit, not the default.
#[test]
fn a_limit_above_the_default_holds_through_every_reader() {
    let padding = "x".repeat(Limits::DEFAULT_BODY);
    let limits = Limits::new().body(2 * Limits::DEFAULT_BODY);
    let esms = format!("SMSID=849fe&SendStatus=5&SendSuccess=1&SendFailed=0&padding={padding}");
    assert!(esms.len() > Limits::DEFAULT_BODY);
    assert!(parse(b"", &esms).is_err());
    assert_eq!(parse_with(b"", &esms, &limits).unwrap().kind(), "callback");
    let sms = format!("messageid=m1&status=2&phone=62&padding={padding}");
    let read = parse_with(sms.as_bytes(), "", &limits).unwrap();
    assert_eq!(read.kind(), "SMS receipt");
    let read = parse_with(b"", &sms, &limits).unwrap();
    assert_eq!(read.kind(), "SMS receipt");
    let read = nxcloud::Callback::from_request_with(sms.as_bytes(), "", &limits).unwrap();
    assert_eq!(read.kind(), "SMS receipt");
    let list = format!(r#"[ {padding:.0}{}]"#, " ".repeat(Limits::DEFAULT_BODY));
    assert_eq!(
        parse_with(list.as_bytes(), "", &limits).unwrap().kind(),
        "message list"
    );
}
