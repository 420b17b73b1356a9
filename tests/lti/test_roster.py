"""Rosters from the course (Names and Role Provisioning): the teacher's button and the
command make the class's roster the course's active learners."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.db.models import LtiContext, LtiUser, Membership
from tests.lti.conftest import launch
from tests.lti.platform import INSTRUCTOR, LEARNER, FakePlatform
from tests.web.conftest import csrf_token


def _member(sub: str, role: str = LEARNER, status: str = "Active") -> dict[str, object]:
    return {"user_id": sub, "roles": [role], "status": status, "name": "Real Name " + sub}


def _roster(app: Flask) -> set[str]:
    with app.extensions["quizapp.db"].session() as s:
        room = s.scalars(select(LtiContext.classroom_id)).one()
        return set(s.scalars(
            select(LtiUser.subject).join(Membership, Membership.user_id == LtiUser.user_id)
            .where(Membership.classroom_id == room)))  # fmt: skip


def test_the_teachers_button_syncs_the_roster(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,))
    with app.extensions["quizapp.db"].session() as s:
        room = s.scalars(select(LtiContext.classroom_id)).one()
    teacher = _member("teacher-9", INSTRUCTOR)
    gone = _member("student-3", status="Inactive")
    platform.members = [_member("student-1"), _member("student-2"), teacher, gone]
    page = browser.get(f"/lti/classes/{room}/grades").get_data(as_text=True)
    response = browser.post(f"/lti/classes/{room}/roster", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert "2 added (2 new accounts), 0 taken off" in browser.get(
        response.headers["Location"]).get_data(as_text=True)  # fmt: skip
    assert _roster(app) == {"student-1", "student-2"}
    # Real names stay in the platform.
    with app.extensions["quizapp.db"].session() as s:
        assert "Real Name" not in str(s.scalars(select(LtiUser.subject)).all())
    # student-2 leaves the course: off the roster (the account and its work stay).
    platform.members = [_member("student-1"), _member("student-2", status="Inactive")]
    result = app.test_cli_runner().invoke(args=["lti", "sync-roster", str(room)])
    assert result.exit_code == 0 and "0 added (0 new accounts), 1 taken off" in result.output
    assert _roster(app) == {"student-1"}


def test_a_student_launch_then_the_roster_is_one_account(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,))
    from tests.lti.conftest import https_client

    launch(https_client(app), platform, sub="student-1")
    platform.members = [_member("student-1")]
    with app.extensions["quizapp.db"].session() as s:
        room = s.scalars(select(LtiContext.classroom_id)).one()
    result = app.test_cli_runner().invoke(args=["lti", "sync-roster", str(room)])
    assert "0 added (0 new accounts)" in result.output
    with app.extensions["quizapp.db"].session() as s:
        assert len(s.scalars(select(LtiUser)).all()) == 2


def test_a_class_not_from_a_course_has_no_roster(app: Flask, platform: FakePlatform) -> None:
    from tests.web.teach_data import class_id

    result = app.test_cli_runner().invoke(args=["lti", "sync-roster", str(class_id(app))])
    assert result.exit_code != 0 and "not made by a launch" in result.output
