"""The username rule in every form and command, and login by the folded name."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db.models import User
from tests.web.conftest import CODE, PASSWORD, Auth, csrf_token

HOSTILE = {
    "nul": "carol\x00",
    "crlf": "carol\r\n",
    "lf": "alice\n",
    "tab": "car\tol",
    "zwj": "ca\u200drol",
    "rtl": "\u202elorac",
    "homoglyph": "\u0430lice",
    "mixed": "c\u0430rol",
}


def register(client: FlaskClient, path: str = "/register", **data: str) -> tuple[int, str]:
    page = client.get(path).get_data(as_text=True)
    form = {"username": "carol", "password": PASSWORD, "join_code": CODE, "invite": "staff-1234",
            **data, "csrf_token": csrf_token(page)}  # fmt: skip
    response = client.post(path, data=form)
    return response.status_code, response.get_data(as_text=True)


def usernames(app: Flask) -> list[str]:
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        return sorted(s.scalars(select(User.username)))


@pytest.mark.parametrize("path", ["/register", "/register/teacher"])
@pytest.mark.parametrize("name", HOSTILE.values(), ids=HOSTILE.keys())
def test_every_form_refuses_hostile_names(app: Flask, path: str, name: str) -> None:
    app.config["TEACHER_INVITE_CODE"] = "staff-1234"
    before = usernames(app)
    status, html = register(app.test_client(), path, username=name)
    assert status == 200 and "Log out" not in html
    assert "Use 3 to 40 letters" in html
    assert usernames(app) == before


@pytest.mark.parametrize("name", ["Alice", "ALICE", "\uff41\uff4c\uff49\uff43\uff45", "a1ice"])
def test_variants_of_a_taken_name_are_refused(app: Flask, name: str) -> None:
    status, html = register(app.test_client(), username=name)
    assert "That username" in html and "Log out" not in html
    assert usernames(app) == ["alice", "bob", "teacher1"]


def test_a_fullwidth_name_is_stored_plain(app: Flask, client: FlaskClient) -> None:
    status, _ = register(client, username="\uff43\uff41\uff52\uff4f\uff4c")  # ｃａｒｏｌ
    assert status == 302
    assert "carol" in usernames(app)


@pytest.mark.parametrize("typed", ["alice", "ALICE", "Alice", " alice ", "\uff41lice"])
def test_login_finds_the_account_by_its_folded_name(auth: Auth, typed: str) -> None:
    assert auth.login(typed).status_code == 302


@pytest.mark.parametrize("typed", ["alice\x00", "al\u200dice", "\u0430lice"])
def test_login_with_a_hostile_name_is_a_plain_refusal(auth: Auth, typed: str) -> None:
    response = auth.login(typed)
    assert response.status_code == 200
    assert "That username and password do not match." in response.get_data(as_text=True)


def test_register_shows_both_rules_up_front(client: FlaskClient) -> None:
    html = client.get("/register").get_data(as_text=True)
    assert "3 to 40 letters (a to z), digits, dots, dashes or underscores" in html
    assert "At least 8 characters" in html


@pytest.mark.parametrize(
    ("name", "says"),
    [("ms lee\n", "cannot hold"), ("ms-l\u0435e", "mix alphabets"), ("Teacher1", "taken")],
)
def test_create_teacher_uses_the_same_rule(app: Flask, name: str, says: str) -> None:
    typed = f"{PASSWORD}\n{PASSWORD}\n"
    result = app.test_cli_runner().invoke(args=["create-teacher", name], input=typed)
    assert result.exit_code != 0 and says in result.output, result.output


def test_create_teacher_stores_the_normalised_name(app: Flask) -> None:
    typed = f"{PASSWORD}\n{PASSWORD}\n"
    result = app.test_cli_runner().invoke(args=["create-teacher", "\uff4d\uff53-lee"], input=typed)
    assert result.exit_code == 0 and "Teacher account 'ms-lee' created." in result.output
