"""A student deletes their own account (issue 17, part 2): every row about them goes, on
both databases, in one transaction; nothing of anyone else is touched; teachers are refused."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import String, func, insert, select

from quizapp.db import erasure
from quizapp.db.models import (
    Assignment,
    AssignmentException,
    AssignmentStart,
    Attempt,
    AuditEvent,
    AuthoredQuiz,
    Base,
    Classroom,
    ClassroomTeacher,
    Draft,
    LtiGrade,
    LtiLink,
    LtiPlatform,
    LtiUser,
    QuizShare,
    QuizVersion,
)
from quizapp.db.writes import reset_student_password
from tests.web.conftest import PASSWORD, Auth, csrf_token
from tests.web.teach_data import (
    add_assignment,
    add_attempt,
    add_class,
    add_users,
    class_id,
    db_of,
    ids,
    join,
)
from tests.web.test_privacy import personal_tables


def test_no_table_of_a_persons_data_is_left_out_of_the_deletion() -> None:
    missing = personal_tables() - set(erasure.TABLES)
    assert missing == set(), f"say in quizapp.db.erasure what deleting does to {sorted(missing)}"


def seed(app: Flask) -> dict[str, int]:
    """alice and bob each with a row in every table (two classes, a start, an exception,
    graded attempts: skills and spans), and an attempt of bob's voided."""
    teacher1, alice, bob = ids(app, "teacher1", "alice", "bob")
    c2, _ = add_class(app, teacher1, "Class 2", [alice, bob])
    a1, a2 = add_assignment(app, class_id(app)), add_assignment(app, c2)
    for student in (alice, bob):
        for aid in (a1, a2):
            add_attempt(app, student, aid)
    with app.app_context(), db_of(app).write() as s:
        for student in (alice, bob):
            s.execute(insert(AssignmentStart).values(assignment_id=a1, user_id=student))
            s.execute(
                insert(AssignmentException).values(
                    assignment_id=a1, user_id=student, extra_attempts=1, granted_by=teacher1
                )
            )
        s.execute(
            Attempt.__table__.update().where(Attempt.user_id == bob).values(voided_by=teacher1)
        )
    return {"alice": alice, "bob": bob, "teacher1": teacher1}


def rows_of(app: Flask, user_id: int) -> dict[str, list[Any]]:
    """Every row of every table referring to ``user_id``: in a column keyed to users, or
    keyed to one of the person's attempts."""
    found: dict[str, list[Any]] = {}
    with app.app_context(), db_of(app).session() as s:
        attempts = set(s.scalars(select(Attempt.id).where(Attempt.user_id == user_id)))
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                keys = {fk.column.table.name for fk in column.foreign_keys}
                if "users" in keys or table.name == "users" and column.name == "id":
                    wanted = [user_id]
                elif "attempts" in keys:
                    wanted = sorted(attempts)
                else:
                    continue
                # A login notes the day it happened: not a row about the person changing.
                shown = [c for c in table.columns if c.name != "last_seen_at"]
                rows = s.execute(select(*shown).where(column.in_(wanted))).all() if wanted else []
                if rows:
                    found[f"{table.name}.{column.name}"] = [tuple(r) for r in rows]
    return found


def confirm(client: FlaskClient, password: str = PASSWORD) -> Any:
    token = csrf_token(client.get("/my-account/delete").get_data(as_text=True))
    return client.post("/my-account/delete", data={"csrf_token": token, "password": password})


