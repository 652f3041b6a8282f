//! Instructions per parse, counted by valgrind's callgrind: the deterministic counterpart
//! of `benches/parse.rs`, whose times move 10-30% between runs on a shared machine.
//!
//! ```text
//! cargo bench --bench instructions                 # every fixture (needs valgrind)
//! cargo bench --bench instructions -- receipt      # the fixtures whose name has `receipt`
//! cargo bench --bench instructions -- --wire       # serialization only (~1 min)
//! cargo bench --bench instructions -- --floor      # serde derive's floor (~20 s)
//! cargo bench --bench instructions -- --scaling    # the padded receipt's (~10 s)
//! ```
//!
//! For each fixture it runs itself under callgrind for each of: the direct typed parse
//! (`typed`), `provider_payloads::parse` with detection (`parse`), and the baselines
//! `serde_json::from_slice` into `Value` and `IgnoredAny` (or `serde_urlencoded` pairs
//! for a query string or a form: eSMS, NXCloud's SMS receipt). For serialization, as `benches/parse.rs` measures it: the parsed payload's
//! `to_wire` (`to_wire`) against the same body written back untyped (`untyped`:
//! `serde_json::to_vec` of its `Value`, or `serde_urlencoded::to_string` of eSMS's pairs;
//! `common::Untyped`). Callgrind counts only inside the loop of 50 runs (after one run
//! outside it), so start-up, reading the file and the parse before a serialization are
//! left out. It prints a markdown table with the ratios of DESIGN.md's guardrails, then
//! a summary: for each guardrail, the fixtures that hold it and the highest ratio.
//!
//! `--floor` prints another table instead, for the five fixtures that have a plain
//! serde mirror in `benches/floor/mod.rs`: the typed parse beside the floor of serde's
//! derive, the mirror read with owned strings (`floor_owned`) and with strings borrowed
//! from the body (`floor_borrowed`), both with exact decimals and chrono times but
//! without the crate's unknown fields and notes on how each field was written; and the
//! `value` and `ignored` baselines. The other fixtures have no such modes.
//!
//! `--scaling` prints the instructions per byte of the typed parse of the receipt that
//! `benches/parse.rs` pads with unknown fields from 1 KiB to 1 MiB (`common::padding`),
//! with `value` and `ignored` beside it: the work behind issue 7's scaling target, without
//! the caches and the machine's noise that its times also carry.

use std::hint::black_box;
use std::process::Command;

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "floor/mod.rs"]
mod floor;

use common::{Request, Untyped, direct, name, padding};
use provider_payloads::Payload;

/// What one measured run reads: the request, its direct typed parse, and for the
/// serialization modes the payload and its untyped form, parsed before the count starts.
struct Subject<'a> {
    fixture: &'a Request,
    typed: fn(&[u8]) -> bool,
    floor: Option<floor::Parsers>,
    payload: Payload,
    untyped: Untyped,
}

impl Subject<'_> {
    /// The fixture's plain serde mirror, for the `floor_*` modes.
    fn floor(&self) -> floor::Parsers {
        self.floor
            .unwrap_or_else(|| panic!("{} has no floor mirror", self.fixture.path.display()))
    }
}

/// One parse (or one serialization) of `mode`, checked.
fn once(mode: &str, subject: &Subject<'_>) {
    let fixture = subject.fixture;
    let ok = match mode {
        "typed" => (subject.typed)(black_box(fixture.input())),
        "floor_owned" => (subject.floor().owned)(black_box(&fixture.body)),
        "floor_borrowed" => (subject.floor().borrowed)(black_box(&fixture.body)),
        "parse" => provider_payloads::parse(black_box(&fixture.body), &fixture.query).is_ok(),
        "value" => serde_json::from_slice::<serde_json::Value>(black_box(&fixture.body)).is_ok(),
        "ignored" => {
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&fixture.body)).is_ok()
        }
        "pairs" => serde_urlencoded::from_str::<Vec<(String, String)>>(black_box(
            fixture.pairs_text().unwrap_or_default(),
        ))
        .is_ok(),
        "to_wire" => black_box(black_box(&subject.payload).to_wire()).is_ok(),
        "untyped" => !black_box(black_box(&subject.untyped).to_wire()).is_empty(),
        other => panic!("no mode `{other}`"),
    };
    assert!(black_box(ok), "{mode} {}", fixture.path.display());
}

/// `count` runs of `mode`: callgrind counts only inside this function.
#[inline(never)]
fn measured(mode: &str, subject: &Subject<'_>, count: usize) {
    for _ in 0..count {
        once(mode, subject);
    }
}

/// What the measured process does: one run outside the count (it pays for first-time
/// set-up, such as the CPU feature detection of `memchr` and `simdutf8`), then `count`.
fn measure(mode: &str, fixture: &Request, count: usize) {
    let payload = provider_payloads::parse(&fixture.body, &fixture.query).unwrap();
    let subject = Subject {
        fixture,
        typed: direct(&payload),
        floor: floor::parsers(&name(fixture)),
        payload,
        untyped: Untyped::of(fixture),
    };
    once(mode, &subject);
    measured(mode, &subject, count);
}

