//! The `lambda` module given every sample of the `testing` kit as the events AWS sends a
//! Lambda function: API Gateway REST APIs (v1), HTTP APIs (v2) and function URLs, each
//! with the body as text and base64-encoded, built in process as the JSON text of the
//! event and read by `lambda_http` as the Lambda runtime reads it (no AWS account, no
//! network). Each gets the sample's answer (status, `Content-Type`, body); the
//! refusals (an address Viva does not send from, a Wappin callback without its token)
//! theirs. Needs `--features lambda,testing`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt, Response};
use provider_payloads::http::lambda;
use provider_payloads::http::testing::Sample;
use provider_payloads::http::{Policy, Rejection};
use provider_payloads::viva::SubscriptionSecret;
use provider_payloads::wappin::{self, CallbackToken};
use provider_payloads::{Payload, Provider, nxcloud};
use serde_json::{Map, Value, json};

const TOKEN: &str = "wappin-callback-token";
const SECRET: &str = "viva-subscription-secret";
/// An address Viva sends from no webhook: TEST-NET-3.
const OUTSIDE: &str = "203.0.113.9";
/// The first address Viva sends production webhooks from.
const VIVA: &str = "51.138.37.238";

/// The events that carry a request to a Lambda function.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Source {
    /// An API Gateway REST API's proxy integration: payload format 1.0.
    RestApi,
    /// An API Gateway HTTP API: payload format 2.0.
    HttpApi,
    /// A function URL: payload format 2.0, on its own domain.
    FunctionUrl,
}

const SOURCES: [Source; 3] = [Source::RestApi, Source::HttpApi, Source::FunctionUrl];

/// The policy: a Wappin token, a Viva secret and key, Viva's addresses checked (the
/// default), no trusted proxies (the default).
fn policy() -> Policy {
    Policy::new()
        .wappin_token(CallbackToken::new(TOKEN).unwrap())
        .viva_signature(SubscriptionSecret::new(SECRET).unwrap())
        .viva_verification(Sample::viva_verification_key())
}

/// `sample` with what the policy checks: the token to Wappin's, the secret to Viva's.
fn signed(sample: Sample) -> Sample {
    match sample.provider() {
        Provider::Wappin => sample.wappin_token(TOKEN),
        Provider::Viva => sample.viva_secret(&SubscriptionSecret::new(SECRET).unwrap()),
        _ => sample,
    }
}

