//! Front matter: splitting the YAML block off a Markdown file and parsing it into typed keys.
//!
//! serde_yaml stays behind this module so that a maintained fork is a one-line swap. Positions
//! in its errors are mapped back to lines and columns of the whole file.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Position};

/// The keys the generator knows. Anything else lands in `extra`.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "weight",
    "tags",
    "audience",
    "owner",
    "last_reviewed",
    "review_every_days",
    "draft",
    "slug",
    "aliases",
    "layout",
];

/// The typed front matter of one file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    /// The order among its siblings, in thousandths: `weight: 40.5` (a fraction places a page
    /// between two others, as Docusaurus' `sidebar_position` may) is 40,500.
    #[serde(deserialize_with = "lenient_weight")]
    pub weight: Option<i64>,
    #[serde(deserialize_with = "terms")]
    pub tags: Vec<String>,
    #[serde(deserialize_with = "terms")]
    pub audience: Vec<String>,
    pub owner: Option<String>,
    pub last_reviewed: Option<Date>,
    #[serde(deserialize_with = "lenient_days")]
    pub review_every_days: Option<u32>,
    #[serde(deserialize_with = "lenient_bool")]
    pub draft: bool,
    pub slug: Option<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub aliases: Vec<String>,
    pub layout: Option<String>,
    /// Keys the generator does not know, handed to templates as `page.extra`.
    #[serde(skip)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl FrontMatter {
    /// Where the page sends its reader instead of showing (Zola's section key and
    /// jekyll-redirect-from's page key `redirect_to`; of a list, the first): a web address or
    /// a path of the site, as written.
    pub fn redirect_to(&self) -> Option<&str> {
        let value = self.extra.get("redirect_to")?;
        let value = match value {
            serde_json::Value::Array(items) => items.first()?,
            _ => value,
        };
        Some(value.as_str()?.trim()).filter(|s| !s.is_empty())
    }
}

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0);
        let days = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&date.day).then_some(date)
    }
}

impl Date {
    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    pub fn days_since_epoch(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: year.clamp(0, 9999) as u16,
            month: month as u8,
            day: day as u8,
        }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Today's date (UTC) by the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| de::Error::custom(date_problem(&s)))
    }
}

/// Why `s` is not a date: a month or day that does not exist (`2026-02-29`: 2026 is not a
/// leap year), or another form than `YYYY-MM-DD`.
fn date_problem(s: &str) -> String {
    let numbers: Vec<&str> = s.trim().split('-').collect();
    if let [year, month, day] = numbers[..] {
        let form = [4, 2, 2];
        let parsed: Option<Vec<u16>> = [year, month, day]
            .iter()
            .zip(form)
            .map(|(n, len)| (n.len() == len).then(|| n.parse().ok()).flatten())
            .collect();
        if let Some([year, month, day]) = parsed.as_deref() {
            if !(1..=12).contains(month) {
                return format!("`{s}` is not a valid date: there is no month {month}");
            }
            return format!("`{s}` is not a valid date: month {month} of {year} has no day {day}");
        }
    }
    format!("`{s}` is not a valid date; write it as YYYY-MM-DD")
}

/// Accepts `tags: one` as well as `tags: [one, two]` and an empty value.
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct OneOrMany;
    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or a list of strings")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element::<Scalar>()? {
                out.push(item.0);
            }
            Ok(out)
        }
    }
    d.deserialize_any(OneOrMany)
}

/// Tags or audiences: [`one_or_many`], each trimmed; blank ones (`tags: [""]`, as some Hugo
/// archetypes write) are no term, as in Hugo.
fn terms<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let mut terms = one_or_many(d)?;
    terms.retain(|term| !term.trim().is_empty());
    for term in &mut terms {
        if term.trim().len() != term.len() {
            *term = term.trim().to_string();
        }
    }
    Ok(terms)
}

/// A string or a list of strings, on its own.
#[derive(Deserialize)]
struct OneOrMany(#[serde(deserialize_with = "one_or_many")] Vec<String>);

/// A whole number, also written as a string (`weight: "10"`) or left empty.
fn lenient_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a whole number")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            i64::try_from(v)
                .map(Some)
                .map_err(|_| E::custom(format!("{v} is too large")))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            v.trim()
                .parse()
                .map(Some)
                .map_err(|_| E::invalid_type(de::Unexpected::Str(v), &self))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

/// A `weight`: a number, whole or not, also written as a string (`weight: "10"`) or left
/// empty; kept in thousandths ([`FrontMatter::weight`]).
fn lenient_weight<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.visit_f64(v as f64)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.visit_f64(v as f64)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            crate::docusaurus::weight_of_position(v)
                .map(Some)
                .ok_or_else(|| E::custom(format!("{v} is too large")))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match v.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => self.visit_f64(n),
                _ => Err(E::invalid_type(de::Unexpected::Str(v), &self)),
            }
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

fn lenient_days<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    match lenient_int(d)? {
        None => Ok(None),
        Some(n) => u32::try_from(n)
            .map(Some)
            .map_err(|_| de::Error::custom(format!("{n} is not a number of days (0 or more)"))),
    }
}

/// `true`/`false`, and the YAML 1.1 spellings other generators accept (`yes`, `no`, `on`,
/// `off`); empty means false.
fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("true or false")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
            match v.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "y" | "on" => Ok(true),
                "false" | "no" | "n" | "off" | "" => Ok(false),
                _ => Err(E::invalid_type(de::Unexpected::Str(v), &self)),
            }
        }
        fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_none<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
    }
    d.deserialize_any(V)
}

/// A list item given as a string, number or boolean, kept as its text.
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.into()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The language a front matter block is written in, told by its fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `---` lines: the handbook's own, and that of Jekyll, Hugo, MkDocs and Docusaurus
    /// (Eleventy's `---yaml` and `---json` too: JSON is YAML).
    Yaml,
    /// Between `+++` lines: Zola's, and Hugo's other one.
    Toml,
    /// Eleventy's `---js` (or `---javascript`) to `---`: a program, which is not run.
    JavaScript,
}

impl Format {
    /// The fence line that closes a block (and, but for Eleventy's, opens it).
    fn fence(self) -> &'static str {
        match self {
            Format::Yaml | Format::JavaScript => "---",
            Format::Toml => "+++",
        }
    }
}

/// A front matter block: its language, its text between the fences, and the file line that
/// text starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block<'a> {
    pub format: Format,
    pub text: &'a str,
    pub first_line: usize,
}

/// A file cut into its front matter and its Markdown body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub front: Option<Block<'a>>,
    pub body: &'a str,
    /// The file line the body starts on.
    pub body_line: usize,
}

