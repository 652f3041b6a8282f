//! The time formats providers write.
//!
//! NXCloud's `sendTime` and Wappin's `expired_datetime` are `"2023-07-13 15:12:11"`, and
//! eSMS ends a Zalo `error_info` with `____24/04/2024 16:58:01`: dates and times to the
//! second with no time zone, so they are read as [`NaiveDateTime`] and no zone is
//! invented. Wappin's callback `timestamp` is unix seconds in a string (`"1557915512"`),
//! read as a UTC [`DateTime`], as are the unix milliseconds of Zalo's times (NXCloud's
//! Zalo receipt `timestamp`, eSMS's `delivery_time`: `"1767678030984"`). They are read by
//! hand rather than with chrono's format parser: each format is fixed, and this way a
//! timestamp costs a few comparisons, not a walk over a format string.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::ser::Serializer;

use super::text::{self, StackText, digits};

/// Reads `YYYY-MM-DD HH:MM:SS` (NXCloud's `sendTime`): exactly that, with a real date
/// and time (no 31 February, no hour 24, no leap second).
pub(crate) fn parse_date_time_seconds(text: &str) -> Option<NaiveDateTime> {
    const LAYOUT: Layout = Layout::new(b"YYYY-MM-DD hh:mm:ss");
    LAYOUT.parse(text)
}

/// Reads `DD/MM/YYYY HH:MM:SS` (eSMS's `error_info` time), with a real date and time.
pub(crate) fn parse_day_month_year_seconds(text: &str) -> Option<NaiveDateTime> {
    const LAYOUT: Layout = Layout::new(b"DD/MM/YYYY hh:mm:ss");
    LAYOUT.parse(text)
}

/// A date and time to the second, 19 bytes laid out as a pattern in which `Y`, `M`, `D`,
/// `h`, `m` and `s` each stand for one ASCII digit of the year, month, day, hour, minute
/// and second, and any other byte stands for itself. Where each part starts is found once,
/// when the layout is built (in a `const`), so reading a time takes each part from its
/// place and checks the five other bytes.
pub(crate) struct Layout {
    /// Where the year's 4 digits and the month's, day's, hour's, minute's and second's 2
    /// digits start.
    starts: [usize; 6],
    /// The bytes between the parts, and where they are.
    separators: [(usize, u8); 5],
}

impl Layout {
    /// The layout of `pattern`, which must hold `YYYY`, `MM`, `DD`, `hh`, `mm` and `ss`
    /// once each and five other bytes. For `const` items only: the compiler evaluates it,
    /// so its indexing and its assertions check the pattern at build time (a wrong
    /// pattern does not build).
    #[allow(
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::panic,
        reason = "evaluated by the compiler in a `const`, where a panic is a build error"
    )]
    pub(crate) const fn new(pattern: &[u8; 19]) -> Layout {
        const PARTS: [(u8, usize); 6] = [
            (b'Y', 4),
            (b'M', 2),
            (b'D', 2),
            (b'h', 2),
            (b'm', 2),
            (b's', 2),
        ];
        let mut starts = [0; 6];
        let mut part = 0;
        while part < PARTS.len() {
            let (letter, width) = PARTS[part];
            let mut at = 0;
            while pattern[at] != letter {
                at += 1;
            }
            starts[part] = at;
            while at < starts[part] + width {
                assert!(pattern[at] == letter, "a part's digits are together");
                at += 1;
            }
            part += 1;
        }
        let mut separators = [(0, 0); 5];
        let mut found = 0;
        let mut at = 0;
        while at < pattern.len() {
            if !matches!(pattern[at], b'Y' | b'M' | b'D' | b'h' | b'm' | b's') {
                separators[found] = (at, pattern[at]);
                found += 1;
            }
            at += 1;
        }
        assert!(found == 5, "six parts and five separators");
        Layout { starts, separators }
    }

    /// Reads `text` laid out as this layout, with a real date and time.
    /// Inlined into each reader, where the layout is a constant and each part's place is
    /// known to the compiler.
    #[inline(always)]
    pub(crate) fn parse(&self, text: &str) -> Option<NaiveDateTime> {
        let text: &[u8; 19] = text.as_bytes().try_into().ok()?;
        let digit = |at: usize| -> Option<u32> {
            let value = text.get(at)?.wrapping_sub(b'0');
            (value < 10).then_some(u32::from(value))
        };
        // Two digits are at most 99 and four at most 9999: nothing overflows.
        let two = |at: usize| -> Option<u32> {
            Some(
                digit(at)?
                    .wrapping_mul(10)
                    .wrapping_add(digit(at.wrapping_add(1))?),
            )
        };
        let four = |at: usize| -> Option<u32> {
            Some(
                two(at)?
                    .wrapping_mul(100)
                    .wrapping_add(two(at.wrapping_add(2))?),
            )
        };
        if !self
            .separators
            .iter()
            .all(|&(at, byte)| text.get(at) == Some(&byte))
        {
            return None;
        }
        let [year, month, day, hour, minute, second] = self.starts;
        NaiveDate::from_ymd_opt(i32::try_from(four(year)?).ok()?, two(month)?, two(day)?)?
            .and_hms_opt(two(hour)?, two(minute)?, two(second)?)
    }
}

