"""Every teacher route, for every role, with the teacher's own ids, another class's ids and
a mix of the two: the status expected, and nothing of another class in a refusal."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db.models import Assignment, AssignmentException, Attempt, Classroom, utcnow
from tests.web.conftest import Auth, csrf_token
from tests.web.teach_data import add_assignment, add_attempt, add_class, add_users, class_id, ids

# (method, path, form): {cid}, {uid}, {aid}, {tid} are a class, a student of it, an
# assignment of it and an attempt at that assignment.
CLASS_ROUTES: list[tuple[str, str, dict[str, str]]] = [
    ("GET", "/teach/classes/{cid}", {}),
    ("GET", "/teach/classes/{cid}/gradebook?sort=-mean", {}),
    ("GET", "/teach/classes/{cid}/gradebook.csv", {}),
    ("GET", "/teach/classes/{cid}/heatmap", {}),
    ("GET", "/teach/classes/{cid}/assignments/new", {}),
    ("GET", "/teach/classes/{cid}/assignments/{aid}", {}),
    ("GET", "/teach/classes/{cid}/students/{uid}", {}),
    ("GET", "/teach/classes/{cid}/students/{uid}/data.json", {}),
    ("GET", "/teach/classes/{cid}/attempts/{tid}", {}),
    ("POST", "/teach/classes/{cid}/assignments/new", {"quiz": "iran-hamas-meeting",
                                                      "max_attempts": "1", "counting": "best",
                                                      "feedback": "immediate"}),
    ("GET", "/teach/classes/{cid}/assignments/{aid}/delete", {}),
    ("POST", "/teach/classes/{cid}/assignments/{aid}/edit", {"max_attempts": "2",
                                                             "counting": "last",
                                                             "feedback": "never"}),
    # Refused for the owner too (the assignment has an attempt): back to it, with why.
    ("POST", "/teach/classes/{cid}/assignments/{aid}/delete", {}),
    ("POST", "/teach/classes/{cid}/rename", {"name": "{name}"}),
    ("POST", "/teach/classes/{cid}/timezone", {"timezone": "Europe/Berlin"}),
    ("POST", "/teach/classes/{cid}/archive", {"value": "0"}),
    ("POST", "/teach/classes/{cid}/joining", {"value": "1"}),
    ("POST", "/teach/classes/{cid}/code", {}),
    ("POST", "/teach/classes/{cid}/students/{uid}/password", {}),
    ("POST", "/teach/classes/{cid}/students/{uid}/assignments/{aid}/attempts", {"more": "1"}),
    ("POST", "/teach/classes/{cid}/students/{uid}/assignments/{aid}/due",
     {"due_at": "2099-01-01T12:00"}),
    ("GET", "/teach/classes/{cid}/attempts/{tid}/void", {}),
    ("POST", "/teach/classes/{cid}/attempts/{tid}/void", {}),
    ("POST", "/teach/classes/{cid}/attempts/{tid}/restore", {}),
    ("POST", "/teach/classes/{cid}/students/{uid}/remove", {}),  # last: it empties the roster
]  # fmt: skip
OTHER_ROUTES: list[tuple[str, str, dict[str, str]]] = [
    ("GET", "/teach", {}),
    ("POST", "/teach", {"name": "A new class"}),
    ("GET", "/teach/quizzes", {}),
    ("GET", "/teach/quizzes/iran-hamas-meeting/key", {}),
    ("GET", "/teach/versions/{vid}/key", {}),
    ("GET", "/author/new", {}),
    ("POST", "/author/new", {"text": "Shocking news\nThe plan will cost 40% more, experts say."}),
]
ROLES = ["anonymous", "alice", "carol", "teacher1", "teacher2"]  # teachers last: they write
# A draft's routes ({did}: teacher1's draft), walked by test_every_draft_route_for_every_role
# with the status its owner gets (anyone else: login, 403 or 404, never its content).
DRAFT_ROUTES: list[tuple[str, str, int]] = [
    ("GET", "/author/drafts/{did}", 200),
    ("GET", "/author/drafts/{did}/suggestions", 200),
    ("POST", "/author/drafts/{did}/preview", 200),
]


PLACEHOLDERS = {
    "classroom_id": "{cid}",
    "user_id": "{uid}",
    "assignment_id": "{aid}",
    "attempt_id": "{tid}",
    "version_id": "{vid}",
    "quiz_id": "iran-hamas-meeting",
    "draft_id": "{did}",
}


def teacher_routes(app: Flask) -> set[str]:
    """Every route of the teach and editor blueprints but the public teacher registration."""
    out = set()
    for rule in app.url_map.iter_rules():
        teaching = rule.endpoint.startswith(("teach.", "editor."))
        if teaching and rule.endpoint != "teach.register_teacher":
            path = re.sub(r"<(?:[^:>]+:)?(\w+)>", lambda m: PLACEHOLDERS[m.group(1)], rule.rule)
            out |= {f"{method} {path}" for method in rule.methods - {"HEAD", "OPTIONS"}}
    return out


def world(app: Flask) -> dict[str, Any]:
    """Class 1 (teacher1: alice, bob) and Class 2 (teacher2: carol), each with an
    assignment and an attempt."""
    teacher1, alice, bob = ids(app, "teacher1", "alice", "bob")
    (teacher2,) = add_users(app, ["teacher2"], "teacher")
    (carol,) = add_users(app, ["carol"])
    c1 = class_id(app)
    c2, _ = add_class(app, teacher2, "Class 2", [carol])
    a1, a2 = add_assignment(app, c1), add_assignment(app, c2)
    t1, _ = add_attempt(app, alice, a1)
    t2, _ = add_attempt(app, carol, a2)
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        vid = s.scalar(select(Assignment.version_id).where(Assignment.id == a1))
    return {
        "teacher1": {"cid": c1, "uid": bob, "aid": a1, "tid": t1, "name": "Class 1"},
        "teacher2": {"cid": c2, "uid": carol, "aid": a2, "tid": t2, "name": "Class 2"},
        "vid": vid,
    }


def variants(w: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Own ids of each teacher, and class 1 with class 2's inner ids (owned by nobody)."""
    mixed = {**w["teacher2"], "cid": w["teacher1"]["cid"], "name": "Class 1"}
    return [("teacher1", w["teacher1"]), ("teacher2", w["teacher2"]), ("nobody", mixed)]


