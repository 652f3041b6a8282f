//! The message receipt NXCloud posts to the `dr_webhook` URL: Viber's, and Zalo's in the
//! same shape with Zalo's fields beside it.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::{Cost, StatusCode, ZaloResponse};
use crate::event::Event;
use crate::event::{self, DeliveryState};
use crate::timestamp::Timestamp;
use crate::wire::enums::string_enum;
use crate::wire::kinds::json_payload;
use crate::wire::object::wire_object;
use crate::{Answer, Provider};

string_enum! {
    /// "Receipt status": what became of a sent Viber or Zalo message.
    pub enum ReceiptStatus {
        /// The message was sent (code 0, "Successfully sent."): the current documents'
        /// first status, which the first Viber document and the SaaS one do not list.
        Success = "success",
        /// The message could not be sent.
        Failed = "failed",
        /// The message reached the user's device.
        Delivered = "delivered",
        /// The user saw (read) the message. Viber only.
        Seen = "seen",
        /// The message expired before it was delivered. Viber only.
        Expired = "expired",
        /// Zalo: "The journey begins to be charged" (code 17006): a Zalo journey (a
        /// series of messages sent for one charge) was taken and its charge began.
        JourneyAcknowledged = "journey_acknowledged",
        /// Zalo: "Journey expires" (code 17007): the journey's time ran out.
        JourneyTimeOut = "journey_time_out",
    }
}

wire_object! {
    /// A message receipt: "after sending a Viber message, receive a callback for the
    /// message status", posted to the `dr_webhook` URL. Zalo's receipts come to the same
    /// URL in the same shape, with the Zalo fields (`ext`, `zaloRes`, and for a journey
    /// `oaId`, `journeyId`, `appId`, `timestamp`), which a Viber receipt leaves out.
    ///
    /// ```
    /// use provider_payloads::nxcloud::{Receipt, ReceiptStatus, StatusCode};
    /// use provider_payloads::event::DeliveryState;
    ///
    /// let receipt = Receipt::from_json(br#"{"status":"expired",
    ///     "requestId":"f6a7d49946094857ae02812969a83056","code":11003,
    ///     "message":"Viber message has expired","sendTime":"2023-07-13 15:12:11"}"#)?;
    /// assert_eq!(receipt.status, ReceiptStatus::Expired);
    /// assert_eq!(receipt.status.delivery_state(), DeliveryState::Expired);
    /// assert_eq!(receipt.code, Some(StatusCode::ViberMessageExpired));
    /// assert_eq!(receipt.message.as_deref(), Some("Viber message has expired"));
    /// // A local time, as NXCloud wrote it: it names no zone.
    /// assert_eq!(receipt.send_time.unwrap().to_string(), "2023-07-13 15:12:11");
    /// assert!(receipt.cost.is_none() && receipt.zalo_res.is_none());
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct Receipt {
        /// "Receipt status".
        #[serde(rename = "status")]
        pub status: ReceiptStatus,
        /// "Message send request identifier": the id NXCloud gave the send request.
        #[serde(rename = "requestId")]
        pub request_id: String,
        /// "Status code". Every sample has it; a receipt without it is read (its
        /// `status` says what became of the message).
        #[serde(rename = "code", default)]
        pub code: Option<StatusCode>,
        /// "Status code information", as sent (the table's text is
        /// [`StatusCode::message`]). Every sample has it; a receipt without it, or with
        /// `null`, is read.
        #[serde(rename = "message", default, skip_serializing_if = "Option::is_none")]
        pub message: Option<String>,
        /// "Sending time", as NXCloud wrote it: a local time with no time zone. Some
        /// current samples leave it out (Zalo's `journey_acknowledged` has `timestamp`
        /// instead).
        #[serde(rename = "sendTime", default, skip_serializing_if = "Option::is_none", with = "crate::wire::time::date_time_seconds_option")]
        pub send_time: Option<NaiveDateTime>,
        /// "Cost information": what the message cost. The current documents show it on
        /// `success` and `delivered` receipts (Zalo's on `journey_acknowledged` too); it
        /// is read on any.
        #[serde(rename = "cost", default, skip_serializing_if = "Option::is_none")]
        pub cost: Option<Cost>,
        /// Zalo: "Optional", the pass-through field of the send request, "returned as it
        /// was" in `success`, `failed`, `delivered` and `journey_acknowledged` receipts.
        #[serde(rename = "ext", default, skip_serializing_if = "Option::is_none")]
        pub ext: Option<String>,
        /// Zalo: Zalo's own answer to the send, in the `success` and `failed` samples
        /// (no document describes it: see [`ZaloResponse`]). Boxed: only Zalo sends it,
        /// and inline it would double the size of every receipt.
        #[serde(rename = "zaloRes", default, skip_serializing_if = "Option::is_none")]
        pub zalo_res: Option<Box<ZaloResponse>>,
        /// Zalo journey: the Zalo Official Account that sent it.
        #[serde(rename = "oaId", default, skip_serializing_if = "Option::is_none")]
        pub oa_id: Option<String>,
        /// Zalo journey: the journey's id.
        #[serde(rename = "journeyId", default, skip_serializing_if = "Option::is_none")]
        pub journey_id: Option<String>,
        /// Zalo journey: the application's id.
        #[serde(rename = "appId", default, skip_serializing_if = "Option::is_none")]
        pub app_id: Option<String>,
        /// Zalo journey: when, as unix milliseconds in a string (`"1720602861913"`),
        /// read as a UTC time and written back as the same string. The
        /// `journey_acknowledged` sample has it in place of `sendTime`.
        #[serde(rename = "timestamp", default, skip_serializing_if = "Option::is_none", with = "crate::wire::time::unix_millis_option")]
        pub timestamp: Option<DateTime<Utc>>,
    }
}
json_payload!(Receipt, Provider::NxCloud, "receipt");

