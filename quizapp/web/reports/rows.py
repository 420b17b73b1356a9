"""The rows every dashboard starts from, loaded in bulk: roster, assignments, attempts
and which of them count (by the assignment's rule: best, last or first), skill tallies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session, aliased, joinedload

from quizapp.core.scoring import SkillTally
from quizapp.db.models import Assignment, Attempt, Membership, QuizVersion, SkillResult, User


@dataclass(frozen=True)
class Student:
    id: int
    username: str
    joined_at: datetime
    last_activity: datetime | None


class AttemptRow(NamedTuple):
    """An attempt at an assignment, without its responses. A named tuple: the gradebook
    holds one a cell, thousands, and tuples are the cheapest records to build."""

    id: int
    user_id: int
    assignment_id: int
    number: int
    score: float
    late: bool
    submitted_at: datetime
    voided_at: datetime | None  # a voided attempt is listed but never counts
    voided_by: int | None

    @classmethod
    def of(cls, row: Sequence[Any]) -> AttemptRow:
        """From a row that starts with ``ATTEMPT_COLUMNS``."""
        return cls._make(row[: len(ATTEMPT_COLUMNS)])


ATTEMPT_COLUMNS = (
    Attempt.id, Attempt.user_id, Attempt.assignment_id, Attempt.number, Attempt.score,
    Attempt.late, Attempt.submitted_at, Attempt.voided_at, Attempt.voided_by,
)  # fmt: skip


def class_students(s: Session, classroom_id: int) -> list[Student]:
    """The roster, by username; last activity is the latest of last login and last attempt."""
    # One index seek a student (ix_attempts_user_time), not a pass over their attempts.
    last = select(func.max(Attempt.submitted_at)).where(Attempt.user_id == User.id)
    rows = s.execute(
        select(User.id, User.username, Membership.joined_at, User.last_seen_at,
               last.scalar_subquery())
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.classroom_id == classroom_id, User.role == "student")
    ).all()  # fmt: skip
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


def class_attempts(
    s: Session, classroom_id: int, user_id: int | None = None
) -> Iterator[AttemptRow]:
    """Every attempt at the class's assignments (of one student if ``user_id``), as they
    come: streamed a thousand rows at a time, so a large class's are never all held."""
    query = (
        select(*ATTEMPT_COLUMNS)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Assignment.classroom_id == classroom_id)
    )
    if user_id is not None:
        query = query.where(Attempt.user_id == user_id)
    return map(AttemptRow._make, s.connection().execute(query).yield_per(1000))


def counting_ids(*where: ColumnElement[bool]) -> Select[int, int]:
    """The ids (and students) of the attempts that count, for queries that aggregate over
    them: ``pick_counting`` in SQL (voided attempts neither count nor beat another).
    ``where`` filters attempts joined to their assignment."""
    other = aliased(Attempt)
    rule = Assignment.counting
    # Does another attempt of the student's at the assignment count before this one?
    beats = case(
        (rule == "last", other.number > Attempt.number),
        (rule == "first", other.number < Attempt.number),
        else_=(other.score > Attempt.score)
        | ((other.score == Attempt.score) & (other.number < Attempt.number)),
    )
    beaten = (
        select(other.id)
        .where(
            other.assignment_id == Attempt.assignment_id,
            other.user_id == Attempt.user_id,
            other.id != Attempt.id,
            other.voided_at.is_(None),
            beats,
        )
        .exists()
    )
    return (
        select(Attempt.id, Attempt.user_id)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(*where, Attempt.voided_at.is_(None), ~beaten)
    )


def _rank(rule: str) -> Callable[[AttemptRow], tuple[float, ...]]:
    """The key whose largest value counts: best (the earliest of equal bests), last, first."""
    if rule == "last":
        return lambda a: (a.number,)
    if rule == "first":
        return lambda a: (-a.number,)
    return lambda a: (a.score, -a.number)


def pick_counting(attempts: Sequence[AttemptRow], rule: str) -> AttemptRow:
    """The attempt that counts under ``rule``: best (the earliest of equal bests), last,
    first; never a voided one (a ValueError if every one is)."""
    return max((a for a in attempts if a.voided_at is None), key=_rank(rule))


def tally_attempts(
    attempts: Iterable[AttemptRow], rules: Mapping[int, str]
) -> tuple[dict[tuple[int, int], AttemptRow], dict[tuple[int, int], int]]:
    """(student, assignment) -> the attempt that counts by the assignment's rule, and ->
    how many attempts there are, voided ones left out; in one pass, keyed in the order the
    attempts come."""
    ranks = {assignment: _rank(rule) for assignment, rule in rules.items()}
    counted: dict[tuple[int, int], AttemptRow] = {}
    tries: dict[tuple[int, int], int] = {}
    for a in attempts:
        if a.voided_at is not None:
            continue
        key = (a.user_id, a.assignment_id)
        best = counted.get(key)
        if best is None:
            counted[key] = a
            tries[key] = 1
        else:
            tries[key] += 1
            rank = ranks[a.assignment_id]
            if rank(a) > rank(best):
                counted[key] = a
    return counted, tries


def counting_attempts(
    attempts: Iterable[AttemptRow], rules: Mapping[int, str]
) -> dict[tuple[int, int], AttemptRow]:
    """(student, assignment) -> the attempt that counts, by each assignment's rule."""
    return tally_attempts(attempts, rules)[0]


def usernames(s: Session, user_ids: Iterable[int | None]) -> dict[int, str]:
    """id -> username of these accounts (say, who voided an attempt); deleted ones left out."""
    wanted = {u for u in user_ids if u is not None}
    if not wanted:
        return {}
    return dict(s.execute(select(User.id, User.username).where(User.id.in_(wanted))).all())


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