/// The instructions callgrind counts for this program measuring `mode` `count` times.
fn instructions(mode: &str, fixture: &Request, count: usize) -> Result<u64, String> {
    let output = Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--toggle-collect=instructions::measured*",
        ])
        .arg(std::env::current_exe().map_err(|e| e.to_string())?)
        .args(["--measure", mode])
        .arg(&fixture.path)
        .arg(count.to_string())
        .output()
        .map_err(|e| format!("cannot run valgrind ({e}); install it to count instructions"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("{mode} {}: {stderr}", fixture.path.display()));
    }
    // "==123== Collected : 4567890" (valgrind 3.19 and later), or "refs: 4,567,890".
    stderr
        .lines()
        .find_map(|line| {
            let (_, count) = line
                .split_once("Collected :")
                .or_else(|| line.split_once("refs:"))?;
            count.trim().replace(',', "").parse().ok()
        })
        .ok_or_else(|| format!("no count in valgrind's output: {stderr}"))
}

/// A ratio with two decimals, in bold when it misses its target.
fn cell(ratio: f64, target: f64) -> String {
    if ratio > target {
        format!("**{ratio:.2}**")
    } else {
        format!("{ratio:.2}")
    }
}

/// Instructions of one parse of `mode`, the mean of 50.
fn per_parse(mode: &str, fixture: &Request) -> Result<f64, String> {
    Ok(instructions(mode, fixture, 50)? as f64 / 50.0)
}

/// The path that names a padded receipt to `--measure`: `padded/<size>`.
const PADDED: &str = "padded/";

/// The padded receipt of the scaling series (`common::padding`), `size` bytes, as a
/// request named `padded/<size>`.
fn padded(size: usize) -> Request {
    Request {
        provider: "nxcloud",
        path: format!("{PADDED}{size}").into(),
        body: padding::padded_receipt(size),
        query: String::new(),
    }
}