/// Cuts `text` at its front matter fences (`---` for YAML, `+++` for TOML). A file that opens
/// a block and never closes it is an error, since its whole text would otherwise be taken as
/// front matter or shown as Markdown.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let Some((format, fence_line, first_end)) = opening_fence(text) else {
        return Ok(Split {
            front: None,
            body: text,
            body_line: 1,
        });
    };
    let mut offset = first_end;
    let first_line = fence_line + 1;
    let mut line = first_line;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let content = text[offset..end].trim_end();
        if content == format.fence() || format == Format::Yaml && content == "..." {
            return Ok(Split {
                front: Some(Block {
                    format,
                    text: &text[first_end..offset],
                    first_line,
                }),
                body: &text[end..],
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err(Diagnostic::error(
        "front-matter",
        file,
        format!("the front matter opened on line {fence_line} is never closed"),
    )
    .at(Position::new(fence_line, 1))
    .hint(format!(
        "add a line `{}` after the last front matter key",
        format.fence()
    )))
}

/// The format of the block the file opens, the line of its fence and where that line ends. A
/// YAML block opens on the first line; a TOML block may follow blank lines, as Zola allows.
fn opening_fence(text: &str) -> Option<(Format, usize, usize)> {
    let mut start = 0;
    let mut line = 1;
    loop {
        let line_end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        let content = text[start..line_end].trim_end();
        match content {
            "---" | "---yaml" | "---json" if line == 1 => {
                return Some((Format::Yaml, line, line_end))
            }
            "---js" | "---javascript" if line == 1 => {
                return Some((Format::JavaScript, line, line_end))
            }
            "+++" => return Some((Format::Toml, line, line_end)),
            "" if line_end < text.len() => {
                start = line_end;
                line += 1;
            }
            _ => return None,
        }
    }
}

/// Reads and parses a YAML settings file (GitBook's `.gitbook.yaml`, MkDocs' `mkdocs.yml`); a
/// problem is an error under the diagnostic code `code`.
pub fn read_yaml_file<T: serde::de::DeserializeOwned>(
    path: &Path,
    code: &'static str,
) -> Result<(T, String), Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error(code, path, format!("cannot be read: {e}"))
            .hint("make the file readable UTF-8, or remove it")
    })?;
    Ok((parse_yaml_file(&text, path, code)?, text))
}

/// Where in the file a YAML error is, for YAML `text` that starts on file line `first_line`: from
/// the error's byte offset, since YAML's own line count also breaks lines at U+0085, U+2028 and
/// U+2029 (and a lone CR), which no editor shows as a new line.
fn yaml_position(text: &str, location: &serde_yaml::Location, first_line: usize) -> Position {
    let p = crate::source::LineIndex::new(text).position(location.index());
    Position::new(first_line + p.line - 1, p.column)
}

/// Parses a whole YAML file other than a page; an error names its line and column, under the
/// diagnostic code `code`.
pub fn parse_yaml_file<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    code: &'static str,
) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return serde_yaml::from_str("{}")
            .map_err(|e| Diagnostic::error(code, file, e.to_string()));
    }
    serde_yaml::from_str(text).map_err(|e| {
        let position = e.location().map(|l| yaml_position(text, &l, 1));
        let message = e.to_string();
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        Diagnostic::error(code, file, message)
            .at_opt(position)
            .hint("fix the YAML")
    })
}

