"""The web fixtures: the language tests drive the app."""

from __future__ import annotations

from tests.web.conftest import app, auth, client  # noqa: F401
