"""The audit trail (issue 17): one event for each action, with who, what, whom, which class;
never answers or scores; written with the action (a failed action leaves no event)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db import audit, erasure
from quizapp.db.models import Attempt, AuditEvent
from tests.web.conftest import Auth, csrf_token
from tests.web.teach_data import add_assignment, add_attempt, class_id, db_of, ids

Event = tuple[str | None, str, str | None, str | None]


def trail(app: Flask) -> list[tuple[Event, str]]:
    with app.app_context(), db_of(app).session() as s:
        return [
            ((e.actor_name, e.action, e.subject_name, e.classroom_name), e.detail)
            for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))
        ]


def teacher(app: Flask) -> FlaskClient:
    client = app.test_client()
    Auth(client).login("teacher1")
    return client


def setup(app: Flask) -> dict[str, Any]:
    (alice,) = ids(app, "alice")
    room = class_id(app)
    attempt, _ = add_attempt(app, alice, add_assignment(app, room))
    return {"alice": alice, "room": room, "attempt": attempt}


def view_record(app: Flask, w: dict[str, Any]) -> None:
    assert teacher(app).get(f"/teach/classes/{w['room']}/students/{w['alice']}").status_code == 200


def view_attempt(app: Flask, w: dict[str, Any]) -> None:
    assert (
        teacher(app).get(f"/teach/classes/{w['room']}/attempts/{w['attempt']}").status_code == 200
    )


def export(app: Flask, w: dict[str, Any]) -> None:
    path = f"/teach/classes/{w['room']}/students/{w['alice']}/data.json"
    assert teacher(app).get(path).status_code == 200


def reset(app: Flask, w: dict[str, Any]) -> None:
    client = teacher(app)
    token = csrf_token(client.get("/teach").get_data(as_text=True))
    path = f"/teach/classes/{w['room']}/students/{w['alice']}/password"
    assert client.post(path, data={"csrf_token": token}).status_code == 200


def delete_data(app: Flask, w: dict[str, Any]) -> None:
    client = teacher(app)
    token = csrf_token(client.get("/teach").get_data(as_text=True))
    path = f"/teach/classes/{w['room']}/students/{w['alice']}/delete-data"
    assert client.post(path, data={"csrf_token": token}).status_code == 302


def delete_own(app: Flask, w: dict[str, Any]) -> None:
    with app.app_context():
        erasure.delete_student(db_of(app), w["alice"])


def view_gradebook(app: Flask, w: dict[str, Any]) -> None:
    assert teacher(app).get(f"/teach/classes/{w['room']}/gradebook").status_code == 200


def download_gradebook(app: Flask, w: dict[str, Any]) -> None:
    assert teacher(app).get(f"/teach/classes/{w['room']}/gradebook.csv").status_code == 200


def view_heatmap(app: Flask, w: dict[str, Any]) -> None:
    assert teacher(app).get(f"/teach/classes/{w['room']}/heatmap").status_code == 200


def grant(app: Flask, w: dict[str, Any]) -> None:
    assert app.test_cli_runner().invoke(args=["admin", "grant", "teacher1"]).exit_code == 0


CASES: list[tuple[Callable[[Flask, dict[str, Any]], None], Event, str]] = [
    (view_record, ("teacher1", "viewed_record", "alice", "Class 1"), ""),
    (view_attempt, ("teacher1", "viewed_attempt", "alice", "Class 1"), "attempt {attempt}"),
    (export, ("teacher1", "exported", "alice", "Class 1"), "the class's part, as JSON"),
    (reset, ("teacher1", "reset_password", "alice", "Class 1"), ""),
    (delete_data, ("teacher1", "deleted_class_data", "alice", "Class 1"),
     "attempt_spans: 21, attempt_skills: 5, attempts: 1, memberships: 1"),
    (delete_own, (audit.SELF, "deleted_account", None, None),
     "student account; attempt_spans: 21, attempt_skills: 5, attempts: 1, memberships: 1, "
     "users: 1"),
    (grant, ("quizapp admin (server)", "granted_admin", "teacher1", None), ""),
    (view_gradebook, ("teacher1", "viewed_class", None, "Class 1"), "gradebook"),
    (download_gradebook, ("teacher1", "exported_class", None, "Class 1"), "gradebook"),
    (view_heatmap, ("teacher1", "viewed_class", None, "Class 1"), "heatmap"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("act", "event", "detail"), CASES, ids=lambda c: getattr(c, "__name__", "")
)
def test_each_action_leaves_one_event(
    app: Flask, act: Callable[[Flask, dict[str, Any]], None], event: Event, detail: str
) -> None:
    w = setup(app)
    act(app, w)
    events = trail(app)
    assert [e for e, _ in events] == [event]
    # As many span rows as the seed quiz has spans: that count is not compared.
    spans = re.compile(r"attempt_spans: \d+")
    assert spans.sub("spans", events[0][1]) == spans.sub("spans", detail.format(**w))


def test_the_trail_holds_no_answers_or_scores(app: Flask) -> None:
    w = setup(app)
    for act, _, _ in CASES:
        if act is not delete_own:
            act(app, w)
    with app.app_context(), db_of(app).session() as s:
        stored = s.scalar(select(Attempt.responses))
    text = json.dumps([list(e) + [d] for e, d in trail(app)])
    assert stored is None or stored[:20] not in text
    assert "score" not in text and "responses" not in text


def test_a_refused_action_leaves_no_event(app: Flask) -> None:
    w = setup(app)
    client = app.test_client()
    Auth(client).login("alice")  # a student
    assert client.get(f"/teach/classes/{w['room']}/students/{w['alice']}").status_code == 403
    with app.app_context(), pytest.raises(erasure.NotAStudent):
        erasure.delete_student(db_of(app), ids(app, "teacher1")[0])
    assert trail(app) == []


def test_a_deletion_that_fails_leaves_no_event(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    w = setup(app)

    def failing(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("killed")

    monkeypatch.setattr(erasure.audit, "forget", failing)
    with app.app_context(), pytest.raises(RuntimeError):
        erasure.delete_student(db_of(app), w["alice"])
    assert trail(app) == [] and ids(app, "alice") == [w["alice"]]
