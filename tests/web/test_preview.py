"""The author's preview: teachers only, no way out of the quiz folder, errors at their line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import ROOT, quiz_data, write_quiz
from tests.web.conftest import Auth

SEED = "/author/preview/iran-hamas-meeting.yaml"


@pytest.mark.parametrize("path", ["/author/preview/", SEED, f"{SEED}/state.json"])
def test_anonymous_visitors_are_sent_to_log_in(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("path", ["/author/preview/", SEED, f"{SEED}/state.json"])
def test_students_are_refused(client: FlaskClient, auth: Auth, path: str) -> None:
    auth.login("alice")
    response = client.get(path)
    assert response.status_code == 403
    assert "date-placeholder" not in response.get_data(as_text=True)


def test_a_teacher_sees_annotations_questions_and_suggestions(
    client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    index = client.get("/author/preview/").get_data(as_text=True)
    assert 'href="/author/preview/iran-hamas-meeting.yaml"' in index
    response = client.get(SEED)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="m-date-placeholder"' in html and 'aria-describedby="d-date-placeholder"' in html
    assert "The writer&#39;s template was never filled in" in html
    assert 'class="pv-mark pv-decoy' in html
    assert "Highlight every unsupported statistic" in html
    assert 'href="/quiz/iran-hamas-meeting"' in html
    assert "<script" in html and "<script>" not in html and "style=" not in html


def test_state_changes_when_the_file_changes(
    app: Flask, client: FlaskClient, auth: Auth, tmp_path: Path
) -> None:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    shutil.copy(ROOT / "quizzes" / "iran-hamas-meeting.yaml", folder)
    app.config["QUIZ_DIR"] = str(folder)
    auth.login("teacher1")
    before = client.get(f"{SEED}/state.json").get_json()
    with (folder / "iran-hamas-meeting.yaml").open("a", encoding="utf-8") as fh:
        fh.write("# edited\n")
    after = client.get(f"{SEED}/state.json").get_json()
    assert before["version"] != after["version"]


@pytest.mark.parametrize(
    "name",
    [
        "..%2Fseeds%2F000_5b76fb9373ce4131.txt",
        "..%2F..%2Fpyproject.toml",
        "nope.yaml",
        "%2Fetc%2Fpasswd",
    ],
)
def test_only_files_of_the_quiz_folder(client: FlaskClient, auth: Auth, name: str) -> None:
    auth.login("teacher1")
    assert client.get(f"/author/preview/{name}").status_code == 404


def test_errors_are_shown_at_their_line(
    app: Flask, client: FlaskClient, auth: Auth, tmp_path: Path
) -> None:
    data = quiz_data(level="expert")
    data["annotations"][0]["quote"] = "Critcs say"
    write_quiz(tmp_path, data)
    app.config.update(QUIZ_DIR=str(tmp_path / "quizzes"), SEEDS_DIR=str(tmp_path / "seeds"))
    auth.login("teacher1")
    html = client.get("/author/preview/town-budget.yaml").get_data(as_text=True)
    assert "2 problems to fix" in html
    assert '<a href="#L4">line 4, column 10</a>' in html
    assert 'id="L4" class="pv-bad"' in html and 'id="L37" class="pv-bad"' in html
    assert "closest passage is" in html
    assert "pv-suggestion" in html  # the article is still shown, with the assistant's ideas


def test_errors_are_in_the_readers_language(
    app: Flask, client: FlaskClient, auth: Auth, tmp_path: Path
) -> None:
    """A Spanish-speaking author reads the validator's messages in Spanish, marked so; the
    quote they name stays as written."""
    data = quiz_data(level="expert")
    data["annotations"][0]["quote"] = "Critcs say"
    write_quiz(tmp_path, data)
    app.config.update(QUIZ_DIR=str(tmp_path / "quizzes"), SEEDS_DIR=str(tmp_path / "seeds"))
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    auth.login("teacher1")
    html = client.get("/author/preview/town-budget.yaml").get_data(as_text=True)
    errors = html.split('class="pv-errors"')[1].split("</section>")[0]
    assert '<span lang="es">' in errors and '<span lang="en">' not in errors
    assert "Critcs say" in errors and "closest passage is" not in errors
