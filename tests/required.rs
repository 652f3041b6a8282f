//! Required means required to act (issue 29, point 2): over every fixture (and every
//! constructed body), each field that is not required (nested ones too) is dropped in
//! turn, and the body is still read, as the same kind, and written back without it; each
//! required field dropped gives an error (or another kind, where the field is what told
//! the kind). The required fields are those each provider's module docs list. Then the
//! bodies the issue names: a Viva 1796 with four fields, a 4865 with two.

mod common;

use std::path::Path as FilePath;

use common::Request;
use common::edit::Body;
use common::variants::Node;
use provider_payloads::event::{OrderKind, PaymentKind};
use provider_payloads::{Event, Payload, parse, viva, wappin};

/// The kind a payload is, for the lists of required fields: its kind, for a Viva
/// webhook message its event type (each has its own data), for a Wappin callback its
/// `callback_type`.
fn kind(payload: &Payload) -> String {
    match payload {
        Payload::Viva(viva::Payload::Webhook(webhook)) => {
            format!("webhook message {}", webhook.event_type_id())
        }
        Payload::Wappin(wappin::Payload::Callback(callback)) => {
            format!("wappin callback {}", callback.callback_type())
        }
        other => format!("{} {}", other.provider(), other.kind()),
    }
}

/// The fields a kind requires, by pattern (`[]` for each item of an array), as the
/// providers' module docs list them.
fn required(kind: &str) -> &'static [&'static str] {
    const TRANSACTION: &[&str] = &[
        "EventTypeId",
        "EventData",
        "EventData.TransactionId",
        "EventData.StatusId",
        "EventData.Amount",
        "EventData.OrderCode",
    ];
    match kind {
        "nxcloud receipt" => &["status", "requestId", "cost.originalPrice"],
        "nxcloud reply" => &["phone", "traceRequestId", "message"],
        "nxcloud Super Message receipt" => &[
            "requestId",
            "phone",
            "channel",
            "code",
            "cost.originalPrice",
        ],
        "nxcloud number check" => &["requestId", "batchNo", "phone", "code", "cost.price"],
        "nxcloud legacy number check" => &["messageId", "batchNo", "phone", "code", "cost.price"],
        "nxcloud SMS receipt" => &["messageid", "status"],
        "esms callback" => &["SMSID", "SendStatus"],
        "esms GetCallback response" => &[
            "Code",
            "Data_callback[].SMSID",
            "Data_callback[].SendStatus",
        ],
        "esms QueryZnsStatus response" => &["CodeResult", "Data", "Data.FinalStatus", "Data.SMSID"],
        "esms GetSendStatus response" => &["CodeResponse", "SMSID"],
        "esms GetZaloMessageStatus response" => &["CodeResult"],
        // `status_message`: the table's spelling of `status_messages`.
        "wappin callback status" => &[
            "message_id",
            "callback_type",
            "status_messages",
            "status_message",
        ],
        "wappin callback message" => &["message_id", "callback_type", "message_content"],
        "wappin acknowledgement" => &["status"],
        "wappin send HSM request" => &[
            "client_id",
            "project_id",
            "type",
            "recipient_number",
            "params",
        ],
        "wappin send text request" => &[
            "client_id",
            "project_id",
            "message_content",
            "recipient_number",
        ],
        "wappin send media request" => &[
            "client_id",
            "project_id",
            "recipient_number",
            "media_type",
            "media",
        ],
        "wappin inquiry request" => &["message_id"],
        "wappin number checker request" => &["client_id", "project_id", "phone_number"],
        "wappin token response" => &["status", "data", "data.access_token"],
        "wappin response" => &["status", "message"],
        "wappin v2 response" => &["meta", "users[].token", "messages[].id", "errors[].code"],
        "wappin v2 send request" => &[
            "to",
            "type",
            "template",
            "template.name",
            "template.language",
            "template.language.policy",
            "template.language.code",
            "template.namespace",
            "template.components[].parameters[].type",
        ],
        "webhook message 1796" | "webhook message 1797" | "webhook message 1798" => TRANSACTION,
        "webhook message 1799" => &["EventTypeId", "EventData", "EventData.TransactionId"],
        "webhook message 1802" | "webhook message 1803" => &[
            "EventTypeId",
            "EventData",
            "EventData.SessionId",
            "EventData.TerminalId",
            "EventData.Success",
            "EventData.Amount",
        ],
        "webhook message 2054" => &[
            "EventTypeId",
            "EventData",
            "EventData.WalletTransactionId",
            "EventData.Amount",
        ],
        "webhook message 768" | "webhook message 769" => &[
            "EventTypeId",
            "EventData",
            "EventData.CommandId",
            "EventData.Amount",
        ],
        "webhook message 4865" => &["EventTypeId", "EventData", "EventData.OrderCode"],
        "webhook message 8193" => &["EventTypeId", "EventData", "EventData.ConnectedAccountId"],
        "webhook message 8194" => &[
            "EventTypeId",
            "EventData",
            "EventData.ConnectedAccountId",
            "EventData.Verified",
        ],
        "webhook message 8448" => &[
            "EventTypeId",
            "EventData",
            "EventData.TransferId",
            "EventData.Amount",
        ],
        "viva URL verification" => &["Key"],
        "viva ISV URL verification" => &["key"],
        "viva message list" => &["[].messageId", "[].eventTypeId", "[].responseStatus"],
        "viva message details" => &[
            "messageId",
            "eventTypeId",
            "responseStatus",
            "deliveries",
            "deliveries[].deliveryId",
            // The document's spelling, read as the same field.
            "deliveries[].deliveryId ",
            "deliveries[].responseStatus",
        ],
        "viva obligation" => &["ObligationId", "Amount"],
        "viva sale transactions file" => &["Link"],
        other => panic!("no list of required fields for {other}"),
    }
}

