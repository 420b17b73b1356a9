"""Every teacher route, for every role, with the teacher's own ids, another class's ids and
a mix of the two: the status expected, and nothing of another class in a refusal."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db.models import Assignment, AssignmentException, Attempt, Classroom, User, utcnow
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
    "decision": "{decision}",
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
    checked |= {  # walked by test_every_editor_route_for_every_role
        f"{m} {p.replace('{qid}', 'iran-hamas-meeting')}"
        for m, p, _, _ in EDITOR_ROUTES + EDITOR_OTHER
    } | {f"{m} {p.replace('{qid}', 'iran-hamas-meeting')}" for m, p in PROPOSAL_ROUTES}
    checked |= {f"{m} {p}" for m, p, _ in DELETION_ROUTES}  # walked below
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


# A co-teacher (teacher3, of class 1): what the owner gets, but archiving and deleting the
# class (403); another class, or class 1 with another class's ids, is a 404 as for anyone.
CO_TEACHER_REFUSED = {"/teach/classes/{cid}/archive", "/teach/classes/{cid}/delete"}
CO_TEACHER_LTI = [("GET", "/lti/classes/{cid}/grades", {}, 200),
                  ("POST", "/lti/classes/{cid}/grades", {}, 302),
                  ("POST", "/lti/classes/{cid}/roster", {}, 302)]  # fmt: skip


def test_a_co_teacher_runs_the_class_but_neither_archives_nor_deletes_it(app: Flask) -> None:
    """Every class route, walked by a co-teacher of class 1: the owner's status but for
    archiving and deleting; a class route that looked at ``Classroom.teacher_id`` itself
    (not ``own_classroom``) fails here with a 404. New class routes must be walked here."""
    from quizapp.db.models import ClassroomTeacher

    w = world(app)
    (teacher3,) = add_users(app, ["teacher3"], "teacher")
    with app.app_context(), app.extensions["quizapp.db"].write() as s:
        s.add(ClassroomTeacher(classroom_id=w["teacher1"]["cid"], user_id=teacher3))
    alice = ids(app, "alice")[0]
    client, token = client_for(app, "teacher3")
    due = (utcnow() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    cases = [(m, p, f, owner, v) for m, p, f in CLASS_ROUTES
             for owner, v in variants(w) if owner != "teacher1"]  # fmt: skip
    cases += [(m, p, f, "teacher1", w["teacher1"]) for m, p, f in CLASS_ROUTES]
    # Deleting: alice's data in the class (allowed), then the class itself (refused).
    own_alice = {**w["teacher1"], "uid": alice}
    cases += [(m, p, {}, "teacher1", own_alice) for m, p, _ in DELETION_ROUTES]
    cases += [(m, p, f, "teacher1", w["teacher1"]) for m, p, f, _ in CO_TEACHER_LTI]
    lti_status = {f"{m} {p}": status for m, p, _, status in CO_TEACHER_LTI}
    deletion_status = {f"{m} {p}": status for m, p, status in DELETION_ROUTES}
    checked: set[str] = set()
    failures: list[str] = []
    for method, template, form, owner, values in cases:
        inner = any(k in template for k in ("{uid}", "{aid}", "{tid}"))
        if owner == "nobody" and not inner:
            continue
        bare = re.sub(r"[?].*", "", template)
        checked.add(f"{method} {bare}")
        path = template.format(**values)
        data = {k: v.format(**values) for k, v in form.items()}
        if method == "POST":
            response = client.post(path, data={"csrf_token": token, "due_at": due, **data})
        else:
            response = client.get(path)
        if owner != "teacher1":
            want = 404
        elif bare in CO_TEACHER_REFUSED:
            want = 403
        else:
            key = f"{method} {bare}"
            want = lti_status.get(key) or deletion_status.get(key) or expected(
                "teacher1", "teacher1", method, template)  # fmt: skip
        if response.status_code != want:
            failures.append(f"co-teacher {method} {path}: {response.status_code}, want {want}")
    assert failures == []
    class_routes = {r for r in teacher_routes(app) if "{cid}" in r}
    assert class_routes <= checked, class_routes - checked
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        room = s.get(Classroom, w["teacher1"]["cid"])
        assert room is not None and not room.archived  # neither archived nor deleted
        assert s.scalar(select(func.count()).where(Attempt.user_id == alice)) == 0  # deleted
        # Edited by the co-teacher: the owner's assignment, as the owner would.
        assert s.scalar(select(Assignment.counting).where(
            Assignment.id == w["teacher1"]["aid"])) == "last"  # fmt: skip


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


# Deleting (issue 17), walked by test_every_deletion_and_admin_route_for_every_role with the
# status the class's teacher gets (teach routes) or an administrator gets (admin routes).
DELETION_ROUTES: list[tuple[str, str, int]] = [
    ("GET", "/teach/classes/{cid}/students/{uid}/delete-data", 200),
    ("POST", "/teach/classes/{cid}/students/{uid}/delete-data", 302),
    ("GET", "/teach/classes/{cid}/delete", 200),
    ("POST", "/teach/classes/{cid}/delete", 302),
]
ADMIN_ROUTES: list[tuple[str, str, int]] = [
    ("GET", "/admin", 200),
    ("GET", "/admin/accounts?q=a", 200),
    ("GET", "/admin/classes", 200),
    ("GET", "/admin/audit?action=viewed_record", 200),
    ("GET", "/admin/audit.csv", 200),
    ("GET", "/admin/retention", 200),
    ("GET", "/admin/accounts/{carol}/data.json", 200),
    ("GET", "/admin/accounts/{carol}/password", 200),
    ("POST", "/admin/accounts/{carol}/password", 200),  # the new password, shown once
    ("GET", "/admin/accounts/{carol}/delete", 200),
    ("POST", "/admin/accounts/{carol}/delete", 302),
    ("GET", "/admin/classes/{c2}/delete", 200),
    ("POST", "/admin/classes/{c2}/delete", 302),
]
# The administrator is no class's teacher: the class routes are a 404 for them too.
ADMIN_ROLES = ["anonymous", "alice", "teacher2", "admin1", "teacher1"]


def fingerprint(app: Flask) -> dict[str, int]:
    """Rows a table, but the trail (views add to it) and users' last activity."""
    from quizapp.db.models import Base

    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
            if t.name != "audit_events"
        }


