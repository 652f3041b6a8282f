//! Viva: the transaction event data of the document's samples, the type tables, the
//! source addresses, the retry policy and URL verification. (The message envelope and
//! the messages API come next; the whole samples become fixtures with them.)

use std::net::IpAddr;
use std::path::Path;

use chrono::{DateTime, Timelike};
use provider_payloads::ListUnrecognized;
use provider_payloads::viva::{
    Currency, DEMO_WEBHOOK_SOURCES, Environment, EventTypeId, PRODUCTION_WEBHOOK_SOURCES,
    RETRY_POLICY, TransactionEventData, TransactionTable, TransactionTypeId, Verification,
    is_webhook_source,
};
use rust_decimal::Decimal;
use serde_json::Value;

/// The `EventData` of "Create transaction (EventTypeId: 1796)", verbatim.
const CREATE_EVENT_DATA: &str = r#"{
	"Amount": 100.50,
	"CardNumber": "411111XXXXXX1111",
	"CardTypeId": 0,
	"ClientId": "90a7114f-3a7a-466b-8a45-000111222555",
	"CompanyName": "Viva Ηλεκτρονικές Υπηρεσίες",
	"CurrencyCode": 978,
	"CurrentInstallment": 0,
	"CustomerTrns": "Customer description",
	"Email": "customer@viva.gr",
	"FullName": "Customer FullName",
	"InsDate": "2014-06-18T14:20:30.45+03:00",
	"MerchantId": "90a7114f-3a7a-466b-8a45-000111222666",
	"MerchantTrns": "Merchant Reference",
	"OrderCode": 776027772607,
	"ParentId": "90a7114f-3a7a-466b-8a45-000111222777",
	"ResellerCompanyName": "Παπασωτηρίου",
	"ResellerId": "90a7114f-3a7a-466b-8a45-000111222888",
	"ResellerSourceAddress": "Πανεπιστημίου 37 και Κοραή, Αθήνα",
 	"ResellerSourceCode": "2233",
	"ResellerSourceName": "Πανεπιστημίου",
	"SourceCode": "Default",
	"StatusId": "F",
	"TotalCommission": 2.71,
	"TotalFee": 0.50,
	"TotalInstallments": 0,
	"TransactionId": "90a7114f-3a7a-466b-8a45-000111222888",
	"TransactionTypeId": 5
  }"#;

