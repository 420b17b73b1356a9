from __future__ import annotations

import pytest

from quizapp.core.mastery import WINDOW, attempt_score, mastery
from quizapp.core.scoring import SkillTally

S = "loaded-language"


def attempt(
    found: float, correct: float, expected: float = 4, flagged: float = 4
) -> dict[str, SkillTally]:
    return {S: SkillTally(expected, found, flagged, correct)}


@pytest.mark.parametrize(
    ("history", "level", "score"),
    [
        ([], "not started", 0.0),
        ([{"other": SkillTally(1, 1, 1, 1)}], "not started", 0.0),
        ([attempt(1, 1)], "beginning", 0.25),
        ([attempt(2, 2)], "developing", 0.5),
        ([attempt(4, 4)], "proficient", 1.0),  # perfect, but only once
        ([attempt(4, 4)] * 3, "mastered", 1.0),
        ([attempt(4, 2)] * 3, "developing", 2 * 1 * 0.5 / 1.5),
        ([attempt(3, 3)] * 3, "proficient", 0.75),
    ],
)
def test_levels(history: list[dict[str, SkillTally]], level: str, score: float) -> None:
    m = mastery(S, history)
    assert (m.level, m.score) == (level, pytest.approx(score))


def test_only_the_last_attempts_count() -> None:
    old = [attempt(0, 0)] * 10
    recent = [attempt(4, 4)] * WINDOW
    m = mastery(S, old + recent)
    assert m.attempts == WINDOW and m.level == "mastered"


def test_flagging_nothing_has_zero_accuracy() -> None:
    m = mastery(S, [attempt(0, 0, flagged=0)] * 3)
    assert (m.find_rate, m.accuracy, m.level, m.flagged) == (0.0, 0.0, "beginning", False)
    assert mastery(S, [attempt(2, 1, flagged=1)]).flagged is True


def test_attempt_score_is_none_when_not_exercised() -> None:
    assert attempt_score(SkillTally()) is None
    assert attempt_score(SkillTally(2, 1, 1, 1)) == pytest.approx(2 * 0.5 / 1.5)
