"""co-teachers of a class; LTI accounts one a role (issue 18: courses as they are)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 00:05:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "classroom_teachers",
        sa.Column("classroom_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["classroom_id"], ["classrooms.id"], ondelete="CASCADE",
            name=op.f("fk_classroom_teachers_classroom_id_classrooms"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="CASCADE",
            name=op.f("fk_classroom_teachers_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("classroom_id", "user_id", name=op.f("pk_classroom_teachers")),
    )  # fmt: skip
    op.create_index(
        op.f("ix_classroom_teachers_user_id"), "classroom_teachers", ["user_id"], unique=False
    )
    # Each existing course account keeps its role as its kind.
    with op.batch_alter_table("lti_users") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=10), nullable=True))
    op.execute(
        "UPDATE lti_users SET kind = "
        "(SELECT users.role FROM users WHERE users.id = lti_users.user_id)"
    )
    with op.batch_alter_table("lti_users") as batch:
        batch.alter_column("kind", existing_type=sa.String(length=10), nullable=False)
        batch.drop_constraint("pk_lti_users", type_="primary")
        batch.create_primary_key("pk_lti_users", ["platform_id", "subject", "kind"])


def downgrade() -> None:
    # Back to one account a person: the teacher account stays, a second one of the same
    # person loses its link to the platform (the account and its attempts stay).
    op.execute(
        "DELETE FROM lti_users WHERE kind = 'student' AND EXISTS (SELECT 1 FROM lti_users t "
        "WHERE t.platform_id = lti_users.platform_id AND t.subject = lti_users.subject "
        "AND t.kind = 'teacher')"
    )
    with op.batch_alter_table("lti_users") as batch:
        batch.drop_constraint("pk_lti_users", type_="primary")
        batch.create_primary_key("pk_lti_users", ["platform_id", "subject"])
        batch.drop_column("kind")
    op.drop_index(op.f("ix_classroom_teachers_user_id"), table_name="classroom_teachers")
    op.drop_table("classroom_teachers")
