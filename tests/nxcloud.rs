//! NXCloud behaviour beyond the fixtures: values and fields the document does not list, the reply's message kinds, strict
//! parsing, and errors that carry the field path.

mod common;

use std::path::Path;
use std::str::FromStr;

use provider_payloads::event::DeliveryState;
use provider_payloads::nxcloud::{
    Callback, Check, DialResponse, LegacyNumberCheck, NumberCheck, NumberCheckCode, NumberType,
    RateType, Receipt, ReceiptStatus, Reply, ReplyMessage, SmsReceipt, SmsResult, SmsStatus,
    StatusCode, ZaloSent,
};
use provider_payloads::{Answer, Payload, parse};
use provider_payloads::{Error, ListUnrecognized, Provider, UnrecognizedKind};
use serde_json::{Value, json};

fn receipt_json(status: &str, code: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "status": status,
        "requestId": "f6a7d49946094857ae02812969a83056",
        "code": code,
        "message": "Viber send error",
        "sendTime": "2023-07-13 15:12:11"
    }))
    .unwrap()
}

fn reply_with_message(message: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "phone": "791xxxxx30",
        "appkey": "TexxxP6",
        "traceRequestId": "ae2c8ff7a4ee408398cf220e3fc1c199",
        "message": message,
        "sendTime": "2023-07-17 14:40:50"
    }))
    .unwrap()
}

/// A payload's `to_json`, as text.
fn written(json: Result<Vec<u8>, Error>) -> String {
    String::from_utf8(json.unwrap()).unwrap()
}

/// Whether two bodies hold the same JSON, digits of numbers and `null` against absent
/// included.
fn same_json(a: &[u8], b: &[u8]) -> bool {
    let node = |json: &[u8]| common::variants::Node::of(std::str::from_utf8(json).unwrap());
    common::first_difference(&node(a), &node(b), "").is_none()
}

#[test]
fn status_and_code_agree_between_serde_from_str_and_display() {
    for status in [
        "success",
        "failed",
        "delivered",
        "seen",
        "expired",
        "read",
        "FAILED",
        "",
    ] {
        let receipt = Receipt::from_json(&receipt_json(status, json!(11000))).unwrap();
        assert_eq!(receipt.status, ReceiptStatus::from_str(status).unwrap());
        assert_eq!(receipt.status.to_string(), status);
        assert_eq!(
            receipt.status.is_documented(),
            ["success", "failed", "delivered", "seen", "expired"].contains(&status)
        );
    }
    let mut codes: Vec<i64> = StatusCode::DOCUMENTED
        .iter()
        .map(StatusCode::code)
        .collect();
    codes.extend([0, 11004, 1101, -5, 9_007_199_254_740_993]);
    for code in codes {
        let receipt = Receipt::from_json(&receipt_json("failed", json!(code))).unwrap();
        assert_eq!(
            receipt.code,
            Some(StatusCode::from_str(&code.to_string()).unwrap())
        );
        let read = receipt.code.unwrap();
        assert_eq!(read.to_string(), code.to_string());
        assert_eq!(read.code(), code);
        let back: Value = serde_json::from_slice(&receipt.to_json().unwrap()).unwrap();
        assert_eq!(back["code"], json!(code));
    }
}

#[test]
fn a_receipt_without_its_code_is_read_by_every_entry_point_with_its_event() {
    // Issue 29: NXCloud's receipt as its samples have it, but for `code`.
    let body = br#"{"status":"seen","requestId":"r1","message":"Viber message has seen","sendTime":"2023-07-13 15:12:11"}"#;
    let receipt = Receipt::from_json(body).unwrap();
    assert_eq!(
        (receipt.status.clone(), receipt.code),
        (ReceiptStatus::Seen, None)
    );
    assert!(same_json(&receipt.to_json().unwrap(), body));
    let Payload::NxCloud(Callback::Receipt(parsed)) = parse(body, "").unwrap() else {
        panic!("not read as a receipt");
    };
    assert_eq!(parsed, receipt);
    assert!(matches!(
        Callback::from_json(body).unwrap(),
        Callback::Receipt(_)
    ));
    let delivery = receipt.delivery();
    assert_eq!(delivery.state, DeliveryState::Read);
    assert_eq!(delivery.idempotency_key, "nxcloud:r1:read");
    // A failure without a code has no provider's error to carry.
    let failed =
        br#"{"status":"failed","requestId":"r2","message":"m","sendTime":"2023-07-13 15:12:11"}"#;
    let delivery = Receipt::from_json(failed).unwrap().delivery();
    assert_eq!(
        (delivery.state, delivery.error),
        (DeliveryState::Failed, None)
    );
}

