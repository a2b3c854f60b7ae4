//! `handbook`: parse the command line, run one verb, turn the outcome into an exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clap::Parser;
use handbook::cli::{BuildArgs, CheckArgs, Cli, Command, InitArgs, ServeArgs};
use handbook::diagnostic::{self, Severity};
use handbook::report::{self, Format, Style};
use handbook::{BuildOptions, CheckOptions, Error, Progress};

/// How a verb that ran went: exit code 0 or 1. (2, "could not run", is an [`Error`].)
enum Outcome {
    Clean,
    Problems,
}

/// mimalloc: the build allocates millions of short strings on every core, where it is markedly
/// faster than the system allocator; `serve` gets freed memory back to the system sooner
/// (`build` and `check` keep it: [`keep_freed_memory`]).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (mimalloc.h; the crate names no constant for it): how
/// long freed memory is kept before it is handed back to the system, in milliseconds, -1 for
/// never.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// For the verbs that run once and exit: freed memory is kept for the rest of the run. Handed
/// back a second after (mimalloc's default), a build of some seconds took it again at once,
/// a fresh page fault at a time, each zeroing a page, often a 2 MiB one: 1,800-5,600 faults and
/// 4-8% of the CPU time of a 10,000-page build, against some 480 kept, for 10 MB more at the
/// peak. `serve` runs for hours, and keeps the default. Call before any thread starts.
fn keep_freed_memory() {
    // SAFETY: sets a number in mimalloc's table of options; no other thread runs yet.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, Command::Build(_) | Command::Check(_)) {
        keep_freed_memory();
    }
    if matches!(
        cli.command,
        Command::Build(_) | Command::Check(_) | Command::Serve(_)
    ) {
        // Diagrams are drawn in helper processes, where a diagram that would exhaust the memory
        // or loop ends only its helper. On Linux the running program itself, even once its file
        // is replaced (a `cargo install` under a preview server).
        let running = std::path::PathBuf::from("/proc/self/exe");
        if cfg!(target_os = "linux") && running.exists() {
            handbook::diagram::draw_in_helpers(running);
        } else if let Ok(program) = std::env::current_exe() {
            handbook::diagram::draw_in_helpers(program);
        }
    }
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Serve(args) => serve(args),
        Command::Init(args) => init(args),
        Command::RemoveTrash { paths } => {
            handbook::output::remove_trash(&paths);
            Ok(Outcome::Clean)
        }
        Command::DrawDiagrams => {
            handbook::diagram::helper_main();
            Ok(Outcome::Clean)
        }
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

fn init(args: InitArgs) -> Result<Outcome, Error> {
    let created = handbook::init::init(&args.dir, &args.title, handbook::today()?)?;
    let shown = diagnostic::display_path(&created.root);
    println!("Created a handbook in {shown}:");
    for file in &created.files {
        println!("  {file}");
    }
    let root = if args.dir == std::path::Path::new(".") {
        String::new()
    } else if shown.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c)) {
        format!(" --root '{}'", shown.replace('\'', "'\\''"))
    } else {
        format!(" --root {shown}")
    };
    println!(
        "Preview it with `handbook serve{root} --open`, check it with `handbook check{root}`, \
         and build the site with `handbook build{root}`."
    );
    Ok(Outcome::Clean)
}

fn build(args: BuildArgs) -> Result<Outcome, Error> {
    let progress = Arc::new(Progress::default());
    let options = BuildOptions {
        root: args.root,
        dest: args.dest,
        base_url: args.base_url,
        drafts: args.drafts,
        progress: Some(progress.clone()),
        defer_removal: true,
    };
    let shown =
        (!args.quiet && std::io::stderr().is_terminal()).then(|| show_progress(progress.clone()));
    let result = handbook::build(&options);
    if let Some((finished, thread)) = shown {
        finished.store(true, Ordering::Relaxed);
        let _ = thread.join();
    }
    let report = result.map_err(|e| match e {
        // Nothing but errors.
        Error::Handbook(d) if args.quiet => {
            Error::Handbook(d.into_iter().filter(|d| d.is_error()).collect())
        }
        e => e,
    })?;
    remove_in_background(&report.trash);
    if !args.quiet {
        let _ = report::human(
            &report.warnings,
            Style::for_stderr(),
            &mut std::io::stderr().lock(),
        );
        let index = report.dest.join("index.html");
        let shown = std::fs::canonicalize(&index).unwrap_or(index);
        println!(
            "Built {} {} in {:.2} s -> {}\nOpen file://{}",
            report.pages,
            if report.pages == 1 { "page" } else { "pages" },
            report.elapsed.as_secs_f64(),
            diagnostic::display_path(&report.dest),
            shown.display()
        );
    }
    Ok(Outcome::Clean)
}

