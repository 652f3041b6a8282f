//! What a public webhook URL may be sent: each case is a hostile or odd request, and the
//! exact outcome the crate gives for it (the payload kind and what it kept, or the whole
//! error message). Every case also runs under a counting allocator: the heap it uses at
//! its peak stays within 4 times the request's size and 4 KiB (`--nocapture` prints
//! each case's figure). Whatever parses must also write back to what reads as itself.
//!
//! `dhat` counts every thread of the process, so this file holds one test.

use std::path::Path;

use provider_payloads::{
    Error, Limits, ListUnrecognized, Payload, esms, nxcloud, parse_with, viva, wappin,
};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The entry point a case goes through.
#[derive(Clone, Copy, Debug)]
enum Entry {
    /// `parse` with the default limits.
    Parse,
    /// `parse_with` with a body limit of this many bytes.
    ParseWithin(usize),
    NxCloud,
    /// NXCloud's `from_json_with` with a body limit of this many bytes.
    NxCloudWithin(usize),
    Wappin,
    Viva,
    Esms,
    EsmsQuery,
    EsmsUrl,
}

struct Case {
    name: &'static str,
    entry: Entry,
    body: Vec<u8>,
    query: String,
    expected: &'static str,
}

fn case(
    name: &'static str,
    entry: Entry,
    body: impl Into<Vec<u8>>,
    expected: &'static str,
) -> Case {
    Case {
        name,
        entry,
        body: body.into(),
        query: String::new(),
        expected,
    }
}

fn query_case(
    name: &'static str,
    entry: Entry,
    query: impl Into<String>,
    expected: &'static str,
) -> Case {
    Case {
        name,
        entry,
        body: Vec::new(),
        query: query.into(),
        expected,
    }
}

impl Case {
    fn run(&self) -> Result<Payload, Error> {
        let body = &self.body[..];
        match self.entry {
            Entry::Parse => provider_payloads::parse(body, &self.query),
            Entry::ParseWithin(limit) => parse_with(body, &self.query, &Limits::new().body(limit)),
            Entry::NxCloud => nxcloud::Callback::from_json(body).map(Payload::NxCloud),
            Entry::NxCloudWithin(limit) => {
                nxcloud::Callback::from_json_with(body, &Limits::new().body(limit))
                    .map(Payload::NxCloud)
            }
            Entry::Wappin => wappin::Payload::from_json(body).map(Payload::Wappin),
            Entry::Viva => viva::Payload::from_json(body).map(Payload::Viva),
            Entry::Esms => esms::Payload::from_json(body).map(Payload::Esms),
            Entry::EsmsQuery => esms::Payload::from_query(&self.query).map(Payload::Esms),
            Entry::EsmsUrl => esms::Callback::from_url(&self.query)
                .map(|c| Payload::Esms(esms::Payload::Callback(Box::new(c)))),
        }
    }

    /// The same case on what a payload wrote: a body, or for eSMS a query.
    fn again(&self, wire: Vec<u8>) -> Case {
        let entry = match self.entry {
            Entry::EsmsUrl => Entry::EsmsQuery,
            entry => entry,
        };
        let (body, query) = match entry {
            Entry::EsmsQuery => (Vec::new(), String::from_utf8(wire).unwrap()),
            _ if self.body.is_empty() => (Vec::new(), String::from_utf8(wire).unwrap()),
            _ => (wire, String::new()),
        };
        Case {
            name: self.name,
            entry,
            body,
            query,
            expected: self.expected,
        }
    }

    fn size(&self) -> usize {
        self.body.len() + self.query.len()
    }
}

/// What a case gave, in one line: `ok <provider> <kind>` and what it did not recognize
/// (the count, and the first two), or `err <message>` (for a body that is no provider's,
/// the reason alone, without the kinds nearest it). A payload must also write back to what reads as itself.
fn outcome(case: &Case, result: &Result<Payload, Error>) -> String {
    match result {
        Ok(payload) => {
            let again = payload.to_wire().and_then(|wire| case.again(wire).run());
            if again.as_ref() != Ok(payload) {
                return format!("ok, but written back it reads as {again:?}");
            }
            let found = payload.unrecognized();
            let mut line = format!("ok {} {}", payload.provider(), payload.kind());
            if !found.is_empty() {
                let first: Vec<String> = found
                    .iter()
                    .take(2)
                    .map(|u| shorten(&u.to_string()))
                    .collect();
                line += &format!("; {} unrecognized: {}", found.len(), first.join(", "));
            }
            line
        }
        Err(Error::NoProvider { found, .. }) => format!("err {}", shorten(found)),
        Err(err) => format!("err {}", shorten(&err.to_string())),
    }
}

/// Long values (a 16 MiB string) shown by their length.
fn shorten(text: &str) -> String {
    if text.len() <= 200 {
        return text.to_owned();
    }
    let head: String = text.chars().take(60).collect();
    format!("{head}... ({} bytes)", text.len())
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(path),
    )
    .unwrap()
}

/// NXCloud's receipt sample, with `extra` after its last field.
fn receipt(extra: &str) -> String {
    format!(
        r#"{{"status":"seen","requestId":"r1","code":11002,"message":"m","sendTime":"2023-07-13 15:12:11"{extra}}}"#
    )
}

/// NXCloud's receipt sample with one field's raw JSON value replaced.
fn receipt_where(field: &str, value: &str) -> String {
    let sample = receipt("");
    let start = sample.find(&format!("\"{field}\":")).unwrap() + field.len() + 3;
    let end = start + sample[start..].find([',', '}']).unwrap();
    format!("{}{value}{}", &sample[..start], &sample[end..])
}

/// The NXCloud sample `file` with `from` replaced by `to`.
fn nxcloud_fixture(file: &str, from: &str, to: &str) -> String {
    let sample = fixture(&format!("nxcloud/{file}"));
    assert!(sample.contains(from), "{from}");
    sample.replacen(from, to, 1)
}