#[test]
fn a_code_sent_as_a_string_is_read_and_written_back_as_a_string() {
    let body = receipt_json("seen", json!("11002"));
    let receipt = Receipt::from_json(&body).unwrap();
    assert_eq!(receipt.code, Some(StatusCode::ViberMessageSeen));
    assert!(same_json(&receipt.to_json().unwrap(), &body));
}

#[test]
fn undocumented_values_and_fields_are_kept_listed_and_written_back() {
    let body = br#"{"status":"clicked","requestId":"r1","code":11009,"message":"m","sendTime":"2023-07-13 15:12:11","billing":{"amount":0.0042,"parts":[1,{"n":null}]},"retry":null}"#;
    let receipt = Receipt::from_json(body).unwrap();
    assert_eq!(receipt.status, ReceiptStatus::Other("clicked".to_owned()));
    assert_eq!(receipt.code, Some(StatusCode::Other(11009)));
    assert_eq!(receipt.code.unwrap().message(), None);
    assert_eq!(receipt.unknown_fields().len(), 2);
    assert_eq!(
        receipt.unknown_fields().get("billing").unwrap().get(),
        r#"{"amount":0.0042,"parts":[1,{"n":null}]}"#
    );
    let found: Vec<_> = receipt
        .unrecognized()
        .into_iter()
        .map(|u| (u.path, u.kind))
        .collect();
    assert_eq!(
        found,
        [
            (
                "status".to_owned(),
                UnrecognizedKind::Value {
                    value: "clicked".to_owned()
                }
            ),
            (
                "code".to_owned(),
                UnrecognizedKind::Value {
                    value: "11009".to_owned()
                }
            ),
            (
                "billing".to_owned(),
                UnrecognizedKind::Field {
                    raw: r#"{"amount":0.0042,"parts":[1,{"n":null}]}"#.to_owned()
                }
            ),
            (
                "retry".to_owned(),
                UnrecognizedKind::Field {
                    raw: "null".to_owned()
                }
            ),
        ]
    );
    let written = receipt.to_json().unwrap();
    assert!(same_json(&written, body));
    assert!(
        String::from_utf8(written)
            .unwrap()
            .contains(r#""amount":0.0042"#),
        "the raw number is written as it came"
    );
}

#[test]
fn a_strict_parse_refuses_what_the_document_does_not_list_and_says_what() {
    let fixture = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/nxcloud/receipt_seen.json"),
    )
    .unwrap();
    assert!(Receipt::from_json_strict(&fixture).is_ok());
    assert!(Callback::from_json_strict(&fixture).is_ok());

    let body = br#"{"status":"seen","requestId":"r1","code":11002,"message":"m","sendTime":"2023-07-13 15:12:11","clicks":1}"#;
    let err = Receipt::from_json_strict(body).unwrap_err();
    match &err {
        Error::Unrecognized {
            provider,
            payload,
            found,
        } => {
            assert_eq!(*provider, Provider::NxCloud);
            assert_eq!(*payload, "receipt");
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].path, "clicks");
        }
        other => panic!("expected Unrecognized, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "nxcloud receipt: the body has what the provider's document does not list: unknown field `clicks` = 1"
    );
    assert!(Callback::from_json_strict(body).is_err());
}

