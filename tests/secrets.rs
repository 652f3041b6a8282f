//! Secrets never show: tokens, client secrets and the Basic header they make are absent
//! from `Debug` output and from every error message, and the callback's bearer token is
//! checked by the crate.

use provider_payloads::wappin::{CallbackToken, GetToken, TokenResponse};
use provider_payloads::{Payload, parse};

const TOKEN: &str = "d49865d016a32ab31734ed6972a818c41808c9f109c3614bec5da2508ef3be20";
const SECRET_KEY: &str = "89cb782a0a2fb41238330738ca8002ef6a7f3b2b";

/// Wappin's token answer sample, its `data` fields after the token as given.
fn token_response(after_token: &str) -> String {
    format!(
        r#"{{"status":"200","message":"Success","data":{{"access_token":"{TOKEN}"{after_token}}}}}"#
    )
}

fn assert_hidden(text: &str, what: &str) {
    for secret in [
        TOKEN,
        SECRET_KEY,
        &GetToken::new("9", SECRET_KEY).authorization(),
    ] {
        assert!(!text.contains(secret), "{what} shows a secret: {text}");
    }
    // Nor a part of one long enough to matter.
    assert!(
        !text.contains(&TOKEN[..16]),
        "{what} shows part of the token: {text}"
    );
}

#[test]
fn debug_output_hides_tokens_and_secrets() {
    let request = GetToken::new("9", SECRET_KEY);
    assert!(request.authorization().starts_with("Basic "));
    assert_hidden(&format!("{request:?}"), "GetToken's Debug");
    assert_hidden(&format!("{request:#?}"), "GetToken's pretty Debug");

    let body =
        token_response(r#","expired_datetime":"2019-07-20 16:21:51","token_type":"access_token""#);
    let answer = TokenResponse::from_json(body.as_bytes()).unwrap();
    let token = &answer.data.as_ref().unwrap().access_token;
    assert_eq!(token.expose(), TOKEN, "the token is read");
    assert_eq!(token.authorization(), format!("Bearer {TOKEN}"));
    assert_hidden(&format!("{answer:?}"), "TokenResponse's Debug");
    assert_hidden(&format!("{answer:#?}"), "TokenResponse's pretty Debug");

    let payload = parse(body.as_bytes(), "").unwrap();
    assert!(matches!(payload, Payload::Wappin(_)));
    assert_eq!(payload.kind(), "token response");
    assert_hidden(&format!("{payload:?}"), "Payload's Debug");
    // Written back, the token is there: the wire form is for the wire.
    assert!(
        String::from_utf8(payload.to_wire().unwrap())
            .unwrap()
            .contains(TOKEN)
    );

    let callback_token = CallbackToken::new(TOKEN).unwrap();
    assert_hidden(&format!("{callback_token:?}"), "CallbackToken's Debug");
}

#[test]
fn error_messages_hide_the_token_beside_a_broken_field() {
    for after_token in [
        r#","expired_datetime":"2019-02-31 16:21:51","token_type":"access_token""#,
        r#","expired_datetime":20190720,"token_type":"access_token""#,
        r#","expired_datetime":"2019-07-20 16:21:51","token_type":false"#,
        r#","expired_datetime":"2019-07-20 16:21:51","token_type":"access_token","#,
        r#","expired_datetime":"2019-07-20 16:21:51","token_type":"access_token"} trailing"#,
        r#","access_token":"again""#,
    ] {
        let body = token_response(after_token);
        let direct = TokenResponse::from_json(body.as_bytes()).unwrap_err();
        let detected = parse(body.as_bytes(), "").unwrap_err();
        for err in [direct, detected] {
            assert_hidden(&err.to_string(), "an error message");
            assert_hidden(&format!("{err:?}"), "an error's Debug");
        }
    }
}

#[test]
fn a_callback_is_authorized_only_by_its_whole_bearer_token() {
    let token = CallbackToken::new(TOKEN).unwrap();
    assert!(token.authorizes(format!("Bearer {TOKEN}").as_bytes()));
    assert!(!token.authorizes(format!("Bearer {}", &TOKEN[..TOKEN.len() - 1]).as_bytes()));
    assert!(!token.authorizes(format!("Bearer {TOKEN}0").as_bytes()));
    assert!(!token.authorizes(format!("Basic {TOKEN}").as_bytes()));
    assert!(!token.authorizes(TOKEN.as_bytes()));
}
