//! What the fixture, real-world and command-line tests (and the benchmarks) share: the
//! fixtures as requests, reading a body as a payload of the provider whose folder it is
//! in, and comparing JSON.

#![allow(dead_code)] // each test file uses part of this

pub mod edit;
pub mod padding;
pub mod variants;

use std::fmt::Debug;
use std::path::{Path, PathBuf};

use provider_payloads::nxcloud::{
    LegacyNumberCheck, NumberCheck, Receipt, Reply, SmsReceipt, SuperMessageReceipt,
};
use provider_payloads::{Error, ListUnrecognized, Unrecognized, esms, nxcloud, viva, wappin};

/// A body read as its provider's payload.
pub struct Parsed {
    pub kind: &'static str,
    pub debug: String,
    pub wire: Vec<u8>,
    pub unrecognized: Vec<Unrecognized>,
}

/// What is shown of a payload: its kind, its value, its wire form and its findings.
/// What `payload` did not recognize, each as its message says it.
pub fn findings(payload: &impl ListUnrecognized) -> Vec<String> {
    payload
        .unrecognized()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn describe<P: Debug + ListUnrecognized>(kind: &'static str, payload: &P, wire: Vec<u8>) -> Parsed {
    Parsed {
        kind,
        debug: format!("{payload:#?}"),
        wire,
        unrecognized: payload.unrecognized(),
    }
}

/// Reads `body` as a payload of `provider` (a folder name under `fixtures/`).
pub fn parse(provider: &str, body: &[u8]) -> Result<Parsed, Error> {
    match provider {
        "nxcloud" => {
            let callback = nxcloud::Callback::from_json(body)?;
            Ok(describe(callback.kind(), &callback, callback.to_json()?))
        }
        // A JSON answer of a status function, or a callback's query string.
        "esms" if body.trim_ascii_start().starts_with(b"{") => {
            let payload = esms::Payload::from_json(body)?;
            Ok(describe(payload.kind(), &payload, payload.to_json()?))
        }
        "esms" => parse_query(body),
        "wappin" => {
            let payload = wappin::Payload::from_json(body)?;
            Ok(describe(payload.kind(), &payload, payload.to_json()?))
        }
        "viva" => {
            let payload = viva::Payload::from_json(body)?;
            Ok(describe(payload.kind(), &payload, payload.to_json()?))
        }
        other => {
            panic!("no parser for the folder `{other}`: add its provider to tests/common/mod.rs")
        }
    }
}

/// Reads the file at `path` (its bytes `body`) as its provider's request, sent as its
/// extension says: `.query` a query string (eSMS's, or NXCloud's SMS receipt in the URL),
/// `.form` a form body (NXCloud's SMS receipt), `.json` a JSON body. NXCloud's forms and
/// queries are read by `nxcloud::Callback::from_request`, eSMS's queries (whatever they
/// hold) by `esms::Callback::from_query`.
pub fn parse_file(path: &Path, body: &[u8]) -> Result<Parsed, Error> {
    let provider = provider_of(path);
    let extension = path.extension().and_then(|e| e.to_str());
    let callback = match (provider.as_str(), extension) {
        // Whatever it holds (an invalid fixture holds JSON), as a callback's query string.
        ("esms", Some("query")) => return parse_query(body),
        ("nxcloud", Some("form")) => nxcloud::Callback::from_request(body, "")?,
        ("nxcloud", Some("query")) => {
            let query = std::str::from_utf8(body).expect("a query file is UTF-8");
            nxcloud::Callback::from_request(b"", query.trim())?
        }
        _ => return parse(&provider, body),
    };
    Ok(describe(callback.kind(), &callback, callback.to_wire()?))
}

/// Reads `body` as an eSMS callback's query string.
fn parse_query(body: &[u8]) -> Result<Parsed, Error> {
    let text = std::str::from_utf8(body).map_err(|_| Error::Parameter {
        provider: provider_payloads::Provider::Esms,
        payload: "callback",
        key: String::new(),
        reason: "the file is not UTF-8".to_owned(),
    })?;
    let callback = esms::Callback::from_query(text)?;
    Ok(describe(
        "callback",
        &callback,
        callback.to_query().into_bytes(),
    ))
}

/// The provider folder a fixture is in: `fixtures/nxcloud/invalid/x.json` is `nxcloud`.
pub fn provider_of(path: &Path) -> String {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let relative = path.strip_prefix(&fixtures).unwrap_or(path);
    relative
        .components()
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .expect("a fixture lies in a provider folder")
        .to_owned()
}

/// A fixture's snapshot name: its path under `fixtures/`, with `__` for each `/`, so that
/// two providers' files of the same name never share a snapshot.
pub fn snapshot_name(path: &Path) -> String {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let relative = path.strip_prefix(&fixtures).unwrap_or(path);
    relative
        .with_extension("")
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect::<Vec<_>>()
        .join("__")
}

/// Asserts that `written` is the same payload as `original`: for a query string or a
/// form (eSMS's, NXCloud's SMS receipt) the same keys and decoded values in the same
/// order, for the others the same JSON.
pub fn assert_same_payload(original: &[u8], written: &[u8], what: &Path) {
    let form = what
        .extension()
        .is_some_and(|ext| ext == "query" || ext == "form");
    if form {
        assert_same_query(original, written, what);
    } else {
        assert_same_json(original, written, what);
    }
}

/// Asserts that two query strings hold the same keys and decoded values, in order, as
/// `serde_urlencoded` (not the crate) decodes them.
pub fn assert_same_query(original: &[u8], written: &[u8], what: &Path) {
    let pairs = |query: &[u8]| {
        let query = std::str::from_utf8(query).unwrap().trim();
        let query = query.strip_prefix('?').unwrap_or(query);
        serde_urlencoded::from_str::<Vec<(String, String)>>(query)
            .unwrap_or_else(|e| panic!("{}: not a query: {e}: {query}", what.display()))
    };
    assert_eq!(
        pairs(written),
        pairs(original),
        "{}: written back differs",
        what.display()
    );
}

/// Asserts that `written` is the same JSON as `original`, as the crate promises it: key
/// order and spacing aside, every number by the digits it was sent with (`1.50` is not
/// `1.5`, `"826"` is not `826`), `null` apart from absent, strings by what they decode to.
/// The message names the first path where they differ.
pub fn assert_same_json(original: &[u8], written: &[u8], what: &Path) {
    if let Err(err) = serde_json::from_slice::<serde::de::IgnoredAny>(original) {
        panic!("{}: the original is not JSON: {err}", what.display());
    }
    let written_text = String::from_utf8_lossy(written);
    if let Err(err) = serde_json::from_str::<serde::de::IgnoredAny>(&written_text) {
        panic!(
            "{}: written back, it is not JSON: {err}: {written_text}",
            what.display()
        );
    }
    let original = variants::Node::of(std::str::from_utf8(original).unwrap());
    let written = variants::Node::of(&written_text);
    if let Some(difference) = first_difference(&original, &written, "") {
        panic!(
            "{}: written back differs at {difference}\nwritten: {written_text}",
            what.display()
        );
    }
}

/// The path of `key` inside `path` (`EventData.Amount`).
fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Where two JSON trees first differ, and how: `None` when they hold the same.
pub fn first_difference(
    original: &variants::Node,
    written: &variants::Node,
    path: &str,
) -> Option<String> {
    use variants::Node;
    let at = |path: &str| {
        if path.is_empty() {
            "the top".to_owned()
        } else {
            format!("`{path}`")
        }
    };
    match (original, written) {
        (Node::Object(sent), Node::Object(back)) => {
            for (key, value) in sent {
                let inner = child(path, key);
                match back.iter().find(|(other, _)| other == key) {
                    None => return Some(format!("`{inner}`: sent, written back absent")),
                    Some((_, other)) => {
                        if let Some(found) = first_difference(value, other, &inner) {
                            return Some(found);
                        }
                    }
                }
            }
            back.iter()
                .find(|(key, _)| !sent.iter().any(|(other, _)| other == key))
                .map(|(key, value)| {
                    let inner = child(path, key);
                    format!(
                        "`{inner}`: absent when sent, written back {}",
                        value.text(variants::Style::Compact)
                    )
                })
        }
        (Node::Array(sent), Node::Array(back)) => {
            if sent.len() != back.len() {
                return Some(format!(
                    "{}: {} items sent, {} written back",
                    at(path),
                    sent.len(),
                    back.len()
                ));
            }
            sent.iter()
                .zip(back)
                .enumerate()
                .find_map(|(index, (a, b))| first_difference(a, b, &format!("{path}[{index}]")))
        }
        (Node::Scalar(sent), Node::Scalar(back)) => {
            let same = match (sent.starts_with('"'), back.starts_with('"')) {
                (true, true) => {
                    serde_json::from_str::<String>(sent).ok()
                        == serde_json::from_str::<String>(back).ok()
                }
                _ => sent == back,
            };
            (!same).then(|| format!("{}: sent {sent}, written back {back}", at(path)))
        }
        (sent, back) => Some(format!(
            "{}: sent {}, written back {}",
            at(path),
            sent.text(variants::Style::Compact),
            back.text(variants::Style::Compact)
        )),
    }
}

/// The files directly in `dir` with the extension `ext`, sorted.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// A valid fixture as the request its provider sends: a JSON body; for eSMS an empty body
/// and the query string; for NXCloud's SMS receipt a form body (`.form`), or an empty body
/// and the URL's query string (`.query`).
pub struct Request {
    pub provider: &'static str,
    pub path: PathBuf,
    pub body: Vec<u8>,
    pub query: String,
}

impl Request {
    /// What the provider's own entry point reads: the body, or the query string.
    pub fn input(&self) -> &[u8] {
        if self.body.is_empty() {
            self.query.as_bytes()
        } else {
            &self.body
        }
    }

    /// Whether the body is JSON (not a query string, nor a form).
    pub fn is_json(&self) -> bool {
        self.body
            .trim_ascii_start()
            .first()
            .is_some_and(|first| matches!(first, b'{' | b'['))
    }

    /// The query string or the form, for a request that is one.
    pub fn pairs_text(&self) -> Option<&str> {
        if self.is_json() {
            None
        } else {
            std::str::from_utf8(self.input()).ok()
        }
    }
}

/// Reads `request` with its provider's own entry point: `from_json`, eSMS's `from_query`,
/// NXCloud's `from_request` for its SMS receipt.
pub fn own(request: &Request) -> Result<Parsed, Error> {
    if request.provider == "nxcloud" && !request.is_json() {
        let callback = nxcloud::Callback::from_request(&request.body, &request.query)?;
        return Ok(describe(callback.kind(), &callback, callback.to_wire()?));
    }
    parse(request.provider, request.input())
}

/// Every valid fixture of every provider, as its request: `.json` a JSON body, `.query` a
/// query string with an empty body, `.form` a form body.
pub fn requests() -> Vec<Request> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut all = Vec::new();
    for provider in ["nxcloud", "esms", "wappin", "viva"] {
        let mut paths: Vec<PathBuf> = ["json", "query", "form"]
            .into_iter()
            .flat_map(|ext| files(&root.join(provider), ext))
            .collect();
        paths.sort();
        for path in paths {
            let file = std::fs::read(&path).unwrap();
            let (body, query) = if path.extension().is_some_and(|ext| ext == "query") {
                let query = String::from_utf8(file).unwrap().trim().to_owned();
                (Vec::new(), query)
            } else {
                (file, String::new())
            };
            all.push(Request {
                provider,
                path,
                body,
                query,
            });
        }
    }
    all
}

