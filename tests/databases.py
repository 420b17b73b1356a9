"""The databases tests run on: SQLite always, PostgreSQL when QUIZAPP_TEST_DATABASE_URL is set.

Each PostgreSQL test gets a schema of its own, dropped afterwards. Under CI=true a missing
PostgreSQL is an error, never a skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

BACKENDS = ["sqlite", "postgresql"]


def service_url(variable: str, what: str) -> str:
    """The URL of a test service, or a skip with the reason (an error under CI=true)."""
    url = os.environ.get(variable, "")
    if not url:
        reason = f"{what} not configured: set {variable} (see .ci/services.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must test with {what}")
        pytest.skip(reason)
    return url


def postgres_url() -> str:
    return service_url("QUIZAPP_TEST_DATABASE_URL", "PostgreSQL")


def database_config(backend: str, folder: Path) -> Iterator[dict[str, Any]]:
    """App config for a fresh, empty database of ``backend``."""
    if backend == "sqlite":
        yield {"DATABASE_URL": f"sqlite:///{folder / 'test.sqlite'}"}
        return
    url = postgres_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield {"DATABASE_URL": url, "DATABASE_SCHEMA": schema}
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()
