"""Parts 1, 2 and 6: submissions under load, the quiz page, the morning of a test.

Each figure is measured beside its baseline, on the same gunicorn in the same run.
"""

from __future__ import annotations

import gzip
import re
import urllib.request
from pathlib import Path
from typing import Any

from quizapp.core.loader import load_bank
from quizapp.core.model import Quiz
from quizapp.core.questions.choice import ChoiceQuestion
from quizapp.core.questions.classify import ClassifyQuestion
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.skills import NOTHING_WRONG

from .server import (
    PASSWORD,
    ROOT,
    SEED_QUIZ,
    database,
    flush_limits,
    gunicorn,
    prepare,
    run_load,
    server_problems,
    static_file,
)

ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def realistic_answer(quiz: Quiz) -> dict[str, str]:
    """What a fair student sends: most spans found, one partly, one false alarm, most
    classifications right, the first option of each choice question."""
    form: dict[str, str] = {}
    in_use = {i for a in quiz.all_spans for i in a.tokens}
    free = [t.index for t in quiz.article.tokens if t.index not in in_use]
    for k, q in enumerate(quiz.questions):
        if isinstance(q, HighlightQuestion):
            picked: list[int] = []
            for n, target in enumerate(q.targets):
                tokens = list(target.tokens)
                if n % 4 == 3:
                    continue  # one in four missed
                picked += tokens[: max(1, len(tokens) // 2)] if n % 4 == 2 else tokens
            scope = set().union(*(set(r) for r in q.scope))
            picked += [i for i in free if i in scope][k % 7 : k % 7 + 2]  # a false alarm
            form[f"q.{q.id}.tokens"] = ",".join(map(str, sorted(set(picked))))
        elif isinstance(q, ClassifyQuestion):
            wrong = next((o.id for o in q.options if o.id != q.answer), NOTHING_WRONG)
            form[f"q.{q.id}.choice"] = q.answer if len(form) % 4 else wrong
        elif isinstance(q, ChoiceQuestion):
            form[f"q.{q.id}.option"] = q.options[0].id
    return form


def seed_quiz() -> Quiz:
    return load_bank(ROOT / "quizzes", ROOT / "seeds").get(SEED_QUIZ)


# Paced students: after each answer a student waits 1 to 3 s before the next one. A real
# student takes minutes over a quiz, so this is a class answering about fifty times faster
# than any class does: a hard but sustained load, below the server's capacity at 200.
THINK_S = (1.0, 3.0)


def submissions(backend: str, folder: Path, levels: list[int], seconds: dict[str, float]
                ) -> dict[str, Any]:  # fmt: skip
    """Part 1: quizapp's submissions beside the baseline write, at each level of students:
    saturated (no think time: capacity, the ratio) and paced (think time: the latency a
    student sees)."""
    answer = realistic_answer(seed_quiz())
    out: dict[str, Any] = {"levels": {}}
    with database(backend, folder) as db:
        setup = prepare(db, backend, max(levels))
        db.dispose()
        with gunicorn(db, folder) as base:
            for n in levels:
                flush_limits()
                common = {"base": base, "warmup": seconds["warmup"],
                          "duration": seconds["duration"]}  # fmt: skip
                write = {**common, "scenario": "write", "clients": n}
                submit = {
                    **common, "scenario": "submit", "students": setup["students"][:n],
                    "password": PASSWORD, "page": f"/quiz/{SEED_QUIZ}",
                    "action": f"/quiz/{SEED_QUIZ}/submit", "answer": answer,
                }  # fmt: skip
                baseline = run_load(write)
                quizapp = run_load(submit)
                flush_limits()
                paced_baseline = run_load({**write, "think": THINK_S})
                paced = run_load({**submit, "think": THINK_S})
                ratio = quizapp["per_s"] / baseline["per_s"] if baseline["per_s"] else None
                out["levels"][str(n)] = {
                    "quizapp": quizapp,
                    "baseline": baseline,
                    "ratio": round(ratio, 3) if ratio is not None else None,
                    "paced": paced,
                    "paced_baseline": paced_baseline,
                }
    out["think_s"] = list(THINK_S)
    out["server"] = server_problems(folder)
    return out


def _fetch(url: str, cookie: str = "") -> bytes:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as r:  # noqa: S310 - loopback only
        data: bytes = r.read()
        return data


def page_weight(base: str, quiz: Quiz) -> dict[str, Any]:
    """HTML + CSS + JS of the quiz page, gzip-compressed, beside the article text alone."""
    html = _fetch(f"{base}/quiz/{SEED_QUIZ}")
    assets = sorted(set(ASSET.findall(html.decode())))
    files = {"html": html, **{a: _fetch(base + a) for a in assets}}
    # quiz.js imports its modules: count them too.
    for path, body in list(files.items()):
        if path.endswith(".js"):
            for module in re.findall(rb'from\s+"\./([^"]+\.js)"', body):
                name = path.rsplit("/", 1)[0] + "/" + module.decode()
                files.setdefault(name, _fetch(base + name))
    article = quiz.article.text.encode("utf-8")

    def gz(data: bytes) -> int:
        return len(gzip.compress(data, compresslevel=6, mtime=0))

    page = sum(gz(b) for b in files.values())
    return {
        "files": {k: {"bytes": len(v), "gzip": gz(v)} for k, v in files.items()},
        "page_gzip": page,
        "page_bytes": sum(len(b) for b in files.values()),
        "article_gzip": gz(article),
        "article_bytes": len(article),
        "ratio": round(page / gz(article), 2),
    }


def quiz_page(backend: str, folder: Path, clients: int, seconds: dict[str, float]
              ) -> dict[str, Any]:  # fmt: skip
    """Part 2: the quiz page beside a static file of the same size, from the same server."""
    quiz = seed_quiz()
    with database(backend, folder) as db:
        prepare(db, backend, clients)
        db.dispose()
        with gunicorn(db, folder) as base:
            size = len(_fetch(f"{base}/quiz/{SEED_QUIZ}"))
            name = static_file(folder, size)
            common = {"base": base, "clients": clients, "warmup": seconds["warmup"],
                      "duration": seconds["duration"], "scenario": "get"}  # fmt: skip
            page = run_load({**common, "path": f"/quiz/{SEED_QUIZ}"})
            static = run_load({**common, "path": f"/static/{name}"})
            weight = page_weight(base, quiz)
    ratio = page["per_s"] / static["per_s"] if static["per_s"] else None
    return {
        "clients": clients,
        "page_bytes": size,
        "page": page,
        "static": static,
        "ratio": round(ratio, 3) if ratio is not None else None,
        "weight": weight,
        "server": server_problems(folder),
    }


def morning(backend: str, folder: Path, students: int, login_window: float,
            submit_window: float) -> dict[str, Any]:  # fmt: skip
    """Part 6: a district logs in over two minutes and submits within ten seconds."""
    answer = realistic_answer(seed_quiz())
    with database(backend, folder) as db:
        setup = prepare(db, backend, students)
        db.dispose()
        with gunicorn(db, folder) as base:
            result = run_load({
                "scenario": "morning", "base": base, "students": setup["students"],
                "password": PASSWORD, "page": f"/assignments/{setup['assignment']}",
                "action": f"/assignments/{setup['assignment']}/submit", "answer": answer,
                "login_window": login_window, "submit_window": submit_window,
            })  # fmt: skip
    result["server"] = server_problems(folder)
    return result
