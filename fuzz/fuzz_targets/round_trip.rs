//! Round trips through `parse`: whatever parses, written back with `to_wire`, parses again
//! to an equal value that writes the same bytes, and is the same payload as the input
//! (the same JSON; for eSMS the same keys and decoded values), as `tests/fixtures.rs`
//! checks of every valid fixture.
//!
//! The input is the body, a NUL byte, then the query string (see `split`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_payloads::{Payload, esms, parse};
use provider_payloads_fuzz::{same_json, same_query, split, written_back};

fuzz_target!(|data: &[u8]| {
    let (body, query) = split(data);
    let Ok(payload) = parse(body, &query) else {
        return;
    };
    match payload {
        Payload::Esms(esms::Payload::Callback(_)) => {
            // Written back, an eSMS callback is a query string, read with an empty body.
            let wire = written_back(&payload, Payload::to_wire, |wire| {
                parse(b"", std::str::from_utf8(wire).unwrap_or_default())
            });
            // `parse` takes the query without its `?`, and `from_query` takes one more
            // leading `?` (the query with `?`): both are the URL's, not the callback's.
            let query = query.strip_prefix('?').unwrap_or(&query);
            same_query(query, std::str::from_utf8(&wire).unwrap_or_default());
        }
        _ => {
            let wire = written_back(&payload, Payload::to_wire, |wire| parse(wire, ""));
            same_json(body, &wire);
        }
    }
});
