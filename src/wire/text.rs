//! Short text built on the stack, to write numbers back without allocating,
//! and text read from the input without a copy where it can be.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// Text of at most `N` bytes in an array. What does not fit is refused with
/// [`fmt::Error`], and nothing of it is written.
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
        // Only whole `&str`s are copied in, so this is always UTF-8.
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

    /// Appends the integer `value`, or nothing for `None`.
    pub(crate) fn push_int_option(&mut self, value: Option<impl itoa::Integer>) -> fmt::Result {
        value.map_or(Ok(()), |value| self.push_int(value))
    }

    /// Appends the integer `value`.
    pub(crate) fn push_int(&mut self, value: impl itoa::Integer) -> fmt::Result {
        self.push_str(itoa::Buffer::new().format(value))
    }
}

impl<const N: usize> fmt::Write for StackText<N> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.push_str(text)
    }
}

/// Serializes the `Display` of `value` as a string (a time), inside a newtype named
/// `name`, which `serde_json` writes as the string alone: the writer's check for `None`
/// ([`is_none`](super::written::is_none)) stops at the newtype, before the text is built.
pub(crate) fn serialize_display<S: Serializer>(
    serializer: S,
    name: &'static str,
    value: &impl fmt::Display,
) -> Result<S::Ok, S::Error> {
    struct Text<'a, T>(&'a T);

    impl<T: fmt::Display> Serialize for Text<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(self.0)
        }
    }

    serializer.serialize_newtype_struct(name, &Text(value))
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
    fn what_does_not_fit_is_refused_and_the_rest_kept() {
        let mut text = StackText::<4>::new();
        write!(text, "ab").unwrap();
        assert!(text.push_str("cde").is_err());
        assert!(text.push_int(123).is_err());
        text.push_str("cd").unwrap();
        assert_eq!(text.as_str(), "abcd");
    }
}
