//! What eSMS's status functions answer (JSON): GetCallback, QueryZnsStatus, GetSendStatus
//! and GetZaloMessageStatus. They report no event of their own; GetCallback's records are
//! callbacks ([`Callback`]), each with its event.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::callback::Callback;
use super::codes::{ResponseCode, SendStatus};
use super::error_info::ZaloData;
use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};
use crate::wire::enums::code_enum;
use crate::wire::kinds::json_payload;
use crate::wire::number;
use crate::wire::object::wire_object;
use crate::{InvalidCode, Provider};

wire_object! {
    /// The answer of GetCallback (`POST https://status-sms.esms.vn/ZaloCallback/GetCallback`,
    /// "Hàm lấy thông tin callback tin nhắn Zalo"): the callbacks of up to 200 messages
    /// ("Giới hạn 200 RefId"), fetched again. It works only for messages sent with a
    /// `CallbackUrl`; "Giới hạn request 20TPS".
    ///
    /// Each record is read into [`Callback`], the type of the `GET` callback, so that a
    /// service that reconciles the callbacks it lost handles one type: its values and
    /// [`event`](Callback::event) are the callback's. The record differs from the query
    /// on the wire only, and is written back as it came: its numbers are JSON numbers
    /// (`"SendFailed": 1`, `"TotalPrice": 0.0`), `RequestId` is `null`, some keys are
    /// spelt otherwise (`Telcoid`, `PhoneNumber`), it adds `CallbackUrl` and names
    /// `tempid` `ZnsTempId`, and its `ErrorInfo` is the JSON followed by a .NET
    /// exception's text ([`ErrorInfo::trailing_text`](super::ErrorInfo::trailing_text)).
    ///
    /// ```
    /// use provider_payloads::esms::{GetCallbackResponse, ResponseCode, SendStatus, TypeId};
    /// use provider_payloads::event::DeliveryState;
    ///
    /// let answer = GetCallbackResponse::from_json(br#"{"Code": 100, "Message": "Success",
    ///     "Data_callback": [{"SMSID": "4a496110-9fd3-4838-ac8b-bcaa36616f7011",
    ///     "SendFailed": 1, "SendSuccess": 0, "SendStatus": 5, "TotalPrice": 0.0,
    ///     "RequestId": null, "TypeId": 25, "Telcoid": 1, "PhoneNumber": "0909090909",
    ///     "ErrorInfo": "{\"error\":-124,\"message\":\"Access token is invalid\"}Object reference not set to an instance of an object."}]}"#)?;
    /// assert_eq!(answer.code, ResponseCode::Success);
    /// let callback = &answer.callbacks()[0];
    /// assert_eq!(callback.type_id, Some(TypeId::ZnsCustomerCare));
    /// let event = callback.delivery();
    /// assert_eq!(event.state, DeliveryState::Failed);
    /// assert_eq!(event.error.unwrap().code, "-124");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct GetCallbackResponse {
        /// `Code`: "Mã trả về" (the answer's code), a number in the sample.
        #[serde(rename = "Code")]
        pub code: ResponseCode,
        /// `Message`: "Thông tin lỗi trả về (nếu có lỗi)" (what went wrong, if anything);
        /// `"Success"`.
        #[serde(rename = "Message", default)]
        pub message: Option<String>,
        /// `Data_callback`: "Data callback chi tiết", a callback for each message.
        #[serde(rename = "Data_callback", default)]
        pub data_callback: Option<Vec<Callback>>,
    }
}
json_payload!(GetCallbackResponse, Provider::Esms, "GetCallback response");

impl GetCallbackResponse {
    /// The callbacks, none when `Data_callback` is absent or `null`.
    pub fn callbacks(&self) -> &[Callback] {
        self.data_callback.as_deref().unwrap_or_default()
    }
}

wire_object! {
    /// The answer of QueryZnsStatus (`POST
    /// https://rest.esms.vn/MainService.svc/json/QueryZnsStatus/`, "Hàm kiểm tra trạng
    /// thái tin nhắn Zalo"): where a ZNS message (type 24 or 25) stands, with its
    /// result. "Giới hạn tốc độ gọi api này là 100 requests/giây".
    ///
    /// ```
    /// use provider_payloads::esms::{FinalStatus, QueryZnsStatusResponse, ResponseCode, ZnsResult};
    ///
    /// let answer = QueryZnsStatusResponse::from_json(br#"{"CodeResult": "100", "Data": {
    ///     "ErrorInfo": "0", "FinalStatus": "1", "SMSID": "59e0c764219c49119063db4468f257fb221",
    ///     "SendFailed": 0, "SendStatus": 5, "SendSuccess": 1, "TotalPrice": 330.0,
    ///     "TotalReceiver": 1, "TotalSent": 1, "ZaloMsgId": "6dc7499c9ef6baaee3e1"}}"#)?;
    /// assert_eq!(answer.code_result, ResponseCode::Success);
    /// let status = answer.data.unwrap();
    /// assert_eq!(status.final_status, FinalStatus::Final);
    /// assert_eq!(status.error_info, Some(ZnsResult::Sent));
    /// assert_eq!(status.total_price.unwrap().to_string(), "330.0");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct QueryZnsStatusResponse {
        /// `CodeResult`: "Kết quả của Request" (the request's result), a code in a string.
        #[serde(rename = "CodeResult")]
        pub code_result: ResponseCode,
        /// `Data`: "Thông tin trạng thái của tin nhắn Zalo" (the Zalo message's status).
        #[serde(rename = "Data", default)]
        pub data: Option<ZnsStatus>,
        /// `ErrorMessage`: "Thông báo kết quả trả về" (the result's message); in the table,
        /// not in the sample.
        #[serde(rename = "ErrorMessage", default)]
        pub error_message: Option<String>,
    }
}
json_payload!(
    QueryZnsStatusResponse,
    Provider::Esms,
    "QueryZnsStatus response"
);

