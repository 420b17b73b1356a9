"""The machine, the table of results with targets, and an SVG chart of the same."""

from __future__ import annotations

import math
import os
import platform
import sqlite3
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sqlalchemy import create_engine, text

from .server import ROOT, WORKERS

Row = tuple[str, float | None, float, bool]  # label, value, target, higher is better


def _fsync_ms() -> float:
    """How long the disk takes to make a small write durable: what bounds SQLite commits."""
    with tempfile.NamedTemporaryFile(dir=ROOT / "bench") as f:
        started = time.perf_counter()
        for _ in range(50):
            f.write(b"x" * 4096)
            f.flush()
            os.fsync(f.fileno())
        return round((time.perf_counter() - started) / 50 * 1000, 2)


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo
                if line.startswith("model name")), platform.processor())  # fmt: skip
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem_kb = next(int(line.split()[1]) for line in meminfo if "MemTotal" in line)
    out: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024**2, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "fsync_ms": _fsync_ms(),
        "gunicorn_workers": WORKERS,
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                 capture_output=True, text=True, check=False).stdout.strip(),
    }  # fmt: skip
    url = os.environ.get("QUIZAPP_BENCH_DATABASE_URL")
    if url:
        engine = create_engine(url)
        with engine.connect() as conn:
            out["postgresql"] = conn.execute(text("SHOW server_version")).scalar()
        engine.dispose()
    return out


def _f(value: Any, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}" if isinstance(value, float | int) else str(value)


def _ok(good: bool) -> str:
    return "✅" if good else "❌"


