"""Late work is taken until a set moment; the key of "after the due date" opens only then;
teacher accounts never join a class as students (security review F9, F10)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from quizapp.db.models import Assignment, Attempt, Membership, utcnow
from tests.web.conftest import CODE, Auth, csrf_token
from tests.web.teach_data import add_assignment, add_users, class_id, db_of

FORMAT = "%Y-%m-%dT%H:%M"


def assign(client: FlaskClient, cid: int, **form: str) -> tuple[int, str]:
    page = client.get(f"/teach/classes/{cid}/assignments/new").get_data(as_text=True)
    response = client.post(
        f"/teach/classes/{cid}/assignments/new",
        data={"csrf_token": csrf_token(page), "quiz": "iran-hamas-meeting", "max_attempts": "2",
              "counting": "best", "feedback": "after_due", **form},
    )  # fmt: skip
    return response.status_code, response.get_data(as_text=True)


def test_late_window_defaults_to_a_week_and_must_follow_the_due_date(
    app: Flask, client: FlaskClient
) -> None:
    cid = class_id(app)
    due = (utcnow() + timedelta(days=2)).replace(second=0, microsecond=0)
    Auth(client).login("teacher1")
    status, html = assign(client, cid, due_at=due.strftime(FORMAT), allow_late="y",
                          late_until=due.strftime(FORMAT))  # fmt: skip
    assert status == 200 and "Late work must be taken until after the due date." in html
    with app.app_context(), db_of(app).session() as s:
        assert s.scalars(select(Assignment)).all() == []
    status, _ = assign(client, cid, due_at=due.strftime(FORMAT), allow_late="y")
    assert status == 302
    with app.app_context(), db_of(app).session() as s:
        row = s.scalars(select(Assignment)).one()
        assert (row.allow_late, row.late_until) == (True, due + timedelta(days=7))
        assert row.hold_practice is False


def test_the_teacher_is_told_that_public_practice_shows_feedback(
    app: Flask, client: FlaskClient
) -> None:
    Auth(client).login("teacher1")
    due = (utcnow() + timedelta(days=2)).strftime(FORMAT)
    page = client.get(f"/teach/classes/{class_id(app)}/assignments/new").get_data(as_text=True)
    assert "hold back feedback on this quiz" in page.lower()
    client.post(
        f"/teach/classes/{class_id(app)}/assignments/new",
        data={"csrf_token": csrf_token(page), "quiz": "iran-hamas-meeting", "max_attempts": "1",
              "counting": "best", "feedback": "never", "due_at": due},
    )  # fmt: skip
    assert "open to anyone as practice" in client.get("/teach").get_data(as_text=True) + (
        client.get(f"/teach/classes/{class_id(app)}").get_data(as_text=True)
    )


def submit(client: FlaskClient, aid: int, digest: str) -> Any:
    """A confirmed attempt at the assignment, sent with the same token each time."""
    return client.post(
        f"/assignments/{aid}/submit",
        data={"csrf_token": csrf_token(client.get("/").get_data(as_text=True)),
              "version": digest, "token": "t" * 32, "confirm": "1"},
    )  # fmt: skip


def test_no_late_attempt_after_the_late_window(app: Flask, client: FlaskClient) -> None:
    now = utcnow()
    aid = add_assignment(
        app, class_id(app), due_at=now - timedelta(days=2), late_until=now - timedelta(hours=1)
    )
    Auth(client).login("alice")
    page = client.get(f"/assignments/{aid}").get_data(as_text=True)
    assert "late work" in page.lower()
    with app.app_context(), db_of(app).session() as s:
        digest = s.get(Assignment, aid).version.digest
    response = submit(client, aid, digest)
    assert response.status_code == 409
    assert "late work has passed" in response.get_data(as_text=True)
    with app.app_context(), db_of(app).session() as s:
        assert s.scalars(select(Attempt)).all() == []
    # Within the window it is taken, marked late.
    with app.app_context(), db_of(app).write() as s:
        s.execute(update(Assignment).values(late_until=now + timedelta(hours=1)))
    response = submit(client, aid, digest)
    assert response.status_code == 302
    with app.app_context(), db_of(app).session() as s:
        assert s.scalars(select(Attempt.late)).one() is True


def test_a_teacher_account_cannot_join_a_class(app: Flask, client: FlaskClient) -> None:
    (teacher2,) = add_users(app, ["teacher2"], "teacher")
    Auth(client).login("teacher2")
    page = client.get("/join").get_data(as_text=True)
    response = client.post("/join", data={"csrf_token": csrf_token(page), "join_code": CODE})
    assert response.status_code == 400
    assert "Teacher accounts cannot join a class" in response.get_data(as_text=True)
    with app.app_context(), db_of(app).session() as s:
        assert s.scalar(select(Membership).where(Membership.user_id == teacher2)) is None
    aid = add_assignment(app, class_id(app))
    assert client.get(f"/assignments/{aid}").status_code in (403, 404)
