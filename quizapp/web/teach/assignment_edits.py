"""Changing an assignment after it is set, and deleting one nobody has submitted."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from quizapp.db.engine import get_db, request_session
from quizapp.db.models import Assignment, Classroom, utcnow
from quizapp.db.writes import WriteError, delete_assignment, update_assignment
from quizapp.i18n.refusals import say
from quizapp.web.editor.access import hidden_version
from quizapp.web.teach import CLASS, ID, back_to_class, bp, class_assignment, own_classroom
from quizapp.web.teach.assignments import (
    assignment_page,
    edit_form,
    most_used,
    submitted_count,
)

ASSIGNMENT = f"{CLASS}/assignments/<{ID}:assignment_id>"


def _to_assignment(room: Classroom, assignment: Assignment) -> Response:
    return redirect(url_for("teach.analysis", classroom_id=room.id, assignment_id=assignment.id))


@bp.route(f"{ASSIGNMENT}/edit", methods=["POST"])
def edit_assignment(classroom_id: int, assignment_id: int) -> str | Response:
    """Change the dates, attempt limit, rules and (before any attempt) the pinned version."""
    room = own_classroom(classroom_id)
    assignment = class_assignment(room, assignment_id)
    if hidden_version(request_session(), current_user.id, request.form.get("version_id", "")):
        abort(404, description=_("There is no such quiz."))
    form = edit_form(assignment)
    if not form.validate_on_submit():
        return assignment_page(room, assignment, form)
    try:
        update_assignment(
            get_db(), current_user.id, room.id, assignment.id,
            version_id=form.version_id.data, opens_at=form.opens_at.data or utcnow(),
            due_at=form.due_at.data, max_attempts=form.max_attempts.data,
            counting=form.counting.data, feedback=form.feedback.data,
            allow_late=form.allow_late.data, late_until=form.late_window(),
            hold_practice=form.hold_practice.data,
        )  # fmt: skip
    except WriteError as exc:
        flash(say(exc), "error")
        return assignment_page(room, assignment, form)
    flash(_("Assignment changed."), "success")
    if (used := most_used(assignment.id)) > form.max_attempts.data:
        flash(
            _(
                "Some students have already used more attempts (up to %(used)s) than the new "
                "limit allows: those attempts stay and count as before; they can submit no more.",
                used=used,
            ),
            "warning",
        )
    return _to_assignment(room, assignment)


@bp.route(f"{ASSIGNMENT}/delete", methods=["GET", "POST"])
def delete(classroom_id: int, assignment_id: int) -> str | Response:
    """Ask, naming the assignment; then delete it, unless anyone has submitted."""
    room = own_classroom(classroom_id)
    assignment = class_assignment(room, assignment_id)
    if request.method == "POST":
        try:
            delete_assignment(get_db(), current_user.id, room.id, assignment.id)
        except WriteError as exc:
            flash(say(exc), "error")
            return _to_assignment(room, assignment)
        return back_to_class(
            room, _("Assignment deleted: %(title)s.", title=assignment.version.title)
        )
    submitted = submitted_count(assignment.id)
    # The refusal the write would give, said before the teacher presses anything.
    refusal = (
        ngettext(
            "%(num)d attempt was submitted; set the due date instead.",
            "%(num)d attempts were submitted; set the due date instead.",
            submitted,
        )
        if submitted
        else ""
    )
    return render_template(
        "teach/delete_assignment.html", room=room, assignment=assignment, refusal=refusal
    )
