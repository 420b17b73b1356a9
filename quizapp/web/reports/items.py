"""Item analysis of an assignment: questions, target spans, and phrases flagged in vain."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from quizapp.core.errors import ResponseError
from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.core.model import Quiz
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.scoring import FOUND, PARTLY
from quizapp.db.models import Assignment, Attempt, Membership, SpanResult, User
from quizapp.db.writes import attempt_rows
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


class _Marks(NamedTuple):
    """What item analysis needs of one counting attempt, as ``attempt_rows`` stores it."""

    score: float
    scores: list[float]  # each question's, in the quiz's order
    false_alarms: list[list[Any]]  # [question id, first token, last token, decoy id, labelled]


def item_analysis(s: Session, assignment: Assignment, top: int = 10) -> ItemAnalysis:
    """Per question facility and discrimination, per target span the share who found it,
    and the non-target phrases most often flagged, over the counting attempts."""
    quiz = quiz_for(assignment.version)
    # Students still in the class, as on the roster and in the gradebook.
    members = select(Membership.user_id).where(Membership.classroom_id == assignment.classroom_id)
    mine = (Attempt.assignment_id == assignment.id, Attempt.user_id.in_(members))
    # The marks stored at submission; the responses only of attempts stored before marks
    # were kept, which alone are graded again.
    unmarked = Attempt.marks.is_(None) | Attempt.false_alarms.is_(None)
    rows = s.execute(
        select(*ATTEMPT_COLUMNS, Attempt.marks, Attempt.false_alarms,
               case((unmarked, Attempt.responses)))
        .where(*mine)
        .order_by(Attempt.id)
    ).all()  # fmt: skip
    stored = {row[0]: row[len(ATTEMPT_COLUMNS) :] for row in rows}
    counted = counting_attempts(map(AttemptRow.of, rows), {assignment.id: assignment.counting})
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

    # In the order the attempts were made. Equal unmarked answers grade alike: each
    # distinct one is graded once.
    regraded: dict[str, _Marks | None] = {}
    results: list[_Marks] = []
    for a in counted.values():
        marks, false_alarms, raw = stored[a.id]
        if raw is None:
            got = _read(quiz, a.score, marks, false_alarms)
        else:
            if raw not in regraded:
                regraded[raw] = _regrade(quiz, raw)
            got = regraded[raw]
        if got is not None:
            results.append(got)
    n = len(results)
    points = [q.points for q in quiz.questions]
    # Each question's earned points, and their total, as Grade.earned and QuizResult.earned.
    earned_by = [[x * p for x, p in zip(r.scores, points, strict=True)] for r in results]
    earned = [sum(row) for row in earned_by]
    questions = []
    for i, q in enumerate(quiz.questions):
        marks = [row[i] for row in earned_by]
        rest = [total - m for total, m in zip(earned, marks, strict=True)]
        facility = sum(r.scores[i] for r in results) / n if n else None
        questions.append(
            QuestionStats(q.id, q.prompt, q.type_id, q.points, facility, _correlation(marks, rest))
        )

    span_stats = [
        SpanStats(q.id, t.id, quiz.article.text[t.start : t.end], t.skill,
                  tally.get((q.id, t.id, FOUND), 0), tally.get((q.id, t.id, PARTLY), 0),
                  len(counted))
        for q in quiz.questions if isinstance(q, HighlightQuestion)
        for t in q.targets
    ]  # fmt: skip

    flagged: Counter[str] = Counter()
    shown: dict[str, tuple[str, str]] = {}
    phrase = _Phrases(quiz)
    for r in results:
        for key, (text, why) in phrase.of(r.false_alarms).items():
            flagged[key] += 1
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


def _read(quiz: Quiz, score: float, marks: str, false_alarms: str) -> _Marks | None:
    by_question = json.loads(marks)
    scores = [by_question.get(q.id) for q in quiz.questions]
    if None in scores:  # marked on another version's questions: left out, as in _regrade
        return None
    return _Marks(score, scores, json.loads(false_alarms))


def _regrade(quiz: Quiz, raw: str) -> _Marks | None:
    """An attempt stored without marks, graded again and read as if stored with them."""
    try:
        result = grade_quiz(quiz, parse_responses(quiz, json.loads(raw)))
    except (ResponseError, ValueError):  # stored by another version of the rules
        return None
    row = attempt_rows(0, 0, "", {}, result)[0]
    return _read(quiz, result.score, row["marks"], row["false_alarms"])


class _Phrases:
    """The phrases one attempt flagged in vain, from its stored false alarms."""

    def __init__(self, quiz: Quiz) -> None:
        self.text = quiz.article.text
        self.tokens = quiz.article.tokens
        self.decoys = {d.id: d.explanation for d in quiz.decoys}
        self.highlights = {q.id for q in quiz.questions if isinstance(q, HighlightQuestion)}
        self.folded: dict[tuple[int, int], tuple[str, str]] = {}  # runs repeat across attempts

    def of(self, false_alarms: list[list[Any]]) -> dict[str, tuple[str, str]]:
        """Folded text -> (text, a decoy's explanation), each once (a student flagging a
        phrase twice counts once)."""
        out: dict[str, tuple[str, str]] = {}
        for question_id, first, last, decoy, labelled in false_alarms:
            # A blank classify answer grades as a false alarm on a decoy, but the
            # student flagged nothing: count a choice, or words highlighted.
            if question_id not in self.highlights and not labelled:
                continue
            found = self.folded.get((first, last))
            if found is None:
                text = self.text[self.tokens[first].start : self.tokens[last].end]
                found = self.folded[(first, last)] = (" ".join(text.casefold().split()), text)
            key, text = found
            why = self.decoys.get(decoy, "")
            if key not in out or (why and not out[key][1]):
                out[key] = (text, why)
        return out
