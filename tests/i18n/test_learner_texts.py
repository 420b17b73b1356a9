"""The learner's pages in another language (issue 16, part 1): dates in the reader's
language and the class's zone, the scripts' words from the catalogue, notes and plurals."""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask

from quizapp import create_app
from quizapp.core.loader import Bank, load_bank
from quizapp.core.usernames import RULE, problem
from quizapp.db.engine import Database
from quizapp.db.migrate import upgrade
from quizapp.db.writes import create_classroom, create_user, import_bank
from quizapp.passwords import password_problem
from quizapp.web.account_fields import REASONS, USERNAME_HELP, reason
from quizapp.web.charts import Bar, Series, bar_chart, line_chart
from quizapp.web.clock import classday, classtime
from quizapp.web.jstexts import js_texts
from tests.databases import database_config
from tests.i18n.pseudo import CODE, build, english_left, pseudo
from tests.web.conftest import PASSWORD, SECRET_KEY, Auth, QuizPage

ROOT = Path(__file__).resolve().parents[2]
DUE = datetime(2030, 12, 6, 17, 0)  # stored UTC: 18:00 in Berlin, 09:00 in Los Angeles


@pytest.fixture
def pseudo_app(tmp_path: Path, bank: Bank) -> Iterator[Flask]:
    """The app in the pseudo-language, as the pseudo-locale test builds it."""
    config = next(iter(database_config("sqlite", tmp_path)))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": SECRET_KEY,
            "IMPORT_ON_START": False,
            **config,
            "BABEL_TRANSLATION_DIRECTORIES": str(build(tmp_path / "pseudo")),
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


def _in(app: Flask, language: str) -> object:
    return app.test_request_context(headers={"Accept-Language": language})


@pytest.mark.parametrize(
    ("language", "zone", "shown"),
    [
        # English keeps the house style the teachers' pages and tests know.
        ("en", "Europe/Berlin", "06 Dec 2030, 18:00 CET (Europe/Berlin)"),
        ("es", "Europe/Berlin", "6 dic 2030, 18:00 CET (Europe/Berlin)"),
        ("ru", "America/Los_Angeles", "6 дек. 2030\u202fг., 09:00 PST (America/Los_Angeles)"),
        # CLDR's Arabic writes the month in Arabic and, for "ar", Latin digits (Babel); the
        # zone's Latin names are isolated (LRI…PDI) so they keep their order in a RTL line.
        ("ar", "Europe/Berlin", "6 ديسمبر 2030، 18:00 \u2066CET (Europe/Berlin)\u2069"),
    ],
)
def test_classtime_in_the_readers_language_keeps_the_class_zone(
    app: Flask, language: str, zone: str, shown: str
) -> None:
    with _in(app, language):  # type: ignore[attr-defined]
        assert classtime(DUE, zone) == shown
        assert classtime(None, zone) == "—"


def test_classday_in_the_readers_language(app: Flask) -> None:
    with _in(app, "es"):  # type: ignore[attr-defined]
        assert classday(DUE, "Europe/Berlin") == "6 dic"
    with _in(app, "en"):  # type: ignore[attr-defined]
        assert classday(DUE, "Europe/Berlin") == "06 Dec"


def test_the_scripts_words_hold_every_plural_form_of_the_language(app: Flask) -> None:
    with _in(app, "ru"):  # type: ignore[attr-defined]
        words = js_texts()["words"]
    assert isinstance(words, dict) and set(words) == {"one", "few", "many"}
    with _in(app, "ar"):  # type: ignore[attr-defined]
        words = js_texts()["words"]
    assert isinstance(words, dict)
    assert set(words) == {"zero", "one", "two", "few", "many", "other"}
    with _in(app, "en"):  # type: ignore[attr-defined]
        texts = js_texts()
    assert texts["words"] == {"one": "{n} word", "other": "{n} words"}
    assert texts["selectedAs"] == "Selected as {label}: {text}"


