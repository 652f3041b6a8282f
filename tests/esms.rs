//! eSMS behaviour beyond the fixtures: each form of `error_info`, keys in any letter
//! case, the three ways a callback is held (URL, query, `?`+query), writing back, and
//! keys the document does not name.

mod common;

use std::path::Path;
use std::str::FromStr;

use provider_payloads::esms::{Callback, SendStatus, Telco, TypeId, ZaloMessageStatus};
use provider_payloads::{Error, ListUnrecognized, UnrecognizedKind};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/esms")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

const VIBER: &str = "SMSID=849fe08c19294b02857cf91687021a50250&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=470.0000&TotalReceiver=1&TotalSent=1&RequestId=&TypeId=23&telcoid=2&phonenumber=0901888484";

#[test]
fn the_zns_sample_gives_zalo_error_minus_114_and_its_message() {
    let callback = Callback::from_query(&fixture("zns_type25_failed_minus114.query")).unwrap();
    let info = callback.error_info.as_ref().unwrap();
    let zalo = info.zalo().unwrap();
    assert_eq!(zalo.error, -114);
    assert_eq!(
        zalo.message.as_deref(),
        Some(
            "User is inactive, or reject the message, or using an outdated Zalo version, or other internal errors"
        )
    );
    assert_eq!(zalo.data, None);
    assert_eq!(info.time(), None);
    assert_eq!(
        info.raw().chars().next(),
        Some('"'),
        "the quoted form is kept as it came"
    );
    assert_eq!(callback.partner_ids, None, "`partnerids=` is empty");
    assert_eq!(callback.oa_id.as_deref(), Some("1397492183140006179"));
    assert_eq!(callback.temp_id.as_deref(), Some("2056446"));
    assert_eq!(callback.send_failed, Some(1));
    assert_eq!(callback.type_id, Some(TypeId::ZnsCustomerCare));
}

#[test]
fn the_consulting_sample_gives_the_zalo_result_the_exact_user_id_and_the_time() {
    let callback = Callback::from_query(&fixture("zalo_consulting_type26.query")).unwrap();
    let info = callback.error_info.as_ref().unwrap();
    let zalo = info.zalo().unwrap();
    assert_eq!(zalo.error, 0);
    assert_eq!(zalo.message.as_deref(), Some("Success"));
    let data = zalo.data.as_ref().unwrap();
    assert_eq!(data.message_id.as_deref(), Some("e1a60e8890be9de4c4ab"));
    assert_eq!(data.user_id.as_deref(), Some("31215806834323092"));
    assert_eq!(
        info.time(),
        chrono::NaiveDate::from_ymd_opt(2024, 4, 24)
            .unwrap()
            .and_hms_opt(16, 58, 1)
    );
    assert_eq!(callback.type_id, Some(TypeId::ZaloConsultingOrTransaction));
    assert_eq!(callback.phone_number.as_deref(), Some("312158068343230"));
    assert_eq!(callback.total_price.unwrap().to_string(), "60.0000");
    assert!(callback.unrecognized().is_empty());
}

#[test]
fn error_info_as_plain_json_with_raw_braces_is_read_and_written_back() {
    let query = format!(
        "{VIBER}&error_info={{%22error%22%3A0%2C%22message%22%3A%22Success%22%2C%22data%22%3A{{%22delivery_time%22%3Anull%2C%22status%22%3A1%2C%22seen%22%3Atrue}}}}"
    );
    let callback = Callback::from_query(&query).unwrap();
    let zalo = callback.error_info.as_ref().unwrap().zalo().unwrap();
    assert_eq!((zalo.error, zalo.message.as_deref()), (0, Some("Success")));
    let data = zalo.data.as_ref().unwrap();
    assert_eq!(data.status, Some(ZaloMessageStatus::Delivered));
    assert_eq!(data.delivery_time, None);
    // Fields of Zalo's data the document does not show are kept and listed.
    let found: Vec<_> = callback
        .unrecognized()
        .into_iter()
        .map(|u| u.path)
        .collect();
    assert_eq!(found, ["error_info.data.seen"]);
    common::assert_same_query(
        query.as_bytes(),
        callback.to_query().as_bytes(),
        Path::new("raw braces"),
    );
}

