"""One student's exceptions to an assignment's rules, and voided attempts: every write a
teacher makes for a single student, one transaction each.

Each write names the teacher and re-checks, inside its transaction, that the class, the
student and the assignment (or attempt) are theirs, as ``writes.update_assignment`` does; the
assignment's row is locked against new attempts until the commit, so the counts read stay
true. The rules that read these rows (``writes.attempt_limit``, ``writes.due_for``; a voided
attempt never counts) are applied where an attempt is taken, ``writes._assignment_slot``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizapp.core.texts import N_, P_
from quizapp.db.engine import Database
from quizapp.db.models import Assignment, AssignmentException, Attempt, User, utcnow
from quizapp.db.reasons import Moment
from quizapp.db.writes import (
    MAX_ATTEMPTS,
    WriteError,
    _class_student,
    _teacher_assignment,
    _teacher_classroom,
    attempt_limit,
)

# More attempts given at once: enough for any mishap, small enough to catch a typo.
MAX_MORE = 10


def _exception(
    s: Session, assignment_id: int, user_id: int, teacher_id: int
) -> AssignmentException:
    """The student's exception row, made if missing, stamped with who changed it and when."""
    row = s.get(AssignmentException, (assignment_id, user_id))
    if row is None:
        row = AssignmentException(assignment_id=assignment_id, user_id=user_id, extra_attempts=0)
        s.add(row)
    row.granted_by = teacher_id
    row.granted_at = utcnow()
    return row


def give_attempts(
    db: Database,
    teacher_id: int,
    classroom_id: int,
    assignment_id: int,
    user_id: int,
    more: int,
) -> int:
    """Let one student of the class make ``more`` attempts beyond the assignment's limit (on
    top of any given before); return how many they may now make in all."""
    if not 1 <= more <= MAX_MORE:
        raise WriteError(
            P_(
                "Give from 1 to %(num)d more attempt at a time.",
                "Give from 1 to %(num)d more attempts at a time.",
                MAX_MORE,
            )
        )
    with db.write() as s:
        assignment = _teacher_assignment(s, teacher_id, classroom_id, assignment_id)
        student = _class_student(s, teacher_id, classroom_id, user_id)
        found = s.get(AssignmentException, (assignment.id, student.id))
        extra = found.extra_attempts if found is not None else 0
        allowed = attempt_limit(assignment.max_attempts, extra)
        if allowed + more > MAX_ATTEMPTS:
            room = MAX_ATTEMPTS - allowed
            # Translators: counts without a noun of their own ("attempts: 3") read right in
            # every number; any wording that keeps the placeholders is fine.
            more_said = (
                N_(
                    "%(name)s may make %(allowed)d attempts already, and one student at most "
                    "%(most)d: give at most %(room)d more."
                )
                if room > 0
                else N_(
                    "%(name)s may make %(allowed)d attempts already, and one student at most "
                    "%(most)d: no more can be given."
                )
            )
            raise WriteError(
                more_said, name=student.username, allowed=allowed, most=MAX_ATTEMPTS, room=room
            )
        _exception(s, assignment.id, student.id, teacher_id).extra_attempts = extra + more
        return allowed + more


def set_own_due(
    db: Database,
    teacher_id: int,
    classroom_id: int,
    assignment_id: int,
    user_id: int,
    due_at: datetime | None,
) -> None:
    """Give one student of the class a due date of their own, later than the class's and not
    in the past; or, with None, take it away (the class's due date applies again)."""
    with db.write() as s:
        assignment = _teacher_assignment(s, teacher_id, classroom_id, assignment_id)
        student = _class_student(s, teacher_id, classroom_id, user_id)
        if due_at is None:
            found = s.get(AssignmentException, (assignment.id, student.id))
            if found is not None and found.due_at is not None:
                found.due_at = None
                found.granted_by, found.granted_at = teacher_id, utcnow()
            return
        if due_at <= utcnow():
            raise WriteError(N_("That date is in the past: an extension must end in the future."))
        if due_at <= assignment.due_at:
            raise WriteError(
                N_("The class's due date is %(when)s; %(name)s's own due date must come after it."),
                when=Moment(assignment.due_at, assignment.classroom.timezone),
                name=student.username,
            )
        _exception(s, assignment.id, student.id, teacher_id).due_at = due_at


