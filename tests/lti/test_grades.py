"""Grades back: a student's submission through the course queues its score in the same
transaction; the sender posts the counting score to the line item, retries with backoff,
holds scores whose feedback is shut, and the teacher sees what went and what failed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db import lti_queue
from quizapp.db.models import Attempt, LtiContext, LtiGrade, utcnow
from quizapp.web.lti.grades import Report, send_due
from tests.lti.conftest import https_client, launch
from tests.lti.platform import INSTRUCTOR, FakePlatform, http_for
from tests.web.teach_data import add_assignment
from tests.web.test_assignments import submit, take

BASE = "https://quiz.example-school.org"


def _course(
    app: Flask, browser: FlaskClient, platform: FakePlatform, **rules: Any
) -> tuple[int, int]:
    """A teacher's launch (the class), an assignment linked by a student's launch: the
    student's client logged in; returns (class id, assignment id)."""
    teacher = https_client(app)
    launch(teacher, platform, sub="teacher-9", roles=(INSTRUCTOR,))
    with app.extensions["quizapp.db"].session() as s:
        room_id = s.scalars(select(LtiContext.classroom_id)).one()
    assignment_id = add_assignment(app, room_id, **rules)
    response = launch(browser, platform, sub="student-1",
                      custom={"quizapp_assignment": str(assignment_id)})  # fmt: skip
    assert response.headers["Location"].endswith(f"/assignments/{assignment_id}")
    return room_id, assignment_id


def _grades(app: Flask) -> list[LtiGrade]:
    with app.extensions["quizapp.db"].session() as s:
        return list(s.scalars(select(LtiGrade).order_by(LtiGrade.id)))


def _send(app: Flask, platform: FakePlatform, now: Any = None) -> Report:
    with app.app_context():
        return send_due(app.extensions["quizapp.db"], BASE, http_for(platform), now)


def test_a_submission_reaches_the_line_item(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    _, assignment_id = _course(app, browser, platform)
    response = submit(browser, assignment_id, take(browser, assignment_id))
    assert response.status_code in (200, 302)
    (queued,) = _grades(app)
    assert queued.status == "queued" and platform.scores == []  # nothing sent while submitting
    report = _send(app, platform)
    assert report.sent == 1
    (score,) = platform.scores
    with app.extensions["quizapp.db"].session() as s:
        attempt = s.scalars(select(Attempt)).one()
    assert score["userId"] == "student-1"
    assert score["scoreGiven"] == round(attempt.score, 4) and score["scoreMaximum"] == 1.0
    assert score["activityProgress"] == "Completed" and score["gradingProgress"] == "FullyGraded"
    assert f"{BASE}/attempts/{attempt.id}" in score["comment"]
    # The tool asked for a token signed with its key, for the score scope.
    (token_request,) = platform.token_requests
    assert token_request["grant_type"] == ["client_credentials"]
    assert "https://purl.imsglobal.org/spec/lti-ags/scope/score" in token_request["scope"][0]
    assert [g.status for g in _grades(app)] == ["sent"]
    assert _send(app, platform).sent == 0  # sent once


def test_the_counting_score_is_sent(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    _, assignment_id = _course(app, browser, platform, counting="first")
    submit(browser, assignment_id, take(browser, assignment_id))
    submit(browser, assignment_id, take(browser, assignment_id))
    assert _send(app, platform).sent == 1  # two queued rows, one score: the counting one
    with app.extensions["quizapp.db"].session() as s:
        first = s.scalars(select(Attempt).order_by(Attempt.number)).first()
    assert first is not None and f"/attempts/{first.id}" in platform.scores[0]["comment"]


def test_a_refusal_is_retried_with_backoff_then_marked_failed(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    _, assignment_id = _course(app, browser, platform)
    submit(browser, assignment_id, take(browser, assignment_id))
    platform.fail_scores = 1
    now = utcnow()
    report = _send(app, platform, now)
    assert (report.sent, report.retried) == (0, 1)
    (grade,) = _grades(app)
    assert grade.status == "queued" and grade.tries == 1 and "error" in grade.last_error
    assert grade.next_try_at >= now + timedelta(minutes=1)
    assert _send(app, platform, now + timedelta(seconds=30)).sent == 0  # not yet
    assert _send(app, platform, now + timedelta(minutes=2)).sent == 1
    # A platform that never answers: eight tries, each wait twice the last, then failed.
    platform.fail_scores = 100
    submit(browser, assignment_id, take(browser, assignment_id))
    later = now + timedelta(minutes=3)
    for _ in range(lti_queue.MAX_TRIES):
        _send(app, platform, later)
        later += timedelta(days=1)
    assert _grades(app)[-1].status == "failed"


def test_scores_wait_for_feedback_to_open(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    _, assignment_id = _course(app, browser, platform, feedback="after_due", allow_late=False)
    submit(browser, assignment_id, take(browser, assignment_id))
    assert _send(app, platform).held == 1 and platform.scores == []
    (grade,) = _grades(app)
    assert grade.status == "queued" and grade.next_try_at > utcnow()
    assert _send(app, platform, utcnow() + timedelta(days=6)).sent == 1


def test_a_class_not_from_a_course_queues_nothing(app: Flask, platform: FakePlatform) -> None:
    from tests.web.conftest import Auth
    from tests.web.teach_data import class_id

    assignment_id = add_assignment(app, class_id(app))
    client = app.test_client()
    Auth(client).login("alice")
    submit(client, assignment_id, take(client, assignment_id))
    assert _grades(app) == []


def test_the_teachers_page_shows_sent_and_failed(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    room_id, assignment_id = _course(app, browser, platform)
    submit(browser, assignment_id, take(browser, assignment_id))
    platform.fail_scores = 100
    now = utcnow()
    for day in range(lti_queue.MAX_TRIES):
        _send(app, platform, now + timedelta(days=day))
    teacher = https_client(app)
    launch(teacher, platform, sub="teacher-9", roles=(INSTRUCTOR,))
    page = teacher.get(f"/lti/classes/{room_id}/grades")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "failed" in html and "try later" in html
    from tests.web.conftest import csrf_token

    again = teacher.post(f"/lti/classes/{room_id}/grades", data={"csrf_token": csrf_token(html)})
    assert again.status_code == 302
    assert [g.status for g in _grades(app)] == ["queued"]
    platform.fail_scores = 0
    assert _send(app, platform).sent == 1
    assert "Course gradebook" in teacher.get(f"/teach/classes/{room_id}").get_data(as_text=True)


def test_the_send_grades_command(app: Flask, browser: FlaskClient, platform: FakePlatform) -> None:
    _, assignment_id = _course(app, browser, platform)
    submit(browser, assignment_id, take(browser, assignment_id))
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["lti", "send-grades"])
    assert refused.exit_code != 0 and "https://" in refused.output
    done = runner.invoke(args=["lti", "send-grades", "--base-url", BASE])
    assert done.exit_code == 0 and "1 sent, 0 to retry, 0 failed" in done.output
    assert len(platform.scores) == 1
