"""Every page of visitor, student, teacher, administrator and author rendered in a
pseudo-language: any visible English left is a string that never passed through the catalogue.
Data (names, quiz titles, a quiz's own skills, article words) is let through where the page
cannot mark its language. Pages listed in CLEAN (all of them now) must show none; a page left
out of it xfails with its list, and fails once clean until it is added."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from babel import Locale
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from quizapp import create_app
from quizapp.core.loader import Bank
from quizapp.db.authoring import create_draft, publish, set_visibility
from quizapp.db.engine import Database
from quizapp.db.migrate import upgrade
from quizapp.db.models import User
from quizapp.db.writes import create_classroom, create_user, import_bank
from tests.databases import database_config
from tests.i18n.pseudo import CODE, build, english_left
from tests.web.conftest import PASSWORD, SECRET_KEY, Auth, QuizPage
from tests.web.teach_data import add_assignment, add_attempt, class_id, ids
from tests.web.test_editor_drafts import bank_document

QUIZ = "library-reopens"
# Data, not interface: the brand, the people and class of the fixture, codes.
ALLOWED = {"quizapp", "alice", "bob", "teacher1", "Class", "CLASS234", "UTC", "CSV", "JSON",
           "Tab", "Pseudo"}  # fmt: skip
# teacher1's letters; the months as Babel writes dates in the pseudo-language's code (Esperanto's
# "2 Dec 2026" is CLDR data, not a string that skipped the catalogue).
ALLOWED |= {"teacher", *(str(m) for m in Locale(CODE).months["format"]["abbreviated"].values())}


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
        with db.write() as s:  # teacher1 administers too, for the /admin and /lti pages
            s.execute(update(User).where(User.username == "teacher1").values(is_admin=True))
    yield app
    db.dispose()


def _practice_result(client: FlaskClient) -> str:
    page = QuizPage(client, QUIZ)
    response = page.submit({})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return str(response.headers["Location"])


def _attempt(app: Flask) -> tuple[int, int, int]:
    """(class, assignment, attempt): alice's graded attempt at an assignment of Class 1."""
    room = class_id(app)
    aid = add_assignment(app, room, feedback="immediate")
    (alice,) = ids(app, "alice")
    attempt, _ = add_attempt(app, alice, aid)
    return room, aid, attempt


def _class_page(suffix: str) -> Callable[[Flask, FlaskClient], str]:
    """A page of Class 1 under /teach/classes/<id>: suffix may name {assignment},
    {attempt} and {student}."""

    def path(app: Flask, client: FlaskClient) -> str:
        room, aid, attempt = _attempt(app)
        (alice,) = ids(app, "alice")
        tail = suffix.format(assignment=aid, attempt=attempt, student=alice)
        return f"/teach/classes/{room}{tail}"

    return path


def _assignment(app: Flask) -> str:
    aid = add_assignment(app, class_id(app), feedback="immediate")
    return f"/assignments/{aid}"


def _platform_removal(app: Flask) -> str:
    from quizapp.db.lti import register_platform

    platform_id = register_platform(
        app.extensions["quizapp.db"], name="District LMS", issuer="https://lms.example",
        client_id="c", auth_login_url="https://lms.example/a",
        auth_token_url="https://lms.example/t", key_set_url="https://lms.example/k",
        deployment_ids=["1"],
    )  # fmt: skip
    return f"/lti/platforms/{platform_id}/remove"


