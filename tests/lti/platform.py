"""An LMS in the test process: it signs launches with its own key, and answers the tool's
requests (key set, access tokens, scores, roster) through a fake HTTP transport, so no
test touches the network."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import requests
from jwcrypto.jwk import JWK

ISSUER = "https://lms.example.edu"
CLIENT_ID = "quizapp-client-1"
DEPLOYMENT = "deployment-1"
LOGIN_URL = f"{ISSUER}/auth/authorize"
TOKEN_URL = f"{ISSUER}/auth/token"
JWKS_URL = f"{ISSUER}/keys.json"
LINEITEM = f"{ISSUER}/courses/7/lineitems/1"
MEMBERSHIPS = f"{ISSUER}/courses/7/memberships"
CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"


def new_rsa_key() -> tuple[str, str, dict[str, Any]]:
    key = JWK.generate(kty="RSA", size=2048)
    kid = key.thumbprint()
    public = {**json.loads(key.export_public()), "kid": kid, "alg": "RS256", "use": "sig"}
    return kid, key.export_to_pem(private_key=True, password=None).decode(), public


@dataclass
class FakePlatform:
    """The LMS: its keys, what the tool posted to it, and the roster it serves."""

    kid: str = ""
    pem: str = ""
    jwk: dict[str, Any] = field(default_factory=dict)
    scores: list[dict[str, Any]] = field(default_factory=list)
    token_requests: list[dict[str, list[str]]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    fail_scores: int = 0  # answer this many score posts with a 503 first

    def __post_init__(self) -> None:
        self.kid, self.pem, self.jwk = new_rsa_key()

    # Launches -------------------------------------------------------------------------

    def claims(self, nonce: str, *, sub: str = "student-1", roles: tuple[str, ...] = (LEARNER,),
               message_type: str = "LtiResourceLinkRequest", link: str = "link-1",
               custom: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:  # fmt: skip
        now = int(time.time())
        body: dict[str, Any] = {
            "iss": ISSUER, "aud": CLIENT_ID, "sub": sub, "iat": now, "exp": now + 300,
            "nonce": nonce,
            CLAIM + "deployment_id": DEPLOYMENT,
            CLAIM + "message_type": message_type,
            CLAIM + "version": "1.3.0",
            CLAIM + "roles": list(roles),
            CLAIM + "context": {"id": "course-7", "title": "Media literacy 7B"},
            CLAIM + "target_link_uri": "https://localhost/lti/launch",
            "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
                "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/score",
                          "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"],
                "lineitem": LINEITEM,
            },
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
                "context_memberships_url": MEMBERSHIPS, "service_versions": ["2.0"],
            },
        }  # fmt: skip
        if message_type == "LtiResourceLinkRequest":
            body[CLAIM + "resource_link"] = {"id": link, "title": "Quiz"}
        else:
            body["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
                "deep_link_return_url": f"{ISSUER}/deep_links/return",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"],
                "data": "opaque-1",
            }
        if custom:
            body[CLAIM + "custom"] = custom
        body.update(extra)
        return {k: v for k, v in body.items() if v is not None}

    def sign(
        self, claims: dict[str, Any], *, kid: str | None = None, pem: str | None = None
    ) -> str:
        return jwt.encode(claims, pem or self.pem, algorithm="RS256",
                          headers={"kid": kid or self.kid})  # fmt: skip

    # The tool's requests --------------------------------------------------------------

    def answer(self, request: requests.PreparedRequest) -> tuple[int, Any]:
        url = str(request.url)
        if url == JWKS_URL:
            return 200, {"keys": [self.jwk]}
        if url == TOKEN_URL:
            self.token_requests.append(parse_qs(str(request.body)))
            return 200, {"access_token": "token-" + uuid.uuid4().hex, "expires_in": 3600}
        if url == LINEITEM + "/scores" and request.method == "POST":
            if self.fail_scores:
                self.fail_scores -= 1
                return 503, {"error": "try later"}
            self.scores.append(json.loads(request.body or "{}"))
            return 200, {}
        if urlsplit(url)._replace(query="").geturl() == MEMBERSHIPS:
            return 200, {"id": MEMBERSHIPS, "members": self.members}
        return 404, {"error": "no such endpoint"}


class Transport(requests.adapters.BaseAdapter):
    """Routes the tool's HTTP requests to the fake platform."""

    def __init__(self, platform: FakePlatform) -> None:
        super().__init__()
        self.platform = platform

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        status, body = self.platform.answer(request)
        response = requests.Response()
        response.status_code = status
        response._content = json.dumps(body).encode()
        response.headers["Content-Type"] = "application/json"
        response.url = str(request.url)
        response.request = request
        return response

    def close(self) -> None:
        pass


def http_for(platform: FakePlatform) -> requests.Session:
    session = requests.Session()
    session.mount("https://", Transport(platform))
    session.mount("http://", Transport(platform))
    return session
