"""A student deletes their own account (issue 17, part 2): every row about them goes, on
both databases, in one transaction; nothing of anyone else is touched; teachers are refused."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import insert, select

from quizapp.db import erasure
from quizapp.db.models import AssignmentException, AssignmentStart, Attempt, Base
from tests.web.conftest import PASSWORD, Auth, csrf_token
from tests.web.teach_data import add_assignment, add_attempt, add_class, class_id, db_of, ids
from tests.web.test_privacy import personal_tables


def test_no_table_of_a_persons_data_is_left_out_of_the_deletion() -> None:
    missing = personal_tables() - set(erasure.TABLES)
    assert missing == set(), f"say in quizapp.db.erasure what deleting does to {sorted(missing)}"


def seed(app: Flask) -> dict[str, int]:
    """alice and bob each with a row in every table (two classes, a start, an exception,
    graded attempts: skills and spans), and an attempt of bob's voided."""
    teacher1, alice, bob = ids(app, "teacher1", "alice", "bob")
    c2, _ = add_class(app, teacher1, "Class 2", [alice, bob])
    a1, a2 = add_assignment(app, class_id(app)), add_assignment(app, c2)
    for student in (alice, bob):
        for aid in (a1, a2):
            add_attempt(app, student, aid)
    with app.app_context(), db_of(app).write() as s:
        for student in (alice, bob):
            s.execute(insert(AssignmentStart).values(assignment_id=a1, user_id=student))
            s.execute(
                insert(AssignmentException).values(
                    assignment_id=a1, user_id=student, extra_attempts=1, granted_by=teacher1
                )
            )
        s.execute(
            Attempt.__table__.update().where(Attempt.user_id == bob).values(voided_by=teacher1)
        )
    return {"alice": alice, "bob": bob, "teacher1": teacher1}


def rows_of(app: Flask, user_id: int) -> dict[str, list[Any]]:
    """Every row of every table referring to ``user_id``: in a column keyed to users, or
    keyed to one of the person's attempts."""
    found: dict[str, list[Any]] = {}
    with app.app_context(), db_of(app).session() as s:
        attempts = set(s.scalars(select(Attempt.id).where(Attempt.user_id == user_id)))
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                keys = {fk.column.table.name for fk in column.foreign_keys}
                if "users" in keys or table.name == "users" and column.name == "id":
                    wanted = [user_id]
                elif "attempts" in keys:
                    wanted = sorted(attempts)
                else:
                    continue
                # A login notes the day it happened: not a row about the person changing.
                shown = [c for c in table.columns if c.name != "last_seen_at"]
                rows = s.execute(select(*shown).where(column.in_(wanted))).all() if wanted else []
                if rows:
                    found[f"{table.name}.{column.name}"] = [tuple(r) for r in rows]
    return found


def confirm(client: FlaskClient, password: str = PASSWORD) -> Any:
    token = csrf_token(client.get("/my-account/delete").get_data(as_text=True))
    return client.post("/my-account/delete", data={"csrf_token": token, "password": password})


def test_a_student_deletes_everything_of_theirs_and_nothing_else(
    app: Flask, client: FlaskClient
) -> None:
    people = seed(app)
    alice = people["alice"]
    assert set(rows_of(app, alice)) >= {"users.id", "memberships.user_id", "attempts.user_id",
                                        "assignment_starts.user_id", "attempt_spans.attempt_id",
                                        "assignment_exceptions.user_id",
                                        "attempt_skills.attempt_id"}  # fmt: skip
    # bob's rows, and teacher1's but the exception granted to alice.
    others = {p: rows_of(app, i) for p, i in people.items() if p != "alice"}
    others["teacher1"]["assignment_exceptions.granted_by"] = [
        row for row in others["teacher1"]["assignment_exceptions.granted_by"] if row[1] != alice
    ]
    Auth(client).login("alice")
    page = client.get("/my-account/delete").get_data(as_text=True)
    assert "alice" in page and "2 classes" in page and "2 attempts" in page
    response = confirm(client)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "are deleted" in client.get("/").get_data(as_text=True)
    assert rows_of(app, alice) == {}
    assert {p: rows_of(app, people[p]) for p in others} == others
    # Logged out: her pages send her to log in, and she cannot log in again.
    assert client.get("/my-data.json").status_code == 302
    assert Auth(app.test_client()).login("alice").status_code != 302


def test_a_copied_session_ends_with_the_account(app: Flask) -> None:
    seed(app)
    first, second = app.test_client(), app.test_client()
    Auth(first).login("alice")
    Auth(second).login("alice")
    assert confirm(first).status_code == 302
    assert second.get("/my-data.json").status_code == 302


@pytest.mark.parametrize("password", ["wrong password", ""])
def test_a_wrong_password_deletes_nothing(app: Flask, client: FlaskClient, password: str) -> None:
    people = seed(app)
    before = rows_of(app, people["alice"])
    Auth(client).login("alice")
    response = confirm(client, password)
    assert response.status_code == 200 and 'role="alert"' in response.get_data(as_text=True)
    assert rows_of(app, people["alice"]) == before


def test_without_csrf_nothing_is_deleted(app: Flask, client: FlaskClient) -> None:
    people = seed(app)
    Auth(client).login("alice")
    client.post("/my-account/delete", data={"password": PASSWORD})
    assert rows_of(app, people["alice"])["users.id"]


def test_a_teacher_is_refused_with_a_reason(app: Flask, client: FlaskClient) -> None:
    people = seed(app)
    before = rows_of(app, people["teacher1"])
    Auth(client).login("teacher1")
    response = client.get("/my-account/delete")
    assert response.status_code == 403 and "classes" in response.get_data(as_text=True)
    token = csrf_token(client.get("/").get_data(as_text=True))
    response = client.post("/my-account/delete", data={"csrf_token": token, "password": PASSWORD})
    assert response.status_code == 403
    assert rows_of(app, people["teacher1"]) == before
    with app.app_context(), pytest.raises(erasure.NotAStudent):
        erasure.delete_student(db_of(app), people["teacher1"])


def test_anonymous_is_sent_to_log_in(client: FlaskClient) -> None:
    response = client.get("/my-account/delete")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_failure_midway_deletes_nothing(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All or nothing: an error before the user row goes rolls every delete back."""
    people = seed(app)
    before = rows_of(app, people["alice"])
    real = erasure.update

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("killed")

    monkeypatch.setattr(erasure, "update", failing)
    with app.app_context(), pytest.raises(RuntimeError):
        erasure.delete_student(db_of(app), people["alice"])
    monkeypatch.setattr(erasure, "update", real)
    assert rows_of(app, people["alice"]) == before


def test_wrong_passwords_are_limited_like_logins(app: Flask, client: FlaskClient) -> None:
    people = seed(app)
    Auth(client).login("alice")
    for _ in range(10):
        assert confirm(client, "wrong password!").status_code == 200
    assert confirm(client).status_code == 429
    assert rows_of(app, people["alice"])["users.id"]
