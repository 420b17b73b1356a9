"""Rate limits: one Flask-Limiter for the app, keyed by the client's IP address.

Routes decorate themselves (``@limiter.limit("20 per hour", methods=["POST"])``); the storage
comes from ``RATELIMIT_STORAGE_URI`` (env ``QUIZAPP_RATELIMIT_STORAGE_URI``), in memory by
default. Use Redis in production so every worker process counts against the same limit.
"""

from __future__ import annotations

from flask import Flask, Response
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)

# Class codes and registrations: a whole class behind one school address may join at once,
# so only failures (anything but the redirect that follows success) count.
CODE_TRIES = "20 per hour"


def failed(response: Response) -> bool:
    return response.status_code != 302


def init_app(app: Flask) -> None:
    # One limiter serves every app a process builds (tests build many): state each setting,
    # so one app turning limits off cannot leave them off for the next.
    app.config.setdefault("RATELIMIT_ENABLED", True)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)
