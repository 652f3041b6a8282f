//! eSMS's closed sets: a message's status, type and network, as the callback and the
//! status answers give them, and the codes of the API's answers ("Bảng mã lỗi").

use crate::wire::enums::code_enum;

code_enum! {
    /// `SendStatus`: "Messages status".
    pub enum SendStatus {
        /// "Pending approval."
        PendingApproval = 1,
        /// "Waiting to send."
        WaitingToSend = 2,
        /// "Reject."
        Rejected = 4,
        /// "Sent Successfully."
        SentSuccessfully = 5,
        /// "Sent to the telco, waiting for the report."
        SentToTelco = 7,
    }
}

code_enum! {
    /// `TypeId`: "Type of messages". The table lists 1, 2, 23, 24 and 25; the samples
    /// add 26 and 27, which are variants here too.
    pub enum TypeId {
        /// "Promo."
        Promo = 1,
        /// "Customer care / OTP."
        CustomerCare = 2,
        /// "Viber."
        Viber = 23,
        /// "ZNS OTP."
        ZnsOtp = 24,
        /// "Customer care ZNS messages."
        ZnsCustomerCare = 25,
        /// Not in the table: the samples "for Consulting Messages", "for Transaction
        /// Messages" and "for user information request form" send 26.
        ZaloConsultingOrTransaction = 26,
        /// Not in the table: the sample "for ZNS Journey" sends 27.
        ZnsJourney = 27,
    }
}

code_enum! {
    /// `telcoid`: "Network", the recipient's mobile operator.
    pub enum Telco {
        /// "Viettel".
        Viettel = 1,
        /// "Mobi" (MobiFone).
        Mobi = 2,
        /// "Vina" (VinaPhone).
        Vina = 3,
        /// "Vietnammobile".
        Vietnamobile = 4,
        /// "Gtel" ("Gmobile" in GetCallback's table).
        Gtel = 5,
        /// "Itel".
        Itel = 6,
        /// "Reddi".
        Reddi = 7,
        /// Not in the table: the sample "ZNS sent by UID" sends 9, for a ZNS message sent
        /// to a Zalo user id (its `phonenumber` is that id, `5308693166941955879`). That 9
        /// means "no mobile operator: a Zalo user" is an inference from that one sample;
        /// no document says what it means.
        ZaloUser = 9,
    }
}

