//! Variants of a JSON body that say the same thing: its keys in another order at every
//! level, other white space, one more top-level key. Detection must read each as it
//! reads the body: the same provider and kind, the same typed value, the same JSON
//! written back (issue 22's property; `tests/properties.rs` runs it on every fixture,
//! `tests/shared.rs` on every real-world sample).

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use provider_payloads::parse;
use serde_json::Value;
use serde_json::value::RawValue;

use super::parse as own_entry_point;

/// A JSON text as a tree: objects keep their entries in order, scalars their text.
#[derive(Clone, Debug)]
pub enum Node {
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
    Scalar(String),
}

impl Node {
    /// The tree of a JSON text.
    pub fn of(json: &str) -> Node {
        let raw: &RawValue = serde_json::from_str(json).unwrap();
        let text = raw.get();
        match text.as_bytes().first() {
            Some(b'{') => {
                let entries: Vec<(String, &RawValue)> =
                    serde_json::from_str::<Entries>(text).unwrap().0;
                Node::Object(
                    entries
                        .into_iter()
                        .map(|(key, value)| (key, Node::of(value.get())))
                        .collect(),
                )
            }
            Some(b'[') => {
                let items: Vec<&RawValue> = serde_json::from_str(text).unwrap();
                Node::Array(items.into_iter().map(|item| Node::of(item.get())).collect())
            }
            _ => Node::Scalar(text.to_owned()),
        }
    }

    /// The top-level keys, in order.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            Node::Object(entries) => entries.iter().map(|(key, _)| key.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    /// The entries of every object in another order, by `seed`.
    pub fn shuffled(&self, seed: &mut u64) -> Node {
        match self {
            Node::Object(entries) => {
                let mut entries: Vec<(String, Node)> = entries
                    .iter()
                    .map(|(key, value)| (key.clone(), value.shuffled(seed)))
                    .collect();
                // Fisher-Yates with a small generator: the order is all the seed decides.
                for i in (1..entries.len()).rev() {
                    *seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    let j = ((*seed >> 33) % (i as u64 + 1)) as usize;
                    entries.swap(i, j);
                }
                Node::Object(entries)
            }
            Node::Array(items) => {
                Node::Array(items.iter().map(|item| item.shuffled(seed)).collect())
            }
            Node::Scalar(text) => Node::Scalar(text.clone()),
        }
    }

    /// The object with one more entry, first or last.
    pub fn with_entry(&self, key: &str, value: &str, first: bool) -> Node {
        let Node::Object(entries) = self else {
            return self.clone();
        };
        let mut entries = entries.clone();
        let entry = (key.to_owned(), Node::Scalar(value.to_owned()));
        if first {
            entries.insert(0, entry);
        } else {
            entries.push(entry);
        }
        Node::Object(entries)
    }

    /// The tree written with `style`'s white space.
    pub fn write(&self, style: Style, depth: usize, out: &mut String) {
        let (open, close, items): (char, char, Vec<(Option<&str>, &Node)>) = match self {
            Node::Scalar(text) => {
                out.push_str(text);
                return;
            }
            Node::Object(entries) => (
                '{',
                '}',
                entries
                    .iter()
                    .map(|(key, value)| (Some(key.as_str()), value))
                    .collect(),
            ),
            Node::Array(items) => ('[', ']', items.iter().map(|item| (None, item)).collect()),
        };
        out.push(open);
        for (index, (key, value)) in items.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            style.line(depth + 1, out);
            if let Some(key) = key {
                out.push_str(&serde_json::to_string(key).unwrap());
                out.push_str(style.colon());
            }
            value.write(style, depth + 1, out);
        }
        if !items.is_empty() {
            style.line(depth, out);
        }
        out.push(close);
    }

    /// The tree as JSON text with `style`'s white space.
    pub fn text(&self, style: Style) -> String {
        let mut out = String::new();
        if style == Style::Padded {
            out.push_str(" \n\t");
        }
        self.write(style, 0, &mut out);
        if style == Style::Padded {
            out.push_str("\r\n ");
        }
        out
    }
}

