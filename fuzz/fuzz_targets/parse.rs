//! `parse`, the crate's one entry point, on any body and query: it must return, never
//! panic, hang or allocate far beyond the input; what it reads must give its event, its
//! answer, its findings and its wire form.
//!
//! The input is the body, a NUL byte, then the query string (see `split`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_payloads_fuzz::{inspect_error, inspect_payload, split};

fuzz_target!(|data: &[u8]| {
    let (body, query) = split(data);
    match provider_payloads::parse(body, &query) {
        Ok(payload) => {
            inspect_payload(&payload);
            if let Err(err) = payload.to_wire() {
                panic!("it parsed but is not written back: {err}\n{payload:#?}");
            }
        }
        Err(err) => inspect_error(&err, None),
    }
});
