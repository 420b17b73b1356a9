"""Administrators: a flag on a teacher's account, granted and ended from the command line
(whoever runs ``quizapp`` on the server already holds the database); and a new password for
any account, given by an administrator or from the command line."""

from __future__ import annotations

from sqlalchemy import select

from quizapp.core.texts import N_
from quizapp.core.usernames import fold
from quizapp.db import audit
from quizapp.db.engine import Database
from quizapp.db.models import User
from quizapp.db.writes import WriteError, generated_password
from quizapp.passwords import hash_password

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


def give_new_password(db: Database, account: int | str, actor_id: int | None) -> tuple[str, str]:
    """Give an account (its id, or its name from the command line) a new generated password
    and end its sessions, in one transaction; the account's name and the password, to be
    shown once. ``actor_id`` is the administrator; None is the command line.

    quizapp has no page where one changes one's own password, so an administrator may give
    their own account a new one here too (their sessions end with it, this one included).
    The trail records who gave whom a new password, never the password. No account is a
    WriteError saying so, and nothing changes."""
    password = generated_password()
    hashed = hash_password(password)  # slow on purpose: not inside the write lock
    with db.write() as s:
        if isinstance(account, str):
            user = s.scalar(select(User).where(User.username_folded == fold(account.strip())))
            if user is None:
                raise WriteError(N_("There is no account called '%(name)s'."), name=account)
        else:
            user = s.get(User, account)
            if user is None:
                raise WriteError(N_("There is no such account."))
        user.password_hash = hashed
        # As in writes.reset_student_password: no window with the new password set and an
        # old session still alive.
        user.session_version = User.session_version + 1
        audit.record(
            s, actor_id, "reset_password", subject_id=user.id,
            actor_name=COMMAND_LINE if actor_id is None else None,
        )  # fmt: skip
        return user.username, password
