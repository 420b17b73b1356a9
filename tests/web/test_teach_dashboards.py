"""Skill heatmap, item analysis, a student's page, their feedback, and the answer key."""

from __future__ import annotations

import re
import statistics
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.core.grading import QuizResult
from quizapp.core.scoring import SkillTally
from quizapp.core.skills import BUILTIN_SKILLS
from tests.web.conftest import Auth, csrf_token
from tests.web.teach_data import (
    add_assignment,
    add_attempt,
    add_users,
    answers,
    class_id,
    ids,
    join,
    perfect,
    seed_quiz_of,
)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{int(value * 100 + 0.5)}%"


def text(html: str) -> str:
    """The page as a reader hears it: tags dropped, entities of quotes undone, spaces joined."""
    plain = re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").replace("&#34;", '"')
    return " ".join(plain.split())


@pytest.fixture
def analysed(app: Flask) -> dict[str, Any]:
    """Six students answer one assignment (best counts) in different ways."""
    cid = class_id(app)
    alice, bob = ids(app, "alice", "bob")
    others = add_users(app, ["carol", "dave", "erin", "finn"])
    join(app, cid, others)
    assignment = add_assignment(app, cid, counting="best")
    quiz = seed_quiz_of(app, assignment)
    plan = {
        alice: [{}, perfect(quiz)],  # two attempts: the perfect one counts
        bob: [answers(quiz, find_loaded_words=["axis of resistance", "bastion"])],
        others[0]: [answers(quiz, find_loaded_words=["axis of resistance"],
                            find_placeholder=["[insert date here]"])],
        others[1]: [answers(quiz, find_loaded_words=["axis of resistance", "galvanizing"])],
        others[2]: [answers(quiz, find_placeholder=["[insert date here]"])],
        others[3]: [{}],
    }  # fmt: skip
    counted: list[QuizResult] = []
    for user, attempts in plan.items():
        results = [add_attempt(app, user, assignment, r)[1] for r in attempts]
        counted.append(max(results, key=lambda r: r.score))
    return {"cid": cid, "assignment": assignment, "quiz": quiz, "counted": counted,
            "alice": alice, "bob": bob}  # fmt: skip


