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

use super::detect::{Detector, Found, Table, Undecided};
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

/// The error of a body whose kind could not be told among `detector`'s tables, all of
/// the provider of `family`, the table errors name the body by (`"nxcloud callback"`).
pub(crate) fn undecided(family: &Table, detector: &Detector, body: &[u8], why: Undecided) -> Error {
    let (provider, payload) = (family.provider, family.payload);
    match why {
        Undecided::Empty => Error::Empty { provider, payload },
        Undecided::NotJson(err) => {
            super::json::json_error(err, String::new(), body, provider, payload)
        }
        Undecided::Shape(found) => Error::Shape {
            provider,
            expected: expected(detector.tables(), true),
            found,
        },
        Undecided::Ambiguous(candidates) => ambiguous(candidates),
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
/// table's index, the row's index, the body); a body that fits no kind is read as the
/// nearest, for its error. A body whose kind cannot be told gets the error `undecided`
/// makes.
pub(crate) fn read_detected<T>(
    detector: &Detector,
    body: &[u8],
    read: impl FnOnce(usize, usize, &[u8]) -> Result<T, Error>,
    undecided: impl FnOnce(Undecided) -> Error,
) -> Result<T, Error> {
    match detector.detect(body) {
        Ok(Found {
            table,
            row,
            fits: true,
        }) => read(table, row, body),
        Ok(Found { table, row, .. }) => match read(table, row, body) {
            Err(err) => Err(err),
            // The nearest kind read it after all (a row that requires what its type does
            // not): it is still not a body of any kind.
            Ok(_) => Err(undecided(Undecided::Shape(
                "an object that has not every key any kind requires".to_owned(),
            ))),
        },
        Err(why) => Err(undecided(why)),
    }
}

/// The kinds of `tables`, for an error: with the keys that tell them apart ("an NXCloud
/// receipt (`status`, `requestId`, `code`) or reply (`phone`, `appkey`,
/// `traceRequestId`)"), or by name alone ("an NXCloud receipt or reply"), as an error of
/// every provider's kinds names them. Tables of several providers are separated by `;`.
pub(crate) fn expected(tables: &[&Table], with_keys: bool) -> String {
    let mut by_provider: Vec<(Provider, Vec<String>)> = Vec::new();
    for table in tables {
        let kinds = match by_provider.last_mut() {
            Some((provider, kinds)) if *provider == table.provider => kinds,
            _ => {
                by_provider.push((table.provider, Vec::new()));
                match by_provider.last_mut() {
                    Some((_, kinds)) => kinds,
                    None => continue,
                }
            }
        };
        for row in table.rows {
            // Rows of one kind (Viva's webhook message, by event type) are named once,
            // by their keys.
            let shared = table
                .rows
                .iter()
                .filter(|other| other.kind == row.kind)
                .count()
                > 1;
            let mut keys: Vec<String> = row
                .requires
                .iter()
                .filter(|key| shared || row.value.key() != Some(**key))
                .map(|key| format!("`{key}`"))
                .collect();
            if let Some(value) = row.value.describe(table).filter(|_| !shared) {
                keys.push(value);
            }
            let kind = if with_keys {
                format!("{} ({})", row.kind, keys.join(", "))
            } else {
                row.kind.to_owned()
            };
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
    }
    let parts: Vec<String> = by_provider
        .into_iter()
        .map(|(provider, kinds)| format!("{} {}", provider.with_article(), or_list(&kinds)))
        .collect();
    parts.join("; ")
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
            /// nearest, or an [`Error::Shape`](crate::Error::Shape) that says what it
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
                    let detector = Self::detector();
                    $crate::wire::kinds::read_detected(
                        detector,
                        body,
                        |_, row, body| Self::read_row(row, body),
                        |why| $crate::wire::kinds::undecided(&Self::TABLE, detector, body, why),
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
                        &Self::TABLE,
                        Self::detector(),
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
                    $crate::unrecognized::refuse_unrecognized(payload, $provider, kind)
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