/// A front matter read: the front matter and warnings (likely typos), or every error found.
pub type Parsed = Result<(FrontMatter, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Parses the YAML of a front matter block that starts on file line `first_line`.
/// Returns the front matter and warnings (likely typos), or the errors: every key whose value
/// is wrong, each at its place.
pub fn parse(yaml: &str, first_line: usize, file: &Path) -> Parsed {
    if yaml.trim().is_empty() {
        return Ok((FrontMatter::default(), Vec::new()));
    }
    let yaml_error = |yaml: &str, e: serde_yaml::Error| {
        // Errors found while expanding the YAML have no place: the block's first line then.
        let position = e.location().map_or(Position::new(first_line, 1), |l| {
            yaml_position(yaml, &l, first_line)
        });
        let message = e.to_string();
        // serde_yaml appends " at line L column C" for the block; the diagnostic has the file's.
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        if let Some((message, at, hint)) = explain_yaml_error(yaml, first_line, &message, position)
        {
            return Diagnostic::error("front-matter", file, format!("front matter: {message}"))
                .at(at)
                .hint(hint);
        }
        let message = if message.contains("repetition limit exceeded") {
            "its aliases (`*name`) expand to far too much data; write the values out instead"
                .to_string()
        } else if message.contains("recursion limit exceeded") {
            "it is nested too deeply (more than 128 levels)".to_string()
        } else if let Some(number) = message
            .split_once("invalid type: integer `")
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(number, _)| number.to_string())
        {
            let key = message
                .split_once(": invalid type")
                .map_or("", |(key, _)| key);
            format!(
                "{key}{}the number {number} is too large",
                if key.is_empty() { "" } else { ": " }
            )
        } else {
            message
        };
        let hint = message
            .split_once(": invalid type")
            .and_then(|(key, _)| value_example(key))
            .map_or_else(
                || "fix the YAML; the front matter reference is in the README".to_string(),
                |example| format!("write it as {example}"),
            );
        Diagnostic::error("front-matter", file, format!("front matter: {message}"))
            .at(position)
            .hint(hint)
    };
    let mut value = match simple_yaml(yaml) {
        Some(value) => value,
        None => serde_yaml::from_str(yaml).map_err(|e| vec![yaml_error(yaml, e)])?,
    };
    if value.is_null() {
        // Comments alone (`# Do not remove front matter.`): YAML with nothing in it.
        value = serde_yaml::Value::Mapping(Default::default());
    }
    // Known keys in another case (`Title:`, `Description:`) are read as those keys, as Hugo
    // reads them, unless the key is also written as it should be.
    if let serde_yaml::Value::Mapping(map) = &mut value {
        let renames: Vec<(serde_yaml::Value, String)> = map
            .keys()
            .filter_map(|key| {
                let key_text = key.as_str()?;
                let lower = key_text.to_ascii_lowercase();
                (lower != key_text
                    && KNOWN_KEYS.contains(&lower.as_str())
                    && !map.contains_key(lower.as_str()))
                .then(|| (key.clone(), lower))
            })
            .collect();
        for (key, lower) in renames {
            if let Some(v) = map.remove(&key) {
                map.insert(serde_yaml::Value::String(lower), v);
            }
        }
    }
    let serde_yaml::Value::Mapping(map) = &value else {
        return Err(vec![Diagnostic::error(
            "front-matter",
            file,
            "front matter must be a list of `key: value` lines",
        )
        .at(Position::new(first_line, 1))
        .hint("write e.g. `title: My page` between the `---` lines")]);
    };
    // The parsed value gives the front matter without reading the text again. Its errors carry
    // no position, and a few scalars read differently from the text (a number where a string
    // is wanted): on any error the text decides, as if read directly.
    let mut front = match FrontMatter::deserialize(&value) {
        Ok(front) => front,
        // Every wrong value at once: after each error, its key's lines are blanked (their line
        // breaks kept, so that the others keep their places) and the text read again.
        Err(_) => {
            let mut text = yaml.to_string();
            let mut errors: Vec<Diagnostic> = Vec::new();
            loop {
                let e = match serde_yaml::from_str::<FrontMatter>(&text) {
                    Ok(front) if errors.is_empty() => break front,
                    Ok(_) => return Err(errors),
                    Err(e) => e,
                };
                // serde_yaml places errors raised by our own checks (dates) at the block's
                // start; point at the key's value instead.
                let mut d = yaml_error(&text, e);
                if d.message.contains("is not a valid date") {
                    d.position = value_position(&text, "last_reviewed", first_line).or(d.position);
                }
                if errors.iter().any(|seen| seen.message == d.message) {
                    return Err(errors);
                }
                // The key the error names (`weight: invalid type...`), else the one at its line.
                let named = d
                    .message
                    .strip_prefix("front matter: ")
                    .and_then(|m| m.split_once(": "))
                    .map(|(key, _)| key)
                    .filter(|key| KNOWN_KEYS.contains(key))
                    .and_then(|key| key_position(&text, key, first_line));
                let entry = named
                    .or(d.position)
                    .and_then(|p| top_level_entry(&text, p.line.checked_sub(first_line)?));
                errors.push(d);
                match entry {
                    Some(range) if errors.len() < 100 => blank(&mut text, range),
                    _ => return Err(errors),
                }
            }
        }
    };
    let mut warnings = Vec::new();
    for (key, value) in map {
        let key = match key {
            serde_yaml::Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        if KNOWN_KEYS.contains(&key.as_str()) {
            continue;
        }
        let value = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
        let position = key_position(yaml, &key, first_line);
        other_key(&mut front, key, value, position, file, &mut warnings);
    }
    Ok((front, warnings))
}

/// Makes `text[range]` spaces but for its line breaks: what it said is gone, and every other
/// byte keeps its line and column (so that the next error of a re-read is placed as written).
pub(crate) fn blank(text: &mut String, range: std::ops::Range<usize>) {
    let spaces: String = text[range.clone()]
        .chars()
        .map(|c| if c == '\n' || c == '\r' { c } else { ' ' })
        .collect();
    text.replace_range(range, &spaces);
}

/// The bytes of the top-level `key: value` entry of YAML `text` that holds line `line` (from
/// 0): from its key's line to the next key's.
fn top_level_entry(text: &str, line: usize) -> Option<std::ops::Range<usize>> {
    let is_key = |l: &str| l.starts_with(|c: char| !c.is_whitespace() && c != '#' && c != '-');
    let mut starts = Vec::new();
    let mut offset = 0;
    for l in text.split_inclusive('\n') {
        starts.push((offset, is_key(l)));
        offset += l.len();
    }
    let first = (0..=line.min(starts.len().checked_sub(1)?))
        .rev()
        .find(|&i| starts[i].1)?;
    let end = starts[first + 1..]
        .iter()
        .find(|(_, key)| *key)
        .map_or(text.len(), |&(at, _)| at);
    Some(starts[first].0..end)
}

/// Parses a front matter block in its language ([`parse`] for YAML, [`parse_toml`] for TOML).
pub fn parse_block(block: &Block, file: &Path) -> Parsed {
    match block.format {
        Format::Yaml => parse(block.text, block.first_line, file),
        Format::Toml => parse_toml(block.text, block.first_line, file),
        Format::JavaScript => Ok((
            FrontMatter::default(),
            vec![Diagnostic::warning(
                "front-matter",
                file,
                "JavaScript front matter (Eleventy's `---js`) is a program, which is not run \
                 here: the page has none of the keys it sets (its title, tags...)",
            )
            .at(Position::new(block.first_line - 1, 1))
            .hint("write the keys as YAML between `---` lines")],
        )),
    }
}

/// A key the generator does not read itself: kept for templates as `page.extra`, with a
/// warning when it looks like a typo of a known key; Jekyll's `redirect_from` also adds to the
/// aliases, and Docusaurus' `sidebar_position` is the weight when none is given.
fn other_key(
    front: &mut FrontMatter,
    key: String,
    value: serde_json::Value,
    position: Option<Position>,
    file: &Path,
    warnings: &mut Vec<Diagnostic>,
) {
    if let Some(known) = likely_typo(&key) {
        warnings.push(
            Diagnostic::warning(
                "unknown-key",
                file,
                format!("unknown front matter key `{key}`"),
            )
            .at_opt(position)
            .hint(format!("did you mean `{known}`?")),
        );
    }
    if key == "redirect_from" {
        // Jekyll's name for `aliases`, common in handbooks moving over.
        if let Ok(paths) = OneOrMany::deserialize(&value) {
            front.aliases.extend(paths.0);
        }
    }
    // GOV.UK's tech docs (Middleman) say who owns a page and when it is reviewed so.
    if key == "owner_slack" && front.owner.is_none() {
        front.owner = value
            .as_str()
            .map(str::to_string)
            .filter(|o| !o.trim().is_empty());
    }
    if key == "last_reviewed_on" && front.last_reviewed.is_none() {
        front.last_reviewed = value.as_str().and_then(|v| Date::parse(v.trim()));
        if front.last_reviewed.is_none() {
            warnings.push(
                Diagnostic::warning(
                    "front-matter",
                    file,
                    "`last_reviewed_on` is not a date: the page's review is not known",
                )
                .at_opt(position)
                .hint("write the day as YYYY-MM-DD: `last_reviewed_on: 2026-01-31`"),
            );
        }
    }
    if key == "review_in" && front.review_every_days.is_none() {
        front.review_every_days = value.as_str().and_then(duration_days);
        if front.review_every_days.is_none() {
            warnings.push(
                Diagnostic::warning(
                    "front-matter",
                    file,
                    "`review_in` is not a time handbook reads: the page's next review is not known",
                )
                .at_opt(position)
                .hint("write a number and a unit: `review_in: 6 months` (days, weeks, months or years)"),
            );
        }
    }
    if key == "sidebar_position" && front.weight.is_none() {
        // Docusaurus' order of a page among its folder's, which may be a fraction.
        front.weight = value
            .as_f64()
            .and_then(crate::docusaurus::weight_of_position);
    }
    front.extra.insert(key, value);
}

/// A time written as tech docs write `review_in` (`6 months`, `1 year`, `3 weeks`, `90 days`),
/// in days: a month is a twelfth of a year.
fn duration_days(text: &str) -> Option<u32> {
    let mut words = text.split_whitespace();
    let n: u32 = words.next()?.parse().ok()?;
    let unit = words.next()?.to_ascii_lowercase();
    if words.next().is_some() {
        return None;
    }
    let per: f64 = match unit.trim_end_matches('s') {
        "day" => 1.0,
        "week" => 7.0,
        "month" => 365.0 / 12.0,
        "year" => 365.0,
        _ => return None,
    };
    let days = (f64::from(n) * per).round();
    (days <= f64::from(u32::MAX)).then_some(days as u32)
}

/// Parses the TOML of a `+++` front matter block (Zola's, and Hugo's other format) that
/// starts on file line `first_line`, to the same keys as YAML. Zola's `[taxonomies]` table
/// gives the tags and audiences when the top level does not. Returns the front matter and
/// warnings (likely typos), or the error.
pub fn parse_toml(text: &str, first_line: usize, file: &Path) -> Parsed {
    let error = |message: String, position: Option<Position>| {
        Diagnostic::error("front-matter", file, format!("front matter: {message}"))
            .at(position.unwrap_or(Position::new(first_line, 1)))
            .hint("fix the TOML (`key = \"value\"`); the front matter reference is in the README")
    };
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let position = e
            .span()
            .map(|span| offset_position(text, span.start, first_line));
        vec![error(e.message().trim_end().replace('\n', "; "), position)]
    })?;
    let mut map: serde_json::Map<String, serde_json::Value> = table
        .into_iter()
        .map(|(key, value)| (key, toml_to_json(value)))
        .collect();
    let from_taxonomies: Vec<(String, serde_json::Value)> = match map.get("taxonomies") {
        Some(serde_json::Value::Object(taxonomies)) => ["tags", "audience"]
            .into_iter()
            .filter(|key| !map.contains_key(*key))
            .filter_map(|key| Some((key.to_string(), taxonomies.get(key)?.clone())))
            .collect(),
        _ => Vec::new(),
    };
    map.extend(from_taxonomies);
    let known: serde_json::Map<String, serde_json::Value> = map
        .iter()
        .filter(|(key, _)| KNOWN_KEYS.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let mut front = match FrontMatter::deserialize(serde_json::Value::Object(known)) {
        Ok(front) => front,
        Err(all) => {
            // Each key whose value is wrong, read alone, for its name and place.
            let wrong: Vec<Diagnostic> = KNOWN_KEYS
                .iter()
                .filter_map(|key| {
                    let value = map.get(*key)?;
                    let alone = serde_json::json!({ *key: value });
                    let e = FrontMatter::deserialize(alone).err()?;
                    Some(error(
                        format!("{key}: {e}"),
                        value_position(text, key, first_line),
                    ))
                })
                .collect();
            return Err(if wrong.is_empty() {
                vec![error(all.to_string(), None)]
            } else {
                wrong
            });
        }
    };
    let mut warnings = Vec::new();
    for (key, value) in map {
        if !KNOWN_KEYS.contains(&key.as_str()) {
            let position = key_position(text, &key, first_line);
            other_key(&mut front, key, value, position, file, &mut warnings);
        }
    }
    Ok((front, warnings))
}

