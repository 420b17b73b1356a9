"""quizapp: a media-literacy quiz engine."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(test_config: dict[str, Any] | None = None) -> Any:
    """Build the Flask application (imported lazily so the core stays Flask-free)."""
    from quizapp.web.app import create_app as _create_app

    return _create_app(test_config)
