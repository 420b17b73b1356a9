"""The feedback page: the learner's own words in each note (to the teacher, in the third
person), arguable spans as arguable, classify items with every answer accepted, and none of
it before feedback opens."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from quizapp.core.model import Quiz
from tests.web.conftest import Auth, QuizPage
from tests.web.teach_data import add_assignment, add_attempt, class_id, ids, tokens_of

PICKED_50 = 'You picked “<bdi lang="en" dir="ltr">50%</bdi>”: that is the figure. Found.'


def tokens(quiz: Quiz, *quotes: str) -> str:
    return ",".join(str(i) for q in quotes for i in tokens_of(quiz, q))


def note(html: str, quote: str) -> str:
    """The note whose summary quotes ``quote``."""
    for item in re.findall(r'<li id="note-\d+".*?</li>', html, re.S):
        if f'dir="ltr">{quote}</bdi>”' in item.split("</summary>")[0]:
            return str(item)
    raise AssertionError(f"no note on {quote!r}")


def test_the_feedback_shows_the_students_own_words(
    client: FlaskClient, auth: Auth, open_quiz: Any, seed_quiz: Quiz
) -> None:
    auth.login()
    response = open_quiz().submit(
        {
            "q.find-statistics.tokens": tokens(seed_quiz, "50%", "$30", "2015"),
            "q.find-loaded-words.tokens": tokens(seed_quiz, "vital"),
        }
    )
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert PICKED_50 in note(html, "by over 50%")
    partly = note(html, "approximately $30 million monthly")
    assert (
        'You picked “<bdi lang="en" dir="ltr">$30</bdi>”; the words that carry the problem are'
        in partly
    )  # noqa: E501
    # A year is a decoy in the statistics question: its note says why it is not the problem.
    year = note(html, "2015")
    assert "a year on its own is not a statistic" in year and "note-false-alarm" in year
    assert "No problem was marked" not in html
    # "vital" is arguable: flagged at no cost, never a false alarm.
    vital = note(html, "vital role")
    assert "note-arguable-flagged" in vital and "false alarm" not in vital
    assert "Arguable: careful readers disagree here" in vital
    assert re.search(r'badge-arguable-flagged">1 arguable, flagged</span>', html)
    # Notes are in the interface's language and direction, beside an article in its own.
    assert '<ol class="notes" lang="en" dir="ltr">' in html


def test_the_teacher_reads_the_same_notes_in_the_third_person(
    app: Flask, client: FlaskClient, auth: Auth, seed_quiz: Quiz
) -> None:
    cid = class_id(app)
    (alice,) = ids(app, "alice")
    assignment = add_assignment(app, cid, feedback="never")
    responses = {"find-statistics": {"tokens": tokens_of(seed_quiz, "50%")},
                 "classify-1": {"choice": "nothing-wrong"}}  # fmt: skip
    attempt_id, _ = add_attempt(app, alice, assignment, responses)
    # Feedback never opens for the student: nothing of the notes on their page.
    student = app.test_client()
    Auth(student).login("alice")
    page = student.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert "picked" not in page and "that is the figure" not in page
    auth.login("teacher1")
    html = client.get(f"/teach/classes/{cid}/attempts/{attempt_id}").get_data(as_text=True)
    assert PICKED_50.replace("You", "The student") in note(html, "by over 50%")
    assert "The student picked nothing here" in html
    assert "You picked" not in html and "you chose" not in html
    # The answer's name is the quiz's own words, marked as its language.
    assert 'the student chose <strong><bdi lang="en">Nothing wrong</bdi></strong>' in html


def test_classify_items_name_every_answer_accepted(
    client: FlaskClient, open_quiz: Any, seed_quiz: Quiz
) -> None:
    response = open_quiz().submit({"q.classify-1.choice": "nothing-wrong"})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    militant = html[html.index('id="result-classify-1"') :]
    militant = militant[: militant.index("</li>")]
    assert 'Also accepted: <strong><bdi lang="en">Loaded language</bdi></strong>.' in militant
    bastion = html[html.index('id="result-classify-3"') :]
    assert "Also accepted" not in bastion[: bastion.index("</li>")]  # one answer only


def test_classify_marks_the_phrase_where_it_stands(app: Flask, seed_quiz: Quiz) -> None:
    """phrase_at, not the first match: a phrase may occur earlier in its context."""
    view = {"id": "c", "prompt": "What is wrong?", "points": 1, "phrase": "significant",
            "context": "A significant move, and a significant sum.", "phrase_at": [26, 37],
            "options": []}  # fmt: skip
    with app.test_request_context():
        template = app.jinja_env.get_template("questions/classify.html")
        html = template.render(view=view, n=1, quiz=seed_quiz)
    assert "A significant move, and a <mark>significant</mark> sum." in html


def test_the_quiz_page_asks_for_only_the_words_that_show_the_problem(
    client: FlaskClient,
) -> None:
    html = client.get("/quiz/iran-hamas-meeting").get_data(as_text=True)
    assert "Highlight only the words that show the problem" in html


def _feedback(client: FlaskClient, auth: Auth, quiz_id: str, language: str) -> str:
    """A practice result of ``quiz_id`` read with the interface in ``language``."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    auth.login()
    response = QuizPage(client, quiz_id).submit({})
    assert response.status_code == 302
    return str(client.get(response.headers["Location"]).get_data(as_text=True))


def test_an_english_reader_of_a_spanish_quiz_reads_the_notes_in_spanish(
    client: FlaskClient, auth: Auth
) -> None:
    """The page around is English; the legend, the marks and the notes are the quiz's."""
    html = _feedback(client, auth, "vacunas-clinica-es", "en")
    assert '<html lang="en" dir="ltr">' in html and "The article, marked" in html
    assert '<p class="legend" lang="es" dir="ltr">' in html
    legend = html.split('<p class="legend"')[1].split("</p>")[0]
    assert "✓ encontrado<" in legend and "✓ found<" not in legend
    notes = re.findall(r'<ol class="notes" lang="es" dir="ltr">(.*?)</ol>', html, re.S)
    assert notes and "What would fix it" not in "".join(notes)
    assert "Question by question" in html  # the rest of the page stays the reader's


def test_an_english_reader_of_an_arabic_quiz_gets_right_to_left_notes(
    client: FlaskClient, auth: Auth
) -> None:
    html = _feedback(client, auth, "water-rationing-ar", "en")
    assert '<html lang="en" dir="ltr">' in html
    assert '<ol class="notes" lang="ar" dir="rtl">' in html
    assert '<p class="legend" lang="ar" dir="rtl">' in html


def test_a_spanish_reader_of_an_english_quiz_reads_english_notes(
    client: FlaskClient, auth: Auth
) -> None:
    html = _feedback(client, auth, "library-reopens", "es")
    assert '<html lang="es" dir="ltr">' in html
    assert '<ol class="notes" lang="en" dir="ltr">' in html and "✓ found<" in html
