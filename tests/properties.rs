//! Properties, with proptest: generated payloads of every kind round-trip exactly,
//! variants of every JSON fixture (keys reordered, spacing, one more key) are read as the
//! fixture is, and mutated fixtures never panic.
//!
//! The payloads are generated from the providers' samples: each field of a sample is
//! probed once for what the crate accepts there (any text, digits, a decimal, an integer,
//! a date in the sample's layout, each number also in a string and each text also as an
//! integer, by the crate's one rule for scalars), each object for whether it keeps
//! unknown fields, and every case then draws a new value for every field, in either
//! spelling, and adds unknown fields with arbitrary JSON. Free text in a status or type
//! field is an undocumented value (`Other`). The property: whatever parses, written back,
//! parses to the same value, and writes the same bytes again.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use provider_payloads::{ListUnrecognized, Payload, esms, nxcloud, parse, viva, wappin};
use serde_json::Value;

mod common;

/// What a field of a sample accepts, found by probing.
#[derive(Clone, Debug)]
enum Class {
    /// Any text (JSON string), undocumented values included, or a JSON integer.
    Text,
    /// A string of this many digits (a count, a code or an id sent as a string), or the
    /// same digits as a JSON integer where they have no leading zero.
    Digits(usize),
    /// A string date and time in the sample's layout (`2023-07-13 15:12:11`,
    /// `2014-06-18T14:20:30.45+03:00`): the digits of its date and time are redrawn.
    DateTime(String),
    /// A JSON integer up to this value, or a string of its digits.
    Integer(u64),
    /// A JSON number with cents, or a string of its digits.
    Decimal,
    /// `true` or `false`.
    Bool,
    /// Nothing else the probes tried: kept as it is.
    Keep,
}

/// A JSON sample's fields (as JSON pointers) and objects, probed.
struct JsonSample {
    name: String,
    kind: &'static str,
    value: Value,
    leaves: Vec<(String, Class)>,
    /// Objects that keep unknown fields.
    open: Vec<String>,
    /// Fields that take their values in one spelling only: none, by the crate's rule.
    one_spelling: Vec<String>,
}

fn reads_as(value: &Value, kind: &str) -> bool {
    let body = serde_json::to_vec(value).unwrap();
    parse(&body, "").is_ok_and(|payload| payload.kind() == kind)
}

fn with(value: &Value, pointer: &str, leaf: Value) -> Value {
    let mut changed = value.clone();
    *changed.pointer_mut(pointer).unwrap() = leaf;
    changed
}

/// `dddd-dd-dd` then optionally `T` or ` ` and `dd:dd:dd`: the layouts of the samples.
fn date_layout(text: &str) -> bool {
    let shape: String = text
        .chars()
        .map(|c| if c.is_ascii_digit() { 'd' } else { c })
        .collect();
    shape.starts_with("dddd-dd-dd")
        && (shape.len() == 10
            || shape
                .get(10..19)
                .is_some_and(|t| t == "Tdd:dd:dd" || t == " dd:dd:dd"))
}

const PROBE_TEXT: &str = "zZ é\"\\\n\u{0}✓";

