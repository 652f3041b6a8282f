//! The Super Message receipt NXCloud posts to the `dr_webhook` URL of a Super Message
//! (a message NXCloud sends through Viber or SMS).

use chrono::NaiveDateTime;

use super::receipt::delivery_report;
use super::{Cost, StatusCode};
use crate::event::Event;
use crate::event::{self, DeliveryState};
use crate::timestamp::Timestamp;
use crate::wire::enums::string_enum;
use crate::wire::kinds::json_payload;
use crate::wire::object::wire_object;
use crate::{Answer, Provider};

string_enum! {
    /// "Channel": the channel a Super Message went through (渠道: `SMS`, `VIBER`).
    pub enum Channel {
        /// SMS.
        Sms = "SMS",
        /// Viber.
        Viber = "VIBER",
    }
}

wire_object! {
    /// A Super Message receipt (the Chinese "Super-Message-API-webhook" page): what became
    /// of a Super Message on one channel. It has no `status`: its `code` says what became
    /// of the message (14003 to 14006, see [`delivery_state`](Self::delivery_state)).
    ///
    /// ```
    /// use provider_payloads::nxcloud::{Callback, Channel, StatusCode};
    /// use provider_payloads::event::DeliveryState;
    ///
    /// let body = br#"{"requestId":"62e6c4a55c79435aa2228ca0bd6b2671","phone":"86186XX10196",
    ///     "channel":"VIBER","code":14004,"message":"Viber message has delivered",
    ///     "sendTime":"2023-10-25 10:00:09",
    ///     "cost":{"currency":"CNY","localPrice":28.7172,"originalPrice":28.7172}}"#;
    /// let Callback::SuperMessageReceipt(receipt) = Callback::from_json(body)? else { panic!() };
    /// assert_eq!((receipt.channel.clone(), receipt.code), (Channel::Viber, StatusCode::SuperMessageDelivered));
    /// assert_eq!(receipt.delivery_state(), DeliveryState::Delivered);
    /// assert_eq!(receipt.delivery().idempotency_key, "nxcloud:62e6c4a55c79435aa2228ca0bd6b2671:VIBER:delivered");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct SuperMessageReceipt {
        /// The id NXCloud gave the send request.
        #[serde(rename = "requestId")]
        pub request_id: String,
        /// "Phone number with country code" (带国码的手机号码): the recipient.
        #[serde(rename = "phone")]
        pub phone: String,
        /// "Channel": the channel this receipt is for.
        #[serde(rename = "channel")]
        pub channel: Channel,
        /// The status code: 14003 to 14006.
        #[serde(rename = "code")]
        pub code: StatusCode,
        /// The code's message, as sent: the sample writes "Viber message has delivered"
        /// where the page's table says "Message has delivered"
        /// ([`StatusCode::message`]).
        #[serde(rename = "message", default)]
        pub message: Option<String>,
        /// The sending time, as NXCloud wrote it: a local time with no time zone.
        #[serde(rename = "sendTime", default, with = "crate::wire::time::date_time_seconds_option")]
        pub send_time: Option<NaiveDateTime>,
        /// What the message cost: `currency`, `localPrice` ("local price (CNY)") and
        /// `originalPrice`.
        #[serde(rename = "cost", default)]
        pub cost: Option<Cost>,
    }
}
json_payload!(
    SuperMessageReceipt,
    Provider::NxCloud,
    "Super Message receipt"
);

impl SuperMessageReceipt {
    /// The normalized state, from the code: 14003 "Send error" Failed, 14004 "Message has
    /// delivered" Delivered, 14005 "Message has undelivered" Failed, 14006 "Message has
    /// expired" Expired; any other code Unknown.
    pub fn delivery_state(&self) -> DeliveryState {
        match self.code {
            StatusCode::SuperMessageSendError | StatusCode::SuperMessageUndelivered => {
                DeliveryState::Failed
            }
            StatusCode::SuperMessageDelivered => DeliveryState::Delivered,
            StatusCode::SuperMessageExpired => DeliveryState::Expired,
            _ => DeliveryState::Unknown,
        }
    }

    /// The receipt as a normalized event: its [`delivery`](Self::delivery).
    pub fn event(&self) -> Option<Event> {
        Some(Event::Delivery(self.delivery()))
    }

    /// The HTTP answer NXCloud expects: 200 with an empty body ([`Answer::OK`]).
    pub fn answer(&self) -> Answer {
        Answer::OK
    }

    /// The receipt as a normalized delivery report to `phone`, at `sendTime`, with its
    /// cost (`originalPrice` in `currency`); `code` and `message` travel as the error
    /// unless it was delivered. The idempotency key names the channel too
    /// (`nxcloud:<requestId>:<channel>:<state>`): a Super Message that falls back from one
    /// channel to the other may report on each under one request id. An undocumented
    /// code names itself (`...:<channel>:unknown:<code>`).
    pub fn delivery(&self) -> event::Delivery {
        let key_id = format!("{}:{}", self.request_id, self.channel);
        event::Delivery {
            recipient: Some(self.phone.clone()),
            at: self.send_time.map(Timestamp::local),
            ..delivery_report(
                &self.request_id,
                &key_id,
                (self.delivery_state(), &self.code),
                Some(self.code),
                self.message.as_ref(),
                self.cost.as_ref(),
            )
        }
    }
}
