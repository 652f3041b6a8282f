//! The message receipt NXCloud posts to the `dr_webhook` URL.

use chrono::NaiveDateTime;

use super::{Cost, StatusCode};
use crate::Provider;
use crate::event::{self, DeliveryState};
use crate::timestamp::Timestamp;
use crate::wire::enums::string_enum;
use crate::wire::json::json_payload;
use crate::wire::object::wire_object;

string_enum! {
    /// "Receipt status": what became of a sent Viber message.
    pub enum ReceiptStatus {
        /// The message was sent (code 0, "Successfully sent."): the current document's
        /// first status, which the first document and the SaaS document do not list.
        Success = "success",
        /// The message could not be sent.
        Failed = "failed",
        /// The message reached the user's device.
        Delivered = "delivered",
        /// The user saw (read) the message.
        Seen = "seen",
        /// The message expired before it was delivered.
        Expired = "expired",
    }
}

wire_object! {
    /// A message receipt: "after sending a Viber message, receive a callback for the
    /// message status", posted to the `dr_webhook` URL.
    pub struct Receipt {
        /// "Receipt status".
        #[serde(rename = "status")]
        pub status: ReceiptStatus,
        /// "Message send request identifier": the id NXCloud gave the send request.
        #[serde(rename = "requestId")]
        pub request_id: String,
        /// "Status code".
        #[serde(rename = "code")]
        pub code: StatusCode,
        /// "Status code information", as sent (the table's text is
        /// [`StatusCode::message`]). Every sample has it; a receipt without it, or with
        /// `null`, is read.
        #[serde(rename = "message", default)]
        pub message: Option<String>,
        /// "Sending time", as NXCloud wrote it: a local time with no time zone. Some
        /// current samples leave it out.
        #[serde(rename = "sendTime", default, with = "crate::wire::time::date_time_seconds_option")]
        pub send_time: Option<NaiveDateTime>,
        /// "Cost information": what the message cost. The current documents show it on
        /// `success` and `delivered` receipts; it is read on any.
        #[serde(rename = "cost", default)]
        pub cost: Option<Cost>,
    }
}
json_payload!(Receipt, Provider::NxCloud, "receipt");

impl ReceiptStatus {
    /// The normalized state: `success` is Sent, `failed` Failed, `delivered` Delivered,
    /// `seen` Read, `expired` Expired, any other Unknown.
    pub fn delivery_state(&self) -> DeliveryState {
        match self {
            ReceiptStatus::Success => DeliveryState::Sent,
            ReceiptStatus::Failed => DeliveryState::Failed,
            ReceiptStatus::Delivered => DeliveryState::Delivered,
            ReceiptStatus::Seen => DeliveryState::Read,
            ReceiptStatus::Expired => DeliveryState::Expired,
            ReceiptStatus::Other(_) => DeliveryState::Unknown,
        }
    }
}

impl Receipt {
    /// The receipt as a normalized delivery report, with its cost (`originalPrice` in
    /// `currency`) when it has one. NXCloud's `code` and `message` travel as the error
    /// unless the receipt reports that the message was sent, delivered or read.
    pub fn event(&self) -> event::Delivery {
        let state = self.status.delivery_state();
        let error = (!matches!(
            state,
            DeliveryState::Sent | DeliveryState::Delivered | DeliveryState::Read
        ))
        .then(|| event::ProviderError {
            code: self.code.to_string(),
            message: self.message.clone(),
        });
        event::Delivery {
            provider: Provider::NxCloud,
            message_id: self.request_id.clone(),
            recipient: None,
            state,
            error,
            at: self.send_time.map(Timestamp::local),
            cost: self.cost.as_ref().map(Cost::event),
            counts: None,
            idempotency_key: event::idempotency_key(
                Provider::NxCloud,
                &self.request_id,
                state.as_str(),
            ),
        }
    }
}
