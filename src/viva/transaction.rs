//! Transactions: the `EventData` of a transaction event (1796, 1797, 1798), of "Transaction
//! Price Calculated" (1799) and of the ECR POS sessions (1802, 1803), and the events they
//! map to.

use rust_decimal::Decimal;

use super::currency::Currency;
use super::message::Message;
use super::types::{EventTypeId, StatusId, TransactionTypeId};
use crate::Provider;
use crate::event::{Event, Fee, Payment, PaymentKind, idempotency_key, key_of, state_part};
use crate::raw_json::RawJson;
use crate::timestamp::Timestamp;
use crate::wire::object::wire_object;

wire_object! {
    /// The `EventData` of a transaction event: "Transaction Payment Created" (1796),
    /// "Transaction Reversal Created" (1797) or "Transaction Failed" (1798).
    ///
    /// Every property of Viva's current samples and of real webhooks is typed: the seed
    /// document's 27 and some 60 more (about 80 keys in a real capture). Four are
    /// required, as a payment cannot be acted on without them: `TransactionId` (what the
    /// event names), `StatusId` (where it stands: Viva says to check it before updating
    /// a transaction's status), `Amount`, and `OrderCode` (the order it pays). Every
    /// other is optional, and written back absent when it came absent: real webhooks
    /// send many as `null` or leave them out, and third parties post bodies with only
    /// those four. Amounts are exact decimals from the digits sent (`100.50` stays
    /// `100.50`), negative for refunds; times keep what was written (real webhooks send
    /// `InsDate` with no offset).
    ///
    /// ```
    /// use provider_payloads::viva::{
    ///     Message, StatusId, TransactionEventData, TransactionTable, TransactionTypeId,
    /// };
    ///
    /// // The 1797 sample with `TransactionTypeId` 4, a card refund, cut to some of its fields.
    /// let message = Message::<TransactionEventData>::from_json(br#"{"EventData":{"Amount":-100.50,
    ///     "CardNumber":"411111XXXXXX1111","CurrencyCode":978,
    ///     "InsDate":"2014-06-18T14:20:30.45+03:00",
    ///     "MerchantId":"90a7114f-3a7a-466b-8a45-000111222666","OrderCode":776027772607,
    ///     "ParentId":"90a7114f-3a7a-466b-8a45-000111222777","StatusId":"F","TotalFee":-0.50,
    ///     "TransactionId":"90a7114f-3a7a-466b-8a45-000111222888","TransactionTypeId":4},
    ///     "EventTypeId":1797,"Created":"2014-06-18T14:20:30.45+03:00"}"#)?;
    /// let refund = &message.event_data;
    /// let type_id = refund.transaction_type_id.unwrap();
    /// assert_eq!(type_id, TransactionTypeId::RefundCard);
    /// assert!(type_id.is_refund());
    /// assert_eq!(type_id.table(), Some(TransactionTable::Reversal));
    /// // The payment it refunds.
    /// assert_eq!(refund.parent_id.as_deref(), Some("90a7114f-3a7a-466b-8a45-000111222777"));
    /// assert_eq!(refund.amount.to_string(), "-100.50");
    /// assert_eq!(refund.total_fee.unwrap().to_string(), "-0.50");
    /// assert_eq!(refund.status_id, StatusId::Finished);
    /// // `InsDate` keeps its decimals and its offset.
    /// assert_eq!(refund.ins_date.unwrap().to_string(), "2014-06-18T14:20:30.45+03:00");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct TransactionEventData {
        /// Whether it was a mail or telephone order.
        #[serde(rename = "Moto", default)]
        pub moto: Option<bool>,
        /// The card's BIN id.
        #[serde(rename = "BinId", default)]
        pub bin_id: Option<i64>,
        /// Whether dynamic currency conversion was used.
        #[serde(rename = "IsDcc", default)]
        pub is_dcc: Option<bool>,
        /// The 3-D Secure authentication value (UCAF).
        #[serde(rename = "Ucaf", default)]
        pub ucaf: Option<String>,
        /// The customer's email.
        #[serde(rename = "Email", default)]
        pub email: Option<String>,
        /// The customer's phone.
        #[serde(rename = "Phone", default)]
        pub phone: Option<String>,
        /// The acquiring network or bank (`NET_VISA`, `CLK_ALPHA`).
        #[serde(rename = "BankId", default)]
        pub bank_id: Option<String>,
        /// Whether Viva made it itself.
        #[serde(rename = "Systemic", default)]
        pub systemic: Option<bool>,
        /// The settlement batch (a current 1797 sample).
        #[serde(rename = "BatchId", default)]
        pub batch_id: Option<String>,
        /// Whether it was switched.
        #[serde(rename = "Switching", default)]
        pub switching: Option<bool>,
        /// The transaction this one refers to (the payment a refund reverses).
        #[serde(rename = "ParentId", default)]
        pub parent_id: Option<String>,
        /// The amount, in the currency's units: negative for a refund or cancellation.
        #[serde(rename = "Amount", with = "crate::wire::decimal::number")]
        pub amount: Decimal,
        /// The channel the payment came through.
        #[serde(rename = "ChannelId", default)]
        pub channel_id: Option<String>,
        /// The terminal that made it.
        #[serde(rename = "TerminalId", default)]
        pub terminal_id: Option<i64>,
        /// The merchant's id.
        #[serde(rename = "MerchantId", default)]
        pub merchant_id: Option<String>,
        /// The payment order's code: a number in the document (a string of its digits is
        /// read too, as JavaScript proxies send 16-digit ids). Required: the order is
        /// what a payment is acted on by.
        #[serde(rename = "OrderCode")]
        pub order_code: u64,
        /// The product paid for.
        #[serde(rename = "ProductId", default)]
        pub product_id: Option<String>,
        /// Where the transaction stands (`F` finished, `E` error). Required: "check the
        /// StatusId parameter" before acting.
        #[serde(rename = "StatusId")]
        pub status_id: StatusId,
        /// The customer's full name.
        #[serde(rename = "FullName", default)]
        pub full_name: Option<String>,
        /// The reseller's id.
        #[serde(rename = "ResellerId", default)]
        pub reseller_id: Option<String>,
        /// Whether it was a dual-message transaction.
        #[serde(rename = "DualMessage", default)]
        pub dual_message: Option<bool>,
        /// When the transaction was made, as written (the samples: `+03:00`, with
        /// hundredths; real webhooks: no offset).
        #[serde(rename = "InsDate", default)]
        pub ins_date: Option<Timestamp>,
        /// The fee: negative for a refund.
        #[serde(rename = "TotalFee", default, with = "crate::wire::decimal::number_option")]
        pub total_fee: Option<Decimal>,
        /// A token of the card.
        #[serde(rename = "CardToken", default)]
        pub card_token: Option<String>,
        /// The card number, masked as sent (`411111XXXXXX1111`).
        #[serde(rename = "CardNumber", default)]
        pub card_number: Option<String>,
        /// The text on the customer's statement.
        #[serde(rename = "Descriptor", default)]
        pub descriptor: Option<String>,
        /// The tip.
        #[serde(rename = "TipAmount", default, with = "crate::wire::decimal::number_option")]
        pub tip_amount: Option<Decimal>,
        /// The payment source's code (`Default`).
        #[serde(rename = "SourceCode", default)]
        pub source_code: Option<String>,
        /// The payment source's name.
        #[serde(rename = "SourceName", default)]
        pub source_name: Option<String>,
        /// Where it was made: latitude.
        #[serde(rename = "Latitude", default, with = "crate::wire::decimal::number_option")]
        pub latitude: Option<Decimal>,
        /// Where it was made: longitude.
        #[serde(rename = "Longitude", default, with = "crate::wire::decimal::number_option")]
        pub longitude: Option<Decimal>,
        /// The merchant's company name.
        #[serde(rename = "CompanyName", default)]
        pub company_name: Option<String>,
        /// The transaction's id: what the event names.
        #[serde(rename = "TransactionId")]
        pub transaction_id: String,
        /// The merchant's trade title.
        #[serde(rename = "CompanyTitle", default)]
        pub company_title: Option<String>,
        /// How the card number was entered, as the card schemes code it (`01`, `81`).
        #[serde(rename = "PanEntryMode", default)]
        pub pan_entry_mode: Option<String>,
        /// The acquirer's reference number.
        #[serde(rename = "ReferenceNumber", default)]
        pub reference_number: Option<i64>,
        /// The issuer's response code (`00`: approved), `null` where none came.
        #[serde(rename = "ResponseCode", default)]
        pub response_code: Option<String>,
        /// The currency, ISO 4217 numeric.
        #[serde(rename = "CurrencyCode", default)]
        pub currency_code: Option<Currency>,
        /// The language of the payment page (`en-GB`).
        #[serde(rename = "OrderCulture", default)]
        pub order_culture: Option<String>,
        /// The merchant's own reference.
        #[serde(rename = "MerchantTrns", default)]
        pub merchant_trns: Option<String>,
        /// The description shown to the customer.
        #[serde(rename = "CustomerTrns", default)]
        pub customer_trns: Option<String>,
        /// Whether a refund was made by hand.
        #[serde(rename = "IsManualRefund", default)]
        pub is_manual_refund: Option<bool>,
        /// The person the money goes to (Marketplace).
        #[serde(rename = "TargetPersonId", default)]
        pub target_person_id: Option<String>,
        /// The wallet the money goes to (Marketplace).
        #[serde(rename = "TargetWalletId", default)]
        pub target_wallet_id: Option<i64>,
        /// Whether the acquirer approved it.
        #[serde(rename = "AcquirerApproved", default)]
        pub acquirer_approved: Option<bool>,
        /// Whether a loyalty scheme was triggered.
        #[serde(rename = "LoyaltyTriggered", default)]
        pub loyalty_triggered: Option<bool>,
        /// What kind of transaction it is. A 1796 without it is no charge: its event is
        /// [`PaymentKind::Unknown`](crate::event::PaymentKind::Unknown).
        #[serde(rename = "TransactionTypeId", default)]
        pub transaction_type_id: Option<TransactionTypeId>,
        /// The authorization code of the card's issuer.
        #[serde(rename = "AuthorizationId", default)]
        pub authorization_id: Option<String>,
        /// How many installments the payment is split into (0: none).
        #[serde(rename = "TotalInstallments", default)]
        pub total_installments: Option<i64>,
        /// The country of the card's issuer, ISO 3166 (`SG`).
        #[serde(rename = "CardCountryCode", default)]
        pub card_country_code: Option<String>,
        /// The card's issuing bank.
        #[serde(rename = "CardIssuingBank", default)]
        pub card_issuing_bank: Option<String>,
        /// The part of the amount paid with loyalty points.
        #[serde(rename = "RedeemedAmount", default, with = "crate::wire::decimal::number_option")]
        pub redeemed_amount: Option<Decimal>,
        /// When it cleared.
        #[serde(rename = "ClearanceDate", default)]
        pub clearance_date: Option<Timestamp>,
        /// The rate it was converted at.
        #[serde(rename = "ConversionRate", default, with = "crate::wire::decimal::number_option")]
        pub conversion_rate: Option<Decimal>,
        /// The installment this is, of [`total_installments`](Self::total_installments).
        #[serde(rename = "CurrentInstallment", default)]
        pub current_installment: Option<i64>,
        /// The amount before conversion.
        #[serde(rename = "OriginalAmount", default, with = "crate::wire::decimal::number_option")]
        pub original_amount: Option<Decimal>,
        /// The tags of the payment order.
        #[serde(rename = "Tags", default)]
        pub tags: Option<Vec<String>>,
        /// The bill paid, for bill payments.
        #[serde(rename = "BillId", default)]
        pub bill_id: Option<String>,
        /// The connected account it was made for (Marketplace and ISV).
        #[serde(rename = "ConnectedAccountId", default)]
        pub connected_account_id: Option<String>,
        /// The reseller source's code.
        #[serde(rename = "ResellerSourceCode", default)]
        pub reseller_source_code: Option<String>,
        /// The reseller source's name.
        #[serde(rename = "ResellerSourceName", default)]
        pub reseller_source_name: Option<String>,
        /// The merchant category code (MCC).
        #[serde(rename = "MerchantCategoryCode", default)]
        pub merchant_category_code: Option<i64>,
        /// The reseller's company name.
        #[serde(rename = "ResellerCompanyName", default)]
        pub reseller_company_name: Option<String>,
        /// A reference that is the same for every payment with the card.
        #[serde(rename = "CardUniqueReference", default)]
        pub card_unique_reference: Option<String>,
        /// The currency before conversion, ISO 4217 numeric.
        #[serde(rename = "OriginalCurrencyCode", default)]
        pub original_currency_code: Option<Currency>,
        /// An id of the transaction outside Viva.
        #[serde(rename = "ExternalTransactionId", default)]
        pub external_transaction_id: Option<String>,
        /// The reseller source's address.
        #[serde(rename = "ResellerSourceAddress", default)]
        pub reseller_source_address: Option<String>,
        /// The card's expiry, as written (`2026-11-30T00:00:00`).
        #[serde(rename = "CardExpirationDate", default)]
        pub card_expiration_date: Option<Timestamp>,
        /// The service that made it (a third party reads 19 as Fast Refund).
        #[serde(rename = "ServiceId", default)]
        pub service_id: Option<i64>,
        /// The retrieval reference number (RRN).
        #[serde(rename = "RetrievalReferenceNumber", default)]
        pub retrieval_reference_number: Option<String>,
        /// The merchant's users assigned to it, kept as sent (empty lists in every sample).
        #[serde(rename = "AssignedMerchantUsers", default)]
        pub assigned_merchant_users: Option<RawJson>,
        /// The reseller's users assigned to it, kept as sent (empty lists in every sample).
        #[serde(rename = "AssignedResellerUsers", default)]
        pub assigned_reseller_users: Option<RawJson>,
        /// The card type.
        #[serde(rename = "CardTypeId", default)]
        pub card_type_id: Option<i64>,
        /// Viva's event id of the outcome (a failure: `310`), read against Viva's table of
        /// event ids.
        #[serde(rename = "ResponseEventId", default)]
        pub response_event_id: Option<i64>,
        /// The electronic commerce indicator (ECI), as sent (`"5"`).
        #[serde(rename = "ElectronicCommerceIndicator", default)]
        pub electronic_commerce_indicator: Option<String>,
        /// The service that made the order.
        #[serde(rename = "OrderServiceId", default)]
        pub order_service_id: Option<i64>,
        /// The card application's identifier at the terminal (EMV AID).
        #[serde(rename = "ApplicationIdentifierTerminal", default)]
        pub application_identifier_terminal: Option<String>,
        /// The integration that made it.
        #[serde(rename = "IntegrationId", default)]
        pub integration_id: Option<String>,
        /// The digital wallet it was paid with (Apple Pay, Google Pay).
        #[serde(rename = "DigitalWalletId", default)]
        pub digital_wallet_id: Option<i64>,
        /// Dynamic currency conversion: the session.
        #[serde(rename = "DccSessionId", default)]
        pub dcc_session_id: Option<String>,
        /// Dynamic currency conversion: the markup.
        #[serde(rename = "DccMarkup", default, with = "crate::wire::decimal::number_option")]
        pub dcc_markup: Option<Decimal>,
        /// Dynamic currency conversion: the difference over the ECB rate.
        #[serde(rename = "DccDifferenceOverEcb", default, with = "crate::wire::decimal::number_option")]
        pub dcc_difference_over_ecb: Option<Decimal>,
        /// The client id.
        #[serde(rename = "ClientId", default)]
        pub client_id: Option<String>,
        /// Viva's commission: negative for a refund.
        #[serde(rename = "TotalCommission", default, with = "crate::wire::decimal::number_option")]
        pub total_commission: Option<Decimal>,
    }
}
crate::wire::kinds::json_payload!(
    TransactionEventData,
    crate::Provider::Viva,
    "transaction event data"
);