def test_a_student_deletes_everything_of_theirs_and_nothing_else(
    app: Flask, client: FlaskClient
) -> None:
    people = seed(app)
    alice = people["alice"]
    assert set(rows_of(app, alice)) >= {"users.id", "memberships.user_id", "attempts.user_id",
                                        "assignment_starts.user_id", "attempt_spans.attempt_id",
                                        "assignment_exceptions.user_id",
                                        "attempt_skills.attempt_id"}  # fmt: skip
    # bob's rows, and teacher1's but the exception granted to alice.
    others = {p: rows_of(app, i) for p, i in people.items() if p != "alice"}
    others["teacher1"]["assignment_exceptions.granted_by"] = [
        row for row in others["teacher1"]["assignment_exceptions.granted_by"] if row[1] != alice
    ]
    Auth(client).login("alice")
    page = client.get("/my-account/delete").get_data(as_text=True)
    assert "alice" in page and "2 classes" in page and "2 attempts" in page
    response = confirm(client)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "are deleted" in client.get("/").get_data(as_text=True)
    assert rows_of(app, alice) == {}
    assert {p: rows_of(app, people[p]) for p in others} == others
    # Logged out: her pages send her to log in, and she cannot log in again.
    assert client.get("/my-data.json").status_code == 302
    assert Auth(app.test_client()).login("alice").status_code != 302


def test_a_copied_session_ends_with_the_account(app: Flask) -> None:
    seed(app)
    first, second = app.test_client(), app.test_client()
    Auth(first).login("alice")
    Auth(second).login("alice")
    assert confirm(first).status_code == 302
    assert second.get("/my-data.json").status_code == 302


@pytest.mark.parametrize("password", ["wrong password", ""])
def test_a_wrong_password_deletes_nothing(app: Flask, client: FlaskClient, password: str) -> None:
    people = seed(app)
    before = rows_of(app, people["alice"])
    Auth(client).login("alice")
    response = confirm(client, password)
    assert response.status_code == 200 and 'role="alert"' in response.get_data(as_text=True)
    assert rows_of(app, people["alice"]) == before


def test_without_csrf_nothing_is_deleted(app: Flask, client: FlaskClient) -> None:
    people = seed(app)
    Auth(client).login("alice")
    client.post("/my-account/delete", data={"password": PASSWORD})
    assert rows_of(app, people["alice"])["users.id"]


def test_a_teacher_is_refused_with_a_reason(app: Flask, client: FlaskClient) -> None:
    people = seed(app)
    before = rows_of(app, people["teacher1"])
    Auth(client).login("teacher1")
    response = client.get("/my-account/delete")
    assert response.status_code == 403 and "classes" in response.get_data(as_text=True)
    token = csrf_token(client.get("/").get_data(as_text=True))
    response = client.post("/my-account/delete", data={"csrf_token": token, "password": PASSWORD})
    assert response.status_code == 403
    assert rows_of(app, people["teacher1"]) == before
    with app.app_context(), pytest.raises(erasure.NotAStudent):
        erasure.delete_student(db_of(app), people["teacher1"])


