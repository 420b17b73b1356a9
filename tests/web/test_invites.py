"""Invite codes (issue 15 part 7): `quizapp invite` makes, lists and revokes them; a teacher
registers with one, spending a use in the same transaction as the account."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db import invites
from quizapp.db.engine import Database
from quizapp.db.models import Invite, User, utcnow
from quizapp.db.writes import WriteError
from tests.web.conftest import PASSWORD, csrf_token


def db_of(app: Flask) -> Database:
    return app.extensions["quizapp.db"]


def make_code(app: Flask, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=["invite", *args])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[0]


def teachers(app: Flask) -> int:
    with db_of(app).session() as s:
        return s.scalar(select(func.count()).where(User.role == "teacher")) or 0


def uses_left(app: Flask) -> list[int]:
    with db_of(app).session() as s:
        return list(s.scalars(select(Invite.uses_left).order_by(Invite.id)))


def register(client: FlaskClient, username: str, code: str) -> str:
    page = client.get("/register/teacher")
    assert page.status_code == 200
    form = {"username": username, "password": PASSWORD, "invite": code,
            "csrf_token": csrf_token(page.get_data(as_text=True))}  # fmt: skip
    response = client.post("/register/teacher", data=form)
    if response.status_code == 302:
        assert response.headers["Location"] == "/teach"
        return "registered"
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_cli_prints_a_code_once_and_stores_only_its_hash(app: Flask) -> None:
    code = make_code(app, "--uses", "3", "--days", "2")
    assert len(code) >= 20
    with db_of(app).session() as s:
        invite = s.scalars(select(Invite)).one()
    assert invite.code_hash == invites.digest(code) and code not in invite.code_hash
    assert invite.uses_left == 3
    assert abs(invite.expires_at - (utcnow() + timedelta(days=2))) < timedelta(minutes=1)
    assert make_code(app) != code  # fresh each time
    listing = app.test_cli_runner().invoke(args=["invite", "--list"]).output
    assert "2 invite(s)." in listing and "3 use(s) left" in listing and "open" in listing
    assert code not in listing and f"{code[:4]}…" in listing


def test_the_cli_revokes_by_code_or_number(app: Flask) -> None:
    first, second = make_code(app), make_code(app)
    runner = app.test_cli_runner()
    assert "Invite #1 revoked." in runner.invoke(args=["invite", "--revoke", first]).output
    assert "Invite #2 revoked." in runner.invoke(args=["invite", "--revoke", "2"]).output
    unknown = runner.invoke(args=["invite", "--revoke", "nonsense"])
    assert unknown.exit_code != 0 and "No invite" in unknown.output
    assert runner.invoke(args=["invite", "--list"]).output.count("revoked") == 2
    assert "withdrawn" in register(app.test_client(), "ms-ortiz", second)


@pytest.mark.parametrize("args", [["--uses", "0"], ["--days", "0"], ["--days", "-1"]])
def test_the_cli_refuses_empty_invites(app: Flask, args: list[str]) -> None:
    assert app.test_cli_runner().invoke(args=["invite", *args]).exit_code != 0
    assert uses_left(app) == []


def test_no_invite_and_no_setting_means_no_registration_page(app: Flask) -> None:
    assert app.test_client().get("/register/teacher").status_code == 404
    make_code(app)
    assert app.test_client().get("/register/teacher").status_code == 200


def test_a_teacher_registers_with_a_code_until_its_uses_run_out(app: Flask) -> None:
    code = make_code(app, "--uses", "2")
    assert register(app.test_client(), "ms-ortiz", f"  {code} ") == "registered"
    assert uses_left(app) == [1]
    assert register(app.test_client(), "mr-kay", code) == "registered"
    assert uses_left(app) == [0]
    html = register(app.test_client(), "dr-lund", code)
    assert "That invite code has been used up; ask for a new one." in html
    assert teachers(app) == 3  # teacher1 and the two


def test_a_wrong_code_stores_nothing(app: Flask) -> None:
    make_code(app)
    html = register(app.test_client(), "ms-ortiz", "not-the-code")
    assert "That invite code is not right." in html
    assert teachers(app) == 1 and uses_left(app) == [1]


def test_a_taken_name_does_not_spend_a_use(app: Flask) -> None:
    code = make_code(app)
    assert "That username is taken" in register(app.test_client(), "Teacher1", code)
    assert uses_left(app) == [1] and teachers(app) == 1


def test_a_code_expires(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    code = make_code(app, "--days", "1")
    later = utcnow() + timedelta(days=1, minutes=1)
    monkeypatch.setattr(invites, "utcnow", lambda: later)
    html = register(app.test_client(), "ms-ortiz", code)
    assert "That invite code expired on" in html
    assert teachers(app) == 1 and uses_left(app) == [1]
    assert "expired" in app.test_cli_runner().invoke(args=["invite", "--list"]).output


def test_the_old_setting_still_works_beside_invites(app: Flask) -> None:
    app.config["TEACHER_INVITE_CODE"] = "staff-room-2024"
    code = make_code(app)
    assert register(app.test_client(), "ms-ortiz", "staff-room-2024") == "registered"
    assert uses_left(app) == [1]  # the standing code spends no invite
    assert register(app.test_client(), "mr-kay", code) == "registered"


def test_wrong_codes_are_limited_like_class_codes(app: Flask) -> None:
    make_code(app)
    client = app.test_client()
    for n in range(10):
        assert "not right" in register(client, "ms-ortiz", f"guess-{n}")
    page = client.get("/register/teacher").get_data(as_text=True)
    refused = client.post("/register/teacher", data={"username": "ms-ortiz",
                          "password": PASSWORD, "invite": "guess-x",
                          "csrf_token": csrf_token(page)})  # fmt: skip
    assert refused.status_code == 429
    # Someone else at the same address is not held back by it.
    assert "not right" in register(app.test_client(), "mr-kay", "guess-y")


def test_two_registrations_race_for_the_last_use(app: Flask) -> None:
    db, code = db_of(app), make_code(app)
    gate, outcomes = threading.Barrier(2), []

    def attempt(name: str) -> None:
        gate.wait()
        try:
            invites.register_teacher(db, name, PASSWORD, code)
            outcomes.append("in")
        except WriteError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in ("ms-ortiz", "mr-kay")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["That invite code has been used up; ask for a new one.", "in"]
    assert teachers(app) == 2 and uses_left(app) == [0]


def test_an_invite_row_says_its_state() -> None:
    now = datetime(2026, 12, 2)
    row = invites.InviteRow(1, "abcd", 1, now + timedelta(days=1), revoked=False)
    assert row.status(now) == "open"
    assert row.status(now + timedelta(days=2)) == "expired"
    assert invites.InviteRow(1, "abcd", 0, now + timedelta(days=1), False).status(now) == "used up"
    assert invites.InviteRow(1, "abcd", 1, now, True).status(now) == "revoked"
