"""``make bench``: run every benchmark script present, then print all their tables together.

Each script (``bench/seed.py``, ``bench/api.py``, ``bench/gaps.py``, ``bench/analysis.py``,
when present) runs as its own process, with the sizes and repeats in ``BENCH_SIZES`` /
``BENCH_REPEATS`` / ``BENCH_QUICK``, and is stopped when it outlives ``--timeout``. Its
output goes to the terminal and to ``bench/results/<name>.log``; its figures to
``bench/results/<name>.json``. The summary of the run is ``bench/results/summary.json``.

    python -m bench                          # 1k, 10k and 100k people, 3 runs per figure
    python -m bench --sizes 1000 --quick     # a quick look
    python -m bench --only api,gaps
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

from bench import _common

# In this order: ingest first (the others seed their own organisations the same way).
SCRIPTS = ("seed", "api", "gaps", "analysis")


def _present(name: str) -> bool:
    return importlib.util.find_spec(f"bench.{name}") is not None


def _run(name: str, env: dict[str, str], timeout: float) -> tuple[int | None, float]:
    """Run one script; its exit status (``None`` when stopped at the timeout) and seconds."""
    log = _common.RESULTS / f"{name}.log"
    started = time.monotonic()
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", f"bench.{name}"],
            cwd=_common.ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: a timeout stops its children too
        )
        assert process.stdout is not None
        stream = process.stdout

        def pump() -> None:  # to the terminal and the log, while the main thread waits
            for line in iter(stream.readline, b""):
                out.write(line)
                sys.stdout.write(line.decode(errors="replace"))
                sys.stdout.flush()

        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
        try:
            code: int | None = process.wait(timeout=timeout)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            # SIGINT unwinds the script (its servers get stopped); then SIGTERM, then SIGKILL.
            for sig, grace in ((signal.SIGINT, 60), (signal.SIGTERM, 30), (signal.SIGKILL, 30)):
                os.killpg(process.pid, sig)
                try:
                    process.wait(timeout=grace)
                    break
                except subprocess.TimeoutExpired:
                    continue
            code = None
        reader.join(timeout=5)
    return code, time.monotonic() - started


def _table(name: str, since: float) -> dict[str, Any] | None:
    path = _common.RESULTS / f"{name}.json"
    if not path.is_file() or path.stat().st_mtime < since:
        return None
    try:
        found: dict[str, Any] = json.loads(path.read_text())
    except ValueError:
        return None
    return found


def _rows_and_columns(results: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """The table of a script's JSON: its ``rows`` and ``columns`` (see ``_common.save``), or
    else its first list of records, with their plain values as columns."""
    if isinstance(results.get("rows"), list) and results.get("columns"):
        return results["rows"], list(results["columns"])
    for value in results.values():
        if isinstance(value, list) and value and all(isinstance(r, dict) for r in value):
            columns: list[str] = []
            for record in value:
                for key, cell in record.items():
                    if key not in columns and isinstance(cell, str | int | float | None):
                        columns.append(key)
            return value, columns
    return [], []


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, _common.SIZES)))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="short runs (a first look)")
    parser.add_argument("--only", default="", help="comma-separated scripts, e.g. api,gaps")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per script")
    args = parser.parse_args(argv)

    wanted = [s for s in args.only.split(",") if s] or list(SCRIPTS)
    unknown = [s for s in wanted if s not in SCRIPTS]
    if unknown:
        parser.error(f"unknown script(s) {', '.join(unknown)}; known: {', '.join(SCRIPTS)}")
    _common.RESULTS.mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update(
        BENCH_SIZES=args.sizes,
        BENCH_REPEATS=str(args.repeats),
        BENCH_QUICK="1" if args.quick else "",
    )
    summary: dict[str, Any] = {"machine": _common.machine(), "sizes": args.sizes, "scripts": {}}
    failed = False
    for name in wanted:
        if not _present(name):
            print(f"\n== bench.{name}: not present (yet), skipped", flush=True)
            summary["scripts"][name] = {"status": "absent"}
            continue
        print(f"\n== bench.{name} (sizes {args.sizes}, repeats {args.repeats})", flush=True)
        started = time.time()
        code, seconds = _run(name, env, args.timeout)
        status = "timeout" if code is None else ("ok" if code == 0 else f"exit {code}")
        failed |= status != "ok"
        summary["scripts"][name] = {
            "status": status,
            "seconds": round(seconds, 1),
            "results": _table(name, started),
        }

    print("\n# Benchmark summary\n")
    machine = summary["machine"]
    print(
        f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, "
        f"{machine['os']}, Python {machine['python']}, load average {machine['load_average']}"
    )
    for name, entry in summary["scripts"].items():
        results = entry.get("results")
        print(
            f"\n## {name}: {entry['status']}"
            + (f" in {entry['seconds']} s" if "seconds" in entry else "")
        )
        if results:
            rows, columns = _rows_and_columns(results)
            print()
            print(_common.markdown(rows, columns))
            for note in results.get("notes", []):
                print(f"- {note}")
    (_common.RESULTS / "summary.json").write_text(json.dumps(summary, indent=2, default=str) + "\n")
    print(f"\n(summary in {(_common.RESULTS / 'summary.json').relative_to(_common.ROOT)})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
