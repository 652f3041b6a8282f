//! Viva's payment events say exactly what happened (issue 29, point 6): for each
//! `StatusId` and each family of `TransactionTypeId`, a 1796 gives the kind the `event`
//! module's mapping table gives, and that table has the row; a 1796 in progress (`A`),
//! in error (`E`) or of a pre-authorization (type 1) is never `Captured`, and money paid
//! out never a charge.

use std::path::Path;

use provider_payloads::event::PaymentKind;
use provider_payloads::viva::{Message, StatusId, TransactionEventData, TransactionTypeId};

/// The kind of the payment a message of `event_type` gives, with `status` and `type_id`
/// (`None`: no `TransactionTypeId` at all).
fn kind(event_type: i64, status: &str, type_id: Option<i64>) -> PaymentKind {
    let type_id = type_id.map_or(String::new(), |id| format!(r#","TransactionTypeId":{id}"#));
    let body = format!(
        r#"{{"EventTypeId":{event_type},"EventData":{{"OrderCode":1,"TransactionId":"t",
        "StatusId":"{status}","Amount":10.00{type_id}}}}}"#
    );
    let message = Message::<TransactionEventData>::from_json(body.as_bytes()).unwrap();
    message.payment().unwrap().kind
}

/// The families of transaction types, each with its types: what the mapping table's
/// rows name.
fn families() -> Vec<(&'static str, Vec<TransactionTypeId>)> {
    let documented = TransactionTypeId::DOCUMENTED;
    let all = |test: fn(&TransactionTypeId) -> bool| -> Vec<TransactionTypeId> {
        documented.iter().copied().filter(test).collect()
    };
    vec![
        ("charge", all(TransactionTypeId::is_charge)),
        ("authorization", all(TransactionTypeId::is_authorization)),
        ("payout", all(TransactionTypeId::is_payout)),
        ("refund", all(TransactionTypeId::is_refund)),
        ("void", all(TransactionTypeId::is_void)),
    ]
}

/// What the mapping table gives a 1796 of `status`, of a type of `family` (`None`: no
/// type, or one no table lists), as its rows read.
fn expected(status: &str, family: Option<&str>) -> PaymentKind {
    match (status, family) {
        ("F", Some("charge")) => PaymentKind::Captured,
        ("F", Some("authorization")) => PaymentKind::Authorized,
        ("F", Some("payout")) => PaymentKind::PaidOut,
        ("F", Some("refund")) => PaymentKind::Refunded,
        ("F", Some("void")) => PaymentKind::Voided,
        ("F", _) => PaymentKind::Unknown,
        ("A", _) => PaymentKind::Pending,
        ("E", _) => PaymentKind::Failed,
        ("X", _) => PaymentKind::Voided,
        ("R", _) => PaymentKind::Refunded,
        ("M" | "MA" | "MI" | "ML" | "MW" | "MS", _) => PaymentKind::Disputed,
        ("C", Some("authorization")) => PaymentKind::Authorized,
        _ => PaymentKind::Unknown,
    }
}

/// The rows of the `event` module's mapping table about a Viva message of `event_type`.
fn rows(event_type: &str) -> Vec<String> {
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/event.rs"))
            .unwrap();
    source
        .lines()
        .filter(|line| line.starts_with("//! | Viva | message "))
        .filter(|line| {
            let messages = line.split('|').nth(2).unwrap_or_default();
            messages.contains(event_type)
        })
        .map(str::to_owned)
        .collect()
}

/// The numbers a row's cell names, whole.
fn numbers(cell: &str) -> Vec<i64> {
    cell.split(|c: char| !c.is_ascii_digit())
        .filter_map(|number| number.parse().ok())
        .collect()
}

/// Whether a row of the table gives `kind` to a 1796 of `status` and of the types
/// `types` (none: a row that names no type, or says "no `TransactionTypeId`").
fn table_has(status: &str, types: &[TransactionTypeId], kind: PaymentKind) -> bool {
    let named = format!("`{status}`");
    let kind_name = format!("PaymentKind::{kind:?}");
    rows("1796").iter().any(|row| {
        let cells: Vec<&str> = row.split('|').collect();
        let (value, event) = (cells[3], cells[4]);
        let kind_here = event.contains(&kind_name);
        let status_here = value.contains(&named) || value.contains("any other `StatusId`");
        let types_here = types.is_empty()
            || types
                .iter()
                .all(|type_id| numbers(value).contains(&type_id.code()))
            || value.contains("as 1797's");
        kind_here && status_here && types_here
    })
}

