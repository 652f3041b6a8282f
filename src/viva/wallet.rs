//! Wallets: the `EventData` of "Account Transaction Created" (2054) and of the bank
//! transfers out of a wallet (768, 769), the deprecated obligations (5632, 5633, posted
//! with no envelope), and the events they map to.

use rust_decimal::Decimal;

use super::currency::Currency;
use super::message::Message;
use super::platform::transfer;
use super::types::{EventTypeId, StatusId};
use crate::event::{Event, TransferKind, WalletTransaction, idempotency_key};
use crate::timestamp::Timestamp;
use crate::wire::object::wire_object;
use crate::{Answer, Provider};

wire_object! {
    /// The `EventData` of "Account Transaction Created" (2054): "any change in the wallet
    /// balance" (a payment, a transfer, a payout, a fee; "the clearance process will
    /// generate 2x webhooks per-scheme").
    ///
    /// ```
    /// use provider_payloads::{Event, viva::Webhook};
    ///
    /// let body = br#"{"EventData":{"Iban":null,"PersonId":"11ac9cd4-c9ea-48d3-b414-1f10ce664aad",
    ///     "WalletId":2263446434318,"BankId":null,"ParentId":"a787e1bb-8101-4043-8618-3b962d8f6cfc",
    ///     "Amount":-100.4,"IsInternal":false,"StatusId":"F","Created":"2022-05-26T03:01:42.457",
    ///     "CardNumber":null,"Description":"Wallet2Wallet Transfer - Merchant Trade Name",
    ///     "ValueDate":null,"BankAccountId":null,"CurrencyCode":"978","TargetAmount":10,
    ///     "SaleTransactionId":null,"TargetReserved":0,"TargetAvailable":10,"TargetOverdraft":0,
    ///     "WalletTransactionId":"6fb74d4a-aa92-4920-a759-49a703834c03","InternalDescription":null,
    ///     "TypeId":20,"SubTypeId":140},
    ///     "Created":"2022-05-26T00:01:42.4752623Z","EventTypeId":2054}"#;
    /// let Webhook::AccountTransaction(message) = Webhook::from_json(body)? else { panic!() };
    /// // Money left the wallet: the amount is negative.
    /// assert_eq!(message.event_data.amount.to_string(), "-100.4");
    /// let Some(Event::WalletTransaction(moved)) = message.event() else { panic!() };
    /// assert_eq!(moved.wallet_id.as_deref(), Some("2263446434318"));
    /// assert_eq!(moved.currency.as_deref(), Some("EUR"));
    /// assert_eq!(moved.idempotency_key, "viva:6fb74d4a-aa92-4920-a759-49a703834c03:wallet_transaction");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct AccountTransactionCreated {
        /// What kind of movement it is, in words (`PayOutIbanReversal`; in the current
        /// sample only).
        #[serde(rename = "Tag", default)]
        pub tag: Option<String>,
        /// The bank account's IBAN, for a bank transfer.
        #[serde(rename = "Iban", default)]
        pub iban: Option<String>,
        /// The wallet's owner.
        #[serde(rename = "PersonId", default)]
        pub person_id: Option<String>,
        /// The wallet.
        #[serde(rename = "WalletId", default)]
        pub wallet_id: Option<i64>,
        /// The bank, for a bank transfer.
        #[serde(rename = "BankId", default)]
        pub bank_id: Option<String>,
        /// The movement this one follows from.
        #[serde(rename = "ParentId", default)]
        pub parent_id: Option<String>,
        /// "The signed amount of the transaction. Represents the total funds paid by the
        /// customer and includes TotalFee (when applicable)". Required, with
        /// `WalletTransactionId`, the movement the event names.
        #[serde(rename = "Amount", with = "crate::wire::decimal::number")]
        pub amount: Decimal,
        /// Whether it moved money between Viva wallets.
        #[serde(rename = "IsInternal", default)]
        pub is_internal: Option<bool>,
        /// Where it stands (`F`).
        #[serde(rename = "StatusId", default)]
        pub status_id: Option<StatusId>,
        /// When it was made, as written (no offset in the samples).
        #[serde(rename = "Created", default)]
        pub created: Option<Timestamp>,
        /// The card, for a card movement.
        #[serde(rename = "CardNumber", default)]
        pub card_number: Option<String>,
        /// What it was (`Wallet2Wallet Transfer - Merchant Trade Name - ...`).
        #[serde(rename = "Description", default)]
        pub description: Option<String>,
        /// The value date.
        #[serde(rename = "ValueDate", default)]
        pub value_date: Option<Timestamp>,
        /// The bank account, for a bank transfer.
        #[serde(rename = "BankAccountId", default)]
        pub bank_account_id: Option<String>,
        /// The currency, ISO 4217 numeric.
        #[serde(rename = "CurrencyCode", default)]
        pub currency_code: Option<Currency>,
        /// The amount in the target wallet's currency.
        #[serde(rename = "TargetAmount", default, with = "crate::wire::decimal::number_option")]
        pub target_amount: Option<Decimal>,
        /// The sale it comes from, for a sale.
        #[serde(rename = "SaleTransactionId", default)]
        pub sale_transaction_id: Option<String>,
        /// The target wallet's reserved balance after it.
        #[serde(rename = "TargetReserved", default, with = "crate::wire::decimal::number_option")]
        pub target_reserved: Option<Decimal>,
        /// The target wallet's available balance after it.
        #[serde(rename = "TargetAvailable", default, with = "crate::wire::decimal::number_option")]
        pub target_available: Option<Decimal>,
        /// The target wallet's overdraft after it.
        #[serde(rename = "TargetOverdraft", default, with = "crate::wire::decimal::number_option")]
        pub target_overdraft: Option<Decimal>,
        /// The wallet transaction's id.
        #[serde(rename = "WalletTransactionId")]
        pub wallet_transaction_id: String,
        /// Viva's own description.
        #[serde(rename = "InternalDescription", default)]
        pub internal_description: Option<String>,
        /// The kind of movement (`20` in the sample).
        #[serde(rename = "TypeId", default)]
        pub type_id: Option<i64>,
        /// Its sub-kind (`140` in the sample; the page's table of "SubType Ids of
        /// transactions" was in no copy read).
        #[serde(rename = "SubTypeId", default)]
        pub sub_type_id: Option<i64>,
    }
}