/// `query` as a request line can carry it: the bytes HTTP refuses there
/// (controls, space, `"`, `#`, `<`, `>`, and non-ASCII) percent-encoded.
pub fn as_request_target(query: &str) -> String {
    let mut target = String::new();
    for &byte in query.as_bytes() {
        if byte <= b' ' || byte >= 0x7f || b"\"#<>".contains(&byte) {
            target.push_str(&format!("%{byte:02X}"));
        } else {
            target.push(char::from(byte));
        }
    }
    target
}

/// A fixture as a user who does not use this crate holds it: the body as a
/// `serde_json::Value`, or eSMS's query string as its decoded pairs. Writing it back is
/// the baseline of serialization (issue 7: `to_wire` at most 1.0x of it).
pub enum Untyped {
    Value(serde_json::Value),
    Pairs(Vec<(String, String)>),
}

impl Untyped {
    pub fn of(fixture: &Request) -> Untyped {
        match fixture.pairs_text() {
            Some(pairs) => Untyped::Pairs(serde_urlencoded::from_str(pairs).unwrap()),
            None => Untyped::Value(serde_json::from_slice(&fixture.body).unwrap()),
        }
    }

    /// The baseline's name in the benchmarks: `value_to_vec` or `pairs_to_string`.
    pub fn name(&self) -> &'static str {
        match self {
            Untyped::Value(_) => "value_to_vec",
            Untyped::Pairs(_) => "pairs_to_string",
        }
    }

    /// Written back: `serde_json::to_vec` of the value, `serde_urlencoded::to_string` of
    /// the pairs.
    pub fn to_wire(&self) -> Vec<u8> {
        match self {
            Untyped::Value(value) => serde_json::to_vec(value).unwrap(),
            Untyped::Pairs(pairs) => serde_urlencoded::to_string(pairs).unwrap().into_bytes(),
        }
    }
}

