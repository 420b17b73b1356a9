"""Item analysis of an assignment: questions, target spans, and phrases flagged in vain."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizapp.core.errors import ResponseError
from quizapp.core.grading import QuizResult, grade_quiz, parse_responses
from quizapp.core.model import Quiz
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.scoring import FALSE_ALARM, FOUND, PARTLY
from quizapp.db.models import Assignment, Attempt, Membership, SpanResult, User
from quizapp.web.content import quiz_for
from quizapp.web.reports.rows import (
    ATTEMPT_COLUMNS,
    AttemptRow,
    counting_attempts,
    counting_ids,
)


@dataclass(frozen=True)
class QuestionStats:
    """Facility (mean score) and discrimination (correlation of the question's marks with
    the rest of the test's, as Moodle's quiz statistics compute it) of one question."""

    id: str
    prompt: str
    type_id: str
    points: float
    facility: float | None
    discrimination: float | None


@dataclass(frozen=True)
class SpanStats:
    """How many students found one target span of a highlight question."""

    question_id: str
    span_id: str
    quote: str
    skill: str
    found: int
    partly: int
    students: int

    @property
    def rate(self) -> float:
        return self.found / self.students if self.students else 0.0


@dataclass(frozen=True)
class Phrase:
    """Words flagged though they are no target, and by how many students."""

    text: str
    students: int
    explanation: str  # a decoy's, when the words are one


@dataclass(frozen=True)
class ItemAnalysis:
    students: int  # with a counting attempt
    class_size: int
    mean: float | None
    questions: tuple[QuestionStats, ...]
    spans: tuple[SpanStats, ...]
    phrases: tuple[Phrase, ...]


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    if len(xs) < 3:
        return None
    try:
        return statistics.correlation(xs, ys)
    except statistics.StatisticsError:  # every student scored the same
        return None


def item_analysis(s: Session, assignment: Assignment, top: int = 10) -> ItemAnalysis:
    """Per question facility and discrimination, per target span the share who found it,
    and the non-target phrases most often flagged, over the counting attempts."""
    quiz = quiz_for(assignment.version)
    # Students still in the class, as on the roster and in the gradebook.
    members = select(Membership.user_id).where(Membership.classroom_id == assignment.classroom_id)
    mine = (Attempt.assignment_id == assignment.id, Attempt.user_id.in_(members))
    rows = s.execute(
        select(*ATTEMPT_COLUMNS, Attempt.responses).where(*mine).order_by(Attempt.id)
    ).all()
    answers = {row[0]: row[-1] for row in rows}
    counted = counting_attempts(map(AttemptRow.of, rows), {assignment.id: assignment.counting})
    responses = [answers[a.id] for a in counted.values()]
    class_size = s.scalar(
        select(func.count())
        .select_from(Membership)
        .join(User, User.id == Membership.user_id)
        .where(Membership.classroom_id == assignment.classroom_id, User.role == "student")
    )
    # Counted in SQL (over the same counting attempts) rather than read a row a span.
    counting = counting_ids(*mine).subquery()
    tally = {
        (qid, sid, status): n
        for qid, sid, status, n in s.execute(
            select(SpanResult.question_id, SpanResult.span_id, SpanResult.status, func.count())
            .join(counting, counting.c.id == SpanResult.attempt_id)
            .where(SpanResult.status.in_((FOUND, PARTLY)))
            .group_by(SpanResult.question_id, SpanResult.span_id, SpanResult.status)
        )
    }

    # Equal answers grade alike: each distinct one is graded once (blank and perfect
    # attempts, choices, often repeat), in the order the attempts were made.
    graded = Counter(responses)
    distinct = {raw: _grade(quiz, raw) for raw in graded}
    results = [r for r in map(distinct.get, responses) if r is not None]
    earned = [r.earned for r in results]
    n = len(results)
    questions = []
    for i, q in enumerate(quiz.questions):
        marks = [r.grades[i].earned for r in results]
        rest = [total - m for total, m in zip(earned, marks, strict=True)]
        facility = sum(r.grades[i].score for r in results) / n if n else None
        questions.append(
            QuestionStats(q.id, q.prompt, q.type_id, q.points, facility, _correlation(marks, rest))
        )

    span_stats = [
        SpanStats(q.id, t.id, quiz.article.text[t.start : t.end], t.skill,
                  tally.get((q.id, t.id, FOUND), 0), tally.get((q.id, t.id, PARTLY), 0),
                  len(responses))
        for q in quiz.questions if isinstance(q, HighlightQuestion)
        for t in q.targets
    ]  # fmt: skip

    flagged: Counter[str] = Counter()
    shown: dict[str, tuple[str, str]] = {}
    for raw, result in distinct.items():
        if result is None:
            continue
        for key, (text, why) in _false_alarms(quiz, result).items():
            flagged[key] += graded[raw]
            if key not in shown or (why and not shown[key][1]):
                shown[key] = (text, why)
    phrases = sorted(
        (Phrase(shown[k][0], count, shown[k][1]) for k, count in flagged.items()),
        key=lambda p: (-p.students, p.text.casefold()),
    )[:top]
    mean = sum(r.score for r in results) / n if n else None
    return ItemAnalysis(
        n, int(class_size or 0), mean, tuple(questions), tuple(span_stats), tuple(phrases)
    )


def _grade(quiz: Quiz, raw: str) -> QuizResult | None:
    try:
        return grade_quiz(quiz, parse_responses(quiz, json.loads(raw)))
    except (ResponseError, ValueError):  # stored by another version of the rules
        return None


def _false_alarms(quiz: Quiz, result: QuizResult) -> dict[str, tuple[str, str]]:
    """The phrases one attempt flagged in vain: folded text -> (text, a decoy's explanation),
    each once (a student flagging a phrase twice counts once)."""
    decoys = {d.id: d for d in quiz.decoys}
    tokens = quiz.article.tokens
    highlights = {q.id for q in quiz.questions if isinstance(q, HighlightQuestion)}
    out: dict[str, tuple[str, str]] = {}
    for grade in result.grades:
        for o in grade.outcomes:
            # A blank classify answer grades as a false alarm on a decoy, but the
            # student flagged nothing: count a choice, or words highlighted.
            if o.status != FALSE_ALARM or not o.tokens:
                continue
            if grade.question_id not in highlights and not o.labels:
                continue
            text = quiz.article.text[tokens[o.tokens[0]].start : tokens[o.tokens[-1]].end]
            key = " ".join(text.casefold().split())
            why = decoys[o.annotation_id].explanation if o.annotation_id in decoys else ""
            if key not in out or (why and not out[key][1]):
                out[key] = (text, why)
    return out
