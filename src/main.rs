//! `handbook`: parse the command line, run one verb, turn the outcome into an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use handbook::cli::{Cli, Command};
use handbook::{diagnostic, BuildOptions, Error};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            match &e {
                Error::Handbook(diagnostics) => {
                    let _ = diagnostic::report(diagnostics, &mut stderr);
                }
                other => {
                    let _ = writeln!(stderr, "error: {other}");
                }
            }
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn build(args: handbook::cli::BuildArgs) -> Result<(), Error> {
    let options = BuildOptions {
        root: args.root,
        dest: args.dest,
        base_url: args.base_url,
        drafts: args.drafts,
    };
    let report = handbook::build(&options)?;
    let mut stderr = std::io::stderr().lock();
    let _ = diagnostic::report(&report.warnings, &mut stderr);
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
    Ok(())
}
