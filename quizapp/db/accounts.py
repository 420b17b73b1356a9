"""A person's own settings on their account."""

from __future__ import annotations

from sqlalchemy import update

from quizapp.db.engine import Database
from quizapp.db.models import User


def set_language(db: Database, user_id: int, code: str) -> None:
    """Keep the interface language a person chose (checked against the offered ones by
    the caller); it follows them to any browser they log in on."""
    with db.write() as s:
        s.execute(update(User).where(User.id == user_id).values(language=code))