/// A fixture's name in benchmarks: `nxcloud/receipt_seen`.
pub fn name(fixture: &Request) -> String {
    let stem = fixture.path.file_stem().unwrap().to_string_lossy();
    format!("{}/{stem}", fixture.provider)
}

/// The direct typed parse of a payload of the kind `payload` is: what a user who knows
/// what they receive calls (the benchmarks' `typed`). A Viva webhook message is read as
/// the `Message` of its event's data; a kind without an arm here (one added later) as
/// its provider's enum, detection included.
pub fn direct(payload: &provider_payloads::Payload) -> fn(&[u8]) -> bool {
    use provider_payloads::Payload;
    match payload {
        Payload::NxCloud(nxcloud::Callback::Receipt(_)) => |b| Receipt::from_json(b).is_ok(),
        Payload::NxCloud(nxcloud::Callback::Reply(_)) => |b| Reply::from_json(b).is_ok(),
        Payload::NxCloud(nxcloud::Callback::SuperMessageReceipt(_)) => {
            |b| SuperMessageReceipt::from_json(b).is_ok()
        }
        Payload::NxCloud(nxcloud::Callback::NumberCheck(_)) => {
            |b| NumberCheck::from_json(b).is_ok()
        }
        Payload::NxCloud(nxcloud::Callback::LegacyNumberCheck(_)) => {
            |b| LegacyNumberCheck::from_json(b).is_ok()
        }
        Payload::NxCloud(nxcloud::Callback::SmsReceipt(_)) => |b| SmsReceipt::from_form(b).is_ok(),
        Payload::NxCloud(_) => |b| nxcloud::Callback::from_json(b).is_ok(),
        Payload::Esms(payload) => match payload {
            esms::Payload::Callback(_) => {
                |b| esms::Callback::from_query(std::str::from_utf8(b).unwrap()).is_ok()
            }
            esms::Payload::GetCallback(_) => |b| esms::GetCallbackResponse::from_json(b).is_ok(),
            esms::Payload::QueryZnsStatus(_) => {
                |b| esms::QueryZnsStatusResponse::from_json(b).is_ok()
            }
            esms::Payload::GetSendStatus(_) => {
                |b| esms::GetSendStatusResponse::from_json(b).is_ok()
            }
            esms::Payload::GetZaloMessageStatus(_) => {
                |b| esms::GetZaloMessageStatusResponse::from_json(b).is_ok()
            }
            _ => |b| esms::Payload::from_json(b).is_ok(),
        },
        Payload::Wappin(payload) => match payload {
            wappin::Payload::Callback(_) => |b| wappin::Callback::from_json(b).is_ok(),
            wappin::Payload::Acknowledgement(_) => {
                |b| wappin::Acknowledgement::from_json(b).is_ok()
            }
            wappin::Payload::SendHsm(_) => |b| wappin::SendHsm::from_json(b).is_ok(),
            wappin::Payload::SendText(_) => |b| wappin::SendText::from_json(b).is_ok(),
            wappin::Payload::SendMedia(_) => |b| wappin::SendMedia::from_json(b).is_ok(),
            wappin::Payload::Inquiry(_) => |b| wappin::Inquiry::from_json(b).is_ok(),
            wappin::Payload::NumberChecker(_) => |b| wappin::NumberChecker::from_json(b).is_ok(),
            wappin::Payload::TokenResponse(_) => |b| wappin::TokenResponse::from_json(b).is_ok(),
            wappin::Payload::Response(_) => |b| wappin::Response::from_json(b).is_ok(),
            _ => |b| wappin::Payload::from_json(b).is_ok(),
        },
        Payload::Viva(payload) => match payload {
            viva::Payload::Webhook(viva::Webhook::Transaction(_)) => {
                |b| viva::Message::<viva::TransactionEventData>::from_json(b).is_ok()
            }
            viva::Payload::Webhook(viva::Webhook::PriceCalculated(_)) => {
                |b| viva::Message::<viva::TransactionPriceCalculated>::from_json(b).is_ok()
            }
            viva::Payload::Webhook(viva::Webhook::AccountTransaction(_)) => {
                |b| viva::Message::<viva::AccountTransactionCreated>::from_json(b).is_ok()
            }
            viva::Payload::Webhook(viva::Webhook::AccountConnected(_)) => {
                |b| viva::Message::<viva::AccountConnected>::from_json(b).is_ok()
            }
            viva::Payload::Webhook(viva::Webhook::AccountVerificationStatusChanged(_)) => {
                |b| viva::Message::<viva::AccountVerificationStatusChanged>::from_json(b).is_ok()
            }
            viva::Payload::Webhook(viva::Webhook::TransferCreated(_)) => {
                |b| viva::Message::<viva::TransferCreated>::from_json(b).is_ok()
            }
            viva::Payload::Webhook(viva::Webhook::Other(_)) => {
                |b| viva::Message::<provider_payloads::RawJson>::from_json(b).is_ok()
            }
            viva::Payload::Webhook(_) => |b| viva::Webhook::from_json(b).is_ok(),
            viva::Payload::Verification(_) => |b| viva::Verification::from_json(b).is_ok(),
            viva::Payload::MessageList(_) => |b| viva::MessageList::from_json(b).is_ok(),
            viva::Payload::MessageDetails(_) => |b| viva::MessageDetails::from_json(b).is_ok(),
            viva::Payload::Obligation(_) => |b| viva::Obligation::from_json(b).is_ok(),
            viva::Payload::SaleTransactionsFile(_) => {
                |b| viva::SaleTransactionsFile::from_json(b).is_ok()
            }
            _ => |b| viva::Payload::from_json(b).is_ok(),
        },
        _ => |_| false,
    }
}

