//! One key per happening (issue 29): over every fixture with an event, a retry of the
//! notification (its entries in another order, other white space, Viva's retry fields
//! changed) gives the same idempotency key, and a change of any field the kind's key is
//! made of (the `event` module's table of keys) gives another. Then the cases the issue
//! names: two updates of one order, an account verified, unverified and verified again,
//! one eSMS message to two recipients.

mod common;

use std::path::Path as FilePath;

use common::Request;
use common::edit::{Body, Path};
use common::variants::Style;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use provider_payloads::{Payload, esms, nxcloud, parse, viva, wappin};

/// The key of the event `request` gives, if it parses and gives one.
fn key(request: &Request) -> Option<String> {
    common::edit::event_key(&request.body, &request.query)
}

fn key_of(body: &Body, like: &Request) -> Option<String> {
    key(&body.as_request(like))
}

/// What the key of a payload's event is made of, as the `event` module's table of keys
/// says: the fields whose change must change the key. Viva's kinds that can recur name
/// their `MessageId`, or without one `Created` and what their data says.
fn key_fields(payload: &Payload, body: &Body) -> Vec<&'static str> {
    use viva::Webhook as W;
    let has = |field: &str| body.get(&Path::of(field)).is_some();
    let distinct = |fields: &[&'static str]| -> Vec<&'static str> {
        if has("MessageId") {
            vec!["MessageId"]
        } else {
            let mut all = vec!["Created"];
            all.extend_from_slice(fields);
            all
        }
    };
    let mut fields = match payload {
        Payload::NxCloud(nxcloud::Callback::Receipt(_)) => vec!["requestId", "status"],
        Payload::NxCloud(nxcloud::Callback::SuperMessageReceipt(_)) => {
            vec!["requestId", "channel", "code"]
        }
        Payload::NxCloud(nxcloud::Callback::SmsReceipt(_)) => vec!["messageid", "status"],
        Payload::NxCloud(nxcloud::Callback::Reply(_)) => vec![
            "traceRequestId",
            "phone",
            "sendTime",
            "message.text",
            "message.media",
            "message.fileName",
        ],
        Payload::Esms(esms::Payload::Callback(_)) => vec!["SMSID", "phonenumber", "SendStatus"],
        Payload::Wappin(wappin::Payload::Callback(wappin::Callback::Status(_))) => {
            vec!["message_id", "status_messages"]
        }
        Payload::Wappin(wappin::Payload::Callback(wappin::Callback::Message(_))) => vec![
            "message_id",
            "timestamp",
            "sender_number",
            "message_content",
        ],
        Payload::Viva(viva::Payload::Webhook(webhook)) => match webhook {
            W::Transaction(_) => vec!["EventData.TransactionId", "EventData.StatusId"],
            W::PriceCalculated(_) => {
                let mut all = vec!["EventData.TransactionId"];
                all.extend(distinct(&[
                    "EventData.TotalCommission",
                    "EventData.IsvFee",
                    "EventData.Interchange",
                    "EventData.CurrencyCode",
                ]));
                all
            }
            W::OrderUpdated(_) => {
                let mut all = vec!["EventData.OrderCode", "EventData.IsCancelled"];
                all.extend(distinct(&[
                    "EventData.Amount",
                    "EventData.CurrencyCode",
                    "EventData.ExpirationDate",
                ]));
                all
            }
            W::AccountVerificationStatusChanged(_) => {
                let mut all = vec!["EventData.ConnectedAccountId", "EventData.Verified"];
                all.extend(distinct(&[]));
                all
            }
            W::AccountConnected(_) => vec!["EventData.ConnectedAccountId"],
            W::AccountTransaction(_) => vec!["EventData.WalletTransactionId"],
            W::CommandBankTransfer(_) => vec!["EventData.CommandId"],
            W::TransferCreated(_) => vec!["EventData.TransferId"],
            other => panic!("an event of no known kind: {other:?}"),
        },
        other => panic!("an event of no known kind: {}", other.kind()),
    };
    fields.retain(|field| has(field));
    fields
}

/// Whether the key of a payload's event names a state reached once: a second
/// subscription's message (another `MessageId`) about it is the same happening.
fn once(payload: &Payload) -> bool {
    use viva::Webhook as W;
    matches!(
        payload,
        Payload::Viva(viva::Payload::Webhook(
            W::Transaction(_)
                | W::AccountConnected(_)
                | W::AccountTransaction(_)
                | W::CommandBankTransfer(_)
                | W::TransferCreated(_)
        ))
    )
}

