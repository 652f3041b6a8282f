//! The eSMS entry points on any text: `Callback::from_query`, `from_query_strict` and
//! `from_url`. What parses is inspected (its event and findings), the strict read agrees
//! with the lenient one, and written back with `to_query` it reads as an equal callback
//! with the same keys and decoded values as the input.
//!
//! And on the same bytes as JSON: `Payload` (which tells the answers of the status
//! functions apart) and each answer's own type, with `from_json` and `from_json_strict`;
//! written back with `to_json`, what parses reads as an equal value and is the same JSON
//! as the input. GetCallback's records are callbacks: each is used as one too.

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_payloads::esms::{
    Callback, GetCallbackResponse, GetSendStatusResponse, GetZaloMessageStatusResponse, Payload,
    QueryZnsStatusResponse,
};
use provider_payloads::{Error, Event, Provider};
use provider_payloads_fuzz::{
    inspect, inspect_error, inspect_event, json_type, same_query, strict_agrees, written_back,
};

fn use_callback(callback: &Callback) -> Vec<u8> {
    inspect(callback);
    let _ = callback.delivery_state();
    inspect_event(&Event::Delivery(callback.delivery()));
    for (key, value) in callback.unknown_parameters() {
        let _ = (key.len(), value.len());
    }
    written_back(
        callback,
        |callback| Ok(callback.to_query().into_bytes()),
        |wire| Callback::from_query(&String::from_utf8_lossy(wire)),
    )
}

fn check(result: &Result<Callback, Error>) -> Option<Vec<u8>> {
    match result {
        Ok(callback) => Some(use_callback(callback)),
        Err(err) => {
            inspect_error(err, Some(Provider::Esms));
            None
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lenient = Callback::from_query(&text);
    strict_agrees(&lenient, &Callback::from_query_strict(&text));
    if let Some(wire) = check(&lenient) {
        same_query(&text, &String::from_utf8_lossy(&wire));
    }
    check(&Callback::from_url(&text));

    if let Some(payload) = json_type!(data, Payload, Provider::Esms) {
        let _ = (payload.kind(), payload.event());
    }
    if let Some(answer) = json_type!(data, GetCallbackResponse, Provider::Esms) {
        for callback in answer.callbacks() {
            let _ = callback.to_query();
            inspect_event(&Event::Delivery(callback.delivery()));
        }
    }
    json_type!(data, QueryZnsStatusResponse, Provider::Esms);
    json_type!(data, GetSendStatusResponse, Provider::Esms);
    json_type!(data, GetZaloMessageStatusResponse, Provider::Esms);
});
