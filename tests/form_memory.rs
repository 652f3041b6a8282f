//! The heap an NXCloud SMS receipt (a form) takes, by what its pairs are: its reader keeps
//! the form as it came and finds its pairs in it again, so that a form of a million tiny
//! pairs costs its own size, not a few words a pair.
//!
//! `dhat` counts the heap (see `tests/allocations.rs`); it counts every thread of the
//! process, so this file holds one test.

use provider_payloads::nxcloud::SmsReceipt;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The heap's peak while `f` runs.
fn peak<T>(f: impl FnOnce() -> T) -> usize {
    let _profiler = dhat::Profiler::builder().testing().build();
    drop(std::hint::black_box(f()));
    dhat::HeapStats::get().max_bytes
}

#[test]
fn a_form_of_tiny_pairs_takes_about_its_own_size() {
    let size = 2 * 1024 * 1024 - 64;
    for pair in ["=&", "a&", "a=&", "a=b&", "status=1&"] {
        let form = format!("messageid=1&status=2&{}", pair.repeat(size / pair.len()));
        // Read alone, and told from the other providers' bodies.
        let read = peak(|| SmsReceipt::from_form(form.as_bytes()).unwrap());
        let parsed = peak(|| provider_payloads::parse(form.as_bytes(), "").unwrap());
        println!(
            "{} bytes of `{pair}`: from_form {read} bytes, parse {parsed} bytes at the peak",
            form.len()
        );
        for taken in [read, parsed] {
            assert!(taken <= 2 * form.len(), "`{pair}`: {taken} bytes");
        }
    }
    // What it keeps is all there: the unknown pairs, and the form written back.
    let form = "messageid=1&status=2&=&a&a=b&status=3";
    let receipt = SmsReceipt::from_form(form.as_bytes()).unwrap();
    let unknown: Vec<(String, String)> = receipt
        .unknown_parameters()
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    let expected = [("", ""), ("a", ""), ("a", "b"), ("status", "3")];
    assert_eq!(unknown, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    assert_eq!(receipt.to_form(), form);
}
