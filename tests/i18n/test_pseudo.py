"""Every page rendered in a pseudo-language: any visible English left is a string that never
passed through the catalogue. Pages listed in CLEAN must have none; the others are the work
still to do, and one that becomes clean fails until it is moved to CLEAN (a ratchet).

See what is left: ``pytest tests/i18n/test_pseudo.py -rx``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp import create_app
from quizapp.core.loader import Bank
from quizapp.db.engine import Database
from quizapp.db.migrate import upgrade
from quizapp.db.writes import create_classroom, create_user, import_bank
from tests.databases import database_config
from tests.i18n.pseudo import CODE, build, english_left
from tests.web.conftest import PASSWORD, SECRET_KEY, Auth, QuizPage
from tests.web.teach_data import add_assignment, class_id

QUIZ = "library-reopens"
# Data, not interface: the brand, the people and class of the fixture, codes.
ALLOWED = {"quizapp", "alice", "bob", "teacher1", "Class", "CLASS234", "UTC", "CSV", "JSON",
           "Ctrl", "Shift", "Tab", "Home", "End", "Enter", "Space", "Escape", "Pseudo"}  # fmt: skip


@pytest.fixture
def app(tmp_path: Path, bank: Bank) -> Iterator[Flask]:
    translations = build(tmp_path / "pseudo")
    config = next(iter(database_config("sqlite", tmp_path)))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": SECRET_KEY,
            "IMPORT_ON_START": False,
            **config,
            "BABEL_TRANSLATION_DIRECTORIES": str(translations),
            "EXTRA_LANGUAGES": {CODE: "Pseudo"},
            "DEFAULT_LANGUAGE": CODE,
        }  # fmt: skip
    )
    with app.app_context():
        db: Database = app.extensions["quizapp.db"]
        upgrade(db)
        import_bank(db, bank)
        teacher = create_user(db, "teacher1", PASSWORD, "teacher")
        create_classroom(db, teacher, "Class 1", "CLASS234")
        create_user(db, "alice", PASSWORD, "student", "CLASS234")
    yield app
    db.dispose()


def _practice_result(client: FlaskClient) -> str:
    page = QuizPage(client, QUIZ)
    response = page.submit({})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return str(response.headers["Location"])


def _assignment(app: Flask) -> str:
    aid = add_assignment(app, class_id(app), feedback="immediate")
    return f"/assignments/{aid}"


# name: (who, path or a function of the app and the logged-in client giving the path)
PAGES: dict[str, tuple[str | None, str | Callable[[Flask, FlaskClient], str]]] = {
    "catalogue (visitor)": (None, "/"),
    "login": (None, "/login"),
    "register": (None, "/register"),
    "quiz page (visitor)": (None, f"/quiz/{QUIZ}"),
    "not found": (None, "/quiz/no-such-quiz"),
    "catalogue (student)": ("alice", "/"),
    "join a class": ("alice", "/join"),
    "progress": ("alice", "/progress"),
    "practice feedback": ("alice", lambda app, client: _practice_result(client)),
    "assignment": ("alice", lambda app, client: _assignment(app)),
    "delete my account": ("alice", "/my-account/delete"),
    "teacher home": ("teacher1", "/teach"),
    "teacher quizzes": ("teacher1", "/teach/quizzes"),
    "class": ("teacher1", lambda app, client: f"/teach/classes/{class_id(app)}"),
    "gradebook": ("teacher1", lambda app, client: f"/teach/classes/{class_id(app)}/gradebook"),
    "new quiz": ("teacher1", "/author/new"),
    "my quizzes": ("teacher1", "/author/"),
}
# Pages with no English left: they must stay so.
CLEAN: set[str] = {
    "catalogue (visitor)", "catalogue (student)", "login", "register", "join a class", "progress",
    "delete my account",
}  # fmt: skip


@pytest.mark.parametrize("name", list(PAGES))
def test_no_english_is_left(app: Flask, name: str) -> None:
    who, path = PAGES[name]
    client = app.test_client()
    if who:
        Auth(client).login(who)
    url = path if isinstance(path, str) else path(app, client)
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    html = response.get_data(as_text=True)
    assert f'<html lang="{CODE}"' in html
    gaps = english_left(html, ALLOWED)
    if name in CLEAN:
        assert gaps == [], f"{name} ({url}) shows English: {gaps}"
    else:
        assert gaps, f"{name} ({url}) has no English left: add it to CLEAN"
        pytest.xfail(f"{len(gaps)} English text(s) on {url}: {gaps[:12]}")


def test_the_check_finds_an_unwrapped_string() -> None:
    html = f'<html lang="{CODE}"><body><p>Ŀóĝ íñ</p><button>Submit answers</button>'
    html += '<p lang="en">quiz text</p><b translate="no">alice</b></body></html>'
    assert english_left(html, set()) == ["Submit answers"]
