"""Running in production: proxies, trusted hosts, session timeouts, health and request logs.

Request logs are JSON lines with the route pattern, never the path or query (which can hold
ids and usernames), and a user's number, never their name: nothing about a child's answers
or identity reaches the logs.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from sqlalchemy import text
from werkzeug.middleware.proxy_fix import ProxyFix

from quizapp.db.engine import get_db
from quizapp.web import hosts

bp = Blueprint("ops", __name__)
log = logging.getLogger("quizapp.request")


@bp.route("/healthz")
def health() -> tuple[Response, int]:
    """200 when the app can reach its database, 503 otherwise (for load balancers)."""
    try:
        with get_db().session() as s:
            s.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        log.exception("health check failed")
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok"), 200


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(entry, ensure_ascii=False)


def _start_timer() -> Response | None:
    g.started = time.perf_counter()
    return _enforce_session_timeouts()


def _log_request(response: Response) -> Response:
    rule = request.url_rule.rule if request.url_rule else "(no route)"
    user = current_user.id if current_user and current_user.is_authenticated else None
    elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    log.info(
        "request",
        extra={"fields": {"method": request.method, "route": rule, "status": response.status_code,
                          "ms": round(elapsed, 1), "user": user}},
    )  # fmt: skip
    return response


def _enforce_session_timeouts() -> Response | None:
    """End a login that was idle too long or is simply too old; a new one starts at login."""
    if request.endpoint in ("static", "ops.health") or not current_user.is_authenticated:
        return None
    now = time.time()
    app_config = current_app.config
    started = session.setdefault("login_started", now)
    seen = session.setdefault("last_seen", now)
    idle = now - seen > app_config["SESSION_IDLE_MINUTES"] * 60
    old = now - started > app_config["SESSION_ABSOLUTE_HOURS"] * 3600
    if idle or old:
        logout_user()
        session.clear()
        flash(_("Your session ended, so you are logged out. Log in again to go on: "
                "answers in progress are kept in this browser."), "info")  # fmt: skip
        return redirect(
            url_for("auth.login", next=request.path if request.method == "GET" else None)
        )
    if now - seen > 60:  # refresh the cookie at most once a minute
        session["last_seen"] = now
    return None


def init_app(app: Flask) -> None:
    # The secret key is settled (and a weak one refused) by keys.init_app, in every mode.
    if app.config["PRODUCTION"]:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"
    # The host check wraps the app first, so it sees the host ProxyFix takes from the proxy.
    hosts.init_app(app)
    if app.config["PROXY_COUNT"]:
        n = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)  # type: ignore[method-assign]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    if not log.handlers:
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False

    app.before_request(_start_timer)
    app.after_request(_log_request)
    app.register_blueprint(bp)