/// What the field at `pointer` of `value` accepts, and whether it also takes the other
/// spelling of its values (the rule: a number in a string, text as an integer).
fn probe(value: &Value, pointer: &str, leaf: &Value, kind: &str) -> (Class, bool) {
    let accepts = |candidate: Value| reads_as(&with(value, pointer, candidate), kind);
    let either = |spelt: &[Value]| spelt.iter().all(|candidate| accepts(candidate.clone()));
    match leaf {
        Value::String(text) => {
            if accepts(Value::String(PROBE_TEXT.to_owned())) {
                (Class::Text, either(&[Value::from(7), Value::from(0)]))
            } else if date_layout(text) {
                // A date field refuses free text: its dates are drawn in its layout.
                (Class::DateTime(text.clone()), true)
            } else if !text.is_empty()
                && text.bytes().all(|b| b.is_ascii_digit())
                && accepts(Value::String("9".repeat(text.len())))
                && accepts(Value::String("0".repeat(text.len())))
            {
                // As a number, the longest digits that fit a `u64` (19 nines).
                let nines = "9".repeat(text.len().min(19)).parse::<u64>().unwrap();
                (Class::Digits(text.len()), either(&[Value::from(nines)]))
            } else {
                (Class::Keep, true)
            }
        }
        Value::Number(number) if number.is_u64() => {
            for max in [u64::from(u32::MAX), 65_535, 255] {
                if accepts(Value::from(max)) && accepts(Value::from(0)) {
                    let spelt = [Value::String(max.to_string()), Value::String("0".into())];
                    return (Class::Integer(max), either(&spelt));
                }
            }
            (Class::Keep, true)
        }
        Value::Number(_) if accepts(Value::from(7.25)) && accepts(Value::from(0.01)) => (
            Class::Decimal,
            either(&[Value::String("7.25".into()), Value::String("0.01".into())]),
        ),
        Value::Bool(b) if accepts(Value::Bool(!b)) => (Class::Bool, true),
        _ => (Class::Keep, true),
    }
}

fn leaves(
    value: &Value,
    pointer: String,
    found: &mut Vec<(String, Value)>,
    objects: &mut Vec<String>,
) {
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    match value {
        Value::Object(map) => {
            objects.push(pointer.clone());
            for (key, child) in map {
                leaves(child, format!("{pointer}/{}", escape(key)), found, objects);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                leaves(child, format!("{pointer}/{index}"), found, objects);
            }
        }
        leaf => found.push((pointer, leaf.clone())),
    }
}

fn json_sample(fixture: &common::Request) -> JsonSample {
    let value: Value = serde_json::from_slice(&fixture.body).unwrap();
    let kind = parse(&fixture.body, "").unwrap().kind();
    let (mut found, mut objects) = (Vec::new(), Vec::new());
    leaves(&value, String::new(), &mut found, &mut objects);
    let mut one_spelling = Vec::new();
    let leaves = found
        .iter()
        .map(|(pointer, leaf)| {
            let (class, either) = probe(&value, pointer, leaf, kind);
            if !either {
                one_spelling.push(pointer.clone());
            }
            (pointer.clone(), class)
        })
        .collect();
    let open = objects
        .into_iter()
        .filter(|pointer| {
            let mut changed = value.clone();
            let Some(Value::Object(map)) = changed.pointer_mut(pointer) else {
                return false;
            };
            // Any JSON, not a number: a map of text (Wappin's parameters) takes an
            // integer by the rule for scalars, and keeps no unknown field.
            map.insert("zz_probe".to_owned(), serde_json::json!([{"a": true}]));
            reads_as(&changed, kind)
        })
        .collect();
    JsonSample {
        name: common::name(fixture),
        kind,
        value,
        leaves,
        open,
        one_spelling,
    }
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..12).prop_map(|chars| chars.into_iter().collect())
}

fn digits(len: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0u8..10, len)
        .prop_map(|d| d.into_iter().map(|d| char::from(b'0' + d)).collect())
}

/// The sample's date with its date and time drawn anew (fraction digits too).
fn date_time(sample: String) -> impl Strategy<Value = String> {
    (
        1971u32..2099,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
        digits(sample.len()),
    )
        .prop_map(move |(y, mo, d, h, mi, s, fraction)| {
            let head = format!(
                "{y:04}-{mo:02}-{d:02}{}{h:02}:{mi:02}:{s:02}",
                sample.get(10..11).unwrap_or(" ")
            );
            let mut text = head.get(..sample.len().min(head.len())).unwrap().to_owned();
            // After the time: a fraction's digits are redrawn, the rest (a zone) kept.
            let mut rest = sample.get(text.len()..).unwrap_or("").chars().peekable();
            if rest.peek() == Some(&'.') {
                text.push(rest.next().unwrap());
                let mut fraction = fraction.chars();
                while rest.peek().is_some_and(char::is_ascii_digit) {
                    rest.next();
                    text.push(fraction.next().unwrap());
                }
            }
            text.extend(rest);
            text
        })
}

