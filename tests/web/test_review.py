"""The review step before an assignment attempt is used, and where "Try again" leads."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.core.grading import parse_form
from quizapp.core.model import Quiz
from quizapp.db.models import Attempt
from quizapp.web.review import is_answered, question_states
from tests.core.test_questions import AUTHORED
from tests.web.conftest import Auth
from tests.web.test_assignments import attempts, make_assignment, take

SEED_ANSWERS = {"q.find-placeholder.tokens": "3,4", "q.classify-1.choice": "nothing-wrong"}


def review(client: FlaskClient, aid: int, fields: dict[str, str], **answers: str) -> Any:
    """Submit without confirming: the server only reads the answers."""
    return client.post(f"/assignments/{aid}/submit", data={**fields, **answers})


def form_of(html: str) -> list[tuple[str, str]]:
    """The fields of the review page's form, as the browser would post them."""
    start = html.index('id="review-form"')
    form = html[start : html.index("</form>", start)]
    return [
        (name, value.replace("&#34;", '"').replace("&amp;", "&"))
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    ]


@pytest.mark.parametrize(
    ("question_id", "blank", "answer"),
    [
        ("spot-all", {"tokens": [""]}, {"tokens": ["3,4"]}),
        ("label-1", {"label.loaded-language": [""]}, {"label.loaded-language": ["5"]}),
        ("cls-real", {}, {"choice": ["loaded-language"]}),
        ("mc", {}, {"option": ["o-share"]}),
    ],
)
def test_what_counts_as_answered_for_each_type(
    quiz_factory: Callable[..., Quiz],
    question_id: str,
    blank: dict[str, list[str]],
    answer: dict[str, list[str]],
) -> None:
    q = quiz_factory(questions=AUTHORED).question(question_id)
    assert not is_answered(q, q.parse_form(blank))
    assert is_answered(q, q.parse_form(answer))


def test_states_number_every_question(seed_quiz: Quiz) -> None:
    responses = parse_form(seed_quiz, {k: [v] for k, v in SEED_ANSWERS.items()})
    states = question_states(seed_quiz, responses)
    assert [s.number for s in states] == list(range(1, len(seed_quiz.questions) + 1))
    assert [s.answered for s in states[:5]] == [True, False, False, False, True]


def test_a_submission_without_confirm_is_reviewed_not_stored(
    app: Flask, client: FlaskClient, auth: Auth, seed_quiz: Quiz
) -> None:
    aid = make_assignment(app, max_attempts=2)
    auth.login()
    fields = take(client, aid)
    page = review(client, aid, fields, **SEED_ANSWERS)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and attempts(app) == 0
    assert "This uses attempt 1 of 2" in html
    missing = len(seed_quiz.questions) - 2
    assert f"You have not answered {missing} of {len(seed_quiz.questions)} questions" in html
    assert seed_quiz.question("find-statistics").prompt in html  # unanswered: named
    assert seed_quiz.question("find-placeholder").prompt not in html  # answered: numbered only
    assert f'href="/assignments/{aid}">Back to the quiz</a>' in html
    carried = form_of(html)
    assert ("confirm", "1") in carried and ("token", fields["token"]) in carried
    assert {k: v for k, v in carried if k.startswith("q.")} == SEED_ANSWERS

    # The review page's button: the same answers, stored once under the same token.
    stored = client.post(f"/assignments/{aid}/submit", data=dict(carried))
    assert stored.status_code == 302 and attempts(app) == 1
    again = client.post(f"/assignments/{aid}/submit", data=dict(carried))
    assert again.headers["Location"] == stored.headers["Location"] and attempts(app) == 1
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        kept = json.loads(s.scalar(select(Attempt.responses)) or "{}")
    assert kept["find-placeholder"] == {"tokens": [3, 4]}
    assert kept["classify-1"] == {"choice": "nothing-wrong"}


def test_no_review_once_every_attempt_is_used(app: Flask, client: FlaskClient, auth: Auth) -> None:
    aid = make_assignment(app, max_attempts=1)
    auth.login()
    fields = take(client, aid)
    assert client.post(f"/assignments/{aid}/submit", data={**fields, "confirm": "1"}).status_code
    refused = review(client, aid, dict(fields, token="another-token-for-a-second-try"))
    assert refused.status_code == 409 and "You have used all 1 attempt(s)." in refused.get_data(
        as_text=True
    )


def test_try_again_is_the_assignments_next_attempt(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    aid = make_assignment(app, max_attempts=2)
    auth.login()
    first = client.post(f"/assignments/{aid}/submit", data={**take(client, aid), "confirm": "1"})
    html = client.get(first.headers["Location"]).get_data(as_text=True)
    assert f'href="/assignments/{aid}">Try again: attempt 2 of 2</a>' in html
    assert "/quiz/iran-hamas-meeting" not in html.split('class="actions"')[-1]  # no practice
    second = client.post(f"/assignments/{aid}/submit", data={**take(client, aid), "confirm": "1"})
    html = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "You have used all 2 attempts of this assignment" in html
    assert "Try again" not in html
    closed = client.get(f"/assignments/{aid}").get_data(as_text=True)
    assert "You have used all 2 attempt(s)." in closed
    links = re.findall(r'href="(/attempts/\d+)">Attempt (\d)', closed)
    assert [n for _, n in links] == ["1", "2"] and links[1][0] == second.headers["Location"]


def test_try_again_after_practice_stays_practice(open_quiz: Any, client: FlaskClient) -> None:
    result = open_quiz().submit({})
    html = client.get(result.headers["Location"]).get_data(as_text=True)
    assert 'href="/quiz/iran-hamas-meeting">Try again (practice)</a>' in html


def test_progress_labels_practice_and_assignment_attempts(
    app: Flask, client: FlaskClient, auth: Auth, open_quiz: Any
) -> None:
    aid = make_assignment(app, max_attempts=2)
    auth.login()
    open_quiz().submit({})
    client.post(f"/assignments/{aid}/submit", data={**take(client, aid), "confirm": "1"})
    html = client.get("/progress").get_data(as_text=True)
    assert "Your class: <strong>Class 1</strong>" in html
    history = html[html.index('id="history-heading"') :]
    assert history.count('<span class="badge">practice</span>') == 1
    assert "Assignment for Class 1, attempt 1" in history
