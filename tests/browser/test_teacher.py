"""A teacher in Chromium: creates a class, assigns the seed quiz; a student joins with the
code and submits; the teacher finds the attempt in the gradebook, heatmap and item analysis."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect

from quizapp.core.model import Quiz
from quizapp.db.models import utcnow
from tests.browser.conftest import SCREENSHOTS, login
from tests.browser.test_accessibility import violations
from tests.web.conftest import PASSWORD
from tests.web.teach_data import (
    add_assignment,
    add_users,
    answers,
    bulk_attempts,
    class_id,
    join,
    mixed,
    seed_quiz_of,
)

pytestmark = pytest.mark.browser


def logout(page: Any) -> None:
    page.get_by_role("button", name=re.compile(r"^Log out")).click()


def classmates(app: Flask, code: str, assignment_id: int, quiz: Quiz) -> None:
    """Eight more students with attempts, and two more assignments (one past due), so the
    pages look like a real class's."""
    cid = class_id(app, code)
    names = ["amira", "ben", "chloe", "dmitri", "esme", "farid", "greta", "hiro"]
    students = add_users(app, names)
    join(app, cid, students)
    flags = [
        ["axis of resistance"],
        ["axis of resistance", "bastion"],
        ["galvanizing"],
        ["axis of resistance", "pivotal role"],
    ]
    seed = [
        {**mixed(quiz, k), **(answers(quiz, find_loaded_words=flags[k % 4]) if k % 3 else {})}
        for k in range(len(students))
    ]
    bulk_attempts(app, students, [assignment_id], seed, spans_for=[assignment_id])
    now = utcnow()
    past = add_assignment(app, cid, "marathon-record", opens_at=now - timedelta(days=9),
                          due_at=now - timedelta(days=2))  # fmt: skip
    marathon = seed_quiz_of(app, past)
    bulk_attempts(app, students[:3], [past], [mixed(marathon, k) for k in range(3)])
    bulk_attempts(app, students[3:6], [past], [mixed(marathon, k) for k in range(3, 6)],
                  late=students[3:6])  # fmt: skip
    later = add_assignment(app, cid, "fuel-prices", due_at=now + timedelta(days=14))
    fuel = seed_quiz_of(app, later)
    bulk_attempts(app, students[::2], [later], [mixed(fuel, k) for k in range(4)])