/// Writes a time as `YYYY-MM-DD HH:MM:SS`, or with another separator between the date
/// and the time (`T` for ISO 8601).
pub(crate) struct DateTimeSeconds<'a>(pub(crate) &'a NaiveDateTime, pub(crate) u8);

impl DateTimeSeconds<'_> {
    /// The most bytes the time takes: chrono's years have at most 6 digits and a sign.
    pub(crate) const MAX_LEN: usize = 22;

    /// Appends the time to `text`: what `write!` with `{:04}-{:02}-{:02}...` writes, in
    /// two pieces.
    pub(crate) fn write_to<const N: usize>(&self, text: &mut StackText<N>) -> fmt::Result {
        let t = self.0;
        let year = t.year();
        match u32::try_from(year).ok().and_then(digits::<4>) {
            Some(digits) => text.push_ascii(&digits)?,
            // Beyond 0 to 9999, as `{:04}` pads it: the sign counts in the width.
            None if year < 0 => {
                text.push_str("-")?;
                text.push_digits(year.unsigned_abs(), 3)?;
            }
            None => text.push_digits(year.unsigned_abs(), 4)?,
        }
        let [
            Some([m1, m2]),
            Some([d1, d2]),
            Some([h1, h2]),
            Some([i1, i2]),
            Some([s1, s2]),
        ] = [t.month(), t.day(), t.hour(), t.minute(), t.second()].map(digits::<2>)
        else {
            // chrono's months, days, hours, minutes and seconds have two digits.
            return Err(fmt::Error);
        };
        text.push_ascii(&[
            b'-', m1, m2, b'-', d1, d2, self.1, h1, h2, b':', i1, i2, b':', s1, s2,
        ])
    }
}

impl fmt::Display for DateTimeSeconds<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        text::display::<{ DateTimeSeconds::MAX_LEN }>(f, |text| self.write_to(text))
    }
}

/// Reads a string with `parse`, or says it expected `expecting`: the `Deserialize` of
/// every time written as text.
pub(crate) fn deserialize_text<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct TextVisitor<T> {
        expecting: &'static str,
        parse: fn(&str) -> Option<T>,
    }

    impl<T> Visitor<'_> for TextVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            (self.parse)(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
        }
    }

    deserializer.deserialize_str(TextVisitor { expecting, parse })
}

/// Serde `with` helper for a `YYYY-MM-DD HH:MM:SS` time with no zone (NXCloud `sendTime`,
/// Wappin `expired_datetime`).
pub(crate) mod date_time_seconds {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        value: &NaiveDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        text::serialize::<{ DateTimeSeconds::MAX_LEN }, S>(serializer, "NaiveDateTime", |text| {
            DateTimeSeconds(value, b' ').write_to(text)
        })
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<NaiveDateTime, D::Error> {
        deserialize_text(
            deserializer,
            "a date and time like `2023-07-13 15:12:11`",
            parse_date_time_seconds,
        )
    }
}

