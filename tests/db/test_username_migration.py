"""Migration 0005: folded usernames filled in, colliding accounts renamed, nothing lost."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from quizapp.core.usernames import fold, skeleton
from quizapp.db.engine import Database
from quizapp.db.migrate import upgrade
from quizapp.db.writes import WriteError, create_user

NAMES = {
    1: "teacher",
    2: "demo-student",
    3: "Demo-Student",  # a case variant of 2, made later
    4: "demo-student\n",  # F6: reads exactly like 2
    5: "DEMO-STUDENT-2",  # valid and free: kept, so the renamed ones go around it
    6: "ab\t",  # nothing usable left once cleaned
    7: "\uff4d\uff53-\uff4c\uff45\uff45",  # fullwidth ms-lee, stored before NFKC
}
EXPECTED = {1: "teacher", 2: "demo-student", 3: "Demo-Student-3", 4: "demo-student-4",
            5: "DEMO-STUDENT-2", 6: "user-6", 7: "ms-lee"}  # fmt: skip


def test_0005_keeps_every_account_and_renames_collisions(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    upgrade(db, "0004")
    with db.engine.begin() as conn:
        for user_id, name in NAMES.items():
            conn.execute(
                text("INSERT INTO users (id, username, password_hash, role, session_version,"
                     " created_at) VALUES (:id, :name, 'h', :role, 0, '2026-01-01')"),
                {"id": user_id, "name": name, "role": "teacher" if user_id == 1 else "student"},
            )  # fmt: skip
        conn.execute(text("INSERT INTO classrooms (id, name, teacher_id, join_code, join_enabled,"
                          " archived, created_at) VALUES (1, 'A', 1, 'ABCD2345', true, false,"
                          " '2026-01-01')"))  # fmt: skip
        for user_id in NAMES:
            if user_id > 1:
                conn.execute(
                    text("INSERT INTO memberships (user_id, classroom_id, joined_at)"
                         " VALUES (:id, 1, '2026-01-01')"), {"id": user_id},
                )  # fmt: skip
    upgrade(db)
    with db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, username, username_folded, username_skeleton FROM users")
        ).all()
        members = conn.execute(text("SELECT count(*) FROM memberships")).scalar()
    assert {r.id: r.username for r in rows} == EXPECTED
    assert all(r.username_folded == fold(r.username) for r in rows)
    assert all(r.username_skeleton == skeleton(r.username) for r in rows)
    assert members == len(NAMES) - 1
    printed = capsys.readouterr().out
    for user_id in (3, 4, 6, 7):
        assert f"account {user_id} renamed from {NAMES[user_id]!r} to {EXPECTED[user_id]!r}" in (
            printed
        )
    assert "account 2 " not in printed and "account 5 " not in printed


def test_the_database_refuses_a_second_account_for_a_folded_name(db: Database) -> None:
    upgrade(db)
    create_user(db, "Alice", "password-123")
    for variant in ("alice", "ALICE", "\uff41lice", "alice\n", "al\u200dice", "a1ice", "aIice"):
        with pytest.raises(WriteError):
            create_user(db, variant, "password-123")
    with db.engine.begin() as conn, pytest.raises(Exception, match="(?i)unique"):
        conn.execute(
            text("INSERT INTO users (username, username_folded, username_skeleton,"
                 " password_hash, role, session_version, created_at)"
                 " VALUES ('ALICE', 'alice', 'x', 'h', 'student', 0, '2026-01-01')")
        )  # fmt: skip
