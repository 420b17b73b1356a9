"""``python -m bench``: run every part, print the table, write bench/results/.

``--quick`` runs every part small and short (a smoke test of the harness, minutes);
``--parts 1,3`` picks parts (7: the editor); ``--backends sqlite`` skips PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from . import core, editor, load, report
from .server import workdir

RESULTS = Path(__file__).resolve().parent / "results"
FULL = {
    "levels": [50, 200, 1000],
    "load_seconds": {"warmup": 5.0, "duration": 20.0},
    "page_clients": 50,
    "page_seconds": {"warmup": 3.0, "duration": 10.0},
    "bank_files": 1000,
    "class": (300, 30),
    "morning": (1000, 120.0, 10.0),
}
QUICK = {
    "levels": [20, 50],
    "load_seconds": {"warmup": 1.0, "duration": 4.0},
    "page_clients": 20,
    "page_seconds": {"warmup": 1.0, "duration": 3.0},
    "bank_files": 50,
    "class": (60, 6),
    "morning": (60, 10.0, 3.0),
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--parts", default="1,2,3,4,5,6,7")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    plan = QUICK if args.quick else FULL
    parts = {int(p) for p in args.parts.split(",")}
    backends = args.backends.split(",")
    results: dict[str, Any] = {"machine": report.machine(), "quick": args.quick, "parts": {}}
    started = time.monotonic()

    def step(name: str, fn: Any, *a: Any) -> Any:
        print(f"[{time.monotonic() - started:6.0f}s] {name} ...", flush=True)
        with workdir() as folder:
            return fn(*a, folder) if fn not in (core.scoring, editor.editor) else fn()

    out = results["parts"]
    if 1 in parts:
        out["submissions"] = {
            b: step(f"1 submissions ({b})", lambda f, b=b: load.submissions(
                b, f, plan["levels"], plan["load_seconds"]))
            for b in backends
        }  # fmt: skip
    if 2 in parts:
        out["quiz_page"] = {
            b: step(f"2 quiz page ({b})", lambda f, b=b: load.quiz_page(
                b, f, plan["page_clients"], plan["page_seconds"]))
            for b in backends
        }  # fmt: skip
    if 3 in parts:
        out["bank"] = step("3 bank loading", lambda f: core.bank_loading(f, plan["bank_files"]))
    if 4 in parts:
        from . import dashboards  # needs the dashboards of quizapp.web.reports

        students, assignments = plan["class"]
        out["dashboards"] = {
            b: step(f"4 dashboards ({b})", lambda f, b=b: dashboards.dashboards(
                b, f, students, assignments))
            for b in backends
        }  # fmt: skip
    if 5 in parts:
        out["scoring"] = step("5 scoring", core.scoring)
    if 6 in parts:
        n, login_window, submit_window = plan["morning"]
        out["morning"] = {
            b: step(f"6 morning of a test ({b})", lambda f, b=b: load.morning(
                b, f, n, login_window, submit_window))
            for b in backends
        }  # fmt: skip
    if 7 in parts:
        out["editor"] = step("7 editor", editor.editor)
    results["seconds"] = round(time.monotonic() - started)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    table = report.table(results)
    (args.out / "results.md").write_text(table + "\n")
    (args.out / "chart.svg").write_text(report.chart(results))
    print(table)
    print(f"\nwritten to {args.out}/ (results.json, results.md, chart.svg) "
          f"in {results['seconds']} s")  # fmt: skip


if __name__ == "__main__":
    main()
