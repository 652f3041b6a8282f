//! Listing what a payload carried that its provider's document does not: fields it does
//! not name and values it does not list. Users watch this for drift in what a provider
//! sends; a strict parse turns any of it into an error.

use std::fmt;

use chrono::{DateTime, NaiveDateTime, Utc};
use rust_decimal::Decimal;

/// One thing a payload carried that the provider's document does not list.
///
/// Its `Display` is a line for a log: the path, and the value as sent.
///
/// ```
/// use provider_payloads::{ListUnrecognized, UnrecognizedKind};
/// use provider_payloads::wappin::Callback;
///
/// let callback = Callback::from_json(br#"{"message_id":"5cdbe7774a059","client_id":"0009",
///     "client_name":"wappin-info","status_messages":"deleted","callback_type":"status"}"#)?;
/// let found = callback.unrecognized();
/// assert_eq!(found[0].path, "status_messages");
/// assert_eq!(found[0].kind, UnrecognizedKind::Value { value: "deleted".into() });
/// assert_eq!(found[0].to_string(), "undocumented value `deleted` at `status_messages`");
/// # Ok::<(), provider_payloads::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Unrecognized {
    /// Where it was, as wire names joined by dots: `message.location`.
    pub path: String,
    /// What it was.
    pub kind: UnrecognizedKind,
}

/// What kind of thing was not recognized.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnrecognizedKind {
    /// A field the document does not name, with its raw JSON value.
    Field {
        /// The field's value, as raw JSON text.
        raw: String,
    },
    /// A value the document does not list, for a field it does name (a status, a code).
    Value {
        /// The value as the provider wrote it.
        value: String,
    },
}

impl Unrecognized {
    pub(crate) fn new(at: &FieldPath<'_>, kind: UnrecognizedKind) -> Self {
        Unrecognized {
            path: at.to_string(),
            kind,
        }
    }
}

impl fmt::Display for Unrecognized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            UnrecognizedKind::Field { raw } => write!(f, "unknown field `{}` = {raw}", self.path),
            UnrecognizedKind::Value { value } => {
                write!(f, "undocumented value `{value}` at `{}`", self.path)
            }
        }
    }
}

/// The path of a field inside a payload, built as the payload is walked.
#[derive(Clone, Copy, Debug)]
pub struct FieldPath<'a> {
    parent: Option<&'a FieldPath<'a>>,
    name: &'a str,
}

impl<'a> FieldPath<'a> {
    /// The payload itself.
    pub const ROOT: FieldPath<'static> = FieldPath {
        parent: None,
        name: "",
    };

    /// The field `name` inside this one.
    pub fn field(&'a self, name: &'a str) -> FieldPath<'a> {
        FieldPath {
            parent: Some(self),
            name,
        }
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.parent {
            // An element of an array is written as serde_path_to_error writes it: `a[0]`.
            Some(parent) if self.name.starts_with('[') => write!(f, "{parent}{}", self.name),
            Some(parent) if parent.parent.is_some() => write!(f, "{parent}.{}", self.name),
            _ => f.write_str(self.name),
        }
    }
}

/// A payload, or a part of one, that can list what it did not recognize.
///
/// Every payload type implements it: call [`unrecognized`](Self::unrecognized) to see
/// what a provider sends that its document does not list (a new field, a new status),
/// and log or count it, while the payload is still read.
///
/// ```
/// use provider_payloads::{ListUnrecognized, UnrecognizedKind, parse};
///
/// // A receipt with a rate type and a field in `cost` that the documents do not list.
/// let payload = parse(br#"{"status":"success","requestId":"f6a7d49946094857ae02812969a83056",
///     "code":0,"message":"Successfully sent.","sendTime":"2023-07-13 15:12:11",
///     "cost":{"currency":"USD","originalPrice":4.1234,"rateType":"Marketing","tax":0.41}}"#, "")?;
/// let found = payload.unrecognized();
/// let paths: Vec<&str> = found.iter().map(|it| it.path.as_str()).collect();
/// assert_eq!(paths, ["cost.rateType", "cost.tax"]);
/// assert_eq!(found[1].kind, UnrecognizedKind::Field { raw: "0.41".into() });
///
/// // What the document lists is recognized.
/// let payload = parse(b"", "SMSID=849fe08c19294b02857cf91687021a50250&SendStatus=5&SendSuccess=1")?;
/// assert!(payload.unrecognized().is_empty());
/// # Ok::<(), provider_payloads::Error>(())
/// ```
pub trait ListUnrecognized {
    /// Adds what this value did not recognize, found at `at`, to `found`.
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>);

    /// Everything this payload carried that its provider's document does not list: unknown
    /// fields and undocumented values, in the order of the payload. Empty for a payload
    /// that matches the document.
    fn unrecognized(&self) -> Vec<Unrecognized> {
        let mut found = Vec::new();
        self.list_unrecognized(&FieldPath::ROOT, &mut found);
        found
    }
}

impl<T: ListUnrecognized> ListUnrecognized for Option<T> {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        if let Some(value) = self {
            value.list_unrecognized(at, found);
        }
    }
}

impl<T: ListUnrecognized + ?Sized> ListUnrecognized for Box<T> {
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        (**self).list_unrecognized(at, found);
    }
}

impl<T: ListUnrecognized> ListUnrecognized for Vec<T> {
    /// What each element does not recognize, at `at[index]`.
    fn list_unrecognized(&self, at: &FieldPath<'_>, found: &mut Vec<Unrecognized>) {
        for (index, item) in self.iter().enumerate() {
            let index = format!("[{index}]");
            item.list_unrecognized(&at.field(&index), found);
        }
    }
}

/// Types whose every value is documented.
macro_rules! always_recognized {
    ($($ty:ty),*) => {
        $(impl ListUnrecognized for $ty {
            fn list_unrecognized(&self, _: &FieldPath<'_>, _: &mut Vec<Unrecognized>) {}
        })*
    };
}

always_recognized!(
    String,
    NaiveDateTime,
    DateTime<Utc>,
    Decimal,
    bool,
    i64,
    u16,
    u64
);
