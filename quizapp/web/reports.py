"""What a teacher's dashboards read: roster, gradebook, skill heatmap, item analysis.

Each page runs a fixed number of queries however large the class: rows are loaded in bulk
(one query a table) and aggregated here, in Python. Scores are fractions in [0, 1].
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from quizapp.core.errors import ResponseError
from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.core.mastery import harmonic
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.scoring import FALSE_ALARM, FOUND, PARTLY, SkillTally
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.db.models import (
    Assignment,
    AssignmentStart,
    Attempt,
    Membership,
    QuizVersion,
    SkillResult,
    SpanResult,
    User,
    utcnow,
)
from quizapp.web.content import quiz_for


@dataclass(frozen=True)
class Student:
    id: int
    username: str
    joined_at: datetime
    last_activity: datetime | None


@dataclass(frozen=True)
class AttemptRow:
    id: int
    user_id: int
    assignment_id: int
    number: int
    score: float
    late: bool
    submitted_at: datetime


def class_students(s: Session, classroom_id: int) -> list[Student]:
    """The roster, by username; last activity is the latest of last login and last attempt."""
    members = select(Membership.user_id).where(Membership.classroom_id == classroom_id)
    last = (
        select(Attempt.user_id, func.max(Attempt.submitted_at).label("at"))
        .where(Attempt.user_id.in_(members))
        .group_by(Attempt.user_id)
        .subquery()
    )
    rows = s.execute(
        select(User.id, User.username, Membership.joined_at, User.last_seen_at, last.c.at)
        .join(Membership, Membership.user_id == User.id)
        .outerjoin(last, last.c.user_id == User.id)
        .where(Membership.classroom_id == classroom_id, User.role == "student")
    ).all()
    students = [
        Student(uid, name, joined, max((t for t in (seen, at) if t), default=None))
        for uid, name, joined, seen, at in rows
    ]
    return sorted(students, key=lambda st: (st.username.casefold(), st.id))


def class_assignments(s: Session, classroom_id: int, *, whole: bool = False) -> list[Assignment]:
    """The class's assignments by due date, each with its pinned version (titles only
    unless ``whole``: the quiz source is needed only to rebuild the quiz)."""
    version = joinedload(Assignment.version)
    if not whole:
        version = version.load_only(QuizVersion.quiz_id, QuizVersion.title, QuizVersion.digest)
    return list(
        s.scalars(
            select(Assignment)
            .where(Assignment.classroom_id == classroom_id)
            .options(version)
            .order_by(Assignment.due_at, Assignment.id)
        )
    )


def class_attempts(s: Session, classroom_id: int, user_id: int | None = None) -> list[AttemptRow]:
    """Every attempt at the class's assignments (of one student if ``user_id``)."""
    query = (
        select(
            Attempt.id,
            Attempt.user_id,
            Attempt.assignment_id,
            Attempt.number,
            Attempt.score,
            Attempt.late,
            Attempt.submitted_at,
        )  # fmt: skip
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Assignment.classroom_id == classroom_id)
    )
    if user_id is not None:
        query = query.where(Attempt.user_id == user_id)
    return [AttemptRow(*row) for row in s.execute(query).all()]


def pick_counting(attempts: Sequence[AttemptRow], rule: str) -> AttemptRow:
    """The attempt that counts under ``rule``: best (the earliest of equal bests), last, first."""
    if rule == "last":
        return max(attempts, key=lambda a: a.number)
    if rule == "first":
        return min(attempts, key=lambda a: a.number)
    return max(attempts, key=lambda a: (a.score, -a.number))


def counting_attempts(
    attempts: Iterable[AttemptRow], rules: Mapping[int, str]
) -> dict[tuple[int, int], AttemptRow]:
    """(student, assignment) -> the attempt that counts, by each assignment's rule."""
    groups: dict[tuple[int, int], list[AttemptRow]] = defaultdict(list)
    for a in attempts:
        groups[(a.user_id, a.assignment_id)].append(a)
    return {key: pick_counting(group, rules[key[1]]) for key, group in groups.items()}


# ---- Gradebook


@dataclass(frozen=True)
class Cell:
    """One student's standing in one assignment."""

    status: str  # submitted, late, in progress, not started, missing, not open
    attempt: AttemptRow | None = None
    attempts: int = 0

    @property
    def score(self) -> float | None:
        return self.attempt.score if self.attempt else None


@dataclass(frozen=True)
class GradeRow:
    student: Student
    cells: tuple[Cell, ...]

    @property
    def mean(self) -> float | None:
        scores = [c.score for c in self.cells if c.score is not None]
        return sum(scores) / len(scores) if scores else None


@dataclass(frozen=True)
class Gradebook:
    assignments: tuple[Assignment, ...]
    rows: tuple[GradeRow, ...]
    sort: str


SORT_KEYS = ("name", "mean")


