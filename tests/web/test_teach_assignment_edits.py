"""Changing and deleting a set assignment: the rules stored and shown, bad input and
attempts refused with nothing changed, and only the teacher's own assignments touched."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db.models import Assignment, AssignmentStart, Attempt, QuizVersion, utcnow
from quizapp.db.writes import WriteError, delete_assignment, mark_started, update_assignment
from tests.web.conftest import Auth, csrf_token
from tests.web.teach_data import (
    SEED,
    add_assignment,
    add_attempt,
    add_class,
    add_users,
    class_id,
    db_of,
    ids,
)

FORMAT = "%Y-%m-%dT%H:%M"
OTHER_QUIZ = "marathon-record"


def page_of(classroom_id: int, assignment_id: int) -> str:
    return f"/teach/classes/{classroom_id}/assignments/{assignment_id}"


def edit(client: FlaskClient, cid: int, aid: int, **fields: Any) -> Any:
    """Post the edit form as the page gives it, with ``fields`` changed (None: left out)."""
    token = csrf_token(client.get(page_of(cid, aid)).get_data(as_text=True))
    data = {
        "csrf_token": token,
        "opens_at": (utcnow() - timedelta(days=1)).strftime(FORMAT),
        "due_at": (utcnow() + timedelta(days=10)).strftime(FORMAT),
        "max_attempts": "5",
        "counting": "first",
        "feedback": "never",
        **fields,
    }
    return client.post(
        f"{page_of(cid, aid)}/edit", data={k: v for k, v in data.items() if v is not None}
    )


def rules(app: Flask, aid: int) -> tuple[Any, ...]:
    with app.app_context(), db_of(app).session() as s:
        a = s.get(Assignment, aid)
        assert a is not None
        return (a.version_id, a.opens_at, a.due_at, a.max_attempts, a.counting, a.feedback,
                a.allow_late)  # fmt: skip


def version_of(app: Flask, quiz_id: str) -> int:
    with app.app_context(), db_of(app).session() as s:
        found = s.scalar(
            select(QuizVersion.id).where(QuizVersion.quiz_id == quiz_id, QuizVersion.current)
        )
    assert found is not None
    return found


def count(app: Flask, model: Any) -> int:
    with app.app_context(), db_of(app).session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_the_page_holds_the_form_filled_in(app: Flask, client: FlaskClient, auth: Auth) -> None:
    cid = class_id(app)
    aid = add_assignment(app, cid, max_attempts=4, counting="last")
    auth.login("teacher1")
    html = client.get(page_of(cid, aid)).get_data(as_text=True)
    assert f'action="{page_of(cid, aid)}/edit"' in html
    assert re.search(r'<input [^>]*name="max_attempts"[^>]*value="4"', html)
    assert re.search(r'<input [^>]*checked[^>]*name="counting"[^>]*value="last"', html)
    assert "Nobody has submitted yet" in html and "disabled" not in html
    assert "<script" not in html.split("<main", 1)[1]  # the CSP allows no inline script


def test_editing_stores_the_changes_and_the_pages_show_them(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    aid = add_assignment(app, cid)
    auth.login("teacher1")
    due = (utcnow() + timedelta(days=10)).replace(second=0, microsecond=0)
    response = edit(client, cid, aid, due_at=due.strftime(FORMAT))
    assert response.status_code == 302 and response.headers["Location"] == page_of(cid, aid)
    version, _, due_at, *rest = rules(app, aid)
    assert (version, due_at, *rest) == (version_of(app, SEED), due, 5, "first", "never", False)
    html = client.get(page_of(cid, aid)).get_data(as_text=True)
    assert "Assignment changed." in html and f"Due {due:%d %b %Y, %H:%M} UTC" in html
    html = client.get(f"/teach/classes/{cid}").get_data(as_text=True)
    assert "5 attempts, first counts" in html and "late work refused" in html


def test_an_empty_opening_date_means_now_and_a_past_due_date_closes_it(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    aid = add_assignment(app, cid)
    auth.login("teacher1")
    past = utcnow() - timedelta(hours=1)
    response = edit(client, cid, aid, opens_at=(past - timedelta(days=3)).strftime(FORMAT),
                    due_at=past.strftime(FORMAT))  # fmt: skip
    assert response.status_code == 302
    assert rules(app, aid)[2] == past.replace(second=0, microsecond=0)
    assert edit(client, cid, aid, opens_at="").status_code == 302
    assert abs(rules(app, aid)[1] - utcnow()) < timedelta(minutes=1)


def _at(**delta: int) -> str:
    return (utcnow() + timedelta(**delta)).strftime(FORMAT)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"opens_at": _at(days=12)}, "The due date must come after the opening date."),
        ({"due_at": ""}, "Give a due date and time."),
        ({"due_at": None}, "Give a due date and time."),
        ({"due_at": "friday"}, "Not a valid datetime value."),
        ({"max_attempts": "0"}, "Allow from 1 to 20 attempts."),
        ({"max_attempts": "21"}, "Allow from 1 to 20 attempts."),
        ({"max_attempts": "lots"}, "Not a valid integer value."),
        ({"counting": "average"}, "Not a valid choice."),
        ({"feedback": "sometimes"}, "Not a valid choice."),
        ({"version_id": "999999"}, "There is no such quiz; choose one from the list."),
        ({"version_id": "x"}, "Invalid Choice: could not coerce."),
    ],
)
def test_bad_input_is_a_form_error_and_changes_nothing(
    app: Flask, client: FlaskClient, auth: Auth, fields: dict[str, Any], message: str
) -> None:
    cid = class_id(app)
    aid = add_assignment(app, cid)
    before = rules(app, aid)
    auth.login("teacher1")
    response = edit(client, cid, aid, **fields)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html
    assert 'id="edit" open' in html  # the form stays open on its errors
    assert rules(app, aid) == before


def test_the_version_changes_only_while_nobody_has_submitted(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    (alice,) = ids(app, "alice")
    aid = add_assignment(app, cid)
    auth.login("teacher1")
    other = version_of(app, OTHER_QUIZ)
    assert edit(client, cid, aid, version_id=str(other)).status_code == 302
    assert rules(app, aid)[0] == other

    add_attempt(app, alice, aid)
    before = rules(app, aid)
    html = client.get(page_of(cid, aid)).get_data(as_text=True)
    assert "1 attempt was submitted on this version, so it cannot change now." in html
    assert 'disabled id="version_id"' in html
    # The disabled list is not sent: the rest changes, the version stays.
    assert edit(client, cid, aid, max_attempts="7").status_code == 302
    assert rules(app, aid)[0] == other and rules(app, aid)[3] == 7
    before = rules(app, aid)
    response = edit(client, cid, aid, version_id=str(version_of(app, SEED)), max_attempts="9")
    assert response.status_code == 200
    assert "1 attempt was submitted on the pinned version" in response.get_data(as_text=True)
    assert rules(app, aid) == before
    teacher, now = ids(app, "teacher1")[0], utcnow()
    with app.app_context(), pytest.raises(WriteError, match="1 attempt was submitted"):
        update_assignment(
            db_of(app), teacher, cid, aid, version_id=version_of(app, SEED), opens_at=now,
            due_at=now + timedelta(days=1), max_attempts=1, counting="best",
            feedback="never", allow_late=False,
        )  # fmt: skip
    assert rules(app, aid) == before


def test_lowering_the_limit_below_what_was_used_keeps_the_attempts(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    (alice,) = ids(app, "alice")
    aid = add_assignment(app, cid, max_attempts=3)
    add_attempt(app, alice, aid)
    add_attempt(app, alice, aid)
    auth.login("teacher1")
    assert "The most one student has used so far: 2." in client.get(page_of(cid, aid)).get_data(
        as_text=True
    )
    response = edit(client, cid, aid, max_attempts="1")
    assert response.status_code == 302 and rules(app, aid)[3] == 1
    html = client.get(page_of(cid, aid)).get_data(as_text=True)
    assert "used more attempts (up to 2) than the new limit allows: those attempts stay" in html
    assert count(app, Attempt) == 2


def test_deleting_asks_first_then_removes_it_with_its_starts(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    (alice,) = ids(app, "alice")
    aid = add_assignment(app, cid)
    keep = add_assignment(app, cid, OTHER_QUIZ)
    with app.app_context():
        mark_started(db_of(app), aid, alice)
        mark_started(db_of(app), keep, alice)
    auth.login("teacher1")
    page = client.get(f"{page_of(cid, aid)}/delete")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert (
        "Delete the assignment “Khamenei meets" in html
        and '<button type="submit" class="danger">' in html
    )
    assert count(app, Assignment) == 2  # asking deletes nothing
    response = client.post(f"{page_of(cid, aid)}/delete", data={"csrf_token": csrf_token(html)})
    assert response.status_code == 302 and response.headers["Location"] == f"/teach/classes/{cid}"
    assert "Assignment deleted: Khamenei meets" in client.get(f"/teach/classes/{cid}").get_data(
        as_text=True
    )
    with app.app_context(), db_of(app).session() as s:
        assert list(s.scalars(select(Assignment.id))) == [keep]
        assert list(s.scalars(select(AssignmentStart.assignment_id))) == [keep]
    assert client.get(page_of(cid, aid)).status_code == 404


def test_deleting_is_refused_once_anyone_has_submitted(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    alice, bob = ids(app, "alice", "bob")
    aid = add_assignment(app, cid)
    add_attempt(app, alice, aid)
    add_attempt(app, alice, aid)
    add_attempt(app, bob, aid)
    auth.login("teacher1")
    html = client.get(f"{page_of(cid, aid)}/delete").get_data(as_text=True)
    assert "3 attempts were submitted; set the due date instead." in html
    assert 'class="danger"' not in html
    response = client.post(f"{page_of(cid, aid)}/delete", data={"csrf_token": csrf_token(html)})
    assert response.status_code == 302 and response.headers["Location"] == page_of(cid, aid)
    html = client.get(page_of(cid, aid)).get_data(as_text=True)
    assert "3 attempts were submitted; set the due date instead." in html
    assert (count(app, Assignment), count(app, Attempt)) == (1, 3)


def test_both_need_the_csrf_token(app: Flask, client: FlaskClient, auth: Auth) -> None:
    cid = class_id(app)
    aid = add_assignment(app, cid)
    before = rules(app, aid)
    auth.login("teacher1")
    assert edit(client, cid, aid, csrf_token=None).status_code == 400
    assert edit(client, cid, aid, csrf_token="forged").status_code == 400
    assert client.post(f"{page_of(cid, aid)}/delete").status_code == 400
    assert rules(app, aid) == before and count(app, Assignment) == 1


def test_the_writes_touch_only_the_teachers_own_assignments(app: Flask) -> None:
    (teacher2,) = add_users(app, ["teacher2"], "teacher")
    teacher1 = ids(app, "teacher1")[0]
    c1 = class_id(app)
    c2, _ = add_class(app, teacher2, "Class 2")
    a1, a2 = add_assignment(app, c1), add_assignment(app, c2)
    before = rules(app, a1), rules(app, a2)
    now = utcnow()
    good: dict[str, Any] = {
        "version_id": before[0][0], "opens_at": now, "due_at": now + timedelta(days=1),
        "max_attempts": 2, "counting": "best", "feedback": "never", "allow_late": False,
    }  # fmt: skip
    with app.app_context():
        db = db_of(app)
        for who, cid, aid, message in [
            (teacher2, c1, a1, "no such class of yours"),  # another teacher's class
            (teacher1, c1, a2, "no such assignment in this class"),  # another class's
            (teacher2, c2, a1, "no such assignment in this class"),  # mixed
        ]:
            with pytest.raises(WriteError, match=message):
                update_assignment(db, who, cid, aid, **good)
            with pytest.raises(WriteError, match=message):
                delete_assignment(db, who, cid, aid)
        for changes, message in [
            ({"max_attempts": 0}, "from 1 to 20"),
            ({"max_attempts": 21}, "from 1 to 20"),
            ({"due_at": now}, "after the opening date"),
            ({"counting": "mean"}, "which attempt counts"),
            ({"version_id": 999999}, "no such quiz"),
        ]:
            with pytest.raises(WriteError, match=message):
                update_assignment(db, teacher1, c1, a1, **{**good, **changes})
    assert (rules(app, a1), rules(app, a2)) == before
    assert count(app, Assignment) == 2
