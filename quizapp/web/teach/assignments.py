"""Assigning a quiz to a class, and the item analysis of an assignment."""

from __future__ import annotations

from datetime import timedelta

from flask import flash, render_template, request
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    ValidationError,
)
from wtforms.validators import InputRequired, NumberRange, Optional

from quizapp.db.engine import get_db, request_session
from quizapp.db.models import QuizVersion, utcnow
from quizapp.db.writes import WriteError, create_assignment
from quizapp.web import reports
from quizapp.web.charts import Bar, bar_chart
from quizapp.web.content import quiz_for
from quizapp.web.teach import (
    CLASS,
    DATETIME,
    ID,
    back_to_class,
    bp,
    class_assignment,
    own_classroom,
)


class AssignmentForm(FlaskForm):
    quiz = SelectField("Quiz", validate_choice=False)
    opens_at = DateTimeLocalField(
        "Opens (UTC)", format=DATETIME, validators=[Optional()],
        description="Leave empty to open it now.",
    )  # fmt: skip
    due_at = DateTimeLocalField(
        "Due (UTC)", format=DATETIME,
        validators=[InputRequired(message="Give a due date and time.")],
    )  # fmt: skip
    max_attempts = IntegerField(
        "Attempts allowed", default=1,
        validators=[InputRequired(message="Give a number of attempts."),
                    NumberRange(min=1, max=20, message="Allow from 1 to 20 attempts.")],
    )  # fmt: skip
    counting = RadioField(
        "Which attempt counts", default="best",
        choices=[SelectChoice("best", "The best"), SelectChoice("last", "The last"),
                 SelectChoice("first", "The first")],
    )  # fmt: skip
    feedback = RadioField(
        "When students see feedback", default="immediate",
        choices=[SelectChoice("immediate", "Right after each attempt"),
                 SelectChoice("after_due", "After the due date"), SelectChoice("never", "Never")],
    )  # fmt: skip
    allow_late = BooleanField("Accept late work (it is marked late)")

    # A form open for a few minutes must not refuse "now" as an opening time.
    GRACE = timedelta(minutes=10)

    def validate_quiz(self, field: SelectField) -> None:
        if field.data not in {c.value for c in field.choices or ()}:
            raise ValidationError("There is no such quiz; choose one from the list.")

    def validate_opens_at(self, field: DateTimeLocalField) -> None:
        if field.data is not None and field.data < utcnow() - self.GRACE:
            raise ValidationError("The opening date is in the past; leave it empty to open now.")

    def validate_due_at(self, field: DateTimeLocalField) -> None:
        if field.data is None:
            return
        if field.data <= utcnow():
            raise ValidationError("The due date is in the past.")
        opens = self.opens_at.data
        if opens is not None and field.data <= opens:
            raise ValidationError("The due date must come after the opening date.")


@bp.route(f"{CLASS}/assignments/new", methods=["GET", "POST"])
def new_assignment(classroom_id: int) -> str | Response:
    """Assign a quiz (its current version, pinned) with dates, attempts and rules."""
    room = own_classroom(classroom_id)
    versions = list(
        request_session().execute(
            select(QuizVersion.quiz_id, QuizVersion.title, QuizVersion.level)
            .where(QuizVersion.current.is_(True))
            .order_by(QuizVersion.title)
        )
    )
    form = AssignmentForm()
    form.quiz.choices = [SelectChoice(qid, f"{title} ({level})") for qid, title, level in versions]
    if request.method == "GET":
        form.quiz.data = request.args.get("quiz", "")
    if room.archived:
        flash("This class is archived; bring it back before assigning work.", "error")
    elif form.validate_on_submit():
        try:
            create_assignment(
                get_db(), current_user.id, room.id, form.quiz.data or "",
                opens_at=form.opens_at.data or utcnow(), due_at=form.due_at.data,
                max_attempts=form.max_attempts.data, counting=form.counting.data,
                feedback=form.feedback.data, allow_late=form.allow_late.data,
            )  # fmt: skip
        except WriteError as exc:
            flash(str(exc), "error")
        else:
            return back_to_class(room, "Assignment set. Students see it on their home page.")
    return render_template("teach/assignment_form.html", room=room, form=form)


@bp.route(f"{CLASS}/assignments/<{ID}:assignment_id>")
def analysis(classroom_id: int, assignment_id: int) -> str:
    """Item analysis: facility and discrimination per question, span find rates, and the
    phrases most often flagged that are not problems."""
    room = own_classroom(classroom_id)
    assignment = class_assignment(room, assignment_id)
    items = reports.item_analysis(request_session(), assignment)
    quiz = quiz_for(assignment.version)
    chart = None
    if items.students:
        chart = bar_chart(
            "Share of students who found each problem",
            f"For each problem span of the quiz, the share of the {items.students} students "
            "with a counting attempt who found it (80% of its words or more).",
            [Bar(s.quote, s.rate, f"{s.found} of {s.students}") for s in items.spans],
            key="spans",
        )
    return render_template(
        "teach/analysis.html", room=room, assignment=assignment, items=items, quiz=quiz,
        chart=chart,
    )  # fmt: skip