code_enum! {
    /// The code of an eSMS API answer (`Code`, `CodeResult`, `CodeResponse`): the general
    /// table "Bảng mã lỗi" (`esms-api/bang-ma-loi.md`), each code with its "Thông tin
    /// lỗi" (what went wrong), translated briefly. The status functions answer with 100,
    /// 101, 105, 160, 851 and 854; the table lists the codes of every function.
    pub enum ResponseCode {
        /// 99: "Số điện thoại bị chặn trên hệ thống" (the phone number is blocked).
        PhoneNumberBlocked = 99,
        /// 100: "Request được gửi đến ViHAT thành công" (the request reached eSMS). It
        /// "không phản ánh việc tin nhắn đã được gửi đến số điện thoại người nhận": it
        /// does not say the message reached the recipient.
        Success = 100,
        /// 101: "Sai thông tin ApiKey hoặc SecretKey" (wrong ApiKey or SecretKey).
        InvalidApiKey = 101,
        /// 102: "Không có bảng giá" (no price list).
        NoPriceList = 102,
        /// 103: "Không đủ số dư để gửi tin" (the balance does not cover the message).
        InsufficientBalance = 103,
        /// 104: "Brandname/ Mã cuộc gọi không tồn tại" (no such brand name or call code).
        BrandnameNotFound = 104,
        /// 105: "Không tìm thấy mã tin nhắn/ Mã cuộc gọi trên hệ thống" (no such message
        /// or call): check the SMSID or try later, "mới gửi tin sẽ không call api lấy
        /// trạng thái ngay được" (a message just sent cannot be queried at once).
        MessageNotFound = 105,
        /// 106: "File ghi âm không tồn tại" (no such recording).
        RecordingNotFound = 106,
        /// 107: "Mỗi request phải có ít nhất 30 số điện thoại (không trùng nhau)" (an
        /// advertising request needs at least 30 distinct numbers).
        TooFewNumbers = 107,
        /// 108: "Số điện thoại không đúng định dạng" (a malformed phone number).
        InvalidPhoneNumber = 108,
        /// 110: "Dữ liệu yêu cầu không đúng" (the request's data is wrong).
        InvalidRequestData = 110,
        /// 115: "Dữ liệu hashphone không đúng" (the hashed phone numbers are wrong).
        InvalidHashphone = 115,
        /// 118: "Loại tin nhắn không hỗ trợ" (the message type is not supported).
        UnsupportedMessageType = 118,
        /// 120: "Danh sách số điện thoại gửi tin vượt quá giới hạn" (too many numbers).
        TooManyNumbers = 120,
        /// 124: "Trùng RequestId khi gửi tin" (the RequestId was used before).
        DuplicateRequestId = 124,
        /// 140: "IP chưa được whitelist để gửi tin" (the caller's IP is not whitelisted).
        IpNotWhitelisted = 140,
        /// 143: "Tài khoản của bạn chưa kích hoạt hoặc bị khóa" (the account is not
        /// activated, or is locked).
        AccountInactive = 143,
        /// 146: "Sai template chăm sóc khách hàng" (the wrong customer-care template).
        InvalidCustomerCareTemplate = 146,
        /// 160: "Vượt giới hạn TPS" (over the requests-per-second limit).
        TpsExceeded = 160,
        /// 163: "Danh sách số điện thoại gửi tin vượt quá giới hạn ( 1 SĐT/request)"
        /// (more than one number in a request for cheap fixed-number SMS).
        OneNumberPerRequest = 163,
        /// 171: "Mã đã được sử dụng, mã hết hạn hoặc mã không áp dụng cho số điện thoại
        /// cần check" (a code used, expired, or not for this number).
        CodeNotApplicable = 171,
        /// 177: "Nhà mạng chưa được đăng ký" (the network is not registered).
        NetworkNotRegistered = 177,
        /// 199: "Yêu cầu này đã tồn tại, đang xử lý" (the same request is in progress).
        RequestInProgress = 199,
        /// 201: "Nội dung có chứa từ khóa chặn" (the content holds a blocked keyword).
        BlockedKeyword = 201,
        /// 204: "OAID không tồn tại trên hệ thống" (no such Zalo OA).
        OaNotFound = 204,
        /// 210: "Không đúng payload theo quy định" (the payload is not the one required).
        InvalidPayload = 210,
        /// 300: "Thiếu loại tin nhắn" (the message type is missing).
        MessageTypeMissing = 300,
        /// 301: "Mã của loại dịch vụ chưa hỗ trợ" (the service code is not supported).
        UnsupportedServiceCode = 301,
        /// 687: "Danh sách yêu cầu vượt quá 500 số điện thoại" (over 500 numbers).
        Over500Numbers = 687,
        /// 789: "Template chưa được cấu hình cho OA ID bạn đang sử dụng" (the template is
        /// not set up for this OA).
        TemplateNotConfigured = 789,
        /// 790: "Sai template ZNS" (the wrong ZNS template).
        InvalidZnsTemplate = 790,
        /// 791: "Thiếu OA ID hoặc Template ID" (the OA id or the template id is missing).
        OaOrTemplateMissing = 791,
        /// 799: "OAID không active - OAID Sai - OAID chưa được add vào tài khoản" (the OA
        /// is inactive, wrong, or not added to the account).
        OaUnavailable = 799,
        /// 801: "Gửi tin chế độ Gửi vượt hạn mức không cho phép gửi tin hẹn giờ" (a
        /// message over the quota cannot be scheduled).
        OverQuotaNotScheduled = 801,
        /// 802: "OA chưa được phép gửi tin chế độ Gửi vượt hạn mức" (the OA may not send
        /// over its quota).
        OverQuotaNotAllowed = 802,
        /// 851: "Thiếu MessageId hoặc SMSID" (the MessageId or SMSID is missing).
        MessageIdMissing = 851,
        /// 854: "Không tìm thấy dữ liệu" (no data found).
        NoData = 854,
    }
}

impl ResponseCode {
    /// Whether the request was taken: 100. (For a message, whether it was delivered is
    /// its own status.)
    pub fn is_success(&self) -> bool {
        *self == ResponseCode::Success
    }
}
