//! Closed sets of values that stay open (`ARCHITECTURE.md`, convention 2): each
//! documented value is a variant, and any other is kept in `Other` and written back
//! unchanged. `FromStr` and `Display` agree with serde on every value.

/// The enum and what [`string_enum!`] and [`code_enum!`] share: the documented values,
/// and `Other` for any other, listed as unrecognized; `Display` and serde write what the
/// method `$as_sent` gives. `$quote` quotes a value in the docs.
macro_rules! open_enum {
    (
        $(#[doc = $doc:expr])*
        $name:ident($other:ty) $quote:literal [$($copy:ident)?] $as_sent:ident
        $($(#[doc = $variant_doc:expr])* $variant:ident = $wire:literal,)*
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, $($copy,)? Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[doc = $variant_doc])*
                #[doc = concat!("\n\nOn the wire: `", $quote, $wire, $quote, "`.")]
                $variant,
            )*
            /// A value the provider's document does not list, kept exactly as sent.
            Other($other),
        }

        impl $name {
            /// Every value the provider's document lists, in its order.
            pub const DOCUMENTED: &'static [$name] = &[$(Self::$variant,)*];

            /// Whether the provider's document lists this value.
            pub fn is_documented(&self) -> bool {
                !matches!(self, Self::Other(_))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.$as_sent(), f)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&self.$as_sent(), serializer)
            }
        }

        impl $crate::ListUnrecognized for $name {
            fn list_unrecognized(
                &self,
                at: &$crate::FieldPath<'_>,
                found: &mut Vec<$crate::Unrecognized>,
            ) {
                if !self.is_documented() {
                    let value = self.to_string();
                    let kind = $crate::unrecognized::UnrecognizedKind::Value { value };
                    found.push($crate::Unrecognized::new(at, kind));
                }
            }
        }
    };
}
pub(crate) use open_enum;

/// Declares an enum of values sent as strings (NXCloud's receipt `status`: `"seen"`),
/// also read from a JSON integer as its digits, with an `Other(String)` variant.
macro_rules! string_enum {
    (
        $(#[doc = $doc:expr])*
        pub enum $name:ident {
            $($(#[doc = $variant_doc:expr])* $variant:ident = $wire:literal,)*
        }
    ) => {
        $crate::wire::enums::open_enum! {
            $(#[doc = $doc])*
            $name(String) "\"" [] as_str
            $($(#[doc = $variant_doc])* $variant = $wire,)*
        }

        impl $name {
            /// The value as the provider writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(value) => value,
                }
            }

            fn documented(value: &str) -> Option<Self> {
                match value {
                    $($wire => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::documented(value).unwrap_or_else(|| Self::Other(value.to_owned()))
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self::documented(&value).unwrap_or(Self::Other(value))
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ValueVisitor;
                impl serde::de::Visitor<'_> for ValueVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a string: ", $("`", $wire, "`, ",)* "or another"))
                    }
                    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<$name, E> {
                        Ok($name::from(value))
                    }
                }
                // Any text: a field reads it from a JSON integer too (`written`, rule 2).
                deserializer.deserialize_string(ValueVisitor)
            }
        }
    };
}
pub(crate) use string_enum;

/// Declares an enum of integer codes (NXCloud's `code`: `11000`) with an `Other(i64)`
/// variant. A code is read from a JSON integer or a string of digits (written back as it
/// came, see `written`), and one past an `i64` is an error that quotes its digits.
macro_rules! code_enum {
    (
        $(#[doc = $doc:expr])*
        pub enum $name:ident {
            $($(#[doc = $variant_doc:expr])* $variant:ident = $code:literal,)*
        }
    ) => {
        $crate::wire::enums::open_enum! {
            $(#[doc = $doc])*
            $name(i64) "" [Copy] code
            $($(#[doc = $variant_doc])* $variant = $code,)*
        }

        impl $name {
            /// The code as the provider writes it.
            pub fn code(&self) -> i64 {
                match self {
                    $(Self::$variant => $code,)*
                    Self::Other(code) => *code,
                }
            }

            /// The variant for `code`; `Other` when the document does not list it.
            pub fn from_code(code: i64) -> Self {
                match code {
                    $($code => Self::$variant,)*
                    other => Self::Other(other),
                }
            }
        }

        impl From<i64> for $name {
            fn from(code: i64) -> Self {
                Self::from_code(code)
            }
        }

        impl From<$name> for i64 {
            fn from(code: $name) -> i64 {
                code.code()
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::InvalidCode;

            /// Parses the code's digits, as serde does when the code comes in a string:
            /// `"05"` and `"+5"` are refused, since they would be written back as `5`.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $crate::wire::number::code_from_text(text)
                    .map(Self::from_code)
                    .ok_or_else(|| $crate::InvalidCode::new(text, stringify!($name)))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::number::deserialize_code(deserializer, stringify!($name))
                    .map(Self::from_code)
            }
        }
    };
}
pub(crate) use code_enum;

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    string_enum! {
        pub enum Colour {
            Red = "red",
            Blue = "blue",
        }
    }

    code_enum! {
        pub enum Code {
            Fine = 200,
            Broken = 9000,
        }
    }

    #[test]
    fn string_values_agree_between_serde_from_str_and_display() {
        for text in ["red", "blue", "Red", "green", ""] {
            let parsed: Colour = serde_json::from_str(&format!("{text:?}")).unwrap();
            assert_eq!(parsed, Colour::from_str(text).unwrap());
            assert_eq!(parsed.to_string(), text);
            assert_eq!(serde_json::to_string(&parsed).unwrap(), format!("{text:?}"));
            assert_eq!(parsed.is_documented(), ["red", "blue"].contains(&text));
        }
        assert_eq!(Colour::DOCUMENTED, [Colour::Red, Colour::Blue]);
    }

    #[test]
    fn codes_agree_between_serde_from_str_and_display_and_refuse_the_same() {
        for code in [200_i64, 9000, 0, -1, 123_456_789_012] {
            let from_number: Code = serde_json::from_str(&code.to_string()).unwrap();
            let from_string: Code = serde_json::from_str(&format!("\"{code}\"")).unwrap();
            assert_eq!(from_number, from_string);
            assert_eq!(from_number, Code::from_str(&code.to_string()).unwrap());
            assert_eq!(from_number.to_string(), code.to_string());
            assert_eq!(from_number.code(), code);
        }
        assert_eq!(Code::DOCUMENTED, [Code::Fine, Code::Broken]);
        // Past an `i64`: `code_from_text`'s test; the errors' quotes: tests/hostile.rs.
        for text in ["05", "+5", "-0", "", " 5", "1.5", "12a"] {
            let json = format!("{text:?}");
            assert!(serde_json::from_str::<Code>(&json).is_err(), "{json}");
            let err = Code::from_str(text).unwrap_err();
            assert_eq!(err.text(), text);
            assert!(err.to_string().contains("no Code code"), "{err}");
        }
    }
}
