//! Payment orders: the `EventData` of "Order Updated" (4865), and the event it maps to.

use rust_decimal::Decimal;

use super::currency::Currency;
use super::message::Message;
use crate::Provider;
use crate::event::{Event, Order, OrderKind, idempotency_key};
use crate::raw_json::RawJson;
use crate::timestamp::Timestamp;
use crate::wire::object::wire_object;

wire_object! {
    /// The `EventData` of "Order Updated" (4865): a payment order's code was cancelled
    /// ("the customer clicked the back button on Smart Checkout, or the order was
    /// cancelled through the API").
    ///
    /// It has no `StatusId`: `IsCancelled` says what happened.
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
    /// assert!(message.event_data.is_cancelled);
    /// let Some(Event::Order(order)) = message.event() else { panic!() };
    /// assert_eq!(order.kind, OrderKind::Cancelled);
    /// assert_eq!(order.amount.unwrap().to_string(), "10.00");
    /// assert_eq!(order.idempotency_key, "viva:6727479629472606:cancelled");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct OrderUpdated {
        /// The customer's email.
        #[serde(rename = "Email", default)]
        pub email: Option<String>,
        /// The amount the order asks for.
        #[serde(rename = "Amount", default, with = "crate::wire::decimal::number_option")]
        pub amount: Option<Decimal>,
        /// The order's code.
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
        #[serde(rename = "IsCancelled")]
        pub is_cancelled: bool,
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
    /// An [`Order`] event: [`OrderKind::Cancelled`] when `IsCancelled`, else
    /// [`Updated`](OrderKind::Updated).
    pub fn event(&self) -> Option<Event> {
        let data = &self.event_data;
        let kind = if data.is_cancelled {
            OrderKind::Cancelled
        } else {
            OrderKind::Updated
        };
        let order_code = data.order_code.to_string();
        Some(Event::Order(Order {
            provider: Provider::Viva,
            kind,
            idempotency_key: idempotency_key(Provider::Viva, &order_code, kind.as_str()),
            order_code,
            amount: data.amount,
            currency: data.currency_code.map(Currency::event_name),
        }))
    }
}
