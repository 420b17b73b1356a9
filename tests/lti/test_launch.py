"""Login and launch from the fake platform: teacher and student, the class of the course,
the assignment of a link, and the cookies and framing a launch inside an iframe needs."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db.models import Classroom, LtiContext, LtiLink, LtiLogin, LtiUser, Membership, User
from tests.lti.conftest import https_client, launch, login
from tests.lti.platform import INSTRUCTOR, LINEITEM, LOGIN_URL, FakePlatform
from tests.web.teach_data import add_assignment


def _count(app: Flask, model: type) -> int:
    with app.extensions["quizapp.db"].session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_login_redirects_to_the_platform_with_a_state_cookie(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    state, nonce = login(browser)
    assert state and nonce and _count(app, LtiLogin) == 1
    cookie = browser.get_cookie("lti1p3-" + state, path="/lti/launch")
    assert cookie is not None and cookie.value == state


def test_post_login_works_too(browser: FlaskClient, platform: FakePlatform) -> None:
    form = {"iss": "https://lms.example.edu", "login_hint": "h", "client_id": "quizapp-client-1"}
    response = browser.post("/lti/login", data=form)
    assert response.status_code == 302 and response.headers["Location"].startswith(LOGIN_URL)


def test_login_from_an_unregistered_platform_is_refused(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    response = browser.get("/lti/login", query_string={"iss": "https://evil.example",
                                                       "login_hint": "h"})  # fmt: skip
    assert response.status_code == 403
    assert "No platform is registered" in response.get_data(as_text=True)
    assert _count(app, LtiLogin) == 0


def test_teacher_launch_makes_the_account_and_the_class(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    response = launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,))
    assert response.status_code == 302
    with app.extensions["quizapp.db"].session() as s:
        context = s.scalars(select(LtiContext)).one()
        room = s.get(Classroom, context.classroom_id)
        user = s.get(User, s.scalars(select(LtiUser)).one().user_id)
        assert room is not None and user is not None
        assert room.name == "Media literacy 7B" and room.teacher_id == user.id
        assert user.role == "teacher" and user.username.startswith("lms-")
        assert not room.join_enabled  # students come through the course, not a code
    # The link opens no quiz yet (the course did not use deep linking): choose one first.
    assert response.headers["Location"].endswith("/lti/link")
    page = browser.get(response.headers["Location"])
    assert page.status_code == 200 and "Media literacy 7B" in page.get_data(as_text=True)
    assert browser.get(f"/teach/classes/{room.id}").status_code == 200
    # The same person again: the same account, no second class.
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,))
    assert _count(app, LtiUser) == 1 and _count(app, LtiContext) == 1


def test_student_launch_opens_the_linked_assignment(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,))
    with app.extensions["quizapp.db"].session() as s:
        room_id = s.scalars(select(LtiContext.classroom_id)).one()
    assignment_id = add_assignment(app, room_id)
    student = https_client(app)
    response = launch(student, platform, sub="student-1",
                      custom={"quizapp_assignment": str(assignment_id)})  # fmt: skip
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/assignments/{assignment_id}")
    page = student.get(response.headers["Location"])
    assert page.status_code == 200
    with app.extensions["quizapp.db"].session() as s:
        link = s.scalars(select(LtiLink)).one()
        assert (link.assignment_id, link.lineitem_url) == (assignment_id, LINEITEM)
        user_id = s.scalars(select(LtiUser.user_id).where(LtiUser.subject == "student-1")).one()
        assert s.get(Membership, (user_id, room_id)) is not None
    # Inside the platform's iframe: the session cookie crosses sites, and only the
    # registered platform may frame the page.
    cookie = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookie if c.startswith("session="))
    assert "SameSite=None" in session_cookie and "Secure" in session_cookie
    assert "Partitioned" in session_cookie
    csp = page.headers["Content-Security-Policy"]
    assert (
        "frame-ancestors https://lms.example.edu" in csp
        and "'none'" not in csp.split("frame-ancestors")[1].split(";")[0]
    )
    assert "X-Frame-Options" not in page.headers


def test_student_before_the_teacher_is_told_to_wait(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    response = launch(browser, platform, sub="student-1")
    assert response.status_code == 409
    assert "teacher opens quizapp" in response.get_data(as_text=True)
    assert _count(app, LtiUser) == 0 and _count(app, Classroom) == 1  # the fixture's own


def test_the_rest_of_the_site_keeps_its_cookie_and_framing(
    client: FlaskClient, platform: FakePlatform
) -> None:
    from tests.web.conftest import Auth

    response = Auth(client).login("alice")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "SameSite=Lax" in cookie
    page = client.get("/")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