def _cell(
    assignment: Assignment, counted: AttemptRow | None, used: int, started: bool, now: datetime
) -> Cell:
    if counted is not None:
        return Cell("late" if counted.late else "submitted", counted, used)
    if now < assignment.opens_at:
        return Cell("not open")
    if started:
        return Cell("in progress")
    return Cell("missing" if now > assignment.due_at else "not started")


def gradebook(s: Session, classroom_id: int, sort: str = "name") -> Gradebook:
    """Students x assignments, each cell the counting attempt; sorted by ``sort``: name,
    mean or a<assignment id>, descending with a leading '-'; blank cells always last."""
    students = class_students(s, classroom_id)
    assignments = class_assignments(s, classroom_id)
    attempts = class_attempts(s, classroom_id)
    started = set(
        s.execute(
            select(AssignmentStart.user_id, AssignmentStart.assignment_id)
            .join(Assignment, Assignment.id == AssignmentStart.assignment_id)
            .where(Assignment.classroom_id == classroom_id)
        ).all()
    )
    counted = counting_attempts(attempts, {a.id: a.counting for a in assignments})
    used: dict[tuple[int, int], int] = defaultdict(int)
    for a in attempts:
        used[(a.user_id, a.assignment_id)] += 1
    now = utcnow()
    rows = [
        GradeRow(
            st,
            tuple(
                _cell(
                    a,
                    counted.get((st.id, a.id)),
                    used[(st.id, a.id)],
                    (st.id, a.id) in started,
                    now,
                )
                for a in assignments
            ),  # fmt: skip
        )
        for st in students
    ]
    sort = sort if _valid_sort(sort, assignments) else "name"
    return Gradebook(tuple(assignments), tuple(_sorted(rows, sort, assignments)), sort)


def _valid_sort(sort: str, assignments: Sequence[Assignment]) -> bool:
    key = sort.removeprefix("-")
    return key in SORT_KEYS or key in {f"a{a.id}" for a in assignments}


def _sorted(rows: list[GradeRow], sort: str, assignments: Sequence[Assignment]) -> list[GradeRow]:
    descending, key = sort.startswith("-"), sort.removeprefix("-")
    if key == "name":
        return rows[::-1] if descending else rows
    if key == "mean":
        value = lambda r: r.mean  # noqa: E731
    else:
        column = [f"a{a.id}" for a in assignments].index(key)
        value = lambda r: r.cells[column].score  # noqa: E731
    scored = [r for r in rows if value(r) is not None]
    scored.sort(key=value, reverse=descending)  # stable: equal scores stay by name
    return scored + [r for r in rows if value(r) is None]


# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """A cell as text that no spreadsheet will run: formula starts get a leading quote."""
    text = str(value)
    if text.lstrip(" \n").startswith(FORMULA_START):
        return "'" + text
    return text


def gradebook_csv(book: Gradebook) -> bytes:
    """The gradebook as CSV for a spreadsheet: UTF-8 with a BOM (so Excel reads it as
    UTF-8), a score column (percent) and a late column per assignment."""
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["Student", "Average (%)"]
    for a in book.assignments:
        title = f"{a.version.title} (due {a.due_at:%Y-%m-%d})"
        header += [f"{title}: score (%)", f"{title}: late"]
    writer.writerow(neutralise(h) for h in header)
    for row in book.rows:
        cells = [row.student.username, _percent(row.mean)]
        for cell in row.cells:
            cells += [_percent(cell.score), "late" if cell.status == "late" else ""]
        writer.writerow(neutralise(c) for c in cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}"


# ---- Skill heatmap

BANDS = (0.4, 0.7, 0.9)  # the mastery rule's thresholds


@dataclass(frozen=True)
class HeatCell:
    """A student's (or the class's) tallies in one skill over the counting attempts."""

    tally: SkillTally | None

    @property
    def score(self) -> float | None:
        t = self.tally
        if t is None or not (t.expected or t.flagged):
            return None
        return harmonic(t.recall or 0.0, t.precision or 0.0)

    @property
    def band(self) -> int | None:
        score = self.score
        return None if score is None else sum(score >= b for b in BANDS)


@dataclass(frozen=True)
class Heatmap:
    skills: tuple[tuple[str, str], ...]  # (id, name)
    rows: tuple[tuple[Student, tuple[HeatCell, ...]], ...]
    totals: tuple[HeatCell, ...]


def heatmap(s: Session, classroom_id: int) -> Heatmap:
    """Students x skills: find rate and precision over each student's counting attempts."""
    students = class_students(s, classroom_id)
    assignments = class_assignments(s, classroom_id, whole=True)
    attempts = class_attempts(s, classroom_id)
    counted = counting_attempts(attempts, {a.id: a.counting for a in assignments})
    counted_ids = {a.id: a.user_id for a in counted.values()}
    tallies: dict[tuple[int, str], SkillTally] = {}
    for attempt_id, by_skill in skill_tallies(s, classroom_id).items():
        for skill, tally in by_skill.items():
            if attempt_id in counted_ids:
                key = (counted_ids[attempt_id], skill)
                tallies[key] = tallies.get(key, SkillTally()) + tally
    skills = sorted({k for _, k in tallies}, key=lambda k: (k not in BUILTIN_SKILLS, k))
    names = _skill_names(skills, assignments)
    rows = tuple((st, tuple(HeatCell(tallies.get((st.id, k))) for k in skills)) for st in students)
    members = {st.id for st in students}
    totals = tuple(
        HeatCell(sum((t for (u, k2), t in tallies.items() if k2 == k and u in members),
                     SkillTally()))
        for k in skills
    )  # fmt: skip
    return Heatmap(tuple((k, names[k]) for k in skills), rows, totals)


