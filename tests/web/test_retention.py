"""Retention (issue 17): last activity noted once a day, and `quizapp purge` with the clock
moved forward: unused student accounts and long-archived classes go, dry run or real; a
zero, negative or missing period purges nothing and says why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select, update

from quizapp.db import retention
from quizapp.db.models import AuditEvent, Classroom, User, utcnow
from tests.web.conftest import Auth
from tests.web.teach_data import add_assignment, add_attempt, add_class, class_id, db_of, ids
from tests.web.test_erasure import rows_of


def last_seen(app: Flask, name: str) -> object:
    with app.app_context(), db_of(app).session() as s:
        return s.scalar(select(User.last_seen_at).where(User.username == name))


def set_last_seen(app: Flask, name: str, when: object) -> None:
    with app.app_context(), db_of(app).write() as s:
        s.execute(update(User).where(User.username == name).values(last_seen_at=when))


def test_activity_is_noted_at_most_once_a_day(app: Flask) -> None:
    client = app.test_client()
    assert last_seen(app, "alice") is None
    Auth(client).login("alice")
    first = last_seen(app, "alice")
    assert first is not None
    client.get("/progress")
    assert last_seen(app, "alice") == first  # the same day: no write
    set_last_seen(app, "alice", utcnow() - timedelta(days=2))
    client.get("/progress")
    assert last_seen(app, "alice") > first  # type: ignore[operator]


def purge(app: Flask, *args: str) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["purge", *args])
    return result.exit_code, result.output  # stdout and stderr


@pytest.fixture
def later(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """A class archived and alice and bob last seen today; the clock then moves 31 days on,
    bob having come back on day 20; teacher1's other class stays open."""
    teacher1, alice, bob = ids(app, "teacher1", "alice", "bob")
    room = class_id(app)
    add_attempt(app, alice, add_assignment(app, room))
    open_room, _ = add_class(app, teacher1, "Open class", [alice])
    add_attempt(app, alice, add_assignment(app, open_room))
    now = utcnow()
    with app.app_context(), db_of(app).write() as s:
        s.execute(update(User).values(last_seen_at=now))
        s.execute(update(User).where(User.id == bob).values(last_seen_at=now + timedelta(days=20)))
        s.execute(
            update(Classroom).where(Classroom.id == room).values(archived=True, archived_at=now)
        )
    monkeypatch.setattr(retention, "utcnow", lambda: now + timedelta(days=31))
    app.config["RETENTION_DAYS"] = 30


def counts(app: Flask) -> dict[str, int]:
    with app.app_context(), db_of(app).session() as s:
        return {
            "users": s.scalar(select(func.count()).select_from(User)) or 0,
            "classrooms": s.scalar(select(func.count()).select_from(Classroom)) or 0,
        }


def test_a_dry_run_counts_by_table_and_deletes_nothing(app: Flask, later: None) -> None:
    (alice,) = ids(app, "alice")
    before = rows_of(app, alice)
    code, output = purge(app, "--dry-run")
    assert code == 0, output
    assert "1 unused student account(s) and 1 archived class(es) would be deleted" in output
    assert "  attempts: 2" in output and "  users: 1" in output and "  classrooms: 1" in output
    assert "Dry run: nothing was deleted." in output
    assert "QUIZAPP_AUDIT_RETENTION_DAYS is not set" in output
    assert rows_of(app, alice) == before and counts(app) == {"users": 3, "classrooms": 2}


def test_the_purge_deletes_what_ran_out_and_keeps_the_rest(app: Flask, later: None) -> None:
    alice, bob, teacher1 = ids(app, "alice", "bob", "teacher1")
    code, output = purge(app)
    assert code == 0, output
    assert "1 unused student account(s) and 1 archived class(es) deleted" in output
    assert rows_of(app, alice) == {}
    assert rows_of(app, bob)["users.id"] and rows_of(app, teacher1)["users.id"]
    with app.app_context(), db_of(app).session() as s:
        assert list(s.scalars(select(Classroom.name))) == ["Open class"]
        trail = s.execute(select(AuditEvent.actor_name, AuditEvent.action, AuditEvent.subject_name,
                                 AuditEvent.classroom_name)).all()  # fmt: skip
    assert sorted((tuple(r) for r in trail), key=str) == [
        ("quizapp purge", "purged", None, "Class 1"),
        ("quizapp purge", "purged", None, None),
    ]
    assert "0 unused student account(s) and 0 archived" in purge(app)[1]  # nothing left


def test_a_class_brought_back_is_not_purged(app: Flask, later: None) -> None:
    with app.app_context(), db_of(app).write() as s:
        s.execute(update(Classroom).values(archived=False, archived_at=None))
    assert "and 0 archived class(es) deleted" in purge(app)[1]
    assert counts(app)["classrooms"] == 2


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (0, "QUIZAPP_RETENTION_DAYS is 0: a retention period must be at least 1 day"),
        (-7, "QUIZAPP_RETENTION_DAYS is -7: a retention period must be at least 1 day"),
        ("a month", "QUIZAPP_RETENTION_DAYS must be a whole number of days"),
        (None, "Neither QUIZAPP_RETENTION_DAYS nor QUIZAPP_AUDIT_RETENTION_DAYS is set: "
               "nothing was purged"),
    ],
)  # fmt: skip
def test_a_bad_or_missing_period_purges_nothing(
    app: Flask, later: None, days: object, said: str
) -> None:
    app.config["RETENTION_DAYS"] = days
    for args in ((), ("--dry-run",)):
        code, output = purge(app, *args)
        assert code == 1 and said in output
    assert counts(app) == {"users": 3, "classrooms": 2}


def test_a_bad_audit_period_purges_nothing_either(app: Flask, later: None) -> None:
    app.config["AUDIT_RETENTION_DAYS"] = 0
    code, output = purge(app)
    assert code == 1 and "QUIZAPP_AUDIT_RETENTION_DAYS is 0" in output
    assert counts(app) == {"users": 3, "classrooms": 2}


def test_audit_events_are_kept_for_their_own_period(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice, room = ids(app, "alice")[0], class_id(app)
    client = app.test_client()
    Auth(client).login("teacher1")
    client.get(f"/teach/classes/{room}/students/{alice}")
    with app.app_context(), db_of(app).write() as s:
        s.execute(update(AuditEvent).values(at=utcnow() - timedelta(days=400)))
    client.get(f"/teach/classes/{room}/students/{alice}")  # a recent one
    app.config["AUDIT_RETENTION_DAYS"] = 365
    code, output = purge(app)
    assert code == 0 and "  audit_events: 1" in output
    assert "QUIZAPP_RETENTION_DAYS is not set: that part is kept" in output
    with app.app_context(), db_of(app).session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 1
    assert counts(app)["users"] == 3
