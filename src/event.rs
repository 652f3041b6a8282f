//! One model of what happened, across providers: a message's delivery changed, someone
//! wrote in, money moved (a payment, a fee, a transfer, a wallet's balance), an order
//! changed, or an account was connected or verified.
//! [`Payload::event`](crate::Payload::event) gives it.
//!
//! ```
//! use provider_payloads::{Event, Provider, parse};
//! use provider_payloads::event::PaymentKind;
//!
//! // Viva's "Cancel / refund transaction" (1797) sample, cut short.
//! let body = br#"{"EventData":{"Amount":-100.50,"CurrencyCode":978,
//!     "InsDate":"2014-06-18T14:20:30.45+03:00","MerchantId":"90a7114f-3a7a-466b-8a45-000111222666",
//!     "OrderCode":776027772607,"StatusId":"F","TransactionId":"90a7114f-3a7a-466b-8a45-000111222888",
//!     "TransactionTypeId":7},"EventTypeId":1797,"Created":"2014-06-18T14:20:30.45+03:00"}"#;
//! let Some(Event::Payment(payment)) = parse(body, "")?.event() else { panic!() };
//! assert_eq!((payment.provider, payment.kind), (Provider::Viva, PaymentKind::Voided));
//! assert_eq!((payment.amount.to_string(), payment.currency.as_str()), ("-100.50".to_owned(), "EUR"));
//! assert_eq!(payment.order_code.as_deref(), Some("776027772607"));
//! assert_eq!(payment.idempotency_key, "viva:90a7114f-3a7a-466b-8a45-000111222888:voided");
//!
//! // Written as JSON (to a queue, a log), the amount keeps its digits.
//! let json = serde_json::to_string(&Event::Payment(payment)).unwrap();
//! assert!(json.starts_with(r#"{"event":"payment","provider":"viva","kind":"voided","#));
//! assert!(json.contains(r#""amount":-100.50,"currency":"EUR""#));
//! # Ok::<(), provider_payloads::Error>(())
//! ```
//!
//! # How each provider's values map
//!
//! | provider | payload | provider's value | event |
//! | --- | --- | --- | --- |
//! | NXCloud | receipt | `status` `success` (code 0, "Successfully sent.") | [`Delivery`], [`DeliveryState::Sent`] |
//! | NXCloud | receipt | `status` `failed` | [`Delivery`], [`DeliveryState::Failed`], with `code` and `message` as the error |
//! | NXCloud | receipt | `status` `delivered` | [`DeliveryState::Delivered`] |
//! | NXCloud | receipt | `status` `seen` | [`DeliveryState::Read`] |
//! | NXCloud | receipt | `status` `expired` | [`DeliveryState::Expired`], with `code` and `message` as the error |
//! | NXCloud | receipt | `status` `journey_acknowledged` (Zalo, 17006 "The journey begins to be charged") | [`DeliveryState::Accepted`]: the journey was taken and its charge began, which says nothing of a delivery; at its `timestamp` |
//! | NXCloud | receipt | `status` `journey_time_out` (Zalo, 17007 "Journey expires") | [`DeliveryState::Expired`], with `code` and `message` as the error |
//! | NXCloud | receipt | any other `status` | [`DeliveryState::Unknown`], with `code` and `message` |
//! | NXCloud | receipt | `cost`, with any `status` | [`Delivery::cost`]: `originalPrice` in `currency` (`localPrice`, in yuan, stays in the payload) |
//! | NXCloud | Super Message receipt | `code` 14003 "Send error", 14005 "Message has undelivered" | [`DeliveryState::Failed`], to `phone`, with `code` and `message` as the error |
//! | NXCloud | Super Message receipt | `code` 14004 "Message has delivered" | [`DeliveryState::Delivered`] |
//! | NXCloud | Super Message receipt | `code` 14006 "Message has expired" | [`DeliveryState::Expired`], with `code` and `message` as the error |
//! | NXCloud | Super Message receipt | any other `code` | [`DeliveryState::Unknown`], with `code` and `message`; every Super Message key names the `channel` too (`nxcloud:<requestId>:VIBER:delivered`) |
//! | NXCloud | reply | text, media (or neither) | [`Inbound`]: [`InboundContent::Text`], [`InboundContent::Media`] (or [`InboundContent::Other`]) |
//! | NXCloud | SMS receipt (a form) | `status` 2 `DELIVRD` | [`DeliveryState::Delivered`], to `phone`, at `drtime`, with `price` (the unit price) in `currency` as its cost |
//! | NXCloud | SMS receipt | `status` 5 `UNDELIV`, 8 `DELETED` | [`DeliveryState::Failed`], with `status` and `result` as the error |
//! | NXCloud | SMS receipt | `status` 6 `REJECTD`, 9 `DND`, 10 `ESME_RINVDSTADR`, 11 `ESME_RINVSRCADR` | [`DeliveryState::Rejected`], with `status` and `result` as the error |
//! | NXCloud | SMS receipt | `status` 7 `EXPIRED` | [`DeliveryState::Expired`], with `status` and `result` as the error |
//! | NXCloud | SMS receipt | `status` 12 `UNKNOWN`, and any other `status` | [`DeliveryState::Unknown`], with `status` and `result` as the error |
//! | NXCloud | number check, legacy number check | any `code` | none: the result of a lookup, not a delivery |
//! | eSMS | callback | `SendStatus` 1 "Pending approval" | [`DeliveryState::Pending`] |
//! | eSMS | callback | `SendStatus` 2 "Waiting to send" | [`DeliveryState::Accepted`] |
//! | eSMS | callback | `SendStatus` 4 "Reject" | [`DeliveryState::Rejected`] |
//! | eSMS | callback | `SendStatus` 5 "Sent Successfully", `SendSuccess` > 0 | [`DeliveryState::Delivered`] (some may have failed: see the counts) |
//! | eSMS | callback | `SendStatus` 5, `SendSuccess` 0, `SendFailed` > 0 | [`DeliveryState::Failed`], with `error_info`'s error when there is one |
//! | eSMS | callback | `SendStatus` 5, no success and no failure counted | [`DeliveryState::Sent`] |
//! | eSMS | callback | `SendStatus` 7 "Sent to the telco, waiting for the report" | [`DeliveryState::Sent`] |
//! | eSMS | callback | any other `SendStatus` | [`DeliveryState::Unknown`] |
//! | eSMS | GetCallback response, each record (a callback) | as the callback's | as the callback's ([`esms::Callback::event`](crate::esms::Callback::event)); the response itself carries none |
//! | Wappin | status callback | `status_messages` `sent`, `delivered`, `read`, `failed` | [`DeliveryState::Sent`], [`Delivered`](DeliveryState::Delivered), [`Read`](DeliveryState::Read), [`Failed`](DeliveryState::Failed) |
//! | Wappin | status callback | any other status | [`DeliveryState::Unknown`] |
//! | Wappin | message callback | `message_content` | [`Inbound`], [`InboundContent::Text`] |
//! | Viva | message 1796 | any `TransactionTypeId` (the charges: 0, 1, 5, 6, 8, 9, 15, 16, 19, 20, 22, 23, 25, 27, 29, 31, 34, 36, 38, 40, 42, 44, 48, 50, 52, 58, 60, 62, 66) | [`Payment`], [`PaymentKind::Captured`] |
//! | Viva | message 1797 | `TransactionTypeId` 7, 17 (voids) | [`PaymentKind::Voided`] |
//! | Viva | message 1797 | `TransactionTypeId` 4, 11, 13, 18, and each method's refund: 21, 24, 26, 28, 30, 35, 37, 39, 41, 45, 49, 51, 53, 59, 61, 63, 67 | [`PaymentKind::Refunded`] |
//! | Viva | message 1797 | any other `TransactionTypeId` | [`PaymentKind::Reversed`] |
//! | Viva | message 1798 (Transaction Failed) | any | [`PaymentKind::Failed`] (not final: a 1796 may follow) |
//! | Viva | message 1799 (Transaction Price Calculated) | any | [`Fee`] of `TotalCommission` |
//! | Viva | message 1802 (POS ECR session created) | any | none: the payment comes as its own 1796, in units, where the session counts cents |
//! | Viva | message 1803 (POS ECR session failed) | any | none: the failure comes as its own 1798 |
//! | Viva | message 768 (Command Bank Transfer Created) | any | [`Transfer`], [`TransferKind::Created`], to the IBAN |
//! | Viva | message 769 (Command Bank Transfer Executed) | any | [`Transfer`], [`TransferKind::Executed`] |
//! | Viva | message 2054 (Account Transaction Created) | any | [`WalletTransaction`], its signed amount |
//! | Viva | message 4865 (Order Updated) | `IsCancelled` true | [`Order`], [`OrderKind::Cancelled`] |
//! | Viva | message 4865 (Order Updated) | `IsCancelled` false | [`OrderKind::Updated`] |
//! | Viva | message 8193 (Account Connected) | any | [`Account`], [`AccountKind::Connected`] |
//! | Viva | message 8194 (Account Verification Status Changed) | `Verified` true, false | [`AccountKind::Verified`], [`AccountKind::Unverified`] |
//! | Viva | message 8448 (Transfer Created) | any | [`Transfer`], [`TransferKind::Created`], to the target wallet |
//! | Viva | message 5632 (Obligation Created, no envelope) | any | none: deprecated; its transfers come as 8448 |
//! | Viva | message 5633 (Obligation Captured, no envelope) | any | none: deprecated |
//! | Viva | Sale Transactions (no envelope) | any | none: it reports a file |
//!
//! Payloads that report nothing that happened carry no event: API requests and responses,
//! acknowledgements, Wappin callbacks of other types, Viva messages of event types no one
//! lists, URL verification and the messages API.
//!
//! Every event has an [idempotency key](Event::idempotency_key): the provider, the id of
//! the message or transaction, and the state, since every provider here retries its
//! callbacks and the same event may come twice.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::Provider;
use crate::timestamp::Timestamp;
use crate::wire::time::deserialize_text;

