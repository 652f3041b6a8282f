//! A provider's table of kinds, declared once.
//!
//! [`kinds!`] takes one row per payload kind (the type that reads it, the keys it
//! requires, its discriminating value) and makes from it the provider's enum of those
//! kinds, the [`Table`](super::detect::Table) that detection reads, and the enum's entry
//! points: `from_json` (detection, then one typed parse), `from_json_strict` (each with
//! its `_with` form, which takes [`Limits`](crate::Limits)), `to_json`,
//! `kind`, `unknown_fields`, `Serialize` and `ListUnrecognized`. Adding a kind is its type
//! and one row.

use serde::Serialize;

use super::detect::{Detector, Found, Row, Table, Undecided};
use crate::{Error, ListUnrecognized, Provider, UnknownFields};

/// A payload kind: a type that a row of a table reads.
pub(crate) trait Kind: Sized + Serialize + ListUnrecognized {
    /// Its name, as errors give it: `"receipt"`.
    const NAME: &'static str;
    /// Every top-level field it knows, by wire name.
    const FIELDS: &'static [&'static str];

    /// Reads the whole body as this kind, and no other.
    fn read(body: &[u8]) -> Result<Self, Error>;

    /// The top-level fields it does not know.
    fn unknown_fields(&self) -> &UnknownFields;
}

impl<K: Kind> Kind for Box<K> {
    const NAME: &'static str = K::NAME;
    const FIELDS: &'static [&'static str] = K::FIELDS;

    fn read(body: &[u8]) -> Result<Self, Error> {
        K::read(body).map(Box::new)
    }

    fn unknown_fields(&self) -> &UnknownFields {
        (**self).unknown_fields()
    }
}

/// Who reads a body, for the errors of one whose kind it could not tell: a provider's
/// entry point (its table's family, `nxcloud callback`), or [`parse`](crate::parse),
/// which reads every provider's.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reader {
    /// The provider whose payloads are read; `None` for every provider's.
    pub(crate) provider: Option<Provider>,
    /// What errors call a body read: `"callback"`, `"payload"`.
    pub(crate) payload: &'static str,
}

impl Reader {
    /// [`parse`](crate::parse): any provider's payload.
    pub(crate) const ANY: Reader = Reader {
        provider: None,
        payload: "payload",
    };

    /// The entry point of `table`'s provider, which reads its family.
    pub(crate) const fn of(table: &Table) -> Reader {
        Reader {
            provider: Some(table.provider),
            payload: table.payload,
        }
    }

    /// `err`, met reading the body as a kind this reader told from its keys, as the
    /// reader's: a body that is not JSON names what was read, never the kind its first
    /// keys point to.
    pub(crate) fn own(self, err: Error) -> Error {
        match err {
            Error::NotJson {
                path,
                reason,
                line,
                column,
                ..
            } => Error::NotJson {
                provider: self.provider,
                payload: self.payload,
                path,
                reason,
                line,
                column,
            },
            other => other,
        }
    }
}

/// What [`parse`](crate::parse) reads, for its errors: the shapes of a request it takes.
pub(crate) fn any_request() -> Vec<String> {
    ["a JSON body", "a form", "a query string"]
        .map(str::to_owned)
        .to_vec()
}

/// The error of a body whose kind could not be told among `detector`'s tables, as
/// `reader` reports it: a body that is not JSON is said to be so before anything else.
pub(crate) fn undecided(detector: &Detector, reader: Reader, body: &[u8], why: Undecided) -> Error {
    let not_json = || super::json::not_json(body, reader.provider, reader.payload);
    match why {
        Undecided::Empty => match reader.provider {
            Some(provider) => Error::Empty {
                provider,
                payload: reader.payload,
            },
            None => Error::NoProvider {
                expected: any_request(),
                found: "the body is empty".to_owned(),
            },
        },
        Undecided::Shape(found) => {
            not_json().unwrap_or_else(|| no_kind(detector, reader, body, &found))
        }
        Undecided::Ambiguous(candidates) => not_json().unwrap_or_else(|| ambiguous(candidates)),
        // Detection saw a break that the check of the syntax does not: both are
        // `serde_json`'s, so never; the break as detection saw it.
        Undecided::NotJson(err) => not_json().unwrap_or_else(|| Error::NotJson {
            provider: reader.provider,
            payload: reader.payload,
            path: String::new(),
            reason: super::json::without_position(&err),
            line: err.line(),
            column: err.column(),
        }),
    }
}

