"""Quizzes proposed for the public catalogue: an administrator reads, accepts (the latest
version becomes public and current) or declines each."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from quizapp.core.fields import ID_PATTERN
from quizapp.db import authoring
from quizapp.db.engine import get_db, request_session
from quizapp.db.writes import WriteError
from quizapp.i18n.refusals import say
from quizapp.web.auth import require_admin
from quizapp.web.editor import bp

ONLY_ADMINS = _l("Only administrators decide what joins the public catalogue.")


@bp.route("/proposals")
def proposals() -> str | Response:
    """The quizzes waiting for a decision, with links to their answer keys."""
    if (denied := require_admin(ONLY_ADMINS)) is not None:
        return denied
    return render_template("editor/proposals.html", quizzes=authoring.proposals(request_session()))


@bp.route("/proposals/<quiz_id>/<any(accept, decline):decision>", methods=["POST"])
def decide(quiz_id: str, decision: str) -> Response:
    """Accept (public and current in the catalogue) or decline a proposed quiz."""
    if (denied := require_admin(ONLY_ADMINS)) is not None:
        return denied
    if not ID_PATTERN.fullmatch(quiz_id):  # PostgreSQL answers a NUL byte with an error
        abort(404, description=_("There is no such proposal."))
    try:
        authoring.decide(get_db(), quiz_id, accept=decision == "accept")
    except WriteError as exc:
        abort(404, description=say(exc))
    flash(
        _("Accepted: it is in the public catalogue now.")
        if decision == "accept"
        else _("Declined: it stays visible to the teachers of this site."),
        "success",
    )
    return redirect(url_for("editor.proposals"), 303)
