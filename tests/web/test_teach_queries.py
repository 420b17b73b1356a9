"""The dashboards of a class of 300 students and 30 assignments send as many queries as those
of a class of 30: rows are loaded in bulk, never one query a student."""

from __future__ import annotations

import time

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Auth
from tests.web.teach_data import (
    add_assignment,
    add_users,
    answers,
    bulk_attempts,
    class_id,
    counting_queries,
    ids,
    join,
    perfect,
    seed_quiz_of,
)

ASSIGNMENTS = 30


def grow(app: Flask, classroom_id: int, names: list[str], assignments: list[int]) -> None:
    quiz = seed_quiz_of(app, assignments[0])
    students = add_users(app, names)
    join(app, classroom_id, students)
    variants = [
        perfect(quiz),
        {},
        answers(quiz, find_loaded_words=["militant", "bastion"], find_placeholder=["[insert"]),
    ]
    bulk_attempts(app, students, assignments, variants, spans_for=assignments[:1])


def measure(app: Flask, client: FlaskClient, urls: dict[str, str]) -> dict[str, int]:
    out = {}
    for page, url in urls.items():
        started = time.perf_counter()
        with counting_queries(app) as statements:
            response = client.get(url)
        assert response.status_code == 200, (page, response.status_code)
        out[page] = len(statements)
        print(f"{page}: {len(statements)} queries, {time.perf_counter() - started:.2f}s")
    return out


def test_dashboard_queries_do_not_grow_with_the_class(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    cid = class_id(app)
    assignments = [add_assignment(app, cid, counting="best") for _ in range(ASSIGNMENTS)]
    grow(app, cid, [f"s{n:03d}" for n in range(28)], assignments)  # with alice and bob: 30
    (alice,) = ids(app, "alice")
    urls = {
        "class page and roster": f"/teach/classes/{cid}",
        "gradebook": f"/teach/classes/{cid}/gradebook?sort=-mean",
        "gradebook CSV": f"/teach/classes/{cid}/gradebook.csv",
        "skill heatmap": f"/teach/classes/{cid}/heatmap",
        "item analysis": f"/teach/classes/{cid}/assignments/{assignments[0]}",
        "a student's page": f"/teach/classes/{cid}/students/{alice}",
        "my classes": "/teach",
    }
    auth.login("teacher1")
    small = measure(app, client, urls)
    grow(app, cid, [f"s{n:03d}" for n in range(28, 298)], assignments)  # 300
    html = client.get(urls["gradebook"]).get_data(as_text=True)
    assert html.count('<th scope="row"><a href="/teach/classes/') == 300
    large = measure(app, client, urls)
    print({page: (small[page], large[page]) for page in urls})
    assert large == small
    assert max(large.values()) <= 12
