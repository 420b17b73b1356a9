"""A launch from a learning platform in a real browser: the platform's course page (another
site) frames quizapp, the OIDC login and the launch run inside the iframe, and the student
lands on the assignment there; the LTI pages pass axe, fit a 360 px phone and are
screenshot at 360 and 1280 px."""

from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from flask import Flask
from sqlalchemy import select

from quizapp.db.models import Attempt, LtiContext, LtiDeployment, LtiGrade, LtiPlatform
from tests.browser.conftest import SCREENSHOTS, login
from tests.browser.test_accessibility import violations
from tests.lti.platform import CLIENT_ID, DEPLOYMENT, INSTRUCTOR, LEARNER, FakePlatform, http_for
from tests.web.teach_data import add_assignment

pytestmark = pytest.mark.browser
ISSUER = "https://browser-lms.example.edu"  # registered for these tests only


class Platform:
    """The LMS's own pages, on another site (localhost) than quizapp (127.0.0.1): a course
    page framing the tool, and the authorisation endpoint that posts the signed launch."""

    def __init__(self, tool: str) -> None:
        self.tool, self.fake = tool, FakePlatform()
        self.launch: dict[str, Any] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                url = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/course":
                    body = outer.course()
                elif url.path == "/auth":
                    body = outer.authorize(params)
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body.encode())

        self.server = ThreadingHTTPServer(("localhost", 0), Handler)
        self.origin = f"http://localhost:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def course(self) -> str:
        query = urlencode({"iss": ISSUER, "login_hint": "hint", "client_id": CLIENT_ID,
                           "target_link_uri": f"{self.tool}/lti/launch"})  # fmt: skip
        return ("<!doctype html><title>Course 7B</title><style>iframe{width:100%;height:95vh;"
                f"border:0}}</style><h1>Course 7B</h1><iframe title=quizapp "
                f"src='{self.tool}/lti/login?{query}'></iframe>")  # fmt: skip

    def authorize(self, params: dict[str, str]) -> str:
        claims = self.fake.claims(params["nonce"], iss=ISSUER, **self.launch)
        token = self.fake.sign(claims)
        return (f"<!doctype html><form method=post action='{params['redirect_uri']}'>"
                f"<input type=hidden name=id_token value='{token}'>"
                f"<input type=hidden name=state value='{params['state']}'></form>"
                "<script>document.forms[0].submit()</script>")  # fmt: skip


@pytest.fixture
def platform(live_app: tuple[Flask, str]) -> Iterator[Platform]:
    app, tool = live_app
    lms = Platform(tool)
    app.extensions["quizapp.lti.http"] = http_for(lms.fake)
    with app.app_context(), app.extensions["quizapp.db"].write() as s:
        # Straight into the table: the test platform's pages are served over plain http.
        row = LtiPlatform(name="Browser LMS", issuer=ISSUER, client_id=CLIENT_ID,
                          auth_login_url=f"{lms.origin}/auth", auth_token_url=f"{ISSUER}/token",
                          key_set_url="https://lms.example.edu/keys.json",
                          frame_origins=lms.origin)  # fmt: skip
        s.add(row)
        s.flush()
        s.add(LtiDeployment(platform_id=row.id, deployment_id=DEPLOYMENT))
    yield lms
    with app.app_context(), app.extensions["quizapp.db"].write() as s:
        s.delete(s.get(LtiPlatform, row.id))
    lms.server.shutdown()


def _course_class(app: Flask) -> int:
    # Polled: inside a frame the login first checks the cookie, so the launch ends after
    # the course page's load.
    for _ in range(150):
        with app.app_context(), app.extensions["quizapp.db"].session() as s:
            room = s.scalar(
                select(LtiContext.classroom_id)
                .join(LtiPlatform, LtiPlatform.id == LtiContext.platform_id)
                .where(LtiPlatform.issuer == ISSUER)
            )
        if room is not None:
            return room
        time.sleep(0.1)
    raise AssertionError("no class was made by the launch")


def _frame(page: Any, path_end: str) -> Any:
    for _ in range(150):
        frame = next((f for f in page.frames if f.url.endswith(path_end)), None)
        if frame is not None:
            frame.wait_for_load_state()
            return frame
        page.wait_for_timeout(100)
    raise AssertionError(f"no frame at {path_end}: {[f.url for f in page.frames]}")


