"""The catalogue: every quiz a visitor may take, the seed article's first."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from quizapp.db.engine import request_session
from quizapp.db.models import QuizVersion

bp = Blueprint("catalogue", __name__)
FEATURED = "iran-hamas-meeting"
LEVEL_ORDER = {"beginner": 0, "intermediate": 1, "advanced": 2}


@bp.route("/")
def index() -> str:
    """List the quizzes; anonymous visitors see the public ones and can start in one click."""
    query = select(QuizVersion).where(QuizVersion.current.is_(True))
    if not current_user.is_authenticated:
        query = query.where(QuizVersion.public.is_(True))
    versions = list(request_session().scalars(query))
    versions.sort(key=lambda v: (v.quiz_id != FEATURED, LEVEL_ORDER.get(v.level, 9), v.title))
    featured = next((v for v in versions if v.quiz_id == FEATURED), None)
    return render_template("catalogue.html", versions=versions, featured=featured)
