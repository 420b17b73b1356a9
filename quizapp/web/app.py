"""The application factory: defaults, then ``QUIZAPP_*`` environment, then test config."""

from __future__ import annotations

from typing import Any

from flask import Flask

DEFAULTS: dict[str, Any] = {
    "SECRET_KEY": "dev",
    "QUIZ_DIR": "quizzes",
    "SEEDS_DIR": "seeds",
}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build and configure the Flask app; nothing is read from the environment at import."""
    app = Flask("quizapp", instance_relative_config=True)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("QUIZAPP")
    if test_config:
        app.config.from_mapping(test_config)
    return app