wire_object! {
    /// The `Data` of QueryZnsStatus's answer.
    pub struct ZnsStatus {
        /// `ErrorInfo`: "Mã kết quả xử lý gửi tin nhắn" (the result of sending); `null`:
        /// "Tin nhắn chưa được gửi" (not sent yet).
        #[serde(rename = "ErrorInfo", default)]
        pub error_info: Option<ZnsResult>,
        /// `FinalStatus`: "Mô tả trạng thái tin nhắn đã có kết quả cuối cùng hay chưa"
        /// (whether the message's status is final).
        #[serde(rename = "FinalStatus")]
        pub final_status: FinalStatus,
        /// `SMSID`: "SmsId của tin nhắn cần kiểm tra" (the message asked about).
        #[serde(rename = "SMSID")]
        pub sms_id: String,
        /// `SendFailed`: "Số lượng tin thất bại" (how many failed).
        #[serde(rename = "SendFailed", default)]
        pub send_failed: Option<u64>,
        /// `SendStatus`: "Trạng thái tin nhắn" (1 pending approval, 2 waiting to send, 5
        /// sent).
        #[serde(rename = "SendStatus", default)]
        pub send_status: Option<SendStatus>,
        /// `SendSuccess`: "Số lượng tin thành công" (how many succeeded).
        #[serde(rename = "SendSuccess", default)]
        pub send_success: Option<u64>,
        /// `TotalPrice`: "Tổng tiền của đơn" (the total price), exact as sent.
        #[serde(rename = "TotalPrice", default, with = "crate::wire::decimal::number_option")]
        pub total_price: Option<Decimal>,
        /// `TotalReceiver`: "Số lượng người nhận" (how many recipients).
        #[serde(rename = "TotalReceiver", default)]
        pub total_receiver: Option<u64>,
        /// `TotalSent`: "Số lượng gửi" (how many were sent).
        #[serde(rename = "TotalSent", default)]
        pub total_sent: Option<u64>,
        /// `ZaloMsgId`: "Mã giao dịch của Zalo" (Zalo's id of the message).
        #[serde(rename = "ZaloMsgId", default)]
        pub zalo_msg_id: Option<String>,
    }
}

code_enum! {
    /// `FinalStatus` of QueryZnsStatus: "1: Đã có trạng thái cuối; 0: Chưa có trạng thái
    /// cuối", a code in a string.
    pub enum FinalStatus {
        /// 0: "Chưa có trạng thái cuối" (no final status yet).
        Pending = 0,
        /// 1: "Đã có trạng thái cuối" (the status is final).
        Final = 1,
    }
}

/// `ErrorInfo` of QueryZnsStatus: "Mã kết quả xử lý gửi tin nhắn" (the result of sending
/// the message), a code in a string: 0, 1001, or "Các giá trị khác: Mã lỗi do hệ thống Zalo
/// trả về" (any other value: Zalo's error code). Every value is documented, so none is
/// listed as unrecognized.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ZnsResult {
    /// 0: "Tin nhắn gửi thành công" (sent).
    Sent,
    /// 1001: "Tin nhắn trả trạng thái thất bại do khách hàng không online để nhận tin
    /// trong thời gian quy định" (failed: the recipient was not online in time).
    RecipientOffline,
    /// Any other code: Zalo's error code (Zalo's table of error codes says what it
    /// means).
    Zalo(i64),
}

impl ZnsResult {
    /// The code as eSMS writes it.
    pub fn code(&self) -> i64 {
        match self {
            ZnsResult::Sent => 0,
            ZnsResult::RecipientOffline => 1001,
            ZnsResult::Zalo(code) => *code,
        }
    }

    /// The result for `code`.
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => ZnsResult::Sent,
            1001 => ZnsResult::RecipientOffline,
            code => ZnsResult::Zalo(code),
        }
    }
}

impl FromStr for ZnsResult {
    type Err = InvalidCode;

    /// Parses the code's digits, as serde does when it comes in a string.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        number::code_from_text(text)
            .map(Self::from_code)
            .ok_or_else(|| InvalidCode::new(text, "ZnsResult"))
    }
}

impl fmt::Display for ZnsResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.code(), f)
    }
}

