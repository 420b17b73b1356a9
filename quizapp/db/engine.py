"""Engines and sessions: created lazily in each process (after a server forks its workers).

SQLite is set up for several worker processes: WAL so readers never wait for the writer,
``synchronous=FULL`` so a committed grade survives power loss, a busy timeout, and
``BEGIN IMMEDIATE`` for write transactions, since a deferred ``BEGIN`` that later upgrades
to a write fails at once with "database is locked" when another process writes.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from quizapp.db.models import Base

_WRITE = "quizapp_write"


class Database:
    """One per app: knows the URL and makes an engine per process."""

    def __init__(self, url: str, echo: bool = False, schema: str | None = None) -> None:
        self.url = url
        self.echo = echo
        # PostgreSQL only: the schema to work in (each test run gets its own).
        self.schema = schema
        self._engine: Engine | None = None
        self._writer: Engine | None = None
        self._pid = 0
        self._sessions: sessionmaker[Session] | None = None
        self._write_lock = _WriteLock(_sqlite_path(url))

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def engine(self) -> Engine:
        if self._engine is None or self._pid != os.getpid():
            self._engine = self._make_engine()
            self._writer = self._engine.execution_options(**{_WRITE: True})
            self._pid = os.getpid()
            self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        return self._engine

    @property
    def writer(self) -> Engine:
        """The engine whose transactions are writes (``BEGIN IMMEDIATE`` on SQLite)."""
        self.engine  # noqa: B018 - make sure the per-process engines exist
        assert self._writer is not None
        return self._writer

    def _make_engine(self) -> Engine:
        kwargs: dict[str, Any] = {"echo": self.echo}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
            if self.schema:
                kwargs["connect_args"] = {"options": f"-csearch_path={self.schema}"}
        engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            _configure_sqlite(engine)
        return engine

    def session(self) -> Session:
        """A session for reads (deferred BEGIN on SQLite)."""
        self.engine  # noqa: B018 - make sure the per-process engine exists
        assert self._sessions is not None
        return self._sessions()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error."""
        with (
            self._write_lock,
            Session(self.writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """One write transaction on a Core connection, for hot paths that need no ORM."""
        with self._write_lock, self.writer.begin() as connection:
            yield connection

    def create_all(self) -> None:
        Base.metadata.create_all(self.engine)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = self._writer = None


def _sqlite_path(url: str) -> str | None:
    """The file of a SQLite database URL; None for PostgreSQL or an in-memory database."""
    if not url.startswith("sqlite") or ":memory:" in url or "///" not in url:
        return None
    path = url.split("///", 1)[1].split("?", 1)[0]
    return path or None


class _WriteLock:
    """Writers to one SQLite file take turns on a lock file before ``BEGIN IMMEDIATE``.

    SQLite's own busy handler waits by sleeping in growing steps (up to 100 ms) and trying
    again, so with several worker processes a write often sleeps long after the lock was
    freed. A blocking ``flock`` is woken by the kernel the moment the holder lets go, and a
    holder that dies (killed worker) lets go at once. Threads of one process take turns on a
    ``threading.Lock`` first, since ``flock`` does not tell them apart. SQLite's busy timeout
    stays as the guard for writers that come without this lock (another program, say)."""

    def __init__(self, path: str | None) -> None:
        self.path = path + "-writelock" if path else None
        self._thread_lock = threading.Lock()
        self._fd = -1
        self._pid = 0

    def _file(self) -> int:
        if self._fd < 0 or self._pid != os.getpid():  # a forked worker opens its own
            assert self.path is not None
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd

    def __enter__(self) -> None:
        if self.path is None:
            return
        self._thread_lock.acquire()
        try:
            fcntl.flock(self._file(), fcntl.LOCK_EX)
        except BaseException:
            self._thread_lock.release()
            raise

    def __exit__(self, *exc: object) -> None:
        if self.path is None:
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself, so writes can say IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "busy_timeout=30000",
            "foreign_keys=ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(_WRITE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def init_app(app: Flask) -> None:
    """Bind the database to the app; nothing connects until first use."""
    url = app.config["DATABASE_URL"] or (
        "sqlite:///" + os.path.join(app.instance_path, "quizapp.sqlite")
    )
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        os.makedirs(os.path.dirname(url.removeprefix("sqlite:///")) or ".", exist_ok=True)
    app.extensions["quizapp.db"] = Database(
        url, echo=app.config.get("SQL_ECHO", False), schema=app.config.get("DATABASE_SCHEMA")
    )
    app.teardown_appcontext(_close_session)


def get_db() -> Database:
    db: Database = current_app.extensions["quizapp.db"]
    return db


def request_session() -> Session:
    """The read session of the current request."""
    if "db_session" not in g:
        g.db_session = get_db().session()
    session: Session = g.db_session
    return session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
