"""The review step before a graded attempt is used: what is answered, asked once more.

An assignment's submission without ``confirm=1`` is read but not stored; the student sees
this page, which lists every question as answered or not, carries the answers on in hidden
fields and posts them again with ``confirm=1`` and the same token. It holds without
JavaScript, so an Enter pressed in the quiz (the browser's implicit submission) can never
use up an attempt on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from flask import abort, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from quizapp.core.model import Quiz
from quizapp.core.questions.base import JSON, Question
from quizapp.db.engine import request_session
from quizapp.db.models import Assignment, AssignmentException, Attempt, QuizVersion
from quizapp.db.writes import attempt_limit, due_for


def used_all(limit: int) -> str:
    """Why no attempt is left, in the reader's language."""
    # Translators: English keeps "attempt(s)" for both forms; write each form of your language.
    return ngettext(
        "You have used all %(num)d attempt(s).", "You have used all %(num)d attempt(s).", limit
    )


@dataclass(frozen=True)
class QuestionState:
    """One line of the review: the question's number and prompt, and whether it is answered."""

    number: int
    prompt: str
    answered: bool


def is_answered(question: Question, response: JSON) -> bool:
    """Whether a parsed response says anything: a blank question parses to its empty
    response (no words highlighted, no label used, no option chosen), whatever its type."""
    return response != question.empty_response()


def question_states(quiz: Quiz, responses: Mapping[str, JSON]) -> list[QuestionState]:
    """Every question of the quiz in order, answered or not."""
    return [
        QuestionState(n, q.prompt, is_answered(q, responses.get(q.id) or q.empty_response()))
        for n, q in enumerate(quiz.questions, 1)
    ]


def answer_fields(form: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The posted answer fields (``q.*``), each value as sent, to post them again."""
    return [(name, value) for name, value in form if name.startswith("q.")]


def storage_key(version: QuizVersion, assignment: Assignment | None) -> str:
    """Where quiz.js keeps this student's answers in progress (localStorage)."""
    who = current_user.username if current_user.is_authenticated else "guest"
    where = f"a{assignment.id}" if assignment else "practice"
    return f"quizapp:{version.digest[:16]}:{who}:{where}"


def own_terms(assignment: Assignment, user_id: int) -> tuple[int, datetime]:
    """This student's attempt limit and due date: the assignment's, or more if their
    teacher gave them more attempts or a later date."""
    own = request_session().get(AssignmentException, (assignment.id, user_id))
    if own is None:
        return assignment.max_attempts, assignment.due_at
    return (
        attempt_limit(assignment.max_attempts, own.extra_attempts),
        due_for(assignment.due_at, own.due_at),
    )


def review_page(
    assignment: Assignment,
    quiz: Quiz,
    responses: Mapping[str, JSON],
    form: Iterable[tuple[str, str]],
    token: str,
    used: int,
) -> str:
    """The page asking to confirm, or a 409 when no attempt is left to use."""
    limit, _ = own_terms(assignment, current_user.id)
    if used >= limit:
        abort(409, description=used_all(limit))
    states = question_states(quiz, responses)
    return render_template(
        "review.html",
        assignment=assignment,
        states=states,
        missing=[s for s in states if not s.answered],
        fields=answer_fields(form),
        token=token,
        number=used + 1,
        limit=limit,
        action=url_for("take.assignment_submit", assignment_id=assignment.id),
        back=url_for("take.assignment_page", assignment_id=assignment.id),
        storage_key=storage_key(assignment.version, assignment),
    )


@dataclass(frozen=True)
class Retry:
    """What "Try again" offers after an assignment attempt: that assignment's next attempt,
    while one is left (never the ungraded practice copy)."""

    assignment_id: int
    used: int
    limit: int

    @property
    def left(self) -> int:
        return max(0, self.limit - self.used)


def retry_of(assignment: Assignment, used: int) -> Retry:
    """The current student's standing on an assignment after ``used`` attempts."""
    return Retry(assignment.id, used, own_terms(assignment, current_user.id)[0])


def own_attempts(assignment_id: int, user_id: int) -> list[Attempt]:
    """A student's attempts at one assignment, first first: where "no attempt left" links."""
    return list(
        request_session().scalars(
            select(Attempt)
            .where(Attempt.assignment_id == assignment_id, Attempt.user_id == user_id)
            .order_by(Attempt.number, Attempt.id)
        )
    )