/// `text` (a JSON scalar as written, or a pair's raw value) changed to another value of
/// the same kind: a boolean flipped, the last digit of a number or a string with digits
/// moved on (a time stays a time, an id an id), or `x` added to a string without digits
/// (a status becomes one the provider's table does not list). `None` for `null`.
fn changed(text: &str) -> Option<String> {
    match text {
        "null" | "" => return None,
        "true" => return Some("false".to_owned()),
        "false" => return Some("true".to_owned()),
        _ => {}
    }
    let mut chars: Vec<char> = text.chars().collect();
    if let Some(at) = chars.iter().rposition(char::is_ascii_digit) {
        let digit = chars[at].to_digit(10).unwrap();
        chars[at] = char::from_digit((digit + 1) % 10, 10).unwrap();
        return Some(chars.into_iter().collect());
    }
    Some(match text.strip_suffix('"') {
        Some(open) => format!("{open}x\""),
        None => format!("{text}x"),
    })
}

/// A retry of the body: its entries in another order and written in another style, and
/// for a Viva webhook message its retry fields (`RetryCount`, `Delay`,
/// `RetryDelayInSeconds`) set to other values.
fn retry(body: &Body, seed: u64, style: Style, retries: (u32, Option<u32>)) -> Body {
    let mut body = body.shuffled(seed);
    if let Body::Json(_) = body {
        if body.get(&Path::of("EventTypeId")).is_some() {
            let delay = retries
                .1
                .map_or("null".to_owned(), |delay| delay.to_string());
            body = body
                .with(&Path::of("RetryCount"), &retries.0.to_string())
                .with(&Path::of("Delay"), &delay)
                .with(&Path::of("RetryDelayInSeconds"), &delay);
        }
    }
    match body {
        Body::Json(node) => Body::Json(common::variants::Node::of(&node.text(style))),
        pairs => pairs,
    }
}

#[test]
fn a_retry_gives_the_same_key_and_a_changed_key_field_another() {
    let mut checked = 0;
    for request in common::edit::samples() {
        let name = request.path.display().to_string();
        let Ok(payload) = parse(&request.body, &request.query) else {
            continue;
        };
        let Some(event) = payload.event() else {
            continue;
        };
        let original = event.idempotency_key().to_owned();
        let body = Body::of(&request);
        // Viva's kinds that can recur, once more without `MessageId`: their key is then
        // made of `Created` and their data.
        let mut bodies = vec![body.clone()];
        let message_id = Path::of("MessageId");
        if body.get(&message_id).is_some() {
            bodies.push(body.without(&message_id));
        }
        for body in bodies {
            let key = key_of(&body, &request).unwrap();
            // A retry: the same key, whatever the order, the spacing and the retry fields.
            let mut runner = TestRunner::new(Config {
                cases: 32,
                failure_persistence: None,
                ..Config::default()
            });
            runner
                .run(
                    &(
                        any::<u64>(),
                        proptest::sample::select(Style::ALL.to_vec()),
                        (any::<u32>(), proptest::option::of(any::<u32>())),
                    ),
                    |(seed, style, retries)| {
                        let retried = retry(&body, seed, style, retries);
                        prop_assert_eq!(key_of(&retried, &request), Some(key.clone()));
                        Ok(())
                    },
                )
                .unwrap_or_else(|err| panic!("{name}: a retry: {err}"));
            // A field the key is made of, changed: another key.
            let fields = key_fields(&payload, &body);
            assert!(!fields.is_empty(), "{name}: no key field in the body");
            for field in fields {
                let path = Path::of(field);
                let Some(new) = body.get(&path).as_deref().and_then(changed) else {
                    continue;
                };
                let other = key_of(&body.with(&path, &new), &request)
                    .unwrap_or_else(|| panic!("{name}: `{field}` changed to {new} reads no event"));
                assert_ne!(
                    other, key,
                    "{name}: `{field}` changed to {new}, the same key"
                );
                checked += 1;
            }
            // A second subscription's message of a state reached once: the same key.
            if once(&payload) {
                let other = body.with(&message_id, r#""another-subscription""#);
                assert_eq!(key_of(&other, &request), Some(key.clone()), "{name}");
            }
        }
        assert_eq!(key_of(&body, &request), Some(original), "{name}");
    }
    assert!(checked >= 140, "{checked} key fields changed");
}

fn data(path: &str) -> Request {
    let path = FilePath::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path);
    let body = std::fs::read(&path).unwrap();
    Request {
        provider: "viva",
        path,
        body,
        query: String::new(),
    }
}

