//! "Sale Transactions" (`SaleTransactionsFileGenerated`): the notification of Viva's Data
//! Services that a file of sale transactions is ready. A subscription of its own, posted
//! with no envelope and no `EventTypeId`, and the one notification Viva signs
//! ([`SubscriptionSecret`](super::SubscriptionSecret)).

use crate::Answer;
use crate::event::Event;
use crate::timestamp::Timestamp;
use crate::wire::object::wire_object;

wire_object! {
    /// A Sale Transactions notification: where to download the file, and until when.
    /// No event: it reports a file, not a payment. Only `Link`, the file to fetch, is
    /// required.
    ///
    /// ```
    /// use provider_payloads::viva::SaleTransactionsFile;
    ///
    /// let body = br#"{"Text":"Download file from: https://api.vivapayments.com/f","Link":"https://api.vivapayments.com/f",
    ///                 "Authorized":true,"ExpirationDate":"2022-07-08T01:09:06.239 +00:00","FileType":".csv"}"#;
    /// let file = SaleTransactionsFile::from_json(body)?;
    /// assert_eq!(file.link, "https://api.vivapayments.com/f");
    /// // The offset after a space is kept as it came.
    /// assert_eq!(file.expiration_date.unwrap().to_string(), "2022-07-08T01:09:06.239 +00:00");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct SaleTransactionsFile {
        /// The notification in words (`Download file from: <link>`).
        #[serde(rename = "Text", default)]
        pub text: Option<String>,
        /// Where to download the file (`https://api.vivapayments.com/dataservices/v1/FileRequests/File/...`).
        #[serde(rename = "Link")]
        pub link: String,
        /// Whether the request for the file was authorized.
        #[serde(rename = "Authorized", default)]
        pub authorized: Option<bool>,
        /// When the link expires, as written (`2022-07-08T01:09:06.239 +00:00`, a space
        /// before the offset).
        #[serde(rename = "ExpirationDate", default)]
        pub expiration_date: Option<Timestamp>,
        /// The file's type (`.csv`).
        #[serde(rename = "FileType", default)]
        pub file_type: Option<String>,
    }
}
crate::wire::kinds::json_payload!(
    SaleTransactionsFile,
    crate::Provider::Viva,
    "sale transactions file"
);

impl SaleTransactionsFile {
    /// `None`: it reports a file, not a payment.
    pub fn event(&self) -> Option<Event> {
        None
    }

    /// The HTTP answer Viva expects: 200 with an empty body ([`Answer::OK`]); "if you
    /// respond with http status 200" it does not retry.
    pub fn answer(&self) -> Answer {
        Answer::OK
    }
}
