"""Administrators (issue 17): the grant and revoke commands, the accounts and classes pages,
deleting any account or class, the audit trail page and CSV, the retention page."""

from __future__ import annotations

import csv
import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from quizapp.db.models import AuditEvent, AuthoredQuiz, Classroom, QuizVersion, User
from tests.web.conftest import Auth, csrf_token
from tests.web.teach_data import add_assignment, add_attempt, add_users, class_id, db_of, ids
from tests.web.test_erasure import rows_of


def grant(app: Flask, name: str, verb: str = "grant") -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["admin", verb, name])
    return result.exit_code, result.output


def admin_client(app: Flask) -> FlaskClient:
    add_users(app, ["admin1"], "teacher")
    assert grant(app, "admin1")[0] == 0
    client = app.test_client()
    assert Auth(client).login("admin1").status_code == 302
    return client


def events(app: Flask) -> list[tuple[str | None, str, str | None, str | None, str]]:
    with app.app_context(), db_of(app).session() as s:
        return [
            tuple(r)  # type: ignore[misc]
            for r in s.execute(
                select(AuditEvent.actor_name, AuditEvent.action, AuditEvent.subject_name,
                       AuditEvent.classroom_name, AuditEvent.detail).order_by(AuditEvent.id)
            )
        ]  # fmt: skip


def post(client: FlaskClient, path: str) -> int:
    token = csrf_token(client.get(path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token}).status_code


@pytest.mark.parametrize(
    ("name", "verb", "code", "said"),
    [
        ("teacher1", "grant", 0, "'teacher1' is an administrator."),
        ("TEACHER1", "grant", 0, "'teacher1' is an administrator."),
        ("teacher1", "revoke", 0, "'teacher1' was not an administrator."),
        ("alice", "grant", 1, "'alice' is a student's account: only teachers"),
        ("nobody", "grant", 1, "There is no account called 'nobody'."),
    ],
)
def test_grant_and_revoke_say_what_they_did(
    app: Flask, name: str, verb: str, code: int, said: str
) -> None:
    exit_code, output = grant(app, name, verb)
    assert exit_code == code and said in output
    if verb == "grant" and code == 0:
        assert "is an administrator already." in grant(app, name, verb)[1]


def test_the_role_is_read_on_every_request_and_recorded(app: Flask) -> None:
    client = admin_client(app)
    assert client.get("/admin/accounts").status_code == 200
    assert grant(app, "admin1", "revoke") == (0, "'admin1' is no longer an administrator.\n")
    assert client.get("/admin/accounts").status_code == 403
    assert [e[1:3] for e in events(app)] == [
        ("granted_admin", "admin1"),
        ("revoked_admin", "admin1"),
    ]
    assert events(app)[0][0] == "quizapp admin (server)"


