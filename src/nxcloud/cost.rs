//! What a sent message cost, as NXCloud reports it in a receipt's `cost` object.

use rust_decimal::Decimal;

use crate::event;
use crate::wire::enums::string_enum;
use crate::wire::object::wire_object;

string_enum! {
    /// "Rate type": the rate a message was charged at. The values are those the current
    /// Viber send API lists for `messageData.rateType`.
    pub enum RateType {
        /// A transactional message.
        Transactional = "Transactional",
        /// A message in a session (an answer within the user's conversation).
        Session = "Session",
        /// A message from an OTP template.
        OtpTemplate = "OtpTemplate",
    }
}

wire_object! {
    /// "Cost information": what the message cost. The current Viber documents show it on
    /// the `success` receipt, and their tables say it is "displayed for delivered
    /// status"; the Super Message and Zalo receipts have it too. It is read with any
    /// status.
    ///
    /// ```
    /// use provider_payloads::nxcloud::{RateType, Receipt};
    ///
    /// let receipt = Receipt::from_json(br#"{"status":"success","requestId":"f6a7d4",
    ///     "code":0,"message":"Successfully sent.","sendTime":"2023-07-13 15:12:11",
    ///     "cost":{"currency":"USD","localPrice":29.89465,"originalPrice":4.1234,
    ///     "rateType":"Transactional"}}"#)?;
    /// let cost = receipt.cost.unwrap();
    /// assert_eq!((cost.original_price.to_string(), cost.currency.as_deref()), ("4.1234".to_owned(), Some("USD")));
    /// assert_eq!(cost.local_price.unwrap().to_string(), "29.89465");
    /// assert_eq!(cost.rate_type, Some(RateType::Transactional));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct Cost {
        /// "Currency type": the currency of `originalPrice` (`USD`).
        #[serde(rename = "currency", default)]
        pub currency: Option<String>,
        /// "Local price (CNY)": the price in yuan, exact as sent (`29.89465`). Zalo's
        /// receipts leave it out.
        #[serde(rename = "localPrice", default, with = "crate::wire::decimal::number_option")]
        pub local_price: Option<Decimal>,
        /// "Original price": the price in `currency`, exact as sent (`4.1234`). Required:
        /// the amount is what a cost is.
        #[serde(rename = "originalPrice", with = "crate::wire::decimal::number")]
        pub original_price: Decimal,
        /// "Rate type". The Super Message and Zalo receipts leave it out.
        #[serde(rename = "rateType", default)]
        pub rate_type: Option<RateType>,
    }
}

impl Cost {
    /// The cost as a normalized event carries it: `originalPrice`, in `currency`.
    /// (`localPrice` stays here.)
    pub fn event(&self) -> event::Cost {
        event::Cost::new(self.original_price, self.currency.clone())
    }
}
