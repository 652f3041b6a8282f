//! Viva Wallet webhooks: the messages Viva posts, their transaction data, the webhook
//! messages API, URL verification, the addresses Viva sends from and its retry policy.
//!
//! | what | type |
//! | --- | --- |
//! | the message Viva posts ("objects of type `Message<TransactionEventData>`") | [`Webhook`] (by `EventTypeId`), [`Message`] |
//! | its event data: transactions (1796, 1797, 1798), price calculated (1799), ECR sessions (1802, 1803) | [`TransactionEventData`], [`TransactionPriceCalculated`], [`PosEcrSession`] |
//! | wallets: account transactions (2054), bank transfers (768, 769) | [`AccountTransactionCreated`], [`CommandBankTransfer`] |
//! | orders (4865); platforms: account connected (8193), verification changed (8194), transfers (8448) | [`OrderUpdated`], [`AccountConnected`], [`AccountVerificationStatusChanged`], [`TransferCreated`] |
//! | bodies with no envelope: obligations (5632, 5633, deprecated), Sale Transactions files | [`Obligation`], [`SaleTransactionsFile`] |
//! | the event and transaction types, transaction statuses | [`EventTypeId`], [`TransactionTypeId`] ([`TransactionTable`]), [`StatusId`] |
//! | "List messages" | [`ListMessages`] (query), answered with [`MessageList`] of [`MessageSummary`] |
//! | "Get message details by ID" | [`message_details_path`], answered with [`MessageDetails`] ([`Delivery`]) |
//! | "Attempt to redeliver a message" | [`redeliver_path`] |
//! | "Webhook URL verification" | [`Verification`] (`{"Key": "..."}`), an ISV's [`IsvVerification`] (`{"key": "..."}`) |
//! | the source addresses and ranges, the retry policies | [`is_webhook_source`] ([`SourceRange`]), [`RETRY_POLICY`], [`SALE_TRANSACTIONS_RETRY_POLICY`] |
//! | the signature of signed notifications (Sale Transactions) | [`SubscriptionSecret`] (`Viva-Signature-256`) |
//!
//! Amounts are exact decimals from the digits sent (`100.50` stays `100.50`, negative for
//! refunds), times ([`Timestamp`]) keep their decimals and their offset as written, and
//! `CurrencyCode` is read as a number or a string of digits ([`Currency`]).
//! [`Payload::from_json`] tells any of these bodies apart.
//!
//! **Authenticity.** What can be checked of a Viva request, and what
//! [`http::Policy`](crate::http::Policy) checks by default:
//!
//! - the address it comes from, among those Viva publishes ([`is_webhook_source`]):
//!   checked by default (Production's);
//! - the `Viva-Signature-256` of a Sale Transactions notification
//!   ([`SubscriptionSecret::verify`]): checked only once you set the subscription's
//!   secret. Viva signs nothing else: no webhook message (a payment, an order, a
//!   transfer, ...) carries a signature;
//! - its URL verification, a `GET` before Viva uses a new URL: answered with your key
//!   ([`Verification`]), from any address (the key proves to Viva that the URL is
//!   yours; it proves nothing to you).
//!
//! A webhook message is thus vouched for by its address alone: keep the URL secret, and
//! treat a message as a claim to confirm against Viva's API before you ship goods.
//!
//! # What a body must have
//!
//! A field is required only where the body cannot be identified or acted on without
//! it: the ids that name the thing, its state, and a money event's amount. A refused
//! webhook is answered 400, retried 24 times, then lost; so every other field is an
//! `Option`, written back absent when it came absent, and a body that lacks a required
//! one is refused with an error that names it.
//!
//! | body | required | why |
//! | --- | --- | --- |
//! | every webhook message | `EventTypeId`, `EventData` | which event, and its data |
//! | transactions (1796, 1797, 1798) | `TransactionId`, `StatusId`, `Amount`, `OrderCode` | the transaction; where it stands ("check the StatusId" before updating a transaction's status); the money; the order it pays, by which a payment is acted on |
//! | price calculated (1799) | `TransactionId` | the transaction the commission is for (a third party's body has no `TotalCommission`: the fee's amount is then `None`) |
//! | ECR sessions (1802, 1803) | `SessionId`, `TerminalId`, `Success`, `Amount` | Viva's page: "confirm the payment result with the combination of SessionId and TerminalId ... then check the Success parameter ... and the Amount" |
//! | account transactions (2054) | `WalletTransactionId`, `Amount` | the movement and the money |
//! | bank transfers (768, 769), transfers (8448) | `CommandId` or `TransferId`, `Amount` | the transfer and the money |
//! | orders (4865) | `OrderCode` | the order; no `IsCancelled` says no cancellation |
//! | account connected (8193) | `ConnectedAccountId` | the account |
//! | verification changed (8194) | `ConnectedAccountId`, `Verified` | the account and its state |
//! | obligations (5632, 5633, deprecated) | `ObligationId`, `Amount` | the obligation and the money |
//! | Sale Transactions | `Link` | the file to fetch |
//! | URL verification | `Key` (an ISV's `key`) | the key is the answer |
//! | messages API | `messageId`, `eventTypeId`, `responseStatus`; the details' `deliveries`, each with `deliveryId` and `responseStatus` | the message, its event, how its delivery ended |
//!
//! A row of a table of kinds ([`Webhook`], [`Payload`]) requires only keys of these,
//! those that tell its kind apart.
//!
//! # Viva's current documentation, and what of it is typed
//!
//! Beyond the seed document, from Viva's current pages (developer.viva.com, its mirror,
//! developer.vivawallet.com) and, where marked, third-party SDKs (sebdesign, stadem,
//! Naaikho, sakee). A third party's fact is typed where a second independent source
//! agrees, and kept (as `Other`, or as an unknown field) where none does.
//!
//! | what | how it stands |
//! | --- | --- |
//! | event types 768, 769, 1796-1799, 1802, 1803, 2054, 4865, 5632, 5633, 8193, 8194, 8448 | typed: [`EventTypeId`], each with its data type and a [`Webhook`] row; any other id is `Other` with its data kept raw |
//! | Sale Transactions (`SaleTransactionsFileGenerated`) | typed: [`SaleTransactionsFile`], told by its keys (it has no `EventTypeId`; the ids 0 and 7936 third parties give it are not typed: one is a placeholder, the other unconfirmed) |
//! | the envelope: `Url`, `Created`, `CorrelationId`, `Delay`, `RetryCount`, `RetryDelayInSeconds`, `MessageId`, `RecipientId`, `MessageTypeId` | typed on [`Message`] (`Delay` kept as sent: third parties disagree on its type); `RetryDelay` (one third party's stubs) is kept as an unknown field |
//! | `StatusId` F, A, E, X, R, M, MA, MI, ML, MW, MS; C | typed: [`StatusId`] (C from two SDKs) |
//! | `TransactionTypeId` | typed: Viva's names and those two SDKs agree on ([`TransactionTypeId`]); 32 (they disagree), 54-57, 64, 65, 68-81 (one names them) are `Other` |
//! | 1796/1797/1798 data: some 60 more keys (`Moto`, `BinId`, ..., `BatchId`, the `Dcc*` keys) | typed: [`TransactionEventData`] |
//! | 1799, 1802/1803, 2054, 4865, 768/769, 8193, 8194, 8448, 5632/5633 data | typed: each its type; 768/769 and 1802/1803 as far as every copy of their samples goes (the rest would be unknown fields); 2054's `SubTypeId` as an integer (its table was in no copy) |
//! | success: any 2xx; 24 attempts (1 + 23), hourly; Sale Transactions: 5 hours | typed: [`RetryPolicy::is_success`], [`RETRY_POLICY`], [`SALE_TRANSACTIONS_RETRY_POLICY`] |
//! | response timeout of about 5 s (one third party) | left out: one source, and nothing to read |
//! | source addresses and ranges, production and demo (four third parties copy the same list; Viva's setup page adds five demo addresses) | typed: [`PRODUCTION_WEBHOOK_SOURCES`], [`DEMO_WEBHOOK_SOURCES`], [`is_webhook_source`] |
//! | merchant verification `{"Key"}`; ISV verification `{"key"}` (two third parties) | typed: [`Verification`], [`IsvVerification`] |
//! | `Viva-Signature-256` (HMAC-SHA256 of the body) | typed: [`SubscriptionSecret`] |
//! | `Viva-Signature` (HMAC-SHA1), `Viva-Delivery-Id`, `Viva-Event` | left out: the SHA-256 signature comes beside the SHA-1 one, which would take a dependency for a weaker check; the other two are headers, read by your HTTP stack |
//! | the Data Services subscription request `{url, secret, events}` (third parties) | left out: a request you send once, with no sample |
//!
//! ```
//! use provider_payloads::viva::{Environment, Webhook, is_webhook_source, RETRY_POLICY};
//! use rust_decimal::Decimal;
//!
//! # let peer: std::net::IpAddr = "51.138.37.238".parse().unwrap();
//! # let body = br#"{"EventData":{"Amount":-100.50,"CurrencyCode":978,"InsDate":"2014-06-18T14:20:30.45+03:00",
//! #   "MerchantId":"m","OrderCode":776027772607,"StatusId":"F","TransactionId":"t","TransactionTypeId":7},
//! #   "EventTypeId":1797,"Created":"2014-06-18T14:20:30.45+03:00"}"#;
//! assert!(is_webhook_source(peer, Environment::Production));
//! let Webhook::Transaction(message) = Webhook::from_json(body)? else {
//!     return Ok(()); // another event: answer 200 and keep it if you want it
//! };
//! let refund = &message.event_data;
//! assert_eq!(refund.amount, Decimal::new(-10050, 2));
//! assert_eq!(refund.transaction_type_id.unwrap().description(), Some("Void Card Transaction"));
//! // Deduplicate on the transaction until the last retry may have come.
//! let _keep_until = message
//!     .created
//!     .and_then(|created| created.with_offset())
//!     .and_then(|created| RETRY_POLICY.retries_until(created));
//! # Ok::<(), provider_payloads::Error>(())
//! ```

