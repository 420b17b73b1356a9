"""Who may see the key of a quiz: the one check every learner route calls before it shows a
score, an outcome, an explanation or a right answer.

A learner is held back from every version of a quiz while any assignment of theirs on that
quiz has its feedback shut (``quizapp.core.release``), whatever digest, version or route
they try. Practice (anonymous or not) is also held back while an assignment that asked for
it (``hold_practice``) has its feedback shut: a student practising logged out cannot be told
apart from anyone else. Teachers see keys on their own pages and are never held back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from flask import g
from flask_login import current_user
from sqlalchemy import or_, select

from quizapp.core.release import Rules, is_open, opens_for_all
from quizapp.db.engine import request_session
from quizapp.db.models import (
    Assignment,
    AssignmentException,
    Attempt,
    Classroom,
    Membership,
    QuizVersion,
    utcnow,
)


@dataclass(frozen=True)
class Hold:
    """An assignment that keeps a quiz's key shut, and until when (None: for good)."""

    assignment_id: int
    classroom: str
    timezone: str
    until: datetime | None
    own: bool  # an assignment of the learner's, rather than a practice hold


@dataclass(frozen=True)
class Verdict:
    """Whether the key may be shown; if not, the holds that keep it shut."""

    holds: tuple[Hold, ...] = ()

    @property
    def allowed(self) -> bool:
        return not self.holds

    @property
    def until(self) -> datetime | None:
        """When every hold has lifted; None if one never does."""
        if any(h.until is None for h in self.holds):
            return None
        return max((h.until for h in self.holds if h.until is not None), default=None)

    @property
    def hold(self) -> Hold | None:
        """The hold to name to the learner: their own assignment first."""
        return min(self.holds, key=lambda h: (not h.own, h.assignment_id), default=None)


def _rules(assignments: list[tuple[Assignment, str, str]]) -> dict[int, tuple[Rules, str, str]]:
    """Each assignment's release rules with the later due dates given to single students."""
    ids = [a.id for a, _, _ in assignments]
    extended: dict[int, list[datetime]] = defaultdict(list)
    if ids:
        rows = request_session().execute(
            select(AssignmentException.assignment_id, AssignmentException.due_at).where(
                AssignmentException.assignment_id.in_(ids),
                AssignmentException.due_at.is_not(None),
            )
        )
        for assignment_id, due in rows:
            extended[assignment_id].append(due)
    return {
        a.id: (
            Rules(a.feedback, a.due_at, a.allow_late, a.late_until, tuple(extended[a.id])),
            name,
            zone,
        )
        for a, name, zone in assignments
    }


def release_of(assignment: Assignment) -> datetime | None:
    """When the assignment's key opens to all its students (None: never), as the page
    announces it."""
    rules, _, _ = _rules([(assignment, "", "")])[assignment.id]
    return opens_for_all(rules)


def _assignments_on(quiz_id: str, user_id: int | None) -> list[tuple[Assignment, str, str]]:
    """The learner's assignments on any version of the quiz (open or not yet, of a class
    they are in or took work of), with the class's name and zone; with no learner, the
    assignments that hold the quiz's practice."""
    query = (
        select(Assignment, Classroom.name, Classroom.timezone)
        .join(QuizVersion, QuizVersion.id == Assignment.version_id)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .where(QuizVersion.quiz_id == quiz_id)
    )
    if user_id is None:
        query = query.where(Assignment.hold_practice.is_(True))
    else:
        # Archived classes too, and classes the learner has left: "never" stays never.
        member = select(Membership.user_id).where(
            Membership.classroom_id == Classroom.id, Membership.user_id == user_id
        )
        took = select(Attempt.id).where(
            Attempt.assignment_id == Assignment.id, Attempt.user_id == user_id
        )
        query = query.where(or_(member.exists(), took.exists()))
    return [(a, name, zone) for a, name, zone in request_session().execute(query)]


def _submitted(user_id: int, assignment_ids: list[int]) -> set[int]:
    if not assignment_ids:
        return set()
    return set(
        request_session().scalars(
            select(Attempt.assignment_id).where(
                Attempt.user_id == user_id,
                Attempt.assignment_id.in_(assignment_ids),
                Attempt.voided_at.is_(None),
            )
        )
    )


def _learner_id() -> int | None:
    return int(current_user.id) if current_user.is_authenticated else None


def key_verdict(quiz_id: str, *, practice: bool) -> Verdict:
    """May the current visitor see the key of ``quiz_id`` (any version) now?

    ``practice``: the key is asked for a practice attempt (not an assignment's); such keys
    are also held back by assignments that hold their quiz's practice. Worked out once a
    request and quiz."""
    if current_user.is_authenticated and current_user.is_teacher:
        return Verdict()
    cache: dict[tuple[str, bool], Verdict] = g.setdefault("key_verdicts", {})
    if (quiz_id, practice) not in cache:
        cache[quiz_id, practice] = _verdict(quiz_id, _learner_id(), practice, utcnow())
    return cache[quiz_id, practice]


def _verdict(quiz_id: str, user_id: int | None, practice: bool, now: datetime) -> Verdict:
    holds: list[Hold] = []
    own: list[tuple[Assignment, str, str]] = []
    if user_id is not None:
        own = _assignments_on(quiz_id, user_id)
        done = _submitted(user_id, [a.id for a, _, _ in own])
        for aid, (rules, name, zone) in _rules(own).items():
            if not is_open(rules, now, submitted=aid in done):
                holds.append(Hold(aid, name, zone, opens_for_all(rules), own=True))
    if practice:
        # A learner's own assignment is decided by the rule above, not by its hold.
        mine = {a.id for a, _, _ in own}
        held = [row for row in _assignments_on(quiz_id, None) if row[0].id not in mine]
        for aid, (rules, name, zone) in _rules(held).items():
            if not is_open(rules, now, submitted=False):
                holds.append(Hold(aid, name, zone, opens_for_all(rules), own=False))
    return Verdict(tuple(holds))