def test_anonymous_is_sent_to_log_in(client: FlaskClient) -> None:
    response = client.get("/my-account/delete")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_failure_midway_deletes_nothing(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All or nothing: an error before the user row goes rolls every delete back."""
    people = seed(app)
    before = rows_of(app, people["alice"])
    real = erasure.update

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("killed")

    monkeypatch.setattr(erasure, "update", failing)
    with app.app_context(), pytest.raises(RuntimeError):
        erasure.delete_student(db_of(app), people["alice"])
    monkeypatch.setattr(erasure, "update", real)
    assert rows_of(app, people["alice"]) == before


def test_wrong_passwords_are_limited_like_logins(app: Flask, client: FlaskClient) -> None:
    people = seed(app)
    Auth(client).login("alice")
    for _ in range(10):
        assert confirm(client, "wrong password!").status_code == 200
    assert confirm(client).status_code == 429
    assert rows_of(app, people["alice"])["users.id"]


# Tables that only ever hold teachers' rows: a student has nothing in them to seed.
TEACHERS_ONLY = {"classrooms", "authored_quizzes", "quiz_shares", "drafts", "classroom_teachers"}


def traces(app: Flask, user_id: int, username: str) -> dict[str, list[Any]]:
    """``rows_of`` and, in every text column of every table of the database, the name."""
    found = rows_of(app, user_id)
    with app.app_context(), db_of(app).session() as s:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, String):  # Text is a String too
                    hits = s.execute(
                        select(table).where(column.contains(username, autoescape=True))
                    ).all()
                    if hits:
                        found[f"{table.name}.{column.name} (name)"] = [tuple(r) for r in hits]
    return found


def test_no_trace_of_a_deleted_student_in_any_table(app: Flask) -> None:
    """A student with a row in every table that can hold a student's data (the trail too:
    their teacher viewed, exported and reset), deleted by an administrator: no table of the
    database holds their id or their name; the trail still says an account was deleted,
    and by whom. A new table of a person's data fails here until it is seeded."""
    people = seed(app)
    (zed,) = add_users(app, ["zed-q7x"])
    (admin1,) = add_users(app, ["admin1"], "teacher")
    room = class_id(app)
    join(app, room, [zed])
    a1 = add_assignment(app, room)
    attempt, _ = add_attempt(app, zed, a1)
    practice, _ = add_attempt(app, zed, a1)
    with app.app_context(), db_of(app).write() as s:
        s.execute(Attempt.__table__.update().where(Attempt.id == practice).values(
            assignment_id=None))  # fmt: skip
        s.execute(insert(AssignmentStart).values(assignment_id=a1, user_id=zed))
        s.execute(insert(AssignmentException).values(assignment_id=a1, user_id=zed))
        # Launched from a learning platform (LTI), with a score queued for its gradebook.
        lms = LtiPlatform(name="LMS", issuer="https://lms.test", client_id="c",
                          auth_login_url="https://lms.test/a", auth_token_url="https://lms.test/t",
                          key_set_url="https://lms.test/k")  # fmt: skip
        s.add(lms)
        s.flush()
        link = LtiLink(platform_id=lms.id, resource_link_id="r1", assignment_id=a1)
        s.add_all(
            [LtiUser(platform_id=lms.id, subject="sub-zed", kind="student", user_id=zed), link]
        )
        s.flush()
        s.add(LtiGrade(attempt_id=attempt, link_id=link.id))
    teacher = app.test_client()
    Auth(teacher).login("teacher1")
    for path in (f"/teach/classes/{room}/students/{zed}", f"/teach/classes/{room}/attempts/"
                 f"{attempt}", f"/teach/classes/{room}/students/{zed}/data.json"):  # fmt: skip
        assert teacher.get(path).status_code == 200
    with app.app_context():
        reset_student_password(db_of(app), people["teacher1"], room, zed)
    before = traces(app, zed, "zed-q7x")
    seeded = {key.split(".")[0] for key in before}
    assert seeded >= personal_tables() - TEACHERS_ONLY, "seed a row of the new table here"

    def others() -> dict[str, Any]:  # the trail is checked below: zed's name leaves it
        return {p: {k: v for k, v in rows_of(app, i).items() if not k.startswith("audit")}
                for p, i in people.items()}  # fmt: skip

    unchanged = others()
    with app.app_context():
        counts = erasure.delete_account(db_of(app), zed, admin1)
    assert counts and counts["attempts"] == 2 and counts["users"] == 1
    assert traces(app, zed, "zed-q7x") == {}
    assert others() == unchanged
    with app.app_context(), db_of(app).session() as s:
        trail = s.execute(
            select(AuditEvent.actor_name, AuditEvent.action, AuditEvent.subject_name)
        ).all()
    # The teacher's four events stay, about "a deleted account"; the deletion is admin1's.
    assert sorted(tuple(r) for r in trail) == sorted(
        [("teacher1", a, None) for a in ("viewed_record", "viewed_attempt", "exported",
                                          "reset_password")]
        + [("admin1", "deleted_account", None)]
    )  # fmt: skip


