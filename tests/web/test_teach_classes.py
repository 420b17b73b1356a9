"""Teachers and their classes: accounts, join codes, roster, removal and password resets."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db.models import Classroom, Membership, User
from quizapp.db.writes import JOIN_ALPHABET, JOIN_LENGTH
from tests.web.conftest import CODE, PASSWORD, Auth, csrf_token
from tests.web.teach_data import (
    add_assignment,
    add_attempt,
    add_class,
    add_users,
    class_id,
    db_of,
    ids,
)


def post(client: FlaskClient, url: str, **data: str) -> str:
    token = csrf_token(client.get("/teach").get_data(as_text=True))
    response = client.post(url, data={"csrf_token": token, **data}, follow_redirects=True)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def room(app: Flask, classroom_id: int) -> Classroom:
    with app.app_context(), db_of(app).session() as s:
        found = s.get(Classroom, classroom_id)
    assert found is not None
    return found


def register_student(client: FlaskClient, username: str, code: str) -> str:
    page = client.get("/register").get_data(as_text=True)
    return client.post(
        "/register",
        data={"username": username, "password": PASSWORD, "join_code": code,
              "csrf_token": csrf_token(page)},
        follow_redirects=True,
    ).get_data(as_text=True)  # fmt: skip


def test_create_teacher_prompts_for_the_password_without_echo(app: Flask) -> None:
    runner = app.test_cli_runner()
    secret = "a long teacher secret"
    result = runner.invoke(args=["create-teacher", "ms-lee"], input=f"{secret}\n{secret}\n")
    assert result.exit_code == 0, result.output
    assert "Teacher account 'ms-lee' created." in result.output
    assert secret not in result.output  # hidden input is not echoed
    with app.app_context(), db_of(app).session() as s:
        assert s.scalar(select(User.role).where(User.username == "ms-lee")) == "teacher"


@pytest.mark.parametrize(
    ("args", "typed", "message"),
    [
        (["create-teacher", "a b"], "", "Use 3 to 40 letters"),
        (["create-teacher", "ms-lee"], "short\nshort\n", "at least 8 characters"),
        (["create-teacher", "teacher1"], f"{PASSWORD}x\n{PASSWORD}x\n", "username is taken"),
    ],
)
def test_create_teacher_refusals(app: Flask, args: list[str], typed: str, message: str) -> None:
    result = app.test_cli_runner().invoke(args=args, input=typed)
    assert result.exit_code != 0
    assert message in result.output


def test_teacher_registration_needs_the_configured_invite_code(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/register/teacher").status_code == 404  # no code configured
    app.config["TEACHER_INVITE_CODE"] = "staff-room-2024"
    page = client.get("/register/teacher").get_data(as_text=True)
    form = {"username": "mr-kay", "password": PASSWORD, "csrf_token": csrf_token(page)}
    wrong = client.post("/register/teacher", data={**form, "invite": "guess"})
    assert "That invite code is not right." in wrong.get_data(as_text=True)
    right = client.post("/register/teacher", data={**form, "invite": "staff-room-2024"})
    assert right.headers["Location"] == "/teach"
    assert "My classes" in client.get("/teach").get_data(as_text=True)


def test_a_teacher_creates_a_class_with_a_readable_code(client: FlaskClient, auth: Auth) -> None:
    auth.login("teacher1")
    html = post(client, "/teach", name="9B media studies")
    assert "<h1>9B media studies" in html
    code = re.search(r'class="join-code big"><code>(\w{4})-(\w{4})</code>', html)
    assert code, "the code is shown in two groups of four"
    assert len(code.group(1) + code.group(2)) == JOIN_LENGTH
    assert set(code.group(1) + code.group(2)) <= set(JOIN_ALPHABET)
    assert not set("0O1lI") & set(JOIN_ALPHABET)


def test_a_class_needs_a_name(client: FlaskClient, auth: Auth, app: Flask) -> None:
    auth.login("teacher1")
    html = post(client, "/teach", name="   ")
    assert "Give the class a name." in html
    with app.app_context(), db_of(app).session() as s:
        assert len(s.scalars(select(Classroom)).all()) == 1


def test_a_teacher_sees_only_their_own_classes(app: Flask, client: FlaskClient, auth: Auth) -> None:
    (teacher1,) = ids(app, "teacher1")
    add_class(app, teacher1, "Mine too")
    (t2,) = add_users(app, ["teacher2"], "teacher")
    add_class(app, t2, "Someone else's class")
    auth.login("teacher1")
    html = client.get("/teach").get_data(as_text=True)
    assert "Class 1" in html and "Mine too" in html
    assert "Someone else" not in html


def test_rename_archive_and_joining(app: Flask, client: FlaskClient, auth: Auth) -> None:
    cid = class_id(app)
    auth.login("teacher1")
    html = post(client, f"/teach/classes/{cid}/rename", name="Class One")
    assert "Class renamed." in html and "<h1>Class One" in html
    post(client, f"/teach/classes/{cid}/joining", value="0")
    assert room(app, cid).join_enabled is False
    assert "That class code is not valid" in register_student(app.test_client(), "carol", CODE)
    post(client, f"/teach/classes/{cid}/joining", value="1")
    post(client, f"/teach/classes/{cid}/archive", value="1")
    assert room(app, cid).archived is True
    assert "That class code is not valid" in register_student(app.test_client(), "carol", CODE)
    html = post(client, f"/teach/classes/{cid}/archive", value="0")
    assert "brought back" in html and room(app, cid).archived is False
    assert "Welcome, carol!" in register_student(app.test_client(), "carol", CODE)


def test_a_new_code_replaces_the_old_one(app: Flask, client: FlaskClient, auth: Auth) -> None:
    cid = class_id(app)
    auth.login("teacher1")
    html = post(client, f"/teach/classes/{cid}/code")
    new = room(app, cid).join_code
    assert new != CODE and f"New class code: {new[:4]}-{new[4:]}" in html
    assert "That class code is not valid" in register_student(app.test_client(), "carol", CODE)
    spoken = f"{new[:4].lower()}-{new[4:]}"  # as typed from the board
    assert "Welcome, dave!" in register_student(app.test_client(), "dave", spoken)


def test_roster_shows_students_with_last_activity(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    alice, bob = ids(app, "alice", "bob")
    assignment = add_assignment(app, cid)
    add_attempt(app, alice, assignment)
    auth.login("teacher1")
    html = client.get(f"/teach/classes/{cid}").get_data(as_text=True)
    roster = html[html.index('id="roster-heading"') :]
    rows = {
        name: re.search(rf">{name}</a></th>(.*?)</tr>", roster, re.S) for name in ("alice", "bob")
    }
    assert rows["alice"] and rows["bob"]
    assert "no activity yet" in rows["bob"].group(1)
    assert "no activity yet" not in rows["alice"].group(1)
    assert "1 of 2" in html  # submitted, of the roster


def test_remove_a_student(app: Flask, client: FlaskClient, auth: Auth) -> None:
    cid = class_id(app)
    (bob,) = ids(app, "bob")
    auth.login("teacher1")
    html = post(client, f"/teach/classes/{cid}/students/{bob}/remove")
    assert "bob is no longer in this class." in html
    with app.app_context(), db_of(app).session() as s:
        assert s.get(Membership, (bob, cid)) is None
        assert s.get(User, bob) is not None  # the account stays
    assert client.get(f"/teach/classes/{cid}/students/{bob}").status_code == 404


def test_password_reset_is_shown_once_and_ends_the_students_sessions(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    (bob,) = ids(app, "bob")
    student = app.test_client()
    Auth(student).login("bob")
    assert student.get("/progress").status_code == 200
    auth.login("teacher1")
    html = post(client, f"/teach/classes/{cid}/students/{bob}/password")
    new = re.search(r'class="new-password"><code>([^<]+)</code>', html)
    assert new and len(new.group(1)) >= 12
    assert not set("0O1lI") & set(new.group(1))
    assert student.get("/progress").status_code == 302  # logged out everywhere
    fresh = app.test_client()
    assert Auth(fresh).login("bob", PASSWORD).status_code == 200  # the old password fails
    assert Auth(fresh).login("bob", new.group(1)).status_code == 302
    # Shown once: nothing of it is kept for a later page.
    assert new.group(1) not in client.get(f"/teach/classes/{cid}").get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        f"/teach/classes/{2**31}",
        f"/teach/classes/1/students/{2**63}",
        "/teach/classes/1/attempts/99999999999999999999",
        f"/teach/versions/{2**40}/key",
        "/teach/quizzes/a%00b/key",
        "/teach/quizzes/..%2F..%2Fetc%2Fpasswd/key",
    ],
)
def test_hostile_ids_are_not_found(client: FlaskClient, auth: Auth, path: str) -> None:
    auth.login("teacher1")
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("name", ["a\x00b", "tab\there", "\x7f"])
def test_class_names_refuse_control_characters(
    app: Flask, client: FlaskClient, auth: Auth, name: str
) -> None:
    auth.login("teacher1")
    html = post(client, "/teach", name=name)
    assert "Use letters, digits, spaces and punctuation." in html
    with app.app_context(), db_of(app).session() as s:
        assert len(s.scalars(select(Classroom)).all()) == 1


def test_the_class_page_asks_before_a_reset_or_a_new_code(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    cid = class_id(app)
    html = client.get(f"/teach/classes/{cid}").get_data(as_text=True)
    # Each destructive button only opens a warning holding the real one (no JavaScript).
    for action, opener in (("code", "Make a new code…"), ("students/", "Reset password…")):
        assert f'<summary class="button">{opener}</summary>' in html
        form = re.search(rf'<details class="confirm">\s*<summary class="button">{opener}'
                         rf'.*?<form method="post" action="/teach/classes/{cid}/{action}', html,
                         re.S)  # fmt: skip
        assert form, opener
    assert "http://localhost/join" in html  # students with an account add a class there
