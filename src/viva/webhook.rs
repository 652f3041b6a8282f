//! [`Webhook`]: the table of Viva's webhook messages, which reads a message's event data
//! as the type its `EventTypeId` names.

use super::message::Message;
use super::order::OrderUpdated;
use super::platform::{AccountConnected, AccountVerificationStatusChanged, TransferCreated};
use super::transaction::{PosEcrSession, TransactionEventData, TransactionPriceCalculated};
use super::types::EventTypeId;
use super::wallet::{AccountTransactionCreated, CommandBankTransfer};
use crate::event::Event;
use crate::raw_json::RawJson;
use crate::timestamp::Timestamp;
use crate::wire::detect::Tag;
use crate::wire::kinds::kinds;
use crate::{Answer, Provider};

kinds! {
    /// A webhook message with its event data read as the type its `EventTypeId` names:
    /// the table of Viva's webhook messages, what [`Webhook::from_json`] returns.
    ///
    /// ```
    /// use provider_payloads::viva::{EventTypeId, Webhook};
    /// use provider_payloads::rust_decimal::Decimal;
    ///
    /// let body = br#"{"EventData":{"Amount":100.50,"CurrencyCode":978,
    ///     "InsDate":"2014-06-18T14:20:30.45+03:00","MerchantId":"m","OrderCode":776027772607,
    ///     "StatusId":"F","TransactionId":"t","TransactionTypeId":5},
    ///     "EventTypeId":1796,"Created":"2014-06-18T14:20:30.45+03:00"}"#;
    /// match Webhook::from_json(body)? {
    ///     Webhook::Transaction(message) => {
    ///         assert_eq!(message.event_type_id, EventTypeId::TransactionPaymentCreated);
    ///         assert_eq!(message.event_data.amount, Decimal::new(10050, 2));
    ///         assert_eq!(message.event_data.currency_code.unwrap().alphabetic(), Some("EUR"));
    ///     }
    ///     Webhook::Other(message) => println!("event {} kept raw", message.event_type_id),
    ///     _ => {}
    /// }
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    #[allow(
        clippy::large_enum_variant,
        reason = "`Other` is the size of the other payloads (240 bytes); a box would cost an allocation and save no move"
    )]
    pub enum Webhook for Provider::Viva, "webhook message" {
        /// A transaction event: 1796 (created), 1797 (cancelled or refunded), 1798
        /// (failed).
        ///
        /// Boxed: its data has some eighty fields, and a box costs less than moving them
        /// through every enum that holds a webhook.
        Transaction(Box<Message<TransactionEventData>>) requires ["EventTypeId", "EventData"]
            where Tag::Codes("EventTypeId", &[1796, 1797, 1798]),
        /// "Transaction Price Calculated" (1799).
        PriceCalculated(Message<TransactionPriceCalculated>) requires ["EventTypeId", "EventData"]
            where Tag::Codes("EventTypeId", &[1799]),
        /// "Transaction Pos Ecr Session Created" (1802) or "Failed" (1803).
        PosEcrSession(Box<Message<PosEcrSession>>) requires ["EventTypeId", "EventData"]
            where Tag::Codes("EventTypeId", &[1802, 1803]),
        /// "Command Bank Transfer Created" (768) or "Executed" (769).
        CommandBankTransfer(Box<Message<CommandBankTransfer>>) requires ["EventTypeId", "EventData"]
            where Tag::Codes("EventTypeId", &[768, 769]),
        /// "Account Transaction Created" (2054).
        AccountTransaction(Box<Message<AccountTransactionCreated>>) requires ["EventTypeId", "EventData"]
            where Tag::Codes("EventTypeId", &[2054]),
        /// "Order Updated" (4865).
        OrderUpdated(Box<Message<OrderUpdated>>) requires ["EventTypeId", "EventData"]
            where Tag::Codes("EventTypeId", &[4865]),
        /// "Account Connected" (8193).
        AccountConnected(Message<AccountConnected>) requires ["EventTypeId", "EventData"]
            where Tag::Codes("EventTypeId", &[8193]),
        /// "Account Verification Status Changed" (8194).
        AccountVerificationStatusChanged(Message<AccountVerificationStatusChanged>) requires ["EventTypeId", "EventData"]
            where Tag::Codes("EventTypeId", &[8194]),
        /// "Transfer Created" (8448).
        TransferCreated(Box<Message<TransferCreated>>) requires ["EventTypeId", "EventData"]
            where Tag::Codes("EventTypeId", &[8448]),
        /// Any other event (an id no one has listed), its data kept as it came.
        Other(Message<RawJson>) requires ["EventTypeId", "EventData"]
            where Tag::Otherwise("EventTypeId"),
    }
    delegate {
        /// Which event the message reports.
        pub fn event_type_id(&self) -> EventTypeId;
        /// When Viva created the message, if it says.
        pub fn created(&self) -> Option<&Timestamp>;
        /// What happened, in the one model of every provider (the
        /// [`event`](crate::event) module has the mapping); `None` for an event that
        /// reports none of it.
        pub fn event(&self) -> Option<Event>;
        /// The HTTP answer Viva expects: 200 with an empty body ([`Answer::OK`]).
        pub fn answer(&self) -> Answer;
    }
}

impl Message<RawJson> {
    /// Nothing: the data of an event no one has listed is kept as it came, and reports
    /// no event.
    pub fn event(&self) -> Option<Event> {
        None
    }
}
