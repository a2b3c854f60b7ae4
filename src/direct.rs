//! Simple templates written straight from their data (a page's, the print view's, a tag
//! page's), without Tera's JSON copy of it.
//!
//! Tera renders a page from a JSON copy of its whole context (the page's HTML, its sidebar...)
//! and looks each name up by string at each use: at 1,000 pages, about an eighth of the build.
//! A template made only of text, `{{ name }}` (with `safe`, `pluralize`, `length`,
//! `length | pluralize` or `join(sep="...")`), `{{ asset(path="...") }}`, `{% if name %}` or
//! `{% if name == "text" %}` with `elif` and `else`, `{% for item in list %}` (not nested, its
//! body reading `item.field`s), blocks, `extends`, `import` and comments is turned once into
//! [`Steps`] that read the data where it is. They write what Tera writes, byte for byte
//! (tests/build.rs builds a handbook both ways, every branch of the default templates taken); a
//! template with anything else, or a value these steps do not print (a list, a word for
//! `pluralize`), is left to Tera.

use tera::ast::{Expr, ExprVal, LogicOperator, Node};
use tera::{Template, Tera};

/// A value of the data, as a template sees it.
#[derive(Clone, Copy)]
pub enum Value<'a> {
    Str(&'a str),
    Int(i64),
    Bool(bool),
    /// A list or an object of this many entries: only whether it is empty can be asked.
    Items(usize),
    /// A list of strings: `join` writes it.
    Strs(&'a [String]),
    Null,
}

impl Value<'_> {
    /// As Tera's `if` reads it.
    fn truthy(self) -> bool {
        match self {
            Value::Str(s) => !s.is_empty(),
            Value::Int(n) => n != 0,
            Value::Bool(b) => b,
            Value::Items(n) => n > 0,
            Value::Strs(s) => !s.is_empty(),
            Value::Null => false,
        }
    }
}

/// Data a template reads: names (`page.title`) become fields once, when the template is
/// compiled; each page gives the fields' values.
pub trait Data {
    type Field: Copy;
    /// The field a template's name stands for, if the data has it.
    fn field(name: &str) -> Option<Self::Field>;
    fn value(&self, field: Self::Field) -> Value<'_>;
    /// For `{% for item in list %}`, where `list` is a field whose value is
    /// [`Value::Items`]: the field `item.name` stands for, if its items have it.
    fn item_field(_list: Self::Field, _name: &str) -> Option<Self::Field> {
        None
    }
    /// The value of an item's field ([`Data::item_field`]) for the list's item `index`.
    fn item_value(&self, _field: Self::Field, _index: usize) -> Value<'_> {
        Value::Null
    }
}

enum Filter {
    None,
    Pluralize,
    Length,
    LengthPluralize,
    Join(String),
}

/// A name in a template: a field of the data, or of the item a loop is at.
#[derive(Clone, Copy)]
struct Name<F> {
    field: F,
    item: bool,
}

/// What an `if` or `elif` asks of a value.
enum Test {
    /// Whether it is true, as Tera's `if` reads it.
    Truthy,
    /// Whether it is this string.
    Equals(String),
}

/// An `if` or `elif` and what it writes when it holds.
struct Branch<F> {
    name: Name<F>,
    test: Test,
    negated: bool,
    steps: Vec<Step<F>>,
}

enum Step<F> {
    Text(String),
    Print {
        name: Name<F>,
        filter: Filter,
        escape: bool,
    },
    If {
        /// The `if`, then each `elif`.
        branches: Vec<Branch<F>>,
        otherwise: Vec<Step<F>>,
    },
    For {
        list: F,
        body: Vec<Step<F>>,
    },
}

/// A template compiled for data whose fields are `F`.
pub struct Steps<F> {
    steps: Vec<Step<F>>,
    /// The template's escaping, as Tera's (`Tera::set_escape_fn`).
    escape: fn(&str) -> String,
}

/// Compiles `name` of `tera` for `D`, or says it cannot (`None`). `asset` gives the text of
/// `asset(path=...)` (as the theme's function does); `escape` is the template's escaping.
pub fn compile<D: Data>(
    tera: &Tera,
    name: &str,
    asset: &dyn Fn(&str) -> Option<String>,
    escape: fn(&str) -> String,
) -> Option<Steps<D::Field>> {
    // Tera escapes in the templates whose names end so (see `theme::compile`).
    if !name.ends_with(".html") {
        return None;
    }
    let template = tera.get_template(name).ok()?;
    let mut chain = vec![template];
    for parent in &template.parents {
        chain.push(tera.get_template(parent).ok()?);
    }
    let compiler = Compiler {
        chain: &chain,
        asset,
        escape,
        item: None,
    };
    let root = chain.last()?;
    let mut steps = Vec::new();
    compiler.nodes::<D>(&root.ast, &mut steps)?;
    Some(Steps { steps, escape })
}

