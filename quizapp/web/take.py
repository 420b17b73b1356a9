"""Taking a quiz: the page, the submission, and the feedback on an attempt."""

from __future__ import annotations

import json
import re
import secrets
from datetime import datetime

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from quizapp.core.errors import ResponseError
from quizapp.core.grading import QuizResult, grade_quiz, parse_form, parse_responses
from quizapp.core.model import Quiz
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import (
    Assignment,
    Attempt,
    Membership,
    QuizVersion,
    utcnow,
)
from quizapp.db.writes import WriteError, closed_because, mark_started, record_attempt
from quizapp.i18n.refusals import say
from quizapp.web.clock import classtime
from quizapp.web.content import current_version, quiz_for, require_quiz_id, version_by_digest
from quizapp.web.disclosure import key_verdict, release_of
from quizapp.web.jstexts import js_texts_json
from quizapp.web.render import article_html, feedback_marks, scope_attr
from quizapp.web.review import (
    own_attempts,
    own_terms,
    retry_of,
    review_page,
    storage_key,
)

bp = Blueprint("take", __name__)
# The scripts' words, on every page (base.html): the highlighter runs in the editor too.
bp.app_context_processor(lambda: {"js_texts_json": js_texts_json})
PRACTICE_KEY = "practice"
# Ids from URLs and forms are checked before they reach the database: PostgreSQL answers a
# NUL byte or a number beyond its integers with an error, not with "no such row".
MAX_ID = 2**31 - 1
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _token() -> str:
    token = request.form.get("token", "")
    if not TOKEN.fullmatch(token):
        abort(400, description=_("The form has no submission token; reload the quiz page."))
    return token


def _may_take(version: QuizVersion) -> Response | None:
    if not version.public and not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.path))
    return None


@bp.route("/quiz/<quiz_id>")
def quiz_page(quiz_id: str) -> str | Response:
    """The article and the questions, with no answer key anywhere in the page."""
    version = current_version(quiz_id)
    if (denied := _may_take(version)) is not None:
        return denied
    return _quiz_form(version, url_for("take.submit", quiz_id=quiz_id))


def _quiz_form(
    version: QuizVersion,
    action: str,
    assignment: Assignment | None = None,
    terms: tuple[int, datetime] | None = None,
) -> str:
    """The quiz page; for an assignment, ``terms`` are the student's own attempt limit and
    due date (their teacher may have given more time or attempts)."""
    quiz = quiz_for(version)
    return render_template(
        "quiz.html",
        quiz=quiz,
        version=version,
        action=action,
        assignment=assignment,
        article=article_html(quiz),
        views=[(q.template, q.public_view()) for q in quiz.questions],
        scopes={q.id: scope_attr(getattr(q, "scope", ())) for q in quiz.questions},
        token=secrets.token_urlsafe(24),
        storage_key=storage_key(version, assignment),
        # Practice of a quiz set as graded work: say before the work that no feedback follows.
        held=None if assignment else key_verdict(version.quiz_id, practice=True),
        release=release_of(assignment) if assignment else None,
        terms=terms,
    )


@bp.route("/quiz/<quiz_id>/submit", methods=["POST"])
def submit(quiz_id: str) -> Response:
    """Grade on the server; store the attempt once (students) or keep it in the session."""
    require_quiz_id(quiz_id)
    version = version_by_digest(request.form.get("version", ""))
    if version.quiz_id != quiz_id:
        abort(400, description=_("The answers were sent for another quiz; reload the quiz page."))
    if not version.current:
        # Practice is of the version the quiz page serves now; an older digest (an
        # assignment's pinned one, say) is not a way round its rules.
        abort(409, description=_("This quiz has changed since the page was opened; reload "
                                 "it (your answers are kept in this browser)."))  # fmt: skip
    if (denied := _may_take(version)) is not None:
        return denied
    quiz = quiz_for(version)
    try:
        responses = parse_form(quiz, request.form.to_dict(flat=False))
    except ResponseError as exc:
        abort(400, description=_("The answers could not be read: %(reason)s", reason=exc))
    result = grade_quiz(quiz, responses)
    if not current_user.is_authenticated:
        session[PRACTICE_KEY] = {"digest": version.digest, "responses": responses}
        return redirect(url_for("take.practice_result", quiz_id=quiz_id))
    token = _token()
    try:
        attempt_id, _stored = record_attempt(
            get_db(), current_user.id, version.id, token, responses, result
        )
    except WriteError as exc:
        abort(409, description=say(exc))
    return redirect(url_for("take.attempt", attempt_id=attempt_id))


def _feedback(quiz: Quiz, result: QuizResult, **extra: object) -> str:
    blocks, notes = feedback_marks(quiz, result)
    return render_template(
        "feedback.html", quiz=quiz, result=result, blocks=blocks, notes=notes,
        questions={q.id: q for q in quiz.questions}, **extra,
    )  # fmt: skip