/// Any JSON value, a few levels deep: what an unknown field may hold.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((unknown_key(), inner), 0..4)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// A key no document uses.
fn unknown_key() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::char::range('a', 'z'), 1..8)
        .prop_map(|chars| format!("zz_{}", chars.into_iter().collect::<String>()))
}

/// `digits` as a JSON integer, where that is the same text: no leading zero, within
/// a `u64`.
fn as_integer(digits: &str) -> Option<Value> {
    let number: u64 = digits.parse().ok()?;
    (number.to_string() == digits).then(|| Value::from(number))
}

fn leaf(class: &Class, original: &Value) -> BoxedStrategy<Value> {
    match class.clone() {
        Class::Text => prop_oneof![
            3 => text().prop_map(Value::String),
            1 => any::<i64>().prop_map(Value::from),
        ]
        .boxed(),
        Class::Digits(len) => (digits(len), any::<bool>())
            .prop_map(|(digits, as_number)| match as_integer(&digits) {
                Some(number) if as_number => number,
                _ => Value::String(digits),
            })
            .boxed(),
        Class::DateTime(sample) => date_time(sample).prop_map(Value::String).boxed(),
        Class::Integer(max) => (0..=max, any::<bool>())
            .prop_map(|(number, quoted)| match quoted {
                true => Value::String(number.to_string()),
                false => Value::from(number),
            })
            .boxed(),
        Class::Decimal => (0u64..10_000_000_000, any::<bool>())
            .prop_map(|(cents, quoted)| match quoted {
                true => Value::String(format!("{}.{:02}", cents / 100, cents % 100)),
                false => Value::from(cents as f64 / 100.0),
            })
            .boxed(),
        Class::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        Class::Keep => Just(original.clone()).boxed(),
    }
}

/// A body drawn from a sample: every field redrawn, unknown fields added.
fn json_bodies(sample: &JsonSample) -> impl Strategy<Value = Vec<u8>> {
    let base = sample.value.clone();
    let leaves: Vec<_> = sample
        .leaves
        .iter()
        .map(|(pointer, class)| {
            let pointer = pointer.clone();
            leaf(class, base.pointer(&pointer).unwrap()).prop_map(move |v| (pointer.clone(), v))
        })
        .collect();
    let unknown: Vec<_> = sample
        .open
        .iter()
        .map(|pointer| {
            let pointer = pointer.clone();
            proptest::collection::vec((unknown_key(), any_json()), 0..3)
                .prop_map(move |f| (pointer.clone(), f))
        })
        .collect();
    (leaves, unknown).prop_map(move |(leaves, unknown)| {
        let mut value = base.clone();
        for (pointer, leaf) in leaves {
            *value.pointer_mut(&pointer).unwrap() = leaf;
        }
        for (pointer, fields) in unknown {
            if let Some(Value::Object(map)) = value.pointer_mut(&pointer) {
                map.extend(fields);
            }
        }
        serde_json::to_vec(&value).unwrap()
    })
}

