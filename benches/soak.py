#!/usr/bin/env python3
"""Load and soak test of the preview server, `handbook serve`, whole-process.

    python3 benches/soak.py --duration 20     # issue "serve": 64 connections for 20 s
    python3 benches/soak.py --duration 600    # issue "hardening": the 10-minute soak
    python3 benches/soak.py --corpus target/bench/corpus-10000 --duration 60 --connections 16

Options: --corpus PATH (default target/bench/corpus-1000, made by benches/gen_corpus.py),
--duration SECONDS (20), --connections N (64), --edit-every SECONDS (2.0), --binary PATH
(target/release/handbook; never built here), --sample-every SECONDS (5), --seed N (1).

The corpus is copied to a temporary folder (the original is never touched) and the release
binary serves the copy: `handbook serve --root COPY --port P` with HANDBOOK_TODAY=2026-11-28;
the port is read back from the URL the server prints. Then, for `--duration` seconds:

  load     `--connections` threads, in a separate Python process (so that their share of the
           GIL does not delay the measuring threads below), each with its own keep-alive
           http.client connection, GET random URLs: pages (`/a/b/index.html` and `/a/b/` for
           content/a/b.md, `/a/index.html` and `/a/` for content/a/_index.md; at most 2000
           pages, sampled), the assets, search files and missing paths. Expected: 200, and 404
           for the missing paths. A failed request is any exception (connection error, reset,
           timeout after 10 s, a body shorter than its Content-Length or a broken chunked body),
           another status, or an HTML body that does not end with </html>. A connection the
           server closed between two requests (seen before sending) is reopened and counted as
           a reconnection, not a failure. All connections start at the same moment. Every URL
           is fetched once before the load, each on a fresh connection (a mismatch there is a
           setup error).
  events   one client keeps /__handbook/events open, like a browser tab, and records every
           `reload` (and `failed`) event with the time it arrived; the stream closing is a
           failed request.
  editor   every `--edit-every` seconds appends a unique marker sentence to the body of one of
           four pages (taking turns; front matter untouched; the page is its original text plus
           that one sentence, so the site does not grow). The 5th, 15th, 25th... edit is a
           change of the site's structure instead, alternately: a page created by this script
           renamed and renamed back, and a new page created then deleted (each step counts as
           an edit). An edit has reloaded when, within 5 s of the write, a `reload` event names
           its page (or says `all`), and a fresh GET of the page then returns the new text (or
           404 for a page renamed away or deleted). Latency: write -> event.
  sampler  every `--sample-every` seconds, and at 25%, 50% and 75% of the run, reads the
           server's /proc/PID/status VmRSS and counts /proc/PID/fd and /proc/PID/task.

Then the load stops; the script waits (at most 10 s: the server's connection threads end when
their clients close) until fds and threads are back near their idle values, takes a final sample, sends SIGINT
and expects exit code 0 within 5 s and the port closed (a connect is refused). The temporary
folder is removed.

Verdicts (each PASS or FAIL; exit code 0 only when all pass, 1 otherwise, 2 on setup errors
such as a missing binary or corpus, a server that does not start or a URL answering wrongly
before the load):

  no failed request      zero failed requests (load, verification fetches, event stream).
  every edit reloaded    every edit reloaded (as above) and no `failed` event.
  memory flat            RSS at the end <= 1.10 x RSS after warm-up + 16 MiB. RSS swings with
                         every rebuild (the old and the new site coexist for a moment, and the
                         allocator returns memory lazily), so both sides are peaks over a
                         window: "after warm-up" is the highest sample from 25% to 50% of the
                         run, "at the end" the highest from 75% of the run on, including the
                         last sample under load and the final one.
  no fd leak             fds at the end (final, idle sample) <= fds after warm-up (the first
                         sample at or after 25% of the run) + 8, and <= fds idle before the
                         load + 8.
  no thread leak         the same for threads, with an allowance of 4.
  clean shutdown         SIGINT -> exit code 0 within 5 s, and the port refuses connections.

The load generator is Python: the requests per second it reaches are printed, and on a small
machine they measure the client as much as the server. Everything runs on 127.0.0.1. Progress
goes to stderr, the report to stdout, ending with one `SOAK_JSON {...}` line. Standard library
only (Python 3.11), Linux only (/proc).
"""

from __future__ import annotations

import argparse
import array
import collections
import http.client
import json
import multiprocessing
import os
import random
import re
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TODAY = "2026-11-28"
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 10.0
RELOAD_TIMEOUT = 5.0
MAX_PAGES = 2000
RSS_FACTOR, RSS_SLACK_MIB = 1.10, 16
FD_ALLOWANCE, THREAD_ALLOWANCE = 8, 4
SETTLE_MAX = 10.0
EDIT_PAGES = 4
KEEP_FAILURES = 10
# Share of the requests by kind.
MIX = {"page": 80, "asset": 8, "search": 6, "missing": 6}


class SetupError(Exception):
    pass


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


def is_ignored(name: str) -> bool:
    """src/source.rs `is_ignored`: editors' swap and backup files, dot files."""
    return (name.startswith(".") or name.startswith("#") or name.endswith("~")
            or name.endswith(".swp") or name.endswith(".swx") or name == "4913")


