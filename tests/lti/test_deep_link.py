"""Deep linking: the teacher picks a quiz and its rules inside the platform, the tool posts
back a signed resource link with a line item, and the link then opens that assignment."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import jwt
from flask import Flask
from flask.testing import FlaskClient
from jwcrypto.jwk import JWK
from sqlalchemy import select

from quizapp.db.models import Assignment, LtiContext, utcnow
from tests.lti.conftest import https_client, launch
from tests.lti.platform import CLIENT_ID, DEPLOYMENT, INSTRUCTOR, ISSUER, LEARNER, FakePlatform
from tests.web.conftest import csrf_token

DL_RESPONSE_CLAIMS = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"


def _pick(browser: FlaskClient, **fields: str) -> str:
    page = browser.get("/lti/deep-link")
    assert page.status_code == 200
    due = (utcnow() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    form = {"csrf_token": csrf_token(page.get_data(as_text=True)), "quiz": "iran-hamas-meeting",
            "due_at": due, "max_attempts": "2", "counting": "best", "feedback": "immediate",
            **fields}  # fmt: skip
    response = browser.post("/lti/deep-link", data=form)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_teacher_adds_a_quiz_and_students_open_it(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    response = launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,),
                      message_type="LtiDeepLinkingRequest")  # fmt: skip
    assert response.status_code == 302 and response.headers["Location"].endswith("/lti/deep-link")
    html = _pick(browser)
    action = re.search(r'<form method="post" action="([^"]+)"', html)
    token = re.search(r'name="JWT" value="([^"]+)"', html)
    assert action and token
    assert unescape(action.group(1)) == f"{ISSUER}/deep_links/return"
    keys = browser.get("/lti/jwks").get_json()["keys"]
    header = jwt.get_unverified_header(token.group(1))
    public = JWK(**next(k for k in keys if k["kid"] == header["kid"])).export_to_pem()
    claims = jwt.decode(token.group(1), public, algorithms=["RS256"], audience=ISSUER)
    assert claims["iss"] == CLIENT_ID
    assert claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] == DEPLOYMENT
    assert (
        claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] == "LtiDeepLinkingResponse"
    )
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == "opaque-1"
    (item,) = claims[DL_RESPONSE_CLAIMS]
    assert item["type"] == "ltiResourceLink" and item["url"].endswith("/lti/launch")
    assert item["lineItem"]["scoreMaximum"] == 1
    assignment_id = int(item["custom"]["quizapp_assignment"])
    with app.extensions["quizapp.db"].session() as s:
        assignment = s.get(Assignment, assignment_id)
        room_id = s.scalars(select(LtiContext.classroom_id)).one()
        assert assignment is not None and assignment.classroom_id == room_id
        assert assignment.max_attempts == 2
    # The platform launches the new link with the custom parameter it was given.
    student = https_client(app)
    opened = launch(student, platform, sub="student-1", roles=(LEARNER,), link="new-link",
                    custom=item["custom"])  # fmt: skip
    assert opened.headers["Location"].endswith(f"/assignments/{assignment_id}")


def test_the_answer_may_post_to_the_platform_only(
    browser: FlaskClient, platform: FakePlatform
) -> None:
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,),
           message_type="LtiDeepLinkingRequest")  # fmt: skip
    page = browser.get("/lti/deep-link")
    due = (utcnow() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    form = {
        "csrf_token": csrf_token(page.get_data(as_text=True)),
        "quiz": "iran-hamas-meeting",
        "due_at": due,
        "max_attempts": "1",
        "counting": "best",
        "feedback": "immediate",
    }
    response = browser.post("/lti/deep-link", data=form)
    csp = response.headers["Content-Security-Policy"]
    assert f"form-action 'self' {ISSUER}" in csp
    assert "<script>" not in response.get_data(as_text=True)  # the static lti.js submits it


def test_bad_choices_are_refused_with_the_form_again(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,),
           message_type="LtiDeepLinkingRequest")  # fmt: skip
    html = _pick(browser, quiz="no-such-quiz")
    assert "no such quiz" in html and 'name="JWT"' not in html
    with app.extensions["quizapp.db"].session() as s:
        assert s.scalars(select(Assignment)).all() == []


def test_students_cannot_deep_link(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,))  # the class exists
    student = https_client(app)
    response = launch(student, platform, sub="student-1", roles=(LEARNER,),
                      message_type="LtiDeepLinkingRequest")  # fmt: skip
    assert response.status_code == 403


def test_the_picker_needs_a_deep_linking_launch(
    browser: FlaskClient, platform: FakePlatform
) -> None:
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,))
    assert browser.get("/lti/deep-link").status_code == 400


def test_a_place_that_takes_no_resource_link_is_refused(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    settings = {"deep_link_return_url": f"{ISSUER}/return", "accept_types": ["file", "html"],
                "accept_presentation_document_targets": ["iframe"]}  # fmt: skip
    claim = {"https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": settings}
    response = launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,),
                      message_type="LtiDeepLinkingRequest", **claim)  # fmt: skip
    assert response.status_code == 400
    # The library's own check: a deep link that cannot take a resource link is refused.
    assert "accept no resource link" in response.get_data(as_text=True)
