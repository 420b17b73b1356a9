"""Security fixtures: the web fixtures, a world of other people's things, and the checks
every hostile request's answer must pass (no server error, no live markup, no changed row)."""

from __future__ import annotations

import re
import secrets
from collections import Counter
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.core.model import Quiz
from quizapp.db.models import (
    Assignment,
    Base,
    Classroom,
    QuizVersion,
    User,
    utcnow,
)
from quizapp.db.writes import record_attempt
from tests.web.conftest import CODE, app, auth, client, csrf_token, open_quiz  # noqa: F401

# The web fixtures, re-exported so that pytest finds them for this folder too.
__all__ = ["app", "auth", "client", "open_quiz"]

# The tables a rejected request must leave as they were (the models may add more).
TABLES = (
    "users",
    "classrooms",
    "memberships",
    "quiz_versions",
    "assignments",
    "assignment_starts",
    "attempts",
    "attempt_skills",
    "attempt_spans",
)
# What the summary at the end of the run prints: cases run, fuzz examples per target.
COUNTS: Counter[str] = Counter()


@pytest.fixture
def versions(app: Flask, seed_quiz: Quiz) -> dict[str, str]:
    """Placeholders read from the database: the quiz versions, and a fresh submission token."""
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        current = dict(
            s.execute(
                select(QuizVersion.quiz_id, QuizVersion.digest).where(QuizVersion.current.is_(True))
            ).all()
        )
    return {
        "version": current[seed_quiz.id],
        "VERSION": current[seed_quiz.id].upper(),
        "other_version": current["fuel-prices"],
        "token": secrets.token_urlsafe(24),
    }


# Placeholders that need rows of their own: made only for the cases that name them.
BELONGINGS = {
    "own_attempt",
    "foreign_attempt",
    "unknown_attempt",
    "own_assignment",
    "foreign_assignment",
    "unknown_assignment",
    "foreign_token",
    "own_class",
    "foreign_class",
    "foreign_user",
}


@pytest.fixture
def belongings(app: Flask, seed_quiz: Quiz) -> dict[str, str]:
    """Alice's and bob's attempts, an assignment of alice's class and one of a class she is
    not in, and ids nobody has."""
    now = utcnow()
    with app.app_context():
        db = app.extensions["quizapp.db"]
        with db.write() as s:
            users = {name: id_ for name, id_ in s.execute(select(User.username, User.id))}
            version_id = s.scalar(
                select(QuizVersion.id).where(
                    QuizVersion.quiz_id == seed_quiz.id, QuizVersion.current.is_(True)
                )
            )
            mine = s.scalar(select(Classroom).where(Classroom.join_code == CODE))
            other = Classroom(name="Class 2", teacher_id=users["teacher1"], join_code="OTHER567")
            s.add(other)
            s.flush()
            assert mine is not None and version_id is not None
            dates = {"opens_at": now - timedelta(days=1), "due_at": now + timedelta(days=7)}
            own = Assignment(classroom_id=mine.id, version_id=version_id, max_attempts=3, **dates)
            foreign = Assignment(classroom_id=other.id, version_id=version_id, **dates)
            s.add_all([own, foreign])
            s.flush()
            assignments = (own.id, foreign.id)
            classes = (mine.id, other.id)
        responses = parse_responses(seed_quiz, {})
        result = grade_quiz(seed_quiz, responses)
        foreign_token = secrets.token_urlsafe(24)
        own_attempt, _ = record_attempt(
            db, users["alice"], version_id, secrets.token_urlsafe(24), responses, result
        )
        foreign_attempt, _ = record_attempt(
            db, users["bob"], version_id, foreign_token, responses, result
        )
    return {
        "own_attempt": str(own_attempt),
        "foreign_attempt": str(foreign_attempt),
        "unknown_attempt": str(max(own_attempt, foreign_attempt) + 1000),
        "own_assignment": str(assignments[0]),
        "foreign_assignment": str(assignments[1]),
        "unknown_assignment": str(max(assignments) + 1000),
        "foreign_token": foreign_token,
        "own_class": str(classes[0]),
        "foreign_class": str(classes[1]),
        "foreign_user": str(users["bob"]),
    }


