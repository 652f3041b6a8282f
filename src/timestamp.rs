//! ISO 8601 times as Viva writes them, kept exactly as written.
//!
//! The document's samples write `"InsDate": "2014-06-18T14:20:30.45+03:00"`; real
//! webhooks write `"Created": "2021-09-02T07:39:28.8496795Z"` (seven decimals, `Z`) and
//! `"InsDate": "2021-09-02T10:39:28.73"` (no offset at all). [`Timestamp`] reads all of
//! them, never invents an offset that was not sent, and writes each back with the same
//! decimals and the same offset spelling.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Timelike, Utc};
use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

use crate::unrecognized::{FieldPath, ListUnrecognized, Unrecognized};
use crate::wire::time::{DateTimeSeconds, deserialize_text, parse_date_time};

/// How the offset was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Zone {
    /// No offset: a local time.
    Local,
    /// `Z`.
    Utc,
    /// `+03:00`, `-05:30`.
    Offset(FixedOffset),
    /// ` +00:00`: an offset after a space, as Viva's Sale Transactions notification
    /// writes its `ExpirationDate` (`"2022-07-08T01:09:06.239 +00:00"`).
    SpacedOffset(FixedOffset),
}

/// A date and time to a fraction of a second, with the offset the provider wrote, if any
/// (Viva's `InsDate`, `Created`).
///
/// Two timestamps are equal when they were written the same way: the same local time,
/// decimals and offset.
///
/// ```
/// use provider_payloads::viva::Timestamp;
///
/// let sample: Timestamp = "2014-06-18T14:20:30.45+03:00".parse().unwrap();
/// assert_eq!(sample.offset().map(|o| o.local_minus_utc()), Some(3 * 3600));
/// assert_eq!(sample.naive_local().and_utc().timestamp_subsec_millis(), 450);
/// assert_eq!(sample.to_string(), "2014-06-18T14:20:30.45+03:00");
///
/// // Real webhooks also send times with no offset: they stay local.
/// let local: Timestamp = "2021-09-02T10:39:28.73".parse().unwrap();
/// assert_eq!(local.offset(), None);
/// assert_eq!(local.to_utc(), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp {
    local: NaiveDateTime,
    decimals: u8,
    zone: Zone,
}

/// The error of reading a [`Timestamp`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a date and time like `2014-06-18T14:20:30.45+03:00`")]
pub struct TimestampError;

impl Timestamp {
    /// A local time with no offset, to whole seconds (NXCloud's `sendTime`).
    pub fn local(time: NaiveDateTime) -> Self {
        Timestamp {
            local: time.with_nanosecond(0).unwrap_or(time),
            decimals: 0,
            zone: Zone::Local,
        }
    }

    /// A UTC time, to whole seconds, written with `Z` (Wappin's unix `timestamp`).
    pub fn utc(time: DateTime<Utc>) -> Self {
        Timestamp {
            zone: Zone::Utc,
            ..Timestamp::local(time.naive_utc())
        }
    }

    /// The date and time as written, without its offset.
    pub fn naive_local(&self) -> NaiveDateTime {
        self.local
    }

    /// The offset from UTC that was written (`Z` is zero); `None` for a local time.
    pub fn offset(&self) -> Option<FixedOffset> {
        match self.zone {
            Zone::Local => None,
            Zone::Utc => FixedOffset::east_opt(0),
            Zone::Offset(offset) | Zone::SpacedOffset(offset) => Some(offset),
        }
    }

    /// The time with its offset; `None` for a local time, whose offset nobody sent.
    pub fn with_offset(&self) -> Option<DateTime<FixedOffset>> {
        self.local.and_local_timezone(self.offset()?).single()
    }

    /// The time in UTC; `None` for a local time.
    pub fn to_utc(&self) -> Option<DateTime<Utc>> {
        self.with_offset().map(|time| time.with_timezone(&Utc))
    }
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    /// Reads `YYYY-MM-DDTHH:MM:SS`, then optionally `.` and 1 to 9 decimals, then
    /// optionally `Z` or `±HH:MM` (after a space too, as Viva's Sale Transactions write it).
    fn from_str(text: &str) -> Result<Self, TimestampError> {
        let (seconds, rest) = text.split_at_checked(19).ok_or(TimestampError)?;
        let local = parse_date_time(seconds, b'T').ok_or(TimestampError)?;
        let (decimals, nanos, rest) = match rest.strip_prefix('.') {
            Some(fraction) => {
                // The decimals' value, read in one pass; a tenth digit is refused before
                // it is added, so the value is at most 999 999 999 and fits a u32.
                let mut value = 0_u32;
                let mut count = 0_u8;
                for digit in fraction.bytes().take_while(u8::is_ascii_digit) {
                    if count == 9 {
                        return Err(TimestampError);
                    }
                    value = value.wrapping_mul(10).wrapping_add(u32::from(digit & 0x0f));
                    count = count.wrapping_add(1);
                }
                if count == 0 {
                    return Err(TimestampError);
                }
                let rest = fraction.get(usize::from(count)..).ok_or(TimestampError)?;
                let nanos = value
                    .checked_mul(decimal_scale(count))
                    .ok_or(TimestampError)?;
                (count, nanos, rest)
            }
            None => (0, 0, rest),
        };
        let local = local.with_nanosecond(nanos).ok_or(TimestampError)?;
        let zone = match rest {
            "" => Zone::Local,
            "Z" => Zone::Utc,
            offset => match offset.strip_prefix(' ') {
                Some(offset) => Zone::SpacedOffset(parse_offset(offset).ok_or(TimestampError)?),
                None => Zone::Offset(parse_offset(offset).ok_or(TimestampError)?),
            },
        };
        Ok(Timestamp {
            local,
            decimals,
            zone,
        })
    }
}

