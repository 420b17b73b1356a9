"""Browser tests: the real app served on loopback, driven by Debian's Chromium.

Without Chromium they skip with the reason; under CI=true a missing browser is an error.
"""

from __future__ import annotations

import os
import re
import tempfile
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
from quizapp.db.writes import create_classroom, create_user, import_bank
from tests.databases import BACKENDS, database_config
from tests.web.conftest import CODE, PASSWORD, SECRET_KEY

CHROMIUM = os.environ.get("QUIZAPP_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The README's screenshots are refreshed by `make screenshots`; other runs write to a temp dir.
SCREENSHOTS = Path(
    os.environ.get("QUIZAPP_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="quizapp-shots-")
)


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="session", params=BACKENDS)
def live_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, bank: Bank
) -> Iterator[tuple[Flask, str]]:
    _require_chromium()
    folder = tmp_path_factory.mktemp("browser")
    for config in database_config(request.param, folder):
        app = create_app({"SECRET_KEY": SECRET_KEY, "IMPORT_ON_START": False, **config})
        with app.app_context():
            db = app.extensions["quizapp.db"]
            upgrade(db)
            import_bank(db, bank)
            teacher = create_user(db, "teacher1", PASSWORD, "teacher")
            create_classroom(db, teacher, "Class 1", CODE)
            for name in ("alice", "bob", "carol"):
                create_user(db, name, PASSWORD, "student", CODE)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield app, f"http://127.0.0.1:{server.server_port}"
        server.shutdown()
        db.dispose()


@pytest.fixture(scope="session")
def browser(live_app: Any) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_app: tuple[Flask, str]) -> Iterator[Any]:
    context = browser.new_context(base_url=live_app[1], viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    yield page
    context.close()


def login(page: Any, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # Students land on the quizzes, teachers on their classes.
    page.wait_for_url(re.compile(r".*/(teach)?$"))
