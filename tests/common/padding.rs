//! A payload padded with unknown fields to a given size: what the scaling benchmarks
//! time and count and the allocation test measures the peak memory of.

use std::path::Path;

/// From 1 KiB to 1 MiB.
pub const SIZES: [usize; 4] = [1 << 10, 16 << 10, 256 << 10, 1 << 20];

/// The NXCloud receipt `receipt_seen` padded to `size` bytes: the one body the scaling
/// figures (`benches/parse.rs`, `benches/instructions.rs`) and the peak-memory check
/// (`tests/allocations.rs`) measure.
pub fn padded_receipt(size: usize) -> Vec<u8> {
    let receipt = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/nxcloud/receipt_seen.json"),
    )
    .expect("the receipt fixture");
    pad_object(&receipt, size)
}

/// `object` (a JSON object) with fields `"pad_<n>": "<64 letters>"` added before its
/// closing brace until it is at least `size` bytes long.
pub fn pad_object(object: &[u8], size: usize) -> Vec<u8> {
    let text = std::str::from_utf8(object).expect("a UTF-8 object");
    let close = text.rfind('}').expect("a JSON object");
    let mut padded = text[..close].trim_end().to_owned();
    let mut n = 0;
    while padded.len() + 2 < size {
        n += 1;
        padded.push_str(&format!(",\"pad_{n}\":\"{}\"", "x".repeat(64)));
    }
    padded.push_str("\n}");
    padded.into_bytes()
}