def table(results: dict[str, Any]) -> str:
    """Markdown tables, one per part, each figure beside its baseline and target."""
    m, parts = results["machine"], results["parts"]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}; "
        f"Python {m['python']}, SQLite {m['sqlite']}, PostgreSQL {m.get('postgresql', '–')}; "
        f"gunicorn {m['gunicorn_workers']} sync workers; fsync {m['fsync_ms']} ms; "
        f"commit {m['commit']}; {m['date']}" + (" (QUICK RUN)" if results.get("quick") else ""),
    ]
    if "submissions" in parts:
        lines += ["", "**1. Submissions under load** (target at 200: 0 errors, p95 < 300 ms "
                  "when paced, ratio >= 0.7 when saturated)", "",
                  "Saturated: each student submits again as soon as the answer comes (no "
                  "think time), so submissions/s is the server's capacity and the latency is "
                  "the queue. Paced: each student waits 1 to 3 s between answers.", "",
                  "| db | students | saturated submissions/s | baseline writes/s | ratio | "
                  "saturated p95 ms (baseline) | paced submissions/s | paced p50 / p95 / p99 ms "
                  "| paced baseline p95 ms | errors (baseline) | target |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]  # fmt: skip
        for db, run in parts["submissions"].items():
            for n, r in run["levels"].items():
                q, b = r["quizapp"], r["baseline"]
                p, pb = r.get("paced") or {}, r.get("paced_baseline") or {}
                errors = q["errors"] + p.get("errors", 0)
                base_errors = b["errors"] + pb.get("errors", 0)
                verdict = ""
                if n == "200":
                    good = errors == 0 and (p.get("p95_ms") or 1e9) < 300 and (
                        r["ratio"] or 0) >= 0.7  # fmt: skip
                    verdict = _ok(good)
                lines.append(
                    f"| {db} | {n} | {_f(q['per_s'], 1)} | {_f(b['per_s'], 1)} | "
                    f"{_f(r['ratio'], 2)} | {_f(q['p95_ms'])} ({_f(b['p95_ms'])}) | "
                    f"{_f(p.get('per_s'), 1)} | {_f(p.get('p50_ms'))} / {_f(p.get('p95_ms'))} / "
                    f"{_f(p.get('p99_ms'))} | {_f(pb.get('p95_ms'))} | {errors} ({base_errors}) "
                    f"| {verdict} |"
                )
    if "quiz_page" in parts:
        lines += ["", "**2. Quiz page** (closed loop, logged out, same gunicorn)", "",
                  "| db | clients | page req/s | page p95 ms | static file req/s | static p95 ms "
                  "| ratio | page bytes |", "|---|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
        for db, r in parts["quiz_page"].items():
            p, s = r["page"], r["static"]
            lines.append(
                f"| {db} | {r.get('clients', '')} | {_f(p['per_s'], 1)} | {_f(p['p95_ms'])} | "
                f"{_f(s['per_s'], 1)} | {_f(s['p95_ms'])} | {_f(r['ratio'], 2)} | "
                f"{r['page_bytes']:,} |"
            )
        w = next(iter(parts["quiz_page"].values()))["weight"]
        lines += ["", f"Page weight, gzip: HTML + CSS + JS {w['page_gzip']:,} B "
                  f"({w['page_bytes']:,} B raw, {len(w['files'])} files) vs the article text "
                  f"alone {w['article_gzip']:,} B ({w['article_bytes']:,} B raw): "
                  f"**{w['ratio']}x**"]  # fmt: skip
    if "bank" in parts:
        b = parts["bank"]
        lines += ["", "**3. Bank loading** (target: validation within 3x the bare parse)", "",
                  "| files | validate s | ms/file | bare CSafeLoader parse s | ratio | target |",
                  "|---:|---:|---:|---:|---:|---|",
                  f"| {b['files']} | {_f(b['validate_s'], 2)} | {_f(b['validate_ms_per_file'], 2)}"
                  f" | {_f(b['bare_parse_s'], 2)} | {_f(b['ratio'], 2)} | "
                  f"{_ok(b['ratio'] <= 3)} |"]  # fmt: skip
    if "dashboards" in parts:
        lines += ["", "**4. Teacher dashboards** (target: within 5x one aggregate query, "
                  "constant query count)", "",
                  "| db | view | students x assignments | ms | queries (1/10 class) | "
                  "aggregate query ms | ratio | target |",
                  "|---|---|---|---:|---:|---:|---:|---|"]  # fmt: skip
        for db, r in parts["dashboards"].items():
            full, small = r["full"], r["small"]
            for view, v in full["views"].items():
                few = small["views"][view]["queries"]
                good = (v["ratio"] or 1e9) <= 5 and few == v["queries"]
                lines.append(
                    f"| {db} | {view} | {full['students']} x {full['assignments']} | "
                    f"{_f(v['ms'], 1)} | {v['queries']} ({few}) | {_f(v['aggregate_ms'], 1)} | "
                    f"{_f(v['ratio'], 1)} | {_ok(good)} |"
                )
    if "scoring" in parts:
        s = parts["scoring"]
        lines += ["", "**5. Scoring**", "",
                  "| quiz (tokens) | question (targets, selected) | score one answer µs | "
                  "tokenize the article µs | ratio |", "|---|---|---:|---:|---:|",
                  f"| {s['quiz']} ({s['article_tokens']}) | {s['question']} ({s['targets']}, "
                  f"{s['selected_tokens']}) | {_f(s['score_us'], 1)} | "
                  f"{_f(s['tokenize_us'], 1)} | {_f(s['ratio'], 3)} |"]  # fmt: skip
    if "editor" in parts:
        e = parts["editor"]
        lines += ["", "**7. The editor** (the bank's longest article; CPU ms, median of 7)", "",
                  "| quiz (tokens) | validate the quiz ms | draft (suggestions) ms | "
                  "save (autosave's check) ms | draft / validate | save / validate |",
                  "|---|---:|---:|---:|---:|---:|",
                  f"| {e['quiz']} ({e['article_tokens']}) | {_f(e['validate_ms'], 2)} | "
                  f"{_f(e['draft_ms'], 2)} ({e['suggestions']}) | {_f(e['save_ms'], 2)} | "
                  f"{_f(e['draft_ratio'], 2)} | {_f(e['save_ratio'], 2)} |"]  # fmt: skip
    if "morning" in parts:
        lines += ["", "**6. The morning of a test** (target: 0 errors, login p95 < 1 s, "
                  "submission p95 < 1 s)", "",
                  "| db | students | errors | login p50 / p95 ms | page p95 ms | "
                  "submission p50 / p95 / p99 ms | target |",
                  "|---|---:|---:|---:|---:|---:|---|"]  # fmt: skip
        for db, r in parts["morning"].items():
            lo, pa, su = r["login"], r["page"], r["submit"]
            good = r["errors"] == 0 and (lo["p95_ms"] or 1e9) < 1000 and (
                su["p95_ms"] or 1e9) < 1000  # fmt: skip
            lines.append(
                f"| {db} | {r['students']} | {r['errors']} | {_f(lo['p50_ms'])} / "
                f"{_f(lo['p95_ms'])} | {_f(pa['p95_ms'])} | {_f(su['p50_ms'])} / "
                f"{_f(su['p95_ms'])} / {_f(su['p99_ms'])} | {_ok(good)} |"
            )
    return "\n".join(lines)


def _rows(results: dict[str, Any]) -> tuple[list[Row], list[Row]]:
    """(ratios, latencies): each a label, a value, its target and its direction."""
    parts, ratios, latencies = results["parts"], [], []
    for db, run in parts.get("submissions", {}).items():
        for n, r in run["levels"].items():
            ratios.append((f"1 submissions / baseline, {db}, {n}", r["ratio"], 0.7, True))
            paced = (r.get("paced") or {}).get("p95_ms")
            latencies.append((f"1 submission p95 paced, {db}, {n}", paced, 300, False))
    for db, r in parts.get("quiz_page", {}).items():
        ratios.append((f"2 quiz page / static file req/s, {db}", r["ratio"], 0.0, True))
    if "quiz_page" in parts:
        w = next(iter(parts["quiz_page"].values()))["weight"]
        ratios.append(("2 page weight / article (gzip)", w["ratio"], 0.0, False))
    if "bank" in parts:
        ratios.append(("3 validate / bare parse", parts["bank"]["ratio"], 3, False))
    for db, r in parts.get("dashboards", {}).items():
        for view, v in r["full"]["views"].items():
            ratios.append((f"4 {view} / aggregate, {db}", v["ratio"], 5, False))
    if "scoring" in parts:
        ratios.append(("5 score one answer / tokenize", parts["scoring"]["ratio"], 0.0, False))
    if "editor" in parts:
        ratios.append(("7 editor draft / validate", parts["editor"]["draft_ratio"], 0.0, False))
        ratios.append(("7 editor save / validate", parts["editor"]["save_ratio"], 0.0, False))
    for db, r in parts.get("morning", {}).items():
        latencies.append((f"6 morning login p95, {db}", r["login"]["p95_ms"], 1000, False))
        latencies.append((f"6 morning submission p95, {db}", r["submit"]["p95_ms"], 1000, False))
    return ratios, latencies


def _panel(title: str, rows: list[Row], top: float, unit: str, lo: float, hi: float
           ) -> tuple[list[str], float]:  # fmt: skip
    """Horizontal bars on a log scale, a target tick per row; green met, red missed."""
    left, width, bar, gap = 330, 470, 16, 6
    out = [f'<text x="10" y="{top + 16}" font-size="14" font-weight="bold">{escape(title)}</text>']
    y = top + 28

    def x(v: float) -> float:
        v = min(max(v, lo), hi)
        return left + width * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    for exp in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
        tick = 10.0**exp
        if lo <= tick <= hi:
            gx = x(tick)
            out.append(f'<line x1="{gx:.1f}" y1="{y - 4}" x2="{gx:.1f}" '
                       f'y2="{y + len(rows) * (bar + gap)}" stroke="#ddd"/>')  # fmt: skip
            out.append(f'<text x="{gx:.1f}" y="{y - 6}" font-size="10" text-anchor="middle" '
                       f'fill="#666">{tick:g}{unit}</text>')  # fmt: skip
    for label, value, target, higher in rows:
        met = value is not None and (not target or (value >= target if higher else value < target))
        colour = "#888" if not target else ("#2e7d32" if met else "#b3261e")
        out.append(f'<text x="{left - 6}" y="{y + bar - 4}" font-size="11" text-anchor="end">'
                   f"{escape(label)}</text>")  # fmt: skip
        if value is not None:
            out.append(f'<rect x="{left}" y="{y}" width="{x(value) - left:.1f}" height="{bar}" '
                       f'fill="{colour}"/>')  # fmt: skip
            out.append(f'<text x="{x(value) + 4:.1f}" y="{y + bar - 4}" font-size="11">'
                       f"{value:g}{unit}</text>")  # fmt: skip
        if target:
            tx = x(target)
            out.append(f'<line x1="{tx:.1f}" y1="{y - 2}" x2="{tx:.1f}" y2="{y + bar + 2}" '
                       'stroke="#000" stroke-width="2" stroke-dasharray="3 2"/>')  # fmt: skip
        y += bar + gap
    return out, y


def chart(results: dict[str, Any]) -> str:
    """Every figure of merit as a bar (log scale) with its target as a dashed tick."""
    ratios, latencies = _rows(results)
    body, y = _panel("Ratio to the baseline (dashed: target; green met, red missed)",
                     ratios, 10, "x", 0.01, 100)  # fmt: skip
    more, y = _panel("p95 latency under load (dashed: target)", latencies, y + 20, " ms", 10,
                     100_000)  # fmt: skip
    m = results["machine"]
    note = (f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['date']}"
            + (" — QUICK RUN" if results.get("quick") else ""))  # fmt: skip
    height = y + 30
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="900" height="{height}" '
        f'viewBox="0 0 900 {height}" font-family="sans-serif">'
        f'<rect width="900" height="{height}" fill="#fff"/>'
        + "".join(body + more)
        + f'<text x="10" y="{height - 10}" font-size="11" fill="#444">{escape(note)}</text>'
        + "</svg>\n"
    )
