//! A provider's table of kinds, declared once with [`kinds!`], and the [`Kind`] each of
//! its rows reads ([`json_payload!`] makes a JSON payload type one).

use super::detect::{Decision, Row, Table, Undecided, detect};
use super::no_kind::{Reader, undecided};
use crate::Error;

/// A payload kind: a type that a row of a table reads.
pub(crate) trait Kind: Sized {
    /// Its name, as errors give it: `"receipt"`.
    const NAME: &'static str;
    /// Every top-level field it knows, by wire name.
    const FIELDS: &'static [&'static str];

    /// Reads the whole body as this kind, and no other.
    fn read(body: &[u8]) -> Result<Self, Error>;
}

impl<K: Kind> Kind for Box<K> {
    const NAME: &'static str = K::NAME;
    const FIELDS: &'static [&'static str] = K::FIELDS;

    fn read(body: &[u8]) -> Result<Self, Error> {
        K::read(body).map(Box::new)
    }
}

/// A provider's enum of kinds ([`kinds!`]): its table, read into a `P`, the enum itself
/// or one that holds it (`parse`'s `Payload`).
pub(crate) trait Kinds<P: 'static> {
    const TABLE: Table<P>;
}

/// Reads `body` with `read`, as the kind detection decides among `tables`: the nearest
/// kind only where it is `reader`'s provider's. A body whose kind cannot be told gets the
/// error [`undecided`] makes; one that is not JSON the reader's error, never the kind's.
pub(crate) fn read_detected<P, T>(
    tables: &[&'static Table<P>],
    reader: Reader,
    body: &[u8],
    read: impl FnOnce(&'static Table<P>, &'static Row<P>) -> Result<T, Error>,
) -> Result<T, Error> {
    let why = match detect(tables, body) {
        // The nearest kind is another provider's than the reader's: of no kind of its.
        Ok(Decision::Nearest(table, _))
            if reader.provider.is_some_and(|of| of != table.provider) =>
        {
            Undecided::NoKind
        }
        Ok(Decision::Fits(table, row) | Decision::Nearest(table, row)) => {
            return read(table, row).map_err(|err| reader.own(err));
        }
        Err(why) => why,
    };
    Err(undecided(tables, reader, body, why))
}

/// Reads `body` as the kind detection decides among the rows of `K`'s table.
pub(crate) fn read_table<K: Kinds<K> + 'static>(body: &[u8]) -> Result<K, Error> {
    let table = &K::TABLE;
    read_detected(&[table], Reader::of(table), body, |_, row| (row.read)(body))
}

/// Gives a JSON payload type (a [`wire_object!`](super::object::wire_object)) its
/// [`Kind`], `KIND`, `kind` and [`entry_points!`](super::json::entry_points).
macro_rules! json_payload {
    ($name:ident, $provider:expr, $payload:literal) => {
        impl $crate::wire::kinds::Kind for $name {
            const NAME: &'static str = $payload;
            const FIELDS: &'static [&'static str] = <$name as $crate::wire::object::Fields>::FIELDS;

            fn read(body: &[u8]) -> Result<Self, $crate::Error> {
                $crate::wire::json::from_json(body, $provider, $payload)
            }
        }

        impl $name {
            /// The payload kind's name, as errors give it.
            pub const KIND: &'static str = $payload;

            /// The payload kind's name, as errors give it: [`KIND`](Self::KIND).
            pub fn kind(&self) -> &'static str {
                $payload
            }

            $crate::wire::json::entry_points! {
                $provider, <Self as $crate::wire::kinds::Kind>::read,
                #[doc = concat!("Reads a ", $payload, " from the raw request body.")]
                ///
                /// Fields and values the provider's document does not list are kept (see
                /// [`ListUnrecognized`](crate::ListUnrecognized)); the error names the field
                /// that does not hold what the document says.
            }
        }
    };
}
pub(crate) use json_payload;

