"""usernames folded (one account a name, whatever its case) and their look-alike skeletons

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:00:00.000000

Every account is kept, with all its data. Names the new rule refuses (a trailing newline, a
tab, an invisible character) lose those characters; a name that then reads as an earlier
account's (``Demo-Student`` beside ``demo-student``, ``alice\\n`` beside ``alice``) gets a
suffix, ``-2``, ``-3``..., the earlier account keeping its name. Each rename is printed and
logged, with the account's id, so the teacher can tell the student.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

# The rule as the app applies it at login and registration: the stored keys must match it.
from quizapp.core.usernames import MAX_LENGTH, MIN_LENGTH, fold, normalise, problem, skeleton

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
_KEPT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")


def _cleaned(name: str, user_id: int) -> str:
    """The name with what the rule refuses taken out (never empty or too short)."""
    kept = "".join(c for c in normalise(name) if c in _KEPT)[:MAX_LENGTH]
    return kept if len(kept) >= MIN_LENGTH else f"user-{user_id}"


def _free(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... : the first whose folded form is not taken."""
    candidate, n = base, 2
    while fold(candidate) in taken:
        suffix = f"-{n}"
        candidate, n = base[: MAX_LENGTH - len(suffix)] + suffix, n + 1
    return candidate


def new_names(rows: list[tuple[int, str]]) -> dict[int, str]:
    """Each account's name under the rule, by id: valid names first come, first kept."""
    taken: set[str] = set()
    names: dict[int, str] = {}
    for user_id, name in sorted(rows):
        if problem(name) is None and normalise(name) == name and fold(name) not in taken:
            names[user_id] = name
            taken.add(fold(name))
    for user_id, name in sorted(rows):
        if user_id not in names:
            names[user_id] = _free(_cleaned(name, user_id), taken)
            taken.add(fold(names[user_id]))
    return names


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("username_folded", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("username_skeleton", sa.String(length=40), nullable=True))
    users = sa.table(
        "users",
        sa.column("id", sa.Integer),
        sa.column("username", sa.String),
        sa.column("username_folded", sa.String),
        sa.column("username_skeleton", sa.String),
    )
    conn = op.get_bind()
    found = conn.execute(sa.select(users.c.id, users.c.username))
    rows = [(int(r.id), str(r.username)) for r in found]
    old = dict(rows)
    names = new_names(rows)
    renamed = {user_id: name for user_id, name in names.items() if name != old[user_id]}
    # Renamed accounts first take a name nobody has, so no step breaks the unique username.
    for user_id in renamed:
        conn.execute(
            users.update().where(users.c.id == user_id).values(username=f"\x01renaming-{user_id}")
        )
    for user_id, name in names.items():
        conn.execute(
            users.update()
            .where(users.c.id == user_id)
            .values(username=name, username_folded=fold(name), username_skeleton=skeleton(name))
        )
    for user_id, name in renamed.items():
        message = f"account {user_id} renamed from {old[user_id]!r} to {name!r} (usernames rule)"
        log.warning(message)
        print(message)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("username_folded", existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column(
            "username_skeleton", existing_type=sa.String(length=40), nullable=False
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_users_username_folded"), ["username_folded"]
        )
        batch_op.create_index(
            batch_op.f("ix_users_username_skeleton"), ["username_skeleton"], unique=False
        )


def downgrade() -> None:
    # The new names of renamed accounts stay: the old ones broke the rule or were taken.
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_username_skeleton"))
        batch_op.drop_constraint(batch_op.f("uq_users_username_folded"), type_="unique")
        batch_op.drop_column("username_skeleton")
        batch_op.drop_column("username_folded")
