//! The time formats providers write: to the second with no zone (`2023-07-13 15:12:11`,
//! eSMS's `24/04/2024 16:58:01`), read as [`NaiveDateTime`] so that no zone is invented,
//! and unix seconds or milliseconds, read as UTC [`DateTime`]s.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
use serde::ser::{Serialize, Serializer};

use super::number::{code_from_text, deserialize_number};

/// Reads `YYYY-MM-DD HH:MM:SS` with `between` between the date and the time (a space in
/// NXCloud's `sendTime`, `T` in ISO 8601), exactly: chrono's parser would also take `7`
/// for a month, a sign or spaces.
pub(crate) fn parse_date_time(text: &str, between: u8) -> Option<NaiveDateTime> {
    let (date, time) = text.as_bytes().split_at_checked(10)?;
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = date else {
        return None;
    };
    date_time([y1, y2, y3, y4], [m1, m2], [d1, d2], between, time)
}

/// Reads `DD/MM/YYYY HH:MM:SS` (eSMS's `error_info` time).
pub(crate) fn parse_day_month_year_seconds(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.as_bytes().split_at_checked(10)?;
    let &[d1, d2, b'/', m1, m2, b'/', y1, y2, y3, y4] = date else {
        return None;
    };
    date_time([y1, y2, y3, y4], [m1, m2], [d1, d2], b' ', time)
}

/// The time of the ASCII digits of a year, a month and a day, and of `time`, which is
/// `HH:MM:SS` after the byte `between`, when it is a real one (no 31 February, no hour
/// 24, no leap second).
#[inline]
fn date_time(
    [y1, y2, y3, y4]: [u8; 4],
    month: [u8; 2],
    day: [u8; 2],
    between: u8,
    time: &[u8],
) -> Option<NaiveDateTime> {
    let &[at, h1, h2, b':', i1, i2, b':', s1, s2] = time else {
        return None;
    };
    // Two digits are at most 99, four at most 9999: nothing overflows.
    let two = |[tens, ones]: [u8; 2]| {
        let (tens, ones) = (tens.wrapping_sub(b'0'), ones.wrapping_sub(b'0'));
        (tens < 10 && ones < 10).then(|| u32::from(tens.wrapping_mul(10).wrapping_add(ones)))
    };
    let [month, day, hour, minute, second] = [month, day, [h1, h2], [i1, i2], [s1, s2]].map(two);
    let year = two([y1, y2])?
        .wrapping_mul(100)
        .wrapping_add(two([y3, y4])?);
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month?, day?)?
        .and_hms_opt(hour?, minute?, second?)
        .filter(|_| at == between)
}

/// Writes a time as `YYYY-MM-DD HH:MM:SS`, or with another byte between the date and the
/// time (`T` for ISO 8601).
pub(crate) struct DateTimeSeconds<'a>(pub(crate) &'a NaiveDateTime, pub(crate) u8);

impl fmt::Display for DateTimeSeconds<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (t, between) = (self.0, char::from(self.1));
        write!(
            f,
            "{:04}-{:02}-{:02}{between}{:02}:{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
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

/// A `YYYY-MM-DD HH:MM:SS` time with no zone (NXCloud `sendTime`, Wappin
/// `expired_datetime`).
struct Seconds(NaiveDateTime);

impl Serialize for Seconds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&DateTimeSeconds(&self.0, b' '))
    }
}

impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let expecting = "a date and time like `2023-07-13 15:12:11`";
        deserialize_text(deserializer, expecting, |text| parse_date_time(text, b' ')).map(Seconds)
    }
}

/// Unix seconds, or milliseconds where `MILLIS`: Wappin's callback `timestamp`
/// (`"1557915512"`), NXCloud's Zalo receipt `timestamp` and eSMS's Zalo `delivery_time`
/// (`"1767678030984"`). Read from plain digits in a string or a JSON integer (`written`,
/// rule 1), no sign, leading zero or fraction; written as a number (the object notes a
/// string).
struct Unix<const MILLIS: bool>(DateTime<Utc>);