/// An object's entries, in order.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Entries<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = Entries<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Entries<'a>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// A way of spacing JSON.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Style {
    /// No white space.
    Compact,
    /// A line a value, indented with two spaces.
    Pretty,
    /// A line a value, indented with tabs, and a space on both sides of each colon.
    Tabs,
    /// Compact, with white space before and after the body.
    Padded,
}

impl Style {
    pub const ALL: [Style; 4] = [Style::Compact, Style::Pretty, Style::Tabs, Style::Padded];

    fn line(self, depth: usize, out: &mut String) {
        match self {
            Style::Compact | Style::Padded => {}
            Style::Pretty => {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
            Style::Tabs => {
                out.push_str("\r\n");
                out.push_str(&"\t".repeat(depth));
            }
        }
    }

    fn colon(self) -> &'static str {
        match self {
            Style::Compact | Style::Padded => ":",
            Style::Pretty => ": ",
            Style::Tabs => " : ",
        }
    }
}

/// The names the providers' tables of kinds use: those each provider's own entry point
/// names in its error of an empty object, which lists each kind with the keys it
/// requires (its message names the nearest alone).
pub fn table_names() -> Vec<String> {
    use provider_payloads::{esms, nxcloud, viva, wappin};
    let errors = [
        nxcloud::Callback::from_json(b"{}").map(drop),
        esms::Payload::from_json(b"{}").map(drop),
        wappin::Payload::from_json(b"{}").map(drop),
        viva::Webhook::from_json(b"{}").map(drop),
        viva::Payload::from_json(b"{}").map(drop),
    ];
    let mut names: Vec<String> = errors
        .iter()
        .filter_map(|read| match read {
            Err(provider_payloads::Error::NoKind { expected, .. }) => Some(expected.join(", ")),
            _ => None,
        })
        .flat_map(|expected| {
            expected
                .split('`')
                .skip(1)
                .step_by(2)
                .filter(|name| !name.contains('='))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Values an added key is drawn with.
pub const VALUES: [&str; 6] = [r#""x""#, "7", "null", "true", r#"{"a":[1]}"#, "[]"];

/// A variant of a body: its keys reordered by a seed, written in a style, with one more
/// top-level key (a name and a value of [`VALUES`], first or last) or none.
#[derive(Clone, Debug)]
pub struct Variant {
    pub seed: u64,
    pub style: Style,
    pub added: Option<(String, &'static str, bool)>,
}

pub fn variants(names: Vec<String>) -> impl Strategy<Value = Variant> {
    let added_name = prop_oneof![
        proptest::sample::select(names),
        "zz_[a-z]{1,6}".prop_map(|name| name),
    ];
    (
        any::<u64>(),
        proptest::sample::select(Style::ALL.to_vec()),
        proptest::option::of((
            added_name,
            proptest::sample::select(VALUES.to_vec()),
            any::<bool>(),
        )),
    )
        .prop_map(|(seed, style, added)| Variant { seed, style, added })
}

/// What a body reads as, through `parse` and through its provider's own entry point:
/// provider and kind, and the JSON written back.
fn read(provider: &str, body: &[u8]) -> Result<(String, &'static str, Value), String> {
    let payload = parse(body, "").map_err(|err| format!("parse: {err}"))?;
    let own = own_entry_point(provider, body).map_err(|err| format!("{provider}: {err}"))?;
    if own.kind != payload.kind() {
        return Err(format!(
            "parse read a {} {}, {provider}'s own entry point a {}",
            payload.provider(),
            payload.kind(),
            own.kind
        ));
    }
    let written: Value = serde_json::from_slice(&payload.to_wire().unwrap()).unwrap();
    let own_written: Value = serde_json::from_slice(&own.wire).unwrap();
    if written != own_written {
        return Err("parse and the provider's entry point write back other JSON".to_owned());
    }
    Ok((payload.provider().to_string(), payload.kind(), written))
}

/// Whether `variant` of `body` (a `provider` sample) reads as `body` does.
///
/// One exception, where the tables' own rule says otherwise: a body of one top-level key
/// (Wappin's acknowledgement `{"status":"000"}`, its inquiry `{"message_id":...}`, Viva's
/// verification `{"Key":...}`) given the key that another kind requires is a body of
/// that kind too: `{"status":"000","message":"x"}` is a Wappin response, and
/// `{"status":"000","message_id":"x"}` both an acknowledgement and an inquiry, an error
/// that names both. Such a variant must read as another kind of the same provider (or
/// give that kind's error), or give that error, naming the sample's kind.
pub fn reads_alike(provider: &str, body: &[u8], variant: &Variant) -> Result<(), TestCaseError> {
    let text = std::str::from_utf8(body).unwrap();
    let tree = Node::of(text);
    let mut seed = variant.seed;
    let mut changed = tree.shuffled(&mut seed);
    if let Some((name, value, first)) = &variant.added {
        if tree.keys().contains(&name.as_str()) {
            return Err(TestCaseError::reject("the body has the key already"));
        }
        changed = changed.with_entry(name, value, *first);
    }
    let changed = changed.text(variant.style);
    let (provider_read, kind, written) =
        read(provider, body).map_err(|err| TestCaseError::fail(format!("the sample: {err}")))?;
    let one_key_and_a_kind_s_key = tree.keys().len() == 1
        && variant
            .added
            .as_ref()
            .is_some_and(|(name, _, _)| !name.starts_with("zz_"));
    let (variant_provider, variant_kind, variant_written) = match read(provider, changed.as_bytes())
    {
        Ok(read) => read,
        Err(err) if one_key_and_a_kind_s_key && err.contains("fits several payload kinds") => {
            prop_assert!(err.contains(kind), "{}: the variant: {}", err, changed);
            return Ok(());
        }
        Err(err)
            if one_key_and_a_kind_s_key
                && err.starts_with(&format!("parse: {provider} "))
                && !err.contains(&format!("{provider} {kind}:")) =>
        {
            return Ok(());
        }
        // The added key is a field of the sample's own kind, not an unknown one, and the
        // value drawn is not what the field holds: no variant of the sample.
        Err(err)
            if variant.added.as_ref().is_some_and(|(name, _, _)| {
                err.contains(&format!("{provider} {kind}: `{name}`:"))
            }) =>
        {
            return Err(TestCaseError::reject(
                "a field of the kind, with another value",
            ));
        }
        Err(err) => {
            return Err(TestCaseError::fail(format!(
                "{err}\nthe variant: {changed}"
            )));
        }
    };
    if one_key_and_a_kind_s_key && variant_kind != kind && variant_provider == provider_read {
        return Ok(());
    }
    prop_assert_eq!(
        (&variant_provider, variant_kind),
        (&provider_read, kind),
        "the variant: {}",
        changed
    );
    // Written back loss-free: the variant's JSON, whatever order and spacing it had.
    let variant_value: Value = serde_json::from_str(&changed).unwrap();
    prop_assert_eq!(&variant_written, &variant_value, "the variant: {}", changed);
    // The same typed value: without the added key, what the sample writes back.
    let mut without = variant_written;
    if let (Some((name, _, _)), Value::Object(map)) = (&variant.added, &mut without) {
        map.remove(name);
    }
    prop_assert_eq!(&without, &written, "the variant: {}", changed);
    Ok(())
}

/// Asserts that 64 variants of `body` (a `provider` sample, named `what` in a failure)
/// read as `body` does, with the names `table_names` gives.
pub fn assert_variants_read_alike(provider: &str, body: &[u8], names: &[String], what: &str) {
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new(Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&variants(names.to_vec()), |variant| {
            reads_alike(provider, body, &variant)
        })
        .unwrap_or_else(|err| panic!("{what}: {err}"));
}