impl Serialize for ZnsResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.code())
    }
}

impl<'de> Deserialize<'de> for ZnsResult {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        number::deserialize_code(deserializer, "ZnsResult").map(Self::from_code)
    }
}

impl ListUnrecognized for ZnsResult {
    /// Nothing: any code the table does not list is Zalo's, as the table says.
    fn list_unrecognized(&self, _: &FieldPath<'_>, _: &mut Vec<Unrecognized>) {}
}

wire_object! {
    /// The answer of GetSendStatus (`GET
    /// https://rest.esms.vn/MainService.svc/json/GetSendStatus?RefId=...`, "Hàm kiểm
    /// tra tin nhắn theo SMSID"): where a message stands. "Chỉ lấy dữ liệu các tin trong
    /// vòng 7 ngày gần nhất" (messages of the last 7 days only). With wrong keys (101)
    /// it holds `CodeResponse` and `SMSID` alone.
    ///
    /// ```
    /// use provider_payloads::esms::{GetSendStatusResponse, ResponseCode};
    ///
    /// let answer = GetSendStatusResponse::from_json(br#"{"CodeResponse": "101",
    ///     "SMSID": "47756317-0cbe-494a-9d02-c85703a1baff20"}"#)?;
    /// assert_eq!(answer.code_response, ResponseCode::InvalidApiKey);
    /// assert_eq!(answer.send_status, None);
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct GetSendStatusResponse {
        /// `CodeResponse`: "Mã trả về" (the answer's code), a code in a string.
        #[serde(rename = "CodeResponse")]
        pub code_response: ResponseCode,
        /// `SMSID`: "SmsId kiểm tra" (the message asked about).
        #[serde(rename = "SMSID")]
        pub sms_id: String,
        /// `SendFailed`: "Số lượng tin thất bại" (how many failed).
        #[serde(rename = "SendFailed", default)]
        pub send_failed: Option<u64>,
        /// `SendStatus`: "Trạng thái tin nhắn" (1 pending approval, 2 waiting to send, 5
        /// sent).
        #[serde(rename = "SendStatus", default)]
        pub send_status: Option<SendStatus>,
        /// `SendSuccess`: "Số lượng tin thành công" (how many succeeded).
        #[serde(rename = "SendSuccess", default)]
        pub send_success: Option<u64>,
        /// `TotalPrice`: "Tổng tiền của đơn" (the total price), exact as sent
        /// (`850.0000`).
        #[serde(rename = "TotalPrice", default, with = "crate::wire::decimal::number_option")]
        pub total_price: Option<Decimal>,
        /// `TotalReceiver`: "Số lượng người nhận" (how many recipients).
        #[serde(rename = "TotalReceiver", default)]
        pub total_receiver: Option<u64>,
        /// `TotalSent`: "Số lượng gửi" (how many were sent).
        #[serde(rename = "TotalSent", default)]
        pub total_sent: Option<u64>,
    }
}
json_payload!(
    GetSendStatusResponse,
    Provider::Esms,
    "GetSendStatus response"
);

wire_object! {
    /// The answer of GetZaloMessageStatus (`POST
    /// http://rest.esms.vn/MainService.svc/json/GetZaloMessageStatus`, "Hàm lấy thông
    /// tin trạng thái ZNS"): where Zalo says a ZNS message stands. The request names the
    /// message by its `MessageId`, "chính là Partnerids" (a callback's `partnerids`).
    /// "Giới hạn tốc độ gọi api này là 30 requests/giây".
    ///
    /// ```
    /// use provider_payloads::esms::{GetZaloMessageStatusResponse, ZaloMessageStatus};
    ///
    /// let answer = GetZaloMessageStatusResponse::from_json(br#"{"CodeResult": "100",
    ///     "Data": {"delivery_time": "1767678030984",
    ///     "message": "The message was delivered to the user's phone", "status": 1},
    ///     "ErrorMessage": "success. "}"#)?;
    /// let data = answer.data.unwrap();
    /// assert_eq!(data.status, Some(ZaloMessageStatus::Delivered));
    /// assert_eq!(data.delivery_time.unwrap().to_rfc3339(), "2026-01-06T05:40:30.984+00:00");
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct GetZaloMessageStatusResponse {
        /// `CodeResult`: "Kết quả của Request" (the request's result), a code in a string.
        #[serde(rename = "CodeResult")]
        pub code_result: ResponseCode,
        /// `Data`: "Thông tin trạng thái của thông báo ZNS" (the notification's status),
        /// Zalo's data (the table types it "string"; the sample sends an object).
        #[serde(rename = "Data", default)]
        pub data: Option<ZaloData>,
        /// `ErrorMessage`: "Thông báo kết quả trả về" (the result's message), as sent
        /// (`"success. "`, with its space).
        #[serde(rename = "ErrorMessage", default)]
        pub error_message: Option<String>,
    }
}
json_payload!(
    GetZaloMessageStatusResponse,
    Provider::Esms,
    "GetZaloMessageStatus response"
);
