"""A person's own data (issue 17): everything quizapp stores about them to take away, as
JSON and CSV (built in one place, ``quizapp.db.privacy.export_user``), and a student's
deletion of their own account (``quizapp.db.erasure.delete_student``)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from quizapp.core.usernames import fold
from quizapp.db.engine import get_db, request_session
from quizapp.db.erasure import delete_student
from quizapp.db.models import Attempt, User
from quizapp.db.privacy import CSV_COLUMNS, attempt_rows, export_user
from quizapp.passwords import verify_password
from quizapp.web import throttle
from quizapp.web.disclosure import key_verdict
from quizapp.web.reports import neutralise
from quizapp.web.security import forget_in_browser

bp = Blueprint("privacy", __name__)


def _learner_may_see(attempt: Attempt) -> bool:
    # The same rule as every learner page: no scores while the feedback is shut.
    return key_verdict(attempt.version.quiz_id, practice=attempt.assignment_id is None).allowed


def json_download(export: dict[str, Any], name: str) -> Response:
    """An export as a JSON file, indented to be read by a person."""
    return Response(
        json.dumps(export, indent=2, ensure_ascii=False),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}.json"'},
    )


def csv_download(export: dict[str, Any], name: str) -> Response:
    """An export's attempts as CSV, one row an attempt, safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in attempt_rows(export):
        writer.writerow(neutralise(c) for c in row)
    return Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@bp.route("/my-data.json")
@login_required
def export_json() -> Response:
    """Everything quizapp stores about the logged-in person, as JSON."""
    export = export_user(request_session(), current_user.id, _learner_may_see)
    return json_download(export, "my-data")


@bp.route("/my-data.csv")
@login_required
def export_csv() -> Response:
    """The logged-in person's attempts and scores, as CSV."""
    export = export_user(request_session(), current_user.id, _learner_may_see)
    return csv_download(export, "my-data")


class DeleteForm(FlaskForm):
    password = PasswordField(
        _l("Your password, to confirm"), validators=[DataRequired(), Length(max=200)]
    )


@bp.route("/my-account/delete", methods=["GET", "POST"])
@login_required
def delete_account() -> str | Response:
    """A student deletes their account and everything about them, after typing their
    password again; a teacher is refused (their classes would go with it)."""
    if current_user.is_teacher:
        abort(403, description=_("A teacher's account holds their classes and their students' "
              "work, so it cannot be deleted here; ask the site's administrator."))  # fmt: skip
    form = DeleteForm()
    if form.validate_on_submit():
        # Wrong passwords count as failed logins: a borrowed session cannot guess the password.
        name = fold(current_user.username)
        throttle.check_login(name)
        stored = request_session().scalar(
            select(User.password_hash).where(User.id == current_user.id)
        )
        if verify_password(stored, form.password.data or ""):
            delete_student(get_db(), current_user.id)
            logout_user()
            session.clear()
            flash(_("Your account and everything quizapp kept about you are deleted."), "info")
            return forget_in_browser(redirect(url_for("catalogue.index")))
        throttle.login_failed(name)
        form.password.errors.append(_("That is not your password: nothing was deleted."))
    export = export_user(request_session(), current_user.id)
    return render_template("delete_account.html", form=form, export=export)