#[test]
fn error_info_that_fits_no_form_is_kept_raw_and_listed() {
    let callback = Callback::from_query(&format!("{VIBER}&error_info=gateway%20timeout")).unwrap();
    let info = callback.error_info.as_ref().unwrap();
    assert_eq!(info.zalo(), None);
    assert_eq!(info.raw(), "gateway timeout");
    let found = callback.unrecognized();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "error_info");
    assert_eq!(
        found[0].kind,
        UnrecognizedKind::Value {
            value: "gateway timeout".to_owned()
        }
    );
    assert!(
        callback
            .to_query()
            .ends_with("&error_info=gateway%20timeout")
    );
}

#[test]
fn a_url_a_query_and_a_question_mark_query_parse_to_equal_values() {
    for name in common::files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/esms"),
        "query",
    ) {
        let query = std::fs::read_to_string(&name).unwrap();
        let query = query.trim();
        let from_query = Callback::from_query(query).unwrap();
        for variant in [
            format!("?{query}"),
            format!("  ?{query}\n"),
            format!("{query}\r\n"),
        ] {
            assert_eq!(
                Callback::from_query(&variant).unwrap(),
                from_query,
                "{}",
                name.display()
            );
        }
        for url in [
            format!("https://example.com/esms/callback?{query}"),
            format!("/esms/callback?{query}"),
            format!("https://example.com/hook?{query}#fragment"),
        ] {
            assert_eq!(
                Callback::from_url(&url).unwrap(),
                from_query,
                "{}",
                name.display()
            );
        }
    }
    assert!(matches!(
        Callback::from_url("https://example.com/hook"),
        Err(Error::NoKind { .. })
    ));
}

#[test]
fn to_query_parses_back_to_an_equal_value_for_every_fixture() {
    for name in common::files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/esms"),
        "query",
    ) {
        let callback = Callback::from_query(&std::fs::read_to_string(&name).unwrap()).unwrap();
        let again = Callback::from_query(&callback.to_query()).unwrap();
        assert_eq!(again, callback, "{}", name.display());
        assert_eq!(again.to_query(), callback.to_query());
    }
}

#[test]
fn keys_match_whatever_their_case_and_keep_their_spelling() {
    let query = "smsid=abc&SENDSTATUS=4&Totalprice=12.50&TELCOID=7&PhoneNumber=0901&TYPEID=24";
    let callback = Callback::from_query(query).unwrap();
    assert_eq!(callback.sms_id, "abc");
    assert_eq!(callback.send_status, SendStatus::Rejected);
    assert_eq!(callback.total_price.unwrap().to_string(), "12.50");
    assert_eq!(callback.telco, Some(Telco::Reddi));
    assert_eq!(callback.type_id, Some(TypeId::ZnsOtp));
    assert_eq!(callback.phone_number.as_deref(), Some("0901"));
    assert!(callback.unrecognized().is_empty());
    assert_eq!(callback.to_query(), query);
}

#[test]
fn unknown_keys_are_kept_in_order_and_repeats_are_kept_and_listed() {
    let query = format!("{VIBER}&campaign=spring%20sale&SendStatus=4&x=&smsid=other");
    let callback = Callback::from_query(&query).unwrap();
    assert_eq!(
        callback.send_status,
        SendStatus::SentSuccessfully,
        "the first SendStatus wins"
    );
    assert_eq!(callback.sms_id, "849fe08c19294b02857cf91687021a50250");
    let unknown: Vec<_> = callback.unknown_parameters().collect();
    assert_eq!(
        unknown,
        [
            ("campaign", "spring sale"),
            ("SendStatus", "4"),
            ("x", ""),
            ("smsid", "other")
        ]
    );
    let paths: Vec<_> = callback
        .unrecognized()
        .into_iter()
        .map(|u| u.path)
        .collect();
    assert_eq!(paths, ["campaign", "SendStatus", "x", "smsid"]);
    assert_eq!(
        callback.to_query(),
        format!("{VIBER}&campaign=spring%20sale&SendStatus=4&x=&smsid=other")
    );
    assert!(matches!(
        Callback::from_query_strict(&query),
        Err(Error::Unrecognized { .. })
    ));
    assert!(Callback::from_query_strict(VIBER).is_ok());
}

