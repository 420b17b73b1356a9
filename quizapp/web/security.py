"""CSRF on every state-changing request, security headers on every response, error pages."""

from __future__ import annotations

from flask import Flask, Response, render_template, request
from flask.globals import request_ctx
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
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


# The error pages' headings, in the reader's language (werkzeug's names are English).
NAMES = {
    400: _l("Bad Request"),
    403: _l("Forbidden"),
    404: _l("Not Found"),
    405: _l("Method Not Allowed"),
    409: _l("Conflict"),
    413: _l("Request Entity Too Large"),
    429: _l("Too Many Requests"),
    500: _l("Internal Server Error"),
}
# Said when a route gives no reason of its own (werkzeug's stock descriptions are English).
STOCK = {
    400: _l("The request could not be understood."),
    403: _l("You may not open this page."),
    404: _l("There is no such page here. Check the address, or start again from the quizzes."),
    405: _l("This page cannot be opened that way."),
    413: _l("What was sent is too large."),
}


def forget_in_browser(response: Response) -> Response:
    """Have the browser drop what quizapp kept in it (answers in progress, the editor's
    rejected suggestions in localStorage) when its person leaves: school computers are
    shared. Cookies stay: the language choice is not personal."""
    response.headers["Clear-Site-Data"] = '"storage"'
    return response


def reason_of(error: HTTPException) -> str:
    """What an error says to the reader, in their language: the view's own reason, or a
    stock one where the view gave none (Werkzeug's and Flask-WTF's texts are English)."""
    code = error.code or 500
    if code >= 500:
        reason = _("Something went wrong on our side.")
    elif error.description == type(error).description and code in STOCK:
        reason = str(STOCK[code])
    else:
        reason = str(error.description)
    if code == 429:
        reason = _("Too many tries. Wait a few minutes, then try again.")
    if isinstance(error, CSRFError):
        reason = _(
            "The form was too old or came from elsewhere. Go back, reload the page and "
            "send it again: answers in progress are kept in your browser."
        )
    return str(reason)


def _error_page(error: HTTPException) -> tuple[str, int]:
    code = error.code or 500
    reason = reason_of(error)
    name = str(NAMES.get(code, error.name))
    if request_ctx.url_adapter is None:
        # Refused before routing (an untrusted Host header): no page can link anywhere.
        return f"{code} {error.name}: {reason}", code
    return render_template("error.html", code=code, name=name, reason=reason), code


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.after_request(_headers)
    app.register_error_handler(HTTPException, _error_page)
