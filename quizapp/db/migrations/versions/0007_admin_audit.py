"""administrators, audit trail and retention (issue 17)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 20:00:00.000000

Classes archived before this revision get ``archived_at`` = the time of the upgrade: their
retention period starts now, instead of purging them the first night.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("classrooms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived_at", sa.DateTime(), nullable=True))
    classrooms = sa.table(
        "classrooms", sa.column("archived", sa.Boolean), sa.column("archived_at", sa.DateTime)
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    op.get_bind().execute(
        classrooms.update().where(classrooms.c.archived == sa.true()).values(archived_at=now)
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=40), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("subject_name", sa.String(length=40), nullable=True),
        sa.Column("classroom_id", sa.Integer(), nullable=True),
        sa.Column("classroom_name", sa.String(length=100), nullable=True),
        sa.Column("detail", sa.String(length=300), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"],
            name=op.f("fk_audit_events_actor_id_users"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["users.id"],
            name=op.f("fk_audit_events_subject_id_users"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["classroom_id"], ["classrooms.id"],
            name=op.f("fk_audit_events_classroom_id_classrooms"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )  # fmt: skip
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_events_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_events_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_events_subject_id"), ["subject_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("audit_events")
    with op.batch_alter_table("classrooms", schema=None) as batch_op:
        batch_op.drop_column("archived_at")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("is_admin")