def test_the_quiz_page_gives_the_scripts_their_words_in_the_readers_language(
    pseudo_app: Flask,
) -> None:
    html = pseudo_app.test_client().get("/quiz/library-reopens").get_data(as_text=True)
    found = re.search(r'<body data-texts="([^"]*)">', html)
    assert found, "the page carries no texts for its scripts"
    texts = json.loads(html_lib.unescape(found[1]))
    assert texts["noWords"] == pseudo("No words selected.")
    assert texts["words"]["one"] == pseudo("%(count)s word").replace("%(count)s", "{n}")
    assert texts["selectedAs"] == pseudo("Selected as %(label)s: %(text)s").replace(
        "%(label)s", "{label}"
    ).replace("%(text)s", "{text}")


# A string literal of the scripts: its words, once ${...} and CSS selectors are left out.
_LITERAL = re.compile(r"""(['"`])((?:(?!\1).)*)\1""")
_WORDS = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")


def _prose(line: str) -> list[str]:
    if line.startswith(("//", "*", "/*", "console.")):
        return []
    found = []
    for _quote, text in _LITERAL.findall(line.split(" // ")[0]):
        text = re.sub(r"\$\{[^}]*\}", "", text)
        if re.search(r"[\[\]=#]|\.[a-z]", text):  # a selector, not words
            continue
        if _WORDS.search(text):
            found.append(text)
    return found


@pytest.mark.parametrize("script", ["quiz.js", "highlight.js", "feedback.js"])
def test_the_learners_scripts_hold_no_english(script: str) -> None:
    lines = (ROOT / "static" / "js" / script).read_text(encoding="utf-8").splitlines()
    assert [text for line in lines for text in _prose(line.strip())] == []


def test_the_english_check_finds_a_sentence() -> None:
    assert _prose("b.textContent = 'Submitting your answers';") == ["Submitting your answers"]
    assert _prose("return `${n} words selected.`;") == [" words selected."]
    assert _prose("el.querySelectorAll('.label-picker input[type=radio]');") == []


def _pseudo_copy(app: Flask, tmp_path: Path) -> str:
    """The library quiz again, declared in the pseudo-language: its notes then speak it."""
    folder = tmp_path / "pseudo-quiz"
    folder.mkdir()
    text = (ROOT / "quizzes" / "library-reopens.yaml").read_text(encoding="utf-8")
    text = text.replace("id: library-reopens", "id: library-reopens-eo", 1)
    text = text.replace("language: en", f"language: {CODE}", 1)
    (folder / "library-reopens-eo.yaml").write_text(text, encoding="utf-8")
    with app.app_context():
        import_bank(app.extensions["quizapp.db"], load_bank(folder, ROOT / "seeds"))
    return "library-reopens-eo"


def _notes(html: str) -> list[str]:
    notes = re.findall(r'<p class="yours">(.*?)</p>', html, re.S)
    assert notes, "no note on the feedback"
    return notes


def test_a_practice_result_speaks_the_readers_language(pseudo_app: Flask, tmp_path: Path) -> None:
    """Scores, legends and the notes' sentences are the catalogue's; the quoted words and
    the quiz's own texts are marked as the quiz's language. The notes speak the quiz's
    language: here a quiz in the pseudo-language, so every note must be the catalogue's."""
    quiz_id = _pseudo_copy(pseudo_app, tmp_path)
    client = pseudo_app.test_client()
    Auth(client).login("alice")
    response = QuizPage(client, quiz_id).submit({})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    for note in _notes(html):
        words = re.sub(r"<bdi[^>]*>.*?</bdi>", "", note)  # the article's own words, isolated
        assert english_left(f'<html lang="{CODE}"><p>{words}</p>', set()) == [], note
    assert pseudo("The article, marked") in html
    assert pseudo("Words in %(bold)s are the ones you picked.").split("%")[0] in html


