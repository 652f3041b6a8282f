//! The number-check callback: the result of checking a phone number, which NXCloud posts
//! to the customer's callback URL. It comes in two shapes: the current one (the Chinese
//! page "Number-Check-API-callback", June 2024: `requestId`, `message`, a flat `data`)
//! and the old one (the English page and the Chinese "Number-Check-API-callback-old":
//! `messageId`, `msg`, `data` with `basic`, `live` and `dial`).
//!
//! "NXCLOUD will retry the push every minute for up to 60 minutes" (the old page). It
//! reports no delivery and no message: a number check carries no
//! [`Event`](crate::Event).

use rust_decimal::Decimal;

use crate::event::Event;
use crate::wire::enums::{code_enum, string_enum};
use crate::wire::kinds::json_payload;
use crate::wire::object::wire_object;
use crate::{Answer, Provider};

code_enum! {
    /// A number check's `code`: "code=0 indicates success". The old page's table of
    /// "receipt error codes", and 266 from the current page's failure sample (its code
    /// table was not captured). [`message`](Self::message) gives each one's text.
    pub enum NumberCheckCode {
        /// "Success" (the current page: 请求成功, "request succeeded").
        Success = 0,
        /// "Internal server error".
        InternalServerError = 103,
        /// "Invalid value in the request".
        InvalidValue = 108,
        /// "Backend service call failed".
        BackendServiceCallFailed = 112,
        /// "Invalid number format".
        InvalidNumberFormat = 114,
        /// "Non-mobile number check not supported".
        NonMobileNumberNotSupported = 120,
        /// "Unknown error".
        UnknownError = 121,
        /// "Information not detected".
        InformationNotDetected = 122,
        /// "subBalance failed": the current page's failure sample (the balance could not
        /// be charged), with `data` `null` and a `cost`.
        SubBalanceFailed = 266,
    }
}

impl NumberCheckCode {
    /// The document's text for this code; `None` for a code it does not list.
    pub fn message(&self) -> Option<&'static str> {
        Some(match self {
            Self::Success => "Success",
            Self::InternalServerError => "Internal server error",
            Self::InvalidValue => "Invalid value in the request",
            Self::BackendServiceCallFailed => "Backend service call failed",
            Self::InvalidNumberFormat => "Invalid number format",
            Self::NonMobileNumberNotSupported => "Non-mobile number check not supported",
            Self::UnknownError => "Unknown error",
            Self::InformationNotDetected => "Information not detected",
            Self::SubBalanceFailed => "subBalance failed",
            Self::Other(_) => return None,
        })
    }
}

string_enum! {
    /// A check's answer: `YES`, `NO` or `UNKNOWN` ("YES/NO/UNKNOWN" in the old page's
    /// tables; `preCheck` is "YES/NO").
    pub enum Check {
        /// Yes.
        Yes = "YES",
        /// No.
        No = "NO",
        /// The check could not tell.
        Unknown = "UNKNOWN",
    }
}

string_enum! {
    /// `response`: what the call heard, in the dial check (the old page's list; the
    /// current page's call sample sends `voicemail`).
    pub enum DialResponse {
        /// The line rang.
        Bell = "bell",
        /// Music (a ring-back tone).
        Music = "music",
        /// The line was busy.
        Busy = "busy",
        /// No response.
        NoResponse = "no_response",
        /// The number is invalid.
        InvalidNumber = "invalid_number",
        /// The number is not available.
        NotAvailable = "not_available",
        /// The number is suspended.
        NumberPaused = "number_paused",
        /// The phone is off.
        PowerOff = "power_off",
        /// The phone is off or out of service.
        PowerOffOrOutOfService = "power_off_or_out_of_service",
        /// A voicemail answered.
        Voicemail = "voicemail",
        /// Something else.
        Others = "others",
    }
}

wire_object! {
    /// A number check's `cost`: what the check cost.
    pub struct NumberCheckCost {
        /// "Accurate to four decimal places": the price, exact as sent (`0.9230` keeps
        /// its four decimals). Required: the amount is what a cost is.
        #[serde(rename = "price", with = "crate::wire::decimal::number")]
        pub price: Decimal,
        /// The currency (`USD`, `CNY`).
        #[serde(rename = "currency", default)]
        pub currency: Option<String>,
    }
}

string_enum! {
    /// The current shape's `numberType` (号码类型): `mobile`, `others`, `invalid`.
    pub enum LineType {
        /// A mobile number.
        Mobile = "mobile",
        /// Another kind of number.
        Others = "others",
        /// Not a valid number.
        Invalid = "invalid",
    }
}

