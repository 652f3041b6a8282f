//! Small deviations a real sender makes (`tests/data/README.md`): each is read as its
//! kind, through the provider's own entry point and through `parse`, keeps its typed
//! value, and is written back as it came.

mod common;

use std::path::{Path, PathBuf};

use provider_payloads::{Payload, nxcloud, parse, viva, wappin};

fn data(path: &str) -> (PathBuf, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path);
    let body = std::fs::read(&path).unwrap();
    (path, body)
}

/// Reads `path` (under `tests/data/`) through its provider's entry point and through
/// `parse`, checks both give `kind` and write back the same JSON, and returns the payload.
fn read(path: &str, kind: &str) -> Payload {
    let (file, body) = data(path);
    let provider = path.split('/').next().unwrap();
    let own = common::parse(provider, &body).unwrap_or_else(|err| panic!("{path}: {err}"));
    assert_eq!(own.kind, kind, "{path}");
    common::assert_same_json(&body, &own.wire, &file);
    let payload = parse(&body, "").unwrap_or_else(|err| panic!("{path}: parse: {err}"));
    assert_eq!(payload.provider().as_str(), provider, "{path}");
    assert_eq!(payload.kind(), kind, "{path}");
    assert_eq!(payload.to_wire().unwrap(), own.wire, "{path}");
    payload
}

#[test]
fn text_written_as_an_integer_is_read_as_its_digits_and_written_back_as_the_integer() {
    let Payload::NxCloud(nxcloud::Callback::Receipt(receipt)) =
        read("nxcloud/receipt_request_id_number.json", "receipt")
    else {
        panic!("not a receipt")
    };
    assert_eq!(receipt.request_id, "6094857");
    assert!(
        String::from_utf8(receipt.to_json().unwrap())
            .unwrap()
            .contains(r#""requestId":6094857,"#)
    );

    let Payload::NxCloud(nxcloud::Callback::Reply(reply)) =
        read("nxcloud/reply_phone_number.json", "reply")
    else {
        panic!("not a reply")
    };
    assert_eq!(reply.phone, "79100000030");

    let Payload::NxCloud(nxcloud::Callback::Reply(reply)) =
        read("nxcloud/reply_file_name_number.json", "reply")
    else {
        panic!("not a reply")
    };
    let nxcloud::ReplyMessage::Media(media) = &reply.message else {
        panic!("not media: {:?}", reply.message)
    };
    assert_eq!(media.file_name.as_deref(), Some("7"));

    let Payload::Wappin(wappin::Payload::Callback(wappin::Callback::Status(callback))) =
        read("wappin/callback_client_id_number.json", "callback")
    else {
        panic!("not a status callback")
    };
    assert_eq!(callback.client_id.as_deref(), Some("9"));

    let Payload::Viva(viva::Payload::Verification(verification)) =
        read("viva/verification_key_number.json", "URL verification")
    else {
        panic!("not a verification")
    };
    assert_eq!(verification.key, "12345");
    assert_eq!(verification.to_json().unwrap(), br#"{"Key":12345}"#);
}

#[test]
fn an_integer_written_as_a_string_of_digits_is_read_and_written_back_as_the_string() {
    let Payload::Viva(viva::Payload::Webhook(viva::Webhook::Transaction(message))) =
        read("viva/transaction_order_code_string.json", "webhook message")
    else {
        panic!("not a transaction")
    };
    assert_eq!(message.event_data.order_code, 1_234_567_890_123_456);
    let written = String::from_utf8(message.to_json().unwrap()).unwrap();
    assert!(
        written.contains(r#""OrderCode":"1234567890123456""#),
        "{written}"
    );
    // A string that is no integer is still refused, with the field's path.
    let (_, body) = data("viva/transaction_order_code_string.json");
    let text = String::from_utf8(body)
        .unwrap()
        .replace("1234567890123456", "12345678901234x6");
    let err = viva::Webhook::from_json(text.as_bytes()).unwrap_err();
    assert_eq!(err.path(), Some("EventData.OrderCode"), "{err}");
}

#[test]
fn fields_a_sample_leaves_out_or_sends_as_null_are_read_and_left_so() {
    let Payload::NxCloud(nxcloud::Callback::Receipt(receipt)) =
        read("nxcloud/receipt_message_null.json", "receipt")
    else {
        panic!("not a receipt")
    };
    assert_eq!(receipt.message, None);
    assert!(
        String::from_utf8(receipt.to_json().unwrap())
            .unwrap()
            .contains(r#""message":null"#)
    );

    let Payload::NxCloud(nxcloud::Callback::Receipt(receipt)) = read(
        "nxcloud/receipt_without_message_and_send_time.json",
        "receipt",
    ) else {
        panic!("not a receipt")
    };
    assert_eq!((receipt.message, receipt.send_time), (None, None));

    let Payload::Viva(viva::Payload::Webhook(webhook)) =
        read("viva/message_without_created.json", "webhook message")
    else {
        panic!("not a webhook")
    };
    assert_eq!(webhook.created(), None);
    assert!(webhook.event().is_some());
}

#[test]
fn a_key_only_another_kind_has_does_not_change_the_kind() {
    let Payload::Wappin(wappin::Payload::SendText(request)) =
        read("wappin/send_text_with_status.json", "send text request")
    else {
        panic!("not a send text request")
    };
    assert_eq!(request.message_content, "haihello");
    assert_eq!(
        request.unknown_fields().get("status").map(|raw| raw.get()),
        Some(r#""200""#)
    );
}
