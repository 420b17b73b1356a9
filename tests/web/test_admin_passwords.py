"""An administrator gives any account a new password (db.admins.give_new_password): the
write, the confirmation page and the page that shows it once, and ``quizapp admin
reset-password``."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db.admins import COMMAND_LINE, give_new_password
from quizapp.db.models import AuditEvent, User
from quizapp.db.writes import PASSWORD_ALPHABET, WriteError
from quizapp.passwords import verify_password
from tests.web.conftest import PASSWORD, Auth, csrf_token
from tests.web.teach_data import db_of, ids
from tests.web.test_admin import admin_client, events

SHOWN = re.compile(r'class="new-password"><code[^>]*>([^<]+)</code>')
GENERATED = re.compile(rf"[{PASSWORD_ALPHABET}]{{4}}(-[{PASSWORD_ALPHABET}]{{4}}){{2}}")


def account(app: Flask, name: str) -> tuple[str | None, int]:
    """An account's password hash and session version."""
    with app.app_context(), db_of(app).session() as s:
        user = s.scalar(select(User).where(User.username == name))
        assert user is not None
        return user.password_hash, user.session_version


def event_count(app: Flask) -> int:
    with app.app_context(), db_of(app).session() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent)) or 0


def logs_in(app: Flask, name: str, password: str) -> bool:
    return Auth(app.test_client()).login(name, password).status_code == 302


def test_the_write_sets_a_new_password_ends_sessions_and_is_recorded(app: Flask) -> None:
    admin_client(app)
    (alice, admin1) = ids(app, "alice", "admin1")
    _, version = account(app, "alice")
    with app.app_context():
        name, password = give_new_password(db_of(app), alice, admin1)
    assert name == "alice" and GENERATED.fullmatch(password)
    hashed, new_version = account(app, "alice")
    assert hashed is not None and hashed.startswith("$argon2id$")
    assert verify_password(hashed, password) and not verify_password(hashed, PASSWORD)
    assert new_version == version + 1
    assert events(app)[-1] == ("admin1", "reset_password", "alice", None, "")
    assert password not in repr(events(app))


@pytest.mark.parametrize("who", [10**6, "nobody", "  "])
def test_an_unknown_account_is_refused_and_nothing_changes(app: Flask, who: int | str) -> None:
    before, count = account(app, "alice"), event_count(app)
    with app.app_context(), pytest.raises(WriteError) as refused:
        give_new_password(db_of(app), who, None)
    said = "There is no such account." if isinstance(who, int) else "There is no account called"
    assert said in str(refused.value)
    assert account(app, "alice") == before and event_count(app) == count


def test_the_page_confirms_then_shows_the_password_once(app: Flask) -> None:
    client = admin_client(app)
    (alice,) = ids(app, "alice")
    student = app.test_client()
    assert Auth(student).login("alice").status_code == 302
    assert student.get("/my-data.json").status_code == 200
    listing = client.get("/admin/accounts").get_data(as_text=True)
    assert f"/admin/accounts/{alice}/password" in listing
    path = f"/admin/accounts/{alice}/password"
    confirm = client.get(path)
    html = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "alice" in html and "new-password" not in html
    assert account(app, "alice")[0] is not None and logs_in(app, "alice", PASSWORD)  # unchanged
    shown = client.post(path, data={"csrf_token": csrf_token(html)})
    assert shown.status_code == 200
    assert shown.headers["Cache-Control"] == "no-store"
    match = SHOWN.search(shown.get_data(as_text=True))
    assert match and GENERATED.fullmatch(match.group(1))
    password = match.group(1)
    assert student.get("/my-data.json").status_code == 302  # her session ended
    assert logs_in(app, "alice", password) and not logs_in(app, "alice", PASSWORD)
    # Shown once: not on the confirmation page again, nor in the trail or its CSV.
    assert password not in client.get(path).get_data(as_text=True)
    assert password not in client.get("/admin/audit").get_data(as_text=True)
    trail = client.get("/admin/audit.csv").get_data(as_text=True)
    assert password not in trail and "admin1,reset a password,alice" in trail


def test_without_csrf_nothing_changes(app: Flask) -> None:
    client = admin_client(app)
    (alice,) = ids(app, "alice")
    before, count = account(app, "alice"), event_count(app)
    refused = client.post(f"/admin/accounts/{alice}/password")
    assert refused.status_code == 400 and not SHOWN.search(refused.get_data(as_text=True))
    assert account(app, "alice") == before and event_count(app) == count


def test_an_unknown_account_is_a_404(app: Flask) -> None:
    client = admin_client(app)
    token = csrf_token(client.get("/admin/accounts").get_data(as_text=True))
    assert client.get("/admin/accounts/999999/password").status_code == 404
    count = event_count(app)
    gone = client.post("/admin/accounts/999999/password", data={"csrf_token": token})
    assert gone.status_code == 404
    assert event_count(app) == count


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("alice", 403), ("teacher1", 403)])
def test_only_administrators_give_passwords(
    app: Flask, client: FlaskClient, who: str | None, status: int
) -> None:
    admin_client(app)  # an administrator exists; the one asking is not them
    (bob,) = ids(app, "bob")
    if who:
        Auth(client).login(who)
    token = csrf_token(client.get("/login").get_data(as_text=True))
    before, count = account(app, "bob"), event_count(app)
    path = f"/admin/accounts/{bob}/password"
    assert client.get(path).status_code == status
    refused = client.post(path, data={"csrf_token": token})
    assert refused.status_code == status and not SHOWN.search(refused.get_data(as_text=True))
    assert account(app, "bob") == before and event_count(app) == count


def test_an_administrator_gives_their_own_account_one_and_is_logged_out(app: Flask) -> None:
    client = admin_client(app)
    (admin1,) = ids(app, "admin1")
    path = f"/admin/accounts/{admin1}/password"
    confirm = client.get(path).get_data(as_text=True)
    assert "This is your own account" in confirm
    shown = client.post(path, data={"csrf_token": csrf_token(confirm)}).get_data(as_text=True)
    match = SHOWN.search(shown)
    assert match and "This is your own account" in shown
    assert client.get("/admin/accounts").status_code == 302  # logged out
    assert logs_in(app, "admin1", match.group(1))


def test_the_command_prints_the_password_once(app: Flask) -> None:
    runner = app.test_cli_runner()
    _, version = account(app, "teacher1")
    result = runner.invoke(args=["admin", "reset-password", "TEACHER1"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("New password for 'teacher1'") and GENERATED.fullmatch(lines[1])
    assert len(lines) == 2
    assert logs_in(app, "teacher1", lines[1]) and not logs_in(app, "teacher1", PASSWORD)
    assert account(app, "teacher1")[1] == version + 1
    assert events(app)[-1] == (COMMAND_LINE, "reset_password", "teacher1", None, "")
    count = event_count(app)
    refused = runner.invoke(args=["admin", "reset-password", "nobody"])
    assert refused.exit_code == 1 and "There is no account called 'nobody'." in refused.output
    assert event_count(app) == count
