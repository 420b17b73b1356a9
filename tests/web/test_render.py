"""Feedback marks: the notes beside the article are numbered in reading order."""

from __future__ import annotations

from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.core.model import Quiz
from quizapp.web.render import feedback_marks


def test_notes_are_numbered_by_their_place_in_the_article(seed_quiz: Quiz) -> None:
    result = grade_quiz(seed_quiz, parse_responses(seed_quiz, {}))
    _, notes = feedback_marks(seed_quiz, result)
    assert [n.number for n in notes] == list(range(1, len(notes) + 1))
    firsts = [n.outcome.tokens[0] for n in notes]
    assert firsts == sorted(firsts) and len({n.question_id for n in notes}) > 1