/// NXCloud's Super Message receipt sample with `from` replaced by `to`.
fn super_message(from: &str, to: &str) -> String {
    nxcloud_fixture("super_message_receipt_viber_14004.json", from, to)
}

/// Viva's "Transaction Payment Created" sample with `from` replaced by `to`.
fn viva_payment(from: &str, to: &str) -> String {
    let sample = fixture("viva/transaction_payment_created.json");
    assert!(sample.contains(from), "{from}");
    sample.replacen(from, to, 1)
}

/// The v2 login answer of the Wappin SDK's tests (`tests/data/wappin/`) with `from`
/// replaced by `to`.
fn wappin_v2_login(from: &str, to: &str) -> String {
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/wappin/v2_login_success_users_token.json"),
    )
    .unwrap();
    assert!(sample.contains(from), "{from}");
    sample.replacen(from, to, 1)
}

/// Wappin's status callback sample with `from` replaced by `to`.
fn wappin_status(from: &str, to: &str) -> String {
    let sample = fixture("wappin/callback_status.json");
    assert!(sample.contains(from), "{from}");
    sample.replacen(from, to, 1)
}

/// One of eSMS's answers (`fixtures/esms/<name>.json`) with `from` replaced by `to`.
fn esms_answer(name: &str, from: &str, to: &str) -> String {
    let sample = fixture(&format!("esms/{name}.json"));
    assert!(sample.contains(from), "{from}");
    sample.replacen(from, to, 1)
}

/// GetCallback's answer with its one record `times` times.
fn esms_records(times: usize) -> String {
    let sample = fixture("esms/getcallback_response.json");
    let start = sample.find("        {").unwrap();
    let end = sample.find("} \n").unwrap() + 1;
    let record = &sample[start..end];
    let records = vec![record; times].join(",");
    format!("{}{records}{}", &sample[..start], &sample[end..])
}

const ESMS: &str = "SMSID=849fe&SendFailed=0&SendStatus=5&SendSuccess=1&TotalPrice=470.0000";

/// NXCloud's SMS receipt form, as its document's sample writes it (raw spaces included).
const SMS_RECEIPT: &str = "result=DELIVRD&size=1&phone=6282167624806&rate=6.4845&price=0.045&messageid=b308d94a73f94e6d84ae975c41f4b2a6&drtime=2021-02-26 10:01:15&currency=USD&sendtime=2021-02-26 10:01:15&status=2";

/// eSMS's ZNS sample (`error_info` as a JSON string literal) with `from` replaced by `to`.
fn esms_zns(from: &str, to: &str) -> String {
    let sample = fixture("esms/zns_type25_failed_minus114.query");
    let sample = sample.trim_end();
    assert!(sample.contains(from), "{from}");
    sample.replacen(from, to, 1)
}

/// `inner` percent-encoded `times` times (`%` becomes `%25` each time).
fn percent_encoded(inner: &str, times: usize) -> String {
    let mut text = inner.to_owned();
    for _ in 0..times {
        text = text.replace('%', "%25");
    }
    text
}

/// `open` `depth` times, then `inner`, then `close` as many times.
fn deep(open: &str, inner: &str, close: &str, depth: usize) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

const MIB: usize = 1024 * 1024;

