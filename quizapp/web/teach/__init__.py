"""Teachers: classes, rosters, assignments, and the gradebook, heatmap and item analysis.

Every route under /teach is for teachers only (checked once, before any view), and every
class, student, assignment or attempt id is looked up through the teacher's own classes:
another teacher's id is a 404, exactly like an id that does not exist. The views live in
this package's modules, one concern each; importing the package registers them all.
"""

from __future__ import annotations

from flask import Blueprint, Flask, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response

from quizapp.db.coteachers import taught_by
from quizapp.db.engine import request_session
from quizapp.db.models import Assignment, Attempt, Classroom, Membership, User
from quizapp.web.auth import require_teacher

bp = Blueprint("teach", __name__)
PUBLIC = {"teach.register_teacher"}
DATETIME = "%Y-%m-%dT%H:%M"
# Ids in URLs stop at PostgreSQL's largest integer: a bigger one is a 404, not a database error.
ID = f"int(max={2**31 - 1})"
CLASS = f"/teach/classes/<{ID}:classroom_id>"  # where every page of a class starts


@bp.before_request
def teachers_only() -> Response | None:
    """Log in first; then teachers only."""
    if request.endpoint in PUBLIC:
        return None
    return require_teacher(_("These pages are for teachers; log in with a teacher account."))


def own_classroom(classroom_id: int) -> Classroom:
    """A class the current teacher owns or co-teaches, or a 404 (also for another
    teacher's class). The one lookup of a class for every teaching page."""
    room = request_session().scalar(
        select(Classroom).where(Classroom.id == classroom_id, taught_by(current_user.id))
    )
    if room is None:
        abort(404, description=_("There is no such class of yours."))
    return room


def owner_only(room: Classroom) -> None:
    """Archiving or deleting a class is its owner's: a co-teacher gets a 403 saying so."""
    if room.teacher_id != current_user.id:
        abort(403, description=_("Only the teacher who owns this class archives or deletes it."))


def class_student(room: Classroom, user_id: int) -> User:
    """A student on the class's roster, or a 404."""
    user = request_session().scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.classroom_id == room.id, User.id == user_id, User.role == "student")
    )
    if user is None:
        abort(404, description=_("There is no such student in this class."))
    return user


def class_assignment(room: Classroom, assignment_id: int) -> Assignment:
    """An assignment of the class, with its pinned version, or a 404."""
    assignment = request_session().scalar(
        select(Assignment)
        .where(Assignment.id == assignment_id, Assignment.classroom_id == room.id)
        .options(joinedload(Assignment.version))
    )
    if assignment is None:
        abort(404, description=_("There is no such assignment in this class."))
    return assignment


def class_attempt(room: Classroom, attempt_id: int) -> Attempt:
    """An attempt at an assignment of the class, with its version and assignment, or a 404
    (a practice attempt is at no class's assignment)."""
    attempt = request_session().scalar(
        select(Attempt)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Attempt.id == attempt_id, Assignment.classroom_id == room.id)
        .options(joinedload(Attempt.version), joinedload(Attempt.assignment))
    )
    if attempt is None:
        abort(404, description=_("There is no such attempt in this class."))
    return attempt


def back_to_class(room: Classroom, message: str, category: str = "success") -> Response:
    flash(message, category)
    return redirect(url_for("teach.classroom", classroom_id=room.id))


def spaced_code(code: str) -> str:
    """A join code as it is read aloud: two groups of four."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def init_app(app: Flask) -> None:
    app.cli.add_command(accounts.create_teacher_command)
    app.cli.add_command(accounts.invite_command)


# The views register themselves on ``bp`` as they are imported; they import the helpers
# above, hence last.
from quizapp.web.teach import (  # noqa: E402
    accounts,
    assignment_edits,  # noqa: F401
    assignments,  # noqa: F401
    classes,  # noqa: F401
    dashboards,  # noqa: F401
    deletions,  # noqa: F401
    exceptions,  # noqa: F401
    quizzes,  # noqa: F401
)