wire_object! {
    /// A number-check result in the current shape (the Chinese page of June 2024): the
    /// basic check, with the HLR check's fields (`mcc`, `mnc`, `ported`, `active`) and
    /// the call check's (`ring`, `answer`, `response`, in a September 2023 revision of
    /// the page) when those were asked for. Required are the check (`requestId`), its
    /// batch (`batchNo`, which also tells it from a Super Message receipt), the number
    /// checked (`phone`) and the result (`code`).
    ///
    /// ```
    /// use provider_payloads::nxcloud::{Callback, Check, LineType, NumberCheckCode};
    ///
    /// let body = r#"{"message":"请求成功","code":0,"batchNo":"901946960376",
    ///     "requestId":"9ddd1a8664124511bf28d3d280994961-000001","phone":"8613320xxxx",
    ///     "data":{"numberType":"mobile","operator":"china union","mcc":"310","mnc":"10",
    ///     "ported":"YES","active":"YES","country":"CN"},"cost":{"price":0.002,"currency":"CNY"}}"#;
    /// let Callback::NumberCheck(check) = Callback::from_json(body.as_bytes())? else { panic!() };
    /// assert_eq!(check.code, NumberCheckCode::Success);
    /// let data = check.data.as_ref().unwrap();
    /// assert_eq!((data.number_type.clone(), data.active.clone()), (Some(LineType::Mobile), Some(Check::Yes)));
    /// assert_eq!(check.cost.as_ref().unwrap().price.to_string(), "0.002");
    /// assert!(Callback::NumberCheck(check).event().is_none()); // a lookup, not a delivery
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct NumberCheck {
        /// "Message id, at most 64 characters" (消息id 最大长度为64位).
        #[serde(rename = "requestId")]
        pub request_id: String,
        /// "code=0 indicates success".
        #[serde(rename = "code")]
        pub code: NumberCheckCode,
        /// The code's message, as sent (`请求成功`, `subBalance failed`).
        #[serde(rename = "message", default)]
        pub message: Option<String>,
        /// The batch the check belongs to.
        #[serde(rename = "batchNo")]
        pub batch_no: String,
        /// The number checked.
        #[serde(rename = "phone")]
        pub phone: String,
        /// What the check found; `null` in the failure sample (kept, and written back,
        /// as `null`).
        #[serde(rename = "data", default)]
        pub data: Option<NumberCheckData>,
        /// What the check cost (the failure sample has one too).
        #[serde(rename = "cost", default)]
        pub cost: Option<NumberCheckCost>,
    }
}
json_payload!(NumberCheck, Provider::NxCloud, "number check");

impl NumberCheck {
    /// `None`: a number check is the result of a lookup, which reports no delivery.
    pub fn event(&self) -> Option<Event> {
        None
    }

    /// The HTTP answer NXCloud expects: 200 with an empty body ([`Answer::OK`]).
    pub fn answer(&self) -> Answer {
        Answer::OK
    }
}

wire_object! {
    /// The current shape's `data`: what the check found. The page's table was cut after
    /// `operator`; the other fields are typed as its samples show them.
    pub struct NumberCheckData {
        /// The number's type (号码类型): `mobile`, `others`, `invalid`.
        #[serde(rename = "numberType", default)]
        pub number_type: Option<LineType>,
        /// The operator (`china union`).
        #[serde(rename = "operator", default)]
        pub operator: Option<String>,
        /// The country's ISO code (区号 iso: `CN`).
        #[serde(rename = "country", default)]
        pub country: Option<String>,
        /// HLR: the mobile country code, as a string (`"310"`).
        #[serde(rename = "mcc", default)]
        pub mcc: Option<String>,
        /// HLR: the mobile network code, as a string (`"10"`).
        #[serde(rename = "mnc", default)]
        pub mnc: Option<String>,
        /// HLR: whether the number was ported to another operator.
        #[serde(rename = "ported", default)]
        pub ported: Option<Check>,
        /// HLR: whether the number is active.
        #[serde(rename = "active", default)]
        pub active: Option<Check>,
        /// Call check: whether it rang (an earlier revision of the page wrote `"yes"` in
        /// lower case, which is kept as an undocumented value).
        #[serde(rename = "ring", default)]
        pub ring: Option<Check>,
        /// Call check: whether it was answered.
        #[serde(rename = "answer", default)]
        pub answer: Option<Check>,
        /// Call check: what the call heard.
        #[serde(rename = "response", default)]
        pub response: Option<DialResponse>,
    }
}