/// Deletes the previous site (and any older trash) in a process of its own that outlives this
/// one, so that a rebuild returns as soon as the new site is in place: on some disks deleting
/// 10,000 pages takes seconds. Deletes them here when no such process can be started.
fn remove_in_background(trash: &[std::path::PathBuf]) {
    if trash.is_empty() {
        return;
    }
    let spawned = std::env::current_exe().and_then(|exe| {
        let mut cmd = std::process::Command::new(exe);
        cmd.arg("__remove-trash")
            .arg("--")
            .args(trash)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        // Out of the terminal's process group: a Ctrl-C meant for the next command spares it.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        // The same on Windows, and without the console: closing it spares the removal.
        #[cfg(windows)]
        {
            const DETACHED_PROCESS: u32 = 0x0000_0008;
            const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;
            std::os::windows::process::CommandExt::creation_flags(
                &mut cmd,
                DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP,
            );
        }
        cmd.spawn()
    });
    if spawned.is_err() {
        handbook::output::remove_trash(trash);
    }
}

/// Shows `Rendering 4512/10000 pages` on the terminal, once a build has taken a second, until
/// told it finished (then clears the line).
fn show_progress(progress: Arc<Progress>) -> (Arc<AtomicBool>, std::thread::JoinHandle<()>) {
    let finished = Arc::new(AtomicBool::new(false));
    let flag = finished.clone();
    let thread = std::thread::spawn(move || {
        let started = std::time::Instant::now();
        let mut shown = false;
        while !flag.load(Ordering::Relaxed) {
            std::thread::sleep(std::time::Duration::from_millis(100));
            let total = progress.total.load(Ordering::Relaxed);
            if started.elapsed().as_secs_f64() < 1.0 || total == 0 {
                continue;
            }
            let done = progress.done.load(Ordering::Relaxed).min(total);
            if done < total {
                eprint!("\rRendering {done}/{total} pages\x1b[K");
            } else {
                eprint!("\rRendered {total} pages; writing the search index and the rest\x1b[K");
            }
            shown = true;
        }
        if shown {
            eprint!("\r\x1b[K");
        }
    });
    (finished, thread)
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
    if args.reviews && matches!(args.format, Format::Github | Format::Gitlab | Format::Junit) {
        return Err(Error::Usage {
            message: "--reviews prints a table, or JSON with --format json".into(),
            hint: "leave out --format, or use --format json".into(),
        });
    }
    let options = CheckOptions {
        root: args.root,
        drafts: args.drafts,
    };
    let (mut diagnostics, external_links, reviews, pages) = match handbook::check(&options) {
        Ok(r) => (r.diagnostics, r.external_links, r.reviews, r.pages),
        // A broken book.toml is a problem in the handbook: reported like the others.
        Err(Error::Handbook(d)) => (d, Vec::new(), Vec::new(), 0),
        Err(e) => {
            // The CI report says why nothing was checked (and is valid JSON for its reader);
            // standard error says it too, and the exit code is still 2.
            if let (
                false,
                Some(d),
                Format::Json | Format::Github | Format::Gitlab | Format::Junit,
            ) = (args.reviews, e.as_diagnostic(), args.format)
            {
                let problems = [d];
                let mut stdout = std::io::stdout().lock();
                let _ = match args.format {
                    Format::Json => report::json(&problems, &[], 0, &mut stdout),
                    Format::Github => report::github(&problems, &mut stdout),
                    Format::Junit => report::junit(&problems, 0, &mut stdout),
                    _ => report::gitlab(&problems, &mut stdout),
                };
            }
            return Err(e);
        }
    };
    if args.strict {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    let mut stdout = std::io::stdout().lock();
    let written = match (args.reviews, args.format) {
        // The problems go to standard error beside the schedule, so that a failed check says
        // why.
        (true, format) => match format {
            Format::Json => report::reviews_json(&reviews, &mut stdout),
            _ => report::reviews_table(&reviews, &mut stdout),
        }
        .and_then(|()| {
            let problems: Vec<_> = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            report::human(
                &problems,
                Style::for_stderr(),
                &mut std::io::stderr().lock(),
            )
        }),
        (false, Format::Human) => {
            let mut stderr = std::io::stderr().lock();
            report::human(&diagnostics, Style::for_stderr(), &mut stderr).and_then(|()| {
                let (errors, warnings) = report::counts(&diagnostics);
                if errors + warnings == 0 {
                    let noun = if pages == 1 { "page" } else { "pages" };
                    writeln!(stderr, "Checked {pages} {noun}: no problems")?;
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
        (false, Format::Junit) => report::junit(&diagnostics, pages, &mut stdout),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_is_the_option_set() {
        // mimalloc's default purge delay (1,000 ms in v3) is what the number reads before it is
        // set: a number that named another option would read something else.
        // SAFETY: reads and sets mimalloc's table of options; this is the only test here.
        unsafe {
            assert_eq!(libmimalloc_sys::mi_option_get(PURGE_DELAY), 1000);
            keep_freed_memory();
            assert_eq!(libmimalloc_sys::mi_option_get(PURGE_DELAY), -1);
        }
    }
}
