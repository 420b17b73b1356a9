"""Everything quizapp stores about one person, gathered in one place for an export.

``TABLES`` names every table the export reads; tests/db/test_privacy.py fails when a table
holding a person's data (a foreign key to ``users.id``, or to ``attempts.id``) is missing
from it, so a new table cannot be left out of the export unnoticed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session, joinedload, selectinload

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
    LtiGrade,
    LtiPlatform,
    LtiUser,
    Membership,
    QuizShare,
    SpanResult,
    User,
)

# Every table the export reads rows of, for the completeness test.
TABLES = frozenset(
    {
        "users",
        "classrooms",
        "memberships",
        "assignment_starts",
        "assignment_exceptions",
        "attempts",
        "attempt_skills",
        "attempt_spans",
        "authored_quizzes",
        "quiz_shares",
        "drafts",
        "audit_events",
        "lti_users",
        "lti_grades",
        "classroom_teachers",
    }
)
# Never exported: they let someone log in as the person, or are of no use to them.
WITHHELD_COLUMNS = ("password_hash", "session_version", "username_folded", "username_skeleton")


def _when(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value is not None else None


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def _in_class(classroom_id: int | None) -> Callable[[Any], ColumnElement[bool]]:
    """A filter on an assignment-id column: anything, or the class's assignments only."""
    if classroom_id is None:
        return lambda column: true()
    of_class = select(Assignment.id).where(Assignment.classroom_id == classroom_id)
    return lambda column: column.in_(of_class)


def export_user(
    session: Session,
    user_id: int,
    show_key: Callable[[Attempt], bool] = lambda a: True,
    classroom_id: int | None = None,
) -> dict[str, Any]:
    """A person's data as plain JSON-ready values. ``show_key`` says of each attempt whether
    its scores and outcomes may be shown yet (a learner's feedback may still be shut): if not,
    the attempt is listed with its answers and a note, without them. With ``classroom_id``
    (a teacher's download) only that class's part: its membership, and the starts,
    exceptions and attempts of its assignments; never practice or another teacher's class."""
    user = session.get(User, user_id)
    if user is None:
        raise LookupError(f"no user {user_id}")
    scoped = _in_class(classroom_id)
    in_scope = [] if classroom_id is None else [Membership.classroom_id == classroom_id]
    classes = session.execute(
        select(Classroom.name, Membership.joined_at)
        .join(Membership, Membership.classroom_id == Classroom.id)
        .where(Membership.user_id == user_id, *in_scope)
        .order_by(Membership.joined_at)
    ).all()
    starts = session.scalars(
        select(AssignmentStart).where(
            AssignmentStart.user_id == user_id, scoped(AssignmentStart.assignment_id)
        )
    ).all()
    grants = session.scalars(
        select(AssignmentException).where(
            AssignmentException.user_id == user_id, scoped(AssignmentException.assignment_id)
        )
    ).all()
    attempts = session.scalars(
        select(Attempt)
        .where(Attempt.user_id == user_id, scoped(Attempt.assignment_id))
        .order_by(Attempt.submitted_at, Attempt.id)
        .options(
            joinedload(Attempt.version),
            joinedload(Attempt.assignment).joinedload(Assignment.classroom),
            selectinload(Attempt.skills),
        )
    ).all()
    spans: dict[int, list[SpanResult]] = {}
    for span in session.scalars(
        select(SpanResult)
        .join(Attempt, Attempt.id == SpanResult.attempt_id)
        .where(Attempt.user_id == user_id, scoped(Attempt.assignment_id))
        .order_by(SpanResult.id)
    ):
        spans.setdefault(span.attempt_id, []).append(span)
    return {
        "account": {
            "username": user.username,
            "role": user.role,
            "created": _when(user.created_at),
            "last_seen": _when(user.last_seen_at),
        },
        "classes": [{"name": name, "joined": _when(joined)} for name, joined in classes],
        "assignment_starts": [
            {"assignment": s.assignment_id, "started": _when(s.started_at)} for s in starts
        ],
        "exceptions": [
            {
                "assignment": g.assignment_id,
                "extra_attempts": g.extra_attempts,
                "due": _when(g.due_at),
                "granted": _when(g.granted_at),
            }
            for g in grants
        ],
        "attempts": [_attempt(a, spans.get(a.id, []), show_key(a)) for a in attempts],
        **({} if classroom_id is not None else _authored(session, user_id)),
        **({} if classroom_id is not None else _trail(session, user_id)),
        **({} if classroom_id is not None else _platforms(session, user_id)),
        **({} if classroom_id is not None else _co_taught(session, user_id)),
    }


