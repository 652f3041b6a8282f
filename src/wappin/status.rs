//! Wappin's status codes: the `"status"` of every API response, and the table each
//! endpoint's section gives ("Status code | Message | Description").
//!
//! A code comes as a string (`"200"`) and does not always decide the meaning alone:
//! several messages share `400`, `404` and `601`, and are told apart by the message.
//! [`Endpoint::status`] finds the row of an endpoint's table for a code and a message;
//! [`StatusCode`] keeps the code as sent, documented or not.

use crate::wire::enums::string_enum;

string_enum! {
    /// The `"status"` of a Wappin response, as sent: a code in a string.
    ///
    /// What a code means depends on the endpoint and, where several rows share it, on the
    /// message: see [`Endpoint::status`].
    ///
    /// ```
    /// use provider_payloads::wappin::StatusCode;
    ///
    /// assert_eq!(StatusCode::from("601"), StatusCode::InvalidNumber);
    /// assert!(StatusCode::from("000").is_success()); // a callback's answer
    /// // A code no table lists is kept as sent.
    /// let new = StatusCode::from("429");
    /// assert_eq!(new, StatusCode::Other("429".into()));
    /// assert_eq!(new.to_string(), "429");
    /// ```
    pub enum StatusCode {
        /// `200`: "Success".
        Success = "200",
        /// `000`: the answer a client gives to a callback: "Response 000 menandakan
        /// sukses" (000 means success).
        Received = "000",
        /// `400`: no input, an invalid client or project, or a parameter count that does
        /// not match; the message tells which.
        BadRequest = "400",
        /// `401`: "Invalid credential".
        InvalidCredential = "401",
        /// `404`: a template, SMS template or message that does not exist; the message
        /// tells which.
        NotFound = "404",
        /// `406`: "Auth not recognize".
        AuthNotRecognized = "406",
        /// `407`: "IP Address not allowed".
        IpAddressNotAllowed = "407",
        /// `419`: the project is not in production (Send Message (Text) on UAT).
        UatProject = "419",
        /// `600`: "Not delivered, Contact validate Failed", in no table of the document: a
        /// send's answer in a test of the flip-id/wappin Go SDK (`wappin_test.go`,
        /// a7afbb4, which asserts the status) [third party].
        ContactValidateFailed = "600",
        /// `601`: the recipient's number is not a WhatsApp number ("Contact invalid",
        /// "Phone Number Invalid").
        InvalidNumber = "601",
        /// `605`: "Upload Media Failed".
        UploadMediaFailed = "605",
        /// `700`: "Error from vendor".
        VendorError = "700",
    }
}

impl StatusCode {
    /// Whether the code reports success: `200`, or `000` in a callback's answer.
    pub fn is_success(&self) -> bool {
        matches!(self, StatusCode::Success | StatusCode::Received)
    }
}

/// A row of a status table: a code with one of its documented messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// `200` "Success".
    Success,
    /// `200` "Token not expired" (Get Token).
    TokenNotExpired,
    /// `400` "Error no input received".
    NoInputReceived,
    /// `400` "Project ID or Client ID cannot be process.".
    InvalidClientOrProject,
    /// `400` "Message param count do not match".
    ParamCountMismatch,
    /// `400` "params sms count do not match" (Send Notification with SMS).
    SmsParamCountMismatch,
    /// `401` "Invalid credential".
    InvalidCredential,
    /// `404` "API Notification Template not found or inactive".
    TemplateNotFound,
    /// `404` "Data not Found" (Inquiry).
    DataNotFound,
    /// `404` "Content Template SMS not found" (Send Notification with SMS).
    SmsTemplateNotFound,
    /// `406` "Auth not recognize".
    AuthNotRecognized,
    /// `407` "IP Address not allowed".
    IpAddressNotAllowed,
    /// `419`, the answer of Send Message (Text) for a project that is not in production.
    UatProject,
    /// `601` "Contact invalid".
    ContactInvalid,
    /// `601` "Phone Number Invalid" (Number Checker).
    PhoneNumberInvalid,
    /// `605` "Upload Media Failed" (Send Message (Media)).
    UploadMediaFailed,
    /// `700` "Error from vendor" (Send Notification with SMS).
    VendorError,
}