/// Declares a provider's enum of kinds, whose [`Kinds`] is its table, with `kind`,
/// `unknown_fields`, `Serialize`, `ListUnrecognized` and the
/// [`entry_points!`](super::json::entry_points), whose `from_json` reads by the table
/// (`read by`: by a function of the provider's).
///
/// ```text
/// kinds! {
///     /// Any Wappin body.
///     pub enum Payload for Provider::Wappin, "payload" {
///         /// A variant, and its row: the type that reads it, its keys, its tag if any.
///         TokenResponse(TokenResponse) requires ["status", "data"]
///             where Tag::ObjectWith("data", "access_token"),
///     }
///     also { /** A variant of no row. */ Other(Other), }
///     delegate {
///         /** Asked of each variant's payload. */ pub fn kind(&self) -> &'static str;
///         /** Asked of these, `None` for the others. */
///         of [Callback] pub fn event(&self) -> Option<Event>;
///     }
/// }
/// ```
///
/// A row's type implements [`Kind`]; its [`Tag`](super::detect::Tag) is named by a path
/// the provider's module imports. Adding a kind is its type and one row.
macro_rules! kinds {
    (
        $(#[$attr:meta])*
        pub enum $name:ident for $provider:expr, $family:literal $(, read by $read:path)? {
            $(
                $(#[doc = $doc:expr])*
                $variant:ident($ty:ty) requires [$($key:literal),+ $(,)?] $(where $tag:expr)?,
            )+
        }
        $(also {
            $($(#[doc = $also_doc:expr])* $also:ident($also_ty:ty),)*
        })?
        $(delegate { $($delegate:tt)* })?
    ) => {
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
            $("`", $key, "` ",)+ $("and `", stringify!($tag), "`",)? " |"
        )])+
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[doc = $doc])* $variant($ty),)+
            $($($(#[doc = $also_doc])* $also($also_ty),)*)?
        }

        impl<P: From<$name> + 'static> $crate::wire::kinds::Kinds<P> for $name {
            const TABLE: $crate::wire::detect::Table<P> = $crate::wire::detect::Table {
                provider: $provider,
                family: $family,
                rows: &[$($crate::wire::detect::Row {
                    kind: <$ty as $crate::wire::kinds::Kind>::NAME,
                    requires: &[$($key),+],
                    knows: <$ty as $crate::wire::kinds::Kind>::FIELDS,
                    tag: kinds!(@or $(Some($tag))?; None),
                    read: |body| {
                        <$ty as $crate::wire::kinds::Kind>::read(body)
                            .map(|kind| P::from($name::$variant(kind)))
                    },
                },)+],
            };
        }

        impl $name {
            $crate::wire::json::entry_points! {
                $provider, kinds!(@or $($read)?; $crate::wire::kinds::read_table::<Self>),
                #[doc = concat!("Reads any ", $family, " and tells its kind (see the table of kinds),")]
                /// then reads it once, as that kind.
                ///
                /// A body that fits no kind is an error: the error of the kind it comes
                /// nearest, or an [`Error::NoKind`](crate::Error::NoKind) that says what it
                /// looks like; one that fits two kinds equally well is an
                /// [`Error::Ambiguous`](crate::Error::Ambiguous).
            }
        }

        impl $crate::ListUnrecognized for $name {
            fn list_unrecognized(&self, at: &$crate::FieldPath<'_>, found: &mut Vec<$crate::Unrecognized>) {
                match self {
                    $($name::$variant(payload) => payload.list_unrecognized(at, found),)+
                    $($($name::$also(payload) => payload.list_unrecognized(at, found),)*)?
                }
            }
        }

        kinds!(@delegate $name [$($variant)+ $($($also)*)?]
            /// The payload's kind, in the provider's terms.
            pub fn kind(&self) -> &'static str;
            /// The top-level fields the provider sent that its document does not name.
            pub fn unknown_fields(&self) -> &$crate::UnknownFields;
            $($($delegate)*)?
        );
    };
    // Each method of a `delegate` block, one at a time: it asks the payload inside, of
    // every variant, or (`of [...]`) of those named and gives `None` for the others.
    (
        @delegate $name:ident [$($variant:ident)+]
        $(#[doc = $doc:expr])* pub fn $method:ident(&self) -> $ty:ty; $($rest:tt)*
    ) => {
        kinds!(@method $name [$($variant)+] [] $(#[doc = $doc])* $method -> $ty);
        kinds!(@delegate $name [$($variant)+] $($rest)*);
    };
    (
        @delegate $name:ident [$($variant:ident)+] $(#[doc = $doc:expr])*
        of [$($some:ident),+ $(,)?] pub fn $method:ident(&self) -> $ty:ty; $($rest:tt)*
    ) => {
        kinds!(@method $name [$($some)+] [_ => None] $(#[doc = $doc])* $method -> $ty);
        kinds!(@delegate $name [$($variant)+] $($rest)*);
    };
    (@delegate $name:ident [$($variant:ident)+]) => {};
    (@method $name:ident [$($variant:ident)+] [$($others:tt)*] $(#[doc = $doc:expr])* $method:ident -> $ty:ty) => {
        impl $name {
            $(#[doc = $doc])*
            pub fn $method(&self) -> $ty {
                match self {
                    $($name::$variant(payload) => payload.$method().into(),)+
                    $($others)*
                }
            }
        }
    };
    // What is given, or else the default.
    (@or ; $default:expr) => { $default };
    (@or $given:expr; $default:expr) => { $given };
}
pub(crate) use kinds;
