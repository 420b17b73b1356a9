"""Data for the teacher tests, written straight to the database: classes, students (with a
password hashed once, so hundreds cost nothing), assignments with any dates, and attempts
graded by the core exactly as a submission would be."""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import event, insert, select, update

from quizapp.core.grading import QuizResult, grade_quiz, parse_responses
from quizapp.core.model import Quiz
from quizapp.db.engine import Database
from quizapp.db.models import (
    Assignment,
    Attempt,
    Classroom,
    Membership,
    QuizVersion,
    SkillResult,
    SpanResult,
    User,
    utcnow,
)
from quizapp.db.writes import attempt_rows, create_classroom, record_attempt
from quizapp.passwords import hash_password
from quizapp.web.content import quiz_for
from tests.web.conftest import CODE, PASSWORD

SEED = "iran-hamas-meeting"
_HASH: list[str] = []


def password_hash() -> str:
    """The hash of the shared test password, computed once per run."""
    if not _HASH:
        _HASH.append(hash_password(PASSWORD))
    return _HASH[0]


def db_of(app: Flask) -> Database:
    db: Database = app.extensions["quizapp.db"]
    return db


def ids(app: Flask, *usernames: str) -> list[int]:
    with app.app_context(), db_of(app).session() as s:
        found = dict(
            s.execute(select(User.username, User.id).where(User.username.in_(usernames))).all()
        )
    return [found[u] for u in usernames]


def class_id(app: Flask, code: str = CODE) -> int:
    with app.app_context(), db_of(app).session() as s:
        found = s.scalar(select(Classroom.id).where(Classroom.join_code == code))
    assert found is not None
    return found


def add_users(app: Flask, names: Sequence[str], role: str = "student") -> list[int]:
    """Accounts with the shared password, in one statement."""
    with app.app_context(), db_of(app).write() as s:
        s.execute(
            insert(User),
            [{"username": n, "password_hash": password_hash(), "role": role} for n in names],
        )
    return ids(app, *names)


def add_class(
    app: Flask, teacher_id: int, name: str, students: Sequence[int] = ()
) -> tuple[int, str]:
    """A class of ``teacher_id`` holding ``students``; returns (id, join code)."""
    with app.app_context():
        code = create_classroom(db_of(app), teacher_id, name)
    cid = class_id(app, code)
    join(app, cid, students)
    return cid, code


def join(app: Flask, classroom_id: int, students: Sequence[int]) -> None:
    if students:
        with app.app_context(), db_of(app).write() as s:
            s.execute(
                insert(Membership), [{"user_id": u, "classroom_id": classroom_id} for u in students]
            )


def add_assignment(app: Flask, classroom_id: int, quiz_id: str = SEED, **fields: Any) -> int:
    """An assignment with any dates (the write operation refuses past ones)."""
    now = utcnow()
    values: dict[str, Any] = {
        "opens_at": now - timedelta(days=2),
        "due_at": now + timedelta(days=5),
        "max_attempts": 3,
        "counting": "best",
        "feedback": "immediate",
        "allow_late": True,
        **fields,
    }
    with app.app_context(), db_of(app).write() as s:
        version = s.scalar(
            select(QuizVersion.id).where(QuizVersion.quiz_id == quiz_id, QuizVersion.current)
        )
        row = Assignment(classroom_id=classroom_id, version_id=version, **values)
        s.add(row)
        s.flush()
        return row.id


def seed_quiz_of(app: Flask, assignment_id: int) -> Quiz:
    with app.app_context(), db_of(app).session() as s:
        assignment = s.get(Assignment, assignment_id)
        assert assignment is not None
        return quiz_for(assignment.version)


def tokens_of(quiz: Quiz, text: str, occurrence: int = 0) -> list[int]:
    """The token numbers of the ``occurrence``-th appearance of ``text`` in the article."""
    start = -1
    for _ in range(occurrence + 1):
        start = quiz.article.text.index(text, start + 1)
    end = start + len(text)
    return [t.index for t in quiz.article.tokens if t.start >= start and t.end <= end]


def answers(quiz: Quiz, **highlights: Sequence[str]) -> dict[str, Any]:
    """Responses that highlight the given quotes in each spot question (others blank);
    keyword names use '_' for '-'."""
    out: dict[str, Any] = {}
    for key, quotes in highlights.items():
        qid = key.replace("_", "-")
        out[qid] = {"tokens": sorted({i for q in quotes for i in tokens_of(quiz, q)})}
    return out


