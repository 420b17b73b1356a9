"""Deleting people's data: an account (a student's, by themself, their teacher's
administrator or the retention job; a teacher's, by an administrator), a student's part of
one class, a whole class. Each is one transaction, on either database: all or nothing.

``TABLES`` names, for every table holding a person's data (a key to ``users.id`` or to an
attempt), what deleting an account does to it; tests/web/test_erasure.py fails when a table
is missing, so a new table cannot be left out of a deletion unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Select, delete, func, select, update
from sqlalchemy.orm import Session

from quizapp.db import audit
from quizapp.db.coteachers import taught_by
from quizapp.db.engine import Database
from quizapp.db.models import (
    Assignment,
    AssignmentException,
    AssignmentStart,
    Attempt,
    AuditEvent,
    AuthoredQuiz,
    Classroom,
    ClassroomTeacher,
    Draft,
    LtiContext,
    LtiGrade,
    LtiLink,
    LtiUser,
    Membership,
    QuizShare,
    SkillResult,
    SpanResult,
    User,
)

TABLES = {
    "attempt_spans": "deleted with the person's attempts",
    "attempt_skills": "deleted with the person's attempts",
    "attempts": "deleted; an attempt they voided keeps no name of who did",
    "assignment_starts": "deleted",
    "assignment_exceptions": "deleted; an exception they granted keeps no name of who did",
    "memberships": "deleted",
    "classrooms": "a teacher's classes are deleted with everything in them",
    "authored_quizzes": "a teacher's quizzes pass to the administrator who deletes the account",
    "quiz_shares": "deleted: what was shared with them",
    "drafts": "a teacher's drafts are deleted",
    "audit_events": "kept with their id and name blanked, so they say 'a deleted account'",
    "users": "deleted",
    # LTI launches (issue 18): deleted explicitly, like the rest, and counted.
    "lti_users": "deleted with the account: the platform's id for the person",
    "lti_grades": "deleted with the person's attempts: scores waiting to go to the platform",
    "classroom_teachers": "deleted: the classes they co-taught stay their owners'",
}
QUIET = {"synchronize_session": False}


class NotAStudent(ValueError):
    """Only a student's account can be deleted this way (a teacher's classes would go)."""


class NotArchived(ValueError):
    """A teacher deletes a whole class only once it is archived."""


class OwnAccount(ValueError):
    """An administrator's own account is deleted by another administrator."""


class _DryRun(Exception):
    """Raised at the end of a dry run, so the write transaction rolls back."""


@contextmanager
def rolled_back(db: Database) -> Iterator[Session]:
    """A write transaction that is always rolled back: a dry run does every delete and
    counts it, so its counts are exactly what the real run deletes."""
    try:
        with db.write() as s:
            yield s
            raise _DryRun
    except _DryRun:
        pass


def summary(counts: dict[str, int]) -> str:
    """Counts by table as the trail and the purge print them: "attempts: 2, users: 1"."""
    return ", ".join(f"{t}: {n}" for t, n in counts.items() if n) or "nothing"


def _run(s: Session, counts: dict[str, int], table: str, statement: Any) -> None:
    result = cast(CursorResult[Any], s.execute(statement, execution_options=QUIET))
    counts[table] = counts.get(table, 0) + result.rowcount


def _attempts(s: Session, counts: dict[str, int], *where: ColumnElement[bool]) -> None:
    """Delete the attempts matching ``where``, children first (not left to ON DELETE
    CASCADE: the counts are reported, and SQLite's foreign_keys pragma may be off)."""
    chosen = select(Attempt.id).where(*where).scalar_subquery()
    _run(s, counts, "lti_grades", delete(LtiGrade).where(LtiGrade.attempt_id.in_(chosen)))
    _run(s, counts, "attempt_spans", delete(SpanResult).where(SpanResult.attempt_id.in_(chosen)))
    _run(s, counts, "attempt_skills", delete(SkillResult).where(SkillResult.attempt_id.in_(chosen)))
    _run(s, counts, "attempts", delete(Attempt).where(*where))


def _of_class(classroom_id: int) -> Select[Any]:
    return select(Assignment.id).where(Assignment.classroom_id == classroom_id)