/// Whatever the request reads as, written back, reads as the same and writes the same.
fn round_trips(body: &[u8], query: &str, kind: &str) -> Result<(), TestCaseError> {
    let Ok(first) = parse(body, query) else {
        return Err(TestCaseError::reject(
            "the drawn fields do not fit together",
        ));
    };
    prop_assume!(first.kind() == kind);
    if !body.is_empty() {
        // `parse` detects the kind, then reads the body as it; the kind's own parse,
        // with no detection, must read the same.
        let direct = common::direct_debug(&first, body)
            .map_err(|err| TestCaseError::fail(format!("parsed, but not directly: {err}")))?;
        let parsed = format!("{first:?}");
        prop_assert!(
            parsed.contains(&direct),
            "parse read {parsed}\nthe direct parse {direct}"
        );
    }
    let wire = first
        .to_wire()
        .map_err(|err| TestCaseError::fail(format!("not written: {err}")))?;
    let again = if body.is_empty() {
        parse(b"", std::str::from_utf8(&wire).unwrap())
    } else {
        parse(&wire, "")
    };
    prop_assert_eq!(
        again.as_ref(),
        Ok(&first),
        "written back as {}",
        String::from_utf8_lossy(&wire)
    );
    let again = again.unwrap();
    prop_assert_eq!(again.unrecognized(), first.unrecognized());
    prop_assert_eq!(again.to_wire().unwrap(), wire);
    Ok(())
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn generated_json_payloads_of_every_kind_round_trip_exactly() {
    let mut report = Vec::new();
    for fixture in common::requests().iter().filter(|f| f.is_json()) {
        let sample = json_sample(fixture);
        let drawn = sample
            .leaves
            .iter()
            .filter(|(_, c)| !matches!(c, Class::Keep))
            .count();
        report.push(format!(
            "{}: {} of {} fields drawn, {} objects take unknown fields; kept {:?}",
            sample.name,
            drawn,
            sample.leaves.len(),
            sample.open.len(),
            sample
                .leaves
                .iter()
                .filter(|(_, c)| matches!(c, Class::Keep))
                .map(|(p, _)| p)
                .collect::<Vec<_>>()
        ));
        assert!(
            drawn > 0 || !sample.open.is_empty(),
            "{}: nothing to draw",
            sample.name
        );
        assert!(
            sample.one_spelling.is_empty(),
            "{}: these fields take one spelling only: {:?}",
            sample.name,
            sample.one_spelling
        );
        let kind = sample.kind;
        runner(128)
            .run(&json_bodies(&sample), |body| round_trips(&body, "", kind))
            .unwrap_or_else(|err| panic!("{}: {err}", sample.name));
    }
    println!("{}", report.join("\n"));
}

/// Percent-encodes everything but letters, digits and `-._~`.
fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// What a parameter of a query string or form accepts (an eSMS callback, an NXCloud SMS
/// receipt, read as `kind`): text and digits as for JSON, or a price (`470.0000`: digits,
/// a point, the same number of decimals).
fn query_probe(pairs: &[(String, String)], at: usize, kind: &str) -> (Class, Option<usize>) {
    let accepts = |raw: String| {
        let mut changed = pairs.to_vec();
        changed[at].1 = raw;
        parse(b"", &join(&changed)).is_ok_and(|p| p.kind() == kind)
    };
    let raw = &pairs[at].1;
    if accepts(encode(PROBE_TEXT)) {
        return (Class::Text, None);
    }
    if !raw.is_empty()
        && raw.bytes().all(|b| b.is_ascii_digit())
        && accepts("9".repeat(raw.len()))
        && accepts("0".repeat(raw.len()))
    {
        return (Class::Digits(raw.len()), None);
    }
    if let Some((whole, cents)) = raw.split_once('.') {
        let price = format!(
            "{}.{}",
            "7".repeat(whole.len().max(1)),
            "5".repeat(cents.len())
        );
        if whole
            .bytes()
            .chain(cents.bytes())
            .all(|b| b.is_ascii_digit())
            && accepts(price)
        {
            return (Class::Decimal, Some(cents.len()));
        }
    }
    (Class::Keep, None)
}

fn join(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

#[test]
fn generated_query_strings_and_forms_round_trip_exactly() {
    for fixture in common::requests().iter().filter(|f| !f.is_json()) {
        let sample = fixture.pairs_text().unwrap().trim();
        let kind = parse(b"", sample).unwrap().kind();
        let pairs: Vec<(String, String)> = sample
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (k.to_owned(), v.to_owned())
            })
            .collect();
        let classes: Vec<_> = (0..pairs.len())
            .map(|at| query_probe(&pairs, at, kind))
            .collect();
        assert!(
            classes.iter().any(|(c, _)| !matches!(c, Class::Keep)),
            "{}",
            common::name(fixture)
        );
        let values: Vec<BoxedStrategy<String>> = classes
            .iter()
            .zip(&pairs)
            .map(|((class, cents), (_, raw))| match (class, cents) {
                (Class::Text, _) => text().prop_map(|t| encode(&t)).boxed(),
                (Class::Digits(len), _) => digits(*len).boxed(),
                (Class::Decimal, Some(cents)) => (digits(6), digits(*cents))
                    .prop_map(|(w, c)| format!("{w}.{c}"))
                    .boxed(),
                _ => Just(raw.clone()).boxed(),
            })
            .collect();
        let unknown = proptest::collection::vec((unknown_key(), text()), 0..3);
        let keys: Vec<String> = pairs.iter().map(|(k, _)| k.clone()).collect();
        let queries = (values, unknown).prop_map(move |(values, unknown)| {
            let mut drawn: Vec<(String, String)> = keys.iter().cloned().zip(values).collect();
            drawn.extend(unknown.into_iter().map(|(k, v)| (k, encode(&v))));
            join(&drawn)
        });
        runner(128)
            .run(&queries, |query| round_trips(b"", &query, kind))
            .unwrap_or_else(|err| panic!("{}: {err}", common::name(fixture)));
    }
}