def expected(role: str, owner: str | None, method: str, path: str) -> int:
    if role == "anonymous":
        return 302  # to the login page
    if role in ("alice", "carol"):
        return 403
    if owner is not None and owner != role:
        return 404
    if method == "GET" or path.endswith(("/password", "/author/new")):
        return 200
    return 302  # back to the class page, with a message


def secrets_of(app: Flask) -> dict[str, str]:
    """What must never appear in a refusal: class names, codes and students' names."""
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        rooms = s.execute(select(Classroom.name, Classroom.join_code)).all()
    found = {"alice": "alice", "bob": "bob", "carol": "carol"}
    for name, code in rooms:
        found[name] = name
        found[code] = code
    return found


def client_for(app: Flask, role: str) -> tuple[FlaskClient, str]:
    client = app.test_client()
    if role == "anonymous":
        return client, csrf_token(client.get("/login").get_data(as_text=True))
    assert Auth(client).login(role).status_code == 302
    return client, csrf_token(client.get("/").get_data(as_text=True))


def test_every_teacher_route_for_every_role(app: Flask) -> None:
    w = world(app)
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        before = s.scalar(select(func.count()).select_from(Assignment))
    due = (utcnow() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    checked: set[str] = set()
    walked = 0
    failures: list[str] = []
    for role in ROLES:
        client, token = client_for(app, role)
        cases = [(m, p, f, None, {"vid": w["vid"]}) for m, p, f in OTHER_ROUTES]
        for m, p, f in CLASS_ROUTES:
            cases += [(m, p, f, owner, ids_) for owner, ids_ in variants(w)]
        # Each route's own-id case after the refused ones, so removals come last.
        cases.sort(key=lambda c: c[3] == role)
        for method, template, form, owner, values in cases:
            inner = any(k in template for k in ("{uid}", "{aid}", "{tid}"))
            if owner == "nobody" and not inner:
                continue  # no inner id to mix
            path = template.format(**values)
            checked.add(f"{method} {re.sub(r'[?].*', '', template)}")
            data = {k: v.format(**values) for k, v in form.items()}
            if method == "POST":
                response = client.post(path, data={"csrf_token": token, "due_at": due, **data})
            else:
                response = client.get(path)
            want = expected(role, owner, method, template)
            walked += 1
            got = response.status_code
            if got != want:
                failures.append(f"{role} {method} {path}: {got}, expected {want}")
            if want == 302 and role == "anonymous":
                assert response.headers["Location"].startswith("/login")
            if want in (403, 404) or role == "anonymous":
                body = response.get_data(as_text=True)
                leaks = [v for k, v in secrets_of(app).items() if v in body and k != role]
                if leaks:
                    failures.append(f"{role} {method} {path}: refusal shows {leaks}")
    assert failures == []
    # 14 routes have inner ids, walked a third time mixed.
    assert walked == len(ROLES) * (len(OTHER_ROUTES) + 2 * len(CLASS_ROUTES) + 14)
    checked |= {f"{m} {p}" for m, p, _ in DRAFT_ROUTES}  # walked below
    assert teacher_routes(app) <= checked, teacher_routes(app) - checked
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        after = s.scalar(select(func.count()).select_from(Assignment))
    assert after == (before or 0) + 2  # one by each teacher, in their own class only
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        rules = dict(s.execute(select(Assignment.id, Assignment.counting)).all())
    # Edited by their own teacher only; nothing deleted.
    assert rules[w["teacher1"]["aid"]] == rules[w["teacher2"]["aid"]] == "last"
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        granted = s.execute(
            select(AssignmentException.user_id, AssignmentException.assignment_id,
                   AssignmentException.extra_attempts)
        ).all()  # fmt: skip
        voided = s.scalar(select(func.count()).where(Attempt.voided_at.is_not(None)))
    # One more attempt and a due date each, for their own student; voided, then restored.
    assert sorted(granted) == sorted(
        (w[t]["uid"], w[t]["aid"], 1) for t in ("teacher1", "teacher2")
    )
    assert voided == 0


def test_every_draft_route_for_every_role(app: Flask) -> None:
    """A draft is its owner's only: the others get the login page, 403 or 404, and never
    a word of its article or its answer key."""
    from quizapp.db.authoring import create_draft

    teacher1, alice = ids(app, "teacher1", "alice")
    add_users(app, ["teacher2"], "teacher")
    add_users(app, ["carol"])
    article = (
        "Secret bus plan\nThe council met on Monday and agreed the new timetable for the "
        "number 9 bus, which the transport office drew up after a year of counts. The plan "
        "is a shocking waste of the money set aside for the old depot, a resident wrote.\n"
    )
    document = {
        "title": "Secret bus plan", "level": "beginner", "language": "en",
        "article": "article.txt", "skills": ["loaded-language"],
        "annotations": [{"skill": "loaded-language", "quote": "shocking",
                         "explanation": "The writer's verdict, hidden key words."}],
    }  # fmt: skip
    with app.app_context():
        did = create_draft(app.extensions["quizapp.db"], teacher1, article, document=document)
    failures = []
    for role in ROLES:
        client, token = client_for(app, role)
        for method, template, owner_status in DRAFT_ROUTES:
            path = template.format(did=did)
            if method == "POST":
                response = client.post(path, data={"csrf_token": token})
            else:
                response = client.get(path)
            want = {"anonymous": 302, "alice": 403, "carol": 403, "teacher1": owner_status,
                    "teacher2": 404}[role]  # fmt: skip
            body = response.get_data(as_text=True)
            if response.status_code != want:
                failures.append(f"{role} {method} {path}: {response.status_code}, expected {want}")
            if role != "teacher1" and ("shocking" in body or "hidden key" in body):
                failures.append(f"{role} {method} {path}: shows the draft")
        if role == "teacher1":  # and a draft that is no one's is no one's
            for method, template, _ in DRAFT_ROUTES:
                path = template.format(did=did + 1000)
                got = (client.post(path, data={"csrf_token": token}) if method == "POST"
                       else client.get(path)).status_code  # fmt: skip
                if got != 404:
                    failures.append(f"owner {method} {path}: {got}, expected 404")
    assert failures == []
    assert alice
