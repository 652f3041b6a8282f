//! The servers on actix-web: the bare and the `Value` handlers, and the receiver as the
//! crate's actix extractor gives it, on the receiver example's routes, all by one
//! `HttpServer` set-up (a worker a processor, actix-web's default).

use actix_web::error::{ErrorInternalServerError, ErrorServiceUnavailable};
use actix_web::http::StatusCode;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{App, FromRequest, HttpRequest, HttpResponse, HttpServer, Responder, web};
use provider_payloads::http::FromWebhook;
use provider_payloads::http::actix::Webhook;
use provider_payloads::{Answer, Payload, esms, nxcloud, viva, wappin};

use crate::Handler;
use crate::receiver::{Args, Output, event_line};
use crate::value::{self, Settings};

/// Serves `handler` until the process is stopped.
pub fn serve(handler: Handler, args: Args, settings: Settings) -> Result<(), String> {
    let listener = std::net::TcpListener::bind(args.listen)
        .map_err(|err| format!("cannot listen on {}: {err}", args.listen))?;
    let addr = listener
        .local_addr()
        .map_err(|err| format!("no local address: {err}"))?;
    let output = web::Data::new(Output::start(format!("listening on http://{addr}")));
    let settings = web::Data::new(settings);
    let policy = web::Data::new(args.policy);
    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(move || {
            let app = App::new()
                .app_data(output.clone())
                .app_data(settings.clone())
                .app_data(policy.clone());
            match handler {
                Handler::Bare => app.configure(|config| routes(config, bare)),
                Handler::Value => app.configure(|config| routes(config, value)),
                Handler::Receiver => app.configure(receiver_routes),
            }
        })
        .client_request_timeout(args.header_timeout)
        .max_connections(args.max_connections)
        .listen(listener)
        .map_err(|err| format!("cannot serve on {addr}: {err}"))?
        .run()
        .await
        .map_err(|err| format!("the server stopped: {err}"))
    })
}

/// The receiver's routes (`app` in `examples/receiver.rs`), each to `handler`.
fn routes<F, A>(config: &mut web::ServiceConfig, handler: F)
where
    F: actix_web::Handler<A>,
    A: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    config
        .route("/esms", web::get().to(handler.clone()))
        .route("/nxcloud", web::post().to(handler.clone()))
        .route("/wappin", web::post().to(handler.clone()))
        .route("/viva", web::post().to(handler.clone()))
        .route("/viva", web::get().to(handler.clone()))
        .route("/", web::get().to(handler.clone()))
        .route("/", web::post().to(handler));
}

/// The receiver's routes, each to the extractor of its provider's callbacks.
fn receiver_routes(config: &mut web::ServiceConfig) {
    config
        .route("/esms", web::get().to(receive::<esms::Callback>))
        .route("/nxcloud", web::post().to(receive::<nxcloud::Callback>))
        .route("/wappin", web::post().to(receive::<wappin::Callback>))
        .route("/viva", web::post().to(receive::<viva::Payload>))
        .route("/viva", web::get().to(receive::<viva::Payload>))
        .route("/", web::get().to(receive::<Payload>))
        .route("/", web::post().to(receive::<Payload>));
}

/// The receiver's handler (`receive` in `examples/receiver.rs`) on actix-web.
async fn receive<T: FromWebhook + 'static>(
    output: web::Data<Output>,
    callback: Webhook<T>,
) -> Result<Answer, actix_web::Error> {
    if let Some(event) = callback.event() {
        let line = event_line(&event)
            .ok_or_else(|| ErrorInternalServerError("the event could not be written as JSON"))?;
        if !output.write(line).await {
            let message = "the event could not be written in time; send it again";
            return Err(ErrorServiceUnavailable(message));
        }
    }
    Ok(callback.answer())
}

async fn bare(body: web::Bytes) -> HttpResponse {
    std::hint::black_box(body);
    HttpResponse::Ok().finish()
}

async fn value(
    request: HttpRequest,
    body: web::Bytes,
    output: web::Data<Output>,
    settings: web::Data<Settings>,
) -> HttpResponse {
    let handled = value::handle(
        &value::Request {
            path: request.path(),
            query: request.query_string(),
            authorization: request
                .headers()
                .get(AUTHORIZATION)
                .map(|value| value.as_bytes()),
            body: &body,
        },
        &settings,
    );
    if let Some(line) = handled.line {
        if !output.write(line).await {
            let message = "the event could not be written in time; send it again";
            return HttpResponse::ServiceUnavailable().body(message);
        }
    }
    let status = StatusCode::from_u16(handled.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut answer = HttpResponse::build(status);
    if let Some(content_type) = handled.content_type {
        answer.content_type(content_type);
    }
    answer.body(handled.body)
}