# ---------------------------------------------------------------------------------------------
# The load (runs in a child process)


class LoadWorker(threading.Thread):
    def __init__(self, port, targets, mix, t_start, t_end, seed):
        super().__init__(daemon=True)
        self.port, self.targets, self.mix = port, targets, mix
        self.t_start, self.t_end, self.seed = t_start, t_end, seed
        self.latencies = array.array("d")
        self.per_second = array.array("l", [0] * (int(t_end - t_start) + 2))
        self.requests = self.failed = self.opened = self.nbytes = 0
        self.failures = []  # (t, url, message), the first few
        self.statuses = collections.Counter()
        self.slowest = []  # [(seconds, t, url)], the 3 slowest answered requests

    def fail(self, t, url, message):
        self.failed += 1
        if len(self.failures) < KEEP_FAILURES:
            self.failures.append((round(t - self.t_start, 3), url, message))

    def run(self):
        rnd = random.Random(self.seed)
        choice, clock = rnd.choice, time.monotonic
        mix, targets, lat, per_second = self.mix, self.targets, self.latencies, self.per_second
        t_start, t_end = self.t_start, self.t_end
        conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        while clock() < t_start:
            time.sleep(0.01)
        while True:
            t0 = clock()
            if t0 >= t_end:
                break
            url, expected = choice(targets[choice(mix)])
            sock = conn.sock
            if sock is not None:
                # Readable before we asked anything: the server closed the kept-alive
                # connection (EOF), or sent bytes nobody asked for (a failure).
                try:
                    readable = select.select([sock], [], [], 0)[0]
                    stray = sock.recv(1, socket.MSG_PEEK) if readable else None
                except OSError:
                    readable, stray = True, None
                if readable:
                    if stray:
                        self.fail(t0, url, f"unrequested bytes on a kept-alive connection: {stray!r}")
                    conn.close()
            if conn.sock is None:
                self.opened += 1
            self.requests += 1
            try:
                conn.request("GET", url)
                resp = conn.getresponse()
                body = resp.read()
                status = resp.status
                length = resp.getheader("Content-Length")
                ctype = resp.getheader("Content-Type") or ""
            except Exception as e:  # noqa: BLE001 - every exception is a failed request
                self.fail(t0, url, f"{type(e).__name__}: {e} (after {clock() - t0:.1f} s)")
                self.statuses["exception"] += 1
                conn.close()
                time.sleep(0.05)  # no busy loop against a server that is gone
                continue
            t1 = clock()
            dt = t1 - t0
            lat.append(dt)
            if len(self.slowest) < 3 or dt > self.slowest[0][0]:
                self.slowest = sorted(self.slowest + [(dt, round(t0 - t_start, 3), url)])[-3:]
            i = int(t0 - t_start)
            if i < len(per_second):
                per_second[i] += 1
            self.nbytes += len(body)
            self.statuses[status] += 1
            if status != expected:
                self.fail(t0, url, f"status {status}, expected {expected}")
            elif length is not None and length.strip() != str(len(body)):
                self.fail(t0, url, f"body of {len(body)} bytes, Content-Length {length}")
            elif ctype.startswith("text/html") and not body[-64:].rstrip().endswith(b"</html>"):
                self.fail(t0, url, f"HTML body ({len(body)} bytes) does not end with </html>")
            elif dt > REQUEST_TIMEOUT:
                self.fail(t0, url, f"took {dt:.1f} s")
        conn.close()


