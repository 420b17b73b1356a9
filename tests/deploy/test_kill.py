"""Killing a process mid-write leaves the database whole: all of a write or none of it."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from sqlalchemy import text

from quizapp.core.loader import load_bank
from quizapp.db.engine import Database
from tests.deploy.conftest import BIN
from tests.factories import ROOT

SEED = (ROOT / "quizzes" / "iran-hamas-meeting.yaml").read_text(encoding="utf-8")


def database(env: dict[str, str]) -> Database:
    return Database(env["QUIZAPP_DATABASE_URL"], schema=env.get("QUIZAPP_DATABASE_SCHEMA"))


def helper(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    command = [str(BIN / "python"), "-m", "tests.deploy.helpers", *args]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE)


def quiz_env(env: dict[str, str], folder: Path) -> dict[str, str]:
    """``env`` for a bank in ``folder``, without importing at start."""
    return {
        **env,
        "QUIZAPP_QUIZ_DIR": str(folder / "quizzes"),
        "QUIZAPP_SEEDS_DIR": str(folder / "seeds"),
        "QUIZAPP_IMPORT_ON_START": "false",
    }


def run(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "quizapp"), *args], env=env, check=True, capture_output=True,
                   timeout=120)  # fmt: skip


def big_bank(folder: Path, n: int) -> None:
    (folder / "quizzes").mkdir()
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    for i in range(n):
        quiz_id = f"copy-{i:03d}"
        text_ = SEED.replace("id: iran-hamas-meeting", f"id: {quiz_id}")
        (folder / "quizzes" / f"{quiz_id}.yaml").write_text(text_, encoding="utf-8")


def wait_until_writing(env: dict[str, str], process: subprocess.Popen[bytes]) -> bool:
    """Block until the import holds its write transaction open (True), or has ended."""
    url = env["QUIZAPP_DATABASE_URL"]
    if url.startswith("sqlite"):
        probe = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        while process.poll() is None:
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError:
                return True  # the importer holds the write lock: it is mid-transaction
            time.sleep(0.002)
        return False
    db = database(env)
    with db.engine.connect() as conn:
        while process.poll() is None:
            held = conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                    " WHERE c.relname = 'quiz_versions' AND l.mode = 'RowExclusiveLock'"
                    " AND l.pid <> pg_backend_pid()"
                )
            ).scalar()
            conn.rollback()
            if held:
                return True
            time.sleep(0.002)
    return False


def test_a_killed_import_stores_all_of_the_bank_or_none(
    any_env: dict[str, str], tmp_path: Path
) -> None:
    big_bank(tmp_path, 40)
    env = quiz_env(any_env, tmp_path)
    run(env, "db", "upgrade")
    db = database(env)
    killed_mid_write = 0
    for _ in range(3):
        process = subprocess.Popen([str(BIN / "quizapp"), "import"], env=env)
        if wait_until_writing(env, process):
            process.send_signal(signal.SIGKILL)
            killed_mid_write += 1
        process.wait()
        with db.session() as s:
            count = s.execute(text("SELECT count(*) FROM quiz_versions")).scalar()
        assert count == 0, "a killed import left part of the bank"
    run(env, "import")  # and a whole import afterwards stores all of it
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM quiz_versions")).scalar() == 40
    db.dispose()
    assert killed_mid_write == 3


def test_a_killed_submission_is_stored_whole_or_not_at_all(
    any_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**any_env, "QUIZAPP_IMPORT_ON_START": "false"}
    run(env, "db", "upgrade")
    run(env, "import")
    helper(env, "create-user", "kid", "password-123").wait(timeout=60)
    rng = random.Random(7)
    for _ in range(4):
        process = helper(env, "submit-forever")
        assert process.stdout is not None
        process.stdout.readline()  # it has stored at least one attempt
        time.sleep(rng.uniform(0.05, 0.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
    db = database(env)
    with db.session() as s:
        attempts = s.execute(text("SELECT count(*) FROM attempts")).scalar()
        # Every attempt holds as many skill rows as the quiz has skills (the same answer,
        # graded once), and its span rows.
        skills = len(load_bank(ROOT / "quizzes", ROOT / "seeds").get("iran-hamas-meeting").skills)
        broken = s.execute(
            text(
                "SELECT count(*) FROM attempts a WHERE"
                " (SELECT count(*) FROM attempt_skills k WHERE k.attempt_id = a.id) != :skills"
                " OR (SELECT count(*) FROM attempt_spans p WHERE p.attempt_id = a.id) = 0"
            ),
            {"skills": skills},
        ).scalar()
    db.dispose()
    assert attempts and attempts >= 4
    assert broken == 0