/// Declares a closed set of kinds, each with the name events are written with: the
/// enum, its `as_str`, its `Serialize` and its `Deserialize` (by name).
macro_rules! named {
    (
        $(#[doc = $doc:expr])*
        pub enum $name:ident {
            $($(#[doc = $variant_doc:expr])* $variant:ident = $text:literal,)*
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[doc = $variant_doc])* $variant,)*
        }

        impl $name {
            #[doc = concat!("The name events are written with: ", $("`", $text, "` ",)* ".")]
            pub fn as_str(&self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl Serialize for $name {
            /// Its [name](Self::as_str).
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            /// Its [name](Self::as_str).
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserialize_text(
                    deserializer,
                    concat!("one of", $(" `", $text, "`",)*),
                    |name| match name {
                        $($text => Some($name::$variant),)*
                        _ => None,
                    },
                )
            }
        }
    };
}

/// What a payload says happened.
///
/// Match on the variant for what you act on; every event has its
/// [provider](Self::provider), its [kind](Self::kind) and an
/// [idempotency key](Self::idempotency_key) to deduplicate the provider's retries on.
///
/// ```
/// use provider_payloads::{Event, Provider, parse};
/// use provider_payloads::event::InboundContent;
///
/// // A Viber user's reply, as NXCloud posts it to `message_webhook`.
/// let body = br#"{"phone":"791xxxxx30","appkey":"TexxxP6",
///     "traceRequestId":"ae2c8ff7a4ee408398cf220e3fc1c199",
///     "message":{"text":"text test"},"sendTime":"2023-07-17 14:40:50"}"#;
/// let event = parse(body, "")?.event().unwrap();
/// assert_eq!((event.provider(), event.kind()), (Provider::NxCloud, "inbound"));
/// // NXCloud gives a reply no id: its key is made of the message it answers, the sender,
/// // the time and a digest of the content.
/// assert!(event.idempotency_key().starts_with("nxcloud:ae2c8ff7a4ee408398cf220e3fc1c199:791xxxxx30:"));
/// match event {
///     Event::Inbound(message) => {
///         assert_eq!(message.from.as_deref(), Some("791xxxxx30"));
///         assert_eq!(message.in_reply_to.as_deref(), Some("ae2c8ff7a4ee408398cf220e3fc1c199"));
///         assert_eq!(message.content, InboundContent::Text { text: "text test".into() });
///     }
///     Event::Delivery(report) => println!("{} is {}", report.message_id, report.state.as_str()),
///     other => println!("{} {}", other.kind(), other.idempotency_key()),
/// }
/// # Ok::<(), provider_payloads::Error>(())
/// ```
///
/// Written as JSON, it is one object whose `event` field names its kind (`delivery`,
/// `payment`, ...: [`kind`](Self::kind)), beside the fields of that kind; read back
/// (from JSON, with `serde_json`), it is the same event, amounts with the digits they had.
///
/// ```
/// use provider_payloads::Event;
///
/// let payload = provider_payloads::parse(b"", "SMSID=m1&SendStatus=5&SendSuccess=1&TotalPrice=470.0000")?;
/// let event = payload.event().unwrap();
/// let queued = serde_json::to_string(&event).unwrap();
/// assert!(queued.starts_with(r#"{"event":"delivery","provider":"esms","message_id":"m1""#));
/// let read: Event = serde_json::from_str(&queued).unwrap();
/// assert_eq!(read, event);
/// # Ok::<(), provider_payloads::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    /// A sent message's delivery changed.
    Delivery(Delivery),
    /// Someone wrote to you.
    Inbound(Inbound),
    /// A payment was made, refunded, voided, or failed.
    Payment(Payment),
    /// A fee was taken for a payment (Viva's commission).
    Fee(Fee),
    /// An order (a request for payment) changed: it was cancelled.
    Order(Order),
    /// An account was connected to yours, or its verification changed.
    Account(Account),
    /// Money was sent between wallets, or out to a bank account.
    Transfer(Transfer),
    /// A wallet's balance changed.
    WalletTransaction(WalletTransaction),
}

impl<'de> Deserialize<'de> for Event {
    /// Reads an event as [`Serialize`] writes it: a JSON object whose `event` field
    /// (anywhere among its fields) names its kind. The object is read whole as JSON
    /// first, so that amounts keep their digits (`100.50` is not read through a float).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// The `event` field alone.
        #[derive(Deserialize)]
        struct Tag<'a> {
            #[serde(borrow)]
            event: Cow<'a, str>,
        }
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let json = raw.get();
        let tag: Tag<'_> = serde_json::from_str(json).map_err(de::Error::custom)?;
        let event = match &*tag.event {
            "delivery" => serde_json::from_str(json).map(Event::Delivery),
            "inbound" => serde_json::from_str(json).map(Event::Inbound),
            "payment" => serde_json::from_str(json).map(Event::Payment),
            "fee" => serde_json::from_str(json).map(Event::Fee),
            "order" => serde_json::from_str(json).map(Event::Order),
            "account" => serde_json::from_str(json).map(Event::Account),
            "transfer" => serde_json::from_str(json).map(Event::Transfer),
            "wallet_transaction" => serde_json::from_str(json).map(Event::WalletTransaction),
            other => return Err(de::Error::unknown_variant(other, Event::KINDS)),
        };
        event.map_err(de::Error::custom)
    }
}