struct Compiler<'t, F> {
    /// The template, then its parents from the nearest.
    chain: &'t [&'t Template],
    asset: &'t dyn Fn(&str) -> Option<String>,
    escape: fn(&str) -> String,
    /// Inside a loop: the name of its item and the list.
    item: Option<(&'t str, F)>,
}

impl<'t, F: Copy> Compiler<'t, F> {
    /// The field `name` stands for here.
    fn name<D: Data<Field = F>>(&self, name: &str) -> Option<Name<F>> {
        if let Some((item, list)) = self.item {
            // The item itself (`{{ item }}`) is left to Tera.
            if name == item {
                return None;
            }
            if let Some(rest) = name.strip_prefix(item).and_then(|r| r.strip_prefix('.')) {
                let field = D::item_field(list, rest)?;
                return Some(Name { field, item: true });
            }
        }
        Some(Name {
            field: D::field(name)?,
            item: false,
        })
    }

    /// An `if`'s condition: a name, or a name compared with a string.
    fn condition<D: Data<Field = F>>(&self, condition: &Expr) -> Option<(Name<F>, Test)> {
        if !condition.filters.is_empty() {
            return None;
        }
        match &condition.val {
            ExprVal::Ident(name) => Some((self.name::<D>(name)?, Test::Truthy)),
            ExprVal::Logic(logic) if logic.operator == LogicOperator::Eq => {
                let (lhs, rhs) = (&logic.lhs, &logic.rhs);
                let plain = |e: &Expr| e.filters.is_empty() && !e.negated;
                match (&lhs.val, &rhs.val) {
                    (ExprVal::Ident(name), ExprVal::String(text)) if plain(lhs) && plain(rhs) => {
                        Some((self.name::<D>(name)?, Test::Equals(text.clone())))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn nodes<D: Data<Field = F>>(&self, nodes: &'t [Node], steps: &mut Vec<Step<F>>) -> Option<()> {
        for node in nodes {
            match node {
                Node::Text(text) | Node::Raw(_, text, _) => push_text(steps, text),
                Node::Comment(..) | Node::ImportMacro(..) | Node::Extends(..) => {}
                Node::VariableBlock(_, expr) => self.print::<D>(expr, steps)?,
                Node::Block(_, block, _) => {
                    // The nearest template that defines the block gives its body.
                    let body = self
                        .chain
                        .iter()
                        .find_map(|t| t.blocks.get(&block.name))
                        .map_or(&block.body, |b| &b.body);
                    self.nodes::<D>(body, steps)?;
                }
                Node::If(node, _) => {
                    let mut branches = Vec::new();
                    for (_, condition, body) in &node.conditions {
                        let (name, test) = self.condition::<D>(condition)?;
                        let mut inner = Vec::new();
                        self.nodes::<D>(body, &mut inner)?;
                        branches.push(Branch {
                            name,
                            test,
                            negated: condition.negated,
                            steps: inner,
                        });
                    }
                    let mut otherwise = Vec::new();
                    if let Some((_, body)) = &node.otherwise {
                        self.nodes::<D>(body, &mut otherwise)?;
                    }
                    steps.push(Step::If {
                        branches,
                        otherwise,
                    });
                }
                Node::Forloop(_, each, _) => {
                    let ExprVal::Ident(list) = &each.container.val else {
                        return None;
                    };
                    let plain = each.container.filters.is_empty() && !each.container.negated;
                    if !plain || each.key.is_some() || each.empty_body.is_some() {
                        return None;
                    }
                    // Not nested, and over a list of the data (not of an item).
                    if self.item.is_some() {
                        return None;
                    }
                    let list = D::field(list)?;
                    let inner = Compiler {
                        item: Some((each.value.as_str(), list)),
                        ..*self
                    };
                    let mut body = Vec::new();
                    inner.nodes::<D>(&each.body, &mut body)?;
                    steps.push(Step::For { list, body });
                }
                _ => return None,
            }
        }
        Some(())
    }

    fn print<D: Data<Field = F>>(&self, expr: &Expr, steps: &mut Vec<Step<F>>) -> Option<()> {
        if expr.negated {
            return None;
        }
        // Tera skips `safe` wherever it is, and does not escape when it comes last.
        let escape = !expr.is_marked_safe();
        let mut filter = Filter::None;
        for call in &expr.filters {
            filter = match (call.name.as_str(), filter) {
                ("safe", f) if call.args.is_empty() => f,
                ("pluralize", Filter::None) if call.args.is_empty() => Filter::Pluralize,
                ("length", Filter::None) if call.args.is_empty() => Filter::Length,
                ("pluralize", Filter::Length) if call.args.is_empty() => Filter::LengthPluralize,
                ("join", Filter::None) if call.args.len() == 1 => {
                    let sep = call.args.get("sep")?;
                    match &sep.val {
                        ExprVal::String(s) if sep.filters.is_empty() && !sep.negated => {
                            // As Tera's `join` reads its separator.
                            Filter::Join(s.replace("\\n", "\n").replace("\\t", "\t"))
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            };
        }
        match &expr.val {
            ExprVal::Ident(name) => steps.push(Step::Print {
                name: self.name::<D>(name)?,
                filter,
                escape,
            }),
            ExprVal::FunctionCall(call)
                if call.name == "asset" && call.args.len() == 1 && expr.filters.is_empty() =>
            {
                let path = call.args.get("path")?;
                let ExprVal::String(path) = &path.val else {
                    return None;
                };
                let url = (self.asset)(path)?;
                push_text(steps, &(self.escape)(&url));
            }
            _ => return None,
        }
        Some(())
    }
}

fn push_text<F>(steps: &mut Vec<Step<F>>, text: &str) {
    if let Some(Step::Text(last)) = steps.last_mut() {
        last.push_str(text);
    } else {
        steps.push(Step::Text(text.to_string()));
    }
}

/// A value these steps do not write as Tera would: the page goes to Tera.
#[derive(Debug)]
pub struct Unsupported;

impl<F: Copy> Steps<F> {
    /// Writes the template for `data` after `out`'s contents.
    pub fn render<D: Data<Field = F>>(
        &self,
        data: &D,
        out: &mut Vec<u8>,
    ) -> Result<(), Unsupported> {
        run(&self.steps, data, self.escape, None, out)
    }
}

/// The value of `name`, at item `index` of the loop, if in one.
fn value_of<D: Data>(data: &D, name: Name<D::Field>, index: Option<usize>) -> Value<'_> {
    match (name.item, index) {
        (true, Some(i)) => data.item_value(name.field, i),
        (true, None) => Value::Null,
        (false, _) => data.value(name.field),
    }
}

fn run<D: Data>(
    steps: &[Step<D::Field>],
    data: &D,
    escape: fn(&str) -> String,
    index: Option<usize>,
    out: &mut Vec<u8>,
) -> Result<(), Unsupported> {
    for step in steps {
        match step {
            Step::Text(text) => out.extend_from_slice(text.as_bytes()),
            Step::Print {
                name,
                filter,
                escape: escaped,
            } => {
                let value = value_of(data, *name, index);
                let text: std::borrow::Cow<str> = match (filter, value) {
                    (Filter::None, Value::Str(s)) => s.into(),
                    (Filter::None, Value::Int(n)) => {
                        // Tera escapes strings only.
                        out.extend_from_slice(n.to_string().as_bytes());
                        continue;
                    }
                    (Filter::None, Value::Bool(b)) => {
                        out.extend_from_slice(if b { b"true" } else { b"false" });
                        continue;
                    }
                    (Filter::None, Value::Null) => continue,
                    (Filter::Pluralize, Value::Int(n)) => {
                        if n.unsigned_abs() == 1 { "" } else { "s" }.into()
                    }
                    // A number: Tera does not escape it.
                    (Filter::Length, Value::Items(n)) => {
                        out.extend_from_slice(n.to_string().as_bytes());
                        continue;
                    }
                    (Filter::LengthPluralize, Value::Items(n)) => {
                        if n == 1 { "" } else { "s" }.into()
                    }
                    (Filter::Join(sep), Value::Strs(items)) => items.join(sep).into(),
                    _ => return Err(Unsupported),
                };
                if *escaped {
                    out.extend_from_slice(escape(&text).as_bytes());
                } else {
                    out.extend_from_slice(text.as_bytes());
                }
            }
            Step::If {
                branches,
                otherwise,
            } => {
                let mut taken = otherwise;
                for branch in branches {
                    let value = value_of(data, branch.name, index);
                    let holds = match (&branch.test, value) {
                        (Test::Truthy, value) => value.truthy(),
                        (Test::Equals(text), Value::Str(s)) => s == text,
                        (Test::Equals(_), Value::Null) => false,
                        // Tera's equality of other values and a string: left to Tera.
                        (Test::Equals(_), _) => return Err(Unsupported),
                    };
                    if holds != branch.negated {
                        taken = &branch.steps;
                        break;
                    }
                }
                run(taken, data, escape, index, out)?;
            }
            Step::For { list, body } => {
                let Value::Items(n) = data.value(*list) else {
                    return Err(Unsupported);
                };
                for i in 0..n {
                    run(body, data, escape, Some(i), out)?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Data of each kind of value, by the name it has in both renderings.
    struct Sample {
        title: String,
        html: String,
        days: Option<i64>,
        authors: Vec<String>,
        items: usize,
        flag: bool,
        /// A list of (name, count) rows, for loops.
        rows: Vec<(String, i64)>,
    }

    #[derive(Clone, Copy)]
    enum Field {
        Rows,
        RowName,
        RowCount,
        Title,
        Html,
        Days,
        Authors,
        Items,
        Flag,
    }

    impl Data for Sample {
        type Field = Field;
        fn field(name: &str) -> Option<Field> {
            Some(match name {
                "page.title" => Field::Title,
                "html" => Field::Html,
                "page.days" => Field::Days,
                "site.authors" => Field::Authors,
                "items" => Field::Items,
                "flag" => Field::Flag,
                "rows" => Field::Rows,
                _ => return None,
            })
        }
        fn item_field(list: Field, name: &str) -> Option<Field> {
            match (list, name) {
                (Field::Rows, "name") => Some(Field::RowName),
                (Field::Rows, "count") => Some(Field::RowCount),
                _ => None,
            }
        }
        fn item_value(&self, field: Field, index: usize) -> Value<'_> {
            match field {
                Field::RowName => Value::Str(&self.rows[index].0),
                Field::RowCount => Value::Int(self.rows[index].1),
                _ => Value::Null,
            }
        }
        fn value(&self, field: Field) -> Value<'_> {
            match field {
                Field::Title => Value::Str(&self.title),
                Field::Html => Value::Str(&self.html),
                Field::Days => self.days.map_or(Value::Null, Value::Int),
                Field::Authors => Value::Strs(&self.authors),
                Field::Items => Value::Items(self.items),
                Field::Flag => Value::Bool(self.flag),
                Field::Rows => Value::Items(self.rows.len()),
                Field::RowName | Field::RowCount => Value::Null,
            }
        }
    }

    impl Sample {
        /// A title and HTML, and nothing else.
        fn plain() -> Sample {
            Sample {
                title: "t".into(),
                html: "h".into(),
                days: None,
                authors: Vec::new(),
                items: 0,
                flag: false,
                rows: Vec::new(),
            }
        }

        fn json(&self) -> tera::Context {
            let items: Vec<u32> = (0..self.items as u32).collect();
            let value = serde_json::json!({
                "page": {"title": self.title, "days": self.days},
                "html": self.html,
                "site": {"authors": self.authors},
                "items": items,
                "flag": self.flag,
                "rows": self.rows.iter().map(|(name, count)| serde_json::json!({"name": name, "count": count})).collect::<Vec<_>>(),
            });
            tera::Context::from_value(value).unwrap()
        }
    }

    fn escape(s: &str) -> String {
        crate::markdown::escape(s)
    }

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape);
        tera.register_function(
            "asset",
            |args: &std::collections::HashMap<String, tera::Value>| {
                let path = args["path"].as_str().unwrap();
                Ok(tera::Value::String(format!("{path}?v=1&2")))
            },
        );
        tera.add_raw_templates(templates.to_vec()).unwrap();
        tera
    }

    fn asset(path: &str) -> Option<String> {
        Some(format!("{path}?v=1&2"))
    }

    #[test]
    fn writes_what_tera_writes() {
        let tera = tera(&[
            ("macros.html", "{% macro m() %}x{% endmacro m %}"),
            (
                "base.html",
                "{% import \"macros.html\" as macros -%}\n<title>{% block title %}{{ page.title }}{% endblock title %}</title>\n\
                 {# a comment #}<link href=\"{{ asset(path=\"a.css\") }}\">\n{% block main %}base{% endblock main %}\n\
                 {% if site.authors %}<p>{{ site.authors | join(sep=\", \") }}</p>{% endif %}\n{% raw %}{{ raw }}{% endraw %}",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n  {%- if page.days -%}\n  {{ page.days }} day{{ page.days | pluralize }}\n\
                 {%- elif not flag %}no flag{% else %}{{ flag }}{% endif %}\n{{ html | safe }} {{ html }} {{ page.title }}{% if items %} items{% endif %}\n\
                 {% block inner %}inner{% endblock inner %}{% endblock main %}",
            ),
            (
                "child.html",
                "{% extends \"page.html\" %}{% block inner %}[{{ page.title | safe }}]{% endblock inner %}",
            ),
            (
                "loops.html",
                "{{ rows | length }} row{{ rows | length | pluralize }}, {{ items | length }}\n<ul>\n{%- for r in rows %}\n\
                 <li>{{ r.name }} ({{ r.count }}){% if r.name == \"b & c\" %} bc{% elif not page.title == \"t\" %} {{ page.title }}{% endif %}</li>\n\
                 {%- endfor %}\n</ul>\n{% for r in rows -%}\n[{{ r.name | safe }}]\n{% endfor -%}\n\
                 {% for p in rows %}{{ p.count }}{{ page.title }}{% endfor %}\n{% if html == \"h\" %}h{% else %}not h{% endif %}",
            ),
        ]);
        let samples = [
            Sample {
                title: "A & <B>".into(),
                html: "<em>\"x\"</em>".into(),
                days: Some(1),
                authors: vec!["Ann".into(), "Bo & Co".into()],
                items: 2,
                flag: true,
                rows: Vec::new(),
            },
            Sample {
                title: String::new(),
                html: String::new(),
                days: Some(-3),
                ..Sample::plain()
            },
            Sample {
                authors: vec!["One".into()],
                flag: true,
                ..Sample::plain()
            },
            Sample {
                days: Some(0),
                items: 1,
                ..Sample::plain()
            },
            Sample {
                days: Some(-1),
                ..Sample::plain()
            },
            Sample {
                days: Some(i64::MIN),
                ..Sample::plain()
            },
            Sample {
                rows: vec![("a".into(), 1), ("b & c".into(), -2), ("<d>".into(), 0)],
                items: 1,
                ..Sample::plain()
            },
            Sample {
                title: "T".into(),
                rows: vec![("b & c".into(), 3)],
                ..Sample::plain()
            },
        ];
        for name in ["page.html", "child.html", "base.html", "loops.html"] {
            let steps = compile::<Sample>(&tera, name, &asset, escape).expect(name);
            for sample in &samples {
                let mut direct = Vec::new();
                steps.render(sample, &mut direct).unwrap();
                let expected = tera.render(name, &sample.json()).unwrap();
                assert_eq!(String::from_utf8(direct).unwrap(), expected, "{name}");
            }
        }
    }

    #[test]
    fn leaves_other_templates_and_values_to_tera() {
        let tera = tera(&[
            ("loop.html", "{% for i in items %}{{ i }}{% endfor %}"),
            (
                "nested.html",
                "{% for r in rows %}{% for s in rows %}{{ s.name }}{% endfor %}{% endfor %}",
            ),
            (
                "keyed.html",
                "{% for k, v in rows %}{{ v.name }}{% endfor %}",
            ),
            (
                "empty.html",
                "{% for r in rows %}{{ r.name }}{% else %}none{% endfor %}",
            ),
            ("field.html", "{% for r in rows %}{{ r.other }}{% endfor %}"),
            ("compare.html", "{% if page.title == html %}x{% endif %}"),
            ("unknown.html", "{{ page.other }}"),
            ("filter.html", "{{ page.title | upper }}"),
            ("math.html", "{% if page.days > 1 %}x{% endif %}"),
            ("set.html", "{% set x = 1 %}"),
            ("macro.html", "{% import \"m.html\" as m %}{{ m::f() }}"),
            ("m.html", "{% macro f() %}f{% endmacro f %}"),
            ("list.html", "{{ site.authors }}"),
            ("words.html", "{{ page.title | pluralize }}"),
            ("plain.txt", "{{ page.title }}"),
        ]);
        for name in [
            "loop.html",
            "nested.html",
            "keyed.html",
            "empty.html",
            "field.html",
            "compare.html",
            "unknown.html",
            "filter.html",
            "math.html",
            "set.html",
            "macro.html",
            "plain.txt",
        ] {
            assert!(
                compile::<Sample>(&tera, name, &asset, escape).is_none(),
                "{name}"
            );
        }
        let sample = Sample::plain();
        // Compiled, but these values are not written here: the caller asks Tera.
        for name in ["list.html", "words.html"] {
            let steps = compile::<Sample>(&tera, name, &asset, escape).expect(name);
            assert!(steps.render(&sample, &mut Vec::new()).is_err(), "{name}");
        }
    }
}
