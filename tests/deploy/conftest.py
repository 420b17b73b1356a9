"""Deployment tests run the real commands (quizapp, gunicorn) in subprocesses."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.databases import database_config

BIN = Path(sys.executable).parent


@pytest.fixture
def pg_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment for a quizapp process on a fresh PostgreSQL schema."""
    for config in database_config("postgresql", tmp_path):
        yield _env(config, tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    for config in database_config(request.param, tmp_path):
        yield _env(config, tmp_path)


def _env(config: dict[str, Any], tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZAPP_")}
    env.update(
        QUIZAPP_DATABASE_URL=config["DATABASE_URL"],
        QUIZAPP_SECRET_KEY="deploy-test-secret-" + "x" * 20,
        QUIZAPP_INSTANCE_PATH=str(tmp_path / "instance"),
    )
    if config.get("DATABASE_SCHEMA"):
        env["QUIZAPP_DATABASE_SCHEMA"] = config["DATABASE_SCHEMA"]
    return env
