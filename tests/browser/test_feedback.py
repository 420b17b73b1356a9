"""Feedback that teaches precision, in Chromium: a student who highlights only the figure
reads that it is the figure, and an arguable word flagged is shown as arguable."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from quizapp.core.model import Quiz
from tests.browser.conftest import SCREENSHOTS, login
from tests.browser.test_student import activate
from tests.web.teach_data import tokens_of

pytestmark = pytest.mark.browser


def test_only_the_figure_is_found_and_an_arguable_word_is_arguable(
    page: Any, seed_quiz: Quiz
) -> None:
    login(page, "carol")
    page.goto("/quiz/iran-hamas-meeting")
    expect(page.locator(".howto").last).to_contain_text(
        "Highlight only the words that show the problem"
    )
    (figure,) = tokens_of(seed_quiz, "50%")
    (vital,) = tokens_of(seed_quiz, "vital")
    activate(page, "find-statistics")
    page.click(f"#t-{figure}")
    activate(page, "find-loaded-words")
    page.click(f"#t-{vital}")
    # Practice: no review step (an assignment's form has one, and posts confirm=1).
    page.get_by_role("button", name="Submit answers").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))

    # The figure's mark leads to its note, which quotes what the student picked.
    note = page.locator("li.note", has=page.locator("summary", has_text="by over 50%"))
    expect(note).to_have_class(re.compile(r"\bnote-found\b"))
    page.locator(f'a[href="#{note.get_attribute("id")}"]').click()
    expect(note.locator("details")).to_have_attribute("open", "")
    expect(note.locator("p.yours")).to_have_text("You picked “50%”: that is the figure. Found.")

    # "vital" is arguable in this quiz: flagged at no cost, not a false alarm.
    arguable = page.locator("li.note", has=page.locator("summary", has_text="vital role"))
    expect(arguable).to_have_count(1)
    expect(arguable).to_have_class(re.compile(r"\bnote-arguable-flagged\b"))
    expect(arguable.locator("summary .badge")).to_have_text(re.compile("arguable, flagged"))
    arguable.locator("summary").click()
    expect(arguable.locator("p.yours")).to_have_text("You picked “vital”.")
    expect(arguable).to_contain_text("Arguable: careful readers disagree here")
    expect(arguable).not_to_contain_text("false alarm")
    expect(page.locator(f"#t-{vital}")).to_have_class(re.compile(r"\bmark-arguable-flagged\b"))
    assert page.console_errors == []
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "feedback-precision.png"))

    # The same page on a phone: nothing wider than the screen.
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "feedback-precision-phone.png"))