impl Message<TransactionEventData> {
    /// The transaction as a normalized payment event (see [`payment`](Self::payment)).
    pub fn event(&self) -> Option<Event> {
        self.payment().map(Event::Payment)
    }

    /// The transaction as a normalized payment, of the kind its event type,
    /// `StatusId` and `TransactionTypeId` say (the [`event`](crate::event) module's
    /// mapping table): [`Captured`](PaymentKind::Captured) only for a 1796 of a charge
    /// type with `StatusId` `F`; a pre-authorization is
    /// [`Authorized`](PaymentKind::Authorized), money paid out
    /// [`PaidOut`](PaymentKind::PaidOut), `A` [`Pending`](PaymentKind::Pending), `E`
    /// [`Failed`](PaymentKind::Failed); 1797 Voided, Refunded or Reversed; 1798
    /// Failed. `None` for another event type.
    ///
    /// ```
    /// use provider_payloads::event::PaymentKind;
    /// use provider_payloads::viva::{Message, TransactionEventData};
    ///
    /// let kind = |status: &str, type_id: &str| {
    ///     let body = format!(r#"{{"EventTypeId":1796,"EventData":{{"OrderCode":1,
    ///         "TransactionId":"t","StatusId":"{status}","Amount":10.00{type_id}}}}}"#);
    ///     let message = Message::<TransactionEventData>::from_json(body.as_bytes()).unwrap();
    ///     message.payment().unwrap().kind
    /// };
    /// assert_eq!(kind("F", r#","TransactionTypeId":5"#), PaymentKind::Captured);
    /// assert_eq!(kind("A", r#","TransactionTypeId":5"#), PaymentKind::Pending);
    /// assert_eq!(kind("E", r#","TransactionTypeId":5"#), PaymentKind::Failed);
    /// assert_eq!(kind("F", r#","TransactionTypeId":1"#), PaymentKind::Authorized);
    /// assert_eq!(kind("F", r#","TransactionTypeId":19"#), PaymentKind::PaidOut);
    /// // No type: no charge can be claimed.
    /// assert_eq!(kind("F", ""), PaymentKind::Unknown);
    /// ```
    pub fn payment(&self) -> Option<Payment> {
        let data = &self.event_data;
        let kind = payment_kind(
            self.event_type_id,
            data.transaction_type_id,
            &data.status_id,
        )?;
        // A kind of several statuses names its status: a dispute moves from one to
        // another, each a happening of its own.
        let several = matches!(kind, PaymentKind::Disputed | PaymentKind::Unknown);
        let state = state_part(kind.as_str(), several, &data.status_id);
        Some(Payment {
            provider: Provider::Viva,
            kind,
            transaction_id: data.transaction_id.clone(),
            order_code: Some(data.order_code.to_string()),
            amount: data.amount,
            currency: data.currency_code.map(Currency::event_name),
            status: Some(data.status_id.as_str().to_owned()),
            at: data.ins_date,
            idempotency_key: idempotency_key(Provider::Viva, &data.transaction_id, &state),
        })
    }
}