@pytest.mark.parametrize("who", ["alice", "teacher1"])
def test_students_and_teachers_are_refused(app: Flask, client: FlaskClient, who: str) -> None:
    Auth(client).login(who)
    for path in ("/admin", "/admin/classes", "/admin/audit", "/admin/audit.csv",
                 "/admin/retention"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 403
        assert "administrators" in response.get_data(as_text=True)


def test_accounts_are_searched_and_paged(app: Flask) -> None:
    add_users(app, [f"pupil{n:03}" for n in range(60)])
    client = admin_client(app)
    first = client.get("/admin/accounts").get_data(as_text=True)
    assert "64 accounts" in first and "Page 1 of 2" in first and "alice" in first
    second = client.get("/admin/accounts?page=2").get_data(as_text=True)
    assert "pupil059" in second and "alice" not in second
    found = client.get("/admin/accounts?q=PUPIL05").get_data(as_text=True)
    assert "10 accounts" in found and "pupil050" in found and "pupil060" not in found
    assert "0 accounts" in client.get("/admin/accounts?q=%25").get_data(as_text=True)
    assert client.get("/admin/accounts?page=abc").status_code == 200


def test_an_administrator_deletes_a_student(app: Flask) -> None:
    client = admin_client(app)
    (alice,) = ids(app, "alice")
    add_attempt(app, alice, add_assignment(app, class_id(app)))
    student = app.test_client()
    Auth(student).login("alice")
    page = client.get(f"/admin/accounts/{alice}/delete").get_data(as_text=True)
    assert "alice" in page and "1 attempt" in page
    assert post(client, f"/admin/accounts/{alice}/delete") == 302
    assert rows_of(app, alice) == {}
    assert student.get("/my-data.json").status_code == 302  # her session ended
    assert events(app)[-1][:3] == ("admin1", "deleted_account", None)
    assert "student account; " in events(app)[-1][4]


def test_an_administrator_deletes_a_teacher_whose_quizzes_pass_to_them(app: Flask) -> None:
    client = admin_client(app)
    teacher1, admin1 = ids(app, "teacher1", "admin1")
    with app.app_context(), db_of(app).write() as s:
        version = s.scalar(select(QuizVersion.id).limit(1))
        s.add(AuthoredQuiz(quiz_id="t1-quiz", owner_id=teacher1, version_id=version))
    room = class_id(app)
    assert post(client, f"/admin/accounts/{teacher1}/delete") == 302
    assert rows_of(app, teacher1) == {}
    with app.app_context(), db_of(app).session() as s:
        assert s.get(Classroom, room) is None
        assert s.scalar(select(AuthoredQuiz.owner_id)) == admin1
        # Their students keep their accounts.
        assert s.scalar(select(func.count()).where(User.role == "student")) == 2


def test_an_administrator_cannot_delete_themself(app: Flask) -> None:
    client = admin_client(app)
    (admin1,) = ids(app, "admin1")
    assert client.get(f"/admin/accounts/{admin1}/delete").status_code == 400
    token = csrf_token(client.get("/admin").get_data(as_text=True))
    assert (
        client.post(f"/admin/accounts/{admin1}/delete", data={"csrf_token": token}).status_code
        == 400
    )
    assert ids(app, "admin1") == [admin1]


def test_an_administrator_deletes_any_class(app: Flask) -> None:
    client = admin_client(app)
    room = class_id(app)
    page = client.get("/admin/classes").get_data(as_text=True)
    assert "Class 1" in page and "teacher1" in page
    assert "not archived" in client.get(f"/admin/classes/{room}/delete").get_data(as_text=True)
    assert post(client, f"/admin/classes/{room}/delete") == 302
    with app.app_context(), db_of(app).session() as s:
        assert s.get(Classroom, room) is None
    assert events(app)[-1][:4] == ("admin1", "deleted_class", None, "Class 1")


def test_without_csrf_nothing_is_deleted(app: Flask) -> None:
    client = admin_client(app)
    (alice,) = ids(app, "alice")
    assert client.post(f"/admin/accounts/{alice}/delete").status_code == 400
    assert client.post(f"/admin/classes/{class_id(app)}/delete").status_code == 400
    assert rows_of(app, alice)["users.id"]


def test_the_trail_is_filtered_paged_and_downloaded(app: Flask) -> None:
    teacher = app.test_client()
    Auth(teacher).login("teacher1")
    (alice, bob) = ids(app, "alice", "bob")
    room = class_id(app)
    for _ in range(30):
        teacher.get(f"/teach/classes/{room}/students/{alice}")
    for _ in range(25):
        teacher.get(f"/teach/classes/{room}/students/{bob}")
    client = admin_client(app)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "56 events" in page and "Page 1 of 2" in page
    bobs = client.get("/admin/audit?person=BOB").get_data(as_text=True)
    assert "25 events" in bobs and "alice" not in bobs
    granted = client.get("/admin/audit?action=granted_admin").get_data(as_text=True)
    assert "1 event." in granted
    response = client.get("/admin/audit.csv?person=alice")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["when (UTC)", "who", "action", "about", "class", "detail"]
    assert len(rows) == 31 and rows[1][1:5] == ["teacher1", "viewed a student's record", "alice",
                                                 "Class 1"]  # fmt: skip


def test_csv_cells_cannot_run_as_formulas(app: Flask) -> None:
    client = admin_client(app)
    with app.app_context(), db_of(app).write() as s:
        s.execute(update(Classroom).values(name="=HYPERLINK(1)"))
    Auth(teacher := app.test_client()).login("teacher1")
    teacher.get(f"/teach/classes/{class_id(app)}/students/{ids(app, 'alice')[0]}")
    text = client.get("/admin/audit.csv").get_data(as_text=True)
    assert "'=HYPERLINK(1)" in text


@pytest.mark.parametrize(
    ("days", "said"),
    [(None, "no period set"), (0, "must be at least 1 day"), (-3, "must be at least 1 day"),
     ("soon", "whole number of days"), (30, "would delete now")],
)  # fmt: skip
def test_the_retention_page(app: Flask, days: object, said: str) -> None:
    app.config["RETENTION_DAYS"] = days
    client = admin_client(app)
    response = client.get("/admin/retention")
    assert response.status_code == 200 and said in response.get_data(as_text=True)


def test_an_administrator_downloads_any_accounts_data_and_it_is_recorded(app: Flask) -> None:
    client = admin_client(app)
    (alice,) = ids(app, "alice")
    add_attempt(app, alice, add_assignment(app, class_id(app)))
    response = client.get(f"/admin/accounts/{alice}/data.json")
    data = response.get_json(force=True)
    assert data["account"]["username"] == "alice" and len(data["attempts"]) == 1
    assert events(app)[-1] == ("admin1", "exported", "alice", None, "the whole account, as JSON")
    # alice sees who downloaded her data in her own download.
    Auth(own := app.test_client()).login("alice")
    mine = own.get("/my-data.json").get_json(force=True)
    assert [e["by"] for e in mine["who_saw_my_data"]] == ["admin1"]
    assert client.get("/admin/accounts/999999/data.json").status_code == 404
