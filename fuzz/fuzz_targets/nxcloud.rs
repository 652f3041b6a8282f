//! The NXCloud entry points on any bytes: `Callback`, `Receipt`, `Reply`,
//! `SuperMessageReceipt`, `NumberCheck` and `LegacyNumberCheck`, each with `from_json` and
//! `from_json_strict`. What parses is inspected (its event and findings),
//! the strict read agrees with the lenient one, and written back with `to_json` it reads
//! as an equal value and is the same JSON as the input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_payloads::nxcloud::{
    Callback, LegacyNumberCheck, NumberCheck, Receipt, Reply, SuperMessageReceipt,
};
use provider_payloads::{Event, Provider};
use provider_payloads_fuzz::{inspect_event, json_type};

fuzz_target!(|data: &[u8]| {
    if let Some(callback) = json_type!(data, Callback, Provider::NxCloud) {
        let _ = callback.kind();
        if let Some(event) = callback.event() {
            inspect_event(&event);
        }
    }
    if let Some(receipt) = json_type!(data, Receipt, Provider::NxCloud) {
        let _ = receipt.status.delivery_state();
        inspect_event(&Event::Delivery(receipt.event()));
    }
    if let Some(reply) = json_type!(data, Reply, Provider::NxCloud) {
        inspect_event(&Event::Inbound(reply.event()));
    }
    if let Some(receipt) = json_type!(data, SuperMessageReceipt, Provider::NxCloud) {
        let _ = receipt.delivery_state();
        inspect_event(&Event::Delivery(receipt.event()));
    }
    if let Some(check) = json_type!(data, NumberCheck, Provider::NxCloud) {
        let _ = check.code.message();
    }
    if let Some(check) = json_type!(data, LegacyNumberCheck, Provider::NxCloud) {
        let _ = check.code.message();
    }
});