/// What a transaction event of `event` says happened, from the transaction's `type_id`
/// and `status` (the [`event`](crate::event) module's table, row by row); `None` for an
/// event type that is no transaction's.
fn payment_kind(
    event: EventTypeId,
    type_id: Option<TransactionTypeId>,
    status: &StatusId,
) -> Option<PaymentKind> {
    use EventTypeId::{TransactionFailed, TransactionPaymentCreated, TransactionReversalCreated};
    let is = |test: fn(&TransactionTypeId) -> bool| type_id.as_ref().is_some_and(test);
    Some(match (event, status) {
        // "Transaction Failed", whatever the status it gives.
        (TransactionFailed, _) => PaymentKind::Failed,
        (TransactionPaymentCreated | TransactionReversalCreated, StatusId::InProgress) => {
            PaymentKind::Pending
        }
        (TransactionPaymentCreated | TransactionReversalCreated, StatusId::Error) => {
            PaymentKind::Failed
        }
        (TransactionPaymentCreated, StatusId::Finished) => {
            if is(TransactionTypeId::is_charge) {
                PaymentKind::Captured
            } else if is(TransactionTypeId::is_authorization) {
                PaymentKind::Authorized
            } else if is(TransactionTypeId::is_payout) {
                PaymentKind::PaidOut
            } else if is(TransactionTypeId::is_refund) {
                PaymentKind::Refunded
            } else if is(TransactionTypeId::is_void) {
                PaymentKind::Voided
            } else {
                // No type, or one no table lists: no charge can be claimed.
                PaymentKind::Unknown
            }
        }
        (TransactionReversalCreated, StatusId::Finished) => {
            if is(TransactionTypeId::is_void) {
                PaymentKind::Voided
            } else if is(TransactionTypeId::is_refund) {
                PaymentKind::Refunded
            } else {
                PaymentKind::Reversed
            }
        }
        (TransactionPaymentCreated, StatusId::Cancelled) => PaymentKind::Voided,
        (TransactionPaymentCreated, StatusId::Refunded) => PaymentKind::Refunded,
        (
            TransactionPaymentCreated,
            StatusId::Disputed
            | StatusId::DisputeAwaitingResponse
            | StatusId::DisputeInProgress
            | StatusId::DisputeLost
            | StatusId::DisputeWon
            | StatusId::SuspectedDispute,
        ) => PaymentKind::Disputed,
        // "The original pre-auth, now captured": the hold; its capture is a transaction
        // of its own.
        (TransactionPaymentCreated, StatusId::Captured)
            if is(TransactionTypeId::is_authorization) =>
        {
            PaymentKind::Authorized
        }
        (TransactionPaymentCreated | TransactionReversalCreated, _) => PaymentKind::Unknown,
        _ => return None,
    })
}

