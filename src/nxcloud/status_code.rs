//! NXCloud's status codes: the "Status Code Description" table of the Viber receipt
//! document, with each code's message and solution, and the codes the current documents
//! add.

use crate::wire::enums::code_enum;

code_enum! {
    /// "Status code": the outcome NXCloud reports with a receipt, from the document's
    /// "Status Code Description" table and the codes the current documents add.
    /// [`message`](Self::message) and [`solution`](Self::solution) give the table's text.
    pub enum StatusCode {
        /// "Successfully sent.": the current Viber document's `success` receipt (not in the
        /// first document's table).
        SuccessfullySent = 0,
        /// "Customer does not exist / Status is unavailable".
        CustomerUnavailable = 1100,
        /// "Insufficient balance".
        InsufficientBalance = 1102,
        /// "Request parameter error".
        RequestParameterError = 9000,
        /// "System business error".
        SystemBusinessError = 9001,
        /// "Phone number error".
        PhoneNumberError = 9002,
        /// "Customer APP does not exist / Status is unavailable".
        CustomerAppUnavailable = 9003,
        /// "Customer APP does not have quotation".
        CustomerAppWithoutQuotation = 9004,
        /// "Missing customer APP routes".
        CustomerAppRoutesMissing = 9005,
        /// "Unknown error".
        UnknownError = 9999,
        /// "Viber send error".
        ViberSendError = 11000,
        /// "Viber message has delivered".
        ViberMessageDelivered = 11001,
        /// "Viber message has seen".
        ViberMessageSeen = 11002,
        /// "Viber message has expired".
        ViberMessageExpired = 11003,
        /// Super Message: "Send error" (发送失败).
        SuperMessageSendError = 14003,
        /// Super Message: "Message has delivered" (消息已送达).
        SuperMessageDelivered = 14004,
        /// Super Message: "Message has undelivered" (消息未送达).
        SuperMessageUndelivered = 14005,
        /// Super Message: "Message has expired" (消息过期).
        SuperMessageExpired = 14006,
        /// Zalo: "Zalo message has delivered", as the `delivered` sample writes it (the
        /// Zalo page's code table was not captured: the Zalo codes and their messages
        /// are its samples').
        ZaloMessageDelivered = 17003,
        /// Zalo: "Zalo send error(Zalo account not existed)", as the `failed` sample
        /// writes it; the part in parentheses is probably that send's reason (its
        /// `zaloRes` says "Zalo account not existed").
        ZaloSendError = 17004,
        /// Zalo: "The journey begins to be charged", with `journey_acknowledged`.
        ZaloJourneyCharged = 17006,
        /// Zalo: "Journey expires…", with `journey_time_out`. The only sample is cut off
        /// after those words, so [`message`](Self::message) gives none.
        ZaloJourneyExpired = 17007,
    }
}

impl StatusCode {
    /// The document's "message" for this code (for Zalo's, its sample's); `None` for a
    /// code it does not list, and for 17007, whose sample is cut off.
    pub fn message(&self) -> Option<&'static str> {
        self.table_row().map(|(message, _)| message)
    }

    /// The document's "Solution" for this code; `None` for a code it does not list, or
    /// lists without one (0, the Super Message and the Zalo codes).
    pub fn solution(&self) -> Option<&'static str> {
        self.table_row().and_then(|(_, solution)| solution)
    }

    /// The row of the "Status Code Description" table: message and solution.
    fn table_row(&self) -> Option<(&'static str, Option<&'static str>)> {
        let row = match self {
            Self::SuccessfullySent => ("Successfully sent.", None),
            Self::CustomerUnavailable => (
                "Customer does not exist / Status is unavailable",
                Some(
                    "Account status exception, contact the business personnel to handle the account issue",
                ),
            ),
            Self::InsufficientBalance => (
                "Insufficient balance",
                Some(
                    "Insufficient account balance, please contact the business personnel to recharge",
                ),
            ),
            Self::RequestParameterError => (
                "Request parameter error",
                Some("Missing parameters, please check the required parameters"),
            ),
            Self::SystemBusinessError => (
                "System business error",
                Some(
                    "System business error, please contact the technical personnel to troubleshoot the issue",
                ),
            ),
            Self::PhoneNumberError => (
                "Phone number error",
                Some("Invalid phone number, please check the correctness of the number"),
            ),
            Self::CustomerAppUnavailable => (
                "Customer APP does not exist / Status is unavailable",
                Some(
                    "Application status exception, contact the business personnel to handle the creation/disabling of the cloud platform application",
                ),
            ),
            Self::CustomerAppWithoutQuotation => (
                "Customer APP does not have quotation",
                Some(
                    "Application quotation missing, contact the business personnel to handle the application quotation issue",
                ),
            ),
            Self::CustomerAppRoutesMissing => (
                "Missing customer APP routes",
                Some(
                    "Application routes missing, please contact the technical personnel to investigate the routes",
                ),
            ),
            Self::UnknownError => (
                "Unknown error",
                Some("Please contact the technical personnel to troubleshoot the issue"),
            ),
            Self::ViberSendError => (
                "Viber send error",
                Some("Viber official send failure error message"),
            ),
            Self::ViberMessageDelivered => (
                "Viber message has delivered",
                Some("Message has been delivered"),
            ),
            Self::ViberMessageSeen => ("Viber message has seen", Some("Message has been read")),
            Self::ViberMessageExpired => ("Viber message has expired", Some("Message has expired")),
            Self::SuperMessageSendError => ("Send error", None),
            Self::SuperMessageDelivered => ("Message has delivered", None),
            Self::SuperMessageUndelivered => ("Message has undelivered", None),
            Self::SuperMessageExpired => ("Message has expired", None),
            Self::ZaloMessageDelivered => ("Zalo message has delivered", None),
            Self::ZaloSendError => ("Zalo send error(Zalo account not existed)", None),
            Self::ZaloJourneyCharged => ("The journey begins to be charged", None),
            Self::ZaloJourneyExpired | Self::Other(_) => return None,
        };
        Some(row)
    }
}