def test_every_deletion_and_admin_route_for_every_role(app: Flask) -> None:
    """Deleting is its owner's (the class's teacher) or an administrator's: everyone else
    gets the login page, 403 or 404, sees no one's name, and nothing is deleted."""
    teacher1, alice, bob = ids(app, "teacher1", "alice", "bob")
    (teacher2, admin1) = add_users(app, ["teacher2", "admin1"], "teacher")
    (carol,) = add_users(app, ["carol"])
    assert app.test_cli_runner().invoke(args=["admin", "grant", "admin1"]).exit_code == 0
    c1 = class_id(app)
    c2, _ = add_class(app, teacher2, "Class 2", [carol])
    for room, student in ((c1, bob), (c2, carol)):
        add_attempt(app, student, add_assignment(app, room))
    with app.app_context(), app.extensions["quizapp.db"].write() as s:
        s.execute(Classroom.__table__.update().values(archived=True, archived_at=utcnow()))
    values = {"cid": c1, "uid": bob, "carol": carol, "c2": c2}
    mixed = {**values, "uid": carol}  # class 1 with class 2's student: nobody's
    failures: list[str] = []
    for role in ADMIN_ROLES:
        client, token = client_for(app, role)
        cases = [(m, t, status, "admin") for m, t, status in ADMIN_ROUTES]
        cases += [(m, t, status, "mixed") for m, t, status in DELETION_ROUTES if "{uid}" in t]
        cases += [(m, t, status, "owner") for m, t, status in DELETION_ROUTES]
        for method, template, status, kind in cases:
            path = template.format(**(mixed if kind == "mixed" else values))
            before = fingerprint(app)
            if method == "POST":
                response = client.post(path, data={"csrf_token": token})
            else:
                response = client.get(path)
            allowed = (kind == "admin" and role == "admin1") or (
                kind == "owner" and role == "teacher1"
            )
            if role == "anonymous":
                want = 302
            elif allowed:
                want = status
            elif kind == "admin" or role == "alice":
                want = 403
            else:
                want = 404
            if response.status_code != want:
                failures.append(f"{role} {method} {path}: {response.status_code}, expected {want}")
            if not allowed:
                body = response.get_data(as_text=True)
                if fingerprint(app) != before:
                    failures.append(f"{role} {method} {path}: changed the database")
                if any(name in body for name in ("bob", "carol", "Class 1", "Class 2")):
                    failures.append(f"{role} {method} {path}: refusal shows a name")
            elif response.status_code == 302:
                client.get(response.headers["Location"])  # its message shown, not on a refusal
    assert failures == []
    rules = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("admin.")}
    walked = {re.sub(r"[?].*", "", t) for _, t, _ in ADMIN_ROUTES}
    assert {re.sub(r"<[^>]+>", "{}", r) for r in rules} <= {
        re.sub(r"{\w+}", "{}", w) for w in walked
    }
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        rooms = set(s.scalars(select(Classroom.id)))
        people = set(s.scalars(select(User.id)))
    assert rooms == set() and carol not in people and {alice, bob, teacher1} <= people


