//! Wappin: every example of the document to its type, every row of every status table,
//! the requests against the document's bodies, and what the samples do not show; and the
//! v2 API's bodies of a third party's SDK.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use provider_payloads::wappin::{
    Acknowledgement, Callback, Endpoint, GetToken, Inquiry, MediaType, MessageStatus,
    NumberChecker, Params, Payload, Response, SendHsm, SendMedia, SendText, Status, StatusCode,
    TokenResponse, V2ButtonType, V2ComponentType, V2ErrorCode, V2LanguagePolicy, V2MessageType,
    V2Response, V2SendRequest,
};
use provider_payloads::{Error, ListUnrecognized, UnrecognizedKind};
use serde_json::{Value, json};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/wappin")
        .join(name)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap()
}

fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

/// A row as the document prints it: code, message, the row it is, description.
type Row = (&'static str, &'static str, Status, &'static str);

/// Each table of the document, row by row: code, message, the row it is, description.
/// The 419 row is the answer section 2.3 shows, with the section's own explanation.
fn tables() -> Vec<(Endpoint, Vec<Row>)> {
    use Status::*;
    let credential = (
        "401",
        "Invalid credential",
        InvalidCredential,
        "Invalid credential/token",
    );
    let auth = (
        "406",
        "Auth not recognize",
        AuthNotRecognized,
        "Invalid authorization",
    );
    let ip = (
        "407",
        "IP Address not allowed",
        IpAddressNotAllowed,
        "Invalid IP address",
    );
    let sent = ("200", "Success", Success, "Message sent");
    let no_input = (
        "400",
        "Error no input received",
        NoInputReceived,
        "Invalid format",
    );
    let client = (
        "400",
        "Project ID or Client ID cannot be process.",
        InvalidClientOrProject,
        "Invalid client or project",
    );
    let params = (
        "400",
        "Message param count do not match",
        ParamCountMismatch,
        "Number of parameters does not match the expected number of params.",
    );
    let template = (
        "404",
        "API Notification Template not found or inactive",
        TemplateNotFound,
        "Invalid template",
    );
    let contact = (
        "601",
        "Contact invalid",
        ContactInvalid,
        "Recipient number is not a valid WhatsApp number",
    );
    vec![
        (
            Endpoint::GetToken,
            vec![
                ("200", "Success", Success, "Berhasil get token"),
                (
                    "200",
                    "Token not expired",
                    TokenNotExpired,
                    "Berhasil get token",
                ),
                credential,
                auth,
                ip,
            ],
        ),
        (
            Endpoint::SendHsm,
            vec![
                sent, no_input, client, params, credential, template, auth, ip, contact,
            ],
        ),
        (
            Endpoint::SendHsmWithSms,
            vec![
                sent,
                no_input,
                (
                    "400",
                    "Project ID or Client ID cannot be process.",
                    InvalidClientOrProject,
                    "Invalid client id or project id",
                ),
                params,
                (
                    "400",
                    "params sms count do not match",
                    SmsParamCountMismatch,
                    "Number of parameters does not match the expected number of params.",
                ),
                credential,
                template,
                (
                    "404",
                    "Content Template SMS not found",
                    SmsTemplateNotFound,
                    "Invalid template",
                ),
                auth,
                contact,
                ("700", "Error from vendor", VendorError, "Error from vendor"),
            ],
        ),
        (
            Endpoint::SendText,
            vec![
                sent,
                no_input,
                client,
                credential,
                auth,
                ip,
                (
                    "419",
                    "Sorry, the API Send Message can only be used for projects with production status. Please try API Sending Message using Sandbox - Send Session Message.",
                    UatProject,
                    "Send Message (text) hanya bisa jika \"project_id\" berstatus production",
                ),
                contact,
            ],
        ),
        (
            Endpoint::SendMedia,
            vec![
                sent,
                no_input,
                client,
                credential,
                auth,
                ip,
                (
                    "605",
                    "Upload Media Failed",
                    UploadMediaFailed,
                    "Invalid media_type",
                ),
            ],
        ),
        (
            Endpoint::Inquiry,
            vec![
                ("200", "Success", Success, "Berhasil Inquiry"),
                credential,
                ("404", "Data not Found", DataNotFound, "Invalid Message ID"),
                auth,
                ip,
            ],
        ),
        (
            Endpoint::NumberChecker,
            vec![
                sent,
                no_input,
                client,
                credential,
                auth,
                ip,
                (
                    "601",
                    "Phone Number Invalid",
                    PhoneNumberInvalid,
                    "Recipient number is not a valid WhatsApp number",
                ),
            ],
        ),
    ]
}

#[test]
fn every_row_of_every_status_table_gives_its_status_and_description() {
    let mut cases = 0;
    for (endpoint, rows) in tables() {
        assert_eq!(
            endpoint.statuses().len(),
            rows.len(),
            "{endpoint:?}: the crate's table and the document's differ in length"
        );
        for (code, message, status, description) in rows {
            let row = endpoint
                .status(&StatusCode::from(code), message)
                .unwrap_or_else(|| panic!("{endpoint:?} {code} {message}: no row"));
            assert_eq!(row.status, status, "{endpoint:?} {code} {message}");
            assert_eq!(
                row.description, description,
                "{endpoint:?} {code} {message}"
            );
            assert_eq!(row.status.code().as_str(), code);
            assert_eq!(row.status.message(), message);
            assert_eq!(row.status.is_success(), code == "200");
            // Whole-answer form: a response with that code and message.
            let body = json!({"status": code, "message": message}).to_string();
            let response = Response::from_json(body.as_bytes()).unwrap();
            assert_eq!(response.status_row(endpoint), Some(row));
            cases += 1;
        }
    }
    // 3.3 and 2.2 print the same Get Token table, whose 200 row has two messages.
    assert_eq!(cases, 52);
}

#[test]
fn every_document_example_parses_to_its_type() {
    let expected = [
        ("callback_acknowledgement.json", "acknowledgement"),
        ("callback_message.json", "callback"),
        ("callback_status.json", "callback"),
        ("inquiry_request.json", "inquiry request"),
        ("number_checker_request.json", "number checker request"),
        ("number_checker_response.json", "response"),
        ("send_hsm_prod_request.json", "send HSM request"),
        ("send_hsm_prod_response.json", "response"),
        ("send_hsm_uat_response.json", "response"),
        ("send_hsm_with_sms_request.json", "send HSM request"),
        ("send_hsm_with_sms_response.json", "response"),
        ("send_media_request.json", "send media request"),
        ("send_media_response.json", "response"),
        ("send_text_prod_request.json", "send text request"),
        ("send_text_prod_response.json", "response"),
        ("send_text_uat_request.json", "send text request"),
        ("send_text_uat_response_419.json", "response"),
        ("token_response.json", "token response"),
    ];
    let dir = fixture_path("");
    let on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    assert_eq!(on_disk.len(), expected.len(), "a fixture without a case");
    for (name, kind) in expected {
        let body = fixture(name);
        let payload = Payload::from_json(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(payload.kind(), kind, "{name}");
        // The document's examples carry nothing it does not list.
        let strict = Payload::from_json_strict(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(strict, payload);
        assert_eq!(
            json_of(&payload.to_json().unwrap()),
            json_of(&body),
            "{name}"
        );
    }
}

#[test]
fn the_typed_values_hold_what_the_examples_say() {
    let token = TokenResponse::from_json(&fixture("token_response.json")).unwrap();
    let data = token.data.as_ref().unwrap();
    assert_eq!(
        data.access_token.expose(),
        "d49865d016a32ab31734ed6972a818c41808c9f109c3614bec5da2508ef3be20"
    );
    assert_eq!(
        data.expired_datetime,
        NaiveDate::from_ymd_opt(2019, 7, 20)
            .unwrap()
            .and_hms_opt(16, 21, 51)
    );
    assert_eq!(data.token_type.as_deref(), Some("access_token"));
    let row = token.status_row().unwrap();
    assert_eq!(
        (row.status, row.description),
        (Status::Success, "Berhasil get token")
    );

    let uat = Response::from_json(&fixture("send_text_uat_response_419.json")).unwrap();
    assert_eq!(uat.status, StatusCode::UatProject);
    assert!(!uat.status.is_success());
    assert_eq!(uat.message_id.as_deref(), Some("5d35544d05aaa"));
    assert_eq!(
        uat.status_row(Endpoint::SendText).map(|r| r.status),
        Some(Status::UatProject)
    );

    let sent = Response::from_json(&fixture("send_hsm_uat_response.json")).unwrap();
    assert_eq!(sent.data, None);
    assert_eq!(
        sent.status_row(Endpoint::SendHsm).map(|r| r.description),
        Some("Message sent")
    );

    // "Phone Number Valid" is not the table's message, but 200 has one row.
    let checked = Response::from_json(&fixture("number_checker_response.json")).unwrap();
    assert_eq!(
        checked
            .status_row(Endpoint::NumberChecker)
            .map(|r| r.status),
        Some(Status::Success)
    );

    match Callback::from_json(&fixture("callback_status.json")).unwrap() {
        Callback::Status(status) => {
            assert_eq!(status.status, MessageStatus::Delivered);
            assert_eq!(status.message_id, "5cdbe7774a059");
            assert_eq!(status.client_id.as_deref(), Some("0009"));
            assert_eq!(status.message_content.as_deref(), Some("-"));
            assert_eq!(status.environment.as_deref(), Some("PRODUCTION"));
            assert_eq!(status.timestamp.unwrap().timestamp(), 1_557_915_512);
        }
        other => panic!("not a status callback: {other:?}"),
    }
    match Callback::from_json(&fixture("callback_message.json")).unwrap() {
        Callback::Message(message) => {
            assert_eq!(message.message_content, "tesss");
            assert_eq!(message.sender_number.as_deref(), Some("628989229471"));
            assert_eq!(message.status_message.as_deref(), Some("-"));
            assert_eq!(
                message.timestamp.unwrap().to_rfc3339(),
                "2019-05-15T10:18:36+00:00"
            );
        }
        other => panic!("not a message callback: {other:?}"),
    }
}

#[test]
fn requests_serialize_to_the_document_bodies() {
    let prod_params: Params = [
        "Name",
        "8000181008192601",
        "034567",
        "Customer Name",
        "email@gmail.com",
        "1.000.000",
        "2018-10-10 19:26:36",
    ]
    .into_iter()
    .collect();
    let hsm = SendHsm::new(
        "9",
        "52",
        "bni_ecol_open_payment_create",
        "6289600010002",
        prod_params,
    );
    let with_sms = hsm.clone().with_sms(
        "templ_hsm",
        ["Name", "8000181008192601"].into_iter().collect(),
    );
    assert_eq!(hsm.endpoint(), Endpoint::SendHsm);
    assert_eq!(with_sms.endpoint(), Endpoint::SendHsmWithSms);
    let mut media = SendMedia::new(
        "0015",
        "38",
        "082315658823",
        MediaType::Image,
        "7c87d81cajpg",
    );
    media.caption = Some("test".to_owned());

    let cases: [(&str, Vec<u8>); 7] = [
        ("send_hsm_prod_request.json", hsm.to_json().unwrap()),
        (
            "send_hsm_with_sms_request.json",
            with_sms.to_json().unwrap(),
        ),
        (
            "send_text_uat_request.json",
            SendText::new("0003", "15", "haihello", "082315658823")
                .to_json()
                .unwrap(),
        ),
        (
            "send_text_prod_request.json",
            SendText::new("0003", "14", "haihello", "082315658823")
                .to_json()
                .unwrap(),
        ),
        ("send_media_request.json", media.to_json().unwrap()),
        (
            "inquiry_request.json",
            Inquiry::new("5c33139c82f94").to_json().unwrap(),
        ),
        (
            "number_checker_request.json",
            NumberChecker::new("0015", "38", "082315658823")
                .to_json()
                .unwrap(),
        ),
    ];
    for (name, written) in cases {
        assert_eq!(json_of(&written), json_of(&fixture(name)), "{name}");
    }
    assert_eq!(
        Endpoint::ALL.map(Endpoint::path),
        [
            "/v1/token/get",
            "/v1/message/do-send-hsm",
            "/v1/message/do-send-hsm",
            "/v1/message/do-send",
            "/v1/message/do-send-media",
            "/v1/message/inquiry",
            "/v1/phone/number-checker",
        ]
    );
}

#[test]
fn the_uat_request_writes_what_survived_of_the_document_body() {
    // Section 3.4 lost client_id's value and most of recipient_number in conversion; the
    // rest must come out as the document printed it.
    let params: Params = ["Anniv Grace", "2018-10-10 19:26:36"].into_iter().collect();
    let request = SendHsm::new("client", "14", "templ_uat_2", "recipient", params);
    let written = json_of(&request.to_json().unwrap());
    assert_eq!(written["project_id"], "14");
    assert_eq!(written["type"], "templ_uat_2");
    assert_eq!(
        serde_json::to_string(&written["params"]).unwrap(),
        r#"{"1":"Anniv Grace","2":"2018-10-10 19:26:36"}"#
    );
}

#[test]
fn the_basic_header_matches_the_one_the_document_shows() {
    let request = GetToken::new("9", "89cb782a0a2fb41238330738ca8002ef6a7f3b2b");
    let header = request.authorization();
    assert_eq!(
        header,
        "Basic OTo4OWNiNzgyYTBhMmZiNDEyMzgzMzA3MzhjYTgwMDJlZjZhN2YzYjJi"
    );
    assert_eq!(request.endpoint(), Endpoint::GetToken);
    let debug = format!("{request:?}");
    assert!(
        debug.contains("\"9\"") && !debug.contains("89cb"),
        "{debug}"
    );
}

#[test]
fn a_callback_in_the_tables_spelling_parses_and_is_written_in_the_samples() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/wappin/callback_status_table_spelling.json");
    let body = std::fs::read(path).unwrap();
    let callback = Callback::from_json(&body).unwrap();
    let Callback::Status(status) = &callback else {
        panic!("not a status callback: {callback:?}");
    };
    assert_eq!(status.status, MessageStatus::Read);
    assert_eq!(status.environment.as_deref(), Some("PRODUCTION"));
    assert!(callback.unrecognized().is_empty(), "{callback:?}");

    let written = json_of(&callback.to_json().unwrap());
    let mut expected = json_of(&body);
    let object = expected.as_object_mut().unwrap();
    let status_value = object.remove("status_message").unwrap();
    let environment = object.remove("environtment").unwrap();
    object.insert("status_messages".to_owned(), status_value);
    object.insert("environment".to_owned(), environment);
    assert_eq!(written, expected);
}

#[test]
fn the_acknowledgement_is_a_value_and_bytes() {
    let ack = Acknowledgement::received();
    assert_eq!(ack.to_json().unwrap(), Acknowledgement::BODY);
    assert_eq!(
        Acknowledgement::from_json(Acknowledgement::BODY).unwrap(),
        ack
    );
    assert_eq!(Acknowledgement::default(), ack);
    assert_eq!(ack.status, StatusCode::Received);
    assert!(ack.status.is_success());
    let sample = Acknowledgement::from_json(&fixture("callback_acknowledgement.json")).unwrap();
    assert_eq!(sample, ack);
}

#[test]
fn status_600_of_the_sdk_s_test_is_typed_and_no_row_of_any_table() {
    // flip-id/wappin's `wappin_test.go` (a7afbb4), verbatim.
    let body = br#"{ "message_id": "id-124", "status": "600", "message": "Not delivered, Contact validate Failed" }"#;
    let response = Response::from_json(body).unwrap();
    assert_eq!(response.status, StatusCode::ContactValidateFailed);
    assert!(!response.status.is_success());
    assert!(response.unrecognized().is_empty());
    for endpoint in Endpoint::ALL {
        assert_eq!(response.status_row(endpoint), None);
    }
}

#[test]
fn undocumented_codes_types_and_fields_are_kept_and_listed() {
    let body = br#"{"message_id":"id-124","status":"699","message":"Not delivered, Contact validate Failed","trace":{"n":1.50}}"#;
    let response = Response::from_json(body).unwrap();
    assert_eq!(response.status, StatusCode::Other("699".to_owned()));
    assert!(!response.status.is_success());
    for endpoint in Endpoint::ALL {
        assert_eq!(response.status_row(endpoint), None);
    }
    let found = common::findings(&response);
    assert_eq!(
        found,
        [
            "undocumented value `699` at `status`",
            r#"unknown field `trace` = {"n":1.50}"#
        ]
    );
    assert_eq!(
        std::str::from_utf8(&response.to_json().unwrap()).unwrap(),
        std::str::from_utf8(body).unwrap()
    );
    match Response::from_json_strict(body).unwrap_err() {
        Error::Unrecognized { found, .. } => assert_eq!(found.len(), 2),
        other => panic!("{other}"),
    }

    let reaction = br#"{"message_id":"5c","client_id":"0009","client_name":"w","callback_type":"reaction","emoji":"x"}"#;
    let callback = Callback::from_json(reaction).unwrap();
    assert!(matches!(callback, Callback::Other(_)), "{callback:?}");
    assert_eq!(callback.callback_type().as_str(), "reaction");
    assert_eq!(callback.message_id(), "5c");
    let paths: Vec<_> = callback
        .unrecognized()
        .into_iter()
        .map(|u| (u.path, matches!(u.kind, UnrecognizedKind::Value { .. })))
        .collect();
    assert_eq!(
        paths,
        [
            ("callback_type".to_owned(), true),
            ("emoji".to_owned(), false)
        ]
    );
    assert_eq!(json_of(&callback.to_json().unwrap()), json_of(reaction));

    let deleted = br#"{"message_id":"5c","client_id":"0009","client_name":"w","status_messages":"deleted","callback_type":"status"}"#;
    match Callback::from_json(deleted).unwrap() {
        Callback::Status(status) => {
            assert_eq!(status.status, MessageStatus::Other("deleted".to_owned()))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_inquiry_answer_keeps_its_data_exactly() {
    let body = br#"{"status":"200","message":"Success","data":[{"message_id":"5c33139c82f94","status":"read","cost":1.50}]}"#;
    let payload = Payload::from_json(body).unwrap();
    let Payload::Response(response) = &payload else {
        panic!("{payload:?}");
    };
    assert_eq!(
        response.data.as_ref().map(|d| d.get()),
        Some(r#"[{"message_id":"5c33139c82f94","status":"read","cost":1.50}]"#)
    );
    let row = response.status_row(Endpoint::Inquiry).unwrap();
    assert_eq!(row.description, "Berhasil Inquiry");
    assert_eq!(payload.to_json().unwrap(), body);
}

#[test]
fn the_access_token_stays_out_of_debug_and_errors() {
    let token = TokenResponse::from_json(&fixture("token_response.json")).unwrap();
    for text in [format!("{token:?}"), format!("{token:#?}")] {
        assert!(!text.contains("d49865d0"), "{text}");
        assert!(text.contains("<redacted>"), "{text}");
    }
    let bad = br#"{"status":"200","message":"Success","data":{"access_token":"d49865d016a3","expired_datetime":"2019-07-20","token_type":"access_token"}}"#;
    let err = TokenResponse::from_json(bad).unwrap_err().to_string();
    assert!(!err.contains("d49865d016a3"), "{err}");
    assert!(err.contains("data.expired_datetime"), "{err}");
}

#[test]
fn a_timestamp_sent_as_a_number_is_written_back_as_one() {
    let body = br#"{"message_id":"5c","client_id":"0009","client_name":"w","status_messages":"read","timestamp":1557915512,"callback_type":"status"}"#;
    let callback = Callback::from_json(body).unwrap();
    assert_eq!(callback.to_json().unwrap(), body);
}

#[test]
fn params_keep_their_order_past_nine() {
    let params: Params = (1..=11).map(|n| format!("v{n}")).collect();
    assert_eq!(params.len(), 11);
    assert_eq!(params.get(10), Some("v10"));
    assert_eq!(params.get(12), None);
    let keys: Vec<_> = params.iter().map(|(k, _)| k).collect();
    assert_eq!(
        keys,
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]
    );
    let body = format!(
        r#"{{"client_id":"9","project_id":"52","type":"t","recipient_number":"62","params":{}}}"#,
        serde_json::to_string(&params).unwrap()
    );
    let request = SendHsm::from_json(body.as_bytes()).unwrap();
    assert_eq!(request.params, params);
    assert_eq!(request.to_json().unwrap(), body.as_bytes());
}

#[test]
fn a_body_of_no_wappin_kind_is_an_error_that_lists_its_keys() {
    let err = Payload::from_json(br#"{"hello":{"version":"1.0.4"},"items":[]}"#).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(
            "no kind fits: the body is an object with the keys `hello`, `items`; expected \
             a Wappin acknowledgement (`status`), "
        ),
        "{message}"
    );
    assert!(message.ends_with(" more kinds"), "{message}");
    assert!(matches!(err, Error::NoKind { .. }));
}

#[test]
fn params_keep_every_key_and_value_as_written_and_refuse_a_repeated_key() {
    let body = br#"{"1":"a \"quoted\" \u00e9","02":"","3":"x"}"#;
    let params: Params = serde_json::from_slice(body).unwrap();
    assert_eq!(
        params.iter().collect::<Vec<_>>(),
        [("1", "a \"quoted\" é"), ("02", ""), ("3", "x")]
    );
    assert_eq!(params.get(3), Some("x"));
    assert_eq!(params.get(2), None, "key `02` is not parameter 2");
    assert_eq!(
        serde_json::to_string(&params).unwrap(),
        r#"{"1":"a \"quoted\" é","02":"","3":"x"}"#
    );

    // Many keys: the repeated one is named however far apart the two are.
    let mut many: Vec<String> = (1..=5000).map(|n| format!(r#""{n}":"v{n}""#)).collect();
    let unique = format!("{{{}}}", many.join(","));
    assert_eq!(serde_json::from_str::<Params>(&unique).unwrap().len(), 5000);
    many.push(r#""17":"again""#.to_owned());
    let repeated = format!("{{{}}}", many.join(","));
    let err = serde_json::from_str::<Params>(&repeated).unwrap_err();
    assert!(
        err.to_string().contains("duplicate parameter `17`"),
        "{err}"
    );
    let few = serde_json::from_str::<Params>(r#"{"1":"a","1":"b"}"#).unwrap_err();
    assert!(few.to_string().contains("duplicate parameter `1`"), "{few}");

    // Keys out of order, or the same number spelt two ways, are not repeats...
    for (distinct, len) in [
        (r#"{"2":"a","1":"b"}"#, 2),
        (r#"{"1":"a","2":"b","02":"c"}"#, 3),
    ] {
        let params = serde_json::from_str::<Params>(distinct).unwrap();
        assert_eq!(params.len(), len, "{distinct}");
    }
    // ... and a repeat after keys that counted up is found.
    let late = serde_json::from_str::<Params>(r#"{"1":"a","2":"b","1":"c"}"#).unwrap_err();
    assert!(
        late.to_string().contains("duplicate parameter `1`"),
        "{late}"
    );
}

/// The v2 bodies of `tests/data/wappin/` (the flip-id/wappin SDK's tests, and a request
/// built from them), each with its kind.
const V2_BODIES: [(&str, &str); 6] = [
    ("v2_login_success_users_token.json", "v2 response"),
    ("v2_send_success_messages_id.json", "v2 response"),
    ("v2_login_error_1005.json", "v2 response"),
    ("v2_general_error_500.json", "v2 response"),
    ("v2_login_response.json", "v2 response"),
    ("v2_send_request.json", "v2 send request"),
];

fn v2_body(name: &str) -> (PathBuf, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/wappin")
        .join(name);
    let body = std::fs::read(&path).unwrap();
    (path, body)
}

#[test]
fn the_sdk_s_v2_bodies_are_read_as_their_kinds_written_back_whole_and_their_variants_alike() {
    let names = common::variants::table_names();
    for (name, kind) in V2_BODIES {
        let (path, body) = v2_body(name);
        let own = common::parse("wappin", &body).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(own.kind, kind, "{name}");
        assert!(
            own.unrecognized.is_empty(),
            "{name}: {:?}",
            own.unrecognized
        );
        common::assert_same_json(&body, &own.wire, &path);
        let payload = provider_payloads::parse(&body, "").unwrap();
        assert_eq!(
            (payload.provider().as_str(), payload.kind()),
            ("wappin", kind)
        );
        assert_eq!(payload.event(), None, "{name}: an API answer or request");
        assert_eq!(payload.answer(), None, "{name}");
        common::variants::assert_variants_read_alike("wappin", &body, &names, name);
    }
}

#[test]
fn the_v2_login_answer_gives_the_token_and_its_expiry_and_hides_the_token() {
    let (_, body) = v2_body("v2_login_success_users_token.json");
    let answer = V2Response::from_json(&body).unwrap();
    assert_eq!(answer.meta.version.as_deref(), Some("1.0.4"));
    assert_eq!(answer.error(), None);
    let user = answer.token().unwrap();
    assert!(user.token.expose().starts_with("eyJ0eXAiOiJKV1Qi"));
    assert_eq!(
        user.expired_after
            .unwrap()
            .with_offset()
            .unwrap()
            .to_rfc3339(),
        "2023-08-03T10:45:36+07:00"
    );
    assert!(!format!("{answer:?}").contains("eyJ0"));
}

#[test]
fn the_v2_errors_are_the_sdk_s_first_error_with_its_code() {
    for (name, code, title) in [
        (
            "v2_login_error_1005.json",
            V2ErrorCode::AccessDenied,
            "Access Denied",
        ),
        (
            "v2_general_error_500.json",
            V2ErrorCode::GeneralError,
            "General Error",
        ),
    ] {
        let answer = V2Response::from_json(&v2_body(name).1).unwrap();
        let error = answer.error().unwrap();
        assert_eq!(error.code, code, "{name}");
        assert_eq!(error.title.as_deref(), Some(title), "{name}");
        assert_eq!((answer.token(), answer.message_id()), (None, None));
    }
    let other =
        V2Response::from_json(br#"{"meta":{"version":"1.0.4"},"errors":[{"code":470}]}"#).unwrap();
    assert_eq!(other.error().unwrap().code, V2ErrorCode::Other(470));
    assert_eq!(other.unrecognized()[0].path, "errors[0].code");
}

#[test]
fn the_v2_send_request_is_the_sdk_s_test_request_and_writes_as_its_struct_tags_do() {
    let (_, body) = v2_body("v2_send_request.json");
    let request = V2SendRequest::from_json(&body).unwrap();
    assert_eq!(request.to, "6288889999");
    assert_eq!(request.message_type, V2MessageType::Template);
    assert_eq!(request.recipient_type, None);
    let template = &request.template;
    assert_eq!(
        (template.name.as_str(), template.namespace.as_str()),
        ("testing_webhook_marketing", "9898912-121212")
    );
    assert_eq!(template.language.policy, V2LanguagePolicy::Deterministic);
    let [body_component] = template.components.as_deref().unwrap() else {
        panic!("one component")
    };
    assert_eq!(body_component.component_type, Some(V2ComponentType::Body));
    let texts: Vec<_> = body_component
        .parameters
        .iter()
        .flatten()
        .map(|p| (p.parameter_type.clone(), p.text.as_deref()))
        .collect();
    assert_eq!(
        texts,
        [
            (V2MessageType::Text, Some("hari ini")),
            (V2MessageType::Text, Some("Rp. 999999999"))
        ]
    );
    // Written back, it is the Go encoder's line, without its final newline.
    assert_eq!(request.to_json().unwrap(), body.trim_ascii_end());
}

#[test]
fn a_v2_media_header_and_a_button_are_read_and_written_back() {
    // The SDK's integration test sends an image by link in the header; a button has its
    // sub_type and index (the SDK's model: `v2/payload.go`).
    let body = br#"{"to":"6281","type":"template","template":{"name":"testing_webhook_with_image","language":{"policy":"deterministic","code":"id"},"namespace":"n","components":[{"type":"header","parameters":[{"type":"image","image":{"link":"https://storage.googleapis.com/flip-prod-assets/images/verif_email.png"}}]},{"type":"button","sub_type":"quick_reply","parameters":[{"type":"text","text":"ok"}],"index":0}]}}"#;
    let request = V2SendRequest::from_json(body).unwrap();
    let components = request.template.components.as_deref().unwrap();
    let image = components[0].parameters.as_deref().unwrap()[0]
        .image
        .as_ref()
        .unwrap();
    assert_eq!(
        image.link.as_deref(),
        Some("https://storage.googleapis.com/flip-prod-assets/images/verif_email.png")
    );
    assert_eq!(components[1].sub_type, Some(V2ButtonType::QuickReply));
    assert_eq!(components[1].index, Some(0));
    assert!(request.unrecognized().is_empty());
    assert_eq!(request.to_json().unwrap(), body);
}
