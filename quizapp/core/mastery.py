"""Mastery of a skill, by one rule a teacher or student can check by hand.

Take the learner's last ``WINDOW`` graded attempts that exercised the skill and add up their
tallies. **Find rate** is the share of the skill's spans found (recall); **accuracy** is the
share of what they flagged as that skill that was right (precision); both start at 0 when
there is nothing to count. Their harmonic mean, the *mastery score*, gives the level:

===============  ===========================================
level            rule
===============  ===========================================
not started      no attempt has exercised the skill yet
beginning        score below 0.4
developing       0.4 up to 0.7
proficient       0.7 up to 0.9, or 0.9 and above in fewer than 3 attempts
mastered         0.9 and above, over at least 3 attempts
===============  ===========================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quizapp.core.scoring import SkillTally

WINDOW = 5
LEVELS = ("not started", "beginning", "developing", "proficient", "mastered")


@dataclass(frozen=True)
class Mastery:
    """A learner's standing in one skill."""

    skill: str
    attempts: int
    find_rate: float
    accuracy: float
    score: float
    level: str
    # Whether anything was flagged as the skill: without it accuracy is a 0 that means
    # "nothing to measure", which a page should say in words.
    flagged: bool = False


def harmonic(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b else 0.0


def mastery(skill: str, history: Sequence[Mapping[str, SkillTally]]) -> Mastery:
    """Mastery of ``skill`` from per-attempt tallies, oldest first."""
    used = [t[skill] for t in history if skill in t and (t[skill].expected or t[skill].flagged)]
    recent = used[-WINDOW:]
    if not recent:
        return Mastery(skill, 0, 0.0, 0.0, 0.0, LEVELS[0])
    total = sum(recent, SkillTally())
    find_rate = total.recall or 0.0
    accuracy = total.precision or 0.0
    score = harmonic(find_rate, accuracy)
    if score < 0.4:
        level = LEVELS[1]
    elif score < 0.7:
        level = LEVELS[2]
    elif score < 0.9 or len(recent) < 3:
        level = LEVELS[3]
    else:
        level = LEVELS[4]
    return Mastery(skill, len(recent), find_rate, accuracy, score, level, total.flagged > 0)


def attempt_score(tally: SkillTally) -> float | None:
    """One attempt's score in a skill (for the trend chart), or None if not exercised."""
    if not (tally.expected or tally.flagged):
        return None
    return harmonic(tally.recall or 0.0, tally.precision or 0.0)
