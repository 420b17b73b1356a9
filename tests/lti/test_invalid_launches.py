"""The certification suite's invalid launches: each refused with a 4xx and a reason, and
nothing written (no account, class, link or membership; the login still unused)."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import jwt
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db.models import (
    Classroom,
    LtiContext,
    LtiLink,
    LtiLogin,
    LtiUser,
    Membership,
    User,
    utcnow,
)  # fmt: skip
from tests.lti.conftest import https_client, launch, login
from tests.lti.platform import CLAIM, CLIENT_ID, INSTRUCTOR, FakePlatform, new_rsa_key

TABLES = (User, LtiUser, Classroom, LtiContext, LtiLink, Membership, LtiLogin)


def _counts(app: Flask) -> dict[str, int]:
    with app.extensions["quizapp.db"].session() as s:
        return {m.__tablename__: int(s.scalar(select(func.count()).select_from(m)) or 0)
                for m in TABLES}  # fmt: skip


def _b64(data: dict[str, Any] | list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


# Each case: (platform, state, nonce) -> the form posted to /lti/launch. The claims are
# those of a valid teacher launch, changed in one way.
Case = Callable[[FakePlatform, str, str], dict[str, str]]


def _signed(change: Callable[[dict[str, Any]], None]) -> Case:
    def case(platform: FakePlatform, state: str, nonce: str) -> dict[str, str]:
        claims = platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,))
        change(claims)
        return {"id_token": platform.sign(claims), "state": state}

    return case


def _drop(name: str) -> Case:
    return _signed(lambda c: c.pop(name))


def _set(name: str, value: Any) -> Case:
    return _signed(lambda c: c.__setitem__(name, value))


def _header(**header: Any) -> Case:
    def case(platform: FakePlatform, state: str, nonce: str) -> dict[str, str]:
        claims = platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,))
        token = jwt.encode(claims, platform.pem, algorithm="RS256", headers=header)
        return {"id_token": token, "state": state}

    return case


def _other_key(platform: FakePlatform, state: str, nonce: str) -> dict[str, str]:
    # Signed by a stranger who copied the platform's kid: the signature fails.
    _, pem, _ = new_rsa_key()
    claims = platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,))
    return {"id_token": platform.sign(claims, pem=pem), "state": state}


def _unsigned(platform: FakePlatform, state: str, nonce: str) -> dict[str, str]:
    claims = platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,))
    token = _b64({"alg": "none", "kid": platform.kid}) + "." + _b64(claims) + "."
    return {"id_token": token, "state": state}


def _hmac(platform: FakePlatform, state: str, nonce: str) -> dict[str, str]:
    # The public key used as an HMAC secret (the classic algorithm confusion).
    claims = platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,))
    token = _b64({"alg": "HS256", "kid": platform.kid}) + "." + _b64(claims) + ".c2ln"
    return {"id_token": token, "state": state}


def _form(**form: str) -> Case:
    def case(platform: FakePlatform, state: str, nonce: str) -> dict[str, str]:
        claims = platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,))
        base = {"id_token": platform.sign(claims), "state": state}
        return {k: v for k, v in {**base, **form}.items() if v != "-"}

    return case


def _body(body: Any) -> Case:
    def case(platform: FakePlatform, state: str, nonce: str) -> dict[str, str]:
        return {"id_token": _b64({"alg": "RS256", "kid": platform.kid}) + "." + _b64(body)
                + ".c2ln", "state": state}  # fmt: skip

    return case


NOW = int(time.time())
CASES: dict[str, Case] = {
    "no id_token": _form(id_token="-"),
    "id_token not a JWT": _form(id_token="not-a-token"),
    "id_token of garbage parts": _form(id_token="a.b.c"),
    "token body a list": _body(["iss"]),
    "no state": _form(state="-"),
    "state of no login": _form(state="state-made-up"),
    "wrong nonce": _set("nonce", "another-nonce"),
    "no nonce": _drop("nonce"),
    "expired": _signed(lambda c: c.update(iat=NOW - 7200, exp=NOW - 3600)),
    "no exp": _drop("exp"),
    "no iat": _drop("iat"),
    "issued in the future": _signed(lambda c: c.update(iat=NOW + 3600, exp=NOW + 7200)),
    "wrong audience": _set("aud", "someone-else"),
    "several audiences, no azp": _set("aud", [CLIENT_ID, "someone-else"]),
    "several audiences, wrong azp": _signed(
        lambda c: c.update(aud=[CLIENT_ID, "x"], azp="x")
    ),
    "unknown kid": _header(kid="no-such-key"),
    "no kid": _header(),
    "signed by another key": _other_key,
    "alg none": _unsigned,
    "alg HS256": _hmac,
    "unregistered issuer": _set("iss", "https://evil.example"),
    "unregistered deployment": _set(CLAIM + "deployment_id", "deployment-9"),
    "no deployment": _drop(CLAIM + "deployment_id"),
    "no message type": _drop(CLAIM + "message_type"),
    "unknown message type": _set(CLAIM + "message_type", "LtiStartProctoring"),
    "wrong version": _set(CLAIM + "version", "1.1.0"),
    "no roles": _drop(CLAIM + "roles"),
    "no sub": _drop("sub"),
    "no resource link": _drop(CLAIM + "resource_link"),
    "resource link without id": _set(CLAIM + "resource_link", {"title": "x"}),
    "deep link without settings": _set(CLAIM + "message_type", "LtiDeepLinkingRequest"),
    "observer role": _set(CLAIM + "roles", ["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"]),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_invalid_launch_is_refused_and_changes_nothing(
    app: Flask, browser: FlaskClient, platform: FakePlatform, case: Case
) -> None:
    state, nonce = login(browser)
    before = _counts(app)
    response = browser.post("/lti/launch", data=case(platform, state, nonce))
    assert 400 <= response.status_code < 500, response.status_code
    page = response.get_data(as_text=True)
    assert "refused" in page or "cannot use quizapp" in page or "registered" in page, page
    assert _counts(app) == before
    # The refusal spent nothing: the same login still carries a valid launch.
    token = platform.sign(platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,)))
    assert browser.post("/lti/launch", data={"id_token": token, "state": state}).status_code == 302


def test_replayed_launch_is_refused(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    state, nonce = login(browser)
    form = {"id_token": platform.sign(platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,))),
            "state": state}  # fmt: skip
    assert browser.post("/lti/launch", data=form).status_code == 302
    before = _counts(app)
    again = browser.post("/lti/launch", data=form)
    assert again.status_code == 400
    assert _counts(app) == before


def test_launch_without_the_state_cookie_is_refused(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    # Another browser posts a token it intercepted, with its state: no cookie, no launch.
    state, nonce = login(browser)
    form = {"id_token": platform.sign(platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,))),
            "state": state}  # fmt: skip
    before = _counts(app)
    response = https_client(app).post("/lti/launch", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "blocks this tool inside the course page" in page
    assert "data-lti-offer-window" in page and "js/lti-check.js" in page  # the new window
    assert _counts(app) == before


def test_expired_login_is_refused(app: Flask, browser: FlaskClient, platform: FakePlatform) -> None:
    state, nonce = login(browser)
    with app.extensions["quizapp.db"].write() as s:
        row = s.get(LtiLogin, state)
        assert row is not None
        row.created_at = utcnow() - timedelta(minutes=11)
    token = platform.sign(platform.claims(nonce, sub="teacher-9", roles=(INSTRUCTOR,)))
    response = browser.post("/lti/launch", data={"id_token": token, "state": state})
    assert response.status_code == 400


def test_a_valid_launch_passes(app: Flask, browser: FlaskClient, platform: FakePlatform) -> None:
    # The cases above change one thing each of this launch.
    assert launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,)).status_code == 302
