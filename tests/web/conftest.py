"""Web fixtures: an app on a fresh database per test, with CSRF on, and logged-in clients."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp import create_app
from quizapp.core.loader import Bank
from quizapp.db.engine import Database
from quizapp.db.migrate import upgrade
from quizapp.db.writes import create_classroom, create_user, import_bank
from tests.databases import BACKENDS, database_config

CODE = "CLASS234"
PASSWORD = "correct horse battery"
# A fresh random key each run: the app refuses short or published keys, in tests too.
SECRET_KEY = secrets.token_urlsafe(32)


@pytest.fixture(params=BACKENDS)
def app(request: pytest.FixtureRequest, tmp_path: Path, bank: Bank) -> Iterator[Flask]:
    for config in database_config(request.param, tmp_path):
        app = create_app(
            {"TESTING": True, "SECRET_KEY": SECRET_KEY, "IMPORT_ON_START": False, **config}
        )
        with app.app_context():
            db: Database = app.extensions["quizapp.db"]
            upgrade(db)
            import_bank(db, bank)
            teacher = create_user(db, "teacher1", PASSWORD, "teacher")
            create_classroom(db, teacher, "Class 1", CODE)
            create_user(db, "alice", PASSWORD, "student", CODE)
            create_user(db, "bob", PASSWORD, "student", CODE)
        yield app
        db.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', html
    )
    assert match, "no CSRF token in the page"
    return match.group(1)


class Auth:
    """Log in and out through the real forms, CSRF token included."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, username: str = "alice", password: str = PASSWORD) -> Any:
        page = self.client.get("/login").get_data(as_text=True)
        return self.client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": csrf_token(page)},
        )

    def logout(self) -> Any:
        page = self.client.get("/").get_data(as_text=True)
        return self.client.post("/logout", data={"csrf_token": csrf_token(page)})


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


class QuizPage:
    """A loaded quiz page: its hidden fields, to build submissions as the browser does."""

    def __init__(self, client: FlaskClient, quiz_id: str) -> None:
        response = client.get(f"/quiz/{quiz_id}")
        assert response.status_code == 200
        self.html = response.get_data(as_text=True)
        self.quiz_id = quiz_id
        self.client = client
        self.fields = {
            name: re.search(rf'name="{name}" value="([^"]*)"', self.html).group(1)  # type: ignore[union-attr]
            for name in ("csrf_token", "version", "token")
        }

    def submit(self, answers: dict[str, Any], **overrides: Any) -> Any:
        return self.client.post(
            f"/quiz/{self.quiz_id}/submit", data={**self.fields, **answers, **overrides}
        )


@pytest.fixture
def open_quiz(client: FlaskClient) -> Any:
    def opener(quiz_id: str = "iran-hamas-meeting") -> QuizPage:
        return QuizPage(client, quiz_id)

    return opener
