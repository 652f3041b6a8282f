//! How the axum extractor reads a body a client controls: its buffer grows with the
//! bytes that come, never with what `Content-Length` announces, and a body that stops
//! coming is refused once the policy's `body_timeout` passes.
//!
//! `dhat` counts the heap (see `tests/allocations.rs`); it counts every thread of the
//! process, so this file holds one test.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, FromRequest, Request};
use axum::response::IntoResponse;
use hyper::body::{Frame, SizeHint};
use provider_payloads::axum::Webhook;
use provider_payloads::http::Policy;
use provider_payloads::{Limits, Payload};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// 64 GiB, as a `Content-Length` announces it.
const ANNOUNCED: u64 = 64 << 30;

/// A body as a client sends it: `Content-Length: announced`, `frames` frames of `frame`
/// bytes, and then the connection breaks (`stall`: nothing more comes, ever).
struct Trickle {
    announced: u64,
    frames: usize,
    frame: Bytes,
    stall: bool,
}

impl axum::body::HttpBody for Trickle {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = self.get_mut();
        if this.frames > 0 {
            this.frames -= 1;
            Poll::Ready(Some(Ok(Frame::data(this.frame.clone()))))
        } else if this.stall {
            Poll::Pending
        } else {
            let broken = io::Error::new(io::ErrorKind::UnexpectedEof, "the connection broke");
            Poll::Ready(Some(Err(broken)))
        }
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.announced)
    }
}

/// The status the extractor of any provider's callback answers `body` with, the heap's
/// peak while it read it, and the time it took.
fn extract(
    runtime: &tokio::runtime::Runtime,
    body: Trickle,
    policy: &Policy,
) -> (u16, usize, Duration) {
    let mut request = Request::post("/").body(Body::new(body)).unwrap();
    let peer = SocketAddr::from(([127, 0, 0, 1], 4000));
    request.extensions_mut().insert(ConnectInfo(peer));
    let started = Instant::now();
    let profiler = dhat::Profiler::builder().testing().build();
    let status = runtime.block_on(async {
        match Webhook::<Payload>::from_request(request, policy).await {
            Ok(_) => 200,
            Err(rejection) => rejection.into_response().status().as_u16(),
        }
    });
    let peak = dhat::HeapStats::get().max_bytes;
    drop(profiler);
    (status, peak, started.elapsed())
}

#[test]
fn a_body_costs_what_came_and_no_longer_than_its_time() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let Ok(limit) = usize::try_from(ANNOUNCED) else {
        return; // a 32-bit target cannot be told of 64 GiB
    };
    let policy = Policy::new()
        .viva_sources(None)
        .limits(Limits::new().body(limit));
    let frame = Bytes::from(vec![b' '; 16 * 1024]);
    // 64 GiB announced, under the limit: 64 KiB come, then the connection breaks. The
    // heap holds what came (twice at most, as the buffer doubles), not what was
    // announced; nothing at all when nothing came.
    for frames in [0, 4, 64] {
        let sent = frames * frame.len();
        let body = Trickle {
            announced: ANNOUNCED,
            frames,
            frame: frame.clone(),
            stall: false,
        };
        let (status, peak, _) = extract(&runtime, body, &policy);
        println!("64 GiB announced, {sent} bytes sent: {status}, heap peak {peak} bytes");
        assert_eq!(status, 400, "a read error");
        assert!(
            peak <= 2 * sent + 32 * 1024,
            "{sent} bytes sent, a heap peak of {peak} bytes"
        );
    }
    // Over the limit, it is refused before a byte is read.
    let small = policy.clone().limits(Limits::new().body(1024));
    let body = Trickle {
        announced: ANNOUNCED,
        frames: 1,
        frame: frame.clone(),
        stall: true,
    };
    let (status, peak, _) = extract(&runtime, body, &small);
    assert_eq!(status, 413);
    assert!(peak < 8 * 1024, "{peak}");

    // A body that stops halfway: 408 once its time is out, not before.
    let timeout = Duration::from_millis(200);
    let timed = policy.body_timeout(timeout);
    let body = Trickle {
        announced: 64 * 1024,
        frames: 2,
        frame,
        stall: true,
    };
    let (status, _, took) = extract(&runtime, body, &timed);
    println!("a stalled body: {status} after {took:?}");
    assert_eq!(status, 408);
    assert!(took >= timeout && took < timeout * 10, "{took:?}");
}