fn fixture(path: &str) -> Request {
    common::requests()
        .into_iter()
        .find(|request| request.path.ends_with(path))
        .unwrap()
}

#[test]
fn two_updates_of_one_order_have_two_keys() {
    let order = data("viva/order_updated_4865.json");
    let body = Body::of(&order);
    let first = key_of(&body, &order).unwrap();
    let second = body
        .with(
            &Path::of("MessageId"),
            r#""0c4c2a4e-5f0b-4d5e-9d43-2b6f1b0f6a11""#,
        )
        .with(&Path::of("EventData.Amount"), "12.00");
    let second = key_of(&second, &order).unwrap();
    assert!(
        first.starts_with("viva:6727479629472606:cancelled:"),
        "{first}"
    );
    assert!(
        second.starts_with("viva:6727479629472606:cancelled:"),
        "{second}"
    );
    assert_ne!(first, second);
    // Without `MessageId`: told apart by `Created` and the amount.
    let body = body.without(&Path::of("MessageId"));
    let first = key_of(&body, &order).unwrap();
    let later = body
        .with(&Path::of("Created"), r#""2023-10-11T15:25:56.2625208Z""#)
        .with(&Path::of("EventData.Amount"), "12.00");
    assert_ne!(key_of(&later, &order).unwrap(), first);
}

#[test]
fn verified_unverified_and_verified_again_are_three_keys() {
    let verification = fixture("viva/account_verification_status_changed_8194.json");
    let body = Body::of(&verification);
    let notified = |message_id: &str, created: &str, verified: &str, body: &Body| {
        let mut body = body.with(&Path::of("EventData.Verified"), verified);
        body = body.with(&Path::of("Created"), &format!("\"{created}\""));
        if !message_id.is_empty() {
            body = body.with(&Path::of("MessageId"), &format!("\"{message_id}\""));
        }
        key_of(&body, &verification).unwrap()
    };
    for body in [body.clone(), body.without(&Path::of("MessageId"))] {
        let with_ids = body.get(&Path::of("MessageId")).is_some();
        let id = |id: &'static str| if with_ids { id } else { "" };
        let keys = [
            notified(id("m-1"), "2021-05-26T00:01:20.4752112Z", "true", &body),
            notified(id("m-2"), "2021-05-27T00:01:20.4752112Z", "false", &body),
            notified(id("m-3"), "2021-05-28T00:01:20.4752112Z", "true", &body),
        ];
        assert!(keys[0].contains(":verified:"), "{keys:?}");
        assert!(keys[1].contains(":unverified:"), "{keys:?}");
        assert_ne!(keys[0], keys[1]);
        assert_ne!(keys[1], keys[2]);
        assert_ne!(keys[0], keys[2], "verified again is another change");
    }
}

#[test]
fn one_esms_message_to_two_recipients_has_a_key_for_each() {
    // The customer-care sample counts `TotalReceiver` 2: one callback for each.
    let sample = fixture("esms/customer_care_sms_type2.query");
    let body = Body::of(&sample);
    let first = key_of(&body, &sample).unwrap();
    let second = key_of(&body.with(&Path::of("phonenumber"), "0912345678"), &sample).unwrap();
    assert_eq!(
        first,
        "esms:dc712784-9c5f-4c69-b9a8-ea69d56adc9a87:0901888484:failed"
    );
    assert_ne!(first, second);
    // A callback that names no recipient (the promotional sample) is keyed by its id.
    let promo = fixture("esms/promo_sms_type1.query");
    assert_eq!(
        key(&promo).unwrap(),
        "esms:82b0bb8aed914a0aab8deba567c9b8c2:sent"
    );
}

#[test]
fn a_state_the_mapping_cannot_place_names_the_provider_s_value() {
    let receipt = |status: &str| {
        let body =
            format!(r#"{{"status":"{status}","requestId":"r1","code":11009,"message":"m"}}"#);
        common::edit::event_key(body.as_bytes(), "").unwrap()
    };
    assert_eq!(receipt("clicked"), "nxcloud:r1:unknown:clicked");
    assert_ne!(receipt("clicked"), receipt("forwarded"));
    assert_eq!(receipt("seen"), "nxcloud:r1:read");
}
