"""Production settings: health, logs without names, proxies, hosts, session timeouts."""

from __future__ import annotations

import io
import json
import logging
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp import create_app
from tests.web.conftest import SECRET_KEY, Auth


def test_health_reports_the_database(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok", "database": "ok"}


def test_health_is_503_when_the_database_is_unreachable() -> None:
    app = create_app({"DATABASE_URL": "postgresql+psycopg://nobody:x@127.0.0.1:1/none",
                      "IMPORT_ON_START": False, "SECRET_KEY": SECRET_KEY})  # fmt: skip
    response = app.test_client().get("/healthz")
    assert response.status_code == 503 and response.json["status"] == "error"


@pytest.fixture
def log_lines() -> Any:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    from quizapp.web.ops import JsonLines

    handler.setFormatter(JsonLines())
    logger = logging.getLogger("quizapp.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_request_logs_hold_no_names_ids_or_answers(
    client: FlaskClient, auth: Auth, open_quiz: Any, log_lines: Any
) -> None:
    auth.login("alice")
    location = open_quiz().submit({"q.classify-1.choice": "placeholder"}).headers["Location"]
    client.get(location + "?username=alice")
    lines = log_lines()
    text = json.dumps(lines)
    assert "alice" not in text and "placeholder" not in text
    assert location not in text  # the route pattern, not the attempt's id
    routes = {(e["method"], re.sub(r"<int[^:]*:", "<int:", e["route"]), e["status"]) for e in lines}
    assert ("GET", "/attempts/<int:attempt_id>", 200) in routes
    assert all(isinstance(e["ms"], float) and e["level"] == "info" for e in lines)


def test_production_needs_a_secret_key_of_its_own() -> None:
    with pytest.raises(RuntimeError, match="QUIZAPP_SECRET_KEY must be set in production"):
        create_app({"PRODUCTION": True, "IMPORT_ON_START": False, "TRUSTED_HOSTS": ["a.org"]})


def test_production_cookies_are_secure(app: Flask) -> None:
    prod = create_app({**app.config, "PRODUCTION": True, "TRUSTED_HOSTS": ["quiz.example.org"]})
    assert prod.config["SESSION_COOKIE_SECURE"] is True
    assert prod.config["SESSION_COOKIE_HTTPONLY"] is True
    assert prod.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_untrusted_host_is_refused(app: Flask) -> None:
    client = create_app({**app.config, "TRUSTED_HOSTS": ["quiz.example.org"]}).test_client()
    assert client.get("/", headers={"Host": "quiz.example.org"}).status_code == 200
    assert client.get("/", headers={"Host": "evil.example.com"}).status_code == 400


@pytest.mark.parametrize(
    ("proxies", "seen"), [(0, "10.0.0.2"), (1, "10.0.0.1"), (2, "203.0.113.9")]
)
def test_proxy_headers_count_only_the_configured_proxies(
    app: Flask, proxies: int, seen: str
) -> None:
    from flask import request

    proxied = create_app({**app.config, "PROXY_COUNT": proxies})
    proxied.add_url_rule("/_addr", "addr", lambda: f"{request.remote_addr} {request.scheme}")
    response = proxied.test_client().get(
        "/_addr",
        headers={"X-Forwarded-For": "203.0.113.9, 10.0.0.1", "X-Forwarded-Proto": "https, https"},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    assert response.get_data(as_text=True) == f"{seen} {'https' if proxies else 'http'}"


@pytest.mark.parametrize(("hours", "ends"), [(2, False), (3.1, True)])
def test_idle_sessions_end(
    monkeypatch: pytest.MonkeyPatch, client: FlaskClient, auth: Auth, hours: float, ends: bool
) -> None:
    import quizapp.web.ops as ops

    auth.login()
    assert client.get("/progress").status_code == 200
    real = ops.time.time
    monkeypatch.setattr(ops.time, "time", lambda: real() + hours * 3600)
    response = client.get("/progress")
    assert (response.status_code == 302 and "/login" in response.headers["Location"]) is ends


def test_logins_end_after_12_hours_even_when_active(
    monkeypatch: pytest.MonkeyPatch, client: FlaskClient, auth: Auth
) -> None:
    import quizapp.web.ops as ops

    auth.login()
    client.get("/progress")
    real = ops.time.time
    for hour in range(1, 13):  # active every hour
        monkeypatch.setattr(ops.time, "time", lambda h=hour: real() + h * 3600 + 60)
        last = client.get("/progress")
    assert last.status_code == 302
