//! Viva's platforms (Marketplace and ISV): the `EventData` of "Account Connected" (8193),
//! "Account Verification Status Changed" (8194) and "Transfer Created" (8448), and the
//! events they map to.

use rust_decimal::Decimal;

use super::currency::Currency;
use super::message::Message;
use crate::Provider;
use crate::event::{Account, AccountKind, Event, Transfer, TransferKind, idempotency_key, key_of};
use crate::timestamp::Timestamp;
use crate::wire::object::wire_object;

wire_object! {
    /// The `EventData` of "Account Connected" (8193, Marketplace and ISV): a merchant's
    /// account was connected to the platform's. Only `ConnectedAccountId`, the account
    /// the event names, is required.
    pub struct AccountConnected {
        /// "The Id of the created person/merchant".
        #[serde(rename = "PersonId", default)]
        pub person_id: Option<String>,
        /// "The ID of the wallet. For ISV integrations, this is the primary wallet of the
        /// Merchant. For Marketplace integrations, this is a new wallet which is created on
        /// the Seller account."
        #[serde(rename = "WalletId", default)]
        pub wallet_id: Option<i64>,
        /// "The Id of the platform account".
        #[serde(rename = "PlatformPersonId", default)]
        pub platform_person_id: Option<String>,
        /// "The Id of the connected account (such as a seller account)".
        #[serde(rename = "ConnectedAccountId")]
        pub connected_account_id: String,
    }
}

impl Message<AccountConnected> {
    /// An [`Account`] event, [`AccountKind::Connected`].
    pub fn event(&self) -> Option<Event> {
        let data = &self.event_data;
        // Connected once: the account and the state, so that a second subscription's
        // message of the same connection is caught too.
        Some(account(
            AccountKind::Connected,
            &data.connected_account_id,
            data.person_id.as_deref(),
            None,
        ))
    }
}

wire_object! {
    /// The `EventData` of "Account Verification Status Changed" (8194, Marketplace and
    /// ISV; "only available in the Production environment, not in the Demo
    /// environment"). `Verified` and `ConnectedAccountId`, the state and the account
    /// the event names, are required.
    ///
    /// ```
    /// use provider_payloads::{Event, event::AccountKind, viva::Webhook};
    ///
    /// let body = br#"{"EventData":{"Verified":false,
    ///     "PersonId":"1aabc6f0-b419-4be5-b898-12345f4c912f",
    ///     "PlatformPersonId":"faa1a888-5651-4bdf-6565-4f41c730a321",
    ///     "ConnectedAccountId":"592d2e2f-11ec-408b-8552-ea06af1d1eee"},
    ///     "Created":"2021-05-26T00:01:20.4752112Z","EventTypeId":8194}"#;
    /// let Webhook::AccountVerificationStatusChanged(message) = Webhook::from_json(body)? else {
    ///     panic!()
    /// };
    /// assert!(!message.event_data.verified);
    /// let Some(Event::Account(account)) = message.event() else { panic!() };
    /// assert_eq!(account.kind, AccountKind::Unverified);
    /// assert_eq!(account.account_id, "592d2e2f-11ec-408b-8552-ea06af1d1eee");
    /// // Verified, unverified, verified again: each change is a notification of its own.
    /// assert!(account.idempotency_key.starts_with("viva:592d2e2f-11ec-408b-8552-ea06af1d1eee:unverified:"));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct AccountVerificationStatusChanged {
        /// "Verification status".
        #[serde(rename = "Verified")]
        pub verified: bool,
        /// "The Id of the created person/merchant".
        #[serde(rename = "PersonId", default)]
        pub person_id: Option<String>,
        /// The Id of the platform account.
        #[serde(rename = "PlatformPersonId", default)]
        pub platform_person_id: Option<String>,
        /// The Id of the connected account.
        #[serde(rename = "ConnectedAccountId")]
        pub connected_account_id: String,
    }
}

impl Message<AccountVerificationStatusChanged> {
    /// An [`Account`] event: [`AccountKind::Verified`], or
    /// [`Unverified`](AccountKind::Unverified) when `Verified` is false. An account's
    /// verification can change back and forth: the key names the notification too,
    /// `viva:<ConnectedAccountId>:<kind>:<MessageId>` (without a `MessageId`, a digest
    /// of `Created`).
    pub fn event(&self) -> Option<Event> {
        let data = &self.event_data;
        let kind = if data.verified {
            AccountKind::Verified
        } else {
            AccountKind::Unverified
        };
        let distinct = self.distinct_part(&[]);
        Some(account(
            kind,
            &data.connected_account_id,
            data.person_id.as_deref(),
            distinct.as_deref(),
        ))
    }
}

/// The [`Account`] event of a connected account, keyed by the account, the state and,
/// for a state that can recur, what tells the notification apart.
fn account(
    kind: AccountKind,
    account_id: &str,
    person_id: Option<&str>,
    distinct: Option<&str>,
) -> Event {
    let mut parts = vec![account_id, kind.as_str()];
    parts.extend(distinct);
    Event::Account(Account {
        provider: Provider::Viva,
        kind,
        account_id: account_id.to_owned(),
        person_id: person_id.map(str::to_owned),
        idempotency_key: key_of(Provider::Viva, &parts),
    })
}