def test_a_student_launches_inside_the_platforms_iframe(
    browser: Any, live_app: tuple[Flask, str], platform: Platform
) -> None:
    app, _ = live_app
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    platform.launch = {"sub": "browser-teacher", "roles": (INSTRUCTOR,)}
    page.goto(f"{platform.origin}/course")
    room = _course_class(app)
    # A course link made without deep linking: the teacher is asked for its quiz, in the
    # course's class, inside the frame.
    teacher_frame = _frame(page, "/lti/link")
    assert "Media literacy 7B" in teacher_frame.content()
    aid = add_assignment(app, room)
    # A student, in another browser: the link opens the assignment inside the frame.
    student = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    platform.launch = {"sub": "browser-student", "roles": (LEARNER,), "link": "browser-link",
                       "custom": {"quizapp_assignment": str(aid)}}  # fmt: skip
    student.goto(f"{platform.origin}/course")
    frame = _frame(student, f"/assignments/{aid}")
    assert frame.locator("h1").count() >= 1
    student.screenshot(path=str(SCREENSHOTS / "lti-iframe-student-1280.png"), full_page=True)
    # Submitting works in the frame too (the session cookie and CSRF token cross sites),
    # and the score is queued for the course's gradebook.
    frame.get_by_role("button", name="Review and submit").click()
    frame.get_by_role("button", name="Submit for grading").click()
    frame.wait_for_url("**/attempts/*")
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        queued = s.scalars(select(LtiGrade).join(Attempt, Attempt.id == LtiGrade.attempt_id)
                           .where(Attempt.assignment_id == aid)).all()  # fmt: skip
    assert len(queued) == 1
    # The rest of quizapp refuses to be framed by the platform: a page outside the launch's
    # session (here: the login page, framed directly) is blocked by frame-ancestors 'none'.
    outsider = browser.new_context().new_page()
    blocked: list[str] = []
    outsider.on("console", lambda m: blocked.append(m.text))
    outsider.set_content(f"<iframe src='{live_app[1]}/login'></iframe>")
    outsider.wait_for_timeout(500)
    framed = [f for f in outsider.frames if f.url.endswith("/login")]
    assert not framed or framed[0].locator("form").count() == 0
    context.close()


def test_lti_pages_pass_axe_and_fit_a_phone(
    browser: Any, live_app: tuple[Flask, str], platform: Platform
) -> None:
    app, tool = live_app
    problems: list[str] = []

    def check(page: Any, name: str) -> None:
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                problems.append(f"{name} is {wide} px wide at {width}")
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        problems.extend(f"{name}: {v}" for v in violations(page))

    # The teacher's deep-linking picker and the class's course gradebook, opened in the
    # window (the platform's "open in a new window" launch).
    page = browser.new_context().new_page()
    platform.launch = {"sub": "browser-teacher-2", "roles": (INSTRUCTOR,),
                       "message_type": "LtiDeepLinkingRequest"}  # fmt: skip
    query = urlencode({"iss": ISSUER, "login_hint": "h", "client_id": CLIENT_ID})
    page.goto(f"{tool}/lti/login?{query}")
    page.wait_for_url("**/lti/deep-link")
    check(page, "lti-deep-link")
    # A link the course made by hand (no deep linking): a student who comes first waits, the
    # teacher chooses its quiz and rules.
    student = browser.new_context().new_page()
    platform.launch = {"sub": "browser-student-9", "roles": (LEARNER,), "link": "pasted-link"}
    student.goto(f"{tool}/lti/login?{query}")
    student.wait_for_url("**/lti/link/waiting")
    check(student, "lti-link-waiting")
    platform.launch = {"sub": "browser-teacher-2", "roles": (INSTRUCTOR,), "link": "pasted-link"}
    page.goto(f"{tool}/lti/login?{query}")
    page.wait_for_url("**/lti/link")
    check(page, "lti-bind-link")
    room = _course_class(app)
    page.goto(f"{tool}/lti/classes/{room}/grades")
    check(page, "lti-course-gradebook")
    # The administrators' page of platforms.
    admin = browser.new_context(base_url=tool).new_page()
    app.test_cli_runner().invoke(args=["admin", "grant", "teacher1"])
    login(admin, "teacher1")
    admin.goto("/lti/platforms")
    check(admin, "lti-platforms")
    admin.keyboard.press("Tab")
    # Removing it: the confirmation with its counts and the choice, by keyboard too.
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        pid = s.scalar(select(LtiPlatform.id).where(LtiPlatform.issuer == ISSUER))
    admin.goto(f"/lti/platforms/{pid}/remove")
    check(admin, "lti-remove-platform")
    admin.get_by_label("Keep the accounts and classes").focus()
    admin.keyboard.press("ArrowDown")  # a radio group: the arrow moves the choice
    assert admin.get_by_label("Delete the accounts and classes too").is_checked()
    assert problems == []


