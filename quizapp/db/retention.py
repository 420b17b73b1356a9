"""Retention: how long data is kept, when an account counts as unused, and the purge.

A student account unused for ``RETENTION_DAYS`` (last seen, or made, before then) is
deleted with everything about it; an archived class is deleted ``RETENTION_DAYS`` after it
was archived; audit events go after ``AUDIT_RETENTION_DAYS``. Teacher accounts are left
to an administrator: deleting one takes their classes and quizzes with it. Each account and
each class is deleted in its own transaction (``db.erasure``), so a purge stopped midway
leaves whole accounts and classes, deleted or not, never half of one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from quizapp.db import audit, erasure
from quizapp.db.engine import Database
from quizapp.db.models import Classroom, User, utcnow

# Activity is recorded once a day at most: a login or a page a day is one write, not many.
SEEN_EVERY = timedelta(days=1)


def touch_last_seen(db: Database, user_id: int, last_seen: datetime | None) -> None:
    """Note that the person used quizapp today, unless already noted in the last day."""
    now = utcnow()
    if last_seen is not None and now - last_seen < SEEN_EVERY:
        return
    with db.write() as s:
        s.execute(
            update(User)
            .where(User.id == user_id)
            .where((User.last_seen_at.is_(None)) | (User.last_seen_at < now - SEEN_EVERY))
            .values(last_seen_at=now),
            execution_options={"synchronize_session": False},
        )


class RetentionError(ValueError):
    """A retention period that cannot be used, with what to set instead."""


def period(value: Any, name: str) -> int | None:
    """A period of days from the configuration: None when it is not set; a RetentionError
    for anything but a whole number of days above zero (a zero would delete everything)."""
    if value is None or value == "":
        return None
    try:
        days = int(str(value).strip())
    except ValueError:
        raise RetentionError(f"{name} must be a whole number of days, not {value!r}.") from None
    if days <= 0:
        raise RetentionError(
            f"{name} is {days}: a retention period must be at least 1 day (a period of "
            f"{days} would delete everything at once). Nothing was purged."
        )
    return days


@dataclass
class Purge:
    """What a purge deletes (or, dry, would delete): counts by table, accounts and classes."""

    accounts: int = 0
    classes: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, counts: dict[str, int] | None) -> bool:
        if counts is None:
            return False
        for table, n in counts.items():
            self.counts[table] = self.counts.get(table, 0) + n
        return True


def inactive_students(db: Database, before: datetime) -> list[int]:
    """Students last seen (or, never seen, made) before ``before``."""
    last = func.coalesce(User.last_seen_at, User.created_at)
    with db.session() as s:
        return list(
            s.scalars(
                select(User.id).where(User.role == "student", last < before).order_by(User.id)
            )
        )


def expired_classes(db: Database, before: datetime) -> list[int]:
    """Classes archived before ``before``."""
    with db.session() as s:
        return list(
            s.scalars(
                select(Classroom.id)
                .where(Classroom.archived.is_(True), Classroom.archived_at < before)
                .order_by(Classroom.id)
            )
        )


def purge(
    db: Database,
    days: int | None,
    audit_days: int | None,
    *,
    dry_run: bool = False,
    now: datetime | None = None,
) -> Purge:
    """Delete what the periods have run out on (None: that part is kept). Classes first,
    then accounts, then old audit events; each account and class in one transaction."""
    done = Purge()
    moment = now or utcnow()
    if days is not None:
        before = moment - timedelta(days=days)
        for room in expired_classes(db, before):
            counts = erasure.delete_classroom(
                db, room, None, archived_before=before, dry_run=dry_run
            )
            done.classes += done.add(counts)
        for user in inactive_students(db, before):
            counts = erasure.delete_account(db, user, inactive_before=before, dry_run=dry_run)
            done.accounts += done.add(counts)
    if audit_days is not None:
        cutoff = moment - timedelta(days=audit_days)
        if dry_run:
            with db.session() as s:
                old = audit.count_older(s, cutoff)
        else:
            with db.write() as s:
                old = audit.delete_older(s, cutoff)
        done.counts["audit_events"] = done.counts.get("audit_events", 0) + old
    return done
