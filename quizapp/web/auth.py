"""Accounts: log in, log out, register with a class code. No e-mail, no real names."""

from __future__ import annotations

import re
from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import (
    LoginManager,
    UserMixin,
    current_user,
    login_required,
    login_user,
    logout_user,
)
from flask_wtf import FlaskForm
from sqlalchemy import Row, select
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from quizapp.core.usernames import fold
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import User
from quizapp.db.retention import touch_last_seen
from quizapp.db.writes import WriteError, WrongCode, create_user, end_sessions
from quizapp.i18n.refusals import say
from quizapp.passwords import password_problem, verify_password
from quizapp.web import throttle
from quizapp.web.account_fields import new_password_field, reason, username_field
from quizapp.web.catalogue import student_classes
from quizapp.web.practice import keep_practice
from quizapp.web.security import forget_in_browser

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Log in to see that page.")
login_manager.localize_callback = str  # the lazy message in the request's language


class Account(UserMixin):
    """The logged-in person, as Flask-Login sees them: a few columns, not the ORM user,
    since one is loaded on every request."""

    def __init__(self, user: User | Row[Any]) -> None:
        self.id: int = user.id
        self.username: str = user.username
        self.is_teacher = user.role == "teacher"
        self.is_admin = self.is_teacher and bool(user.is_admin)
        self.session_version: int = user.session_version
        self.language: str | None = user.language

    def get_id(self) -> str:
        # The session version makes logout and password resets end copied cookies too.
        return f"{self.id}:{self.session_version}"


_ACCOUNT = select(
    User.id, User.username, User.role, User.session_version, User.is_admin, User.last_seen_at,
    User.language,
)  # fmt: skip


@login_manager.user_loader
def load_user(key: str) -> Account | None:
    user_id, _, version = key.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = request_session().execute(_ACCOUNT.where(User.id == int(user_id))).first()
    if user is None or user.session_version != int(version):
        return None
    touch_last_seen(get_db(), user.id, user.last_seen_at)
    return Account(user)


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=40)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class RegisterForm(FlaskForm):
    username = username_field(
        _l("Not your real name: pick a nickname your teacher will recognise.")
    )
    password = new_password_field()
    join_code = StringField(
        _l("Class code"),
        validators=[DataRequired(), Length(max=20)],
        description=_l("The code your teacher gave you, like 7KQM-4XPA."),
    )


def _safe_next(target: str | None, home: str | None = None) -> str:
    # Only same-site paths: never redirect a student to another site after login.
    if target and re.fullmatch(r"/[A-Za-z0-9/_\-.?=&%]*", target) and not target.startswith("//"):
        return target
    return home or url_for("catalogue.index")


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    """Log in with username and password; the same answer for unknown user or wrong password.
    Failures are limited per name and address, per address and per name (web.throttle)."""
    form = LoginForm()
    if form.validate_on_submit():
        # Found by its folded name, as it was made unique: "Alice" logs in as alice.
        key = fold((form.username.data or "").strip())
        throttle.check_login(key)
        # PostgreSQL answers a NUL byte with an error: a name holding one has no account.
        user = (
            None
            if "\x00" in key
            else request_session().scalar(select(User).where(User.username_folded == key))
        )
        if verify_password(user.password_hash if user else None, form.password.data or ""):
            assert user is not None
            session.clear()  # a new session at login
            login_user(Account(user))
            touch_last_seen(get_db(), user.id, user.last_seen_at)
            # Teachers start at their classes, not at the students' catalogue.
            home = url_for("teach.index") if user.role == "teacher" else None
            return redirect(_safe_next(request.args.get("next"), home))
        throttle.login_failed(key)
        flash(_("That username and password do not match."), "error")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    """Log out, ending this and every copy of the session."""
    end_sessions(get_db(), current_user.id)
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return forget_in_browser(redirect(url_for("catalogue.index")))


@bp.route("/register", methods=["GET", "POST"])
def register() -> str | Response:
    """Create a student account with a class code; wrong codes are limited (web.throttle)."""
    form = RegisterForm()
    if request.method == "POST":
        throttle.check_code()
    if form.validate_on_submit():
        username, password = form.username.data or "", form.password.data or ""
        problem = password_problem(password, username)
        if problem:
            form.password.errors = [reason(problem)]
        else:
            try:
                user_id = create_user(
                    get_db(), username, password, "student", form.join_code.data or ""
                )
            except WriteError as exc:
                if isinstance(exc, WrongCode):
                    throttle.code_failed()
                flash(say(exc), "error")
            else:
                user = request_session().get(User, user_id)
                if user is None:
                    abort(500)
                # The practice attempt made just before registering is kept, as promised.
                kept = keep_practice(user_id)
                session.clear()
                login_user(Account(user))
                flash(_welcome(username, user_id, kept), "info")
                return redirect(url_for("catalogue.index"))
    return render_template("auth/register.html", form=form)


def _welcome(username: str, user_id: int, kept: str | None) -> str:
    joined = _(", ").join(student_classes(user_id))
    if joined:
        message = _("Welcome, %(name)s! Your account is ready and you joined %(classes)s.",
                    name=username, classes=joined)  # fmt: skip
    else:
        message = _("Welcome, %(name)s! Your account is ready.", name=username)
    if kept:
        message += " " + _("Your practice attempt at “%(title)s” is saved in My progress.",
                           title=kept)  # fmt: skip
    return message


def require_teacher(reason: str) -> Response | None:
    """For a blueprint's ``before_request``: log in first, then teachers only (403 with
    ``reason`` for anyone else)."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()  # type: ignore[no-any-return]
    if not current_user.is_teacher:
        abort(403, description=reason)
    return None


def require_admin(reason: str) -> Response | None:
    """For a blueprint's ``before_request`` (or a view's first line): log in first, then
    administrators only (403 with ``reason`` for anyone else, teachers included)."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()  # type: ignore[no-any-return]
    if not getattr(current_user, "is_admin", False):
        abort(403, description=reason)
    return None


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
