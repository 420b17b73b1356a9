"""A person's data to take away (issue 17, part 1): what the export holds, who may have it,
and a check that no table holding a student's data is left out of it."""

from __future__ import annotations

import csv
import io
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, insert, select

from quizapp.db import privacy
from quizapp.db.models import AssignmentException, AssignmentStart, Attempt, Base
from tests.web.conftest import Auth
from tests.web.teach_data import (
    add_assignment,
    add_attempt,
    add_class,
    add_users,
    class_id,
    db_of,
    ids,
    join,
)


def refers_to(table: Table, target: str) -> bool:
    return any(fk.column.table.name == target for fk in table.foreign_keys)


def personal_tables(metadata: MetaData = Base.metadata) -> set[str]:
    """Every table holding a person's data: a key to users.id, or to an attempt."""
    tables = metadata.tables.values()
    return {"users"} | {t.name for t in tables if refers_to(t, "users") or refers_to(t, "attempts")}


def test_no_table_of_a_persons_data_is_left_out_of_the_export() -> None:
    missing = personal_tables() - privacy.TABLES
    assert missing == set(), f"add {sorted(missing)} to quizapp.db.privacy.export_user and TABLES"


@pytest.mark.parametrize("target", ["users", "attempts"])
def test_the_walk_would_catch_a_new_table(target: str) -> None:
    """A table added with a key to a user or an attempt is found missing (the test above can
    fail)."""
    metadata = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(metadata)
    Table("notes_about", metadata, Column("id", Integer, primary_key=True),
          Column("about", ForeignKey(f"{target}.id")))  # fmt: skip
    assert personal_tables(metadata) - privacy.TABLES == {"notes_about"}


def everything_of_alice(app: Flask) -> tuple[int, int]:
    """alice with a class, a start, an exception and a graded attempt; returns her id and
    the assignment's."""
    teacher1, alice = ids(app, "teacher1", "alice")
    aid = add_assignment(app, class_id(app))
    add_attempt(app, alice, aid)
    with app.app_context(), db_of(app).write() as s:
        s.execute(insert(AssignmentStart).values(assignment_id=aid, user_id=alice))
        s.execute(
            insert(AssignmentException).values(
                assignment_id=aid, user_id=alice, extra_attempts=2, granted_by=teacher1
            )
        )
    return alice, aid


