"""The application factory: defaults, then ``QUIZAPP_*`` environment, then test config."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

ROOT = Path(__file__).resolve().parents[2]

DEFAULTS: dict[str, Any] = {
    # No default: keys.init_app takes QUIZAPP_SECRET_KEY or makes one kept in instance/.
    "SECRET_KEY": None,
    "DATABASE_URL": "",
    "QUIZ_DIR": str(ROOT / "quizzes"),
    "SEEDS_DIR": str(ROOT / "seeds"),
    "STATIC_DIR": str(ROOT / "static"),
    "IMPORT_ON_START": True,
    "MAX_CONTENT_LENGTH": 256 * 1024,
    # A quiz left open for hours must still submit: tokens live as long as the session.
    "WTF_CSRF_TIME_LIMIT": 12 * 3600,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
    # A quiz may stay open for hours: idle logins end after 3 hours, any login after 12.
    "SESSION_IDLE_MINUTES": 180,
    "SESSION_ABSOLUTE_HOURS": 12,
    "PRODUCTION": False,
    # Failures only, each refusing the one who failed (web.throttle says why these numbers).
    "LOGIN_FAILS_PER_NAME_AND_ADDRESS": "10 per 15 minutes",
    "LOGIN_FAILS_PER_ADDRESS": "300 per 15 minutes",
    "LOGIN_FAILS_PER_NAME": "100 per hour",
    "CODE_FAILS_PER_PERSON": "10 per hour",
    "CODE_FAILS_PER_ADDRESS": "200 per hour",
    "PROXY_COUNT": 0,
    # None: localhost only, and required in production (ops.init_app).
    "TRUSTED_HOSTS": None,
    # Days; unset keeps everything and `quizapp purge` says so (db.retention, docs/privacy.md).
    "RETENTION_DAYS": None,
    "AUDIT_RETENTION_DAYS": None,
}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build and configure the Flask app; nothing is read from the environment at import."""
    app = Flask(
        "quizapp",
        instance_relative_config=True,
        instance_path=os.environ.get("QUIZAPP_INSTANCE_PATH") or str(ROOT / "instance"),
        static_folder=None,
    )
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("QUIZAPP")
    if test_config:
        app.config.from_mapping(test_config)
    app.static_folder = app.config["STATIC_DIR"]
    app.add_url_rule("/static/<path:filename>", endpoint="static", view_func=app.send_static_file)

    from quizapp import db, i18n
    from quizapp.web import (
        admin,
        auth,
        catalogue,
        clock,
        content,
        editor,
        keys,
        limits,
        lti,
        ops,
        preview,
        privacy,
        progress,
        security,
        take,
        teach,
    )

    keys.init_app(app)
    db.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    ops.init_app(app)
    auth.init_app(app)
    limits.init_app(app)
    teach.init_app(app)
    admin.init_app(app)
    content.init_app(app)
    clock.init_app(app)
    lti.init_app(app)
    for module in (catalogue, take, progress, privacy, preview, auth, teach, editor, admin, lti):
        app.register_blueprint(module.bp)
    if app.config.get("BENCH_ENDPOINTS"):
        # Benchmark baselines only: never part of a normal deployment.
        from quizapp.web import bench

        bench.init_app(app)
    return app
