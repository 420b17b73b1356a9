"""Registering platforms from the command line, the tool's key set with rotation, and its
configuration document."""

from __future__ import annotations

from datetime import timedelta

import jwt
from flask import Flask
from flask.testing import FlaskClient
from jwcrypto.jwk import JWK
from sqlalchemy import select

from quizapp.db import lti as store
from quizapp.db.models import LtiKey, utcnow
from tests.lti.platform import CLIENT_ID, ISSUER, FakePlatform


def _register(app: Flask, *extra: str) -> object:
    args = ["lti", "register", "--name", "District Moodle", "--issuer", "https://moodle.example.org",
            "--client-id", "abc123", "--login-url", "https://moodle.example.org/mod/lti/auth.php",
            "--token-url", "https://moodle.example.org/mod/lti/token.php",
            "--jwks-url", "https://moodle.example.org/mod/lti/certs.php",
            "--deployment", "1", "--deployment", "2", *extra]  # fmt: skip
    return app.test_cli_runner().invoke(args=args)


def test_register_then_list(app: Flask) -> None:
    result = _register(app)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    listed = app.test_cli_runner().invoke(args=["lti", "list"]).output
    assert "District Moodle" in listed and "abc123" in listed and "1, 2" in listed
    assert "framed by https://moodle.example.org" in listed
    again = _register(app)
    assert again.exit_code != 0 and "registered already" in again.output  # type: ignore[attr-defined]


def test_register_refuses_plain_http(app: Flask) -> None:
    result = _register(app, "--token-url", "http://moodle.example.org/token")
    assert result.exit_code != 0 and "https://" in result.output  # type: ignore[attr-defined]
    with app.extensions["quizapp.db"].session() as s:
        assert store.platforms(s) == []


def test_remove(app: Flask, platform: FakePlatform) -> None:
    with app.extensions["quizapp.db"].session() as s:
        (row,) = store.platforms(s)
    runner = app.test_cli_runner()
    remove = ["lti", "remove", str(row.conf.id), "--keep-accounts"]
    assert runner.invoke(args=remove).exit_code == 0
    assert runner.invoke(args=remove).exit_code != 0


def test_jwks_publishes_the_signing_key_and_rotation_keeps_the_old_one(
    app: Flask, client: FlaskClient
) -> None:
    first = client.get("/lti/jwks").get_json()["keys"]
    assert len(first) == 1 and first[0]["alg"] == "RS256" and "d" not in first[0]
    runner = app.test_cli_runner()
    assert runner.invoke(args=["lti", "rotate-key"]).exit_code == 0
    second = client.get("/lti/jwks").get_json()["keys"]
    assert [k["kid"] for k in second][1:] == [first[0]["kid"]]  # new first, old kept
    db = app.extensions["quizapp.db"]
    new = store.signing_key(db)
    assert new.kid == second[0]["kid"] != first[0]["kid"]
    # What the new key signs verifies against the published set.
    token = jwt.encode({"x": 1}, new.private_pem, algorithm="RS256", headers={"kid": new.kid})
    public = JWK(**second[0]).export_to_pem()
    assert jwt.decode(token, public, algorithms=["RS256"]) == {"x": 1}
    # A week after its retirement the old key leaves the set (and the table, at the next rotation).
    with db.write() as s:
        old = s.scalar(select(LtiKey).where(LtiKey.kid == first[0]["kid"]))
        assert old is not None
        old.retired_at = utcnow() - timedelta(days=8)
    assert [k["kid"] for k in client.get("/lti/jwks").get_json()["keys"]] == [new.kid]
    runner.invoke(args=["lti", "rotate-key"])
    with db.session() as s:
        assert s.scalar(select(LtiKey).where(LtiKey.kid == first[0]["kid"])) is None


def test_private_keys_never_leave(client: FlaskClient) -> None:
    body = client.get("/lti/jwks").get_data(as_text=True)
    assert '"d"' not in body and "PRIVATE" not in body


def test_configuration_document(client: FlaskClient) -> None:
    doc = client.get("/lti/config.json").get_json()
    assert doc["oidc_initiation_url"].endswith("/lti/login")
    assert doc["target_link_uri"].endswith("/lti/launch")
    assert doc["public_jwk_url"].endswith("/lti/jwks")
    placements = doc["extensions"][0]["settings"]["placements"]
    assert {p["message_type"] for p in placements} == {"LtiDeepLinkingRequest"}
    assert any(s.endswith("/scope/score") for s in doc["scopes"])


def test_registered_platform_is_found_by_issuer_and_client(
    app: Flask, platform: FakePlatform
) -> None:
    with app.extensions["quizapp.db"].session() as s:
        assert store.find_platform(s, ISSUER, CLIENT_ID) is not None
        assert store.find_platform(s, ISSUER, None) is not None  # its only client id
        assert store.find_platform(s, ISSUER, "other") is None


def test_administrators_register_on_the_page(app: Flask) -> None:
    from quizapp.db.admins import set_admin
    from tests.web.conftest import Auth, csrf_token

    with app.app_context():
        set_admin(app.extensions["quizapp.db"], "teacher1", True)
    client = app.test_client()
    Auth(client).login("teacher1")
    page = client.get("/lti/platforms")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "/lti/login" in html and "/lti/jwks" in html
    svc = "https://lti-service.svc.schoology.com/lti-service"
    form = {"csrf_token": csrf_token(html), "name": "Schoology",
            "issuer": "https://schoology.schoology.com", "client_id": "987",
            "deployments": "d-1\nd-2\n", "login_url": f"{svc}/authorize-redirect",
            "token_url": f"{svc}/access-token", "jwks_url": f"{svc}/.well-known/jwks",
            "frame_origins": "https://app.schoology.com"}  # fmt: skip
    response = client.post("/lti/platforms", data=form)
    assert response.status_code == 302
    with app.extensions["quizapp.db"].session() as s:
        (row,) = store.platforms(s)
    assert row.conf.deployment_ids == {"d-1", "d-2"}
    assert row.frame_origins == "https://app.schoology.com"
    bad = client.post("/lti/platforms", data={**form, "issuer": "https://other.example",
                                              "token_url": "ftp://x"})  # fmt: skip
    assert bad.status_code == 200 and "https://" in bad.get_data(as_text=True)
    html = client.get("/lti/platforms").get_data(as_text=True)
    removed = client.post(
        f"/lti/platforms/{row.conf.id}/remove",
        data={"csrf_token": csrf_token(html), "people": "keep"},
    )
    assert removed.status_code == 302
    with app.extensions["quizapp.db"].session() as s:
        assert store.platforms(s) == []


def test_teachers_may_not_register(app: Flask) -> None:
    from tests.web.conftest import Auth

    client = app.test_client()
    Auth(client).login("teacher1")
    assert client.get("/lti/platforms").status_code == 403
    assert client.post("/lti/platforms", data={}).status_code in (400, 403)