/// The `Debug` of `body` read by the direct typed parse of the kind `payload` is, with no
/// detection: what [`provider_payloads::parse`] must have read, inside its enums. (Bodies
/// only: JSON, and NXCloud's SMS receipt form.)
pub fn direct_debug(payload: &provider_payloads::Payload, body: &[u8]) -> Result<String, Error> {
    use provider_payloads::Payload;
    fn debug<T: Debug>(read: Result<T, Error>) -> Result<String, Error> {
        read.map(|value| format!("{value:?}"))
    }
    match payload {
        Payload::NxCloud(nxcloud::Callback::Receipt(_)) => debug(Receipt::from_json(body)),
        Payload::NxCloud(nxcloud::Callback::Reply(_)) => debug(Reply::from_json(body)),
        Payload::NxCloud(nxcloud::Callback::SuperMessageReceipt(_)) => {
            debug(SuperMessageReceipt::from_json(body))
        }
        Payload::NxCloud(nxcloud::Callback::NumberCheck(_)) => debug(NumberCheck::from_json(body)),
        Payload::NxCloud(nxcloud::Callback::LegacyNumberCheck(_)) => {
            debug(LegacyNumberCheck::from_json(body))
        }
        Payload::NxCloud(nxcloud::Callback::SmsReceipt(_)) => debug(SmsReceipt::from_form(body)),
        Payload::Esms(payload) => match payload {
            esms::Payload::GetCallback(_) => debug(esms::GetCallbackResponse::from_json(body)),
            esms::Payload::QueryZnsStatus(_) => {
                debug(esms::QueryZnsStatusResponse::from_json(body))
            }
            esms::Payload::GetSendStatus(_) => debug(esms::GetSendStatusResponse::from_json(body)),
            esms::Payload::GetZaloMessageStatus(_) => {
                debug(esms::GetZaloMessageStatusResponse::from_json(body))
            }
            other => panic!("no direct JSON parse for {}", other.kind()),
        },
        Payload::Wappin(payload) => match payload {
            wappin::Payload::Callback(_) => debug(wappin::Callback::from_json(body)),
            wappin::Payload::Acknowledgement(_) => debug(wappin::Acknowledgement::from_json(body)),
            wappin::Payload::SendHsm(_) => debug(wappin::SendHsm::from_json(body)),
            wappin::Payload::SendText(_) => debug(wappin::SendText::from_json(body)),
            wappin::Payload::SendMedia(_) => debug(wappin::SendMedia::from_json(body)),
            wappin::Payload::Inquiry(_) => debug(wappin::Inquiry::from_json(body)),
            wappin::Payload::NumberChecker(_) => debug(wappin::NumberChecker::from_json(body)),
            wappin::Payload::TokenResponse(_) => debug(wappin::TokenResponse::from_json(body)),
            wappin::Payload::Response(_) => debug(wappin::Response::from_json(body)),
            other => panic!("no direct parse for {}", other.kind()),
        },
        Payload::Viva(payload) => match payload {
            viva::Payload::Webhook(_) => debug(viva::Webhook::from_json(body)),
            viva::Payload::Verification(_) => debug(viva::Verification::from_json(body)),
            viva::Payload::MessageList(_) => debug(viva::MessageList::from_json(body)),
            viva::Payload::MessageDetails(_) => debug(viva::MessageDetails::from_json(body)),
            viva::Payload::Obligation(_) => debug(viva::Obligation::from_json(body)),
            viva::Payload::SaleTransactionsFile(_) => {
                debug(viva::SaleTransactionsFile::from_json(body))
            }
            other => panic!("no direct parse for {}", other.kind()),
        },
        other => panic!("no direct JSON parse for {}", other.kind()),
    }
}
