"""Exceptions for one student: an extra attempt, a later due date, a voided attempt. Each
changes that student only, counts everywhere it should, is refused with a reason (nothing
stored) when it makes no sense, and touches only the teacher's own class."""

from __future__ import annotations

import csv
import io
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.db.exceptions import (
    give_attempts,
    restore_attempt,
    set_own_due,
    void_attempt,
)
from quizapp.db.models import Assignment, AssignmentException, Attempt, utcnow
from quizapp.db.writes import (
    WriteError,
    delete_assignment,
    record_attempt,
    remove_student,
)
from quizapp.web import reports
from tests.web.conftest import Auth, csrf_token
from tests.web.teach_data import (
    add_assignment,
    add_attempt,
    add_class,
    add_users,
    class_id,
    db_of,
    ids,
    mixed,
    perfect,
    seed_quiz_of,
)

FORMAT = "%Y-%m-%dT%H:%M"


def logged_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    assert Auth(client).login(username).status_code == 302
    return client


def student_url(cid: int, uid: int) -> str:
    return f"/teach/classes/{cid}/students/{uid}"


def post(client: FlaskClient, page: str, url: str, **data: str) -> Any:
    """Post as the page's form does: with the CSRF token the page holds."""
    token = csrf_token(client.get(page).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def give(client: FlaskClient, cid: int, uid: int, aid: int, more: str = "1") -> Any:
    page = student_url(cid, uid)
    return post(client, page, f"{page}/assignments/{aid}/attempts", more=more)


def extend(client: FlaskClient, cid: int, uid: int, aid: int, **data: str) -> Any:
    page = student_url(cid, uid)
    return post(client, page, f"{page}/assignments/{aid}/due", **data)


def void(client: FlaskClient, cid: int, tid: int) -> Any:
    url = f"/teach/classes/{cid}/attempts/{tid}/void"
    return post(client, url, url)


def submit(client: FlaskClient, aid: int, version: str) -> Any:
    """Submit the assignment blank, as its page would (confirmed, with a fresh token)."""
    token = csrf_token(client.get("/").get_data(as_text=True))
    return client.post(
        f"/assignments/{aid}/submit",
        data={"csrf_token": token, "version": version, "token": secrets.token_urlsafe(24),
              "confirm": "1"},
    )  # fmt: skip


def digest(app: Flask, aid: int) -> str:
    with app.app_context(), db_of(app).session() as s:
        a = s.get(Assignment, aid)
        assert a is not None
        return a.version.digest


def attempts_of(app: Flask, uid: int, aid: int) -> list[Attempt]:
    with app.app_context(), db_of(app).session() as s:
        return list(
            s.scalars(
                select(Attempt)
                .where(Attempt.user_id == uid, Attempt.assignment_id == aid)
                .order_by(Attempt.number)
            )
        )


def exceptions(app: Flask) -> list[tuple[Any, ...]]:
    with app.app_context(), db_of(app).session() as s:
        return [
            (e.assignment_id, e.user_id, e.extra_attempts, e.due_at)
            for e in s.scalars(select(AssignmentException))
        ]


def voids(app: Flask) -> list[tuple[Any, ...]]:
    with app.app_context(), db_of(app).session() as s:
        return list(s.execute(select(Attempt.id, Attempt.voided_at, Attempt.voided_by)).all())


@pytest.fixture
def world(app: Flask) -> dict[str, Any]:
    """Class 1 (teacher1: alice, bob), one attempt allowed, each has used it; Class 2
    (teacher2: carol) likewise."""
    teacher, alice, bob = ids(app, "teacher1", "alice", "bob")
    (teacher2,) = add_users(app, ["teacher2"], "teacher")
    (carol,) = add_users(app, ["carol"])
    cid = class_id(app)
    cid2, _ = add_class(app, teacher2, "Class 2", [carol])
    aid = add_assignment(app, cid, max_attempts=1, allow_late=False)
    aid2 = add_assignment(app, cid2, max_attempts=1)
    quiz = seed_quiz_of(app, aid)
    tid, _ = add_attempt(app, alice, aid, perfect(quiz))
    bob_tid, _ = add_attempt(app, bob, aid, mixed(quiz, 1))
    tid2, _ = add_attempt(app, carol, aid2)
    return {"teacher": teacher, "alice": alice, "bob": bob, "carol": carol, "cid": cid,
            "cid2": cid2, "aid": aid, "aid2": aid2, "tid": tid, "bob_tid": bob_tid,
            "tid2": tid2}  # fmt: skip


def test_an_extra_attempt_lets_that_student_submit_again_and_only_them(
    app: Flask, world: dict[str, Any]
) -> None:
    w = world
    teacher = logged_in(app, "teacher1")
    response = give(teacher, w["cid"], w["alice"], w["aid"])
    assert response.status_code == 302
    assert response.headers["Location"] == f"{student_url(w['cid'], w['alice'])}#exceptions"
    html = teacher.get(student_url(w["cid"], w["alice"])).get_data(as_text=True)
    assert "alice may now make 2 attempts" in html
    assert re.search(r"1 of 2\s*<span[^>]*>1 more than the class", html)
    assert "changed by teacher1" in html
    assert exceptions(app) == [(w["aid"], w["alice"], 1, None)]

    alice = logged_in(app, "alice")
    assert "1 of 2" in alice.get("/").get_data(as_text=True)
    assert "You have used all" not in alice.get(f"/assignments/{w['aid']}").get_data(as_text=True)
    response = submit(alice, w["aid"], digest(app, w["aid"]))
    assert response.status_code == 302 and "/attempts/" in response.headers["Location"]
    assert [a.number for a in attempts_of(app, w["alice"], w["aid"])] == [1, 2]
    refused = submit(alice, w["aid"], digest(app, w["aid"]))
    assert refused.status_code == 409 and "You have used all 2 attempt(s)." in refused.text

    bob = logged_in(app, "bob")
    assert "You have used all 1 attempt(s)." in bob.get(f"/assignments/{w['aid']}").text
    assert submit(bob, w["aid"], digest(app, w["aid"])).status_code == 409
    assert len(attempts_of(app, w["bob"], w["aid"])) == 1


def test_an_extension_lets_that_student_submit_after_the_due_date_not_late(
    app: Flask, world: dict[str, Any]
) -> None:
    w = world
    cid, alice_id = w["cid"], w["alice"]
    # Due an hour ago, no late work, two attempts: alice and bob have one left each.
    aid = add_assignment(app, cid, max_attempts=2, allow_late=False,
                         due_at=utcnow() - timedelta(hours=1))  # fmt: skip
    teacher = logged_in(app, "teacher1")
    own_due = (utcnow() + timedelta(days=2)).replace(second=0, microsecond=0)
    response = extend(teacher, cid, alice_id, aid, due_at=own_due.strftime(FORMAT))
    assert response.status_code == 302
    html = teacher.get(student_url(cid, alice_id)).get_data(as_text=True)
    assert "alice may now submit" in html and f"{own_due:%d %b %Y, %H:%M}" in html
    assert "own due date; the class" in html and "Take the extension away" in html
    assert exceptions(app) == [(aid, alice_id, 0, own_due)]

    alice = logged_in(app, "alice")
    home = alice.get("/").get_data(as_text=True)
    assert f"{own_due:%d %b %Y, %H:%M}" in home and "not started" in home
    assert submit(alice, aid, digest(app, aid)).status_code == 302
    (attempt,) = attempts_of(app, alice_id, aid)
    assert attempt.late is False
    with app.app_context(), db_of(app).session() as s:
        book = reports.gradebook(s, cid)
    column = [a.id for a in book.assignments].index(aid)
    cells = {row.student.username: row.cells[column] for row in book.rows}
    assert cells["alice"].status == "submitted" and cells["bob"].status == "missing"

    bob = logged_in(app, "bob")
    assert "takes no late work" in bob.get(f"/assignments/{aid}").get_data(as_text=True)
    refused = submit(bob, aid, digest(app, aid))
    assert refused.status_code == 409 and "takes no late work" in refused.text
    assert attempts_of(app, w["bob"], aid) == []

    # Taken away: the class's due date applies to alice again.
    assert extend(teacher, cid, alice_id, aid, clear="1").status_code == 302
    assert exceptions(app) == [(aid, alice_id, 0, None)]
    assert submit(alice, aid, digest(app, aid)).status_code == 409


def test_an_extension_before_the_due_date_leaves_an_unsubmitted_cell_not_missing(
    app: Flask, world: dict[str, Any]
) -> None:
    w = world
    aid = add_assignment(app, w["cid"], due_at=utcnow() - timedelta(hours=1))
    with app.app_context():
        set_own_due(db_of(app), w["teacher"], w["cid"], aid, w["bob"],
                    utcnow() + timedelta(days=1))  # fmt: skip
    with app.app_context(), db_of(app).session() as s:
        book = reports.gradebook(s, w["cid"])
    column = [a.id for a in book.assignments].index(aid)
    cells = {row.student.username: row.cells[column].status for row in book.rows}
    assert cells == {"alice": "missing", "bob": "not started"}


def test_a_voided_attempt_is_kept_counts_nowhere_and_frees_an_attempt(
    app: Flask, world: dict[str, Any]
) -> None:
    w = world
    cid, aid, tid = w["cid"], w["aid"], w["tid"]
    teacher = logged_in(app, "teacher1")
    url = f"/teach/classes/{cid}/attempts/{tid}/void"
    page = teacher.get(url).get_data(as_text=True)
    assert "Void attempt 1 of alice at" in page and "100%" in page  # names what goes
    assert void(teacher, cid, tid).headers["Location"] == f"/teach/classes/{cid}/attempts/{tid}"
    (attempt,) = attempts_of(app, w["alice"], aid)
    assert attempt.voided_by == w["teacher"]
    assert attempt.voided_at is not None and utcnow() - attempt.voided_at < timedelta(minutes=1)
    html = teacher.get(f"/teach/classes/{cid}/attempts/{tid}").get_data(as_text=True)
    assert "is void" in html and "voided by teacher1" in html and "Restore this attempt" in html
    html = teacher.get(student_url(cid, w["alice"])).get_data(as_text=True)
    assert re.search(r'badge-void">void</span> by teacher1, \d\d \w\w\w \d{4}', html)
    assert "✓</span> counts" not in html

    with app.app_context(), db_of(app).session() as s:
        book = reports.gradebook(s, cid)
        heat = reports.heatmap(s, cid)
        assignment = s.get(Assignment, aid)
        assert assignment is not None
        items = reports.item_analysis(s, assignment)
        bob_score = s.scalar(select(Attempt.score).where(Attempt.id == w["bob_tid"]))
    cells = {row.student.username: row.cells[0] for row in book.rows}
    assert cells["alice"].attempt is None and cells["alice"].attempts == 0
    assert cells["bob"].score == bob_score
    assert all(c.tally is None for st, row in heat.rows if st.username == "alice" for c in row)
    assert (items.students, items.mean) == (1, bob_score)
    rows = list(csv.reader(io.StringIO(
        teacher.get(f"/teach/classes/{cid}/gradebook.csv").data.decode("utf-8-sig"))))  # fmt: skip
    assert [r[2] for r in rows[1:]] == [
        "",
        f"{(bob_score or 0) * 100:.1f}",
    ]  # alice, bob

    # The attempt is free again; the next one is number 2, after the voided one.
    alice = logged_in(app, "alice")
    assert "0 of 1" in alice.get("/").get_data(as_text=True)
    assert submit(alice, aid, digest(app, aid)).status_code == 302
    numbers = [(a.number, a.voided_at is not None) for a in attempts_of(app, w["alice"], aid)]
    assert numbers == [(1, True), (2, False)]
    with app.app_context(), db_of(app).session() as s:
        cell = reports.gradebook(s, cid).rows[0].cells[0]
    assert cell.attempt is not None and (cell.attempt.number, cell.attempts) == (2, 1)
    # Kept: the assignment still cannot be deleted.
    with app.app_context(), pytest.raises(WriteError, match="submitted"):
        delete_assignment(db_of(app), w["teacher"], cid, aid)


def test_numbers_stay_unique_with_a_voided_attempt_in_the_middle(
    app: Flask, world: dict[str, Any]
) -> None:
    w = world
    aid = add_assignment(app, w["cid"], max_attempts=2)
    first, _ = add_attempt(app, w["bob"], aid)
    add_attempt(app, w["bob"], aid)
    db = db_of(app)
    quiz = seed_quiz_of(app, aid)
    parsed = parse_responses(quiz, {})
    with app.app_context():
        void_attempt(db, w["teacher"], w["cid"], first)
        version = attempts_of(app, w["bob"], aid)[0].version_id
        record_attempt(db, w["bob"], version, "third-" + "x" * 16, parsed,
                       grade_quiz(quiz, parsed), aid)  # fmt: skip
        with pytest.raises(WriteError, match="You have used all 2 attempt"):
            record_attempt(db, w["bob"], version, "fourth-" + "x" * 16, parsed,
                           grade_quiz(quiz, parsed), aid)  # fmt: skip
    assert [a.number for a in attempts_of(app, w["bob"], aid)] == [1, 2, 3]


def test_restoring_counts_it_again_unless_the_limit_is_full(
    app: Flask, world: dict[str, Any]
) -> None:
    w = world
    db = db_of(app)
    with app.app_context():
        void_attempt(db, w["teacher"], w["cid"], w["tid"])
    teacher = logged_in(app, "teacher1")
    url = f"/teach/classes/{w['cid']}/attempts/{w['tid']}"
    assert post(teacher, url, f"{url}/restore").status_code == 302
    assert attempts_of(app, w["alice"], w["aid"])[0].voided_at is None
    # Voided, then the freed attempt used: restoring would make 2 of 1.
    with app.app_context():
        void_attempt(db, w["teacher"], w["cid"], w["tid"])
    assert submit(logged_in(app, "alice"), w["aid"], digest(app, w["aid"])).status_code == 302
    refused = post(teacher, url, f"{url}/restore")
    assert refused.status_code == 409 and "give them one more attempt first" in refused.text
    assert attempts_of(app, w["alice"], w["aid"])[0].voided_at is not None


def test_another_teachers_student_assignment_or_attempt_is_a_404_and_nothing_changes(
    app: Flask, world: dict[str, Any]
) -> None:
    w = world
    before = (exceptions(app), voids(app))
    teacher = logged_in(app, "teacher1")
    theirs = student_url(w["cid2"], w["carol"])
    due = (utcnow() + timedelta(days=9)).strftime(FORMAT)
    token = csrf_token(teacher.get(student_url(w["cid"], w["alice"])).get_data(as_text=True))
    own_class_their_ids = [
        f"/teach/classes/{w['cid']}/students/{w['carol']}/assignments/{w['aid']}/attempts",
        f"/teach/classes/{w['cid']}/students/{w['alice']}/assignments/{w['aid2']}/attempts",
        f"/teach/classes/{w['cid']}/students/{w['alice']}/assignments/{w['aid2']}/due",
        f"/teach/classes/{w['cid']}/attempts/{w['tid2']}/void",
        f"/teach/classes/{w['cid']}/attempts/{w['tid2']}/restore",
        f"{theirs}/assignments/{w['aid2']}/attempts",
        f"{theirs}/assignments/{w['aid2']}/due",
        f"/teach/classes/{w['cid2']}/attempts/{w['tid2']}/void",
    ]
    for url in own_class_their_ids:
        response = teacher.post(url, data={"csrf_token": token, "more": "1", "due_at": due})
        assert response.status_code == 404, url
        assert "carol" not in response.text and "Class 2" not in response.text
    assert teacher.get(f"/teach/classes/{w['cid']}/attempts/{w['tid2']}/void").status_code == 404
    # The writes check again, whatever a route forgot.
    db = db_of(app)
    with app.app_context():
        for write, args in [
            (give_attempts, (w["cid"], w["aid2"], w["carol"], 1)),
            (give_attempts, (w["cid2"], w["aid2"], w["carol"], 1)),
            (
                set_own_due,
                (w["cid2"], w["aid2"], w["carol"], utcnow() + timedelta(days=9)),
            ),
            (void_attempt, (w["cid"], w["tid2"])),
            (void_attempt, (w["cid2"], w["tid2"])),
            (restore_attempt, (w["cid2"], w["tid2"])),
        ]:
            with pytest.raises(WriteError, match="no such"):
                write(db, w["teacher"], *args)  # type: ignore[operator]
    assert (exceptions(app), voids(app)) == before


def _refusals(w: dict[str, Any], past: datetime) -> list[tuple[str, dict[str, str], str]]:
    cid, alice, aid = w["cid"], w["alice"], w["aid"]
    base = f"{student_url(cid, alice)}/assignments/{aid}"
    return [
        (f"{base}/due", {"due_at": past.strftime(FORMAT)}, "an extension must end in the future"),
        (f"{base}/due", {"due_at": (past + timedelta(days=3)).strftime(FORMAT)},
         "alice&#39;s own due date must come after it"),
        (f"{base}/due", {"due_at": ""}, "Give the student&#39;s due date and time."),
        (f"{base}/due", {"due_at": "tomorrow"}, "Not a valid datetime value."),
        (f"{base}/attempts", {"more": "500"}, "Give from 1 to 10 more attempts at a time."),
        (f"{base}/attempts", {"more": "0"}, "Give from 1 to 10 more attempts at a time."),
        (f"{base}/attempts", {"more": "one"}, "Not a valid integer value."),
    ]  # fmt: skip


def test_bad_input_is_refused_with_a_reason_and_nothing_stored(
    app: Flask, world: dict[str, Any]
) -> None:
    w = world
    # The class's due date is in 5 days: "past" is an hour ago, past + 3 days is before it.
    past = utcnow() - timedelta(hours=1)
    teacher = logged_in(app, "teacher1")
    page = student_url(w["cid"], w["alice"])
    for url, data, reason in _refusals(w, past):
        response = post(teacher, page, url, **data)
        assert response.status_code == 400, (url, data)
        assert reason in response.text, (url, data, reason)
        assert 'role="alert"' in response.text
    assert exceptions(app) == []


def test_more_than_twenty_attempts_in_all_is_refused(app: Flask, world: dict[str, Any]) -> None:
    w = world
    teacher = logged_in(app, "teacher1")
    aid = add_assignment(app, w["cid"], max_attempts=15)
    assert give(teacher, w["cid"], w["bob"], aid, "5").status_code == 302
    refused = give(teacher, w["cid"], w["bob"], aid, "1")
    assert refused.status_code == 400
    assert "bob may make 20 attempts already, and one student at most 20" in refused.text
    assert exceptions(app) == [(aid, w["bob"], 5, None)]
    with app.app_context(), pytest.raises(WriteError, match="give at most 5 more"):
        give_attempts(db_of(app), w["teacher"], w["cid"], aid, w["alice"], 6)
    assert exceptions(app) == [(aid, w["bob"], 5, None)]


def test_voiding_twice_a_practice_attempt_or_a_former_students_is_refused(
    app: Flask, world: dict[str, Any]
) -> None:
    w = world
    db = db_of(app)
    quiz = seed_quiz_of(app, w["aid"])
    parsed = parse_responses(quiz, {})
    version = attempts_of(app, w["alice"], w["aid"])[0].version_id
    with app.app_context():
        practice, _ = record_attempt(db, w["alice"], version, "practice-" + "x" * 16, parsed,
                                     grade_quiz(quiz, parsed))  # fmt: skip
    teacher = logged_in(app, "teacher1")
    assert void(teacher, w["cid"], w["tid"]).status_code == 302
    before = voids(app)
    again = void(teacher, w["cid"], w["tid"])
    assert again.status_code == 409 and "This attempt was voided already" in again.text
    # A practice attempt is at no class's assignment: no page for it, and the write says why.
    url = f"/teach/classes/{w['cid']}/attempts/{practice}/void"
    assert teacher.get(url).status_code == 404
    assert void(teacher, w["cid"], practice).status_code == 404
    with (
        app.app_context(),
        pytest.raises(WriteError, match="practice attempt: it counts nowhere"),
    ):
        void_attempt(db, w["teacher"], w["cid"], practice)
    with app.app_context():
        remove_student(db, w["teacher"], w["cid"], w["bob"])
        with pytest.raises(WriteError, match="no longer in this class"):
            void_attempt(db, w["teacher"], w["cid"], w["bob_tid"])
    assert voids(app) == before


def test_csrf_is_required(app: Flask, world: dict[str, Any]) -> None:
    w = world
    teacher = logged_in(app, "teacher1")
    base = f"{student_url(w['cid'], w['alice'])}/assignments/{w['aid']}"
    due = (utcnow() + timedelta(days=9)).strftime(FORMAT)
    attempt = f"/teach/classes/{w['cid']}/attempts/{w['tid']}"
    for url, data in [(f"{base}/attempts", {"more": "1"}), (f"{base}/due", {"due_at": due}),
                      (f"{attempt}/void", {}), (f"{attempt}/restore", {})]:  # fmt: skip
        assert teacher.post(url, data=data).status_code == 400, url
    assert exceptions(app) == []
    assert all(voided_at is None for _, voided_at, _ in voids(app))


def test_the_pages_hold_the_forms_and_no_inline_script(app: Flask, world: dict[str, Any]) -> None:
    w = world
    teacher = logged_in(app, "teacher1")
    html = teacher.get(student_url(w["cid"], w["alice"])).get_data(as_text=True)
    base = f"{student_url(w['cid'], w['alice'])}/assignments/{w['aid']}"
    assert f'action="{base}/attempts"' in html and f'action="{base}/due"' in html
    assert 'type="datetime-local"' in html and "Give one more attempt" in html
    attempt = f"/teach/classes/{w['cid']}/attempts/{w['tid']}"
    html = teacher.get(attempt).get_data(as_text=True)
    assert f'href="{attempt}/void"' in html and "Void this attempt" in html
    for page in (student_url(w["cid"], w["alice"]), attempt, f"{attempt}/void"):
        body = teacher.get(page).get_data(as_text=True).split("<main", 1)[1]
        assert "<script" not in body  # the CSP allows no inline script
    with app.app_context(), db_of(app).session() as s:
        assert s.scalar(select(func.count()).select_from(AssignmentException)) == 0
