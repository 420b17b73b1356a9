"""axe-core finds no serious or critical violation on the pages a student uses."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_student_pages_pass_axe(page: Any) -> None:
    checked = []
    page.goto("/")
    checked.append(("catalogue", violations(page)))
    page.goto("/quiz/water-rationing-ar")
    checked.append(("quiz, right to left", violations(page)))
    login(page, "carol")
    page.goto("/quiz/iran-hamas-meeting")
    page.click("#t-3")
    checked.append(("quiz", violations(page)))
    page.get_by_role("button", name="Submit answers").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    checked.append(("feedback", violations(page)))
    page.goto("/progress")
    checked.append(("progress", violations(page)))
    page.goto("/login")
    checked.append(("login", violations(page)))
    assert [(name, v) for name, v in checked if v] == []


def test_the_check_itself_catches_a_broken_page(page: Any) -> None:
    page.goto("/login")
    page.set_content('<html><body><img src="x.png"><button></button></body></html>')
    found = violations(page)
    assert any(v.startswith("image-alt") for v in found)
    assert any(v.startswith("button-name") for v in found)
