//! Parsing cost beside its baselines, measured in the same run.
//!
//! One group per fixture (for Wappin, the callbacks and the token response; for Viva, the
//! document's two webhook samples); in each, the typed parse is measured beside
//! `serde_json::from_slice::<serde_json::Value>` (what a user would write instead) and
//! `serde_json::from_slice::<serde::de::IgnoredAny>` (the cost of validating the JSON
//! alone), on the same bytes. For eSMS query strings, the baseline is
//! `serde_urlencoded::from_str::<Vec<(String, String)>>`, and the typed parse includes
//! decoding `error_info`. Ratios between the lines of a group are the figures that
//! count; absolute times depend on the machine.
//!
//! ```text
//! cargo bench --bench parse
//! ```

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use provider_payloads::nxcloud::{Callback, Receipt, Reply};
use provider_payloads::{esms, viva, wappin};

fn fixtures(provider: &str, ext: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(provider);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the fixtures folder")
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect()
}

/// The untyped baselines, on the same bytes as the typed parse beside them.
fn json_baselines(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    body: &[u8],
) {
    group.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap())
    });
    group.bench_function("ignored_any", |b| {
        b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).unwrap())
    });
}

fn nxcloud(c: &mut Criterion) {
    for (name, body) in fixtures("nxcloud", "json") {
        let mut group = c.benchmark_group(format!("nxcloud/{name}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        if name.starts_with("receipt") {
            group.bench_function("typed", |b| {
                b.iter(|| Receipt::from_json(black_box(&body)).unwrap())
            });
        } else {
            group.bench_function("typed", |b| {
                b.iter(|| Reply::from_json(black_box(&body)).unwrap())
            });
        }
        group.bench_function("typed_with_kind_detection", |b| {
            b.iter(|| Callback::from_json(black_box(&body)).unwrap())
        });
        json_baselines(&mut group, &body);
        group.finish();
    }
}

/// The Wappin callbacks (and the client's answer) and the token response: what a
/// client's service reads most.
fn wappin(c: &mut Criterion) {
    for (name, body) in fixtures("wappin", "json") {
        if !(name.starts_with("callback") || name == "token_response") {
            continue;
        }
        let mut group = c.benchmark_group(format!("wappin/{name}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        match name.as_str() {
            "token_response" => group.bench_function("typed", |b| {
                b.iter(|| wappin::TokenResponse::from_json(black_box(&body)).unwrap())
            }),
            "callback_acknowledgement" => group.bench_function("typed", |b| {
                b.iter(|| wappin::Acknowledgement::from_json(black_box(&body)).unwrap())
            }),
            _ => group.bench_function("typed", |b| {
                b.iter(|| wappin::Callback::from_json(black_box(&body)).unwrap())
            }),
        };
        group.bench_function("typed_with_kind_detection", |b| {
            b.iter(|| wappin::Payload::from_json(black_box(&body)).unwrap())
        });
        json_baselines(&mut group, &body);
        group.finish();
    }
}

/// The document's two webhook messages (1796, 1797): the typed parse of a known event
/// type, the parse that picks the data type from `EventTypeId`, and the parse that tells
/// any Viva body apart.
fn viva(c: &mut Criterion) {
    for name in [
        "transaction_payment_created",
        "transaction_reversal_created",
    ] {
        let (_, body) = fixtures("viva", "json")
            .into_iter()
            .find(|(file, _)| file == name)
            .expect("the sample's fixture");
        let mut group = c.benchmark_group(format!("viva/{name}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("typed", |b| {
            b.iter(|| {
                viva::Message::<viva::TransactionEventData>::from_json(black_box(&body)).unwrap()
            })
        });
        group.bench_function("typed_with_event_type_dispatch", |b| {
            b.iter(|| viva::Webhook::from_json(black_box(&body)).unwrap())
        });
        group.bench_function("typed_with_kind_detection", |b| {
            b.iter(|| viva::Payload::from_json(black_box(&body)).unwrap())
        });
        json_baselines(&mut group, &body);
        group.finish();
    }
}

fn esms(c: &mut Criterion) {
    for (name, body) in fixtures("esms", "query") {
        let query = String::from_utf8(body).unwrap();
        let query = query.trim();
        let mut group = c.benchmark_group(format!("esms/{name}"));
        group.throughput(Throughput::Bytes(query.len() as u64));
        group.bench_function("typed", |b| {
            b.iter(|| esms::Callback::from_query(black_box(query)).unwrap())
        });
        group.bench_function("serde_urlencoded_pairs", |b| {
            b.iter(|| {
                serde_urlencoded::from_str::<Vec<(String, String)>>(black_box(query)).unwrap()
            })
        });
        group.finish();
    }
}

/// The direct typed parse of a payload of `provider` and `kind`: what a user who knows
/// what they receive calls.
fn direct(provider: &str, kind: &str) -> fn(&[u8]) -> bool {
    match (provider, kind) {
        ("nxcloud", "receipt") => |b| Receipt::from_json(b).is_ok(),
        ("nxcloud", _) => |b| Reply::from_json(b).is_ok(),
        ("esms", _) => |b| esms::Callback::from_query(std::str::from_utf8(b).unwrap()).is_ok(),
        ("wappin", "callback") => |b| wappin::Callback::from_json(b).is_ok(),
        ("wappin", "acknowledgement") => |b| wappin::Acknowledgement::from_json(b).is_ok(),
        ("wappin", "send HSM request") => |b| wappin::SendHsm::from_json(b).is_ok(),
        ("wappin", "send text request") => |b| wappin::SendText::from_json(b).is_ok(),
        ("wappin", "send media request") => |b| wappin::SendMedia::from_json(b).is_ok(),
        ("wappin", "inquiry request") => |b| wappin::Inquiry::from_json(b).is_ok(),
        ("wappin", "number checker request") => |b| wappin::NumberChecker::from_json(b).is_ok(),
        ("wappin", "token response") => |b| wappin::TokenResponse::from_json(b).is_ok(),
        ("wappin", _) => |b| wappin::Response::from_json(b).is_ok(),
        ("viva", "webhook message") => {
            |b| viva::Message::<viva::TransactionEventData>::from_json(b).is_ok()
        }
        ("viva", "URL verification") => |b| viva::Verification::from_json(b).is_ok(),
        ("viva", "message list") => |b| viva::MessageList::from_json(b).is_ok(),
        (_, _) => |b| viva::MessageDetails::from_json(b).is_ok(),
    }
}

/// `provider_payloads::parse`, which tells the provider and kind from the shape, beside
/// the direct typed parse of the kind, for every fixture.
fn detection(c: &mut Criterion) {
    for provider in ["nxcloud", "esms", "wappin", "viva"] {
        let ext = if provider == "esms" { "query" } else { "json" };
        for (name, file) in fixtures(provider, ext) {
            let (body, query) = if provider == "esms" {
                (
                    Vec::new(),
                    String::from_utf8(file).unwrap().trim().to_owned(),
                )
            } else {
                (file, String::new())
            };
            let kind = provider_payloads::parse(&body, &query).unwrap().kind();
            let typed = direct(provider, kind);
            let input = if provider == "esms" {
                query.as_bytes()
            } else {
                &body[..]
            };
            assert!(typed(input), "{provider}/{name}");
            let mut group = c.benchmark_group(format!("detect/{provider}/{name}"));
            group.bench_function("typed", |b| b.iter(|| typed(black_box(input))));
            group.bench_function("parse_with_detection", |b| {
                b.iter(|| provider_payloads::parse(black_box(&body), black_box(&query)).is_ok())
            });
            group.finish();
        }
    }
}

criterion_group!(benches, nxcloud, esms, wappin, viva, detection);
criterion_main!(benches);
