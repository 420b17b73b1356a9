"""Migration 0011: co-teachers, and LTI accounts keyed by role, up and down with data."""

from __future__ import annotations

from sqlalchemy import text

from quizapp.db.engine import Database
from quizapp.db.migrate import current_revision, downgrade, upgrade

SEED = [
    "INSERT INTO users (id, username, username_folded, username_skeleton, password_hash, role,"
    " session_version, created_at) VALUES (1, 'lms-t', 'lms-t', 'lms-t', 'h', 'teacher', 0,"
    " '2026-01-01'), (2, 'lms-s', 'lms-s', 'lms-s', 'h', 'student', 0, '2026-01-01')",
    "INSERT INTO lti_platforms (id, name, issuer, client_id, auth_login_url, auth_token_url,"
    " key_set_url, frame_origins, created_at) VALUES (1, 'LMS', 'https://l', 'c',"
    " 'https://l/a', 'https://l/t', 'https://l/k', '', '2026-01-01')",
    "INSERT INTO lti_users (platform_id, subject, user_id) VALUES (1, 'sub-t', 1), (1, 'sub-s', 2)",
]


def test_0011_keys_course_accounts_by_role_and_goes_back(db: Database) -> None:
    upgrade(db, "0010")
    with db.engine.begin() as conn:
        for sql in SEED:
            conn.execute(text(sql))
    upgrade(db, "0011")
    with db.engine.begin() as conn:
        kinds = dict(conn.execute(text("SELECT subject, kind FROM lti_users")).all())
        # The same person as a student too: a second row, now allowed.
        for sql in (
            "INSERT INTO users (id, username, username_folded, username_skeleton,"
            " password_hash, role, session_version, created_at) VALUES"
            " (3, 'lms-u', 'lms-u', 'lms-u', 'h', 'student', 0, '2026-01-01')",
            "INSERT INTO lti_users (platform_id, subject, kind, user_id)"
            " VALUES (1, 'sub-t', 'student', 3)",
            "INSERT INTO classrooms (id, name, teacher_id, join_code, join_enabled, archived,"
            " timezone, created_at) VALUES (1, 'A', 1, 'ABCD2345', false, false, 'UTC',"
            " '2026-01-01')",
            "INSERT INTO classroom_teachers (classroom_id, user_id, added_at)"
            " VALUES (1, 3, '2026-01-01')",
        ):
            conn.execute(text(sql))
    assert kinds == {"sub-t": "teacher", "sub-s": "student"}
    downgrade(db, "0010")
    assert current_revision(db) == "0010"
    with db.engine.connect() as conn:
        left = sorted(conn.execute(text("SELECT subject, user_id FROM lti_users")).all())
        tables = {r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table'" if db.is_sqlite else
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))}  # fmt: skip
    # One account a person again: the teacher's kept, the second one's link dropped.
    assert [tuple(r) for r in left] == [("sub-s", 2), ("sub-t", 1)]
    assert "classroom_teachers" not in tables
    upgrade(db)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM lti_users")).scalar() == 2
