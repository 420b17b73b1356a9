"""Removing a platform: a confirmation with counts, then either its accounts and classes
stay (unlinked) or they are deleted with it, in one transaction, audited; administrators
only, CSRF on; the command's flags give the same choice."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, or_, select

from quizapp.db.models import (
    Attempt,
    AuditEvent,
    Classroom,
    LtiContext,
    LtiDeployment,
    LtiGrade,
    LtiLink,
    LtiLogin,
    LtiPlatform,
    LtiUser,
    User,
)
from tests.lti.conftest import login
from tests.lti.platform import FakePlatform
from tests.lti.test_grades import _course
from tests.web.conftest import Auth, csrf_token
from tests.web.teach_data import add_users
from tests.web.test_assignments import submit, take

LTI_TABLES = (LtiPlatform, LtiDeployment, LtiLogin, LtiUser, LtiContext, LtiLink, LtiGrade)


def _count(app: Flask, model: type, *where: object) -> int:
    with app.extensions["quizapp.db"].session() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _lms_users(app: Flask) -> int:
    return _count(app, User, User.username.startswith("lms-"))


def _course_with_a_score(app: Flask, browser: FlaskClient, platform: FakePlatform) -> int:
    """A course class (its teacher's and a student's accounts), the student's attempt and
    its score queued for the gradebook, and a login in progress; returns the class."""
    room_id, assignment_id = _course(app, browser, platform)
    assert submit(browser, assignment_id, take(browser, assignment_id)).status_code in (200, 302)
    login(browser)
    assert _count(app, LtiGrade) == 1 and _count(app, LtiLogin) >= 1
    return room_id


def _admin(app: Flask) -> FlaskClient:
    add_users(app, ["admin1"], "teacher")
    assert app.test_cli_runner().invoke(args=["admin", "grant", "admin1"]).exit_code == 0
    client = app.test_client()
    Auth(client).login("admin1")
    return client


def _platform_id(app: Flask) -> int:
    with app.extensions["quizapp.db"].session() as s:
        return int(s.scalars(select(LtiPlatform.id)).one())


def test_the_confirmation_counts_and_asks(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    _course_with_a_score(app, browser, platform)
    client, pid = _admin(app), _platform_id(app)
    listing = client.get("/lti/platforms").get_data(as_text=True)
    assert f"/lti/platforms/{pid}/remove" in listing
    page = client.get(f"/lti/platforms/{pid}/remove")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for words in ("1 teacher account made", "1 student account made", "1 class (",
                  "1 attempt by", "1 score not yet sent"):  # fmt: skip
        assert words in html, words
    assert 'value="keep"' in html and 'value="delete"' in html
    assert "once an administrator gives them a password" in html  # how to sign in again
    # No choice: 400 with the reason, and nothing changes.
    refused = client.post(f"/lti/platforms/{pid}/remove", data={"csrf_token": csrf_token(html)})
    assert refused.status_code == 400
    assert "Choose whether to keep" in refused.get_data(as_text=True)
    assert _count(app, LtiPlatform) == 1 and _count(app, LtiGrade) == 1


def test_removing_and_keeping_the_people(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    room_id = _course_with_a_score(app, browser, platform)
    client, pid = _admin(app), _platform_id(app)
    html = client.get(f"/lti/platforms/{pid}/remove").get_data(as_text=True)
    response = client.post(f"/lti/platforms/{pid}/remove",
                           data={"csrf_token": csrf_token(html), "people": "keep"})  # fmt: skip
    assert response.status_code == 302
    for model in LTI_TABLES:
        assert _count(app, model) == 0, model.__tablename__
    # The people's work stays: both accounts, the class and the attempt.
    assert _lms_users(app) == 2
    assert _count(app, Classroom, Classroom.id == room_id) == 1 and _count(app, Attempt) == 1
    with app.extensions["quizapp.db"].session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "removed_platform")).one()
    assert event.actor_name == "admin1" and "accounts and classes kept" in event.detail
    assert "lti_grades: 1" in event.detail
    # Its launches are refused from now on.
    again = {"iss": "https://lms.example.edu", "login_hint": "h"}
    assert browser.get("/lti/login", query_string=again).status_code == 403


def test_removing_and_deleting_the_people_leaves_no_trace(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    room_id = _course_with_a_score(app, browser, platform)
    client, pid = _admin(app), _platform_id(app)
    others = (_count(app, User), _count(app, Classroom))
    html = client.get(f"/lti/platforms/{pid}/remove").get_data(as_text=True)
    response = client.post(f"/lti/platforms/{pid}/remove",
                           data={"csrf_token": csrf_token(html), "people": "delete"})  # fmt: skip
    assert response.status_code == 302
    for model in LTI_TABLES:
        assert _count(app, model) == 0, model.__tablename__
    assert _lms_users(app) == 0 and _count(app, Attempt) == 0
    assert _count(app, Classroom, Classroom.id == room_id) == 0
    # Everyone else's stays (teacher1's class and its students, the administrator).
    assert (_count(app, User), _count(app, Classroom)) == (others[0] - 2, others[1] - 1)
    with app.extensions["quizapp.db"].session() as s:
        actions = sorted(s.scalars(select(AuditEvent.action)))
        named = s.scalar(select(func.count()).select_from(AuditEvent).where(or_(
            AuditEvent.actor_name.startswith("lms-"), AuditEvent.subject_name.startswith("lms-"),
            AuditEvent.classroom_id == room_id)))  # fmt: skip
    assert actions == ["deleted_account", "deleted_account", "deleted_class", "granted_admin",
                       "removed_platform"]  # fmt: skip
    assert named == 0  # the trail says what went, no longer whose


def test_only_administrators_remove_and_only_with_the_csrf_token(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    _course_with_a_score(app, browser, platform)
    admin, pid = _admin(app), _platform_id(app)
    teacher = app.test_client()
    Auth(teacher).login("teacher1")
    assert teacher.get(f"/lti/platforms/{pid}/remove").status_code == 403
    html = teacher.get("/teach").get_data(as_text=True)
    form = {"csrf_token": csrf_token(html), "people": "delete"}
    assert teacher.post(f"/lti/platforms/{pid}/remove", data=form).status_code == 403
    assert admin.post(f"/lti/platforms/{pid}/remove", data={"people": "delete"}).status_code == 400
    assert admin.get("/lti/platforms/999999/remove").status_code == 404
    assert _count(app, LtiPlatform) == 1 and _lms_users(app) == 2 and _count(app, LtiGrade) == 1


def test_the_command_gives_the_same_choice(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    _course_with_a_score(app, browser, platform)
    _admin(app)
    pid = str(_platform_id(app))
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["lti", "remove", pid, "--dry-run"])
    assert dry.exit_code == 0 and "1 teacher and 1 student accounts, 1 classes" in dry.output
    unchosen = runner.invoke(args=["lti", "remove", pid])
    assert unchosen.exit_code != 0 and "--keep-accounts" in unchosen.output
    no_admin = runner.invoke(args=["lti", "remove", pid, "--delete-accounts"])
    assert no_admin.exit_code != 0 and "--admin" in no_admin.output
    assert _count(app, LtiPlatform) == 1 and _lms_users(app) == 2
    done = runner.invoke(args=["lti", "remove", pid, "--delete-accounts", "--admin", "admin1"])
    assert done.exit_code == 0, done.output
    assert _count(app, LtiPlatform) == 0 and _lms_users(app) == 0 and _count(app, Attempt) == 0


def test_the_command_keeps_the_people(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    _course_with_a_score(app, browser, platform)
    result = app.test_cli_runner().invoke(
        args=["lti", "remove", str(_platform_id(app)), "--keep-accounts"]
    )
    assert result.exit_code == 0 and "kept" in result.output
    assert _count(app, LtiPlatform) == 0 and _lms_users(app) == 2 and _count(app, Attempt) == 1
    with app.extensions["quizapp.db"].session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "removed_platform")).one()
    assert event.actor_name == "quizapp admin (server)"
