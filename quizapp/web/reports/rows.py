"""The rows every dashboard starts from, loaded in bulk: roster, assignments, attempts
(and which of them count), skill tallies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from quizapp.core.scoring import SkillTally
from quizapp.db.models import Assignment, Attempt, Membership, QuizVersion, SkillResult, User


@dataclass(frozen=True)
class Student:
    id: int
    username: str
    joined_at: datetime
    last_activity: datetime | None


@dataclass(frozen=True)
class AttemptRow:
    """An attempt at an assignment, without its responses."""

    id: int
    user_id: int
    assignment_id: int
    number: int
    score: float
    late: bool
    submitted_at: datetime

    @classmethod
    def of(cls, row: Sequence[Any]) -> AttemptRow:
        """From a row that starts with ``ATTEMPT_COLUMNS``."""
        return cls(*row[: len(ATTEMPT_COLUMNS)])


ATTEMPT_COLUMNS = (
    Attempt.id, Attempt.user_id, Attempt.assignment_id, Attempt.number, Attempt.score,
    Attempt.late, Attempt.submitted_at,
)  # fmt: skip


def class_students(s: Session, classroom_id: int) -> list[Student]:
    """The roster, by username; last activity is the latest of last login and last attempt."""
    members = select(Membership.user_id).where(Membership.classroom_id == classroom_id)
    last = (
        select(Attempt.user_id, func.max(Attempt.submitted_at).label("at"))
        .where(Attempt.user_id.in_(members))
        .group_by(Attempt.user_id)
        .subquery()
    )
    rows = s.execute(
        select(User.id, User.username, Membership.joined_at, User.last_seen_at, last.c.at)
        .join(Membership, Membership.user_id == User.id)
        .outerjoin(last, last.c.user_id == User.id)
        .where(Membership.classroom_id == classroom_id, User.role == "student")
    ).all()
    students = [
        Student(uid, name, joined, max((t for t in (seen, at) if t), default=None))
        for uid, name, joined, seen, at in rows
    ]
    return sorted(students, key=lambda st: (st.username.casefold(), st.id))


def class_assignments(s: Session, classroom_id: int, *, whole: bool = False) -> list[Assignment]:
    """The class's assignments by due date, each with its pinned version (titles only
    unless ``whole``: the quiz source is needed only to rebuild the quiz)."""
    version = joinedload(Assignment.version)
    if not whole:
        version = version.load_only(QuizVersion.quiz_id, QuizVersion.title, QuizVersion.digest)
    return list(
        s.scalars(
            select(Assignment)
            .where(Assignment.classroom_id == classroom_id)
            .options(version)
            .order_by(Assignment.due_at, Assignment.id)
        )
    )


def class_attempts(s: Session, classroom_id: int, user_id: int | None = None) -> list[AttemptRow]:
    """Every attempt at the class's assignments (of one student if ``user_id``)."""
    query = (
        select(*ATTEMPT_COLUMNS)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Assignment.classroom_id == classroom_id)
    )
    if user_id is not None:
        query = query.where(Attempt.user_id == user_id)
    return [AttemptRow.of(row) for row in s.execute(query).all()]


def pick_counting(attempts: Sequence[AttemptRow], rule: str) -> AttemptRow:
    """The attempt that counts under ``rule``: best (the earliest of equal bests), last, first."""
    if rule == "last":
        return max(attempts, key=lambda a: a.number)
    if rule == "first":
        return min(attempts, key=lambda a: a.number)
    return max(attempts, key=lambda a: (a.score, -a.number))


def counting_attempts(
    attempts: Iterable[AttemptRow], rules: Mapping[int, str]
) -> dict[tuple[int, int], AttemptRow]:
    """(student, assignment) -> the attempt that counts, by each assignment's rule."""
    groups: dict[tuple[int, int], list[AttemptRow]] = defaultdict(list)
    for a in attempts:
        groups[(a.user_id, a.assignment_id)].append(a)
    return {key: pick_counting(group, rules[key[1]]) for key, group in groups.items()}


def skill_tallies(
    s: Session, classroom_id: int, user_id: int | None = None
) -> dict[int, dict[str, SkillTally]]:
    """attempt id -> {skill: tally} for the class's attempts (one student's if ``user_id``)."""
    query = (
        select(SkillResult.attempt_id, SkillResult.skill, SkillResult.expected,
               SkillResult.found, SkillResult.flagged, SkillResult.correct)
        .join(Attempt, Attempt.id == SkillResult.attempt_id)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Assignment.classroom_id == classroom_id)
    )  # fmt: skip
    if user_id is not None:
        query = query.where(Attempt.user_id == user_id)
    out: dict[int, dict[str, SkillTally]] = defaultdict(dict)
    for attempt_id, skill, *counts in s.execute(query).all():
        out[attempt_id][skill] = SkillTally(*counts)
    return out
