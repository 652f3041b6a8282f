//! The Viva entry points on any bytes: `Payload` (which tells the kinds apart),
//! `Webhook`, `Message` with each event's data and with raw data, the bodies with no
//! envelope (`Obligation`, `SaleTransactionsFile`), `TransactionEventData`,
//! `Verification`, `IsvVerification`, `MessageList` and `MessageDetails`, each with
//! `from_json` and `from_json_strict`; `Timestamp`'s `FromStr` on the input as text; and
//! the signature check of signed notifications. What parses is inspected (events,
//! findings), the strict read agrees with the lenient one, and written back it reads as
//! an equal value and is the same JSON as the input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_payloads::viva::{
    AccountConnected, AccountTransactionCreated, AccountVerificationStatusChanged,
    CommandBankTransfer, IsvVerification, Message, MessageDetails, MessageList, Obligation,
    OrderUpdated, Payload, PosEcrSession, SaleTransactionsFile, SubscriptionSecret, Timestamp,
    TransactionEventData, TransactionPriceCalculated, TransferCreated, Verification, Webhook,
};
use provider_payloads::{Provider, RawJson};
use provider_payloads_fuzz::{inspect_event, json_type};

fuzz_target!(|data: &[u8]| {
    if let Some(payload) = json_type!(data, Payload, Provider::Viva) {
        let _ = payload.kind();
    }
    if let Some(webhook) = json_type!(data, Webhook, Provider::Viva) {
        let _ = (webhook.event_type_id(), webhook.created());
        if let Some(event) = webhook.event() {
            inspect_event(&event);
        }
    }
    if let Some(message) = json_type!(data, Message<TransactionEventData>, Provider::Viva) {
        if let Some(event) = message.event() {
            inspect_event(&event);
        }
    }
    json_type!(data, Message<TransactionPriceCalculated>, Provider::Viva);
    json_type!(data, Message<PosEcrSession>, Provider::Viva);
    json_type!(data, Message<AccountTransactionCreated>, Provider::Viva);
    json_type!(data, Message<CommandBankTransfer>, Provider::Viva);
    json_type!(data, Message<OrderUpdated>, Provider::Viva);
    json_type!(data, Message<AccountConnected>, Provider::Viva);
    json_type!(
        data,
        Message<AccountVerificationStatusChanged>,
        Provider::Viva
    );
    json_type!(data, Message<TransferCreated>, Provider::Viva);
    json_type!(data, Obligation, Provider::Viva);
    json_type!(data, SaleTransactionsFile, Provider::Viva);
    json_type!(data, Message<RawJson>, Provider::Viva);
    json_type!(data, TransactionEventData, Provider::Viva);
    json_type!(data, Verification, Provider::Viva);
    json_type!(data, IsvVerification, Provider::Viva);
    json_type!(data, MessageList, Provider::Viva);
    json_type!(data, MessageDetails, Provider::Viva);

    // A signature header of the input's first bytes, checked against the input: refused
    // or accepted, never a panic.
    if let Ok(secret) = SubscriptionSecret::new("secret") {
        let _ = secret.verify(data, data.get(..64).unwrap_or(data));
    }

    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(time) = text.parse::<Timestamp>() {
            let _ = (time.naive_local(), time.offset(), time.to_utc());
            let written = time.to_string();
            assert_eq!(
                written.parse::<Timestamp>().ok(),
                Some(time),
                "a timestamp written as {written} reads as another"
            );
        }
    }
});