/// The JSON text of the event that `source` sends for `sample` to `/webhooks`, from
/// `source_ip`, with the `X-Forwarded-For` AWS writes (`forwarded_for`, then the source
/// IP), the body base64-encoded or as text.
fn event(
    source: Source,
    sample: &Sample,
    source_ip: Option<&str>,
    forwarded_for: Option<&str>,
    base64: bool,
) -> String {
    let path = "/webhooks";
    let method = sample.method();
    let mut headers = Map::new();
    for (name, value) in sample.headers() {
        headers.insert(name.to_ascii_lowercase(), json!(value));
    }
    if let Some(source_ip) = source_ip {
        let line = match forwarded_for {
            Some(client) => format!("{client}, {source_ip}"),
            None => source_ip.to_owned(),
        };
        headers.insert("x-forwarded-for".to_owned(), json!(line));
    }
    let body = match (sample.body().is_empty(), base64) {
        (true, _) => Value::Null,
        (false, true) => json!(STANDARD.encode(sample.body())),
        (false, false) => json!(std::str::from_utf8(sample.body()).unwrap()),
    };
    let event = match source {
        Source::RestApi => {
            // API Gateway sends the query string as its parameters, decoded.
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(sample.query()).unwrap();
            let (mut single, mut multi) = (Map::new(), Map::new());
            for (key, value) in pairs {
                single.insert(key.clone(), json!(value));
                multi
                    .entry(key)
                    .or_insert_with(|| json!([]))
                    .as_array_mut()
                    .unwrap()
                    .push(json!(value));
            }
            let multi_headers: Map<String, Value> = headers
                .iter()
                .map(|(name, value)| (name.clone(), json!([value])))
                .collect();
            let mut identity = Map::new();
            if let Some(source_ip) = source_ip {
                identity.insert("sourceIp".to_owned(), json!(source_ip));
            }
            json!({
                "resource": "/webhooks",
                "path": path,
                "httpMethod": method,
                "headers": headers,
                "multiValueHeaders": multi_headers,
                "queryStringParameters": if single.is_empty() { Value::Null } else { json!(single) },
                "multiValueQueryStringParameters": if multi.is_empty() { Value::Null } else { json!(multi) },
                "pathParameters": null,
                "stageVariables": null,
                "requestContext": {
                    "accountId": "123456789012",
                    "resourceId": "abc123",
                    "stage": "prod",
                    "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
                    "identity": identity,
                    "resourcePath": "/webhooks",
                    "httpMethod": method,
                    "apiId": "1234567890",
                    "protocol": "HTTP/1.1",
                    "domainName": "1234567890.execute-api.eu-west-1.amazonaws.com"
                },
                "body": body,
                "isBase64Encoded": base64
            })
        }
        Source::HttpApi | Source::FunctionUrl => {
            let domain = if source == Source::HttpApi {
                "1234567890.execute-api.eu-west-1.amazonaws.com"
            } else {
                "abcdefghij.lambda-url.eu-west-1.on.aws"
            };
            headers.insert("host".to_owned(), json!(domain));
            let mut http = Map::new();
            http.insert("method".to_owned(), json!(method));
            http.insert("path".to_owned(), json!(path));
            http.insert("protocol".to_owned(), json!("HTTP/1.1"));
            if let Some(source_ip) = source_ip {
                http.insert("sourceIp".to_owned(), json!(source_ip));
            }
            json!({
                "version": "2.0",
                "routeKey": "$default",
                "rawPath": path,
                "rawQueryString": sample.query(),
                "headers": headers,
                "requestContext": {
                    "accountId": "123456789012",
                    "apiId": "1234567890",
                    "domainName": domain,
                    "http": http,
                    "requestId": "JKJaXmPLvHcESHA=",
                    "routeKey": "$default",
                    "stage": "$default",
                    "time": "10/Mar/2020:05:16:23 +0000",
                    "timeEpoch": 1583817383220u64
                },
                "body": body,
                "isBase64Encoded": base64
            })
        }
    };
    event.to_string()
}

/// The event read as the Lambda runtime reads it, checked to be of `source`'s form.
fn request(source: Source, event: &str) -> Request {
    let request = lambda_http::request::from_str(event).unwrap();
    let context = request.request_context_ref().unwrap();
    match source {
        Source::RestApi => assert!(matches!(context, RequestContext::ApiGatewayV1(_))),
        Source::HttpApi | Source::FunctionUrl => {
            assert!(matches!(context, RequestContext::ApiGatewayV2(_)))
        }
    }
    request
}

/// What the function answers: the callback's answer, or the rejection.
fn answer(request: &Request, policy: &Policy) -> Response<Body> {
    match lambda::receive::<Payload>(request, policy) {
        Ok(callback) => callback.answer().into(),
        Err(rejection) => rejection.into(),
    }
}

fn content_type(response: &Response<Body>) -> Option<&str> {
    response
        .headers()
        .get(CONTENT_TYPE)
        .map(|value| value.to_str().unwrap())
}

#[test]
fn every_sample_from_every_source_gets_its_answer() {
    let policy = policy();
    let samples = Sample::all();
    assert!(samples.len() > 20, "{}", samples.len());
    let mut answered = 0;
    for sample in samples.into_iter().map(signed) {
        let expected = sample.answer();
        let peer = sample.peer_address().to_string();
        for source in SOURCES {
            for base64 in [false, true] {
                let event = event(source, &sample, Some(&peer), None, base64);
                let request = request(source, &event);
                // The body the provider sent, decoded from base64 by `lambda_http`.
                assert_eq!(request.body().as_ref(), sample.body(), "{}", sample.name());
                if base64 && !sample.body().is_empty() {
                    assert!(matches!(request.body(), Body::Binary(_)));
                }
                assert_eq!(lambda::source_ip(&request), Some(sample.peer_address()));
                let response = answer(&request, &policy);
                let what = format!("{} from {source:?}, base64 {base64}", sample.name());
                assert_eq!(response.status(), expected.status, "{what}");
                assert_eq!(content_type(&response), expected.content_type, "{what}");
                assert_eq!(response.body().as_ref(), &*expected.body, "{what}");
                assert!(
                    sample.accepts_answer(response.status().as_u16(), response.body()),
                    "{what}"
                );
                answered += 1;
            }
        }
    }
    assert!(answered >= 6 * 20, "{answered}");
}

