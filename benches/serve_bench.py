#!/usr/bin/env python3
"""Live-preview latency of `handbook serve`, whole-process, on a generated corpus.

    python3 benches/serve_bench.py --corpus target/bench/corpus-1000 [--edits 20]

Starts the release binary on a copy of the corpus, listens to the live-reload event stream like
a browser tab, and for each edit measures the time from writing the file to (a) the reload
event naming the page and (b) an HTTP fetch of the page returning the new text: body edits
(one page's text) and navigation edits (a page title, which every page's sidebar shows).
Prints median and p95 for each kind.
"""
import argparse, json, os, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, queue

def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

def events(port, out):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /__handbook/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    f = s.makefile("rb")
    name = None
    for raw in f:
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            out.put((time.perf_counter(), name, json.loads(line[6:])))

def fetch(port, path):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    return data.decode("utf-8", "replace")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--binary", default="target/release/handbook")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="serve-bench-")
    root = os.path.join(work, "handbook")
    shutil.copytree(args.corpus, root)
    proc = subprocess.Popen([args.binary, "serve", "--port", "0", "--root", root], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = proc.stdout.readline()
        port = int(first.split("http://127.0.0.1:")[1].split("/")[0])
        threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
        q = queue.Queue()
        threading.Thread(target=events, args=(port, q), daemon=True).start()
        q.get(timeout=30)  # hello
        pages = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(root, "content")) for f in fs if f.startswith("page-"))
        results = {"body": {"event": [], "fetch": []}, "nav": {"event": [], "fetch": []}}
        for i in range(args.edits):
            for kind in ("body", "nav"):
                path = pages[(i * 37 + (0 if kind == "body" else 11)) % len(pages)]
                rel = os.path.relpath(path, os.path.join(root, "content"))
                url = "/" + rel[:-3] + "/"
                text = open(path, encoding="utf-8").read()
                marker = f"Marker{kind}{i}x"
                if kind == "body":
                    new = text.rstrip("\n") + f"\n\nEdited paragraph {marker}.\n"
                else:
                    new = text.replace("\ntitle: ", f"\ntitle: {marker} ", 1)
                while not q.empty():
                    q.get_nowait()
                t0 = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
                t_event = None
                deadline = time.time() + 30
                while time.time() < deadline:
                    t, name, data = q.get(timeout=30)
                    if name == "reload" and (url.lstrip("/") + "index.html") in data.get("changed", []):
                        t_event = t
                        break
                body = fetch(port, url)
                t_fetch = time.perf_counter()
                if marker not in body:
                    print(f"{kind} edit {i}: the new text is not served", file=sys.stderr)
                    sys.exit(1)
                results[kind]["event"].append((t_event - t0) * 1000)
                results[kind]["fetch"].append((t_fetch - t0) * 1000)
                time.sleep(1.5 if kind == "body" else 2.5)  # let the full rebuild finish
        for kind, r in results.items():
            print(f"{kind:5} edit: reload event median {statistics.median(r['event']):7.1f} ms, p95 {percentile(r['event'], 95):7.1f} ms; "
                  f"new page fetched median {statistics.median(r['fetch']):7.1f} ms, p95 {percentile(r['fetch'], 95):7.1f} ms")
        print("BENCH_JSON " + json.dumps({k: {m: statistics.median(v) for m, v in r.items()} for k, r in results.items()}))
    finally:
        proc.kill()
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