/// A TOML value as JSON, the form templates get. A date alone is written `YYYY-MM-DD`, as a
/// YAML date is read; a date with a time keeps its whole RFC 3339 text.
pub(crate) fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => J::Object(
            table
                .into_iter()
                .map(|(key, value)| (key, toml_to_json(value)))
                .collect(),
        ),
    }
}

/// The file position of byte `offset` of a block that starts on file line `first_line`.
fn offset_position(text: &str, offset: usize, first_line: usize) -> Position {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position::new(
        first_line + before.matches('\n').count(),
        before[line_start..].chars().count() + 1,
    )
}

/// The front matter most pages have, read without the YAML parser: `key: value` lines whose
/// values are plain words, whole numbers, dates, quoted strings without escapes, and lists of
/// such words (`[a, b]`, or `- a` lines under the key). It gives exactly the value serde_yaml
/// would (a test holds the two together); anything else, or anything it is unsure of, is
/// `None` and goes to serde_yaml. serde_yaml spends some 100,000 instructions on a ten-line
/// block, the biggest part of reading a page. Public for the fuzz target that compares the two.
pub fn simple_yaml(yaml: &str) -> Option<serde_yaml::Value> {
    use serde_yaml::{Mapping, Value};
    let mut map = Mapping::new();
    let mut lines = yaml.lines().peekable();
    while let Some(line) = lines.next() {
        // Blank lines are spaces only: YAML refuses some other white space there, such as a
        // line of a tab (found by fuzzing).
        if line.bytes().all(|b| b == b' ') {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        // Keys are read like values: `false:` is a boolean key (found by fuzzing).
        let key_ok = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            && !reads_as_other_than_text(key);
        if !key_ok {
            return None;
        }
        let value = if rest.bytes().all(|b| b == b' ') {
            // Only a list of `- item` lines, all indented alike, may follow a bare key here.
            let mut items = Vec::new();
            let mut indent = None;
            while let Some((spaces, item)) = lines.peek().and_then(|l| list_item(l)) {
                if *indent.get_or_insert(spaces) != spaces {
                    return None;
                }
                items.push(Value::String(simple_string(item)?));
                lines.next();
            }
            if items.is_empty() {
                return None;
            }
            Value::Sequence(items)
        } else {
            simple_value(rest.strip_prefix(' ')?)?
        };
        if map.insert(Value::String(key.to_string()), value).is_some() {
            // serde_yaml refuses a key given twice: let it say so.
            return None;
        }
    }
    // An empty block is null to YAML, not an empty mapping.
    (!map.is_empty()).then_some(Value::Mapping(map))
}

/// `- item` (indented or not): the indentation and the item.
fn list_item(line: &str) -> Option<(usize, &str)> {
    let item = line.trim_start_matches(' ');
    Some((line.len() - item.len(), item.strip_prefix("- ")?))
}

fn simple_value(text: &str) -> Option<serde_yaml::Value> {
    use serde_yaml::Value;
    let text = text.trim_end_matches(' ');
    if let Some(list) = text.strip_prefix('[') {
        let list = list.strip_suffix(']')?;
        if list.trim().is_empty() {
            return Some(Value::Sequence(Vec::new()));
        }
        return list
            .split(',')
            .map(|item| simple_string(item.trim_matches(' ')).map(Value::String))
            .collect::<Option<Vec<_>>>()
            .map(Value::Sequence);
    }
    // A whole number without a leading zero, small enough for any integer type.
    if !text.is_empty()
        && text.len() <= 15
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text.len() == 1 || !text.starts_with('0'))
    {
        return text.parse::<u64>().ok().map(Value::from);
    }
    simple_string(text).map(Value::String)
}

/// A string value as YAML would read it, when it is one beyond doubt: a date, a quoted string
/// without escapes or a plain one of letters first and then letters, digits, spaces and a few
/// marks that mean nothing to YAML there, and not a word YAML reads otherwise.
fn simple_string(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let date = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, &b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if date {
        return Some(text.to_string());
    }
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote) {
            let inner = inner.strip_suffix(quote)?;
            // YAML refuses control characters (found by fuzzing): those go to serde_yaml.
            let printable = |c: char| {
                matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
                    && c != '\u{feff}'
            };
            return (!inner.contains([quote, '\\']) && inner.chars().all(printable))
                .then(|| inner.to_string());
        }
    }
    let plain = bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.iter().all(|&b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b' ' | b'.' | b'-' | b'_' | b'(' | b')' | b'/' | b'?' | b'!'
                )
        })
        && !bytes.ends_with(b" ");
    (plain && !reads_as_other_than_text(text)).then(|| text.to_string())
}

