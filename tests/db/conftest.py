"""Database fixtures: an empty database of each kind, for migration tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.db.engine import Database
from tests.databases import BACKENDS, database_config


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    for config in database_config(request.param, tmp_path):
        database = Database(config["DATABASE_URL"], schema=config.get("DATABASE_SCHEMA"))
        yield database
        database.dispose()
