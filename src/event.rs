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
//! assert_eq!((payment.amount.to_string(), payment.currency.as_deref()), ("-100.50".to_owned(), Some("EUR")));
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
//! Each row says what an event claims and the provider's text it rests on: the seed
//! documents the crate was built from (NXCloud's "Message Callback Service", eSMS's
//! callback page, Wappin's API document, Viva's "Webhooks"), and the providers' current
//! pages, as `CURRENT_DOCS.md` beside the repository lists them (its section in
//! brackets: \[2.3\]). A value the table cannot place is `Unknown`, never a guess.
//!
//! | provider | payload | provider's value | event | rests on |
//! | --- | --- | --- | --- | --- |
//! | NXCloud | receipt | `status` `success` (code 0, "Successfully sent.") | [`Delivery`], [`DeliveryState::Sent`] | the current Viber webhook page: `success`, code 0 \[1.1, 1.3\] |
//! | NXCloud | receipt | `status` `failed` | [`Delivery`], [`DeliveryState::Failed`], with `code` and `message` as the error | seed: "Receipt status" `failed`, code 11000 "Viber send error" |
//! | NXCloud | receipt | `status` `delivered` | [`DeliveryState::Delivered`] | seed: `delivered`, 11001 "Viber message has delivered" |
//! | NXCloud | receipt | `status` `seen` | [`DeliveryState::Read`] | seed: `seen`, 11002 "Viber message has seen" |
//! | NXCloud | receipt | `status` `expired` | [`DeliveryState::Expired`], with `code` and `message` as the error | seed: `expired`, 11003 "Viber message has expired" |
//! | NXCloud | receipt | `status` `journey_acknowledged` (Zalo, 17006 "The journey begins to be charged") | [`DeliveryState::Accepted`]: the journey was taken and its charge began, which says nothing of a delivery; at its `timestamp` | the Zalo webhook page's sample |
//! | NXCloud | receipt | `status` `journey_time_out` (Zalo, 17007 "Journey expires") | [`DeliveryState::Expired`], with `code` and `message` as the error | the Zalo webhook page's status list |
//! | NXCloud | receipt | any other `status` | [`DeliveryState::Unknown`], with `code` and `message` | none: a status no page lists |
//! | NXCloud | receipt | `cost`, with any `status` | [`Delivery::cost`]: `originalPrice` in `currency` (`localPrice`, in yuan, stays in the payload) | the current pages: `cost` "displayed for delivered status", shown on `success` \[1.1, 1.2\] |
//! | NXCloud | Super Message receipt | `code` 14003 "Send error", 14005 "Message has undelivered" | [`DeliveryState::Failed`], to `phone`, with `code` and `message` as the error | the Super Message webhook page's code table \[1.4\] |
//! | NXCloud | Super Message receipt | `code` 14004 "Message has delivered" | [`DeliveryState::Delivered`] | the same table |
//! | NXCloud | Super Message receipt | `code` 14006 "Message has expired" | [`DeliveryState::Expired`], with `code` and `message` as the error | the same table |
//! | NXCloud | Super Message receipt | any other `code` | [`DeliveryState::Unknown`], with `code` and `message`; every Super Message key names the `channel` too (`nxcloud:<requestId>:VIBER:delivered`) | none: a code the table does not list |
//! | NXCloud | reply | text, media (or neither) | [`Inbound`]: [`InboundContent::Text`], [`InboundContent::Media`] (or [`InboundContent::Other`]) | seed: "Message Reply", text or media with `fileName` |
//! | NXCloud | SMS receipt (a form) | `status` 2 `DELIVRD` | [`DeliveryState::Delivered`], to `phone`, at `drtime`, with `price` times `size` in `currency` as its cost | the SMS callback page: "2: successful"; `price` "Unit Price", `size` "billing size" \[1.4\] |
//! | NXCloud | SMS receipt | `status` 5 `UNDELIV`, 8 `DELETED` | [`DeliveryState::Failed`], with `status` and `result` as the error | the same page: "Failure", "Delete" |
//! | NXCloud | SMS receipt | `status` 6 `REJECTD`, 9 `DND`, 10 `ESME_RINVDSTADR`, 11 `ESME_RINVSRCADR` | [`DeliveryState::Rejected`], with `status` and `result` as the error | the same page: "Reject", "Do Not Disturb", a wrong destination or source address |
//! | NXCloud | SMS receipt | `status` 7 `EXPIRED` | [`DeliveryState::Expired`], with `status` and `result` as the error | the same page: "Expired" |
//! | NXCloud | SMS receipt | `status` 12 `UNKNOWN`, and any other `status` | [`DeliveryState::Unknown`], with `status` and `result` as the error | the same page: "unknown, please contact us" |
//! | NXCloud | number check, legacy number check | any `code` | none: the result of a lookup, not a delivery | the number check page \[1.4\] |
//! | eSMS | callback | `SendStatus` 1 "Pending approval" | [`DeliveryState::Pending`] | seed's attribute table: "1: Pending approval" |
//! | eSMS | callback | `SendStatus` 2 "Waiting to send" | [`DeliveryState::Accepted`] | seed's attribute table: "2: Waiting to send" |
//! | eSMS | callback | `SendStatus` 4 "Reject" | [`DeliveryState::Rejected`] | seed's attribute table: "4: Reject" |
//! | eSMS | callback | `SendStatus` 5 "Sent Successfully", Zalo's `error_info.data.status` 0 ("sent to the Zalo server but not yet delivered to the phone") | [`DeliveryState::Sent`], not Delivered | GetZaloMessageStatus's table of `status` \[3.4\] |
//! | eSMS | callback | `SendStatus` 5, Zalo's `data.status` 1 ("delivered to the phone") | [`DeliveryState::Delivered`] | the same table |
//! | eSMS | callback | `SendStatus` 5, Zalo's `data.status` -1 ("the message does not exist"), or another | [`DeliveryState::Unknown`] | the same table |
//! | eSMS | callback | `SendStatus` 5, no Zalo status, `SendSuccess` > 0 | [`DeliveryState::Delivered`] (some may have failed: see the counts) | seed: 5 "Sent Successfully"; the current page: "check SendSuccess/SendFailed" \[3.1\] |
//! | eSMS | callback | `SendStatus` 5, no Zalo status, `SendSuccess` 0, `SendFailed` > 0 | [`DeliveryState::Failed`], with `error_info`'s error when there is one | the same |
//! | eSMS | callback | `SendStatus` 5, no Zalo status, no success and no failure counted | [`DeliveryState::Sent`] | the same |
//! | eSMS | callback | `SendStatus` 7 "Sent to the telco, waiting for the report" | [`DeliveryState::Sent`] | seed's attribute table: "7: Sent to the telco, waiting for the report" |
//! | eSMS | callback | any other `SendStatus` | [`DeliveryState::Unknown`] | none: a status no page lists |
//! | eSMS | GetCallback response, each record (a callback) | as the callback's | as the callback's ([`esms::Callback::event`](crate::esms::Callback::event)); the response itself carries none | GetCallback's page: its records are the callbacks \[3.5\] |
//! | Wappin | status callback | `status_messages` `sent`, `delivered`, `read`, `failed` | [`DeliveryState::Sent`], [`Delivered`](DeliveryState::Delivered), [`Read`](DeliveryState::Read), [`Failed`](DeliveryState::Failed) | seed, section 5: "sent, delivered, read, failed" |
//! | Wappin | status callback | any other status | [`DeliveryState::Unknown`] | none: a status the document does not list |
//! | Wappin | message callback | `message_content` | [`Inbound`], [`InboundContent::Text`] | seed, section 5: `callback_type` `message`, "hasil dari user chat" |
//! | Viva | message 1796 | `StatusId` `F`, `TransactionTypeId` a charge: 0, 5, 6, 9, 15, 16, and each method's charge 20, 23, 25, 27, 29, 34, 36, 38, 40, 42, 44, 48, 50, 52, 58, 60, 62, 66 | [`Payment`], [`PaymentKind::Captured`] | seed: "Create transaction" and its types 0-16; the transaction parameters page: `F` "completed successfully" \[2.3\]; the charges after 16: two SDKs \[2.4\] |
//! | Viva | message 1796 | `StatusId` `F`, `TransactionTypeId` 1 (card pre-authorization) | [`PaymentKind::Authorized`]: a hold, never a capture (its capture is a transaction of type 0) | the transaction parameters page: 1 "Authorization hold" \[2.4\] |
//! | Viva | message 1796 | `StatusId` `F`, `TransactionTypeId` 8, 19, 22, 31 (original credit, payout, cash disbursement, withdrawal) | [`PaymentKind::PaidOut`]: money going out, never a charge | two SDKs' names \[2.4\] |
//! | Viva | message 1796 | `StatusId` `F`, a refund or void `TransactionTypeId` (as 1797's) | [`PaymentKind::Refunded`], [`PaymentKind::Voided`] | seed: the types of "Cancel / refund transaction" |
//! | Viva | message 1796 | `StatusId` `F`, no `TransactionTypeId`, or one no table lists | [`PaymentKind::Unknown`]: a payment whose type is not said cannot be called a charge | seed: the charges are named by their type |
//! | Viva | message 1796, 1797 | `StatusId` `A` | [`PaymentKind::Pending`]: "in progress", not a capture | the transaction parameters page \[2.3\] |
//! | Viva | message 1796, 1797 | `StatusId` `E` | [`PaymentKind::Failed`]: "not completed because of an error" | the same page |
//! | Viva | message 1796 | `StatusId` `X` | [`PaymentKind::Voided`]: "cancelled by the merchant" | the same page |
//! | Viva | message 1796 | `StatusId` `R` | [`PaymentKind::Refunded`]: "fully or partially refunded"; the amount is the payment's (the refund comes as its own 1797) | the same page |
//! | Viva | message 1796 | `StatusId` `M`, `MA`, `MI`, `ML`, `MW`, `MS` | [`PaymentKind::Disputed`]: "disputed ... with the issuing Bank"; the status says where the dispute stands | the same page |
//! | Viva | message 1796 | `StatusId` `C`, `TransactionTypeId` 1 | [`PaymentKind::Authorized`]: "the original pre-auth, now captured"; the capture is a transaction of its own | two SDKs \[2.3\] |
//! | Viva | message 1796, 1797 | any other `StatusId` (`C` of another type, an undocumented one; on a 1797, `X`, `R`, `M`...) | [`PaymentKind::Unknown`] | none: a status the table cannot place |
//! | Viva | message 1797 | `StatusId` `F`, `TransactionTypeId` 7, 17 (voids) | [`PaymentKind::Voided`] | seed: "Cancel / refund transaction", 7 "Void Card Transaction", 17 "Void Cash" |
//! | Viva | message 1797 | `StatusId` `F`, `TransactionTypeId` 4, 11, 13, 18, and each method's refund: 21, 24, 26, 28, 30, 35, 37, 39, 41, 45, 49, 51, 53, 59, 61, 63, 67 | [`PaymentKind::Refunded`] | seed: 4, 11, 13; the transaction parameters page: 18; two SDKs: the others \[2.4\] |
//! | Viva | message 1797 | `StatusId` `F`, any other `TransactionTypeId`, or none | [`PaymentKind::Reversed`] | seed: 1797 is a cancellation or a refund |
//! | Viva | message 1798 (Transaction Failed) | any | [`PaymentKind::Failed`] (not final: a 1796 may follow) | the Transaction Failed page \[2.1, 2.5\] |
//! | Viva | message 1799 (Transaction Price Calculated) | any | [`Fee`] of `TotalCommission` (`None` when not sent) | its page: "a Viva commission has been withdrawn" \[2.1\] |
//! | Viva | message 1802 (POS ECR session created) | any | none: the payment comes as its own 1796, in units, where the session counts cents | its page \[2.5\] |
//! | Viva | message 1803 (POS ECR session failed) | any | none: the failure comes as its own 1798 | its page |
//! | Viva | message 768 (Command Bank Transfer Created) | any | [`Transfer`], [`TransferKind::Created`], to the IBAN | its page: "created, not yet executed" \[2.1\] |
//! | Viva | message 769 (Command Bank Transfer Executed) | any | [`Transfer`], [`TransferKind::Executed`] | its page |
//! | Viva | message 2054 (Account Transaction Created) | any | [`WalletTransaction`], its signed amount | its page: "any change in the wallet balance" |
//! | Viva | message 4865 (Order Updated) | `IsCancelled` true | [`Order`], [`OrderKind::Cancelled`] | its page: the order code "was cancelled" |
//! | Viva | message 4865 (Order Updated) | `IsCancelled` false, or absent | [`OrderKind::Updated`] | the same page: no cancellation said |
//! | Viva | message 8193 (Account Connected) | any | [`Account`], [`AccountKind::Connected`] | its page |
//! | Viva | message 8194 (Account Verification Status Changed) | `Verified` true, false | [`AccountKind::Verified`], [`AccountKind::Unverified`] | its page: "Verification status" |
//! | Viva | message 8448 (Transfer Created) | any | [`Transfer`], [`TransferKind::Created`], to the target wallet | its page |
//! | Viva | message 5632 (Obligation Created, no envelope) | any | none: deprecated; its transfers come as 8448 | its page: "obligations are now deprecated" |
//! | Viva | message 5633 (Obligation Captured, no envelope) | any | none: deprecated | the same |
//! | Viva | Sale Transactions (no envelope) | any | none: it reports a file | its page \[2.5\] |
//!
//! Payloads that report nothing that happened carry no event: API requests and responses,
//! acknowledgements, Wappin callbacks of other types, Viva messages of event types no one
//! lists, URL verification and the messages API.
//!
//! # Idempotency keys: one key per happening
//!
//! Every provider here retries its callbacks, so the same notification may come twice.
//! Every event has an [idempotency key](Event::idempotency_key): two deliveries of one
//! notification (a retry: the same body, or the body with only its retry fields, its
//! white space or its key order changed) give the same key, and two notifications of
//! different happenings never do. Keys are plain text, the same across processes,
//! platforms and versions (a digest is 64-bit FNV-1a, in 16 hex digits).
//!
//! A state reached once (a message delivered, a transaction captured) is keyed by the
//! thing's id and the state, so that a notification a second subscription sends for the
//! same happening is caught too. A state that can recur is keyed by what makes the
//! notification distinct as well. A state the mapping cannot place names the provider's
//! value (`...:unknown:clicked`), so that two such values are two states.
//!
//! | event | key | why |
//! | --- | --- | --- |
//! | NXCloud receipt | `nxcloud:<requestId>:<state>` | a message reaches each state once |
//! | NXCloud Super Message receipt | `nxcloud:<requestId>:<channel>:<state>` | each channel of one request reports on its own |
//! | NXCloud SMS receipt | `nxcloud:<messageid>:<state>` | "DR Only Push Once" |
//! | NXCloud reply | `nxcloud:<traceRequestId>:<phone>:<sendTime>:<digest>:inbound`, the digest of the reply's `text`, `media` and `fileName` | a user can reply to one message many times, and NXCloud gives a reply no id; without `sendTime`, two replies of the same content to the same message cannot be told from a retry |
//! | eSMS callback | `esms:<SMSID>:<phonenumber>:<state>` (`esms:<SMSID>:<state>` when it names no recipient) | one `SMSID` goes to several recipients, one callback each; each reaches each state once |
//! | Wappin status callback | `wappin:<message_id>:<state>` | a message reaches each state once |
//! | Wappin message callback | `wappin:<message_id>:<timestamp>:<digest>:inbound`, the digest of `sender_number` and `message_content` | a user writes many times, and the document does not say `message_id` is new for each |
//! | Viva transaction (1796, 1797, 1798) | `viva:<TransactionId>:<kind>` (for [`PaymentKind::Disputed`] and [`PaymentKind::Unknown`], `:<StatusId>` after it) | a transaction reaches each state once; a dispute moves through several statuses |
//! | Viva price calculated (1799) | `viva:<TransactionId>:fee:<MessageId>` | a commission can be calculated again |
//! | Viva order updated (4865) | `viva:<OrderCode>:<kind>:<MessageId>` | an order is updated many times |
//! | Viva verification changed (8194) | `viva:<ConnectedAccountId>:<kind>:<MessageId>` | verified, unverified, verified again are three changes |
//! | Viva account connected (8193) | `viva:<ConnectedAccountId>:connected` | connected once |
//! | Viva transfers (768, 769, 8448) | `viva:<CommandId or TransferId>:<kind>` | created once, executed once |
//! | Viva wallet transaction (2054) | `viva:<WalletTransactionId>:wallet_transaction` | one movement |
//!
//! Viva keeps a message's `MessageId` on a redelivery, and changes only `RetryCount`,
//! `Delay` and `RetryDelayInSeconds` (none is in a key). A body without `MessageId` (the
//! seed document's shape, a third party's test) puts in its place a digest of its
//! `Created`, which a retry keeps, and of what its data says: 1799 `TotalCommission`,
//! `IsvFee`, `Interchange`, `CurrencyCode`; 4865 `Amount`, `CurrencyCode`, `IsCancelled`,
//! `ExpirationDate`; 8194 nothing more (its `Verified` is in the kind). A body with
//! neither `MessageId` nor `Created` nor any of those has no such part: the same state
//! notified again cannot be told from a retry of it. A once-reached state does not name
//! the `MessageId`: two messages with two ids about one happening are one happening.

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
    /// A payment was captured, authorized, refunded, voided, disputed, paid out, or
    /// failed, or is in progress.
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

    /// A key that is the same each time the provider sends the same notification (its
    /// retries) and differs between notifications of different happenings:
    /// `provider:id:state`, and for a state that can recur what makes the notification
    /// distinct (the [module](self)'s table of keys says, per event, what its key is
    /// made of). Deduplicate on it before acting.
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
    /// What it cost, exact: as sent, or for NXCloud's SMS receipt its unit price times
    /// the parts billed; in the currency the provider names (eSMS names none: its
    /// prices are in its account's currency).
    pub cost: Option<Cost>,
    /// How many were sent, succeeded and failed, for a report on several recipients.
    pub counts: Option<DeliveryCounts>,
    /// `provider:message_id:state` (see the [module](self)'s table of keys: eSMS names
    /// the recipient, a Super Message its channel).
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
    /// `provider:...:inbound`, made of what tells one message from another: a user
    /// writes many times, so the key holds the message's time and a digest of its
    /// content beside its ids (NXCloud: the request it answers and the sender, as
    /// NXCloud gives a reply no id of its own).
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
    /// What a payment event says happened: only what the provider's values say (the
    /// mapping table of the [module](self) gives each).
    pub enum PaymentKind {
        /// A charge completed: money was taken (Viva: a charge type whose `StatusId` is
        /// `F`, "completed successfully").
        Captured = "captured",
        /// An amount was authorized and held on the card, not taken (a pre-authorization:
        /// Viva's "Authorization hold"). The capture, if it comes, is an event of its own.
        Authorized = "authorized",
        /// The transaction is in progress (Viva's `StatusId` `A`): nothing to act on yet.
        Pending = "pending",
        /// A payment was refunded, in part or whole.
        Refunded = "refunded",
        /// A payment was cancelled before it settled.
        Voided = "voided",
        /// A payment was cancelled or refunded, of a type the provider's document does not
        /// list.
        Reversed = "reversed",
        /// A transaction (a payment, or a refund) was attempted and failed.
        Failed = "failed",
        /// The cardholder disputed the payment with the issuing bank; the payment's
        /// [status](Payment::status) says where the dispute stands.
        Disputed = "disputed",
        /// Money was paid out (to a card, or in cash): an original credit, a payout, a
        /// cash disbursement, a withdrawal. Never a charge.
        PaidOut = "paid_out",
        /// What the provider reported cannot be placed: an undocumented type or status,
        /// or no type at all. Not a capture, nor anything else; the payload has what
        /// was sent.
        Unknown = "unknown",
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
    /// The amount, exact as sent: negative for a refund's or a void's own transaction
    /// (Viva's 1797); a payment's own amount where its status says it was refunded or
    /// voided since (a 1796 of `StatusId` `R` or `X`).
    #[serde(with = "crate::wire::decimal::number")]
    pub amount: Decimal,
    /// The currency, when sent: its ISO 4217 alphabetic code where known (`EUR`), else
    /// its numeric code.
    pub currency: Option<String>,
    /// The provider's status of the transaction (Viva `StatusId`: `F`, `E`).
    pub status: Option<String>,
    /// When the transaction was made, as the provider wrote it.
    pub at: Option<Timestamp>,
    /// `provider:transaction_id:kind`; for [`PaymentKind::Disputed`] and
    /// [`PaymentKind::Unknown`], whose kind covers several statuses, the status too
    /// (`viva:<id>:disputed:MA`).
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
    /// The fee in all, exact as sent, when sent.
    #[serde(default, with = "crate::wire::decimal::number_option")]
    pub amount: Option<Decimal>,
    /// The currency, as [`Payment::currency`] writes it, when sent.
    pub currency: Option<String>,
    /// `provider:transaction_id:fee:` and what tells this calculation from another of
    /// the same transaction (Viva's `MessageId`).
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
    /// `provider:order_code:kind:` and what tells this update from another of the same
    /// order (Viva's `MessageId`).
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
    /// `provider:account_id:connected`; for a change of verification, which can recur,
    /// `provider:account_id:kind:` and what tells this change from another (Viva's
    /// `MessageId`).
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
    /// The currency, as [`Payment::currency`] writes it, when sent.
    pub currency: Option<String>,
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
    /// The currency, as [`Payment::currency`] writes it, when sent.
    pub currency: Option<String>,
    /// What the provider says it was, when it says.
    pub description: Option<String>,
    /// When, as the provider wrote it.
    pub at: Option<Timestamp>,
    /// `provider:transaction_id:wallet_transaction`.
    pub idempotency_key: String,
}

