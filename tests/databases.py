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


def postgres_url() -> str:
    url = os.environ.get("QUIZAPP_TEST_DATABASE_URL", "")
    if not url:
        reason = "PostgreSQL not configured: set QUIZAPP_TEST_DATABASE_URL (see .ci/services.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must test on PostgreSQL")
        pytest.skip(reason)
    return url


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