impl Message<AccountTransactionCreated> {
    /// A [`WalletTransaction`] of `WalletTransactionId`, with the signed amount.
    pub fn event(&self) -> Option<Event> {
        let data = &self.event_data;
        Some(Event::WalletTransaction(WalletTransaction {
            provider: Provider::Viva,
            transaction_id: data.wallet_transaction_id.clone(),
            wallet_id: data.wallet_id.map(|wallet| wallet.to_string()),
            amount: data.amount,
            currency: data.currency_code.map(Currency::event_name),
            description: data.description.clone(),
            at: data.created.or(self.created),
            idempotency_key: idempotency_key(
                Provider::Viva,
                &data.wallet_transaction_id,
                "wallet_transaction",
            ),
        }))
    }
}

wire_object! {
    /// The `EventData` of "Command Bank Transfer Created" (768: a transfer to an external
    /// IBAN was created, not yet executed) and "Executed" (769).
    ///
    /// Typed from the page's samples, which every copy read cuts off (after
    /// `PersonRoles` and `BankAccountBankName`): what follows is kept as unknown fields.
    ///
    /// ```
    /// use provider_payloads::{Event, event::TransferKind, viva::Webhook};
    ///
    /// let body = br#"{"EventData":{"Fee":0.8,"Iban":"LU280019400644750000",
    ///     "PersonId":"11ac9cd4-c9ea-48d3-b414-1f10ce664aad","WalletId":2263446434318,"Amount":200.4,
    ///     "CommandId":"c7e77d8d-20e3-422b-835b-c52c94b6edf0","IsInstant":true,"CurrencyCode":"978"},
    ///     "Created":"2022-05-26T00:01:42.4752623Z","EventTypeId":768}"#;
    /// let Webhook::CommandBankTransfer(message) = Webhook::from_json(body)? else { panic!() };
    /// assert_eq!(message.event_data.fee.unwrap().to_string(), "0.8");
    /// // 768: created, not yet executed (769 says it was).
    /// let Some(Event::Transfer(transfer)) = message.event() else { panic!() };
    /// assert_eq!(transfer.kind, TransferKind::Created);
    /// assert_eq!(transfer.to.as_deref(), Some("LU280019400644750000"));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct CommandBankTransfer {
        /// The transfer's fee.
        #[serde(rename = "Fee", default, with = "crate::wire::decimal::number_option")]
        pub fee: Option<Decimal>,
        /// The IBAN the money goes to.
        #[serde(rename = "Iban", default)]
        pub iban: Option<String>,
        /// The wallet's owner.
        #[serde(rename = "PersonId", default)]
        pub person_id: Option<String>,
        /// The wallet the money leaves.
        #[serde(rename = "WalletId", default)]
        pub wallet_id: Option<i64>,
        /// "Amount in EUR, GBP, ZLOTY, ETC." Required, with `CommandId`, the transfer
        /// the event names.
        #[serde(rename = "Amount", with = "crate::wire::decimal::number")]
        pub amount: Decimal,
        /// The transfer's id.
        #[serde(rename = "CommandId")]
        pub command_id: String,
        /// Whether it is an instant transfer.
        #[serde(rename = "IsInstant", default)]
        pub is_instant: Option<bool>,
        /// The wallet's name (`Primary`).
        #[serde(rename = "WalletName", default)]
        pub wallet_name: Option<String>,
        /// The reference given.
        #[serde(rename = "Description", default)]
        pub description: Option<String>,
        /// The merchant's display name.
        #[serde(rename = "DisplayName", default)]
        pub display_name: Option<String>,
        /// The country, ISO 3166 (`LU`).
        #[serde(rename = "CountryCode", default)]
        pub country_code: Option<String>,
        /// The currency, ISO 4217 numeric.
        #[serde(rename = "CurrencyCode", default)]
        pub currency_code: Option<Currency>,
        /// The bank's id of the transfer.
        #[serde(rename = "BankCommandId", default)]
        pub bank_command_id: Option<String>,
        /// The wallet owner's last name.
        #[serde(rename = "PersonLastName", default)]
        pub person_last_name: Option<String>,
        /// The wallet owner's first name.
        #[serde(rename = "PersonFirstName", default)]
        pub person_first_name: Option<String>,
        /// The bank account's name.
        #[serde(rename = "BankAccountName", default)]
        pub bank_account_name: Option<String>,
        /// The beneficiary's name.
        #[serde(rename = "BeneficiaryName", default)]
        pub beneficiary_name: Option<String>,
        /// The wallet owner's roles (`ViewBalance`, `AllowPayOut`, ...).
        #[serde(rename = "PersonRoles", default)]
        pub person_roles: Option<Vec<String>>,
        /// The wallet transaction that moved the money.
        #[serde(rename = "WalletTransactionId", default)]
        pub wallet_transaction_id: Option<String>,
        /// The beneficiary's bank.
        #[serde(rename = "BankAccountBankName", default)]
        pub bank_account_bank_name: Option<String>,
    }
}

