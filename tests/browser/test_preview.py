"""A teacher previews the seed quiz in Chromium: highlights, legend, explanations, copying."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from flask import Flask

from tests.browser.conftest import SCREENSHOTS, login

pytestmark = pytest.mark.browser


def test_teacher_previews_the_seed_quiz(page: Any, live_app: tuple[Flask, str]) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_app[1])
    login(page, "teacher1")
    page.goto("/author/preview/")
    page.get_by_role("link", name="iran-hamas-meeting.yaml").click()
    page.wait_for_url("**/author/preview/iran-hamas-meeting.yaml")

    legend = page.locator(".pv-legend")
    for name in ("Placeholder", "Unsupported statistic", "Loaded language", "Vague attribution"):
        assert legend.get_by_text(name).is_visible()
    assert page.locator("mark.pv-annotation").count() >= 18
    assert page.locator("mark.pv-decoy").count() >= 5

    # Keyboard focus on an annotation shows its explanation beside it.
    mark = page.locator("#m-date-placeholder")
    assert mark.inner_text() == "[insert date here]"
    mark.focus()
    tip = page.locator("#pv-tip")
    assert tip.is_visible()
    assert "template was never filled in" in tip.inner_text()
    assert "active" in (page.locator("#n-date-placeholder").get_attribute("class") or "")
    page.keyboard.press("Escape")
    assert not tip.is_visible()

    # The seed quiz keys (or marks arguable) every find of the assistant; the press release
    # does not. Hovering a suggestion shows the assistant's reason; its button copies it.
    assert page.locator("mark.pv-suggestion").count() == 0
    page.goto("/author/preview/focusfox-press-release.yaml")
    suggestion = page.locator("mark.pv-suggestion").first
    suggestion.hover()
    assert tip.is_visible()
    button = page.locator("button.pv-copy").first
    button.click()
    page.wait_for_function("document.getElementById('pv-announce').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    (entry,) = yaml.safe_load(copied)
    assert set(entry) >= {"id", "skill", "quote", "explanation"}
    assert entry["quote"] in page.locator("article.pv-article").inner_text()

    page.screenshot(path=str(SCREENSHOTS / "author-preview.png"), full_page=False)
    assert page.console_errors == []