impl Event {
    /// Every kind's name, as [`kind`](Self::kind) gives it.
    const KINDS: &'static [&'static str] = &[
        "delivery",
        "inbound",
        "payment",
        "fee",
        "order",
        "account",
        "transfer",
        "wallet_transaction",
    ];

    /// The provider that reported it.
    pub fn provider(&self) -> Provider {
        self.parts().0
    }

    /// A key that is the same each time the provider sends the same event (its retries)
    /// and differs between events: `provider:id:state`.
    pub fn idempotency_key(&self) -> &str {
        self.parts().1
    }

    /// What kind of event it is, as events are written (their `event` field):
    /// `delivery`, `inbound`, `payment`, `fee`, `order`, `account`, `transfer`,
    /// `wallet_transaction`.
    ///
    /// ```
    /// let payload = provider_payloads::parse(b"", "SMSID=m1&SendStatus=5&SendSuccess=1&SendFailed=0")?;
    /// assert_eq!(payload.event().unwrap().kind(), "delivery");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub fn kind(&self) -> &'static str {
        self.parts().2
    }

    /// The provider, the idempotency key and the kind's name, from the variant.
    fn parts(&self) -> (Provider, &str, &'static str) {
        match self {
            Event::Delivery(e) => (e.provider, &e.idempotency_key, "delivery"),
            Event::Inbound(e) => (e.provider, &e.idempotency_key, "inbound"),
            Event::Payment(e) => (e.provider, &e.idempotency_key, "payment"),
            Event::Fee(e) => (e.provider, &e.idempotency_key, "fee"),
            Event::Order(e) => (e.provider, &e.idempotency_key, "order"),
            Event::Account(e) => (e.provider, &e.idempotency_key, "account"),
            Event::Transfer(e) => (e.provider, &e.idempotency_key, "transfer"),
            Event::WalletTransaction(e) => (e.provider, &e.idempotency_key, "wallet_transaction"),
        }
    }
}

