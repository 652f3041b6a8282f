//! Heap allocations of the typed parse beside `serde_json::Value`'s, counted (not timed)
//! so that the figure is the same on every machine: issue 7's target is at most half.
//!
//! `dhat` is the counting global allocator (a well-kept heap profiler whose testing mode
//! exposes the counts; writing one by hand would need `unsafe`). It counts every thread
//! of the process, so this file holds one test.

mod common;

use common::padding;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The heap `f` uses, counted from nothing: each call has a profiler of its own, so a
/// peak of an earlier call or of building the input does not count.
fn heap<T>(f: impl FnOnce() -> T) -> dhat::HeapStats {
    let _profiler = dhat::Profiler::builder().testing().build();
    drop(std::hint::black_box(f()));
    dhat::HeapStats::get()
}

/// The allocations `f` makes: the fewest of three counts. The profiler counts every
/// thread's, and the test harness's own thread now and then allocates while `f` runs (a
/// count of a few more, seen under load); what `f` allocates is the same each time.
fn allocations<T>(f: impl Fn() -> T) -> u64 {
    (0..3).map(|_| heap(&f).total_blocks).min().unwrap_or(0)
}

#[test]
fn the_typed_parse_allocates_at_most_half_of_value_and_peaks_under_four_times_the_input() {
    let mut report = Vec::new();
    let mut over = Vec::new();
    // The tables of kinds are prepared once, on the first parse, not on each one.
    let _ = provider_payloads::parse(b"{}", "");
    for request in common::requests() {
        if !request.is_json() {
            continue; // a query string or a form
        }
        let common::Request { path, body, .. } = request;
        let typed = allocations(|| provider_payloads::parse(&body, "").unwrap());
        let value = allocations(|| serde_json::from_slice::<serde_json::Value>(&body).unwrap());
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

    // A receipt padded with unknown fields, kept: peak memory stays under 4x its size.
    for size in padding::SIZES {
        let body = padding::padded_receipt(size);
        let peak =
            heap(|| provider_payloads::nxcloud::Receipt::from_json(&body).unwrap()).max_bytes;
        println!("padded receipt of {} bytes: peak {peak} bytes", body.len());
        if peak > 4 * body.len() {
            over.push(format!(
                "padded receipt of {} bytes: peak {peak}",
                body.len()
            ));
        }
    }
    assert!(
        over.is_empty(),
        "more than half of Value's allocations: {over:?}\n{}",
        report.join("\n")
    );
}
