//! Simple templates written straight from a page's data, without Tera's JSON copy of it.
//!
//! Tera renders a page from a JSON copy of its whole context (the page's HTML, its sidebar...)
//! and looks each name up by string at each use: at 1,000 pages, about an eighth of the build.
//! A template made only of text, `{{ name }}` (with `safe`, `pluralize` or `join(sep="...")`),
//! `{{ asset(path="...") }}`, `{% if name %}` with `elif` and `else`, blocks, `extends`,
//! `import` and comments is turned once into [`Steps`] that read the data where it is. They
//! write what Tera writes, byte for byte (tests/build.rs builds a handbook both ways, every
//! branch of the default templates taken); a template with anything else, or a value these
//! steps do not print (a list, a word for `pluralize`), is left to Tera.

use tera::ast::{Expr, ExprVal, Node};
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
}

enum Filter {
    None,
    Pluralize,
    Join(String),
}

enum Step<F> {
    Text(String),
    Print {
        field: F,
        filter: Filter,
        escape: bool,
    },
    If {
        /// (field, negated, steps) for the `if` and each `elif`.
        branches: Vec<(F, bool, Vec<Step<F>>)>,
        otherwise: Vec<Step<F>>,
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
    };
    let root = chain.last()?;
    let mut steps = Vec::new();
    compiler.nodes::<D>(&root.ast, &mut steps)?;
    Some(Steps { steps, escape })
}

struct Compiler<'t> {
    /// The template, then its parents from the nearest.
    chain: &'t [&'t Template],
    asset: &'t dyn Fn(&str) -> Option<String>,
    escape: fn(&str) -> String,
}

impl Compiler<'_> {
    fn nodes<D: Data>(&self, nodes: &[Node], steps: &mut Vec<Step<D::Field>>) -> Option<()> {
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
                        let ExprVal::Ident(name) = &condition.val else {
                            return None;
                        };
                        if !condition.filters.is_empty() {
                            return None;
                        }
                        let mut inner = Vec::new();
                        self.nodes::<D>(body, &mut inner)?;
                        branches.push((D::field(name)?, condition.negated, inner));
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
                _ => return None,
            }
        }
        Some(())
    }

    fn print<D: Data>(&self, expr: &Expr, steps: &mut Vec<Step<D::Field>>) -> Option<()> {
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
                field: D::field(name)?,
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
        run(&self.steps, data, self.escape, out)
    }
}

fn run<D: Data>(
    steps: &[Step<D::Field>],
    data: &D,
    escape: fn(&str) -> String,
    out: &mut Vec<u8>,
) -> Result<(), Unsupported> {
    for step in steps {
        match step {
            Step::Text(text) => out.extend_from_slice(text.as_bytes()),
            Step::Print {
                field,
                filter,
                escape: escaped,
            } => {
                let value = data.value(*field);
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
                let taken = branches
                    .iter()
                    .find(|(field, negated, _)| data.value(*field).truthy() != *negated)
                    .map_or(otherwise, |(_, _, steps)| steps);
                run(taken, data, escape, out)?;
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
    }

    #[derive(Clone, Copy)]
    enum Field {
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
                _ => return None,
            })
        }
        fn value(&self, field: Field) -> Value<'_> {
            match field {
                Field::Title => Value::Str(&self.title),
                Field::Html => Value::Str(&self.html),
                Field::Days => self.days.map_or(Value::Null, Value::Int),
                Field::Authors => Value::Strs(&self.authors),
                Field::Items => Value::Items(self.items),
                Field::Flag => Value::Bool(self.flag),
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
        ]);
        let samples = [
            Sample {
                title: "A & <B>".into(),
                html: "<em>\"x\"</em>".into(),
                days: Some(1),
                authors: vec!["Ann".into(), "Bo & Co".into()],
                items: 2,
                flag: true,
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
        ];
        for name in ["page.html", "child.html", "base.html"] {
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