def test_teacher_class_assignment_and_dashboards(
    page: Any, live_app: tuple[Flask, str], seed_quiz: Quiz
) -> None:
    app, _ = live_app
    login(page, "teacher1")
    page.goto("/teach")
    page.get_by_label("Class name").fill("Period 3 media studies")
    page.get_by_label("Time zone").select_option("UTC")  # whatever this machine's zone
    page.get_by_role("button", name="Create class").click()
    expect(page.locator("h1")).to_contain_text("Period 3 media studies")
    code = page.locator(".join-code.big code").inner_text()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)

    page.get_by_role("link", name="Assign a quiz").click()
    page.get_by_label("Quiz", exact=True).select_option("iran-hamas-meeting")
    due = (utcnow() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Due (UTC)").fill(due)
    page.get_by_label("Attempts allowed").fill("2")
    page.get_by_label("The best").check()
    page.get_by_label("Right after each attempt").check()
    page.get_by_role("button", name="Assign").click()
    expect(page.locator(".flash-success")).to_contain_text("Assignment set")
    analysis_link = page.locator("table.grid a", has_text=seed_quiz.title)
    assignment_id = int(analysis_link.get_attribute("href").rsplit("/", 1)[1])

    # A day more: on the assignment's page, the edit form opens from the keyboard.
    analysis_link.click()
    page.get_by_text("Change or delete this assignment").focus()
    page.keyboard.press("Enter")
    later = (utcnow() + timedelta(days=8)).replace(second=0, microsecond=0)
    page.get_by_label("Due (UTC)").fill(later.strftime("%Y-%m-%dT%H:%M"))
    edit_violations = violations(page)
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".flash-success")).to_contain_text("Assignment changed.")
    expect(page.locator("main")).to_contain_text(f"Due {later:%d %b %Y, %H:%M} UTC")
    assert edit_violations == []
    logout(page)

    # A new student joins with the code, as read from the board, and takes the assignment.
    page.goto("/register")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Class code").fill(code.lower())
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator(".flash")).to_contain_text("Welcome, dana!")
    page.get_by_role("link", name=seed_quiz.title).first.click()
    page.wait_for_url(f"**/assignments/{assignment_id}")
    (placeholder,) = [
        range(*t["tokens"]) for t in seed_quiz.question("find-placeholder").answer_key()["targets"]
    ]
    for i in placeholder:
        page.click(f"#t-{i}")
    page.check('input[name="q.classify-1.choice"][value="loaded-language"]')
    page.get_by_role("button", name="Review and submit").click()
    expect(page.locator("h1")).to_have_text("Check before you submit")
    page.get_by_role("button", name="Submit for grading").click()
    page.wait_for_url(re.compile(r".*/attempts/\d+$"))
    score = page.locator(".score-card .score strong").inner_text()
    logout(page)

    classmates(app, code.replace("-", ""), assignment_id, seed_quiz)
    login(page, "teacher1")
    page.goto("/teach")
    page.get_by_role("link", name="Period 3 media studies").click()
    page.get_by_role("link", name="Gradebook").first.click()
    dana = page.locator("tr", has=page.get_by_role("link", name="dana", exact=True))
    expect(dana).to_contain_text(score)
    expect(page.locator("td.cell-late").first).to_contain_text("late")
    expect(page.locator("td.cell-missing").first).to_contain_text("missing")
    page.get_by_role("link", name=re.compile(r"^Average")).click()  # sort by average
    expect(page.locator("th[aria-sort='ascending']")).to_contain_text("Average")
    page.get_by_role("link", name=re.compile(r"^Average")).click()
    expect(page.locator("th[aria-sort='descending']")).to_contain_text("Average")
    page.screenshot(path=str(SCREENSHOTS / "gradebook.png"), full_page=True)
    checked = [("gradebook", violations(page))]

    page.get_by_role("link", name="Skill heatmap").first.click()
    row = page.locator("tr", has=page.get_by_role("link", name="dana", exact=True))
    expect(row.locator("td.heat").first).to_contain_text("Found")
    expect(row).to_contain_text("Found 100%")  # the placeholder: found
    page.screenshot(path=str(SCREENSHOTS / "heatmap.png"), full_page=True)
    checked.append(("heatmap", violations(page)))

    page.goto(f"/teach/classes/{class_id(app, code.replace('-', ''))}/assignments/{assignment_id}")
    expect(page.locator("main")).to_contain_text("9 of 9 students submitted")
    expect(page.locator(".phrases")).to_contain_text("flagged “axis of resistance”")
    expect(page.locator("svg.bar-chart")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "item-analysis.png"), full_page=True)
    checked.append(("item analysis", violations(page)))

    page.goto("/teach/quizzes/iran-hamas-meeting/key")
    checked.append(("answer key", violations(page)))
    assert [(name, v) for name, v in checked if v] == []
    assert page.console_errors == []


def test_a_new_class_starts_in_the_browsers_time_zone(
    browser: Any, live_app: tuple[Flask, str]
) -> None:
    context = browser.new_context(base_url=live_app[1], timezone_id="America/Los_Angeles")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    login(page, "teacher1")
    page.goto("/teach")
    expect(page.get_by_label("Time zone")).to_have_value("America/Los_Angeles")
    page.get_by_label("Class name").fill("Period 6 (Los Angeles)")
    page.get_by_role("button", name="Create class").click()
    expect(page.locator("h1")).to_contain_text("Period 6 (Los Angeles)")
    expect(page.get_by_label("Time zone")).to_have_value("America/Los_Angeles")
    page.get_by_role("link", name="Assign a quiz").click()
    expect(page.get_by_label("Due (America/Los_Angeles)")).to_be_visible()
    context.close()
    assert errors == []
