//! Payment orders: the `EventData` of "Order Updated" (4865), and the event it maps to.

use rust_decimal::Decimal;

use super::currency::Currency;
use super::message::Message;
use crate::Provider;
use crate::event::{Event, Order, OrderKind, key_of};
use crate::raw_json::RawJson;
use crate::timestamp::Timestamp;
use crate::wire::object::wire_object;

wire_object! {
    /// The `EventData` of "Order Updated" (4865): a payment order's code was cancelled
    /// ("the customer clicked the back button on Smart Checkout, or the order was
    /// cancelled through the API").
    ///
    /// It has no `StatusId`: `IsCancelled` says what happened. Only `OrderCode` is
    /// required (the order the event names); a body with no `IsCancelled` says no
    /// cancellation, and is an update.
    ///
    /// ```
    /// use provider_payloads::{Event, event::OrderKind, viva::Webhook};
    ///
    /// let body = br#"{"EventData":{"Email":"johndoe@vivawallet.com","Amount":10.00,
    ///     "OrderCode":6727479629472606,"MerchantId":"512344-d8f2-4024-6343-8de7396a9f5e",
    ///     "FullName":"John Doe","SourceCode":"Default","IsCancelled":true,"CurrencyCode":"978",
    ///     "ExpirationDate":"2023-10-11T19:05:27.48"},
    ///     "Created":"2023-10-11T15:15:56.2625208Z","EventTypeId":4865}"#;
    /// let Webhook::OrderUpdated(message) = Webhook::from_json(body)? else { panic!() };
    /// assert_eq!(message.event_data.is_cancelled, Some(true));
    /// let Some(Event::Order(order)) = message.event() else { panic!() };
    /// assert_eq!(order.kind, OrderKind::Cancelled);
    /// assert_eq!(order.amount.unwrap().to_string(), "10.00");
    /// // An order is updated again and again: the key names the notification too (a
    /// // digest of `Created` and the data here, which has no `MessageId`).
    /// assert!(order.idempotency_key.starts_with("viva:6727479629472606:cancelled:"));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct OrderUpdated {
        /// The customer's email.
        #[serde(rename = "Email", default)]
        pub email: Option<String>,
        /// The amount the order asks for.
        #[serde(rename = "Amount", default, with = "crate::wire::decimal::number_option")]
        pub amount: Option<Decimal>,
        /// The order's code: what the event names.
        #[serde(rename = "OrderCode")]
        pub order_code: u64,
        /// The merchant's id (the sample's, `512344-d8f2-...`, is no valid UUID: any text is
        /// read).
        #[serde(rename = "MerchantId", default)]
        pub merchant_id: Option<String>,
        /// The customer's full name.
        #[serde(rename = "FullName", default)]
        pub full_name: Option<String>,
        /// The payment source's code (`Default`).
        #[serde(rename = "SourceCode", default)]
        pub source_code: Option<String>,
        /// Whether the order was cancelled.
        #[serde(rename = "IsCancelled", default)]
        pub is_cancelled: Option<bool>,
        /// The order's tags.
        #[serde(rename = "Tags", default)]
        pub tags: Option<Vec<String>>,
        /// What of it was redeemed (`null` in the sample; kept as sent).
        #[serde(rename = "Redeemed", default)]
        pub redeemed: Option<RawJson>,
        /// The currency, ISO 4217 numeric.
        #[serde(rename = "CurrencyCode", default)]
        pub currency_code: Option<Currency>,
        /// The merchant's own reference.
        #[serde(rename = "MerchantTrns", default)]
        pub merchant_trns: Option<String>,
        /// The description shown to the customer.
        #[serde(rename = "CustomerTrns", default)]
        pub customer_trns: Option<String>,
        /// The most installments allowed (0: none).
        #[serde(rename = "MaxInstallments", default)]
        pub max_installments: Option<i64>,
        /// The person the money goes to (Marketplace).
        #[serde(rename = "TargetPersonId", default)]
        pub target_person_id: Option<String>,
        /// The wallet the money goes to (Marketplace).
        #[serde(rename = "TargetWalletId", default)]
        pub target_wallet_id: Option<i64>,
        /// Whether the order stays open after it is paid.
        #[serde(rename = "DisablePaidState", default)]
        pub disable_paid_state: Option<bool>,
        /// The target wallet's name.
        #[serde(rename = "TargetWalletName", default)]
        pub target_wallet_name: Option<String>,
        /// When the order expires, as written (no offset in the sample).
        #[serde(rename = "ExpirationDate", default)]
        pub expiration_date: Option<Timestamp>,
        /// The service that made the order.
        #[serde(rename = "ServiceId", default)]
        pub service_id: Option<i64>,
    }
}

impl Message<OrderUpdated> {
    /// An [`Order`] event: [`OrderKind::Cancelled`] when `IsCancelled` is true, else
    /// [`Updated`](OrderKind::Updated). An order can be updated many times: the key
    /// names the notification too, `viva:<OrderCode>:<kind>:<MessageId>` (without a
    /// `MessageId`, a digest of `Created`, `Amount`, `CurrencyCode`, `IsCancelled` and
    /// `ExpirationDate`).
    pub fn event(&self) -> Option<Event> {
        let data = &self.event_data;
        let kind = if data.is_cancelled == Some(true) {
            OrderKind::Cancelled
        } else {
            OrderKind::Updated
        };
        let order_code = data.order_code.to_string();
        let fields = [
            data.amount.map(|amount| amount.to_string()),
            data.currency_code
                .map(|currency| currency.numeric().to_string()),
            data.is_cancelled.map(|cancelled| cancelled.to_string()),
            data.expiration_date.map(|date| date.to_string()),
        ];
        let distinct = self.distinct_part(&fields);
        let mut parts = vec![order_code.as_str(), kind.as_str()];
        parts.extend(distinct.as_deref());
        Some(Event::Order(Order {
            provider: Provider::Viva,
            kind,
            idempotency_key: key_of(Provider::Viva, &parts),
            order_code,
            amount: data.amount,
            currency: data.currency_code.map(Currency::event_name),
        }))
    }
}
