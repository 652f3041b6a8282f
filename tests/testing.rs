//! The `testing` feature: every sample goes through a policy's checks and reads as what
//! it says; `set` changes one field and keeps the rest; a sample with a wrong token, a
//! wrong signature, or from outside Viva's addresses is refused.

use provider_payloads::event::{DeliveryState, PaymentKind};
use provider_payloads::http::testing::{Sample, SampleError, SetError};
use provider_payloads::http::{Credentials, FromWebhook, Policy, Rejection, receive};
use provider_payloads::rust_decimal::Decimal;
use provider_payloads::viva::SubscriptionSecret;
use provider_payloads::{Event, Payload, Provider};

use samples::{SECRET, TOKEN, policy, signed};

#[path = "common/samples.rs"]
mod samples;

/// `sample` received by `policy`, from its headers and peer as a server sees them.
fn receive_sample(sample: &Sample, policy: &Policy) -> Result<Payload, Rejection> {
    let headers = sample.headers();
    let mut credentials = Credentials::new(Some(sample.peer_address()));
    for (name, value) in &headers {
        credentials = match *name {
            "Authorization" => credentials.authorization(value.as_bytes()),
            "Viva-Signature-256" => credentials.signature_256(value.as_bytes()),
            "Content-Type" => credentials,
            other => panic!("{}: an unexpected header {other}", sample.name()),
        };
    }
    receive(&credentials, sample.body(), sample.query(), policy)
}

fn sample(name: &str) -> Sample {
    Sample::named(name).unwrap_or_else(|| panic!("no sample {name}"))
}

#[test]
fn every_sample_passes_the_checks_and_reads_as_it_says() {
    let policy = policy();
    let all = Sample::all();
    assert!(all.len() > 40, "{} samples", all.len());
    for sample in all.into_iter().map(signed) {
        let payload = receive_sample(&sample, &policy)
            .unwrap_or_else(|err| panic!("{}: {err}", sample.name()));
        assert_eq!(payload.provider(), sample.provider(), "{}", sample.name());
        assert_eq!(payload.event(), sample.event(), "{}", sample.name());
        let answer = FromWebhook::answer(&payload);
        assert_eq!(answer, sample.answer(), "{}", sample.name());
        assert!(
            sample.accepts_answer(answer.status, &answer.body),
            "{}: {answer:?}",
            sample.name()
        );
        assert!(
            !sample.accepts_answer(500, &answer.body),
            "{}",
            sample.name()
        );
        let method = match (sample.provider(), sample.name()) {
            (Provider::Esms, _) | (_, "viva/verification") => "GET",
            _ => "POST",
        };
        assert_eq!(sample.method(), method, "{}", sample.name());
    }
}

#[test]
fn every_event_kind_of_every_provider_has_a_sample() {
    let all = Sample::all();
    let has = |provider: Provider, kind: fn(&Event) -> bool| {
        all.iter()
            .any(|s| s.provider() == provider && s.event().as_ref().is_some_and(kind))
    };
    for provider in [Provider::NxCloud, Provider::Esms, Provider::Wappin] {
        assert!(
            has(provider, |e| matches!(e, Event::Delivery(_))),
            "{provider}"
        );
    }
    assert!(has(Provider::NxCloud, |e| matches!(e, Event::Inbound(_))));
    assert!(has(Provider::Wappin, |e| matches!(e, Event::Inbound(_))));
    assert!(has(Provider::Viva, |e| matches!(e, Event::Payment(_))));
}

/// The body of `sample` with `from` replaced by `to`, once: what `set` must give.
fn replaced(sample: &Sample, from: &str, to: &str) -> Vec<u8> {
    let text = std::str::from_utf8(sample.body()).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{}: {from}", sample.name());
    text.replacen(from, to, 1).into_bytes()
}

fn delivery(sample: &Sample) -> provider_payloads::event::Delivery {
    match sample.event() {
        Some(Event::Delivery(delivery)) => delivery,
        other => panic!("{}: {other:?}", sample.name()),
    }
}

#[test]
fn wappin_status_set_reads_back_and_keeps_the_rest() {
    let original = sample("wappin/callback_status");
    assert_eq!(delivery(&original).state, DeliveryState::Delivered);
    let set = original.clone().set("status_messages", "read").unwrap();
    assert_eq!(
        set.body(),
        replaced(
            &original,
            r#""status_messages":"delivered""#,
            r#""status_messages":"read""#
        )
    );
    assert_eq!(delivery(&set).state, DeliveryState::Read);
    let payload = receive_sample(&signed(set.clone()), &policy()).unwrap();
    assert_eq!(payload.event(), set.event());
}