/// The error of a body of no kind, which looks like `found`: the kinds of `reader`'s
/// provider (of every provider for [`parse`](crate::parse)) nearest it first.
fn no_kind(detector: &Detector, reader: Reader, body: &[u8], found: &str) -> Error {
    let expected = nearest_kinds(&detector.nearest(body, reader.provider));
    match reader.provider {
        Some(provider) => Error::NoKind {
            provider,
            expected,
            found: found.to_owned(),
        },
        None => Error::NoProvider {
            expected,
            found: crate::error::no_kind_fits(found),
        },
    }
}

/// The error of a body that fits `candidates` equally well.
pub(crate) fn ambiguous(candidates: Vec<(Provider, &'static str)>) -> Error {
    let provider = candidates.first().map(|(provider, _)| *provider);
    let one_provider = candidates.iter().all(|(other, _)| Some(*other) == provider);
    Error::Ambiguous {
        provider: provider.filter(|_| one_provider),
        candidates: candidates
            .into_iter()
            .map(|(provider, kind)| format!("{provider} {kind}"))
            .collect(),
    }
}

/// Reads `body` as the kind detection finds among `detector`'s tables, with `read` (the
/// table's index, the row's index, the body). A body that fits no kind is read as the
/// nearest, where that kind is `reader`'s provider's: it is of that kind when it reads,
/// and gets that kind's error when it does not; a body whose kind
/// cannot be told gets the error [`undecided`] makes, and one that is not JSON the
/// reader's error, never the kind's.
pub(crate) fn read_detected<T>(
    detector: &Detector,
    reader: Reader,
    body: &[u8],
    read: impl FnOnce(usize, usize, &[u8]) -> Result<T, Error>,
) -> Result<T, Error> {
    let of_no_kind = || {
        undecided(
            detector,
            reader,
            body,
            Undecided::Shape(detector.describe(body)),
        )
    };
    match detector.detect(body) {
        Ok(Found { table, row, fits }) => {
            // The nearest kind is another provider's than the reader's: of no kind of its.
            let elsewhere = || {
                reader.provider.is_some_and(|provider| {
                    detector
                        .tables()
                        .get(table)
                        .is_none_or(|of| of.provider != provider)
                })
            };
            if !fits && elsewhere() {
                return Err(of_no_kind());
            }
            // A body the nearest kind reads is of that kind: a row may require more than
            // its type, to tell it from other kinds (an NXCloud receipt's `code`), and
            // a notification without such a key is still read.
            read(table, row, body).map_err(|err| reader.own(err))
        }
        Err(why) => Err(undecided(detector, reader, body, why)),
    }
}

/// The kinds of `ranked` (nearest first), for an error, each with the keys that tell it
/// apart, its provider named where it changes: "an NXCloud receipt (`status`,
/// `requestId`, `code`)", "reply (`phone`, `appkey`, `traceRequestId`)", "a Viva URL
/// verification (`Key`)".
pub(crate) fn nearest_kinds(ranked: &[(&Table, &Row)]) -> Vec<String> {
    let mut previous = None;
    let mut kinds = Vec::with_capacity(ranked.len());
    for (table, row) in ranked {
        let mut kind = String::new();
        if previous != Some(table.provider) {
            kind.push_str(table.provider.with_article());
            kind.push(' ');
        }
        described(&mut kind, table, row);
        kinds.push(kind);
        previous = Some(table.provider);
    }
    kinds
}

/// Writes a row's kind with the keys that tell it apart: "receipt (`status`,
/// `requestId`, `code`)", "token response (`status`, `message`, `data` with
/// `access_token`)".
fn described(into: &mut String, table: &Table, row: &Row) {
    into.push_str(row.kind);
    // Rows of one kind (Viva's webhook message, by event type) are named by their keys.
    let shared = table
        .rows
        .iter()
        .filter(|other| other.kind == row.kind)
        .count()
        > 1;
    let keys = row
        .requires
        .iter()
        .filter(|key| shared || row.value.key() != Some(**key))
        .map(|key| format!("`{key}`"));
    let value = if shared {
        None
    } else {
        row.value.describe(table)
    };
    let mut separator = " (";
    for part in keys.chain(value) {
        into.push_str(separator);
        into.push_str(&part);
        separator = ", ";
    }
    if separator == ", " {
        into.push(')');
    }
}

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Declares a provider's table of kinds: the enum of its kinds, the table detection reads
/// ([`Table`](super::detect::Table)), and the enum's entry points (see the
/// [module](self)).
///
/// ```text
/// kinds! {
///     /// Either NXCloud callback.
///     pub enum Callback for Provider::NxCloud, "callback" {
///         /// A message receipt.
///         Receipt(Receipt) requires ["status", "requestId", "code"],
///         /// A message reply.
///         Reply(Reply) requires ["phone", "appkey", "traceRequestId"],
///     }
/// }
/// ```
///
/// A row may end with `where` and a [`Value`](super::detect::Value) the body must hold
/// (`where Value::Codes("EventTypeId", &[1796])`). Each variant's type implements
/// [`Kind`].
///
/// After the rows, `also { ... }` declares more variants that are no row of the table
/// (NXCloud's SMS receipt, a form; eSMS's callback, a query string): the enum's other
/// readers give those. `kinds! { @define ... also { ... } }` declares the same without
/// `from_json` and `from_json_with` (which `from_json_strict_with` calls), for an enum
/// that reads more than its table as JSON (Viva's: its webhook messages, a family of
/// their own, and its message list, an array).
///
/// A last `delegate { /// doc \n pub fn event(&self) -> Option<Event>; }` gives the enum
/// methods that ask the payload inside: each variant's type has a method of that name
/// and type (adding a kind is then its type, with that method, and its row). In it,
/// `callbacks [Variant, ...] { /// doc \n pub fn answer(&self) -> Option<Answer>; }`
/// gives an enum that holds callbacks beside requests and API answers methods that ask
/// those variants (`Some` of an `answer` that is not an `Option`) and give `None` for
/// the others.
macro_rules! kinds {
    (
        $(#[$attr:meta])*
        pub enum $name:ident for $provider:expr, $payload:literal {
            $(
                $(#[doc = $variant_doc:expr])*
                $variant:ident($ty:ty) requires [$($key:literal),* $(,)?] $(where $value:expr)?,
            )+
        }
        $(also {
            $(
                $(#[doc = $also_doc:expr])*
                $also:ident($also_ty:ty),
            )*
        })?
        $(delegate { $($delegate:tt)* })?
    ) => {
        kinds! {
            @define
            $(#[$attr])*
            pub enum $name for $provider, $payload {
                $(
                    $(#[doc = $variant_doc])*
                    $variant($ty) requires [$($key),*] $(where $value)?,
                )+
            }
            also {
                $($(
                    $(#[doc = $also_doc])*
                    $also($also_ty),
                )*)?
            }
            delegate { $($($delegate)*)? }
        }

        impl $name {
            #[doc = concat!("Reads any ", $payload, " and tells its kind by its keys (see the")]
            /// module's table of kinds), then reads it once, as that kind.
            ///
            /// A body that fits no kind is an error: the error of the kind it comes
            /// nearest, or an [`Error::NoKind`](crate::Error::NoKind) that says what it
            /// looks like; one that fits two kinds equally well is an
            /// [`Error::Ambiguous`](crate::Error::Ambiguous). A body over
            /// [`Limits::DEFAULT_BODY`](crate::Limits::DEFAULT_BODY) is refused:
            /// [`from_json_with`](Self::from_json_with) sets your own limit.
            $($(
                ///
                #[doc = concat!(
                    "[`", stringify!($also), "`](Self::", stringify!($also),
                    ") is not one of the table's kinds: it is never read here (see the variant)."
                )]
            )*)?
            pub fn from_json(body: &[u8]) -> Result<Self, $crate::Error> {
                Self::from_json_with(body, &$crate::Limits::new())
            }

            /// [`from_json`](Self::from_json) with limits of your own: a body larger than
            /// [`Limits::max_body`](crate::Limits::max_body) is refused with
            /// [`Error::TooLarge`](crate::Error::TooLarge) before it is read.
            pub fn from_json_with(body: &[u8], limits: &$crate::Limits) -> Result<Self, $crate::Error> {
                limits.check(body.len())?;
                Self::read_rows(body)
            }
        }
    };
    (
        @define
        $(#[$attr:meta])*
        pub enum $name:ident for $provider:expr, $payload:literal {
            $(
                $(#[doc = $variant_doc:expr])*
                $variant:ident($ty:ty) requires [$($key:literal),* $(,)?] $(where $value:expr)?,
            )+
        }
        also {
            $(
                $(#[doc = $also_doc:expr])*
                $also:ident($also_ty:ty),
            )*
        }
        $(delegate { $($delegate:tt)* })?
    ) => {
        kinds!(@delegate $name [$($variant)+ $($also)*] { $($($delegate)*)? });

        $(#[$attr])*
        ///
        /// # Kinds
        ///
        /// A body is of a kind when it has every key the kind requires, and the value
        /// where one is named (see [`parse`](crate::parse) for the rule where it fits
        /// several):
        ///
        /// | kind | requires |
        /// | --- | --- |
        $(#[doc = concat!(
            "| [`", stringify!($variant), "`](Self::", stringify!($variant), ") | ",
            $("`", $key, "` ",)*
            $("and `", stringify!($value), "`",)?
            " |"
        )])+
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[doc = $variant_doc])*
                $variant($ty),
            )+
            $(
                $(#[doc = $also_doc])*
                $also($also_ty),
            )*
        }

        const _: () = {
            use $crate::wire::detect::{Detector, Lazy, Row, Table, Value};
            use $crate::wire::kinds::Kind;

            /// The rows, in the order of the enum's variants.
            #[allow(dead_code)]
            enum Position {
                $($variant,)+
            }

            impl $name {
                /// The table of kinds detection reads.
                pub(crate) const TABLE: Table = Table {
                    provider: $provider,
                    payload: $payload,
                    rows: &[
                        $(Row {
                            kind: <$ty as Kind>::NAME,
                            requires: &[$($key),*],
                            value: kinds!(@value $($value)?),
                            fields: <$ty as Kind>::FIELDS,
                        },)+
                    ],
                };

                /// The detector of this table alone, made on first use.
                pub(crate) fn detector() -> &'static Detector {
                    static DETECTOR: Lazy = Lazy::new(&[&$name::TABLE]);
                    DETECTOR.get()
                }

                /// Reads `body` as the kind its keys make it among the rows of
                /// [`TABLE`](Self::TABLE), then once, as that kind.
                #[allow(
                    dead_code,
                    reason = "a table read beside others (viva::Payload) has its own detector"
                )]
                pub(crate) fn read_rows(body: &[u8]) -> Result<Self, $crate::Error> {
                    $crate::wire::kinds::read_detected(
                        Self::detector(),
                        $crate::wire::kinds::Reader::of(&Self::TABLE),
                        body,
                        |_, row, body| Self::read_row(row, body),
                    )
                }

                /// Reads `body` as the kind of row `row` of [`TABLE`](Self::TABLE).
                pub(crate) fn read_row(row: usize, body: &[u8]) -> Result<Self, $crate::Error> {
                    $(
                        if row == Position::$variant as usize {
                            return <$ty as Kind>::read(body).map($name::$variant);
                        }
                    )+
                    Err($crate::wire::kinds::undecided(
                        Self::detector(),
                        $crate::wire::kinds::Reader::of(&Self::TABLE),
                        body,
                        $crate::wire::detect::Undecided::Shape("a kind of no row".to_owned()),
                    ))
                }

                /// Like [`from_json`](Self::from_json), refusing what the document does not
                /// list, with an [`Error::Unrecognized`](crate::Error::Unrecognized) that
                /// lists it.
                pub fn from_json_strict(body: &[u8]) -> Result<Self, $crate::Error> {
                    Self::from_json_strict_with(body, &$crate::Limits::new())
                }

                /// [`from_json_strict`](Self::from_json_strict) with limits of your own, as
                /// [`from_json_with`](Self::from_json_with) has them.
                pub fn from_json_strict_with(
                    body: &[u8],
                    limits: &$crate::Limits,
                ) -> Result<Self, $crate::Error> {
                    let payload = Self::from_json_with(body, limits)?;
                    let kind = payload.kind();
                    $crate::error::refuse_unrecognized(payload, $provider, kind)
                }

                /// Writes the payload back as the provider sent it: the same fields,
                /// unknown ones included, as compact JSON.
                pub fn to_json(&self) -> Result<Vec<u8>, $crate::Error> {
                    $crate::wire::json::to_json(self, $provider, self.kind())
                }

                /// The payload's kind, in the provider's terms.
                pub fn kind(&self) -> &'static str {
                    match self {
                        $($name::$variant(_) => <$ty as Kind>::NAME,)+
                        $($name::$also(payload) => payload.kind(),)*
                    }
                }

                /// The top-level fields the provider sent that its document does not name.
                pub fn unknown_fields(&self) -> &$crate::UnknownFields {
                    match self {
                        $($name::$variant(payload) => Kind::unknown_fields(payload),)+
                        $($name::$also(payload) => payload.unknown_fields(),)*
                    }
                }
            }

            impl serde::Serialize for $name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        $($name::$variant(payload) => payload.serialize(serializer),)+
                        $($name::$also(payload) => payload.serialize(serializer),)*
                    }
                }
            }

            impl $crate::ListUnrecognized for $name {
                fn list_unrecognized(
                    &self,
                    at: &$crate::FieldPath<'_>,
                    found: &mut Vec<$crate::Unrecognized>,
                ) {
                    match self {
                        $($name::$variant(payload) => payload.list_unrecognized(at, found),)+
                        $($name::$also(payload) => payload.list_unrecognized(at, found),)*
                    }
                }
            }
        };
    };
    // Each method of a `delegate` block, one at a time: it asks the payload inside.
    (
        @delegate $name:ident [$($variant:ident)*] {
            $(#[doc = $doc:expr])*
            pub fn $method:ident(&self) -> $method_ty:ty;
            $($rest:tt)*
        }
    ) => {
        kinds!(@method $name [$($variant)*] std::convert::identity, [] $(#[doc = $doc])* pub fn $method(&self) -> $method_ty);
        kinds!(@delegate $name [$($variant)*] { $($rest)* });
    };
    // A `callbacks [...] { ... }` block: methods of an enum that holds callbacks beside
    // requests and API answers, which ask those variants' payloads (the answer turned
    // into the method's `Option`) and give `None` for the others.
    (
        @delegate $name:ident [$($variant:ident)*] {
            callbacks [$($callback:ident),+ $(,)?] {
                $(#[doc = $doc:expr])*
                pub fn $method:ident(&self) -> $method_ty:ty;
                $($more:tt)*
            }
            $($rest:tt)*
        }
    ) => {
        kinds!(@method $name [$($callback)+] Into::into, [_ => None,] $(#[doc = $doc])* pub fn $method(&self) -> $method_ty);
        kinds!(@delegate $name [$($variant)*] {
            callbacks [$($callback),+] { $($more)* }
            $($rest)*
        });
    };
    (
        @delegate $name:ident [$($variant:ident)*] {
            callbacks [$($callback:ident),+ $(,)?] {}
            $($rest:tt)*
        }
    ) => {
        kinds!(@delegate $name [$($variant)*] { $($rest)* });
    };
    // One method that asks the payload of each of `variants` (its result passed to
    // `wrap`), with `otherwise` the arms for the others.
    (
        @method $name:ident [$($variant:ident)*] $wrap:path, [$($otherwise:tt)*]
        $(#[doc = $doc:expr])*
        pub fn $method:ident(&self) -> $method_ty:ty
    ) => {
        impl $name {
            $(#[doc = $doc])*
            pub fn $method(&self) -> $method_ty {
                #[allow(unreachable_patterns)]
                match self {
                    $($name::$variant(payload) => $wrap(payload.$method()),)*
                    $($otherwise)*
                }
            }
        }
    };
    (@delegate $name:ident [$($variant:ident)*] {}) => {};
    (@value) => { Value::Any };
    (@value $value:expr) => { $value };
}
pub(crate) use kinds;
