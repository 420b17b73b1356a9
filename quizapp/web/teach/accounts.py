"""Teacher accounts: the create-teacher and invite commands, and registration with an invite
code: one made by ``quizapp invite`` (spent as the account is made), or the standing code of
the ``QUIZAPP_TEACHER_INVITE_CODE`` setting, which keeps working as before."""

from __future__ import annotations

import hmac

import click
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.cli import with_appcontext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from quizapp.core.usernames import problem as username_problem
from quizapp.db import invites
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import User
from quizapp.db.writes import WriteError, create_user
from quizapp.i18n.refusals import say
from quizapp.passwords import password_problem
from quizapp.web import throttle
from quizapp.web.account_fields import new_password_field, username_field
from quizapp.web.auth import Account
from quizapp.web.limits import CODE_TRIES, failed, limiter
from quizapp.web.teach import bp


class TeacherForm(FlaskForm):
    username = username_field(_l("Students see it beside their classes."))
    password = new_password_field()
    invite = PasswordField(
        _l("Teacher invite code"), validators=[DataRequired(), Length(max=200)],
        description=_l("Your school's administrator has it."),
    )  # fmt: skip


@bp.route("/register/teacher", methods=["GET", "POST"])
@limiter.limit(CODE_TRIES, methods=["POST"], deduct_when=failed)
def register_teacher() -> str | Response:
    """Create a teacher account with an invite code; wrong codes are limited (web.throttle)."""
    standing = str(current_app.config.get("TEACHER_INVITE_CODE") or "")
    if not standing and not invites.any_made(get_db()):
        abort(404, description=_("Teacher accounts are created by the administrator here."))
    form = TeacherForm()
    if request.method == "POST":
        throttle.check_code()
    if form.validate_on_submit():
        username, password = form.username.data or "", form.password.data or ""
        code = (form.invite.data or "").strip()
        if problem := password_problem(password, username):
            form.password.errors = [say(problem)]
        else:
            try:
                if standing and hmac.compare_digest(code.encode(), standing.encode()):
                    user_id = create_user(get_db(), username, password, "teacher")
                else:
                    user_id = invites.register_teacher(get_db(), username, password, code)
            except invites.InviteError as exc:
                throttle.code_failed()
                form.invite.errors = [say(exc)]
            except WriteError as exc:
                form.username.errors = [say(exc)]
            else:
                user = request_session().get(User, user_id)
                assert user is not None
                session.clear()
                login_user(Account(user))
                flash(_("Welcome, %(name)s! Create your first class.", name=username), "info")
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


@click.command("invite")
@click.option(
    "--uses",
    type=click.IntRange(1, 10_000),
    default=1,
    show_default=True,
    help="How many teachers may register with the code.",
)
@click.option(
    "--days",
    type=click.FloatRange(min=0, min_open=True, max=366),
    default=7,
    show_default=True,
    help="How long the code works.",
)
@click.option("--list", "listing", is_flag=True, help="List the invites (never their codes).")
@click.option(
    "--revoke",
    metavar="CODE",
    default=None,
    help="Withdraw an invite, by its code or its number in --list.",
)
@with_appcontext
def invite_command(uses: int, days: float, listing: bool, revoke: str | None) -> None:
    """Make an invite code for teachers to register with; it is printed once, never stored."""
    if listing and revoke:
        raise click.UsageError("--list and --revoke go one at a time.")
    if listing:
        rows = invites.list_invites(get_db())
        for row, status in rows:
            click.echo(
                f"#{row.id}  {row.prefix}…  {status:8}  {row.uses_left} use(s) left  "
                f"expires {row.expires_at.strftime(invites.SHOWN)}"
            )
        click.echo(f"{len(rows)} invite(s).")
        return
    if revoke is not None:
        try:
            number = invites.revoke_invite(get_db(), revoke)
        except WriteError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"Invite #{number} revoked.")
        return
    code = invites.create_invite(get_db(), uses, days)
    click.echo(code)
    click.echo(
        f"Give it to the teacher(s): {uses} use(s), for {days:g} day(s), at /register/teacher. "
        "It is shown only now.",
        err=True,
    )
