// Included by the tests of the `testing` kit (`#[path]`): not a module of `common`, whose
// other users (the CLI's tests) build without the `testing` feature.

//! The `testing` kit's samples as a receiver with every check takes them: its policy, and
//! a sample with its token and secret.

use provider_payloads::http::Policy;
use provider_payloads::http::testing::Sample;
use provider_payloads::viva::{Environment, SubscriptionSecret};
use provider_payloads::wappin::CallbackToken;

pub const TOKEN: &str = "wappin-callback-token";
pub const SECRET: &str = "viva-subscription-secret";

/// A policy with a Wappin token, a Viva secret, Viva's production addresses and the
/// samples' verification key.
pub fn policy() -> Policy {
    Policy::new()
        .wappin_token(CallbackToken::new(TOKEN).unwrap())
        .viva_signature(SubscriptionSecret::new(SECRET).unwrap())
        .viva_sources(Environment::Production)
        .viva_verification(Sample::viva_verification_key())
}

/// `sample` with the policy's token and secret.
pub fn signed(sample: Sample) -> Sample {
    sample
        .wappin_token(TOKEN)
        .viva_secret(&SubscriptionSecret::new(SECRET).unwrap())
}