impl Status {
    /// The code of this row.
    pub fn code(self) -> StatusCode {
        match self {
            Status::Success | Status::TokenNotExpired => StatusCode::Success,
            Status::NoInputReceived
            | Status::InvalidClientOrProject
            | Status::ParamCountMismatch
            | Status::SmsParamCountMismatch => StatusCode::BadRequest,
            Status::InvalidCredential => StatusCode::InvalidCredential,
            Status::TemplateNotFound | Status::DataNotFound | Status::SmsTemplateNotFound => {
                StatusCode::NotFound
            }
            Status::AuthNotRecognized => StatusCode::AuthNotRecognized,
            Status::IpAddressNotAllowed => StatusCode::IpAddressNotAllowed,
            Status::UatProject => StatusCode::UatProject,
            Status::ContactInvalid | Status::PhoneNumberInvalid => StatusCode::InvalidNumber,
            Status::UploadMediaFailed => StatusCode::UploadMediaFailed,
            Status::VendorError => StatusCode::VendorError,
        }
    }

    /// The document's message for this row, as Wappin writes it.
    pub fn message(self) -> &'static str {
        match self {
            Status::Success => "Success",
            Status::TokenNotExpired => "Token not expired",
            Status::NoInputReceived => "Error no input received",
            Status::InvalidClientOrProject => "Project ID or Client ID cannot be process.",
            Status::ParamCountMismatch => "Message param count do not match",
            Status::SmsParamCountMismatch => "params sms count do not match",
            Status::InvalidCredential => "Invalid credential",
            Status::TemplateNotFound => "API Notification Template not found or inactive",
            Status::DataNotFound => "Data not Found",
            Status::SmsTemplateNotFound => "Content Template SMS not found",
            Status::AuthNotRecognized => "Auth not recognize",
            Status::IpAddressNotAllowed => "IP Address not allowed",
            Status::UatProject => {
                "Sorry, the API Send Message can only be used for projects with production status. Please try API Sending Message using Sandbox - Send Session Message."
            }
            Status::ContactInvalid => "Contact invalid",
            Status::PhoneNumberInvalid => "Phone Number Invalid",
            Status::UploadMediaFailed => "Upload Media Failed",
            Status::VendorError => "Error from vendor",
        }
    }

    /// Whether the row reports success.
    pub fn is_success(self) -> bool {
        self.code().is_success()
    }
}

/// One row of an endpoint's status table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct StatusRow {
    /// The code and message.
    pub status: Status,
    /// The table's "Description" of the row for this endpoint.
    pub description: &'static str,
}

impl StatusRow {
    const fn new(status: Status, description: &'static str) -> Self {
        StatusRow {
            status,
            description,
        }
    }
}

/// A Wappin API endpoint. Each section of the document gives its own status table.
///
/// ```
/// use provider_payloads::wappin::{Endpoint, HOST, Status, StatusCode};
///
/// let url = format!("{HOST}{}", Endpoint::SendHsm.path());
/// assert_eq!(url, "https://api.wappin.id/v1/message/do-send-hsm");
/// // `400` has three rows in Send Notification's table: the message tells them apart.
/// let row = Endpoint::SendHsm
///     .status(&StatusCode::BadRequest, "Message param count do not match")
///     .unwrap();
/// assert_eq!(row.status, Status::ParamCountMismatch);
/// assert_eq!(row.description, "Number of parameters does not match the expected number of params.");
/// // The same code and message mean something else to another endpoint, or nothing.
/// let text = Endpoint::SendText.status(&StatusCode::BadRequest, "Message param count do not match");
/// assert_eq!(text, None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Endpoint {
    /// "API GET Token" (sections 3.3 and 2.2).
    GetToken,
    /// "API Send Notification" (HSM), UAT and PROD (sections 3.4 and 3.5).
    SendHsm,
    /// "API Send Notification with SMS (PROD)" (section 3.6): the HSM endpoint with a
    /// `channel`.
    SendHsmWithSms,
    /// "API Send Message (Text)", UAT and PROD (sections 2.3 and 2.4).
    SendText,
    /// "API Send Message (Media)" (section 2.5).
    SendMedia,
    /// "API Inquiry" (section 3).
    Inquiry,
    /// "API Number Checker" (section 4).
    NumberChecker,
}