/// A change to a request's bytes.
#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: usize, bits: u8 },
    Cut { at: usize },
    Insert { at: usize, byte: u8 },
    Repeat { at: usize, len: usize, times: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, bits)| Mutation::Flip { at, bits }),
        any::<usize>().prop_map(|at| Mutation::Cut { at }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Insert { at, byte }),
        (any::<usize>(), 1usize..64, 2usize..50).prop_map(|(at, len, times)| Mutation::Repeat {
            at,
            len,
            times
        }),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let at = |at: usize, len: usize| if len == 0 { 0 } else { at % len };
    match *mutation {
        Mutation::Flip { at: i, bits } => {
            if !bytes.is_empty() {
                let i = at(i, bytes.len());
                bytes[i] ^= bits;
            }
        }
        Mutation::Cut { at: i } => bytes.truncate(at(i, bytes.len() + 1)),
        Mutation::Insert { at: i, byte } => bytes.insert(at(i, bytes.len() + 1), byte),
        Mutation::Repeat { at: i, len, times } => {
            let start = at(i, bytes.len() + 1);
            let end = (start + len).min(bytes.len());
            let part = bytes[start..end].to_vec();
            for _ in 1..times {
                bytes.splice(end..end, part.iter().copied());
            }
        }
    }
}

/// Every entry point on one input; whatever parses is used in every way and round-trips.
fn use_every_way(input: &[u8], esms: bool) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(input);
    let mut read = vec![
        nxcloud::Callback::from_json(input).map(Payload::NxCloud),
        nxcloud::Callback::from_request(input, "").map(Payload::NxCloud),
        nxcloud::Callback::from_request(b"", &text).map(Payload::NxCloud),
        wappin::Payload::from_json(input).map(Payload::Wappin),
        viva::Payload::from_json(input).map(Payload::Viva),
        esms::Payload::from_json(input).map(Payload::Esms),
        esms::Payload::from_query(&text).map(Payload::Esms),
        esms::Callback::from_url(&text)
            .map(|c| Payload::Esms(esms::Payload::Callback(Box::new(c)))),
    ];
    read.push(if esms {
        parse(b"", &text)
    } else {
        parse(input, "")
    });
    for result in read {
        match result {
            Ok(payload) => {
                let _ = (payload.event(), payload.answer(), payload.unrecognized());
                let wire = payload
                    .to_wire()
                    .map_err(|err| TestCaseError::fail(err.to_string()))?;
                let again = match payload {
                    Payload::Esms(esms::Payload::Callback(_)) => {
                        parse(b"", std::str::from_utf8(&wire).unwrap())
                    }
                    _ => parse(&wire, ""),
                };
                // `parse` may read another provider's kind from what a provider's own
                // entry point accepted; the same provider's kind must read back equal.
                if let Ok(again) = again {
                    if again.provider() == payload.provider() && again.kind() == payload.kind() {
                        prop_assert_eq!(again, payload);
                    }
                }
            }
            Err(err) => prop_assert!(!err.to_string().is_empty()),
        }
    }
    Ok(())
}

