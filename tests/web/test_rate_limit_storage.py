"""Rate limits counted in Redis are shared by every worker; in memory they are not."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from quizapp import create_app
from quizapp.core.loader import Bank
from quizapp.db.migrate import upgrade
from quizapp.db.writes import create_user, import_bank
from tests.databases import service_url
from tests.web.conftest import PASSWORD, SECRET_KEY, Auth


def redis_url() -> str:
    return service_url("QUIZAPP_TEST_REDIS_URL", "Redis")


def worker(tmp_path: Path, bank: Bank, storage: str, first: bool) -> Flask:
    """One 'worker': an app with its own limiter storage connection, on a shared database."""
    app = create_app({"SECRET_KEY": SECRET_KEY, "IMPORT_ON_START": False,
                      "RATELIMIT_STORAGE_URI": storage,
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite'}"})  # fmt: skip
    if first:
        with app.app_context():
            upgrade(app.extensions["quizapp.db"])
            import_bank(app.extensions["quizapp.db"], bank)
            create_user(app.extensions["quizapp.db"], "alice", PASSWORD)
    return app


def fail_ten_times(app: Flask) -> None:
    auth = Auth(app.test_client())
    for _ in range(10):
        assert auth.login("alice", "wrong password!").status_code == 200


def test_redis_counts_are_shared_between_workers(tmp_path: Path, bank: Bank) -> None:
    import redis

    url = redis_url()
    redis.Redis.from_url(url).flushdb()
    fail_ten_times(worker(tmp_path, bank, url, first=True))
    other = worker(tmp_path, bank, url, first=False)
    assert Auth(other.test_client()).login("alice", PASSWORD).status_code == 429


def test_memory_counts_are_per_worker(tmp_path: Path, bank: Bank) -> None:
    fail_ten_times(worker(tmp_path, bank, "memory://", first=True))
    other = worker(tmp_path, bank, "memory://", first=False)
    assert Auth(other.test_client()).login("alice", PASSWORD).status_code == 302
