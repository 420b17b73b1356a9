"""No lost attempts, in Chromium: Enter never submits a quiz, a graded attempt is reviewed
and confirmed first, and "Try again" after an assignment attempt is its next attempt."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect
from sqlalchemy import func, select

from quizapp.core.model import Quiz
from quizapp.db.models import Attempt
from tests.browser.conftest import SCREENSHOTS, login
from tests.web.teach_data import add_assignment, add_class, add_users, db_of, ids

pytestmark = pytest.mark.browser


def attempts_of(app: Flask, user_id: int) -> int:
    with app.app_context(), db_of(app).session() as s:
        query = select(func.count()).select_from(Attempt).where(Attempt.user_id == user_id)
        return int(s.scalar(query) or 0)


def student_with_assignment(app: Flask, name: str, **rules: Any) -> tuple[int, int]:
    """A new student alone in a new class with one assignment of the seed quiz."""
    (user,) = add_users(app, [name])
    cid, _ = add_class(app, ids(app, "teacher1")[0], f"Class of {name}", [user])
    return user, add_assignment(app, cid, **rules)


def press_on(page: Any, selector: str, *keys: str) -> None:
    page.locator(selector).focus()
    for key in keys:
        page.keyboard.press(key)


def test_keyboard_student_reviews_before_the_only_attempt(
    page: Any, live_app: tuple[Flask, str], seed_quiz: Quiz
) -> None:
    app, _ = live_app
    user, aid = student_with_assignment(app, "kira", max_attempts=1)
    login(page, "kira")
    page.goto(f"/assignments/{aid}")

    # Enter on a radio option (the browser's implicit submission) submits nothing.
    press_on(page, 'input[name="q.classify-1.choice"][value="nothing-wrong"]', "Space", "Enter")
    page.wait_for_timeout(300)
    assert page.url.endswith(f"/assignments/{aid}") and attempts_of(app, user) == 0
    expect(page.locator(".answered-count")).to_have_text(
        f"1 of {len(seed_quiz.questions)} questions answered."
    )

    # Every question but two answered from the keyboard: a word in each highlighting
    # question (its button, then Space in the article), an option in the others.
    blank = ["find-loaded-words", "checkable-sources"]
    for q in seed_quiz.questions:
        where = f'fieldset[data-question="{q.id}"]'
        if q.id in blank or q.id == "classify-1":
            continue
        if q.type_id == "spot":
            press_on(page, f"{where} button.activate", "Enter")
            expect(page.locator("#article")).to_be_focused()  # Enter moved into the article
            page.keyboard.press("Space")
        else:
            press_on(page, f"{where} input[name^='q.'] >> nth=0", "Space", "Enter")
    expect(page.locator(".answered-count")).to_have_text(
        f"{len(seed_quiz.questions) - 2} of {len(seed_quiz.questions)} questions answered."
    )
    assert attempts_of(app, user) == 0

    press_on(page, "#quiz-form button[type=submit]", "Enter")
    expect(page.locator("h1")).to_have_text("Check before you submit")
    review = page.locator("main")
    expect(review).to_contain_text("This uses attempt 1 of 1: your last one.")
    total = len(seed_quiz.questions)
    numbers = [n for n, q in enumerate(seed_quiz.questions, 1) if q.id in blank]
    expect(review).to_contain_text(
        f"You have not answered 2 of {total} questions (numbers {numbers[0]} and {numbers[1]})."
    )
    for qid in blank:
        expect(review).to_contain_text(seed_quiz.question(qid).prompt)
    assert attempts_of(app, user) == 0
    page.screenshot(path=str(SCREENSHOTS / "review.png"), full_page=True)

    # Back to the quiz: the answers are still there; then review again and confirm.
    press_on(page, "a:text('Back to the quiz')", "Enter")
    page.wait_for_url(f"**/assignments/{aid}")
    expect(page.locator('input[name="q.classify-1.choice"][value="nothing-wrong"]')).to_be_checked()
    expect(page.locator(".answered-count")).to_contain_text(f"{total - 2} of {total}")
    press_on(page, "#quiz-form button[type=submit]", "Enter")
    page.wait_for_selector("html.js #review-form")  # its script forgets the kept answers
    press_on(page, "button:text('Submit for grading')", "Enter")
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    assert attempts_of(app, user) == 1
    expect(page.locator(".no-retry")).to_contain_text("You have used all 1 attempt")
    # A new attempt would start blank: the answers kept in the browser were forgotten.
    kept = page.evaluate(f"Object.keys(localStorage).filter(k => k.endsWith(':a{aid}'))")
    assert kept == []
    assert page.console_errors == []


def test_try_again_is_the_second_attempt_in_the_gradebook(
    page: Any, live_app: tuple[Flask, str]
) -> None:
    app, _ = live_app
    _, aid = student_with_assignment(app, "lior", max_attempts=2)
    login(page, "lior")
    page.goto("/")
    page.get_by_role("link", name="Khamenei meets Hamas leaders").first.click()
    page.locator("#t-3").click()
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit for grading").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))

    page.get_by_role("link", name="Try again: attempt 2 of 2").click()
    page.wait_for_url(f"**/assignments/{aid}")  # the assignment, not the practice copy
    page.locator("#t-4").click()
    page.get_by_role("button", name="Review and submit").click()
    expect(page.locator("main")).to_contain_text("This uses attempt 2 of 2")
    page.get_by_role("button", name="Submit for grading").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    expect(page.locator(".no-retry")).to_contain_text("You have used all 2 attempts")
    page.goto("/progress")
    expect(page.locator("main")).to_contain_text("Assignment for Class of lior, attempt 2")

    page.get_by_role("button", name=re.compile(r"^Log out")).click()
    login(page, "teacher1")
    page.get_by_role("link", name="Class of lior").click()
    page.get_by_role("link", name="Gradebook").first.click()
    row = page.locator("tr", has=page.get_by_role("link", name="lior", exact=True))
    expect(row).to_contain_text("2 tries")
    assert page.console_errors == []
