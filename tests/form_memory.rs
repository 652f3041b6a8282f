//! The heap a form or a query string of tiny pairs takes: an NXCloud SMS receipt (a form)
//! and an eSMS callback (a query string) each keep the text as it came and find its
//! pairs in it again, so that a million tiny pairs cost about the text's own size, not a
//! few words a pair.
//!
//! `dhat` counts the heap (see `tests/allocations.rs`); it counts every thread of the
//! process, so this file holds one test.

use provider_payloads::esms::Callback;
use provider_payloads::nxcloud::SmsReceipt;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The heap's peak while `f` runs.
fn peak<T>(f: impl FnOnce() -> T) -> usize {
    let _profiler = dhat::Profiler::builder().testing().build();
    drop(std::hint::black_box(f()));
    dhat::HeapStats::get().max_bytes
}

/// A text of `pairs` repeated to a little under 2 MiB (the default limit) after `head`.
fn tiny_pairs(head: &str, pair: &str) -> String {
    let size = 2 * 1024 * 1024 - 64;
    format!("{head}{}", pair.repeat(size / pair.len()))
}

#[test]
fn a_form_or_a_query_of_tiny_pairs_takes_at_most_twice_its_size() {
    let mut over = Vec::new();
    // The peaks of a text read alone and through `parse` (told from the other providers'
    // bodies), printed, and noted where over twice its size.
    let mut note = |what: String, size: usize, peaks: [usize; 2]| {
        let [read, parsed] = peaks.map(|peak| peak as f64 / size as f64);
        println!("{what}, {size} bytes: read alone {read:.2}x, parse {parsed:.2}x at the peak");
        if peaks.iter().any(|&peak| peak > 2 * size) {
            over.push(format!("{what}: {peaks:?} bytes"));
        }
    };
    for pair in ["=&", "a&", "a=&", "a=b&", "status=1&"] {
        let form = tiny_pairs("messageid=1&status=2&", pair);
        let peaks = [
            peak(|| SmsReceipt::from_form(form.as_bytes()).unwrap()),
            peak(|| provider_payloads::parse(form.as_bytes(), "").unwrap()),
        ];
        note(format!("NXCloud form of `{pair}`"), form.len(), peaks);
    }
    // `+=+&`: a pair that decodes, whose decoded text the callback keeps beside the query.
    for pair in ["=&", "a&", "a=&", "a=b&", "SMSID=1&", "+=+&"] {
        let query = tiny_pairs("SMSID=1&SendStatus=5&", pair);
        let peaks = [
            peak(|| Callback::from_query(&query).unwrap()),
            peak(|| provider_payloads::parse(b"", &query).unwrap()),
        ];
        note(format!("eSMS query of `{pair}`"), query.len(), peaks);
    }
    assert!(over.is_empty(), "over twice the size: {over:?}");

    // What the receipt keeps is all there: the unknown pairs, and the form written back.
    let form = "messageid=1&status=2&=&a&a=b&status=3";
    let receipt = SmsReceipt::from_form(form.as_bytes()).unwrap();
    let unknown: Vec<(String, String)> = receipt
        .unknown_parameters()
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    let expected = [("", ""), ("a", ""), ("a", "b"), ("status", "3")];
    assert_eq!(unknown, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    assert_eq!(receipt.to_form(), form);

    // And the callback's: the unknown pairs and repeats, decoded, the spelling of a known
    // key, and the query written back with the same keys and decoded values.
    let query = "SMSID=1&SendStatus=5&=&a&a=b&Totalprice=1.50&SMSID=2&x%41=%41+b";
    let callback = Callback::from_query(query).unwrap();
    let unknown: Vec<(&str, &str)> = callback.unknown_parameters().collect();
    let expected = [
        ("", ""),
        ("a", ""),
        ("a", "b"),
        ("SMSID", "2"),
        ("xA", "A b"),
    ];
    assert_eq!(unknown, expected);
    assert_eq!(callback.unknown_parameters().len(), expected.len());
    assert_eq!(
        callback.to_query(),
        "SMSID=1&SendStatus=5&=&a=&a=b&Totalprice=1.50&SMSID=2&xA=A%20b"
    );
}