wire_object! {
    /// A number-check result in the old shape (the English page, and the Chinese
    /// "Number-Check-API-callback-old"): the basic check in `data.basic`, and the HLR
    /// (`live`) or call (`dial`) check's findings beside it. Required are the check
    /// (`messageId`), its batch (`batchNo`), the number checked (`phone`) and the result
    /// (`code`).
    ///
    /// ```
    /// use provider_payloads::nxcloud::{Callback, NumberCheckCode, NumberType};
    ///
    /// let body = br#"{"messageId":"83ac9512-3c47-495d-a3c4-6d77a9f1149c","code":0,"msg":"success",
    ///     "batchNo":"700337042751","phone":"234800001xxxxx","data":{"basic":{"preCheck":"YES",
    ///     "regionCode":"CN","countryCode":"86","nationalNumber":"800001xxxxx",
    ///     "standNumber":"234800001xxxxx","numberType":2,"carrier":"China Telecom"}},
    ///     "cost":{"price":0.1912,"currency":"USD"}}"#;
    /// let Callback::LegacyNumberCheck(check) = Callback::from_json(body)? else { panic!() };
    /// let basic = check.data.as_ref().and_then(|data| data.basic.as_ref()).unwrap();
    /// assert_eq!(basic.number_type, Some(NumberType::Mobile));
    /// assert_eq!(check.code.message(), Some("Success"));
    /// # Ok::<(), provider_payloads::Error>(())
    /// ```
    pub struct LegacyNumberCheck {
        /// "Message ID, maximum length of 64 characters".
        #[serde(rename = "messageId")]
        pub message_id: String,
        /// "code=0 indicates success".
        #[serde(rename = "code")]
        pub code: NumberCheckCode,
        /// The code's message, as sent (`success`, `Invalid number format`).
        #[serde(rename = "msg", default)]
        pub msg: Option<String>,
        /// The batch the check belongs to.
        #[serde(rename = "batchNo")]
        pub batch_no: String,
        /// The number checked.
        #[serde(rename = "phone")]
        pub phone: String,
        /// What the checks found; a failure has none.
        #[serde(rename = "data", default)]
        pub data: Option<LegacyNumberCheckData>,
        /// What the check cost; a failure has none.
        #[serde(rename = "cost", default)]
        pub cost: Option<NumberCheckCost>,
    }
}
json_payload!(LegacyNumberCheck, Provider::NxCloud, "legacy number check");

impl LegacyNumberCheck {
    /// `None`: a number check is the result of a lookup, which reports no delivery.
    pub fn event(&self) -> Option<Event> {
        None
    }

    /// The HTTP answer NXCloud expects: 200 with an empty body ([`Answer::OK`]).
    pub fn answer(&self) -> Answer {
        Answer::OK
    }
}

wire_object! {
    /// The old shape's `data`: one object per check.
    pub struct LegacyNumberCheckData {
        /// The basic check.
        #[serde(rename = "basic", default)]
        pub basic: Option<BasicCheck>,
        /// The HLR check: whether the number is live.
        #[serde(rename = "live", default)]
        pub live: Option<LiveCheck>,
        /// The call check: what dialling it gave.
        #[serde(rename = "dial", default)]
        pub dial: Option<DialCheck>,
    }
}

code_enum! {
    /// `numberType` of the old shape's basic check: an integer.
    pub enum NumberType {
        /// "Other": a type the check names as such (an undocumented code is
        /// [`Other`](Self::Other)).
        OtherType = 0,
        /// "Fixed-line".
        FixedLine = 1,
        /// "Mobile".
        Mobile = 2,
        /// "Toll-free".
        TollFree = 3,
        /// "VOIP".
        Voip = 4,
        /// "Organization/Enterprise".
        Organization = 5,
        /// "Special private".
        SpecialPrivate = 6,
        /// "Voicemail".
        Voicemail = 7,
        /// "Special restricted".
        SpecialRestricted = 8,
    }
}

wire_object! {
    /// `data.basic`: the basic check of the number's form.
    pub struct BasicCheck {
        /// Whether the number passed the pre-check ("YES/NO").
        #[serde(rename = "preCheck", default)]
        pub pre_check: Option<Check>,
        /// The region's code (`CN`).
        #[serde(rename = "regionCode", default)]
        pub region_code: Option<String>,
        /// The country calling code (`"86"`).
        #[serde(rename = "countryCode", default)]
        pub country_code: Option<String>,
        /// The national number.
        #[serde(rename = "nationalNumber", default)]
        pub national_number: Option<String>,
        /// The number in its standard form.
        #[serde(rename = "standNumber", default)]
        pub stand_number: Option<String>,
        /// The number's type.
        #[serde(rename = "numberType", default)]
        pub number_type: Option<NumberType>,
        /// The carrier (`China Telecom`).
        #[serde(rename = "carrier", default)]
        pub carrier: Option<String>,
    }
}

wire_object! {
    /// `data.live`: the HLR check ("YES"/"NO"/"UNKNOWN" each).
    pub struct LiveCheck {
        /// Whether the number is valid.
        #[serde(rename = "validity", default)]
        pub validity: Option<Check>,
        /// Whether it is reachable.
        #[serde(rename = "reachable", default)]
        pub reachable: Option<Check>,
        /// Whether it is roaming.
        #[serde(rename = "roaming", default)]
        pub roaming: Option<Check>,
    }
}

wire_object! {
    /// `data.dial`: the call check.
    pub struct DialCheck {
        /// Whether there was an early answer ("YES"/"NO"/"UNKNOWN").
        #[serde(rename = "early", default)]
        pub early: Option<Check>,
        /// Whether the call was answered.
        #[serde(rename = "answered", default)]
        pub answered: Option<Check>,
        /// What the call heard.
        #[serde(rename = "response", default)]
        pub response: Option<DialResponse>,
    }
}
