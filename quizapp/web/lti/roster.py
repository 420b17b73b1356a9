"""Rosters from the platform (LTI Names and Role Provisioning): a teacher's button and the
``quizapp lti sync-roster`` command share ``sync``. Learners join the class's roster, the
course's instructors become its co-teachers."""

from __future__ import annotations

import requests
from flask import flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from quizapp.core.texts import N_
from quizapp.db import lti as store
from quizapp.db.engine import Database, get_db
from quizapp.db.writes import WriteError
from quizapp.i18n.refusals import say
from quizapp.lti import adapter
from quizapp.lti.model import LtiServiceError
from quizapp.web.auth import require_teacher
from quizapp.web.lti import bp, http_session
from quizapp.web.teach import own_classroom


def sync(
    db: Database, classroom_id: int, http: requests.Session | None = None
) -> store.RosterChange:
    """Read the course's members from the platform and make the class's roster match;
    ``WriteError`` with the reason when it cannot."""
    with db.session() as s:
        context = store.lti_classroom(s, classroom_id)
        platform = store.platform_conf(s, context.platform_id) if context else None
    if context is None or platform is None:
        raise WriteError(N_("This class was not made by a launch from a registered platform."))
    if not context.memberships_url:
        raise WriteError(
            N_(
                "The platform has not offered this course's roster (no roster service in its "
                "launches)."
            )
        )
    service = adapter.connector(platform, store.signing_key(db), http)
    try:
        members = adapter.roster(service, context.memberships_url)
    except LtiServiceError as exc:
        # Translators: %(answer)s is the platform's own answer, in English.
        raise WriteError(
            N_("The platform did not give the roster: %(answer)s"), answer=str(exc)
        ) from None
    return store.sync_roster(db, classroom_id, members)


@bp.route("/classes/<int(max=2147483647):classroom_id>/roster", methods=["POST"])
def sync_roster(classroom_id: int) -> Response:
    """Update the class's roster from the course (the teacher's button)."""
    refused = require_teacher(_("Only the class's teachers update its roster."))
    if refused is not None:
        return refused
    room = own_classroom(classroom_id)
    try:
        change = sync(get_db(), room.id, http_session())
    except WriteError as exc:
        flash(say(exc), "error")
    else:
        # Translators: %(added)s, %(made)s and %(removed)s are numbers of students.
        flash(_("Roster updated: %(added)s added (%(made)s new accounts), %(removed)s taken off.",
                added=change.added, made=change.accounts_made, removed=change.removed),
              "info")  # fmt: skip
        if change.teachers_added or change.teachers_removed:
            # Translators: %(added)s and %(removed)s are numbers of the course's instructors.
            flash(_("Co-teachers from the course: %(added)s added, %(removed)s taken off.",
                    added=change.teachers_added, removed=change.teachers_removed),
                  "info")  # fmt: skip
    return redirect(url_for("lti.class_grades", classroom_id=room.id))