def _co_taught(session: Session, user_id: int) -> dict[str, Any]:
    """Classes the person co-teaches (another teacher owns them)."""
    rows = session.execute(
        select(Classroom.name, ClassroomTeacher.added_at)
        .join(ClassroomTeacher, ClassroomTeacher.classroom_id == Classroom.id)
        .where(ClassroomTeacher.user_id == user_id)
        .order_by(ClassroomTeacher.added_at, Classroom.id)
    ).all()
    return {"co_taught_classes": [{"name": n, "since": _when(at)} for n, at in rows]}


def _platforms(session: Session, user_id: int) -> dict[str, Any]:
    """Learning platforms the person launched from (LTI): the id the platform gave them,
    and their scores queued for, or sent to, its gradebook."""
    ids = session.execute(
        select(LtiPlatform.name, LtiUser.subject)
        .join(LtiPlatform, LtiPlatform.id == LtiUser.platform_id)
        .where(LtiUser.user_id == user_id)
    ).all()
    grades = session.scalars(
        select(LtiGrade)
        .join(Attempt, Attempt.id == LtiGrade.attempt_id)
        .where(Attempt.user_id == user_id)
        .order_by(LtiGrade.id)
    ).all()
    return {
        "learning_platforms": [{"platform": name, "your_id_there": sub} for name, sub in ids],
        "grades_for_platforms": [
            {"attempt": g.attempt_id, "status": g.status, "sent": _when(g.sent_at)} for g in grades
        ],
    }


def _trail(session: Session, user_id: int) -> dict[str, Any]:
    """The audit trail's events about the person (who viewed, exported or changed their
    data: FERPA's record of disclosures) and by them (a teacher's or administrator's)."""

    def rows(column: Any) -> list[dict[str, Any]]:
        found = session.scalars(select(AuditEvent).where(column == user_id).order_by(AuditEvent.id))
        return [
            {"when": _when(e.at), "action": e.action, "by": e.actor_name,
             "about": e.subject_name, "class": e.classroom_name, "detail": e.detail}
            for e in found
        ]  # fmt: skip

    return {"who_saw_my_data": rows(AuditEvent.subject_id), "my_actions": rows(AuditEvent.actor_id)}


def _authored(session: Session, user_id: int) -> dict[str, Any]:
    """A teacher's quizzes made in the browser, what is shared with them, and their drafts."""
    owned = session.execute(
        select(AuthoredQuiz.quiz_id, AuthoredQuiz.visibility, AuthoredQuiz.created_at).where(
            AuthoredQuiz.owner_id == user_id
        )
    ).all()
    shared = session.scalars(select(QuizShare.quiz_id).where(QuizShare.user_id == user_id))
    drafts = session.scalars(select(Draft).where(Draft.owner_id == user_id).order_by(Draft.id))
    return {
        "quizzes": [
            {"id": q, "visibility": v, "created": _when(c)} for q, v, c in owned
        ],  # fmt: skip
        "shared_with_me": list(shared),
        "drafts": [
            {
                "id": d.id,
                "quiz": d.quiz_id,
                "revision": d.revision,
                "document": _loads(d.document),
                "article": d.article,
                "updated": _when(d.updated_at),
            }
            for d in drafts
        ],  # fmt: skip
    }


def _attempt(a: Attempt, spans: list[SpanResult], shown: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": a.id,
        "quiz": a.version.title,
        "version": a.version.digest,
        "assignment": a.assignment_id,
        "class": a.assignment.classroom.name if a.assignment else None,
        "number": a.number,
        "late": a.late,
        "void": a.voided_at is not None,
        "submitted": _when(a.submitted_at),
        "responses": _loads(a.responses),
    }
    if not shown:
        return {**out, "feedback": "not open yet: scores are added once it opens"}
    return {
        **out,
        "score": a.score,
        "earned": a.earned,
        "possible": a.possible,
        "question_scores": _loads(a.marks),
        "skills": {
            s.skill: {
                "expected": s.expected,
                "found": s.found,
                "flagged": s.flagged,
                "correct": s.correct,
            }
            for s in a.skills
        },  # fmt: skip
        "spans": [
            {
                "question": s.question_id,
                "span": s.span_id,
                "status": s.status,
                "coverage": s.coverage,
            }
            for s in spans
        ],  # fmt: skip
    }


CSV_COLUMNS = ("quiz", "version", "class", "assignment", "number", "submitted", "late", "void",
               "score", "earned", "possible")  # fmt: skip


def attempt_rows(export: dict[str, Any]) -> list[list[Any]]:
    """One row an attempt of an export, in ``CSV_COLUMNS`` order (blank scores if shut)."""
    return [[a.get(c, "") for c in CSV_COLUMNS] for a in export["attempts"]]