/// Wappin's API host.
pub const HOST: &str = "https://api.wappin.id";

const SENT: StatusRow = StatusRow::new(Status::Success, "Message sent");
const NO_INPUT: StatusRow = StatusRow::new(Status::NoInputReceived, "Invalid format");
const INVALID_CLIENT: StatusRow =
    StatusRow::new(Status::InvalidClientOrProject, "Invalid client or project");
const PARAM_COUNT: StatusRow = StatusRow::new(
    Status::ParamCountMismatch,
    "Number of parameters does not match the expected number of params.",
);
const INVALID_CREDENTIAL: StatusRow =
    StatusRow::new(Status::InvalidCredential, "Invalid credential/token");
const TEMPLATE_NOT_FOUND: StatusRow = StatusRow::new(Status::TemplateNotFound, "Invalid template");
const AUTH: StatusRow = StatusRow::new(Status::AuthNotRecognized, "Invalid authorization");
const IP: StatusRow = StatusRow::new(Status::IpAddressNotAllowed, "Invalid IP address");
const CONTACT_INVALID: StatusRow = StatusRow::new(
    Status::ContactInvalid,
    "Recipient number is not a valid WhatsApp number",
);

const GET_TOKEN: &[StatusRow] = &[
    StatusRow::new(Status::Success, "Berhasil get token"),
    StatusRow::new(Status::TokenNotExpired, "Berhasil get token"),
    INVALID_CREDENTIAL,
    AUTH,
    IP,
];

const SEND_HSM: &[StatusRow] = &[
    SENT,
    NO_INPUT,
    INVALID_CLIENT,
    PARAM_COUNT,
    INVALID_CREDENTIAL,
    TEMPLATE_NOT_FOUND,
    AUTH,
    IP,
    CONTACT_INVALID,
];

const SEND_HSM_WITH_SMS: &[StatusRow] = &[
    SENT,
    NO_INPUT,
    StatusRow::new(
        Status::InvalidClientOrProject,
        "Invalid client id or project id",
    ),
    PARAM_COUNT,
    StatusRow::new(
        Status::SmsParamCountMismatch,
        "Number of parameters does not match the expected number of params.",
    ),
    INVALID_CREDENTIAL,
    TEMPLATE_NOT_FOUND,
    StatusRow::new(Status::SmsTemplateNotFound, "Invalid template"),
    AUTH,
    CONTACT_INVALID,
    StatusRow::new(Status::VendorError, "Error from vendor"),
];

const SEND_TEXT: &[StatusRow] = &[
    SENT,
    NO_INPUT,
    INVALID_CLIENT,
    INVALID_CREDENTIAL,
    AUTH,
    IP,
    // Section 2.3 shows this answer for a UAT project and explains it above: "untuk Send
    // Message (text) hanya bisa jika "project_id" berstatus production".
    StatusRow::new(
        Status::UatProject,
        "Send Message (text) hanya bisa jika \"project_id\" berstatus production",
    ),
    CONTACT_INVALID,
];

const SEND_MEDIA: &[StatusRow] = &[
    SENT,
    NO_INPUT,
    INVALID_CLIENT,
    INVALID_CREDENTIAL,
    AUTH,
    IP,
    StatusRow::new(Status::UploadMediaFailed, "Invalid media_type"),
];

const INQUIRY: &[StatusRow] = &[
    StatusRow::new(Status::Success, "Berhasil Inquiry"),
    INVALID_CREDENTIAL,
    StatusRow::new(Status::DataNotFound, "Invalid Message ID"),
    AUTH,
    IP,
];