wire_object! {
    /// The `EventData` of "Transaction Price Calculated" (1799): "a Viva commission has
    /// been withdrawn" for a transaction.
    pub struct TransactionPriceCalculated {
        /// "The OrderCode of the transaction".
        #[serde(rename = "OrderCode", default)]
        pub order_code: Option<u64>,
        /// The merchant's id.
        #[serde(rename = "MerchantId", default)]
        pub merchant_id: Option<String>,
        /// The ISV's fee.
        #[serde(rename = "IsvFee", default, with = "crate::wire::decimal::number_option")]
        pub isv_fee: Option<Decimal>,
        /// The reseller's id (in one of the page's two samples, `null`).
        #[serde(rename = "ResellerId", default)]
        pub reseller_id: Option<String>,
        /// The transaction the commission is for: what the event names.
        #[serde(rename = "TransactionId")]
        pub transaction_id: String,
        /// The currency, ISO 4217 numeric.
        #[serde(rename = "CurrencyCode", default)]
        pub currency_code: Option<Currency>,
        /// The interchange fee.
        #[serde(rename = "Interchange", default, with = "crate::wire::decimal::number_option")]
        pub interchange: Option<Decimal>,
        /// "Interchange++ fee = customer bank fee + card scheme fee + Viva fee".
        #[serde(rename = "TotalCommission", default, with = "crate::wire::decimal::number_option")]
        pub total_commission: Option<Decimal>,
    }
}

