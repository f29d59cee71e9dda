#!/usr/bin/env python3
"""The first hour of a new user, measured: a fresh clone's first `cargo xtask regen`.

Clones the repository at HEAD into a temporary folder and runs `cargo xtask
regen` there with an empty target folder, as a new user's first command does,
then prints how long the first output took to appear (on stdout or stderr),
how long the whole run took, its exit code and the size of the target folder.
The dependencies come from cargo's registry cache when it has them (a machine
that never built Rust also downloads them; that time is not errcat's).

usage: python3 xtask/bench/first-run.py [REPO]   (REPO defaults to this checkout)
"""
import os, selectors, shutil, subprocess, sys, tempfile, time


def folder_size(path):
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def main():
    repo = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
    with tempfile.TemporaryDirectory(prefix="errcat-first-run-") as scratch:
        clone = os.path.join(scratch, "clone")
        subprocess.run(["git", "clone", "--quiet", repo, clone], check=True)
        env = dict(os.environ)
        env.pop("CARGO_TARGET_DIR", None)
        env.pop("CI", None)
        start = time.monotonic()
        process = subprocess.Popen(["cargo", "xtask", "regen"], cwd=clone, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        selector = selectors.DefaultSelector()
        selector.register(process.stdout, selectors.EVENT_READ)
        selector.register(process.stderr, selectors.EVENT_READ)
        first_output = None
        open_streams = 2
        tail = b""
        while open_streams:
            for key, _ in selector.select():
                chunk = os.read(key.fileobj.fileno(), 65536)
                if not chunk:
                    selector.unregister(key.fileobj)
                    open_streams -= 1
                    continue
                if first_output is None:
                    first_output = time.monotonic() - start
                tail = (tail + chunk)[-2000:]
        code = process.wait()
        total = time.monotonic() - start
        target = folder_size(os.path.join(clone, "target"))
        status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True).stdout
        print(f"first output after  {first_output if first_output is not None else float('nan'):8.1f} s")
        print(f"first regen took    {total:8.1f} s ({total / 60:.1f} min)")
        print(f"exit code           {code:8d}")
        print(f"target/             {target / 1e9:8.2f} GB")
        print(f"working tree        {'clean' if not status.strip() else 'changed: ' + status.strip()}")
        if code != 0:
            sys.stdout.write(tail.decode("utf-8", "replace"))
        shutil.rmtree(os.path.join(clone, "target"), ignore_errors=True)
        return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
