"""A student takes the seed quiz in Chromium: mouse, keyboard alone, feedback, progress."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.core.model import Quiz
from tests.browser.conftest import SCREENSHOTS, login

pytestmark = pytest.mark.browser


def targets(quiz: Quiz, question_id: str) -> list[range]:
    return [range(*t["tokens"]) for t in quiz.question(question_id).answer_key()["targets"]]


def activate(page: Any, question_id: str) -> None:
    page.locator(f'fieldset[data-question="{question_id}"] button.activate').click()
    expect_active(page, question_id)


def expect_active(page: Any, question_id: str) -> None:
    button = page.locator(f'fieldset[data-question="{question_id}"] button.activate')
    assert button.get_attribute("aria-pressed") == "true"


def drag(page: Any, first: int, last: int) -> None:
    page.locator(f"#t-{first}").scroll_into_view_if_needed()  # the mouse acts in the viewport
    a = page.locator(f"#t-{first}").bounding_box()
    b = page.locator(f"#t-{last}").bounding_box()
    page.mouse.move(a["x"] + 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=8)
    page.mouse.up()


def hidden(page: Any, name: str) -> list[int]:
    value = page.locator(f'input[name="{name}"]').input_value()
    return [int(v) for v in value.split(",") if v]


def cursor(page: Any) -> int:
    active = page.locator("#article").get_attribute("aria-activedescendant") or "t-0"
    return int(active.removeprefix("t-"))


def move_cursor_to(page: Any, index: int) -> None:
    while (here := cursor(page)) != index:
        page.keyboard.press("ArrowRight" if here < index else "ArrowLeft")


def test_student_takes_the_seed_quiz(page: Any, seed_quiz: Quiz) -> None:
    login(page, "alice")
    page.goto("/quiz/iran-hamas-meeting")
    expect_active(page, "find-placeholder")

    # Mouse: a click on each word of the placeholder, one of which is undone and redone.
    (placeholder,) = targets(seed_quiz, "find-placeholder")
    for i in placeholder:
        page.click(f"#t-{i}")
    page.click(f"#t-{placeholder[0]}")
    assert hidden(page, "q.find-placeholder.tokens") == list(placeholder)[1:]
    page.locator('fieldset[data-question="find-placeholder"] button.undo').click()
    assert hidden(page, "q.find-placeholder.tokens") == list(placeholder)

    # Mouse drag: two of the three unsupported statistics, the third left missed.
    activate(page, "find-statistics")
    stats = targets(seed_quiz, "find-statistics")
    for span in stats[:2]:
        drag(page, span[0], span[-1])
    expected = sorted(i for span in stats[:2] for i in span)
    assert hidden(page, "q.find-statistics.tokens") == expected
    assert hidden(page, "q.find-placeholder.tokens") == list(placeholder)  # kept apart

    # Keyboard alone: Tab into the article, arrows to the word, Space, Shift+arrows.
    activate(page, "find-vague-sources")
    vague = targets(seed_quiz, "find-vague-sources")[:2]
    page.locator("#article").focus()
    for span in vague:
        move_cursor_to(page, span[0])
        page.keyboard.press("Space")
        for _ in span[1:]:
            page.keyboard.press("Shift+ArrowRight")
    assert hidden(page, "q.find-vague-sources.tokens") == sorted(i for s in vague for i in s)
    assert "Selected" in page.locator("#announcer").inner_text()

    # The other questions, as a form.
    page.check('input[name="q.classify-1.choice"][value="nothing-wrong"]')
    page.check('input[name="q.classify-2.choice"][value="loaded-language"]')
    page.check('input[name="q.trust-the-figure.option"][value="o1"]')
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "quiz.png"))

    responses = {
        "find-placeholder": {"tokens": list(placeholder)},
        "find-statistics": {"tokens": expected},
        "find-vague-sources": {"tokens": sorted(i for s in vague for i in s)},
        "classify-1": {"choice": "nothing-wrong"},
        "classify-2": {"choice": "loaded-language"},
        "trust-the-figure": {"options": ["o1"]},
    }
    predicted = grade_quiz(seed_quiz, parse_responses(seed_quiz, responses))

    page.get_by_role("button", name="Submit answers").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    score = page.locator(".score-card .score strong").inner_text()
    assert score == f"{int(predicted.score * 100 + 0.5)}%"
    assert page.locator(".badge-missed", has_text="missed").count() >= 1
    notes = " ".join(page.locator("ol.notes").all_text_contents())
    folded = " ".join(page.locator("ol.notes").all_inner_texts())
    assert "the article does not say where it comes from" not in folded  # notes start folded
    missed = page.locator("a.badge-missed").first
    note = missed.get_attribute("href")
    missed.click()  # following a mark opens its note
    expect(page.locator(f"{note} details")).to_have_attribute("open", "")
    page.get_by_role("button", name="Open all explanations").click()
    visible = " ".join(page.locator("ol.notes").all_inner_texts())
    assert "the article does not say where it comes from" in visible
    assert "over 250 Palestinian deaths" in notes  # the statistic left out, explained
    assert "The writer's template was never filled in" in notes
    assert page.console_errors == []
    page.screenshot(path=str(SCREENSHOTS / "feedback.png"), full_page=False)
    page.locator("section[aria-labelledby='article-heading']").screenshot(
        path=str(SCREENSHOTS / "feedback-article.png")
    )

    page.goto("/progress")
    assert page.locator("table.grid").last.locator("a", has_text=seed_quiz.title).count() == 1
    assert page.locator("svg.chart").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "progress.png"), full_page=True)
    page.goto("/")
    page.screenshot(path=str(SCREENSHOTS / "catalogue.png"))


def test_answers_survive_a_reload(page: Any, seed_quiz: Quiz) -> None:
    login(page, "bob")
    page.goto("/quiz/iran-hamas-meeting")
    (placeholder,) = targets(seed_quiz, "find-placeholder")
    page.click(f"#t-{placeholder[0]}")
    page.check('input[name="q.classify-1.choice"][value="placeholder"]')
    page.reload()
    expect(page.locator('input[name="q.find-placeholder.tokens"]')).to_have_value(
        str(placeholder[0])
    )
    expect(page.locator('input[name="q.classify-1.choice"][value="placeholder"]')).to_be_checked()
    expect(page.locator(f"#t-{placeholder[0]}")).to_have_class(re.compile(r"\bsel\b"))


def test_logging_out_forgets_the_answers_in_progress(page: Any, seed_quiz: Quiz) -> None:
    """On a shared computer the next student finds nothing of the last one's answers."""
    login(page, "bob")
    page.goto("/quiz/iran-hamas-meeting")
    (placeholder,) = targets(seed_quiz, "find-placeholder")
    page.click(f"#t-{placeholder[0]}")
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quizapp:'))")
    assert kept, "the answer in progress was not kept"
    page.locator("header form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.evaluate("localStorage.length") == 0


def test_phone_layout_has_no_sideways_scroll(browser: Any, live_app: Any) -> None:
    context = browser.new_context(base_url=live_app[1], viewport={"width": 360, "height": 740},
                                  has_touch=True, is_mobile=True)  # fmt: skip
    page = context.new_page()
    for path in ["/", "/quiz/iran-hamas-meeting", "/quiz/water-rationing-ar", "/login"]:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
    page.goto("/quiz/iran-hamas-meeting")
    page.locator("#t-3").tap()
    assert hidden(page, "q.find-placeholder.tokens") == [3]
    page.screenshot(path=str(SCREENSHOTS / "quiz-phone.png"))
    context.close()