def load_process(port, targets, mix, connections, t_start, t_end, seed, out):
    """The child process: runs the load threads, sends a summary back through `out`."""
    workers = [LoadWorker(port, targets, mix, t_start, t_end, seed * 100003 + i)
               for i in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(t_end - time.monotonic() + REQUEST_TIMEOUT + 5)
    stuck = sum(w.is_alive() for w in workers)
    lat = sorted(x for w in workers for x in w.latencies)
    per_second = [sum(w.per_second[i] for w in workers) for i in range(len(workers[0].per_second))]
    failures = sorted(f for w in workers for f in w.failures)[:KEEP_FAILURES]
    statuses = collections.Counter()
    for w in workers:
        statuses.update(w.statuses)
    ms = lambda v: None if v is None else round(v * 1000, 2)  # noqa: E731
    out.send({
        "requests": sum(w.requests for w in workers),
        "failed": sum(w.failed for w in workers) + stuck,
        "failures": failures + ([(None, None, f"{stuck} load threads still busy 15 s after the end")] if stuck else []),
        "connections_opened": sum(w.opened for w in workers),
        "bytes": sum(w.nbytes for w in workers),
        "statuses": {str(k): v for k, v in statuses.items()},
        "latency_ms": {"p50": ms(percentile(lat, 50)), "p90": ms(percentile(lat, 90)),
                       "p99": ms(percentile(lat, 99)), "max": ms(lat[-1] if lat else None)},
        "per_second": per_second,
        "slowest": [(round(dt * 1000, 1), t, url) for dt, t, url in sorted(s for w in workers for s in w.slowest)[-3:][::-1]],
    })
    out.close()


# ---------------------------------------------------------------------------------------------
# The server process


class Server:
    def __init__(self, binary, root, port):
        env = dict(os.environ, HANDBOOK_TODAY=TODAY)
        self.proc = subprocess.Popen(
            [binary, "serve", "--root", root, "--port", str(port)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
            text=True, errors="replace", env=env)
        self.pid = self.proc.pid
        self.url = None
        self.ready = threading.Event()
        self.out_tail = collections.deque(maxlen=40)
        self.err_tail = collections.deque(maxlen=40)
        self.rebuild_ms, self.update_ms = [], []
        threading.Thread(target=self._read, args=(self.proc.stdout, self.out_tail, True), daemon=True).start()
        threading.Thread(target=self._read, args=(self.proc.stderr, self.err_tail, False), daemon=True).start()

    def _read(self, stream, tail, is_stdout):
        for line in stream:
            line = line.rstrip("\n")
            tail.append(line)
            if not is_stdout:
                continue
            if self.url is None:
                m = re.search(r"http://[^\s/]+/", line)
                if m:
                    self.url = m.group(0)
                    self.ready.set()
            m = re.match(r"Rebuilt in (\d+) ms", line)
            if m:
                self.rebuild_ms.append(int(m.group(1)))
            m = re.match(r"Updated the page in (\d+) ms", line)
            if m:
                self.update_ms.append(int(m.group(1)))
        self.ready.set()

    @property
    def port(self):
        return int(self.url.rstrip("/").rsplit(":", 1)[1])

    def sample(self):
        """(VmRSS KiB, open fds, threads), or None when the process is gone."""
        try:
            with open(f"/proc/{self.pid}/status") as f:
                rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            fds = len(os.listdir(f"/proc/{self.pid}/fd"))
            threads = len(os.listdir(f"/proc/{self.pid}/task"))
            return rss, fds, threads
        except (OSError, StopIteration, ValueError):
            return None

    def tails(self):
        return list(self.out_tail)[-10:], list(self.err_tail)[-20:]


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def get(port, url, timeout=REQUEST_TIMEOUT):
    """One GET on a fresh connection: (status, body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", url, headers={"Connection": "close"})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------
# The event stream


class Events(threading.Thread):
    """Keeps /__handbook/events open and records every event: (monotonic time, name, data)."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port = port
        self.events = []
        self.cond = threading.Condition()
        self.stopping = False
        self.sock = None
        self.hello = threading.Event()
        self.problems = []  # (monotonic time, message): the stream failed
        self.failed_builds = []  # (monotonic time, text)

    def run(self):
        while not self.stopping:
            try:
                self._stream()
                if not self.stopping:
                    self.problems.append((time.monotonic(), "the event stream was closed by the server"))
            except Exception as e:  # noqa: BLE001
                if not self.stopping:
                    self.problems.append((time.monotonic(), f"event stream: {type(e).__name__}: {e}"))
            if not self.stopping:
                time.sleep(0.2)

    def _stream(self):
        s = socket.create_connection((HOST, self.port), timeout=REQUEST_TIMEOUT)
        self.sock = s
        try:
            s.sendall(b"GET /__handbook/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Accept: text/event-stream\r\n\r\n")
            s.settimeout(45)  # the server writes a keep-alive comment every 15 s
            f = s.makefile("rb")
            status = f.readline().decode("latin-1").strip()
            if not status.startswith("HTTP/1.1 200"):
                raise RuntimeError(f"answered {status!r}")
            while f.readline() not in (b"\r\n", b"\n", b""):
                pass
            name, data = "message", []
            for raw in f:
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if line == "":
                    if data:
                        self._record(name, "\n".join(data))
                    name, data = "message", []
                elif line.startswith(":"):
                    continue
                elif line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip(" "))
        finally:
            s.close()

    def _record(self, name, text):
        t = time.monotonic()
        try:
            data = json.loads(text)
        except ValueError:
            data = {"raw": text}
        if name == "hello":
            self.hello.set()
        if name == "failed":
            self.failed_builds.append((t, str(data.get("text", data))[:500]))
        with self.cond:
            self.events.append((t, name, data))
            self.cond.notify_all()

    def mark(self):
        with self.cond:
            return len(self.events)

    def wait_reload(self, since, path, deadline):
        """The first `reload` event after index `since` naming `path` (or `all`), or None."""
        i = since
        with self.cond:
            while True:
                while i < len(self.events):
                    t, name, data = self.events[i]
                    i += 1
                    if name == "reload" and (data.get("all") or path in data.get("changed", ())):
                        return t, data
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self.cond.wait(remaining)

    def stop(self):
        self.stopping = True
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


# ---------------------------------------------------------------------------------------------
# The editor


def page_file(rel):
    """content-relative `a/b.md` -> site path `a/b/index.html` (`a/_index.md` -> `a/index.html`)."""
    stem = rel[:-3]
    parts = stem.split("/")
    if parts[-1] == "_index":
        parts = parts[:-1]
    return "/".join(parts + ["index.html"])


def own_page(title, marker):
    return (f'---\ntitle: "{title}"\ndescription: "Written by benches/soak.py."\n---\n\n'
            f"This page is written by the soak test. Marker {marker}.\n")


class Editor(threading.Thread):
    def __init__(self, content, port, events, pages, section, run_id, t_start, t_end, every):
        super().__init__(daemon=True)
        self.content, self.port, self.events = content, port, events
        self.pages = pages  # [(rel, original text)]
        self.section, self.run_id = section, run_id
        self.t_start, self.t_end, self.every = t_start, t_end, every
        self.records = []
        self.fetch_failures = []  # verification GETs that raised: failed requests
        self.stopping = threading.Event()
        sec = f"{section}/" if section else ""
        self.rename_a = f"{sec}soak-rename.md"
        self.rename_b = f"{sec}soak-renamed.md"
        self.rename_marker = f"soakmark{run_id}rename"

    def path(self, rel):
        return os.path.join(self.content, *rel.split("/"))

    def run(self):
        n = 0
        due = self.t_start + self.every
        while not self.stopping.wait(max(0.0, due - time.monotonic())):
            if time.monotonic() >= self.t_end:
                break
            n += 1
            try:
                if n % 10 == 5:
                    if (n // 10) % 2 == 0:
                        self.rename_forth_and_back(n)
                    else:
                        self.create_and_delete(n)
                else:
                    self.body_edit(n)
            except OSError as e:
                self.records.append({"n": n, "kind": "error", "file": "", "t": round(time.monotonic() - self.t_start, 3),
                                     "latency_ms": None, "ok": False, "problem": f"the edit itself failed: {e}"})
            due = max(due + self.every, time.monotonic())

    def body_edit(self, n):
        rel, original = self.pages[n % len(self.pages)]
        marker = f"soakmark{self.run_id}n{n}"
        text = original.rstrip("\n") + f"\n\nSoak edit {marker} was appended here.\n"

        def write():
            with open(self.path(rel), "w", encoding="utf-8") as f:
                f.write(text)
        self.step(n, "body", rel, write, page_file(rel), [(page_file(rel), 200, marker)])

    def rename_forth_and_back(self, n):
        a, b = self.rename_a, self.rename_b
        ok = self.step(n, "rename", b, lambda: os.rename(self.path(a), self.path(b)), page_file(b),
                       [(page_file(b), 200, self.rename_marker), (page_file(a), 404, None)])
        if ok or os.path.exists(self.path(b)):
            self.step(n, "rename-back", a, lambda: os.rename(self.path(b), self.path(a)), page_file(a),
                      [(page_file(a), 200, self.rename_marker), (page_file(b), 404, None)])

    def create_and_delete(self, n):
        sec = f"{self.section}/" if self.section else ""
        rel = f"{sec}soak-new-{n}.md"
        marker = f"soakmark{self.run_id}new{n}"

        def create():
            with open(self.path(rel), "w", encoding="utf-8") as f:
                f.write(own_page(f"Soak new page {n}", marker))
        self.step(n, "create", rel, create, page_file(rel), [(page_file(rel), 200, marker)])
        self.step(n, "delete", rel, lambda: os.remove(self.path(rel)), page_file(rel),
                  [(page_file(rel), 404, None)])

    def step(self, n, kind, rel, action, site_path, checks):
        since = self.events.mark()
        t0 = time.monotonic()
        action()
        record = {"n": n, "kind": kind, "file": rel, "t": round(t0 - self.t_start, 3),
                  "latency_ms": None, "ok": False, "problem": None}
        self.records.append(record)
        hit = self.events.wait_reload(since, site_path, t0 + RELOAD_TIMEOUT)
        if hit is None:
            record["problem"] = f"no reload event naming {site_path} within {RELOAD_TIMEOUT:.0f} s"
            return False
        record["latency_ms"] = round((hit[0] - t0) * 1000, 1)
        for url_path, status, marker in checks:
            url = "/" + url_path
            try:
                got, body = get(self.port, url)
            except Exception as e:  # noqa: BLE001
                message = f"GET {url} after the reload: {type(e).__name__}: {e}"
                self.fetch_failures.append((round(time.monotonic() - self.t_start, 3), url, message))
                record["problem"] = message
                return False
            if got != status:
                record["problem"] = f"GET {url} after the reload (build {hit[1].get('build')}): status {got}, expected {status}"
                return False
            if marker is not None and marker.encode() not in body:
                record["problem"] = f"GET {url} after the reload (build {hit[1].get('build')}): the new text is not served"
                return False
        record["ok"] = True
        return True


# ---------------------------------------------------------------------------------------------
# The sampler


class Sampler(threading.Thread):
    def __init__(self, server, t_start, duration, every):
        super().__init__(daemon=True)
        self.server, self.t_start = server, t_start
        times = {0.0, round(0.25 * duration, 3), round(0.5 * duration, 3), round(0.75 * duration, 3)}
        k = 1
        while k * every < duration:
            times.add(round(k * every, 3))
            k += 1
        self.schedule = sorted(times)
        self.samples = []  # {"t", "phase", "rss_kib", "fds", "threads"}
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def take(self, phase):
        s = self.server.sample()
        if s is None:
            return None
        record = {"t": round(time.monotonic() - self.t_start, 2), "phase": phase,
                  "rss_kib": s[0], "fds": s[1], "threads": s[2]}
        with self.lock:
            self.samples.append(record)
        return record

    def run(self):
        for t in self.schedule:
            if self.stopping.wait(max(0.0, self.t_start + t - time.monotonic())):
                return
            r = self.take("load")
            if r:
                log(f"  t={r['t']:6.1f} s  RSS {r['rss_kib'] / 1024:7.1f} MiB  fds {r['fds']:4}  threads {r['threads']:4}")


# ---------------------------------------------------------------------------------------------
# Setup


def collect_pages(content):
    """[(content-relative .md path, site path)], skipping ignored files and pages whose URL this
    script cannot predict (a `slug` in the front matter, drafts)."""
    pages = []
    for dirpath, dirnames, filenames in os.walk(content):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d))
        for name in sorted(filenames):
            if is_ignored(name) or not name.endswith(".md") or name.startswith("soak-"):
                continue
            full = os.path.join(dirpath, name)
            with open(full, encoding="utf-8", errors="replace") as f:
                head = f.read(4096)
            fm = head.split("\n---", 1)[0] if head.startswith("---") else ""
            if re.search(r"(?m)^slug\s*[:=]", fm) or re.search(r"(?m)^draft\s*[:=]\s*true", fm):
                continue
            rel = os.path.relpath(full, content).replace(os.sep, "/")
            pages.append((rel, page_file(rel)))
    return pages


