"""The front door: one Start button, on the beginners' quiz."""

from __future__ import annotations

from flask.testing import FlaskClient

from quizapp.core.loader import Bank


def test_the_front_door_starts_the_beginners_quiz(client: FlaskClient, bank: Bank) -> None:
    html = client.get("/").get_data(as_text=True)
    assert 'class="button primary" href="/quiz/library-reopens">Start: ' in html
    assert html.count("Start: ") == 1
    assert bank.get("library-reopens").level == "beginner"
    # The seed quiz is labelled by its difficulty (the bank review: advanced, ages 16+).
    assert bank.get("iran-hamas-meeting").level == "advanced"
