//! Parsing and serialization cost beside their baselines, measured in the same run, and
//! the table of ratios (issue 7's targets) printed at the end.
//!
//! - `fixture/<provider>/<name>`, one group per fixture: `typed` (the direct typed parse of
//!   the fixture's kind), `parse` (`provider_payloads::parse`, which detects the provider
//!   and kind first), and what a user would write instead: `serde_json_value` and
//!   `ignored_any` (the cost of merely validating the JSON) on the same bytes, or for an
//!   eSMS query string `serde_urlencoded_pairs`. The typed eSMS parse decodes
//!   `error_info` fully.
//! - `serialize/<provider>/<name>`: `to_wire` beside `serde_json::to_vec` of the same
//!   payload as a `serde_json::Value` (or `serde_urlencoded` of its pairs).
//! - `scaling/<bytes>`: an NXCloud receipt padded with unknown fields from 1 KiB to 1 MiB,
//!   `typed` beside `serde_json_value` and `ignored_any`; the table gives each one's time
//!   per byte, and how far it moves from size to size.
//!
//! ```text
//! cargo bench --bench parse                      # everything, then the ratio table
//! cargo bench --bench parse -- fixture/wappin    # one family; the table covers what ran
//! ```
//!
//! Absolute times depend on the machine; the ratios within a group are the figures that
//! count. BENCHMARKS.md holds a table as measured.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkGroup, Criterion, Throughput, measurement::WallTime};
use provider_payloads::nxcloud::Receipt;

#[path = "../tests/common/mod.rs"]
mod common;

use common::{Request, Untyped, direct, name, padding};

fn pairs(query: &str) -> Vec<(String, String)> {
    serde_urlencoded::from_str(query).unwrap()
}

/// One group per fixture: the typed parse, `parse` with detection, and the baselines.
fn parsing(c: &mut Criterion<WallTime>, all: &[Request]) {
    for fixture in all {
        let payload = provider_payloads::parse(&fixture.body, &fixture.query).unwrap();
        let typed = direct(&payload);
        let input = fixture.input();
        assert!(typed(input), "{}", name(fixture));
        let mut group = c.benchmark_group(format!("fixture/{}", name(fixture)));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function("typed", |b| b.iter(|| typed(black_box(input))));
        group.bench_function("parse", |b| {
            b.iter(|| {
                provider_payloads::parse(black_box(&fixture.body), black_box(&fixture.query))
                    .is_ok()
            })
        });
        match fixture.pairs_text() {
            None => baselines(&mut group, input),
            Some(text) => {
                group.bench_function("serde_urlencoded_pairs", |b| {
                    b.iter(|| pairs(black_box(text)))
                });
            }
        }
        group.finish();
    }
}

fn baselines(group: &mut BenchmarkGroup<'_, WallTime>, body: &[u8]) {
    group.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap())
    });
    group.bench_function("ignored_any", |b| {
        b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).unwrap())
    });
}

/// Writing each fixture back beside writing the same data untyped.
fn serialization(c: &mut Criterion<WallTime>, all: &[Request]) {
    for fixture in all {
        let payload = provider_payloads::parse(&fixture.body, &fixture.query).unwrap();
        let mut group = c.benchmark_group(format!("serialize/{}", name(fixture)));
        group.bench_function("to_wire", |b| {
            b.iter(|| black_box(&payload).to_wire().unwrap())
        });
        let untyped = Untyped::of(fixture);
        group.bench_function(untyped.name(), |b| b.iter(|| black_box(&untyped).to_wire()));
        group.finish();
    }
}

/// The same receipt padded with unknown fields to each size.
fn scaling(c: &mut Criterion<WallTime>) {
    for size in padding::SIZES {
        let body = padding::padded_receipt(size);
        assert!(Receipt::from_json(&body).is_ok());
        let mut group = c.benchmark_group(format!("scaling/{size}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        if size >= 256 * 1024 {
            group.sample_size(20);
        }
        group.bench_function("typed", |b| {
            b.iter(|| Receipt::from_json(black_box(&body)).is_ok())
        });
        // The baselines at the same sizes, to tell the machine's memory from the parse's.
        group.bench_function("serde_json_value", |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&body)).is_ok())
        });
        group.bench_function("ignored_any", |b| {
            b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&body)).is_ok())
        });
        group.finish();
    }
}

fn main() {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let all = common::requests();
    parsing(&mut criterion, &all);
    serialization(&mut criterion, &all);
    scaling(&mut criterion);
    criterion.final_summary();
    ratios::print();
}

