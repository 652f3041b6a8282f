//! The one entry point and the normalized events: every fixture is told apart with no
//! provider named, carries the event its provider's values map to, and the mapping table
//! in the docs covers every documented status.

mod common;

use std::path::Path;

use provider_payloads::event::{DeliveryState, InboundContent, PaymentKind};
use provider_payloads::{Answer, Error, Event, Provider, esms, nxcloud, parse, viva, wappin};

#[test]
fn every_fixture_is_told_apart_as_its_own_provider_reads_it() {
    let requests = common::requests();
    assert!(requests.len() >= 41);
    for request in &requests {
        let (provider, path) = (request.provider, &request.path);
        let payload = parse(&request.body, &request.query)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(payload.provider().as_str(), provider, "{}", path.display());
        let own = common::own(request).unwrap();
        assert_eq!(payload.kind(), own.kind, "{}", path.display());
        assert_eq!(payload.to_wire().unwrap(), own.wire, "{}", path.display());
    }
}

#[test]
fn callbacks_carry_an_event_and_an_answer() {
    for common::Request {
        provider,
        path,
        body,
        query,
    } in common::requests()
    {
        let payload = parse(&body, &query).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        // What a provider posts to your webhook, as against API requests and answers.
        let is_callback = matches!(
            (provider, payload.kind()),
            ("nxcloud", _)
                | ("esms" | "wappin", "callback")
                | (
                    "viva",
                    "webhook message" | "obligation" | "sale transactions file"
                )
        );
        // Viva's URL verification key is answered too: it is the answer to Viva's `GET`.
        let is_key = matches!(
            &payload,
            provider_payloads::Payload::Viva(
                viva::Payload::Verification(_) | viva::Payload::IsvVerification(_)
            )
        );
        assert_eq!(payload.answer().is_some(), is_callback || is_key, "{name}");
        // Every callback reports an event, but those the event module's table says report
        // none: Viva's ECR sessions, events no one lists and bodies with no envelope, and
        // NXCloud's number checks (a lookup's result, not a delivery).
        let reports_none = matches!(
            &payload,
            provider_payloads::Payload::Viva(
                viva::Payload::Webhook(viva::Webhook::PosEcrSession(_) | viva::Webhook::Other(_))
                    | viva::Payload::Obligation(_)
                    | viva::Payload::SaleTransactionsFile(_)
            ) | provider_payloads::Payload::NxCloud(
                nxcloud::Callback::NumberCheck(_) | nxcloud::Callback::LegacyNumberCheck(_),
            )
        );
        assert_eq!(
            payload.event().is_some(),
            is_callback && !reports_none,
            "{name}"
        );
        if let Some(event) = payload.event() {
            assert_eq!(event.provider().as_str(), provider);
            let key = event.idempotency_key();
            assert!(key.starts_with(&format!("{provider}:")), "{key}");
            // The same body gives the same key: a retry is recognized.
            assert_eq!(
                parse(&body, &query)
                    .unwrap()
                    .event()
                    .unwrap()
                    .idempotency_key(),
                key
            );
        }
        let expected = match &payload {
            provider_payloads::Payload::Viva(viva::Payload::Verification(key)) => {
                viva::Verification::new(&*key.key).answer()
            }
            _ => match (provider, payload.kind()) {
                ("wappin", _) => provider_payloads::wappin::Callback::ANSWER,
                ("nxcloud", "SMS receipt") => nxcloud::SmsReceipt::ANSWER,
                _ => Answer::OK,
            },
        };
        if let Some(answer) = payload.answer() {
            assert_eq!(answer, expected, "{name}");
        }
    }
    let verification =
        provider_payloads::viva::Verification::new("B3248222FDCD1885AEAFE51CCC1B5607F00903F6")
            .answer();
    assert_eq!(
        &*verification.body,
        br#"{"Key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6"}"#
    );
}