def _person(s: Session, counts: dict[str, int], user_id: int) -> None:
    """Every row about a person but their classes and quizzes, and their account last."""
    _attempts(s, counts, Attempt.user_id == user_id)
    _run(
        s,
        counts,
        "assignment_starts",
        delete(AssignmentStart).where(AssignmentStart.user_id == user_id),
    )
    _run(
        s,
        counts,
        "assignment_exceptions",
        delete(AssignmentException).where(AssignmentException.user_id == user_id),
    )
    _run(s, counts, "memberships", delete(Membership).where(Membership.user_id == user_id))
    _run(s, counts, "lti_users", delete(LtiUser).where(LtiUser.user_id == user_id))
    _run(s, counts, "classroom_teachers",
         delete(ClassroomTeacher).where(ClassroomTeacher.user_id == user_id))  # fmt: skip
    s.execute(
        update(AssignmentException)
        .where(AssignmentException.granted_by == user_id)
        .values(granted_by=None),
        execution_options=QUIET,
    )
    s.execute(update(Attempt).where(Attempt.voided_by == user_id).values(voided_by=None),
              execution_options=QUIET)  # fmt: skip
    audit.forget(s, user_id)


def _classroom(s: Session, counts: dict[str, int], classroom_id: int) -> None:
    """Everything in a class: its assignments' attempts, starts and exceptions, its
    assignments and roster, then the class; its trail events keep only its name."""
    of_class = _of_class(classroom_id)
    _attempts(s, counts, Attempt.assignment_id.in_(of_class))
    _run(
        s,
        counts,
        "assignment_starts",
        delete(AssignmentStart).where(AssignmentStart.assignment_id.in_(of_class)),
    )
    _run(
        s,
        counts,
        "assignment_exceptions",
        delete(AssignmentException).where(AssignmentException.assignment_id.in_(of_class)),
    )
    _run(s, counts, "lti_links", delete(LtiLink).where(LtiLink.assignment_id.in_(of_class)))
    _run(
        s, counts, "assignments", delete(Assignment).where(Assignment.classroom_id == classroom_id)
    )
    _run(s, counts, "lti_contexts",
         delete(LtiContext).where(LtiContext.classroom_id == classroom_id))  # fmt: skip
    _run(s, counts, "memberships",
         delete(Membership).where(Membership.classroom_id == classroom_id))  # fmt: skip
    _run(s, counts, "classroom_teachers",
         delete(ClassroomTeacher).where(ClassroomTeacher.classroom_id == classroom_id))  # fmt: skip
    audit.forget_classroom(s, classroom_id)
    _run(s, counts, "classrooms", delete(Classroom).where(Classroom.id == classroom_id))


def _last_active(user: Any) -> datetime:
    return user.last_seen_at or user.created_at  # type: ignore[no-any-return]


def delete_account(
    db: Database,
    user_id: int,
    actor_id: int | None = None,
    *,
    students_only: bool = False,
    inactive_before: datetime | None = None,
) -> dict[str, int] | None:
    """Delete an account and every row about it, all or nothing; the rows deleted a table.

    ``actor_id`` None is the student themself (or, with ``inactive_before``, the purge,
    which deletes students only and checks again here that the account is still unused:
    None if it was used meanwhile). A teacher's classes go with them; their quizzes pass to
    the administrator ``actor_id``. Sessions end with the account (``web.auth.load_user``)."""
    with db.write() as s:
        return account_rows(s, user_id, actor_id, students_only=students_only,
                            inactive_before=inactive_before)  # fmt: skip


def account_rows(
    s: Session,
    user_id: int,
    actor_id: int | None = None,
    *,
    students_only: bool = False,
    inactive_before: datetime | None = None,
) -> dict[str, int] | None:
    """``delete_account`` inside the caller's transaction (a dry run rolls it back)."""
    counts: dict[str, int] = {}
    user = s.execute(
        select(User.role, User.last_seen_at, User.created_at)
        .where(User.id == user_id)
        .with_for_update()
    ).first()
    if user is None:
        raise LookupError(f"There is no account {user_id}.")
    if user.role != "student" and (students_only or inactive_before is not None):
        raise NotAStudent("A teacher's account holds their classes; it is not deleted here.")
    if inactive_before is not None and _last_active(user) >= inactive_before:
        return None
    if user.role != "student":
        if actor_id is None or actor_id == user_id:
            raise OwnAccount("Another administrator deletes an administrator's account.")
        for room in s.scalars(select(Classroom.id).where(Classroom.teacher_id == user_id)):
            _classroom(s, counts, room)
        _run(s, counts, "drafts", delete(Draft).where(Draft.owner_id == user_id))
        _run(s, counts, "quiz_shares", delete(QuizShare).where(QuizShare.user_id == user_id))
        s.execute(
            update(AuthoredQuiz).where(AuthoredQuiz.owner_id == user_id).values(owner_id=actor_id),
            execution_options=QUIET,
        )
    _person(s, counts, user_id)
    _run(s, counts, "users", delete(User).where(User.id == user_id))
    purged = inactive_before is not None
    audit.record(
        s, actor_id, "purged" if purged else "deleted_account",
        detail=("inactive account; " if purged else f"{user.role} account; ") + summary(counts),
        actor_name=audit.PURGE_ACTOR if purged else audit.SELF,
    )  # fmt: skip
    return counts