mod currency;
mod delivery;
mod message;
mod messages;
mod order;
mod platform;
mod sale_transactions;
mod signature;
mod transaction;
mod types;
mod wallet;
mod webhook;

pub use crate::timestamp::{Timestamp, TimestampError};
pub use currency::Currency;
pub use delivery::{
    DEMO_WEBHOOK_SOURCES, Environment, IsvVerification, PRODUCTION_WEBHOOK_SOURCES, RETRY_POLICY,
    RetryPolicy, SALE_TRANSACTIONS_RETRY_POLICY, SourceRange, Verification, is_webhook_source,
};
pub use message::Message;
pub use messages::{
    Delivery, ListMessages, MESSAGES_PATH, MessageDetails, MessageList, MessageSummary,
    ResponseStatus, message_details_path, redeliver_path,
};
pub use order::OrderUpdated;
pub use platform::{AccountConnected, AccountVerificationStatusChanged, TransferCreated};
pub use sale_transactions::SaleTransactionsFile;
pub use signature::{SIGNATURE_256_HEADER, SignatureError, SubscriptionSecret};
pub use transaction::{PosEcrSession, TransactionEventData, TransactionPriceCalculated};
pub use types::{EventTypeId, StatusId, TransactionTable, TransactionTypeId};
pub use wallet::{AccountTransactionCreated, CommandBankTransfer, Obligation};
pub use webhook::Webhook;

