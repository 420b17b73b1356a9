"""Retention: how long data is kept, when an account counts as unused, and the purge.

A student account unused for ``RETENTION_DAYS`` (last seen, or made, before then) is
deleted with everything about it; an archived class is deleted ``RETENTION_DAYS`` after it
was archived; audit events go after ``AUDIT_RETENTION_DAYS``. Teacher accounts are left
to an administrator: deleting one takes their classes and quizzes with it. Each account and
each class is deleted in its own transaction (``db.erasure``), so a purge stopped midway
leaves whole accounts and classes, deleted or not, never half of one.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from quizapp.core.texts import N_, Text
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
    """A retention period that cannot be used, with what to set instead: ``reason`` for
    the administrator's page, ``str()`` the English for the command line."""

    def __init__(self, reason: Text) -> None:
        self.reason = reason
        super().__init__(str(reason))


def period(value: Any, name: str) -> int | None:
    """A period of days from the configuration: None when it is not set; a RetentionError
    for anything but a whole number of days above zero (a zero would delete everything)."""
    if value is None or value == "":
        return None
    try:
        days = int(str(value).strip())
    except ValueError:
        raise RetentionError(
            Text(
                N_("%(name)s must be a whole number of days, not %(value)s."),
                {"name": name, "value": repr(value)},
            )
        ) from None
    if days <= 0:
        raise RetentionError(
            Text(
                N_(
                    "%(name)s is %(days)d: a retention period must be at least 1 day (a "
                    "period of %(days)d would delete everything at once). Nothing was purged."
                ),
                {"name": name, "days": days},
            )
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
    if dry_run:
        # One transaction, rolled back: a student of a class that goes is counted once.
        with erasure.rolled_back(db) as s:
            _expired(s, done, days, audit_days, moment, lambda: nullcontext(s))
    else:
        with db.session() as s:
            _expired(s, done, days, audit_days, moment, db.write)
    return done


def _expired(
    s: Session,
    done: Purge,
    days: int | None,
    audit_days: int | None,
    moment: datetime,
    write: Callable[[], Any],
) -> None:
    """Find and delete what ran out, each class and account in a ``write()`` of its own."""
    if days is not None:
        before = moment - timedelta(days=days)
        last = func.coalesce(User.last_seen_at, User.created_at)
        rooms = s.scalars(select(Classroom.id).where(
            Classroom.archived.is_(True), Classroom.archived_at < before).order_by(Classroom.id)
        ).all()  # fmt: skip
        for room in rooms:
            with write() as w:
                done.classes += done.add(
                    erasure.classroom_rows(w, room, None, archived_before=before)
                )
        users = s.scalars(
            select(User.id).where(User.role == "student", last < before).order_by(User.id)
        ).all()
        for user in users:
            with write() as w:
                done.accounts += done.add(erasure.account_rows(w, user, inactive_before=before))
    if audit_days is not None:
        with write() as w:
            done.counts["audit_events"] = audit.delete_older(w, moment - timedelta(days=audit_days))