def _authored(app: Flask) -> tuple[int, str]:
    """(draft, quiz id): teacher1's quiz made from the bank's library quiz, published and
    proposed for the catalogue, its draft kept."""
    db = app.extensions["quizapp.db"]
    (owner,) = ids(app, "teacher1")
    document, article = bank_document()
    with app.app_context():
        draft = create_draft(db, owner, article, document=document)
        quiz_id = publish(db, owner, draft).quiz_id
        set_visibility(db, owner, quiz_id, "proposed")
    return draft, quiz_id


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
    "heatmap": ("teacher1", _class_page("/heatmap")),
    "item analysis": ("teacher1", _class_page("/assignments/{assignment}")),
    "student page": ("teacher1", _class_page("/students/{student}")),
    "attempt view": ("teacher1", _class_page("/attempts/{attempt}")),
    "assignment form": ("teacher1", _class_page("/assignments/new")),
    "delete an assignment": ("teacher1", _class_page("/assignments/{assignment}/delete")),
    "void an attempt": ("teacher1", _class_page("/attempts/{attempt}/void")),
    "delete a student's data": ("teacher1", _class_page("/students/{student}/delete-data")),
    "delete a class": ("teacher1", _class_page("/delete")),
    "answer key": ("teacher1", f"/teach/quizzes/{QUIZ}/key"),
    "admin accounts": ("teacher1", "/admin/accounts"),
    "admin classes": ("teacher1", "/admin/classes"),
    "admin audit": ("teacher1", "/admin/audit"),
    "admin retention": ("teacher1", "/admin/retention"),
    "admin delete an account": (
        "teacher1",
        lambda app, client: f"/admin/accounts/{ids(app, 'alice')[0]}/delete",
    ),
    "admin new password": (
        "teacher1",
        lambda app, client: f"/admin/accounts/{ids(app, 'alice')[0]}/password",
    ),
    "admin delete a class": (
        "teacher1",
        lambda app, client: f"/admin/classes/{class_id(app)}/delete",
    ),
    "LTI platforms": ("teacher1", "/lti/platforms"),
    "LTI grades": ("teacher1", lambda app, client: f"/lti/classes/{class_id(app)}/grades"),
    "LTI remove a platform": ("teacher1", lambda app, client: _platform_removal(app)),
    "new quiz": ("teacher1", "/author/new"),
    "my quizzes": ("teacher1", "/author/"),
    "quiz editor": ("teacher1", lambda app, client: f"/author/drafts/{_authored(app)[0]}"),
    "quiz settings": ("teacher1", lambda app, client: f"/author/quizzes/{_authored(app)[1]}"),
    "import a quiz": ("teacher1", "/author/import"),
    "proposals": ("teacher1", lambda app, client: (_authored(app), "/author/proposals")[1]),
    "author preview": ("teacher1", "/author/preview/"),
    "author preview of a file": ("teacher1", f"/author/preview/{QUIZ}.yaml"),
}
# Pages with no English left: they must stay so.
# Every page: none may show English that skipped the catalogue (a new page is added above).
CLEAN: set[str] = set(PAGES)


def quiz_data(bank: Bank) -> set[str]:
    """What the bank's quizzes say of themselves, shown where no lang can mark it: titles,
    their own skills' names and ids, file names, the quoted words of item analysis's bars."""
    out = {"no-such-quiz"}
    for q in bank.quizzes:
        out |= {q.title, f"{q.id}.yaml", *(s.name for s in q.skills), *(s.id for s in q.skills)}
        out |= {q.article.text[a.start : a.end] for a in (*q.annotations, *q.decoys)}
    return out


@pytest.mark.parametrize("name", list(PAGES))
def test_no_english_is_left(app: Flask, bank: Bank, name: str) -> None:
    who, path = PAGES[name]
    client = app.test_client()
    if who:
        Auth(client).login(who)
    url = path if isinstance(path, str) else path(app, client)
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    html = response.get_data(as_text=True)
    assert f'<html lang="{CODE}"' in html
    gaps = english_left(html, ALLOWED, data=quiz_data(bank))
    if name in CLEAN:
        assert gaps == [], f"{name} ({url}) shows English: {gaps}"
    else:
        assert gaps, f"{name} ({url}) has no English left: add it to CLEAN"
        pytest.xfail(f"{len(gaps)} English text(s) on {url}: {gaps[:12]}")


def test_the_check_finds_an_unwrapped_string() -> None:
    html = f'<html lang="{CODE}"><body><p>Ŀóĝ íñ</p><button>Submit answers</button>'
    html += '<p lang="en">quiz text</p><b translate="no">alice</b></body></html>'
    assert english_left(html, set()) == ["Submit answers"]
    # Data is let through only as a whole: the words around it still count.
    title = f'<html lang="{CODE}"><head><title>Result: A coral reef study</title></head></html>'
    assert english_left(title, set(), data={"A coral reef study"}) == ["Result: A coral reef study"]
