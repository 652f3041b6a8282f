//! [`take`]: a request whose body is still coming (any `http_body::Body`), checked by
//! the policy and read as the callback a route takes: the one way in of the framework
//! integrations.

use std::fmt::Display;
use std::net::IpAddr;
use std::pin::pin;

use ::http::request::Parts;
use bytes::Buf;
use http_body::Body;
use http_body_util::BodyExt;

use crate::Error;
use crate::http::receive::{read, verification};
use crate::http::{Credentials, FromWebhook, Policy, Rejection, Webhook};

/// Takes the request of `parts` and `body`, from `peer`, as the callback `T`, by
/// [`receive`](crate::http::receive)'s steps: Viva's URL verification when the head
/// says there is no body; `T`'s provider's checks on the head; the body read within the
/// policy's limits and its [`body_timeout`](Policy::body_timeout) (408); then read as
/// `T`. A [`Rejection::WrongProvider`] names the route (`POST /viva`).
pub(crate) async fn take<T, B>(
    parts: &Parts,
    body: B,
    peer: Option<IpAddr>,
    policy: &Policy,
) -> Result<Webhook<T>, Rejection>
where
    T: FromWebhook,
    B: Body,
    B::Error: Display,
{
    let credentials = Credentials::from_headers(&parts.headers, peer);
    let query = parts.uri.query().unwrap_or("");
    // Viva's URL verification, when the head says there is no body; a body that comes
    // empty without saying so is told once it is read.
    let empty = body.size_hint().exact() == Some(0);
    let unmatched = |payload| Webhook::new(payload, None);
    if let Some(answered) = verification(empty, query, policy) {
        return answered.map(unmatched);
    }
    let head = match T::PROVIDER {
        Some(provider) => policy.check(provider, &credentials)?,
        None => None,
    };
    let reading = read_body(body, policy.read_limits().max_body());
    let body = match policy.read_timeout() {
        Some(after) => tokio::time::timeout(after, reading)
            .await
            .map_err(|_| Rejection::BodyTimeout { after })??,
        None => reading.await?,
    };
    match verification(body.is_empty(), query, policy) {
        Some(answered) => answered.map(unmatched),
        None => read(&credentials, &body, query, policy)
            .map(|(payload, matched)| Webhook::new(payload, head.or(matched))),
    }
    .map_err(|rejection| rejection.on_route(&parts.method, parts.uri.path()))
}

/// The most of a body's announced size (its `Content-Length`) reserved before its bytes
/// come: any provider's callback fits, and a client that announces more and sends
/// nothing costs no more than this.
const RESERVED: usize = 16 * 1024;

/// Reads `body` whole, refusing it once it is over `limit` bytes: at once when its
/// `Content-Length` says so, otherwise when what came passes the limit (the size given
/// is then what had come). The buffer grows as bytes come, from at most [`RESERVED`].
async fn read_body<B>(body: B, limit: usize) -> Result<Vec<u8>, Rejection>
where
    B: Body,
    B::Error: Display,
{
    let announced = body
        .size_hint()
        .exact()
        .and_then(|size| usize::try_from(size).ok());
    if let Some(size) = announced.filter(|size| *size > limit) {
        return Err(Error::TooLarge { size, limit }.into());
    }
    let mut body = pin!(body);
    let mut bytes = Vec::with_capacity(announced.unwrap_or(0).min(RESERVED));
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|err| Rejection::Unreadable {
            reason: err.to_string(),
        })?;
        if let Ok(mut data) = frame.into_data() {
            let size = bytes.len().saturating_add(data.remaining());
            if size > limit {
                return Err(Error::TooLarge { size, limit }.into());
            }
            while data.has_remaining() {
                let chunk = data.chunk();
                let taken = chunk.len();
                if taken == 0 {
                    break; // no bytes left to give, whatever `remaining` said
                }
                bytes.extend_from_slice(chunk);
                data.advance(taken);
            }
        }
    }
    Ok(bytes)
}
