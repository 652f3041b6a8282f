//! Viva: the document's samples (whole messages, from `fixtures/viva/`), event types and
//! their data, the messages API, the type tables, the source addresses, the retry policy
//! and URL verification.

mod common;

use std::net::IpAddr;
use std::path::Path;

use chrono::{DateTime, Timelike};
use provider_payloads::ListUnrecognized;
use provider_payloads::viva::{
    Currency, DEMO_WEBHOOK_SOURCES, Environment, EventTypeId, ListMessages, Message,
    MessageDetails, MessageList, PRODUCTION_WEBHOOK_SOURCES, Payload, RETRY_POLICY, ResponseStatus,
    StatusId, TransactionEventData, TransactionTable, TransactionTypeId, Verification, Webhook,
    is_webhook_source, message_details_path, redeliver_path,
};
use rust_decimal::Decimal;
use serde_json::Value;

/// A fixture's bytes.
fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/viva")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A fixture read as a transaction message.
fn transaction(name: &str) -> Message<TransactionEventData> {
    match Webhook::from_json(&fixture(name)).unwrap() {
        Webhook::Transaction(message) => *message,
        other => panic!("{name}: {other:?}"),
    }
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn both_samples_parse_exactly_and_write_back_amounts_as_numbers() {
    for (name, sign, event) in [
        (
            "transaction_payment_created.json",
            1,
            EventTypeId::TransactionPaymentCreated,
        ),
        (
            "transaction_reversal_created.json",
            -1,
            EventTypeId::TransactionReversalCreated,
        ),
    ] {
        let body = fixture(name);
        // The document's samples hold nothing it does not list.
        let strict = Webhook::from_json_strict(&body).unwrap();
        let message = transaction(name);
        assert_eq!(strict, Webhook::Transaction(Box::new(message.clone())));
        assert_eq!(message.event_type_id, event);
        assert_eq!(
            message.created.unwrap().to_string(),
            "2014-06-18T14:20:30.45+03:00"
        );
        let data = &message.event_data;
        assert_eq!(data.amount, Decimal::new(sign * 10050, 2));
        assert_eq!(
            data.amount.to_string(),
            format!("{}100.50", if sign < 0 { "-" } else { "" })
        );
        assert_eq!(data.total_commission, Some(Decimal::new(sign * 271, 2)));
        assert_eq!(data.total_fee, Some(Decimal::new(sign * 50, 2)));
        let ins_date = data.ins_date.unwrap();
        assert_eq!(ins_date.naive_local().nanosecond(), 450_000_000);
        assert_eq!(
            ins_date.offset().map(|o| o.local_minus_utc()),
            Some(3 * 3600)
        );
        assert_eq!(data.currency_code, Some(Currency::new(978)));
        assert_eq!(data.currency_code.unwrap().alphabetic(), Some("EUR"));
        assert_eq!(data.order_code, 776_027_772_607);
        assert_eq!(data.card_number.as_deref(), Some("411111XXXXXX1111"));
        assert_eq!(data.status_id, StatusId::Finished);
        assert_eq!(
            data.company_name.as_deref(),
            Some("Viva Ηλεκτρονικές Υπηρεσίες")
        );
        assert_eq!(
            data.reseller_source_address.as_deref(),
            Some("Πανεπιστημίου 37 και Κοραή, Αθήνα")
        );

        let written = message.to_json().unwrap();
        assert_eq!(json(&written), json(&body));
        // The amounts keep their digits, as JSON numbers, and the times their text.
        let text = String::from_utf8(written).unwrap();
        let minus = if sign < 0 { "-" } else { "" };
        for amount in ["100.50", "2.71", "0.50"] {
            let number = format!(":{minus}{amount}");
            assert!(
                text.contains(&format!("{number},")) || text.contains(&format!("{number}}}")),
                "{text}"
            );
        }
        assert!(
            text.contains(r#""InsDate":"2014-06-18T14:20:30.45+03:00""#),
            "{text}"
        );
    }
    let create = transaction("transaction_payment_created.json").event_data;
    assert_eq!(
        create.transaction_type_id,
        Some(TransactionTypeId::ChargeCard)
    );
    assert_eq!(
        create.transaction_type_id.unwrap().table(),
        Some(TransactionTable::Payment)
    );
}

#[test]
fn a_refund_of_each_reversal_type_is_a_reversal() {
    let reversals = [
        (
            "reversal_type_4_refund_card.json",
            TransactionTypeId::RefundCard,
        ),
        (
            "transaction_reversal_created.json",
            TransactionTypeId::VoidCard,
        ),
        (
            "reversal_type_11_wallet_refund.json",
            TransactionTypeId::WalletRefund,
        ),
        (
            "reversal_type_13_refund_card_from_claim.json",
            TransactionTypeId::RefundCardFromClaim,
        ),
        (
            "reversal_type_17_void_cash.json",
            TransactionTypeId::VoidCash,
        ),
    ];
    for (name, type_id) in reversals {
        let message = transaction(name);
        assert_eq!(
            message.event_type_id,
            EventTypeId::TransactionReversalCreated
        );
        assert_eq!(
            message.event_data.transaction_type_id,
            Some(type_id),
            "{name}"
        );
        assert_eq!(type_id.table(), Some(TransactionTable::Reversal), "{name}");
        assert!(message.event_data.amount.is_sign_negative(), "{name}");
    }
}

/// A message of an event no document lists, with fields no document lists at every
/// level: the envelope, the event data, and deeper.
const UNKNOWN_EVENT: &str = r#"{"EventData":{"Novel":{"Deep":[1,2.50,{"x":null}],"Big":123456789012345678901234567890},"Amount":1.0000},"Surprise":"yes","EventTypeId":4242,"Created":"2030-01-01T00:00:00Z","MessageId":"m-1","Delay":null,"RetryDelay":"01:00:00","RetryDelayInSeconds":3600}"#;

#[test]
fn an_unknown_event_with_unknown_fields_everywhere_parses_and_writes_back_whole() {
    let webhook = Webhook::from_json(UNKNOWN_EVENT.as_bytes()).unwrap();
    let Webhook::Other(message) = &webhook else {
        panic!("{webhook:?}");
    };
    assert_eq!(message.event_type_id, EventTypeId::Other(4242));
    assert_eq!(message.message_id.as_deref(), Some("m-1"));
    assert_eq!(
        message.event_data.get(),
        r#"{"Novel":{"Deep":[1,2.50,{"x":null}],"Big":123456789012345678901234567890},"Amount":1.0000}"#
    );
    let names: Vec<_> = message
        .unknown_fields()
        .iter()
        .map(|(name, _)| name)
        .collect();
    // `Delay` and `RetryDelayInSeconds` are typed; a third party's `RetryDelay` is kept.
    assert_eq!(names, ["Surprise", "RetryDelay"]);
    assert_eq!(message.retry_delay_in_seconds, Some(3600));
    // Written back whole: the same JSON, every digit kept.
    let written = webhook.to_json().unwrap();
    assert_eq!(json(&written), json(UNKNOWN_EVENT.as_bytes()));
    assert!(
        String::from_utf8(written)
            .unwrap()
            .contains("123456789012345678901234567890")
    );
    // The strict parse names what the document does not list.
    let err = Webhook::from_json_strict(UNKNOWN_EVENT.as_bytes()).unwrap_err();
    for what in ["`EventTypeId`", "`Surprise`", "`RetryDelay`"] {
        assert!(err.to_string().contains(what), "{what}: {err}");
    }

    // The same unknown fields around a transaction: typed where documented, kept elsewhere.
    let mut body = json(&fixture("transaction_payment_created.json"));
    body["Surprise"] = "yes".into();
    body["EventData"]["Novel"] = serde_json::json!({"Deep": [1, {"x": null}]});
    let body = serde_json::to_vec(&body).unwrap();
    let webhook = Webhook::from_json(&body).unwrap();
    let found = common::findings(&webhook);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("`EventData.Novel`"), "{found:?}");
    assert!(found[1].contains("`Surprise`"), "{found:?}");
    assert_eq!(json(&webhook.to_json().unwrap()), json(&body));
}

#[test]
fn the_event_type_decides_the_data_wherever_it_is() {
    let sample = json(&fixture("transaction_reversal_created.json"));
    // EventTypeId first, and as a string of digits.
    let first = format!(
        r#"{{"EventTypeId":"1797","Created":"2014-06-18T14:20:30.45+03:00","EventData":{}}}"#,
        sample["EventData"]
    );
    let webhook = Webhook::from_json(first.as_bytes()).unwrap();
    assert_eq!(
        webhook.event_type_id(),
        EventTypeId::TransactionReversalCreated
    );
    assert!(matches!(webhook, Webhook::Transaction(_)));
    assert_eq!(json(&webhook.to_json().unwrap()), json(first.as_bytes()));
    // 1798 (failed) carries a transaction; an id no one lists is kept raw.
    for (id, typed) in [(1798, true), (4242, false), (1, false)] {
        let body = first.replace(r#""1797""#, &id.to_string());
        let webhook = Webhook::from_json(body.as_bytes()).unwrap();
        assert_eq!(matches!(webhook, Webhook::Transaction(_)), typed, "{id}");
        assert_eq!(webhook.event_type_id().code(), id);
    }
    // No EventTypeId at all: the error says the webhook message requires it. An escaped
    // key is read all the same.
    let escaped = first.replace("EventTypeId", "EventT\\u0079peId");
    assert!(matches!(
        Webhook::from_json(escaped.as_bytes()).unwrap(),
        Webhook::Transaction(_)
    ));
    let err =
        Webhook::from_json(br#"{"EventData":{},"Created":"2014-06-18T14:20:30Z"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no kind fits: the body is an object with the keys `EventData`, `Created`; expected \
         a Viva webhook message (`EventTypeId`, `EventData`)"
    );
}

#[test]
fn bad_inputs_name_the_field_path() {
    // The sample's text with one value replaced (not through `Value`, which would
    // rewrite numbers).
    let sample = String::from_utf8(fixture("transaction_payment_created.json")).unwrap();
    let with = |field: &str, value: &str| {
        let start = sample.find(&format!(r#""{field}": "#)).unwrap() + field.len() + 4;
        let end = start + sample[start..].find(['\n', ',']).unwrap();
        let body = format!("{}{value}{}", &sample[..start], &sample[end..]);
        let err = Webhook::from_json(body.as_bytes()).unwrap_err();
        assert_eq!(
            err.path(),
            Some(format!("EventData.{field}").as_str()),
            "{err}"
        );
        err.to_string()
    };
    assert!(with("Amount", r#""abc""#).contains("decimal number"));
    assert!(with("Amount", r#""100,50""#).contains("decimal number"));
    assert!(with("Amount", "1.005e2").contains("no exponent"));
    assert!(with("Amount", "1e400").contains("no exponent"));
    assert!(with("InsDate", r#""2014-06-18""#).contains("2014-06-18T14:20:30.45+03:00"));
    assert!(with("CurrencyCode", "1978").contains("ISO 4217"));
    assert!(with("OrderCode", "776027772607.5").contains("u64"));
    assert!(with("TransactionTypeId", r#""five""#).contains("TransactionTypeId"));

    let missing = Webhook::from_json(br#"{"EventTypeId":1796,"Created":"2014-06-18T14:20:30Z"}"#)
        .unwrap_err();
    assert!(
        missing.to_string().contains("missing field `EventData`"),
        "{missing}"
    );
    let deep = format!(
        r#"{{"EventTypeId":1796,"Created":"2014-06-18T14:20:30Z","EventData":{}1{}}}"#,
        "[".repeat(50),
        "]".repeat(50)
    );
    let err = Webhook::from_json(deep.as_bytes()).unwrap_err();
    assert_eq!(err.path(), Some("EventData"), "{err}");
}

#[test]
fn type_ids_keep_what_the_tables_do_not_list() {
    let payment = [0, 5, 6, 9, 15, 16];
    let reversal = [4, 7, 11, 13, 17];
    for code in 0..=20 {
        let id = TransactionTypeId::from_code(code);
        let table = if payment.contains(&code) {
            Some(TransactionTable::Payment)
        } else if reversal.contains(&code) {
            Some(TransactionTable::Reversal)
        } else {
            None
        };
        assert_eq!(id.table(), table, "{code}");
        assert_eq!(id.description().is_some(), id.is_documented(), "{code}");
        assert_eq!(id.code(), code);
    }
    // The seed's 11, Viva's transaction parameters page's 1 and 18, and the 39 that two
    // third-party SDKs agree on; 32 (they disagree) and 54 (one names it) are kept.
    assert_eq!(TransactionTypeId::DOCUMENTED.len(), 52);
    for kept in [2, 3, 32, 54, 64, 68, 81] {
        assert_eq!(
            TransactionTypeId::from_code(kept),
            TransactionTypeId::Other(kept)
        );
    }
    assert_eq!(
        TransactionTypeId::CashPayment.description(),
        Some("Cash Payment")
    );
    assert_eq!(
        EventTypeId::from_code(1796),
        EventTypeId::TransactionPaymentCreated
    );
    assert_eq!(
        EventTypeId::from_code(1797),
        EventTypeId::TransactionReversalCreated
    );
    assert_eq!(EventTypeId::from_code(1798), EventTypeId::TransactionFailed);
    // Every event type of Viva's "Webhooks for payments" pages.
    let listed: Vec<i64> = EventTypeId::DOCUMENTED.iter().map(|id| id.code()).collect();
    assert_eq!(
        listed,
        [
            768, 769, 1796, 1797, 1798, 1799, 1802, 1803, 2054, 4865, 5632, 5633, 8193, 8194, 8448
        ]
    );
}

#[test]
fn every_listed_address_is_a_source_in_its_own_environment_only() {
    for (environment, own, other) in [
        (
            Environment::Production,
            &PRODUCTION_WEBHOOK_SOURCES[..],
            &DEMO_WEBHOOK_SOURCES[..],
        ),
        (
            Environment::Demo,
            &DEMO_WEBHOOK_SOURCES[..],
            &PRODUCTION_WEBHOOK_SOURCES[..],
        ),
    ] {
        for range in own {
            let text = range.to_string();
            let (first, prefix) = text.split_once('/').unwrap_or((&text, "32"));
            let first: std::net::Ipv4Addr = first.parse().unwrap();
            let size = 1_u32 << (32 - prefix.parse::<u32>().unwrap());
            let last = std::net::Ipv4Addr::from_bits(first.to_bits() + size - 1);
            for ip in [first, last] {
                assert!(is_webhook_source(IpAddr::V4(ip), environment), "{ip}");
                let mapped: IpAddr = IpAddr::V6(ip.to_ipv6_mapped());
                assert!(is_webhook_source(mapped, environment), "{mapped}");
            }
            // Just outside the range, unless another one starts there.
            let after = std::net::Ipv4Addr::from_bits(first.to_bits() + size);
            let listed = own.iter().any(|other| other.contains(after));
            assert_eq!(
                is_webhook_source(IpAddr::V4(after), environment),
                listed,
                "{after}"
            );
        }
        for range in other {
            let text = range.to_string();
            let first = text.split('/').next().unwrap().parse().unwrap();
            assert!(
                !is_webhook_source(IpAddr::V4(first), environment),
                "{first}"
            );
        }
        for ip in [
            "127.0.0.1",
            "51.138.37.239",
            "13.80.70.18",
            "::1",
            "0.0.0.0",
            // The seed document's demo addresses that Viva's setup page no longer lists.
            "62.38.158.36",
            "194.219.230.78",
        ] {
            assert!(!is_webhook_source(ip.parse().unwrap(), environment), "{ip}");
        }
    }
    assert_eq!(
        PRODUCTION_WEBHOOK_SOURCES
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "51.138.37.238",
            "13.80.70.181",
            "13.80.71.223",
            "13.79.28.70",
            "40.127.253.112/28",
            "51.105.129.192/28",
            "20.54.89.16",
            "4.223.76.50",
            "51.12.157.0/28",
        ]
    );
    // Viva's setup page's Demo column ("Whitelist the Viva Wallet addresses"), whole.
    for ip in [
        "20.50.240.57",
        "40.74.20.78",
        "94.70.170.65",
        "94.70.174.36",
        "94.70.255.73",
        "94.70.248.18",
        "83.235.24.226",
    ] {
        let ip = ip.parse().unwrap();
        assert!(is_webhook_source(ip, Environment::Demo), "{ip}");
        assert!(!is_webhook_source(ip, Environment::Production), "{ip}");
    }
}

#[test]
fn retries_may_arrive_until_23_hours_after_created() {
    use provider_payloads::viva::{RetryPolicy, SALE_TRANSACTIONS_RETRY_POLICY};

    let created = DateTime::parse_from_rfc3339("2014-06-18T14:20:30.45+03:00").unwrap();
    let until = RETRY_POLICY.retries_until(created).unwrap();
    // "24 attempts (1 initial + 23 retries)", hourly.
    assert_eq!(until - created, chrono::TimeDelta::hours(23));
    assert_eq!(RETRY_POLICY.max_retries, 23);
    let until = SALE_TRANSACTIONS_RETRY_POLICY
        .retries_until(created)
        .unwrap();
    assert_eq!(until - created, chrono::TimeDelta::hours(5));
    for (status, success) in [
        (200, true),
        (202, true),
        (204, true),
        (299, true),
        (199, false),
        (300, false),
        (302, false),
        (404, false),
        (500, false),
    ] {
        assert_eq!(RetryPolicy::is_success(status), success, "{status}");
    }
    assert_eq!(
        RETRY_POLICY.retries_until(DateTime::<chrono::Utc>::MAX_UTC),
        None
    );
}

#[test]
fn the_verification_answer_is_built_and_read() {
    let sample = "{\n  \"Key\":\"B3248222FDCD1885AEAFE51CCC1B5607F00903F6\"\n}";
    let read = Verification::from_json(sample.as_bytes()).unwrap();
    let built = Verification::new("B3248222FDCD1885AEAFE51CCC1B5607F00903F6");
    assert_eq!(read, built);
    assert_eq!(json(&built.to_json().unwrap()), json(sample.as_bytes()));
    assert!(
        Verification::from_json(b"{}")
            .unwrap_err()
            .to_string()
            .contains("`Key`")
    );
    // An ISV's key comes as `key`, lowercase, and is answered as it came.
    let isv = br#"{"key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6"}"#;
    let Payload::IsvVerification(read) = Payload::from_json(isv).unwrap() else {
        panic!()
    };
    assert_eq!(read.key, "B3248222FDCD1885AEAFE51CCC1B5607F00903F6");
    assert_eq!(&*read.answer().body, isv);
    assert!(matches!(
        Payload::from_json(sample.as_bytes()).unwrap(),
        Payload::Verification(_)
    ));
}

/// A details answer as the service would write it: no trailing spaces, `payload`, a
/// failed delivery and a retry to come, a status code left out, and a field of its own.
const SERVICE_DETAILS: &str = r#"{"messageId":"31eb6552-2e6f-44b7-b63c-e84fec68e65f","eventTypeId":1797,"created":"2024-06-10T06:55:08.3492636Z","responseStatus":2,"statusCode":500,"delivered":null,"nextRetry":"2024-06-10T07:55:08.35Z","url":"https://example.com/viva","payload":{"EventTypeId":1797},"deliveries":[{"deliveryId":"d-1","created":"2024-06-10T06:55:08.3492636Z","responseStatus":2,"statusCode":500},{"deliveryId":"d-2","created":"2024-06-10T06:56:00Z","responseStatus":3,"Extra":[1]}]}"#;

#[test]
fn the_messages_api_reads_both_spellings_and_writes_each_back() {
    let service = MessageDetails::from_json(SERVICE_DETAILS.as_bytes()).unwrap();
    assert_eq!(service.response_status, ResponseStatus::Fail);
    assert_eq!(service.status_code, Some(500));
    assert_eq!(service.delivered, None);
    assert_eq!(
        service.next_retry.map(|t| t.to_string()).as_deref(),
        Some("2024-06-10T07:55:08.35Z")
    );
    assert_eq!(
        service.payload.as_ref().map(|p| p.get()),
        Some(r#"{"EventTypeId":1797}"#)
    );
    assert_eq!(service.deliveries.len(), 2);
    assert_eq!(
        service.deliveries[1].response_status,
        ResponseStatus::Other(3)
    );
    assert_eq!(service.deliveries[1].status_code, None);
    assert_eq!(
        service.to_json().unwrap(),
        SERVICE_DETAILS.as_bytes(),
        "written back byte for byte"
    );
    let found = common::findings(&service);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].contains("`deliveries[1].responseStatus`"),
        "{found:?}"
    );
    assert!(found[1].contains("`deliveries[1].Extra`"), "{found:?}");

    // The document's spelling ("created ", "deliveryId ", "string") reads the same fields.
    let document =
        MessageDetails::from_json(&fixture("message_details_types_filled.json")).unwrap();
    assert_eq!(
        document.event_type_id,
        EventTypeId::TransactionPaymentCreated
    );
    assert_eq!(
        document.created.unwrap().to_string(),
        "2024-06-10T06:55:08.3492636Z"
    );
    assert_eq!(
        document.payload.as_ref().map(|p| p.get()),
        Some(r#""payload""#)
    );
    assert_eq!(document.deliveries[0].delivery_id, "uuid");
    assert!(document.unknown_fields().is_empty());
    assert!(document.unrecognized().is_empty());
    let written = String::from_utf8(document.to_json().unwrap()).unwrap();
    for key in [r#""created ":"#, r#""deliveryId ":"#, r#""string":"#] {
        assert!(written.contains(key), "{key}: {written}");
    }

    let list = MessageList::from_json(&fixture("message_list_types_filled.json")).unwrap();
    assert_eq!(list.0.len(), 1);
    assert_eq!(list.0[0].response_status, ResponseStatus::Success);
    assert_eq!(list.0[0].next_retry, None);
}

#[test]
fn the_messages_api_paths_and_query() {
    assert_eq!(
        ListMessages::new(EventTypeId::TransactionReversalCreated).path_and_query(),
        "/webhooks/v1/messages?eventTypeId=1797"
    );
    let query = ListMessages::new(EventTypeId::Other(1799))
        .response_status(ResponseStatus::Success)
        .query();
    assert_eq!(query, "eventTypeId=1799&responseStatus=1");
    // An id is one path segment, whatever it holds.
    assert_eq!(
        redeliver_path("a/b c"),
        "/webhooks/v1/messages/a%2Fb%20c:redeliver"
    );
    assert_eq!(message_details_path("x"), "/webhooks/v1/messages/x");
}

#[test]
fn every_viva_body_is_told_apart() {
    let kinds = [
        ("transaction_payment_created.json", "webhook message"),
        ("reversal_type_4_refund_card.json", "webhook message"),
        ("verification.json", "URL verification"),
        ("message_list_types_filled.json", "message list"),
        ("message_details_types_filled.json", "message details"),
        ("account_transaction_created_2054.json", "webhook message"),
        ("obligation_created_5632.json", "obligation"),
        ("obligation_captured_5633.json", "obligation"),
        ("sale_transactions.json", "sale transactions file"),
    ];
    for (name, kind) in kinds {
        assert_eq!(
            Payload::from_json(&fixture(name)).unwrap().kind(),
            kind,
            "{name}"
        );
    }
    assert_eq!(Payload::from_json(b" []").unwrap().kind(), "message list");
    let err = Payload::from_json(br#"{"status":"200"}"#).unwrap_err();
    let provider_payloads::Error::NoKind { expected, .. } = &err else {
        panic!("{err}");
    };
    assert!(
        expected.iter().any(|kind| kind.contains("`EventTypeId`")),
        "{err}"
    );
}

/// The types are plain serde types too: a reader that cannot lend its bytes (a file, a
/// socket) or a `serde_json::Value` gives the same value as `from_json`, amounts and
/// unknown fields included.
#[test]
fn a_message_reads_the_same_from_a_reader_or_a_value() {
    let bytes = fixture("transaction_payment_created.json");
    let expected = transaction("transaction_payment_created.json");
    let from_reader: Message<TransactionEventData> =
        serde_json::from_reader(bytes.as_slice()).unwrap();
    assert_eq!(from_reader, expected);
    let from_value: Message<TransactionEventData> = serde_json::from_value(json(&bytes)).unwrap();
    assert_eq!(from_value.event_data.amount, expected.event_data.amount);
    assert_eq!(from_value, expected);
    let list: MessageList =
        serde_json::from_reader(fixture("message_list_types_filled.json").as_slice()).unwrap();
    assert_eq!(
        list,
        MessageList::from_json(&fixture("message_list_types_filled.json")).unwrap()
    );
}

/// A body under `tests/data/viva/`, built from a sample every copy of which is cut off.
fn data(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/viva")
            .join(name),
    )
    .unwrap()
}

#[test]
fn every_current_event_is_typed_and_maps_to_its_event() {
    use provider_payloads::event::{AccountKind, Event, OrderKind, TransferKind};
    use provider_payloads::viva::StatusId;

    let read = |bytes: Vec<u8>| {
        let webhook = Webhook::from_json(&bytes).unwrap();
        // Nothing left unrecognized, and written back whole.
        assert_eq!(webhook.unrecognized(), vec![], "{webhook:?}");
        assert_eq!(json(&webhook.to_json().unwrap()), json(&bytes));
        webhook
    };

    let Webhook::PriceCalculated(fee) = read(fixture("transaction_price_calculated_1799.json"))
    else {
        panic!()
    };
    assert_eq!(fee.event_data.interchange, Some(Decimal::new(105, 5)));
    let Some(Event::Fee(fee)) = fee.event() else {
        panic!()
    };
    assert_eq!(
        (
            fee.amount,
            fee.currency.as_deref(),
            fee.order_code.as_deref()
        ),
        (
            Some(Decimal::new(26, 2)),
            Some("GBP"),
            Some("3962594733417127")
        )
    );

    let Webhook::AccountTransaction(wallet) =
        read(fixture("account_transaction_created_2054.json"))
    else {
        panic!()
    };
    assert_eq!(wallet.event_data.status_id, Some(StatusId::Finished));
    let Some(Event::WalletTransaction(movement)) = wallet.event() else {
        panic!()
    };
    assert_eq!(movement.amount, Decimal::new(-1004, 1));
    assert_eq!(movement.wallet_id.as_deref(), Some("2263446434318"));
    assert_eq!(
        movement.idempotency_key,
        "viva:6fb74d4a-aa92-4920-a759-49a703834c03:wallet_transaction"
    );

    let Webhook::AccountVerificationStatusChanged(verification) =
        read(fixture("account_verification_status_changed_8194.json"))
    else {
        panic!()
    };
    let Some(Event::Account(account)) = verification.event() else {
        panic!()
    };
    assert_eq!(account.kind, AccountKind::Unverified);
    assert_eq!(account.account_id, "592d2e2f-11ec-408b-8552-ea06af1d1eee");

    let Webhook::AccountConnected(connected) = read(fixture("account_connected_8193.json")) else {
        panic!()
    };
    let Some(Event::Account(account)) = connected.event() else {
        panic!()
    };
    assert_eq!(account.kind, AccountKind::Connected);

    let Webhook::TransferCreated(transfer) = read(fixture("transfer_created_8448.json")) else {
        panic!()
    };
    let Some(Event::Transfer(transfer)) = transfer.event() else {
        panic!()
    };
    assert_eq!(
        (transfer.kind, transfer.amount, transfer.to.as_deref()),
        (
            TransferKind::Created,
            Decimal::new(2450, 2),
            Some("982778784821")
        )
    );

    let Webhook::OrderUpdated(order) = read(data("order_updated_4865.json")) else {
        panic!()
    };
    let Some(Event::Order(order)) = order.event() else {
        panic!()
    };
    assert_eq!(order.kind, OrderKind::Cancelled);
    // An order is updated many times: the key names the notification (its `MessageId`).
    assert_eq!(
        order.idempotency_key,
        "viva:6727479629472606:cancelled:bf5972bc-4809-4dcb-a999-24ba91d55b56"
    );

    for (name, kind) in [
        (
            "command_bank_transfer_created_768.json",
            TransferKind::Created,
        ),
        (
            "command_bank_transfer_executed_769.json",
            TransferKind::Executed,
        ),
    ] {
        let Webhook::CommandBankTransfer(command) = read(data(name)) else {
            panic!("{name}")
        };
        let Some(Event::Transfer(transfer)) = command.event() else {
            panic!("{name}")
        };
        assert_eq!(transfer.kind, kind, "{name}");
        assert_eq!(transfer.to.as_deref(), Some("LU280019400644750000"));
    }

    for (name, success) in [
        ("pos_ecr_session_created_1802.json", true),
        ("pos_ecr_session_failed_1803.json", false),
    ] {
        let Webhook::PosEcrSession(session) = read(data(name)) else {
            panic!("{name}")
        };
        assert_eq!(session.event_data.success, success, "{name}");
        // Strings of digits, as printed, stay strings.
        assert!(session.event_data.order_code.is_some(), "{name}");
        assert_eq!(session.event(), None, "{name}");
    }
}

#[test]
fn bodies_without_an_envelope_are_told_apart_and_report_no_event() {
    let Payload::Obligation(created) =
        Payload::from_json(&fixture("obligation_created_5632.json")).unwrap()
    else {
        panic!()
    };
    assert_eq!(created.event_type_id(), EventTypeId::ObligationCreated);
    let Payload::Obligation(captured) =
        Payload::from_json(&fixture("obligation_captured_5633.json")).unwrap()
    else {
        panic!()
    };
    assert_eq!(captured.event_type_id(), EventTypeId::ObligationCaptured);
    assert_eq!(
        captured.completed.unwrap().to_string(),
        "2021-10-25T15:36:25.0184+03:00"
    );
    let payload = provider_payloads::parse(&fixture("sale_transactions.json"), "").unwrap();
    assert_eq!(payload.kind(), "sale transactions file");
    assert_eq!(payload.event(), None);
    assert_eq!(payload.answer(), Some(provider_payloads::Answer::OK));
}
