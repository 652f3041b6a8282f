//! The Wappin entry points on any bytes: `Payload` (which tells the kinds apart) and each
//! kind's own type (the v2 API's too), each with `from_json` and `from_json_strict`. What parses is
//! inspected (events, status rows, endpoints, findings), the strict read agrees with the
//! lenient one, and written back with `to_json` it reads as an equal value and is the
//! same JSON as the input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_payloads::Provider;
use provider_payloads::wappin::{
    Acknowledgement, Callback, Endpoint, Inquiry, NumberChecker, Payload, Response, SendHsm,
    SendMedia, SendText, TokenResponse, V2Response, V2SendRequest,
};
use provider_payloads_fuzz::{inspect_event, json_type};

fuzz_target!(|data: &[u8]| {
    if let Some(payload) = json_type!(data, Payload, Provider::Wappin) {
        let _ = payload.kind();
    }
    if let Some(callback) = json_type!(data, Callback, Provider::Wappin) {
        let _ = (callback.callback_type(), callback.message_id());
        if let Some(event) = callback.event() {
            inspect_event(&event);
        }
    }
    json_type!(data, Acknowledgement, Provider::Wappin);
    // Each request type, with the endpoint it is posted to.
    macro_rules! request {
        ($($ty:ty),*) => {$(
            if let Some(request) = json_type!(data, $ty, Provider::Wappin) {
                let _ = request.endpoint();
            }
        )*};
    }
    request!(SendHsm, SendText, SendMedia, Inquiry, NumberChecker);
    if let Some(response) = json_type!(data, TokenResponse, Provider::Wappin) {
        let _ = response.status_row();
    }
    if let Some(response) = json_type!(data, Response, Provider::Wappin) {
        for endpoint in Endpoint::ALL {
            let _ = response.status_row(endpoint);
        }
    }
    if let Some(response) = json_type!(data, V2Response, Provider::Wappin) {
        let _ = (response.error(), response.token(), response.message_id());
    }
    json_type!(data, V2SendRequest, Provider::Wappin);
});
