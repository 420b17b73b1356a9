"""A student's progress: per-skill find rate, accuracy, mastery, trend and history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from quizapp.core.mastery import Mastery, attempt_score, mastery
from quizapp.core.scoring import SkillTally
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.db.engine import request_session
from quizapp.db.models import Assignment, Attempt, Classroom, Membership
from quizapp.web.catalogue import student_classes
from quizapp.web.charts import Series, line_chart
from quizapp.web.content import quiz_for
from quizapp.web.disclosure import key_verdict

bp = Blueprint("progress", __name__)
# A skill's level (core.mastery.LEVELS), on a badge.
LEVEL_NAMES = {
    "not started": _l("not started"),
    # Translators: a learner's level at a skill (below 40%).
    "beginning": _l("beginning"),
    "developing": _l("developing"),
    "proficient": _l("proficient"),
    "mastered": _l("mastered"),
}


@dataclass(frozen=True)
class Progress:
    """What a progress page shows: skill levels, their names and the trend chart."""

    levels: list[Mastery]
    names: dict[str, str]
    chart: Markup | None
    langs: Mapping[str, str] = field(default_factory=dict)  # a quiz's own skill: its language


def skill_progress(
    history: list[dict[str, SkillTally]],
    title: str,
    own: Mapping[str, str] | None = None,
    langs: Mapping[str, str] | None = None,
) -> Progress:
    """Levels and a trend chart from per-attempt tallies, oldest first; ``own`` names the
    quizzes' own skills (else they show by id)."""
    skills = sorted({k for h in history for k in h}, key=lambda k: (k not in BUILTIN_SKILLS, k))
    # Built-in skills in the reader's language (their names are the catalogue's messages);
    # a quiz's own skill by the name its quiz gives it.
    own = own or {}
    names = {k: _(BUILTIN_SKILLS[k].name) if k in BUILTIN_SKILLS else own.get(k, k) for k in skills}
    series = [
        Series(
            names[k],
            [(i, attempt_score(h[k]) if k in h else None) for i, h in enumerate(history, 1)],
            (langs or {}).get(k, ""),
        )
        for k in skills
    ]
    description = _("For each skill, the harmonic mean of find rate and accuracy in each attempt.")
    chart = line_chart(title, description, series, len(history)) if history else None
    return Progress([mastery(k, history) for k in skills], names, chart, langs or {})


def home_zone(user_id: int) -> str:
    """The zone a student's practice attempts are shown in: their newest class's."""
    zone = request_session().scalar(
        select(Classroom.timezone)
        .join(Membership, Membership.classroom_id == Classroom.id)
        .where(Membership.user_id == user_id)
        .order_by(Membership.joined_at.desc())
        .limit(1)
    )
    return zone or "UTC"


@bp.route("/progress")
@login_required
def index() -> str:
    """The logged-in student's own progress page."""
    attempts = list(
        request_session().scalars(
            select(Attempt)
            .where(Attempt.user_id == current_user.id)
            .options(
                selectinload(Attempt.skills),
                selectinload(Attempt.version),
                selectinload(Attempt.assignment).joinedload(Assignment.classroom),
            )
            .order_by(Attempt.submitted_at, Attempt.id)
        )
    )
    # An attempt whose key is held back shows no score and adds nothing to the skills: a
    # per-skill find rate is a score too.
    shown = {
        a.id
        for a in attempts
        if key_verdict(a.version.quiz_id, practice=a.assignment_id is None).allowed
    }
    history = [
        {r.skill: SkillTally(r.expected, r.found, r.flagged, r.correct) for r in a.skills}
        for a in attempts
        if a.id in shown
    ]
    quizzes = [quiz_for(a.version) for a in attempts if a.id in shown]
    own = {s.id: s.name for q in quizzes for s in q.skills if s.id not in BUILTIN_SKILLS}
    langs = {s.id: q.language for q in quizzes for s in q.skills if s.id not in BUILTIN_SKILLS}
    view = skill_progress(history, _("Skill scores over your attempts"), own, langs)
    return render_template(
        "progress.html",
        classes=student_classes(current_user.id),
        zone=home_zone(current_user.id),
        attempts=list(reversed(attempts)),
        shown=shown,
        levels=view.levels,
        level_names=LEVEL_NAMES,
        names=view.names,
        langs=view.langs,
        chart=view.chart,
    )
