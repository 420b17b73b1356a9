"""The quiz page shows a quiz's words to know, in the article's language and direction."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from quizapp.core.loader import Bank


def test_the_quiz_page_lists_the_words_to_know(client: FlaskClient, bank: Bank) -> None:
    fuel = next(q for q in bank.quizzes if q.id == "fuel-prices")
    assert fuel.glossary
    html = client.get("/quiz/fuel-prices").get_data(as_text=True)
    box = re.search(r'<details class="glossary">.*?</details>', html, re.S)
    assert box is not None
    assert "<summary>Words to know</summary>" in box.group()
    assert '<dl lang="en" dir="ltr">' in box.group()
    for t in fuel.glossary:
        assert f"<dt>{t.term}</dt><dd>{t.meaning}</dd>" in box.group()


def test_a_quiz_without_one_has_no_box(client: FlaskClient, bank: Bank) -> None:
    plain = next(q for q in bank.quizzes if not q.glossary and q.public)
    html = client.get(f"/quiz/{plain.id}").get_data(as_text=True)
    assert "Words to know" not in html
