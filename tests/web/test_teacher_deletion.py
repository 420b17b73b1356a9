"""A teacher deletes a student's data from their class, or a whole archived class (issue 17):
only that class's part goes, never another class's or the student's practice; another
teacher's student or class is a 404 and nothing is touched."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, insert, select, update

from quizapp.db.models import (
    Assignment,
    AssignmentException,
    AssignmentStart,
    Attempt,
    Base,
    Classroom,
    Membership,
)
from tests.web.conftest import Auth, csrf_token
from tests.web.teach_data import add_assignment, add_attempt, add_class, add_users, class_id, db_of
from tests.web.teach_data import ids as ids_of


def world(app: Flask) -> dict[str, int]:
    """alice in teacher1's Class 1 and teacher2's Class 2, with an attempt, a start and an
    exception in each, and a practice attempt; bob in Class 1 with an attempt."""
    teacher1, alice, bob = ids_of(app, "teacher1", "alice", "bob")
    (teacher2,) = add_users(app, ["teacher2"], "teacher")
    c1 = class_id(app)
    c2, _ = add_class(app, teacher2, "Class 2", [alice])
    a1, a2 = add_assignment(app, c1), add_assignment(app, c2)
    for aid in (a1, a2):
        add_attempt(app, alice, aid)
        with app.app_context(), db_of(app).write() as s:
            s.execute(insert(AssignmentStart).values(assignment_id=aid, user_id=alice))
            s.execute(insert(AssignmentException).values(assignment_id=aid, user_id=alice))
    practice, _ = add_attempt(app, alice, a1)
    add_attempt(app, bob, a1)
    with app.app_context(), db_of(app).write() as s:
        s.execute(update(Attempt).where(Attempt.id == practice).values(assignment_id=None))
    return {"teacher1": teacher1, "teacher2": teacher2, "alice": alice, "bob": bob,
            "c1": c1, "c2": c2, "a1": a1, "a2": a2}  # fmt: skip


def snapshot(app: Flask) -> dict[str, list[Any]]:
    """Every row of every table but the trail and users' last activity."""
    with app.app_context(), db_of(app).session() as s:
        return {
            t.name: sorted(
                (tuple(r) for r in s.execute(
                    select(*[c for c in t.columns if c.name != "last_seen_at"]))),
                key=str,
            )
            for t in Base.metadata.sorted_tables if t.name != "audit_events"
        }  # fmt: skip


def confirm(client: FlaskClient, path: str) -> Any:
    page = client.get(path)
    token = csrf_token(page.get_data(as_text=True)) if page.status_code == 200 else csrf_token(
        client.get("/teach").get_data(as_text=True))  # fmt: skip
    return client.post(path, data={"csrf_token": token})


def count(app: Flask, model: Any, *where: Any) -> int:
    with app.app_context(), db_of(app).session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_a_teacher_deletes_a_students_part_of_their_class_only(app: Flask) -> None:
    w = world(app)
    client = app.test_client()
    Auth(client).login("teacher1")
    path = f"/teach/classes/{w['c1']}/students/{w['alice']}/delete-data"
    page = client.get(path).get_data(as_text=True)
    assert "1 attempt at this class" in page and "1 extra attempt" in page
    response = confirm(client, path)
    assert response.status_code == 302
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "alice&#39;s data in this class is deleted" in shown
    alice = Attempt.user_id == w["alice"]
    # Class 1's part is gone; Class 2's and the practice attempt stay.
    assert count(app, Attempt, alice, Attempt.assignment_id == w["a1"]) == 0
    assert count(app, Attempt, alice, Attempt.assignment_id == w["a2"]) == 1
    assert count(app, Attempt, alice, Attempt.assignment_id.is_(None)) == 1
    assert count(app, Membership, Membership.user_id == w["alice"]) == 1
    assert count(app, AssignmentStart, AssignmentStart.user_id == w["alice"]) == 1
    assert count(app, AssignmentException, AssignmentException.user_id == w["alice"]) == 1
    # bob's attempt in the class stays.
    assert count(app, Attempt, Attempt.user_id == w["bob"]) == 1


def test_another_teachers_student_is_a_404_and_nothing_is_touched(app: Flask) -> None:
    w = world(app)
    before = snapshot(app)
    client = app.test_client()
    Auth(client).login("teacher2")
    for path in (
        f"/teach/classes/{w['c1']}/students/{w['alice']}/delete-data",  # not their class
        f"/teach/classes/{w['c2']}/students/{w['bob']}/delete-data",  # not their student
        f"/teach/classes/{w['c1']}/delete",
    ):
        assert client.get(path).status_code == 404
        assert confirm(client, path).status_code == 404
    assert snapshot(app) == before


def test_an_open_class_is_refused_an_archived_one_deleted(app: Flask) -> None:
    w = world(app)
    before = snapshot(app)
    client = app.test_client()
    Auth(client).login("teacher1")
    path = f"/teach/classes/{w['c1']}/delete"
    page = client.get(path)
    assert page.status_code == 200 and "Archive the class first" in page.get_data(as_text=True)
    token = csrf_token(client.get("/teach").get_data(as_text=True))
    refused = client.post(path, data={"csrf_token": token})
    assert refused.status_code == 409 and "Archive the class first" in refused.get_data(
        as_text=True
    )
    assert snapshot(app) == before
    client.post(f"/teach/classes/{w['c1']}/archive", data={"csrf_token": token, "value": "1"})
    with app.app_context(), db_of(app).session() as s:
        assert s.scalar(select(Classroom.archived_at).where(Classroom.id == w["c1"]))
    assert "2 attempts made in it" in client.get(path).get_data(as_text=True)
    assert confirm(client, path).status_code == 302
    with app.app_context(), db_of(app).session() as s:
        assert s.get(Classroom, w["c1"]) is None
        assert set(s.scalars(select(Assignment.id))) == {w["a2"]}
    # Class 2's attempt and alice's practice stay; the accounts stay.
    assert count(app, Attempt) == 2
    assert ids_of(app, "alice", "bob") == [w["alice"], w["bob"]]


def test_without_csrf_nothing_is_deleted(app: Flask) -> None:
    w = world(app)
    before = snapshot(app)
    client = app.test_client()
    Auth(client).login("teacher1")
    response = client.post(f"/teach/classes/{w['c1']}/students/{w['alice']}/delete-data")
    assert response.status_code == 400
    assert snapshot(app) == before
