"""Administrators: every account and class (search, delete), the audit trail (page and
CSV) and what the retention purge would delete now. Every route is for administrators only,
checked once before any view (``web.auth.require_admin``); the commands that grant the role
and run the purge are registered here too. Importing the package registers the views."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from quizapp.web.auth import require_admin

bp = Blueprint("admin", __name__, url_prefix="/admin")
ID = f"int(max={2**31 - 1})"
PER_PAGE = 50


@bp.before_request
def admins_only() -> Response | None:
    """Log in first; then administrators only."""
    return require_admin(_("These pages are for the site's administrators."))


def page_number() -> int:
    """?page= as a number from 1; anything else is page 1."""
    value = request.args.get("page", "1")
    return max(1, min(int(value), 10**6)) if value.isdigit() else 1


def periods() -> tuple[object, object]:
    """The retention settings as configured (checked by ``db.retention.period``)."""
    return current_app.config.get("RETENTION_DAYS"), current_app.config.get("AUDIT_RETENTION_DAYS")


def init_app(app: Flask) -> None:
    app.cli.add_command(commands.admin_command)
    app.cli.add_command(commands.purge_command)


from quizapp.web.admin import accounts, commands, trail  # noqa: E402, F401