def _skill_names(skills: Iterable[str], assignments: Sequence[Assignment]) -> dict[str, str]:
    names = {k: BUILTIN_SKILLS[k].name for k in skills if k in BUILTIN_SKILLS}
    for a in assignments:
        if all(k in names for k in skills):
            break
        for skill in quiz_for(a.version).skills:
            names.setdefault(skill.id, skill.name)
    return {k: names.get(k, k) for k in skills}


# ---- Item analysis


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
    rows = s.execute(
        select(Attempt.id, Attempt.user_id, Attempt.assignment_id, Attempt.number,
               Attempt.score, Attempt.late, Attempt.submitted_at, Attempt.responses)
        .where(Attempt.assignment_id == assignment.id)
    ).all()  # fmt: skip
    responses = {row[0]: row[-1] for row in rows}
    counted = counting_attempts(
        (AttemptRow(*row[:-1]) for row in rows), {assignment.id: assignment.counting}
    ).values()
    class_size = s.scalar(
        select(func.count())
        .select_from(Membership)
        .join(User, User.id == Membership.user_id)
        .where(Membership.classroom_id == assignment.classroom_id, User.role == "student")
    )
    spans = s.execute(
        select(SpanResult.attempt_id, SpanResult.question_id, SpanResult.span_id,
               SpanResult.status)
        .join(Attempt, Attempt.id == SpanResult.attempt_id)
        .where(Attempt.assignment_id == assignment.id)
    ).all()  # fmt: skip

    results = []
    for a in counted:
        try:
            results.append(grade_quiz(quiz, parse_responses(quiz, json.loads(responses[a.id]))))
        except (ResponseError, ValueError):  # stored by another version of the rules
            continue
    n = len(results)
    questions = []
    for i, q in enumerate(quiz.questions):
        marks = [r.grades[i].earned for r in results]
        rest = [r.earned - m for r, m in zip(results, marks, strict=True)]
        facility = sum(r.grades[i].score for r in results) / n if n else None
        questions.append(
            QuestionStats(q.id, q.prompt, q.type_id, q.points, facility, _correlation(marks, rest))
        )

    ids = {a.id for a in counted}
    tally: dict[tuple[str, str, str], int] = defaultdict(int)
    for attempt_id, qid, sid, status in spans:
        if attempt_id in ids:
            tally[(qid, sid, status)] += 1
    span_stats = [
        SpanStats(q.id, t.id, quiz.article.text[t.start : t.end], t.skill,
                  tally[(q.id, t.id, FOUND)], tally[(q.id, t.id, PARTLY)], len(ids))
        for q in quiz.questions if isinstance(q, HighlightQuestion)
        for t in q.targets
    ]  # fmt: skip

    flagged: dict[str, set[int]] = defaultdict(set)
    shown: dict[str, tuple[str, str]] = {}
    decoys = {d.id: d for d in quiz.decoys}
    tokens = quiz.article.tokens
    highlights = {q.id for q in quiz.questions if isinstance(q, HighlightQuestion)}
    for who, result in enumerate(results):
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
                flagged[key].add(who)
                why = decoys[o.annotation_id].explanation if o.annotation_id in decoys else ""
                if key not in shown or (why and not shown[key][1]):
                    shown[key] = (text, why)
    phrases = sorted(
        (Phrase(shown[k][0], len(who), shown[k][1]) for k, who in flagged.items()),
        key=lambda p: (-p.students, p.text.casefold()),
    )[:top]
    mean = sum(r.score for r in results) / n if n else None
    return ItemAnalysis(
        n, int(class_size or 0), mean, tuple(questions), tuple(span_stats), tuple(phrases)
    )


# ---- Skill tallies


def skill_tallies(
    s: Session, classroom_id: int, user_id: int | None = None
) -> dict[int, dict[str, SkillTally]]:
    """attempt id -> {skill: tally} for the class's attempts (one student's if ``user_id``)."""
    query = (
        select(SkillResult.attempt_id, SkillResult.skill, SkillResult.expected,
               SkillResult.found, SkillResult.flagged, SkillResult.correct)
        .join(Attempt, Attempt.id == SkillResult.attempt_id)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Assignment.classroom_id == classroom_id)
    )  # fmt: skip
    if user_id is not None:
        query = query.where(Attempt.user_id == user_id)
    out: dict[int, dict[str, SkillTally]] = defaultdict(dict)
    for attempt_id, skill, *counts in s.execute(query).all():
        out[attempt_id][skill] = SkillTally(*counts)
    return out
