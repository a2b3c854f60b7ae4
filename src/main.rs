//! `handbook`: parse the command line, run one verb, turn the outcome into an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use handbook::cli::{BuildArgs, CheckArgs, Cli, Command, ServeArgs};
use handbook::diagnostic::{self, Severity};
use handbook::report::{self, Format, Style};
use handbook::{BuildOptions, CheckOptions, Error};

/// How a verb that ran went: exit code 0 or 1. (2, "could not run", is an [`Error`].)
enum Outcome {
    Clean,
    Problems,
}

/// mimalloc: the build allocates millions of short strings on every core, where it is markedly
/// faster than the system allocator and returns freed memory sooner.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Serve(args) => serve(args),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            match &e {
                Error::Handbook(diagnostics) => {
                    let _ = report::human(diagnostics, Style::for_stderr(), &mut stderr);
                }
                other => {
                    let _ = writeln!(stderr, "error: {other}");
                }
            }
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn build(args: BuildArgs) -> Result<Outcome, Error> {
    let options = BuildOptions {
        root: args.root,
        dest: args.dest,
        base_url: args.base_url,
        drafts: args.drafts,
    };
    let report = handbook::build(&options)?;
    let _ = report::human(
        &report.warnings,
        Style::for_stderr(),
        &mut std::io::stderr().lock(),
    );
    if !args.quiet {
        let index = report.dest.join("index.html");
        let shown = std::fs::canonicalize(&index).unwrap_or(index);
        println!(
            "Built {} pages in {:.2} s -> {}\nOpen file://{}",
            report.pages,
            report.elapsed.as_secs_f64(),
            diagnostic::display_path(&report.dest),
            shown.display()
        );
    }
    Ok(Outcome::Clean)
}

fn serve(args: ServeArgs) -> Result<Outcome, Error> {
    let options = handbook::serve::ServeOptions {
        root: args.root,
        port: args.port,
        bind: args.bind,
        open: args.open,
        drafts: args.drafts,
    };
    handbook::serve::serve(&options)?;
    Ok(Outcome::Clean)
}

fn check(args: CheckArgs) -> Result<Outcome, Error> {
    let options = CheckOptions {
        root: args.root,
        drafts: args.drafts,
    };
    let (mut diagnostics, external_links, reviews, pages) = match handbook::check(&options) {
        Ok(r) => (r.diagnostics, r.external_links, r.reviews, r.pages),
        // A broken book.toml is a problem in the handbook: reported like the others.
        Err(Error::Handbook(d)) => (d, Vec::new(), Vec::new(), 0),
        Err(e) => return Err(e),
    };
    if args.strict {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    let mut stdout = std::io::stdout().lock();
    let written = match (args.reviews, args.format) {
        (true, Format::Json) => report::reviews_json(&reviews, &mut stdout),
        (true, _) => report::reviews_table(&reviews, &mut stdout),
        (false, Format::Human) => {
            let mut stderr = std::io::stderr().lock();
            report::human(&diagnostics, Style::for_stderr(), &mut stderr).and_then(|()| {
                let (errors, warnings) = report::counts(&diagnostics);
                if errors + warnings == 0 {
                    writeln!(stderr, "Checked {pages} pages: no problems")?;
                }
                if !external_links.is_empty() {
                    writeln!(
                        stderr,
                        "{} external links (listed with --format json; not fetched)",
                        external_links.len()
                    )?;
                }
                Ok(())
            })
        }
        (false, Format::Json) => report::json(&diagnostics, &external_links, pages, &mut stdout),
        (false, Format::Github) => report::github(&diagnostics, &mut stdout),
        (false, Format::Gitlab) => report::gitlab(&diagnostics, &mut stdout),
    };
    match written {
        // `handbook check | head` is not a failure.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(Error::io("<stdout>", e))
        }
        _ => {}
    }
    Ok(if diagnostics.iter().any(|d| d.is_error()) {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}
