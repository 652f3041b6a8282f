//! What the heads of a request and of a refusal carry, for the types of any HTTP stack
//! (the `http` crate's, actix-web's): the headers read as [`Credentials`], the route
//! named in a message, the headers of a refusal.

use std::fmt;
use std::net::IpAddr;

use crate::http::policy::{Credentials, Refusal};
use crate::http::receive::Rejection;
use crate::viva::SIGNATURE_256_HEADER;

impl<'a> Credentials<'a> {
    /// What a request's headers carry, from `peer`: `lines(name)` gives every value of
    /// the header `name` (`X-Forwarded-For`, `Authorization`, `Viva-Signature-256`), in
    /// the order they came.
    pub(crate) fn from_lines<L: IntoIterator<Item = &'a [u8]>>(
        peer: Option<IpAddr>,
        lines: impl Fn(&'static str) -> L,
    ) -> Credentials<'a> {
        let mut credentials = Credentials::new(peer);
        for line in lines("x-forwarded-for") {
            credentials = credentials.forwarded_for(line);
        }
        for value in lines("authorization") {
            credentials = credentials.authorization(value);
        }
        for value in lines(SIGNATURE_256_HEADER) {
            credentials = credentials.signature_256(value);
        }
        credentials
    }
}

impl Rejection {
    /// The `Content-Type` of its message, the body that answers it.
    pub(crate) const CONTENT_TYPE: &'static str = "text/plain; charset=utf-8";

    /// The `WWW-Authenticate` that answers it: `Bearer` for a missing or wrong Wappin
    /// token.
    pub(crate) fn challenge(&self) -> Option<&'static str> {
        match self {
            Rejection::Refused(Refusal::MissingToken | Refusal::WrongToken) => Some("Bearer"),
            _ => None,
        }
    }

    /// Names the route in the message of a [`Rejection::WrongProvider`]: `POST /viva`.
    pub(crate) fn on_route(self, method: impl fmt::Display, path: &str) -> Rejection {
        match self {
            Rejection::WrongProvider {
                route: None,
                expected,
                found,
                kind,
            } => Rejection::WrongProvider {
                route: Some(format!("{method} {path}")),
                expected,
                found,
                kind,
            },
            other => other,
        }
    }
}