def test_a_student_downloads_everything_of_theirs(app: Flask, client: FlaskClient) -> None:
    alice, aid = everything_of_alice(app)
    (bob,) = ids(app, "bob")
    add_attempt(app, bob, aid)
    Auth(client).login("alice")
    response = client.get("/my-data.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["username"] == "alice" and data["account"]["role"] == "student"
    body = response.get_data(as_text=True)
    for secret in privacy.WITHHELD_COLUMNS + ("pbkdf2", "scrypt", "argon2"):
        assert secret not in body
    assert [c["name"] for c in data["classes"]] == ["Class 1"]
    assert data["assignment_starts"][0]["assignment"] == aid
    assert data["exceptions"][0]["extra_attempts"] == 2
    (attempt,) = data["attempts"]  # hers only, not bob's
    assert attempt["assignment"] == aid and attempt["number"] == 1
    assert attempt["skills"] and attempt["spans"] and "score" in attempt
    assert attempt["responses"] is not None

    rows = list(csv.reader(io.StringIO(client.get("/my-data.csv").get_data(as_text=True))))
    assert rows[0][0].lstrip("\ufeff") == "quiz" and len(rows) == 2
    assert "bob" not in client.get("/my-data.csv").get_data(as_text=True)


def test_scores_wait_for_the_feedback(app: Flask, client: FlaskClient) -> None:
    (alice,) = ids(app, "alice")
    aid = add_assignment(app, class_id(app), feedback="never")
    add_attempt(app, alice, aid)
    Auth(client).login("alice")
    (attempt,) = client.get("/my-data.json").get_json()["attempts"]
    assert "score" not in attempt and "spans" not in attempt and attempt["responses"] is not None
    row = list(csv.reader(io.StringIO(client.get("/my-data.csv").get_data(as_text=True))))[1]
    assert row[-3:] == ["", "", ""]


@pytest.mark.parametrize("path", ["/my-data.json", "/my-data.csv"])
def test_anonymous_is_sent_to_log_in(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_teacher_downloads_a_student_of_their_class_only(app: Flask) -> None:
    alice, _ = everything_of_alice(app)
    (teacher2,) = add_users(app, ["teacher2"], "teacher")
    (carol,) = add_users(app, ["carol"])
    c2, _ = add_class(app, teacher2, "Class 2", [carol])
    c1 = class_id(app)
    teacher = app.test_client()
    Auth(teacher).login("teacher1")
    response = teacher.get(f"/teach/classes/{c1}/students/{alice}/data.json")
    assert response.status_code == 200
    assert response.get_json()["attempts"][0]["score"] is not None
    assert teacher.get(f"/teach/classes/{c2}/students/{carol}/data.json").status_code == 404
    assert teacher.get(f"/teach/classes/{c1}/students/{carol}/data.json").status_code == 404
    other = app.test_client()
    Auth(other).login("teacher2")
    assert other.get(f"/teach/classes/{c1}/students/{alice}/data.json").status_code == 404


def test_the_pages_link_to_the_downloads(app: Flask, client: FlaskClient) -> None:
    (alice,) = ids(app, "alice")
    Auth(client).login("alice")
    assert 'href="/my-data.json"' in client.get("/progress").get_data(as_text=True)
    teacher = app.test_client()
    Auth(teacher).login("teacher1")
    page = teacher.get(f"/teach/classes/{class_id(app)}/students/{alice}").get_data(as_text=True)
    assert f"/students/{alice}/data.json" in page


def test_a_teachers_download_holds_only_their_class(app: Flask) -> None:
    """Alice is in two teachers' classes and practises on her own: each teacher's download
    holds that class's part only."""
    alice, _ = everything_of_alice(app)
    (teacher2,) = add_users(app, ["teacher2"], "teacher")
    c2, _ = add_class(app, teacher2, "Class 2", [])
    join(app, c2, [alice])
    add_attempt(app, alice, add_assignment(app, c2))
    c1 = class_id(app)
    own = app.test_client()
    Auth(own).login("alice")
    everything = own.get("/my-data.json").get_json()
    assert {a["class"] for a in everything["attempts"]} >= {"Class 1", "Class 2"}
    for teacher, room, name in (("teacher1", c1, "Class 1"), ("teacher2", c2, "Class 2")):
        client = app.test_client()
        Auth(client).login(teacher)
        export = client.get(f"/teach/classes/{room}/students/{alice}/data.json").get_json()
        assert [c["name"] for c in export["classes"]] == [name]
        assert export["attempts"] and {a["class"] for a in export["attempts"]} == {name}


def test_the_export_names_the_learning_platforms_and_their_grades(app: Flask) -> None:
    """A student who launched from a learning platform (LTI) sees the id it gave them and
    the scores queued for its gradebook."""
    from quizapp.db.models import LtiGrade, LtiLink, LtiPlatform, LtiUser

    alice, aid = everything_of_alice(app)
    with app.app_context(), db_of(app).write() as s:
        lms = LtiPlatform(name="School LMS", issuer="https://lms.test", client_id="c",
                          auth_login_url="https://lms.test/a", auth_token_url="https://lms.test/t",
                          key_set_url="https://lms.test/k")  # fmt: skip
        s.add(lms)
        s.flush()
        link = LtiLink(platform_id=lms.id, resource_link_id="r1", assignment_id=aid)
        s.add_all(
            [LtiUser(platform_id=lms.id, subject="sub-alice", kind="student", user_id=alice), link]
        )
        s.flush()
        attempt = s.scalar(select(Attempt.id).where(Attempt.user_id == alice))
        s.add(LtiGrade(attempt_id=attempt, link_id=link.id))
    with app.app_context(), db_of(app).session() as s:
        data = privacy.export_user(s, alice)
    assert data["learning_platforms"] == [{"platform": "School LMS", "your_id_there": "sub-alice"}]
    assert data["grades_for_platforms"] == [{"attempt": attempt, "status": "queued", "sent": None}]
