"""SQLite is set up for several worker processes; writes take the lock at BEGIN."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from quizapp import create_app
from quizapp.db.engine import Database


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'x.sqlite'}")
    database.create_all()
    return database


def test_sqlite_pragmas(db: Database) -> None:
    with db.session() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert s.execute(text("PRAGMA busy_timeout")).scalar() == 30000
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_write_transaction_holds_the_write_lock_from_its_start(
    db: Database, tmp_path: Path
) -> None:
    other = sqlite3.connect(tmp_path / "x.sqlite", timeout=0, isolation_level=None)
    with db.write() as s:
        s.execute(text("SELECT 1"))  # no write yet: a deferred BEGIN would hold no lock
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # released at commit
    other.execute("ROLLBACK")


def test_a_read_does_not_block_a_writer(db: Database, tmp_path: Path) -> None:
    other = sqlite3.connect(tmp_path / "x.sqlite", timeout=0, isolation_level=None)
    with db.session() as s, s.begin():
        s.execute(text("SELECT count(*) FROM users"))
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")


def test_a_failed_write_changes_nothing(db: Database) -> None:
    from quizapp.db.models import User

    with pytest.raises(RuntimeError), db.write() as s:
        s.add(User(username="x", password_hash="h"))
        s.flush()
        raise RuntimeError("boom")
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM users")).scalar() == 0


def test_config_defaults_then_environment_then_test_config(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'env.sqlite'}"
    monkeypatch.setenv("QUIZAPP_DATABASE_URL", url)
    monkeypatch.setenv("QUIZAPP_SECRET_KEY", "from-env-" + "Zq3vK8pW1xR6tY0u" * 2)
    key = "from-test-" + "Hd7Lm2Nc9Bf4Gs5J" * 2
    app = create_app({"SECRET_KEY": key, "IMPORT_ON_START": False})
    assert app.config["DATABASE_URL"] == url
    assert app.config["SECRET_KEY"] == key
    assert app.config["MAX_CONTENT_LENGTH"] == 256 * 1024


def test_engine_is_made_again_in_a_forked_process(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = db.engine
    monkeypatch.setattr("os.getpid", lambda: -1)
    assert db.engine is not first


def _hold_write_lock(url: str, ready: Any) -> None:
    with Database(url).write() as s:
        s.execute(text("SELECT 1"))
        ready.send("holding")
        time.sleep(60)  # until killed


def test_writers_take_turns_on_a_lock_file_that_a_killed_holder_lets_go(
    db: Database, tmp_path: Path
) -> None:
    """A second writer waits for the first; when the first is killed mid-transaction, the
    kernel frees the lock file and the waiting writer goes on at once."""
    ctx = multiprocessing.get_context("fork")
    mine, theirs = ctx.Pipe()
    holder = ctx.Process(target=_hold_write_lock, args=(db.url, theirs))
    holder.start()
    try:
        assert mine.recv() == "holding"
        assert (tmp_path / "x.sqlite-writelock").exists()
        done = threading.Event()

        def write() -> None:
            with db.write_connection() as conn:
                conn.execute(text("INSERT INTO users (username, username_folded,"
                                  " username_skeleton, password_hash, role, session_version,"
                                  " created_at) VALUES"
                                  " ('w', 'w', 'w', 'h', 'student', 0, '2026-01-01')"))  # fmt: skip
            done.set()

        writer = threading.Thread(target=write)
        writer.start()
        assert not done.wait(0.5), "the second writer did not wait for the first"
        os.kill(holder.pid, signal.SIGKILL)  # type: ignore[arg-type]
        assert done.wait(10), "the lock was not let go when its holder died"
        writer.join()
    finally:
        holder.kill()
        holder.join()
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM users")).scalar() == 1


def test_no_lock_file_for_postgresql_or_memory() -> None:
    from quizapp.db.engine import _sqlite_path

    assert _sqlite_path("postgresql+psycopg://u:p@127.0.0.1/db") is None
    assert _sqlite_path("sqlite:///:memory:") is None
    assert _sqlite_path("sqlite:////srv/q.sqlite?timeout=5") == "/srv/q.sqlite"