/// Words YAML (or another reader of it) may take for a boolean, null or number rather than text,
/// in any case: the fast path leaves them to serde_yaml, as keys and as values.
fn reads_as_other_than_text(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "true"
            | "false"
            | "null"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
            | "inf"
            | "infinity"
            | "nan"
    )
}

/// The known key `key` is most likely a misspelling of, if any.
pub fn likely_typo(key: &str) -> Option<&'static str> {
    let lower = key.to_lowercase();
    let chars = lower.chars().count();
    let limit = if chars <= 5 { 1 } else { 2 };
    KNOWN_KEYS
        .iter()
        // Each edit changes the length by one at most: keys of other lengths are not measured.
        .filter(|known| known.chars().count().abs_diff(chars) <= limit)
        .map(|known| (strsim::damerau_levenshtein(&lower, known), *known))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, known)| known)
}

/// Where a top-level key is written in the block, as a file position.
pub fn key_position(yaml: &str, key: &str, first_line: usize) -> Option<Position> {
    yaml.lines()
        .position(|line| value_column(line, key).is_some())
        .map(|i| Position::new(first_line + i, 1))
}

/// How a value of one of handbook's own keys is written, for the hint of an error about its
/// type.
fn value_example(key: &str) -> Option<&'static str> {
    Some(match key {
        "weight" => "a number: `weight: 10` (or `10.5`, between 10 and 11)",
        "review_every_days" => "a whole number of days: `review_every_days: 180`",
        "last_reviewed" => "a date: `last_reviewed: 2026-01-31`",
        "draft" => "`draft: true` or `draft: false`",
        "tags" | "audience" | "aliases" => "a list: `tags: [first, second]`",
        "owner" => "one owner, a person or a team: `owner: \"@platform-team\"`",
        "title" | "description" | "slug" | "layout" => {
            "text, in quotes if it holds `: ` or starts with `[`, `{`, `@` or `*`: `title: \"...\"`"
        }
        _ => return None,
    })
}

/// The keys of the front matter whose values are lists of words.
const LIST_KEYS: &[&str] = &[
    "tags",
    "audience",
    "aliases",
    "redirect_from",
    "categories",
    "keywords",
    "authors",
];

/// Where `item`, one of the values of the list under the top-level `key`, is written in the
/// block, as a file position: on the key's line (`aliases: [/a/, /b/]`) or on one of the lines
/// below it before the next key (`  - /a/`). Else the key's own position.
pub fn item_position(yaml: &str, key: &str, item: &str, first_line: usize) -> Option<Position> {
    let lines: Vec<&str> = yaml.lines().collect();
    let start = lines
        .iter()
        .position(|line| value_column(line, key).is_some())?;
    let below = lines[start + 1..]
        .iter()
        .take_while(|line| line.starts_with([' ', '\t', '-']) || line.trim().is_empty())
        .count();
    (start..=start + below)
        .find_map(|i| {
            let line = lines[i];
            // On the key's line, past the key (an item may repeat the key's name).
            let from = if i == start {
                line.len() - value_after(line, key, &[':', '=']).map_or(0, str::len)
            } else {
                0
            };
            let at = from + line.get(from..)?.find(item)?;
            Some(Position::new(
                first_line + i,
                line[..at].chars().count() + 1,
            ))
        })
        .or(Some(Position::new(first_line + start, 1)))
}