def url_forms(site_path):
    """`a/b/index.html` -> ['/a/b/index.html', '/a/b/']."""
    folder = site_path[: -len("index.html")]
    return ["/" + site_path, "/" + folder]


def build_targets(pages, edit_pages, rnd):
    chosen = pages if len(pages) <= MAX_PAGES else rnd.sample(pages, MAX_PAGES)
    chosen = list(dict.fromkeys(chosen + edit_pages))
    page_urls = [(u, 200) for _, path in chosen for u in url_forms(path)]
    return {
        "page": page_urls,
        "asset": [("/assets/handbook.css", 200), ("/assets/search.js", 200), ("/assets/handbook.js", 200)],
        "search": [("/search/manifest.js", 200), ("/search/d/0.js", 200), ("/search/g/0.js", 200)],
        "missing": [("/soak-no-such-page/index.html", 404), ("/soak-no-such-page/", 404),
                    ("/assets/soak-no-such-file.css", 404)],
    }


def preflight(port, targets):
    """Every target once (pages in their index.html form), each on a fresh connection (on a
    kept-alive one this server answers a request only every ~40 ms: see the report)."""
    wrong = []
    n = 0
    for kind, urls in targets.items():
        for url, expected in urls:
            if kind == "page" and url.endswith("/"):
                continue
            n += 1
            try:
                status = get(port, url)[0]
            except OSError as e:
                status = f"{type(e).__name__}: {e}"
            if status != expected:
                wrong.append(f"{url}: {status}, expected {expected}")
    return n, wrong


