//! The service (`src/lib.rs`) tested as its author would, with the crate's `testing`
//! kit: every sample of every provider sent through the router gets the event and the
//! answer the crate expects; a wrong token, a wrong signature, or an address outside
//! Viva's list is refused; of two Wappin tokens either passes, and no refusal names one.

use axum::body::{Body, to_bytes};
use axum::http::header::CONTENT_TYPE;
use handler_test::{Seen, app};
use provider_payloads::http::Policy;
use provider_payloads::http::testing::Sample;
use provider_payloads::viva::SubscriptionSecret;
use provider_payloads::wappin::CallbackToken;
use provider_payloads::{Event, Provider};
use tower::ServiceExt;

const OLD_TOKEN: &str = "old-wappin-t0ken";
const NEW_TOKEN: &str = "new-wappin-t0ken";
const SECRET: &str = "viva-subscription-s3cr3t";

/// The service's policy: two Wappin tokens (the old one and the new, while it is
/// rotated), a Viva secret, Viva's production addresses (the default) and the samples'
/// verification key.
fn policy() -> Policy {
    Policy::new()
        .wappin_token(CallbackToken::new(OLD_TOKEN).unwrap().labelled("old"))
        .wappin_token(CallbackToken::new(NEW_TOKEN).unwrap().labelled("new"))
        .viva_signature(SubscriptionSecret::new(SECRET).unwrap())
        .viva_verification(Sample::viva_verification_key())
}

/// What the handler was handed: the provider, the event, and the index and label of
/// the token or secret the request carried.
type Handed = (Provider, Option<Event>, Option<(usize, Option<String>)>);

/// What the service answered `sample`, and what it was handed.
struct Outcome {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
    seen: Vec<Handed>,
}

async fn send(sample: &Sample) -> Outcome {
    let seen = Seen::default();
    let request = sample.to_request::<Body>("/webhooks").unwrap();
    let response = app(policy(), seen.clone()).oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned());
    let body = to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    let seen = seen
        .lock()
        .unwrap()
        .iter()
        .map(|(provider, event, matched)| {
            let matched = matched
                .as_ref()
                .map(|matched| (matched.index(), matched.label().map(str::to_owned)));
            (*provider, event.clone(), matched)
        })
        .collect();
    Outcome {
        status,
        content_type,
        body,
        seen,
    }
}

fn is_signed(sample: &Sample) -> bool {
    sample.name() == "viva/sale_transactions"
}

#[tokio::test]
async fn every_sample_gets_its_event_and_its_answer() {
    let secret = SubscriptionSecret::new(SECRET).unwrap();
    let all = Sample::all();
    for provider in [
        Provider::NxCloud,
        Provider::Esms,
        Provider::Wappin,
        Provider::Viva,
    ] {
        assert!(all.iter().any(|sample| sample.provider() == provider));
    }
    for sample in all {
        let sample = sample.wappin_token(OLD_TOKEN).viva_secret(&secret);
        let name = sample.name().to_owned();
        let outcome = send(&sample).await;
        let answer = sample.answer();
        assert_eq!(outcome.status, answer.status, "{name}");
        assert_eq!(
            outcome.content_type.as_deref(),
            answer.content_type,
            "{name}"
        );
        assert_eq!(outcome.body, *answer.body, "{name}");
        assert!(
            sample.accepts_answer(outcome.status, &outcome.body),
            "{name}"
        );
        let matched = match sample.provider() {
            Provider::Wappin => Some((0, Some("old".to_owned()))),
            Provider::Viva if is_signed(&sample) => Some((0, None)),
            _ => None,
        };
        assert_eq!(
            outcome.seen,
            [(sample.provider(), sample.event(), matched)],
            "{name}"
        );
    }
}

#[tokio::test]
async fn a_field_set_reaches_the_handler() {
    let sample = Sample::named("wappin/callback_status")
        .unwrap()
        .wappin_token(NEW_TOKEN)
        .set("message_id", "my-message")
        .unwrap();
    let outcome = send(&sample).await;
    assert_eq!(outcome.status, 200);
    let [(Provider::Wappin, Some(Event::Delivery(delivery)), Some(matched))] = &outcome.seen[..]
    else {
        panic!("{:?}", outcome.seen);
    };
    assert_eq!(delivery.message_id, "my-message");
    assert_eq!(matched, &(1, Some("new".to_owned())));
}

#[tokio::test]
async fn a_wrong_token_a_wrong_signature_or_an_outside_address_is_refused() {
    let wrong = SubscriptionSecret::new("another-s3cr3t").unwrap();
    let mut refused = 0;
    for sample in Sample::all() {
        let name = sample.name().to_owned();
        let mut cases = Vec::new();
        match sample.provider() {
            Provider::Wappin => {
                cases.push((sample.clone(), 401));
                cases.push((sample.clone().wappin_token("wrong-t0ken"), 401));
                cases.push((sample.clone().wappin_token("old-wappin-t0ke"), 401));
            }
            Provider::Viva if is_signed(&sample) => {
                cases.push((sample.clone(), 401));
                cases.push((sample.clone().viva_secret(&wrong), 401));
            }
            _ => {}
        }
        // Viva's URL verification is answered from any address; every message is not.
        if sample.provider() == Provider::Viva && sample.method() == "POST" {
            let local = sample.clone().peer("127.0.0.1".parse().unwrap());
            cases.push((local, 403));
            let signed = sample.viva_secret(&SubscriptionSecret::new(SECRET).unwrap());
            cases.push((signed.peer("198.51.100.7".parse().unwrap()), 403));
        }
        for (case, status) in cases {
            let outcome = send(&case).await;
            assert_eq!(outcome.status, status, "{name}: {case:?}");
            assert!(
                outcome.seen.is_empty(),
                "{name}: handed on {:?}",
                outcome.seen
            );
            let text = String::from_utf8(outcome.body).unwrap();
            for secret in [OLD_TOKEN, NEW_TOKEN, SECRET] {
                assert!(!text.contains(secret), "{name}: {text}");
            }
            refused += 1;
        }
    }
    assert!(refused > 30, "{refused} refusals");
}

#[tokio::test]
async fn either_of_two_wappin_tokens_passes() {
    for (token, index, label) in [(OLD_TOKEN, 0, "old"), (NEW_TOKEN, 1, "new")] {
        let sample = Sample::named("wappin/callback_message")
            .unwrap()
            .wappin_token(token);
        let outcome = send(&sample).await;
        assert_eq!(outcome.status, 200, "{token}");
        assert!(sample.accepts_answer(outcome.status, &outcome.body));
        assert_eq!(outcome.seen.len(), 1);
        assert_eq!(outcome.seen[0].2, Some((index, Some(label.to_owned()))));
    }
}
