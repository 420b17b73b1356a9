"""The skill heatmap: students x skills over the counting attempts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.core.mastery import harmonic
from quizapp.core.scoring import SkillTally
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.db.models import Assignment, SkillResult
from quizapp.web.content import quiz_for
from quizapp.web.reports.rows import Student, class_assignments, class_students, counting_ids

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
    counted = counting_ids(Assignment.classroom_id == classroom_id).subquery()
    skill_rows = s.connection().execute(
        select(counted.c.user_id, SkillResult.skill, SkillResult.expected, SkillResult.found,
               SkillResult.flagged, SkillResult.correct)
        .join(counted, counted.c.id == SkillResult.attempt_id)
        .order_by(SkillResult.attempt_id)
    ).yield_per(1000)  # fmt: skip
    # Summed here, in the order the attempts were made, not by SQL's SUM (in whatever order
    # the plan reads the rows): float sums depend on their order, and a score on a band's
    # edge (0.7) would move band with it.
    sums: dict[tuple[int, str], list[float]] = {}
    for user, skill, expected, found, flagged, correct in skill_rows:
        row = sums.get((user, skill))
        if row is None:
            sums[(user, skill)] = [expected, found, flagged, correct]
        else:
            row[0] += expected
            row[1] += found
            row[2] += flagged
            row[3] += correct
    tallies = {key: SkillTally(*row) for key, row in sums.items()}
    skills = sorted({k for _, k in tallies}, key=lambda k: (k not in BUILTIN_SKILLS, k))
    names = skill_names(skills, assignments)
    rows = tuple((st, tuple(HeatCell(tallies.get((st.id, k))) for k in skills)) for st in students)
    members = {st.id for st in students}
    class_tally = dict.fromkeys(skills, SkillTally())
    for (user, skill), tally in tallies.items():
        if user in members:
            class_tally[skill] += tally
    totals = tuple(HeatCell(class_tally[k]) for k in skills)
    return Heatmap(tuple((k, names[k]) for k in skills), rows, totals)


def skill_names(skills: Iterable[str], assignments: Sequence[Assignment]) -> dict[str, str]:
    """Each skill's name: a built-in one's (English, a catalogue message), else the name the
    class's quizzes give a custom skill; its id only if no quiz names it."""
    # A built-in skill's English name is a catalogue message: the template translates it.
    names = {k: BUILTIN_SKILLS[k].name for k in skills if k in BUILTIN_SKILLS}
    for a in assignments:
        if all(k in names for k in skills):
            break
        for skill in quiz_for(a.version).skills:
            names.setdefault(skill.id, skill.name)
    return {k: names.get(k, k) for k in skills}