/// The `--scaling` table: instructions per byte of the padded receipt's typed parse and
/// of the baselines at each size, and the typed parse's most over least. (The ratios to
/// the baselines are shown plain: issue 7 sets them for the fixtures, and a padded body is
/// mostly unknown fields, each kept with its raw text.)
fn scaling_table() -> Result<(), String> {
    println!(
        "| padded receipt | bytes | typed | value | ignored | typed per byte | value per byte | ignored per byte | typed/value | typed/ignored |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut per_byte = Vec::new();
    for size in padding::SIZES {
        let body = padded(size);
        // 50 parses of 1 KiB, one of 1 MiB: each size counts about the same bytes.
        let count = (50 * 1024 / size).max(1);
        let mean = |mode| -> Result<f64, String> {
            Ok(instructions(mode, &body, count)? as f64 / count as f64)
        };
        let (typed, value, ignored) = (mean("typed")?, mean("value")?, mean("ignored")?);
        let bytes = body.body.len() as f64;
        per_byte.push(typed / bytes);
        println!(
            "| {size} | {bytes} | {typed:.0} | {value:.0} | {ignored:.0} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            typed / bytes,
            value / bytes,
            ignored / bytes,
            typed / value,
            typed / ignored
        );
    }
    let most = per_byte.iter().copied().fold(f64::MIN, f64::max);
    let least = per_byte.iter().copied().fold(f64::MAX, f64::min);
    println!(
        "\ntyped instructions per byte, most over least: {:.2} (<= 1.5)",
        most / least
    );
    Ok(())
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let all = common::requests();
    if let [flag, mode, path, count] = args.as_slice() {
        if flag == "--measure" {
            let count = count.parse().map_err(|_| "a count")?;
            if let Some(size) = path.strip_prefix(PADDED) {
                let size = size.parse().map_err(|_| "a padded size")?;
                measure(mode, &padded(size), count);
                return Ok(());
            }
            let fixture = all
                .iter()
                .find(|fixture| fixture.path.to_string_lossy() == *path)
                .ok_or_else(|| format!("no fixture {path}"))?;
            measure(mode, fixture, count);
            return Ok(());
        }
    }
    // `cargo bench` passes `--bench`; `--wire` measures serialization only, `--floor`
    // the floor of serde's derive; any other word filters the fixtures by name.
    let filter = args.iter().find(|arg| !arg.starts_with("--"));
    let selected = |name: &str| filter.is_none_or(|filter| name.contains(filter.as_str()));
    if args.iter().any(|arg| arg == "--floor") {
        return floor_table(&all, selected);
    }
    if args.iter().any(|arg| arg == "--scaling") {
        return scaling_table();
    }
    let wire_only = args.iter().any(|arg| arg == "--wire");
    println!(
        "| payload | typed | parse | value | ignored | pairs | to_wire | untyped | parse/value (<= {PARSE_OVER_VALUE:.1}) | typed/ignored (<= {TYPED_OVER_IGNORED:.1}) | typed/pairs (<= {TYPED_OVER_PAIRS:.1}) | to_wire/untyped |"
    );
    println!(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    let mut guardrails = [
        Guardrail::new("`parse` / `serde_json::Value`", PARSE_OVER_VALUE),
        Guardrail::new("typed / `IgnoredAny`", TYPED_OVER_IGNORED),
        Guardrail::new("eSMS typed / `serde_urlencoded` pairs", TYPED_OVER_PAIRS),
    ];
    for fixture in &all {
        let name = name(fixture);
        if !selected(&name) {
            continue;
        }
        let to_wire = per_parse("to_wire", fixture)?;
        let untyped = per_parse("untyped", fixture)?;
        let write = format!("{to_wire:.0} | {untyped:.0}");
        let written = format!("{:.2}", to_wire / untyped);
        if wire_only {
            println!("| {name} | | | | | | {write} | | | | {written} |");
            continue;
        }
        let typed = per_parse("typed", fixture)?;
        let parse = per_parse("parse", fixture)?;
        let read = if !fixture.is_json() {
            let pairs = per_parse("pairs", fixture)?;
            let [.., over_pairs] = &mut guardrails;
            format!(
                "| | | {pairs:.0} | {write} | | | {} |",
                over_pairs.cell(&name, typed / pairs)
            )
        } else {
            let value = per_parse("value", fixture)?;
            let ignored = per_parse("ignored", fixture)?;
            let [over_value, over_ignored, _] = &mut guardrails;
            format!(
                "| {value:.0} | {ignored:.0} | | {write} | {} | {} | |",
                over_value.cell(&name, parse / value),
                over_ignored.cell(&name, typed / ignored)
            )
        };
        println!("| {name} | {typed:.0} | {parse:.0} {read} {written} |");
    }
    if !wire_only {
        println!("\n| guardrail (DESIGN.md) | holds | highest |");
        println!("| --- | --- | --- |");
        for guardrail in &guardrails {
            println!("{}", guardrail.row());
        }
    }
    Ok(())
}

/// DESIGN.md's performance guardrails, in instructions: `parse` against
/// `serde_json::Value`, the typed parse against `IgnoredAny`, and eSMS's typed parse
/// against `serde_urlencoded`'s pairs.
const PARSE_OVER_VALUE: f64 = 1.5;
const TYPED_OVER_IGNORED: f64 = 2.7;
const TYPED_OVER_PAIRS: f64 = 1.0;

/// One guardrail, and what the fixtures measured against it.
struct Guardrail {
    what: &'static str,
    bound: f64,
    measured: usize,
    over: Vec<String>,
    highest: Option<(f64, String)>,
}

impl Guardrail {
    fn new(what: &'static str, bound: f64) -> Guardrail {
        Guardrail {
            what,
            bound,
            measured: 0,
            over: Vec::new(),
            highest: None,
        }
    }

    /// Notes `ratio` of fixture `name`, and gives its cell: bold over the bound.
    fn cell(&mut self, name: &str, ratio: f64) -> String {
        self.measured += 1;
        if ratio > self.bound {
            self.over.push(name.to_owned());
        }
        if self
            .highest
            .as_ref()
            .is_none_or(|(highest, _)| ratio > *highest)
        {
            self.highest = Some((ratio, name.to_owned()));
        }
        cell(ratio, self.bound)
    }

    /// Its row of the summary: how many fixtures hold it, which do not, the highest.
    fn row(&self) -> String {
        let holds = match self.over.as_slice() {
            [] if self.measured == 0 => "none measured".to_owned(),
            [] => format!("all {}", self.measured),
            over => format!(
                "{} of {}; not {}",
                self.measured - over.len(),
                self.measured,
                over.join(", ")
            ),
        };
        let highest = self
            .highest
            .as_ref()
            .map_or_else(String::new, |(ratio, name)| format!("{ratio:.2}, {name}"));
        format!(
            "| {} <= {:.1} | {holds} | {highest} |",
            self.what, self.bound
        )
    }
}

/// The `--floor` table: for each selected fixture with a plain serde mirror, the typed
/// parse and the mirror's, owned and borrowed, against the `value` baseline (the bold
/// ratios miss issue 7's 0.5) and the borrowed mirror against `ignored`.
fn floor_table(all: &[Request], selected: impl Fn(&str) -> bool) -> Result<(), String> {
    println!(
        "| payload | typed | floor_owned | floor_borrowed | value | ignored | typed/value | floor_owned/value | floor_borrowed/value | floor_borrowed/ignored |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for fixture in all {
        let name = name(fixture);
        if floor::parsers(&name).is_none() || !selected(&name) {
            continue;
        }
        let typed = per_parse("typed", fixture)?;
        let owned = per_parse("floor_owned", fixture)?;
        let borrowed = per_parse("floor_borrowed", fixture)?;
        let value = per_parse("value", fixture)?;
        let ignored = per_parse("ignored", fixture)?;
        println!(
            "| {name} | {typed:.0} | {owned:.0} | {borrowed:.0} | {value:.0} | {ignored:.0} | {} | {} | {} | {:.2} |",
            cell(typed / value, 0.5),
            cell(owned / value, 0.5),
            cell(borrowed / value, 0.5),
            borrowed / ignored
        );
    }
    Ok(())
}
