"""Teacher accounts: the create-teacher command and registration with an invite code."""

from __future__ import annotations

import hmac

import click
from flask import abort, current_app, flash, redirect, render_template, session, url_for
from flask.cli import with_appcontext
from flask_login import login_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from quizapp.core.usernames import problem as username_problem
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import User
from quizapp.db.writes import WriteError, create_user
from quizapp.passwords import password_problem
from quizapp.web.account_fields import new_password_field, username_field
from quizapp.web.auth import Account
from quizapp.web.limits import CODE_TRIES, failed, limiter
from quizapp.web.teach import bp


class TeacherForm(FlaskForm):
    username = username_field("Students see it beside their classes.")
    password = new_password_field()
    invite = PasswordField(
        "Teacher invite code", validators=[DataRequired(), Length(max=200)],
        description="Your school's administrator has it.",
    )  # fmt: skip


@bp.route("/register/teacher", methods=["GET", "POST"])
@limiter.limit(CODE_TRIES, methods=["POST"], deduct_when=failed)
def register_teacher() -> str | Response:
    """Create a teacher account with the instance's invite code (when one is set)."""
    expected = current_app.config.get("TEACHER_INVITE_CODE") or ""
    if not expected:
        abort(404, description="Teacher accounts are created by the administrator here.")
    form = TeacherForm()
    if form.validate_on_submit():
        username, password = form.username.data or "", form.password.data or ""
        problem = password_problem(password, username)
        if not hmac.compare_digest((form.invite.data or "").encode(), str(expected).encode()):
            form.invite.errors = ["That invite code is not right."]
        elif problem:
            form.password.errors = [problem]
        else:
            try:
                user_id = create_user(get_db(), username, password, "teacher")
            except WriteError as exc:
                flash(str(exc), "error")
            else:
                user = request_session().get(User, user_id)
                assert user is not None
                session.clear()
                login_user(Account(user))
                flash(f"Welcome, {username}! Create your first class.", "info")
                return redirect(url_for("teach.index"))
    return render_template("teach/register.html", form=form)


@click.command("create-teacher")
@click.argument("username")
@with_appcontext
def create_teacher_command(username: str) -> None:
    """Create a teacher account; the password is asked for, not echoed."""
    if reason := username_problem(username):
        raise click.BadParameter(reason)
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if problem := password_problem(password, username):
        raise click.ClickException(problem)
    try:
        user_id = create_user(get_db(), username, password, "teacher")
    except WriteError as exc:
        raise click.ClickException(str(exc)) from None
    with get_db().session() as s:
        stored = s.get(User, user_id)
    click.echo(f"Teacher account '{stored.username if stored else username}' created.")
