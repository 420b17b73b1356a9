"""launches from a learning platform: LTI 1.3 platforms, links and grades (issue 18)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 20:10:00.000000
"""

from __future__ import annotations

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
