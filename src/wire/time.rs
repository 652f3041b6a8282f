//! The time formats providers write.
//!
//! NXCloud's `sendTime` is `"2023-07-13 15:12:11"`: a date and a time to the second with
//! no time zone, so it is read as a [`NaiveDateTime`] and no zone is invented. It is read
//! by hand rather than with chrono's format parser: the format is fixed, and this way a
//! timestamp costs a few comparisons, not a walk over a format string.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::ser::Serializer;

/// Reads `YYYY-MM-DD HH:MM:SS`: exactly that, with a real date and time (no 31 February,
/// no hour 24, no leap second).
pub(crate) fn parse_date_time_seconds(text: &str) -> Option<NaiveDateTime> {
    let &[
        y1,
        y2,
        y3,
        y4,
        b'-',
        mo1,
        mo2,
        b'-',
        d1,
        d2,
        b' ',
        h1,
        h2,
        b':',
        mi1,
        mi2,
        b':',
        s1,
        s2,
    ] = text.as_bytes()
    else {
        return None;
    };
    let year = number(&[y1, y2, y3, y4])?;
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        number(&[mo1, mo2])?,
        number(&[d1, d2])?,
    )?;
    date.and_hms_opt(number(&[h1, h2])?, number(&[mi1, mi2])?, number(&[s1, s2])?)
}

/// The value of a few ASCII digits; `None` if any byte is not a digit.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0_u32, |acc, &byte| {
        byte.is_ascii_digit()
            .then(|| acc * 10 + u32::from(byte - b'0'))
    })
}

/// Writes a time as `YYYY-MM-DD HH:MM:SS`.
struct DateTimeSeconds<'a>(&'a NaiveDateTime);

impl fmt::Display for DateTimeSeconds<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }
}

/// Serde `with` helper for a `YYYY-MM-DD HH:MM:SS` time with no zone (NXCloud `sendTime`).
pub(crate) mod date_time_seconds {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        value: &NaiveDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&DateTimeSeconds(value))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<NaiveDateTime, D::Error> {
        struct TimeVisitor;

        impl Visitor<'_> for TimeVisitor {
            type Value = NaiveDateTime;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date and time like `2023-07-13 15:12:11`")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDateTime, E> {
                parse_date_time_seconds(v)
                    .ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
            }
        }

        deserializer.deserialize_str(TimeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_the_nxcloud_sample_time() {
        let time = parse_date_time_seconds("2023-07-13 15:12:11").unwrap();
        assert_eq!(
            time,
            NaiveDate::from_ymd_opt(2023, 7, 13)
                .unwrap()
                .and_hms_opt(15, 12, 11)
                .unwrap()
        );
        assert_eq!(DateTimeSeconds(&time).to_string(), "2023-07-13 15:12:11");
    }

    #[test]
    fn agrees_with_chrono_on_every_edge() {
        for text in [
            "2024-02-29 00:00:00",
            "2023-02-29 00:00:00",
            "2023-02-31 12:00:00",
            "2023-13-01 00:00:00",
            "2023-00-10 00:00:00",
            "2023-12-31 23:59:59",
            "2023-12-31 24:00:00",
            "2023-12-31 23:60:00",
            "2023-12-31 23:59:60",
            "0000-01-01 00:00:00",
            "9999-12-31 23:59:59",
        ] {
            let chrono = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok();
            // chrono accepts `:60` as a leap second; the providers never send one.
            let chrono = chrono.filter(|t| t.second() < 60 && t.nanosecond() < 1_000_000_000);
            assert_eq!(parse_date_time_seconds(text), chrono, "{text}");
        }
    }

    #[test]
    fn refuses_any_other_layout() {
        for text in [
            "",
            "2023-07-13",
            "2023-07-13T15:12:11",
            "2023-07-13 15:12:11Z",
            "2023-07-13 15:12:11.5",
            "2023-7-13 15:12:11 ",
            "+023-07-13 15:12:11",
            "２023-07-13 15:12:1",
            "2023/07/13 15:12:11",
        ] {
            assert_eq!(parse_date_time_seconds(text), None, "{text}");
        }
    }
}
