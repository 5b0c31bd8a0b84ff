//! The JSON the browser writes: the payload of a referral. The app never parses JSON with
//! serde_json and never builds a `serde_json::Value`; writing this one small tree instead keeps
//! serde_json's parser, `Value` and map out of the wasm, about 60 kB of the 300 kB budget
//! (issue #7). Receivers and tests read what it writes with serde_json as usual.

use std::fmt;

/// A JSON value, written by `Display`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Number(u64),
    /// A string, escaped when written.
    Text(String),
    /// An array.
    List(Vec<Json>),
    /// Written in the order given.
    Object(Vec<(&'static str, Json)>),
}

impl Json {
    /// Adds a key the object does not have yet; other values are left alone.
    pub fn push(&mut self, key: &'static str, value: Json) {
        if let Json::Object(fields) = self {
            fields.push((key, value));
        }
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Json {
        Json::Text(text.to_owned())
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Json {
        value.map_or(Json::Null, Into::into)
    }
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            Json::Number(n) => write!(f, "{n}"),
            Json::Text(text) => write_text(f, text),
            Json::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    item.fmt(f)?;
                }
                f.write_str("]")
            }
            Json::Object(fields) => {
                f.write_str("{")?;
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_text(f, key)?;
                    f.write_str(":")?;
                    value.fmt(f)?;
                }
                f.write_str("}")
            }
        }
    }
}

/// A JSON string: quotes, backslashes and control characters escaped, everything else as is.
fn write_text(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("\"")?;
    let mut plain_from = 0;
    for (i, c) in text.char_indices() {
        if c == '"' || c == '\\' || c < ' ' {
            f.write_str(&text[plain_from..i])?;
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                _ => write!(f, "\\u{:04x}", u32::from(c))?,
            }
            plain_from = i + c.len_utf8();
        }
    }
    f.write_str(&text[plain_from..])?;
    f.write_str("\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_tree_is_written_as_compact_json_in_the_order_given() {
        let mut tree = Json::Object(vec![(
            "b",
            Json::List(vec![Json::Number(1), Json::Bool(true)]),
        )]);
        tree.push("a", "x".into());
        assert_eq!(tree.to_string(), r#"{"b":[1,true],"a":"x"}"#);
    }

    #[test]
    fn quotes_backslashes_and_control_characters_are_escaped() {
        let text = Json::from("say \"hi\"\\\n\t\u{1}é");
        assert_eq!(text.to_string(), r#""say \"hi\"\\\u000a\u0009\u0001é""#);
    }

    proptest! {
        #[test]
        fn any_text_reads_back_the_same(text in any::<String>()) {
            let written = Json::Object(vec![("text", Json::from(text.as_str()))]).to_string();
            let read: serde_json::Value = serde_json::from_str(&written).unwrap();
            prop_assert_eq!(read["text"].as_str(), Some(text.as_str()));
        }
    }
}