FRAMED = {"Sec-Fetch-Dest": "iframe"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None  # the browser follows redirects itself


def _without_cookies(route: Any, extra: dict[str, str] | None = None) -> None:
    """Answer a request as a browser that keeps no cookie for the tool sees it: sent with
    no Cookie header, answered with no Set-Cookie (Safari inside another site's frame, or
    any browser blocking third-party cookies)."""
    request = route.request
    skip = {"cookie", "host", "content-length", "connection", "accept-encoding"}
    headers = {k: v for k, v in request.all_headers().items()
               if k.lower() not in skip and not k.startswith(":")}  # fmt: skip
    headers.update(extra or {})
    sent = urllib.request.Request(request.url, data=request.post_data_buffer, headers=headers,
                                  method=request.method)  # fmt: skip
    try:
        answer = urllib.request.build_opener(_NoRedirect).open(sent, timeout=10)
        status = answer.status
    except urllib.error.HTTPError as error:
        answer, status = error, error.code
    keep = {k: v for k, v in answer.headers.items()
            if k.lower() not in ("set-cookie", "transfer-encoding", "connection")}  # fmt: skip
    route.fulfill(status=status, headers=keep, body=answer.read())


def _blocked_heading(where: Any) -> Any:
    return where.get_by_role("heading", name="Your browser blocks this tool inside the course page")


def test_a_frame_that_keeps_no_cookie_offers_a_new_window(
    browser: Any, live_app: tuple[Flask, str], platform: Platform
) -> None:
    app, tool = live_app
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # Every request of the course page to quizapp is its frame's (the page is the
    # platform's); a window opened from it has no such route and keeps cookies as usual.
    # Chromium adds Sec-Fetch-Dest after interception: a navigation here is the frame's.
    page.route(f"{tool}/**", lambda route: _without_cookies(
        route, FRAMED if route.request.is_navigation_request() else None))  # fmt: skip
    platform.launch = {"sub": "browser-teacher-4", "roles": (INSTRUCTOR,),
                       "message_type": "LtiDeepLinkingRequest"}  # fmt: skip
    page.goto(f"{platform.origin}/course")
    frame = page.frame_locator("iframe")
    _blocked_heading(frame).wait_for()
    # The check's page, not a refused launch: the frame was never sent on to the platform.
    assert all(urlsplit(f.url).path != "/lti/launch" for f in page.frames)
    # Said as it appears (role=alert): a cross-site frame may not take the focus by itself.
    assert frame.locator("#lti-blocked").get_attribute("role") == "alert"
    with context.expect_page() as opened:
        frame.get_by_role("link", name="Open in a new window").click()
    window = opened.value
    # The login starts again in the window, where the state cookie is kept: the launch
    # passes its state and nonce checks and the teacher arrives at the activity picker.
    window.wait_for_url("**/lti/deep-link")
    assert window.get_by_role("heading").count() >= 1
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        from quizapp.db.models import LtiUser

        assert s.scalar(select(LtiUser.user_id).where(LtiUser.subject == "browser-teacher-4"))
    context.close()


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_the_blocked_page_passes_axe_and_fits_a_phone(
    browser: Any, live_app: tuple[Flask, str], platform: Platform, locale: str
) -> None:
    _, tool = live_app
    context = browser.new_context(locale=locale, viewport={"width": 360, "height": 800})
    # The framed login's page, opened on its own: answered as inside a frame, no cookies.
    context.route(f"{tool}/**", lambda route: _without_cookies(route, {"Sec-Fetch-Dest": "iframe"}))
    page = context.new_page()
    query = urlencode({"iss": ISSUER, "login_hint": "h", "client_id": CLIENT_ID})
    page.goto(f"{tool}/lti/login?{query}")
    heading = page.locator("#lti-blocked h1")
    heading.wait_for()
    assert heading.evaluate("h => h === document.activeElement")  # moved to what happened
    assert page.locator("html").get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
    problems: list[str] = []
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            problems.append(f"{wide} px wide at {width}")
        page.screenshot(path=str(SCREENSHOTS / f"lti-cookies-blocked-{locale}-{width}.png"),
                        full_page=True)  # fmt: skip
    problems.extend(violations(page))
    # By keyboard: the new window's link is reached with Tab from the focused heading.
    link = page.locator("#lti-window")
    for _ in range(10):
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    else:
        problems.append("the new window's link is not reached by keyboard")
    assert problems == []
    context.close()


def test_a_launch_that_lost_its_state_cookie_says_why(
    browser: Any, live_app: tuple[Flask, str], platform: Platform
) -> None:
    """The frame kept the check's cookie but lost the state's before the launch: the
    launch is refused in the frame, saying the browser blocks the tool there and how to open
    it in a new window. (The button itself needs storage in the frame, which this Chromium
    denies to third-party frames: the window from the check's page is tested above.)"""
    _, tool = live_app
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def lose_the_state_cookie(route: Any) -> None:
        # On its way to the platform, after the check: the browser drops the state cookie.
        context.clear_cookies(name=re.compile("^lti1p3-"))
        route.continue_()

    page.route(f"{platform.origin}/auth*", lose_the_state_cookie)
    platform.launch = {"sub": "browser-teacher-5", "roles": (INSTRUCTOR,),
                       "message_type": "LtiDeepLinkingRequest"}  # fmt: skip
    page.goto(f"{platform.origin}/course")
    frame = page.frame_locator("iframe")
    frame.get_by_text("This launch was refused: your browser blocks this tool").wait_for()
    assert any(urlsplit(f.url).path == "/lti/launch" for f in page.frames)
    assert frame.locator("h1").inner_text() == (
        "Your browser blocks this tool inside the course page"
    )
    assert frame.get_by_text("choosing to open it in a new window").is_visible()
    context.close()
