"""The interface in each of its languages, in Chromium: the language a browser asks for, the
switch at the foot of every page, and an Arabic student's whole journey, mirrored and in
Arabic from the login to the feedback and the progress page, with axe clean."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.support import Translations

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_accessibility import violations
from tests.i18n.pseudo import english_left
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser

CATALOGUES = Path(__file__).resolve().parents[2] / "quizapp" / "translations"
# Data, not interface: the brand, a student's name, keys printed on keyboards.
ALLOWED = {"quizapp", "carol", "Tab", "Shift", "Ctrl", "Home", "End", "Enter", "Space", "Escape",
           "English", "Español", "JSON", "CSV", "Class", "UTC"}  # fmt: skip


def said(code: str, message: str) -> str:
    """``message`` as the shipped catalogue of ``code`` says it."""
    if code == "en":
        return message
    return str(Translations.load(str(CATALOGUES), [code]).gettext(message))


def visit(browser: Any, base_url: str, code: str, width: int = 1280) -> Any:
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": 900}, locale=code,
        extra_http_headers={"Accept-Language": f"{code};q=0.9"},
    )  # fmt: skip
    return context.new_page()


@pytest.mark.parametrize("code", ["en", "es", "ru", "ar"])
def test_the_browser_language_picks_the_interface(browser: Any, live_app: Any, code: str) -> None:
    page = visit(browser, live_app[1], code)
    page.goto("/quiz/library-reopens")
    html = page.locator("html")
    assert html.get_attribute("lang") == code
    assert html.get_attribute("dir") == ("rtl" if code == "ar" else "ltr")
    nav = page.get_by_role("navigation").first
    assert nav.get_by_role("link", name=said(code, "Log in")).is_visible()
    page.screenshot(path=str(SCREENSHOTS / f"quiz-{code}.png"))
    page.context.close()


def test_the_switch_changes_the_language_by_keyboard(browser: Any, live_app: Any) -> None:
    page = visit(browser, live_app[1], "en")
    page.goto("/quiz/library-reopens")
    page.locator("#language-choice").focus()
    page.keyboard.press("End")  # the last language offered: Arabic
    page.keyboard.press("Tab")
    with page.expect_navigation():  # the same address comes back: wait for the new page
        page.keyboard.press("Enter")
    assert page.url.endswith("/quiz/library-reopens")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "ar"  # kept in the cookie
    page.context.close()


def _arabic_only(page: Any) -> list[str]:
    return english_left(page.content(), ALLOWED, page_lang="ar")


def test_an_arabic_student_takes_the_arabic_quiz(browser: Any, live_app: Any) -> None:
    page = visit(browser, live_app[1], "ar")
    checked: list[tuple[str, list[str], list[str]]] = []
    page.goto("/login")
    checked.append(("login", _arabic_only(page), violations(page)))
    page.locator("input[name=username]").fill("carol")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/$"))
    checked.append(("quizzes", _arabic_only(page), violations(page)))

    page.goto("/quiz/water-rationing-ar")
    checked.append(("quiz", _arabic_only(page), violations(page)))
    # Mirrored: the article, first in reading order, stands right of the questions.
    article = page.locator("#article").bounding_box()
    questions = page.locator("section.questions").bounding_box()
    assert article["x"] > questions["x"]
    page.screenshot(path=str(SCREENSHOTS / "arabic-quiz.png"))
    page.locator("#t-5").click()
    page.locator("#quiz-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    checked.append(("feedback", _arabic_only(page), violations(page)))
    page.screenshot(path=str(SCREENSHOTS / "arabic-feedback.png"), full_page=False)

    # An English quiz too: its own skill is named in English on the progress page, marked so.
    page.goto("/quiz/iran-hamas-meeting")
    page.locator("#t-5").click()
    page.locator("#quiz-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    page.goto("/progress")
    assert page.locator('th span[lang="en"]', has_text="Unsupported claim").count() == 1
    checked.append(("progress", _arabic_only(page), violations(page)))
    assert page.locator("html").get_attribute("dir") == "rtl"
    problems = [(name, left, axe) for name, left, axe in checked if left or axe]
    assert problems == [], "\n".join(map(str, problems))
    page.context.close()


def test_an_arabic_phone(browser: Any, live_app: Any) -> None:
    page = visit(browser, live_app[1], "ar", width=360)
    page.goto("/quiz/water-rationing-ar")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide on a 360 px phone"
    page.screenshot(path=str(SCREENSHOTS / "arabic-quiz-phone.png"))
    page.context.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_an_english_reader_of_the_arabic_quiz(browser: Any, live_app: Any, width: int) -> None:
    """An English interface on an Arabic quiz: the page is English and left to right, the
    marks' legend and the notes are Arabic and right to left, and it all fits and passes axe."""
    page = visit(browser, live_app[1], "en", width=width)
    page.goto("/login")
    page.locator("input[name=username]").fill("carol")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/$"))
    page.goto("/quiz/water-rationing-ar")
    page.locator("#t-5").click()
    page.locator("#quiz-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    assert page.locator("html").get_attribute("dir") == "ltr"
    notes = page.locator("ol.notes").first
    assert notes.get_attribute("lang") == "ar" and notes.get_attribute("dir") == "rtl"
    page.locator("#notes-toggle").click()  # every explanation open
    first = page.locator("ol.notes li").first
    assert first.locator("p.yours").first.is_visible()
    assert english_left(notes.inner_html(), ALLOWED, page_lang="ar") == []
    assert violations(page) == []
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page is {scroll} px wide at {width} px"
    suffix = "-phone" if width == 360 else ""
    page.locator("ol.notes").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"mixed-feedback{suffix}.png"))
    page.context.close()