/// Reads `request` through its provider's own entry point and through `parse`: the kind
/// both give, and the body written back. `Err` where either refuses it or they differ.
fn read(request: &Request) -> Result<(String, Vec<u8>), String> {
    let own = common::own(request).map_err(|err| err.to_string())?;
    let payload = parse(&request.body, &request.query).map_err(|err| format!("parse: {err}"))?;
    if is_another_kinds_plus_one_key(request, &payload, own.kind) {
        return Ok((format!("{} {}", request.provider, own.kind), own.wire));
    }
    if payload.kind() != own.kind || payload.provider().as_str() != request.provider {
        return Err(format!(
            "parse read a {} {}, the provider's entry point a {}",
            payload.provider(),
            payload.kind(),
            own.kind
        ));
    }
    Ok((kind(&payload), own.wire))
}

/// Whether `parse` read `request` as another provider's kind by design: an NXCloud
/// receipt left with only `status` and `requestId` has the keys of a Wappin
/// acknowledgement (`status`) and one more, and one added key never turns a body into
/// another kind (the variants property). NXCloud's own entry point, and so its route,
/// still reads it as a receipt.
fn is_another_kinds_plus_one_key(request: &Request, payload: &Payload, own: &str) -> bool {
    let kinds = (
        payload.provider().as_str(),
        payload.kind(),
        request.provider,
        own,
    );
    kinds == ("wappin", "acknowledgement", "nxcloud", "receipt")
        && Node::of(std::str::from_utf8(&request.body).unwrap()).keys() == ["status", "requestId"]
}

