//! The speed floor for `handbook build`: `floor CONTENT_DIR OUT_DIR` renders every `.md` file
//! under CONTENT_DIR with pulldown-cmark alone (the same options as `src/markdown.rs`, no
//! templates, no links checked, no navigation) and writes `OUT_DIR/<relative path>.html`, on two
//! threads. Whatever the real build spends beyond this is the generator's own cost.
//!
//! Built as a Cargo example: `cargo build --release --example floor`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use walkdir::WalkDir;

/// The same Markdown options as the real build.
fn options() -> Options {
    handbook::markdown::options()
}

/// The Markdown body: the text after a leading `---` ... `---` (or `...`) block, if any.
fn body(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text.find('\n') else {
        return text;
    };
    if text[..first].trim_end() != "---" {
        return text;
    }
    let mut offset = first + 1;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let line = text[offset..end].trim_end();
        if line == "---" || line == "..." {
            return &text[end..];
        }
        offset = end;
    }
    text
}

fn render(content: &Path, out: &Path, path: &Path) -> Result<u64, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let md = body(&text);
    let mut html_out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut html_out, Parser::new_ext(md, options()));
    let rel = path.strip_prefix(content).unwrap_or(path);
    let mut target = out.join(rel).into_os_string();
    target.push(".html");
    let target = PathBuf::from(target);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(&target, &html_out).map_err(|e| format!("{}: {e}", target.display()))?;
    Ok(html_out.len() as u64)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: floor CONTENT_DIR OUT_DIR");
        return ExitCode::from(2);
    }
    let content = PathBuf::from(&args[1]);
    let out = PathBuf::from(&args[2]);
    let start = std::time::Instant::now();

    let mut files = Vec::new();
    for entry in WalkDir::new(&content).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                files.push(e.into_path())
            }
            Ok(_) => {}
            Err(e) => {
                eprintln!("floor: {e}");
                return ExitCode::from(2);
            }
        }
    }

    let pool = match rayon::ThreadPoolBuilder::new().num_threads(2).build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("floor: {e}");
            return ExitCode::from(2);
        }
    };
    let results: Vec<Result<u64, String>> = pool.install(|| {
        files
            .par_iter()
            .map(|path| render(&content, &out, path))
            .collect()
    });

    let mut bytes = 0;
    let mut failed = false;
    for r in results {
        match r {
            Ok(n) => bytes += n,
            Err(e) => {
                eprintln!("floor: {e}");
                failed = true;
            }
        }
    }
    println!(
        "Rendered {} files ({:.1} MiB of HTML) in {:.2} s -> {}",
        files.len(),
        bytes as f64 / 1_048_576.0,
        start.elapsed().as_secs_f64(),
        out.display()
    );
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
