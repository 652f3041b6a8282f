//! Short text built on the stack, for values written back as strings or numbers.
//!
//! Writing a time through `write!` into the serializer sends it in many small pieces, each
//! padded by `fmt` and escaped by `serde_json` on its own; `to_string` would allocate.
//! [`StackText`] holds the whole text in an array, so it reaches the serializer as one
//! `&str` with no allocation, and [`StackText::push_digits`] writes a zero-padded integer
//! without `fmt`'s padding machinery.

use std::fmt;

/// `00` to `99`.
const PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839\
                     40414243444546474849505152535455565758596061626364656667686970717273747576777879\
                     8081828384858687888990919293949596979899";

/// Text of at most `N` bytes in an array. Writing past `N` bytes fails with
/// [`fmt::Error`] and leaves the text as it was.
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
        // Only whole `&str`s are ever copied in, so this is always UTF-8.
        std::str::from_utf8(written).unwrap_or_default()
    }

    /// Appends `text`.
    pub(crate) fn push_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len.checked_add(text.len()).ok_or(fmt::Error)?;
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(text.as_bytes());
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
        // Two digits (months, days, hours, minutes, seconds) are one look-up.
        if width == 2 {
            let pair = usize::try_from(value)
                .ok()
                .and_then(|value| value.checked_mul(2))
                .and_then(|at| PAIRS.get(at..at.checked_add(2)?));
            if let Some(pair) = pair {
                return self.push_str(pair);
            }
        }
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(value);
        for _ in digits.len()..width {
            self.push_str("0")?;
        }
        self.push_str(digits)
    }
}

/// Writes to `f`, in one piece, the text that `write` builds in a [`StackText`] of `N`
/// bytes: the `Display` of a value that serializes with `collect_str`, which then escapes
/// and copies it once.
pub(crate) fn display<const N: usize>(
    f: &mut fmt::Formatter<'_>,
    write: impl FnOnce(&mut StackText<N>) -> fmt::Result,
) -> fmt::Result {
    let mut text = StackText::new();
    write(&mut text)?;
    f.write_str(text.as_str())
}

impl<const N: usize> fmt::Write for StackText<N> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.push_str(text)
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
    fn text_past_the_end_is_refused_and_the_rest_kept() {
        let mut text = StackText::<4>::new();
        write!(text, "ab").unwrap();
        assert!(text.push_str("cde").is_err());
        assert!(text.push_digits(123, 0).is_err());
        text.push_str("cd").unwrap();
        assert_eq!(text.as_str(), "abcd");
    }
}
