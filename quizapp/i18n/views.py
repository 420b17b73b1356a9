"""The language switch on every page: a small form, so it works without script."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from quizapp.db.accounts import set_language
from quizapp.db.engine import get_db
from quizapp.i18n import COOKIE, COOKIE_DAYS, offered

bp = Blueprint("i18n", __name__)


def _back(target: str | None) -> str:
    """Where to return: a path on this site only (never ``//host`` or a full URL)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@bp.route("/language", methods=["POST"])
def choose_language() -> Response:
    code = request.form.get("language", "")
    if code not in offered():
        abort(400, description=_("That language is not offered here."))
    if current_user.is_authenticated:
        set_language(get_db(), current_user.id, code)
    response = redirect(_back(request.form.get("next")), code=303)
    response.set_cookie(
        COOKIE, code, max_age=COOKIE_DAYS * 86400, samesite="Lax", httponly=True,
        secure=request.is_secure,
    )  # fmt: skip
    return response