def wait_ready(server, port, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            return False
        try:
            if get(port, "/", timeout=2)[0] == 200:
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def port_refuses(port):
    try:
        with socket.create_connection((HOST, port), timeout=2):
            return False
    except ConnectionRefusedError:
        return True
    except OSError:
        return True


# ---------------------------------------------------------------------------------------------
# The run


def run(args):
    corpus = os.path.abspath(args.corpus)
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        raise SetupError(f"no executable at {binary} (build it with cargo build --release)")
    if not os.path.isfile(os.path.join(corpus, "book.toml")):
        raise SetupError(f"{corpus} has no book.toml (make one with benches/gen_corpus.py)")
    if args.duration <= 0 or args.connections <= 0 or args.edit_every <= 0 or args.sample_every <= 0:
        raise SetupError("--duration, --connections, --edit-every and --sample-every must be positive")

    rnd = random.Random(args.seed)
    run_id = f"{rnd.randrange(16 ** 6):06x}"
    work = tempfile.mkdtemp(prefix="handbook-soak-")
    server = None
    events = None
    try:
        root = os.path.join(work, "handbook")
        shutil.copytree(corpus, root)
        content = os.path.join(root, "content")
        pages = collect_pages(content)
        plain = [p for p in pages if not p[0].endswith("_index.md")]
        if len(plain) < EDIT_PAGES:
            raise SetupError(f"{corpus} has fewer than {EDIT_PAGES} plain pages to edit")
        edit_pages = [plain[(len(plain) * k) // EDIT_PAGES + len(plain) // (2 * EDIT_PAGES)] for k in range(EDIT_PAGES)]
        edit_texts = []
        for rel, _ in edit_pages:
            with open(os.path.join(content, *rel.split("/")), encoding="utf-8") as f:
                edit_texts.append((rel, f.read()))
        section = os.path.dirname(edit_pages[0][0]).replace(os.sep, "/")
        # The page the editor renames back and forth: its own, so that no link points at it.
        with open(os.path.join(content, *section.split("/"), "soak-rename.md") if section else
                  os.path.join(content, "soak-rename.md"), "w", encoding="utf-8") as f:
            f.write(own_page("Soak rename page", f"soakmark{run_id}rename"))
        targets = build_targets(pages, edit_pages, rnd)
        mix = [kind for kind, share in MIX.items() for _ in range(share)]

        t_launch = time.monotonic()
        server = Server(binary, root, free_port())
        if not server.ready.wait(300) or server.url is None:
            out, err = server.tails()
            raise SetupError("the server printed no URL; stdout: %r stderr: %r" % (out, err))
        port = server.port
        if not wait_ready(server, port, 60):
            out, err = server.tails()
            raise SetupError(f"the server at port {port} does not answer GET / (exit code {server.proc.poll()}); stderr: {err!r}")
        ready_s = time.monotonic() - t_launch
        log(f"serving {len(pages)} pages of a copy of {corpus} at {server.url} (pid {server.pid}), ready in {ready_s:.1f} s")

        events = Events(port)
        events.start()
        if not events.hello.wait(10):
            raise SetupError(f"no hello event on /__handbook/events: {events.problems!r}")
        hello = next(d for _, name, d in events.events if name == "hello")
        if hello.get("error"):
            raise SetupError(f"the corpus does not build cleanly: {str(hello['error'])[:1000]}")
        n_checked, wrong = preflight(port, targets)
        if wrong:
            raise SetupError(f"{len(wrong)} of {n_checked} URLs answer wrongly before any load: {wrong[:5]}")
        log(f"checked {n_checked} URLs; {sum(len(v) for v in targets.values())} in the load's list")
        time.sleep(0.5)
        idle_before = server.sample()
        if idle_before is None:
            raise SetupError("cannot read /proc of the server")

        # Go.
        ctx = multiprocessing.get_context("spawn")
        receive, send = ctx.Pipe(duplex=False)
        t_start = time.monotonic() + 1.5  # time for the child process to start its threads
        t_end = t_start + args.duration
        child = ctx.Process(target=load_process, args=(port, targets, mix, args.connections, t_start, t_end, args.seed, send),
                            daemon=True)
        child.start()
        send.close()
        sampler = Sampler(server, t_start, args.duration, args.sample_every)
        editor = Editor(content, port, events, edit_texts, section, run_id, t_start, t_end, args.edit_every)
        sampler.start()
        editor.start()
        log(f"load: {args.connections} connections for {args.duration:g} s, an edit every {args.edit_every:g} s")
        time.sleep(max(0.0, t_end - time.monotonic()))
        end_sample = sampler.take("load-end")
        sampler.stopping.set()
        editor.stopping.set()
        load = None
        if receive.poll(REQUEST_TIMEOUT + 30):
            try:
                load = receive.recv()
            except EOFError:
                load = None
        child.join(5)
        if child.is_alive():
            child.kill()
        editor.join(RELOAD_TIMEOUT + 2 * REQUEST_TIMEOUT)
        sampler.join(2)
        if load is None:
            raise SetupError(f"the load process sent no result (exit code {child.exitcode})")
        load_seconds = args.duration

        # Settle, then the final sample.
        t_settle = time.monotonic()
        final = None
        while True:
            s = server.sample()
            if s is None:
                break
            if (s[1] <= idle_before[1] + FD_ALLOWANCE and s[2] <= idle_before[2] + THREAD_ALLOWANCE) \
                    or time.monotonic() - t_settle >= SETTLE_MAX:
                break
            time.sleep(0.5)
        final = sampler.take("final")
        settle_s = time.monotonic() - t_settle
        server_alive = server.proc.poll() is None
        server_code_during = None if server_alive else server.proc.returncode

        # Stop.
        events.stop()
        shutdown = {"signal": "SIGINT", "exit_code": server_code_during, "seconds": None, "port_free": None,
                    "exited_before": not server_alive}
        if server_alive:
            t0 = time.monotonic()
            server.proc.send_signal(signal.SIGINT)
            try:
                shutdown["exit_code"] = server.proc.wait(5)
                shutdown["seconds"] = round(time.monotonic() - t0, 3)
            except subprocess.TimeoutExpired:
                server.proc.kill()
                server.proc.wait()
                shutdown["exit_code"] = None
        shutdown["port_free"] = port_refuses(port)

        return report(args, corpus, len(pages), server, ready_s, load, load_seconds, events, editor, sampler,
                      idle_before, end_sample, final, settle_s, shutdown, t_start)
    finally:
        if events is not None:
            events.stop()
        if server is not None and server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait()
        shutil.rmtree(work, ignore_errors=True)


def report(args, corpus, n_pages, server, ready_s, load, load_seconds, events, editor, sampler,
           idle_before, end_sample, final, settle_s, shutdown, t_start):
    rel = lambda t: round(t - t_start, 3)  # noqa: E731
    mib = lambda kib: kib / 1024  # noqa: E731
    out = []
    p = out.append

    # Requests.
    stream_failures = [(rel(t), "/__handbook/events", m) for t, m in events.problems]
    failures = list(load["failures"]) + list(editor.fetch_failures) + stream_failures
    n_failed = load["failed"] + len(editor.fetch_failures) + len(stream_failures)
    n_requests = load["requests"]
    rps = n_requests / load_seconds
    per_second = load["per_second"][: int(load_seconds)]
    q = max(1, len(per_second) // 4)
    rate_first = sum(per_second[:q]) / q if per_second else 0
    rate_last = sum(per_second[-q:]) / q if per_second else 0
    lat = load["latency_ms"]
    reconnects = load["connections_opened"] - args.connections

    # Edits.
    records = editor.records
    made = len(records)
    reloaded = sum(1 for r in records if r["ok"])
    latencies = sorted(r["latency_ms"] for r in records if r["latency_ms"] is not None)
    failed_builds = [(rel(t), text) for t, text in events.failed_builds]
    reload_events = sum(1 for t, name, _ in events.events if name == "reload" and t >= t_start)

    # Resources.
    samples = sampler.samples
    load_samples = [s for s in samples if s["phase"] != "final"]
    duration = args.duration
    warm = next((s for s in load_samples if s["t"] >= 0.25 * duration - 0.05), load_samples[-1] if load_samples else None)
    first = samples[0] if samples else None
    last_load = load_samples[-1] if load_samples else None
    warm_window = [s for s in load_samples if 0.25 * duration - 0.05 <= s["t"] <= 0.5 * duration + 0.05] or ([warm] if warm else [])
    end_window = [s for s in load_samples if s["t"] >= 0.75 * duration - 0.05] + ([final] if final else [])
    warm_rss = max(s["rss_kib"] for s in warm_window) if warm_window else None
    end_rss = max(s["rss_kib"] for s in end_window) if end_window else None

    def series(key):
        values = [s[key] for s in samples]
        after = warm_rss if key == "rss_kib" else (warm[key] if warm else None)
        return {"first": first[key] if first else None, "after_warm_up": after,
                "last": final[key] if final else (last_load[key] if last_load else None),
                "max": max(values) if values else None, "idle_before_load": idle_before[{"rss_kib": 0, "fds": 1, "threads": 2}[key]]}

    rss, fds, threads = series("rss_kib"), series("fds"), series("threads")

    # Verdicts.
    verdicts = {}
    verdicts["no_failed_request"] = (n_failed == 0, f"{n_failed} failed ({load['failed']} of {n_requests} load requests, "
                                     f"{len(editor.fetch_failures)} verification fetches, {len(stream_failures)} event-stream failures)")
    edits_ok = made > 0 and reloaded == made and not failed_builds
    verdicts["every_edit_reloaded"] = (edits_ok, f"{reloaded} of {made} edits reloaded within {RELOAD_TIMEOUT:.0f} s with the new text served"
                                       + (f"; {len(failed_builds)} failed builds" if failed_builds else ""))
    if warm_rss is not None and end_rss is not None:
        limit = RSS_FACTOR * warm_rss + RSS_SLACK_MIB * 1024
        verdicts["memory_flat"] = (end_rss <= limit, f"RSS at the end {mib(end_rss):.1f} MiB (peak of {len(end_window)} samples from t={0.75 * duration:g} s) "
                                   f"<= {RSS_FACTOR:.2f} x {mib(warm_rss):.1f} MiB (after warm-up: peak of {len(warm_window)} samples, "
                                   f"t={0.25 * duration:g}-{0.5 * duration:g} s) + {RSS_SLACK_MIB} MiB = {mib(limit):.1f} MiB")
    else:
        verdicts["memory_flat"] = (False, "no samples after warm-up (is the server gone?)")
    for key, name, allowance, label in (("fds", "no_fd_leak", FD_ALLOWANCE, "fds"), ("threads", "no_thread_leak", THREAD_ALLOWANCE, "threads")):
        series_ = fds if key == "fds" else threads
        if final and warm:
            ok = final[key] <= warm[key] + allowance and final[key] <= series_["idle_before_load"] + allowance
            verdicts[name] = (ok, f"{label} at the end {final[key]} <= after warm-up {warm[key]} (t={warm['t']:g} s) + {allowance} "
                              f"and <= idle before the load {series_['idle_before_load']} + {allowance}")
        else:
            verdicts[name] = (False, "no final sample (the server is gone)")
    code = shutdown["exit_code"]
    if shutdown["exited_before"]:
        text = f"the server exited by itself during the run, with code {code}"
        ok = False
    elif code is None:
        text = "SIGINT: the server did not exit within 5 s (killed)"
        ok = False
    else:
        text = f"SIGINT: exit code {code} in {shutdown['seconds']:.2f} s"
        ok = code == 0
    text += "; port " + ("refuses connections afterwards" if shutdown["port_free"] else "STILL ACCEPTS connections")
    verdicts["clean_shutdown"] = (ok and shutdown["port_free"], text)
    passed = all(ok for ok, _ in verdicts.values())

    # Report.
    p(f"handbook serve soak: {n_pages} pages (copy of {corpus}), {args.connections} connections, "
      f"{args.duration:g} s, an edit every {args.edit_every:g} s")
    p(f"server     pid {server.pid}, {server.url}, ready {ready_s:.1f} s after launch")
    if shutdown["exited_before"]:
        p(f"           THE SERVER EXITED DURING THE RUN, exit code {shutdown['exit_code']}")
    p(f"requests   {n_requests} in {load_seconds:g} s = {rps:.0f} req/s (client: one Python process, "
      f"{args.connections} threads; first quarter {rate_first:.0f}/s, last quarter {rate_last:.0f}/s), "
      f"{load['bytes'] / 2**20:.0f} MiB received")
    p(f"           statuses {dict(sorted(load['statuses'].items()))}, {reconnects} reconnections")
    p(f"failures   {n_failed}")
    for t, url, message in failures[:KEEP_FAILURES]:
        p(f"           t={t} s {url}: {message}")
    fmt = lambda v: "n/a" if v is None else f"{v:.1f} ms"  # noqa: E731
    p(f"latency    p50 {fmt(lat['p50'])}, p90 {fmt(lat['p90'])}, p99 {fmt(lat['p99'])}, max {fmt(lat['max'])}; slowest: "
      + ", ".join(f"{ms:.0f} ms at t={t} s {url}" for ms, t, url in load["slowest"]))
    kinds = collections.Counter(r["kind"] for r in records)
    p(f"edits      {made} made ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}), {reloaded} reloaded; "
      f"{reload_events} reload events")
    if latencies:
        p(f"reload     write -> event: median {statistics.median(latencies):.1f} ms, "
          f"p95 {percentile(latencies, 95):.1f} ms, max {latencies[-1]:.1f} ms")
    for r in records:
        if not r["ok"]:
            p(f"           edit {r['n']} ({r['kind']} {r['file']}, t={r['t']} s): {r['problem']}")
    for t, text in failed_builds[:5]:
        p(f"           failed build at t={t} s: {text[:300]!r}")
    if server.rebuild_ms:
        rb = sorted(server.rebuild_ms)
        p(f"rebuilds   {len(rb)} full (server's figures: median {statistics.median(rb):.0f} ms, max {rb[-1]} ms), "
          f"{len(server.update_ms)} quick page updates")
    p(f"RSS        first {mib(rss['first']):.1f} MiB, after warm-up {mib(rss['after_warm_up']):.1f} MiB, "
      f"end of load {mib(last_load['rss_kib']) if last_load else 0:.1f} MiB, last {mib(rss['last']):.1f} MiB, max {mib(rss['max']):.1f} MiB"
      if first else "RSS        no samples")
    for key, s in (("fds", fds), ("threads", threads)):
        p(f"{key:<10} first {s['first']}, after warm-up {s['after_warm_up']}, last {s['last']}, max {s['max']} "
          f"(idle before the load {s['idle_before_load']}; final sample {settle_s:.1f} s after the load)")
    if not passed:
        out_tail, err_tail = server.tails()
        if err_tail:
            p("server stderr (last lines): " + " | ".join(err_tail)[:2000])
    p("verdicts")
    for name, (ok, text) in verdicts.items():
        p(f"  {'PASS' if ok else 'FAIL'}  {name.replace('_', ' ')}: {text}")
    p(f"result     {'PASS' if passed else 'FAIL'}")
    print("\n".join(out), flush=True)

    result = {
        "corpus": corpus, "pages": n_pages, "connections": args.connections, "duration_s": args.duration,
        "edit_every_s": args.edit_every, "requests": n_requests, "requests_per_s": round(rps, 1),
        "requests_per_s_first_quarter": round(rate_first, 1), "requests_per_s_last_quarter": round(rate_last, 1),
        "failed": n_failed, "failures": failures[:KEEP_FAILURES], "reconnections": reconnects,
        "statuses": load["statuses"], "latency_ms": lat, "slowest": load["slowest"],
        "edits": made, "edits_reloaded": reloaded,
        "reload_ms": {"median": statistics.median(latencies) if latencies else None,
                      "p95": percentile(latencies, 95), "max": latencies[-1] if latencies else None},
        "edit_kinds": dict(kinds), "edit_problems": [r for r in records if not r["ok"]], "failed_builds": failed_builds,
        "rebuild_ms": sorted(server.rebuild_ms), "quick_updates": len(server.update_ms),
        "rss_mib": {k: (None if v is None else round(mib(v), 1)) for k, v in rss.items()} | {"end": round(mib(end_rss), 1) if end_rss else None},
        "fds": fds, "threads": threads, "samples": samples, "shutdown": shutdown,
        "verdicts": {k: ok for k, (ok, _) in verdicts.items()}, "pass": passed,
    }
    print("SOAK_JSON " + json.dumps(result, separators=(",", ":")), flush=True)
    return 0 if passed else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(ROOT, "target", "bench", "corpus-1000"))
    ap.add_argument("--duration", type=float, default=20.0, help="seconds of load (default 20)")
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--edit-every", type=float, default=2.0, help="seconds between edits (default 2.0)")
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "handbook"))
    ap.add_argument("--sample-every", type=float, default=5.0, help="seconds between samples (default 5)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the URL choices (default 1)")
    args = ap.parse_args()
    if not sys.platform.startswith("linux"):
        print("soak.py: needs Linux (/proc)", file=sys.stderr)
        return 2
    try:
        return run(args)
    except SetupError as e:
        print(f"soak.py: setup error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("soak.py: interrupted", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
