"""The queue of scores for platforms' line items (LTI Assignment and Grade Services): a
row is written in the submission's own transaction (``enqueue``), so a student's
submission never waits on a platform; ``quizapp lti send-grades`` sends them later."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Connection, Table, and_, insert, literal, select, update
from sqlalchemy.orm import Session

from quizapp.db.engine import Database
from quizapp.db.models import Assignment, Attempt, LtiGrade, LtiLink, LtiUser, User

_GRADES = cast(Table, LtiGrade.__table__)
# After this many failed tries a score is marked failed (the teacher's page shows it).
MAX_TRIES = 8
RETRY_FIRST, RETRY_MOST = timedelta(minutes=1), timedelta(hours=6)


def enqueue(conn: Connection, attempt_id: int, assignment_id: int, user_id: int,
            now: datetime) -> None:  # fmt: skip
    """Queue the attempt's score for each line item of the assignment's links the
    student launched from: one INSERT ... SELECT, nothing when the assignment has none."""
    links = (
        select(
            literal(attempt_id),
            LtiLink.id,
            literal("queued"),
            literal(0),
            literal(now),
            literal(""),
            literal(now),
        )  # fmt: skip
        .join(LtiUser, and_(LtiUser.platform_id == LtiLink.platform_id, LtiUser.user_id == user_id))
        .where(LtiLink.assignment_id == assignment_id, LtiLink.lineitem_url.is_not(None))
    )
    columns = [
        "attempt_id",
        "link_id",
        "status",
        "tries",
        "next_try_at",
        "last_error",
        "created_at",
    ]
    conn.execute(insert(_GRADES).from_select(columns, links))


@dataclass(frozen=True)
class Pending:
    """Queued scores of one student for one line item, sent as one (the counting score)."""

    grade_ids: tuple[int, ...]
    tries: int
    link_id: int
    platform_id: int
    lineitem_url: str
    assignment_id: int
    user_id: int
    subject: str


def due(s: Session, now: datetime, limit: int = 500) -> list[Pending]:
    """The queued scores whose time has come, grouped by line item and student."""
    rows = s.execute(
        select(LtiGrade.id, LtiGrade.tries, LtiLink.id, LtiLink.platform_id, LtiLink.lineitem_url,
               LtiLink.assignment_id, Attempt.user_id, LtiUser.subject)
        .join(LtiLink, LtiLink.id == LtiGrade.link_id)
        .join(Attempt, Attempt.id == LtiGrade.attempt_id)
        .join(LtiUser, and_(LtiUser.user_id == Attempt.user_id,
                            LtiUser.platform_id == LtiLink.platform_id))
        .where(LtiGrade.status == "queued", LtiGrade.next_try_at <= now)
        .order_by(LtiGrade.id).limit(limit)
    ).all()  # fmt: skip
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    first: dict[tuple[int, int], tuple[int, int, str, int, str]] = {}
    for gid, tries, link_id, platform_id, url, assignment_id, user_id, subject in rows:
        groups.setdefault((link_id, user_id), []).append((gid, tries))
        first.setdefault((link_id, user_id), (platform_id, assignment_id, url, user_id, subject))
    out = []
    for (link_id, user_id), grades in groups.items():
        platform_id, assignment_id, url, _, subject = first[(link_id, user_id)]
        out.append(Pending(tuple(g for g, _ in grades), max(t for _, t in grades), link_id,
                           platform_id, url, assignment_id, user_id, subject))  # fmt: skip
    return out


def mark_sent(db: Database, grade_ids: Sequence[int], now: datetime) -> None:
    with db.write() as s:
        s.execute(
            update(LtiGrade)
            .where(LtiGrade.id.in_(grade_ids))
            .values(status="sent", sent_at=now, tries=LtiGrade.tries + 1, last_error="")
        )


def mark_failed(db: Database, grade_ids: Sequence[int], tries: int, error: str,
                now: datetime) -> None:  # fmt: skip
    """One more failed try: again later (doubling the wait), or failed for good."""
    tries += 1
    wait = min(RETRY_FIRST * 2 ** (tries - 1), RETRY_MOST)
    status = "failed" if tries >= MAX_TRIES else "queued"
    with db.write() as s:
        s.execute(update(LtiGrade).where(LtiGrade.id.in_(grade_ids))
                  .values(status=status, tries=tries, next_try_at=now + wait,
                          last_error=error[:300]))  # fmt: skip


def hold(db: Database, grade_ids: Sequence[int], until: datetime | None) -> None:
    """Not yet: the score stays hidden from the student until feedback opens (never, for
    an assignment whose feedback never opens)."""
    with db.write() as s:
        values = {"next_try_at": until} if until else {"status": "held"}
        s.execute(update(LtiGrade).where(LtiGrade.id.in_(grade_ids)).values(**values))


def retry_failed(db: Database, classroom_id: int, now: datetime) -> int:
    """Queue the class's failed scores again (a teacher's button); returns how many."""
    links = (
        select(LtiLink.id)
        .join(Assignment, Assignment.id == LtiLink.assignment_id)
        .where(Assignment.classroom_id == classroom_id)
    )
    with db.write() as s:
        done = s.execute(update(LtiGrade)
                         .where(LtiGrade.status == "failed", LtiGrade.link_id.in_(links))
                         .values(status="queued", tries=0, next_try_at=now))  # fmt: skip
        return int(done.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Sent:
    """A row of the teacher's page: one queued score and what became of it."""

    username: str
    assignment_id: int
    attempt_id: int
    score: float
    status: str
    tries: int
    last_error: str
    sent_at: datetime | None
    created_at: datetime


def for_class(s: Session, classroom_id: int, limit: int = 500) -> list[Sent]:
    """The class's queued, sent, held and failed scores, newest first."""
    rows = s.execute(
        select(User.username, Assignment.id, Attempt.id, Attempt.score, LtiGrade.status,
               LtiGrade.tries, LtiGrade.last_error, LtiGrade.sent_at, LtiGrade.created_at)
        .join(Attempt, Attempt.id == LtiGrade.attempt_id)
        .join(User, User.id == Attempt.user_id)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Assignment.classroom_id == classroom_id)
        .order_by(LtiGrade.id.desc()).limit(limit)
    ).all()  # fmt: skip
    return [Sent(*row) for row in rows]
