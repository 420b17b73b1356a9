"""Part 4: the teacher's dashboards on a class of 300 students x 30 assignments.

The data is generated in bulk: every attempt its own answer (the realistic answer with words
dropped and added at random, some classify and choice answers changed), graded for real, as
in a class where hardly two answers are the same; some students make a second attempt.
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
from quizapp.core.questions.choice import ChoiceQuestion
from quizapp.core.questions.classify import ClassifyQuestion
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.skills import NOTHING_WRONG
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


def _answer(quiz: Quiz, base: dict[str, str], rng: random.Random) -> dict[str, list[str]]:
    """One student's own answer: the realistic answer ``base`` with each highlighted word
    dropped at random and a few runs of the question's text added, a classify answer in
    four changed, a choice answer in two."""
    form: dict[str, list[str]] = {}
    for q in quiz.questions:
        if isinstance(q, HighlightQuestion):
            key = f"q.{q.id}.tokens"
            tokens = {int(t) for t in base[key].split(",") if t and rng.random() > 0.25}
            for _ in range(rng.randint(0, 2)):
                run = rng.choice(q.scope)
                start = rng.randrange(run.start, run.stop)
                tokens.update(range(start, min(start + rng.randint(1, 4), run.stop)))
            form[key] = [",".join(map(str, sorted(tokens)))]
        elif isinstance(q, ClassifyQuestion):
            key = f"q.{q.id}.choice"
            other = rng.choice([*(o.id for o in q.options), NOTHING_WRONG])
            form[key] = [other if rng.random() < 0.25 else base[key]]
        elif isinstance(q, ChoiceQuestion):
            key = f"q.{q.id}.option"
            options = [o.id for o in q.options]
            picked = rng.sample(options, rng.randint(1, 2) if q.multiple else 1)
            form[key] = picked if rng.random() < 0.5 else [base[key]]
    return form


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
            base = realistic_answer(quiz)
            for user_id in user_ids:
                if rng.random() < 0.03:
                    continue  # missing
                tries = 2 if rng.random() < 0.3 else 1
                for number in range(1, tries + 1):
                    responses = parse_form(quiz, _answer(quiz, base, rng))
                    result = grade_quiz(quiz, responses)
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
