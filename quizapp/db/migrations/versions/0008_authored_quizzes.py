"""quizzes made in the browser: owners, sharing, drafts (issue 15)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 20:00:00.000000

New tables only: bank quizzes keep no owner, and their ``quiz_versions`` rows are untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "authored_quizzes",
        sa.Column("quiz_id", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("visibility", sa.String(length=12), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], ondelete="CASCADE",
            name=op.f("fk_authored_quizzes_owner_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["version_id"], ["quiz_versions.id"],
            name=op.f("fk_authored_quizzes_version_id_quiz_versions"),
        ),
        sa.PrimaryKeyConstraint("quiz_id", name=op.f("pk_authored_quizzes")),
    )  # fmt: skip
    op.create_index(
        op.f("ix_authored_quizzes_owner_id"), "authored_quizzes", ["owner_id"], unique=False
    )
    op.create_table(
        "quiz_shares",
        sa.Column("quiz_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["quiz_id"], ["authored_quizzes.quiz_id"], ondelete="CASCADE",
            name=op.f("fk_quiz_shares_quiz_id_authored_quizzes"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="CASCADE",
            name=op.f("fk_quiz_shares_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("quiz_id", "user_id", name=op.f("pk_quiz_shares")),
    )  # fmt: skip
    op.create_index(op.f("ix_quiz_shares_user_id"), "quiz_shares", ["user_id"], unique=False)
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("quiz_id", sa.String(length=64), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], ondelete="CASCADE",
            name=op.f("fk_drafts_owner_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )  # fmt: skip
    op.create_index(op.f("ix_drafts_owner_id"), "drafts", ["owner_id"], unique=False)
    op.create_index(op.f("ix_drafts_quiz_id"), "drafts", ["quiz_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_drafts_quiz_id"), table_name="drafts")
    op.drop_index(op.f("ix_drafts_owner_id"), table_name="drafts")
    op.drop_table("drafts")
    op.drop_index(op.f("ix_quiz_shares_user_id"), table_name="quiz_shares")
    op.drop_table("quiz_shares")
    op.drop_index(op.f("ix_authored_quizzes_owner_id"), table_name="authored_quizzes")
    op.drop_table("authored_quizzes")
