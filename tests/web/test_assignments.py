"""The student side of assignments: listing, status, limits, dates and feedback timing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db.models import Attempt, Classroom, utcnow
from tests.web.conftest import Auth
from tests.web.teach_data import add_assignment


def make_assignment(app: Flask, **fields: Any) -> int:
    """An assignment of the seed quiz for 'Class 1' (alice and bob are in it): one attempt,
    no late work, unless ``fields`` say otherwise."""
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        classroom_id = s.scalar(select(Classroom.id).where(Classroom.name == "Class 1"))
    assert classroom_id is not None
    return add_assignment(app, classroom_id, **{"max_attempts": 1, "allow_late": False, **fields})


def attempts(app: Flask) -> int:
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        return int(s.scalar(select(func.count()).select_from(Attempt)) or 0)


def take(client: FlaskClient, assignment_id: int) -> dict[str, str]:
    import re

    html = client.get(f"/assignments/{assignment_id}").get_data(as_text=True)
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)  # type: ignore[union-attr]
        for name in ("csrf_token", "version", "token")
    }


def submit(client: FlaskClient, assignment_id: int, fields: dict[str, str], **extra: str) -> Any:
    """Submit and confirm on the review page (``confirm=1``), as the student's second post."""
    return client.post(
        f"/assignments/{assignment_id}/submit", data={**fields, "confirm": "1", **extra}
    )


def status_on_home(client: FlaskClient) -> str:
    import re

    html = client.get("/").get_data(as_text=True)
    match = re.search(r'<span class="badge status-[a-z-]+">([a-z ]+)</span>', html)
    return match.group(1) if match else ""


def test_status_goes_from_not_started_to_submitted(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    aid = make_assignment(app)
    auth.login()
    assert status_on_home(client) == "not started"
    fields = take(client, aid)
    assert status_on_home(client) == "in progress"
    response = submit(client, aid, fields)
    assert response.status_code == 302 and "/attempts/" in response.headers["Location"]
    assert status_on_home(client) == "submitted"


def test_the_attempt_limit_holds(app: Flask, client: FlaskClient, auth: Auth) -> None:
    aid = make_assignment(app, max_attempts=1)
    auth.login()
    first = take(client, aid)
    second = dict(first, token="another-token-for-a-second-try")
    assert submit(client, aid, first).status_code == 302
    refused = submit(client, aid, second)
    assert refused.status_code == 409
    assert "You have used all 1 attempt(s)." in refused.get_data(as_text=True)
    assert attempts(app) == 1
    assert "You have used all 1 attempt(s)." in client.get(f"/assignments/{aid}").get_data(
        as_text=True
    )


def test_a_resent_form_is_one_attempt(app: Flask, client: FlaskClient, auth: Auth) -> None:
    aid = make_assignment(app, max_attempts=3)
    auth.login()
    fields = take(client, aid)
    locations = {submit(client, aid, fields).headers["Location"] for _ in range(3)}
    assert len(locations) == 1 and attempts(app) == 1


@pytest.mark.parametrize(
    ("fields", "who", "status", "reason"),
    [
        ({"opens_at": utcnow() + timedelta(days=1)}, "alice", 403, "This assignment opens on"),
        ({}, "teacher1", 404, "There is no such assignment of yours."),
    ],
)
def test_who_and_when(app: Flask, client: FlaskClient, auth: Auth, fields: dict[str, Any],
                      who: str, status: int, reason: str) -> None:  # fmt: skip
    aid = make_assignment(app, **fields)
    auth.login(who)
    response = client.get(f"/assignments/{aid}")
    assert response.status_code == status and reason in response.get_data(as_text=True)


def test_anonymous_is_sent_to_log_in(app: Flask, client: FlaskClient) -> None:
    aid = make_assignment(app)
    assert client.get(f"/assignments/{aid}").status_code == 302


def test_late_work_refused_or_accepted_and_marked(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    closed = make_assignment(app, due_at=utcnow() - timedelta(minutes=1))
    open_late = make_assignment(app, due_at=utcnow() + timedelta(seconds=2), allow_late=True)
    auth.login()
    page = client.get(f"/assignments/{closed}").get_data(as_text=True)
    assert "takes no late work" in page
    fields = take(client, open_late)
    import time

    time.sleep(2.1)
    assert submit(client, open_late, fields).status_code == 302
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        assert s.scalar(select(Attempt.late)) is True
    assert status_on_home(client) == "late"


@pytest.mark.parametrize(
    ("feedback", "shown"), [("immediate", True), ("never", False), ("after_due", False)]
)
def test_feedback_timing(
    app: Flask, client: FlaskClient, auth: Auth, feedback: str, shown: bool
) -> None:
    aid = make_assignment(app, feedback=feedback)
    auth.login()
    location = submit(client, aid, take(client, aid)).headers["Location"]
    html = client.get(location).get_data(as_text=True)
    assert ("The article, marked" in html) is shown
    assert ("<h1>Submitted</h1>" in html) is not shown


def test_another_version_is_refused(app: Flask, client: FlaskClient, auth: Auth) -> None:
    aid = make_assignment(app)
    auth.login()
    response = submit(client, aid, take(client, aid), version="0" * 64)
    assert response.status_code == 400 and attempts(app) == 0


def test_a_student_joins_another_class(app: Flask, client: FlaskClient, auth: Auth) -> None:
    from quizapp.db.writes import create_classroom
    from tests.web.conftest import csrf_token

    with app.app_context():
        create_classroom(app.extensions["quizapp.db"], 1, "Class 2", "SECOND23")
    auth.login()

    def join(code: str) -> Any:
        page = client.get("/join").get_data(as_text=True)
        return client.post("/join", data={"join_code": code, "csrf_token": csrf_token(page)})

    assert join("second-23").status_code == 302
    again = join("SECOND23")
    assert again.status_code == 400 and "You are in Class 2 already." in again.get_data(
        as_text=True
    )
    wrong = join("WRONG234")
    assert wrong.status_code == 400 and "That class code is not valid" in wrong.get_data(
        as_text=True
    )
