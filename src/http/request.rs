//! The `http` crate's requests and responses (the `http` feature).

use std::borrow::Cow;
use std::net::IpAddr;

use ::http::header::{CONTENT_TYPE, HeaderValue, WWW_AUTHENTICATE};
use ::http::{HeaderMap, Request, Response, StatusCode};

use crate::Answer;
use crate::http::Webhook;
use crate::http::policy::{Credentials, Policy};
use crate::http::receive::{FromWebhook, Rejection, receive_matched};

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<'a> Credentials<'a> {
    /// What a request's `headers` carry (each `Authorization`, `Viva-Signature-256` and
    /// line of `X-Forwarded-For`), from `peer`, the connection's remote address.
    pub fn from_headers(headers: &'a HeaderMap, peer: Option<IpAddr>) -> Credentials<'a> {
        Credentials::from_lines(peer, |name| {
            headers.get_all(name).into_iter().map(HeaderValue::as_bytes)
        })
    }
}

/// Reads an `http::Request` whose body has come whole (`Vec<u8>`, `Bytes`, `String`)
/// as the callback `T`, by [`receive`](crate::http::receive)'s steps: its headers and
/// `peer` (the connection's remote address, which your server knows) checked by
/// `policy`, then its body and query string read.
///
/// ```
/// use provider_payloads::http::{Policy, receive_request};
/// use provider_payloads::{Answer, Payload};
///
/// let request = http::Request::post("/webhooks?x=1")
///     .body(br#"{"status":"seen","requestId":"r1","code":11002,"message":"m","sendTime":"2023-07-13 15:12:11"}"#.to_vec())?;
/// let payload: Payload = receive_request(&request, Some("203.0.113.9".parse()?), &Policy::new())?;
/// assert_eq!(payload.kind(), "receipt");
/// let response: http::Response<Vec<u8>> = Answer::OK.into();
/// assert_eq!(response.status(), 200);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn receive_request<T: FromWebhook, B: AsRef<[u8]>>(
    request: &Request<B>,
    peer: Option<IpAddr>,
    policy: &Policy,
) -> Result<T, Rejection> {
    request_webhook(request, peer, policy).map(|webhook| webhook.payload)
}

/// [`receive_request`], with the token or secret the request carried: the [`Webhook`]
/// that the integrations whose body comes whole give.
pub(crate) fn request_webhook<T: FromWebhook, B: AsRef<[u8]>>(
    request: &Request<B>,
    peer: Option<IpAddr>,
    policy: &Policy,
) -> Result<Webhook<T>, Rejection> {
    let credentials = Credentials::from_headers(request.headers(), peer);
    let query = request.uri().query().unwrap_or("");
    receive_matched(&credentials, request.body().as_ref(), query, policy)
        .map(|(payload, matched)| Webhook::new(payload, matched))
        .map_err(|rejection| rejection.on_route(request.method(), request.uri().path()))
}

/// A provider's answer: its status, its body, and its `Content-Type` when it has one.
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<B: From<Cow<'static, [u8]>>> From<Answer> for Response<B> {
    fn from(answer: Answer) -> Response<B> {
        let mut response = Response::new(B::from(answer.body));
        *response.status_mut() = status(answer.status);
        if let Some(content_type) = answer.content_type {
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        response
    }
}

