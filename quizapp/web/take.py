"""Taking a quiz: the page, the submission, and the feedback on an attempt."""

from __future__ import annotations

import json
import secrets

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from quizapp.core.errors import ResponseError
from quizapp.core.grading import QuizResult, grade_quiz, parse_form, parse_responses
from quizapp.core.model import Quiz
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import Attempt, QuizVersion
from quizapp.db.writes import WriteError, record_attempt
from quizapp.web.content import current_version, quiz_for, version_by_digest
from quizapp.web.render import article_blocks, feedback_marks, scope_attr

bp = Blueprint("take", __name__)
PRACTICE_KEY = "practice"


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
    quiz = quiz_for(version)
    views = [(q.template, q.public_view()) for q in quiz.questions]
    who = current_user.username if current_user.is_authenticated else "guest"
    return render_template(
        "quiz.html",
        quiz=quiz,
        version=version,
        blocks=article_blocks(quiz.article),
        views=views,
        scopes={q.id: scope_attr(getattr(q, "scope", ())) for q in quiz.questions},
        token=secrets.token_urlsafe(24),
        storage_key=f"quizapp:{version.digest[:16]}:{who}",
    )


@bp.route("/quiz/<quiz_id>/submit", methods=["POST"])
def submit(quiz_id: str) -> Response:
    """Grade on the server; store the attempt once (students) or keep it in the session."""
    version = version_by_digest(request.form.get("version", "")[:64])
    if version.quiz_id != quiz_id:
        abort(400, description="The answers were sent for another quiz; reload the quiz page.")
    if (denied := _may_take(version)) is not None:
        return denied
    quiz = quiz_for(version)
    try:
        responses = parse_form(quiz, request.form.to_dict(flat=False))
    except ResponseError as exc:
        abort(400, description=f"The answers could not be read: {exc}")
    result = grade_quiz(quiz, responses)
    if not current_user.is_authenticated:
        session[PRACTICE_KEY] = {"digest": version.digest, "responses": responses}
        return redirect(url_for("take.practice_result", quiz_id=quiz_id))
    token = request.form.get("token", "")
    if not 16 <= len(token) <= 64:
        abort(400, description="The form has no submission token; reload the quiz page.")
    try:
        attempt_id, _ = record_attempt(
            get_db(), current_user.id, version.id, token, responses, result
        )
    except WriteError as exc:
        abort(409, description=str(exc))
    return redirect(url_for("take.attempt", attempt_id=attempt_id))


def _feedback(quiz: Quiz, result: QuizResult, **extra: object) -> str:
    blocks, notes = feedback_marks(quiz, result)
    return render_template(
        "feedback.html", quiz=quiz, result=result, blocks=blocks, notes=notes,
        questions={q.id: q for q in quiz.questions}, **extra,
    )  # fmt: skip


@bp.route("/attempts/<int:attempt_id>")
def attempt(attempt_id: int) -> str:
    """Feedback on a stored attempt, for its student only."""
    row = request_session().get(Attempt, attempt_id)
    if row is None or not current_user.is_authenticated or row.user_id != current_user.id:
        abort(404, description="There is no such attempt of yours.")
    quiz = quiz_for(row.version)
    result = grade_quiz(quiz, parse_responses(quiz, json.loads(row.responses)))
    return _feedback(quiz, result, attempt=row)


@bp.route("/practice/<quiz_id>/result")
def practice_result(quiz_id: str) -> str | Response:
    """Feedback on a practice attempt, kept only in the visitor's session."""
    kept = session.get(PRACTICE_KEY)
    if not kept:
        return redirect(url_for("take.quiz_page", quiz_id=quiz_id))
    version = version_by_digest(kept["digest"])
    if version.quiz_id != quiz_id:
        abort(404, description="There is no practice result for this quiz.")
    quiz = quiz_for(version)
    result = grade_quiz(quiz, parse_responses(quiz, kept["responses"]))
    return _feedback(quiz, result, attempt=None)
