"""A visitor's practice attempt, kept in their session, saved once they create an account."""

from __future__ import annotations

import secrets
from typing import Any

from flask import session
from sqlalchemy import select

from quizapp.core.errors import ResponseError
from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import QuizVersion
from quizapp.db.writes import WriteError, record_attempt
from quizapp.web.content import DIGEST, quiz_for
from quizapp.web.take import PRACTICE_KEY


def keep_practice(user_id: int) -> str | None:
    """Store the session's practice attempt (``{"digest", "responses"}``) as the new
    account's, graded again; return the quiz's title, or None if there was nothing (or
    nothing readable) to keep."""
    kept: Any = session.get(PRACTICE_KEY)
    if not isinstance(kept, dict) or not DIGEST.fullmatch(str(kept.get("digest", ""))):
        return None
    version = request_session().scalar(
        select(QuizVersion).where(QuizVersion.digest == kept["digest"])
    )
    if version is None:
        return None
    quiz = quiz_for(version)
    try:
        responses = parse_responses(quiz, kept.get("responses"))
        record_attempt(
            get_db(), user_id, version.id, secrets.token_urlsafe(24), responses,
            grade_quiz(quiz, responses),
        )  # fmt: skip
    except (ResponseError, WriteError):
        return None
    return version.title
