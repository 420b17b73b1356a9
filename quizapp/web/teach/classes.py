"""A teacher's classes: create, rename, archive, the join code, and the roster."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from quizapp.core.clock import DEFAULT_ZONE
from quizapp.db.coteachers import class_teachers, taught_by
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import Assignment, Attempt, Classroom, Membership, User, utcnow
from quizapp.db.writes import (
    WriteError,
    archive_classroom,
    open_classroom,
    regenerate_join_code,
    remove_student,
    rename_classroom,
    reset_student_password,
    set_class_timezone,
    set_joining,
)
from quizapp.i18n.refusals import say
from quizapp.web import reports
from quizapp.web.clock import ZoneField
from quizapp.web.teach import (
    CLASS,
    ID,
    back_to_class,
    bp,
    class_student,
    own_classroom,
    owner_only,
    spaced_code,
)


class ClassForm(FlaskForm):
    name = StringField(
        _l("Class name"),
        validators=[
            DataRequired(message=_l("Give the class a name.")),
            Length(max=100),
            Regexp(
                r"^[^\x00-\x1f\x7f]*$", message=_l("Use letters, digits, spaces and punctuation.")
            ),
        ],
        description=_l("What your students will recognise, like '9B media studies'."),
    )


class NewClassForm(ClassForm):
    # Without JavaScript the list starts at UTC; static/js/timezone.js picks the browser's.
    timezone = ZoneField(
        _l("Time zone"),
        description=_l(
            "The class's dates are typed and shown in this zone. You can change it "
            "later on the class page."
        ),
        render_kw={"translate": "no"},  # the zones' names are data
    )


class ZoneForm(FlaskForm):
    timezone = ZoneField(
        _l("Time zone"),
        validators=[InputRequired(message=_l("Choose a time zone."))],
        description=_l(
            "Changing it moves no date: each stays at the same moment, shown in the new zone."
        ),
        render_kw={"translate": "no"},  # the zones' names are data
    )


@bp.route("/teach", methods=["GET", "POST"])
def index() -> str | Response:
    """The teacher's own classes, with a form to start a new one."""
    form = NewClassForm()
    if request.method == "GET":
        form.timezone.render_kw = {**(form.timezone.render_kw or {}), "data-browser-zone": True}
    if form.validate_on_submit():
        try:
            classroom_id = open_classroom(get_db(), current_user.id, form.name.data or "")
            if form.timezone.data != DEFAULT_ZONE:
                set_class_timezone(get_db(), current_user.id, classroom_id, form.timezone.data)
        except WriteError as exc:
            flash(say(exc), "error")
        else:
            flash(_("Class created. Give your students its code to join."), "success")
            return redirect(url_for("teach.classroom", classroom_id=classroom_id))
    s = request_session()
    rooms = list(
        s.scalars(
            select(Classroom)
            .where(taught_by(current_user.id))
            .order_by(Classroom.archived, Classroom.name, Classroom.id)
        )
    )
    ids = [r.id for r in rooms]
    students = dict(
        s.execute(
            select(Membership.classroom_id, func.count())
            .join(User, User.id == Membership.user_id)
            .where(Membership.classroom_id.in_(ids), User.role == "student")
            .group_by(Membership.classroom_id)
        ).all()
    )
    assignments = dict(
        s.execute(
            select(Assignment.classroom_id, func.count())
            .where(Assignment.classroom_id.in_(ids))
            .group_by(Assignment.classroom_id)
        ).all()
    )
    return render_template(
        "teach/index.html", form=form, rooms=rooms, students=students,
        assignments=assignments, spaced_code=spaced_code,
    )  # fmt: skip