def add_attempt(
    app: Flask,
    user_id: int,
    assignment_id: int,
    responses: dict[str, Any] | None = None,
    *,
    late: bool = False,
    at: datetime | None = None,
) -> tuple[int, QuizResult]:
    """A graded attempt at an assignment, numbered after the student's earlier ones."""
    quiz = seed_quiz_of(app, assignment_id)
    parsed = parse_responses(quiz, responses or {})
    result = grade_quiz(quiz, parsed)
    db = db_of(app)
    with app.app_context():
        with db.session() as s:
            assignment = s.get(Assignment, assignment_id)
            assert assignment is not None
            version_id = assignment.version_id
            number = 1 + len(
                s.scalars(
                    select(Attempt.id).where(
                        Attempt.assignment_id == assignment_id, Attempt.user_id == user_id
                    )
                ).all()
            )
        # Stored as practice, then moved into the assignment: any number, late or not.
        attempt_id, _ = record_attempt(
            db, user_id, version_id, secrets.token_hex(16), parsed, result
        )
        with db.write() as s:
            s.execute(
                update(Attempt)
                .where(Attempt.id == attempt_id)
                .values(
                    assignment_id=assignment_id, number=number, late=late,
                    submitted_at=at or utcnow(),
                )
            )  # fmt: skip
    return attempt_id, result


def bulk_attempts(
    app: Flask,
    students: Sequence[int],
    assignments: Sequence[int],
    variants: Sequence[dict[str, Any]],
    spans_for: Sequence[int] = (),
    late: Sequence[int] = (),
) -> None:
    """One attempt per student and assignment, cycling through ``variants`` of responses,
    with skill rows (and span rows for the assignments in ``spans_for``); the attempts of
    the students in ``late`` are marked late."""
    quiz = seed_quiz_of(app, assignments[0])
    graded = []
    for v in variants:
        parsed = parse_responses(quiz, v)
        result = grade_quiz(quiz, parsed)
        # The columns a submission stores (responses, score, marks...), time stamped on insert.
        row = attempt_rows(0, 0, "", parsed, result)[0]
        del row["submitted_at"]
        graded.append((row, result))
    with app.app_context(), db_of(app).write() as s:
        version = s.scalar(select(Assignment.version_id).where(Assignment.id == assignments[0]))
        plan = {
            (u, a): graded[k % len(graded)] for k, u in enumerate(students) for a in assignments
        }
        s.execute(
            insert(Attempt),
            [
                {**row, "user_id": u, "version_id": version, "assignment_id": a,
                 "number": 1, "late": u in late, "token": f"bulk-{u}-{a}"}
                for (u, a), (row, _) in plan.items()
            ],
        )  # fmt: skip
        rows = s.execute(
            select(Attempt.id, Attempt.user_id, Attempt.assignment_id).where(
                Attempt.token.in_([f"bulk-{u}-{a}" for u, a in plan])
            )
        ).all()
        skills, spans = [], []
        for attempt_id, u, a in rows:
            result = plan[(u, a)][1]
            skills += [
                {"attempt_id": attempt_id, "skill": k, "expected": t.expected, "found": t.found,
                 "flagged": t.flagged, "correct": t.correct}
                for k, t in result.tallies.items()
            ]  # fmt: skip
            if a in spans_for:
                seen = set()
                for g in result.grades:
                    for o in g.outcomes:
                        if o.annotation_id and (g.question_id, o.annotation_id) not in seen:
                            seen.add((g.question_id, o.annotation_id))
                            spans.append(
                                {"attempt_id": attempt_id, "question_id": g.question_id,
                                 "span_id": o.annotation_id, "status": o.status,
                                 "coverage": o.coverage}
                            )  # fmt: skip
        s.execute(insert(SkillResult), skills)
        if spans:
            s.execute(insert(SpanResult), spans)


@contextmanager
def counting_queries(app: Flask) -> Iterator[list[str]]:
    """Every SQL statement the app's engine sends while the block runs."""
    statements: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = db_of(app).engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def perfect(quiz: Quiz) -> dict[str, Any]:
    """Responses with every answer right."""
    out: dict[str, Any] = {}
    for q in quiz.questions:
        key = q.answer_key()
        if q.type_id == "spot":
            out[q.id] = {"tokens": sorted({i for t in key["targets"] for i in range(*t["tokens"])})}
        elif q.type_id == "classify":
            out[q.id] = {"choice": key["answer"]}
        elif q.type_id == "choice":
            out[q.id] = {"options": [o["id"] for o in key["options"] if o["correct"]]}
    return out


def mixed(quiz: Quiz, k: int) -> dict[str, Any]:
    """The ``k``-th of a family of partly right responses: each question answered right or
    left blank by a pattern of ``k``, for realistic spreads of scores."""
    right = perfect(quiz)
    return {
        q.id: right[q.id]
        for i, q in enumerate(quiz.questions)
        if q.id in right and (i * 7 + k * 3) % 5 < 3
    }
