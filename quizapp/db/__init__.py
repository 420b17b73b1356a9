"""Persistence in one place: the engine, the models and the write operations."""

from __future__ import annotations

from quizapp.db.engine import Database, get_db, init_app

__all__ = ["Database", "get_db", "init_app"]
