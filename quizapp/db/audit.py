"""The audit trail: who viewed, exported, reset, deleted or purged whose data, and when.

An event is written in the same transaction as the action it records (``record``, given
the action's session), or, for a page that only reads, in a small write of its own
(``log``). Events hold ids, name snapshots, the class and what was touched (``detail``:
"attempt 12", counts by table), never answers or scores. Deleting a person blanks their id
and name in every event (``forget``), so the trail keeps nothing identifying them yet still
says an account was deleted, when and by whom.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from quizapp.db.engine import Database
from quizapp.db.models import AuditEvent, Classroom, User, utcnow

# Every action, with the words the trail page shows for it.
ACTIONS = {
    "viewed_record": "viewed a student's record",
    "viewed_attempt": "viewed an attempt",
    "viewed_class": "viewed a class's results",
    "exported_class": "downloaded a class's results",
    "exported": "exported a student's data",
    "reset_password": "reset a password",
    "deleted_class_data": "deleted a student's data from a class",
    "deleted_class": "deleted a class",
    "deleted_account": "deleted an account",
    "purged": "purged (retention period over)",
    "granted_admin": "made an administrator",
    "revoked_admin": "ended administrator rights",
    "removed_platform": "removed a learning platform",
}
PURGE_ACTOR = "quizapp purge"  # the name of the retention job in the trail
SELF = "the account holder"  # a student who deleted their own account


def _name(user_id: int | None) -> ColumnElement[str] | None:
    if user_id is None:
        return None
    return select(User.username).where(User.id == user_id).scalar_subquery()


def record(
    s: Session,
    actor_id: int | None,
    action: str,
    *,
    subject_id: int | None = None,
    classroom_id: int | None = None,
    detail: str = "",
    actor_name: str | None = None,
) -> int:
    """Add an event inside the caller's transaction, and return its id; names are read as
    they are now. ``actor_name`` names an actor that is not an account (the purge job)."""
    if action not in ACTIONS:
        raise ValueError(f"no audit action {action!r}")
    return s.execute(
        insert(AuditEvent)
        .returning(AuditEvent.id)
        .values(
            at=utcnow(),
            actor_id=actor_id,
            actor_name=actor_name if actor_id is None else _name(actor_id),
            action=action,
            subject_id=subject_id,
            subject_name=_name(subject_id),
            classroom_id=classroom_id,
            classroom_name=(
                None
                if classroom_id is None
                else select(Classroom.name).where(Classroom.id == classroom_id).scalar_subquery()
            ),
            detail=detail[:300],
        )
    ).scalar_one()


def log(db: Database, actor_id: int, action: str, **fields: int | str | None) -> None:
    """An event of its own (a page that only reads): one insert, one short write."""
    with db.write() as s:
        record(s, actor_id, action, **fields)  # type: ignore[arg-type]


def forget(s: Session, user_id: int) -> None:
    """Blank a person's id and name in every event, as their account goes."""
    quiet = {"synchronize_session": False}
    s.execute(
        update(AuditEvent)
        .where(AuditEvent.actor_id == user_id)
        .values(actor_id=None, actor_name=None),
        execution_options=quiet,
    )
    s.execute(
        update(AuditEvent)
        .where(AuditEvent.subject_id == user_id)
        .values(subject_id=None, subject_name=None),
        execution_options=quiet,
    )


def forget_classroom(s: Session, classroom_id: int) -> None:
    """Unlink a class's events as it goes; its name stays, to say which class it was."""
    s.execute(
        update(AuditEvent).where(AuditEvent.classroom_id == classroom_id).values(classroom_id=None),
        execution_options={"synchronize_session": False},
    )


def delete_older(s: Session, before: datetime) -> int:
    """Delete events older than ``before`` (the audit retention period); how many went."""
    result = s.execute(
        delete(AuditEvent).where(AuditEvent.at < before),
        execution_options={"synchronize_session": False},
    )
    return int(getattr(result, "rowcount", 0))


def count_older(s: Session, before: datetime) -> int:
    return int(s.scalar(select(func.count()).where(AuditEvent.at < before)) or 0)


@dataclass(frozen=True)
class Page:
    events: Sequence[AuditEvent]
    total: int
    page: int
    pages: int


def _filters(person: str, action: str) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if person:
        needle = person.lower()
        out.append(
            or_(
                func.lower(AuditEvent.actor_name).contains(needle, autoescape=True),
                func.lower(AuditEvent.subject_name).contains(needle, autoescape=True),
            )
        )
    if action:
        out.append(AuditEvent.action == action)
    return out


def events(
    s: Session, person: str = "", action: str = "", page: int = 1, per_page: int = 50
) -> Page:
    """A page of events, newest first, filtered by a name (actor or subject) and action."""
    where = _filters(person, action)
    total = int(s.scalar(select(func.count()).select_from(AuditEvent).where(*where)) or 0)
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = s.scalars(
        select(AuditEvent)
        .where(*where)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(rows, total, page, pages)


def all_events(s: Session, person: str = "", action: str = "") -> Iterator[AuditEvent]:
    """Every event matching the filters, newest first, streamed for the CSV download."""
    yield from s.scalars(
        select(AuditEvent)
        .where(*_filters(person, action))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .execution_options(yield_per=500)
    )