/// The ratio table, from the medians criterion wrote under `target/criterion`.
mod ratios {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    /// The median time (ns) of every function of every group measured, by group.
    fn medians() -> BTreeMap<String, BTreeMap<String, f64>> {
        let root = std::env::var_os("CRITERION_HOME")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("CARGO_TARGET_DIR").map(|dir| Path::new(&dir).join("criterion"))
            })
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion"));
        let mut found: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
        let Ok(groups) = std::fs::read_dir(&root) else {
            return found;
        };
        for group in groups.flatten() {
            let Ok(functions) = std::fs::read_dir(group.path()) else {
                continue;
            };
            for function in functions.flatten() {
                let new = function.path().join("new");
                let read = |file: &str| -> Option<serde_json::Value> {
                    serde_json::from_slice(&std::fs::read(new.join(file)).ok()?).ok()
                };
                let (Some(benchmark), Some(estimates)) =
                    (read("benchmark.json"), read("estimates.json"))
                else {
                    continue;
                };
                let (Some(group_id), Some(function_id), Some(median)) = (
                    benchmark["group_id"].as_str(),
                    benchmark["function_id"].as_str(),
                    estimates["median"]["point_estimate"].as_f64(),
                ) else {
                    continue;
                };
                found
                    .entry(group_id.to_owned())
                    .or_default()
                    .insert(function_id.to_owned(), median);
            }
        }
        found
    }

    /// `a/b` of two functions of a group, when both were measured.
    fn ratio(functions: &BTreeMap<String, f64>, a: &str, b: &str) -> Option<f64> {
        Some(functions.get(a)? / functions.get(b)?)
    }

    /// The padded receipt's time per byte at each size, for the typed parse and the
    /// baselines measured beside it, and each one's most over least across the sizes
    /// (issue 7: the typed parse's within 1.5x).
    fn print_scaling(medians: &BTreeMap<String, BTreeMap<String, f64>>) {
        let functions = ["typed", "serde_json_value", "ignored_any"];
        let per_byte = |function: &str| -> Vec<Option<f64>> {
            super::padding::SIZES
                .iter()
                .map(|size| {
                    let ns = medians.get(&format!("scaling/{size}"))?.get(function)?;
                    Some(ns / *size as f64)
                })
                .collect()
        };
        let columns: Vec<Vec<Option<f64>>> = functions.iter().map(|f| per_byte(f)).collect();
        if columns.iter().flatten().all(Option::is_none) {
            return;
        }
        let show = |ns: &Option<f64>| ns.map_or(String::new(), |ns| format!("{ns:.2}"));
        println!("\n| padded receipt | typed ns/byte | value ns/byte | ignored ns/byte |");
        println!("| ---: | ---: | ---: | ---: |");
        for (row, size) in super::padding::SIZES.iter().enumerate() {
            let cells: Vec<String> = columns.iter().map(|c| show(&c[row])).collect();
            println!("| {size} | {} |", cells.join(" | "));
        }
        let spread = |column: &[Option<f64>]| -> Option<f64> {
            let measured: Vec<f64> = column.iter().flatten().copied().collect();
            let most = measured.iter().copied().reduce(f64::max)?;
            let least = measured.iter().copied().reduce(f64::min)?;
            Some(most / least)
        };
        let spreads: Vec<String> = columns.iter().map(|c| show(&spread(c))).collect();
        println!("| most/least | {} |", spreads.join(" | "));
        if let Some(typed) = spread(&columns[0]) {
            let mark = if typed <= 1.5 { "" } else { "**" };
            println!("\ntyped time per byte, most over least: {mark}{typed:.2}{mark} (<= 1.5)");
        }
    }

    pub fn print() {
        let medians = medians();
        println!(
            "\n| payload | typed | typed/value (<= 0.5) | typed/ignored (<= 2.5) | typed/pairs (<= 1.0) | parse/typed (<= 1.5) | to_wire/untyped (<= 1.0) |"
        );
        println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        let cell = |r: Option<f64>, limit: f64| match r {
            Some(r) if r <= limit => format!("{r:.2}"),
            Some(r) => format!("**{r:.2}**"),
            None => "".to_owned(),
        };
        // Every fixture that was measured in either group (`-- serialize/` measures only
        // the writing).
        let names: BTreeSet<&str> = medians
            .keys()
            .filter_map(|group| {
                group
                    .strip_prefix("fixture/")
                    .or_else(|| group.strip_prefix("serialize/"))
            })
            .collect();
        let none = BTreeMap::new();
        for name in names {
            let functions = medians.get(&format!("fixture/{name}")).unwrap_or(&none);
            let serialize = medians.get(&format!("serialize/{name}"));
            let to_wire = serialize.and_then(|s| {
                ratio(s, "to_wire", "value_to_vec")
                    .or_else(|| ratio(s, "to_wire", "pairs_to_string"))
            });
            println!(
                "| {name} | {} | {} | {} | {} | {} | {} |",
                functions
                    .get("typed")
                    .map_or(String::new(), |ns| format!("{ns:.0} ns")),
                cell(ratio(functions, "typed", "serde_json_value"), 0.5),
                cell(ratio(functions, "typed", "ignored_any"), 2.5),
                cell(ratio(functions, "typed", "serde_urlencoded_pairs"), 1.0),
                cell(ratio(functions, "parse", "typed"), 1.5),
                cell(to_wire, 1.0),
            );
        }
        print_scaling(&medians);
        println!("\nBold: a ratio over its target.");
    }
}
