"""Assigning a quiz: the pinned version, the rules stored, and bad input refused whole."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from quizapp.db.models import Assignment, QuizVersion, utcnow
from quizapp.db.writes import WriteError, create_assignment
from tests.web.conftest import Auth, csrf_token
from tests.web.teach_data import SEED, class_id, db_of, ids

FORMAT = "%Y-%m-%dT%H:%M"


def assign(client: FlaskClient, classroom_id: int, **fields: Any) -> Any:
    url = f"/teach/classes/{classroom_id}/assignments/new"
    token = csrf_token(client.get(url).get_data(as_text=True))
    data = {
        "csrf_token": token,
        "quiz": SEED,
        "opens_at": "",
        "due_at": (utcnow() + timedelta(days=7)).strftime(FORMAT),
        "max_attempts": "2",
        "counting": "last",
        "feedback": "after_due",
        "allow_late": "y",
        **fields,
    }
    return client.post(url, data={k: v for k, v in data.items() if v is not None})


def stored(app: Flask) -> list[Assignment]:
    with app.app_context(), db_of(app).session() as s:
        return list(s.scalars(select(Assignment)))


def test_assigning_pins_the_current_version_with_its_rules(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    auth.login("teacher1")
    response = assign(client, cid)
    assert response.status_code == 302
    (a,) = stored(app)
    assert (a.max_attempts, a.counting, a.feedback, a.allow_late) == (2, "last", "after_due", True)
    assert abs(a.opens_at - utcnow()) < timedelta(minutes=1)  # empty means now
    with app.app_context(), db_of(app).write() as s:
        version = s.get(QuizVersion, a.version_id)
        assert version is not None and version.quiz_id == SEED and version.current
        # The quiz changes later: the assignment keeps the version it was given.
        s.execute(update(QuizVersion).where(QuizVersion.id == a.version_id).values(current=False))
    (again,) = stored(app)
    assert again.version_id == a.version_id
    html = client.get(f"/teach/classes/{cid}").get_data(as_text=True)
    assert "2 attempts, last counts" in html and "late work accepted" in html


def test_the_form_preselects_a_quiz_from_the_quiz_list(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    html = client.get(f"/teach/classes/{class_id(app)}/assignments/new?quiz={SEED}")
    assert f'<option selected value="{SEED}">' in html.get_data(as_text=True)


def _past(**delta: int) -> str:
    return (utcnow() - timedelta(**delta)).strftime(FORMAT)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"due_at": _past(days=1)}, "The due date is in the past."),
        ({"opens_at": _past(days=2)}, "The opening date is in the past"),
        ({"due_at": ""}, "Give a due date and time."),
        ({"due_at": "next tuesday"}, "Not a valid datetime value."),
        (
            {"opens_at": (utcnow() + timedelta(days=9)).strftime(FORMAT)},
            "The due date must come after the opening date.",
        ),
        ({"max_attempts": "0"}, "Allow from 1 to 20 attempts."),
        ({"max_attempts": "-3"}, "Allow from 1 to 20 attempts."),
        ({"max_attempts": "many"}, "Not a valid integer value."),
        ({"quiz": "no-such-quiz"}, "There is no such quiz; choose one from the list."),
        ({"quiz": None}, "There is no such quiz; choose one from the list."),
        ({"counting": "average"}, "Not a valid choice."),
        ({"feedback": "sometimes"}, "Not a valid choice."),
    ],
)
def test_bad_input_is_a_form_error_and_stores_nothing(
    app: Flask, client: FlaskClient, auth: Auth, fields: dict[str, Any], message: str
) -> None:
    auth.login("teacher1")
    response = assign(client, class_id(app), **fields)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert stored(app) == []


def test_an_archived_class_takes_no_new_assignments(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    auth.login("teacher1")
    token = csrf_token(client.get("/teach").get_data(as_text=True))
    client.post(f"/teach/classes/{cid}/archive", data={"csrf_token": token, "value": "1"})
    html = assign(client, cid).get_data(as_text=True)
    assert "This class is archived" in html
    assert stored(app) == []


def test_the_write_refuses_what_the_form_would(app: Flask) -> None:
    now = utcnow()
    good = {"opens_at": now, "due_at": now + timedelta(days=1), "max_attempts": 1,
            "counting": "best", "feedback": "never", "allow_late": False}  # fmt: skip
    teacher, alice = ids(app, "teacher1", "alice")
    cid = class_id(app)
    with app.app_context():
        for who, quiz, changes, message in [
            (teacher, SEED, {"max_attempts": 0}, "Allow from 1 to 20 attempts"),
            (teacher, SEED, {"max_attempts": 21}, "Allow from 1 to 20 attempts"),
            (
                teacher,
                SEED,
                {"opens_at": now - timedelta(hours=2), "due_at": now - timedelta(hours=1)},
                "due date is in the past",
            ),
            (teacher, SEED, {"opens_at": now + timedelta(days=2)}, "after the opening date"),
            (teacher, SEED, {"counting": "mean"}, "which attempt counts"),
            (teacher, "missing", {}, "There is no quiz 'missing'"),
            (alice, SEED, {}, "no such class of yours"),
        ]:
            with pytest.raises(WriteError, match=message):
                create_assignment(db_of(app), who, cid, quiz, **{**good, **changes})
    assert stored(app) == []