def test_no_trace_of_a_deleted_teacher(app: Flask) -> None:
    """A teacher deleted by an administrator: their classes go with everything in them, their
    drafts and what was shared with them; their quizzes pass to the administrator."""
    people = seed(app)
    (admin1,) = add_users(app, ["admin1"], "teacher")
    teacher1 = people["teacher1"]
    with app.app_context(), db_of(app).write() as s:
        version = s.scalar(select(QuizVersion.id).limit(1))
        s.add(AuthoredQuiz(quiz_id="kept-quiz", owner_id=admin1, version_id=version))
        s.add(AuthoredQuiz(quiz_id="their-quiz", owner_id=teacher1, version_id=version))
        s.flush()
        s.add(QuizShare(quiz_id="kept-quiz", user_id=teacher1))
        s.add(Draft(owner_id=teacher1, quiz_id="their-draft", document="{}", article="x"))
    # A co-teacher of another teacher's class too: that class stays, without them.
    (teacher2,) = add_users(app, ["teacher2"], "teacher")
    c3, _ = add_class(app, teacher2, "Class 3", [])
    with app.app_context(), db_of(app).write() as s:
        s.add(ClassroomTeacher(classroom_id=c3, user_id=teacher1))
    assert {"drafts.owner_id", "quiz_shares.user_id", "classrooms.teacher_id",
            "authored_quizzes.owner_id",
            "classroom_teachers.user_id"} <= set(rows_of(app, teacher1))  # fmt: skip
    with app.app_context():
        erasure.delete_account(db_of(app), teacher1, admin1)
    assert traces(app, teacher1, "teacher1") == {}
    with app.app_context(), db_of(app).session() as s:
        assert set(s.scalars(select(AuthoredQuiz.owner_id))) == {admin1}
        # Both classes were theirs; the one they co-taught is its owner's still.
        assert s.scalar(select(func.count()).select_from(Assignment)) == 0
        assert set(s.scalars(select(Classroom.id))) == {c3}
        assert s.scalar(select(func.count()).select_from(ClassroomTeacher)) == 0
    # Their students keep their accounts (and their practice).
    assert rows_of(app, people["alice"])["users.id"]


def test_a_teacher_is_deleted_by_another_administrator_only(app: Flask) -> None:
    people = seed(app)
    with app.app_context(), pytest.raises(erasure.OwnAccount):
        erasure.delete_account(db_of(app), people["teacher1"], people["teacher1"])
    with app.app_context(), pytest.raises(erasure.OwnAccount):
        erasure.delete_account(db_of(app), people["teacher1"], None)
    assert rows_of(app, people["teacher1"])["users.id"]


KILLER = """
import sys, time
from quizapp.db import erasure
from quizapp.db.engine import Database

url, schema, what, key = sys.argv[1:]
real = erasure._run
def slow(s, counts, table, statement):  # each delete done, then a pause to be killed in
    real(s, counts, table, statement)
    print(table, flush=True)
    time.sleep(0.3)
erasure._run = slow
db = Database(url, schema=schema or None)
if what == "account":
    erasure.delete_account(db, int(key), None)
else:
    erasure.delete_classroom(db, int(key), None)
print("committed", flush=True)
"""


@pytest.mark.parametrize("what", ["account", "class"])
def test_a_deletion_killed_midway_deletes_nothing(app: Flask, tmp_path: Any, what: str) -> None:
    """The deletion runs in a process of its own, killed (SIGKILL) after its first, second
    and third deletes: every row is still there each time; then, left alone, it deletes
    everything."""
    people = seed(app)
    target = people["alice"] if what == "account" else class_id(app)
    config = app.config
    args = [config["DATABASE_URL"], config.get("DATABASE_SCHEMA") or "", what, str(target)]
    script = tmp_path / "killer.py"
    script.write_text(KILLER, encoding="utf-8")

    def state() -> Any:
        with app.app_context(), db_of(app).session() as s:
            return {t.name: s.execute(select(func.count()).select_from(t)).scalar()
                    for t in Base.metadata.sorted_tables}  # fmt: skip

    before = state()
    root = Path(__file__).resolve().parents[2]
    for deletes in (1, 2, 3):
        process = subprocess.Popen([sys.executable, str(script), *args], cwd=root,
                                   stdout=subprocess.PIPE, text=True)  # fmt: skip
        assert process.stdout is not None
        for _ in range(deletes):
            assert process.stdout.readline().strip() not in ("", "committed")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert state() == before, f"a deletion killed after {deletes} delete(s) left a part"
    done = subprocess.run([sys.executable, str(script), *args], cwd=root, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.stdout.strip().endswith("committed"), done.stderr
    assert state() != before
    if what == "account":
        assert rows_of(app, target) == {}
