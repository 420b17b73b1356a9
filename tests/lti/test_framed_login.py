"""A login inside the platform's frame (Sec-Fetch-Dest: iframe) answers with a page that
checks whether the frame keeps cookies before going on (Safari and any browser blocking
third-party cookies keep none there); elsewhere the login stays a plain redirect. Refusals
are said in the reader's language, the library's words replaced by ours."""

from __future__ import annotations

import html as markup
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.lti import adapter
from tests.lti.conftest import https_client, login
from tests.lti.platform import CLIENT_ID, INSTRUCTOR, ISSUER, LOGIN_URL, FakePlatform

QUERY = {"iss": ISSUER, "login_hint": "hint-1", "target_link_uri": "https://localhost/lti/launch",
         "client_id": CLIENT_ID, "lti_message_hint": "m-1"}  # fmt: skip
FRAMED = {"Sec-Fetch-Dest": "iframe", "Sec-Fetch-Site": "cross-site"}


def _attr(html: str, pattern: str) -> str:
    match = re.search(pattern, html)
    assert match, pattern
    return markup.unescape(match.group(1))


def test_a_framed_login_checks_the_cookie_first(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    response = browser.get("/lti/login", query_string=QUERY, headers=FRAMED)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    cookies = response.headers.getlist("Set-Cookie")
    state_cookie = next(c for c in cookies if c.startswith(adapter.STATE_COOKIE_PREFIX))
    check_cookie = next(c for c in cookies if c.startswith("lti-cookie-check="))
    for cookie in (state_cookie, check_cookie):
        assert "Secure" in cookie and "SameSite=None" in cookie and "Partitioned" in cookie
    assert response.headers["Cache-Control"] == "no-store"
    # No inline script (CSP): the check is static/js/lti-check.js.
    assert "<script>" not in html and "js/lti-check.js" in html
    assert "frame-ancestors https://lms.example.edu" in response.headers["Content-Security-Policy"]
    onward = _attr(html, r'data-lti-continue="([^"]+)"')
    assert onward.startswith(LOGIN_URL)
    # Without JavaScript, a link goes on to the same address.
    assert _attr(html, r'<a class="button primary" href="([^"]+)">') == onward
    # The new window starts the same login again (state and nonce are bound to a browser).
    again = urlsplit(_attr(html, r'id="lti-window"[^>]*href="([^"]+)"'))
    assert (
        again.path == "/lti/login" and {k: v[0] for k, v in parse_qs(again.query).items()} == QUERY
    )
    assert 'target="_blank"' in html and "blocks this tool inside the course page" in html
    # The frame keeps cookies here (the test client does): the check says so, and the
    # launch that follows passes its state and nonce checks as usual.
    assert browser.get("/lti/cookie-check").get_json() == {"kept": True}
    sent = parse_qs(urlsplit(onward).query)
    token = platform.sign(platform.claims(sent["nonce"][0], sub="teacher-9", roles=(INSTRUCTOR,)))
    launched = browser.post("/lti/launch", data={"id_token": token, "state": sent["state"][0]})
    assert launched.status_code == 302


def test_the_check_says_no_without_the_cookie(app: Flask, platform: FakePlatform) -> None:
    fresh = https_client(app)
    response = fresh.get("/lti/cookie-check")
    assert response.get_json() == {"kept": False}
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("dest", [None, "document"])
def test_a_login_outside_a_frame_stays_a_redirect(
    browser: FlaskClient, platform: FakePlatform, dest: str | None
) -> None:
    headers = {"Sec-Fetch-Dest": dest} if dest else {}
    response = browser.get("/lti/login", query_string=QUERY, headers=headers)
    assert response.status_code == 302 and response.headers["Location"].startswith(LOGIN_URL)


def test_a_framed_launch_without_its_cookie_offers_a_new_window(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    state, nonce = login(browser)
    token = platform.sign(platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,)))
    # A browser that kept no cookie in the frame: a client without the state cookie.
    response = https_client(app).post("/lti/launch", data={"id_token": token, "state": state})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<h1>Your browser blocks this tool inside the course page</h1>" in html
    assert "data-lti-offer-window" in html and "Open in a new window" in html
    assert "State not found" not in html  # the library's words stay in the logs


SPANISH = {"Accept-Language": "es"}


def test_refusals_in_the_readers_language(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    # The login: an issuer no one registered (params kept as they are).
    unknown = browser.get("/lti/login", query_string={**QUERY, "iss": "https://otro.example"},
                          headers=SPANISH)  # fmt: skip
    html = unknown.get_data(as_text=True)
    assert unknown.status_code == 403 and "https://otro.example" in html
    assert "No platform is registered" not in html and 'lang="es"' in html
    # The launch: the library's refusal (an expired token), ours in Spanish.
    state, nonce = login(browser)
    claims = platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,), iat=1, exp=2)
    expired = browser.post("/lti/launch", data={"id_token": platform.sign(claims),
                                                "state": state}, headers=SPANISH)  # fmt: skip
    english = "This launch was refused: its token has expired."
    assert expired.status_code == 400 and english not in expired.get_data(as_text=True)
    with app.test_request_context(headers=SPANISH):
        from flask_babel import gettext

        assert gettext(english) != english
        assert gettext(english) in expired.get_data(as_text=True)
    # The cookie refusal too.
    no_cookie = https_client(app).post("/lti/launch", data={"id_token": "a.b.c", "state": "x"},
                                       headers=SPANISH)  # fmt: skip
    assert no_cookie.status_code == 400
    assert "This launch was refused" not in no_cookie.get_data(as_text=True)


@pytest.mark.parametrize(
    ("said", "ours"),
    [("State not found", adapter.NO_STATE_COOKIE), ("Invalid Nonce.", adapter.NONCE),
     ("Can't decode id_token: Signature has expired", "its token has expired"),
     ("Can't decode id_token: Signature verification failed", "signature does not match"),
     ("Invalid id_token, JWT must contain 3 parts", "malformed"),
     ("Something new in a later version", "does not meet LTI 1.3")],
)  # fmt: skip
def test_the_librarys_words_are_mapped_to_ours(said: str, ours: str) -> None:
    refused = adapter.library_refusal(Exception(said))
    assert ours in refused.reason and said not in refused.reason
    assert (refused.kind == "cookie") == (said == "State not found")
