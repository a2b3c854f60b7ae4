#!/usr/bin/env python3
"""`handbook serve` under an editor's autosave, whole-process, on a generated corpus.

    python3 benches/autosave.py --corpus target/bench/corpus-10000 [--saves 10] [--every 2]

Starts the release binary on a copy of the corpus, listens to the live-reload event stream like
a browser tab, and saves one page every `--every` seconds; from the third save on, the page has
a broken link. Prints when each event reached the tab and how long after the first broken save
the error did. On a corpus whose full rebuild takes longer than the interval, a rebuild that
each save threw away would show the error only once the saves stop.
"""
import argparse, os, re, shutil, socket, subprocess, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
BINARY = os.path.join(HERE, "..", "target", "release", "handbook")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--saves", type=int, default=10)
    ap.add_argument("--every", type=float, default=2.0)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="hb-autosave-")
    root = os.path.join(work, "site")
    shutil.copytree(args.corpus, root)
    pages = sorted(
        os.path.join(d, f)
        for d, _, files in os.walk(os.path.join(root, "content"))
        for f in files
        if f.endswith(".md") and not f.startswith("_")
    )
    page = pages[len(pages) // 2]
    server = subprocess.Popen([BINARY, "serve", "--port", "0"], cwd=root,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(re.search(r":(\d+)/", server.stdout.readline()).group(1))
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        stream = socket.create_connection(("127.0.0.1", port))
        stream.sendall(b"GET /__handbook/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        start = time.time()
        events = []

        def listen():
            buffer = b""
            while data := stream.recv(65536):
                buffer += data
                while b"\n\n" in buffer:
                    event, buffer = buffer.split(b"\n\n", 1)
                    name = re.search(rb"event: (\w+)", event)
                    if name:
                        events.append((time.time() - start, name.group(1).decode()))

        threading.Thread(target=listen, daemon=True).start()
        original = open(page, encoding="utf-8").read()
        broken_at = None
        for i in range(args.saves):
            broken = i >= 2
            if broken and broken_at is None:
                broken_at = time.time() - start
            with open(page, "w", encoding="utf-8") as f:
                f.write(original + f"\n\nSave {i}.\n" + ("\n[see](missing-page.md)\n" if broken else ""))
            time.sleep(args.every)
        stopped = time.time() - start
        time.sleep(10)
        print(f"page: {os.path.relpath(page, root)}; {args.saves} saves, one every {args.every:g} s, "
              f"the broken link from {broken_at:.1f} s, the last save at {stopped - args.every:.1f} s")
        print("events:", ", ".join(f"{name} {t:.1f} s" for t, name in events))
        failed = [t for t, name in events if name == "failed"]
        if failed:
            print(f"the error reached the tab {failed[0] - broken_at:.1f} s after its save"
                  f"{' (while saving)' if failed[0] < stopped else ' (only after the saves stopped)'}")
        else:
            print("the error never reached the tab")
    finally:
        server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
