"""The learner's pages in another language, in a real browser: the highlighter's summaries
and announcements come from the catalogue (here the pseudo-language, so any English left
shows), and an Arabic interface mirrors the page at phone and desktop widths."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from quizapp import create_app
from quizapp.core.loader import Bank
from quizapp.db.migrate import upgrade
from quizapp.db.writes import import_bank
from tests.browser.conftest import SCREENSHOTS, _require_chromium
from tests.databases import database_config
from tests.i18n.pseudo import CODE, build, english_left
from tests.web.conftest import SECRET_KEY

QUIZ = "iran-hamas-meeting"


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory: pytest.TempPathFactory, bank: Bank) -> Iterator[str]:
    """The app served in the pseudo-language (SQLite: the words, not the storage, are
    under test)."""
    _require_chromium()
    folder = tmp_path_factory.mktemp("pseudo-browser")
    config = next(iter(database_config("sqlite", folder)))
    app: Flask = create_app(
        {
            "SECRET_KEY": SECRET_KEY,
            "IMPORT_ON_START": False,
            **config,
            "BABEL_TRANSLATION_DIRECTORIES": str(build(folder / "pseudo")),
            "EXTRA_LANGUAGES": {CODE: "Pseudo"},
            "DEFAULT_LANGUAGE": CODE,
        }  # fmt: skip
    )
    with app.app_context():
        db = app.extensions["quizapp.db"]
        upgrade(db)
        import_bank(db, bank)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    db.dispose()


@pytest.fixture
def chromium(browser: Any) -> Any:
    """The session's browser (one Playwright a process): it comes with the shared live app,
    so these tests run once a database backend, as the others do."""
    return browser


def _page(chromium: Any, base: str, width: int = 1280, language: str = CODE) -> Any:
    """A page in ``language``, chosen as the switch keeps it (the browser asks for English)."""
    context = chromium.new_context(base_url=base, viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "lang", "value": language, "url": base}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    return page


def test_the_highlighter_speaks_the_pages_language(chromium: Any, pseudo_site: str) -> None:
    page = _page(chromium, pseudo_site)
    page.goto(f"/quiz/{QUIZ}")
    question = page.locator('fieldset[data-question="find-statistics"]')
    question.locator("button.activate").click()
    page.locator("#article .tok").nth(3).click()
    word = page.locator("#article .tok").nth(3).inner_text()  # the article's: English
    summary = question.locator(".selection-summary").inner_text()
    announced = page.locator("#announcer").inner_text()
    answered = page.locator(".answered-count").inner_text()
    for text in (summary, announced, answered):
        assert text and english_left(f"<p>{text}</p>", {word}) == [], text
    # The article's words are quoted, isolated (FSI…PDI), inside the translated summary.
    assert f"\u2068{word}\u2069" in summary and word in announced
    question.locator("button.clear").click()
    assert english_left(f"<p>{page.locator('#announcer').inner_text()}</p>", set()) == []
    assert page.console_errors == []
    page.context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_an_arabic_interface_mirrors_the_quiz_page(
    chromium: Any, pseudo_site: str, width: int
) -> None:
    """With Arabic chosen the page runs right to left: the header starts on the right, and
    nothing overflows a phone."""
    page = _page(chromium, pseudo_site, width, "ar")
    page.goto("/quiz/water-rationing-ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    brand = page.locator(".site-header .brand").bounding_box()
    assert brand and brand["x"] > width / 2  # the start of the line is on the right
    page.screenshot(path=str(Path(SCREENSHOTS) / f"quiz-ar-ui-{width}.png"))
    assert page.console_errors == []
    page.context.close()


def test_the_scripts_keep_working_without_the_words(chromium: Any, pseudo_site: str) -> None:
    """A page whose texts cannot be read (a proxy that strips attributes) still highlights:
    the keys show instead of words, and nothing throws."""
    page = _page(chromium, pseudo_site)
    page.route(
        re.compile(rf".*/quiz/{QUIZ}$"),
        lambda route: route.fulfill(
            response=route.fetch(),
            body=re.sub(r"data-texts='[^']*'", "", route.fetch().text()),
        ),
    )
    page.goto(f"/quiz/{QUIZ}")
    question = page.locator('fieldset[data-question="find-statistics"]')
    question.locator("button.activate").click()
    page.locator("#article .tok").nth(3).click()
    assert question.locator(".selection-summary").inner_text()
    assert page.console_errors == []
    page.context.close()
