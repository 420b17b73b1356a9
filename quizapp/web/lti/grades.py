"""Grades back to the platforms (LTI Assignment and Grade Services): the sender behind
``quizapp lti send-grades``, and the teacher's page of what was sent and what failed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import requests
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from quizapp.core.release import Rules, is_open, opens_for_all
from quizapp.db import lti as store
from quizapp.db import lti_queue
from quizapp.db.engine import Database, get_db, request_session
from quizapp.db.models import Assignment, AssignmentException, Attempt, QuizVersion, utcnow
from quizapp.lti import adapter
from quizapp.lti.model import LtiServiceError
from quizapp.web.auth import require_teacher
from quizapp.web.lti import bp
from quizapp.web.reports.rows import counting_ids
from quizapp.web.teach import own_classroom


@dataclass
class Report:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    held: int = 0
    errors: list[str] = field(default_factory=list)


def _release(s: Session, assignment_id: int, now: datetime) -> tuple[bool, datetime | None]:
    """Whether the student's score may leave now (their feedback is open), else when."""
    a = s.get(Assignment, assignment_id)
    assert a is not None
    dues = s.scalars(
        select(AssignmentException.due_at).where(
            AssignmentException.assignment_id == a.id, AssignmentException.due_at.is_not(None)
        )
    ).all()
    rules = Rules(a.feedback, a.due_at, a.allow_late, a.late_until, tuple(d for d in dues if d))
    return is_open(rules, now, submitted=True), opens_for_all(rules)


def _counting(s: Session, assignment_id: int, user_id: int) -> tuple[int, float, str] | None:
    """The student's counting attempt: (id, score, quiz title), or None (all voided)."""
    chosen = counting_ids(Attempt.assignment_id == assignment_id, Attempt.user_id == user_id)
    row = s.execute(
        select(Attempt.id, Attempt.score, QuizVersion.title)
        .join(QuizVersion, QuizVersion.id == Attempt.version_id)
        .where(Attempt.id.in_(chosen.with_only_columns(Attempt.id)))
    ).first()
    return (row[0], row[1], row[2]) if row else None


def send_due(db: Database, base_url: str, http: requests.Session | None = None,
             now: datetime | None = None) -> Report:  # fmt: skip
    """Send every queued score whose time has come: the student's counting score, with a
    comment linking to its feedback; a refusal or an unreachable platform is retried
    later, waiting twice as long each time, until it is marked failed."""
    now = now or utcnow()
    report = Report()
    services: dict[int, object] = {}
    with db.session() as s:
        pending = lti_queue.due(s, now)
        plan = []
        for p in pending:
            open_now, opens = _release(s, p.assignment_id, now)
            plan.append((p, open_now, opens, _counting(s, p.assignment_id, p.user_id)))
        platforms = {p.platform_id: store.platform_conf(s, p.platform_id) for p in pending}
    key = store.signing_key(db) if pending else None
    by_platform: dict[int, list[str]] = defaultdict(list)
    for p, open_now, opens, counted in plan:
        platform = platforms[p.platform_id]
        if not open_now or counted is None or platform is None:
            lti_queue.hold(db, p.grade_ids, opens if counted and platform else None)
            report.held += 1
            continue
        assert key is not None
        service = services.setdefault(p.platform_id, adapter.connector(platform, key, http))
        attempt_id, score, title = counted
        comment = (f"{title}: {score:.0%} on quizapp. Feedback: "
                   f"{base_url.rstrip('/')}/attempts/{attempt_id}")  # fmt: skip
        try:
            adapter.post_score(service, p.lineitem_url, p.subject, score, comment, now)  # type: ignore[arg-type]
        except LtiServiceError as exc:
            lti_queue.mark_failed(db, p.grade_ids, p.tries, str(exc), now)
            by_platform[p.platform_id].append(str(exc))
            if p.tries + 1 >= lti_queue.MAX_TRIES:
                report.failed += 1
            else:
                report.retried += 1
            continue
        lti_queue.mark_sent(db, p.grade_ids, now)
        report.sent += 1
    report.errors = [f"platform {pid}: {errs[0]}" for pid, errs in by_platform.items()]
    return report


@bp.route("/classes/<int(max=2147483647):classroom_id>/grades", methods=["GET", "POST"])
def class_grades(classroom_id: int) -> str | Response:
    """The class's scores for its platform's gradebook: sent, waiting, held, failed; POST
    queues the failed ones again."""
    refused = require_teacher(_("Only the class's teacher sees what went to the gradebook."))
    if refused is not None:
        return refused
    room = own_classroom(classroom_id)
    if request.method == "POST":
        again = lti_queue.retry_failed(get_db(), room.id, utcnow())
        flash(
            ngettext(
                "%(num)d score will be sent again.", "%(num)d scores will be sent again.", again
            ),
            "info",
        )
        return redirect(url_for("lti.class_grades", classroom_id=room.id))
    rows = lti_queue.for_class(request_session(), room.id)
    context = store.lti_classroom(request_session(), room.id)
    return render_template("lti/grades.html", room=room, rows=rows, context=context)
