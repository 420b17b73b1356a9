"""A visitor's practice attempt is kept when they register in the same browser."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db.models import Attempt, User
from tests.web.test_auth import register


def test_registering_keeps_the_practice_attempt_and_names_the_class(
    app: Flask, client: FlaskClient, open_quiz: Any
) -> None:
    result = open_quiz().submit({"q.find-placeholder.tokens": "3"})
    assert "/practice/" in result.headers["Location"]
    practice = client.get(result.headers["Location"]).get_data(as_text=True)
    assert "Join a class</a> now, in this browser, to keep it in your progress" in practice
    html = register(client)
    assert "Your account is ready and you joined Class 1." in html
    assert "Your practice attempt at “Khamenei meets Hamas leaders" in html
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        carol = s.scalar(select(User.id).where(User.username == "carol"))
        kept = list(s.scalars(select(Attempt).where(Attempt.user_id == carol)))
    assert len(kept) == 1 and kept[0].assignment_id is None
    assert '"find-placeholder": {"tokens": [3]}' in kept[0].responses
    assert "No attempts yet" not in client.get("/progress").get_data(as_text=True)


def test_registering_without_practice_keeps_nothing(app: Flask, client: FlaskClient) -> None:
    html = register(client)
    assert "you joined Class 1." in html and "practice attempt" not in html
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        assert s.scalar(select(Attempt.id)) is None
