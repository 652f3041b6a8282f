//! The servers on axum: the receiver example itself, and beside it the bare and the
//! `Value` handlers on its routes, served as it is served.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::handler::Handler as AxumHandler;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::Handler;
use crate::receiver::{self, Args, Output, one_handler};
use crate::value::{self, Settings};

/// What the bare and the `Value` handlers share.
#[derive(Clone)]
struct Served {
    settings: Arc<Settings>,
    output: Output,
}

/// Serves `handler` until the process is stopped.
pub fn serve(handler: Handler, args: Args, settings: Settings) -> Result<(), String> {
    let runtime =
        tokio::runtime::Runtime::new().map_err(|err| format!("cannot start the runtime: {err}"))?;
    runtime.block_on(async move {
        let app = match handler {
            Handler::Bare => routes(bare),
            Handler::Value => routes(value),
            Handler::Receiver => return receiver::serve(args).await,
        };
        let (listener, output) = receiver::listen(args.listen).await?;
        let settings = Arc::new(settings);
        let app = app.with_state(Served { settings, output });
        one_handler::serve(listener, app, args.header_timeout, args.max_connections).await;
        Ok(())
    })
}

/// The receiver's routes (`app` in `examples/receiver.rs`), each to `handler`.
fn routes<H, T>(handler: H) -> Router<Served>
where
    H: AxumHandler<T, Served>,
    T: 'static,
{
    Router::new()
        .route("/esms", get(handler.clone()))
        .route("/nxcloud", post(handler.clone()))
        .route("/wappin", post(handler.clone()))
        .route("/viva", post(handler.clone()).get(handler.clone()))
        .route("/", get(handler.clone()).post(handler))
}

async fn bare(body: Bytes) -> StatusCode {
    std::hint::black_box(body);
    StatusCode::OK
}

async fn value(
    State(served): State<Served>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = value::Request {
        path: uri.path(),
        query: uri.query().unwrap_or_default(),
        authorization: headers.get(AUTHORIZATION).map(|value| value.as_bytes()),
        body: &body,
    };
    let handled = value::handle(&request, &served.settings);
    if let Some(line) = handled.line {
        if !served.output.write(line).await {
            let message = "the event could not be written in time; send it again";
            return (StatusCode::SERVICE_UNAVAILABLE, message).into_response();
        }
    }
    let status = StatusCode::from_u16(handled.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match handled.content_type {
        Some(content_type) => {
            (status, [(CONTENT_TYPE, content_type)], handled.body).into_response()
        }
        None => (status, handled.body).into_response(),
    }
}
