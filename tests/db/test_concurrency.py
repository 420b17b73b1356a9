"""Submissions hold under parallel processes, on SQLite and on PostgreSQL.

Run alone with ``pytest tests/db/test_concurrency.py -v``; the figures are in the test names.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from quizapp.core.grading import QuizResult, grade_quiz, parse_responses
from quizapp.core.loader import Bank
from quizapp.db.engine import Database
from quizapp.db.migrate import upgrade
from quizapp.db.models import Assignment, Attempt, QuizVersion, utcnow
from quizapp.db.writes import (
    WriteError,
    create_classroom,
    create_user,
    import_bank,
    record_attempt,
)
from tests.databases import BACKENDS, database_config

PROCESSES = 8
REPEATS = 50
FORK = multiprocessing.get_context("fork")


@pytest.fixture(params=BACKENDS)
def setup(request: pytest.FixtureRequest, tmp_path: Path, bank: Bank) -> Iterator[dict[str, Any]]:
    for config in database_config(request.param, tmp_path):
        db = Database(config["DATABASE_URL"], schema=config.get("DATABASE_SCHEMA"))
        upgrade(db)
        import_bank(db, bank)
        teacher = create_user(db, "teacher", "password-123", "teacher")
        create_classroom(db, teacher, "C", "CONC2345")
        student = create_user(db, "student", "password-123", "student", "CONC2345")
        with db.write() as s:
            version = s.scalar(
                select(QuizVersion).where(QuizVersion.quiz_id == "iran-hamas-meeting")
            )
            assert version is not None
            now = utcnow()
            assignment = Assignment(
                classroom_id=1, version_id=version.id, opens_at=now - timedelta(days=1),
                due_at=now + timedelta(days=1), max_attempts=2,
            )  # fmt: skip
            s.add(assignment)
            s.flush()
            ids = {"version": version.id, "assignment": assignment.id}
        quiz = bank.get("iran-hamas-meeting")
        result = grade_quiz(quiz, parse_responses(quiz, {}))
        db.dispose()  # children open their own connections
        yield {"config": config, "student": student, "result": result, **ids}


def _submit(args: tuple[dict[str, Any], str, int, Any, Any]) -> list[str]:
    setup, token, repeats, barrier, assignment = args
    db = Database(setup["config"]["DATABASE_URL"], schema=setup["config"].get("DATABASE_SCHEMA"))
    result: QuizResult = setup["result"]
    barrier.wait()
    outcomes = []
    for _ in range(repeats):
        try:
            _, new = record_attempt(
                db, setup["student"], setup["version"], token, {}, result, assignment
            )
            outcomes.append("stored" if new else "same")
        except WriteError as exc:
            outcomes.append(f"refused: {exc}")
    db.dispose()
    return outcomes


def _run(setup: dict[str, Any], tokens: list[str], repeats: int, assignment: Any) -> list[str]:
    barrier = FORK.Manager().Barrier(len(tokens))
    with FORK.Pool(len(tokens)) as pool:
        results = pool.map(_submit, [(setup, t, repeats, barrier, assignment) for t in tokens])
    return [o for r in results for o in r]


def _stored(setup: dict[str, Any]) -> int:
    db = Database(setup["config"]["DATABASE_URL"], schema=setup["config"].get("DATABASE_SCHEMA"))
    with db.session() as s:
        n = int(s.scalar(select(func.count()).select_from(Attempt)) or 0)
    db.dispose()
    return n


def test_8_processes_x_50_identical_submissions_store_one_attempt(setup: dict[str, Any]) -> None:
    outcomes = _run(setup, ["same-token"] * PROCESSES, REPEATS, None)
    assert len(outcomes) == PROCESSES * REPEATS
    assert outcomes.count("stored") == 1
    assert outcomes.count("same") == PROCESSES * REPEATS - 1
    assert _stored(setup) == 1


def test_8_parallel_final_attempts_never_pass_the_limit_of_2(setup: dict[str, Any]) -> None:
    tokens = [f"token-{i}" for i in range(PROCESSES)]
    outcomes = _run(setup, tokens, 1, setup["assignment"])
    assert outcomes.count("stored") == 2
    assert outcomes.count("refused: You have used all 2 attempt(s).") == PROCESSES - 2
    assert _stored(setup) == 2