#[test]
fn mutated_fixtures_never_panic() {
    let fixtures = common::requests();
    let count = fixtures.len();
    let strategy = (0..count, proptest::collection::vec(mutation(), 1..4));
    runner(4096)
        .run(&strategy, |(index, mutations)| {
            let fixture = &fixtures[index];
            let mut bytes = fixture.input().to_vec();
            for mutation in &mutations {
                mutate(&mut bytes, mutation);
            }
            use_every_way(&bytes, fixture.body.is_empty())
        })
        .unwrap();
}

#[test]
fn variants_of_every_json_fixture_are_read_as_the_fixture_is() {
    let names = common::variants::table_names();
    assert!(names.len() > 20, "the tables' names: {names:?}");
    for fixture in common::requests().iter().filter(|f| f.is_json()) {
        runner(64)
            .run(&common::variants::variants(names.clone()), |variant| {
                common::variants::reads_alike(fixture.provider, &fixture.body, &variant)
            })
            .unwrap_or_else(|err| panic!("{}: {err}", common::name(fixture)));
    }
}

/// Keys a variant of a query string or form is given: each provider's that tell them
/// apart, others of theirs, and one no provider uses.
const FORM_KEYS: [&str; 8] = [
    "SMSID",
    "SendStatus",
    "phonenumber",
    "messageid",
    "status",
    "drtime",
    "ext",
    "zz_extra",
];

/// The decoded pairs of a query string or form, as `serde_urlencoded` reads them.
fn form_pairs(text: &str) -> Vec<(String, String)> {
    serde_urlencoded::from_str(text.trim()).unwrap()
}

#[test]
fn variants_of_every_query_string_and_form_are_read_as_the_sample_is() {
    // The property of the JSON bodies, for eSMS's callbacks and NXCloud's SMS receipts:
    // their pairs in another order, one more key (another kind's, or no one's), sent as a
    // body or as a query, with white space after it, are read as the sample is and
    // written back as the same pairs.
    for fixture in common::requests().iter().filter(|f| !f.is_json()) {
        let sample = fixture.pairs_text().unwrap().trim();
        let read = parse(b"", sample).unwrap();
        let expected = (read.provider(), read.kind());
        let pairs: Vec<&str> = sample.split('&').collect();
        let variants = (
            any::<u64>(),
            proptest::option::of(proptest::sample::select(FORM_KEYS.to_vec())),
            any::<bool>(),
            any::<bool>(),
        );
        runner(64)
            .run(&variants, |(mut seed, added, as_body, padded)| {
                let mut variant = pairs.clone();
                for i in (1..variant.len()).rev() {
                    seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    variant.swap(i, (seed >> 33) as usize % (i + 1));
                }
                let added = added.map(|name| format!("{name}=x"));
                if let Some(pair) = &added {
                    let name = pair.split('=').next().unwrap();
                    prop_assume!(!pairs.iter().any(|pair| {
                        pair.split('=').next().unwrap().eq_ignore_ascii_case(name)
                    }));
                    variant.push(pair);
                }
                let mut text = variant.join("&");
                if padded {
                    text.push_str("\r\n");
                }
                let read = if as_body {
                    parse(text.as_bytes(), "")
                } else {
                    parse(b"", &text)
                }
                .map_err(|err| TestCaseError::fail(format!("{err}\nthe variant: {text}")))?;
                prop_assert_eq!((read.provider(), read.kind()), expected, "{}", text);
                let wire = read.to_wire().unwrap();
                prop_assert_eq!(
                    form_pairs(std::str::from_utf8(&wire).unwrap()),
                    form_pairs(&text),
                    "{}",
                    text
                );
                Ok(())
            })
            .unwrap_or_else(|err| panic!("{}: {err}", common::name(fixture)));
    }
}
