"""The administration pages and the teacher's deletion pages in a real browser: no serious
axe violation, nothing wider than a 360 px phone, reachable with the keyboard alone, and a
screenshot of each at 360 and 1280 px."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.db.models import Classroom, User
from tests.browser.conftest import SCREENSHOTS, login
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser


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
        "admin-new-password": f"/admin/accounts/{alice}/password",
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
    page.goto(f"/admin/accounts/{alice}/password")
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