#[test]
fn codes_agree_between_the_query_from_str_and_display() {
    for (status, expected) in [
        ("1", SendStatus::PendingApproval),
        ("2", SendStatus::WaitingToSend),
        ("4", SendStatus::Rejected),
        ("5", SendStatus::SentSuccessfully),
        ("7", SendStatus::SentToTelco),
        ("3", SendStatus::Other(3)),
    ] {
        let callback =
            Callback::from_query(&VIBER.replace("SendStatus=5", &format!("SendStatus={status}")))
                .unwrap();
        assert_eq!(callback.send_status, expected);
        assert_eq!(SendStatus::from_str(status).unwrap(), expected);
        assert_eq!(expected.to_string(), status);
    }
    // What the query refuses, `FromStr` refuses too: these would be written back as `5`.
    for status in ["05", "+5", "-0", "5.0", ""] {
        let query = VIBER.replace("SendStatus=5", &format!("SendStatus={status}"));
        assert!(Callback::from_query(&query).is_err(), "{status:?}");
        let err = SendStatus::from_str(status).unwrap_err();
        assert_eq!(err.text(), status);
        assert!(err.to_string().contains("SendStatus"), "{err}");
    }
    let documented_types: Vec<i64> = TypeId::DOCUMENTED.iter().map(TypeId::code).collect();
    assert_eq!(documented_types, [1, 2, 23, 24, 25, 26, 27]);
    let documented_telcos: Vec<i64> = Telco::DOCUMENTED.iter().map(Telco::code).collect();
    assert_eq!(documented_telcos, [1, 2, 3, 4, 5, 6, 7, 9]);
    let callback = Callback::from_query(&VIBER.replace("telcoid=2", "telcoid=8")).unwrap();
    assert_eq!(callback.telco, Some(Telco::Other(8)));
    assert_eq!(callback.unrecognized()[0].path, "telcoid");
}

#[test]
fn empty_values_are_none_and_come_back_empty() {
    let callback = Callback::from_query(&fixture("customer_care_sms_type2.query")).unwrap();
    assert_eq!(callback.request_id, None);
    assert_eq!(callback.switch_sms_id, None);
    let written = callback.to_query();
    assert!(written.contains("&RequestId=&"), "{written}");
    assert!(written.ends_with("&switchsmsid="), "{written}");
    assert_eq!(
        callback.sms_id, "dc712784-9c5f-4c69-b9a8-ea69d56adc9a87",
        "not a UUID, kept as sent"
    );
}

#[test]
fn a_price_keeps_every_decimal_it_was_sent_with() {
    let callback = Callback::from_query(&fixture("promo_sms_type1.query")).unwrap();
    assert_eq!(callback.total_price.unwrap().to_string(), "696987.0000");
    assert_eq!(callback.total_receiver, Some(169));
    assert_eq!(callback.telco, None);
    assert_eq!(callback.phone_number, None);
}

#[test]
fn every_number_comes_back_whole_at_its_longest() {
    let query = "SMSID=x&SendStatus=-9223372036854775808&SendSuccess=18446744073709551615\
                 &SendFailed=0&TotalPrice=-7.9228162514264337593543950335\
                 &TotalReceiver=18446744073709551615&TotalSent=18446744073709551615\
                 &TypeId=9223372036854775807&telcoid=-1";
    let callback = Callback::from_query(query).unwrap();
    assert_eq!(callback.to_query(), query);
    let query = query.replace(
        "-7.9228162514264337593543950335",
        "-0.0000000000000000000000000001",
    );
    assert_eq!(Callback::from_query(&query).unwrap().to_query(), query);
    let query = query.replace("-0.0000000000000000000000000001", "-0.0000");
    assert_eq!(Callback::from_query(&query).unwrap().to_query(), query);
}

#[test]
fn a_price_that_would_not_come_back_the_same_is_refused() {
    // rust_decimal alone reads these, as 1000, 5, 0.5 and 470: written back, the value
    // would differ from what eSMS sent.
    for price in ["1_000", "%2B5", ".5", "470."] {
        let query = VIBER.replace("TotalPrice=470.0000", &format!("TotalPrice={price}"));
        let err = Callback::from_query(&query).unwrap_err();
        assert_eq!(err.path(), Some("TotalPrice"), "{price}");
    }
}

#[test]
fn errors_name_the_key_and_the_problem() {
    let err = Callback::from_query(&VIBER.replace("TotalSent=1", "TotalSent=lots")).unwrap_err();
    assert_eq!(err.path(), Some("TotalSent"));
    assert_eq!(
        err.to_string(),
        "esms callback: `TotalSent`: expected a count (digits), found `lots`"
    );
    let err = Callback::from_query(&format!("{VIBER}&error_info=%7B%22error")).unwrap_err();
    assert_eq!(err.path(), Some("error_info"));
}