# The editor's storage side (issue 15): (method, path, body, status for the owner). {did} is
# a draft (a skeleton, not valid yet), {qid} a quiz made in the browser (private), {qvid} its
# version, {uid} the colleague it is shared with; "json" is a PUT of JSON with the token in
# the X-CSRFToken header.
EDITOR_ROUTES: list[tuple[str, str, dict[str, str] | str, int]] = [
    ("GET", "/author/drafts/{did}/data", {}, 200),
    ("PUT", "/author/drafts/{did}/data", "json", 409),  # a stale revision: changes nothing
    ("POST", "/author/drafts/{did}/publish", {}, 400),  # not valid yet: nothing stored
    ("GET", "/author/quizzes/{qid}", {}, 200),
    ("GET", "/author/quizzes/{qid}/export.zip", {}, 200),
    ("POST", "/author/quizzes/{qid}/duplicate", {}, 303),
    ("POST", "/author/quizzes/{qid}/visibility", {"visibility": "private"}, 303),
    ("POST", "/author/quizzes/{qid}/shares", {"username": "no-such-teacher"}, 303),
    ("POST", "/author/quizzes/{qid}/shares/{uid}/delete", {}, 303),
    ("GET", "/teach/versions/{qvid}/key", {}, 200),
    ("POST", "/author/drafts/{did}/delete", {}, 303),  # last: it deletes the draft
]
EDITOR_OTHER: list[tuple[str, str, dict[str, str] | str, int]] = [
    ("GET", "/author/", {}, 200),
    ("GET", "/author/import", {}, 200),
    ("POST", "/author/import", {}, 400),  # no file chosen
    ("POST", "/author/drafts", {"text": "A headline\nA paragraph of the article."}, 303),
]


def editor_world(app: Flask) -> dict[str, dict[str, Any]]:
    """A skeleton draft and a published private quiz each for teacher1 and teacher2, each
    quiz shared with teacher3 and then made private again (the share kept, inactive)."""
    from quizapp.db.authoring import create_draft, publish, set_visibility, share
    from tests.web.test_editor_drafts import bank_document

    db = app.extensions["quizapp.db"]
    add_users(app, ["teacher2", "teacher3"], "teacher")
    add_users(app, ["carol"])
    teacher1, teacher2, teacher3 = ids(app, "teacher1", "teacher2", "teacher3")
    out = {}
    with app.app_context():
        for name, owner in (("teacher1", teacher1), ("teacher2", teacher2)):
            document, article = bank_document()
            document["title"] = f"Secret quiz of {name}"
            done = publish(db, owner, create_draft(db, owner, article, document=document))
            share(db, owner, done.quiz_id, "teacher3")
            set_visibility(db, owner, done.quiz_id, "private")
            head = f"Secret draft of {name}"
            did = create_draft(db, owner, f"{head}\nIts paragraph.\n", title=head)
            out[name] = {"did": did, "qid": done.quiz_id, "qvid": done.version_id, "uid": teacher3}
    return out


def _editor_call(client: FlaskClient, token: str, method: str, path: str, body: Any) -> Any:
    if body == "json":
        return client.put(
            path, json={"document": {"title": "changed"}, "revision": 999},
            headers={"X-CSRFToken": token},
        )  # fmt: skip
    if method == "POST":
        return client.post(path, data={"csrf_token": token, **body})
    return client.get(path)


