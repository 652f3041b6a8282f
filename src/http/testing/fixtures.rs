//! The table of samples: each callback fixture of the crate, and how its provider sends
//! it. The fixtures ship in the package and are built in (`include_bytes!`).

use crate::Provider;

/// How a provider sends a body: what a file's extension says (`.json`, `.form`,
/// `.query`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SentAs {
    /// A `POST` with a JSON body.
    Json,
    /// A `POST` with a form body (NXCloud's SMS receipt).
    Form,
    /// The URL's query string, no body: eSMS's `GET`, NXCloud's SMS receipt `POST` (for
    /// its customers registered before May 2023).
    Query,
}

impl SentAs {
    /// What a file's extension says: `json`, `form` or `query`.
    pub(crate) fn of_extension(extension: &str) -> Option<SentAs> {
        match extension {
            "json" => Some(SentAs::Json),
            "form" => Some(SentAs::Form),
            "query" => Some(SentAs::Query),
            _ => None,
        }
    }
}

/// One sample: its provider, its fixture's file stem, how it is sent, and the file.
pub(crate) struct Row {
    pub(crate) provider: Provider,
    pub(crate) stem: &'static str,
    pub(crate) sent_as: SentAs,
    pub(crate) file: &'static [u8],
}

/// The file stem of Viva's URL verification sample, whose fixture holds the key that
/// answers it; it is sent as a `GET` with nothing.
pub(crate) const VIVA_VERIFICATION: &str = "verification";

/// The key of Viva's URL verification in its fixture (`fixtures/viva/verification.json`).
#[cfg(test)]
pub(crate) const VIVA_VERIFICATION_FILE: &[u8] =
    include_bytes!("../../../fixtures/viva/verification.json");

/// A row of [`ROWS`]: `provider folder stem extension`.
macro_rules! rows {
    ($($provider:ident $folder:literal $stem:literal $ext:ident;)*) => {
        &[$(Row {
            provider: Provider::$provider,
            stem: $stem,
            sent_as: rows!(@sent $ext),
            file: include_bytes!(concat!("../../../fixtures/", $folder, "/", $stem, ".", stringify!($ext))),
        },)*]
    };
    (@sent json) => { SentAs::Json };
    (@sent form) => { SentAs::Form };
    (@sent query) => { SentAs::Query };
}

/// Every fixture that a provider posts (or, eSMS, GETs) to a webhook: the payloads a
/// webhook route takes. The API's requests and answers are not here, nor Viva's URL
/// verification, which is no file sent.
pub(crate) const ROWS: &[Row] = rows! {
    NxCloud "nxcloud" "number_check_basic" json;
    NxCloud "nxcloud" "number_check_call_rev2023" json;
    NxCloud "nxcloud" "number_check_failure_266" json;
    NxCloud "nxcloud" "number_check_hlr" json;
    NxCloud "nxcloud" "number_check_legacy_basic" json;
    NxCloud "nxcloud" "number_check_legacy_call" json;
    NxCloud "nxcloud" "number_check_legacy_failure_114" json;
    NxCloud "nxcloud" "number_check_legacy_hlr" json;
    NxCloud "nxcloud" "receipt_delivered" json;
    NxCloud "nxcloud" "receipt_delivered_cost_saas" json;
    NxCloud "nxcloud" "receipt_expired" json;
    NxCloud "nxcloud" "receipt_failed" json;
    NxCloud "nxcloud" "receipt_seen" json;
    NxCloud "nxcloud" "receipt_success_cost" json;
    NxCloud "nxcloud" "receipt_success_cost_cn_flat" json;
    NxCloud "nxcloud" "receipt_zalo_delivered_17003" json;
    NxCloud "nxcloud" "receipt_zalo_failed_17004" json;
    NxCloud "nxcloud" "receipt_zalo_journey_acknowledged" json;
    NxCloud "nxcloud" "receipt_zalo_success_zalores" json;
    NxCloud "nxcloud" "reply_media" json;
    NxCloud "nxcloud" "reply_text" json;
    NxCloud "nxcloud" "sms_receipt_post_body" form;
    NxCloud "nxcloud" "sms_receipt_post_body_en_wiki" form;
    NxCloud "nxcloud" "sms_receipt_url_query" query;
    NxCloud "nxcloud" "super_message_receipt_viber_14004" json;
    Esms "esms" "customer_care_sms_type2" query;
    Esms "esms" "promo_sms_type1" query;
    Esms "esms" "viber_type23" query;
    Esms "esms" "zalo_consulting_type26" query;
    Esms "esms" "zalo_transaction_type26" query;
    Esms "esms" "zalo_user_information_form_type26" query;
    Esms "esms" "zns_journey_type27" query;
    Esms "esms" "zns_type25_failed_minus114" query;
    Wappin "wappin" "callback_message" json;
    Wappin "wappin" "callback_status" json;
    Viva "viva" "account_connected_8193" json;
    Viva "viva" "account_transaction_created_2054" json;
    Viva "viva" "account_verification_status_changed_8194" json;
    Viva "viva" "obligation_captured_5633" json;
    Viva "viva" "obligation_created_5632" json;
    Viva "viva" "reversal_type_11_wallet_refund" json;
    Viva "viva" "reversal_type_13_refund_card_from_claim" json;
    Viva "viva" "reversal_type_17_void_cash" json;
    Viva "viva" "reversal_type_4_refund_card" json;
    Viva "viva" "sale_transactions" json;
    Viva "viva" "transaction_payment_created" json;
    Viva "viva" "transaction_price_calculated_1799" json;
    Viva "viva" "transaction_price_calculated_1799_reseller_id" json;
    Viva "viva" "transaction_reversal_created" json;
    Viva "viva" "transfer_created_8448" json;
};
