//! Short text built on the stack, for values written back as strings or numbers, and
//! text read from the input without a copy where it can be.
//!
//! Writing a time through `write!` into the serializer sends it in many small pieces, each
//! padded by `fmt` and escaped by `serde_json` on its own; `to_string` would allocate.
//! [`StackText`] holds the whole text in an array, so it reaches the serializer as one
//! `&str` with no allocation. [`digits`] writes a fixed number of digits (the parts of a
//! time), [`StackText::push_digits`] any zero-padded integer (with `itoa`), neither with
//! `fmt`'s padding machinery.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Visitor};
use serde::ser::{self, Serialize, Serializer};

/// The `W` ASCII digits of `value`, with leading zeros; `None` when it has more.
pub(crate) fn digits<const W: usize>(value: u32) -> Option<[u8; W]> {
    let mut digits = [b'0'; W];
    let mut rest = value;
    for digit in digits.iter_mut().rev() {
        // An ASCII digit is `0` (0x30) with the digit in its low four bits.
        *digit = b'0' | (rest % 10) as u8;
        rest /= 10;
    }
    (rest == 0).then_some(digits)
}

/// Text of at most `N` bytes in an array. A `push_str` or `push_ascii` that does not
/// fit fails with [`fmt::Error`] and writes nothing.
pub(crate) struct StackText<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> StackText<N> {
    /// No text.
    pub(crate) const fn new() -> Self {
        StackText {
            bytes: [0; N],
            len: 0,
        }
    }

    /// The text written so far.
    pub(crate) fn as_str(&self) -> &str {
        let written = self.bytes.get(..self.len).unwrap_or_default();
        // Only whole `&str`s and ASCII are ever copied in, so this is always UTF-8.
        std::str::from_utf8(written).unwrap_or_default()
    }

    /// Appends `text`.
    pub(crate) fn push_str(&mut self, text: &str) -> fmt::Result {
        self.push_bytes(text.as_bytes())
    }

    /// Appends ASCII `text`; anything else is refused, so the text stays UTF-8.
    pub(crate) fn push_ascii(&mut self, text: &[u8]) -> fmt::Result {
        if !text.is_ascii() {
            return Err(fmt::Error);
        }
        self.push_bytes(text)
    }

    /// Appends `bytes`, which keep the text UTF-8 (a `&str`, or ASCII).
    fn push_bytes(&mut self, bytes: &[u8]) -> fmt::Result {
        let end = self.len.checked_add(bytes.len()).ok_or(fmt::Error)?;
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(bytes);
        self.len = end;
        Ok(())
    }

    /// Appends the integer `value` in decimal.
    pub(crate) fn push_int(&mut self, value: impl itoa::Integer) -> fmt::Result {
        self.push_str(itoa::Buffer::new().format(value))
    }

    /// Appends the integer in `value`, or nothing for `None`.
    pub(crate) fn push_int_option(&mut self, value: Option<impl itoa::Integer>) -> fmt::Result {
        value.map_or(Ok(()), |value| self.push_int(value))
    }

    /// Appends `value` in decimal, with leading zeros to at least `width` digits: what
    /// `write!(text, "{value:0width$}")` writes.
    pub(crate) fn push_digits(&mut self, value: u32, width: usize) -> fmt::Result {
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(value);
        for _ in digits.len()..width {
            self.push_ascii(b"0")?;
        }
        self.push_str(digits)
    }
}

/// Writes to `f`, in one piece, the text that `write` builds in a [`StackText`] of `N`
/// bytes: the `Display` of a time, the same text as its [`serialize`].
pub(crate) fn display<const N: usize>(
    f: &mut fmt::Formatter<'_>,
    write: impl FnOnce(&mut StackText<N>) -> fmt::Result,
) -> fmt::Result {
    let mut text = StackText::new();
    write(&mut text)?;
    f.write_str(text.as_str())
}

/// Serializes, as one string, the text that `write` builds in a [`StackText`] of `N`
/// bytes: the `Serialize` of a time, which `serde_json` then escapes and copies once,
/// without the `fmt` layers that `collect_str` goes through (~150 instructions a time).
///
/// The string is handed over inside a newtype struct named `name`, which `serde_json`
/// writes as the string alone: the writer's check for `None`
/// ([`is_none`](super::written::is_none)) stops at the newtype, before the text is
/// built.
pub(crate) fn serialize<const N: usize, S: Serializer>(
    serializer: S,
    name: &'static str,
    write: impl Fn(&mut StackText<N>) -> fmt::Result,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_newtype_struct(name, &Built::<N, _>(write))
}

/// The text a function builds, serialized as a string.
struct Built<const N: usize, F>(F);

impl<const N: usize, F: Fn(&mut StackText<N>) -> fmt::Result> Serialize for Built<N, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut text = StackText::<N>::new();
        (self.0)(&mut text).map_err(ser::Error::custom)?;
        serializer.serialize_str(text.as_str())
    }
}

impl<const N: usize> fmt::Write for StackText<N> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.push_str(text)
    }
}

/// Text read from the input: borrowed where it has no escapes (an object's key, a
/// value's raw JSON), else owned.
pub(crate) struct Borrowed<'de>(pub(crate) Cow<'de, str>);

impl<'de> Deserialize<'de> for Borrowed<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Borrowed<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text")
            }

            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Borrowed<'de>, E> {
                Ok(Borrowed(Cow::Borrowed(v)))
            }

            fn visit_str<E>(self, v: &str) -> Result<Borrowed<'de>, E> {
                Ok(Borrowed(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E>(self, v: String) -> Result<Borrowed<'de>, E> {
                Ok(Borrowed(Cow::Owned(v)))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;

    #[test]
    fn digits_are_padded_as_fmt_pads_them() {
        for value in (0..=1000).chain([2024, 12345, u32::MAX]) {
            for width in 0..12 {
                let mut text = StackText::<16>::new();
                text.push_digits(value, width).unwrap();
                assert_eq!(text.as_str(), format!("{value:0width$}"));
            }
        }
    }

    #[test]
    fn fixed_width_digits_are_the_padded_number_or_none() {
        assert_eq!(digits::<2>(7), Some(*b"07"));
        assert_eq!(digits::<4>(2024), Some(*b"2024"));
        assert_eq!(digits::<4>(10_000), None);
        assert_eq!(digits::<10>(u32::MAX), Some(*b"4294967295"));
        assert_eq!(digits::<0>(0), Some([]));
    }

    #[test]
    fn only_ascii_bytes_are_taken() {
        let mut text = StackText::<8>::new();
        text.push_ascii(b"a-1").unwrap();
        assert!(text.push_ascii("é".as_bytes()).is_err());
        assert_eq!(text.as_str(), "a-1");
    }

    #[test]
    fn text_past_the_end_is_refused_and_the_rest_kept() {
        let mut text = StackText::<4>::new();
        write!(text, "ab").unwrap();
        assert!(text.push_str("cde").is_err());
        assert!(text.push_digits(123, 0).is_err());
        text.push_str("cd").unwrap();
        assert_eq!(text.as_str(), "abcd");
    }
}
