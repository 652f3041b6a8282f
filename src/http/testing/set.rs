//! [`Sample::set`](super::Sample::set): a field of a sample's body set to a value of its
//! type, the rest of the body kept byte for byte.

use std::collections::BTreeMap;

use serde_json::value::RawValue;

use crate::Error;
use crate::wire::query;

/// Why [`Sample::set`](super::Sample::set) refused a change: its message says which field
/// and why.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SetError {
    /// The body has no field at `path`, or `path` is not written as a path.
    #[error("`{path}`: {reason}")]
    NoField {
        /// The path as it was given.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The value is not of the field's JSON type.
    #[error("`{path}` holds {expected}; `{value}` is not one")]
    WrongType {
        /// The path as it was given.
        path: String,
        /// The field's type: `a string`, `a number`, ...
        expected: &'static str,
        /// The value that was refused.
        value: String,
    },
    /// With the value, the body no longer reads as a payload.
    #[error("with `{path}` set to `{value}`, the body no longer reads: {source}")]
    Unreadable {
        /// The path as it was given.
        path: String,
        /// The value that was refused.
        value: String,
        /// The crate's error for the changed body (boxed: an `Error` is large, and a
        /// `Result` carries its largest variant).
        source: Box<Error>,
    },
    /// With the value, the body reads as another kind than it was, or as no callback.
    #[error("with `{path}` set to `{value}`, the body is {now}, no longer {was}")]
    OtherKind {
        /// The path as it was given.
        path: String,
        /// The value that was refused.
        value: String,
        /// What the body was: `a Wappin callback`.
        was: String,
        /// What it is now.
        now: String,
    },
}

/// One step of a path: an object's key, or an array's item.
enum Step<'p> {
    Key(&'p str),
    Item(usize),
}

/// The steps of `path`: keys between dots, items in brackets (`statuses[0].status`).
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut items) = part.find('[').map_or((part, ""), |at| part.split_at(at));
        if key.is_empty() && items.is_empty() {
            return None;
        }
        if !key.is_empty() {
            steps.push(Step::Key(key));
        }
        while !items.is_empty() {
            let (index, rest) = items.strip_prefix('[')?.split_once(']')?;
            steps.push(Step::Item(index.parse().ok()?));
            items = rest;
        }
    }
    Some(steps)
}

/// Where the value at `path` is in the JSON `body`: its start and end.
fn json_span(body: &str, path: &str) -> Result<(usize, usize), SetError> {
    let no_field = |reason: String| SetError::NoField {
        path: path.to_owned(),
        reason,
    };
    let steps = steps(path).ok_or_else(|| {
        no_field(
            "not a path: keys between dots, items in brackets (`statuses[0].status`)".to_owned(),
        )
    })?;
    let mut value: &RawValue = serde_json::from_str(body)
        .map_err(|err| no_field(format!("the body is not JSON: {err}")))?;
    for step in steps {
        value = match step {
            Step::Key(key) => {
                let object: BTreeMap<String, &RawValue> = serde_json::from_str(value.get())
                    .map_err(|_| no_field(format!("no object holds `{key}`")))?;
                *object
                    .get(key)
                    .ok_or_else(|| no_field(format!("no key `{key}` in the body")))?
            }
            Step::Item(index) => {
                let array: Vec<&RawValue> = serde_json::from_str(value.get())
                    .map_err(|_| no_field(format!("no array holds item {index}")))?;
                let count = array.len();
                *array
                    .get(index)
                    .ok_or_else(|| no_field(format!("no item {index}: the array has {count}")))?
            }
        };
    }
    let start = value
        .get()
        .as_ptr()
        .addr()
        .checked_sub(body.as_ptr().addr())
        .ok_or_else(|| no_field("not inside the body".to_owned()))?;
    let end = start
        .checked_add(value.get().len())
        .ok_or_else(|| no_field("not inside the body".to_owned()))?;
    Ok((start, end))
}