/// A refusal: its status, and its message as `text/plain`; a missing or wrong Wappin
/// token with `WWW-Authenticate: Bearer`.
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<B: From<String>> From<Rejection> for Response<B> {
    fn from(rejection: Rejection) -> Response<B> {
        let mut response = Response::new(B::from(rejection.to_string()));
        *response.status_mut() = status(rejection.status());
        let headers = response.headers_mut();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static(Rejection::CONTENT_TYPE),
        );
        if let Some(challenge) = rejection.challenge() {
            headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
        }
        response
    }
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use ::http::header::AUTHORIZATION;

    use super::*;
    use crate::http::Refusal;
    use crate::wappin::{self, CallbackToken};
    use crate::{Error, Payload};

    const WAPPIN: &[u8] = br#"{"message_id":"m1","client_id":"9","client_name":"c","status_messages":"read","callback_type":"status"}"#;

    #[test]
    fn a_request_is_checked_read_and_answered() {
        let policy = Policy::new().wappin_token(CallbackToken::new("t0ken").unwrap());
        let peer = Some("127.0.0.1".parse().unwrap());
        let request = |authorization: Option<&str>, path: &str| {
            let mut builder = Request::post(path);
            if let Some(value) = authorization {
                builder = builder.header("authorization", value);
            }
            builder.body(WAPPIN.to_vec()).unwrap()
        };
        let callback: wappin::Callback =
            receive_request(&request(Some("Bearer t0ken"), "/w?x=1"), peer, &policy).unwrap();
        let answer: Response<Vec<u8>> = FromWebhook::answer(&callback).into();
        assert_eq!(answer.status(), 200);
        assert_eq!(answer.headers()[CONTENT_TYPE], "application/json");
        assert_eq!(answer.body(), br#"{"status":"000"}"#);

        let refused =
            receive_request::<Payload, _>(&request(None, "/"), peer, &policy).unwrap_err();
        assert_eq!(refused, Rejection::Refused(Refusal::MissingToken));
        let response: Response<Vec<u8>> = refused.into();
        assert_eq!(response.status(), 401);
        assert_eq!(response.headers()[WWW_AUTHENTICATE], "Bearer");
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "text/plain; charset=utf-8"
        );

        // Another provider's route names itself in the message.
        let wrong =
            receive_request::<crate::nxcloud::Callback, _>(&request(None, "/nx?a"), peer, &policy)
                .unwrap_err();
        assert_eq!(
            wrong.to_string(),
            "POST /nx takes nxcloud payloads; this is a wappin callback"
        );
        let response: Response<String> = wrong.into();
        assert_eq!(response.status(), 400);
        assert!(!response.headers().contains_key(WWW_AUTHENTICATE));

        let large: Response<String> =
            Rejection::Invalid(Error::TooLarge { size: 9, limit: 8 }).into();
        assert_eq!(large.status(), 413);
        let empty: Response<Vec<u8>> = Answer::OK.into();
        assert!(empty.body().is_empty() && !empty.headers().contains_key(CONTENT_TYPE));
    }

    #[test]
    fn vivas_url_verification_is_answered_the_policys_key() {
        let key = "B3248222FDCD1885AEAFE51CCC1B5607F00903F6";
        let policy = Policy::new().viva_verification(crate::viva::Verification::new(key));
        let peer = Some("127.0.0.1".parse().unwrap());
        let request = Request::get("/viva").body(Vec::new()).unwrap();
        for answer in [
            FromWebhook::answer(&receive_request::<Payload, _>(&request, peer, &policy).unwrap()),
            FromWebhook::answer(
                &receive_request::<crate::viva::Payload, _>(&request, peer, &policy).unwrap(),
            ),
        ] {
            let response: Response<Vec<u8>> = answer.into();
            assert_eq!(response.status(), 200);
            assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
            assert_eq!(response.body(), format!(r#"{{"Key":"{key}"}}"#).as_bytes());
        }
        let none = receive_request::<Payload, _>(&request, peer, &Policy::new()).unwrap_err();
        let response: Response<String> = none.into();
        assert_eq!(response.status(), 500);
        assert!(response.body().contains("Policy::viva_verification"));
    }

    #[test]
    fn credentials_read_every_forwarded_for_line_and_the_two_headers() {
        let mut headers = HeaderMap::new();
        headers.append("x-forwarded-for", HeaderValue::from_static("198.51.100.7"));
        headers.append(
            "X-Forwarded-For",
            HeaderValue::from_static("51.138.37.238, 10.0.0.3"),
        );
        headers.insert("viva-signature-256", HeaderValue::from_static("ab"));
        let policy = Policy::new().trusted_proxies(["10.0.0.0/8".parse().unwrap()]);
        let credentials = Credentials::from_headers(&headers, Some("10.0.0.2".parse().unwrap()));
        assert_eq!(
            policy.client_address(&credentials),
            Ok("51.138.37.238".parse().unwrap())
        );
        assert_eq!(
            Policy::new()
                .viva_signature(crate::viva::SubscriptionSecret::new("s").unwrap())
                .check_signature(&credentials, b"{}"),
            Err(Refusal::Signature(crate::viva::SignatureError::Malformed))
        );
        // Two `Authorization` headers, the right one among them: refused.
        let mut twice = HeaderMap::new();
        twice.append(AUTHORIZATION, HeaderValue::from_static("Bearer t0ken"));
        twice.append(AUTHORIZATION, HeaderValue::from_static("Bearer other"));
        let policy = Policy::new().wappin_token(CallbackToken::new("t0ken").unwrap());
        assert_eq!(
            policy.check(
                crate::Provider::Wappin,
                &Credentials::from_headers(&twice, None)
            ),
            Err(Refusal::RepeatedHeader {
                header: "Authorization"
            })
        );
    }
}