#[test]
fn a_reply_message_is_text_or_media_and_anything_else_is_kept_whole() {
    let text = Reply::from_json(&reply_with_message(json!({"text": "hi"}))).unwrap();
    assert!(matches!(&text.message, ReplyMessage::Text(t) if t.text == "hi"));
    assert!(text.unrecognized().is_empty());

    let media = Reply::from_json(&reply_with_message(
        json!({"media": "https:media-link", "fileName": "x.jpeg"}),
    ))
    .unwrap();
    match &media.message {
        ReplyMessage::Media(m) => {
            assert_eq!(m.media, "https:media-link");
            assert_eq!(m.file_name.as_deref(), Some("x.jpeg"));
        }
        other => panic!("expected media, got {other:?}"),
    }

    let no_name =
        Reply::from_json(&reply_with_message(json!({"media": "https://x/y.png"}))).unwrap();
    assert!(matches!(&no_name.message, ReplyMessage::Media(m) if m.file_name.is_none()));

    for odd in [
        json!({}),
        json!({"text": "hi", "media": "https://x/y.png"}),
        json!({"location": {"lat": 1.5, "lon": 2}}),
        json!({"text": "hi", "fileName": null}),
        json!({"fileName": "x.jpeg"}),
    ] {
        let body = reply_with_message(odd.clone());
        let reply = Reply::from_json(&body).unwrap();
        assert!(matches!(reply.message, ReplyMessage::Other(_)), "{odd}");
        let found = reply.unrecognized();
        assert_eq!(found.len(), 1, "{odd}");
        assert_eq!(found[0].path, "message");
        assert_eq!(
            serde_json::from_str::<Value>(match &found[0].kind {
                UnrecognizedKind::Value { value } => value,
                other => panic!("{other:?}"),
            })
            .unwrap(),
            odd
        );
        assert!(same_json(&reply.to_json().unwrap(), &body), "{odd}");
    }
}

#[test]
fn null_and_empty_optional_fields_come_back_as_they_were_sent() {
    for message in [
        json!({"media": "m", "fileName": null}),
        json!({"media": "m", "fileName": ""}),
        json!({"media": "m"}),
        json!({"media": "m", "fileName": "f", "extra": [null]}),
    ] {
        let body = reply_with_message(message.clone());
        let reply = Reply::from_json(&body).unwrap();
        assert!(matches!(reply.message, ReplyMessage::Media(_)), "{message}");
        assert!(same_json(&reply.to_json().unwrap(), &body), "{message}");
    }
}