fn cases() -> Vec<Case> {
    use Entry::*;
    let big_string = "x".repeat(16 * MIB);
    let many_keys: String = (0..100_000).map(|i| format!(",\"k{i}\":{i}")).collect();
    let many_params: String = (0..100_000).map(|i| format!("&p{i}={i}")).collect();
    vec![
        // Size and nesting.
        case(
            "nesting 100 000 arrays deep",
            Parse,
            deep("[", "", "]", 100_000),
            "err viva message list: `[0]`: invalid type: sequence, expected a JSON object (line 1, column 1)",
        ),
        case(
            "nesting 100 000 objects deep",
            Parse,
            deep("{\"a\":", "1", "}", 100_000),
            "err no kind fits: the body is an object with the keys `a`",
        ),
        case(
            "a receipt with an unknown field nested 100 000 deep",
            Parse,
            receipt(&format!(",\"x\":{}", deep("[", "", "]", 100_000))),
            "ok nxcloud receipt; 1 unrecognized: unknown field `x` = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[... (200020 bytes)",
        ),
        case(
            "a Viva payment with EventData nested 100 000 deep inside",
            Parse,
            viva_payment(
                "\"Amount\": 100.50,",
                &format!(
                    "\"Amount\": 100.50, \"Deep\": {},",
                    deep("{\"a\":", "1", "}", 100_000)
                ),
            ),
            r#"ok viva webhook message; 1 unrecognized: unknown field `EventData.Deep` = {"a":{"a":{"a":{"a":{"a":{"... (600034 bytes)"#,
        ),
        case(
            "a receipt message nested 100 000 deep",
            Parse,
            receipt_where("message", &deep("[", "", "]", 100_000)),
            // The column is the first `[`'s end: a text field is asked for whatever is
            // there (it takes an integer too), and the array is refused once it opens.
            "err nxcloud receipt: `message`: invalid type: sequence, expected a string (line 1, column 58)",
        ),
        case(
            "a Wappin request's params nested 100 000 deep",
            Parse,
            fixture("wappin/send_hsm_prod_request.json").replacen(
                "\"params\"",
                &format!(
                    "\"deep\": {}, \"params\"",
                    deep("{\"a\":", "1", "}", 100_000)
                ),
                1,
            ),
            r#"ok wappin send HSM request; 1 unrecognized: unknown field `deep` = {"a":{"a":{"a":{"a":{"a":{"a":{"a":{"... (600024 bytes)"#,
        ),
        case(
            "an eSMS GetCallback answer of 2 000 records",
            Parse,
            esms_records(2_000),
            "ok esms GetCallback response",
        ),
        case(
            "a GetCallback record's ErrorInfo nested 100 000 deep",
            Esms,
            esms_answer(
                "getcallback_response",
                r#""ErrorInfo": "{\"error\""#,
                &format!(
                    r#""ErrorInfo": "{{\"deep\":{},\"error\""#,
                    deep("[", "", "]", 100_000)
                ),
            ),
            "ok esms GetCallback response; 1 unrecognized: unknown field `Data_callback[0].ErrorInfo.deep` = [[[[[[[[[[... (200050 bytes)",
        ),
        case(
            "a Wappin v2 answer of 30 000 errors",
            Parse,
            format!(
                r#"{{"meta":{{"version":"1.0.4"}},"errors":[{}]}}"#,
                vec![r#"{"code":500,"title":"General Error","details":"General Error"}"#; 30_000]
                    .join(",")
            ),
            "ok wappin v2 response",
        ),
        case(
            "a 16 MiB string, default limits",
            Parse,
            receipt(&format!(",\"x\":\"{big_string}\"")),
            "err the request is 16777317 bytes, over the limit of 2097152 bytes",
        ),
        case(
            "a 16 MiB string within a 17 MiB limit: kept",
            ParseWithin(17 * MIB),
            receipt(&format!(",\"x\":\"{big_string}\"")),
            r#"ok nxcloud receipt; 1 unrecognized: unknown field `x` = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (16777238 bytes)"#,
        ),
        case(
            "a 16 MiB requestId within a 17 MiB limit",
            ParseWithin(17 * MIB),
            receipt_where("requestId", &format!("\"{big_string}\"")),
            "ok nxcloud receipt",
        ),
        case(
            "a 16 MiB string to the provider's own entry point, limit 17 MiB",
            NxCloudWithin(17 * MIB),
            receipt(&format!(",\"x\":\"{big_string}\"")),
            r#"ok nxcloud receipt; 1 unrecognized: unknown field `x` = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (16777238 bytes)"#,
        ),
        case(
            "a 16 MiB string to the provider's own entry point, default limits",
            NxCloud,
            receipt(&format!(",\"x\":\"{big_string}\"")),
            "err the request is 16777317 bytes, over the limit of 2097152 bytes",
        ),
        query_case(
            "a 16 MiB eSMS query, default limits",
            Parse,
            format!("{ESMS}&x={big_string}"),
            "err the request is 16777290 bytes, over the limit of 2097152 bytes",
        ),
        case(
            "100 000 unknown keys: kept",
            Parse,
            receipt(&many_keys),
            "ok nxcloud receipt; 100000 unrecognized: unknown field `k0` = 0, unknown field `k1` = 1",
        ),
        case(
            "100 000 keys, none a provider's",
            Parse,
            format!("{{\"k\":0{many_keys}}}"),
            "err no kind fits: the body is an object with the keys `k`, `k0`, `k1`, `k2`, `k3`, `k4`, `k5`, `k6` and 99993 more",
        ),
        query_case(
            "100 000 unknown query parameters: kept",
            Parse,
            format!("{ESMS}{many_params}"),
            "ok esms callback; 100000 unrecognized: unknown field `p0` = 0, unknown field `p1` = 1",
        ),
        query_case(
            "100 000 repeated SMSID parameters",
            EsmsQuery,
            format!("{ESMS}{}", "&SMSID=1".repeat(100_000)),
            "ok esms callback; 100000 unrecognized: unknown field `SMSID` = 1, unknown field `SMSID` = 1",
        ),
        case(
            "100 000 empty arrays as a Viva message list",
            Parse,
            format!("[{}[]]", "[],".repeat(99_999)),
            "err viva message list: `[0]`: invalid type: sequence, expected a JSON object (line 1, column 1)",
        ),
        case(
            "a million spaces",
            Parse,
            " ".repeat(MIB),
            "err the body is empty and there is no query string",
        ),
        // Bytes that are not text.
        case(
            "invalid UTF-8 in a value (raw byte)",
            Parse,
            {
                let mut b = receipt("").into_bytes();
                let at = b.iter().position(|&c| c == b'm').unwrap();
                b[at] = 0xff;
                b
            },
            "err the body is not JSON: it is not UTF-8, byte 48 starts an invalid sequence (line 1, column 49)",
        ),
        case(
            "invalid UTF-8 in a key",
            Parse,
            {
                let mut b = receipt(",\"kx\":1").into_bytes();
                let at = b.len() - 5;
                b[at] = 0xc3;
                b
            },
            "err the body is not JSON: it is not UTF-8, byte 96 starts an invalid sequence (line 1, column 97)",
        ),
        case(
            "a raw NUL byte in a string",
            Parse,
            receipt_where("message", "\"m\0\""),
            r#"err the body is not JSON at `message`: control character (\u0000-\u001F) found while parsing a string (line 1, column 60)"#,
        ),
        case(
            "an escaped NUL in a string: kept",
            Parse,
            receipt_where("message", "\"m\\u0000\""),
            "ok nxcloud receipt",
        ),
        case(
            "a NUL byte after the JSON",
            Parse,
            receipt("") + "\0",
            "err the body is not JSON: trailing characters (line 1, column 95)",
        ),
        case(
            "a lone surrogate escape",
            Parse,
            receipt_where("message", "\"\\ud800\""),
            "err the body is not JSON at `message`: unexpected end of hex escape (line 1, column 65)",
        ),
        query_case(
            "a percent-encoded NUL in an eSMS id: kept",
            Parse,
            ESMS.replace("SMSID=849fe", "SMSID=84%009fe"),
            "ok esms callback",
        ),
        query_case(
            "percent-encoded invalid UTF-8 in an eSMS id",
            Parse,
            ESMS.replace("SMSID=849fe", "SMSID=%C3%28"),
            "err esms callback: `SMSID`: the percent-decoded value is not UTF-8",
        ),
        case(
            "a byte-order mark before the JSON",
            Parse,
            format!("\u{feff}{}", receipt("")),
            "err the body is not JSON: it starts with a byte-order mark (U+FEFF), which JSON does not allow (line 1, column 1)",
        ),
        case(
            "a byte-order mark before a Viva body",
            Viva,
            format!(
                "\u{feff}{}",
                fixture("viva/transaction_payment_created.json")
            ),
            "err the body is not JSON: it starts with a byte-order mark (U+FEFF), which JSON does not allow (line 1, column 1); expected a Viva payload",
        ),
        case(
            "an HTML page",
            Parse,
            "<html><body>502 Bad Gateway</body></html>",
            "err the body is not JSON: it looks like an HTML or XML page (line 1, column 1)",
        ),
        query_case(
            "a byte-order mark before the eSMS query",
            Parse,
            format!("\u{feff}{ESMS}"),
            "err esms callback: `SMSID`: missing or empty; it is the message's ID",
        ),
        // What surrounds the JSON.
        case(
            "trailing garbage after the JSON",
            Parse,
            receipt("") + " garbage",
            "err the body is not JSON: trailing characters (line 1, column 96)",
        ),
        case(
            "a second JSON object after the first",
            Parse,
            receipt("") + &receipt(""),
            "err the body is not JSON: trailing characters (line 1, column 95)",
        ),
        case(
            "trailing white space: fine",
            Parse,
            receipt("") + " \r\n\t ",
            "ok nxcloud receipt",
        ),
        case(
            "a comma after the last field",
            Parse,
            receipt(","),
            "err the body is not JSON: trailing comma (line 1, column 95)",
        ),
        case(
            "a comment",
            Parse,
            receipt("").replacen('{', "{/* c */", 1),
            "err the body is not JSON: key must be a string (line 1, column 2)",
        ),
        case(
            "single quotes",
            Parse,
            receipt("").replace('"', "'"),
            "err the body is not JSON: key must be a string (line 1, column 2)",
        ),
        case(
            "JSON cut short",
            Parse,
            {
                let r = receipt("");
                r[..r.len() - 10].to_owned()
            },
            "err the body is not JSON at `sendTime`: it ends in the middle of a string (line 1, column 84)",
        ),
        // Duplicate keys.
        case(
            "a duplicate known field",
            Parse,
            receipt(",\"status\":\"failed\""),
            "err nxcloud receipt: duplicate field `status` (line 1, column 102)",
        ),
        case(
            "a duplicate unknown field",
            Parse,
            receipt(",\"x\":1,\"x\":2"),
            "ok nxcloud receipt; 2 unrecognized: unknown field `x` = 1, unknown field `x` = 2",
        ),
        case(
            "a duplicate Viva amount",
            Parse,
            viva_payment("\"Amount\": 100.50,", "\"Amount\": 100.50, \"Amount\": 1,"),
            "err viva webhook message: `EventData`: duplicate field `Amount` (line 3, column 27)",
        ),
        case(
            "a duplicate Wappin status",
            Parse,
            wappin_status(
                "\"status_messages\":\"delivered\",",
                "\"status_messages\":\"delivered\",\"status_messages\":\"read\",",
            ),
            "err wappin callback: duplicate field `status_messages` (line 8, column 62)",
        ),
        query_case(
            "a duplicate eSMS parameter",
            Parse,
            format!("{ESMS}&SendStatus=4"),
            "ok esms callback; 1 unrecognized: unknown field `SendStatus` = 4",
        ),
        case(
            "a key written with escapes",
            Parse,
            receipt("").replace("\"requestId\"", "\"request\\u0049d\""),
            "ok nxcloud receipt",
        ),
        // Numbers.
        case(
            "a receipt code of 1e400",
            Parse,
            receipt_where("code", "1e400"),
            "err nxcloud receipt: `code`: invalid value: number `1e400`, expected an integer code (StatusCode), as a number or a string of digits (line 1, column 46)",
        ),
        case(
            "a Viva amount of 1e400",
            Parse,
            viva_payment("\"Amount\": 100.50", "\"Amount\": 1e400"),
            "err viva webhook message: `EventData.Amount`: invalid value: number `1e400`, expected a decimal number like 100.50 (no exponent, at most 28 decimals) (line 3, column 16)",
        ),
        case(
            "a Viva amount of 1e2",
            Parse,
            viva_payment("\"Amount\": 100.50", "\"Amount\": 1e2"),
            "err viva webhook message: `EventData.Amount`: invalid value: number `1e2`, expected a decimal number like 100.50 (no exponent, at most 28 decimals) (line 3, column 14)",
        ),
        case(
            "a Viva amount of -0",
            Parse,
            viva_payment("\"Amount\": 100.50", "\"Amount\": -0"),
            "ok viva webhook message",
        ),
        case(
            "a Viva amount of -0.00",
            Parse,
            viva_payment("\"Amount\": 100.50", "\"Amount\": -0.00"),
            "ok viva webhook message",
        ),
        case(
            "a Viva amount with 28 decimals",
            Parse,
            viva_payment(
                "\"Amount\": 100.50",
                "\"Amount\": 0.1234567890123456789012345678",
            ),
            "ok viva webhook message",
        ),
        case(
            "a Viva amount with 30 decimals",
            Parse,
            viva_payment(
                "\"Amount\": 100.50",
                "\"Amount\": 100.123456789012345678901234567890",
            ),
            "err viva webhook message: `EventData.Amount`: invalid value: number `100.123456789012345678901234567890`, expected a decimal number like 100.50 (no exponent, at most 28 decimals) (line 3, column 45)",
        ),
        case(
            "a Viva amount of 30 digits",
            Parse,
            viva_payment(
                "\"Amount\": 100.50",
                "\"Amount\": 123456789012345678901234567890",
            ),
            "err viva webhook message: `EventData.Amount`: invalid value: integer `123456789012345678901234567890`, expected a decimal number like 100.50 (no exponent, at most 28 decimals) (line 3, column 41)",
        ),
        case(
            "a Viva amount as a string",
            Parse,
            viva_payment("\"Amount\": 100.50", "\"Amount\": \"100.50\""),
            "ok viva webhook message",
        ),
        case(
            "a Viva amount as a word",
            Parse,
            viva_payment("\"Amount\": 100.50", "\"Amount\": \"much\""),
            r#"err viva webhook message: `EventData.Amount`: invalid value: string "much", expected a decimal number like 100.50 (no exponent, at most 28 decimals) (line 3, column 17)"#,
        ),
        case(
            "a Viva order code of 20 digits",
            Parse,
            viva_payment(
                "\"OrderCode\": 776027772607",
                "\"OrderCode\": 99999999999999999999",
            ),
            "err viva webhook message: `EventData.OrderCode`: invalid value: integer `99999999999999999999`, expected u64 (line 16, column 34)",
        ),
        case(
            "a Viva order code of u64::MAX",
            Parse,
            viva_payment(
                "\"OrderCode\": 776027772607",
                "\"OrderCode\": 18446744073709551615",
            ),
            "ok viva webhook message",
        ),
        case(
            "a Viva order code of -1",
            Parse,
            viva_payment("\"OrderCode\": 776027772607", "\"OrderCode\": -1"),
            "err viva webhook message: `EventData.OrderCode`: invalid value: integer `-1`, expected u64 (line 16, column 16)",
        ),
        case(
            "a Viva currency code of 1.5",
            Parse,
            viva_payment("\"CurrencyCode\": 978", "\"CurrencyCode\": 1.5"),
            "err viva webhook message: `EventData.CurrencyCode`: invalid value: number `1.5`, expected an integer code (Currency), as a number or a string of digits (line 8, column 20)",
        ),
        case(
            "a Viva Sale Transactions expiry with two spaces before its offset",
            Parse,
            fixture("viva/sale_transactions.json").replace(".239 +00:00", ".239  +00:00"),
            r#"err viva sale transactions file: `ExpirationDate`: invalid value: string "2022-07-08T01:09:06.239  +00:00", expected a date and time like `2014-06-18T14:20:30.45+03:00` (line 5, column 51)"#,
        ),
        case(
            "a Viva transfer amount with an exponent",
            Parse,
            fixture("viva/transfer_created_8448.json")
                .replace("\"Amount\":24.50", "\"Amount\":2.45e1"),
            "err viva webhook message: `EventData.Amount`: invalid value: number `2.45e1`, expected a decimal number like 100.50 (no exponent, at most 28 decimals) (line 5, column 19)",
        ),
        case(
            "a Viva obligation's wallet of 20 digits",
            Parse,
            fixture("viva/obligation_created_5632.json")
                .replace("952270799561", "99999999999999999999"),
            "err viva obligation: `WalletId`: invalid value: integer `99999999999999999999`, expected i64 (line 3, column 32)",
        ),
        case(
            "a Viva verification status as a string",
            Parse,
            fixture("viva/account_verification_status_changed_8194.json")
                .replace("\"Verified\":false", "\"Verified\":\"false\""),
            r#"err viva webhook message: `EventData.Verified`: invalid type: string "false", expected a boolean (line 4, column 22)"#,
        ),
        case(
            "an eSMS answer's code as a word",
            Parse,
            esms_answer(
                "queryznsstatus_response",
                r#""CodeResult": "100""#,
                r#""CodeResult": "ok""#,
            ),
            r#"err esms QueryZnsStatus response: `CodeResult`: invalid value: string "ok", expected an integer code (ResponseCode), as a number or a string of digits (line 2, column 22)"#,
        ),
        case(
            "a GetCallback record's counts as strings of digits: kept",
            Parse,
            esms_answer(
                "getcallback_response",
                r#""SendFailed": 1"#,
                r#""SendFailed": "1""#,
            ),
            "ok esms GetCallback response",
        ),
        case(
            "an eSMS answer's price in a string",
            Parse,
            esms_answer(
                "getcallback_response",
                r#""TotalPrice": 0.0"#,
                r#""TotalPrice": "0.0""#,
            ),
            "ok esms GetCallback response",
        ),
        case(
            "a Wappin v2 error code in a string: kept",
            Wappin,
            r#"{"meta":{"version":"1.0.4"},"errors":[{"code":"1005","title":"Access Denied"}]}"#,
            "ok wappin v2 response",
        ),
        case(
            "a receipt code of 20 digits",
            Parse,
            receipt_where("code", "99999999999999999999"),
            "err nxcloud receipt: `code`: invalid value: integer `99999999999999999999`, expected an integer code (StatusCode), as a number or a string of digits (line 1, column 61)",
        ),
        case(
            "a receipt code of -0",
            Parse,
            receipt_where("code", "-0"),
            "err nxcloud receipt: `code`: invalid value: integer `-0`, expected an integer code (StatusCode), as a number or a string of digits (line 1, column 43)",
        ),
        case(
            "a 10 000-digit number in an unknown field: kept",
            Parse,
            receipt(&format!(",\"n\":{}", "9".repeat(10_000))),
            "ok nxcloud receipt; 1 unrecognized: unknown field `n` = 9999999999999999999999999999999999999999... (10020 bytes)",
        ),
        case(
            "a Viva event type of 20 digits",
            Parse,
            viva_payment(
                "\"EventTypeId\": 1796",
                "\"EventTypeId\": 99999999999999999999",
            ),
            "err viva webhook message: `EventTypeId`: invalid value: integer `99999999999999999999`, expected an integer code (EventTypeId), as a number or a string of digits (line 31, column 37)",
        ),
        case(
            "an undocumented Viva event type: kept",
            Parse,
            viva_payment("\"EventTypeId\": 1796", "\"EventTypeId\": 4242"),
            "ok viva webhook message; 1 unrecognized: undocumented value `4242` at `EventTypeId`",
        ),
        query_case(
            "an eSMS price with 30 decimals",
            Parse,
            ESMS.replace(
                "TotalPrice=470.0000",
                "TotalPrice=470.123456789012345678901234567890",
            ),
            "err esms callback: `TotalPrice`: expected a decimal price (digits and a point, like 470.0000), found `470.123456789012345678901234567890`",
        ),
        query_case(
            "an eSMS count of 20 digits",
            Parse,
            ESMS.replace("SendSuccess=1", "SendSuccess=99999999999999999999"),
            "err esms callback: `SendSuccess`: `99999999999999999999` is too large for a count",
        ),
        query_case(
            "an eSMS count of -0",
            Parse,
            ESMS.replace("SendSuccess=1", "SendSuccess=-0"),
            "err esms callback: `SendSuccess`: expected a count (digits), found `-0`",
        ),
        query_case(
            "an undocumented eSMS send status: kept",
            Parse,
            ESMS.replace("SendStatus=5", "SendStatus=77"),
            "ok esms callback; 1 unrecognized: undocumented value `77` at `SendStatus`",
        ),
        // Percent-encoding.
        query_case(
            "error_info percent-encoded 100 times",
            Parse,
            esms_zns(
                "error_info=%22",
                &format!("error_info={}", percent_encoded("%22", 100)),
            ),
            "err esms callback: `error_info`: still encoded after 8 layers of decoding (eSMS's samples use two)",
        ),
        query_case(
            "an eSMS id percent-encoded 100 times: decoded once",
            Parse,
            ESMS.replace(
                "SMSID=849fe",
                &format!("SMSID={}", percent_encoded("%41", 100)),
            ),
            "ok esms callback",
        ),
        query_case(
            "error_info that decodes to 1 MiB of JSON",
            Parse,
            esms_zns(
                "%5C%22message%5C%22%3A%5C%22User",
                &format!("%5C%22message%5C%22%3A%5C%22{}User", "y".repeat(MIB)),
            ),
            "ok esms callback",
        ),
        query_case(
            "error_info: Zalo's JSON, then 1 MiB of text (GetCallback's form)",
            Parse,
            format!(
                "{ESMS}&error_info=%7B%22error%22%3A-124%2C%22message%22%3A%22m%22%7D{}",
                "x".repeat(MIB)
            ),
            "ok esms callback",
        ),
        query_case(
            "error_info nested 100 000 deep",
            Parse,
            esms_zns(
                "error_info=%22{%5C%22error",
                &format!(
                    "error_info=%22{{%5C%22deep%5C%22:{}, %5C%22error",
                    deep("[", "", "]", 100_000)
                ),
            ),
            "ok esms callback; 1 unrecognized: unknown field `error_info.deep` = [[[[[[[[[[[[[[[[[[[[[[[[[[... (200034 bytes)",
        ),
        query_case(
            "a percent sign at the end",
            Parse,
            format!("{ESMS}%"),
            "err esms callback: `TotalPrice`: malformed percent escape at byte 8 (`%` must be followed by two hex digits)",
        ),
        query_case(
            "a broken percent escape",
            Parse,
            ESMS.replace("SMSID=849fe", "SMSID=84%zzfe"),
            "err esms callback: `SMSID`: malformed percent escape at byte 2 (`%` must be followed by two hex digits)",
        ),
        query_case(
            "a whole URL with a fragment",
            EsmsUrl,
            format!("https://example.com/hook?{ESMS}#frag"),
            "ok esms callback",
        ),
        query_case(
            "a URL with no query",
            EsmsUrl,
            "https://example.com/hook",
            "err no kind fits: the body is a URL with no query string; expected a URL with an eSMS callback in its query string (`...?SMSID=...`)",
        ),
        // Dates.
        case(
            "a receipt sent on 31 February",
            Parse,
            receipt_where("sendTime", "\"2023-02-31 15:12:11\""),
            r#"err nxcloud receipt: `sendTime`: invalid value: string "2023-02-31 15:12:11", expected a date and time like `2023-07-13 15:12:11` (line 1, column 93)"#,
        ),
        case(
            "a receipt sent on 29 February of a leap year",
            Parse,
            receipt_where("sendTime", "\"2024-02-29 15:12:11\""),
            "ok nxcloud receipt",
        ),
        case(
            "a receipt sent at 24:00:00",
            Parse,
            receipt_where("sendTime", "\"2023-07-13 24:00:00\""),
            r#"err nxcloud receipt: `sendTime`: invalid value: string "2023-07-13 24:00:00", expected a date and time like `2023-07-13 15:12:11` (line 1, column 93)"#,
        ),
        case(
            "a receipt sent in a leap second",
            Parse,
            receipt_where("sendTime", "\"2016-12-31 23:59:60\""),
            r#"err nxcloud receipt: `sendTime`: invalid value: string "2016-12-31 23:59:60", expected a date and time like `2023-07-13 15:12:11` (line 1, column 93)"#,
        ),
        case(
            "a receipt sent in year 0",
            Parse,
            receipt_where("sendTime", "\"0000-01-01 00:00:00\""),
            "ok nxcloud receipt",
        ),
        case(
            "a Viva payment created on 31 February",
            Parse,
            viva_payment(
                "\"Created\": \"2014-06-18T14:20:30.45+03:00\"",
                "\"Created\": \"2014-02-31T14:20:30.45+03:00\"",
            ),
            r#"err viva webhook message: `Created`: invalid value: string "2014-02-31T14:20:30.45+03:00", expected a date and time like `2014-06-18T14:20:30.45+03:00` (line 32, column 43)"#,
        ),
        case(
            "a Viva time with an offset of +25:00",
            Parse,
            viva_payment(
                "\"Created\": \"2014-06-18T14:20:30.45+03:00\"",
                "\"Created\": \"2014-06-18T14:20:30.45+25:00\"",
            ),
            r#"err viva webhook message: `Created`: invalid value: string "2014-06-18T14:20:30.45+25:00", expected a date and time like `2014-06-18T14:20:30.45+03:00` (line 32, column 43)"#,
        ),
        case(
            "a Viva time with 12 fraction digits",
            Parse,
            viva_payment(
                "\"Created\": \"2014-06-18T14:20:30.45+03:00\"",
                "\"Created\": \"2014-06-18T14:20:30.123456789012+03:00\"",
            ),
            r#"err viva webhook message: `Created`: invalid value: string "2014-06-18T14:20:30.123456789012+03:00", expected a date and time like `2014-06-18T14:20:30.45+03:00` (line 32, column 53)"#,
        ),
        case(
            "a Wappin timestamp of 20 digits",
            Parse,
            wappin_status(
                "\"timestamp\":\"1557915512\"",
                "\"timestamp\":\"99999999999999999999\"",
            ),
            r#"err wappin callback: `timestamp`: invalid value: string "99999999999999999999", expected unix seconds like `"1557915512"` (line 11, column 49)"#,
        ),
        case(
            "a Wappin timestamp past chrono's range",
            Parse,
            wappin_status(
                "\"timestamp\":\"1557915512\"",
                "\"timestamp\":\"9223372036854775807\"",
            ),
            r#"err wappin callback: `timestamp`: invalid value: string "9223372036854775807", expected unix seconds like `"1557915512"` (line 11, column 48)"#,
        ),
        case(
            "a Wappin timestamp that is negative",
            Parse,
            wappin_status("\"timestamp\":\"1557915512\"", "\"timestamp\":\"-1\""),
            r#"err wappin callback: `timestamp`: invalid value: string "-1", expected unix seconds like `"1557915512"` (line 11, column 31)"#,
        ),
        case(
            "a Wappin v2 token expiry that is no time",
            Parse,
            wappin_v2_login("2023-08-03T10:45:36+07:00", "tomorrow"),
            r#"err wappin v2 response: `users[0].expired_after`: invalid value: string "tomorrow", expected a date and time like `2014-06-18T14:20:30.45+03:00` (line 1, column 311)"#,
        ),
        query_case(
            "an eSMS error time on 31 February",
            Parse,
            fixture("esms/zalo_consulting_type26.query")
                .trim_end()
                .replacen("24%2F04%2F2024", "31%2F02%2F2024", 1),
            "err esms callback: `error_info`: the Zalo result is followed by `____` and no date and time like `24/04/2024 16:58:01`",
        ),
        // Shapes.
        case("null", Parse, "null", "err no kind fits: the body is null"),
        case(
            "a string",
            Parse,
            "\"hello\"",
            "err no kind fits: the body is a string",
        ),
        case(
            "a number",
            Parse,
            "42",
            "err no kind fits: the body is a number",
        ),
        case(
            "an empty object",
            Parse,
            "{}",
            "err no kind fits: the body is an empty object",
        ),
        case("an empty array", Parse, "[]", "ok viva message list"),
        case(
            // Text written as an integer is read as its digits (and written back as the
            // integer): here an undocumented status.
            "a Wappin status as a number",
            Parse,
            wappin_status(
                "\"status_messages\":\"delivered\"",
                "\"status_messages\":200",
            ),
            "ok wappin callback; 1 unrecognized: undocumented value `200` at `status_messages`",
        ),
        case(
            "an undocumented Wappin callback type: kept",
            Parse,
            wappin_status(
                "\"callback_type\": \"status\"",
                "\"callback_type\": \"typing\"",
            ),
            "ok wappin callback; 1 unrecognized: undocumented value `typing` at `callback_type`",
        ),
        case(
            "an undocumented NXCloud status: kept",
            Parse,
            receipt_where("status", "\"exploded\""),
            "ok nxcloud receipt; 1 unrecognized: undocumented value `exploded` at `status`",
        ),
        case(
            "QueryZnsStatus's answer with Data null: read as GetZaloMessageStatus's",
            Parse,
            r#"{"CodeResult": "854", "Data": null}"#,
            "ok esms GetZaloMessageStatus response",
        ),
        case(
            "a GetCallback record that is no object",
            Esms,
            esms_records(0).replacen("[", "[\"SMSID=1\"", 1),
            r#"err esms GetCallback response: `Data_callback[0]`: invalid type: string "SMSID=1", expected a JSON object (line 4, column 31)"#,
        ),
        case(
            "an eSMS callback's query to eSMS's JSON entry point",
            Esms,
            ESMS,
            "err the body is not JSON: it looks like a query string or form (key=value&...) (line 1, column 1); expected an eSMS payload",
        ),
        case(
            "a Wappin v2 send request without its template",
            Parse,
            r#"{"to":"6288889999","type":"template"}"#,
            "err wappin v2 send request: missing field `template` (line 1, column 37)",
        ),
        case(
            "a receipt and a reply in one body",
            Parse,
            receipt(",\"phone\":\"1\""),
            r#"ok nxcloud receipt; 1 unrecognized: unknown field `phone` = "1""#,
        ),
        case(
            "a receipt whose cost has its price as a string",
            Parse,
            receipt(r#","cost":{"currency":"USD","originalPrice":"4.1234"}"#),
            "ok nxcloud receipt",
        ),
        case(
            "a receipt whose cost has a price of 1e400",
            Parse,
            receipt(r#","cost":{"currency":"USD","originalPrice":1e400}"#),
            "err nxcloud receipt: `cost.originalPrice`: invalid value: number `1e400`, expected a decimal number like 100.50 (no exponent, at most 28 decimals) (line 1, column 141)",
        ),
        case(
            "a Zalo journey timestamp of 20 digits",
            Parse,
            receipt(r#","timestamp":"99999999999999999999""#),
            r#"err nxcloud receipt: `timestamp`: invalid value: string "99999999999999999999", expected unix milliseconds like `"1720602861913"` (line 1, column 129)"#,
        ),
        case(
            "a Zalo zaloRes nested 100 000 deep in its data",
            Parse,
            receipt(&format!(
                r#","zaloRes":{{"error":0,"data":{{"quota":{{"x":{}}}}}}}"#,
                deep("[", "", "]", 100_000)
            )),
            "ok nxcloud receipt; 1 unrecognized: unknown field `zaloRes.data.quota.x` = [[[[[[[[[[[[[[[[[[[[[... (200039 bytes)",
        ),
        case(
            "an undocumented Super Message channel and code: kept",
            Parse,
            super_message("\"channel\": \"VIBER\"", "\"channel\": \"WHATSAPP\"")
                .replacen("14004", "14099", 1),
            "ok nxcloud Super Message receipt; 2 unrecognized: undocumented value `WHATSAPP` at `channel`, undocumented value `14099` at `code`",
        ),
        case(
            "a Super Message receipt with a receipt's status",
            Parse,
            super_message("\"requestId\"", "\"status\": \"delivered\", \"requestId\""),
            r#"ok nxcloud Super Message receipt; 1 unrecognized: unknown field `status` = "delivered""#,
        ),
        case(
            "a Super Message receipt without its channel",
            Parse,
            super_message("\"channel\": \"VIBER\",", ""),
            "err nxcloud Super Message receipt: missing field `channel` (line 13, column 1)",
        ),
        case(
            "an undocumented number-check code and number type: kept",
            Parse,
            nxcloud_fixture("number_check_basic.json", "\"mobile\"", "\"satellite\"").replacen(
                "\"code\": 0",
                "\"code\": 301",
                1,
            ),
            "ok nxcloud number check; 2 unrecognized: undocumented value `301` at `code`, undocumented value `satellite` at `data.numberType`",
        ),
        case(
            "an old-shape number check with the new shape's requestId",
            Parse,
            nxcloud_fixture(
                "number_check_legacy_failure_114.json",
                "\"code\"",
                "\"requestId\": \"r1\", \"code\"",
            ),
            r#"ok nxcloud legacy number check; 1 unrecognized: unknown field `requestId` = "r1""#,
        ),
        case(
            "a number check whose numberType is an integer (the old shape's)",
            Parse,
            nxcloud_fixture("number_check_basic.json", "\"mobile\"", "2"),
            "ok nxcloud number check; 1 unrecognized: undocumented value `2` at `data.numberType`",
        ),
        case(
            "an old-shape number check whose basic check is a string",
            Parse,
            nxcloud_fixture(
                "number_check_legacy_failure_114.json",
                "\"phone\":\"18617\"",
                "\"phone\":\"18617\", \"data\": {\"basic\": \"YES\"}",
            ),
            r#"err nxcloud legacy number check: `data.basic`: invalid type: string "YES", expected a JSON object (line 6, column 44)"#,
        ),
        case(
            "100 000 unknown pairs in an NXCloud SMS receipt form: kept",
            Parse,
            format!("{SMS_RECEIPT}{many_params}"),
            "ok nxcloud SMS receipt; 100000 unrecognized: unknown field `p0` = 0, unknown field `p1` = 1",
        ),
        query_case(
            "an NXCloud SMS receipt in a query string with a byte-order mark",
            Parse,
            format!("\u{feff}{SMS_RECEIPT}"),
            "ok nxcloud SMS receipt; 1 unrecognized: unknown field `\u{feff}result` = DELIVRD",
        ),
        case(
            "an NXCloud SMS receipt form that is not UTF-8",
            Parse,
            {
                let mut body = SMS_RECEIPT.as_bytes().to_vec();
                body.push(0xff);
                body
            },
            "err the body is not JSON: it is not UTF-8, byte 186 starts an invalid sequence (line 1, column 187)",
        ),
        case(
            "an NXCloud SMS receipt's time percent-encoded twice",
            Parse,
            SMS_RECEIPT.replace("10:01:15", "10%253A01%253A15"),
            "err nxcloud SMS receipt: `drtime`: expected a date and time like `2021-02-26 10:01:15`, found `2021-02-26 10%3A01%3A15`",
        ),
        case(
            "an NXCloud SMS receipt's price with 30 decimals",
            Parse,
            SMS_RECEIPT.replace("price=0.045", "price=0.123456789012345678901234567890"),
            "err nxcloud SMS receipt: `price`: expected a decimal number like 0.045, found `0.123456789012345678901234567890`",
        ),
        case(
            "a form with the keys of an eSMS callback and an NXCloud SMS receipt",
            Parse,
            format!("{SMS_RECEIPT}&{ESMS}"),
            "err the body fits several payload kinds and none better than the others: esms callback, nxcloud SMS receipt",
        ),
        case(
            "a Viva body to NXCloud's entry point",
            NxCloud,
            fixture("viva/transaction_payment_created.json"),
            "err no kind fits: the body is an object with the keys `EventData`, `EventTypeId`, `Created`; expected an NXCloud reply (`phone`, `traceRequestId`) or 4 more kinds",
        ),
        case(
            "an NXCloud body to Wappin's entry point",
            Wappin,
            receipt(""),
            r#"ok wappin response; 4 unrecognized: undocumented value `seen` at `status`, unknown field `requestId` = "r1""#,
        ),
    ]
}

#[test]
fn hostile_requests_get_their_exact_outcome_in_bounded_memory() {
    let mut wrong = Vec::new();
    let mut report = Vec::new();
    let cases = cases();
    // Each entry point prepares its tables of kinds once, on its first call; that is the
    // process's, not the request's.
    for case in &cases {
        let _ = case.run();
    }
    for case in &cases {
        let (result, peak) = {
            let _profiler = dhat::Profiler::builder().testing().build();
            let result = case.run();
            (result, dhat::HeapStats::get().max_bytes)
        };
        let result = outcome(case, &result);
        report.push(format!(
            "{}: {} bytes, peak heap {} ({:.2}x)\n    {}",
            case.name,
            case.size(),
            peak,
            peak as f64 / case.size().max(1) as f64,
            result
        ));
        // An eSMS `error_info` of 1 MiB of JSON (or of JSON nested 100 000 deep) costs the
        // most, 4.0 times: it is decoded from the query, unwrapped from its JSON string
        // and read, each step a copy. (100 000 tiny query parameters cost their own size:
        // they are found again in the query, not kept beside it. The 4 KiB is what an
        // error of a tiny body takes, some 3 KiB.)
        if peak > 4 * case.size() + 4096 {
            wrong.push(format!(
                "{}: peak heap {peak} bytes for {} bytes",
                case.name,
                case.size()
            ));
        }
        if result != case.expected {
            wrong.push(format!(
                "{}:\n  expected {}\n  got      {}",
                case.name, case.expected, result
            ));
        }
    }
    println!("{}", report.join("\n"));
    assert!(
        wrong.is_empty(),
        "{} of {} cases:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}