#[test]
fn each_field_that_is_not_required_can_be_left_out() {
    let (mut dropped, mut refused) = (0, 0);
    for request in common::edit::samples() {
        let name = request.path.display().to_string();
        let Ok(payload) = parse(&request.body, &request.query) else {
            continue;
        };
        let kind = kind(&payload);
        let required = required(&kind);
        // The body as the crate writes it back: the sample itself, but for a field a
        // constructed sample spells as the document's table does (`status_message`),
        // which is written in the spelling of the document's example.
        let (_, wire) = read(&request).unwrap_or_else(|err| panic!("{name}: {err}"));
        let written = if request.is_json() {
            Request {
                body: wire,
                ..request
            }
        } else if request.body.is_empty() {
            Request {
                query: String::from_utf8(wire).unwrap(),
                ..request
            }
        } else {
            Request {
                body: wire,
                ..request
            }
        };
        let request = written;
        let body = Body::of(&request);
        for field in body.fields() {
            let without = body.without(&field).as_request(&request);
            let pattern = field.pattern();
            if required.contains(&pattern.as_str()) {
                // Required: refused, or read as another kind (the field told this one).
                if let Ok((other, _)) = read(&without) {
                    assert_ne!(other, kind, "{name}: read without its required `{field}`");
                }
                refused += 1;
                continue;
            }
            let (read_kind, wire) =
                read(&without).unwrap_or_else(|err| panic!("{name} without `{field}`: {err}"));
            assert_eq!(read_kind, kind, "{name} without `{field}`");
            // Written back without the field: the body it came as.
            let what = format!("{name} without {field}");
            if without.is_json() {
                common::assert_same_json(without.input(), &wire, FilePath::new(&what));
            } else {
                common::assert_same_query(without.input(), &wire, FilePath::new(&what));
            }
            dropped += 1;
        }
    }
    assert!(dropped >= 800, "{dropped} fields dropped");
    assert!(refused >= 300, "{refused} required fields dropped");
}

fn data(path: &str) -> Payload {
    let path = FilePath::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path);
    let body = std::fs::read(&path).unwrap();
    let payload = parse(&body, "").unwrap();
    let written = payload.to_wire().unwrap();
    common::assert_same_json(&body, &written, &path);
    payload
}

#[test]
fn a_1796_of_four_fields_and_a_4865_of_two_give_their_events() {
    let Some(Event::Payment(payment)) =
        data("viva/transaction_payment_created_four_fields.json").event()
    else {
        panic!("no payment")
    };
    assert_eq!(
        payment.transaction_id,
        "90a7114f-3a7a-466b-8a45-000111222888"
    );
    assert_eq!(payment.order_code.as_deref(), Some("776027772607"));
    assert_eq!(payment.amount.to_string(), "100.50");
    assert_eq!(payment.status.as_deref(), Some("F"));
    assert_eq!((payment.currency, payment.at), (None, None));
    // No type: it cannot be called a charge.
    assert_eq!(payment.kind, PaymentKind::Unknown);
    assert_eq!(
        payment.idempotency_key,
        "viva:90a7114f-3a7a-466b-8a45-000111222888:unknown:F"
    );

    let Some(Event::Order(order)) = data("viva/order_updated_two_fields.json").event() else {
        panic!("no order")
    };
    assert_eq!(order.order_code, "6727479629472606");
    assert_eq!(order.kind, OrderKind::Updated);
    assert_eq!((order.amount, order.currency), (None, None));
    // Neither `MessageId` nor `Created` nor anything its data says: the order and the
    // state alone.
    assert_eq!(order.idempotency_key, "viva:6727479629472606:updated");

    // Wappin's token answer without `token_type`: the token is what it is for.
    let Payload::Wappin(wappin::Payload::TokenResponse(token)) =
        data("wappin/token_response_without_token_type.json")
    else {
        panic!("no token answer")
    };
    let token = token.data.unwrap();
    assert_eq!(token.access_token.expose(), "d498");
    assert_eq!(token.token_type, None);
}

#[test]
fn a_body_without_a_required_field_gets_the_error_that_names_it() {
    for (body, named) in [
        (
            r#"{"EventTypeId":1796,"EventData":{"OrderCode":1,"StatusId":"F","Amount":1.00}}"#,
            "missing field `TransactionId`",
        ),
        (
            r#"{"EventTypeId":1796,"EventData":{"OrderCode":1,"TransactionId":"t","Amount":1.00}}"#,
            "missing field `StatusId`",
        ),
        (
            r#"{"EventTypeId":1796,"EventData":{"OrderCode":1,"TransactionId":"t","StatusId":"F"}}"#,
            "missing field `Amount`",
        ),
        (
            r#"{"EventTypeId":4865,"EventData":{"MerchantId":"m"}}"#,
            "missing field `OrderCode`",
        ),
        (
            r#"{"phone":"1","traceRequestId":"t","sendTime":"2023-07-17 14:40:50"}"#,
            "missing field `message`",
        ),
    ] {
        let err = parse(body.as_bytes(), "").unwrap_err();
        assert!(err.to_string().contains(named), "{named}: {err}");
    }
}