def test_the_notes_speak_the_quizs_language_not_the_readers(pseudo_app: Flask) -> None:
    """A reader whose interface is in the pseudo-language, on an English quiz: the page
    around is theirs, the marks, legend and notes are English and say so with lang="en"."""
    client = pseudo_app.test_client()
    Auth(client).login("alice")
    response = QuizPage(client, "library-reopens").submit({})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert pseudo("The article, marked") in html  # the interface
    assert "Words in <span" in html and "are the ones you picked." in html  # the legend
    assert all("You " in note or "Found" in note for note in _notes(html))
    assert '<ol class="notes" lang="en" dir="ltr">' in html
    assert '<p class="legend" lang="en" dir="ltr">' in html
    assert pseudo("Score") in html and pseudo("Question by question") in html


@pytest.mark.parametrize("name", ["a b", "ab", "bad\u200bname", "Ålice", "аlice.x", "x" * 41])
def test_every_username_reason_has_its_message(name: str) -> None:
    """The account rules' reasons are said in the reader's language by their English text:
    a reason reworded in core.usernames without its message here would show in English."""
    why = problem(name)
    assert why is not None and why in REASONS, why


@pytest.mark.parametrize("password", ["short", "x" * 201, "alice123"])
def test_every_password_reason_has_its_message(password: str) -> None:
    why = password_problem(password, "alice123")
    assert why is not None and why in REASONS, why


def test_the_username_help_is_the_rule(app: Flask) -> None:
    with _in(app, "en"):  # type: ignore[attr-defined]
        assert str(USERNAME_HELP) == f"{RULE[0].upper()}{RULE[1:]}."
        assert reason("That class code is not valid. Check it with your teacher.") == (
            "That class code is not valid. Check it with your teacher."
        )


def test_a_refused_registration_speaks_the_readers_language(pseudo_app: Flask) -> None:
    client = pseudo_app.test_client()
    page = client.get("/register").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token
    form = {"csrf_token": token[1], "username": "bad name", "password": "short",
            "join_code": "CLASS234"}  # fmt: skip
    html = client.post("/register", data=form).get_data(as_text=True)
    errors = re.findall(r'<span class="error" role="alert">([^<]+)</span>', html)
    # WTForms says its own (Length: "Field must be between…") from its catalogues, which
    # know Spanish, Russian and Arabic but not the pseudo-language.
    ours = [e for e in errors if not e.startswith("Field must")]
    assert ours and all(english_left(f"<p>{e}</p>", set()) == [] for e in ours), errors


def test_the_trend_chart_runs_right_to_left_in_arabic(app: Flask) -> None:
    series = [Series("Loaded language", [(1, 0.2), (2, 0.5), (3, 0.9)])]

    def first_and_last(language: str) -> tuple[float, float]:
        with _in(app, language):  # type: ignore[attr-defined]
            svg = str(line_chart("Trend", "Scores", series, 3))
        xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
        return xs[0], xs[2]

    first, last = first_and_last("en")
    assert first < last  # attempt 1 on the left
    first, last = first_and_last("ar")
    assert first > last  # attempt 1 on the right: time runs leftwards
    with _in(app, "ar"):  # type: ignore[attr-defined]
        svg = str(line_chart("Trend", "Scores", series, 3))
    assert 'text-anchor="start"' in svg and "Loaded language" in svg


def test_the_bar_chart_grows_leftwards_in_arabic(app: Flask) -> None:
    bars = [Bar("Loaded language", 0.5), Bar("Placeholder", 1.0)]
    with _in(app, "en"):  # type: ignore[attr-defined]
        ltr = str(bar_chart("Finds", "Share found", bars))
    with _in(app, "ar"):  # type: ignore[attr-defined]
        rtl = str(bar_chart("Finds", "Share found", bars))

    def rects(svg: str) -> list[tuple[float, float]]:
        return [(float(x), float(w)) for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" '
                                                           r'width="([\d.]+)"', svg)]  # fmt: skip

    (lx, lw), (fx, fw) = rects(ltr)
    (rx, rw), (gx, gw) = rects(rtl)
    assert (lw, fw) == (rw, gw) and fw == 2 * lw  # the same lengths
    assert rx + rw == gx + gw  # both start at the right edge of the plot
    assert lx == fx  # ... as they start at its left edge in English