/// The nanoseconds one unit of the last of `decimals` decimals stands for (`2` decimals:
/// 10 000 000); `decimals` is 0 to 9.
fn decimal_scale(decimals: u8) -> u32 {
    const SCALES: [u32; 10] = [
        1_000_000_000,
        100_000_000,
        10_000_000,
        1_000_000,
        100_000,
        10_000,
        1_000,
        100,
        10,
        1,
    ];
    SCALES.get(usize::from(decimals)).copied().unwrap_or(1)
}

/// Reads `+HH:MM` or `-HH:MM` (not `-00:00`, which says the offset is unknown).
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let bytes = text.as_bytes();
    let (&sign, rest) = bytes.split_first()?;
    if rest.len() != 5 || rest.get(2) != Some(&b':') {
        return None;
    }
    let two_digits = |at: usize| -> Option<i32> {
        let tens = char::from(*rest.get(at)?).to_digit(10)?;
        let ones = char::from(*rest.get(at.checked_add(1)?)?).to_digit(10)?;
        i32::try_from(tens.checked_mul(10)?.checked_add(ones)?).ok()
    };
    let (hours, minutes) = (two_digits(0)?, two_digits(3)?);
    if hours > 23 || minutes > 59 {
        return None;
    }
    let seconds = hours
        .checked_mul(3600)?
        .checked_add(minutes.checked_mul(60)?)?;
    match sign {
        b'+' => FixedOffset::east_opt(seconds),
        b'-' if seconds > 0 => FixedOffset::west_opt(seconds),
        _ => None,
    }
}

impl fmt::Display for Timestamp {
    /// Writes the time as it was read: the same decimals, the same offset spelling.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        DateTimeSeconds(&self.local, b'T').fmt(f)?;
        if self.decimals > 0 {
            // The first decimals of the nanoseconds (a leap second's pass 10^9).
            let nanos = self.local.nanosecond();
            let digits = nanos.checked_div(decimal_scale(self.decimals)).unwrap_or(0);
            write!(f, ".{digits:0width$}", width = usize::from(self.decimals))?;
        }
        let offset = match self.zone {
            Zone::Local => return Ok(()),
            Zone::Utc => return f.write_str("Z"),
            Zone::Offset(offset) => offset,
            Zone::SpacedOffset(offset) => {
                f.write_str(" ")?;
                offset
            }
        };
        let seconds = offset.local_minus_utc();
        let sign = if seconds < 0 { '-' } else { '+' };
        let seconds = seconds.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
    }
}

impl Serialize for Timestamp {
    /// The time as [`Display`](fmt::Display) writes it, as one string.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(
            deserializer,
            "a date and time like `2014-06-18T14:20:30.45+03:00`",
            |text| text.parse().ok(),
        )
    }
}

impl ListUnrecognized for Timestamp {
    fn list_unrecognized(&self, _: &FieldPath<'_>, _: &mut Vec<Unrecognized>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_time_viva_writes_comes_back_as_written() {
        for text in [
            "2014-06-18T14:20:30.45+03:00",
            "2021-09-02T07:39:28.8496795Z",
            "2021-09-02T10:39:28.73",
            "2024-06-10T09:55:07.957",
            "2026-11-30T00:00:00",
            "2022-01-31T00:00:00Z",
            "2014-06-18T14:20:30.000+00:00",
            "2014-06-18T14:20:30.123456789-05:30",
            "2014-06-18T14:20:30.05+03:00",
            "2022-07-08T01:09:06.239 +00:00",
        ] {
            let time: Timestamp = text.parse().unwrap_or_else(|_| panic!("{text}"));
            assert_eq!(time.to_string(), text);
        }
    }

    #[test]
    fn the_sample_keeps_its_fraction_and_offset() {
        let time: Timestamp = "2014-06-18T14:20:30.45+03:00".parse().unwrap();
        assert_eq!(time.naive_local().nanosecond(), 450_000_000);
        assert_eq!(
            time.to_utc().unwrap().to_rfc3339(),
            "2014-06-18T11:20:30.450+00:00"
        );
        let utc: Timestamp = "2021-09-02T07:39:28.8496795Z".parse().unwrap();
        assert_eq!(utc.naive_local().nanosecond(), 849_679_500);
        assert_eq!(utc.offset(), FixedOffset::east_opt(0));
        // Viva's Sale Transactions write `"ExpirationDate": "2022-07-08T01:09:06.239 +00:00"`.
        let spaced: Timestamp = "2022-07-08T01:09:06.239 +00:00".parse().unwrap();
        assert_eq!(spaced.offset(), FixedOffset::east_opt(0));
        assert_ne!(spaced, "2022-07-08T01:09:06.239+00:00".parse().unwrap());
    }

    #[test]
    fn anything_else_is_refused() {
        for text in [
            "",
            "2014-06-18",
            "2014-06-18 14:20:30",
            "2014-06-18T14:20:30.",
            "2014-06-18T14:20:30.1234567890",
            "2014-06-18T14:20:30+3:00",
            "2014-06-18T14:20:30+03:00:00",
            "2014-06-18T14:20:30-00:00",
            "2014-06-18T14:20:30+24:00",
            "2014-06-18T14:20:30z",
            "2014-02-31T14:20:30Z",
            "2014-06-18T14:20:30Z ",
            "2014-06-18T14:20:30.4é",
            "2022-07-08T01:09:06.239 Z",
            "2022-07-08T01:09:06.239  +00:00",
        ] {
            assert_eq!(text.parse::<Timestamp>(), Err(TimestampError), "{text}");
        }
    }
}
