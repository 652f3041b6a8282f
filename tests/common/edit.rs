//! A fixture's body as something to edit at a field: a JSON body as a tree (its scalars
//! kept as written), a query string or a form as its pairs (kept as written). For the
//! tests of idempotency keys (`tests/keys.rs`: a field the key is made of changed, the
//! provider's retry fields changed) and of required fields (`tests/required.rs`: each
//! field dropped in turn).

use std::fmt;
use std::path::Path as FilePath;

use super::Request;
use super::variants::{Node, Style};

/// One step of a path into a body: an object's key, or an array's item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Item(usize),
}

/// Where a field is: the steps from the top (`EventData.Amount`, `deliveries[0].created`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path(pub Vec<Step>);

impl Path {
    /// The path of `dotted` (`EventData.Amount`): keys only.
    pub fn of(dotted: &str) -> Path {
        Path(
            dotted
                .split('.')
                .map(|key| Step::Key(key.to_owned()))
                .collect(),
        )
    }

    /// The path with every array item written `[]`: `deliveries[].created`, what a list
    /// of required fields names.
    pub fn pattern(&self) -> String {
        let mut text = String::new();
        for step in &self.0 {
            match step {
                Step::Key(key) => {
                    if !text.is_empty() {
                        text.push('.');
                    }
                    text.push_str(key);
                }
                Step::Item(_) => text.push_str("[]"),
            }
        }
        text
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for step in &self.0 {
            match step {
                Step::Key(key) if first => write!(f, "{key}")?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Item(index) => write!(f, "[{index}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

/// A body to edit.
#[derive(Clone, Debug)]
pub enum Body {
    /// A JSON body.
    Json(Node),
    /// A query string or a form: its pairs, key and value as written.
    Pairs(Vec<(String, String)>),
}

impl Body {
    /// The body of `request`: its JSON, or the pairs of its query string or form.
    pub fn of(request: &Request) -> Body {
        match request.pairs_text() {
            Some(text) => Body::Pairs(
                text.trim()
                    .split('&')
                    .map(|pair| match pair.split_once('=') {
                        Some((key, value)) => (key.to_owned(), value.to_owned()),
                        None => (pair.to_owned(), String::new()),
                    })
                    .collect(),
            ),
            None => Body::Json(Node::of(std::str::from_utf8(&request.body).unwrap())),
        }
    }

    /// The body and the query string a request with this body carries, sent as `like`
    /// is sent (a JSON body, a form body, or an empty body and the query string).
    pub fn request(&self, like: &Request) -> (Vec<u8>, String) {
        match self {
            Body::Json(node) => (node.text(Style::Compact).into_bytes(), String::new()),
            Body::Pairs(pairs) => {
                let text = pairs
                    .iter()
                    .map(|(key, value)| format!("{key}={value}"))
                    .collect::<Vec<_>>()
                    .join("&");
                if like.body.is_empty() {
                    (Vec::new(), text)
                } else {
                    (text.into_bytes(), String::new())
                }
            }
        }
    }

    /// The request `like` with this body in place of its own.
    pub fn as_request(&self, like: &Request) -> Request {
        let (body, query) = self.request(like);
        Request {
            provider: like.provider,
            path: like.path.clone(),
            body,
            query,
        }
    }

    /// Every field, nested ones too, in the order they come: each object's entries (and
    /// the entries of objects in arrays), or each pair.
    pub fn fields(&self) -> Vec<Path> {
        match self {
            Body::Json(node) => {
                let mut all = Vec::new();
                collect(node, &mut Vec::new(), &mut all);
                all
            }
            Body::Pairs(pairs) => pairs
                .iter()
                .map(|(key, _)| Path(vec![Step::Key(key.clone())]))
                .collect(),
        }
    }

    /// The body without the field at `path`.
    pub fn without(&self, path: &Path) -> Body {
        match self {
            Body::Json(node) => Body::Json(edit(node, &path.0, &mut |_| None)),
            Body::Pairs(pairs) => Body::Pairs(
                pairs
                    .iter()
                    .filter(|(key, _)| Some(&Step::Key(key.clone())) != path.0.first())
                    .cloned()
                    .collect(),
            ),
        }
    }

    /// The scalar at `path`, as written (JSON text: `"abc"`, `12`; a pair's raw value).
    pub fn get(&self, path: &Path) -> Option<String> {
        match self {
            Body::Json(node) => {
                let mut at = node;
                for step in &path.0 {
                    at = match (at, step) {
                        (Node::Object(entries), Step::Key(key)) => {
                            &entries.iter().find(|(name, _)| name == key)?.1
                        }
                        (Node::Array(items), Step::Item(index)) => items.get(*index)?,
                        _ => return None,
                    };
                }
                match at {
                    Node::Scalar(text) => Some(text.clone()),
                    _ => None,
                }
            }
            Body::Pairs(pairs) => {
                let Some(Step::Key(name)) = path.0.first() else {
                    return None;
                };
                pairs
                    .iter()
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value.clone())
            }
        }
    }

    /// The body with `text` (JSON text for a JSON body, a raw value for a pair) at
    /// `path`: in place where the field is, else added as the last entry of its object.
    pub fn with(&self, path: &Path, text: &str) -> Body {
        match self {
            Body::Json(node) => Body::Json(edit(node, &path.0, &mut |_| {
                Some(Node::Scalar(text.to_owned()))
            })),
            Body::Pairs(pairs) => {
                let Some(Step::Key(name)) = path.0.first() else {
                    return self.clone();
                };
                let mut pairs = pairs.clone();
                match pairs.iter_mut().find(|(key, _)| key == name) {
                    Some(pair) => pair.1 = text.to_owned(),
                    None => pairs.push((name.clone(), text.to_owned())),
                }
                Body::Pairs(pairs)
            }
        }
    }

    /// The body with its entries in another order, by `seed`: a JSON body's at every
    /// level, a query's or a form's pairs.
    pub fn shuffled(&self, seed: u64) -> Body {
        let mut seed = seed;
        match self {
            Body::Json(node) => Body::Json(node.shuffled(&mut seed)),
            Body::Pairs(pairs) => {
                let mut pairs = pairs.clone();
                for i in (1..pairs.len()).rev() {
                    seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    let j = ((seed >> 33) % (i as u64 + 1)) as usize;
                    pairs.swap(i, j);
                }
                Body::Pairs(pairs)
            }
        }
    }
}

/// The paths to every entry of `node`'s objects, depth first.
fn collect(node: &Node, at: &mut Vec<Step>, all: &mut Vec<Path>) {
    match node {
        Node::Object(entries) => {
            for (key, value) in entries {
                at.push(Step::Key(key.clone()));
                all.push(Path(at.clone()));
                collect(value, at, all);
                at.pop();
            }
        }
        Node::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                at.push(Step::Item(index));
                collect(item, at, all);
                at.pop();
            }
        }
        Node::Scalar(_) => {}
    }
}

/// `node` with the entry at `path` given by `change` (its old value, or `None` where it
/// was absent): removed where `change` gives `None`, added at the end of its object
/// where it was absent.
fn edit(node: &Node, path: &[Step], change: &mut dyn FnMut(Option<&Node>) -> Option<Node>) -> Node {
    let Some((step, rest)) = path.split_first() else {
        return node.clone();
    };
    match (node, step) {
        (Node::Object(entries), Step::Key(key)) => {
            let mut entries = entries.clone();
            match entries.iter().position(|(name, _)| name == key) {
                Some(at) if rest.is_empty() => match change(Some(&entries[at].1)) {
                    Some(value) => entries[at].1 = value,
                    None => {
                        entries.remove(at);
                    }
                },
                Some(at) => entries[at].1 = edit(&entries[at].1, rest, change),
                None if rest.is_empty() => {
                    if let Some(value) = change(None) {
                        entries.push((key.clone(), value));
                    }
                }
                None => {}
            }
            Node::Object(entries)
        }
        (Node::Array(items), Step::Item(index)) => {
            let mut items = items.clone();
            if let Some(item) = items.get_mut(*index) {
                *item = edit(item, rest, change);
            }
            Node::Array(items)
        }
        _ => node.clone(),
    }
}

/// Every fixture, and every constructed body under `tests/data/` (JSON, and eSMS's
/// queries), as its request: what the key and required-field tests go over (Viva's 4865
/// has no published sample whole).
pub fn samples() -> Vec<Request> {
    let mut all = super::requests();
    let data = FilePath::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for provider in ["nxcloud", "esms", "wappin", "viva"] {
        for path in super::files(&data.join(provider), "json") {
            let body = std::fs::read(&path).unwrap();
            all.push(Request {
                provider,
                path,
                body,
                query: String::new(),
            });
        }
        for path in super::files(&data.join(provider), "query") {
            let query = std::fs::read_to_string(&path).unwrap().trim().to_owned();
            all.push(Request {
                provider,
                path,
                body: Vec::new(),
                query,
            });
        }
    }
    all
}

/// The idempotency key of the event a request with `body` and `query` gives, if it is
/// read and gives one.
pub fn event_key(body: &[u8], query: &str) -> Option<String> {
    provider_payloads::parse(body, query)
        .ok()?
        .event()
        .map(|event| event.idempotency_key().to_owned())
}
