"""The skill heatmap: students x skills over the counting attempts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from quizapp.core.mastery import harmonic
from quizapp.core.scoring import SkillTally
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.db.models import Assignment
from quizapp.web.content import quiz_for
from quizapp.web.reports.rows import (
    Student,
    class_assignments,
    class_attempts,
    class_students,
    counting_attempts,
    skill_tallies,
)

BANDS = (0.4, 0.7, 0.9)  # the mastery rule's thresholds


@dataclass(frozen=True)
class HeatCell:
    """A student's (or the class's) tallies in one skill over the counting attempts."""

    tally: SkillTally | None

    @property
    def score(self) -> float | None:
        t = self.tally
        if t is None or not (t.expected or t.flagged):
            return None
        return harmonic(t.recall or 0.0, t.precision or 0.0)

    @property
    def band(self) -> int | None:
        score = self.score
        return None if score is None else sum(score >= b for b in BANDS)


@dataclass(frozen=True)
class Heatmap:
    skills: tuple[tuple[str, str], ...]  # (id, name)
    rows: tuple[tuple[Student, tuple[HeatCell, ...]], ...]
    totals: tuple[HeatCell, ...]


def heatmap(s: Session, classroom_id: int) -> Heatmap:
    """Students x skills: find rate and precision over each student's counting attempts."""
    students = class_students(s, classroom_id)
    assignments = class_assignments(s, classroom_id, whole=True)
    attempts = class_attempts(s, classroom_id)
    counted = counting_attempts(attempts, {a.id: a.counting for a in assignments})
    counted_ids = {a.id: a.user_id for a in counted.values()}
    tallies: dict[tuple[int, str], SkillTally] = {}
    for attempt_id, by_skill in skill_tallies(s, classroom_id).items():
        for skill, tally in by_skill.items():
            if attempt_id in counted_ids:
                key = (counted_ids[attempt_id], skill)
                tallies[key] = tallies.get(key, SkillTally()) + tally
    skills = sorted({k for _, k in tallies}, key=lambda k: (k not in BUILTIN_SKILLS, k))
    names = _skill_names(skills, assignments)
    rows = tuple((st, tuple(HeatCell(tallies.get((st.id, k))) for k in skills)) for st in students)
    members = {st.id for st in students}
    totals = tuple(
        HeatCell(sum((t for (u, k2), t in tallies.items() if k2 == k and u in members),
                     SkillTally()))
        for k in skills
    )  # fmt: skip
    return Heatmap(tuple((k, names[k]) for k in skills), rows, totals)


def _skill_names(skills: Iterable[str], assignments: Sequence[Assignment]) -> dict[str, str]:
    names = {k: BUILTIN_SKILLS[k].name for k in skills if k in BUILTIN_SKILLS}
    for a in assignments:
        if all(k in names for k in skills):
            break
        for skill in quiz_for(a.version).skills:
            names.setdefault(skill.id, skill.name)
    return {k: names.get(k, k) for k in skills}
