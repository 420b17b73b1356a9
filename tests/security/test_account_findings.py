"""Findings F4-F8 and F11 of the December 2026 review (shared/reviews/security-2026-12.md),
each replayed as the reviewer did it, on both databases: accounts that cannot be forged,
locked out or impersonated. The gunicorn start without a key is tests/deploy/test_keys.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from quizapp import create_app
from quizapp.db.models import User
from quizapp.web.keys import PUBLISHED
from tests.security.conftest import row_changes, snapshot
from tests.security.hostile_inputs import session_cookie
from tests.web.conftest import CODE, PASSWORD, csrf_token
from tests.web.teach_data import add_class, add_users, ids

ATTACKER, OWNER, SCHOOL = "203.0.113.66", "198.51.100.20", "192.0.2.10"


def post_form(
    client: FlaskClient, path: str, data: dict[str, str], ip: str, **headers: str
) -> TestResponse:
    """A form sent as a browser at ``ip`` sends it: the page first, for its CSRF token."""
    env = {"REMOTE_ADDR": ip}
    page = client.get(path, environ_base=env, headers=headers).get_data(as_text=True)
    return client.post(path, data={**data, "csrf_token": csrf_token(page)}, environ_base=env,
                       headers=headers)  # fmt: skip


def login(client: FlaskClient, name: str, password: str, ip: str, **headers: str) -> int:
    form = {"username": name, "password": password}
    return post_form(client, "/login", form, ip, **headers).status_code


def usernames(app: Flask) -> list[str]:
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        return sorted(s.scalars(select(User.username)))


# F4: a session signed with the published default key logged in as any user.


@pytest.fixture
def keyless_app(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    """The test database served by an app given no key at all, as `make run` starts one."""
    monkeypatch.delenv("QUIZAPP_SECRET_KEY", raising=False)
    monkeypatch.setenv("QUIZAPP_INSTANCE_PATH", str(tmp_path / "instance"))
    config = {k: v for k, v in app.config.items() if k not in ("SECRET_KEY", "TRUSTED_HOSTS")}
    yield create_app({**config, "SECRET_KEY": None})


@pytest.mark.parametrize("key", [*PUBLISHED, "test", "t"])
def test_f4_a_cookie_signed_with_a_published_key_is_ignored(keyless_app: Flask, key: str) -> None:
    client = keyless_app.test_client()
    client.set_cookie("session", session_cookie({"_user_id": "1:0", "_fresh": True}, key)[8:])
    response = client.get("/teach")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_f4_the_control_a_cookie_signed_with_the_made_key_works(keyless_app: Flask) -> None:
    key = keyless_app.config["SECRET_KEY"]
    assert (Path(keyless_app.instance_path) / "secret_key").read_text().strip() == key
    client = keyless_app.test_client()
    client.set_cookie("session", session_cookie({"_user_id": "1:0", "_fresh": True}, key)[8:])
    assert client.get("/teach").status_code == 200


@pytest.mark.parametrize("production", [False, True])
def test_f4_the_published_key_stops_the_start_in_every_mode(
    app: Flask, monkeypatch: pytest.MonkeyPatch, production: bool
) -> None:
    monkeypatch.setenv("QUIZAPP_SECRET_KEY", "dev-only-change-me")
    config = {k: v for k, v in app.config.items() if k != "SECRET_KEY"}
    with pytest.raises(RuntimeError, match="published example key"):
        create_app({**config, "PRODUCTION": production, "TRUSTED_HOSTS": ["quiz.school.org"]})


# F5: anyone could lock any account out, 10 wrong passwords at a time.


def test_f5_wrong_passwords_do_not_lock_the_owner_out(app: Flask) -> None:
    attacker = app.test_client()
    statuses = [login(attacker, "teacher1", "wrong password!", ATTACKER) for _ in range(30)]
    assert statuses == [200] * 10 + [429] * 20
    assert login(attacker, "teacher1", PASSWORD, ATTACKER) == 429  # the guesser stays out
    assert login(app.test_client(), "teacher1", PASSWORD, OWNER) == 302
    assert login(app.test_client(), "TEACHER1", PASSWORD, OWNER) == 302  # any case


def test_f5_successful_logins_never_count(app: Flask) -> None:
    client = app.test_client()
    assert {login(client, "alice", PASSWORD, SCHOOL) for _ in range(25)} == {302}


def test_f5_guessing_from_many_addresses_still_lets_the_owner_in(app: Flask) -> None:
    """Past 100 failures an hour for one name, each address has 3 tries, not 10; an address
    that has not failed (the owner's) is let in."""
    statuses = [
        login(app.test_client(), "alice", "wrong password!", f"10.1.{n}.1")
        for n in range(34)
        for _ in range(3)
    ]
    assert statuses == [200] * 102
    assert login(app.test_client(), "alice", "wrong password!", "10.1.0.1") == 429
    assert login(app.test_client(), "alice", PASSWORD, "10.1.99.1") == 302
    assert login(app.test_client(), "bob", "wrong password!", "10.1.0.1") == 200


@pytest.mark.parametrize("proxies", [0, 1])
def test_f5_forged_forwarded_for_does_not_reset_the_limits(app: Flask, proxies: int) -> None:
    app = create_app({**app.config, "PROXY_COUNT": proxies})
    client = app.test_client()

    def forged(n: int) -> dict[str, str]:
        # Behind one proxy, the proxy appends the address it saw; the rest is the client's.
        chain = f"10.9.{n}.{n}, {ATTACKER}" if proxies else f"10.9.{n}.{n}"
        return {
            "X-Forwarded-For": chain,
            "X-Real-IP": f"10.8.{n}.1",
            "Forwarded": f"for=10.7.{n}.1",
        }

    ip = "10.0.0.2" if proxies else ATTACKER
    statuses = [login(client, "alice", "wrong password!", ip, **forged(n)) for n in range(12)]
    assert statuses == [200] * 10 + [429] * 2


def test_f5_one_address_trying_many_names_is_stopped(app: Flask) -> None:
    app.config["LOGIN_FAILS_PER_ADDRESS"] = "20 per 15 minutes"
    client = app.test_client()
    statuses = [login(client, f"user{n}", "wrong password!", ATTACKER) for n in range(22)]
    assert statuses == [200] * 20 + [429] * 2
    assert login(app.test_client(), "alice", PASSWORD, OWNER) == 302


# F6 and F7: a name ending in a newline, or differing in case, read as another's.


@pytest.mark.parametrize(
    "name",
    ["alice\n", "alice\r\n", "alice\x00", "al\tice", "al\u200dice", "\u202eecila", "Alice",
     "ALICE", "\uff41\uff4c\uff49\uff43\uff45", "\u0430lice", "a1ice", "teacher1\n"],
)  # fmt: skip
def test_f6_f7_no_second_account_reads_like_alice(app: Flask, name: str) -> None:
    before = snapshot(app)
    form = {"username": name, "password": "imposter-pass-1", "join_code": CODE}
    response = post_form(app.test_client(), "/register", form, SCHOOL)
    assert response.status_code == 200 and "Log out" not in response.get_data(as_text=True)
    assert row_changes(before, snapshot(app), {}) == []
    assert usernames(app) == ["alice", "bob", "teacher1"]


def test_f7_login_folds_case_into_the_one_account(app: Flask) -> None:
    assert login(app.test_client(), "Alice", PASSWORD, SCHOOL) == 302


# F8: 20 wrong codes from a school address blocked every join and registration from it.


def test_f8_one_pupils_wrong_codes_do_not_block_the_class_at_join(app: Flask) -> None:
    (teacher,) = ids(app, "teacher1")
    _, code = add_class(app, teacher, "Class 2")
    pupil, classmate = app.test_client(), app.test_client()
    assert login(pupil, "alice", PASSWORD, SCHOOL) == 302
    assert login(classmate, "bob", PASSWORD, SCHOOL) == 302
    statuses = [
        post_form(pupil, "/join", {"join_code": f"WRONG{n:03d}"}, SCHOOL).status_code
        for n in range(20)
    ]
    assert statuses == [400] * 10 + [429] * 10
    assert post_form(pupil, "/join", {"join_code": code}, SCHOOL).status_code == 429  # own
    assert post_form(classmate, "/join", {"join_code": code}, SCHOOL).status_code == 302


def test_f8_one_pupils_wrong_codes_do_not_block_registration(app: Flask) -> None:
    pupil = app.test_client()
    form = {"username": "guesser", "password": PASSWORD}
    statuses = [
        post_form(pupil, "/register", {**form, "join_code": f"WRONG{n:03d}"}, SCHOOL).status_code
        for n in range(20)
    ]
    assert statuses == [200] * 10 + [429] * 10
    classmate = {"username": "carol", "password": PASSWORD, "join_code": CODE}
    assert post_form(app.test_client(), "/register", classmate, SCHOOL).status_code == 302


def test_f8_past_the_address_bound_only_accounts_that_failed_are_refused(app: Flask) -> None:
    """A script with many accounts at one address: once the address passed its bound, an
    account that has not failed still joins with the right code; one that failed cannot."""
    app.config["CODE_FAILS_PER_ADDRESS"] = "20 per hour"
    (teacher,) = ids(app, "teacher1")
    _, code = add_class(app, teacher, "Class 2")
    add_users(app, [f"script{n}" for n in range(5)] + ["latecomer"])
    for n in range(5):
        client = app.test_client()
        assert login(client, f"script{n}", PASSWORD, ATTACKER) == 302
        for k in range(4):
            post_form(client, "/join", {"join_code": f"BAD{n}{k}9999"}, ATTACKER)
    assert post_form(client, "/join", {"join_code": code}, ATTACKER).status_code == 429
    latecomer = app.test_client()
    assert login(latecomer, "latecomer", PASSWORD, ATTACKER) == 302
    assert post_form(latecomer, "/join", {"join_code": code}, ATTACKER).status_code == 302


# F11: the Host header was reflected in absolute redirects and links.


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/author/preview"), ("GET", "/login"), ("POST", "/register")]
)
def test_f11_another_sites_host_is_refused_and_nothing_stored(
    app: Flask, method: str, path: str
) -> None:
    before = snapshot(app)
    client = app.test_client()
    form = {"username": "carol", "password": PASSWORD, "join_code": CODE}
    response = client.open(path, method=method, data=form if method == "POST" else None,
                           headers={"Host": "evil.example"})  # fmt: skip
    assert response.status_code == 400
    assert "evil.example" not in response.headers.get("Location", "")
    assert b"does not answer to that host name" in response.data
    assert row_changes(before, snapshot(app), {}) == []


def test_f11_the_join_link_names_only_a_trusted_host(app: Flask) -> None:
    client = app.test_client()
    assert login(client, "teacher1", PASSWORD, SCHOOL) == 302
    (teacher,) = ids(app, "teacher1")
    cid, _ = add_class(app, teacher, "Class 2")
    html = client.get(f"/teach/classes/{cid}", headers={"Host": "localhost:5000"})
    assert "http://localhost:5000/" in html.get_data(as_text=True)
    assert client.get(f"/teach/classes/{cid}", headers={"Host": "evil.example"}).status_code == 400
