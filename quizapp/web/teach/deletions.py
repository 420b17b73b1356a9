"""A teacher deletes a student's data from their class, or a whole archived class, after a
confirmation page. The writes are ``db.erasure``'s, one transaction each; another teacher's
class or student is a 404 and nothing is touched."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from quizapp.db.engine import get_db, request_session
from quizapp.db.erasure import NotArchived, delete_class_data, delete_classroom, summary
from quizapp.db.models import Assignment, AssignmentException, AssignmentStart, Attempt, Membership
from quizapp.i18n.refusals import say
from quizapp.web.teach import (
    CLASS,
    ID,
    back_to_class,
    bp,
    class_student,
    own_classroom,
    owner_only,
)


def _in_class(model: type[Attempt] | type[AssignmentStart] | type[AssignmentException],
              classroom_id: int, user_id: int | None = None) -> int:  # fmt: skip
    """How many rows of ``model`` belong to the class's assignments (one student's)."""
    of_class = select(Assignment.id).where(Assignment.classroom_id == classroom_id)
    mine = [model.user_id == user_id] if user_id is not None else []
    return request_session().scalar(
        select(func.count()).select_from(model).where(model.assignment_id.in_(of_class), *mine)
    ) or 0  # fmt: skip


@bp.route(f"{CLASS}/students/<{ID}:user_id>/delete-data", methods=["GET", "POST"])
def delete_student_data(classroom_id: int, user_id: int) -> str | Response:
    """Confirm, then delete a student's part of this class: their place on the roster and
    the attempts, starts and exceptions of its assignments (their account, practice and
    other classes stay)."""
    room = own_classroom(classroom_id)
    student = class_student(room, user_id)
    if request.method == "POST":
        counts = delete_class_data(get_db(), current_user.id, room.id, student.id)
        return back_to_class(
            room,
            # Translators: %(counts)s lists what went, in English (the audit's wording).
            _(
                "%(student)s's data in this class is deleted (%(counts)s).",
                student=student.username,
                counts=summary(counts),
            ),
        )
    return render_template(
        "teach/delete_student_data.html", room=room, student=student,
        attempts=_in_class(Attempt, room.id, student.id),
        exceptions=_in_class(AssignmentException, room.id, student.id),
    )  # fmt: skip


@bp.route(f"{CLASS}/delete", methods=["GET", "POST"])
def delete_class(classroom_id: int) -> str | Response | tuple[str, int]:
    """Confirm, then delete an archived class with everything in it; a class still in use
    is refused (409) with what to do first."""
    room = own_classroom(classroom_id)
    owner_only(room)
    students = request_session().scalar(
        select(func.count()).where(Membership.classroom_id == room.id)
    ) or 0  # fmt: skip
    page = {"room": room, "students": students, "attempts": _in_class(Attempt, room.id)}
    if request.method == "POST":
        try:
            delete_classroom(get_db(), room.id, current_user.id, teacher_id=current_user.id)
        except NotArchived as exc:
            return render_template("teach/delete_class.html", refusal=say(exc), **page), 409
        except LookupError:
            abort(404, description=_("There is no such class of yours."))
        flash(_("The class %(name)s and everything in it are deleted.", name=room.name), "success")
        return redirect(url_for("teach.index"))
    refusal = (
        ""
        if room.archived
        else _("Archive the class first: only an archived class can be deleted.")
    )
    return render_template("teach/delete_class.html", refusal=refusal, **page)
