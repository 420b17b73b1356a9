"""launches from a learning platform: LTI 1.3 platforms, links and grades (issue 18)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 20:10:00.000000

New tables only: accounts, classes and assignments made by launches are ordinary rows,
linked to the platform's ids here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str | None = "CASCADE") -> sa.Constraint:
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], ondelete=ondelete, name=op.f(f"fk_{table}_{column}_{referred}")
    )


def upgrade() -> None:
    op.create_table(
        "lti_platforms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("issuer", sa.String(length=255), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("auth_login_url", sa.String(length=500), nullable=False),
        sa.Column("auth_token_url", sa.String(length=500), nullable=False),
        sa.Column("key_set_url", sa.String(length=500), nullable=False),
        sa.Column("auth_audience", sa.String(length=500), nullable=True),
        sa.Column("frame_origins", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lti_platforms")),
        sa.UniqueConstraint("issuer", "client_id", name=op.f("uq_lti_platforms_issuer")),
    )
    op.create_table(
        "lti_deployments",
        sa.Column("platform_id", sa.Integer(), nullable=False),
        sa.Column("deployment_id", sa.String(length=255), nullable=False),
        _fk("lti_deployments", "platform_id", "lti_platforms.id"),
        sa.PrimaryKeyConstraint("platform_id", "deployment_id", name=op.f("pk_lti_deployments")),
    )
    op.create_table(
        "lti_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kid", sa.String(length=64), nullable=False),
        sa.Column("private_pem", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lti_keys")),
        sa.UniqueConstraint("kid", name=op.f("uq_lti_keys_kid")),
    )
    op.create_table(
        "lti_logins",
        sa.Column("state", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("platform_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("lti_logins", "platform_id", "lti_platforms.id"),
        sa.PrimaryKeyConstraint("state", name=op.f("pk_lti_logins")),
    )
    op.create_index(op.f("ix_lti_logins_created_at"), "lti_logins", ["created_at"], unique=False)
    op.create_table(
        "lti_users",
        sa.Column("platform_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _fk("lti_users", "platform_id", "lti_platforms.id"),
        _fk("lti_users", "user_id", "users.id"),
        sa.PrimaryKeyConstraint("platform_id", "subject", name=op.f("pk_lti_users")),
        sa.UniqueConstraint("user_id", name=op.f("uq_lti_users_user_id")),
    )
    op.create_table(
        "lti_contexts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform_id", sa.Integer(), nullable=False),
        sa.Column("context_id", sa.String(length=255), nullable=False),
        sa.Column("classroom_id", sa.Integer(), nullable=False),
        sa.Column("memberships_url", sa.String(length=500), nullable=True),
        _fk("lti_contexts", "platform_id", "lti_platforms.id"),
        _fk("lti_contexts", "classroom_id", "classrooms.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lti_contexts")),
        sa.UniqueConstraint("platform_id", "context_id", name=op.f("uq_lti_contexts_platform_id")),
        sa.UniqueConstraint("classroom_id", name=op.f("uq_lti_contexts_classroom_id")),
    )
    op.create_table(
        "lti_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform_id", sa.Integer(), nullable=False),
        sa.Column("resource_link_id", sa.String(length=255), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("lineitem_url", sa.String(length=500), nullable=True),
        _fk("lti_links", "platform_id", "lti_platforms.id"),
        _fk("lti_links", "assignment_id", "assignments.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lti_links")),
        sa.UniqueConstraint(
            "platform_id", "resource_link_id", name=op.f("uq_lti_links_platform_id")
        ),
    )
    op.create_index(op.f("ix_lti_links_assignment_id"), "lti_links", ["assignment_id"])
    op.create_table(
        "lti_grades",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("next_try_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.String(length=300), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("lti_grades", "attempt_id", "attempts.id"),
        _fk("lti_grades", "link_id", "lti_links.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lti_grades")),
    )
    op.create_index(op.f("ix_lti_grades_attempt_id"), "lti_grades", ["attempt_id"])
    op.create_index(op.f("ix_lti_grades_next_try_at"), "lti_grades", ["next_try_at"])


def downgrade() -> None:
    for table in ("lti_grades", "lti_links", "lti_contexts", "lti_users", "lti_logins",
                  "lti_keys", "lti_deployments", "lti_platforms"):  # fmt: skip
        op.drop_table(table)
