"""LTI fixtures: the web app of tests/web with a registered fake platform, and a browser
(test client on https, as LTI requires) that walks the login and launch."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.db.lti import register_platform
from tests.lti.platform import (
    CLIENT_ID,
    DEPLOYMENT,
    ISSUER,
    JWKS_URL,
    LOGIN_URL,
    TOKEN_URL,
    FakePlatform,
    http_for,
)  # fmt: skip
from tests.web.conftest import app, client  # noqa: F401 - the fixtures, reused

__all__ = ["app", "client"]


@pytest.fixture
def platform(app: Flask) -> FakePlatform:  # noqa: F811
    fake = FakePlatform()
    app.extensions["quizapp.lti.http"] = http_for(fake)
    register_platform(
        app.extensions["quizapp.db"], name="Test LMS", issuer=ISSUER, client_id=CLIENT_ID,
        auth_login_url=LOGIN_URL, auth_token_url=TOKEN_URL, key_set_url=JWKS_URL,
        deployment_ids=[DEPLOYMENT],
    )  # fmt: skip
    return fake


def https_client(app: Flask) -> FlaskClient:  # noqa: F811
    """A test client whose requests arrive over https, as every LTI request must."""
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


@pytest.fixture
def browser(app: Flask) -> FlaskClient:  # noqa: F811
    return https_client(app)


def login(browser: FlaskClient, **params: str) -> tuple[str, str]:
    """The platform starts the OIDC login; returns the (state, nonce) it is sent back."""
    query = {"iss": ISSUER, "login_hint": "hint-1", "target_link_uri": "https://localhost/lti/launch",
             "client_id": CLIENT_ID, "lti_message_hint": "m-1", **params}  # fmt: skip
    response = browser.get("/lti/login", query_string=query)
    assert response.status_code == 302, response.get_data(as_text=True)
    sent = parse_qs(urlsplit(response.headers["Location"]).query)
    assert response.headers["Location"].startswith(LOGIN_URL)
    return sent["state"][0], sent["nonce"][0]


def launch(browser: FlaskClient, platform: FakePlatform, **claims: Any) -> Any:
    """Login, then the launch the platform posts back with a signed id_token."""
    state, nonce = login(browser)
    token = platform.sign(platform.claims(nonce, **claims))
    return browser.post("/lti/launch", data={"id_token": token, "state": state})