use crate::event::Event;
use crate::wire::detect::Table;
use crate::wire::kinds::{Kind, Kinds, kinds, read_detected};
use crate::wire::no_kind::Reader;
use crate::{Answer, Error, Provider};

kinds! {
    /// Any Viva body, told apart by its shape: what [`Payload::from_json`] returns.
    ///
    /// ```
    /// use provider_payloads::viva::{EventTypeId, Payload, ResponseStatus, Webhook};
    ///
    /// // The "List messages" answer: an array.
    /// let list = Payload::from_json(br#"[{"messageId":"uuid","eventTypeId":1796,
    ///     "created ":"2024-06-10T06:55:08.3492636Z","responseStatus":1,"statusCode":200,
    ///     "delivered":"2024-06-10T06:55:09.1276553Z","nextRetry":null,"url":"string"}]"#)?;
    /// let Payload::MessageList(list) = list else { panic!() };
    /// let message = &list.0[0];
    /// assert_eq!(message.event_type_id, EventTypeId::TransactionPaymentCreated);
    /// assert_eq!(message.response_status, ResponseStatus::Success);
    /// assert_eq!(message.status_code, Some(200));
    ///
    /// // The URL verification's key, and a webhook message, by their keys.
    /// let key = Payload::from_json(br#"{"Key":"B3248222FDCD1885AEAFE51CCC1B5607F00903F6"}"#)?;
    /// assert!(matches!(key, Payload::Verification(_)));
    /// let message = Payload::from_json(br#"{"EventData":{"Amount":10.00,"OrderCode":6727479629472606,
    ///     "IsCancelled":true,"CurrencyCode":"978"},"EventTypeId":4865,
    ///     "Created":"2023-10-11T15:15:56.2625208Z"}"#)?;
    /// assert!(matches!(message, Payload::Webhook(Webhook::OrderUpdated(_))));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub enum Payload for Provider::Viva, "payload", read by Payload::read_json {
        /// The URL verification answer (`Key`).
        Verification(Verification) requires ["Key"],
        /// An ISV's URL verification answer (`key`, lowercase).
        IsvVerification(IsvVerification) requires ["key"],
        /// The "Get message details by ID" answer.
        MessageDetails(MessageDetails) requires ["messageId", "eventTypeId", "responseStatus", "deliveries"],
        /// "Obligation Created" (5632) or "Captured" (5633), deprecated, posted with no
        /// envelope.
        Obligation(Obligation) requires ["ObligationId"],
        /// "Sale Transactions": a file of sale transactions is ready (Data Services,
        /// posted with no envelope).
        SaleTransactionsFile(SaleTransactionsFile) requires ["Link"],
    }
    also {
        /// A webhook message (its table: [`Webhook`]).
        Webhook(Webhook),
        /// The "List messages" answer (an array).
        MessageList(MessageList),
    }
    delegate {
        /// What happened: a webhook message's event ([`Webhook::event`]); `None` for the
        /// bodies with no envelope (obligations, deprecated; Sale Transactions, a file),
        /// URL verification and the messages API's answers.
        of [Webhook, Obligation, SaleTransactionsFile]
        pub fn event(&self) -> Option<Event>;
        /// The HTTP answer Viva expects: to a notification it posts (a webhook message, an
        /// obligation, Sale Transactions), 200 with an empty body; to its URL verification
        /// (a `GET`), the key, 200 with `{"Key":"..."}` ([`Verification::answer`]; an ISV's
        /// `{"key":"..."}`). `None` for the messages API's answers, which you do not
        /// answer.
        of [Webhook, Obligation, SaleTransactionsFile, Verification, IsvVerification]
        pub fn answer(&self) -> Option<Answer>;
    }
}

impl Payload {
    /// Reads any Viva body by its shape: an array is a message list; an object is told
    /// by its keys among the webhook messages' table ([`Webhook`]) and the other bodies'.
    fn read_json(body: &[u8]) -> Result<Self, Error> {
        static TABLES: [&Table<Payload>; 2] = [
            &<Webhook as Kinds<Payload>>::TABLE,
            &<Payload as Kinds<Payload>>::TABLE,
        ];
        let reader = Reader::of(&<Payload as Kinds<Payload>>::TABLE);
        if body.trim_ascii_start().starts_with(b"[") {
            return MessageList::read(body)
                .map(Payload::MessageList)
                .map_err(|err| reader.own(err));
        }
        read_detected(&TABLES, reader, body, |_, row| (row.read)(body))
    }
}

impl From<Webhook> for Payload {
    fn from(message: Webhook) -> Self {
        Payload::Webhook(message)
    }
}
