"""Deleting a student: every row about them, in one transaction, on either database.

``TABLES`` names, for every table holding a person's data (a key to ``users.id`` or to an
attempt), what deleting a student does to it; tests/web/test_erasure.py fails when a table
is missing, so a new table cannot be left out of a deletion unnoticed.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update

from quizapp.db.engine import Database
from quizapp.db.models import (
    AssignmentException,
    AssignmentStart,
    Attempt,
    Membership,
    SkillResult,
    SpanResult,
    User,
)

TABLES = {
    "attempt_spans": "deleted with the student's attempts",
    "attempt_skills": "deleted with the student's attempts",
    "attempts": "deleted; an attempt they voided keeps no name of who did",
    "assignment_starts": "deleted",
    "assignment_exceptions": "deleted; an exception they granted keeps no name of who did",
    "memberships": "deleted",
    "classrooms": "untouched: only teachers run classes, and teachers are refused here",
    "users": "deleted",
}


class NotAStudent(ValueError):
    """Only a student's account can be deleted this way (a teacher's classes would go)."""


def delete_student(db: Database, user_id: int) -> dict[str, int]:
    """Delete a student and every row about them, all or nothing; the rows deleted a table.
    Their sessions end with them: no account, no login (``web.auth.load_user``)."""
    # Deleted explicitly, children first, rather than left to ON DELETE CASCADE: the counts
    # are reported, and nothing depends on SQLite's foreign_keys pragma being on.
    quiet = {"synchronize_session": False}
    with db.write() as s:
        role = s.scalar(select(User.role).where(User.id == user_id).with_for_update())
        if role is None:
            raise LookupError(f"There is no account {user_id}.")
        if role != "student":
            raise NotAStudent("A teacher's account holds their classes; it is not deleted here.")
        theirs = select(Attempt.id).where(Attempt.user_id == user_id).scalar_subquery()
        counts = {}
        for table, statement in (
            ("attempt_spans", delete(SpanResult).where(SpanResult.attempt_id.in_(theirs))),
            ("attempt_skills", delete(SkillResult).where(SkillResult.attempt_id.in_(theirs))),
            ("attempts", delete(Attempt).where(Attempt.user_id == user_id)),
            ("assignment_starts",
             delete(AssignmentStart).where(AssignmentStart.user_id == user_id)),
            ("assignment_exceptions",
             delete(AssignmentException).where(AssignmentException.user_id == user_id)),
            ("memberships", delete(Membership).where(Membership.user_id == user_id)),
        ):  # fmt: skip
            counts[table] = s.execute(statement, execution_options=quiet).rowcount
        s.execute(
            update(AssignmentException)
            .where(AssignmentException.granted_by == user_id)
            .values(granted_by=None),
            execution_options=quiet,
        )
        s.execute(
            update(Attempt).where(Attempt.voided_by == user_id).values(voided_by=None),
            execution_options=quiet,
        )
        counts["users"] = s.execute(
            delete(User).where(User.id == user_id), execution_options=quiet
        ).rowcount
    return counts