named! {
    /// Where a sent message stands.
    pub enum DeliveryState {
        /// The provider took it and will send it.
        Accepted = "accepted",
        /// It waits (for approval, for sending).
        Pending = "pending",
        /// It left the provider (to the network or the app); no report yet.
        Sent = "sent",
        /// It reached the recipient.
        Delivered = "delivered",
        /// The recipient read it.
        Read = "read",
        /// It could not be delivered.
        Failed = "failed",
        /// It was not delivered in time.
        Expired = "expired",
        /// The provider refused it.
        Rejected = "rejected",
        /// A state the provider's document does not describe.
        Unknown = "unknown",
    }
}

/// A delivery report: what became of a message you sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Delivery {
    /// Who reported it.
    pub provider: Provider,
    /// The provider's id of the message (or of the send request).
    pub message_id: String,
    /// The recipient, when the provider names one.
    pub recipient: Option<String>,
    /// Where the message stands.
    pub state: DeliveryState,
    /// The provider's code and message, when it gives one with the report.
    pub error: Option<ProviderError>,
    /// When, as the provider wrote it.
    pub at: Option<Timestamp>,
    /// What it cost, exactly as sent, in the currency the provider names (eSMS names
    /// none: its prices are in its account's currency).
    pub cost: Option<Cost>,
    /// How many were sent, succeeded and failed, for a report on several recipients.
    pub counts: Option<DeliveryCounts>,
    /// `provider:message_id:state`.
    pub idempotency_key: String,
}

