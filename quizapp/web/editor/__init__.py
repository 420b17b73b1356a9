"""The quiz editor (issue 15): teachers make quizzes from an article in the browser. Its first
page takes the article and shows the assistant's suggestions over it."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from quizapp.web.auth import require_teacher

bp = Blueprint("editor", __name__, url_prefix="/author")


@bp.before_request
def teachers_only() -> Response | None:
    """Log in first; then teachers only, since suggestions are an answer key in the making."""
    return require_teacher(_("Only teachers can make quizzes."))


# The views register themselves on ``bp`` as they are imported, hence last.
from quizapp.web.editor import drafts, edit, imports, library, new, proposals  # noqa: E402, F401