def delete_student(db: Database, user_id: int, actor_id: int | None = None) -> dict[str, int]:
    """Delete a student and every row about them (see ``delete_account``); a teacher's
    account is refused with NotAStudent."""
    counts = delete_account(db, user_id, actor_id, students_only=True)
    assert counts is not None
    return counts


def delete_class_data(
    db: Database, teacher_id: int, classroom_id: int, user_id: int
) -> dict[str, int]:
    """A student's part of one class: their membership and the attempts, starts and
    exceptions of its assignments; never another class's data or their practice. The class
    must be ``teacher_id``'s (owned or co-taught), the student on its roster (else
    LookupError, nothing touched)."""
    counts: dict[str, int] = {}
    with db.write() as s:
        room = s.scalar(select(Classroom.id).where(Classroom.id == classroom_id,
                                                   taught_by(teacher_id)))  # fmt: skip
        member = s.scalar(
            select(func.count())
            .select_from(Membership)
            .join(User, User.id == Membership.user_id)
            .where(Membership.classroom_id == classroom_id, Membership.user_id == user_id,
                   User.role == "student")
        )  # fmt: skip
        if room is None or not member:
            raise LookupError("There is no such student in this class.")
        of_class = _of_class(classroom_id)
        _attempts(s, counts, Attempt.user_id == user_id, Attempt.assignment_id.in_(of_class))
        for model, table in ((AssignmentStart, "assignment_starts"),
                             (AssignmentException, "assignment_exceptions")):  # fmt: skip
            _run(s, counts, table, delete(model).where(
                model.user_id == user_id, model.assignment_id.in_(of_class)))  # fmt: skip
        _run(s, counts, "memberships", delete(Membership).where(
            Membership.user_id == user_id, Membership.classroom_id == classroom_id))  # fmt: skip
        audit.record(s, teacher_id, "deleted_class_data", subject_id=user_id,
                     classroom_id=classroom_id, detail=summary(counts))  # fmt: skip
    return counts


def delete_classroom(
    db: Database,
    classroom_id: int,
    actor_id: int | None,
    *,
    teacher_id: int | None = None,
    archived_before: datetime | None = None,
) -> dict[str, int] | None:
    """Delete a class and everything in it, all or nothing. With ``teacher_id`` it must be
    theirs (else LookupError, as for no class) and archived (else NotArchived); with
    ``archived_before`` (the purge) it must still be archived since before then, else None."""
    with db.write() as s:
        return classroom_rows(s, classroom_id, actor_id, teacher_id=teacher_id,
                              archived_before=archived_before)  # fmt: skip


def classroom_rows(
    s: Session,
    classroom_id: int,
    actor_id: int | None,
    *,
    teacher_id: int | None = None,
    archived_before: datetime | None = None,
) -> dict[str, int] | None:
    """``delete_classroom`` inside the caller's transaction (a dry run rolls it back)."""
    counts: dict[str, int] = {}
    room = s.execute(
        select(Classroom.teacher_id, Classroom.archived, Classroom.archived_at)
        .where(Classroom.id == classroom_id)
        .with_for_update()
    ).first()
    if room is None or (teacher_id is not None and room.teacher_id != teacher_id):
        raise LookupError("There is no such class.")
    if teacher_id is not None and not room.archived:
        raise NotArchived("Archive the class first: only an archived class can be deleted.")
    if archived_before is not None and not (
        room.archived and room.archived_at is not None and room.archived_at < archived_before
    ):
        return None
    purged = archived_before is not None
    # Recorded first, while the class's name can still be read; _classroom unlinks it.
    event = audit.record(s, actor_id, "purged" if purged else "deleted_class",
                         classroom_id=classroom_id,
                         actor_name=audit.PURGE_ACTOR if purged else None)  # fmt: skip
    _classroom(s, counts, classroom_id)
    kind = "archived class; " if room.archived else "class; "
    s.execute(
        update(AuditEvent).where(AuditEvent.id == event).values(detail=kind + summary(counts)),
        execution_options=QUIET,
    )
    return counts
