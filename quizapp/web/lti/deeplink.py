"""Deep linking: from the platform's "add activity", a teacher picks a quiz and the
assignment's rules; the tool answers with a signed link carrying a line item."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import abort, flash, make_response, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from quizapp.db import lti as store
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import Classroom, utcnow
from quizapp.db.writes import WriteError, create_assignment
from quizapp.lti import adapter
from quizapp.lti.model import Launch
from quizapp.web.auth import require_teacher
from quizapp.web.editor.access import assignable, authored_ids
from quizapp.web.lti import bp
from quizapp.web.security import CSP
from quizapp.web.teach.assignments import AssignmentForm


def _pending() -> tuple[dict[str, Any], Classroom]:
    """The deep-linking launch this session is answering, and its course's class."""
    pending = session.get("lti_deep_link")
    if not isinstance(pending, dict) or pending.get("classroom_id") is None:
        abort(400, description=_('Open this page from your course\'s "add activity" menu.'))
    room = request_session().get(Classroom, pending["classroom_id"])
    if room is None or room.teacher_id != current_user.id:
        abort(403, description=_("This course's class belongs to another teacher."))
    return pending, room


@bp.route("/deep-link", methods=["GET", "POST"])
def deep_link() -> str | Response:
    """Pick the quiz and its rules; on success, post the signed link back to the platform."""
    refused = require_teacher("Only teachers add quizapp activities.")
    if refused is not None:
        return refused
    pending, room = _pending()
    versions = assignable(request_session(), current_user.id)
    pins = {qid: vid for qid, vid, _, _ in versions}
    titles = {qid: title for qid, _, title, _ in versions}
    authored = authored_ids(request_session(), pins)
    form = AssignmentForm(zone=room.timezone)
    form.quiz.choices = [SelectChoice(q, f"{t} ({lv})") for q, _, t, lv in versions]
    if form.validate_on_submit():
        quiz = form.quiz.data or ""
        try:
            assignment_id = create_assignment(
                get_db(), current_user.id, room.id, quiz,
                opens_at=form.opens_at.data or utcnow(), due_at=form.due_at.data,
                max_attempts=form.max_attempts.data, counting=form.counting.data,
                feedback=form.feedback.data, allow_late=form.allow_late.data,
                late_until=form.late_window(), hold_practice=form.hold_practice.data,
                version_id=pins[quiz] if quiz in authored else None,
            )  # fmt: skip
        except WriteError as exc:
            flash(str(exc), "error")
        else:
            return _answer(pending, assignment_id, titles.get(quiz, quiz))
    return render_template("lti/deep_link.html", form=form, room=room)


def _answer(pending: dict[str, Any], assignment_id: int, title: str) -> Response:
    platform = store.platform_conf(request_session(), pending["platform_id"])
    if platform is None:
        abort(409, description=_("This platform is no longer registered."))
    launch = Launch(
        platform_id=platform.id, deployment_id=pending["deployment_id"], subject="", roles=(),
        message_type="LtiDeepLinkingRequest", context_id=None, context_title="",
        resource_link_id=None, custom={}, lineitem_url=None, ags=None, memberships_url=None,
        deep_linking=pending["settings"], claims={},
    )  # fmt: skip
    return_url, token = adapter.deep_link_response(
        platform, store.signing_key(get_db()), launch, title=title,
        url=url_for("lti.launch", _external=True),
        custom={store.CUSTOM_ASSIGNMENT: str(assignment_id)},
        resource_id=f"assignment-{assignment_id}",
    )  # fmt: skip
    session.pop("lti_deep_link", None)
    response = make_response(
        render_template(
            "lti/deep_link_return.html", return_url=return_url, token=token, title=title
        )  # fmt: skip
    )
    # The form goes to the platform: allowed there, and nowhere else.
    parts = urlsplit(return_url)
    response.headers["Content-Security-Policy"] = CSP.replace(
        "form-action 'self'", f"form-action 'self' {parts.scheme}://{parts.netloc}"
    )
    return response