/// What a message cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cost {
    /// The amount, exact as sent.
    #[serde(with = "crate::wire::decimal::number")]
    pub amount: Decimal,
    /// Its currency, as the provider writes it (`USD`), when it names one.
    pub currency: Option<String>,
}

impl Cost {
    /// An amount in a currency, or in none named.
    pub fn new(amount: Decimal, currency: Option<String>) -> Cost {
        Cost { amount, currency }
    }
}

/// The counts of a report on several recipients (eSMS).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeliveryCounts {
    /// Recipients.
    pub receivers: Option<u64>,
    /// Messages sent.
    pub sent: Option<u64>,
    /// Messages that succeeded.
    pub succeeded: Option<u64>,
    /// Messages that failed.
    pub failed: Option<u64>,
}

/// A provider's own code and message, carried with the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProviderError {
    /// The code, as the provider writes it (`11000`, `-114`).
    pub code: String,
    /// Its message, when there is one.
    pub message: Option<String>,
}

/// A message someone sent you.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Inbound {
    /// Who passed it on.
    pub provider: Provider,
    /// The provider's id of the message, when it gives one.
    pub message_id: Option<String>,
    /// The sender: a phone number or the provider's user id, when the provider names one.
    pub from: Option<String>,
    /// What they sent.
    pub content: InboundContent,
    /// The id of your message this answers, when the provider says.
    pub in_reply_to: Option<String>,
    /// When, as the provider wrote it.
    pub at: Option<Timestamp>,
    /// `provider:id:inbound`. Where the provider gives the message no id (NXCloud), the
    /// id is made of what identifies it: the request it answers, the sender, the time,
    /// and a digest of its content, so that two messages sent in the same second differ.
    pub idempotency_key: String,
}

/// The content of an [`Inbound`] message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum InboundContent {
    /// Text.
    Text {
        /// The text.
        text: String,
    },
    /// A file.
    Media {
        /// Where to fetch it, as sent.
        url: String,
        /// Its name, when sent.
        file_name: Option<String>,
    },
    /// Content the provider's document does not describe; the payload holds it.
    Other,
}

named! {
    /// What a payment event did.
    pub enum PaymentKind {
        /// A payment was made (charged, captured).
        Captured = "captured",
        /// A payment was refunded, in part or whole.
        Refunded = "refunded",
        /// A payment was cancelled before it settled.
        Voided = "voided",
        /// A payment was cancelled or refunded, of a type the provider's document does not
        /// list.
        Reversed = "reversed",
        /// A payment was attempted and failed.
        Failed = "failed",
    }
}

/// A payment event: money moved, or was meant to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Payment {
    /// Who reported it.
    pub provider: Provider,
    /// What happened.
    pub kind: PaymentKind,
    /// The provider's id of the transaction.
    pub transaction_id: String,
    /// The order the payment is for, as the provider numbers it.
    pub order_code: Option<String>,
    /// The amount, exact as sent: negative for refunds and voids.
    #[serde(with = "crate::wire::decimal::number")]
    pub amount: Decimal,
    /// The currency: its ISO 4217 alphabetic code where known (`EUR`), else its numeric
    /// code.
    pub currency: String,
    /// The provider's status of the transaction (Viva `StatusId`: `F`, `E`).
    pub status: Option<String>,
    /// When the transaction was made, as the provider wrote it.
    pub at: Option<Timestamp>,
    /// `provider:transaction_id:kind`.
    pub idempotency_key: String,
}

