"""Part 4: the teacher's dashboards on a class of 300 students x 30 assignments.

The data is generated in bulk: each assignment's quiz graded on a handful of answer patterns
(real grades, real span outcomes), spread over the students, some with a second attempt.
Each report function of ``quizapp.web.reports`` is timed and its queries counted beside
one hand-written aggregate query over the same rows.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, select, text
from sqlalchemy.orm import Session

from quizapp.core.grading import grade_quiz, parse_form
from quizapp.core.loader import load_bank
from quizapp.core.model import Quiz
from quizapp.db.engine import Database
from quizapp.db.models import (
    Assignment,
    Attempt,
    QuizVersion,
    SkillResult,
    SpanResult,
    utcnow,
)
from quizapp.db.writes import attempt_rows
from quizapp.web import reports

from .load import realistic_answer
from .server import ROOT, database, prepare

PATTERNS = 8  # distinct answers per quiz, spread over the students

# One query each, over exactly the rows the dashboard reads.
AGGREGATES = {
    "gradebook": """
        SELECT t.user_id, t.assignment_id, MAX(t.score), COUNT(*)
        FROM attempts t JOIN assignments a ON a.id = t.assignment_id
        WHERE a.classroom_id = :room GROUP BY t.user_id, t.assignment_id""",
    "heatmap": """
        SELECT t.user_id, k.skill, SUM(k.expected), SUM(k.found), SUM(k.flagged),
               SUM(k.correct)
        FROM attempt_skills k JOIN attempts t ON t.id = k.attempt_id
        JOIN assignments a ON a.id = t.assignment_id
        WHERE a.classroom_id = :room GROUP BY t.user_id, k.skill""",
    "item_analysis": """
        SELECT s.question_id, s.span_id, s.status, COUNT(*)
        FROM attempt_spans s JOIN attempts t ON t.id = s.attempt_id
        WHERE t.assignment_id = :assignment GROUP BY s.question_id, s.span_id, s.status""",
}


def _answers(quiz: Quiz, rng: random.Random) -> list[dict[str, list[str]]]:
    """A few answer patterns: the realistic answer with spans dropped or added at random."""
    base = realistic_answer(quiz)
    out = []
    for _ in range(PATTERNS):
        form = {}
        for key, value in base.items():
            if key.endswith(".tokens"):
                tokens = [t for t in value.split(",") if t and rng.random() > 0.25]
                form[key] = [",".join(tokens)]
            else:
                form[key] = [value]
        out.append(form)
    return out


def generate(db: Database, backend: str, students: int, assignments: int) -> dict[str, Any]:
    """A class of ``students`` with ``assignments`` assignments, nearly all submitted."""
    setup = prepare(db, backend, students)
    bank = load_bank(ROOT / "quizzes", ROOT / "seeds")
    rng = random.Random(4)
    now = utcnow()
    with db.write() as s:
        versions = dict(s.execute(select(QuizVersion.quiz_id, QuizVersion.id)).all())
        user_ids = s.scalars(text("SELECT id FROM users WHERE role = 'student' ORDER BY id")).all()
        rows: list[dict[str, Any]] = []
        skills: list[dict[str, Any]] = []
        spans: list[dict[str, Any]] = []
        first = 0
        for n in range(assignments):
            quiz = bank.quizzes[n % len(bank.quizzes)]
            assignment = s.execute(
                insert(Assignment).returning(Assignment.id),
                [{"classroom_id": setup["classroom"], "version_id": versions[quiz.id],
                  "opens_at": now - timedelta(days=60 - n), "due_at": now - timedelta(days=59 - n),
                  "max_attempts": 2, "counting": ("best", "last", "first")[n % 3],
                  "feedback": "immediate", "allow_late": True}],
            ).scalar_one()  # fmt: skip
            first = first or assignment
            graded = []
            for form in _answers(quiz, rng):
                responses = parse_form(quiz, form)
                graded.append((responses, grade_quiz(quiz, responses)))
            for user_id in user_ids:
                if rng.random() < 0.03:
                    continue  # missing
                tries = 2 if rng.random() < 0.3 else 1
                for number in range(1, tries + 1):
                    responses, result = rng.choice(graded)
                    token = f"a{assignment}-u{user_id}-{number}"
                    attempt, k, sp = attempt_rows(user_id, versions[quiz.id], token, responses,
                                                  result)  # fmt: skip
                    attempt.update(assignment_id=assignment, number=number, late=False)
                    rows.append(attempt)
                    skills.append(k)
                    spans.append(sp)
        ids = s.execute(insert(Attempt.__table__).returning(Attempt.__table__.c.id,
                                                            sort_by_parameter_order=True),
                        rows).scalars().all()  # fmt: skip
        s.execute(
            insert(SkillResult.__table__),
            [{**r, "attempt_id": i} for i, k in zip(ids, skills, strict=True) for r in k],
        )
        s.execute(insert(SpanResult.__table__),
                  [{**r, "attempt_id": i} for i, sp in zip(ids, spans, strict=True)
                   for r in sp])  # fmt: skip
    counts = {}
    with db.session() as s:
        for table in ("attempts", "attempt_skills", "attempt_spans"):
            counts[table] = s.scalar(text(f"SELECT COUNT(*) FROM {table}"))  # noqa: S608
    return {"classroom": setup["classroom"], "assignment": first, "rows": counts}


@contextmanager
def counted(db: Database) -> Iterator[list[str]]:
    """Every statement the engine runs inside the block."""
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def _time(db: Database, fn: Callable[[Session], Any], repeat: int) -> tuple[float, int]:
    """Median seconds of ``fn`` on a fresh session each time, and its query count."""
    times, queries = [], 0
    for _ in range(repeat):
        with db.session() as s, counted(db) as statements:
            started = time.perf_counter()
            fn(s)
            times.append(time.perf_counter() - started)
        queries = len(statements)
    return statistics.median(times), queries


def _measure(db: Database, room: int, first_id: int, repeat: int) -> dict[str, Any]:

    def analysis(s: Session) -> Any:
        assignment = s.get(Assignment, first_id)
        return reports.item_analysis(s, assignment)

    views: dict[str, Callable[[Session], Any]] = {
        "gradebook": lambda s: reports.gradebook(s, room),
        "heatmap": lambda s: reports.heatmap(s, room),
        "item_analysis": analysis,
    }
    out = {}
    for name, fn in views.items():
        fn_s, queries = _time(db, fn, repeat)
        sql = text(AGGREGATES[name])
        params = {"room": room, "assignment": first_id}
        agg_s, _ = _time(db, lambda s, q=sql, p=params: s.execute(q, p).all(), repeat)
        out[name] = {"ms": round(fn_s * 1000, 1), "queries": queries,
                     "aggregate_ms": round(agg_s * 1000, 1),
                     "ratio": round(fn_s / agg_s, 2) if agg_s else None}  # fmt: skip
    return out


def dashboards(backend: str, folder: Path, students: int = 300, assignments: int = 30,
               repeat: int = 5) -> dict[str, Any]:  # fmt: skip
    """Part 4 on one database; the query counts also at a tenth of the class, to show they
    stay the same whatever the size."""
    out: dict[str, Any] = {}
    for size, label in ((students // 10, "small"), (students, "full")):
        with database(backend, folder / label) as db:
            (folder / label).mkdir(parents=True, exist_ok=True)
            made = generate(db, backend, size, assignments)
            views = _measure(db, made["classroom"], made["assignment"], repeat)
            out[label] = {"students": size, "assignments": assignments, **made, "views": views}
    out["constant_queries"] = all(
        out["small"]["views"][v]["queries"] == out["full"]["views"][v]["queries"]
        for v in AGGREGATES
    )
    return out
