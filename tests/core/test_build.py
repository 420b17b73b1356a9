from __future__ import annotations

from collections.abc import Callable

from quizapp.core.model import Quiz
from quizapp.core.questions.classify import ClassifyQuestion
from quizapp.core.questions.spot import SpotQuestion


def test_builds_a_spot_per_skill_then_classify_items(quiz_factory: Callable[..., Quiz]) -> None:
    quiz = quiz_factory()
    spots = [q for q in quiz.questions if isinstance(q, SpotQuestion)]
    assert [q.id for q in spots] == [
        "spot-placeholder",
        "spot-unsupported-statistic",
        "spot-vague-attribution",
        "spot-loaded-language",
    ]
    classify = [q for q in quiz.questions if isinstance(q, ClassifyQuestion)]
    assert [q.id for q in classify] == ["classify-1", "classify-2", "classify-3", "classify-4"]
    assert sum(q.span.decoy for q in classify) == 2


def test_building_is_deterministic_for_a_seed(quiz_factory: Callable[..., Quiz]) -> None:
    def spans(seed: int) -> list[str]:
        quiz = quiz_factory(settings={"seed": seed, "classify_items": 6})
        return [q.span.id for q in quiz.questions if isinstance(q, ClassifyQuestion)]

    assert spans(7) == spans(7)
    assert len({tuple(spans(s)) for s in range(6)}) > 1


def test_classify_count_is_capped_by_the_spans(quiz_factory: Callable[..., Quiz]) -> None:
    quiz = quiz_factory(settings={"classify_items": 30})
    assert sum(isinstance(q, ClassifyQuestion) for q in quiz.questions) == 8


def test_no_classify_items_when_set_to_zero(quiz_factory: Callable[..., Quiz]) -> None:
    quiz = quiz_factory(settings={"classify_items": 0})
    assert all(isinstance(q, SpotQuestion) for q in quiz.questions)
