//! The NXCloud entry points on any bytes: `Callback`, `Receipt`, `Reply`,
//! `SuperMessageReceipt`, `NumberCheck` and `LegacyNumberCheck`, each with `from_json` and
//! `from_json_strict`. What parses is inspected (its event and findings),
//! the strict read agrees with the lenient one, and written back with `to_json` it reads
//! as an equal value and is the same JSON as the input.
//!
//! The SMS receipt is a form: `SmsReceipt::from_form` and `from_form_strict` agree, and
//! what parses, written back with `to_form`, reads as an equal value and is the very
//! text it came as (white space around it aside); `Callback::from_request` reads the
//! same bytes as a body and as a query string.

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_payloads::nxcloud::{
    Callback, LegacyNumberCheck, NumberCheck, Receipt, Reply, SmsReceipt, SuperMessageReceipt,
};
use provider_payloads::{Event, Provider};
use provider_payloads_fuzz::{
    inspect, inspect_error, inspect_event, json_type, strict_agrees, written_back,
};

fuzz_target!(|data: &[u8]| {
    if let Some(callback) = json_type!(data, Callback, Provider::NxCloud) {
        let _ = callback.kind();
        if let Some(event) = callback.event() {
            inspect_event(&event);
        }
    }
    if let Some(receipt) = json_type!(data, Receipt, Provider::NxCloud) {
        let _ = receipt.status.delivery_state();
        inspect_event(&Event::Delivery(receipt.delivery()));
    }
    if let Some(reply) = json_type!(data, Reply, Provider::NxCloud) {
        inspect_event(&Event::Inbound(reply.inbound()));
    }
    if let Some(receipt) = json_type!(data, SuperMessageReceipt, Provider::NxCloud) {
        let _ = receipt.delivery_state();
        inspect_event(&Event::Delivery(receipt.delivery()));
    }
    if let Some(check) = json_type!(data, NumberCheck, Provider::NxCloud) {
        let _ = check.code.message();
    }
    if let Some(check) = json_type!(data, LegacyNumberCheck, Provider::NxCloud) {
        let _ = check.code.message();
    }
    sms_receipt(data);
    let text = String::from_utf8_lossy(data);
    for read in [
        Callback::from_request(data, ""),
        Callback::from_request(b"", &text),
    ] {
        match read {
            Ok(callback) => {
                inspect(&callback);
                let _ = (callback.answer(), callback.event());
                if let Err(err) = callback.to_wire() {
                    panic!("it parsed but is not written back: {err}\n{callback:#?}");
                }
            }
            Err(err) => inspect_error(&err, Some(Provider::NxCloud)),
        }
    }
});

/// The SMS receipt's form: read leniently and strictly, and written back as it came.
fn sms_receipt(data: &[u8]) {
    let lenient = SmsReceipt::from_form(data);
    let strict = SmsReceipt::from_form_strict(data);
    strict_agrees(&lenient, &strict);
    match &lenient {
        Ok(receipt) => {
            inspect(receipt);
            let _ = receipt.unknown_parameters().count();
            inspect_event(&Event::Delivery(receipt.delivery()));
            let wire = written_back(
                receipt,
                |receipt| Ok(receipt.to_form().into_bytes()),
                SmsReceipt::from_form,
            );
            let came = std::str::from_utf8(data).unwrap_or_default().trim();
            assert_eq!(
                String::from_utf8_lossy(&wire),
                came,
                "written back, the form is not the one that came"
            );
        }
        Err(err) => inspect_error(err, Some(Provider::NxCloud)),
    }
}
