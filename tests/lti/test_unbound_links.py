"""Links a course made without deep linking (its launch URL pasted in): the teacher's
launch chooses the quiz and its rules, a line item is made through AGS when the launch
offers only ``lineitems``, students then take it and their scores reach that column. A
student who comes first is told to wait."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db.models import Assignment, LtiGrade, LtiLink, utcnow
from quizapp.web.lti.grades import send_due
from tests.lti.conftest import https_client, launch
from tests.lti.platform import INSTRUCTOR, ISSUER, LEARNER, FakePlatform, http_for
from tests.web.conftest import Auth, csrf_token
from tests.web.test_assignments import submit, take

AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
LINEITEMS = f"{ISSUER}/courses/7/lineitems"
SCOPES = ["https://purl.imsglobal.org/spec/lti-ags/scope/score",
          "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"]  # fmt: skip
# A pasted link: the launch offers the course's line items, names no line item of its own.
PASTED = {AGS: {"scope": SCOPES, "lineitems": LINEITEMS}}


class LineItems:
    """The platform's line items service, in front of the fake platform's other answers."""

    def __init__(self, platform: FakePlatform) -> None:
        self.platform, self.other = platform, platform.answer
        self.items: list[dict[str, Any]] = []
        self.refuse = False
        platform.answer = self.answer  # type: ignore[method-assign]

    def answer(self, request: requests.PreparedRequest) -> tuple[int, Any]:
        url = str(request.url)
        if url == LINEITEMS and request.method == "GET":
            return 200, self.items
        if url == LINEITEMS and request.method == "POST":
            if self.refuse:
                return 403, {"error": "line items are not allowed here"}
            item = {**json.loads(request.body or "{}"), "id": f"{LINEITEMS}/{len(self.items) + 9}"}
            self.items.append(item)
            return 201, item
        if any(url == f"{i['id']}/scores" for i in self.items) and request.method == "POST":
            self.platform.scores.append({**json.loads(request.body or "{}"), "to": url})
            return 200, {}
        return self.other(request)


@pytest.fixture
def lineitems(platform: FakePlatform) -> LineItems:
    return LineItems(platform)


def _bind(browser: FlaskClient, **fields: str) -> Any:
    page = browser.get("/lti/link")
    assert page.status_code == 200
    due = (utcnow() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    form = {"csrf_token": csrf_token(page.get_data(as_text=True)), "quiz": "iran-hamas-meeting",
            "due_at": due, "max_attempts": "2", "counting": "best", "feedback": "immediate",
            **fields}  # fmt: skip
    return browser.post("/lti/link", data=form)


def _links(app: Flask) -> list[LtiLink]:
    with app.extensions["quizapp.db"].session() as s:
        return list(s.scalars(select(LtiLink).order_by(LtiLink.id)))


def test_teacher_binds_a_pasted_link_and_scores_reach_the_new_column(
    app: Flask, browser: FlaskClient, platform: FakePlatform, lineitems: LineItems
) -> None:
    response = launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,), link="pasted-1",
                      **PASTED)  # fmt: skip
    assert response.status_code == 302 and response.headers["Location"].endswith("/lti/link")
    page = browser.get("/lti/link").get_data(as_text=True)
    assert "Media literacy 7B" in page and 'name="due_at"' in page  # the rules' macro
    bound = _bind(browser)
    assert bound.status_code == 302 and "/assignments/" in bound.headers["Location"]
    (link,) = _links(app)
    (item,) = lineitems.items
    assert link.resource_link_id == "pasted-1" and link.lineitem_url == item["id"]
    assert item["resourceLinkId"] == "pasted-1" and item["scoreMaximum"] == 1
    assert item["resourceId"] == f"assignment-{link.assignment_id}" and item["label"]
    with app.extensions["quizapp.db"].session() as s:
        assignment = s.get(Assignment, link.assignment_id)
        assert assignment is not None and assignment.max_attempts == 2
    assert browser.get("/lti/link").status_code == 400  # used: the page is gone
    # The teacher's next launch of the link opens the assignment's page.
    again = launch(https_client(app), platform, sub="teacher-9", roles=(INSTRUCTOR,),
                   link="pasted-1", **PASTED)  # fmt: skip
    assert again.headers["Location"].endswith(
        f"/classes/{assignment.classroom_id}/assignments/{assignment.id}"
    )
    # A student takes it from the course; the score goes to the column made for it.
    student = https_client(app)
    opened = launch(student, platform, sub="student-1", roles=(LEARNER,), link="pasted-1",
                    **PASTED)  # fmt: skip
    assert opened.headers["Location"].endswith(f"/assignments/{assignment.id}")
    submit(student, assignment.id, take(student, assignment.id))
    with app.app_context():
        report = send_due(app.extensions["quizapp.db"], "https://quiz.example.org",
                          http_for(platform))  # fmt: skip
    assert report.sent == 1
    (score,) = platform.scores
    assert score["to"] == f"{item['id']}/scores" and score["userId"] == "student-1"
    assert len(lineitems.items) == 1  # made once


def test_a_student_on_an_unbound_link_is_told_to_wait(
    app: Flask, browser: FlaskClient, platform: FakePlatform, lineitems: LineItems
) -> None:
    launch(https_client(app), platform, sub="teacher-9", roles=(INSTRUCTOR,), link="other")
    response = launch(browser, platform, sub="student-1", roles=(LEARNER,), link="pasted-2",
                      **PASTED)  # fmt: skip
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/lti/link/waiting")
    page = browser.get(response.headers["Location"])
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Your teacher has not chosen a quiz for this link yet." in text
    assert "iran-hamas-meeting" not in text and 'name="quiz"' not in text
    # The bind page is a teacher's: a student is refused and nothing is made.
    assert browser.get("/lti/link").status_code == 403
    assert _links(app) == [] and lineitems.items == []
    with app.extensions["quizapp.db"].session() as s:
        assert s.scalar(select(func.count()).select_from(Assignment)) == 0


def test_binding_without_a_line_items_service_keeps_scores_in_quizapp(
    app: Flask, browser: FlaskClient, platform: FakePlatform, lineitems: LineItems
) -> None:
    no_ags = {AGS: None}
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,), link="pasted-3", **no_ags)
    bound = _bind(browser)
    assert bound.status_code == 302
    (link,) = _links(app)
    assert link.lineitem_url is None and lineitems.items == []
    page = browser.get(bound.headers["Location"]).get_data(as_text=True)
    assert "no gradebook column for this link" in page


def test_a_refused_line_item_is_said_and_the_quiz_still_opens(
    app: Flask, browser: FlaskClient, platform: FakePlatform, lineitems: LineItems
) -> None:
    lineitems.refuse = True
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,), link="pasted-4", **PASTED)
    bound = _bind(browser)
    assert bound.status_code == 302
    (link,) = _links(app)
    assert link.lineitem_url is None
    page = browser.get(bound.headers["Location"]).get_data(as_text=True)
    assert "made no column for this quiz" in page and "403" in page
    with app.extensions["quizapp.db"].session() as s:
        assert s.scalar(select(func.count()).select_from(LtiGrade)) == 0


def test_bad_rules_change_nothing_and_the_page_needs_a_launch(
    app: Flask, browser: FlaskClient, platform: FakePlatform, lineitems: LineItems
) -> None:
    teacher = https_client(app)
    Auth(teacher).login("teacher1")
    assert teacher.get("/lti/link").status_code == 400  # no launch of a link
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,), link="pasted-5", **PASTED)
    refused = _bind(browser, max_attempts="0", due_at="")
    assert refused.status_code == 200 and 'name="quiz"' in refused.get_data(as_text=True)
    missing = browser.post("/lti/link", data={"quiz": "iran-hamas-meeting"})  # no CSRF token
    assert missing.status_code == 400
    assert _links(app) == [] and lineitems.items == []
    with app.extensions["quizapp.db"].session() as s:
        assert s.scalar(select(func.count()).select_from(Assignment)) == 0
