"""Launches from a learning platform (LTI 1.3, issue 18): the OIDC login and launch, the
tool's key set and configuration, deep linking, grades back and rosters. Pages opened by a
launch live in the platform's iframe: their session cookie and framing are set here."""

from __future__ import annotations

from typing import Any

import requests
from flask import Blueprint, Flask, current_app, request, session
from flask.sessions import SecureCookieSessionInterface
from werkzeug.wrappers import Response

from quizapp.db.engine import request_session

bp = Blueprint("lti", __name__, url_prefix="/lti")

# The session key naming the platform origin that framed this session's launch.
FRAME_KEY = "lti_frame"


def http_session() -> requests.Session | None:
    """The HTTP client for platforms (tests put a fake transport here); None: the library's."""
    http: requests.Session | None = current_app.extensions.get("quizapp.lti.http")
    return http


def _in_lti_session() -> bool:
    return bool(session.get(FRAME_KEY))


class LtiSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, but a session begun by a launch lives in another
    site's iframe: its cookie is ``SameSite=None; Secure; Partitioned`` (a Lax cookie is
    never sent there). Every other session keeps the site's Lax cookie."""

    def get_cookie_samesite(self, app: Flask) -> str | None:
        return "None" if _in_lti_session() else super().get_cookie_samesite(app)

    def get_cookie_secure(self, app: Flask) -> bool:
        return True if _in_lti_session() else super().get_cookie_secure(app)

    def get_cookie_partitioned(self, app: Flask) -> bool:
        return True if _in_lti_session() else super().get_cookie_partitioned(app)


def _frame_ancestors(response: Response) -> Response:
    """LTI pages, and every page of a session a launch began, may be framed by the
    registered platforms (that session's platform only); the rest keep 'none'."""
    if request.blueprint == "lti":
        from quizapp.db.lti import platform_origins

        origins = platform_origins(request_session())
    elif _in_lti_session():
        origins = str(session[FRAME_KEY]).split()
    else:
        return response
    csp = response.headers.get("Content-Security-Policy", "")
    if "frame-ancestors 'none'" in csp and origins:
        response.headers["Content-Security-Policy"] = csp.replace(
            "frame-ancestors 'none'", "frame-ancestors " + " ".join(origins)
        )
        response.headers.pop("X-Frame-Options", None)
    return response


def init_app(app: Flask) -> None:
    from quizapp.web.lti.cli import lti_cli

    app.session_interface = LtiSessionInterface()
    # Runs after web.security's headers (after_request runs last-registered first).
    funcs: list[Any] = app.after_request_funcs.setdefault(None, [])
    funcs.insert(0, _frame_ancestors)
    app.cli.add_command(lti_cli)
    app.context_processor(lambda: {"lti_course": _lti_course})


def _lti_course(classroom_id: int) -> bool:
    """Whether a class came from a platform's course (the teaching bar links its page)."""
    from quizapp.db.lti import lti_classroom

    return lti_classroom(request_session(), classroom_id) is not None


# The views register themselves on ``bp`` as they are imported, hence last.
from quizapp.web.lti import deeplink, grades, launch, platforms, roster  # noqa: E402, F401
