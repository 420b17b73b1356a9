from __future__ import annotations

import pytest

from quizapp.core.errors import ResponseError
from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.core.model import Quiz
from quizapp.core.questions.highlight import HighlightQuestion


def perfect(quiz: Quiz) -> dict[str, object]:
    out: dict[str, object] = {}
    for q in quiz.questions:
        key = q.answer_key()
        if isinstance(q, HighlightQuestion):
            out[q.id] = {"tokens": [i for t in key["targets"] for i in range(*t["tokens"])]}
        elif q.type_id == "classify":
            out[q.id] = {"choice": key["answer"]}
        else:
            out[q.id] = {"options": [o["id"] for o in key["options"] if o["correct"]]}
    return out


def test_perfect_answers_score_one(seed_quiz: Quiz) -> None:
    result = grade_quiz(seed_quiz, parse_responses(seed_quiz, perfect(seed_quiz)))
    assert result.score == pytest.approx(1.0)
    assert result.passed
    assert result.earned == pytest.approx(result.possible) and result.possible == 22
    for skill in ("placeholder", "unsupported-statistic", "vague-attribution", "loaded-language"):
        assert result.tallies[skill].recall == pytest.approx(1.0)
        assert result.tallies[skill].precision == pytest.approx(1.0)


def test_blank_submission_scores_zero(seed_quiz: Quiz) -> None:
    result = grade_quiz(seed_quiz, parse_responses(seed_quiz, {}))
    assert result.score == 0.0 and not result.passed
    assert len(result.grades) == len(seed_quiz.questions)


def test_weighted_by_points(seed_quiz: Quiz) -> None:
    answers = perfect(seed_quiz)
    only_placeholder = {"find-placeholder": answers["find-placeholder"]}
    result = grade_quiz(seed_quiz, parse_responses(seed_quiz, only_placeholder))
    assert result.score == pytest.approx(1 / 22)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "a submission maps question ids to answers"),
        ({"nope": {}}, "unknown question id(s): nope"),
        ({"find-placeholder": {"tokens": [-1]}}, "token -1 is outside this question's text"),
    ],
)
def test_bad_submissions_are_refused(seed_quiz: Quiz, raw: object, message: str) -> None:
    with pytest.raises(ResponseError) as exc:
        parse_responses(seed_quiz, raw)
    assert str(exc.value) == message
