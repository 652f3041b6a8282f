//! What Wappin's API answers: the token, and the one shape every other endpoint shares.

use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::status::{Endpoint, StatusCode, StatusRow};
use crate::Provider;
use crate::raw_json::RawJson;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};
use crate::wire::kinds::json_payload;
use crate::wire::object::wire_object;

/// A bearer token from "API GET Token": "Key/Token memiliki masa aktif 24 jam" (valid 24
/// hours). Hidden in `Debug`; [`expose`](Self::expose) gives the text.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccessToken(String);

impl AccessToken {
    /// Wraps a token you hold.
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken(token.into())
    }

    /// The token's text. Keep it out of logs.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The `Authorization` header value the other endpoints take: `Bearer <token>`.
    pub fn authorization(&self) -> String {
        format!("Bearer {}", self.0)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

impl ListUnrecognized for AccessToken {
    fn list_unrecognized(&self, _: &FieldPath<'_>, _: &mut Vec<Unrecognized>) {}
}

wire_object! {
    /// The `data` of a token response. Only the token is required: an answer without
    /// its expiry or its type still gives a token to use ("masa aktif 24 jam": valid 24
    /// hours).
    pub struct Token {
        /// The bearer token for the other endpoints.
        #[serde(rename = "access_token")]
        pub access_token: AccessToken,
        /// When the token expires, as Wappin wrote it: a local time with no time zone.
        #[serde(rename = "expired_datetime", default, with = "crate::wire::time::date_time_seconds_option")]
        pub expired_datetime: Option<NaiveDateTime>,
        /// The token's type: `access_token` in the document, `Bearer` or empty in
        /// answers seen in use.
        #[serde(rename = "token_type", default)]
        pub token_type: Option<String>,
    }
}

wire_object! {
    /// The answer of "API GET Token" (`POST /v1/token/get`).
    pub struct TokenResponse {
        /// The status code; see [`status_row`](Self::status_row).
        #[serde(rename = "status")]
        pub status: StatusCode,
        /// The status message.
        #[serde(rename = "message", default)]
        pub message: Option<String>,
        /// The token; absent or `null` when the request failed.
        #[serde(rename = "data", default)]
        pub data: Option<Token>,
    }
}
json_payload!(TokenResponse, Provider::Wappin, "token response");

impl TokenResponse {
    /// The row of the Get Token status table this answer matches, if any.
    pub fn status_row(&self) -> Option<StatusRow> {
        Endpoint::GetToken.status(&self.status, self.message.as_deref().unwrap_or_default())
    }
}

wire_object! {
    /// The answer of Send Notification (HSM, with or without SMS), Send Message (Text and
    /// Media), Inquiry and Number Checker: one shape for all of them.
    ///
    /// Which endpoint answered decides what the status means: see
    /// [`status_row`](Self::status_row).
    ///
    /// ```
    /// use provider_payloads::wappin::{Endpoint, Response, Status, StatusCode};
    ///
    /// // Send Message (Text) for a project still on UAT.
    /// let response = Response::from_json(br#"{"message_id":"5d35544d05aaa","status":"419",
    ///     "message":"Sorry, the API Send Message can only be used for projects with production status. Please try API Sending Message using Sandbox - Send Session Message.",
    ///     "data":null}"#)?;
    /// assert_eq!(response.status, StatusCode::UatProject);
    /// assert!(!response.status.is_success());
    /// assert_eq!(response.message_id.as_deref(), Some("5d35544d05aaa"));
    /// assert_eq!(response.status_row(Endpoint::SendText).unwrap().status, Status::UatProject);
    /// // `"data":null` is kept, and written back.
    /// assert!(String::from_utf8(response.to_json()?).unwrap().ends_with(r#""data":null}"#));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct Response {
        /// The id Wappin gave the message (the send endpoints and Number Checker).
        #[serde(rename = "message_id", default)]
        pub message_id: Option<String>,
        /// The status code.
        #[serde(rename = "status")]
        pub status: StatusCode,
        /// The status message.
        #[serde(rename = "message")]
        pub message: String,
        /// Anything else the answer carries, kept as raw JSON: `null` in the send
        /// answers; for Inquiry the message's details, which the document does not
        /// specify (its sample was lost in conversion).
        #[serde(rename = "data", default)]
        pub data: Option<RawJson>,
    }
}
json_payload!(Response, Provider::Wappin, "response");

impl Response {
    /// The row of `endpoint`'s status table this answer matches, if any.
    ///
    /// ```
    /// use provider_payloads::wappin::{Endpoint, Response, Status};
    ///
    /// let response = Response::from_json(br#"{"status":"601","message":"Contact invalid"}"#)?;
    /// let row = response.status_row(Endpoint::SendHsm).unwrap();
    /// assert_eq!(row.status, Status::ContactInvalid);
    /// assert_eq!(row.description, "Recipient number is not a valid WhatsApp number");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub fn status_row(&self, endpoint: Endpoint) -> Option<StatusRow> {
        endpoint.status(&self.status, &self.message)
    }
}
