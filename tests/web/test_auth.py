"""Accounts: register with a class code, log in, and log out for real."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import CODE, PASSWORD, Auth, csrf_token


def register(client: FlaskClient, **data: str) -> str:
    page = client.get("/register").get_data(as_text=True)
    form = {"username": "carol", "password": PASSWORD, "join_code": CODE, **data}
    return client.post(
        "/register", data={**form, "csrf_token": csrf_token(page)}, follow_redirects=True
    ).get_data(as_text=True)


def test_register_with_a_class_code(client: FlaskClient) -> None:
    html = register(client, join_code="class-234")  # case and dashes do not matter
    assert "Welcome, carol!" in html and "Log out (carol)" in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"join_code": "WRONG999"}, "That class code is not valid"),
        ({"username": "alice"}, "That username is taken"),
        ({"username": "a b"}, "Use 3 to 40 letters"),
        ({"password": "carolcarol", "username": "carolcarol"}, "must differ from the username"),
        ({"password": "short"}, "Field must be between 8 and 200 characters long."),
    ],
)
def test_register_refusals_say_why(client: FlaskClient, data: dict[str, str], message: str) -> None:
    html = register(client, **data)
    assert message in html
    assert "Log out" not in html


def test_unknown_user_and_wrong_password_get_the_same_answer(auth: Auth) -> None:
    unknown = auth.login("nobody", PASSWORD).get_data(as_text=True)
    wrong = auth.login("alice", "wrong password!").get_data(as_text=True)
    assert "That username and password do not match." in unknown
    strip = lambda html: html.replace(csrf_token(html), "")  # noqa: E731
    assert strip(unknown).replace("nobody", "X") == strip(wrong).replace("alice", "X")


def test_login_starts_a_new_session_and_redirects_safely(client: FlaskClient, auth: Auth) -> None:
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login?next=//evil.example/x",
        data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(page)},
    )
    assert response.headers["Location"] == "/"


def test_logout_ends_copied_sessions_too(app: Flask, client: FlaskClient, auth: Auth) -> None:
    auth.login()
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    assert thief.get("/progress").status_code == 200
    auth.logout()
    assert thief.get("/progress").status_code == 302


def test_logout_has_the_browser_forget_answers_in_progress(auth: Auth) -> None:
    """School computers are shared: a logout tells the browser to drop quizapp's storage
    (answers in progress), not its cookies (the language chosen)."""
    auth.login()
    response = auth.logout()
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"storage"'


def test_other_pages_leave_the_browsers_storage_alone(client: FlaskClient, auth: Auth) -> None:
    auth.login()
    assert "Clear-Site-Data" not in client.get("/progress").headers


def test_passwords_are_hashed_with_argon2id(app: Flask) -> None:
    from sqlalchemy import select

    from quizapp.db.models import User

    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == "alice"))
    assert stored is not None and stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_login_is_limited_per_username_with_the_same_answer_for_everyone(
    client: FlaskClient, auth: Auth
) -> None:
    for _ in range(10):
        assert auth.login("alice", "wrong password!").status_code == 200
        assert auth.login("nobody", "wrong password!").status_code == 200
    for who, password in [("alice", PASSWORD), ("nobody", PASSWORD)]:
        refused = auth.login(who, password)
        assert refused.status_code == 429
        assert "Too many tries. Wait a few minutes" in refused.get_data(as_text=True)
    assert auth.login("bob").status_code == 302  # others are not locked out


def test_a_whole_class_registers_from_one_address(app: Flask) -> None:
    client = app.test_client()  # one address, 25 students, all accepted
    for n in range(25):
        client.get("/logout")
        html = register(client, username=f"student{n:02d}")
        assert f"Welcome, student{n:02d}!" in html
        client.delete_cookie("session")


def test_teachers_start_at_their_classes_students_at_the_quizzes(auth: Auth) -> None:
    assert auth.login("teacher1").headers["Location"] == "/teach"
    auth.logout()
    assert auth.login("alice").headers["Location"] == "/"