#[test]
fn the_callback_kind_is_decided_by_the_first_key_only_one_kind_has() {
    let receipt = receipt_json("seen", json!(11002));
    assert_eq!(Callback::from_json(&receipt).unwrap().kind(), "receipt");
    let reply = reply_with_message(json!({"text": "hi"}));
    assert_eq!(Callback::from_json(&reply).unwrap().kind(), "reply");

    // Shared keys first: `message` and `sendTime` decide nothing.
    let late = br#"{"message":{"text":"hi"},"sendTime":"2023-07-17 14:40:50","phone":"1","appkey":"a","traceRequestId":"t"}"#;
    assert!(matches!(
        Callback::from_json(late).unwrap(),
        Callback::Reply(_)
    ));

    let err = Callback::from_json(br#"{"message":"m","other":1}"#).unwrap_err();
    assert!(matches!(err, Error::NoKind { .. }));
    assert!(
        err.to_string()
            .starts_with("no kind fits: the body is an object with the keys `message`, `other`;"),
        "{err}"
    );

    let many: String = (0..20)
        .map(|i| format!("\"k{i}\":{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let err = Callback::from_json(format!("{{{many}}}").as_bytes()).unwrap_err();
    assert!(
        err.to_string().contains("`k7` and 12 more; expected"),
        "{err}"
    );
}

#[test]
fn errors_carry_the_wire_path_of_the_failing_field() {
    let cases: [(&[u8], Option<&str>); 5] = [
        (
            &reply_with_message(json!({"text": true})),
            Some("message.text"),
        ),
        (
            &reply_with_message(json!({"media": "m", "fileName": false})),
            Some("message.fileName"),
        ),
        (&receipt_json("seen", json!(1.5)), Some("code")),
        (br#"{"status":"seen"}"#, None),
        (b"{\"status\": \"se", Some("status")),
    ];
    for (body, path) in cases {
        let err = Callback::from_json(body).unwrap_err();
        assert_eq!(err.path(), path, "{err}");
        assert_eq!(err.provider(), Some(Provider::NxCloud));
    }
}

#[test]
fn the_typed_values_hold_what_the_samples_say() {
    let receipt = Receipt::from_json(&receipt_json("expired", json!(11003))).unwrap();
    assert_eq!(receipt.request_id, "f6a7d49946094857ae02812969a83056");
    assert_eq!(
        receipt.send_time,
        chrono::NaiveDate::from_ymd_opt(2023, 7, 13)
            .unwrap()
            .and_hms_opt(15, 12, 11)
    );
    let reply = Reply::from_json(&reply_with_message(json!({"text": "text test"}))).unwrap();
    assert_eq!(reply.phone, "791xxxxx30");
    assert_eq!(reply.appkey.as_deref(), Some("TexxxP6"));
    assert_eq!(reply.trace_request_id, "ae2c8ff7a4ee408398cf220e3fc1c199");
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/nxcloud")
            .join(name),
    )
    .unwrap()
}

#[test]
fn a_success_receipt_s_cost_is_typed_exactly_and_written_back_as_it_came() {
    let body = fixture("receipt_success_cost.json");
    let receipt = Receipt::from_json_strict(&body).unwrap();
    assert_eq!(receipt.status, ReceiptStatus::Success);
    assert_eq!(receipt.code, Some(StatusCode::SuccessfullySent));
    assert_eq!(receipt.code.unwrap().message(), Some("Successfully sent."));
    assert_eq!(receipt.code.unwrap().solution(), None);
    let cost = receipt.cost.as_ref().unwrap();
    assert_eq!(cost.currency.as_deref(), Some("USD"));
    assert_eq!(cost.original_price.to_string(), "4.1234");
    assert_eq!(cost.local_price.unwrap().to_string(), "29.89465");
    assert_eq!(cost.rate_type, Some(RateType::Transactional));
    let json = written(receipt.to_json());
    assert!(
        json.contains(r#""cost":{"currency":"USD","localPrice":29.89465,"originalPrice":4.1234,"rateType":"Transactional"}"#),
        "{json}"
    );
}

#[test]
fn a_cost_keeps_what_its_document_does_not_list_and_names_what_is_missing() {
    let with_cost = |cost: &str| {
        format!(
            r#"{{"status":"delivered","requestId":"r1","code":11001,"message":"m","sendTime":"2023-07-13 15:12:11","cost":{cost}}}"#
        )
    };
    // An undocumented rate type and a new field: kept and listed.
    let body =
        with_cost(r#"{"currency":"EUR","originalPrice":130,"rateType":"Marketing","tax":0.10}"#);
    let receipt = Receipt::from_json(body.as_bytes()).unwrap();
    let cost = receipt.cost.as_ref().unwrap();
    assert_eq!(
        cost.rate_type,
        Some(RateType::Other("Marketing".to_owned()))
    );
    assert_eq!(cost.local_price, None);
    let found = common::findings(&receipt);
    assert_eq!(
        found,
        [
            "undocumented value `Marketing` at `cost.rateType`",
            "unknown field `cost.tax` = 0.10"
        ]
    );
    assert!(same_json(&receipt.to_json().unwrap(), body.as_bytes()));
    // A price that is no number, or a cost without its price: the error names the field.
    for (cost, path) in [
        (
            r#"{"currency":"USD","originalPrice":"4,1234"}"#,
            "cost.originalPrice",
        ),
        (r#"{"currency":"USD"}"#, "cost"),
        (r#"1"#, "cost"),
    ] {
        let err = Receipt::from_json(with_cost(cost).as_bytes()).unwrap_err();
        assert_eq!(err.path(), Some(path), "{cost}: {err}");
    }
    // A cost without its currency still has its amount (issue 29: only the amount is
    // required), and is written back without it.
    let body = with_cost(r#"{"originalPrice":1}"#);
    let receipt = Receipt::from_json(body.as_bytes()).unwrap();
    let cost = receipt.cost.as_ref().unwrap();
    assert_eq!(
        (cost.original_price.to_string(), cost.currency.as_deref()),
        ("1".to_owned(), None)
    );
    assert!(same_json(&receipt.to_json().unwrap(), body.as_bytes()));
}

#[test]
fn zalo_receipts_are_receipts_with_zalo_s_fields_typed() {
    let success = Receipt::from_json_strict(&fixture("receipt_zalo_success_zalores.json")).unwrap();
    assert_eq!(success.status, ReceiptStatus::Success);
    assert_eq!(success.ext.as_deref(), Some("ext info"));
    let cost = success.cost.as_ref().unwrap();
    assert_eq!((cost.local_price, cost.rate_type.as_ref()), (None, None));
    let zalo = success.zalo_res.as_ref().unwrap();
    assert_eq!(
        (zalo.error, zalo.message.as_deref()),
        (Some(0), Some("Success"))
    );
    let ZaloSent {
        sent_time,
        sending_mode,
        msg_id,
        quota,
        ..
    } = zalo.data.as_ref().unwrap();
    assert_eq!(
        sent_time.unwrap().to_rfc3339(),
        "2024-05-01T02:12:39.833+00:00"
    );
    assert_eq!(sending_mode.as_deref(), Some("1"));
    assert_eq!(msg_id.as_deref(), Some("5c4ee6axxxxxx9692026"));
    let quota = quota.as_ref().unwrap();
    assert_eq!(
        (quota.remaining_quota, quota.daily_quota),
        (Some(4999), Some(5000))
    );
    // The counts and the time go back as the strings they came in.
    let json = written(success.to_json());
    for text in [
        r#""sent_time":"1714529559833""#,
        r#""quota":{"remainingQuota":"4999","dailyQuota":"5000"}"#,
    ] {
        assert!(json.contains(text), "{text}: {json}");
    }

    let failed = Receipt::from_json_strict(&fixture("receipt_zalo_failed_17004.json")).unwrap();
    assert_eq!(failed.code, Some(StatusCode::ZaloSendError));
    let zalo = failed.zalo_res.as_ref().unwrap();
    assert_eq!(zalo.error, Some(-118));
    assert!(zalo.data.is_none());
    assert!(written(failed.to_json()).contains(r#""data":null"#));

    let journey =
        Receipt::from_json_strict(&fixture("receipt_zalo_journey_acknowledged.json")).unwrap();
    assert_eq!(journey.status, ReceiptStatus::JourneyAcknowledged);
    assert_eq!(journey.code, Some(StatusCode::ZaloJourneyCharged));
    assert_eq!(journey.send_time, None);
    assert_eq!(
        journey.timestamp.unwrap().to_rfc3339(),
        "2024-07-10T09:14:21.913+00:00"
    );
    assert_eq!(
        (
            journey.oa_id.as_deref(),
            journey.journey_id.as_deref(),
            journey.app_id.as_deref()
        ),
        (
            Some("30418xxxxxx05770721"),
            Some("126052xxxx58967296"),
            Some("33101xxxx80048")
        )
    );
    assert_eq!(
        journey.cost.as_ref().unwrap().original_price.to_string(),
        "130"
    );
}

#[test]
fn a_zalo_journey_timestamp_must_be_unix_milliseconds() {
    let journey = |timestamp: &str| {
        format!(
            r#"{{"status":"journey_acknowledged","requestId":"r1","code":17006,"timestamp":{timestamp}}}"#
        )
    };
    // As a JSON integer, and written back as one.
    let receipt = Receipt::from_json(journey("1720602861913").as_bytes()).unwrap();
    assert!(same_json(
        &receipt.to_json().unwrap(),
        journey("1720602861913").as_bytes()
    ));
    for bad in [
        r#""1720602861913.5""#,
        r#""2024-07-10 09:14:21""#,
        r#""-1""#,
        "true",
    ] {
        let err = Receipt::from_json(journey(bad).as_bytes()).unwrap_err();
        assert_eq!(err.path(), Some("timestamp"), "{bad}: {err}");
        assert!(err.to_string().contains("unix milliseconds"), "{err}");
    }
}

#[test]
fn number_checks_of_both_shapes_are_typed_and_report_no_event() {
    let hlr =
        LegacyNumberCheck::from_json_strict(&fixture("number_check_legacy_hlr.json")).unwrap();
    let data = hlr.data.as_ref().unwrap();
    let basic = data.basic.as_ref().unwrap();
    assert_eq!(
        (basic.pre_check.clone(), basic.number_type),
        (Some(Check::Yes), Some(NumberType::Mobile))
    );
    let live = data.live.as_ref().unwrap();
    assert_eq!(
        (live.validity.clone(), live.reachable.clone()),
        (Some(Check::Yes), Some(Check::Unknown))
    );
    // "Accurate to four decimal places": `0.9230` keeps its last zero.
    let cost = hlr.cost.as_ref().unwrap();
    assert_eq!(
        (cost.price.to_string(), cost.currency.as_deref()),
        ("0.9230".to_owned(), Some("USD"))
    );
    assert!(written(hlr.to_json()).contains(r#""price":0.9230"#));

    let call =
        LegacyNumberCheck::from_json_strict(&fixture("number_check_legacy_call.json")).unwrap();
    let dial = call.data.unwrap().dial.unwrap();
    assert_eq!(dial.response, Some(DialResponse::InvalidNumber));

    let failure = NumberCheck::from_json_strict(&fixture("number_check_failure_266.json")).unwrap();
    assert_eq!(failure.code, NumberCheckCode::SubBalanceFailed);
    assert_eq!(failure.code.message(), Some("subBalance failed"));
    assert!(failure.data.is_none());

    // An earlier revision of the current page wrote the call check in lower case: kept.
    let body = fixture("number_check_call_rev2023.json");
    let lower = String::from_utf8(body)
        .unwrap()
        .replace(r#""ring": "YES""#, r#""ring": "yes""#);
    let check = NumberCheck::from_json(lower.as_bytes()).unwrap();
    assert_eq!(
        check.data.as_ref().unwrap().ring,
        Some(Check::Other("yes".to_owned()))
    );
    assert_eq!(check.unrecognized().len(), 1);

    for file in [
        "number_check_basic.json",
        "number_check_hlr.json",
        "number_check_legacy_basic.json",
        "number_check_legacy_failure_114.json",
    ] {
        let callback = Callback::from_json(&fixture(file)).unwrap();
        assert!(callback.kind().contains("number check"), "{file}");
        assert!(callback.event().is_none(), "{file}");
    }
}

#[test]
fn an_sms_receipt_is_written_back_in_the_bytes_it_came_in() {
    for file in [
        "sms_receipt_post_body.form",
        "sms_receipt_post_body_en_wiki.form",
        "sms_receipt_url_query.query",
    ] {
        let body = fixture(file);
        let receipt = SmsReceipt::from_form_strict(&body).unwrap();
        assert_eq!(receipt.to_form().as_bytes(), body.trim_ascii(), "{file}");
        assert_eq!(
            (receipt.status, receipt.result.clone()),
            (SmsStatus::Delivered, Some(SmsResult::Delivered))
        );
        assert_eq!(
            receipt.send_time.unwrap().to_string(),
            "2021-02-26 10:01:15"
        );
        assert_eq!(
            (
                receipt.price.unwrap().to_string(),
                receipt.rate.unwrap().to_string()
            ),
            ("0.045".to_owned(), "6.4845".to_owned())
        );
    }
    // Encoded as a form encoder writes it (`+` and `%3A`): the same values, and the same
    // bytes back.
    let encoded = "messageid=m1&status=5&result=UNDELIV&drtime=2021-02-26+10%3A01%3A15&phone=%2B6282167624806";
    let receipt = SmsReceipt::from_form(encoded.as_bytes()).unwrap();
    assert_eq!(receipt.dr_time.unwrap().to_string(), "2021-02-26 10:01:15");
    assert_eq!(receipt.phone.as_deref(), Some("+6282167624806"));
    assert_eq!(receipt.to_form(), encoded);
    // A value changed is written encoded; the rest as it came, separators included.
    let mut changed =
        SmsReceipt::from_form(b"messageid=m1&&status=5&ext&drtime=2021-02-26 10:01:15&").unwrap();
    changed.dr_time = chrono::NaiveDate::from_ymd_opt(2021, 2, 27)
        .unwrap()
        .and_hms_opt(9, 0, 0);
    changed.ext = Some("a&b".to_owned());
    assert_eq!(
        changed.to_form(),
        "messageid=m1&&status=5&ext=a%26b&drtime=2021-02-27%2009%3A00%3A00&"
    );
}

#[test]
fn an_sms_receipt_keeps_what_its_document_does_not_list() {
    let body = b"MessageId=m1&Status=13&result=QUEUED&carrier=Telkomsel&status=2&size=";
    let receipt = SmsReceipt::from_form(body).unwrap();
    // Keys match in any letter case; a repeat is kept with the unknown pairs.
    assert_eq!(receipt.message_id, "m1");
    assert_eq!(receipt.status, SmsStatus::Other(13));
    assert_eq!(receipt.result, Some(SmsResult::Other("QUEUED".to_owned())));
    assert_eq!(receipt.size, None, "an empty value is absent");
    let unknown: Vec<(String, String)> = receipt
        .unknown_parameters()
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    assert_eq!(
        unknown,
        [
            ("carrier".to_owned(), "Telkomsel".to_owned()),
            ("status".to_owned(), "2".to_owned())
        ]
    );
    let found = common::findings(&receipt);
    assert_eq!(
        found,
        [
            "undocumented value `13` at `status`",
            "undocumented value `QUEUED` at `result`",
            "unknown field `carrier` = Telkomsel",
            "unknown field `status` = 2",
        ]
    );
    assert!(SmsReceipt::from_form_strict(body).is_err());
    assert_eq!(receipt.to_form().as_bytes(), body);
    assert_eq!(receipt.delivery_state(), DeliveryState::Unknown);
}

#[test]
fn each_sms_status_maps_as_the_event_table_says() {
    for (status, state) in [
        (2, DeliveryState::Delivered),
        (5, DeliveryState::Failed),
        (6, DeliveryState::Rejected),
        (7, DeliveryState::Expired),
        (8, DeliveryState::Failed),
        (9, DeliveryState::Rejected),
        (10, DeliveryState::Rejected),
        (11, DeliveryState::Rejected),
        (12, DeliveryState::Unknown),
        (3, DeliveryState::Unknown),
    ] {
        let body =
            format!("messageid=m1&status={status}&result=X&phone=62&price=0.045&currency=USD");
        let receipt = SmsReceipt::from_form(body.as_bytes()).unwrap();
        assert_eq!(receipt.delivery_state(), state, "{status}");
        let event = receipt.delivery();
        assert_eq!(event.state, state);
        assert_eq!(event.recipient.as_deref(), Some("62"));
        assert_eq!(event.error.is_none(), status == 2, "{status}");
        if let Some(error) = event.error {
            assert_eq!(
                (error.code, error.message.as_deref()),
                (status.to_string(), Some("X"))
            );
        }
    }
    for status in SmsStatus::DOCUMENTED {
        assert!(matches!(status.code(), 2 | 5..=12), "{status:?}");
    }
}

#[test]
fn parse_tells_an_nxcloud_sms_receipt_from_an_esms_callback_by_their_keys() {
    let receipt = "messageid=m1&status=2&drtime=2021-02-26 10:01:15";
    let esms = "SMSID=s1&SendStatus=5&SendSuccess=1";
    let kind = |body: &str, query: &str| {
        parse(body.as_bytes(), query)
            .map(|payload| (payload.provider().to_string(), payload.kind()))
    };
    let sms = Ok(("nxcloud".to_owned(), "SMS receipt"));
    let callback = Ok(("esms".to_owned(), "callback"));
    // A form body, or the query of an empty body (customers registered before May 2023).
    assert_eq!(kind(receipt, ""), sms);
    assert_eq!(kind("", receipt), sms);
    assert_eq!(kind("", &format!("?{receipt}")), sms);
    assert_eq!(
        kind("", &receipt.to_uppercase()),
        sms,
        "keys in any letter case"
    );
    assert_eq!(kind("", esms), callback);
    assert_eq!(kind(esms, ""), callback);
    // One key of the other's added changes nothing.
    assert_eq!(kind("", &format!("{receipt}&SMSID=x")), sms);
    assert_eq!(kind("", &format!("{esms}&messageid=x")), callback);
    assert_eq!(kind("", &format!("{esms}&status=2")), callback);
    // Whatever key comes first (the reader it points to reads first).
    assert_eq!(kind("", &format!("zz=1&{receipt}")), sms);
    assert_eq!(kind("status=2&drtime=&messageid=m1", ""), sms);
    assert_eq!(kind("", &format!("drtime=x&{esms}")), callback);
    // Both whole: neither is better, in either order, and where one's values are broken.
    for both in [
        format!("{receipt}&{esms}"),
        format!("{esms}&{receipt}"),
        format!("SendStatus=soon&{receipt}&SMSID=s1"),
        format!("{esms}&messageid=&status=2"),
    ] {
        let err = parse(b"", &both).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the body fits several payload kinds and none better than the others: esms callback, nxcloud SMS receipt",
            "{both}"
        );
    }
    // Keys of the receipt's without its id: its error, which names what is missing.
    let err = parse(b"status=2&drtime=2021-02-26 10:01:15", "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "nxcloud SMS receipt: `messageid`: missing or empty; it is the SMS's id"
    );
    // A body that is no one's form: what it looked like, and the forms there are.
    let err = parse(b"hello=world", "").unwrap_err();
    assert!(matches!(err, Error::NoProvider { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "no kind fits: the body is a form with the keys `hello`; expected an eSMS callback \
         (`SMSID`, `SendStatus`) or an NXCloud SMS receipt (`messageid`, `status`)"
    );
    // A query of no one's keys stays eSMS's, for its error (its GET has nothing else).
    let err = parse(b"", "hello=world").unwrap_err();
    assert_eq!(err.provider(), Some(Provider::Esms));

    // Its answer is the text NXCloud expects, and it is written back as it came.
    let payload = parse(receipt.as_bytes(), "").unwrap();
    let answer: Answer = payload.answer().unwrap();
    assert_eq!(
        (answer.status, answer.content_type, &*answer.body),
        (200, Some("text/plain"), &b"success"[..])
    );
    assert_eq!(payload.to_wire().unwrap(), receipt.as_bytes());
    let Payload::NxCloud(Callback::SmsReceipt(_)) = payload else {
        panic!("{payload:?}")
    };
    let callback = Callback::from_request(b"", receipt).unwrap();
    assert_eq!(
        callback,
        Callback::from_request(receipt.as_bytes(), "").unwrap()
    );
    assert_eq!(callback.to_wire().unwrap(), receipt.as_bytes());
    // As JSON, its parameters as strings (the form is what goes back to NXCloud).
    assert_eq!(
        written(callback.to_json()),
        r#"{"messageid":"m1","status":"2","drtime":"2021-02-26 10:01:15"}"#
    );
}