#[test]
fn many_repeated_and_unknown_keys_are_all_kept_in_one_pass() {
    // 200 000 pairs: telling a repeat must not scan the pairs before it.
    let mut query = VIBER.to_owned();
    for i in 0..100_000 {
        query.push_str(&format!("&SendStatus=4&k{i}=v"));
    }
    // Over the default limit of 2 MiB, which refuses it unread.
    assert!(matches!(
        Callback::from_query(&query),
        Err(provider_payloads::Error::TooLarge { .. })
    ));
    let limits = provider_payloads::Limits::new().body(query.len());
    let callback = Callback::from_query_with(&query, &limits).unwrap();
    assert_eq!(callback.send_status, SendStatus::SentSuccessfully);
    assert_eq!(callback.unknown_parameters().len(), 200_000);
    assert_eq!(callback.to_query(), query);
}

#[test]
fn an_error_info_of_white_space_is_kept_and_written_back() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/esms/error_info_space.query");
    let query = std::fs::read_to_string(&path).unwrap();
    let callback = Callback::from_query(&query).unwrap();
    let info = callback.error_info.as_ref().unwrap();
    assert_eq!((info.raw(), info.zalo()), (" ", None));
    let written = callback.to_query();
    common::assert_same_query(query.as_bytes(), written.as_bytes(), &path);
    assert_eq!(Callback::from_query(&written).unwrap(), callback);
}

/// GetCallback's sample, as eSMS's document prints it.
fn get_callback() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/esms/getcallback_response.json"),
    )
    .unwrap()
}

#[test]
fn a_getcallback_record_is_the_callback_esms_would_have_sent() {
    let answer = provider_payloads::esms::GetCallbackResponse::from_json(&get_callback()).unwrap();
    let [record] = answer.callbacks() else {
        panic!("one record")
    };
    // The record's values, typed as the query's are.
    assert_eq!(record.send_status, SendStatus::SentSuccessfully);
    assert_eq!(
        (record.send_success, record.send_failed),
        (Some(0), Some(1))
    );
    assert_eq!(record.total_price.unwrap().to_string(), "0.0");
    assert_eq!(record.request_id, None);
    assert_eq!(record.telco, Some(Telco::Viettel));
    assert_eq!(record.temp_id.as_deref(), Some("228386"));
    assert_eq!(record.oa_id.as_deref(), Some("1090257973118325189"));
    assert_eq!(
        record.callback_url.as_deref(),
        Some("https://api.esms.vn/zalo-zns/zns/receive-callback")
    );
    // As a query, it is the callback eSMS's GET would have carried: read back, the same
    // values and the same event.
    let query = record.to_query();
    assert!(
        query.starts_with("SMSID=4a496110-9fd3-4838-ac8b-bcaa36616f7011&SendFailed=1&SendStatus=5&SendSuccess=0&TotalPrice=0.0&TotalReceiver=1&TotalSent=1&TypeId=25&telcoid=1&phonenumber=0909090909&CallbackUrl="),
        "{query}"
    );
    let callback = Callback::from_query(&query).unwrap();
    assert_eq!(callback.event(), record.event());
    assert_eq!(
        (
            &callback.error_info,
            &callback.temp_id,
            &callback.partner_ids
        ),
        (&record.error_info, &record.temp_id, &record.partner_ids)
    );
    // Written as JSON, a callback read from a query is a record, read back alike.
    let json = serde_json::to_string(&callback).unwrap();
    let again: Callback = serde_json::from_str(&json).unwrap();
    assert_eq!(again.event(), record.event());
    assert_eq!(again.to_query(), query);
}

#[test]
fn a_getcallback_record_is_written_back_as_it_came_and_lists_in_its_own_names() {
    let body = String::from_utf8(get_callback())
        .unwrap()
        .replacen(r#""Telcoid": 1"#, r#""Telcoid": "8", "Extra": [1]"#, 1)
        .replacen(
            r#""Partnerids": "7984e9b198c40e9957d6""#,
            r#""Partnerids": """#,
            1,
        );
    let answer = provider_payloads::esms::GetCallbackResponse::from_json(body.as_bytes()).unwrap();
    let record = &answer.callbacks()[0];
    assert_eq!(record.telco, Some(Telco::Other(8)));
    assert_eq!(
        record.partner_ids, None,
        "`\"\"` means absent, as in the query"
    );
    let found: Vec<String> = answer
        .unrecognized()
        .iter()
        .map(|u| u.path.clone())
        .collect();
    assert_eq!(
        found,
        ["Data_callback[0].Telcoid", "Data_callback[0].Extra"]
    );
    common::assert_same_json(
        body.as_bytes(),
        &answer.to_json().unwrap(),
        Path::new("the record with changes"),
    );
}
