"""Grade a whole quiz: every question's grade, the total, and per-skill tallies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quizapp.core.errors import ResponseError
from quizapp.core.model import Quiz
from quizapp.core.questions.base import JSON, Grade
from quizapp.core.scoring import SkillTally, add_tallies


@dataclass(frozen=True)
class QuizResult:
    """The outcome of one attempt."""

    quiz_id: str
    version: str
    grades: tuple[Grade, ...]
    score: float
    passed: bool
    tallies: Mapping[str, SkillTally] = field(default_factory=dict)

    @property
    def earned(self) -> float:
        return sum(g.earned for g in self.grades)

    @property
    def possible(self) -> float:
        return sum(g.points for g in self.grades)


def parse_responses(quiz: Quiz, raw: object) -> dict[str, JSON]:
    """Check a whole submission ({question id: answer}); blank questions get empty answers."""
    if not isinstance(raw, dict):
        raise ResponseError("a submission maps question ids to answers")
    known = {q.id for q in quiz.questions}
    unknown = sorted(str(k) for k in raw if k not in known)
    if unknown:
        raise ResponseError(f"unknown question id(s): {', '.join(unknown[:5])}")
    out: dict[str, JSON] = {}
    for q in quiz.questions:
        answer: Any = raw.get(q.id)
        out[q.id] = q.empty_response() if answer is None else q.parse_response(answer)
    return out


def parse_form(quiz: Quiz, form: Mapping[str, Sequence[str]]) -> dict[str, JSON]:
    """Check a submitted form: fields are named ``q.<question id>.<field>``; others are
    ignored (the CSRF token, say). Unknown question ids are refused."""
    by_question: dict[str, dict[str, Sequence[str]]] = {}
    for name, values in form.items():
        if not name.startswith("q."):
            continue
        qid, _, field_name = name[2:].partition(".")
        by_question.setdefault(qid, {})[field_name] = values
    known = {q.id for q in quiz.questions}
    unknown = sorted(set(by_question) - known)
    if unknown:
        raise ResponseError(f"unknown question id(s): {', '.join(u[:40] for u in unknown[:5])}")
    return {
        q.id: q.parse_form(by_question[q.id]) if q.id in by_question else q.empty_response()
        for q in quiz.questions
    }


def grade_quiz(quiz: Quiz, responses: Mapping[str, JSON]) -> QuizResult:
    """Grade parsed responses; the score is the points-weighted mean of question scores."""
    grades = tuple(q.grade(responses.get(q.id) or q.empty_response()) for q in quiz.questions)
    possible = sum(g.points for g in grades)
    score = sum(g.earned for g in grades) / possible if possible else 0.0
    return QuizResult(
        quiz.id,
        quiz.version,
        grades,
        score,
        score >= quiz.settings.pass_mark,
        add_tallies(*(g.tallies for g in grades)),
    )
