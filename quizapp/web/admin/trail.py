"""The audit trail (a page filtered by person and action, and its CSV) and the retention
page: the periods in force and what ``quizapp purge`` would delete now."""

from __future__ import annotations

import csv
import io

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from quizapp.db import audit, retention
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import AuditEvent
from quizapp.i18n.refusals import say
from quizapp.web.admin import bp, page_number, periods
from quizapp.web.reports import neutralise

# The CSV stays English in every language (its columns, action words and "a deleted
# account"): it is read by scripts and kept beside other records.
CSV_COLUMNS = ("when (UTC)", "who", "action", "about", "class", "detail")
# The page's words for audit.ACTIONS (an action added there without one here shows its
# English).
ACTION_LABELS = {
    "viewed_record": _l("viewed a student's record"),
    "viewed_attempt": _l("viewed an attempt"),
    "viewed_class": _l("viewed a class's results"),
    "exported_class": _l("downloaded a class's results"),
    "exported": _l("exported a student's data"),
    "reset_password": _l("reset a password"),
    "deleted_class_data": _l("deleted a student's data from a class"),
    "deleted_class": _l("deleted a class"),
    "deleted_account": _l("deleted an account"),
    "purged": _l("purged (retention period over)"),
    "granted_admin": _l("made an administrator"),
    "revoked_admin": _l("ended administrator rights"),
    "removed_platform": _l("removed a learning platform"),
}


def _filters() -> tuple[str, str]:
    person = request.args.get("person", "").strip()[:40]
    action = request.args.get("action", "")
    return person, action if action in audit.ACTIONS else ""


@bp.route("/audit")
def trail() -> str:
    """Who viewed, exported, reset, deleted or purged whose data, newest first."""
    person, action = _filters()
    found = audit.events(request_session(), person, action, page_number())
    return render_template("admin/audit.html", found=found, person=person, action=action,
                           actions={k: ACTION_LABELS.get(k, v) for k, v in audit.ACTIONS.items()},
                           about=lambda e: _about(e, _("a deleted account")))  # fmt: skip


@bp.route("/audit.csv")
def trail_csv() -> Response:
    """The trail, with the page's filters, as CSV (cells safe to open in a spreadsheet)."""
    person, action = _filters()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in audit.all_events(request_session(), person, action):
        row = (e.at.isoformat(timespec="seconds"), e.actor_name or "a deleted account",
               audit.ACTIONS.get(e.action, e.action), _about(e), e.classroom_name or "",
               e.detail)  # fmt: skip
        writer.writerow(neutralise(c) for c in row)
    return Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"), mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="audit-trail.csv"'},
    )  # fmt: skip


def _about(event: AuditEvent, deleted: str = "a deleted account") -> str:
    """Whom an event is about: a name, "a deleted account", or nobody (a class)."""
    if event.subject_name:
        return event.subject_name
    about_class = event.action == "deleted_class" or (
        event.action == "purged" and event.classroom_name
    )
    return "" if about_class else deleted


@bp.route("/retention")
def retention_page() -> str:
    """The retention periods and what a purge would delete now, counted by a dry run."""
    problem = ""
    days = audit_days = None
    try:
        days = retention.period(periods()[0], "QUIZAPP_RETENTION_DAYS")
        audit_days = retention.period(periods()[1], "QUIZAPP_AUDIT_RETENTION_DAYS")
    except retention.RetentionError as exc:
        problem = say(exc)
    due = None
    if not problem and (days or audit_days):
        due = retention.purge(get_db(), days, audit_days, dry_run=True)
    return render_template("admin/retention.html", days=days, audit_days=audit_days,
                           problem=problem, due=due)  # fmt: skip