/// A unit of unix time: seconds (Wappin's callback `timestamp`, `"1557915512"`) or
/// milliseconds (NXCloud's Zalo receipt `timestamp`, `"1720602861913"`, and its
/// `zaloRes.data.sent_time`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnixUnit {
    Seconds,
    Millis,
}

impl UnixUnit {
    /// The time `count` units after the epoch, within chrono's range.
    fn time(self, count: i64) -> Option<DateTime<Utc>> {
        match self {
            UnixUnit::Seconds => DateTime::from_timestamp(count, 0),
            UnixUnit::Millis => DateTime::from_timestamp_millis(count),
        }
    }

    /// The units from the epoch to `time`, as [`time`](Self::time) takes them.
    fn count(self, time: &DateTime<Utc>) -> i64 {
        match self {
            UnixUnit::Seconds => time.timestamp(),
            UnixUnit::Millis => time.timestamp_millis(),
        }
    }

    /// What a value in this unit looks like, for an error.
    fn expecting(self) -> &'static str {
        match self {
            UnixUnit::Seconds => "unix seconds like `\"1557915512\"`",
            UnixUnit::Millis => "unix milliseconds like `\"1720602861913\"`",
        }
    }
}

/// Reads a unix time written as plain decimal digits in `unit`: no sign, no leading
/// zero, no fraction, within chrono's range. Only such text is taken, so writing the
/// count back gives the same text. The digits are summed by the one reader of integer
/// codes (a check, then `str::parse`, cost a Zalo timestamp ~200 instructions more).
pub(crate) fn parse_unix(text: &str, unit: UnixUnit) -> Option<DateTime<Utc>> {
    if text.starts_with('-') {
        return None;
    }
    unit.time(super::number::code_from_text(text)?)
}

/// Writes a unix time in `unit` as a number; the object it belongs to notes that it came
/// in a string and writes it back so (see `shape`).
fn serialize_unix<S: Serializer>(
    value: &DateTime<Utc>,
    serializer: S,
    unit: UnixUnit,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(unit.count(value))
}

/// Reads a unix time in `unit` from a string of digits, as the providers' samples send
/// it, or from a JSON integer (see `shape`, rule 1).
fn deserialize_unix<'de, D: Deserializer<'de>>(
    deserializer: D,
    unit: UnixUnit,
) -> Result<DateTime<Utc>, D::Error> {
    struct Expected(UnixUnit);

    impl de::Expected for Expected {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0.expecting())
        }
    }

    super::number::deserialize_number(deserializer, |text| parse_unix(text, unit), &Expected(unit))
}

