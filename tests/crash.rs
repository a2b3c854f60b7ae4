//! Crash safety: `handbook build` killed with SIGKILL at random moments never leaves the output
//! folder half-written or empty: it holds the previous site or the new one, whole. What a killed
//! build leaves behind is cleaned up by the next one.

mod common;

use std::collections::BTreeMap;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{snapshot, Fixture};

/// A handbook big enough that a build takes a while (a few hundred pages, search, print view),
/// in one of two versions that build to different sites.
fn write_version(f: &Fixture, version: &str) {
    for s in 0..8 {
        f.file(
            &format!("content/part-{s}/_index.md"),
            &format!("---\ntitle: Part {s} ({version})\n---\nThe part's introduction.\n"),
        );
        for p in 0..40 {
            let body = format!(
                "## Overview\n\nVersion {version} of page {p}: a manager writes the plan, the team \
                 reviews it, and [the next page](page-{}.md#overview) follows.\n\n## Details\n\n{}\n",
                (p + 1) % 40,
                "Plans change when the facts do; say so early and in writing. ".repeat(30)
            );
            f.page(
                &format!("part-{s}/page-{p}.md"),
                &format!("Page {s}.{p}"),
                &body,
            );
        }
    }
}

/// A small deterministic generator of kill delays (xorshift), seeded from the clock and printed
/// so that a failing run can be repeated with HANDBOOK_CRASH_SEED.
struct Delays(u64);

impl Delays {
    fn next(&mut self, below: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        below.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

fn build_command(f: &Fixture) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_handbook"));
    cmd.arg("build")
        .arg("--quiet")
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let f = Fixture::new();
    let mut sites: BTreeMap<&str, BTreeMap<String, Vec<u8>>> = BTreeMap::new();
    let mut slowest = Duration::ZERO;
    for version in ["A", "B"] {
        write_version(&f, version);
        let started = Instant::now();
        assert!(build_command(&f).status().unwrap().success());
        slowest = slowest.max(started.elapsed());
        sites.insert(version, snapshot(&f.public()));
    }
    assert_ne!(sites["A"], sites["B"]);
    assert!(sites["A"].len() > 300, "{} files", sites["A"].len());

    let seed = std::env::var("HANDBOOK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    println!("HANDBOOK_CRASH_SEED={seed}");
    let mut delays = Delays(seed);
    let mut killed = 0;
    let mut current = "B";
    let mut written = "B";
    // Anywhere in the build, including its very start and the swap at its end. The first builds
    // can be far slower than the rest (a cold disk cache on a fresh machine), so the window
    // shrinks each time a build finishes before its kill, and the rounds go on until enough
    // builds were killed mid-way.
    let mut window = slowest.mul_f64(1.2);
    let mut round = 0;
    while killed < 20 && round < 120 {
        round += 1;
        let next = if current == "A" { "B" } else { "A" };
        write_version(&f, next);
        written = next;
        let mut child = build_command(&f).spawn().unwrap();
        std::thread::sleep(delays.next(window));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let status = child.wait().unwrap();
        // Narrower after a build that finished first, a little wider after a kill, so that
        // kills keep landing late in the build (its swap) too.
        if finished {
            window = window.mul_f64(0.85);
        } else {
            killed += 1;
            window = window.mul_f64(1.05).min(slowest.mul_f64(1.2));
        }
        let now = snapshot(&f.public());
        let which = sites
            .iter()
            .find(|(_, site)| **site == now)
            .map(|(v, _)| *v)
            .unwrap_or_else(|| {
                panic!(
                    "round {round} (seed {seed}): after a kill the output is neither site: \
                     {} files, status {status:?}",
                    now.len()
                )
            });
        // Only a build that got to its swap may have changed the site.
        assert!(which == current || which == next, "round {round}");
        current = which;
    }
    assert!(
        killed >= 20,
        "only {killed} of {round} builds were killed mid-way"
    );

    // The next build cleans up what the killed ones left.
    assert!(build_command(&f).status().unwrap().success());
    assert!(snapshot(&f.public()) == sites[written]);
    f.wait_for_trash_removal();
    assert_eq!(f.beside_public(), Vec::<String>::new());
}

#[test]
fn a_site_set_aside_by_an_unfinished_swap_is_put_back() {
    let f = Fixture::new();
    f.page("guide.md", "Guide", "The guide.\n");
    f.build().assert_ok();
    let site = f.snapshot();
    // As if a build had been killed between its two renames (where there is no atomic swap).
    std::fs::rename(f.public(), f.root().join(".public.old-4242")).unwrap();
    // Even a build that fails puts the old site back, and leaves it as it was.
    f.page("broken.md", "Broken", "[a link](missing.md)\n");
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(f.snapshot(), site);
    assert_eq!(f.beside_public(), Vec::<String>::new());
}