/// The key `provider:id:state`.
pub(crate) fn idempotency_key(provider: Provider, id: &str, state: &str) -> String {
    key_of(provider, &[id, state])
}

/// The key of `provider` made of `parts`, each after a `:` (`nxcloud:<id>:<channel>:delivered`).
pub(crate) fn key_of(provider: Provider, parts: &[&str]) -> String {
    let provider = provider.as_str();
    let length = parts.iter().fold(provider.len(), |length, part| {
        length.saturating_add(part.len()).saturating_add(1)
    });
    let mut key = String::with_capacity(length);
    key.push_str(provider);
    for part in parts {
        key.push(':');
        key.push_str(part);
    }
    key
}

/// The part of a key that names a state: its name (`delivered`); for a state the
/// mapping cannot place (`unknown`), the name and the provider's own value
/// (`unknown:clicked`), so that two values it cannot place are two states, not one.
pub(crate) fn state_part(name: &str, unknown: bool, value: impl std::fmt::Display) -> String {
    if unknown {
        format!("{name}:{value}")
    } else {
        name.to_owned()
    }
}

/// A digest of `fields`, in 16 hex digits, for the part of a key that tells apart
/// notifications with no id of their own: each field absent or its text, so that an
/// absent field differs from an empty one and `("ab", "c")` from `("a", "bc")`. Stable
/// across processes, platforms and versions ([`content_digest`]).
pub(crate) fn fields_digest(fields: &[Option<&str>]) -> String {
    let mut bytes = Vec::new();
    for field in fields {
        match field {
            None => bytes.push(0),
            Some(text) => {
                bytes.push(1);
                bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
                bytes.extend_from_slice(text.as_bytes());
            }
        }
    }
    format!("{:016x}", content_digest(&bytes))
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

    #[test]
    fn a_fields_digest_tells_absent_from_empty_and_where_a_field_ends() {
        let digests = [
            fields_digest(&[]),
            fields_digest(&[None]),
            fields_digest(&[Some("")]),
            fields_digest(&[Some("ab"), Some("c")]),
            fields_digest(&[Some("a"), Some("bc")]),
            fields_digest(&[Some("a"), None]),
            fields_digest(&[None, Some("a")]),
        ];
        for (i, a) in digests.iter().enumerate() {
            assert_eq!(a.len(), 16, "{a}");
            for b in &digests[i + 1..] {
                assert_ne!(a, b);
            }
        }
        // Fixed across versions: a key stored today matches tomorrow's.
        assert_eq!(fields_digest(&[Some("a")]), "e4981b2632418b44");
    }

    #[test]
    fn a_key_joins_its_parts_after_the_provider() {
        assert_eq!(key_of(Provider::Viva, &["t", "fee", "m"]), "viva:t:fee:m");
        assert_eq!(idempotency_key(Provider::Esms, "s", "sent"), "esms:s:sent");
        assert_eq!(state_part("unknown", true, "clicked"), "unknown:clicked");
        assert_eq!(state_part("read", false, "seen"), "read");
    }
}
