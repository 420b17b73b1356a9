"""The host names the app answers to; any other ``Host`` header gets a 400 before routing.

Without a list, the Host header is reflected in absolute URLs (Werkzeug's slash redirects,
the class page's join link), so a proxy passing any Host lets another site's name into our
pages. Development answers to this machine only; production must list its names
(``QUIZAPP_TRUSTED_HOSTS``). Checked here rather than by Flask's own ``TRUSTED_HOSTS``
because Werkzeug 3.1 cannot match an IPv6 literal such as ``[::1]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.wrappers import Request

from quizapp.core.texts import N_, translate
from quizapp.i18n import COOKIE, LANGUAGES, choose

LOCAL = ("localhost", "127.0.0.1", "[::1]")
# Said before Flask (and Flask-Babel) sees the request: in the language the app would choose
# from the language cookie and Accept-Language, through the catalogue the core reads.
REFUSED = N_("400 Bad Request: this site does not answer to that host name.")
# The load balancer's health check may name the host by its address; /healthz shows nothing
# that a host name could change.
UNCHECKED_PATHS = frozenset({"/healthz"})
_HOST = re.compile(r"(?P<name>[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(?P<port>[0-9]{1,5}))?")


def host_name(header: str) -> str | None:
    """The host of a ``Host`` header (lower case, port dropped), or None if it is no host."""
    match = _HOST.fullmatch(header.strip().lower())
    if match is None or (match["port"] is not None and not 0 < int(match["port"]) < 65536):
        return None
    return match["name"]


def allowed(header: str, names: Iterable[str]) -> bool:
    """Whether ``header`` names one of ``names`` (a leading dot allows every subdomain)."""
    host = host_name(header)
    if host is None:
        return False
    for name in names:
        name = name.strip().lower()
        if host == name or (name.startswith(".") and (host.endswith(name) or host == name[1:])):
            return True
    return False


class HostCheck:
    """WSGI middleware: refuse a request whose host is not listed, before Flask sees it."""

    def __init__(
        self,
        app: Callable[..., Any],
        names: Iterable[str],
        language: Callable[[dict[str, Any]], str] = lambda environ: "en",
    ) -> None:
        self.app = app
        self.names = tuple(names)
        self.language = language

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        header = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if environ.get("PATH_INFO") in UNCHECKED_PATHS or allowed(header, self.names):
            return self.app(environ, start_response)
        code = self.language(environ)
        body = (translate(code, REFUSED) + "\n").encode("utf-8")
        start_response(
            "400 Bad Request",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Language", code),
             ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
             ("Content-Length", str(len(body)))],
        )  # fmt: skip
        return [body]


def _language_of(app: Flask) -> Callable[[dict[str, Any]], str]:
    """The request's language as ``quizapp.i18n`` chooses it, but with no account to read:
    the language cookie, then Accept-Language, then the installation's default."""

    def language(environ: dict[str, Any]) -> str:
        request = Request(environ)
        extra: dict[str, str] = app.config.get("EXTRA_LANGUAGES") or {}
        return choose(
            None, request.cookies.get(COOKIE), request.accept_languages.values(),
            app.config.get("DEFAULT_LANGUAGE") or "en", {**LANGUAGES, **extra},
        )  # fmt: skip

    return language


def init_app(app: Flask) -> None:
    """Wrap the app in the host check; production must name its hosts."""
    names = app.config.get("TRUSTED_HOSTS")
    if isinstance(names, str):
        names = [names]
    if not names:
        if app.config["PRODUCTION"]:
            raise RuntimeError(
                "QUIZAPP_TRUSTED_HOSTS must be set in production: the host names this site "
                'answers to, as a JSON list such as ["quiz.school.org"] (see docs/deploy.md)'
            )
        names = list(LOCAL)
    app.config["TRUSTED_HOSTS"] = None  # checked by HostCheck, which also knows IPv6
    app.config["QUIZAPP_HOSTS"] = list(names)
    app.wsgi_app = HostCheck(app.wsgi_app, names, _language_of(app))  # type: ignore[method-assign]
