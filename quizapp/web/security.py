"""CSRF on every state-changing request, security headers on every response, error pages."""

from __future__ import annotations

from flask import Flask, Response, render_template, request
from flask.globals import request_ctx
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

csrf = CSRFProtect()

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def _headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _error_page(error: HTTPException) -> tuple[str, int]:
    code = error.code or 500
    reason = error.description if code < 500 else "Something went wrong on our side."
    if code == 429:
        reason = "Too many tries. Wait a few minutes, then try again."
    if isinstance(error, CSRFError):
        reason = (
            "The form was too old or came from elsewhere. Go back, reload the page and "
            "send it again: answers in progress are kept in your browser."
        )
    if request_ctx.url_adapter is None:
        # Refused before routing (an untrusted Host header): no page can link anywhere.
        return f"{code} {error.name}: {reason}", code
    return render_template("error.html", code=code, name=error.name, reason=reason), code


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.after_request(_headers)
    app.register_error_handler(HTTPException, _error_page)