@dataclass(frozen=True)
class Voided:
    """What a void or restore changed: the attempt, whose and at what."""

    attempt_id: int
    number: int
    username: str
    title: str


def _class_attempt(s: Session, teacher_id: int, classroom_id: int, attempt_id: int) -> Attempt:
    """An attempt at an assignment of the teacher's class by a student still in it, locked,
    with its assignment locked against new attempts, until the commit."""
    _teacher_classroom(s, teacher_id, classroom_id)
    nothing = WriteError(N_("There is no such attempt in this class."))
    attempt = s.get(Attempt, attempt_id, with_for_update=True)
    if attempt is None:
        raise nothing
    if attempt.assignment_id is None:
        # Told only to the teacher of the student's class; to anyone else it does not exist.
        try:
            _class_student(s, teacher_id, classroom_id, attempt.user_id)
        except WriteError:
            raise nothing from None
        raise WriteError(
            N_("This is a practice attempt: it counts nowhere, so it cannot be voided.")
        )
    try:
        _teacher_assignment(s, teacher_id, classroom_id, attempt.assignment_id)
    except WriteError:
        raise nothing from None
    try:
        _class_student(s, teacher_id, classroom_id, attempt.user_id)
    except WriteError:
        raise WriteError(
            N_("This attempt's student is no longer in this class: it counts nowhere here.")
        ) from None
    return attempt


def _voided(s: Session, attempt: Attempt) -> Voided:
    username = s.scalar(select(User.username).where(User.id == attempt.user_id)) or ""
    assert attempt.assignment is not None  # checked by _class_attempt
    return Voided(attempt.id, attempt.number, username, attempt.assignment.version.title)


def void_attempt(db: Database, teacher_id: int, classroom_id: int, attempt_id: int) -> Voided:
    """Mark an attempt void: it stays, with who voided it and when, but never counts and no
    longer uses up one of the student's attempts. Voiding it again is refused."""
    with db.write() as s:
        attempt = _class_attempt(s, teacher_id, classroom_id, attempt_id)
        if attempt.voided_at is not None:
            assert attempt.assignment is not None  # checked by _class_attempt
            when = Moment(attempt.voided_at, attempt.assignment.classroom.timezone)
            raise WriteError(N_("This attempt was voided already, on %(when)s."), when=when)
        attempt.voided_at = utcnow()
        attempt.voided_by = teacher_id
        return _voided(s, attempt)


def restore_attempt(db: Database, teacher_id: int, classroom_id: int, attempt_id: int) -> Voided:
    """Undo a void: the attempt counts again, if the student's limit has room for it."""
    with db.write() as s:
        attempt = _class_attempt(s, teacher_id, classroom_id, attempt_id)
        if attempt.voided_at is None:
            raise WriteError(N_("This attempt is not void; it counts already."))
        assignment = s.get(Assignment, attempt.assignment_id)
        assert assignment is not None
        found = s.get(AssignmentException, (assignment.id, attempt.user_id))
        allowed = attempt_limit(assignment.max_attempts, found.extra_attempts if found else 0)
        used = (
            s.scalar(
                select(func.count())
                .select_from(Attempt)
                .where(
                    Attempt.assignment_id == assignment.id,
                    Attempt.user_id == attempt.user_id,
                    Attempt.voided_at.is_(None),
                )
            )
            or 0
        )
        if used >= allowed:
            raise WriteError(
                N_(
                    "The student has made %(used)d of their %(allowed)d attempts since; give "
                    "them one more attempt first, then restore this one."
                ),
                used=used,
                allowed=allowed,
            )
        attempt.voided_at = None
        attempt.voided_by = None
        return _voided(s, attempt)
