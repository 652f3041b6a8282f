//! Round trips through `parse`: whatever parses, written back with `to_wire`, parses again
//! to an equal value that writes the same bytes, and is the same payload as the input
//! (the same JSON; for a query string or a form the same keys and decoded values), as
//! `tests/fixtures.rs` checks of every valid fixture.
//!
//! The input is the body, a NUL byte, then the query string (see `split`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_payloads::{Payload, esms, nxcloud, parse};
use provider_payloads_fuzz::{same_json, same_query, split, written_back};

fuzz_target!(|data: &[u8]| {
    let (body, query) = split(data);
    let Ok(payload) = parse(body, &query) else {
        return;
    };
    // A query string or a form (eSMS's callback; NXCloud's SMS receipt) is written back
    // as one, and read again the way it came: from the body, or with an empty body from
    // the URL's query.
    let pairs = matches!(
        payload,
        Payload::Esms(esms::Payload::Callback(_))
            | Payload::NxCloud(nxcloud::Callback::SmsReceipt(_))
    );
    if !pairs {
        let wire = written_back(&payload, Payload::to_wire, |wire| parse(wire, ""));
        same_json(body, &wire);
        return;
    }
    let in_body = !body.trim_ascii().is_empty();
    let wire = written_back(&payload, Payload::to_wire, |wire| {
        if in_body {
            parse(wire, "")
        } else {
            parse(b"", std::str::from_utf8(wire).unwrap_or_default())
        }
    });
    // `parse` takes the query without its `?`, and `from_query` takes one more leading
    // `?` (the query with `?`): both are the URL's, not the callback's.
    let source = if in_body {
        String::from_utf8_lossy(body).into_owned()
    } else {
        query.strip_prefix('?').unwrap_or(&query).to_owned()
    };
    same_query(&source, std::str::from_utf8(&wire).unwrap_or_default());
});
