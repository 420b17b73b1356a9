"""Every account and every class, searched and paged, and deleting any of them after a
confirmation page (``db.erasure``: one transaction each; the person's sessions end with the
account); a new password for any account, after a confirmation page, shown once."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from quizapp.db import audit
from quizapp.db.admins import give_new_password
from quizapp.db.engine import get_db, request_session
from quizapp.db.erasure import OwnAccount, delete_account, delete_classroom
from quizapp.db.models import Assignment, Attempt, Classroom, Membership, User
from quizapp.db.privacy import export_user
from quizapp.db.writes import WriteError
from quizapp.i18n.refusals import say
from quizapp.web.admin import ID, PER_PAGE, bp, page_number
from quizapp.web.privacy import json_download


def _pages(total: int) -> int:
    return max(1, -(-total // PER_PAGE))


@bp.route("")
@bp.route("/accounts")
def accounts() -> str:
    """Accounts by name, with a search box (?q=) and pages of 50."""
    q = request.args.get("q", "").strip()[:40]
    where = [User.username_folded.contains(q.lower(), autoescape=True)] if q else []
    s = request_session()
    total = s.scalar(select(func.count()).select_from(User).where(*where)) or 0
    page = min(page_number(), _pages(total))
    rows = s.execute(
        select(User.id, User.username, User.role, User.is_admin, User.created_at,
               User.last_seen_at)
        .where(*where).order_by(User.username_folded)
        .offset((page - 1) * PER_PAGE).limit(PER_PAGE)
    ).all()  # fmt: skip
    return render_template(
        "admin/accounts.html", rows=rows, q=q, page=page, pages=_pages(total), total=total
    )


def _account(user_id: int) -> User:
    user = request_session().get(User, user_id)
    if user is None:
        abort(404, description=_("There is no such account."))
    return user


@bp.route(f"/accounts/<{ID}:user_id>/delete", methods=["GET", "POST"])
def delete_user(user_id: int) -> str | Response:
    """Confirm, then delete an account and everything about it; not one's own."""
    user = _account(user_id)
    if user.id == current_user.id:
        abort(400, description=_("You cannot delete your own account here: another "
              "administrator can, or end your rights with `quizapp admin revoke`."))  # fmt: skip
    if request.method == "POST":
        try:
            counts = delete_account(get_db(), user.id, current_user.id)
        except OwnAccount:
            abort(400, description=_("Another administrator deletes an administrator's account."))
        except LookupError:
            abort(404, description=_("There is no such account."))
        rows = sum((counts or {}).values())
        flash(ngettext("The account %(name)s is deleted (%(num)d row).",
                       "The account %(name)s is deleted (%(num)d rows).", rows,
                       name=user.username), "success")  # fmt: skip
        return redirect(url_for("admin.accounts"))
    s = request_session()
    classes = s.scalars(select(Classroom.name).where(Classroom.teacher_id == user.id)).all()
    member = s.scalar(select(func.count()).where(Membership.user_id == user.id)) or 0
    attempts = s.scalar(select(func.count()).where(Attempt.user_id == user.id)) or 0
    return render_template("admin/delete_account.html", user=user, classes=classes,
                           member=member, attempts=attempts)  # fmt: skip


@bp.route(f"/accounts/<{ID}:user_id>/password", methods=["GET", "POST"])
def new_password(user_id: int) -> str:
    """Confirm, then give an account a new password, shown on this page once; its sessions
    end (one's own too: quizapp has no page to change one's own password)."""
    user = _account(user_id)
    own = user.id == current_user.id
    if request.method == "POST":
        try:
            name, password = give_new_password(get_db(), user.id, current_user.id)
        except WriteError as exc:
            abort(404, description=say(exc))
        return render_template("admin/password.html", name=name, password=password, own=own)
    return render_template("admin/new_password.html", user=user, own=own)


@bp.route(f"/accounts/<{ID}:user_id>/data.json")
def account_data(user_id: int) -> Response:
    """Everything quizapp stores about any account, as JSON (a family's request for a
    student no longer in a class); recorded in the audit trail."""
    user = _account(user_id)
    export = export_user(request_session(), user.id)
    audit.log(get_db(), current_user.id, "exported", subject_id=user.id,
              detail="the whole account, as JSON")  # fmt: skip
    return json_download(export, f"account-{user.id}-data")


@bp.route("/classes")
def classes() -> str:
    """Every class with its teacher, students and state; ?q= searches names."""
    q = request.args.get("q", "").strip()[:100]
    where = [func.lower(Classroom.name).contains(q.lower(), autoescape=True)] if q else []
    s = request_session()
    total = s.scalar(select(func.count()).select_from(Classroom).where(*where)) or 0
    page = min(page_number(), _pages(total))
    students = select(func.count()).where(Membership.classroom_id == Classroom.id).scalar_subquery()
    rows = s.execute(
        select(Classroom.id, Classroom.name, Classroom.archived, Classroom.archived_at,
               User.username.label("teacher"), students.label("students"))
        .join(User, User.id == Classroom.teacher_id)
        .where(*where).order_by(func.lower(Classroom.name), Classroom.id)
        .offset((page - 1) * PER_PAGE).limit(PER_PAGE)
    ).all()  # fmt: skip
    return render_template(
        "admin/classes.html", rows=rows, q=q, page=page, pages=_pages(total), total=total
    )


@bp.route(f"/classes/<{ID}:classroom_id>/delete", methods=["GET", "POST"])
def delete_class(classroom_id: int) -> str | Response:
    """Confirm, then delete a class with its assignments, roster and attempts."""
    room = request_session().get(Classroom, classroom_id)
    if room is None:
        abort(404, description=_("There is no such class."))
    if request.method == "POST":
        delete_classroom(get_db(), room.id, current_user.id)
        flash(_("The class %(name)s is deleted.", name=room.name), "success")
        return redirect(url_for("admin.classes"))
    s = request_session()
    students = s.scalar(select(func.count()).where(Membership.classroom_id == room.id)) or 0
    attempts = s.scalar(
        select(func.count())
        .select_from(Attempt)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Assignment.classroom_id == room.id)
    ) or 0  # fmt: skip
    return render_template(
        "admin/delete_class.html", room=room, students=students, attempts=attempts
    )
