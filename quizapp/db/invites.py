"""Invite codes for teacher registration: made, listed and revoked by the administrator
(``quizapp invite``), spent by registering. Each write is one transaction."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.exc import IntegrityError

from quizapp.core.texts import N_
from quizapp.db.engine import Database
from quizapp.db.models import Invite, utcnow
from quizapp.db.reasons import Moment
from quizapp.db.writes import WriteError, add_user

PREFIX = 4  # characters of a code kept in clear, to tell codes apart in the list
SHOWN = "%d %b %Y, %H:%M UTC"


class InviteError(WriteError):
    """An invite code that lets nobody in, with the reason: counted as a failed code."""


@dataclass(frozen=True)
class InviteRow:
    """An invite as the administrator's list shows it (never the code itself)."""

    id: int
    prefix: str
    uses_left: int
    expires_at: datetime
    revoked: bool

    def status(self, now: datetime) -> str:
        if self.revoked:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "used up" if self.uses_left <= 0 else "open"


def digest(code: str) -> str:
    """The stored form of a code (spaces around it, as pasted, do not count)."""
    return hashlib.sha256(code.strip().encode("utf-8", "surrogatepass")).hexdigest()


def new_code() -> str:
    return secrets.token_urlsafe(16)  # 128 random bits


def create_invite(db: Database, uses: int, days: float, now: datetime | None = None) -> str:
    """Store a new invite for ``uses`` registrations within ``days``; return its code, which
    is not kept anywhere: show it once."""
    if uses < 1:
        raise WriteError(N_("An invite needs at least one use."))
    if days <= 0:
        raise WriteError(N_("An invite needs a positive number of days."))
    now = now or utcnow()
    code = new_code()
    with db.write() as s:
        s.add(
            Invite(
                code_hash=digest(code),
                prefix=code[:PREFIX],
                uses_left=uses,
                expires_at=now + timedelta(days=days),
                created_at=now,
            )
        )
    return code


def list_invites(db: Database, now: datetime | None = None) -> list[tuple[InviteRow, str]]:
    """Every invite, newest first, with its state now ('open', 'expired'...)."""
    now = now or utcnow()
    with db.session() as s:
        rows = [
            InviteRow(r.id, r.prefix, r.uses_left, r.expires_at, r.revoked_at is not None)
            for r in s.scalars(select(Invite).order_by(Invite.id.desc()))
        ]
    return [(row, row.status(now)) for row in rows]


def revoke_invite(db: Database, code_or_id: str, now: datetime | None = None) -> int:
    """Revoke an invite by its code or by its number in the list; return the number."""
    key = code_or_id.strip()
    where = Invite.id == int(key) if key.isdigit() else Invite.code_hash == digest(key)
    with db.write() as s:
        invite = s.scalar(select(Invite).where(where))
        if invite is None:
            raise WriteError(
                N_("No invite %(key)s: give its code or its number from --list."), key=repr(key)
            )
        invite.revoked_at = invite.revoked_at or now or utcnow()
        return invite.id


def any_made(db: Database) -> bool:
    """Whether an invite was ever made here (else the registration page is not offered; an
    expired or used-up code still gets its reason there)."""
    with db.session() as s:
        return s.scalar(select(Invite.id).limit(1)) is not None


def _usable(now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (Invite.revoked_at.is_(None), Invite.expires_at > now, Invite.uses_left > 0)


def register_teacher(
    db: Database, username: str, password: str, code: str, now: datetime | None = None
) -> int:
    """Create a teacher account with an invite code, spending one of its uses in the same
    transaction: all or nothing. Two registrations racing for the last use cannot both pass,
    as the use is taken by a conditional UPDATE (a row lock on PostgreSQL, one writer at a
    time on SQLite). Raises InviteError with the reason, or WriteError for the name."""
    now = now or utcnow()
    hashed = digest(code)
    try:
        with db.write() as s:
            invite = s.scalar(select(Invite).where(Invite.code_hash == hashed))
            if invite is None:
                raise InviteError(N_("That invite code is not right."))
            if invite.revoked_at is not None:
                raise InviteError(N_("That invite code was withdrawn; ask for a new one."))
            if invite.expires_at <= now:
                raise InviteError(
                    N_("That invite code expired on %(when)s; ask for a new one."),
                    when=Moment(invite.expires_at, "UTC"),
                )
            spent = s.execute(
                update(Invite)
                .where(Invite.id == invite.id, *_usable(now))
                .values(uses_left=Invite.uses_left - 1)
                .execution_options(synchronize_session=False)
            )
            if spent.rowcount != 1:  # type: ignore[attr-defined]
                raise InviteError(N_("That invite code has been used up; ask for a new one."))
            return add_user(s, username, password, "teacher").id
    except IntegrityError:
        raise WriteError(N_("That username is taken; choose another.")) from None