/// Each callback kind, and each provider's enum of them, has the `event` and `answer` the
/// one `Payload` gives: one API shape for every kind, and one source for both.
#[test]
fn every_callback_kind_gives_its_event_and_answer_itself() {
    use nxcloud::Callback as Nx;
    use provider_payloads::Payload as P;
    use viva::Webhook as W;
    let mut callbacks = 0;
    for request in common::requests() {
        let payload = parse(&request.body, &request.query).unwrap();
        let name = request.path.display();
        let expected = (payload.event(), payload.answer());
        let provider = match &payload {
            P::NxCloud(callback) => (callback.event(), Some(callback.answer())),
            P::Esms(esms) => (esms.event(), esms.answer()),
            P::Wappin(wappin) => (wappin.event(), wappin.answer()),
            P::Viva(viva) => (viva.event(), viva.answer()),
            other => panic!("{name}: a new provider {}", other.provider()),
        };
        assert_eq!(provider, expected, "{name}");
        if let P::Viva(viva::Payload::Webhook(webhook)) = &payload {
            assert_eq!(
                (webhook.event(), Some(webhook.answer())),
                expected,
                "{name}"
            );
        }
        if let P::Wappin(wappin::Payload::Callback(callback)) = &payload {
            assert_eq!(
                (callback.event(), Some(callback.answer())),
                expected,
                "{name}"
            );
        }
        let own = |event: Option<Event>, answer: Answer| (event, Some(answer));
        let kind = match &payload {
            P::NxCloud(Nx::Receipt(receipt)) => own(receipt.event(), receipt.answer()),
            P::NxCloud(Nx::Reply(reply)) => own(reply.event(), reply.answer()),
            P::NxCloud(Nx::SuperMessageReceipt(receipt)) => own(receipt.event(), receipt.answer()),
            P::NxCloud(Nx::NumberCheck(check)) => own(check.event(), check.answer()),
            P::NxCloud(Nx::LegacyNumberCheck(check)) => own(check.event(), check.answer()),
            P::NxCloud(Nx::SmsReceipt(receipt)) => own(receipt.event(), receipt.answer()),
            P::Esms(esms::Payload::Callback(callback)) => own(callback.event(), callback.answer()),
            P::Wappin(wappin::Payload::Callback(callback)) => match callback {
                wappin::Callback::Status(status) => own(status.event(), status.answer()),
                wappin::Callback::Message(message) => own(message.event(), message.answer()),
                wappin::Callback::Other(other) => own(other.event(), other.answer()),
                other => panic!("{name}: a new kind {}", other.kind()),
            },
            P::Viva(viva::Payload::Webhook(webhook)) => match webhook {
                W::Transaction(message) => own(message.event(), message.answer()),
                W::PriceCalculated(message) => own(message.event(), message.answer()),
                W::PosEcrSession(message) => own(message.event(), message.answer()),
                W::CommandBankTransfer(message) => own(message.event(), message.answer()),
                W::AccountTransaction(message) => own(message.event(), message.answer()),
                W::OrderUpdated(message) => own(message.event(), message.answer()),
                W::AccountConnected(message) => own(message.event(), message.answer()),
                W::AccountVerificationStatusChanged(message) => {
                    own(message.event(), message.answer())
                }
                W::TransferCreated(message) => own(message.event(), message.answer()),
                W::Other(message) => own(message.event(), message.answer()),
                other => panic!("{name}: a new kind {}", other.kind()),
            },
            P::Viva(viva::Payload::Obligation(obligation)) => {
                own(obligation.event(), obligation.answer())
            }
            P::Viva(viva::Payload::SaleTransactionsFile(file)) => own(file.event(), file.answer()),
            P::Viva(viva::Payload::Verification(key)) => (None, Some(key.answer())),
            P::Viva(viva::Payload::IsvVerification(key)) => (None, Some(key.answer())),
            _ => (None, None),
        };
        assert_eq!(kind, expected, "{name}");
        callbacks += usize::from(kind.1.is_some());
    }
    assert!(callbacks >= 30, "{callbacks} callbacks");
}

