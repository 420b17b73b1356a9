"""Assigning a quiz to a class, and an assignment's page: its item analysis and the form that
changes it (the changes themselves are in ``assignment_edits``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import abort, flash, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
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

from quizapp.core.clock import DEFAULT_ZONE
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import Assignment, Attempt, Classroom, QuizVersion, utcnow
from quizapp.db.writes import (
    LATE_WINDOW,
    MAX_ATTEMPTS,
    WriteError,
    create_assignment,
)
from quizapp.i18n.refusals import say
from quizapp.web import reports
from quizapp.web.catalogue import LEVELS
from quizapp.web.charts import Bar, bar_chart
from quizapp.web.clock import ClassTimeField
from quizapp.web.content import quiz_for
from quizapp.web.editor.access import assignable, authored_ids
from quizapp.web.teach import (
    CLASS,
    ID,
    back_to_class,
    bp,
    class_assignment,
    own_classroom,
)


class AssignmentForm(FlaskForm):
    quiz = SelectField(_l("Quiz"), validate_choice=False)
    # Labelled with the class's zone (see __init__): "Opens (Europe/Berlin)".
    opens_at = ClassTimeField(
        _l("Opens"), validators=[Optional()], description=_l("Leave empty to open it now.")
    )
    due_at = ClassTimeField(
        _l("Due"), validators=[InputRequired(message=_l("Give a due date and time."))]
    )
    max_attempts = IntegerField(
        _l("Attempts allowed"), default=1,
        validators=[InputRequired(message=_l("Give a number of attempts.")),
                    NumberRange(min=1, max=MAX_ATTEMPTS,
                                message=_l("Allow from 1 to %(most)s attempts.",
                                           most=MAX_ATTEMPTS))],
    )  # fmt: skip
    counting = RadioField(
        _l("Which attempt counts"), default="best",
        choices=[SelectChoice("best", _l("The best")), SelectChoice("last", _l("The last")),
                 SelectChoice("first", _l("The first"))],
    )  # fmt: skip
    feedback = RadioField(
        _l("When students see feedback"), default="immediate",
        choices=[SelectChoice("immediate", _l("Right after each attempt")),
                 SelectChoice("after_due", _l("After the due date")),
                 SelectChoice("never", _l("Never"))],
    )  # fmt: skip
    allow_late = BooleanField(_l("Accept late work (it is marked late)"))
    late_until = ClassTimeField(
        _l("Take late work until"), validators=[Optional()],
        description=_l("Leave empty for a week after the due date. Feedback \"after the due "
                       "date\" opens only when this passes: nobody may read the answers while "
                       "others can still submit."),
    )  # fmt: skip
    hold_practice = BooleanField(
        _l(
            "Also hold back feedback on this quiz's public practice until this assignment's "
            "feedback opens"
        ),
        description=_l(
            "Every quiz of the bank is open to anyone as practice, with full "
            "feedback. Your students cannot see the answers there while logged in, but logged "
            "out they could. Tick this to hold back that practice's feedback, for everyone who "
            "practises the quiz on this site, until your feedback opens."
        ),
    )

    # A form open for a few minutes must not refuse "now" as an opening time.
    GRACE = timedelta(minutes=10)

    def __init__(self, *args: Any, zone: str = DEFAULT_ZONE, **kwargs: Any) -> None:
        # Dates are typed in the class's zone: each ClassTimeField reads it from meta and
        # holds naive UTC, so the checks below compare instants.
        super().__init__(*args, meta={"zone": zone}, **kwargs)
        for f in self:
            if isinstance(f, ClassTimeField):
                # Translators: a date field's label and the class's time zone.
                f.label.text = _("%(label)s (%(zone)s)", label=f.label.text, zone=zone)

    def validate_quiz(self, field: SelectField) -> None:
        if field.data not in {c.value for c in field.choices or ()}:
            raise ValidationError(_("There is no such quiz; choose one from the list."))

    def validate_opens_at(self, field: DateTimeLocalField) -> None:
        if field.data is not None and field.data < utcnow() - self.GRACE:
            raise ValidationError(_("The opening date is in the past; leave it empty to open now."))

    def validate_due_at(self, field: DateTimeLocalField) -> None:
        if field.data is None:
            return
        if field.data <= utcnow():
            raise ValidationError(_("The due date is in the past."))
        opens = self.opens_at.data
        if opens is not None and field.data <= opens:
            raise ValidationError(_("The due date must come after the opening date."))

    def validate_late_until(self, field: DateTimeLocalField) -> None:
        due = self.due_at.data
        if field.data is not None and due is not None and field.data <= due:
            raise ValidationError(_("Late work must be taken until after the due date."))

    def late_window(self) -> datetime | None:
        """The end of the late window: as typed, or a week after the due date."""
        if not self.allow_late.data:
            return None
        return self.late_until.data or self.due_at.data + LATE_WINDOW


class EditAssignmentForm(AssignmentForm):
    """The rules of a set assignment. Its dates may be in the past: an open assignment
    opened earlier, and a due date moved to the past closes it. The pinned version changes
    only while nobody has submitted (``submitted`` is set by ``edit_form``)."""

    quiz = None  # the version is chosen instead
    version_id = SelectField(_l("Quiz (pinned version)"), coerce=int, validate_choice=False)
    submitted = 0

    def validate_version_id(self, field: SelectField) -> None:
        pinned = self.version_id.object_data
        if self.submitted and field.data != pinned:
            raise ValidationError(
                ngettext(
                    "%(num)d attempt was submitted on the pinned version; it cannot be "
                    "changed now.",
                    "%(num)d attempts were submitted on the pinned version; it cannot be "
                    "changed now.",
                    self.submitted,
                )
            )
        if field.data not in {c.value for c in field.choices or ()}:
            raise ValidationError(_("There is no such quiz; choose one from the list."))

    def validate_opens_at(self, field: DateTimeLocalField) -> None:
        """Any date: an assignment that is open now opened in the past."""

    def validate_due_at(self, field: DateTimeLocalField) -> None:
        opens = self.opens_at.data
        if field.data is not None and opens is not None and field.data <= opens:
            raise ValidationError(_("The due date must come after the opening date."))


def submitted_count(assignment_id: int) -> int:
    """How many attempts were submitted at the assignment, by anyone, voided ones too: they
    are kept, so the assignment and its pinned version must stay."""
    count = request_session().scalar(
        select(func.count()).select_from(Attempt).where(Attempt.assignment_id == assignment_id)
    )
    return count or 0


def edit_form(assignment: Assignment) -> EditAssignmentForm:
    """The edit form, filled from the assignment (and from the request when posted)."""
    form = EditAssignmentForm(obj=assignment, zone=assignment.classroom.timezone)
    form.submitted = submitted_count(assignment.id)
    form.due_at.description = _(
        "A date in the past closes the assignment; late work, if accepted, is marked late."
    )
    form.max_attempts.description = _(
        "Lowering the limit removes no attempts: a student who already used more keeps "
        "them, and they count as before."
    )
    pinned = assignment.version
    # Translators: a quiz's title and level, as "The library reopens (advanced)".
    label = _(
        "%(title)s (%(level)s)", title=pinned.title, level=LEVELS.get(pinned.level, pinned.level)
    )
    if pinned.current:
        pinned_label = _("%(quiz)s: as assigned", quiz=label)
    else:
        pinned_label = _("%(quiz)s: as assigned; the quiz has changed since", quiz=label)
    choices = [SelectChoice(pinned.id, pinned_label)]
    if form.submitted:
        form.max_attempts.description += " " + _(
            "The most one student has used so far: %(most)s.", most=most_used(assignment.id)
        )
        form.version_id.render_kw = {"disabled": True}
        form.version_id.description = ngettext(
            "%(num)d attempt was submitted on this version, so it cannot change now.",
            "%(num)d attempts were submitted on this version, so it cannot change now.",
            form.submitted,
        )
    else:
        form.version_id.description = _(
            "Nobody has submitted yet: you may pin the quiz's current version or another quiz."
        )
        rows = [
            (vid, qid, title, level)
            for qid, vid, title, level in assignable(request_session(), current_user.id)
            if vid != pinned.id
        ]
        choices += [
            SelectChoice(
                vid,
                _(
                    "%(quiz)s: its current version",
                    quiz=_("%(title)s (%(level)s)", title=title, level=LEVELS.get(level, level)),
                )
                if qid == pinned.quiz_id
                else _("%(title)s (%(level)s)", title=title, level=LEVELS.get(level, level)),
            )
            for vid, qid, title, level in rows
        ]
    form.version_id.choices = choices
    return form


PRACTICE_OPEN = _l(
    "This quiz is also open to anyone as practice, with full feedback: a student who "
    "practises it logged out can read the answers before your feedback opens. To prevent "
    "that, tick \"hold back feedback on this quiz's public practice\" on the assignment's page."
)


def _public(quiz_id: str) -> bool:
    return bool(
        request_session().scalar(
            select(QuizVersion.public).where(
                QuizVersion.quiz_id == quiz_id, QuizVersion.current.is_(True)
            )
        )
    )


@bp.route(f"{CLASS}/assignments/new", methods=["GET", "POST"])
def new_assignment(classroom_id: int) -> str | Response:
    """Assign a quiz (its current version, pinned) with dates, attempts and rules."""
    room = own_classroom(classroom_id)
    # The bank's quizzes and those made in the browser the teacher may see (editor.access).
    versions = assignable(request_session(), current_user.id)
    pins = {qid: vid for qid, vid, _, _ in versions}
    authored = authored_ids(request_session(), pins)
    form = AssignmentForm(zone=room.timezone)
    form.quiz.choices = [
        SelectChoice(q, _("%(title)s (%(level)s)", title=title, level=LEVELS.get(level, level)))
        for q, _vid, title, level in versions
    ]
    if request.method == "GET":
        form.quiz.data = request.args.get("quiz", "")
    elif (posted := request.form.get("quiz", "")) not in pins and authored_ids(
        request_session(), [posted]
    ):
        # A forged post naming another teacher's quiz: refused, and nothing of it said.
        abort(404, description=_("There is no such quiz."))
    if room.archived:
        flash(_("This class is archived; bring it back before assigning work."), "error")
    elif form.validate_on_submit():
        try:
            create_assignment(
                get_db(), current_user.id, room.id, form.quiz.data or "",
                opens_at=form.opens_at.data or utcnow(), due_at=form.due_at.data,
                max_attempts=form.max_attempts.data, counting=form.counting.data,
                feedback=form.feedback.data, allow_late=form.allow_late.data,
                late_until=form.late_window(), hold_practice=form.hold_practice.data,
                version_id=pins[form.quiz.data or ""] if form.quiz.data in authored else None,
            )  # fmt: skip
        except WriteError as exc:
            flash(say(exc), "error")
        else:
            if not form.hold_practice.data and _public(form.quiz.data or ""):
                flash(PRACTICE_OPEN, "warning")
            return back_to_class(room, _("Assignment set. Students see it on their home page."))
    return render_template("teach/assignment_form.html", room=room, form=form)


@bp.route(f"{CLASS}/assignments/<{ID}:assignment_id>")
def analysis(classroom_id: int, assignment_id: int) -> str:
    """Item analysis: facility and discrimination per question, span find rates, and the
    phrases most often flagged that are not problems; and the form that changes it."""
    room = own_classroom(classroom_id)
    assignment = class_assignment(room, assignment_id)
    return assignment_page(room, assignment, edit_form(assignment))


def assignment_page(room: Classroom, assignment: Assignment, form: EditAssignmentForm) -> str:
    """An assignment's page, with its edit form as given (open when it holds errors)."""
    items = reports.item_analysis(request_session(), assignment)
    quiz = quiz_for(assignment.version)
    chart = None
    if items.students:
        chart = bar_chart(
            _("Share of students who found each problem"),
            ngettext(
                "For each problem span of the quiz, the share of the %(num)d student with a "
                "counting attempt who found it (80%% of its words or more).",
                "For each problem span of the quiz, the share of the %(num)d students with a "
                "counting attempt who found it (80%% of its words or more).",
                items.students,
            ),
            [
                Bar(s.quote, s.rate, _("%(done)s of %(all)s", done=s.found, all=s.students))
                for s in items.spans
            ],
            key="spans",
        )
    return render_template(
        "teach/analysis.html", room=room, assignment=assignment, items=items, quiz=quiz,
        chart=chart, form=form,
    )  # fmt: skip


def most_used(assignment_id: int) -> int:
    """The most attempts one student has used at the assignment (voided ones are free)."""
    per_student = (
        select(func.count().label("n"))
        .where(Attempt.assignment_id == assignment_id, Attempt.voided_at.is_(None))
        .group_by(Attempt.user_id)
        .subquery()
    )
    return request_session().scalar(select(func.max(per_student.c.n))) or 0
