"""Taking a quiz over HTTP: the page, grading, double submits and bad input."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.core.model import Quiz
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.db.models import Attempt, SkillResult, SpanResult
from tests.web.conftest import Auth


def perfect_form(quiz: Quiz) -> dict[str, Any]:
    form: dict[str, Any] = {}
    for q in quiz.questions:
        key = q.answer_key()
        if isinstance(q, HighlightQuestion) and q.type_id == "spot":
            tokens = sorted({i for t in key["targets"] for i in range(*t["tokens"])})
            form[f"q.{q.id}.tokens"] = ",".join(map(str, tokens))
        elif q.type_id == "classify":
            form[f"q.{q.id}.choice"] = key["answer"]
        elif q.type_id == "choice":
            form[f"q.{q.id}.option"] = [o["id"] for o in key["options"] if o["correct"]]
    return form


def count(app: Flask, model: Any) -> int:
    with app.app_context():
        db = app.extensions["quizapp.db"]
        with db.session() as s:
            return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_anonymous_practice_is_graded_and_kept_in_the_session(
    app: Flask, client: FlaskClient, open_quiz: Any, seed_quiz: Quiz
) -> None:
    page = open_quiz()
    response = page.submit(perfect_form(seed_quiz))
    assert response.status_code == 302
    assert response.headers["Location"] == "/practice/iran-hamas-meeting/result"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<strong>100%</strong>" in html
    assert "Practice result" in html
    assert count(app, Attempt) == 0


def test_student_attempt_is_stored_once_even_when_resent(
    app: Flask, client: FlaskClient, auth: Auth, open_quiz: Any, seed_quiz: Quiz
) -> None:
    auth.login()
    page = open_quiz()
    first = page.submit(perfect_form(seed_quiz))
    second = page.submit(perfect_form(seed_quiz))
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert count(app, Attempt) == 1
    assert count(app, SkillResult) == 5
    assert count(app, SpanResult) > 20
    feedback = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "<strong>100%</strong>" in feedback


def test_score_on_the_page_is_what_the_scoring_rule_predicts(
    client: FlaskClient, auth: Auth, open_quiz: Any, seed_quiz: Quiz
) -> None:
    auth.login()
    # Half the statistics question, a false alarm on the headline, a wrong classify.
    stats = seed_quiz.question("find-statistics")
    first_target = stats.answer_key()["targets"][0]["tokens"]
    answers = {
        "q.find-statistics.tokens": f"{first_target[0]},{first_target[1] - 1},0",
        "q.classify-1.choice": "loaded-language",
    }
    predicted = grade_quiz(
        seed_quiz,
        parse_responses(
            seed_quiz,
            {
                "find-statistics": {"tokens": [first_target[0], first_target[1] - 1, 0]},
                "classify-1": {"choice": "loaded-language"},
            },
        ),
    )
    response = open_quiz().submit(answers)
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    shown = re.search(r"<strong>(\d+)%</strong>", html)
    assert shown and int(shown.group(1)) == int(predicted.score * 100 + 0.5)
    assert 0 < predicted.score < 0.2


@pytest.mark.parametrize(
    ("answers", "overrides", "status", "reason"),
    [
        ({"q.nope.tokens": "1"}, {}, 400, "unknown question id(s): nope"),
        ({"q.find-statistics.tokens": "99999"}, {}, 400, "token 99999 is outside"),
        ({"q.find-statistics.tokens": "1,x"}, {}, 400, "must hold whole numbers"),
        ({"q.classify-1.choice": "bogus"}, {}, 400, "is not one of this question"),
        ({"q.trust-the-figure.option": ["o1", "o2"]}, {}, 400, "this question takes one answer"),
        ({}, {"version": "0" * 64}, 404, "That version of the quiz does not exist"),
        ({}, {"version": ""}, 404, "That version of the quiz does not exist"),
        ({}, {"token": "short"}, 400, "no submission token"),
    ],
)
def test_bad_submissions_get_a_reason_and_store_nothing(
    app: Flask,
    auth: Auth,
    open_quiz: Any,
    answers: dict[str, Any],
    overrides: dict[str, Any],
    status: int,
    reason: str,
) -> None:
    auth.login()
    response = open_quiz().submit(answers, **overrides)
    assert response.status_code == status
    assert reason in response.get_data(as_text=True)
    assert count(app, Attempt) == 0


def test_a_huge_body_is_refused(app: Flask, auth: Auth, open_quiz: Any) -> None:
    auth.login()
    response = open_quiz().submit({"q.find-statistics.tokens": "1," * 200_000})
    assert response.status_code == 413
    assert count(app, Attempt) == 0


def test_submission_for_another_quiz_is_refused(client: FlaskClient, open_quiz: Any) -> None:
    page = open_quiz()
    response = client.post("/quiz/fuel-prices/submit", data=page.fields)
    assert response.status_code == 400


def test_without_csrf_token_nothing_is_stored(app: Flask, auth: Auth, open_quiz: Any) -> None:
    auth.login()
    response = open_quiz().submit({}, csrf_token="")
    assert response.status_code == 400
    assert "reload the page" in response.get_data(as_text=True)
    assert count(app, Attempt) == 0


def test_a_quiz_left_open_two_hours_still_submits(
    monkeypatch: pytest.MonkeyPatch, auth: Auth, open_quiz: Any
) -> None:
    import itsdangerous.timed

    auth.login()
    page = open_quiz()
    real = itsdangerous.timed.time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real() + 2 * 3600)
    assert page.submit({}).status_code == 302


def test_another_student_cannot_read_an_attempt(
    client: FlaskClient, auth: Auth, open_quiz: Any
) -> None:
    auth.login("alice")
    location = open_quiz().submit({}).headers["Location"]
    assert client.get(location).status_code == 200
    auth.logout()
    assert client.get(location).status_code == 404
    auth.login("bob")
    assert client.get(location).status_code == 404


def test_progress_lists_the_attempt_and_draws_a_chart(
    client: FlaskClient, auth: Auth, open_quiz: Any, seed_quiz: Quiz
) -> None:
    auth.login()
    open_quiz().submit(perfect_form(seed_quiz))
    open_quiz().submit({})
    html = client.get("/progress").get_data(as_text=True)
    assert html.count('href="/attempts/') == 2
    assert '<svg class="chart"' in html and "Skill scores over your attempts" in html
    assert "Unsupported statistic" in html


def test_progress_needs_a_login(client: FlaskClient) -> None:
    assert client.get("/progress").status_code == 302


def test_an_old_attempt_keeps_its_version(
    app: Flask, client: FlaskClient, auth: Auth, open_quiz: Any, seed_quiz: Quiz
) -> None:
    from quizapp.core.loader import load_bank
    from quizapp.db.writes import import_bank
    from tests.factories import ROOT

    auth.login()
    location = open_quiz().submit(perfect_form(seed_quiz)).headers["Location"]
    bank = load_bank(ROOT / "quizzes", ROOT / "seeds")
    edited = bank.get("iran-hamas-meeting")
    import dataclasses

    # A new version of the quiz (same id, different content hash) becomes current.
    newer = dataclasses.replace(
        edited, version="f" * 64, source_yaml=edited.source_yaml.replace("Warm-up", "Start")
    )
    with app.app_context():
        import_bank(app.extensions["quizapp.db"], dataclasses.replace(bank, quizzes=(newer,)))
    assert "Start: the writer forgot" in client.get("/quiz/iran-hamas-meeting").get_data(
        as_text=True
    )
    old = client.get(location).get_data(as_text=True)
    assert "<strong>100%</strong>" in old and "Warm-up" in old


def test_stored_responses_are_the_normalised_answers(
    app: Flask, auth: Auth, open_quiz: Any, seed_quiz: Quiz
) -> None:
    auth.login()
    open_quiz().submit({"q.find-placeholder.tokens": "57,55,56,55"})
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        stored = json.loads(s.scalar(select(Attempt.responses)))
    assert stored["find-placeholder"] == {"tokens": [55, 56, 57]}
    assert set(stored) == {q.id for q in seed_quiz.questions}
