//! A request whose body is still coming, checked by the policy and read as the callback a
//! route takes: the one way in of the framework integrations. [`take`] runs
//! [`receive`](crate::http::receive)'s steps around a body being read, [`Collected`]
//! keeps a body within its limit as its pieces come, and [`take_request`] does both for
//! an `http_body::Body` (axum's, tower's).

use std::future::Future;

use crate::Error;
use crate::http::policy::{Credentials, Policy};
use crate::http::receive::{FromWebhook, Rejection, check_head, read, verification};
use crate::http::webhook::Webhook;

/// Takes the callback `T` of a request, checked by `policy`: Viva's URL verification
/// when the head says there is no body (`empty`) and `query` is empty; else the checks
/// of `T`'s provider on the head (`credentials`), then `body` awaited within the
/// policy's [`body_timeout`](Policy::body_timeout) (408), then read.
pub(crate) async fn take<T: FromWebhook>(
    policy: &Policy,
    credentials: &Credentials<'_>,
    query: &str,
    empty: bool,
    body: impl Future<Output = Result<Vec<u8>, Rejection>>,
) -> Result<Webhook<T>, Rejection> {
    let unmatched = |payload| Webhook::new(payload, None);
    if let Some(answered) = verification(empty, query, policy) {
        return answered.map(unmatched);
    }
    let head = check_head::<T>(credentials, policy)?;
    let body = match policy.read_timeout() {
        Some(after) => tokio::time::timeout(after, body)
            .await
            .map_err(|_| Rejection::BodyTimeout { after })??,
        None => body.await?,
    };
    // A body that came empty without the head saying so is told once it is read.
    match verification(body.is_empty(), query, policy) {
        Some(answered) => answered.map(unmatched),
        None => read(credentials, &body, query, policy)
            .map(|(payload, matched)| Webhook::new(payload, head.or(matched))),
    }
}

/// The most of a body's announced size (its `Content-Length`) reserved before its bytes
/// come: any provider's callback fits, and a client that announces more and sends
/// nothing costs no more than this.
const RESERVED: usize = 16 * 1024;

/// A body as its pieces come, refused once over its limit.
pub(crate) struct Collected {
    bytes: Vec<u8>,
    limit: usize,
}

impl Collected {
    /// A body of at most `limit` bytes: refused at once when its `Content-Length`
    /// (`announced`) says more.
    pub(crate) fn new(announced: Option<u64>, limit: usize) -> Result<Collected, Rejection> {
        if let Some(size) =
            announced.filter(|size| u64::try_from(limit).is_ok_and(|limit| *size > limit))
        {
            let size = usize::try_from(size).unwrap_or(usize::MAX);
            return Err(Error::TooLarge { size, limit }.into());
        }
        let reserved = announced
            .and_then(|size| usize::try_from(size).ok())
            .unwrap_or(0)
            .min(RESERVED);
        Ok(Collected {
            bytes: Vec::with_capacity(reserved),
            limit,
        })
    }

    /// Refuses `coming` more bytes when they take the body over the limit (the size
    /// given is what had come).
    pub(crate) fn check(&self, coming: usize) -> Result<(), Rejection> {
        let size = self.bytes.len().saturating_add(coming);
        if size > self.limit {
            return Err(Error::TooLarge {
                size,
                limit: self.limit,
            }
            .into());
        }
        Ok(())
    }

    /// Adds the piece that came; refused when it takes the body over the limit.
    pub(crate) fn push(&mut self, piece: &[u8]) -> Result<(), Rejection> {
        self.check(piece.len())?;
        self.bytes.extend_from_slice(piece);
        Ok(())
    }

    /// The body, whole.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// [`take`] for a request of the `http` crate whose body is an `http_body::Body`, from
/// `peer`: its headers read as [`Credentials`], its body collected within the limit. A
/// [`Rejection::WrongProvider`] names the route (`POST /viva`).
#[cfg(any(feature = "axum", feature = "tower"))]
pub(crate) async fn take_request<T, B>(
    parts: &::http::request::Parts,
    body: B,
    peer: Option<std::net::IpAddr>,
    policy: &Policy,
) -> Result<Webhook<T>, Rejection>
where
    T: FromWebhook,
    B: http_body::Body,
    B::Error: std::fmt::Display,
{
    let credentials = Credentials::from_headers(&parts.headers, peer);
    let query = parts.uri.query().unwrap_or("");
    let announced = body.size_hint().exact();
    let empty = announced == Some(0);
    let reading = read_body(body, announced, policy.read_limits().max_body());
    take(policy, &credentials, query, empty, reading)
        .await
        .map_err(|rejection| rejection.on_route(&parts.method, parts.uri.path()))
}

/// Reads `body` whole within `limit` bytes ([`Collected`]), frame by frame.
#[cfg(any(feature = "axum", feature = "tower"))]
async fn read_body<B>(body: B, announced: Option<u64>, limit: usize) -> Result<Vec<u8>, Rejection>
where
    B: http_body::Body,
    B::Error: std::fmt::Display,
{
    use bytes::Buf;
    use http_body_util::BodyExt;

    let mut collected = Collected::new(announced, limit)?;
    let mut body = std::pin::pin!(body);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|err| Rejection::Unreadable {
            reason: err.to_string(),
        })?;
        if let Ok(mut data) = frame.into_data() {
            collected.check(data.remaining())?;
            while data.has_remaining() {
                let chunk = data.chunk();
                let taken = chunk.len();
                if taken == 0 {
                    break; // no bytes left to give, whatever `remaining` said
                }
                collected.push(chunk)?;
                data.advance(taken);
            }
        }
    }
    Ok(collected.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn too_large(rejection: Rejection) -> (usize, usize) {
        match rejection {
            Rejection::Invalid(Error::TooLarge { size, limit }) => (size, limit),
            other => panic!("not too large: {other:?}"),
        }
    }

    #[test]
    fn a_body_is_refused_once_over_its_limit() {
        // Announced over the limit, however far: refused before a byte comes.
        let announced = |size| Collected::new(Some(size), 8).err().map(too_large);
        assert_eq!(announced(9), Some((9, 8)));
        assert!(announced(u64::MAX).is_some());
        assert_eq!(announced(8), None);
        // What comes: up to the limit, then the size that had come.
        let mut body = Collected::new(None, 8).unwrap();
        body.push(b"1234").unwrap();
        body.push(b"5678").unwrap();
        assert_eq!(too_large(body.push(b"9").unwrap_err()), (9, 8));
        assert_eq!(body.into_bytes(), b"12345678");
        // The space kept for an announced body is bounded.
        let large = Collected::new(Some(1 << 30), usize::MAX).unwrap();
        assert!(large.bytes.capacity() <= RESERVED);
    }
}
