"""Every student and teacher page on a 360 px phone: nothing wider than the screen (wide
tables scroll inside a region the keyboard reaches) and no serious axe violation."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask

from quizapp.db.models import utcnow
from tests.browser.conftest import SCREENSHOTS, login
from tests.browser.test_accessibility import violations
from tests.web.teach_data import (
    add_assignment,
    add_attempt,
    add_class,
    add_users,
    answers,
    ids,
    seed_quiz_of,
)

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
SHOWN = {"home", "progress", "feedback", "review", "teacher student", "item analysis"}


def phone_class(app: Flask, student: str) -> dict[str, Any]:
    """A class with a long name, a student with graded, hidden and used-up assignments."""
    (pia,) = add_users(app, [student])
    cid, _ = add_class(app, ids(app, "teacher1")[0], f"Year 9 media literacy ({student})", [pia])
    now = utcnow()
    seed = add_assignment(app, cid, max_attempts=2)
    hidden = add_assignment(app, cid, "marathon-record", feedback="never", max_attempts=1)
    used = add_assignment(app, cid, "water-rationing-ar", max_attempts=1,
                          due_at=now + timedelta(days=1))  # fmt: skip
    quiz = seed_quiz_of(app, seed)
    graded, _ = add_attempt(app, pia, seed, answers(quiz, find_placeholder=["insert date here"]))
    submitted, _ = add_attempt(app, pia, hidden)
    add_attempt(app, pia, used)
    return {"cid": cid, "pia": pia, "seed": seed, "used": used, "graded": graded,
            "submitted": submitted}  # fmt: skip


def check(page: Any, name: str, found: list[str]) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 360:
        found.append(f"{name} ({page.url}): {width} px wide")
    found.extend(f"{name} ({page.url}): {v}" for v in violations(page))
    if name in SHOWN:
        page.screenshot(path=str(SCREENSHOTS / f"phone-{name.replace(' ', '-')}.png"))


def test_every_page_fits_a_phone_and_passes_axe(browser: Any, live_app: tuple[Flask, str]) -> None:
    app, base = live_app
    data = phone_class(app, "pia-with-a-long-nickname")
    cid = data["cid"]
    found: list[str] = []
    context = browser.new_context(base_url=base, **PHONE)
    page = context.new_page()

    for name, path in [("home", "/"), ("login", "/login"), ("register", "/register"),
                       ("practice quiz", "/quiz/iran-hamas-meeting"),
                       ("quiz, right to left", "/quiz/water-rationing-ar")]:  # fmt: skip
        page.goto(path)
        check(page, f"visitor {name}", found)
    page.locator("#quiz-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/practice/.*"))
    check(page, "practice result", found)

    login(page, "pia-with-a-long-nickname")
    for name, path in [
        ("home", "/"),
        ("progress", "/progress"),
        ("join", "/join"),
        ("feedback", f"/attempts/{data['graded']}"),
        ("submitted", f"/attempts/{data['submitted']}"),
        ("no attempt left", f"/assignments/{data['used']}"),
        ("assignment quiz", f"/assignments/{data['seed']}"),
    ]:
        page.goto(path)
        check(page, name, found)
    page.locator("#t-3").tap()
    page.locator(".hl-bar-next").tap()  # the phone bar: the whole question, and on to the next
    check(page, "highlighting bar", found)
    page.get_by_role("button", name="Review and submit").click()
    page.wait_for_url(re.compile(r".*/submit$"))
    check(page, "review", found)
    page.get_by_role("button", name=re.compile(r"^Log out")).click()

    login(page, "teacher1")
    room = f"/teach/classes/{cid}"
    for name, path in [
        ("teacher home", "/teach"),
        ("quizzes and keys", "/teach/quizzes"),
        ("answer key", "/teach/quizzes/iran-hamas-meeting/key"),
        ("author preview", "/author/preview"),
        ("author preview file", "/author/preview/iran-hamas-meeting.yaml"),
        ("class", room),
        ("new assignment", f"{room}/assignments/new"),
        ("item analysis", f"{room}/assignments/{data['seed']}"),
        ("delete assignment", f"{room}/assignments/{data['seed']}/delete"),
        ("gradebook", f"{room}/gradebook"),
        ("heatmap", f"{room}/heatmap"),
        ("teacher student", f"{room}/students/{data['pia']}"),
        ("teacher attempt", f"{room}/attempts/{data['graded']}"),
    ]:
        page.goto(path)
        check(page, name, found)
    context.close()
    assert found == []


def test_wide_tables_scroll_in_named_regions_the_keyboard_reaches(
    browser: Any, live_app: tuple[Flask, str]
) -> None:
    app, base = live_app
    cid = phone_class(app, "quinn")["cid"]
    context = browser.new_context(base_url=base, **PHONE)
    page = context.new_page()
    login(page, "teacher1")
    page.goto(f"/teach/classes/{cid}/gradebook")
    region = page.locator(".table-wrap")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    assert page.get_by_role("region", name="Gradebook").count() == 1
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # it does scroll here
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # Keyboard scrolling is animated: wait for it to move.
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=3000)
    context.close()
