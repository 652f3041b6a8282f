//! Heap allocations of the typed parse beside `serde_json::Value`'s, counted (not timed)
//! so that the figure is the same on every machine: issue 7's target is at most half.
//!
//! `dhat` is the counting global allocator (a well-kept heap profiler whose testing mode
//! exposes the counts; writing one by hand would need `unsafe`). It counts every thread
//! of the process, so this file holds one test.

use std::path::{Path, PathBuf};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The heap blocks `f` allocates.
fn blocks<T>(f: impl FnOnce() -> T) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    drop(std::hint::black_box(f()));
    dhat::HeapStats::get().total_blocks - before
}

fn json_fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    for provider in std::fs::read_dir(&root).unwrap() {
        let dir = provider.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_typed_parse_makes_at_most_half_the_allocations_of_value() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let mut report = Vec::new();
    let mut over = Vec::new();
    for path in json_fixtures() {
        let body = std::fs::read(&path).unwrap();
        let typed = blocks(|| provider_payloads::parse(&body, "").unwrap());
        let value = blocks(|| serde_json::from_slice::<serde_json::Value>(&body).unwrap());
        let name = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        report.push(format!("{name}: typed {typed}, value {value}"));
        if typed * 2 > value {
            over.push(name);
        }
    }
    println!("{}", report.join("\n"));
    assert!(report.len() >= 30, "the JSON fixtures are found");
    assert!(
        over.is_empty(),
        "more than half of Value's allocations: {over:?}\n{}",
        report.join("\n")
    );
}