#[test]
fn the_callback_comes_with_the_token_it_carried() {
    let policy = Policy::new()
        .wappin_token(CallbackToken::new("old-token").unwrap().labelled("old"))
        .wappin_token(CallbackToken::new(TOKEN).unwrap().labelled("new"));
    let sample = Sample::named("wappin/callback_status")
        .unwrap()
        .wappin_token(TOKEN);
    for source in SOURCES {
        let request = request(source, &event(source, &sample, Some(OUTSIDE), None, false));
        for matched in [
            lambda::receive::<Payload>(&request, &policy)
                .unwrap()
                .matched,
            lambda::receive::<wappin::Callback>(&request, &policy)
                .unwrap()
                .matched,
        ] {
            let matched = matched.unwrap();
            assert_eq!((matched.index(), matched.label()), (1, Some("new")));
        }
    }
}

#[test]
fn a_viva_sample_from_outside_vivas_addresses_is_refused_403() {
    let policy = policy();
    let viva: Vec<Sample> = Sample::all()
        .into_iter()
        .filter(|sample| sample.provider() == Provider::Viva && sample.method() == "POST")
        .map(signed)
        .collect();
    assert!(viva.len() > 3, "{}", viva.len());
    for sample in &viva {
        for source in SOURCES {
            let request = request(source, &event(source, sample, Some(OUTSIDE), None, true));
            let response = answer(&request, &policy);
            assert_eq!(response.status(), 403, "{} from {source:?}", sample.name());
            assert_eq!(content_type(&response), Some("text/plain; charset=utf-8"));
            let message = std::str::from_utf8(response.body()).unwrap();
            assert!(message.contains(OUTSIDE), "{message}");
            // On Viva's route, refused on the request's head.
            let err =
                lambda::receive::<provider_payloads::viva::Payload>(&request, &policy).unwrap_err();
            assert_eq!(err.status(), 403);
        }
    }
}

#[test]
fn x_forwarded_for_is_read_only_from_a_trusted_source_ip() {
    let sample = signed(Sample::named("viva/transaction_payment_created").unwrap());
    for source in SOURCES {
        // A client outside Viva's addresses that writes Viva's in X-Forwarded-For:
        // API Gateway appends the source IP, which is the peer.
        let spoofed = event(source, &sample, Some(OUTSIDE), Some(VIVA), false);
        let response = answer(&request(source, &spoofed), &policy());
        assert_eq!(response.status(), 403, "{source:?}");
        // A proxy of yours before API Gateway, trusted: the address it was sent from.
        let proxied = policy().trusted_proxies([format!("{OUTSIDE}/32").parse().unwrap()]);
        let response = answer(&request(source, &spoofed), &proxied);
        assert_eq!(response.status(), 200, "{source:?}");
    }
}

#[test]
fn without_a_source_ip_vivas_address_cannot_be_checked() {
    let sample = signed(Sample::named("viva/transaction_payment_created").unwrap());
    for source in SOURCES {
        let request = request(source, &event(source, &sample, None, None, false));
        assert_eq!(lambda::source_ip(&request), None);
        assert_eq!(answer(&request, &policy()).status(), 500, "{source:?}");
        // NXCloud's callbacks need no address.
        let nxcloud = Sample::named("nxcloud/receipt_seen").unwrap();
        let request = request_of(source, &nxcloud, None);
        assert_eq!(answer(&request, &policy()).status(), 200, "{source:?}");
    }
}

fn request_of(source: Source, sample: &Sample, source_ip: Option<&str>) -> Request {
    request(source, &event(source, sample, source_ip, None, false))
}