/// Plain words, the right place and the fix for the YAML mistakes people make most in front
/// matter, where the YAML parser's message is cryptic or misplaced: a value starting with `@`
/// or a backtick, holding `: `, starting with `[`, a quote left open, a line indented by
/// mistake, a key given twice, a number where text or `true`/`false` is wanted. `position` is
/// where the parser placed the error. `None`: the parser's message is kept.
fn explain_yaml_error(
    yaml: &str,
    first_line: usize,
    message: &str,
    position: Position,
) -> Option<(String, Position, String)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let at = position.line.checked_sub(first_line)?;
    let line = lines.get(at).copied().unwrap_or("");
    let place = |i: usize, column: usize| Position::new(first_line + i, column);
    // `key: value` as it should be written: the value in double quotes.
    let quoted = |line: &str| -> Option<String> {
        let (key, value) = line.split_once(':')?;
        let value = value.trim().replace('\\', "\\\\").replace('"', "\\\"");
        Some(format!("`{}: \"{value}\"`", key.trim()))
    };
    // A quote opened in a line's value and not closed on it: the parser reads on into the next
    // lines and fails somewhere after (or reads them into the value).
    let syntax = !message.contains("invalid ") && !message.contains("YYYY");
    let open_quote = lines
        .iter()
        .take(at + 1)
        .enumerate()
        .filter(|_| syntax)
        .find_map(|(i, l)| {
            let (key, value) = l.split_once(": ")?;
            if key.starts_with([' ', '\t', '-', '#']) {
                return None;
            }
            let value = value.trim_end();
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let rest = &value[1..];
            let closed = if quote == '"' {
                rest.replace("\\\\", "").replace("\\\"", "").contains('"')
            } else {
                rest.contains('\'')
            };
            (!closed).then(|| {
                (
                    i,
                    key.trim().to_string(),
                    l.chars().count() - value.chars().count() + 1,
                    quote,
                )
            })
        });
    if let Some((i, key, column, quote)) = open_quote {
        return Some((
            format!("the quoted value of `{key}` is not closed on its line"),
            place(i, column),
            format!("end it with a closing {quote} on the same line"),
        ));
    }
    if message.contains("cannot start any token") {
        let c = line.chars().nth(position.column.saturating_sub(1))?;
        if matches!(c, '@' | '`' | '%') {
            let name = if c == '`' {
                "a backtick".to_string()
            } else {
                format!("`{c}`")
            };
            return Some((
                format!("in YAML a value cannot start with {name} unless it is quoted"),
                position,
                match quoted(line) {
                    Some(fixed) => format!("quote the value: {fixed}"),
                    None => "put the value in double quotes".into(),
                },
            ));
        }
    }
    if message.contains("tab character") {
        return Some((
            "a tab indents this line; YAML indents with spaces only".into(),
            position,
            "replace the tab with spaces (or remove it)".into(),
        ));
    }
    if message.contains("mapping values are not allowed") {
        let indented = line.starts_with([' ', '\t']);
        let above_is_scalar = at > 0
            && lines[at - 1]
                .split_once(':')
                .is_some_and(|(_, v)| !v.trim().is_empty());
        if indented && above_is_scalar {
            return Some((
                "this line is indented, so it is read as part of the line above".into(),
                place(at, 1),
                "start the line at its beginning, as the other keys".into(),
            ));
        }
        if let Some(fixed) = quoted(line) {
            return Some((
                "a value holding `: ` must be quoted".into(),
                position,
                format!("quote the value: {fixed}"),
            ));
        }
    }
    // `title: [WIP] Feedback` is read as a list, then fails; `title: [a, b]` is a list.
    let bracketed = lines
        .iter()
        .take(at + 1)
        .enumerate()
        .rev()
        .find_map(|(i, l)| {
            let (key, value) = l.split_once(": ")?;
            let value = value.trim();
            let starts = value.starts_with(['[', '{']);
            let whole = (value.starts_with('[') && value.ends_with(']'))
                || (value.starts_with('{') && value.ends_with('}'));
            let wants_text = message.contains("expected a string") && i == at;
            (starts && !key.starts_with([' ', '\t']) && (!whole || wants_text))
                .then_some((i, *l, whole))
        });
    if let Some((i, l, whole)) = bracketed {
        if message.contains("did not find expected")
            || message.contains("expected ',' or")
            || message.contains("expected a string")
        {
            let column = l.find(['[', '{']).map_or(1, |b| l[..b].chars().count() + 1);
            let fixed = quoted(l).unwrap_or_else(|| "the value in double quotes".into());
            // A key whose value is a list anyway: a list inside it (`tags: [[a]]`, Liquid's
            // habit) is what cannot be read.
            let key = l.split_once(':').map_or("", |(key, _)| key.trim());
            let map = l
                .split_once(':')
                .is_some_and(|(_, v)| v.trim_start().starts_with('{'));
            if whole && map && LIST_KEYS.contains(&key) {
                return Some((
                    format!("`{key}` is a map here; it takes a list of words or phrases"),
                    place(i, column),
                    format!("write `{key}: [first, second]`, or each value on a line of its own: `  - first`"),
                ));
            }
            if whole && !map && key == "owner" {
                return Some((
                    "`owner` names one owner (a person or a team), not a list".into(),
                    place(i, column),
                    "name the team that owns the page together (`owner: \"@platform-team\"`), \
                     or the one person who answers for it"
                        .into(),
                ));
            }
            if whole && LIST_KEYS.contains(&key) {
                return Some((
                    format!("`{key}`: a list inside the list; each of its values is a word or phrase"),
                    place(i, column),
                    format!("write `{key}: [first, second]`, or each value on a line of its own: `  - first`"),
                ));
            }
            return Some(if whole {
                (
                    "a value starting with `[` or `{` is read as a list or a map".into(),
                    place(i, column),
                    format!("quote the value if it is text: {fixed}"),
                )
            } else {
                (
                    "a value starting with `[` or `{` is read as a list or a map, and this one \
                     is not closed on its line"
                        .into(),
                    place(i, column),
                    format!(
                        "close it with `]` or `}}` if it is one, or quote it if it is text: {fixed}"
                    ),
                )
            });
        }
    }
    if let Some(key) = message
        .split_once("duplicate entry with key \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(key, _)| key)
    {
        let second = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| value_column(l, key).is_some())
            .nth(1)?;
        return Some((
            format!("the key `{key}` is given twice"),
            place(second.0, 1),
            "keep one of the two lines".into(),
        ));
    }
    if let Some(days) = message
        .split(" is not a number of days")
        .next()
        .filter(|_| message.contains(" is not a number of days"))
    {
        let at = value_position(yaml, "review_every_days", first_line)?;
        return Some((
            format!("review_every_days: {days} is not a number of days"),
            at,
            "write a whole number of days, 0 or more (`review_every_days: 180`)".into(),
        ));
    }
    // `tags: 2024`, `draft: 1`: a number where text, a list or true/false is wanted.
    let (key, rest) = message.split_once(": invalid type: integer `")?;
    let (number, expected) = rest.split_once("`, expected ")?;
    if expected.contains("number") || expected.contains("integer") {
        return None;
    }
    let hint = if expected.contains("bool") || expected.contains("true or false") {
        format!("write `{key}: true` or `{key}: false`")
    } else {
        format!("quote it if it is text: `{key}: \"{number}\"`")
    };
    Some((
        format!("{key}: expected {expected}, found the number {number}"),
        position,
        hint,
    ))
}

/// Where the value of a top-level key starts, as a file position.
fn value_position(yaml: &str, key: &str, first_line: usize) -> Option<Position> {
    yaml.lines()
        .enumerate()
        .find_map(|(i, line)| value_column(line, key).map(|col| Position::new(first_line + i, col)))
}

/// For a line `key: value` or `key = value` (the key possibly quoted), the 1-based column of
/// the value.
fn value_column(line: &str, key: &str) -> Option<usize> {
    // `key: value` in YAML, `key = value` in TOML (where a key may be indented).
    let value = value_after(line, key, &[':', '='])
        .or_else(|| value_after(line.trim_start(), key, &['=']))?;
    Some(line.chars().count() - value.chars().count() + 1)
}