/// Declares the serde `with` module `$name` for a unix time in `$unit`: read from a
/// string of digits or a JSON integer, written as a number (see [`deserialize_unix`]).
macro_rules! unix_with {
    ($(#[doc = $doc:expr])* $name:ident, $unit:expr) => {
        $(#[doc = $doc])*
        pub(crate) mod $name {
            use super::*;

            pub(crate) fn serialize<S: Serializer>(
                value: &DateTime<Utc>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serialize_unix(value, serializer, $unit)
            }

            pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<DateTime<Utc>, D::Error> {
                deserialize_unix(deserializer, $unit)
            }
        }
    };
}

unix_with!(
    /// Serde `with` helper for unix seconds (Wappin's callback `timestamp`).
    unix_seconds,
    UnixUnit::Seconds
);

unix_with!(
    /// Serde `with` helper for unix milliseconds (NXCloud's Zalo receipt `timestamp`,
    /// `"1720602861913"` in the `journey_acknowledged` sample; the `delivery_time` of
    /// Zalo's data in eSMS's GetZaloMessageStatus, `"1767678030984"`).
    unix_millis,
    UnixUnit::Millis
);

super::option_with!(
    /// [`date_time_seconds`] for an optional field: absent or `null` is `None`.
    date_time_seconds_option,
    NaiveDateTime,
    date_time_seconds
);

super::option_with!(
    /// [`unix_seconds`] for an optional field: absent or `null` is `None`.
    unix_seconds_option,
    DateTime<Utc>,
    unix_seconds
);

super::option_with!(
    /// [`unix_millis`] for an optional field: absent or `null` is `None` (the callback's
    /// `delivery_time` is `null`).
    unix_millis_option,
    DateTime<Utc>,
    unix_millis
);

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
        assert_eq!(
            DateTimeSeconds(&time, b' ').to_string(),
            "2023-07-13 15:12:11"
        );
    }

    #[test]
    fn writes_what_padded_format_writes_for_every_year() {
        for year in [
            -262_143, -10_000, -999, -5, 0, 5, 999, 2023, 9999, 10_000, 262_142,
        ] {
            let time = NaiveDate::from_ymd_opt(year, 2, 3)
                .unwrap()
                .and_hms_opt(4, 5, 6)
                .unwrap();
            let padded = format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                time.year(),
                time.month(),
                time.day(),
                time.hour(),
                time.minute(),
                time.second()
            );
            assert_eq!(DateTimeSeconds(&time, b'T').to_string(), padded);
        }
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
    fn reads_the_esms_error_info_time() {
        assert_eq!(
            parse_day_month_year_seconds("24/04/2024 16:58:01"),
            NaiveDate::from_ymd_opt(2024, 4, 24)
                .unwrap()
                .and_hms_opt(16, 58, 1)
        );
        for bad in [
            "31/02/2024 16:58:01",
            "24/04/2024%2016:58:01",
            "2024-04-24 16:58:01",
            "24/4/2024 16:58:01",
        ] {
            assert_eq!(parse_day_month_year_seconds(bad), None, "{bad}");
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

    #[test]
    fn reads_the_wappin_callback_timestamp_and_nothing_looser() {
        assert_eq!(
            parse_unix("1557915512", UnixUnit::Seconds).map(|t| t.to_rfc3339()),
            Some("2019-05-15T10:18:32+00:00".to_owned())
        );
        assert_eq!(
            parse_unix("0", UnixUnit::Seconds),
            DateTime::from_timestamp(0, 0)
        );
        for bad in [
            "",
            "01557915512",
            "+1557915512",
            "-1",
            "1557915512.0",
            " 1557915512",
            "1e9",
            "99999999999999999999",
            "9223372036854775807",
        ] {
            assert_eq!(parse_unix(bad, UnixUnit::Seconds), None, "{bad}");
        }
    }

    #[test]
    fn reads_the_zalo_delivery_time_in_milliseconds() {
        assert_eq!(
            parse_unix("1767678030984", UnixUnit::Millis).map(|t| t.to_rfc3339()),
            Some("2026-01-06T05:40:30.984+00:00".to_owned())
        );
        for bad in [
            "",
            "01767678030984",
            "-1",
            "1767678030984.5",
            "9223372036854775807",
        ] {
            assert_eq!(parse_unix(bad, UnixUnit::Millis), None, "{bad}");
        }
    }

    #[test]
    fn reads_the_nxcloud_zalo_timestamp_in_milliseconds_and_writes_the_same_count() {
        let time = parse_unix("1720602861913", UnixUnit::Millis).unwrap();
        assert_eq!(time.to_rfc3339(), "2024-07-10T09:14:21.913+00:00");
        assert_eq!(UnixUnit::Millis.count(&time), 1_720_602_861_913);
        for bad in [
            "",
            "01720602861913",
            "-1",
            "1720602861913.0",
            "99999999999999999999",
        ] {
            assert_eq!(parse_unix(bad, UnixUnit::Millis), None, "{bad}");
        }
        // Past chrono's range in milliseconds, as in seconds.
        assert_eq!(parse_unix("9223372036854775807", UnixUnit::Millis), None);
    }
}
