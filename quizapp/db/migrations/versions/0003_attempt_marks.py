"""attempt marks

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 12:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: attempts stored before stay NULL and are graded again when read.
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("marks", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("false_alarms", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.drop_column("false_alarms")
        batch_op.drop_column("marks")