#[test]
fn nxcloud_status_and_cost_set_read_back() {
    let original = sample("nxcloud/receipt_success_cost");
    let set = original
        .clone()
        .set("status", "failed")
        .unwrap()
        .set("cost.originalPrice", "5.0010")
        .unwrap();
    let expected = replaced(&original, r#""status": "success""#, r#""status": "failed""#);
    let expected = String::from_utf8(expected)
        .unwrap()
        .replacen("4.1234", "5.0010", 1);
    assert_eq!(set.body(), expected.as_bytes());
    let event = delivery(&set);
    assert_eq!(event.state, DeliveryState::Failed);
    let cost = event.cost.unwrap();
    assert_eq!(cost.amount, Decimal::new(50010, 4));
    assert_eq!(cost.amount.to_string(), "5.0010", "the digits as set");
}

#[test]
fn nxcloud_sms_receipt_form_fields_set_read_back() {
    let original = sample("nxcloud/sms_receipt_post_body");
    let set = original.clone().set("price", "0.125").unwrap();
    assert_eq!(
        set.body(),
        replaced(&original, "price=0.045", "price=0.125")
    );
    assert_eq!(delivery(&set).cost.unwrap().amount, Decimal::new(125, 3));
    let set = set.set("status", "4").unwrap();
    assert_ne!(delivery(&set).state, delivery(&original).state);
    assert!(receive_sample(&set, &policy()).is_ok());
}

#[test]
fn esms_status_and_price_set_read_back() {
    let original = sample("esms/promo_sms_type1");
    assert_ne!(delivery(&original).state, DeliveryState::Rejected);
    let set = original
        .clone()
        .set("SendStatus", "4")
        .unwrap()
        .set("TotalPrice", "12.5000")
        .unwrap();
    let query = original
        .query()
        .replacen("SendStatus=5", "SendStatus=4", 1)
        .replacen("TotalPrice=696987.0000", "TotalPrice=12.5000", 1);
    assert_eq!(set.query(), query);
    let event = delivery(&set);
    assert_eq!(event.state, DeliveryState::Rejected);
    assert_eq!(event.cost.unwrap().amount.to_string(), "12.5000");
    let payload = receive_sample(&set, &policy()).unwrap();
    assert_eq!(payload.event(), set.event());
}

#[test]
fn viva_status_and_amount_set_read_back_and_are_signed_as_sent() {
    let original = sample("viva/transaction_payment_created");
    let set = original
        .clone()
        .set("EventData.Amount", "12.34")
        .unwrap()
        .set("EventData.StatusId", "E")
        .unwrap();
    let expected = String::from_utf8(replaced(
        &original,
        r#""Amount": 100.50"#,
        r#""Amount": 12.34"#,
    ))
    .unwrap()
    .replacen(r#""StatusId": "F""#, r#""StatusId": "E""#, 1);
    assert_eq!(set.body(), expected.as_bytes());
    let Some(Event::Payment(payment)) = set.event() else {
        panic!("{:?}", set.event())
    };
    assert_eq!(payment.amount, Decimal::new(1234, 2));
    assert_eq!(payment.kind, PaymentKind::Failed);

    // The signature is of the body as finally sent.
    let secret = SubscriptionSecret::new(SECRET).unwrap();
    let signed = sample("viva/sale_transactions")
        .viva_secret(&secret)
        .set("FileType", ".json");
    let signed = signed.unwrap();
    let headers = signed.headers();
    let signature = &headers
        .iter()
        .find(|(n, _)| *n == "Viva-Signature-256")
        .unwrap()
        .1;
    assert_eq!(secret.verify(signed.body(), signature.as_bytes()), Ok(()));
    assert!(receive_sample(&signed, &policy()).is_ok());
}

#[test]
fn set_refuses_with_a_message_that_says_why() {
    let viva = sample("viva/transaction_payment_created");
    let err = viva.clone().set("EventData.Amount", "\"12\"").unwrap_err();
    assert!(matches!(err, SetError::WrongType { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "`EventData.Amount` holds a number; `\"12\"` is not one"
    );
    let err = viva.clone().set("EventData.Nope", "1").unwrap_err();
    assert_eq!(
        err.to_string(),
        "`EventData.Nope`: no key `Nope` in the body"
    );
    let err = viva.clone().set("EventData", "1").unwrap_err();
    assert!(err.to_string().contains("an object"), "{err}");
    // A string the crate refuses for the field: the crate's message.
    let err = viva
        .clone()
        .set("EventData.InsDate", "yesterday")
        .unwrap_err();
    assert!(matches!(err, SetError::Unreadable { .. }), "{err}");
    assert!(err.to_string().contains("EventData.InsDate"), "{err}");
    // Another event type is another kind: one the crate does not know here; one whose
    // data differs is refused for its data.
    let err = viva.clone().set("EventTypeId", "9999").unwrap_err();
    assert!(matches!(err, SetError::OtherKind { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "with `EventTypeId` set to `9999`, the body is a Viva webhook message of event type \
         9999 (no event), no longer a Viva webhook message of event type 1796 (a payment \
         event)"
    );
    let err = viva.clone().set("EventTypeId", "8193").unwrap_err();
    assert!(matches!(err, SetError::Unreadable { .. }), "{err}");
    // The same kind, another event type of it: taken.
    assert!(viva.set("EventTypeId", "1797").is_ok());

    let wappin = sample("wappin/callback_status");
    let err = wappin.clone().set("callback_type", "message").unwrap_err();
    assert!(matches!(err, SetError::OtherKind { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("no longer a Wappin callback (a delivery event)"),
        "{err}"
    );
    let err = sample("esms/promo_sms_type1")
        .set("SendStatus", "five")
        .unwrap_err();
    assert!(matches!(err, SetError::Unreadable { .. }), "{err}");
    assert!(err.to_string().contains("SendStatus"), "{err}");
    let err = sample("esms/promo_sms_type1").set("Nope", "1").unwrap_err();
    assert!(matches!(err, SetError::NoField { .. }), "{err}");
    let err = sample("viva/verification").set("Key", "x").unwrap_err();
    assert!(matches!(err, SetError::NoField { .. }), "{err}");
}

#[test]
fn a_wrong_token_a_wrong_signature_or_another_address_is_refused() {
    let policy = policy();
    let wappin = sample("wappin/callback_message");
    let status = |sample: &Sample| receive_sample(sample, &policy).unwrap_err().status();
    assert_eq!(status(&wappin.clone().wappin_token("another-token")), 401);
    assert_eq!(status(&wappin), 401, "no token");
    assert!(receive_sample(&wappin.wappin_token(TOKEN), &policy).is_ok());

    let sale = sample("viva/sale_transactions");
    let other = SubscriptionSecret::new("another-secret").unwrap();
    assert!(matches!(
        status(&sale.clone().viva_secret(&other)),
        401 | 403
    ));
    assert!(matches!(status(&sale), 401 | 403), "no signature");

    let payment = sample("viva/transaction_payment_created");
    assert!(receive_sample(&payment, &policy).is_ok());
    assert_eq!(status(&payment.peer("203.0.113.9".parse().unwrap())), 403);
}

#[test]
fn a_file_is_sent_as_its_extension_says() {
    let dir =
        std::env::temp_dir().join(format!("provider-payloads-testing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");

    let query = dir.join("receipt.query");
    std::fs::copy(fixtures.join("nxcloud/sms_receipt_url_query.query"), &query).unwrap();
    let from_file = Sample::from_file(&query).unwrap();
    let named = sample("nxcloud/sms_receipt_url_query");
    assert_eq!(
        (from_file.method(), from_file.query()),
        ("POST", named.query())
    );
    assert_eq!(from_file.event(), named.event());

    let form = dir.join("receipt.form");
    std::fs::copy(fixtures.join("nxcloud/sms_receipt_post_body.form"), &form).unwrap();
    let from_file = Sample::from_file(&form).unwrap();
    assert_eq!(
        from_file.body(),
        sample("nxcloud/sms_receipt_post_body").body()
    );
    assert_eq!(
        from_file.content_type(),
        Some("application/x-www-form-urlencoded")
    );

    let api = dir.join("request.json");
    std::fs::copy(fixtures.join("wappin/send_text_prod_request.json"), &api).unwrap();
    let err = Sample::from_file(&api).unwrap_err();
    assert!(
        matches!(
            err,
            SampleError::NotCallback {
                provider: Provider::Wappin,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("no callback"), "{err}");

    let text = dir.join("notes.txt");
    std::fs::write(&text, "x").unwrap();
    assert!(matches!(
        Sample::from_file(&text),
        Err(SampleError::Extension { .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(feature = "http")]
#[test]
fn every_sample_as_an_http_request_passes_the_checks() {
    use provider_payloads::http::receive_request;

    let policy = policy();
    for sample in Sample::all().into_iter().map(signed) {
        let request: http::Request<Vec<u8>> = sample.to_request("/webhooks").unwrap();
        assert_eq!(request.method(), sample.method());
        let payload: Payload = receive_request(&request, Some(sample.peer_address()), &policy)
            .unwrap_or_else(|err| panic!("{}: {err}", sample.name()));
        assert_eq!(payload.event(), sample.event(), "{}", sample.name());
    }
    assert!(
        sample("wappin/callback_status")
            .to_request::<Vec<u8>>("no path")
            .is_err()
    );
}

#[cfg(feature = "axum")]
#[test]
fn with_axum_the_request_carries_the_peer() {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;

    let sample = sample("viva/transaction_payment_created");
    let request: http::Request<axum::body::Body> = sample.to_request("/webhooks").unwrap();
    let ConnectInfo(peer) = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .unwrap();
    assert_eq!(peer.ip(), sample.peer_address());
}