impl<const MILLIS: bool> Serialize for Unix<MILLIS> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (seconds, millis) = (self.0.timestamp(), self.0.timestamp_millis());
        serializer.serialize_i64(if MILLIS { millis } else { seconds })
    }
}

impl<'de, const MILLIS: bool> Deserialize<'de> for Unix<MILLIS> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let parse = |text: &str| {
            let count = code_from_text(text).filter(|count| *count >= 0)?;
            if MILLIS {
                DateTime::from_timestamp_millis(count)
            } else {
                DateTime::from_timestamp(count, 0)
            }
        };
        let expected = if MILLIS {
            "unix milliseconds like `\"1720602861913\"`"
        } else {
            "unix seconds like `\"1557915512\"`"
        };
        deserialize_number(deserializer, parse, &expected).map(Unix)
    }
}

super::option_with!(date_time_seconds_option, NaiveDateTime, Seconds);
super::option_with!(unix_seconds_option, DateTime<Utc>, Unix::<false>);
super::option_with!(unix_millis_option, DateTime<Utc>, Unix::<true>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_year_chrono_holds_with_at_least_four_digits() {
        for year in [-262_143, -10_000, -5, 0, 999, 9999, 10_000, 262_142] {
            let time = NaiveDate::from_ymd_opt(year, 2, 3).and_then(|d| d.and_hms_opt(4, 5, 6));
            let written = DateTimeSeconds(&time.unwrap(), b'T').to_string();
            assert_eq!(written, format!("{year:04}-02-03T04:05:06"));
        }
    }

    #[test]
    fn agrees_with_chrono_on_every_edge_and_refuses_any_other_layout() {
        // 29 February, hour 24, a leap second and year 0: tests/hostile.rs.
        for text in [
            "2023-02-29 00:00:00",
            "2023-13-01 00:00:00",
            "2023-00-10 00:00:00",
            "2023-12-31 23:59:59",
            "2023-12-31 23:60:00",
        ] {
            let chrono = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok();
            assert_eq!(parse_date_time(text, b' '), chrono, "{text}");
        }
        for text in [
            "2023-07-13",
            "2023-07-13T15:12:11",
            "2023-07-13 15:12:11.5",
            "2023-7-13 15:12:11 ",
            "+023-07-13 15:12:11",
            "２023-07-13 15:12:1",
            "24/04/2024 16:58:01",
        ] {
            assert_eq!(parse_date_time(text, b' '), None, "{text}");
        }
        for text in ["24/04/2024%2016:58:01", "24/4/2024 16:58:01"] {
            assert_eq!(parse_day_month_year_seconds(text), None, "{text}");
        }
    }

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Unix {
        #[serde(default, with = "unix_seconds_option")]
        s: Option<DateTime<Utc>>,
        #[serde(default, with = "unix_millis_option")]
        ms: Option<DateTime<Utc>>,
    }

    #[test]
    fn reads_unix_seconds_and_milliseconds_and_nothing_looser() {
        let expected = ["2019-05-15T10:18:32+00:00", "2026-01-06T05:40:30.984+00:00"];
        let sent = r#"{"s":"1557915512","ms":"1767678030984"}"#;
        let written = r#"{"s":1557915512,"ms":1767678030984}"#;
        for json in [sent, written] {
            let unix: Unix = serde_json::from_str(json).unwrap();
            let read = [unix.s, unix.ms].map(|time| time.unwrap().to_rfc3339());
            assert_eq!(read, expected);
            assert_eq!(serde_json::to_string(&unix).unwrap(), written);
        }
        // `-1`, 20 digits, past chrono's range in seconds: tests/hostile.rs.
        for bad in [
            r#""""#,
            r#""01557915512""#,
            r#""+1557915512""#,
            r#""1557915512.0""#,
            "1e9",
            // Past chrono's range in milliseconds.
            "9223372036854775807",
        ] {
            for unit in ["s", "ms"] {
                let json = format!(r#"{{"{unit}":{bad}}}"#);
                assert!(serde_json::from_str::<Unix>(&json).is_err(), "{json}");
            }
        }
    }
}
