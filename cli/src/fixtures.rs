//! The fixtures bundled with the crate, built into the command (see `build.rs`), and
//! `provider-payloads parse` with no input, which parses and lists them.

use std::io::{self, Write};
use std::process::ExitCode;

use provider_payloads::Provider;

use crate::parse::{Sent, parse};

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

/// Parses every valid fixture bundled with the crate, telling each one's provider from
/// its shape, and prints a line for each.
pub(crate) fn list(out: &mut impl Write) -> io::Result<ExitCode> {
    let mut failed = 0_usize;
    let mut count = 0_usize;
    for provider in Provider::ALL {
        let folder = format!("fixtures/{}/", provider.as_str());
        for (shown, body) in FIXTURES
            .iter()
            .filter(|(path, _)| path.starts_with(&folder))
        {
            count += 1;
            let outcome = parse(None, body, Sent::of(shown)).and_then(|payload| {
                if payload.provider() == provider {
                    Ok(payload)
                } else {
                    Err(format!("detected as {}", payload.provider()))
                }
            });
            match outcome {
                Ok(payload) => writeln!(
                    out,
                    "{:<64} {:<8} {:<24} {:<18} ok",
                    shown,
                    provider.as_str(),
                    payload.kind(),
                    payload.event().map_or("-", |event| event.kind()),
                )?,
                Err(err) => {
                    failed += 1;
                    writeln!(
                        out,
                        "{:<64} {:<8} {:<24} {:<18} FAILED: {err}",
                        shown,
                        provider.as_str(),
                        "?",
                        "?"
                    )?;
                }
            }
        }
    }
    writeln!(
        out,
        "{count} fixtures, {} ok, {failed} failed",
        count - failed
    )?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