_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


def placeholders(*texts: str | bytes | None) -> set[str]:
    """The placeholder names the texts hold."""
    found: set[str] = set()
    for text in texts:
        if text is not None:
            decoded = text.decode("latin-1") if isinstance(text, bytes) else text
            found.update(_PLACEHOLDER.findall(decoded))
    return found


def resolve(value: str, world: dict[str, str]) -> str:
    """Fill the placeholders ``world`` knows; leave every other brace as it is."""
    return _PLACEHOLDER.sub(lambda m: world.get(m.group(1), m.group(0)), value)


def resolve_bytes(value: bytes, world: dict[str, str]) -> bytes:
    return resolve(value.decode("latin-1"), world).encode("latin-1")


# Written by any logged-in request at most once a day (retention), whatever it asked for.
BOOKKEEPING = {("users", "last_seen_at")}


def snapshot(app: Flask) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every row of every table, so that a check sees updates as well as inserts."""
    tables = Base.metadata.tables
    missing = set(TABLES) - set(tables)
    assert not missing, f"tables renamed or gone: {sorted(missing)}"
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        return {
            name: Counter(
                tuple(map(repr, row))
                for row in s.execute(
                    select(*(c for c in table.columns if (name, c.name) not in BOOKKEEPING))
                )
            )
            for name, table in tables.items()
        }


def row_changes(
    before: dict[str, Counter[tuple[Any, ...]]],
    after: dict[str, Counter[tuple[Any, ...]]],
    adds: dict[str, int],
) -> list[str]:
    """How the tables changed beyond ``adds`` (rows a rightly accepted request inserts)."""
    problems = []
    for name in before:
        added, removed = after[name] - before[name], before[name] - after[name]
        if removed or sum(added.values()) != adds.get(name, 0):
            problems.append(
                f"{name}: {sum(before[name].values())} -> {sum(after[name].values())} rows "
                f"({sum(removed.values())} removed or changed, {sum(added.values())} new or "
                f"changed; expected {adds.get(name, 0)} new)"
            )
    return problems


# Elements and attributes no page of the app writes: seen in a response, they came from input.
_FORBIDDEN_TAGS = {"img", "iframe", "object", "embed", "frame", "frameset", "base", "math"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "script" and not values.get("src"):
            self.problems.append("<script> without src")
        if tag == "svg" and values.get("class") != "chart":
            self.problems.append("<svg> that is not a chart")
        if tag == "meta" and "http-equiv" in values:
            self.problems.append("<meta http-equiv>")
        for name, value in values.items():
            if name.startswith("on") or name in {"autofocus", "srcdoc"}:
                self.problems.append(f"attribute {name}= on <{tag}>")
            squashed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in _URL_ATTRIBUTES and squashed.startswith(("javascript:", "data:text")):
                self.problems.append(f"{name}={value[:30]!r} on <{tag}>")


def live_markup(html: str) -> list[str]:
    """Elements and attributes in ``html`` that only unescaped input could have made."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan.problems


def unescaped(text: str, markers: tuple[str, ...]) -> list[str]:
    return [m for m in markers if m in text]


def same_site(location: str) -> bool:
    path = location.removeprefix("http://localhost")
    return path.startswith("/") and not path.startswith(("//", "/\\"))


@pytest.fixture
def foreign_csrf(app: Flask) -> str:
    """A CSRF token that is valid, but for another visitor's session."""
    return csrf_token(app.test_client().get("/login").get_data(as_text=True))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if COUNTS:
        terminalreporter.section("security counts")
        for key, value in sorted(COUNTS.items()):
            terminalreporter.write_line(f"{key}: {value}")