def test_item_analysis_per_question(
    analysed: dict[str, Any], client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    url = f"/teach/classes/{analysed['cid']}/assignments/{analysed['assignment']}"
    html = client.get(url).get_data(as_text=True)
    page = text(html)
    assert "6 of 6 students submitted" in page
    quiz, counted = analysed["quiz"], analysed["counted"]
    for i, q in enumerate(quiz.questions):
        marks = [r.grades[i].earned for r in counted]
        rest = [r.earned - m for r, m in zip(counted, marks, strict=True)]
        facility = sum(r.grades[i].score for r in counted) / len(counted)
        try:
            disc = f"{statistics.correlation(marks, rest):.2f}"
        except statistics.StatisticsError:
            disc = "—"
        row = re.search(rf'<tr id="question-{q.id}">(.*?)</tr>', html, re.S)
        assert row, q.id
        cells = text(row.group(1))
        assert pct(facility) in cells and disc in cells, (q.id, cells, pct(facility), disc)
    # The placeholder question: found by alice, carol and erin, so it separates.
    placeholder = re.search(r'<tr id="question-find-placeholder">.*?</tr>', html, re.S)
    assert placeholder and "50%" in text(placeholder.group(0))


def test_item_analysis_spans_and_flagged_phrases(
    analysed: dict[str, Any], client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    url = f"/teach/classes/{analysed['cid']}/assignments/{analysed['assignment']}"
    html = client.get(url).get_data(as_text=True)
    page = text(html)
    # Not a target, flagged by bob, carol and dave: the phrase to discuss, with why it is fine.
    assert "3 of 6 flagged “ axis of resistance ”" in page
    assert "Fine: the quotation marks show this is Khamenei's own name" in page
    # Spans: the placeholder found by alice, carol and erin; bastion by alice and bob.
    assert re.search(r"\[insert date here\]</th>.*?<td class=\"num\">3 of 6 \(50%\)", html, re.S)
    assert re.search(r">bastion</th>.*?<td class=\"num\">2 of 6 \(33%\)", html, re.S)
    svg = html[html.index('<svg class="chart bar-chart"') : html.index("</svg>") + 6]
    assert 'role="img"' in svg and "50% (3 of 6)" in svg and "<title" in svg


def test_blank_classify_answers_are_not_counted_as_flags(
    analysed: dict[str, Any], client: FlaskClient, auth: Auth
) -> None:
    # finn left everything blank: classify grades a blank as a false alarm on a decoy, but
    # nobody flagged "as reported by state media".
    auth.login("teacher1")
    url = f"/teach/classes/{analysed['cid']}/assignments/{analysed['assignment']}"
    page = text(client.get(url).get_data(as_text=True))
    assert "flagged “ as reported by state media ”" not in page


def test_heatmap_cells_are_the_counting_attempts_tallies(
    analysed: dict[str, Any], client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    html = client.get(f"/teach/classes/{analysed['cid']}/heatmap").get_data(as_text=True)
    perfect_tallies = analysed["counted"][0].tallies
    bob_tallies: dict[str, SkillTally] = dict(analysed["counted"][1].tallies)
    header = re.findall(r'<th scope="col">([^<]+)</th>', html)
    skills = sorted(perfect_tallies, key=lambda k: (k not in BUILTIN_SKILLS, k))  # built in first
    custom = {"unsupported-claim": "Unsupported claim"}  # the seed quiz's own skill
    names = {**{k: v.name for k, v in BUILTIN_SKILLS.items()}, **custom}
    assert header[1:] == [names[k] for k in skills]
    for name, tallies in (("alice", perfect_tallies), ("bob", bob_tallies)):
        row = re.search(rf">{name}</a></th>(.*?)</tr>", html, re.S)
        assert row
        cells = re.findall(r'<td class="heat heat-(\w+)">(.*?)</td>', row.group(1), re.S)
        assert len(cells) == len(skills)
        for k, (band, cell) in zip(skills, cells, strict=True):
            t = tallies.get(k)
            if t is None or not (t.expected or t.flagged):
                assert band == "none"
                continue
            assert f"Found {pct(t.recall)}" in text(cell)
            assert f"Precise {pct(t.precision)}" in text(cell)
    alice_row = re.search(r">alice</a></th>(.*?)</tr>", html, re.S)
    assert alice_row and alice_row.group(1).count("heat-3") == len(skills)  # all 100%
    assert "Whole class" in html and "below 40%" in html  # totals and a key in words


def test_a_students_page_lists_every_attempt_with_the_counting_one_marked(
    analysed: dict[str, Any], client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    html = client.get(f"/teach/classes/{analysed['cid']}/students/{analysed['alice']}")
    page = html.get_data(as_text=True)
    attempts = re.findall(r"/teach/classes/\d+/attempts/(\d+)", page)
    assert len(attempts) == 2
    assert page.count("✓</span> counts") == 1
    assert '<svg class="chart"' in page and "alice&#39;s skill scores" in page
    feedback = client.get(f"/teach/classes/{analysed['cid']}/attempts/{attempts[0]}")
    assert feedback.status_code == 200
    body = feedback.get_data(as_text=True)
    assert "You are viewing <strong>alice</strong>" in body
    assert "<strong>100%</strong>" in body  # the newest, perfect attempt, as the student sees it


def test_the_teacher_sees_feedback_the_student_may_not_yet(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    (alice,) = ids(app, "alice")
    hidden = add_assignment(app, cid, feedback="never")
    attempt_id, _ = add_attempt(app, alice, hidden, {})
    student = app.test_client()
    Auth(student).login("alice")
    assert "Your teacher will go through this quiz" in student.get(
        f"/attempts/{attempt_id}"
    ).get_data(as_text=True)
    auth.login("teacher1")
    body = client.get(f"/teach/classes/{cid}/attempts/{attempt_id}").get_data(as_text=True)
    assert "The article, marked" in body and "never shown" in body


def test_the_answer_key_shows_every_span_with_its_explanation(
    app: Flask, client: FlaskClient, auth: Auth, seed_quiz: Any
) -> None:
    auth.login("teacher1")
    html = client.get("/teach/quizzes").get_data(as_text=True)
    assert "/teach/quizzes/iran-hamas-meeting/key" in html
    assert "/quiz/iran-hamas-meeting" in html  # try it as a student
    assert "/author/preview/iran-hamas-meeting.yaml" in html  # the author's preview
    key = client.get("/teach/quizzes/iran-hamas-meeting/key").get_data(as_text=True)
    page = text(key)
    for span in seed_quiz.all_spans:
        assert " ".join(span.explanation.split()) in page, span.id
    colours = {s.id: n for n, s in enumerate(seed_quiz.skills)}
    date = seed_quiz.annotations[0]
    assert f'class="tok mark-skill-{colours[date.skill]}" id="t-{date.tokens.start}"' in key
    decoy = seed_quiz.decoys[0]
    assert f'class="tok mark-decoy" id="t-{decoy.tokens.start}"' in key


def test_item_analysis_counts_the_students_still_in_the_class(
    app: Flask, analysed: dict[str, Any], client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    page = client.get("/teach").get_data(as_text=True)
    client.post(
        f"/teach/classes/{analysed['cid']}/students/{analysed['bob']}/remove",
        data={"csrf_token": csrf_token(page)},
    )
    url = f"/teach/classes/{analysed['cid']}/assignments/{analysed['assignment']}"
    page = text(client.get(url).get_data(as_text=True))
    assert "5 of 5 students submitted" in page
    assert "2 of 5 flagged “ axis of resistance ”" in page  # bob's flag left with him


def test_item_analysis_names_questions_by_number(
    analysed: dict[str, Any], client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    url = f"/teach/classes/{analysed['cid']}/assignments/{analysed['assignment']}"
    html = client.get(url).get_data(as_text=True)
    assert '<a href="#question-find-placeholder">Question 1</a>' in html
    assert re.search(r'<tr id="question-find-statistics"><th scope="row">2\. ', html)
    assert "<caption>Facility and discrimination of each question</caption>" in html
    assert ">find-placeholder<" not in html  # no internal ids as text