wire_object! {
    /// The `EventData` of "Transfer Created" (8448, Marketplace), sent on "Send funds to a
    /// connected account; Create a transfer reversal; Create payment order (when
    /// transfers are triggered with the `transfer` parameter); Cancel transaction (when
    /// transfers are triggered with the `reverseTransfers` or `refundPlatformFee`
    /// parameters)".
    ///
    /// ```
    /// use provider_payloads::{Event, event::TransferKind, viva::Webhook};
    ///
    /// let body = br#"{"EventData":{"PersonId":"fdd6d888-5651-4bdf-9100-4f41c712d156","Amount":24.50,
    ///     "ParentId":null,"TransferId":"5f53244a-7e2a-4bc2-bceb-c111da3edb95","CurrencyCode":"978",
    ///     "TargetWalletId":982778784821,"TargetPersonId":"bde07eaa-9176-4bf4-9703-2621212742d7",
    ///     "TransactionId":"527cc791-7632-4d64-bdb9-50719e343b37","Executed":null,
    ///     "DebitWalletTransactionId":null,"CreditWalletTransactionId":null,"TransferTypeId":1},
    ///     "Created":"2022-05-26T00:01:42.4752623Z","EventTypeId":8448}"#;
    /// let Webhook::TransferCreated(message) = Webhook::from_json(body)? else { panic!() };
    /// assert_eq!(message.event_data.target_wallet_id, Some(982778784821));
    /// let Some(Event::Transfer(transfer)) = message.event() else { panic!() };
    /// assert_eq!(transfer.kind, TransferKind::Created);
    /// assert_eq!(transfer.to.as_deref(), Some("982778784821"));
    /// assert_eq!(transfer.amount.to_string(), "24.50");
    /// assert_eq!(transfer.currency.as_deref(), Some("EUR"));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct TransferCreated {
        /// "The Id of the person/merchant that initiated the action".
        #[serde(rename = "PersonId", default)]
        pub person_id: Option<String>,
        /// "The amount of the transfer". Required, with `TransferId`, the transfer the
        /// event names.
        #[serde(rename = "Amount", with = "crate::wire::decimal::number")]
        pub amount: Decimal,
        /// The transfer this one reverses, if any.
        #[serde(rename = "ParentId", default)]
        pub parent_id: Option<String>,
        /// The transfer's id.
        #[serde(rename = "TransferId")]
        pub transfer_id: String,
        /// The currency, ISO 4217 numeric.
        #[serde(rename = "CurrencyCode", default)]
        pub currency_code: Option<Currency>,
        /// The wallet the funds go to.
        #[serde(rename = "TargetWalletId", default)]
        pub target_wallet_id: Option<i64>,
        /// The person the funds go to.
        #[serde(rename = "TargetPersonId", default)]
        pub target_person_id: Option<String>,
        /// The transaction that triggered it.
        #[serde(rename = "TransactionId", default)]
        pub transaction_id: Option<String>,
        /// When it was executed; `null` until then.
        #[serde(rename = "Executed", default)]
        pub executed: Option<Timestamp>,
        /// The wallet transaction that debited the funds.
        #[serde(rename = "DebitWalletTransactionId", default)]
        pub debit_wallet_transaction_id: Option<String>,
        /// The wallet transaction that credited them.
        #[serde(rename = "CreditWalletTransactionId", default)]
        pub credit_wallet_transaction_id: Option<String>,
        /// The kind of transfer (`1` in the sample; Viva publishes no table of them).
        #[serde(rename = "TransferTypeId", default)]
        pub transfer_type_id: Option<i64>,
    }
}

impl Message<TransferCreated> {
    /// A [`Transfer`] event, [`TransferKind::Created`], to the target wallet.
    pub fn event(&self) -> Option<Event> {
        let data = &self.event_data;
        Some(transfer(
            TransferKind::Created,
            &data.transfer_id,
            data.target_wallet_id.map(|wallet| wallet.to_string()),
            (data.amount, data.currency_code),
            data.executed.or(self.created),
        ))
    }
}

/// The [`Transfer`] event of Viva's transfer `transfer_id` of `amount` (a wallet's or
/// out to a bank account).
pub(super) fn transfer(
    kind: TransferKind,
    transfer_id: &str,
    to: Option<String>,
    (amount, currency): (Decimal, Option<Currency>),
    at: Option<Timestamp>,
) -> Event {
    Event::Transfer(Transfer {
        provider: Provider::Viva,
        kind,
        transfer_id: transfer_id.to_owned(),
        to,
        amount,
        currency: currency.map(Currency::event_name),
        at,
        idempotency_key: idempotency_key(Provider::Viva, transfer_id, kind.as_str()),
    })
}
