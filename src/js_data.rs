//! Data written as a JavaScript (or TypeScript) literal, as Docusaurus' `sidebars.js` holds it:
//! objects, arrays, strings, numbers, `true`, `false`, `null` and `undefined`; keys bare or
//! quoted; trailing commas; comments. Whatever a program computes (a variable, a call, a
//! spread, a template with `${}`) is not data: reading stops there, and the caller names the
//! place.

/// A value, and where it begins in the text (a byte offset).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    String(String),
    Number(f64),
    Bool(bool),
    /// `null` or `undefined`.
    Null,
    Array(Vec<Node>),
    /// Keys in the order written (a key written twice: the last one counts, as in JavaScript).
    Object(Vec<(String, Node)>),
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// An object's value for `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Where reading stopped: the byte offset, and what was there.
#[derive(Debug, Clone, PartialEq)]
pub struct NotData {
    pub at: usize,
    pub found: String,
}

/// Objects and arrays nested deeper than this are not read (no stack runs out on a crafted
/// file).
const MAX_DEPTH: usize = 128;

/// Reads the literal that begins at `at` (after any spaces and comments); returns it and the
/// offset just past it.
pub fn parse_at(text: &str, at: usize) -> Result<(Node, usize), NotData> {
    let mut reader = Reader { text, at };
    let node = reader.value(0)?;
    Ok((node, reader.at))
}

/// Where the value a module exports begins: the literal after `module.exports =` or
/// `export default`, or, when those name a variable (`export default sidebars;`), the literal
/// that variable is declared with (`const sidebars: SidebarsConfig = {`).
pub fn exported_value(text: &str) -> Option<usize> {
    let code = code_offsets(text);
    let word_at = |word: &str| {
        code.iter().copied().find(|&i| {
            text[i..].starts_with(word)
                && !text[..i].ends_with(is_name_char)
                && !text[i + word.len()..].starts_with(is_name_char)
        })
    };
    // `module.exports = ` (not `module.exports.x = `), else `export default`.
    let assigned = code.iter().copied().find_map(|i| {
        let word = "module.exports";
        if !text[i..].starts_with(word) || text[..i].ends_with(is_name_char) {
            return None;
        }
        let rest = skip_space(text, i + word.len());
        (text[rest..].starts_with('=') && !text[rest..].starts_with("=="))
            .then(|| skip_space(text, rest + 1))
    });
    let after_export = match assigned {
        Some(at) => at,
        None => {
            let i = word_at("export default")?;
            skip_space(text, i + "export default".len())
        }
    };
    if text[after_export..].starts_with(['{', '[']) {
        return Some(after_export);
    }
    let name_len = text[after_export..]
        .find(|c: char| !is_name_char(c))
        .unwrap_or(text.len() - after_export);
    let name = &text[after_export..after_export + name_len];
    if name.is_empty() {
        return None;
    }
    for keyword in ["const", "let", "var"] {
        let declared = code.iter().copied().find(|&i| {
            text[i..].starts_with(keyword) && !text[..i].ends_with(is_name_char) && {
                let n = skip_space(text, i + keyword.len());
                text[n..].starts_with(name) && !text[n + name.len()..].starts_with(is_name_char)
            }
        });
        let Some(i) = declared else {
            continue;
        };
        // Past the name and a type (`: SidebarsConfig`) to the `=`.
        let n = skip_space(text, i + keyword.len()) + name.len();
        let equals = n + text[n..].find('=')?;
        return Some(skip_space(text, equals + 1));
    }
    None
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// The offsets of the text that are code: not in a string or a comment, each the start of a
/// character.
fn code_offsets(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') || bytes.get(i + 1) == Some(&b'*') => {
                i = skip_space(text, i);
            }
            quote @ (b'\'' | b'"' | b'`') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            _ => {
                if text.is_char_boundary(i) {
                    out.push(i);
                }
                i += 1;
            }
        }
    }
    out
}

/// The offset of the first character at or after `at` that is neither a space nor in a
/// comment.
fn skip_space(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while at < bytes.len() && (bytes[at] as char).is_ascii_whitespace() {
            at += 1;
        }
        if bytes[at..].starts_with(b"//") {
            at = text[at..].find('\n').map_or(text.len(), |n| at + n + 1);
        } else if bytes[at..].starts_with(b"/*") {
            at = text[at + 2..]
                .find("*/")
                .map_or(text.len(), |n| at + 2 + n + 2);
        } else if text[at..].starts_with('\u{feff}') || text[at..].starts_with('\u{a0}') {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        } else {
            return at;
        }
    }
}

