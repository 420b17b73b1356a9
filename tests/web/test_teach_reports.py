"""The dashboards' report functions give exactly what the plain computation they replaced
gives: every attempt read, the counting one picked by its rule (never a voided one), skill
and span rows added up in the order the attempts were made, every counting attempt graded
again. Checked on a class with the corners: equal best scores, attempt numbers out of id order,
each counting rule, voided attempts (a counting one, a student's only one), a student's own
later due date, a student who left, practice attempts, assignments in progress and not yet
open, another class.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.core.model import Quiz
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.scoring import FALSE_ALARM, FOUND, PARTLY, SkillTally
from quizapp.db.models import (
    Assignment,
    AssignmentException,
    AssignmentStart,
    Attempt,
    Membership,
    SkillResult,
    SpanResult,
    utcnow,
)
from quizapp.db.writes import record_attempt
from quizapp.web import reports
from quizapp.web.content import quiz_for
from quizapp.web.reports.items import Phrase, QuestionStats, SpanStats
from tests.web.teach_data import (
    add_assignment,
    add_attempt,
    add_class,
    add_users,
    class_id,
    db_of,
    ids,
    join,
    mixed,
    perfect,
    seed_quiz_of,
)


def noisy(quiz: Quiz, k: int) -> dict[str, Any]:
    """Partly right responses that also flag words that are no problem: a decoy (every
    other ``k``) and two words away from every span, a different pair for each ``k``."""
    out = mixed(quiz, k)
    spans = {i for a in quiz.all_spans for i in range(a.tokens.start - 2, a.tokens.stop + 2)}
    free = [t.index for t in quiz.article.tokens if t.index not in spans]
    for q in quiz.questions:
        if q.type_id != "spot":
            continue
        tokens = set(out.get(q.id, {}).get("tokens", []))
        tokens.update(free[(3 * k) % len(free) : (3 * k) % len(free) + 2])
        if quiz.decoys and k % 2:
            tokens.update(quiz.decoys[k % len(quiz.decoys)].tokens)
        out[q.id] = {"tokens": sorted(tokens)}
    return out


@pytest.fixture
def corners(app: Flask) -> dict[str, Any]:
    cid = class_id(app)
    (teacher,) = ids(app, "teacher1")
    students = [*ids(app, "alice", "bob"), *add_users(app, ["carol", "dave", "erin", "gone"])]
    join(app, cid, students[2:])
    gone = students[-1]
    now = utcnow()
    quizzes = ("iran-hamas-meeting", "school-lunch-study", "marathon-record")
    assignments = {
        "best": add_assignment(app, cid, quizzes[0], counting="best"),
        "last": add_assignment(
            app, cid, quizzes[1], counting="last", due_at=now - timedelta(days=1)
        ),
        "first": add_assignment(app, cid, quizzes[2], counting="first"),
        "later": add_assignment(app, cid, quizzes[1], opens_at=now + timedelta(days=1)),
    }
    # Answers (noisy(k), or perfect) of alice, bob, carol, dave, erin and gone, in order;
    # some students' counting answers are the same (graded once, counted for each).
    plan = {"best": [[0, 0], [1], [2, 5, 2], [4, "perfect"], [1], [1, 3]],
            "last": [[1, 2], [3], [], [0, 4, 5], [6], [2]],
            "first": [[5], [2, 2], [1, 4], [5], [3, 0, "perfect"], [4]]}  # fmt: skip
    for rule, per_student in plan.items():
        quiz = seed_quiz_of(app, assignments[rule])
        for n, (student, answers) in enumerate(zip(students, per_student, strict=True)):
            for k in answers:
                responses = perfect(quiz) if k == "perfect" else noisy(quiz, k)
                add_attempt(app, student, assignments[rule], responses, late=n % 2 == 1)
    db = db_of(app)
    with app.app_context(), db.write() as s:
        # carol's three attempts at "best" get numbers 3, 1, 2 in the order made, so the
        # rule must go by number: her two equal bests are the first and the last made.
        mine = s.scalars(
            select(Attempt.id)
            .where(Attempt.user_id == students[2], Attempt.assignment_id == assignments["best"])
            .order_by(Attempt.id)
        ).all()
        for attempt_id, number in zip(mine, (103, 101, 102), strict=True):
            s.execute(update(Attempt).where(Attempt.id == attempt_id).values(number=number))
        s.execute(update(Attempt).where(Attempt.id.in_(mine)).values(number=Attempt.number - 100))
        # Voided (kept, never counted): alice's first of two equal bests, dave's perfect
        # best and his last "last", erin's only "last" (she has a later due date of her
        # own, so her empty cell is not missing) and her first "first".
        voided = [(0, "best", 1), (3, "best", 2), (3, "last", 3), (4, "last", 1), (4, "first", 1)]
        for student, rule, number in voided:
            s.execute(
                update(Attempt)
                .where(Attempt.user_id == students[student],
                       Attempt.assignment_id == assignments[rule], Attempt.number == number)
                .values(voided_at=now, voided_by=teacher)
            )  # fmt: skip
        s.add(AssignmentException(assignment_id=assignments["last"], user_id=students[4],
                                  due_at=now + timedelta(days=2), granted_by=teacher))  # fmt: skip
        s.add(AssignmentStart(assignment_id=assignments["last"], user_id=students[2]))
        s.add(AssignmentStart(assignment_id=assignments["first"], user_id=students[3]))
        s.execute(delete(Membership).where(Membership.user_id == gone))
        version = s.scalar(
            select(Assignment.version_id).where(Assignment.id == assignments["best"])
        )
    quiz = seed_quiz_of(app, assignments["best"])
    parsed = parse_responses(quiz, perfect(quiz))
    with app.app_context():
        record_attempt(db, students[0], version, "practice", parsed, grade_quiz(quiz, parsed))
    other, _ = add_class(app, teacher, "Class 2", [students[1]])
    elsewhere = add_assignment(app, other, quizzes[0])
    add_attempt(app, students[1], elsewhere, perfect(seed_quiz_of(app, elsewhere)))
    return {"cid": cid, "assignments": assignments, "students": students}


def attempts_of(s: Session, classroom_id: int) -> list[Attempt]:
    return list(
        s.scalars(
            select(Attempt)
            .join(Assignment, Assignment.id == Attempt.assignment_id)
            .where(Assignment.classroom_id == classroom_id)
            .order_by(Attempt.id)
        )
    )


def picked(attempts: list[Attempt], rules: dict[int, str]) -> dict[tuple[int, int], Any]:
    """(student, assignment) -> (the counting attempt, how many), keyed as first made;
    voided attempts left out."""
    groups: dict[tuple[int, int], list[Attempt]] = defaultdict(list)
    for a in attempts:
        assert a.assignment_id is not None
        if a.voided_at is not None:
            continue
        groups[(a.user_id, a.assignment_id)].append(a)
    out = {}
    for key, group in groups.items():
        by_number = sorted(group, key=lambda a: a.number)
        rule = rules[key[1]]
        if rule == "last":
            pick = by_number[-1]
        elif rule == "first":
            pick = by_number[0]
        else:
            pick = max(by_number, key=lambda a: a.score)  # the first of equal bests
        out[key] = (pick, len(group))
    return out


def test_counting_attempts_in_sql_are_those_picked_in_python(
    app: Flask, corners: dict[str, Any]
) -> None:
    with app.app_context(), db_of(app).session() as s:
        rules = dict(s.execute(select(Assignment.id, Assignment.counting)).all())
        expected = picked(attempts_of(s, corners["cid"]), rules)
        in_sql = s.execute(reports.counting_ids(Assignment.classroom_id == corners["cid"])).all()
    assert sorted(in_sql) == sorted((a.id, a.user_id) for a, _ in expected.values())
    alice, dave, erin = (corners["students"][i] for i in (0, 3, 4))
    best, last, first = (corners["assignments"][r] for r in ("best", "last", "first"))
    # The voided counting attempts give way to the next by the rule.
    assert [(expected[k][0].number, expected[k][1]) for k in
            ((alice, best), (dave, best), (dave, last), (erin, first))] == [
        (2, 1), (1, 1), (2, 2), (2, 2)]  # fmt: skip
    assert (erin, last) not in expected
    carol = corners["students"][2]
    carols, tries = expected[(carol, corners["assignments"]["best"])]
    # Her equal bests are numbers 3 (made first) and 2 (made last): the lower number counts.
    assert (carols.number, tries) == (2, 3)


def test_gradebook_cells_are_the_counting_attempts(app: Flask, corners: dict[str, Any]) -> None:
    with app.app_context(), db_of(app).session() as s:
        book = reports.gradebook(s, corners["cid"])
        rules = {a.id: a.counting for a in book.assignments}
        expected = picked(attempts_of(s, corners["cid"]), rules)
        started = set(s.execute(select(AssignmentStart.user_id, AssignmentStart.assignment_id)))
        own_due = {
            (e.user_id, e.assignment_id): e.due_at for e in s.scalars(select(AssignmentException))
        }
    now = utcnow()
    assert [r.student.id for r in book.rows] == sorted(corners["students"][:-1])  # not gone
    for row in book.rows:
        for a, cell in zip(book.assignments, row.cells, strict=True):
            key = (row.student.id, a.id)
            if key in expected:
                attempt, tries = expected[key]
                status = "late" if attempt.late else "submitted"
                want = (status, attempt.id, attempt.number, attempt.score, tries)
                got = cell.attempt
                assert got is not None
                assert (cell.status, got.id, got.number, cell.score, cell.attempts) == want
                assert (got.late, got.submitted_at) == (attempt.late, attempt.submitted_at)
            elif now < a.opens_at:
                assert cell.status == "not open"
            elif key in started:
                assert cell.status == "in progress"
            else:
                due = max(a.due_at, own_due.get(key) or a.due_at)
                assert cell.status == ("missing" if now > due else "not started")
    erin, last = corners["students"][4], corners["assignments"]["last"]
    erins = next(r for r in book.rows if r.student.id == erin)
    assert erins.cells[[a.id for a in book.assignments].index(last)].status == "not started"


def test_heatmap_sums_the_counting_attempts_in_the_order_made(
    app: Flask, corners: dict[str, Any]
) -> None:
    with app.app_context(), db_of(app).session() as s:
        heat = reports.heatmap(s, corners["cid"])
        rules = dict(s.execute(select(Assignment.id, Assignment.counting)).all())
        counted = picked(attempts_of(s, corners["cid"]), rules)
        owner = {a.id: a.user_id for a, _ in counted.values()}
        rows = s.execute(
            select(SkillResult.attempt_id, SkillResult.skill, SkillResult.expected,
                   SkillResult.found, SkillResult.flagged, SkillResult.correct)
            .where(SkillResult.attempt_id.in_(owner))
            .order_by(SkillResult.attempt_id, SkillResult.skill)
        ).all()  # fmt: skip
    tallies: dict[tuple[int, str], SkillTally] = {}
    for attempt_id, skill, *counts in rows:
        key = (owner[attempt_id], skill)
        tallies[key] = tallies.get(key, SkillTally()) + SkillTally(*counts)
    skills = [k for k, _ in heat.skills]
    assert sorted(skills) == sorted({k for _, k in tallies})
    members = set(corners["students"][:-1])
    assert [st.id for st, _ in heat.rows] == sorted(members)
    for st, cells in heat.rows:
        assert [c.tally for c in cells] == [tallies.get((st.id, k)) for k in skills]
    totals = [
        sum((t for (u, k2), t in tallies.items() if k2 == k and u in members), SkillTally())
        for k in skills
    ]
    assert [c.tally for c in heat.totals] == totals
    assert any(u == corners["students"][-1] for u, _ in tallies)  # gone: in no row or total


def old_item_analysis(s: Session, assignment: Assignment, top: int = 10) -> Any:
    """Item analysis as it was computed before: every counting attempt graded, span rows
    read one by one, phrases collected per student."""
    quiz = quiz_for(assignment.version)
    members = set(
        s.scalars(
            select(Membership.user_id).where(Membership.classroom_id == assignment.classroom_id)
        )
    )
    attempts = [
        a for a in attempts_of(s, assignment.classroom_id)
        if a.assignment_id == assignment.id and a.user_id in members
    ]  # fmt: skip
    counted = [a for a, _ in picked(attempts, {assignment.id: assignment.counting}).values()]
    results = [grade_quiz(quiz, parse_responses(quiz, json.loads(a.responses))) for a in counted]
    n = len(results)
    questions = []
    for i, q in enumerate(quiz.questions):
        marks = [r.grades[i].earned for r in results]
        rest = [r.earned - m for r, m in zip(results, marks, strict=True)]
        try:
            disc = statistics.correlation(marks, rest) if n >= 3 else None
        except statistics.StatisticsError:
            disc = None
        facility = sum(r.grades[i].score for r in results) / n if n else None
        questions.append(QuestionStats(q.id, q.prompt, q.type_id, q.points, facility, disc))
    ids = {a.id for a in counted}
    tally: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in s.scalars(select(SpanResult).where(SpanResult.attempt_id.in_(ids))):
        tally[(row.question_id, row.span_id, row.status)] += 1
    spans = tuple(
        SpanStats(q.id, t.id, quiz.article.text[t.start : t.end], t.skill,
                  tally[(q.id, t.id, FOUND)], tally[(q.id, t.id, PARTLY)], len(counted))
        for q in quiz.questions if isinstance(q, HighlightQuestion)
        for t in q.targets
    )  # fmt: skip
    flagged: dict[str, set[int]] = defaultdict(set)
    shown: dict[str, tuple[str, str]] = {}
    decoys = {d.id: d for d in quiz.decoys}
    tokens = quiz.article.tokens
    highlights = {q.id for q in quiz.questions if isinstance(q, HighlightQuestion)}
    for who, result in enumerate(results):
        for grade in result.grades:
            for o in grade.outcomes:
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
        (Phrase(shown[k][0], len(w), shown[k][1]) for k, w in flagged.items()),
        key=lambda p: (-p.students, p.text.casefold()),
    )[:top]
    return n, (sum(r.score for r in results) / n if n else None), tuple(questions), spans, phrases


@pytest.mark.parametrize("rule", ["best", "last", "first", "later"])
def test_item_analysis_is_what_grading_every_counting_attempt_gives(
    app: Flask, corners: dict[str, Any], rule: str
) -> None:
    with app.app_context(), db_of(app).session() as s:
        assignment = s.get(Assignment, corners["assignments"][rule])
        assert assignment is not None
        got = reports.item_analysis(s, assignment)
        n, mean, questions, spans, phrases = old_item_analysis(s, assignment)
    assert (got.students, got.class_size, got.mean) == (n, 5, mean)
    assert got.questions == questions
    assert got.spans == spans
    assert got.phrases == tuple(phrases)
    if rule != "later":
        assert n >= 3 and phrases and any(p.explanation for p in phrases)
        assert any(q.discrimination is not None for q in got.questions)


@pytest.mark.parametrize("rule", ["best", "last", "first"])
def test_item_analysis_of_attempts_stored_without_marks_is_the_same(
    app: Flask, corners: dict[str, Any], rule: str
) -> None:
    """Attempts stored before marks were kept (NULL, as the migration leaves them) are
    graded again: the same analysis as from stored marks, whether some or all lack them."""
    db = db_of(app)
    unmark = {"marks": None, "false_alarms": None}
    with app.app_context():
        with db.session() as s:
            assignment = s.get(Assignment, corners["assignments"][rule])
            assert assignment is not None
            mine = s.scalars(select(Attempt.id).where(Attempt.assignment_id == assignment.id)).all()
            assert None not in s.scalars(select(Attempt.marks).where(Attempt.id.in_(mine)))
            stored = reports.item_analysis(s, assignment)
        for some in (mine[::2], mine):
            with db.write() as s:
                s.execute(update(Attempt).where(Attempt.id.in_(some)).values(**unmark))
            with db.session() as s:
                assignment = s.get(Assignment, corners["assignments"][rule])
                assert assignment is not None
                assert reports.item_analysis(s, assignment) == stored
    assert stored.phrases and stored.questions[0].facility is not None
