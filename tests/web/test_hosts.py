"""Host names: this machine only in development, the listed ones in production."""

from __future__ import annotations

import pytest
from flask import Flask

from quizapp import create_app
from quizapp.web.hosts import allowed
from tests.web.conftest import SECRET_KEY

LOCAL = ["localhost", "127.0.0.1", "[::1]"]


@pytest.mark.parametrize(
    ("header", "names", "ok"),
    [
        ("localhost", LOCAL, True),
        ("localhost:5000", LOCAL, True),
        ("127.0.0.1:8000", LOCAL, True),
        ("[::1]:5000", LOCAL, True),
        ("[::1]", LOCAL, True),
        ("LocalHost", LOCAL, True),
        ("evil.example", LOCAL, False),
        ("localhost.evil.example", LOCAL, False),
        ("127.0.0.1.evil.example", LOCAL, False),
        ("localhost:99999", LOCAL, False),
        ("localhost:5000:1", LOCAL, False),
        ("local host", LOCAL, False),
        ("localhost/x", LOCAL, False),
        ("", LOCAL, False),
        ("quiz.school.org", [".school.org"], True),
        ("school.org", [".school.org"], True),
        ("evilschool.org", [".school.org"], False),
    ],
)
def test_host_matching(header: str, names: list[str], ok: bool) -> None:
    assert allowed(header, names) is ok


def test_development_answers_to_this_machine_only(app: Flask) -> None:
    client = app.test_client()
    for host in ("localhost", "127.0.0.1:5000", "[::1]:5000"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host
    refused = client.get("/", headers={"Host": "evil.example"})
    assert refused.status_code == 400
    assert b"does not answer to that host name" in refused.data
    assert client.get("/healthz", headers={"Host": "10.0.0.5"}).status_code == 200


def test_production_needs_its_host_names() -> None:
    config = {"PRODUCTION": True, "SECRET_KEY": SECRET_KEY, "IMPORT_ON_START": False,
              "DATABASE_URL": "sqlite:///:memory:"}  # fmt: skip
    with pytest.raises(RuntimeError, match="QUIZAPP_TRUSTED_HOSTS must be set in production"):
        create_app(config)
    app = create_app({**config, "TRUSTED_HOSTS": ["quiz.school.org"]})
    assert app.test_client().get("/healthz", headers={"Host": "localhost"}).status_code == 200
    assert app.test_client().get("/login", headers={"Host": "localhost"}).status_code == 400


def test_the_host_comes_from_the_proxy_when_there_is_one(app: Flask) -> None:
    proxied = create_app({**app.config, "PROXY_COUNT": 1, "TRUSTED_HOSTS": ["quiz.school.org"]})
    client = proxied.test_client()
    good = client.get("/login", headers={"X-Forwarded-Host": "quiz.school.org"})
    bad = client.get("/login", headers={"X-Forwarded-Host": "evil.example"})
    assert (good.status_code, bad.status_code) == (200, 400)
