from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from quizapp.core.errors import QuestionTypeError, ResponseError
from quizapp.core.model import Quiz
from quizapp.core.questions import get_type, question_types, register
from quizapp.core.questions.spot import SpotQuestion
from quizapp.core.skills import NOTHING_WRONG

AUTHORED = [
    {"id": "spot-all", "type": "spot", "skills": ["loaded-language", "vague-attribution"]},
    {"id": "label-1", "type": "label", "skills": ["loaded-language", "vague-attribution"]},
    {"id": "spot-p2", "type": "spot", "skills": ["unsupported-statistic"], "paragraphs": [2]},
    {"id": "cls-decoy", "type": "classify", "span": "shameful"},
    {"id": "cls-real", "type": "classify", "span": "heroic"},
    {
        "id": "mc",
        "type": "choice",
        "prompt": "Which are sourced?",
        "options": [
            {"id": "o-budget", "text": "The budget figure", "correct": True},
            {"id": "o-share", "text": "The 70% share"},
            {"id": "o-quote", "text": "The mayor's words", "correct": True},
        ],
    },
]


@pytest.fixture
def quiz(quiz_factory: Callable[..., Quiz]) -> Quiz:
    return quiz_factory(questions=AUTHORED)


def test_builtin_types_are_registered() -> None:
    assert set(question_types()) >= {"spot", "label", "classify", "choice"}


def test_unknown_type_fails_loudly() -> None:
    with pytest.raises(QuestionTypeError, match="unknown question type 'essay'; known types: "):
        get_type("essay")


def test_registering_an_id_twice_fails_loudly() -> None:
    @dataclass(frozen=True)
    class Impostor(SpotQuestion):
        type_id = "spot"

    with pytest.raises(QuestionTypeError, match="question type 'spot' is registered twice"):
        register(Impostor)
    assert get_type("spot") is SpotQuestion


def test_public_views_hold_no_answer_key(quiz: Quiz) -> None:
    secrets = [a.explanation for a in quiz.all_spans] + [json.dumps(a.id) for a in quiz.all_spans]
    for q in quiz.questions:
        view = json.dumps(q.public_view())
        for secret in secrets:
            assert secret not in view, (q.id, secret)
        assert '"correct"' not in view and '"answer"' not in view and '"decoy"' not in view


@pytest.mark.parametrize(
    ("qid", "raw", "message"),
    [
        ("spot-all", {"tokens": [99999]}, "token 99999 is outside this question's text"),
        ("spot-all", {"tokens": ["3"]}, "'tokens' must hold whole numbers, not str"),
        ("spot-all", {"tokens": [True]}, "'tokens' must hold whole numbers, not bool"),
        ("spot-all", {"tokens": 3}, "'tokens' must be a list of token numbers"),
        ("spot-all", {"tokens": [], "x": 1}, 'a spot answer is {"tokens": [token numbers]}'),
        (
            "spot-all",
            {"tokens": list(range(5000))},
            "'tokens' lists more tokens than the question has",
        ),
        ("spot-p2", {"tokens": [0]}, "token 0 is outside this question's text"),
        (
            "label-1",
            {"labels": {"placeholder": [1]}},
            "'placeholder' is not one of this question's labels",
        ),
        ("label-1", {"labels": [1]}, "'labels' must map each skill to a list of token numbers"),
        ("cls-real", {"choice": "bogus"}, "'bogus' is not one of this question's options"),
        ("cls-real", {"choice": 3}, "'3' is not one of this question's options"),
        ("mc", {"options": ["zzz"]}, "'zzz' is not one of this question's options"),
        ("mc", {"options": "budget"}, "'options' must be a list of option ids"),
        ("mc", [], 'a choice answer is {"options": [option ids]}'),
    ],
)
def test_parse_response_rejects_with_a_reason(quiz: Quiz, qid: str, raw: Any, message: str) -> None:
    with pytest.raises(ResponseError) as exc:
        quiz.question(qid).parse_response(raw)
    assert str(exc.value) == message


def test_single_choice_takes_one_answer(quiz_factory: Callable[..., Quiz]) -> None:
    q = quiz_factory(
        questions=[
            {
                "id": "one",
                "type": "choice",
                "prompt": "Pick",
                "options": [{"text": "A", "correct": True}, {"text": "B"}],
            }
        ]
    ).question("one")
    with pytest.raises(ResponseError, match="this question takes one answer"):
        q.parse_response({"options": ["o1", "o2"]})
    assert q.grade(q.parse_response({"options": ["o1"]})).score == 1.0
    assert q.grade(q.parse_response({"options": ["o2"]})).score == 0.0


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        ([], 0.0),
        (["o-budget"], 0.5),
        (["o-budget", "o-quote"], 1.0),
        (["o-budget", "o-share"], 0.0),
        (["o-budget", "o-quote", "o-share"], 0.0),
        (["o-share"], 0.0),
    ],
)
def test_multiple_choice_partial_credit_cannot_be_gamed(
    quiz: Quiz, chosen: list[str], expected: float
) -> None:
    q = quiz.question("mc")
    assert q.grade(q.parse_response({"options": chosen})).score == pytest.approx(expected)


@pytest.mark.parametrize(
    ("qid", "choice", "score", "status"),
    [
        ("cls-decoy", NOTHING_WRONG, 1.0, "avoided"),
        ("cls-decoy", "loaded-language", 0.0, "false_alarm"),
        ("cls-real", "loaded-language", 1.0, "found"),
        ("cls-real", NOTHING_WRONG, 0.0, "missed"),
        ("cls-real", None, 0.0, "missed"),
        ("cls-decoy", None, 0.0, "missed"),
    ],
)
def test_classify_grading(
    quiz: Quiz, qid: str, choice: str | None, score: float, status: str
) -> None:
    q = quiz.question(qid)
    grade = q.grade(q.parse_response({"choice": choice}))
    assert (grade.score, grade.outcomes[0].status) == (score, status)
    assert grade.outcomes[0].explanation


def test_classify_shows_the_phrase_in_its_sentence(quiz: Quiz) -> None:
    view = quiz.question("cls-real").public_view()
    assert view["phrase"] == "heroic effort"
    assert (
        view["context"]
        == "The new library will open on [insert date] after a heroic effort by volunteers."
    )
    assert [o["id"] for o in view["options"]][-1] == NOTHING_WRONG


def test_spot_scoped_to_a_paragraph(quiz: Quiz) -> None:
    q = quiz.question("spot-p2")
    assert [t.id for t in q.targets] == ["seventy"]
    tokens = list(q.targets[0].tokens)
    assert q.grade(q.parse_response({"tokens": tokens})).score == 1.0


def test_label_grading_uses_labels(quiz: Quiz) -> None:
    q = quiz.question("label-1")
    labels = {
        s.id: sorted(i for t in q.targets if t.skill == s.id for i in t.tokens) for s in q.skills
    }
    assert q.grade(q.parse_response({"labels": labels})).score == pytest.approx(1.0)
    swapped = {
        "loaded-language": labels["vague-attribution"],
        "vague-attribution": labels["loaded-language"],
    }
    assert q.grade(q.parse_response({"labels": swapped})).score == pytest.approx(0.5)
