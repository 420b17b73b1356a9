"""Which language a request gets: saved choice, then cookie, then the browser, then default;
anything unknown falls back quietly."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db.engine import get_db
from quizapp.db.models import User
from quizapp.i18n import LANGUAGES, choose
from tests.web.conftest import Auth
from tests.web.conftest import csrf_token as token_in

ALL = tuple(LANGUAGES)


def csrf_token(client: FlaskClient) -> str:
    """The token of the language form every page carries."""
    return token_in(client.get("/").get_data(as_text=True))


@pytest.mark.parametrize(
    ("saved", "cookie", "accepted", "default", "expected"),
    [
        ("ru", "es", ["ar"], "en", "ru"),  # the account's choice first
        (None, "es", ["ar"], "en", "es"),  # then the cookie
        (None, None, ["fr-FR", "es-MX", "ar"], "en", "es"),  # the first offered, by its base
        (None, None, ["AR"], "en", "ar"),  # tags are case-insensitive
        (None, None, ["de"], "ru", "ru"),  # nothing offered: the installation's default
        ("xx", "../../etc", ["zz"], "en", "en"),  # unknown everywhere: quietly the default
        (None, None, [], "klingon", "en"),  # even a bad default
    ],
)  # fmt: skip
def test_choose(
    saved: str | None, cookie: str | None, accepted: list[str], default: str, expected: str
) -> None:
    assert choose(saved, cookie, accepted, default, ALL) == expected


def page_lang(client: FlaskClient, path: str = "/", **headers: str) -> tuple[str, str]:
    html = client.get(path, headers=headers).get_data(as_text=True)
    head = html.split(">", 2)[1]
    lang = head.split('lang="')[1].split('"')[0]
    return lang, head.split('dir="')[1].split('"')[0]


def test_the_browser_language_sets_the_page(client: FlaskClient) -> None:
    assert page_lang(client) == ("en", "ltr")
    assert page_lang(client, **{"Accept-Language": "ar;q=0.9, en;q=0.5"}) == ("ar", "rtl")
    assert page_lang(client, **{"Accept-Language": "tlh, *"}) == ("en", "ltr")


def test_a_visitor_switches_with_the_form(client: FlaskClient) -> None:
    client.get("/")
    response = client.post(
        "/language",
        data={
            "language": "es",
            "next": "/quiz/fuel-prices?x=1",
            "csrf_token": csrf_token(client),
        },  # fmt: skip
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/quiz/fuel-prices?x=1"
    assert page_lang(client, **{"Accept-Language": "ru"}) == ("es", "ltr")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_the_switch_never_sends_anyone_off_site(client: FlaskClient, target: str) -> None:
    client.get("/")
    data = {"language": "ru", "next": target, "csrf_token": csrf_token(client)}
    assert client.post("/language", data=data).headers["Location"] == "/"


def test_an_unknown_language_is_refused_and_changes_nothing(client: FlaskClient) -> None:
    client.get("/")
    data = {"language": "xx", "csrf_token": csrf_token(client)}
    response = client.post("/language", data=data)
    assert response.status_code == 400
    assert "not offered" in response.get_data(as_text=True)
    assert "lang=" not in response.headers.get("Set-Cookie", "")


def test_without_the_csrf_token_nothing_changes(client: FlaskClient) -> None:
    response = client.post("/language", data={"language": "ar"})
    assert response.status_code == 400
    assert page_lang(client) == ("en", "ltr")


def test_a_students_choice_is_kept_on_their_account(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    auth.login()
    data = {"language": "ar", "next": "/progress", "csrf_token": csrf_token(client)}
    client.post("/language", data=data)
    with app.app_context(), get_db().session() as s:
        assert s.scalars(select(User.language).where(User.username == "alice")).one() == "ar"
    # Another browser, with no cookie: the account's choice still holds after logging in.
    other = app.test_client()
    Auth(other).login()
    assert page_lang(other, "/progress", **{"Accept-Language": "es"}) == ("ar", "rtl")