struct Reader<'t> {
    text: &'t str,
    at: usize,
}

impl Reader<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn not_data(&self) -> NotData {
        let rest = self.rest();
        let word: String = match rest.chars().next() {
            None => "the end of the file".into(),
            Some(c) if is_name_char(c) => rest.chars().take_while(|&c| is_name_char(c)).collect(),
            Some(_) => rest.chars().take(3).collect(),
        };
        NotData {
            at: self.at,
            found: word,
        }
    }

    fn space(&mut self) {
        self.at = skip_space(self.text, self.at);
    }

    fn value(&mut self, depth: usize) -> Result<Node, NotData> {
        self.space();
        let at = self.at;
        if depth > MAX_DEPTH {
            return Err(self.not_data());
        }
        let value = match self.rest().chars().next() {
            Some('{') => self.object(depth)?,
            Some('[') => self.array(depth)?,
            Some(q @ ('\'' | '"' | '`')) => Value::String(self.string(q)?),
            Some(c) if c.is_ascii_digit() || c == '-' || c == '.' || c == '+' => {
                Value::Number(self.number()?)
            }
            _ => {
                let word = self.name();
                match word {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    "null" | "undefined" => Value::Null,
                    _ => {
                        self.at = at;
                        return Err(self.not_data());
                    }
                }
            }
        };
        Ok(Node { value, at })
    }

    /// A bare name (`label`, `$x`), possibly empty.
    fn name(&mut self) -> &str {
        let len = self
            .rest()
            .find(|c: char| !is_name_char(c))
            .unwrap_or(self.rest().len());
        let name = &self.text[self.at..self.at + len];
        self.at += len;
        name
    }

    fn object(&mut self, depth: usize) -> Result<Value, NotData> {
        self.at += 1;
        let mut entries = Vec::new();
        loop {
            self.space();
            if self.rest().starts_with('}') {
                self.at += 1;
                return Ok(Value::Object(entries));
            }
            let key = match self.rest().chars().next() {
                Some(q @ ('\'' | '"')) => self.string(q)?,
                Some(c) if is_name_char(c) => self.name().to_string(),
                _ => return Err(self.not_data()),
            };
            self.space();
            if !self.rest().starts_with(':') {
                return Err(self.not_data());
            }
            self.at += 1;
            let value = self.value(depth + 1)?;
            entries.push((key, value));
            self.space();
            match self.rest().chars().next() {
                Some(',') => self.at += 1,
                Some('}') => {}
                _ => return Err(self.not_data()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, NotData> {
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.space();
            if self.rest().starts_with(']') {
                self.at += 1;
                return Ok(Value::Array(items));
            }
            items.push(self.value(depth + 1)?);
            self.space();
            match self.rest().chars().next() {
                Some(',') => self.at += 1,
                Some(']') => {}
                _ => return Err(self.not_data()),
            }
        }
    }

    /// A string in `quote`s, its escapes read; a template string only without `${}`.
    fn string(&mut self, quote: char) -> Result<String, NotData> {
        let start = self.at;
        let mut out = String::new();
        let mut chars = self.text[start + 1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                c if c == quote => {
                    self.at = start + 1 + i + 1;
                    return Ok(out);
                }
                '\n' if quote != '`' => break,
                '$' if quote == '`' && self.text[start + 1 + i..].starts_with("${") => {
                    return Err(NotData {
                        at: start + 1 + i,
                        found: "${...}".into(),
                    });
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, 'r')) => out.push('\r'),
                    Some((_, '0')) => out.push('\0'),
                    Some((_, 'b')) => out.push('\u{8}'),
                    Some((_, 'f')) => out.push('\u{c}'),
                    Some((_, 'v')) => out.push('\u{b}'),
                    Some((_, '\n')) => {}
                    Some((j, 'x')) => {
                        let hex = self.text.get(start + 2 + j..start + 4 + j).unwrap_or("");
                        let code = u32::from_str_radix(hex, 16).ok();
                        out.extend(code.and_then(char::from_u32));
                        chars.nth(1);
                    }
                    Some((j, 'u')) => {
                        let from = start + 2 + j;
                        let (hex, len) = match self.text[from..].strip_prefix('{') {
                            Some(braced) => {
                                let end = braced.find('}').unwrap_or(0);
                                (&braced[..end], end + 2)
                            }
                            None => (self.text.get(from..from + 4).unwrap_or(""), 4),
                        };
                        let code = u32::from_str_radix(hex, 16).ok();
                        out.extend(code.and_then(char::from_u32));
                        for _ in 0..self.text[from..].chars().take(len).count() {
                            chars.next();
                        }
                    }
                    Some((_, other)) => out.push(other),
                    None => break,
                },
                c => out.push(c),
            }
        }
        self.at = start;
        Err(NotData {
            at: start,
            found: "a string never closed".into(),
        })
    }

    fn number(&mut self) -> Result<f64, NotData> {
        let start = self.at;
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_')))
            .unwrap_or(self.rest().len());
        let written = self.text[start..start + len].replace('_', "");
        let (negative, digits) = match written.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, written.strip_prefix('+').unwrap_or(&written)),
        };
        let value = match digits.get(..2) {
            Some("0x" | "0X") => u64::from_str_radix(&digits[2..], 16).ok().map(|n| n as f64),
            Some("0o" | "0O") => u64::from_str_radix(&digits[2..], 8).ok().map(|n| n as f64),
            Some("0b" | "0B") => u64::from_str_radix(&digits[2..], 2).ok().map(|n| n as f64),
            // `inf` and `NaN` are words in JavaScript, not numbers.
            _ if !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') => None,
            _ => digits.parse::<f64>().ok(),
        };
        match value {
            Some(v) => {
                self.at = start + len;
                Ok(if negative { -v } else { v })
            }
            None => Err(self.not_data()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Node, NotData> {
        parse_at(text, 0).map(|(node, _)| node)
    }

    #[test]
    fn literals_with_comments_bare_keys_and_trailing_commas() {
        let text =
            "{\n  // a comment\n  docs: ['a', \"b\\u0041\", `c`, /* x */ 2.5, -1, 0x10,],\n  \
                    'quoted key': { type: 'doc', ok: true, no: null, gone: undefined },\n}";
        let node = read(text).unwrap();
        let docs = node.get("docs").unwrap();
        let Value::Array(items) = &docs.value else {
            panic!("{docs:?}");
        };
        let values: Vec<&Value> = items.iter().map(|n| &n.value).collect();
        assert_eq!(
            values,
            [
                &Value::String("a".into()),
                &Value::String("bA".into()),
                &Value::String("c".into()),
                &Value::Number(2.5),
                &Value::Number(-1.0),
                &Value::Number(16.0),
            ]
        );
        // Each value knows where it is written.
        assert_eq!(&text[items[1].at..items[1].at + 3], "\"b\\");
        let quoted = node.get("quoted key").unwrap();
        assert_eq!(quoted.get("type").and_then(Node::as_str), Some("doc"));
        assert_eq!(quoted.get("ok").map(|n| &n.value), Some(&Value::Bool(true)));
        assert_eq!(quoted.get("gone").map(|n| &n.value), Some(&Value::Null));
    }

    #[test]
    fn what_a_program_computes_is_not_data_and_its_place_is_named() {
        for (text, found) in [
            ("{ items: require('./x') }", "require"),
            ("[...more]", "..."),
            ("{ a: `x${y}` }", "${...}"),
            ("{ a: 'never closed }", "a string never closed"),
            ("{ a: 1 b: 2 }", "b"),
            ("[1, 2", "the end of the file"),
            ("{ [key]: 1 }", "[ke"),
        ] {
            let err = read(text).unwrap_err();
            assert_eq!(err.found, found, "{text}");
            assert!(err.at <= text.len());
        }
        // Deep nesting stops, without running out of stack.
        let deep = "[".repeat(100_000);
        assert!(read(&deep).is_err());
    }

    #[test]
    fn the_exported_value_is_found_through_its_variable() {
        let common = "// module.exports = nothing\nmodule.exports = {a: 1};\n";
        assert_eq!(&common[exported_value(common).unwrap()..][..1], "{");
        let ts = "import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';\n\
                  const label = 'export default';\n\
                  const sidebars: SidebarsConfig = {\n  docs: ['intro'],\n};\n\n\
                  export default sidebars;\n";
        let at = exported_value(ts).unwrap();
        let node = read(&ts[at..]).unwrap();
        assert!(node.get("docs").is_some());
        let esm = "export default {x: []} satisfies Config;";
        assert!(read(&esm[exported_value(esm).unwrap()..])
            .unwrap()
            .get("x")
            .is_some());
        assert_eq!(exported_value("const a = 1;"), None);
        assert_eq!(exported_value("module.exports = helper();"), None);
        let later = "module.exports.extra = 1;\nmodule.exports = {b: []};";
        assert_eq!(&later[exported_value(later).unwrap()..][..3], "{b:");
    }
}