#[test]
fn a_wappin_sample_without_the_token_is_refused_401() {
    let policy = policy();
    let wappin: Vec<Sample> = Sample::all()
        .into_iter()
        .filter(|sample| sample.provider() == Provider::Wappin)
        .collect();
    assert!(!wappin.is_empty());
    for sample in &wappin {
        for source in SOURCES {
            for base64 in [false, true] {
                let request = request(source, &event(source, sample, Some(OUTSIDE), None, base64));
                let response = answer(&request, &policy);
                assert_eq!(response.status(), 401, "{} from {source:?}", sample.name());
                assert_eq!(response.headers()[WWW_AUTHENTICATE], "Bearer");
                let wrong = sample.clone().wappin_token("not-the-token");
                let request = request_of(source, &wrong, Some(OUTSIDE));
                assert_eq!(answer(&request, &policy).status(), 401);
                let err = lambda::receive::<wappin::Callback>(&request, &policy).unwrap_err();
                assert!(matches!(err, Rejection::Refused(_)), "{err:?}");
            }
        }
    }
}

#[test]
fn another_providers_callback_is_refused_naming_the_route() {
    let sample = signed(Sample::named("wappin/callback_status").unwrap());
    for source in SOURCES {
        let request = request_of(source, &sample, Some(OUTSIDE));
        let err = lambda::receive::<nxcloud::Callback>(&request, &policy()).unwrap_err();
        assert_eq!(err.status(), 400);
        let message = err.to_string();
        assert!(
            message.starts_with("POST /") && message.contains("/webhooks takes nxcloud"),
            "{message}"
        );
    }
}

#[test]
fn the_policys_body_limit_applies() {
    let sample = Sample::named("nxcloud/receipt_seen").unwrap();
    let small = policy().limits(provider_payloads::Limits::new().body(8));
    for source in SOURCES {
        for base64 in [false, true] {
            let request = request(source, &event(source, &sample, Some(OUTSIDE), None, base64));
            assert_eq!(answer(&request, &small).status(), 413, "{source:?}");
        }
    }
}

/// The example (`examples/lambda.rs`), run as Lambda runs it: against a Runtime API
/// served on 127.0.0.1 by this test, which hands it events and takes its responses.
mod example {
    use std::collections::VecDeque;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::path::{Path, PathBuf};
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    use super::*;

    /// The example's executable, which `cargo test --features lambda,testing` builds.
    fn executable() -> PathBuf {
        let exe = std::env::current_exe().unwrap();
        let profile_dir = exe.parent().and_then(Path::parent).unwrap();
        let example = profile_dir
            .join("examples")
            .join(format!("lambda{}", std::env::consts::EXE_SUFFIX));
        assert!(
            example.is_file(),
            "{} is missing: run `cargo test --features lambda,testing` (which builds the examples) or `cargo build --features lambda --example lambda`",
            example.display()
        );
        example
    }

    /// The function, running; killed when dropped, also when a test panics.
    struct Function(Child);