impl Message<TransactionPriceCalculated> {
    /// The commission as a [`Fee`] of `TotalCommission`. A commission can be
    /// calculated again for one transaction: its key names the notification too
    /// (`viva:<TransactionId>:fee:<MessageId>`; see [`event`](crate::event)).
    pub fn event(&self) -> Option<Event> {
        let data = &self.event_data;
        let fields = [
            data.total_commission.map(|fee| fee.to_string()),
            data.isv_fee.map(|fee| fee.to_string()),
            data.interchange.map(|fee| fee.to_string()),
            data.currency_code
                .map(|currency| currency.numeric().to_string()),
        ];
        let distinct = self.distinct_part(&fields);
        let mut parts = vec![data.transaction_id.as_str(), "fee"];
        parts.extend(distinct.as_deref());
        Some(Event::Fee(Fee {
            provider: Provider::Viva,
            transaction_id: data.transaction_id.clone(),
            order_code: data.order_code.map(|code| code.to_string()),
            amount: data.total_commission,
            currency: data.currency_code.map(Currency::event_name),
            idempotency_key: key_of(Provider::Viva, &parts),
        }))
    }
}

wire_object! {
    /// The `EventData` of "Transaction Pos Ecr Session Created" (1802) and "Failed"
    /// (1803): the outcome of a payment an ECR started on a card terminal. "You should
    /// confirm the payment result with the combination of SessionId and TerminalId
    /// parameters. You should then check the Success parameter ... and the Amount".
    ///
    /// Typed from the page's samples, both cut off by the copies read (after
    /// `TransactionId` and `AbortSuccess`): what follows is kept as unknown fields.
    ///
    /// ```
    /// use provider_payloads::viva::Webhook;
    ///
    /// let body = br#"{"EventData":{"Aid":"A0000000041010","Tid":"16008507","Amount":200,"EventId":0,
    ///     "Preauth":false,"Success":true,"Message":"Transaction successful",
    ///     "SessionId":"8a94263e-397a-4fed-801b-81c0fb1fb3d7","TipAmount":0,
    ///     "MerchantId":"df60929f-2da7-4ef6-a524-06086da89899","OrderCode":"4304117763008507",
    ///     "Installments":0,"TerminalId":"16008507","AbortSuccess":false,"AbortOperation":false,
    ///     "CurrencyCode":"978","PanEntryMode":"07",
    ///     "TransactionId":"9e30ea9c-b478-4a04-8e2b-a49a40172dac"},
    ///     "Created":"2022-05-26T00:01:42.4752623Z","EventTypeId":1802}"#;
    /// let Webhook::PosEcrSession(message) = Webhook::from_json(body)? else { panic!() };
    /// let session = &message.event_data;
    /// // Confirm the session by its id and terminal, then check `Success` and the amount (cents).
    /// assert_eq!(session.session_id, "8a94263e-397a-4fed-801b-81c0fb1fb3d7");
    /// assert_eq!(session.terminal_id, "16008507");
    /// assert!(session.success);
    /// assert_eq!(session.amount.to_string(), "200");
    /// // No event: the payment comes as its own 1796.
    /// assert!(message.event().is_none());
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct PosEcrSession {
        /// The card application's identifier (EMV AID).
        #[serde(rename = "Aid", default)]
        pub aid: Option<String>,
        /// The terminal's id, as a string (`"16008507"`).
        #[serde(rename = "Tid", default)]
        pub tid: Option<String>,
        /// The amount, as the session counts it: an integer in both samples (`200`,
        /// `9905`), which reads as the currency's minor unit (cents), as Viva's Cloud
        /// Terminal API counts amounts. Kept as sent.
        #[serde(rename = "Amount", with = "crate::wire::decimal::number")]
        pub amount: Decimal,
        /// Viva's event id of the outcome: `0` for success, `1006` in the failed sample.
        #[serde(rename = "EventId", default)]
        pub event_id: Option<i64>,
        /// Whether it was a pre-authorization.
        #[serde(rename = "Preauth", default)]
        pub preauth: Option<bool>,
        /// Whether the payment succeeded.
        #[serde(rename = "Success")]
        pub success: bool,
        /// What happened, in words (`Transaction declined by server`).
        #[serde(rename = "Message", default)]
        pub message: Option<String>,
        /// The ECR's session.
        #[serde(rename = "SessionId")]
        pub session_id: String,
        /// The tip.
        #[serde(rename = "TipAmount", default, with = "crate::wire::decimal::number_option")]
        pub tip_amount: Option<Decimal>,
        /// The merchant's id.
        #[serde(rename = "MerchantId", default)]
        pub merchant_id: Option<String>,
        /// The payment order's code, a string of digits in both samples.
        #[serde(rename = "OrderCode", default)]
        pub order_code: Option<String>,
        /// How many installments.
        #[serde(rename = "Installments", default)]
        pub installments: Option<i64>,
        /// The terminal's id, as a string (`"16008507"`).
        #[serde(rename = "TerminalId")]
        pub terminal_id: String,
        /// Whether aborting the session succeeded.
        #[serde(rename = "AbortSuccess", default)]
        pub abort_success: Option<bool>,
        /// Whether the session was aborted.
        #[serde(rename = "AbortOperation", default)]
        pub abort_operation: Option<bool>,
        /// The currency, ISO 4217 numeric.
        #[serde(rename = "CurrencyCode", default)]
        pub currency_code: Option<Currency>,
        /// How the card was read, as the card schemes code it (`07`).
        #[serde(rename = "PanEntryMode", default)]
        pub pan_entry_mode: Option<String>,
        /// The transaction it made.
        #[serde(rename = "TransactionId", default)]
        pub transaction_id: Option<String>,
    }
}

impl Message<PosEcrSession> {
    /// None: the payment itself comes as its own transaction event (1796, 1798) with its
    /// amount in units; a session's amount is in another unit (see
    /// [`PosEcrSession::amount`]), and a second payment event for one transaction would
    /// contradict the first.
    pub fn event(&self) -> Option<Event> {
        None
    }
}
