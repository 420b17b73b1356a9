"""A fresh database with generated students, and gunicorn serving quizapp on it.

Users get one precomputed Argon2 hash, inserted in bulk: hashing at login is what the
morning run measures, not at set-up. The baseline's table is created here with raw SQL.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, select, text

from quizapp.core.loader import load_bank
from quizapp.db.engine import Database
from quizapp.db.migrate import upgrade
from quizapp.db.models import Assignment, Classroom, Membership, QuizVersion, User, utcnow
from quizapp.db.writes import import_bank
from quizapp.passwords import hash_password

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "bench-password-1"
SEED_QUIZ = "iran-hamas-meeting"
WORKERS = 4  # docs/deploy.md: two or three workers per core; this machine has two
REDIS_URL = "redis://127.0.0.1:6379/1"
BASELINE_TABLE = {
    "sqlite": "CREATE TABLE bench_writes (id INTEGER PRIMARY KEY, value VARCHAR(64))",
    "postgresql": "CREATE TABLE bench_writes (id SERIAL PRIMARY KEY, value VARCHAR(64))",
}


def postgres_url() -> str:
    url = os.environ.get("QUIZAPP_BENCH_DATABASE_URL", "")
    if not url:
        raise SystemExit("set QUIZAPP_BENCH_DATABASE_URL (bench/run.sh does) to run on PostgreSQL")
    return url


@contextmanager
def database(backend: str, folder: Path) -> Iterator[Database]:
    """An empty database: a SQLite file, or a schema of its own in the benchmark database."""
    if backend == "sqlite":
        db = Database(f"sqlite:///{folder / 'bench.sqlite'}")
        try:
            yield db
        finally:
            db.dispose()
        return
    url = postgres_url()
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    db = Database(url, schema=schema)
    try:
        yield db
    finally:
        db.dispose()
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def prepare(db: Database, backend: str, students: int) -> dict[str, Any]:
    """Schema, bank, baseline table, a teacher, a class of ``students`` and an assignment."""
    upgrade(db)
    import_bank(db, load_bank(ROOT / "quizzes", ROOT / "seeds"))
    hashed = hash_password(PASSWORD)
    names = [f"student{i:05d}" for i in range(1, students + 1)]
    with db.write() as s:
        s.execute(text(BASELINE_TABLE[backend]))
        teacher = s.execute(
            insert(User).returning(User.id),
            [{"username": "bench-teacher", "password_hash": hashed, "role": "teacher"}],
        ).scalar_one()
        room = s.execute(
            insert(Classroom).returning(Classroom.id),
            [{"name": "Bench class", "teacher_id": teacher, "join_code": "BENCH234"}],
        ).scalar_one()
        s.execute(
            insert(User),
            [{"username": n, "password_hash": hashed, "role": "student"} for n in names],
        )
        ids = s.scalars(select(User.id).where(User.role == "student")).all()
        s.execute(insert(Membership), [{"user_id": i, "classroom_id": room} for i in ids])
        version = s.scalar(
            select(QuizVersion.id).where(
                QuizVersion.quiz_id == SEED_QUIZ, QuizVersion.current.is_(True)
            )
        )
        now = utcnow()
        assignment = s.execute(
            insert(Assignment).returning(Assignment.id),
            [{"classroom_id": room, "version_id": version, "opens_at": now - timedelta(hours=1),
              "due_at": now + timedelta(days=1), "max_attempts": 1, "counting": "best",
              "feedback": "immediate", "allow_late": False}],
        ).scalar_one()  # fmt: skip
    return {"students": names, "teacher": teacher, "classroom": room, "assignment": assignment}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def static_file(folder: Path, page_bytes: int) -> str:
    """Put a file exactly as large as the quiz page in the served static folder; its name."""
    target = folder / "static"
    name = "bench-quiz-size.html"
    # Text much like the page's own (so compression figures would be alike too).
    filler = (ROOT / "seeds" / "000_5b76fb9373ce4131.txt").read_bytes()
    (target / name).write_bytes((filler * (page_bytes // len(filler) + 1))[:page_bytes])
    return name


def flush_limits() -> None:
    """Start every run with empty login counts (the limiter's Redis database)."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


@contextmanager
def gunicorn(db: Database, folder: Path, workers: int = WORKERS) -> Iterator[str]:
    """Serve quizapp from ``db`` on a free loopback port; yield the base URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZAPP_")}
    env.update(
        QUIZAPP_DATABASE_URL=db.url,
        QUIZAPP_SECRET_KEY="bench-secret-" + "x" * 32,
        QUIZAPP_INSTANCE_PATH=str(folder / "instance"),
        QUIZAPP_STATIC_DIR=str(folder / "static"),
        QUIZAPP_BENCH_ENDPOINTS="true",
        QUIZAPP_RATELIMIT_STORAGE_URI=REDIS_URL,
    )
    if db.schema:
        env["QUIZAPP_DATABASE_SCHEMA"] = db.schema
    if not (folder / "static").is_dir():
        shutil.copytree(ROOT / "static", folder / "static")
    flush_limits()
    port = free_port()
    log_path = folder / f"gunicorn-{port}.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
             "--backlog", "2048", "quizapp:create_app()"],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(base, server)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=30)


def _wait_healthy(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited while starting; see its log")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not become healthy within 60 s")


def server_problems(folder: Path) -> dict[str, int]:
    """Server-side errors in the logs: 5xx answers and tracebacks."""
    out = {"5xx": 0, "tracebacks": 0}
    for path in folder.glob("gunicorn-*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("Traceback"):
                out["tracebacks"] += 1
            elif line.startswith("{") and '"status": 5' in line:
                out["5xx"] += 1
    return out


def run_load(spec: dict[str, Any]) -> dict[str, Any]:
    """Run the load generator in its own process; its JSON result."""
    done = subprocess.run(
        [str(BIN / "python"), "-m", "bench.loadgen"],
        input=json.dumps(spec), capture_output=True, text=True, cwd=ROOT, check=False,
        timeout=float(spec.get("warmup", 0)) + float(spec.get("duration", 0))
        + float(spec.get("login_window", 0)) + float(spec.get("submit_window", 0)) + 900,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@contextmanager
def workdir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="quizapp-bench-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