    impl Drop for Function {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    /// One HTTP/1.1 request read from `reader`: its request line and body; `None` at
    /// the connection's end.
    fn read_request(reader: &mut BufReader<TcpStream>) -> Option<(String, Vec<u8>)> {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let mut length = 0;
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).unwrap();
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':').unwrap();
            assert!(!name.eq_ignore_ascii_case("transfer-encoding"), "{header}");
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        Some((line.trim_end().to_owned(), body))
    }

    /// The next connection to `listener`, within 20 seconds: a function that ended
    /// (a panic in its start) fails the test rather than hanging it.
    fn accept(listener: &TcpListener) -> TcpStream {
        listener.set_nonblocking(true).unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match listener.accept() {
                Ok((stream, _)) => {
                    stream.set_nonblocking(false).unwrap();
                    return stream;
                }
                Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => {
                    assert!(Instant::now() < deadline, "the function did not call");
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(err) => panic!("{err}"),
            }
        }
    }

    /// Serves the Runtime API on `listener`, handing the function `events` one by one;
    /// gives each response (the JSON the function sent), in order.
    fn runtime_api(listener: TcpListener, events: Vec<String>) -> Vec<Value> {
        let mut events: VecDeque<(usize, String)> = events.into_iter().enumerate().collect();
        let mut responses = Vec::new();
        let total = events.len();
        while responses.len() < total {
            let stream = accept(&listener);
            stream
                .set_read_timeout(Some(Duration::from_secs(20)))
                .unwrap();
            let mut writer = stream.try_clone().unwrap();
            let mut reader = BufReader::new(stream);
            while let Some((line, body)) = read_request(&mut reader) {
                let answer = if line.starts_with("GET /2018-06-01/runtime/invocation/next ") {
                    let Some((id, event)) = events.pop_front() else {
                        break;
                    };
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                         Lambda-Runtime-Aws-Request-Id: request-{id}\r\n\
                         Lambda-Runtime-Deadline-Ms: 32503680000000\r\n\
                         Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:eu-west-1:123456789012:function:webhooks\r\n\
                         Content-Length: {}\r\n\r\n{event}",
                        event.len()
                    )
                } else {
                    let expected = format!(
                        "POST /2018-06-01/runtime/invocation/request-{}/response ",
                        responses.len()
                    );
                    assert!(
                        line.starts_with(&expected),
                        "{line}: {}",
                        String::from_utf8_lossy(&body)
                    );
                    responses.push(serde_json::from_slice(&body).unwrap());
                    "HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\n{}".to_owned()
                };
                writer.write_all(answer.as_bytes()).unwrap();
                if responses.len() == total {
                    break;
                }
            }
        }
        responses
    }

    #[test]
    fn the_example_answers_lambdas_events() {
        let key = Sample::viva_verification_key().answer();
        let key: Value = serde_json::from_slice(&key.body).unwrap();
        let key = key["Key"].as_str().unwrap().to_owned();
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let address = listener.local_addr().unwrap();
        let function = Function(
            Command::new(executable())
                .env("AWS_LAMBDA_RUNTIME_API", address.to_string())
                .env("AWS_LAMBDA_FUNCTION_NAME", "webhooks")
                .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
                .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                .env("WAPPIN_TOKEN", TOKEN)
                .env("VIVA_KEY", &key)
                .stdout(Stdio::null())
                .spawn()
                .unwrap(),
        );
        let wappin = Sample::named("wappin/callback_status").unwrap();
        let verification = Sample::named("viva/verification").unwrap();
        let sms = Sample::named("nxcloud/sms_receipt_post_body").unwrap();
        let cases: Vec<(Source, Sample, u16)> = vec![
            (Source::RestApi, wappin.clone().wappin_token(TOKEN), 200),
            (Source::HttpApi, verification.clone(), 200),
            (Source::FunctionUrl, sms.clone(), 200),
            (Source::FunctionUrl, wappin.clone(), 401),
            (Source::RestApi, verification.clone(), 200),
        ];
        let events = cases
            .iter()
            .map(|(source, sample, _)| {
                let peer = sample.peer_address().to_string();
                let event = event(*source, sample, Some(&peer), None, true);
                if sample.provider() == Provider::Wappin {
                    event.replace("/webhooks", "/wappin")
                } else {
                    event
                }
            })
            .collect();
        let responses = runtime_api(listener, events);
        drop(function);
        for ((source, sample, status), response) in cases.iter().zip(&responses) {
            let what = format!("{} from {source:?}: {response}", sample.name());
            assert_eq!(response["statusCode"], *status, "{what}");
            // The answer as text, which API Gateway sends as it is.
            assert_eq!(response["isBase64Encoded"], false, "{what}");
            let body = response["body"].as_str().unwrap_or("");
            if *status == 200 {
                assert_eq!(body.as_bytes(), &*sample.answer().body, "{what}");
                assert!(sample.accepts_answer(200, body.as_bytes()), "{what}");
            } else {
                assert!(body.contains("Authorization: Bearer"), "{what}");
                assert_eq!(response["headers"]["www-authenticate"], "Bearer", "{what}");
            }
        }
    }
}
