"""The secret key: no default, one made once per instance, weak or published keys refused."""

from __future__ import annotations

import multiprocessing
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from quizapp import create_app
from quizapp.web.keys import FILE_NAME, PUBLISHED, key_problem, stored_key
from tests.factories import ROOT
from tests.web.conftest import SECRET_KEY

STRONG = "Vq3xN8rT1mKc6ZpL0sYd4HwB9fJg2UeA"
MEMORY = {"IMPORT_ON_START": False, "DATABASE_URL": "sqlite:///:memory:"}


def test_docs_publish_no_usable_key() -> None:
    """Every key value the README or the docs show is one the app refuses."""
    texts = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    shown = [
        m.group(1)
        for path in texts
        for m in re.finditer(r"SECRET_KEY[\"']?\s*[=:]\s*[\"']?([^\s\"'`|]+)", path.read_text())
    ]
    assert all(key_problem(key) for key in shown if key not in ("...",)), shown


@pytest.mark.parametrize(
    "key",
    [*PUBLISHED, "dev-only-change-me" * 3, "  Dev-Only-Change-Me  ", "test", "t", "x" * 40,
     "ab" * 20, "short-but-random-9f3K", b"x" * 64],
)  # fmt: skip
def test_weak_or_published_keys_are_refused(key: str | bytes) -> None:
    assert key_problem(key) is not None


@pytest.mark.parametrize("key", [STRONG, "0123456789abcdef" * 2, SECRET_KEY, STRONG.encode()])
def test_random_keys_are_taken(key: str | bytes) -> None:
    assert key_problem(key) is None


@pytest.mark.parametrize("production", [False, True])
@pytest.mark.parametrize("key", ["dev-only-change-me", "change-me", "test", "x" * 40])
def test_a_weak_key_stops_the_app_in_every_mode(
    monkeypatch: pytest.MonkeyPatch, production: bool, key: str
) -> None:
    monkeypatch.setenv("QUIZAPP_SECRET_KEY", key)
    config = {"PRODUCTION": production, "IMPORT_ON_START": False, "TRUSTED_HOSTS": ["a.org"]}
    with pytest.raises(RuntimeError, match="refusing to start.*QUIZAPP_SECRET_KEY"):
        create_app(config)


def test_the_administrators_key_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QUIZAPP_SECRET_KEY", STRONG)
    monkeypatch.setenv("QUIZAPP_INSTANCE_PATH", str(tmp_path))
    assert create_app(MEMORY).config["SECRET_KEY"] == STRONG
    assert not (tmp_path / FILE_NAME).exists()


def test_without_a_key_one_is_made_once_and_kept_private(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("QUIZAPP_SECRET_KEY", raising=False)
    monkeypatch.setenv("QUIZAPP_INSTANCE_PATH", str(tmp_path / "instance"))
    first = create_app(MEMORY).config["SECRET_KEY"]
    again = create_app(MEMORY).config["SECRET_KEY"]
    path = tmp_path / "instance" / FILE_NAME
    assert first == again == path.read_text().strip()
    assert key_problem(first) is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert list(path.parent.glob(f".{FILE_NAME}*")) == []  # no temporary file left


def test_a_key_file_others_can_read_is_refused(tmp_path: Path) -> None:
    stored_key(tmp_path)
    (tmp_path / FILE_NAME).chmod(0o644)
    with pytest.raises(RuntimeError, match="chmod 600"):
        stored_key(tmp_path)


def _read_key(folder: str, barrier: Any, out: Any) -> None:
    barrier.wait()
    out.put(stored_key(Path(folder)))


def test_workers_starting_at_once_agree_on_one_key(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    n = 8
    barrier, out = ctx.Barrier(n), ctx.Queue()
    workers = [ctx.Process(target=_read_key, args=(str(tmp_path), barrier, out)) for _ in range(n)]
    for w in workers:
        w.start()
    keys = {out.get(timeout=30) for _ in range(n)}
    for w in workers:
        w.join(timeout=30)
    assert len(keys) == 1 and key_problem(keys.pop()) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]