/// `value` written as the JSON type of `old` (a field's text as it is in the body).
fn as_json_of(old: &str, path: &str, value: &str) -> Result<String, SetError> {
    let wrong = |expected| SetError::WrongType {
        path: path.to_owned(),
        expected,
        value: value.to_owned(),
    };
    let scalar = serde_json::from_str::<&RawValue>(value)
        .ok()
        .filter(|raw| !raw.get().starts_with(['{', '[']));
    match old.as_bytes().first() {
        Some(b'"') => serde_json::to_string(value).map_err(|_| wrong("a string")),
        Some(b'-' | b'0'..=b'9') => serde_json::from_str::<serde_json::Number>(value)
            .map(|_| value.to_owned())
            .map_err(|_| wrong("a number")),
        Some(b't' | b'f') => match value {
            "true" | "false" => Ok(value.to_owned()),
            _ => Err(wrong("`true` or `false`")),
        },
        Some(b'n') => match scalar {
            Some(raw) => Ok(raw.get().to_owned()),
            None => serde_json::to_string(value).map_err(|_| wrong("null")),
        },
        Some(b'{') => Err(wrong("an object (set a field inside it)")),
        _ => Err(wrong("an array (set an item inside it)")),
    }
}

/// The JSON `body` with the value at `path` replaced by `value`, of its type.
pub(crate) fn set_json(body: &[u8], path: &str, value: &str) -> Result<Vec<u8>, SetError> {
    let text = std::str::from_utf8(body).map_err(|_| SetError::NoField {
        path: path.to_owned(),
        reason: "the body is not UTF-8".to_owned(),
    })?;
    let (start, end) = json_span(text, path)?;
    let old = text.get(start..end).unwrap_or_default();
    let new = as_json_of(old, path, value)?;
    Ok(splice(body, (start, end), new.as_bytes()))
}

/// The query string or form `pairs` with the value of the key `path` replaced by
/// `value`, percent-encoded.
pub(crate) fn set_pair(pairs: &str, path: &str, value: &str) -> Result<String, SetError> {
    let mut found = query::spans(pairs).filter(|&((start, end), _)| {
        pairs
            .get(start..end)
            .and_then(|key| query::decode(key).ok())
            .is_some_and(|key| key == path)
    });
    let no_field = |reason: &str| SetError::NoField {
        path: path.to_owned(),
        reason: reason.to_owned(),
    };
    let (_, span) = found
        .next()
        .ok_or_else(|| no_field("no such key in the pairs"))?;
    if found.next().is_some() {
        return Err(no_field("the key is there more than once"));
    }
    let encoded = query::encode(value).to_string();
    let spliced = splice(pairs.as_bytes(), span, encoded.as_bytes());
    // Text with ASCII put in place of ASCII-bounded text: still UTF-8.
    String::from_utf8(spliced).map_err(|_| no_field("the pairs are not UTF-8"))
}

/// `bytes` with `span` replaced by `new`.
fn splice(bytes: &[u8], (start, end): (usize, usize), new: &[u8]) -> Vec<u8> {
    let before = bytes.get(..start).unwrap_or_default();
    let after = bytes.get(end..).unwrap_or_default();
    [before, new, after].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_stays_a_string_and_the_rest_is_kept() {
        let body = br#"{ "a" : {"b": [1, {"c": "x"}]}, "d":2.50 }"#;
        let set = set_json(body, "a.b[1].c", "y\"z").unwrap();
        assert_eq!(set, br#"{ "a" : {"b": [1, {"c": "y\"z"}]}, "d":2.50 }"#);
        let set = set_json(body, "d", "7.00").unwrap();
        assert_eq!(set, br#"{ "a" : {"b": [1, {"c": "x"}]}, "d":7.00 }"#);
    }

    #[test]
    fn a_wrong_type_or_path_is_refused_with_why() {
        let body = br#"{"a":{"b":[1]},"d":2}"#;
        let err = set_json(body, "d", "two").unwrap_err();
        assert_eq!(err.to_string(), "`d` holds a number; `two` is not one");
        let err = set_json(body, "a.x", "1").unwrap_err();
        assert_eq!(err.to_string(), "`a.x`: no key `x` in the body");
        let err = set_json(body, "a.b[3]", "1").unwrap_err();
        assert_eq!(err.to_string(), "`a.b[3]`: no item 3: the array has 1");
        let err = set_json(body, "a", "1").unwrap_err();
        assert!(err.to_string().contains("an object"), "{err}");
        assert!(set_json(body, "a.b[x]", "1").is_err());
    }

    #[test]
    fn a_pair_is_set_encoded_in_place() {
        let set = set_pair("A=1&B=x y&C=3", "B", "a b&c").unwrap();
        assert_eq!(set, "A=1&B=a%20b%26c&C=3");
        assert!(set_pair("A=1&A=2", "A", "3").is_err());
        assert!(set_pair("A=1", "Z", "3").is_err());
    }
}
