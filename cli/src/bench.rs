//! `provider-payloads parse --bench`: the typed parse of one input timed beside the
//! untyped parses a user would write instead.

use std::hint::black_box;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use provider_payloads::{Payload, Provider};

use crate::parse::{Sent, parse_request, request};

/// A parse to time: its name in the ratio line, its label, and the parse.
type Candidate<'a> = (&'static str, &'static str, Box<dyn Fn() + 'a>);

/// How many timed batches each candidate gets; the median is printed.
const BATCHES: usize = 31;

/// Times the typed parse of `input` beside the untyped parses a user would write instead,
/// in one process, batches of each taking turns so that a slow moment hits them alike.
pub(crate) fn bench(
    out: &mut impl Write,
    provider: Option<Provider>,
    input: &[u8],
    sent: Sent,
    payload: &Payload,
) -> io::Result<()> {
    // Split once, out of the timing: the typed parse is timed from the body and query, as
    // a handler receives them. A form body's baseline is its pairs, as a query string's.
    // (The input parsed, so it is a request.)
    let (body, query) = request(input, sent).unwrap_or((input, ""));
    let is_json =
        body.trim_ascii_start().starts_with(b"{") || body.trim_ascii_start().starts_with(b"[");
    let (json, pairs_text): (&[u8], &str) = if is_json {
        (body, query)
    } else {
        (
            b"",
            std::str::from_utf8(body)
                .ok()
                .filter(|form| !form.is_empty())
                .unwrap_or(query),
        )
    };
    let typed = move || {
        drop(black_box(parse_request(
            provider,
            black_box(input),
            black_box(body),
            black_box(query),
        )))
    };
    let value = || {
        drop(black_box(serde_json::from_slice::<serde_json::Value>(
            black_box(json),
        )))
    };
    let ignored = || {
        drop(black_box(serde_json::from_slice::<serde::de::IgnoredAny>(
            black_box(json),
        )))
    };
    let pairs = || {
        drop(black_box(
            serde_urlencoded::from_str::<Vec<(String, String)>>(black_box(pairs_text)),
        ))
    };
    let mut candidates: Vec<Candidate<'_>> = vec![("typed", "typed parse", Box::new(typed))];
    if !json.is_empty() {
        candidates.push(("value", "serde_json::Value", Box::new(value)));
        candidates.push(("ignored", "serde::de::IgnoredAny", Box::new(ignored)));
    } else {
        candidates.push(("pairs", "serde_urlencoded pairs", Box::new(pairs)));
    }
    let medians = median_times(&candidates);
    writeln!(
        out,
        "{} {}, {} bytes: median of {BATCHES} batches",
        payload.provider(),
        payload.kind(),
        if json.is_empty() {
            pairs_text.len()
        } else {
            json.len()
        }
    )?;
    for ((_, label, _), median) in candidates.iter().zip(&medians) {
        writeln!(out, "{label:<24} {median:>10.2?}")?;
    }
    let typed = medians.first().copied().unwrap_or_default().as_secs_f64();
    let ratios: Vec<String> = candidates
        .iter()
        .zip(&medians)
        .skip(1)
        .map(|((name, _, _), median)| format!("typed/{name}={:.2}", typed / median.as_secs_f64()))
        .collect();
    writeln!(out, "{}", ratios.join(" "))
}

/// The median time of one call of each candidate. Each batch runs a candidate enough
/// times to take about a millisecond, so the clock's resolution does not count.
fn median_times(candidates: &[Candidate<'_>]) -> Vec<Duration> {
    let runs: Vec<u32> = candidates
        .iter()
        .map(|(_, _, run)| {
            let mut runs = 1_u32;
            loop {
                let start = Instant::now();
                (0..runs).for_each(|_| run());
                if start.elapsed() >= Duration::from_millis(1) || runs >= 1 << 20 {
                    return runs;
                }
                runs *= 2;
            }
        })
        .collect();
    let mut samples = vec![Vec::with_capacity(BATCHES); candidates.len()];
    for _ in 0..BATCHES {
        for ((candidate, runs), samples) in candidates.iter().zip(&runs).zip(&mut samples) {
            let start = Instant::now();
            (0..*runs).for_each(|_| (candidate.2)());
            samples.push(start.elapsed() / *runs);
        }
    }
    samples
        .into_iter()
        .map(|mut times| {
            times.sort();
            times[BATCHES / 2]
        })
        .collect()
}