/// The value after `key` and one of `separators` at the start of `line`.
fn value_after<'l>(line: &'l str, key: &str, separators: &[char]) -> Option<&'l str> {
    let unquoted = line.strip_prefix(['"', '\'']).unwrap_or(line);
    let rest = unquoted
        .strip_prefix(key)?
        .trim_start_matches(['"', '\''])
        .trim_start();
    Some(rest.strip_prefix(separators)?.trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_yaml_mistakes_are_explained_where_they_are() {
        // (front matter from its second line, the message's start, line and column, the hint)
        let cases = [
            (
                "title: T\nowner: @bob\n",
                "in YAML a value cannot start with `@`",
                (3, 8),
                "`owner: \"@bob\"`",
            ),
            (
                "title: `code` talk\n",
                "in YAML a value cannot start with a backtick",
                (2, 8),
                "`title: \"`code` talk\"`",
            ),
            (
                "title: Feedback: the sequel\n",
                "a value holding `: `",
                (2, 16),
                "`title: \"Feedback: the sequel\"`",
            ),
            (
                "title: [WIP] Feedback\n",
                "a value starting with `[`",
                (2, 8),
                "`title: \"[WIP] Feedback\"`",
            ),
            (
                "title: \"Feedback\nweight: 2\nowner: \"@bob\"\n",
                "the quoted value of `title` is not closed",
                (2, 8),
                "closing \"",
            ),
            (
                "title: T\n  weight: 2\n",
                "this line is indented",
                (3, 1),
                "at its beginning",
            ),
            (
                "title: T\nowner: a\nowner: b\n",
                "the key `owner` is given twice",
                (4, 1),
                "keep one",
            ),
            (
                "title: T\ntags: 2024\n",
                "tags: expected a string or a list of strings, found the number 2024",
                (3, 7),
                "`tags: \"2024\"`",
            ),
            (
                "title: T\ndraft: 1\n",
                "draft: expected true or false",
                (3, 8),
                "`draft: true`",
            ),
            (
                "title: T\nreview_every_days: -5\n",
                "review_every_days: -5 is not",
                (3, 20),
                "180",
            ),
            (
                "title: T\n\tweight: 2\n",
                "a tab indents this line",
                (3, 1),
                "spaces",
            ),
        ];
        for (yaml, message, (line, column), hint) in cases {
            let d = parse(yaml, 2, Path::new("a.md"))
                .err()
                .and_then(|errors| errors.into_iter().next())
                .unwrap_or_else(|| panic!("{yaml:?} parsed"));
            assert!(
                d.message.starts_with(&format!("front matter: {message}")),
                "{yaml:?}: {}",
                d.message
            );
            assert_eq!(
                d.position,
                Some(Position::new(line, column)),
                "{yaml:?}: {}",
                d.message
            );
            assert!(
                d.hint.as_deref().unwrap_or("").contains(hint),
                "{yaml:?}: {:?}",
                d.hint
            );
        }
    }

    #[test]
    fn typos_are_found_among_keys_of_near_length_as_among_all() {
        let reference = |key: &str| {
            let lower = key.to_lowercase();
            let limit = if lower.chars().count() <= 5 { 1 } else { 2 };
            KNOWN_KEYS
                .iter()
                .map(|known| (strsim::damerau_levenshtein(&lower, known), *known))
                .filter(|(distance, _)| *distance <= limit)
                .min()
                .map(|(_, known)| known)
        };
        let mut keys = vec![String::new(), "x".into(), "Ünïcode".into(), "ÉTAT".into()];
        for known in KNOWN_KEYS {
            let chars: Vec<char> = known.chars().collect();
            for i in 0..=chars.len() {
                let mut dropped = chars.clone();
                if i < chars.len() {
                    dropped.remove(i);
                }
                keys.push(dropped.iter().collect());
                for extra in ['e', '_', 'é'] {
                    let mut added = chars.clone();
                    added.insert(i, extra);
                    keys.push(added.iter().collect());
                    added.insert(i, extra);
                    keys.push(added.iter().collect());
                    keys.push(added.iter().collect::<String>().to_uppercase());
                }
            }
        }
        for key in &keys {
            assert_eq!(likely_typo(key), reference(key), "{key}");
        }
        assert_eq!(likely_typo("tittle"), Some("title"));
    }

    /// The front matter of a file, or its first error.
    fn parse_file(text: &str) -> Result<(FrontMatter, Vec<Diagnostic>), Diagnostic> {
        let split = split(text, Path::new("p.md"))?;
        parse_block(&split.front.unwrap(), Path::new("p.md"))
            .map_err(|errors| errors.into_iter().next().expect("an error"))
    }

    #[test]
    fn front_matter_of_comments_alone_is_empty() {
        for text in [
            "---\n# Do not remove front matter.\n---\nBody\n",
            "---\n# one\n\n  # two\n---\nBody\n",
            "---\n~\n---\nBody\n",
        ] {
            let (front, warnings) = parse_file(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert!(front.title.is_none() && warnings.is_empty(), "{text}");
        }
        // A lone value is still not front matter.
        assert!(parse_file("---\njust words\n---\n").is_err());
    }

    #[test]
    fn split_finds_body_line() {
        let s = split("---\ntitle: A\n---\nbody\n", Path::new("p.md")).unwrap();
        let block = Block {
            format: Format::Yaml,
            text: "title: A\n",
            first_line: 2,
        };
        assert_eq!(s.front, Some(block));
        assert_eq!((s.body, s.body_line), ("body\n", 4));
        let s = split("+++\ntitle = 'A'\n---\n+++\nbody\n", Path::new("p.md")).unwrap();
        let block = Block {
            format: Format::Toml,
            text: "title = 'A'\n---\n",
            first_line: 2,
        };
        assert_eq!(s.front, Some(block));
        assert_eq!((s.body, s.body_line), ("body\n", 5));
        // Zola reads a TOML block after blank lines; a YAML block opens the file or is none.
        let s = split("\n  \n+++\ntitle = 'A'\n+++\nbody\n", Path::new("p.md")).unwrap();
        let block = Block {
            format: Format::Toml,
            text: "title = 'A'\n",
            first_line: 4,
        };
        assert_eq!(s.front, Some(block));
        assert_eq!((s.body, s.body_line), ("body\n", 6));
        let s = split("\n---\ntitle: A\n---\n", Path::new("p.md")).unwrap();
        assert_eq!((s.front, s.body_line), (None, 1));
        let d = split("\n\n+++\ntitle = 'A'\n", Path::new("p.md")).unwrap_err();
        assert_eq!(d.position, Some(Position::new(3, 1)));
        assert!(d.message.contains("opened on line 3"), "{}", d.message);
        assert_eq!(split("\n\n", Path::new("p.md")).unwrap().front, None);
    }

    #[test]
    fn toml_values_read_as_their_yaml_counterparts() {
        let (front, warnings) = parse_file(
            "+++\ntitle = \"T\"\nweight = \"3\"\ntags = \"one\"\ndraft = false\n\
             last_reviewed = 2026-01-31\nupdated = 2026-02-01T10:00:00Z\nratio = 0.5\n\
             [taxonomies]\naudience = [\"tech-lead\"]\n+++\n",
        )
        .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(front.title.as_deref(), Some("T"));
        assert_eq!(front.weight, Some(3000));
        assert_eq!(front.tags, ["one"]);
        assert_eq!(front.audience, ["tech-lead"]);
        assert_eq!(front.last_reviewed, Date::parse("2026-01-31"));
        assert_eq!(front.extra["updated"], "2026-02-01T10:00:00Z");
        assert_eq!(front.extra["ratio"], 0.5);
        assert_eq!(front.extra["taxonomies"]["audience"][0], "tech-lead");
        // A position past the end of a multi-byte character is never cut inside it.
        assert_eq!(offset_position("é\nx", 1, 2), Position::new(2, 1));
        assert_eq!(offset_position("é\nx", 2, 2), Position::new(2, 2));
        assert_eq!(offset_position("é\nx", 9, 2), Position::new(3, 2));
    }

    #[test]
    fn unclosed_block_is_an_error_on_line_one() {
        let d = split("---\ntitle: A\nbody\n", Path::new("p.md")).unwrap_err();
        assert!(d.message.contains("never closed"));
    }

    #[test]
    fn wrong_type_reports_file_position() {
        let d = parse_file("---\ntitle: A\nweight: abc\n---\n").unwrap_err();
        assert_eq!(d.position, Some(Position::new(3, 9)), "{d}");
        assert!(d.message.contains("invalid type"), "{}", d.message);
        // The hint shows how the key's value is written.
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.contains("`weight: 10`")),
            "{d}"
        );
    }

    #[test]
    fn common_mistakes_get_messages_of_their_own() {
        let d = parse_file("---\ntitle: A\nowner: [\"@a\", \"@b\"]\n---\n").unwrap_err();
        assert!(d.message.contains("`owner` names one owner"), "{d}");
        assert_eq!(d.position, Some(Position::new(3, 8)), "{d}");
        let d = parse_file("---\ntitle: A\nowner:\n  - \"@a\"\n---\n").unwrap_err();
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.contains("one owner, a person or a team")),
            "{d}"
        );
        let d = parse_file("---\ntitle: A\ntags: {a: 1}\n---\n").unwrap_err();
        assert!(d.message.contains("`tags` is a map here"), "{d}");
        let d = parse_file("---\ntitle: A\ndraft: maybe\n---\n").unwrap_err();
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.contains("`draft: true`")),
            "{d}"
        );
    }

    #[test]
    fn simple_front_matter_reads_as_serde_yaml_reads_it() {
        // Every pair of lines from a grammar of likely and tricky front matter: whenever the
        // fast path gives a value, serde_yaml gives the same one.
        let values = [
            "How we hire",
            "Engineering manager vs tech lead",
            "2026-08-19",
            "2026-8-19",
            "20",
            "0",
            "007",
            "-1",
            "+1",
            "1.5",
            "1e3",
            "0x10",
            "123456789012345678901234",
            "true",
            "True",
            "yes",
            "No",
            "null",
            "Null",
            "~",
            "inf",
            ".inf",
            "nan",
            "y",
            "\"@talent\"",
            "\"quoted: with colon\"",
            "\"esc\\\"aped\"",
            "\"control\u{1}\"",
            "\"del\u{7f}\"",
            "\"bom\u{feff}\"",
            "\"tab\tin\"",
            "\"ünïcödé 日本 😀\"",
            "'single'",
            "'it''s'",
            "[a, b]",
            "[]",
            "[ a ,b ]",
            "[1, b]",
            "[true, x]",
            "[\"q\", 'r']",
            "[a, [b]]",
            "a # comment",
            "a: b",
            "-x",
            "x  y",
            "trailing ",
            "Élan",
            "x,y",
            "(a) b/c?",
            "a'b",
            "&anchor",
            "*alias",
            "!tag x",
            "|",
            ">",
            "{a: b}",
        ];
        let keys = [
            "title", "weight", "x-y", "_a", "tags", "A1", "false", "Null", "y", "inf",
        ];
        let mut lines: Vec<String> = Vec::new();
        for key in keys {
            for value in values {
                lines.push(format!("{key}: {value}"));
            }
            lines.push(format!("{key}:"));
            lines.push(format!("{key}:\n  - a\n  - b c"));
            lines.push(format!("{key}:\n- a\n- 2026-01-01"));
            lines.push(format!("{key}:\n  - a\n  - 1"));
            lines.push(format!("{key}:\n  - a\n - b"));
            lines.push(format!("{key}:  x"));
            lines.push(format!("{key}:x"));
        }
        lines.extend(
            [
                "",
                "  ",
                "\t",
                " \t ",
                "\u{3000}",
                "\u{a0}",
                "# comment",
                "  indented: x",
                "a b: c",
                "title: a\ttab",
                "title:\t",
                "title:\u{3000}\n  - a",
            ]
            .map(String::from),
        );
        let mut fast = 0;
        for first in &lines {
            for second in lines.iter().step_by(3) {
                let yaml = format!("{first}\n{second}\n");
                let Some(value) = simple_yaml(&yaml) else {
                    continue;
                };
                fast += 1;
                let expected: Result<serde_yaml::Value, _> = serde_yaml::from_str(&yaml);
                assert_eq!(Some(&value), expected.as_ref().ok(), "{yaml:?}");
            }
        }
        assert!(fast > 1_000, "the fast path read only {fast} blocks");
        // The shapes of the generated benchmark's front matter are all read fast.
        let page = "title: \"Advanced delivery metrics 3\"\ndescription: \"A: b.\"\nweight: 20\ntags: [inclusion, on-call]\naudience:\n  - tech-lead\nowner: \"@talent\"\nlast_reviewed: 2026-08-19\nreview_every_days: 365\n";
        assert!(simple_yaml(page).is_some());
    }

    #[test]
    fn scalars_read_as_the_text_says() {
        // A number or a boolean where a string is wanted is the text as written, and a quoted
        // number is still a weight: the same as reading the text directly.
        let (fm, _) =
            parse_file("---\ntitle: 2024\ndescription: true\nweight: \"7\"\ntags: [1, b]\n---\n")
                .unwrap();
        assert_eq!(fm.title.as_deref(), Some("2024"));
        assert_eq!(fm.description.as_deref(), Some("true"));
        assert_eq!(fm.weight, Some(7000));
        assert_eq!(fm.tags, vec!["1", "b"]);
        // A fraction places a page between two others.
        let (between, _) = parse_file("---\nweight: 40.5\n---\n").unwrap();
        assert_eq!(between.weight, Some(40_500));
    }

    #[test]
    fn bad_date_is_an_error() {
        let d = parse_file("---\nlast_reviewed: 2026-02-30\n---\n").unwrap_err();
        assert!(d.message.contains("is not a valid date"), "{d}");
        assert_eq!(d.position.map(|p| p.line), Some(2));
    }

    #[test]
    fn an_error_after_a_line_break_only_yaml_counts_is_on_the_line_an_editor_shows() {
        // U+0085 and U+2028 end a line for YAML, not for an editor (or for the lines counted here).
        let d = parse_file("---\ntitle: a\u{85}b\u{2028}c\nlist: [1, 2\n---\nText.\n").unwrap_err();
        assert_eq!(d.position.map(|p| (p.line, p.column)), Some((2, 12)), "{d}");
    }

    #[test]
    fn unknown_keys_are_kept_and_typos_warned() {
        let (fm, warnings) =
            parse_file("---\ntittle: A\nms.date: x\n\"key with space\": 1\ntags: one\n---\n")
                .unwrap();
        assert_eq!(fm.tags, vec!["one"]);
        // Blank terms are none; the others are trimmed.
        let (blank, _) =
            parse_file("---\ntags: [\"\", \" a \", \"  \"]\naudience: \" \"\n---\n").unwrap();
        assert_eq!(
            (blank.tags, blank.audience),
            (vec!["a".to_string()], Vec::new())
        );
        assert!(fm.extra.contains_key("ms.date") && fm.extra.contains_key("key with space"));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(warnings[0].position, Some(Position::new(2, 1)));
    }

    #[test]
    fn date_arithmetic_round_trips() {
        let d = Date::parse("2026-09-30").unwrap();
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(d.add_days(180).to_string(), "2027-03-29");
        assert_eq!(
            Date::parse("2024-02-28").unwrap().add_days(1).to_string(),
            "2024-02-29"
        );
        for days in [-1000, 0, 59, 60, 20_000, 2_000_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }

    #[test]
    fn dates_validate_the_calendar() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2025-13-01").is_none());
    }

    #[test]
    fn tech_docs_review_times_are_days() {
        assert_eq!(duration_days("6 months"), Some(183));
        assert_eq!(duration_days("1 month"), Some(30));
        assert_eq!(duration_days("3 weeks"), Some(21));
        assert_eq!(duration_days("1 year"), Some(365));
        assert_eq!(duration_days(" 90 days "), Some(90));
        assert_eq!(duration_days("soon"), None);
        assert_eq!(duration_days("6 months or so"), None);
        assert_eq!(duration_days("6 fortnights"), None);
    }
}