@bp.route(CLASS)
def classroom(classroom_id: int) -> str:
    """A class: its code, assignments, roster with last activity, and settings."""
    room = own_classroom(classroom_id)
    s = request_session()
    assignments = reports.class_assignments(s, room.id)
    submitted = dict(
        s.execute(
            select(Attempt.assignment_id, func.count(func.distinct(Attempt.user_id)))
            .join(Assignment, Assignment.id == Attempt.assignment_id)
            .where(Assignment.classroom_id == room.id, Attempt.voided_at.is_(None))
            .group_by(Attempt.assignment_id)
        ).all()
    )
    return render_template(
        "teach/class.html", room=room, code=spaced_code(room.join_code),
        students=reports.class_students(s, room.id), assignments=assignments,
        submitted=submitted, rename=ClassForm(name=room.name), now=utcnow(),
        zone=ZoneForm(timezone=room.timezone), teachers=class_teachers(s, room),
        is_owner=room.teacher_id == current_user.id,
    )  # fmt: skip


@bp.route(f"{CLASS}/rename", methods=["POST"])
def rename(classroom_id: int) -> Response:
    """Rename the class."""
    room = own_classroom(classroom_id)
    form = ClassForm()
    if not form.validate():
        return back_to_class(
            room, " ".join(map(str, form.name.errors)) or _("Give the class a name."), "error"
        )
    rename_classroom(get_db(), current_user.id, room.id, form.name.data or "")
    return back_to_class(room, _("Class renamed."))


@bp.route(f"{CLASS}/timezone", methods=["POST"])
def timezone(classroom_id: int) -> Response:
    """Set the class's time zone; a name that is no zone is a 400 saying so."""
    room = own_classroom(classroom_id)
    form = ZoneForm()
    if not form.validate():
        abort(400, description=" ".join(map(str, form.timezone.errors)) or _("Choose a time zone."))
    try:
        set_class_timezone(get_db(), current_user.id, room.id, form.timezone.data)
    except WriteError as exc:
        abort(400, description=say(exc))
    return back_to_class(
        room, _("Time zone set: dates are typed and shown in %(zone)s.", zone=form.timezone.data)
    )


def _flag() -> bool:
    return request.form.get("value") == "1"


@bp.route(f"{CLASS}/archive", methods=["POST"])
def archive(classroom_id: int) -> Response:
    """Archive the class (no joining, assignments closed) or bring it back."""
    room = own_classroom(classroom_id)
    owner_only(room)
    archive_classroom(get_db(), current_user.id, room.id, _flag())
    return back_to_class(
        room, _("Class archived.") if _flag() else _("Class brought back from the archive.")
    )


@bp.route(f"{CLASS}/joining", methods=["POST"])
def joining(classroom_id: int) -> Response:
    """Turn the join code on or off."""
    room = own_classroom(classroom_id)
    set_joining(get_db(), current_user.id, room.id, _flag())
    return back_to_class(room, _("Joining turned on.") if _flag() else _("Joining turned off."))


@bp.route(f"{CLASS}/code", methods=["POST"])
def new_code(classroom_id: int) -> Response:
    """Replace the join code; the old one stops working."""
    room = own_classroom(classroom_id)
    code = regenerate_join_code(get_db(), current_user.id, room.id)
    return back_to_class(
        room, _("New class code: %(code)s. The old code no longer works.", code=spaced_code(code))
    )


@bp.route(f"{CLASS}/students/<{ID}:user_id>/remove", methods=["POST"])
def remove(classroom_id: int, user_id: int) -> Response:
    """Take a student off the roster (their account and past attempts stay)."""
    room = own_classroom(classroom_id)
    student = class_student(room, user_id)
    remove_student(get_db(), current_user.id, room.id, student.id)
    return back_to_class(room, _("%(name)s is no longer in this class.", name=student.username))


@bp.route(f"{CLASS}/students/<{ID}:user_id>/password", methods=["POST"])
def reset_password(classroom_id: int, user_id: int) -> str:
    """Give a student a new password, shown on this page once; their sessions end."""
    room = own_classroom(classroom_id)
    student = class_student(room, user_id)
    password = reset_student_password(get_db(), current_user.id, room.id, student.id)
    return render_template("teach/password.html", room=room, student=student, password=password)