const NUMBER_CHECKER: &[StatusRow] = &[
    SENT,
    NO_INPUT,
    INVALID_CLIENT,
    INVALID_CREDENTIAL,
    AUTH,
    IP,
    StatusRow::new(
        Status::PhoneNumberInvalid,
        "Recipient number is not a valid WhatsApp number",
    ),
];

impl Endpoint {
    /// Every endpoint, in the document's order.
    pub const ALL: [Endpoint; 7] = [
        Endpoint::GetToken,
        Endpoint::SendHsm,
        Endpoint::SendHsmWithSms,
        Endpoint::SendText,
        Endpoint::SendMedia,
        Endpoint::Inquiry,
        Endpoint::NumberChecker,
    ];

    /// The endpoint's path on [`HOST`]; every one is a `POST`.
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::GetToken => "/v1/token/get",
            Endpoint::SendHsm | Endpoint::SendHsmWithSms => "/v1/message/do-send-hsm",
            Endpoint::SendText => "/v1/message/do-send",
            Endpoint::SendMedia => "/v1/message/do-send-media",
            Endpoint::Inquiry => "/v1/message/inquiry",
            Endpoint::NumberChecker => "/v1/phone/number-checker",
        }
    }

    /// The endpoint's status table, row by row in the document's order.
    pub fn statuses(self) -> &'static [StatusRow] {
        match self {
            Endpoint::GetToken => GET_TOKEN,
            Endpoint::SendHsm => SEND_HSM,
            Endpoint::SendHsmWithSms => SEND_HSM_WITH_SMS,
            Endpoint::SendText => SEND_TEXT,
            Endpoint::SendMedia => SEND_MEDIA,
            Endpoint::Inquiry => INQUIRY,
            Endpoint::NumberChecker => NUMBER_CHECKER,
        }
    }

    /// The row of this endpoint's table that a response's code and message match.
    ///
    /// Where rows share the code, the message decides (compared without regard to ASCII
    /// case or surrounding spaces); where one row has the code, the code decides, since
    /// Wappin's messages vary (`"error invalid token"` with `401`). `None` for a code the
    /// table does not list, or a shared code with a message none of its rows has: the
    /// response still holds both as sent.
    pub fn status(self, code: &StatusCode, message: &str) -> Option<StatusRow> {
        let message = message.trim();
        let mut rows = self
            .statuses()
            .iter()
            .filter(|row| row.status.code() == *code);
        let same_message = rows
            .clone()
            .find(|row| row.status.message().eq_ignore_ascii_case(message));
        match (same_message, rows.next(), rows.next()) {
            (Some(row), _, _) => Some(*row),
            (None, Some(only), None) => Some(*only),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_decides_where_one_row_has_it_and_the_message_where_several_do() {
        let code = |text: &str| StatusCode::from(text);
        let send = Endpoint::SendHsm;
        assert_eq!(
            send.status(&code("401"), "error invalid token")
                .map(|r| r.status),
            Some(Status::InvalidCredential)
        );
        assert_eq!(
            send.status(&code("400"), " message PARAM count do not match ")
                .map(|r| r.status),
            Some(Status::ParamCountMismatch)
        );
        assert_eq!(send.status(&code("400"), "error bad request"), None);
        assert_eq!(send.status(&code("600"), "Success"), None);
        // 700 is in the SMS table only.
        assert_eq!(send.status(&code("700"), "Error from vendor"), None);
        assert_eq!(
            Endpoint::GetToken
                .status(&code("200"), "")
                .map(|r| r.status),
            None
        );
    }

    #[test]
    fn every_row_is_found_by_its_own_code_and_message() {
        for endpoint in Endpoint::ALL {
            for row in endpoint.statuses() {
                assert_eq!(
                    endpoint.status(&row.status.code(), row.status.message()),
                    Some(*row),
                    "{endpoint:?} {row:?}"
                );
            }
        }
    }
}
