"""Deep linking: from the platform's "add activity", a teacher picks a quiz and the
assignment's rules; the tool answers with a signed link carrying a line item. A link made
without deep linking gets its quiz the same way, at its first teacher's launch."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import abort, flash, make_response, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from quizapp.db import lti as store
from quizapp.db.coteachers import taught_by
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import Classroom, utcnow
from quizapp.db.writes import WriteError, create_assignment, delete_assignment
from quizapp.i18n.refusals import say
from quizapp.lti import adapter
from quizapp.lti.model import Launch, LtiServiceError
from quizapp.web.auth import require_teacher
from quizapp.web.catalogue import LEVELS
from quizapp.web.editor.access import assignable, authored_ids
from quizapp.web.lti import bp, http_session
from quizapp.web.security import CSP
from quizapp.web.teach.assignments import AssignmentForm


def _pending() -> tuple[dict[str, Any], Classroom]:
    """The deep-linking launch this session is answering, and its course's class."""
    pending = session.get("lti_deep_link")
    if not isinstance(pending, dict) or pending.get("classroom_id") is None:
        abort(400, description=_('Open this page from your course\'s "add activity" menu.'))
    return pending, _taught(pending["classroom_id"])


def _taught(classroom_id: int) -> Classroom:
    """The course's class, which the teacher owns or co-teaches, else a 403."""
    room = request_session().scalar(
        select(Classroom).where(Classroom.id == classroom_id, taught_by(current_user.id))
    )
    if room is None:
        abort(403, description=_("This course's class belongs to another teacher."))
    return room


class _Picker:
    """The quizzes this teacher may assign, in the assignment form with its rules."""

    def __init__(self, room: Classroom) -> None:
        versions = assignable(request_session(), current_user.id)
        self.pins = {qid: vid for qid, vid, _, _ in versions}
        self.titles = {qid: title for qid, _, title, _ in versions}
        self.authored = authored_ids(request_session(), self.pins)
        self.room = room
        self.form = AssignmentForm(zone=room.timezone)
        self.form.quiz.choices = [
            SelectChoice(q, _("%(title)s (%(level)s)", title=t, level=LEVELS.get(lv, lv)))
            for q, _vid, t, lv in versions
        ]

    def create(self) -> tuple[int, str] | None:
        """On a valid POST, the new assignment's id and its quiz's title; None to show the
        form again (with the reason flashed when the write was refused)."""
        form = self.form
        if not form.validate_on_submit():
            return None
        quiz = form.quiz.data or ""
        try:
            assignment_id = create_assignment(
                get_db(), current_user.id, self.room.id, quiz,
                opens_at=form.opens_at.data or utcnow(), due_at=form.due_at.data,
                max_attempts=form.max_attempts.data, counting=form.counting.data,
                feedback=form.feedback.data, allow_late=form.allow_late.data,
                late_until=form.late_window(), hold_practice=form.hold_practice.data,
                version_id=self.pins[quiz] if quiz in self.authored else None,
            )  # fmt: skip
        except WriteError as exc:
            flash(say(exc), "error")
            return None
        return assignment_id, self.titles.get(quiz, quiz)


@bp.route("/deep-link", methods=["GET", "POST"])
def deep_link() -> str | Response:
    """Pick the quiz and its rules; on success, post the signed link back to the platform."""
    refused = require_teacher(_("Only teachers add quizapp activities."))
    if refused is not None:
        return refused
    pending, room = _pending()
    picker = _Picker(room)
    made = picker.create()
    if made is not None:
        return _answer(pending, *made)
    return render_template("lti/deep_link.html", form=picker.form, room=room)


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


# Links made without deep linking ------------------------------------------------------
# An administrator may paste the launch URL into a course: its launches name a resource
# link that opens no assignment. Its first teacher's launch chooses one here.


@bp.route("/link", methods=["GET", "POST"])
def bind_link() -> str | Response:
    """Choose the quiz and its rules for a course link made without deep linking; the
    assignment is bound to the link, with a line item for its scores."""
    refused = require_teacher(_("Only teachers choose the quiz a course link opens."))
    if refused is not None:
        return refused
    pending = session.get("lti_bind")
    if not isinstance(pending, dict) or pending.get("classroom_id") is None:
        abort(400, description=_("Open this page by launching the link from your course."))
    room = _taught(pending["classroom_id"])
    platform_id, link = int(pending["platform_id"]), str(pending["resource_link_id"])
    bound = store.link_assignment(request_session(), platform_id, link)
    if bound is not None:
        session.pop("lti_bind", None)
        flash(_("This course link opens a quiz already."), "info")
        return redirect(url_for("teach.analysis", classroom_id=room.id, assignment_id=bound))
    picker = _Picker(room)
    made = picker.create()
    if made is None:
        return render_template("lti/bind_link.html", form=picker.form, room=room)
    assignment_id, title = made
    lineitem = pending.get("lineitem_url") or _new_lineitem(pending, title, assignment_id)
    try:
        store.bind_link(get_db(), current_user.id, assignment_id, platform_id, link, lineitem)
    except WriteError:  # another teacher bound it meanwhile: theirs stands, ours goes
        delete_assignment(get_db(), current_user.id, room.id, assignment_id)
        session.pop("lti_bind", None)
        flash(_("This course link opens a quiz already."), "info")
        return redirect(url_for("teach.classroom", classroom_id=room.id))
    session.pop("lti_bind", None)
    flash(_("The course link now opens %(quiz)s.", quiz=title), "success")
    return redirect(url_for("teach.analysis", classroom_id=room.id, assignment_id=assignment_id))


def _new_lineitem(pending: dict[str, Any], title: str, assignment_id: int) -> str | None:
    """A line item made on the platform for the link (AGS), or None with the reason
    flashed: the quiz still opens, its scores stay in quizapp."""
    ags = pending.get("ags") or {}
    if not ags.get("lineitems"):
        flash(_("The course offers no gradebook column for this link: scores stay in quizapp."),
              "info")  # fmt: skip
        return None
    platform = store.platform_conf(request_session(), int(pending["platform_id"]))
    if platform is None:
        abort(409, description=_("This platform is no longer registered."))
    service = adapter.connector(platform, store.signing_key(get_db()), http_session())
    try:
        return adapter.find_or_create_lineitem(
            service, ags, label=title, resource_link_id=str(pending["resource_link_id"]),
            resource_id=f"assignment-{assignment_id}",
        )  # fmt: skip
    except LtiServiceError as exc:
        # Translators: %(reason)s is the platform's answer, in English.
        flash(_("The course's gradebook made no column for this quiz (%(reason)s): scores "
                "stay in quizapp.", reason=str(exc)),
              "error")  # fmt: skip
        return None


@bp.route("/link/waiting")
def unbound_link() -> str:
    """A student's launch of a course link that opens no quiz yet: say so, and nothing more."""
    return render_template("lti/unbound.html")
