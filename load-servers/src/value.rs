//! What a service writes without the crate: the handler the receiver is measured
//! against. It reads the body into a `serde_json::Value` (a query string or a form into
//! an object of strings, with `serde_urlencoded`), tells the provider by hand from the
//! route or a few keys, compares Wappin's token, answers what each provider expects, and
//! prints a line of the receiver's kind:
//!
//! ```text
//! event <provider> <kind> <provider>:<id> <the body as compact JSON>
//! ```
//!
//! It does less than the receiver: it checks no signature and no source address,
//! compares the token with `==`, keeps no kinds and no exact numbers, and escapes
//! nothing in its line. It prints a line for every callback, whatever the callback
//! reports, as it cannot tell which report nothing.

use serde_json::{Map, Value};

/// What the handler knows besides the request.
pub struct Settings {
    /// `Bearer <token>`, the `Authorization` of a Wappin callback; `None`: not checked.
    pub wappin_authorization: Option<String>,
    /// The key answered to Viva's URL verification.
    pub viva_key: String,
}

/// A request, as any framework gives it.
pub struct Request<'a> {
    pub path: &'a str,
    pub query: &'a str,
    pub authorization: Option<&'a [u8]>,
    pub body: &'a [u8],
}

/// The answer, and the line to print before it.
pub struct Handled {
    pub status: u16,
    pub content_type: Option<&'static str>,
    pub body: String,
    pub line: Option<String>,
}

impl Handled {
    fn ok(content_type: Option<&'static str>, body: String) -> Handled {
        Handled {
            status: 200,
            content_type,
            body,
            line: None,
        }
    }

    fn refused(status: u16, why: String) -> Handled {
        Handled {
            status,
            content_type: Some("text/plain"),
            body: why,
            line: None,
        }
    }
}

/// Reads, tells, checks and answers one request.
pub fn handle(request: &Request, settings: &Settings) -> Handled {
    if request.body.is_empty() && request.query.is_empty() {
        // Viva checks a URL with a GET of nothing.
        let key = Value::from(settings.viva_key.as_str());
        return Handled::ok(Some("application/json"), format!(r#"{{"Key":{key}}}"#));
    }
    let fields = match read(request) {
        Ok(fields) => fields,
        Err(why) => return Handled::refused(400, why),
    };
    let provider = match request.path {
        "/esms" => "esms",
        "/nxcloud" => "nxcloud",
        "/wappin" => "wappin",
        "/viva" => "viva",
        _ => provider(&fields),
    };
    let mut handled = match provider {
        "wappin" => {
            let expected = settings.wappin_authorization.as_deref();
            if expected.is_some_and(|expected| request.authorization != Some(expected.as_bytes())) {
                return Handled::refused(401, "a Wappin callback without its token".to_owned());
            }
            Handled::ok(Some("application/json"), r#"{"status":"000"}"#.to_owned())
        }
        // The SMS receipt, whose answer is `success`.
        "nxcloud" if fields.get("messageid").is_some() => {
            Handled::ok(Some("text/plain"), "success".to_owned())
        }
        "viva" => match fields.get("Key") {
            Some(key) => {
                return Handled::ok(Some("application/json"), format!(r#"{{"Key":{key}}}"#));
            }
            None => Handled::ok(None, String::new()),
        },
        _ => Handled::ok(None, String::new()),
    };
    let kind = match provider {
        "esms" => "delivery",
        "viva" => "payment",
        _ if fields.get("message").is_some_and(Value::is_object)
            || fields.get("status_messages").and_then(Value::as_str) == Some("-") =>
        {
            "inbound"
        }
        _ => "delivery",
    };
    let id = [
        "message_id",
        "requestId",
        "traceRequestId",
        "SMSID",
        "messageid",
    ]
    .into_iter()
    .find_map(|key| fields.get(key)?.as_str())
    .or_else(|| fields.pointer("/EventData/TransactionId")?.as_str())
    .unwrap_or("-");
    handled.line = Some(format!("event {provider} {kind} {provider}:{id} {fields}"));
    handled
}

/// The body as JSON, or the form or query string as an object of strings.
fn read(request: &Request) -> Result<Value, String> {
    if request.body.is_empty() {
        return pairs(request.query);
    }
    if request.body.trim_ascii_start().starts_with(b"{") {
        return serde_json::from_slice(request.body).map_err(|err| err.to_string());
    }
    match std::str::from_utf8(request.body) {
        Ok(form) => pairs(form),
        Err(err) => Err(format!("not JSON and not a form: {err}")),
    }
}

fn pairs(form: &str) -> Result<Value, String> {
    serde_urlencoded::from_str::<Map<String, Value>>(form)
        .map(Value::Object)
        .map_err(|err| err.to_string())
}

/// The provider of a request to `/`, from the keys its callbacks carry.
fn provider(fields: &Value) -> &'static str {
    let has = |key| fields.get(key).is_some();
    if has("SMSID") {
        "esms"
    } else if has("EventTypeId") || has("Key") {
        "viva"
    } else if has("message_id") || fields.get("status").and_then(Value::as_str) == Some("000") {
        "wappin"
    } else {
        "nxcloud"
    }
}