/// The `EventData` of "Cancel / refund transaction (EventTypeId: 1797)", verbatim.
const REFUND_EVENT_DATA: &str = r#"{
	"Amount": -100.50,
	"CardNumber": "411111XXXXXX1111",
	"CardTypeId": 0,
	"ClientId": "90a7114f-3a7a-466b-8a45-000111222555",
	"CompanyName": "Viva Ηλεκτρονικές Υπηρεσίες",
	"CurrencyCode": 978,
	"CurrentInstallment": 0,
	"CustomerTrns": "Customer description",
	"Email": "customer@viva.gr",
	"FullName": "Customer FullName",
	"InsDate": "2014-06-18T14:20:30.45+03:00",
	"MerchantId": "90a7114f-3a7a-466b-8a45-000111222666",
	"MerchantTrns": "Merchant Reference",
	"OrderCode": 776027772607,
	"ParentId": "90a7114f-3a7a-466b-8a45-000111222777",
	"ResellerCompanyName": "Παπασωτηρίου",
	"ResellerId": "90a7114f-3a7a-466b-8a45-000111222888",
	"ResellerSourceAddress": "Πανεπιστημίου 37 και Κοραή, Αθήνα",
 	"ResellerSourceCode": "2233",
	"ResellerSourceName": "Πανεπιστημίου",
	"SourceCode": "Default",
	"StatusId": "F",
	"TotalCommission": -2.71,
	"TotalFee": -0.50,
	"TotalInstallments": 0,
	"TransactionId": "90a7114f-3a7a-466b-8a45-000111222888",
	"TransactionTypeId": 7
  }"#;

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn the_samples_event_data_is_exact() {
    for (body, sign) in [(CREATE_EVENT_DATA, 1), (REFUND_EVENT_DATA, -1)] {
        let data = TransactionEventData::from_json(body.as_bytes()).unwrap();
        assert_eq!(data.amount, Decimal::new(sign * 10050, 2));
        assert_eq!(data.total_commission, Some(Decimal::new(sign * 271, 2)));
        assert_eq!(data.total_fee, Some(Decimal::new(sign * 50, 2)));
        assert_eq!(data.ins_date.naive_local().nanosecond(), 450_000_000);
        assert_eq!(
            data.ins_date.offset().map(|o| o.local_minus_utc()),
            Some(3 * 3600)
        );
        assert_eq!(data.currency_code, Currency::new(978));
        assert_eq!(data.currency_code.alphabetic(), Some("EUR"));
        assert_eq!(data.order_code, 776_027_772_607);
        assert_eq!(data.card_number.as_deref(), Some("411111XXXXXX1111"));
        assert_eq!(
            data.company_name.as_deref(),
            Some("Viva Ηλεκτρονικές Υπηρεσίες")
        );
        assert_eq!(
            data.reseller_source_address.as_deref(),
            Some("Πανεπιστημίου 37 και Κοραή, Αθήνα")
        );
        assert!(data.unrecognized().is_empty(), "{:?}", data.unrecognized());

        let written = data.to_json().unwrap();
        assert_eq!(json(&written), json(body.as_bytes()));
        // The amounts keep their digits, as numbers.
        let text = String::from_utf8(written).unwrap();
        for amount in ["100.50", "2.71", "0.50"] {
            assert!(
                text.contains(&format!(":{}{amount}", if sign < 0 { "-" } else { "" })),
                "{text}"
            );
        }
        assert!(
            text.contains(r#""InsDate":"2014-06-18T14:20:30.45+03:00""#),
            "{text}"
        );
    }
    let create = TransactionEventData::from_json(CREATE_EVENT_DATA.as_bytes()).unwrap();
    let refund = TransactionEventData::from_json(REFUND_EVENT_DATA.as_bytes()).unwrap();
    assert_eq!(create.transaction_type_id, TransactionTypeId::ChargeCard);
    assert_eq!(
        create.transaction_type_id.table(),
        Some(TransactionTable::Payment)
    );
    assert_eq!(refund.transaction_type_id, TransactionTypeId::VoidCard);
    assert_eq!(
        refund.transaction_type_id.table(),
        Some(TransactionTable::Reversal)
    );
}

#[test]
fn real_webhooks_event_data_parses_and_writes_back() {
    // Real 1796 webhooks (../shared/realworld/viva): nulls, "978" in a string, InsDate with
    // no offset, many properties the document does not list.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realworld/viva");
    if !dir.is_dir() {
        eprintln!("note: {} is absent: not tested", dir.display());
        return;
    }
    let mut read = 0;
    for name in [
        "payment_created_real_capture_stadem_demo_compact.json",
        "payment_created_sebdesign_stub.json",
        "payment_created_sebdesign_stub_v6_no_retry.json",
    ] {
        let message = json(&std::fs::read(dir.join(name)).unwrap());
        let body = serde_json::to_vec(&message["EventData"]).unwrap();
        let data = TransactionEventData::from_json(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(data.ins_date.offset(), None, "{name}");
        assert_eq!(data.currency_code.alphabetic(), Some("EUR"));
        assert!(!data.unknown_fields().is_empty());
        assert_eq!(json(&data.to_json().unwrap()), json(&body), "{name}");
        read += 1;
    }
    assert_eq!(read, 3);
}

#[test]
fn bad_amounts_and_dates_are_refused_with_the_field() {
    let with = |field: &str, value: &str| {
        let mut data: Value = serde_json::from_str(CREATE_EVENT_DATA).unwrap();
        data[field] = serde_json::from_str(value).unwrap();
        let err = TransactionEventData::from_json(&serde_json::to_vec(&data).unwrap()).unwrap_err();
        assert_eq!(err.path(), Some(field), "{err}");
        err.to_string()
    };
    assert!(with("Amount", r#""abc""#).contains("decimal number"));
    assert!(with("Amount", r#""100.50""#).contains("decimal number"));
    assert!(with("InsDate", r#""2014-06-18""#).contains("2014-06-18T14:20:30.45+03:00"));
    assert!(with("CurrencyCode", "1978").contains("ISO 4217"));
    assert!(with("OrderCode", "776027772607.5").contains("u64"));
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
        assert_eq!(id.description().is_some(), table.is_some(), "{code}");
        assert_eq!(id.code(), code);
    }
    assert_eq!(TransactionTypeId::DOCUMENTED.len(), 11);
    assert_eq!(
        EventTypeId::from_code(1796),
        EventTypeId::TransactionPaymentCreated
    );
    assert_eq!(
        EventTypeId::from_code(1797),
        EventTypeId::TransactionReversalCreated
    );
    assert_eq!(EventTypeId::from_code(1798), EventTypeId::Other(1798));
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
        for ip in own {
            assert!(is_webhook_source(IpAddr::V4(*ip), environment), "{ip}");
            let mapped: IpAddr = IpAddr::V6(ip.to_ipv6_mapped());
            assert!(is_webhook_source(mapped, environment), "{mapped}");
        }
        for ip in other {
            assert!(!is_webhook_source(IpAddr::V4(*ip), environment), "{ip}");
        }
        for ip in [
            "127.0.0.1",
            "51.138.37.239",
            "13.80.70.18",
            "::1",
            "0.0.0.0",
        ] {
            assert!(!is_webhook_source(ip.parse().unwrap(), environment), "{ip}");
        }
    }
    if let Ok(seed) = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/003_3f137d6cfb0f4daf.txt"),
    ) {
        let listed = |from: &str, to: &str| -> Vec<String> {
            let start = seed.find(from).unwrap();
            let end = seed[start..].find(to).map_or(seed.len(), |end| start + end);
            seed[start..end]
                .lines()
                .filter_map(|line| line.trim().strip_prefix("• "))
                .map(str::to_owned)
                .collect()
        };
        let as_text =
            |ips: &[std::net::Ipv4Addr]| ips.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(
            listed("Production:", "Demo:"),
            as_text(&PRODUCTION_WEBHOOK_SOURCES)
        );
        assert_eq!(
            listed("Demo:", "Detailed usage"),
            as_text(&DEMO_WEBHOOK_SOURCES)
        );
    }
}

#[test]
fn retries_may_arrive_until_three_days_after_created() {
    let created = DateTime::parse_from_rfc3339("2014-06-18T14:20:30.45+03:00").unwrap();
    let until = RETRY_POLICY.retries_until(created).unwrap();
    assert_eq!(until - created, chrono::TimeDelta::hours(72));
    assert_eq!(RETRY_POLICY.max_retries, 72);
    assert_eq!(RETRY_POLICY.success_status, 200);
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
}