@bp.route(f"/attempts/<int(max={MAX_ID}):attempt_id>")
def attempt(attempt_id: int) -> str:
    """Feedback on a stored attempt, for its student only, when the assignment allows it."""
    row = request_session().get(Attempt, attempt_id)
    if row is None or not current_user.is_authenticated or row.user_id != current_user.id:
        abort(404, description=_("There is no such attempt of yours."))
    assignment = row.assignment
    # "Try again" after an assignment attempt is its next attempt, not practice.
    retry = retry_of(assignment, attempts_used(assignment.id, row.user_id)) if assignment else None
    verdict = key_verdict(row.version.quiz_id, practice=assignment is None)
    if not verdict.allowed:
        if assignment is not None:
            return render_template(
                "submitted.html", attempt=row, assignment=assignment, verdict=verdict, retry=retry
            )
        return render_template("withheld.html", attempt=row, verdict=verdict)
    quiz = quiz_for(row.version)
    result = grade_quiz(quiz, parse_responses(quiz, json.loads(row.responses)))
    return _feedback(quiz, result, attempt=row, retry=retry)


def _student_assignment(assignment_id: int) -> Assignment:
    """An assignment of one of the student's classes, open now; 404/403 with a reason."""
    if not current_user.is_authenticated or current_user.is_teacher:
        abort(404, description=_("There is no such assignment of yours."))
    s = request_session()
    assignment = s.get(Assignment, assignment_id)
    member = s.get(Membership, (current_user.id, assignment.classroom_id)) if assignment else None
    if assignment is None or member is None or assignment.classroom.archived:
        abort(404, description=_("There is no such assignment of yours."))
    if utcnow() < assignment.opens_at:
        opens = classtime(assignment.opens_at, assignment.classroom)
        abort(403, description=_("This assignment opens on %(when)s.", when=opens))
    return assignment


@bp.route(f"/assignments/<int(max={MAX_ID}):assignment_id>")
@login_required
def assignment_page(assignment_id: int) -> str:
    """Take an assignment: its pinned quiz version, or why it cannot be taken now."""
    assignment = _student_assignment(assignment_id)
    used = attempts_used(assignment.id, current_user.id)
    limit, due = own_terms(assignment, current_user.id)
    problem = closed_because(
        utcnow(), due, assignment.allow_late, assignment.late_until, limit, used
    )
    if problem:
        return render_template(
            "assignment_closed.html", assignment=assignment, reason=say(problem),
            attempts=own_attempts(assignment.id, current_user.id), due=due,
        )  # fmt: skip
    mark_started(get_db(), assignment.id, current_user.id)
    action = url_for("take.assignment_submit", assignment_id=assignment.id)
    return _quiz_form(assignment.version, action, assignment, (limit, due))


@bp.route(f"/assignments/<int(max={MAX_ID}):assignment_id>/submit", methods=["POST"])
@login_required
def assignment_submit(assignment_id: int) -> str | Response:
    """Grade and store an assignment attempt within its limits, once the student has
    confirmed it on the review page (``confirm=1``)."""
    assignment = _student_assignment(assignment_id)
    if request.form.get("version", "") != assignment.version.digest:
        abort(400, description=_("The answers were sent for another version; reload the page."))
    quiz = quiz_for(assignment.version)
    try:
        responses = parse_form(quiz, request.form.to_dict(flat=False))
    except ResponseError as exc:
        abort(400, description=_("The answers could not be read: %(reason)s", reason=exc))
    token = _token()
    if request.form.get("confirm") != "1":  # read, not stored: the student checks first
        used = attempts_used(assignment.id, current_user.id)
        return review_page(assignment, quiz, responses, request.form.items(multi=True), token, used)
    try:
        attempt_id, _stored = record_attempt(
            get_db(), current_user.id, assignment.version_id, token, responses,
            grade_quiz(quiz, responses), assignment.id,
        )  # fmt: skip
    except WriteError as exc:
        abort(409, description=say(exc))
    return redirect(url_for("take.attempt", attempt_id=attempt_id))


def attempts_used(assignment_id: int, user_id: int) -> int:
    """The student's attempts at the assignment that use up one: voided ones do not."""
    return int(
        request_session().scalar(
            select(func.count())
            .select_from(Attempt)
            .where(
                Attempt.assignment_id == assignment_id,
                Attempt.user_id == user_id,
                Attempt.voided_at.is_(None),
            )
        )
        or 0
    )


@bp.route("/practice/<quiz_id>/result")
def practice_result(quiz_id: str) -> str | Response:
    """Feedback on a practice attempt, kept only in the visitor's session."""
    require_quiz_id(quiz_id)
    kept = session.get(PRACTICE_KEY)
    if not kept:
        return redirect(url_for("take.quiz_page", quiz_id=quiz_id))
    version = version_by_digest(kept["digest"])
    if version.quiz_id != quiz_id:
        abort(404, description=_("There is no practice result for this quiz."))
    verdict = key_verdict(quiz_id, practice=True)
    if not verdict.allowed:
        return render_template("withheld.html", attempt=None, verdict=verdict)
    quiz = quiz_for(version)
    result = grade_quiz(quiz, parse_responses(quiz, kept["responses"]))
    return _feedback(quiz, result, attempt=None)
