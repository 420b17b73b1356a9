"""Every quiz page, before submission, carries no answer key anywhere in its HTML."""

from __future__ import annotations

import html as html_lib
import json
import re

import pytest
from flask.testing import FlaskClient

from quizapp.core.loader import Bank
from tests.factories import ROOT
from tests.web.conftest import Auth

QUIZ_IDS = sorted(p.stem for p in (ROOT / "quizzes").glob("*.yaml"))


@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_quiz_page_holds_no_answer_key(
    client: FlaskClient, auth: Auth, bank: Bank, quiz_id: str
) -> None:
    auth.login()
    page = client.get(f"/quiz/{quiz_id}").get_data(as_text=True)
    text = html_lib.unescape(page)
    quiz = bank.get(quiz_id)
    for span in quiz.all_spans:
        assert span.explanation not in text, span.id
        if span.fix:
            assert span.fix not in text, span.id
        # Span ids would name the answer ("bastion" is a word of the text, so look for ids
        # as attribute or JSON values, not as words).
        assert f'"{span.id}"' not in page and f"'{span.id}'" not in page, span.id
    for q in quiz.questions:
        key = json.dumps(q.answer_key(), ensure_ascii=False)
        for feedback in re.findall(r'"feedback": "([^"]+)"', key):
            assert feedback not in text
    # Tokens carry only their index: no skill, no status, no flag.
    for attrs in re.findall(r'<span class="tok"([^>]*)>', page):
        assert re.fullmatch(r' id="t-\d+" data-i="\d+"', attrs), attrs
    assert 'class="tok ' not in page
    answers = [tag for tag in re.findall(r"<input[^>]*>", page) if 'name="q.' in tag]
    assert answers and not [tag for tag in answers if "checked" in tag]  # nothing pre-chosen
    assert "data-skill" not in page and "data-answer" not in page and "data-correct" not in page


@pytest.mark.parametrize("path", ["/", "/quiz/iran-hamas-meeting", "/login", "/register", "/nope"])
def test_security_headers_on_every_response(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_hold_no_inline_script_or_style(client: FlaskClient) -> None:
    for path in ["/", "/quiz/iran-hamas-meeting", "/quiz/water-rationing-ar", "/login"]:
        page = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), path
        assert " style=" not in page and "<style" not in page, path
        assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", page), path  # no onclick= etc.


def test_right_to_left_article_is_marked(client: FlaskClient) -> None:
    page = client.get("/quiz/water-rationing-ar").get_data(as_text=True)
    assert 'id="article" class="article" lang="ar" dir="rtl"' in page
