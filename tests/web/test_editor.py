"""The editor's first page (issue 15 parts 1-2): an article pasted or uploaded, checked and
normalised, its language and direction guessed and changeable, the assistant's suggestions
shown over it."""

from __future__ import annotations

import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.web.editor.intake import MAX_BYTES, IntakeError, decode, normalise, take_in
from tests.web.conftest import Auth, csrf_token

ARTICLE = (
    "Council approves disastrous bus plan\n\n"
    "The council approved a shocking plan on Monday that will raise fares by 40%,\n"
    "experts say.\n\n"
    "Critics said the plan was a catastrophe. Some people believe it will cut services.\n"
)
ARABIC = "اجتماع في طهران\nقال مسؤولون إن الاجتماع كان مهما جدا، وفقا لمصادر.\n"


def post(client: FlaskClient, **data: object) -> tuple[int, str]:
    page = client.get("/author/new").get_data(as_text=True)
    response = client.post(
        "/author/new", data={"csrf_token": csrf_token(page), **data},
        content_type="multipart/form-data",
    )  # fmt: skip
    return response.status_code, response.get_data(as_text=True)


@pytest.fixture
def teacher(client: FlaskClient, auth: Auth) -> FlaskClient:
    auth.login("teacher1")
    return client


def test_a_pasted_article_gets_the_assistants_suggestions(teacher: FlaskClient) -> None:
    status, html = post(teacher, text=ARTICLE.replace("\n", "\r\n"))
    assert status == 200
    assert 'lang="en" dir="ltr"' in html
    assert re.search(r"\d+ suggestions?\.", html)
    confidences = re.findall(r"confidence (\d\.\d\d)", html)
    assert confidences and all(0 <= float(c) <= 1 for c in confidences)
    assert "Loaded" in html or "loaded" in html
    assert 'class="pv-explanation"' in html


def test_an_uploaded_txt_is_read_and_its_direction_guessed(teacher: FlaskClient) -> None:
    upload = (io.BytesIO(ARABIC.encode("utf-8")), "maqal.txt")
    status, html = post(teacher, upload=upload)
    assert status == 200
    assert 'lang="ar" dir="rtl"' in html
    status, html = post(teacher, text=ARABIC, direction="ltr")  # the teacher's choice wins
    assert 'lang="ar" dir="ltr"' in html


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (ARTICLE.encode("utf-16"), "a.txt", "saved as UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.txt", "not a text file"),
        ("Caf\xe9 news\nA paragraph.\n".encode("latin-1"), "a.txt", "is not UTF-8"),
        (b"Headline\nText.\n", "a.docx", "not a .txt file"),
        (b"x" * (MAX_BYTES + 1), "big.txt", "the limit is 200 KB"),
    ],
)
def test_bad_uploads_are_refused_with_the_reason(
    teacher: FlaskClient, data: bytes, name: str, message: str
) -> None:
    status, html = post(teacher, upload=(io.BytesIO(data), name))
    assert status == 400
    assert message in html


def test_a_body_past_the_site_limit_gets_the_form_and_the_limit(teacher: FlaskClient) -> None:
    status, html = post(teacher, upload=(io.BytesIO(b"x" * (5 * 1024 * 1024)), "big.txt"))
    assert status == 413
    assert "the limit is 200 KB" in html and 'name="csrf_token"' in html


def test_script_in_the_article_is_shown_as_text(teacher: FlaskClient) -> None:
    status, html = post(teacher, text="<script>alert(1)</script> news\nShocking <b>claims</b>.\n")
    assert status == 200
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_the_page_needs_a_csrf_token(teacher: FlaskClient) -> None:
    assert teacher.post("/author/new", data={"text": ARTICLE}).status_code == 400


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("alice", 403)])
def test_only_teachers_reach_the_editor(app: Flask, who: str | None, status: int) -> None:
    client = app.test_client()
    if who:
        Auth(client).login(who)
    assert client.get("/author/new").status_code == status


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Head\r\nOne.\r\nTwo.\r\n", "Head\nOne.\nTwo.\n"),
        ("  Head  \n\nOne line\nwrapped here.\n\nTwo.\n", "Head\nOne line wrapped here.\nTwo.\n"),
        ("Head\tline\nA  \u202eevil\u202c  para\x07.\n", "Head line\nA evil para .\n"),
        ("Cafe\u0301\nText.\n", "Café\nText.\n"),
        ("\n\n", ""),
    ],
)
def test_normalise(raw: str, clean: str) -> None:
    assert normalise(raw) == clean


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "empty"), ("Only a headline", "Only a headline"), ("x" * (MAX_BYTES + 1), "limit")],
)
def test_take_in_refusals(text: str, message: str) -> None:
    with pytest.raises(IntakeError, match=message):
        take_in(text)


def test_decode_takes_utf8_with_a_bom() -> None:
    assert decode("\ufeffHead\nText.\n".encode(), "a.txt") == "Head\nText.\n"