def test_every_editor_route_for_every_role(app: Flask) -> None:
    """Another teacher's draft, quiz or version is a 404 for teachers, a 403 for students and
    the login page for visitors; no refusal shows anything of it, and nothing changes."""
    w = editor_world(app)
    hidden = {
        name: [f"Secret quiz of {name}", f"Secret draft of {name}"]  # (ids are in the URLs)
        for name in ("teacher1", "teacher2")
    }
    failures: list[str] = []
    for role in ROLES:
        client, token = client_for(app, role)
        cases = [(m, p, b, s, None) for m, p, b, s in EDITOR_OTHER]
        cases += [(m, p, b, s, o) for o in ("teacher1", "teacher2") for m, p, b, s in EDITOR_ROUTES]
        cases.sort(key=lambda c: c[4] == role)  # own ids last, after the refused ones
        for method, template, body, owner_status, owner in cases:
            path = template.format(**(w[owner] if owner else {}))
            response = _editor_call(client, token, method, path, body)
            if role == "anonymous":
                want = 302
            elif role in ("alice", "carol"):
                want = 403
            else:
                want = 404 if owner is not None and owner != role else owner_status
            if response.status_code != want:
                failures.append(f"{role} {method} {path}: {response.status_code}, want {want}")
            if role == "anonymous":
                assert response.headers.get("Location", "").startswith("/login")
            text = response.get_data().decode("utf-8", "replace")  # a .zip for the owner
            for name, words in hidden.items():
                if name != role and any(x in text for x in words):
                    failures.append(f"{role} {method} {path}: shows {name}'s quiz or draft")
        for name in ("teacher1", "teacher2"):  # the quiz page of a student or visitor
            page = client.get(f"/quiz/{w[name]['qid']}")
            if page.status_code != 404 or "Secret" in page.get_data(as_text=True):
                failures.append(f"{role} GET /quiz/{w[name]['qid']}: {page.status_code}")
    assert failures == []
    # teacher3's share is inactive while the quizzes are private: nothing to see.
    client, token = client_for(app, "teacher3")
    assert client.get(f"/author/quizzes/{w['teacher1']['qid']}/export.zip").status_code == 404
    assert "Secret" not in client.get("/author/").get_data(as_text=True)
    # A forged assignment of teacher2's private quiz by teacher1.
    client, token = client_for(app, "teacher1")
    c1 = class_id(app)
    due = (utcnow() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    forged = client.post(
        f"/teach/classes/{c1}/assignments/new",
        data={"csrf_token": token, "quiz": w["teacher2"]["qid"], "max_attempts": "1",
              "counting": "best", "feedback": "immediate", "due_at": due},
    )  # fmt: skip
    assert forged.status_code == 404 and "Secret" not in forged.get_data(as_text=True)
    form = client.get(f"/teach/classes/{c1}/assignments/new").get_data(as_text=True)
    assert "Secret quiz of teacher1" in form and "Secret quiz of teacher2" not in form
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        from quizapp.db.models import AuthoredQuiz, Draft, QuizShare

        assert s.scalar(select(func.count()).select_from(QuizShare)) == 0  # unshared by owners
        assert set(s.scalars(select(AuthoredQuiz.visibility))) == {"private"}
        assert not any("changed" in d for d in s.scalars(select(Draft.document)))
        left = set(s.scalars(select(Draft.id)))
    # Each owner deleted their own skeleton (last of their cases), nobody else's.
    assert not left & {w["teacher1"]["did"], w["teacher2"]["did"]}


# Proposals for the public catalogue: an administrator's only (teachers get 403).
PROPOSAL_ROUTES = [
    ("GET", "/author/proposals"),
    ("POST", "/author/proposals/{qid}/{decision}"),
]


def test_proposals_are_for_administrators(app: Flask) -> None:
    """Visitors log in, students and teachers get 403 and change nothing; an administrator
    declines teacher2's proposal and accepts teacher1's, which then joins the catalogue."""
    from quizapp.db.authoring import set_visibility
    from quizapp.db.models import AuthoredQuiz, QuizVersion

    w = editor_world(app)
    add_users(app, ["admin1"], "teacher")
    assert app.test_cli_runner().invoke(args=["admin", "grant", "admin1"]).exit_code == 0
    (teacher1, teacher2) = ids(app, "teacher1", "teacher2")
    with app.app_context():
        for owner, name in ((teacher1, "teacher1"), (teacher2, "teacher2")):
            set_visibility(app.extensions["quizapp.db"], owner, w[name]["qid"], "proposed")
    want = {"anonymous": 302, "alice": 403, "carol": 403, "teacher1": 403, "teacher2": 403}
    for role in [*ROLES, "admin1"]:
        client, token = client_for(app, role)
        listing = client.get("/author/proposals")
        post = client.post(
            f"/author/proposals/{w['teacher1']['qid']}/accept", data={"csrf_token": token}
        )
        if role == "admin1":
            assert listing.status_code == 200
            assert "Secret quiz of teacher1" in listing.get_data(as_text=True)
            assert post.status_code == 303
            declined = client.post(
                f"/author/proposals/{w['teacher2']['qid']}/decline", data={"csrf_token": token}
            )
            assert declined.status_code == 303
            again = client.post(
                f"/author/proposals/{w['teacher2']['qid']}/accept", data={"csrf_token": token}
            )
            assert again.status_code == 404  # no longer proposed
        else:
            assert (listing.status_code, post.status_code) == (want[role], want[role])
            assert "Secret" not in listing.get_data(as_text=True) + post.get_data(as_text=True)
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        states = dict(s.execute(select(AuthoredQuiz.quiz_id, AuthoredQuiz.visibility)).all())
        accepted = s.scalar(select(QuizVersion).where(QuizVersion.id == w["teacher1"]["qvid"]))
    assert states == {w["teacher1"]["qid"]: "catalogue", w["teacher2"]["qid"]: "installation"}
    assert accepted is not None and accepted.public and accepted.current
    # In the catalogue: anyone may take it now, logged in or not.
    assert "Secret quiz of teacher1" in app.test_client().get("/").get_data(as_text=True)
    assert app.test_client().get(f"/quiz/{w['teacher1']['qid']}").status_code == 200
    assert app.test_client().get(f"/quiz/{w['teacher2']['qid']}").status_code == 404


# LTI (issue 18): (method, path, form, {role: status}). The platform's login and launch, the
# key set and the configuration are public (without a platform's parameters, a 400); the
# deep-link picker needs a teacher's deep-linking launch (else 400); a class's course
# gradebook and roster are its teacher's; the platforms page is the administrators'.
LTI_PUBLIC = ["anonymous", "alice", "teacher2", "admin1", "teacher1"]  # the owner last
LTI_ROUTES: list[tuple[str, str, dict[str, str], dict[str, int]]] = [
    ("GET", "/lti/login", {}, dict.fromkeys(LTI_PUBLIC, 400)),
    ("POST", "/lti/login", {}, dict.fromkeys(LTI_PUBLIC, 400)),
    ("POST", "/lti/launch", {"state": "s"}, dict.fromkeys(LTI_PUBLIC, 400)),
    ("GET", "/lti/jwks", {}, dict.fromkeys(LTI_PUBLIC, 200)),
    ("GET", "/lti/config.json", {}, dict.fromkeys(LTI_PUBLIC, 200)),
    ("GET", "/lti/deep-link", {},
     {"anonymous": 302, "alice": 403, "teacher2": 400, "admin1": 400, "teacher1": 400}),
    ("POST", "/lti/deep-link", {},
     {"anonymous": 302, "alice": 403, "teacher2": 400, "admin1": 400, "teacher1": 400}),
    # A course link made without deep linking: its quiz is chosen after a teacher's launch
    # of it (else 400); a student's launch of it is told to wait (a fixed page, for anyone).
    ("GET", "/lti/link", {},
     {"anonymous": 302, "alice": 403, "teacher2": 400, "admin1": 400, "teacher1": 400}),
    ("POST", "/lti/link", {},
     {"anonymous": 302, "alice": 403, "teacher2": 400, "admin1": 400, "teacher1": 400}),
    ("GET", "/lti/link/waiting", {}, dict.fromkeys(LTI_PUBLIC, 200)),
    ("GET", "/lti/classes/{cid}/grades", {},
     {"anonymous": 302, "alice": 403, "teacher2": 404, "admin1": 404, "teacher1": 200}),
    ("POST", "/lti/classes/{cid}/grades", {},
     {"anonymous": 302, "alice": 403, "teacher2": 404, "admin1": 404, "teacher1": 302}),
    ("POST", "/lti/classes/{cid}/roster", {},
     {"anonymous": 302, "alice": 403, "teacher2": 404, "admin1": 404, "teacher1": 302}),
    ("GET", "/lti/platforms", {},
     {"anonymous": 302, "alice": 403, "teacher2": 403, "admin1": 200, "teacher1": 403}),
    ("POST", "/lti/platforms", {"issuer": "https://x.example", "client_id": "c",
                                "deployments": "1", "login_url": "https://x.example/a",
                                "token_url": "https://x.example/t",
                                "jwks_url": "https://x.example/k"},
     {"anonymous": 302, "alice": 403, "teacher2": 403, "admin1": 302, "teacher1": 403}),
    # The framed login's cookie check (anyone: it reads one cookie, says yes or no).
    ("GET", "/lti/cookie-check", {}, dict.fromkeys(LTI_PUBLIC, 200)),
    # Removing: a confirmation with counts; a post without a choice is refused (400) and
    # changes nothing; with one the platform goes (its accounts and classes kept).
    ("GET", "/lti/platforms/{pid}/remove", {},
     {"anonymous": 302, "alice": 403, "teacher2": 403, "admin1": 200, "teacher1": 403}),
    ("POST", "/lti/platforms/{pid}/remove", {},
     {"anonymous": 302, "alice": 403, "teacher2": 403, "admin1": 400, "teacher1": 403}),
    ("POST", "/lti/platforms/{pid}/remove", {"people": "keep"},
     {"anonymous": 302, "alice": 403, "teacher2": 403, "admin1": 302, "teacher1": 403}),
]  # fmt: skip


def test_every_lti_route_for_every_role(app: Flask) -> None:
    """The LTI routes: public ones for everyone, a class's course pages for its teacher
    only (404 for any other, administrators too), platforms for administrators only; a
    refusal changes nothing and names no class."""
    from quizapp.db.lti import register_platform

    add_users(app, ["teacher2", "admin1"], "teacher")
    assert app.test_cli_runner().invoke(args=["admin", "grant", "admin1"]).exit_code == 0
    with app.app_context():
        pid = register_platform(
            app.extensions["quizapp.db"], name="LMS", issuer="https://lms.example",
            client_id="c", auth_login_url="https://lms.example/a",
            auth_token_url="https://lms.example/t", key_set_url="https://lms.example/k",
            deployment_ids=["1"],
        )  # fmt: skip
    values = {"cid": class_id(app), "pid": pid}
    app.test_client().get("/lti/jwks")  # the tool's first key is made on first use
    failures: list[str] = []
    for role in LTI_PUBLIC:
        client, token = client_for(app, role)
        for method, template, form, want in LTI_ROUTES:
            path = template.format(**values)
            before = fingerprint(app)
            if method == "POST":
                response = client.post(path, data={"csrf_token": token, **form})
            else:
                response = client.get(path)
            if response.status_code != want[role]:
                failures.append(f"{role} {method} {path}: {response.status_code}, "
                                f"expected {want[role]}")  # fmt: skip
            if want[role] >= 400 or role == "anonymous":
                if fingerprint(app) != before:
                    failures.append(f"{role} {method} {path}: changed the database")
                if "Class 1" in response.get_data(as_text=True):
                    failures.append(f"{role} {method} {path}: refusal names the class")
    assert failures == []
    placeholder = re.compile(r"{\w+}")
    walked = {m + " " + placeholder.sub("{}", p) for m, p, _, _ in LTI_ROUTES}
    rules = {
        f"{m} {re.sub(r'<[^>]+>', '{}', r.rule)}"
        for r in app.url_map.iter_rules() if r.endpoint.startswith("lti.")
        for m in r.methods - {"HEAD", "OPTIONS"}
    }  # fmt: skip
    assert rules <= walked, rules - walked