impl ReceiptStatus {
    /// The normalized state: `success` is Sent, `failed` Failed, `delivered` Delivered,
    /// `seen` Read, `expired` Expired; Zalo's `journey_acknowledged` Accepted (the
    /// journey was taken and its charge began; nothing is said of a delivery) and
    /// `journey_time_out` Expired; any other Unknown.
    pub fn delivery_state(&self) -> DeliveryState {
        match self {
            ReceiptStatus::Success => DeliveryState::Sent,
            ReceiptStatus::Failed => DeliveryState::Failed,
            ReceiptStatus::Delivered => DeliveryState::Delivered,
            ReceiptStatus::Seen => DeliveryState::Read,
            ReceiptStatus::Expired | ReceiptStatus::JourneyTimeOut => DeliveryState::Expired,
            ReceiptStatus::JourneyAcknowledged => DeliveryState::Accepted,
            ReceiptStatus::Other(_) => DeliveryState::Unknown,
        }
    }
}

impl Receipt {
    /// The receipt as a normalized event: its [`delivery`](Self::delivery).
    pub fn event(&self) -> Option<Event> {
        Some(Event::Delivery(self.delivery()))
    }

    /// The HTTP answer NXCloud expects: 200 with an empty body ([`Answer::OK`]).
    pub fn answer(&self) -> Answer {
        Answer::OK
    }

    /// The receipt as a normalized delivery report, with its cost (`originalPrice` in
    /// `currency`) when it has one, at `sendTime` (or a journey's `timestamp`). NXCloud's
    /// `code` and `message` travel as the error unless the receipt reports that the
    /// message was taken, sent, delivered or read. A message reaches each state once:
    /// the key is `nxcloud:<requestId>:<state>` (an undocumented status names itself:
    /// `nxcloud:<requestId>:unknown:<status>`).
    pub fn delivery(&self) -> event::Delivery {
        let at = match (self.send_time, self.timestamp) {
            (Some(send_time), _) => Some(Timestamp::local(send_time)),
            (None, timestamp) => timestamp.map(Timestamp::utc),
        };
        event::Delivery {
            at,
            ..delivery_report(
                &self.request_id,
                &self.request_id,
                (self.status.delivery_state(), &self.status),
                self.code,
                self.message.as_ref(),
                self.cost.as_ref(),
            )
        }
    }
}

/// NXCloud's report on the message of `request_id` in `state`, with no recipient and no
/// time (the caller's to give), keyed by `key_id` and the state (an `Unknown` state by
/// the provider's `value` too): NXCloud's `code` and `message` travel as the error
/// unless the state says the message was taken, sent, delivered or read, and the cost as
/// `originalPrice` in `currency`.
pub(super) fn delivery_report(
    request_id: &str,
    key_id: &str,
    (state, value): (DeliveryState, &dyn std::fmt::Display),
    code: Option<StatusCode>,
    message: Option<&String>,
    cost: Option<&Cost>,
) -> event::Delivery {
    let went_through = matches!(
        state,
        DeliveryState::Accepted
            | DeliveryState::Sent
            | DeliveryState::Delivered
            | DeliveryState::Read
    );
    event::Delivery {
        provider: Provider::NxCloud,
        message_id: request_id.to_owned(),
        recipient: None,
        state,
        error: code
            .filter(|_| !went_through)
            .map(|code| event::ProviderError {
                code: code.to_string(),
                message: message.cloned(),
            }),
        at: None,
        cost: cost.map(Cost::event),
        counts: None,
        idempotency_key: event::idempotency_key(
            Provider::NxCloud,
            key_id,
            &event::state_part(state.as_str(), state == DeliveryState::Unknown, value),
        ),
    }
}
