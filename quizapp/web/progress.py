"""A student's progress: per-skill find rate, accuracy, mastery, trend and history."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from quizapp.core.mastery import attempt_score, mastery
from quizapp.core.scoring import SkillTally
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.db.engine import request_session
from quizapp.db.models import Attempt
from quizapp.web.charts import Series, line_chart

bp = Blueprint("progress", __name__)


@bp.route("/progress")
@login_required
def index() -> str:
    """The logged-in student's own progress page."""
    attempts = list(
        request_session().scalars(
            select(Attempt)
            .where(Attempt.user_id == current_user.id)
            .options(selectinload(Attempt.skills), selectinload(Attempt.version))
            .order_by(Attempt.submitted_at, Attempt.id)
        )
    )
    history = [
        {r.skill: SkillTally(r.expected, r.found, r.flagged, r.correct) for r in a.skills}
        for a in attempts
    ]
    skills = sorted({k for h in history for k in h}, key=lambda k: (k not in BUILTIN_SKILLS, k))
    levels = [mastery(k, history) for k in skills]
    names = {k: BUILTIN_SKILLS[k].name if k in BUILTIN_SKILLS else k for k in skills}
    series = [
        Series(
            names[k],
            [(i, attempt_score(h[k]) if k in h else None) for i, h in enumerate(history, 1)],
        )
        for k in skills
    ]
    chart = (
        line_chart(
            "Skill scores over your attempts",
            "For each skill, the harmonic mean of find rate and accuracy in each attempt.",
            series,
            len(history),
        )
        if history
        else None
    )
    return render_template(
        "progress.html", attempts=list(reversed(attempts)), levels=levels, names=names, chart=chart
    )
