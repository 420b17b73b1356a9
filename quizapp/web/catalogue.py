"""The home page: a student's assignments first, then every quiz they may take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel import Locale, UnknownLocaleError
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from quizapp.db.engine import get_db, request_session
from quizapp.db.models import (
    Assignment,
    AssignmentException,
    AssignmentStart,
    Attempt,
    Classroom,
    Membership,
    QuizVersion,
    utcnow,
)
from quizapp.db.writes import WriteError, attempt_limit, due_for, join_class
from quizapp.i18n.refusals import say
from quizapp.web import throttle
from quizapp.web.content import quiz_for

bp = Blueprint("catalogue", __name__)
# The front door's Start: a beginner's quiz on a mostly well-sourced report.
FEATURED = "library-reopens"
LEVEL_ORDER = {"beginner": 0, "intermediate": 1, "advanced": 2}
# Translators: a quiz's level, on a badge of the quiz's card.
LEVELS = {
    "beginner": _l("beginner"),
    "intermediate": _l("intermediate"),
    "advanced": _l("advanced"),
}
# An assignment's status for the student, on a badge (AssignmentRow.status).
STATUSES = {
    "not started": _l("not started"),
    "in progress": _l("in progress"),
    "submitted": _l("submitted"),
    # Translators: an assignment's status: handed in after its due date.
    "late": _l("late"),
}


def language_name(code: str) -> str:
    """A quiz's language in its own name ("Español", "العربية"), as the language switch names
    them: a reader spots their own language whatever the interface's; else the code."""
    try:
        name = Locale.parse(code.replace("-", "_")).display_name
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code


@dataclass(frozen=True)
class AssignmentRow:
    assignment: Assignment
    status: str  # not started, in progress, submitted, late
    used: int  # voided attempts left out
    allowed: int  # the assignment's limit and any attempts given to this student
    due: datetime  # the student's own due date, if they were given a later one


def student_assignments(user_id: int) -> list[AssignmentRow]:
    """Open assignments of the student's classes, due soonest first, with their status,
    under the student's own exceptions (more attempts, a later due date)."""
    s = request_session()
    now = utcnow()
    assignments = list(
        s.scalars(
            select(Assignment)
            .join(Classroom, Classroom.id == Assignment.classroom_id)
            .join(Membership, Membership.classroom_id == Classroom.id)
            .where(
                Membership.user_id == user_id,
                Classroom.archived.is_(False),
                Assignment.opens_at <= now,
            )
            .options(joinedload(Assignment.version), joinedload(Assignment.classroom))
            .order_by(Assignment.due_at, Assignment.id)
        )
    )
    ids = [a.id for a in assignments]
    counts = dict(
        s.execute(
            select(Attempt.assignment_id, func.count())
            .where(
                Attempt.user_id == user_id,
                Attempt.assignment_id.in_(ids),
                Attempt.voided_at.is_(None),
            )
            .group_by(Attempt.assignment_id)
        ).all()
    )
    late = set(
        s.scalars(
            select(Attempt.assignment_id).where(
                Attempt.user_id == user_id,
                Attempt.assignment_id.in_(ids),
                Attempt.late,
                Attempt.voided_at.is_(None),
            )
        )
    )
    own = {
        e.assignment_id: e
        for e in s.scalars(
            select(AssignmentException).where(
                AssignmentException.user_id == user_id, AssignmentException.assignment_id.in_(ids)
            )
        )
    }
    started = set(
        s.scalars(
            select(AssignmentStart.assignment_id).where(
                AssignmentStart.user_id == user_id, AssignmentStart.assignment_id.in_(ids)
            )
        )
    )
    rows = []
    for a in assignments:
        used = int(counts.get(a.id, 0))
        mine = own.get(a.id)
        due = due_for(a.due_at, mine.due_at if mine else None)
        if used:
            status = "late" if a.id in late else "submitted"
        elif now > due:
            status = "late"
        else:
            status = "in progress" if a.id in started else "not started"
        allowed = attempt_limit(a.max_attempts, mine.extra_attempts if mine else 0)
        rows.append(AssignmentRow(a, status, used, allowed, due))
    # A later due date of one's own can move an assignment down the list.
    return sorted(rows, key=lambda r: r.due)


@bp.route("/")
def index() -> str:
    """Assignments (for students), then the quizzes; anonymous visitors start in one click."""
    query = select(QuizVersion).where(QuizVersion.current.is_(True))
    if not current_user.is_authenticated:
        query = query.where(QuizVersion.public.is_(True))
    versions = list(request_session().scalars(query))
    versions.sort(key=lambda v: (v.quiz_id != FEATURED, LEVEL_ORDER.get(v.level, 9), v.title))
    featured = next((v for v in versions if v.quiz_id == FEATURED), None)
    assignments = student_assignments(current_user.id) if current_user.is_authenticated else []
    classes = student_classes(current_user.id) if current_user.is_authenticated else []
    return render_template(
        "catalogue.html", versions=versions, featured=featured, assignments=assignments,
        classes=classes, cards={v.id: quiz_card(v) for v in versions}, levels=LEVELS,
        statuses=STATUSES, language_name=language_name,
    )  # fmt: skip


def student_classes(user_id: int) -> list[str]:
    """The names of the classes a student is in (archived ones left out), A to Z."""
    return list(
        request_session().scalars(
            select(Classroom.name)
            .join(Membership, Membership.classroom_id == Classroom.id)
            .where(Membership.user_id == user_id, Classroom.archived.is_(False))
            .order_by(Classroom.name)
        )
    )


@dataclass(frozen=True)
class QuizCard:
    """What a catalogue card says of a quiz before it is opened."""

    summary: str
    questions: int
    words: int

    @property
    def minutes(self) -> int:
        # Reading at about 150 words a minute, then a minute and a half a question;
        # rounded to 5 minutes, since it is only a guide.
        return max(5, 5 * round((self.words / 150 + 1.5 * self.questions) / 5))


def quiz_card(version: QuizVersion) -> QuizCard:
    quiz = quiz_for(version)  # cached by content hash: a load once a process
    return QuizCard(quiz.summary, len(quiz.questions), len(quiz.article.tokens))


class JoinForm(FlaskForm):
    join_code = StringField(
        _l("Class code"),
        validators=[DataRequired(), Length(max=20)],
        description=_l("The code your teacher gave you, like 7KQM-4XPA."),
    )


@bp.route("/join", methods=["GET", "POST"])
@login_required
def join() -> str | Response:
    """A logged-in student joins another class with its code; failures are limited for the
    one who fails, not for the school's address (web.throttle)."""
    form = JoinForm()
    if request.method == "POST":
        throttle.check_code()
    if form.validate_on_submit():
        try:
            name = join_class(get_db(), current_user.id, form.join_code.data or "")
        except WriteError as exc:
            throttle.code_failed()
            form.join_code.errors = [say(exc)]
        else:
            flash(_("You joined %(name)s.", name=name), "info")
            return redirect(url_for("catalogue.index"))
    return render_template("join.html", form=form), 200 if not form.errors else 400
