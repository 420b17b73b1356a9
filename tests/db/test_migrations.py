"""Migrations build exactly the models' schema, and upgrade data without losing a row."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from quizapp.db.engine import Database
from quizapp.db.migrate import alembic_config, current_revision, head_revision, upgrade
from quizapp.db.models import Base


def test_migrations_produce_exactly_the_models_schema(db: Database) -> None:
    upgrade(db)
    assert current_revision(db) == head_revision(db)
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
        tables = set(inspect(conn).get_table_names())
    assert diff == []
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def test_upgrading_from_the_first_migration_keeps_every_row(db: Database) -> None:
    revisions = list(
        ScriptDirectory.from_config(alembic_config(db)).walk_revisions("base", "heads")
    )
    first = revisions[-1].revision
    upgrade(db, first)
    rows = {
        "users": "(id, username, password_hash, role, session_version, created_at) VALUES"
        " (1, 'teacher', 'h', 'teacher', 0, '2026-01-01'),"
        " (2, 'kid', 'h', 'student', 0, '2026-01-01')",
        "classrooms": "(id, name, teacher_id, join_code, join_enabled, archived, created_at)"
        " VALUES (1, 'A', 1, 'ABCD2345', true, false, '2026-01-01')",
        "memberships": "(user_id, classroom_id, joined_at) VALUES (2, 1, '2026-01-01')",
        "quiz_versions": "(id, quiz_id, digest, title, level, language, public, current,"
        " source_yaml, article_name, article_text, imported_at) VALUES"
        " (1, 'q', 'd', 'T', 'beginner', 'en', true, true, 'id: q', 'a.txt', 'A', '2026-01-01')",
        "attempts": "(id, user_id, version_id, token, responses, score, earned, possible,"
        " submitted_at) VALUES (1, 2, 1, 'tok', '{}', 0.5, 1, 2, '2026-01-01')",
        "attempt_skills": "(attempt_id, skill, expected, found, flagged, correct)"
        " VALUES (1, 'placeholder', 1, 1, 1, 1)",
        "attempt_spans": "(id, attempt_id, question_id, span_id, status, coverage)"
        " VALUES (1, 1, 'q1', 's1', 'found', 1.0)",
    }
    with db.engine.begin() as conn:
        for table, values in rows.items():
            conn.execute(text(f"INSERT INTO {table} {values}"))
    upgrade(db)
    with db.engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in rows}
        # No marks for an attempt made before they were kept: item analysis grades it again.
        marks = conn.execute(text("SELECT marks, false_alarms FROM attempts")).one()
    assert counts == {"users": 2, "classrooms": 1, "memberships": 1, "quiz_versions": 1,
                      "attempts": 1, "attempt_skills": 1, "attempt_spans": 1}  # fmt: skip
    assert tuple(marks) == (None, None)


def test_0004_takes_teacher_accounts_out_of_other_classes(db: Database) -> None:
    """A teacher account that joined another teacher's class leaves it; its attempt there
    is kept, voided; a student's membership and attempt are untouched."""
    upgrade(db, "0003")
    rows = [
        "INSERT INTO users (id, username, password_hash, role, session_version, created_at)"
        " VALUES (1, 'owner', 'h', 'teacher', 0, '2026-01-01'),"
        " (2, 'intruder', 'h', 'teacher', 0, '2026-01-01'),"
        " (3, 'kid', 'h', 'student', 0, '2026-01-01')",
        "INSERT INTO classrooms (id, name, teacher_id, join_code, join_enabled, archived,"
        " created_at) VALUES (1, 'A', 1, 'ABCD2345', true, false, '2026-01-01')",
        "INSERT INTO memberships (user_id, classroom_id, joined_at)"
        " VALUES (2, 1, '2026-01-01'), (3, 1, '2026-01-01')",
        "INSERT INTO quiz_versions (id, quiz_id, digest, title, level, language, public,"
        " current, source_yaml, article_name, article_text, imported_at) VALUES"
        " (1, 'q', 'd', 'T', 'beginner', 'en', true, true, 'id: q', 'a.txt', 'A', '2026-01-01')",
        "INSERT INTO assignments (id, classroom_id, version_id, opens_at, due_at, max_attempts,"
        " counting, feedback, allow_late, created_at) VALUES"
        " (1, 1, 1, '2026-01-01', '2026-01-08', 1, 'best', 'never', true, '2026-01-01')",
        "INSERT INTO attempts (id, user_id, version_id, assignment_id, number, late, token,"
        " responses, score, earned, possible, submitted_at) VALUES"
        " (1, 2, 1, 1, 1, false, 't1', '{}', 1, 2, 2, '2026-01-02'),"
        " (2, 3, 1, 1, 1, false, 't2', '{}', 0.5, 1, 2, '2026-01-02')",
    ]
    with db.engine.begin() as conn:
        for sql in rows:
            conn.execute(text(sql))
    upgrade(db)
    with db.engine.connect() as conn:
        members = conn.execute(text("SELECT user_id FROM memberships")).scalars().all()
        voided = dict(conn.execute(text("SELECT id, voided_at IS NOT NULL FROM attempts")).all())
        late_until = conn.execute(text("SELECT late_until FROM assignments")).scalar()
    assert members == [3]
    assert voided == {1: True, 2: False}
    assert str(late_until).startswith("2026-01-15")  # a week after the due date
