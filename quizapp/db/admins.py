"""Administrators: a flag on a teacher's account, granted and ended from the command line
(whoever runs ``quizapp`` on the server already holds the database)."""

from __future__ import annotations

from sqlalchemy import select

from quizapp.core.texts import N_
from quizapp.core.usernames import fold
from quizapp.db import audit
from quizapp.db.engine import Database
from quizapp.db.models import User
from quizapp.db.writes import WriteError

COMMAND_LINE = "quizapp admin (server)"  # the actor the trail names


def set_admin(db: Database, username: str, admin: bool) -> tuple[str, bool]:
    """Make a teacher an administrator or end it; the account's name and whether anything
    changed. A student's account, or no account, is a WriteError saying so."""
    with db.write() as s:
        user = s.scalar(select(User).where(User.username_folded == fold(username.strip())))
        if user is None:
            raise WriteError(N_("There is no account called '%(name)s'."), name=username)
        if user.role != "teacher":
            raise WriteError(
                N_("'%(name)s' is a student's account: only teachers can be administrators."),
                name=user.username,
            )
        if user.is_admin == admin:
            return user.username, False
        user.is_admin = admin
        # The session version is kept: the flag is read on every request (web.auth).
        audit.record(
            s, None, "granted_admin" if admin else "revoked_admin",
            subject_id=user.id, actor_name=COMMAND_LINE,
        )  # fmt: skip
        return user.username, True
