//! Zalo's own answer to NXCloud, which NXCloud's Zalo receipts carry in `zaloRes`.
//!
//! No NXCloud document describes `zaloRes`: neither the English nor the Chinese Zalo
//! webhook page has a row for it, only its samples (a `success` receipt with `data`, a
//! `failed` one with `"data": null`). Its fields are typed as those samples show them,
//! every one optional, since no table says which are always there. Their shape is that
//! of Zalo's own ZNS send answer (`error`, `message`, `data` with `msg_id`, `sent_time`,
//! `sending_mode` and `quota`), which NXCloud appears to pass on with two messages of its
//! own (`sysMsg`, `cusMsg`); that is an inference, and the meanings below are the
//! samples', not a document's.

use chrono::{DateTime, Utc};

use crate::wire::object::wire_object;

wire_object! {
    /// `zaloRes`: the result of the send as Zalo answered it, in the samples of
    /// `success` and `failed` Zalo receipts.
    ///
    /// ```
    /// use provider_payloads::nxcloud::Receipt;
    ///
    /// let receipt = Receipt::from_json(br#"{"status":"failed","requestId":"zalomid.68d9",
    ///     "code":17004,"message":"Zalo send error(Zalo account not existed)",
    ///     "sendTime":"2024-10-30 10:34:40","ext":"ext info","zaloRes":{
    ///     "sysMsg":"Zalo send error(Zalo account not existed)",
    ///     "cusMsg":"Zalo send error(Zalo account not existed)","error":-118,
    ///     "message":"Zalo account not existed","data":null}}"#)?;
    /// let zalo = receipt.zalo_res.unwrap();
    /// assert_eq!((zalo.error, zalo.message.as_deref()), (Some(-118), Some("Zalo account not existed")));
    /// assert!(zalo.data.is_none()); // `null`, and written back as `null`
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct ZaloResponse {
        /// NXCloud's message for the result: in both samples the receipt's `message`.
        #[serde(rename = "sysMsg", default)]
        pub sys_msg: Option<String>,
        /// A message for the customer: in both samples the same as `sysMsg`.
        #[serde(rename = "cusMsg", default)]
        pub cus_msg: Option<String>,
        /// Zalo's error code: `0` in the `success` sample, `-118` (Zalo's "Zalo account
        /// not existed") in the `failed` one.
        #[serde(rename = "error", default)]
        pub error: Option<i64>,
        /// Zalo's message: `Success`, `Zalo account not existed`.
        #[serde(rename = "message", default)]
        pub message: Option<String>,
        /// What Zalo says of the message it sent; `null` in the `failed` sample (kept,
        /// and written back, as `null`).
        #[serde(rename = "data", default)]
        pub data: Option<ZaloSent>,
    }
}

wire_object! {
    /// `zaloRes.data`: the message Zalo sent, in the `success` sample.
    pub struct ZaloSent {
        /// When Zalo sent it: unix milliseconds in a string (`"1714529559833"`), read as
        /// a UTC time and written back as the same string.
        #[serde(rename = "sent_time", default, with = "crate::wire::time::unix_millis_option")]
        pub sent_time: Option<DateTime<Utc>>,
        /// How it was sent: `"1"` in the sample, whose meaning no document gives.
        #[serde(rename = "sending_mode", default)]
        pub sending_mode: Option<String>,
        /// Zalo's id of the message.
        #[serde(rename = "msg_id", default)]
        pub msg_id: Option<String>,
        /// The sender's quota of messages.
        #[serde(rename = "quota", default)]
        pub quota: Option<ZaloQuota>,
    }
}

wire_object! {
    /// `zaloRes.data.quota`: counts sent as strings of digits (`"4999"`), read as
    /// integers and written back as the same strings.
    pub struct ZaloQuota {
        /// What is left of the day's quota (`4999` in the sample).
        #[serde(rename = "remainingQuota", default)]
        pub remaining_quota: Option<u64>,
        /// The day's quota (`5000`).
        #[serde(rename = "dailyQuota", default)]
        pub daily_quota: Option<u64>,
    }
}