#[test]
fn each_status_and_type_family_of_a_1796_gives_the_kind_the_table_gives() {
    let families = families();
    let mut statuses: Vec<String> = StatusId::DOCUMENTED
        .iter()
        .map(|status| status.as_str().to_owned())
        .collect();
    statuses.push("Q".to_owned()); // a status no table lists
    for status in &statuses {
        for (family, types) in &families {
            assert!(!types.is_empty(), "{family}");
            for type_id in types {
                let kind = kind(1796, status, Some(type_id.code()));
                assert_eq!(
                    kind,
                    expected(status, Some(family)),
                    "1796, StatusId {status}, TransactionTypeId {} ({family})",
                    type_id.code()
                );
            }
            let kind = expected(status, Some(family));
            // The row names the status (or any other), the kind and, for the families
            // with their own row under `F`, every type of the family.
            let named_types: &[TransactionTypeId] =
                if status == "F" && matches!(*family, "charge" | "authorization" | "payout") {
                    types
                } else {
                    &[]
                };
            assert!(
                table_has(status, named_types, kind),
                "no row of the table gives {kind:?} to a 1796 of StatusId {status}, {family}"
            );
        }
        // No type at all, and a type no table lists (`Other`).
        for type_id in [None, Some(99)] {
            assert_eq!(
                kind(1796, status, type_id),
                expected(status, None),
                "1796, StatusId {status}, TransactionTypeId {type_id:?}"
            );
        }
        assert!(table_has(status, &[], expected(status, None)), "{status}");
    }
}

#[test]
fn in_progress_failed_or_a_hold_is_never_captured_and_money_out_never_a_charge() {
    let mut types: Vec<Option<i64>> = TransactionTypeId::DOCUMENTED
        .iter()
        .map(|type_id| Some(type_id.code()))
        .collect();
    types.extend([None, Some(99)]);
    for event_type in [1796, 1797, 1798] {
        for type_id in &types {
            for status in ["A", "E"] {
                assert_ne!(
                    kind(event_type, status, *type_id),
                    PaymentKind::Captured,
                    "{event_type}, {status}, {type_id:?}"
                );
            }
            for status in StatusId::DOCUMENTED {
                let kind = kind(event_type, status.as_str(), *type_id);
                let type_id = type_id.map(TransactionTypeId::from);
                if kind == PaymentKind::Captured {
                    assert_eq!(event_type, 1796);
                    assert_eq!(*status, StatusId::Finished);
                    assert!(type_id.is_some_and(|t| t.is_charge()), "{type_id:?}");
                }
                if type_id.is_some_and(|t| t.is_authorization() || t.is_payout()) {
                    assert_ne!(kind, PaymentKind::Captured, "{type_id:?}");
                }
            }
        }
    }
    // A charge is neither a hold nor money going out.
    for type_id in TransactionTypeId::DOCUMENTED {
        let families = [
            type_id.is_charge(),
            type_id.is_authorization(),
            type_id.is_payout(),
            type_id.is_refund(),
            type_id.is_void(),
        ];
        assert_eq!(
            families.iter().filter(|&&is| is).count(),
            1,
            "{type_id:?} is of one family"
        );
    }
    for (type_id, family) in [
        (1, "authorization"),
        (8, "payout"),
        (19, "payout"),
        (22, "payout"),
        (31, "payout"),
    ] {
        let type_id = TransactionTypeId::from(type_id);
        assert!(!type_id.is_charge(), "{type_id:?} is no charge");
        assert_eq!(
            family == "authorization",
            type_id.is_authorization(),
            "{type_id:?}"
        );
    }
}

#[test]
fn reversals_and_failures_give_the_kind_the_table_gives() {
    for status in StatusId::DOCUMENTED {
        // "Transaction Failed", whatever its status.
        assert_eq!(kind(1798, status.as_str(), Some(5)), PaymentKind::Failed);
    }
    assert_eq!(kind(1797, "F", Some(7)), PaymentKind::Voided);
    assert_eq!(kind(1797, "F", Some(4)), PaymentKind::Refunded);
    assert_eq!(kind(1797, "F", Some(99)), PaymentKind::Reversed);
    assert_eq!(kind(1797, "F", None), PaymentKind::Reversed);
    assert_eq!(kind(1797, "A", Some(4)), PaymentKind::Pending);
    assert_eq!(kind(1797, "E", Some(4)), PaymentKind::Failed);
    assert_eq!(kind(1797, "R", Some(4)), PaymentKind::Unknown);
    for (event_type, needle) in [
        ("1797", "[`PaymentKind::Voided`]"),
        ("1797", "[`PaymentKind::Refunded`]"),
        ("1797", "[`PaymentKind::Reversed`]"),
        ("1797", "[`PaymentKind::Pending`]"),
        ("1797", "[`PaymentKind::Failed`]"),
        ("1798", "[`PaymentKind::Failed`]"),
    ] {
        assert!(
            rows(event_type).iter().any(|row| row.contains(needle)),
            "no row of {event_type} gives {needle}"
        );
    }
    // Every row cites what it rests on: its last cell is not empty.
    for row in rows("17") {
        let cells: Vec<&str> = row.split('|').collect();
        assert!(cells.len() >= 7, "{row}");
        assert!(!cells[5].trim().is_empty(), "no source: {row}");
    }
}