/// A fee taken for a payment: Viva's commission on a transaction ("Transaction Price
/// Calculated", 1799).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Fee {
    /// Who reported it.
    pub provider: Provider,
    /// The provider's id of the transaction the fee is for.
    pub transaction_id: String,
    /// The order the transaction paid, as the provider numbers it.
    pub order_code: Option<String>,
    /// The fee in all, exact as sent.
    #[serde(with = "crate::wire::decimal::number")]
    pub amount: Decimal,
    /// The currency, as [`Payment::currency`] writes it.
    pub currency: String,
    /// `provider:transaction_id:fee`.
    pub idempotency_key: String,
}

named! {
    /// What became of an order.
    pub enum OrderKind {
        /// It was cancelled: it can no longer be paid.
        Cancelled = "cancelled",
        /// It changed otherwise.
        Updated = "updated",
    }
}

/// An order, a request for payment, changed (Viva's "Order Updated", 4865).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Order {
    /// Who reported it.
    pub provider: Provider,
    /// What became of it.
    pub kind: OrderKind,
    /// The order, as the provider numbers it.
    pub order_code: String,
    /// The amount it asks for, exact as sent, when sent.
    #[serde(default, with = "crate::wire::decimal::number_option")]
    pub amount: Option<Decimal>,
    /// The currency, as [`Payment::currency`] writes it, when sent.
    pub currency: Option<String>,
    /// `provider:order_code:kind`.
    pub idempotency_key: String,
}

named! {
    /// What happened to an account.
    pub enum AccountKind {
        /// It was connected to your platform's account.
        Connected = "connected",
        /// It was verified.
        Verified = "verified",
        /// Its verification was withdrawn, or it is not verified.
        Unverified = "unverified",
    }
}

/// An account connected to yours, or its verification changed (Viva's Marketplace and
/// ISV: "Account Connected", 8193; "Account Verification Status Changed", 8194).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Account {
    /// Who reported it.
    pub provider: Provider,
    /// What happened.
    pub kind: AccountKind,
    /// The provider's id of the connected account.
    pub account_id: String,
    /// The provider's id of its owner (the person or merchant), when sent.
    pub person_id: Option<String>,
    /// `provider:account_id:kind`.
    pub idempotency_key: String,
}

named! {
    /// What a transfer event says.
    pub enum TransferKind {
        /// It was created: it may not have been executed yet.
        Created = "created",
        /// It was executed: the money left.
        Executed = "executed",
    }
}

/// Money sent between wallets or out to a bank account (Viva's "Transfer Created", 8448;
/// "Command Bank Transfer Created" and "Executed", 768 and 769).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Transfer {
    /// Who reported it.
    pub provider: Provider,
    /// What happened.
    pub kind: TransferKind,
    /// The provider's id of the transfer.
    pub transfer_id: String,
    /// Where the money goes: a wallet's id or a bank account's IBAN, when sent.
    pub to: Option<String>,
    /// The amount, exact as sent.
    #[serde(with = "crate::wire::decimal::number")]
    pub amount: Decimal,
    /// The currency, as [`Payment::currency`] writes it.
    pub currency: String,
    /// When, as the provider wrote it.
    pub at: Option<Timestamp>,
    /// `provider:transfer_id:kind`.
    pub idempotency_key: String,
}

/// A wallet's balance changed (Viva's "Account Transaction Created", 2054).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WalletTransaction {
    /// Who reported it.
    pub provider: Provider,
    /// The provider's id of the wallet transaction.
    pub transaction_id: String,
    /// The wallet, when sent.
    pub wallet_id: Option<String>,
    /// The signed amount, exact as sent: negative when money left the wallet.
    #[serde(with = "crate::wire::decimal::number")]
    pub amount: Decimal,
    /// The currency, as [`Payment::currency`] writes it.
    pub currency: String,
    /// What the provider says it was, when it says.
    pub description: Option<String>,
    /// When, as the provider wrote it.
    pub at: Option<Timestamp>,
    /// `provider:transaction_id:wallet_transaction`.
    pub idempotency_key: String,
}

/// The key `provider:id:state`.
pub(crate) fn idempotency_key(provider: Provider, id: &str, state: &str) -> String {
    format!("{provider}:{id}:{state}")
}

/// A digest of `bytes` that stays the same across processes, platforms and versions
/// (64-bit FNV-1a), for an id made of a message's content. Not for secrets.
pub(crate) fn content_digest(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_digest_is_fnv_1a() {
        // The published FNV-1a 64 test values.
        assert_eq!(content_digest(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(content_digest(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(content_digest(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
