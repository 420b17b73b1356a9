"""Exceptions for one student: more attempts or a later due date at one assignment (forms
on the student's page), and voiding an attempt, behind a page that names it, or restoring it.
The rules themselves, and the ownership checks again, are in ``quizapp.db.exceptions``."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange, Optional

from quizapp.db.engine import get_db, request_session
from quizapp.db.exceptions import (
    MAX_MORE,
    give_attempts,
    restore_attempt,
    set_own_due,
    void_attempt,
)
from quizapp.db.models import Assignment, Attempt, Classroom, User
from quizapp.db.writes import WriteError
from quizapp.i18n.refusals import say
from quizapp.web import reports
from quizapp.web.clock import ClassTimeField, classtime
from quizapp.web.teach import (
    CLASS,
    ID,
    bp,
    class_assignment,
    class_attempt,
    class_student,
    own_classroom,
)
from quizapp.web.teach.dashboards import student_page

STUDENT_ASSIGNMENT = f"{CLASS}/students/<{ID}:user_id>/assignments/<{ID}:assignment_id>"
ATTEMPT = f"{CLASS}/attempts/<{ID}:attempt_id>"


class MoreForm(FlaskForm):
    more = IntegerField(
        _l("More attempts"), default=1,
        validators=[InputRequired(message=_l("Say how many more attempts to give.")),
                    NumberRange(min=1, max=MAX_MORE,
                                message=_l("Give from 1 to %(most)s more attempts at a time.",
                                           most=MAX_MORE))],
    )  # fmt: skip


class DueForm(FlaskForm):
    # Empty only with "clear": a due date of one's own is never taken away by a blank field.
    # Typed in the class's zone: build it with meta={"zone": room.timezone}.
    due_at = ClassTimeField(_l("Own due date"), validators=[Optional()])


def _to_student(room: Classroom, student: User) -> Response:
    url = url_for("teach.student", classroom_id=room.id, user_id=student.id)
    return redirect(f"{url}#exceptions")


def _refused(
    room: Classroom, student: User, assignment: Assignment, reason: str
) -> tuple[str, int]:
    """The student's page again, the reason beside the assignment's forms; nothing stored."""
    typed = {assignment.id: request.form.get("due_at", "")[:32]}
    return student_page(room, student, {assignment.id: reason}, typed), 400


def _errors(form: FlaskForm) -> str:
    return " ".join(e for errors in form.errors.values() for e in errors)


@bp.route(f"{STUDENT_ASSIGNMENT}/attempts", methods=["POST"])
def give_attempt(classroom_id: int, user_id: int, assignment_id: int) -> Response | tuple[str, int]:
    """Let one student make more attempts at an assignment than the class may."""
    room = own_classroom(classroom_id)
    student = class_student(room, user_id)
    assignment = class_assignment(room, assignment_id)
    form = MoreForm()
    if not form.validate_on_submit():
        return _refused(room, student, assignment, _errors(form))
    try:
        allowed = give_attempts(
            get_db(),
            current_user.id,
            room.id,
            assignment.id,
            student.id,
            form.more.data,
        )
    except WriteError as exc:
        return _refused(room, student, assignment, say(exc))
    flash(
        _(
            "%(student)s may now make %(allowed)s attempts at %(title)s (the class: %(limit)s).",
            student=student.username,
            allowed=allowed,
            title=assignment.version.title,
            limit=assignment.max_attempts,
        ),
        "success",
    )
    return _to_student(room, student)


@bp.route(f"{STUDENT_ASSIGNMENT}/due", methods=["POST"])
def extend_due(classroom_id: int, user_id: int, assignment_id: int) -> Response | tuple[str, int]:
    """Give one student a later due date for an assignment (``clear=1``: take it away)."""
    room = own_classroom(classroom_id)
    student = class_student(room, user_id)
    assignment = class_assignment(room, assignment_id)
    form = DueForm(meta={"zone": room.timezone})
    clear = request.form.get("clear") == "1"
    if not form.validate_on_submit():
        return _refused(room, student, assignment, _errors(form))
    if not clear and form.due_at.data is None:
        return _refused(room, student, assignment, _("Give the student's due date and time."))
    try:
        set_own_due(
            get_db(), current_user.id, room.id, assignment.id, student.id,
            None if clear else form.due_at.data,
        )  # fmt: skip
    except WriteError as exc:
        return _refused(room, student, assignment, say(exc))
    title = assignment.version.title
    if clear:
        message = _(
            "%(student)s's own due date for %(title)s is taken away.",
            student=student.username,
            title=title,
        )
    else:
        message = _(
            "%(student)s may now submit %(title)s until %(when)s, without a late mark.",
            student=student.username,
            title=title,
            when=classtime(form.due_at.data, room),
        )
    flash(message, "success")
    return _to_student(room, student)


def _void_page(room: Classroom, attempt: Attempt, error: str = "") -> str:
    s = request_session()
    owner = s.get(User, attempt.user_id)
    voider = reports.usernames(s, {attempt.voided_by}).get(attempt.voided_by or 0)
    return render_template(
        "teach/void_attempt.html", room=room, attempt=attempt, owner=owner, voider=voider,
        error=error,
    )  # fmt: skip


@bp.route(f"{ATTEMPT}/void", methods=["GET", "POST"])
def void(classroom_id: int, attempt_id: int) -> str | Response | tuple[str, int]:
    """Ask, naming the attempt; then mark it void: kept, but never counted."""
    room = own_classroom(classroom_id)
    attempt = class_attempt(room, attempt_id)
    if request.method == "GET":
        return _void_page(room, attempt)
    try:
        done = void_attempt(get_db(), current_user.id, room.id, attempt.id)
    except WriteError as exc:
        return _void_page(room, attempt, say(exc)), 409
    flash(
        _(
            "Attempt %(number)s of %(student)s at %(title)s is void: it no longer counts, and "
            "it no longer uses up one of their attempts.",
            number=done.number,
            student=done.username,
            title=done.title,
        ),
        "success",
    )
    return redirect(url_for("teach.attempt", classroom_id=room.id, attempt_id=attempt.id))


@bp.route(f"{ATTEMPT}/restore", methods=["POST"])
def restore(classroom_id: int, attempt_id: int) -> Response | tuple[str, int]:
    """Undo a void: the attempt counts again (if the student's limit has room)."""
    room = own_classroom(classroom_id)
    attempt = class_attempt(room, attempt_id)
    try:
        done = restore_attempt(get_db(), current_user.id, room.id, attempt.id)
    except WriteError as exc:
        return _void_page(room, attempt, say(exc)), 409
    flash(
        _(
            "Attempt %(number)s of %(student)s at %(title)s counts again.",
            number=done.number,
            student=done.username,
            title=done.title,
        ),
        "success",
    )
    return redirect(url_for("teach.attempt", classroom_id=room.id, attempt_id=attempt.id))
