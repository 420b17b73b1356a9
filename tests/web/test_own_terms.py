"""A student given more attempts or a later due date sees their own terms on the quiz page
and on the closed page, not the class's."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from quizapp.db.models import AssignmentException, utcnow
from tests.web.conftest import Auth
from tests.web.teach_data import add_assignment, class_id, db_of, ids


def test_own_due_date_and_limit_on_the_quiz_page(app: Flask, client: FlaskClient) -> None:
    now = utcnow().replace(second=0, microsecond=0)
    aid = add_assignment(
        app, class_id(app), max_attempts=1, allow_late=False, due_at=now - timedelta(hours=2)
    )
    alice, bob = ids(app, "alice", "bob")
    with app.app_context(), db_of(app).write() as s:
        s.add(AssignmentException(assignment_id=aid, user_id=alice, extra_attempts=2,
                                  due_at=now + timedelta(days=1)))  # fmt: skip
    Auth(client).login("alice")
    page = client.get(f"/assignments/{aid}").get_data(as_text=True)
    assert "3 attempts allowed" in page and "(your own due date)" in page
    Auth(client).logout()
    Auth(client).login("bob")
    page = client.get(f"/assignments/{aid}").get_data(as_text=True)
    assert "takes no late work" in page and 'id="quiz-form"' not in page
    assert bob != alice
