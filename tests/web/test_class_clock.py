"""The class's clock: each class has a time zone, every date is typed and shown in it with
the zone named, and stored in UTC; the nights the clocks change; unknown zones refused."""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from quizapp.core import clock
from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.db.models import Assignment, AssignmentException, Attempt, Classroom
from quizapp.db.writes import WriteError, record_attempt
from tests.web.conftest import Auth, csrf_token
from tests.web.teach_data import (
    add_assignment,
    add_attempt,
    class_id,
    db_of,
    ids,
    join,
    seed_quiz_of,
)

BERLIN, LA = "Europe/Berlin", "America/Los_Angeles"


def post(client: FlaskClient, url: str, **data: str) -> Any:
    token = csrf_token(client.get("/teach").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def new_class(client: FlaskClient, name: str, zone: str) -> int:
    response = post(client, "/teach", name=name, timezone=zone)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def zone_of(app: Flask, cid: int) -> str:
    with app.app_context(), db_of(app).session() as s:
        return s.scalar(select(Classroom.timezone).where(Classroom.id == cid)) or ""


def assign(client: FlaskClient, cid: int, due: str, quiz: str = "iran-hamas-meeting") -> int:
    """Set a quiz through the form, with the due date as typed; the new assignment's id."""
    form = f"/teach/classes/{cid}/assignments/new"
    token = csrf_token(client.get(form).get_data(as_text=True))
    response = client.post(
        form,
        data={"csrf_token": token, "quiz": quiz, "due_at": due, "max_attempts": "1",
              "counting": "best", "feedback": "immediate"},
    )  # fmt: skip
    assert response.status_code == 302, response.get_data(as_text=True)
    with client.application.app_context(), db_of(client.application).session() as s:
        found = s.scalar(select(func.max(Assignment.id)).where(Assignment.classroom_id == cid))
    assert found is not None
    return found


def due_of(app: Flask, aid: int) -> datetime:
    with app.app_context(), db_of(app).session() as s:
        due = s.scalar(select(Assignment.due_at).where(Assignment.id == aid))
    assert due is not None
    return due


def edit_due(client: FlaskClient, cid: int, aid: int, due: str, attempts: str = "1") -> Any:
    page = f"/teach/classes/{cid}/assignments/{aid}"
    token = csrf_token(client.get(page).get_data(as_text=True))
    return client.post(
        f"{page}/edit",
        data={"csrf_token": token, "opens_at": "2026-10-01T00:00", "due_at": due,
              "max_attempts": attempts, "counting": "best", "feedback": "immediate"},
    )  # fmt: skip


def shown(html: str) -> str:
    """The page's text without its tags (a zone name is marked translate="no")."""
    return re.sub(r"<[^>]+>", "", html)


def text(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def test_the_new_class_form_offers_the_zones_and_asks_the_browser(
    client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    html = text(client, "/teach")
    # Without JavaScript the list starts at UTC; the script picks the browser's zone.
    assert (
        'data-browser-zone id="timezone" name="timezone" translate="no">'
        '<option selected value="UTC">' in html
    )
    assert f'<option value="{LA}">America/Los Angeles</option>' in html
    assert 'src="/static/js/timezone.js"' in html
    assert "resolvedOptions().timeZone" in text(client, "/static/js/timezone.js")


def test_a_class_is_created_in_its_zone_and_changed_on_its_page(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    auth.login("teacher1")
    cid = new_class(client, "Period 3", LA)
    assert zone_of(app, cid) == LA
    assert f'<option selected value="{LA}">' in text(client, f"/teach/classes/{cid}")
    response = post(client, f"/teach/classes/{cid}/timezone", timezone=BERLIN)
    assert response.status_code == 302
    assert zone_of(app, cid) == BERLIN
    assert "dates are typed and shown in Europe/Berlin" in text(client, f"/teach/classes/{cid}")


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "europe/berlin", "../../etc/passwd", ""])
def test_an_unknown_zone_is_refused_with_a_reason_and_nothing_stored(
    app: Flask, client: FlaskClient, auth: Auth, name: str
) -> None:
    cid = class_id(app)
    auth.login("teacher1")
    reason = "There is no time zone called" if name else "Choose a time zone."
    response = post(client, f"/teach/classes/{cid}/timezone", timezone=name)
    assert response.status_code == 400
    assert reason in response.get_data(as_text=True)
    assert zone_of(app, cid) == "UTC"

    if name:  # creating a class with it: a form error, and no class
        response = post(client, "/teach", name="Period 4", timezone=name)
        assert response.status_code == 200 and reason in response.get_data(as_text=True)
        with app.app_context(), db_of(app).session() as s:
            assert s.scalar(select(func.count()).select_from(Classroom)) == 1


def test_a_due_date_typed_in_berlin_and_in_los_angeles_is_one_instant(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    berlin = class_id(app)
    (alice,) = ids(app, "alice")
    auth.login("teacher1")
    assert post(client, f"/teach/classes/{berlin}/timezone", timezone=BERLIN).status_code == 302
    la = new_class(client, "Period 3", LA)
    join(app, la, [alice])
    assert "Due (America/Los_Angeles)" in shown(
        text(client, f"/teach/classes/{la}/assignments/new")
    )

    in_berlin = assign(client, berlin, "2030-12-06T18:00")
    in_la = assign(client, la, "2030-12-06T09:00", quiz="marathon-record")
    assert due_of(app, in_berlin) == due_of(app, in_la) == datetime(2030, 12, 6, 17, 0)

    # The teacher's pages of each class, in its zone.
    la_page = shown(text(client, f"/teach/classes/{la}"))
    assert "Due (America/Los_Angeles)" in la_page and "06 Dec 2030, 09:00 PST" in la_page
    book = text(client, f"/teach/classes/{la}/gradebook")
    assert "due 06 Dec" in book and "America/Los_Angeles" in book
    analysis = text(client, f"/teach/classes/{la}/assignments/{in_la}")
    assert "Due 06 Dec 2030, 09:00 PST (America/Los_Angeles)" in analysis
    assert 'value="2030-12-06T09:00"' in analysis  # the edit form, as typed
    analysis = text(client, f"/teach/classes/{berlin}/assignments/{in_berlin}")
    assert "Due 06 Dec 2030, 18:00 CET (Europe/Berlin)" in analysis
    assert 'value="2030-12-06T18:00"' in analysis
    delete = text(client, f"/teach/classes/{la}/assignments/{in_la}/delete")
    assert "due 06 Dec 2030, 09:00 PST (America/Los_Angeles)" in delete

    # The student in both classes: each due date in its class's zone, named.
    auth.logout()
    auth.login("alice")
    home = text(client, "/")
    assert "06 Dec 2030, 18:00 CET (Europe/Berlin)" in home
    assert "06 Dec 2030, 09:00 PST (America/Los_Angeles)" in home
    assert "UTC" not in home
    quiz = text(client, f"/assignments/{in_la}")
    assert "due 06 Dec 2030, 09:00 PST (America/Los_Angeles)" in quiz


@pytest.mark.parametrize(
    ("zone", "gap", "fold", "first", "shown", "second"),
    [
        (BERLIN, "2027-03-28T02:30", "2026-10-25T02:30", datetime(2026, 10, 25, 0, 30),
         "25 Oct 2026, 02:30 CEST (Europe/Berlin)", "25 Oct 2026, 02:30 CET (Europe/Berlin)"),
        (LA, "2027-03-14T02:30", "2026-11-01T01:30", datetime(2026, 11, 1, 8, 30),
         "01 Nov 2026, 01:30 PDT (America/Los_Angeles)",
         "01 Nov 2026, 01:30 PST (America/Los_Angeles)"),
    ],
)  # fmt: skip
def test_the_nights_the_clocks_change(
    app: Flask, client: FlaskClient, auth: Auth,
    zone: str, gap: str, fold: str, first: datetime, shown: str, second: str,
) -> None:  # fmt: skip
    cid = class_id(app)
    aid = add_assignment(app, cid, opens_at=datetime(2026, 9, 1), due_at=datetime(2030, 1, 1))
    auth.login("teacher1")
    post(client, f"/teach/classes/{cid}/timezone", timezone=zone)
    page = f"/teach/classes/{cid}/assignments/{aid}"

    # The gap: that time never happens there; a form error says when the clocks jump.
    response = edit_due(client, cid, aid, gap)
    assert response.status_code == 200
    assert f"does not exist in {zone}: the clocks go forward from 02:00 to 03:00" in (
        response.get_data(as_text=True)
    )
    assert due_of(app, aid) == datetime(2030, 1, 1)

    # The fold: that time happens twice; the first is taken, and shown with its offset.
    assert edit_due(client, cid, aid, fold).status_code == 302
    assert due_of(app, aid) == first
    assert f"Due {shown}" in text(client, page)

    # The second of the two, shown as such; saving the form unchanged keeps that instant.
    later = first + timedelta(hours=1)
    with app.app_context(), db_of(app).write() as s:
        s.execute(update(Assignment).where(Assignment.id == aid).values(due_at=later))
    html = text(client, page)
    assert f"Due {second}" in html and f'value="{fold}"' in html
    assert edit_due(client, cid, aid, fold, attempts="2").status_code == 302
    assert due_of(app, aid) == later


def test_an_assignment_not_open_yet_says_when_in_its_class_zone(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    (alice,) = ids(app, "alice")
    auth.login("teacher1")
    post(client, f"/teach/classes/{cid}/timezone", timezone=LA)
    aid = add_assignment(
        app, cid, opens_at=datetime(2030, 12, 1, 17, 0), due_at=datetime(2030, 12, 8, 17, 0)
    )
    when = "This assignment opens on 01 Dec 2030, 09:00 PST (America/Los_Angeles)."
    auth.logout()
    auth.login("alice")
    response = client.get(f"/assignments/{aid}")
    assert response.status_code == 403 and when in response.get_data(as_text=True)

    # The write says the same, should a submission get past the page.
    quiz = seed_quiz_of(app, aid)
    parsed = parse_responses(quiz, {})
    with app.app_context(), db_of(app).session() as s:
        version_id = s.scalar(select(Assignment.version_id).where(Assignment.id == aid))
    assert version_id is not None
    with app.app_context(), pytest.raises(WriteError, match=re.escape(when)):
        record_attempt(
            db_of(app), alice, version_id, secrets.token_hex(16), parsed,
            grade_quiz(quiz, parsed), aid,
        )  # fmt: skip


def test_attempts_are_shown_in_the_class_zone(app: Flask, client: FlaskClient, auth: Auth) -> None:
    cid = class_id(app)
    (alice,) = ids(app, "alice")
    # Due 03:00 UTC on the 7th: still the 6th in Los Angeles.
    aid = add_assignment(app, cid, due_at=datetime(2030, 12, 7, 3, 0))
    tid, _ = add_attempt(app, alice, aid, at=datetime(2026, 12, 1, 23, 30))
    auth.login("teacher1")
    post(client, f"/teach/classes/{cid}/timezone", timezone=LA)
    submitted = "01 Dec 2026, 15:30 PST"
    assert f"submitted {submitted} (America/Los_Angeles)" in text(
        client, f"/teach/classes/{cid}/attempts/{tid}"
    )
    detail = text(client, f"/teach/classes/{cid}/students/{alice}")
    assert "Submitted (America/Los_Angeles)" in shown(detail) and submitted in detail
    assert "due 06 Dec" in text(client, f"/teach/classes/{cid}/gradebook")
    csv = client.get(f"/teach/classes/{cid}/gradebook.csv").get_data().decode("utf-8-sig")
    assert "(due 2030-12-06)" in csv
    auth.logout()
    auth.login("alice")
    assert f"{submitted} (America/Los_Angeles)" in text(client, f"/attempts/{tid}")


def test_one_students_own_due_date_is_typed_and_shown_in_the_class_zone(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    (alice,) = ids(app, "alice")
    aid = add_assignment(app, cid, due_at=datetime(2030, 12, 6, 17, 0))
    auth.login("teacher1")
    post(client, f"/teach/classes/{cid}/timezone", timezone=LA)
    url = f"/teach/classes/{cid}/students/{alice}/assignments/{aid}/due"

    refused = post(client, url, due_at="2030-12-06T08:00")
    assert refused.status_code == 400
    assert "due date is 06 Dec 2030, 09:00 PST (America/Los_Angeles); alice" in (
        refused.get_data(as_text=True)
    )
    gap = post(client, url, due_at="2031-03-09T02:30")
    assert gap.status_code == 400
    assert "does not exist in America/Los_Angeles" in gap.get_data(as_text=True)

    assert post(client, url, due_at="2030-12-08T09:00").status_code == 302
    with app.app_context(), db_of(app).session() as s:
        own = s.scalar(
            select(AssignmentException.due_at).where(
                AssignmentException.assignment_id == aid, AssignmentException.user_id == alice
            )
        )
    assert own == datetime(2030, 12, 8, 17, 0)
    page = text(client, f"/teach/classes/{cid}/students/{alice}")
    assert "until 08 Dec 2030, 09:00 PST (America/Los_Angeles), without a late mark" in page
    assert "Extend due date for this student (America/Los_Angeles)" in shown(page)
    assert 'value="2030-12-08T09:00"' in page and "08 Dec 2030, 09:00 PST" in page


def test_a_voided_attempt_says_when_in_the_class_zone(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    (alice,) = ids(app, "alice")
    aid = add_assignment(app, cid)
    tid, _ = add_attempt(app, alice, aid)
    auth.login("teacher1")
    post(client, f"/teach/classes/{cid}/timezone", timezone=BERLIN)
    void = f"/teach/classes/{cid}/attempts/{tid}/void"
    assert post(client, void).status_code == 302
    with app.app_context(), db_of(app).session() as s:
        voided_at = s.scalar(select(Attempt.voided_at).where(Attempt.id == tid))
    assert voided_at is not None
    when = clock.format_time(voided_at, BERLIN)
    assert when.endswith("(Europe/Berlin)")
    assert f"on {when}. It is kept" in text(client, f"/teach/classes/{cid}/attempts/{tid}")
    again = post(client, void)
    assert again.status_code == 409
    assert f"This attempt was voided already, on {when}." in again.get_data(as_text=True)