/// An event written as JSON (as a service queues it) reads back as the same event, and
/// writes the same JSON again: amounts keep their digits, times their offset.
#[test]
fn every_event_written_as_json_reads_back_the_same() {
    // The fixtures, and the constructed bodies (4865, Order Updated, has no sample).
    let mut requests = common::requests();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for provider in ["nxcloud", "esms", "wappin", "viva"] {
        for path in common::files(&data.join(provider), "json") {
            let body = std::fs::read(&path).unwrap();
            let query = String::new();
            requests.push(common::Request {
                provider,
                path,
                body,
                query,
            });
        }
    }
    let mut kinds = std::collections::BTreeSet::new();
    for request in requests {
        let Ok(payload) = parse(&request.body, &request.query) else {
            continue;
        };
        let Some(event) = payload.event() else {
            continue;
        };
        let name = request.path.display();
        let json = serde_json::to_string(&event).unwrap();
        let read: Event =
            serde_json::from_str(&json).unwrap_or_else(|err| panic!("{name}: {err}\n{json}"));
        assert_eq!(read, event, "{name}");
        assert_eq!(serde_json::to_string(&read).unwrap(), json, "{name}");
        // From bytes, and from a `serde_json::Value` (its keys sorted: `event` is not
        // first), too.
        assert_eq!(
            serde_json::from_slice::<Event>(json.as_bytes()).unwrap(),
            event
        );
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let from_value: Event = serde_json::from_value(value).unwrap();
        assert_eq!(from_value.kind(), event.kind(), "{name}");
        assert_eq!(
            from_value.idempotency_key(),
            event.idempotency_key(),
            "{name}"
        );
        kinds.insert(event.kind());
    }
    // Every kind of event is among the fixtures'.
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "account",
            "delivery",
            "fee",
            "inbound",
            "order",
            "payment",
            "transfer",
            "wallet_transaction"
        ]
    );
    for provider in Provider::ALL {
        let json = serde_json::to_string(&provider).unwrap();
        assert_eq!(serde_json::from_str::<Provider>(&json).unwrap(), provider);
    }
    let err = serde_json::from_str::<Event>(r#"{"event":"refund","provider":"viva"}"#).unwrap_err();
    assert!(
        err.to_string().contains("unknown variant `refund`"),
        "{err}"
    );
    let err = serde_json::from_str::<Provider>(r#""twilio""#).unwrap_err();
    assert!(
        err.to_string().contains("unknown provider `twilio`"),
        "{err}"
    );
    let err = serde_json::from_str::<DeliveryState>(r#""lost""#).unwrap_err();
    assert!(err.to_string().contains("one of `accepted`"), "{err}");
}

fn fixture_event(file: &str) -> Event {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(file);
    let file_bytes = std::fs::read(&path).unwrap();
    let payload = if file.ends_with(".query") {
        parse(b"", std::str::from_utf8(&file_bytes).unwrap().trim())
    } else {
        parse(&file_bytes, "")
    };
    payload.unwrap().event().unwrap()
}

#[test]
fn the_fixtures_events_hold_what_their_providers_sent() {
    let Event::Delivery(failed) = fixture_event("nxcloud/receipt_failed.json") else {
        panic!()
    };
    assert_eq!(failed.state, DeliveryState::Failed);
    let error = failed.error.unwrap();
    assert_eq!(
        (error.code.as_str(), error.message.as_deref()),
        ("11000", Some("Viber send error"))
    );
    assert_eq!(failed.at.unwrap().to_string(), "2023-07-13T15:12:11");

    let Event::Delivery(sent) = fixture_event("nxcloud/receipt_success_cost.json") else {
        panic!()
    };
    assert_eq!(sent.state, DeliveryState::Sent);
    assert_eq!(sent.error, None, "code 0 is a success");
    let cost = sent.cost.clone().unwrap();
    assert_eq!(
        (cost.amount.to_string(), cost.currency.as_deref()),
        ("4.1234".to_owned(), Some("USD"))
    );
    assert_eq!(
        sent.idempotency_key,
        "nxcloud:f6a7d49946094857ae02812969a83056:sent"
    );
    assert_eq!(
        fixture_event("nxcloud/receipt_success_cost_cn_flat.json"),
        Event::Delivery(sent.clone()),
        "the Chinese page's sample: the same values"
    );
    let Event::Delivery(delivered) = fixture_event("nxcloud/receipt_delivered_cost_saas.json")
    else {
        panic!()
    };
    assert_eq!(delivered.state, DeliveryState::Delivered);
    assert_eq!((delivered.error, delivered.cost), (None, sent.cost));

    let Event::Delivery(journey) = fixture_event("nxcloud/receipt_zalo_journey_acknowledged.json")
    else {
        panic!()
    };
    assert_eq!(journey.state, DeliveryState::Accepted);
    assert_eq!(journey.error, None);
    // Its `timestamp`, to the second as events give UTC times (the receipt keeps the
    // milliseconds).
    assert_eq!(journey.at.unwrap().to_string(), "2024-07-10T09:14:21Z");
    let cost = journey.cost.unwrap();
    assert_eq!(
        (cost.amount.to_string(), cost.currency.as_deref()),
        ("130".to_owned(), Some("EUR"))
    );
    let Event::Delivery(zalo_failed) = fixture_event("nxcloud/receipt_zalo_failed_17004.json")
    else {
        panic!()
    };
    assert_eq!(zalo_failed.state, DeliveryState::Failed);
    assert_eq!(
        zalo_failed.error.unwrap().code,
        "17004",
        "Zalo's own -118 stays in zaloRes"
    );
    for (file, state) in [
        ("receipt_zalo_success_zalores.json", DeliveryState::Sent),
        (
            "receipt_zalo_delivered_17003.json",
            DeliveryState::Delivered,
        ),
    ] {
        let Event::Delivery(zalo) = fixture_event(&format!("nxcloud/{file}")) else {
            panic!()
        };
        assert_eq!((zalo.state, zalo.error), (state, None), "{file}");
    }

    let Event::Delivery(super_message) =
        fixture_event("nxcloud/super_message_receipt_viber_14004.json")
    else {
        panic!()
    };
    assert_eq!(super_message.state, DeliveryState::Delivered);
    assert_eq!(super_message.recipient.as_deref(), Some("86186XX10196"));
    assert_eq!(super_message.at.unwrap().to_string(), "2023-10-25T10:00:09");
    assert_eq!(
        super_message.idempotency_key,
        "nxcloud:62e6c4a55c79435aa2228ca0bd6b2671:VIBER:delivered"
    );
    let cost = super_message.cost.unwrap();
    assert_eq!(
        (cost.amount.to_string(), cost.currency.as_deref()),
        ("28.7172".to_owned(), Some("CNY"))
    );

    for file in [
        "nxcloud/sms_receipt_post_body.form",
        "nxcloud/sms_receipt_url_query.query",
        "nxcloud/sms_receipt_post_body_en_wiki.form",
    ] {
        let Event::Delivery(sms) = fixture_event(file) else {
            panic!()
        };
        assert_eq!(sms.state, DeliveryState::Delivered, "{file}");
        assert_eq!(sms.error, None);
        assert_eq!(sms.recipient.as_deref(), Some("6282167624806"));
        assert_eq!(sms.at.unwrap().to_string(), "2021-02-26T10:01:15");
        let cost = sms.cost.unwrap();
        assert_eq!(
            (cost.amount.to_string(), cost.currency.as_deref()),
            ("0.045".to_owned(), Some("USD"))
        );
        assert_eq!(
            sms.idempotency_key,
            "nxcloud:b308d94a73f94e6d84ae975c41f4b2a6:delivered"
        );
    }

    let Event::Inbound(media) = fixture_event("nxcloud/reply_media.json") else {
        panic!()
    };
    assert!(
        matches!(media.content, InboundContent::Media { .. }),
        "{media:?}"
    );
    assert!(media.in_reply_to.is_some() && media.from.is_some());

    let Event::Delivery(zns) = fixture_event("esms/zns_type25_failed_minus114.query") else {
        panic!()
    };
    assert_eq!(zns.state, DeliveryState::Failed);
    assert_eq!(zns.error.unwrap().code, "-114");
    let counts = zns.counts.unwrap();
    assert_eq!(
        (counts.sent, counts.succeeded, counts.failed),
        (Some(0), Some(0), Some(1))
    );

    let Event::Delivery(zalo) = fixture_event("esms/zalo_consulting_type26.query") else {
        panic!()
    };
    assert_eq!(zalo.state, DeliveryState::Delivered);
    assert_eq!(zalo.error, None, "Zalo's error 0 is success");
    assert_eq!(zalo.at.unwrap().to_string(), "2024-04-24T16:58:01");
    let cost = zalo.cost.unwrap();
    assert_eq!(
        (cost.amount.to_string(), cost.currency),
        ("60.0000".to_owned(), None)
    );

    let Event::Delivery(promo) = fixture_event("esms/promo_sms_type1.query") else {
        panic!()
    };
    assert_eq!(
        promo.state,
        DeliveryState::Sent,
        "169 sent, none counted either way"
    );

    let Event::Delivery(status) = fixture_event("wappin/callback_status.json") else {
        panic!()
    };
    assert_eq!(status.state, DeliveryState::Delivered);
    assert_eq!(status.message_id, "5cdbe7774a059");

    let Event::Payment(payment) = fixture_event("viva/transaction_payment_created.json") else {
        panic!()
    };
    assert_eq!(payment.kind, PaymentKind::Captured);
    assert_eq!(payment.amount.to_string(), "100.50");
    assert_eq!(payment.currency.as_deref(), Some("EUR"));
    assert_eq!(payment.order_code.as_deref(), Some("776027772607"));
    assert_eq!(
        payment.at.unwrap().to_string(),
        "2014-06-18T14:20:30.45+03:00"
    );
    assert_eq!(
        payment.idempotency_key,
        "viva:90a7114f-3a7a-466b-8a45-000111222888:captured"
    );

    for (file, kind) in [
        (
            "viva/transaction_reversal_created.json",
            PaymentKind::Voided,
        ),
        (
            "viva/reversal_type_4_refund_card.json",
            PaymentKind::Refunded,
        ),
        (
            "viva/reversal_type_11_wallet_refund.json",
            PaymentKind::Refunded,
        ),
        (
            "viva/reversal_type_13_refund_card_from_claim.json",
            PaymentKind::Refunded,
        ),
        ("viva/reversal_type_17_void_cash.json", PaymentKind::Voided),
    ] {
        let Event::Payment(reversal) = fixture_event(file) else {
            panic!()
        };
        assert_eq!(reversal.kind, kind, "{file}");
        assert!(reversal.amount.is_sign_negative());
    }
}

/// The docs of the `event` module, where the mapping table is.
fn mapping_table() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/event.rs")).unwrap()
}

#[test]
fn every_documented_status_is_mapped_and_in_the_table() {
    let table = mapping_table();
    let row = |needle: &str| {
        assert!(
            table
                .lines()
                .any(|line| line.starts_with("//! |") && line.contains(needle)),
            "no row for {needle}"
        );
    };
    for status in nxcloud::ReceiptStatus::DOCUMENTED {
        row(&format!("`status` `{}`", status.as_str()));
        assert_ne!(
            status.delivery_state(),
            DeliveryState::Unknown,
            "{status:?}"
        );
    }
    for status in esms::SendStatus::DOCUMENTED {
        row(&format!("`SendStatus` {}", status.code()));
    }
    for status in wappin::MessageStatus::DOCUMENTED {
        row(&format!("`{}`", status.as_str()));
        assert_ne!(
            status.delivery_state(),
            DeliveryState::Unknown,
            "{status:?}"
        );
    }
    // Each transaction type stands as a whole number in a row of a 1796 or 1797 message.
    for type_id in viva::TransactionTypeId::DOCUMENTED {
        let code = type_id.code().to_string();
        assert!(
            table.lines().any(|line| {
                line.starts_with("//! | Viva | message 179")
                    && line
                        .split(|c: char| !c.is_ascii_digit())
                        .any(|number| number == code)
            }),
            "no row for TransactionTypeId {code}"
        );
    }
    for event in viva::EventTypeId::DOCUMENTED {
        row(&format!("message {}", event.code()));
    }
    // And the states the table gives are what the code does.
    let esms_state = |query: &str| esms::Callback::from_query(query).unwrap().delivery_state();
    for (status, state) in [
        (1, DeliveryState::Pending),
        (2, DeliveryState::Accepted),
        (4, DeliveryState::Rejected),
        (7, DeliveryState::Sent),
        (9, DeliveryState::Unknown),
    ] {
        assert_eq!(
            esms_state(&format!("SMSID=x&SendStatus={status}")),
            state,
            "{status}"
        );
    }
    assert_eq!(
        esms_state("SMSID=x&SendStatus=5&SendSuccess=3&SendFailed=1"),
        DeliveryState::Delivered
    );
    assert_eq!(
        esms_state("SMSID=x&SendStatus=5&SendSuccess=0&SendFailed=1"),
        DeliveryState::Failed
    );
    assert_eq!(esms_state("SMSID=x&SendStatus=5"), DeliveryState::Sent);
}

#[test]
fn shapes_of_no_provider_are_refused_and_of_two_equally_named() {
    for (body, query, found) in [
        (
            &b""[..],
            "",
            "the body is empty and there is no query string",
        ),
        (b"  ", "?", "the body is empty and there is no query string"),
        (
            br#"{"hello":"world"}"#,
            "",
            "no kind fits: the body is an object with the keys `hello`",
        ),
    ] {
        let err = parse(body, query).unwrap_err();
        assert!(matches!(err, Error::NoProvider { .. }), "{err}");
        assert_eq!(err.provider(), None);
        assert!(err.to_string().starts_with(found), "{found}: {err}");
    }
    // Not JSON, with no provider guessed.
    let err = parse(b"nonsense", "").unwrap_err();
    assert!(
        matches!(err, Error::NotJson { provider: None, .. }),
        "{err}"
    );
    assert!(err.to_string().starts_with("the body is not JSON"), "{err}");
    // A key of another provider's kind does not count where the body fits a kind whole:
    // a Viva message with `phone` (NXCloud's reply has one) is a Viva message.
    let payload = parse(
        br#"{"EventData":{},"EventTypeId":1234,"Created":"2022-07-28T14:26:16.8743587Z","phone":"1"}"#,
        "",
    )
    .unwrap();
    assert_eq!(
        (payload.provider(), payload.kind()),
        (Provider::Viva, "webhook message")
    );
    // A body that has all of two kinds, each knowing as much of it, is refused, naming
    // both: Viva's verification (`Key`) and Wappin's inquiry (`message_id`).
    let err = parse(br#"{"Key":"k","message_id":"m"}"#, "").unwrap_err();
    assert!(
        matches!(err, Error::Ambiguous { provider: None, .. }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "the body fits several payload kinds and none better than the others: wappin \
         inquiry request, viva URL verification"
    );
    // A broken body of a known shape names the provider and the field.
    let err = parse(br#"{"status":"seen","requestId":"r","code":"soon"}"#, "").unwrap_err();
    assert_eq!(err.provider(), Some(Provider::NxCloud));
    assert_eq!(err.path(), Some("code"));
    // With a body, the query is not read: Viva's URL may carry one.
    let body = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/viva/verification.json"),
    )
    .unwrap();
    assert_eq!(
        parse(&body, "type=newpayment").unwrap().provider(),
        Provider::Viva
    );
}

#[test]
fn two_nxcloud_replies_in_one_second_have_two_keys() {
    // A reply has no id: the key is made of the request it answers, the sender, the
    // time and the content. Found by the receiver example: without the content, the
    // second message would be dropped as a retry of the first.
    let key = |message: &str| {
        let body = format!(
            r#"{{"phone":"791","appkey":"k","traceRequestId":"t1","message":{message},"sendTime":"2023-07-17 14:40:50"}}"#
        );
        common::edit::event_key(body.as_bytes(), "").unwrap()
    };
    let text = key(r#"{"text":"hello"}"#);
    let media = key(r#"{"media":"https://x/y.jpg","fileName":"y.jpg"}"#);
    assert!(
        text.starts_with("nxcloud:t1:791:2023-07-17T14:40:50:"),
        "{text}"
    );
    assert!(text.ends_with(":inbound"), "{text}");
    assert_ne!(text, media);
    assert_eq!(key(r#"{"text":"hello"}"#), text);
}

#[test]
fn the_smaller_mappings_say_no_more_than_the_provider_did() {
    // eSMS: `SendStatus` 5 whose Zalo `data.status` is 0, "sent to the Zalo server but
    // not yet delivered to the phone", is Sent, even where `SendSuccess` counts one.
    let zalo = |status: &str| {
        let query = format!(
            "SMSID=x&SendStatus=5&SendSuccess=1&SendFailed=0&TypeId=25&telcoid=9\
             &phonenumber=5308693166941955879&error_info={{%22error%22%3A0%2C%22message\
             %22%3A%22Success%22%2C%22data%22%3A{{%22status%22%3A{status}}}}}"
        );
        let Some(Event::Delivery(report)) = parse(b"", &query).unwrap().event() else {
            panic!("no delivery")
        };
        report
    };
    assert_eq!(zalo("0").state, DeliveryState::Sent);
    assert_eq!(zalo("1").state, DeliveryState::Delivered);
    assert_eq!(zalo("-1").state, DeliveryState::Unknown);
    assert_eq!(zalo("0").idempotency_key, "esms:x:5308693166941955879:sent");
    assert_ne!(zalo("0").idempotency_key, zalo("1").idempotency_key);

    // NXCloud's SMS receipt: `price` is the unit price, `size` the parts billed.
    let cost = |size: &str| {
        let form = format!(
            "result=DELIVRD{size}&phone=6282167624806&price=0.045&messageid=b308&currency=USD&status=2"
        );
        let Some(Event::Delivery(report)) = parse(form.as_bytes(), "").unwrap().event() else {
            panic!("no delivery")
        };
        report
            .cost
            .map(|cost| (cost.amount.to_string(), cost.currency))
    };
    assert_eq!(
        cost("&size=1"),
        Some(("0.045".to_owned(), Some("USD".to_owned())))
    );
    assert_eq!(
        cost("&size=3"),
        Some(("0.135".to_owned(), Some("USD".to_owned())))
    );
    // No `size`: the receipt does not say what the message cost.
    assert_eq!(cost(""), None);
}