impl Message<CommandBankTransfer> {
    /// A [`Transfer`](crate::event::Transfer) of `CommandId` to the IBAN: [`TransferKind::Created`] for 768,
    /// [`Executed`](TransferKind::Executed) for 769.
    pub fn event(&self) -> Option<Event> {
        let data = &self.event_data;
        let kind = match self.event_type_id {
            EventTypeId::CommandBankTransferExecuted => TransferKind::Executed,
            _ => TransferKind::Created,
        };
        Some(transfer(
            kind,
            &data.command_id,
            data.iban.clone(),
            (data.amount, data.currency_code),
            self.created,
        ))
    }
}

wire_object! {
    /// An obligation, "Obligation Created" (5632) or "Obligation Captured" (5633):
    /// "OBLIGATIONS ARE NOW DEPRECATED - PLEASE SEE OUR UPDATED MARKETPLACE SCHEMA". Viva
    /// posts it with no envelope: the body is this object, with no `EventTypeId`
    /// ([`is_captured`](Self::is_captured) tells the two apart).
    ///
    /// No event: it is deprecated, and its transfers come as "Transfer Created" (8448).
    ///
    /// ```
    /// use provider_payloads::viva::{EventTypeId, Obligation, Payload};
    ///
    /// let body = br#"{"PersonId":"51638f3b-4d32-4837-a47d-b6917953a183","WalletId":952270799561,
    ///     "Amount":110.0,"CaptureId":null,"ObligationId":"0beacb95-7851-4505-b1d4-eb8f93cf8948",
    ///     "CurrencyCode":"978","TargetPersonId":"c942b8ce-6da4-4c37-9e72-052d325bc25b",
    ///     "TargetWalletId":596786726505,"CancellationId":null,
    ///     "Created":"2021-10-25T15:39:08.9297+03:00",
    ///     "Completed":null,"WalletTransactionSubTypeId":159}"#;
    /// let obligation = Obligation::from_json(body)?;
    /// assert_eq!(obligation.event_type_id(), EventTypeId::ObligationCreated); // no `CaptureId`
    /// assert_eq!(obligation.amount.to_string(), "110.0");
    /// // Told apart from the enveloped messages by its keys.
    /// assert!(matches!(Payload::from_json(body)?, Payload::Obligation(_)));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct Obligation {
        /// "The Id of the person/merchant that initiated the action, or who billing created
        /// an obligation for".
        #[serde(rename = "PersonId", default)]
        pub person_id: Option<String>,
        /// "The wallet from which the transaction was initiated".
        #[serde(rename = "WalletId", default)]
        pub wallet_id: Option<i64>,
        /// "The signed amount of the transaction". Required, with `ObligationId`, the
        /// obligation it names.
        #[serde(rename = "Amount", with = "crate::wire::decimal::number")]
        pub amount: Decimal,
        /// "Null in created, the Id of the capture for obligation captured event".
        #[serde(rename = "CaptureId", default)]
        pub capture_id: Option<String>,
        /// The obligation's id.
        #[serde(rename = "ObligationId")]
        pub obligation_id: String,
        /// The currency, ISO 4217 numeric.
        #[serde(rename = "CurrencyCode", default)]
        pub currency_code: Option<Currency>,
        /// The person the obligation is owed to.
        #[serde(rename = "TargetPersonId", default)]
        pub target_person_id: Option<String>,
        /// The wallet it is owed to.
        #[serde(rename = "TargetWalletId", default)]
        pub target_wallet_id: Option<i64>,
        /// The cancellation, if it was cancelled.
        #[serde(rename = "CancellationId", default)]
        pub cancellation_id: Option<String>,
        /// When it was created (`+03:00` in the samples).
        #[serde(rename = "Created", default)]
        pub created: Option<Timestamp>,
        /// When it was captured; `null` until then.
        #[serde(rename = "Completed", default)]
        pub completed: Option<Timestamp>,
        /// The wallet transaction's sub-type (`159` in the samples).
        #[serde(rename = "WalletTransactionSubTypeId", default)]
        pub wallet_transaction_sub_type_id: Option<i64>,
    }
}
crate::wire::kinds::json_payload!(Obligation, crate::Provider::Viva, "obligation");

impl Obligation {
    /// Whether it is "Obligation Captured" (5633): it has a `CaptureId`.
    pub fn is_captured(&self) -> bool {
        self.capture_id.is_some()
    }

    /// The event type it reports: 5633 when captured, else 5632.
    pub fn event_type_id(&self) -> EventTypeId {
        if self.is_captured() {
            EventTypeId::ObligationCaptured
        } else {
            EventTypeId::ObligationCreated
        }
    }

    /// `None`: obligations are deprecated; their transfers come as "Transfer Created"
    /// (8448).
    pub fn event(&self) -> Option<Event> {
        None
    }

    /// The HTTP answer Viva expects: 200 with an empty body ([`Answer::OK`]); "if you
    /// respond with http status 200" it does not retry.
    pub fn answer(&self) -> Answer {
        Answer::OK
    }
}
