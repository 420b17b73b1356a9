"""My quizzes and a quiz's sharing page in a real browser (issue 15): shared by keyboard alone,
exported as a download, no serious axe violation, nothing wider than a 360 px phone."""

from __future__ import annotations

import contextlib
import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.db.authoring import create_draft, publish
from quizapp.db.models import User
from quizapp.db.writes import WriteError, create_user
from tests.browser.conftest import PASSWORD, login
from tests.browser.test_accessibility import violations
from tests.web.test_editor_drafts import bank_document

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("QUIZAPP_SHOTS", "/tmp/quizapp-shots"))


def own_quiz(app: Flask, title: str) -> str:
    """A published quiz of teacher1's, and a colleague teacher2; the quiz's id."""
    db = app.extensions["quizapp.db"]
    with app.app_context():
        with contextlib.suppress(WriteError):  # made by an earlier test of the session
            create_user(db, "teacher2", PASSWORD, "teacher")
        with db.session() as s:
            owner = s.scalar(select(User.id).where(User.username == "teacher1"))
        document, article = bank_document()
        document["title"] = title
        return publish(db, owner, create_draft(db, owner, article, document=document)).quiz_id


def no_overflow(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width}px wide"


def test_sharing_by_keyboard_export_and_layout(page: Any, live_app: tuple[Flask, str]) -> None:
    quiz_id = own_quiz(live_app[0], "Quiz for the sharing page")
    login(page, "teacher1")
    page.goto("/author/")
    assert page.get_by_role("heading", name="Quiz for the sharing page").count()
    # This quiz's own link: earlier tests of the session may have given teacher1 others.
    link = page.locator(f'a[href$="/author/quizzes/{quiz_id}"]', has_text="Versions and sharing")
    link.click()
    page.wait_for_url(re.compile(rf".*/author/quizzes/{quiz_id}$"))
    # Keyboard alone: the username field, typed, Enter.
    page.get_by_label("Colleague's username").focus()
    page.keyboard.type("teacher2")
    page.keyboard.press("Enter")
    page.get_by_text("Shared with teacher2.").wait_for()
    page.get_by_label("Every teacher of this site").check()
    page.get_by_role("button", name="Save visibility").press("Enter")
    page.get_by_text("Visibility: every teacher of this site.").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Export (.zip)").click()
    data = Path(download.value.path()).read_bytes()
    assert f"{quiz_id}/quizzes/{quiz_id}.yaml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    found = []
    for path in ("/author/", f"/author/quizzes/{quiz_id}", "/author/import"):
        page.goto(path)
        found += [(path, v) for v in violations(page)]
    assert found == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in (("library", "/author/"), ("quiz", f"/author/quizzes/{quiz_id}"),
                           ("import", "/author/import")):  # fmt: skip
            page.goto(path)
            if width == 360:
                no_overflow(page)
            page.screenshot(path=str(SHOTS / f"editor-{name}-{width}.png"), full_page=True)
