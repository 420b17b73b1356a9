"""class time zones, late windows, practice hold, per-student exceptions, void attempts

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 16:20:00.000000
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Late work used to be taken forever; an open-ended window would keep "after the due date"
# feedback shut for good, so existing ones close a week after their due date.
LATE_WINDOW = timedelta(days=7)


def upgrade() -> None:
    with op.batch_alter_table("classrooms", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("timezone", sa.String(length=64), server_default="UTC", nullable=False)
        )
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("late_until", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("hold_practice", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voided_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("voided_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_attempts_voided_by_users"), "users", ["voided_by"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip
    op.create_table(
        "assignment_exceptions",
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("extra_attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("granted_by", sa.Integer(), nullable=True),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"], ["assignments.id"],
            name=op.f("fk_assignment_exceptions_assignment_id_assignments"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_assignment_exceptions_user_id_users"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["granted_by"], ["users.id"],
            name=op.f("fk_assignment_exceptions_granted_by_users"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("assignment_id", "user_id", name=op.f("pk_assignment_exceptions")),
    )  # fmt: skip
    assignments = sa.table(
        "assignments",
        sa.column("id", sa.Integer),
        sa.column("due_at", sa.DateTime),
        sa.column("allow_late", sa.Boolean),
        sa.column("late_until", sa.DateTime),
    )
    conn = op.get_bind()
    _release_teacher_members(conn)
    rows = conn.execute(
        sa.select(assignments.c.id, assignments.c.due_at).where(assignments.c.allow_late)
    ).all()
    for row in rows:
        conn.execute(
            assignments.update()
            .where(assignments.c.id == row.id)
            .values(late_until=row.due_at + LATE_WINDOW)
        )


def _release_teacher_members(conn: sa.Connection) -> None:
    """Teacher accounts could join other teachers' classes as students, unseen on the
    roster: they leave those classes, and their attempts there are kept but voided."""
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("role", sa.String))
    members = sa.table(
        "memberships", sa.column("user_id", sa.Integer), sa.column("classroom_id", sa.Integer)
    )
    assignments = sa.table(
        "assignments", sa.column("id", sa.Integer), sa.column("classroom_id", sa.Integer)
    )
    attempts = sa.table(
        "attempts",
        sa.column("user_id", sa.Integer),
        sa.column("assignment_id", sa.Integer),
        sa.column("voided_at", sa.DateTime),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = conn.execute(
        sa.select(members.c.user_id, members.c.classroom_id)
        .join(users, users.c.id == members.c.user_id)
        .where(users.c.role != "student")
    ).all()
    for user_id, classroom_id in rows:
        in_class = sa.select(assignments.c.id).where(assignments.c.classroom_id == classroom_id)
        conn.execute(
            attempts.update()
            .where(
                attempts.c.user_id == user_id,
                attempts.c.assignment_id.in_(in_class),
                attempts.c.voided_at.is_(None),
            )
            .values(voided_at=now)
        )
        conn.execute(
            members.delete().where(
                members.c.user_id == user_id, members.c.classroom_id == classroom_id
            )
        )


def downgrade() -> None:
    op.drop_table("assignment_exceptions")
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_attempts_voided_by_users"), type_="foreignkey")
        batch_op.drop_column("voided_by")
        batch_op.drop_column("voided_at")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_column("hold_practice")
        batch_op.drop_column("late_until")
    with op.batch_alter_table("classrooms", schema=None) as batch_op:
        batch_op.drop_column("timezone")
