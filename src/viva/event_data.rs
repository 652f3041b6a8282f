//! The `EventData` of each webhook event: what a transaction event (1796, 1797, 1798)
//! reports, and what the events of Viva's platforms (8193) do.

use rust_decimal::Decimal;

use super::currency::Currency;
use super::message::Message;
use super::types::TransactionTypeId;
use crate::event::Event;
use crate::timestamp::Timestamp;
use crate::wire::object::wire_object;

wire_object! {
    /// The `EventData` of a transaction event: "Create transaction" (1796) or "Cancel /
    /// refund transaction" (1797), with every property of the document's samples.
    ///
    /// Amounts are exact decimals from the digits sent (`100.50` stays `100.50`), negative
    /// for refunds. Properties real webhooks send as `null` or leave out are optional;
    /// those every transaction has are not.
    pub struct TransactionEventData {
        /// The amount, in the currency's units: negative for a refund or cancellation.
        #[serde(rename = "Amount", with = "crate::wire::decimal::number")]
        pub amount: Decimal,
        /// The card number, masked as sent (`411111XXXXXX1111`).
        #[serde(rename = "CardNumber", default)]
        pub card_number: Option<String>,
        /// The card type.
        #[serde(rename = "CardTypeId", default)]
        pub card_type_id: Option<i64>,
        /// The client id.
        #[serde(rename = "ClientId", default)]
        pub client_id: Option<String>,
        /// The merchant's company name.
        #[serde(rename = "CompanyName", default)]
        pub company_name: Option<String>,
        /// The currency, ISO 4217 numeric.
        #[serde(rename = "CurrencyCode")]
        pub currency_code: Currency,
        /// The installment this is, of [`total_installments`](Self::total_installments).
        #[serde(rename = "CurrentInstallment", default)]
        pub current_installment: Option<i64>,
        /// The description shown to the customer.
        #[serde(rename = "CustomerTrns", default)]
        pub customer_trns: Option<String>,
        /// The customer's email.
        #[serde(rename = "Email", default)]
        pub email: Option<String>,
        /// The customer's full name.
        #[serde(rename = "FullName", default)]
        pub full_name: Option<String>,
        /// When the transaction was made, as written (the samples: `+03:00`, with
        /// hundredths; real webhooks: no offset).
        #[serde(rename = "InsDate")]
        pub ins_date: Timestamp,
        /// The merchant's id.
        #[serde(rename = "MerchantId")]
        pub merchant_id: String,
        /// The merchant's own reference.
        #[serde(rename = "MerchantTrns", default)]
        pub merchant_trns: Option<String>,
        /// The payment order's code: a number in the document.
        #[serde(rename = "OrderCode")]
        pub order_code: u64,
        /// The transaction this one refers to (the payment a refund reverses).
        #[serde(rename = "ParentId", default)]
        pub parent_id: Option<String>,
        /// The reseller's company name.
        #[serde(rename = "ResellerCompanyName", default)]
        pub reseller_company_name: Option<String>,
        /// The reseller's id.
        #[serde(rename = "ResellerId", default)]
        pub reseller_id: Option<String>,
        /// The reseller source's address.
        #[serde(rename = "ResellerSourceAddress", default)]
        pub reseller_source_address: Option<String>,
        /// The reseller source's code.
        #[serde(rename = "ResellerSourceCode", default)]
        pub reseller_source_code: Option<String>,
        /// The reseller source's name.
        #[serde(rename = "ResellerSourceName", default)]
        pub reseller_source_name: Option<String>,
        /// The payment source's code (`Default`).
        #[serde(rename = "SourceCode", default)]
        pub source_code: Option<String>,
        /// The transaction's status (`F` in the samples).
        #[serde(rename = "StatusId")]
        pub status_id: String,
        /// Viva's commission: negative for a refund.
        #[serde(rename = "TotalCommission", default, with = "crate::wire::decimal::number_option")]
        pub total_commission: Option<Decimal>,
        /// The fee: negative for a refund.
        #[serde(rename = "TotalFee", default, with = "crate::wire::decimal::number_option")]
        pub total_fee: Option<Decimal>,
        /// How many installments the payment is split into (0: none).
        #[serde(rename = "TotalInstallments", default)]
        pub total_installments: Option<i64>,
        /// The transaction's id.
        #[serde(rename = "TransactionId")]
        pub transaction_id: String,
        /// What kind of transaction it is.
        #[serde(rename = "TransactionTypeId")]
        pub transaction_type_id: TransactionTypeId,
    }
}
crate::wire::json::json_payload!(
    TransactionEventData,
    crate::Provider::Viva,
    "transaction event data"
);

wire_object! {
    /// The `EventData` of "Account Connected" (8193, Marketplace and ISV): a merchant's
    /// account was connected to the platform's.
    pub struct AccountConnected {
        /// "The Id of the created person/merchant".
        #[serde(rename = "PersonId")]
        pub person_id: String,
        /// "The ID of the wallet. For ISV integrations, this is the primary wallet of the
        /// Merchant. For Marketplace integrations, this is a new wallet which is created on
        /// the Seller account."
        #[serde(rename = "WalletId")]
        pub wallet_id: i64,
        /// "The Id of the platform account".
        #[serde(rename = "PlatformPersonId")]
        pub platform_person_id: String,
        /// "The Id of the connected account (such as a seller account)".
        #[serde(rename = "ConnectedAccountId")]
        pub connected_account_id: String,
    }
}

impl Message<AccountConnected> {
    /// None yet: the event model has no account event.
    pub fn event(&self) -> Option<Event> {
        None
    }
}
