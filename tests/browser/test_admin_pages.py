"""The administration pages and the teacher's deletion pages in a real browser: no serious
axe violation, nothing wider than a 360 px phone, reachable with the keyboard alone, and a
screenshot of each at 360 and 1280 px; an administrator's new password also in Arabic."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.db.models import Classroom, User
from quizapp.db.writes import create_user
from tests.browser.conftest import SCREENSHOTS, login
from tests.browser.test_accessibility import violations
from tests.browser.test_languages import ALLOWED, said, visit
from tests.i18n.pseudo import english_left
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _spare(app: Flask) -> int:
    """An account of its own for the new-password pages: the live app is shared by every
    browser test, and a new password for alice would lock the later ones out."""
    db = app.extensions["quizapp.db"]
    with app.app_context(), db.session() as s:
        found = s.scalar(select(User.id).where(User.username == "spare-account"))
    if found is not None:
        return int(found)
    with app.app_context():
        return create_user(db, "spare-account", PASSWORD)


def test_admin_and_deletion_pages(page: Any, live_app: tuple[Flask, str]) -> None:
    app, _ = live_app
    app.test_cli_runner().invoke(args=["admin", "grant", "teacher1"])
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        room = s.scalar(select(Classroom.id).where(Classroom.name == "Class 1"))
        alice = s.scalar(select(User.id).where(User.username == "alice"))
    login(page, "teacher1")
    page.goto(f"/teach/classes/{room}/students/{alice}")  # a trail event to show
    pages = {
        "admin-accounts": "/admin/accounts",
        "admin-classes": "/admin/classes",
        "admin-audit": "/admin/audit",
        "admin-retention": "/admin/retention",
        "admin-new-password": f"/admin/accounts/{_spare(app)}/password",
        "admin-delete-account": f"/admin/accounts/{alice}/delete",
        "admin-delete-class": f"/admin/classes/{room}/delete",
        "teach-delete-student-data": f"/teach/classes/{room}/students/{alice}/delete-data",
        "teach-delete-class": f"/teach/classes/{room}/delete",
    }
    problems = []
    for name, path in pages.items():
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(path)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                problems.append(f"{name} at {width}px is {wide}px wide")
        if found := violations(page):
            problems.append(f"{name}: {found}")
    # A new password, asked for by keyboard, is shown once on a page that fits a phone.
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(f"/admin/accounts/{_spare(app)}/password")
    page.locator("section.card form[method=post] button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.locator(".new-password code").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "admin-password-shown-360.png"), full_page=True)
    if (wide := page.evaluate("document.documentElement.scrollWidth")) > 360:
        problems.append(f"the new password's page at 360px is {wide}px wide")
    if found := violations(page):
        problems.append(f"admin-password-shown: {found}")
    # The keyboard reaches the administration link and the trail's filter.
    page.goto("/admin/audit")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "person":
            break
    else:
        problems.append("the trail's filter cannot be reached with Tab")
    assert problems == []
    assert page.console_errors == []


def test_a_new_password_in_arabic_on_a_phone(browser: Any, live_app: tuple[Flask, str]) -> None:
    """The confirmation and the password shown once, mirrored, in Arabic, at 360 px."""
    app, base_url = live_app
    app.test_cli_runner().invoke(args=["admin", "grant", "teacher1"])
    spare = _spare(app)
    page = visit(browser, base_url, "ar", width=360)
    page.goto("/login")
    page.get_by_label(said("ar", "Username")).fill("teacher1")
    page.get_by_label(said("ar", "Password")).fill(PASSWORD)
    page.get_by_role("button", name=said("ar", "Log in")).click()
    page.wait_for_url(re.compile(r".*/teach$"))
    problems = []
    page.goto(f"/admin/accounts/{spare}/password")
    for name in ("confirmation", "shown"):
        if name == "shown":
            page.locator("section.card form[method=post] button[type=submit]").focus()
            page.keyboard.press("Enter")
            page.locator(".new-password code").wait_for()
        page.screenshot(path=str(SCREENSHOTS / f"admin-password-{name}-ar-360.png"))
        if page.locator("html").get_attribute("dir") != "rtl":
            problems.append(f"{name}: not right to left")
        if (wide := page.evaluate("document.documentElement.scrollWidth")) > 360:
            problems.append(f"{name} is {wide}px wide at 360px")
        # Names where no lang can mark them (the title, the log-out link) and LTI, a name.
        data = ("spare-account", "teacher1", "LTI")
        if left := english_left(page.content(), ALLOWED, page_lang="ar", data=data):
            problems.append(f"{name}: English left {left}")
        if found := violations(page):
            problems.append(f"{name}: {found}")
    assert problems == []
    page.context.close()
