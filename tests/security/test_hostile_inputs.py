"""Every case of the hostile-input corpus, on SQLite and PostgreSQL: no server error, no
payload live in any page, no row changed by a request the app refuses."""

from __future__ import annotations

import itertools
import re
import secrets
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from quizapp.core.loader import Bank, load_bank
from quizapp.db.writes import import_bank
from tests.factories import DECOYS, FILLER, SPANS, quiz_data, write_quiz
from tests.security.conftest import (
    BELONGINGS,
    COUNTS,
    live_markup,
    placeholders,
    resolve,
    resolve_bytes,
    row_changes,
    same_site,
    snapshot,
    unescaped,
)
from tests.security.hostile_inputs import (
    CASES,
    FOREIGN,
    FORGED,
    HEADER,
    INVITE,
    PAYLOADS,
    STUDENT,
    TARGETS,
    VALID,
    XSS_CASES,
    Case,
    Fields,
    Payload,
    session_cookie,
)
from tests.web.conftest import SECRET_KEY, Auth, csrf_token


def send(client: FlaskClient, case: Case, world: dict[str, str], foreign_csrf: str) -> Any:
    """Send the case as a browser or a script would, its placeholders filled."""
    own_csrf = csrf_token(client.get("/login").get_data(as_text=True))
    headers = [(k, resolve(v, world)) for k, v in case.headers if k not in SPECIAL]
    # The client's cookie jar replaces any Cookie header: a forged cookie goes in the jar.
    for cookie in (v for k, v in case.headers if k == "Cookie"):
        name, _, value = cookie.partition("=")
        client.set_cookie(name, value)
    # The test client counts the body itself: a lying length goes straight into the environ.
    environ = dict(("CONTENT_LENGTH", v) for k, v in case.headers if k == "Content-Length")
    body: bytes | None = None
    content_type = case.content_type
    if case.fields is not None:
        pairs = [(_fill(k, world), _fill(v, world)) for k, v in case.fields]
        if not any(name == "csrf_token" for name, _ in pairs):
            token = {VALID: own_csrf, FORGED: "IjAwMDAi.forged.token", FOREIGN: foreign_csrf}
            if case.csrf in token:
                pairs.append(("csrf_token", token[case.csrf]))
        body = urlencode(pairs).encode("ascii")
        content_type = "application/x-www-form-urlencoded"
    elif case.body is not None:
        body = resolve_bytes(case.body, world)
    if case.csrf == HEADER:
        headers.append(("X-CSRFToken", own_csrf))
    return client.open(
        resolve(case.path, world),
        method=case.method,
        data=body,
        content_type=content_type,
        headers=headers,
        environ_overrides=environ,
    )


SPECIAL = {"Content-Length", "Cookie"}


def _fill(value: str | bytes, world: dict[str, str]) -> str | bytes:
    return resolve(value, world) if isinstance(value, str) else resolve_bytes(value, world)


def check(
    client: FlaskClient, app: Flask, case: Case, world: dict[str, str], foreign_csrf: str
) -> list[str]:
    """Send one case; every way its answer fails the corpus's rules."""
    before = snapshot(app)
    try:
        response = send(client, case, world, foreign_csrf)
    except Exception:  # TESTING propagates what would be a 500
        return [f"server error (500):\n{traceback.format_exc(limit=-4)}"]
    body = response.get_data(as_text=True)
    location = response.headers.get("Location", "")
    status = response.status_code
    problems = []
    if status >= 500 or status not in case.status:
        problems.append(f"status {status}, expected {case.status}: {_reason(body)}")
    if 300 <= status < 400 and not same_site(location):
        problems.append(f"redirect off the site: {location}")
    if case.location is not None and location != resolve(case.location, world):
        problems.append(f"redirect to {location!r}, expected {case.location!r}")
    problems += [
        f"unescaped in the answer: {m!r}" for m in unescaped(body + location, case.markers)
    ]
    problems += [f"live markup: {m}" for m in live_markup(body)]
    problems += row_changes(before, snapshot(app), dict(case.adds))
    return problems


def _reason(body: str) -> str:
    match = re.search(r'<p class="reason">(.*?)</p>|role="alert">(.*?)<', body, re.S)
    return (match.group(1) or match.group(2)) if match else body[:300]


GROUPS: dict[str, list[Case]] = {}
for _case in CASES:
    GROUPS.setdefault(_case.group, []).append(_case)


@pytest.mark.parametrize("group", list(GROUPS))
@pytest.mark.filterwarnings("ignore:The 'session' cookie is too large")  # it is meant to be
def test_hostile_inputs(
    request: pytest.FixtureRequest,
    app: Flask,
    client: FlaskClient,
    auth: Auth,
    versions: dict[str, str],
    group: str,
) -> None:
    """Each case of the group from a fresh client (the student's is logged in once), with
    its own snapshot of every table before and after."""
    cases = GROUPS[group]
    app.config["TEACHER_INVITE_CODE"] = INVITE  # so that the teacher form is really checked
    world = dict(versions)
    texts = [t for c in cases for t in (c.path, c.location, c.body, *_flat(c.fields))]
    if placeholders(*texts) & BELONGINGS:
        world.update(request.getfixturevalue("belongings"))
    foreign = any(c.csrf == FOREIGN for c in cases)
    foreign_csrf = request.getfixturevalue("foreign_csrf") if foreign else ""
    if any(c.who == STUDENT for c in cases):
        assert auth.login().status_code == 302
    failures = {}
    for case in cases:
        world["token"] = secrets.token_urlsafe(24)
        sender = client if case.who == STUDENT else app.test_client()
        problems = check(sender, app, case, world, foreign_csrf)
        if problems:
            failures[case.id] = problems
        else:
            COUNTS[f"hostile cases passed ({_backend(app)})"] += 1
    assert not failures, "\n".join(f"{k}: {'; '.join(v)}" for k, v in failures.items())


def _flat(fields: Fields | None) -> list[str | bytes]:
    return [x for pair in fields or () for x in pair]


def _backend(app: Flask) -> str:
    return str(app.config["DATABASE_URL"]).split(":")[0].split("+")[0]


# Quiz text is written by authors, but a quiz file may come from anywhere: every field a
# page prints carries a payload, and every page that prints it must escape it.
# (Control characters are refused by the loader: see test_regressions.)
TEXT_PAYLOADS = [p for p in PAYLOADS if isinstance(p.value, str) and "\x00" not in p.value]


def _hostile_quiz(folder: Path) -> dict[str, Payload]:
    """Write a quiz whose every printed text carries a payload; return field -> payload."""
    said = itertools.cycle(TEXT_PAYLOADS)
    used: dict[str, Payload] = {}

    def say(where: str, limit: int = 500) -> str:
        used[where] = payload = next(said)
        assert isinstance(payload.value, str) and len(payload.value) <= limit
        return payload.value

    article = (
        f"Town budget {say('headline')} row\n"
        "The council approved a budget of 4 million euros on Monday, according to the finance "
        f"office. Critics say the plan is a disastrous waste. {FILLER}{say('paragraph 1')}\n"
        f"Statistics show that 70% of residents oppose it. {FILLER}{say('paragraph 2')} Mayor "
        f'Ana Ruiz called the vote "a shameful day" for the town. {FILLER}The plan is, frankly, '
        f"a scandal. {FILLER}\n"
        f"The new library will open on [insert date] after a heroic effort by volunteers. {FILLER}"
        f"{say('paragraph 3')} {FILLER}\n"
    )
    custom = {
        "id": "sneaky-markup",
        "name": say("skill name", 60),
        "definition": say("skill definition", 300),
        "tip": say("skill tip"),
    }
    spans = [*SPANS, {"id": "scandal", "skill": "sneaky-markup", "quote": "a scandal"}]
    data = quiz_data(
        id="hostile-text",
        title=say("title", 200),
        summary=say("summary"),
        article="hostile.txt",
        skills=[*quiz_data()["skills"], custom],
        annotations=[
            {**s, "explanation": say(f"explanation {s['id']}"), "fix": say(f"fix {s['id']}")}
            for s in spans
        ],
        decoys=[{**d, "explanation": say(f"decoy {d['id']}")} for d in DECOYS],
        questions=[
            {"id": "spot-it", "type": "spot", "prompt": say("spot prompt"),
             "skills": ["unsupported-statistic"]},
            {"id": "label-it", "type": "label", "prompt": say("label prompt"),
             "skills": ["loaded-language", "sneaky-markup"]},
            {"id": "classify-it", "type": "classify", "prompt": say("classify prompt"),
             "span": "disastrous"},
            {"id": "choose-it", "type": "choice", "prompt": say("choice prompt"), "options": [
                {"id": "o1", "text": say("option 1"), "correct": True,
                 "feedback": say("feedback 1")},
                {"id": "o2", "text": say("option 2"), "feedback": say("feedback 2")},
            ]},
        ],
    )  # fmt: skip
    write_quiz(folder, data, article)
    return used


def test_payloads_in_quiz_text_are_escaped_on_every_page(
    app: Flask, client: FlaskClient, auth: Auth, bank: Bank, tmp_path: Path
) -> None:
    used = _hostile_quiz(tmp_path)
    hostile = load_bank(tmp_path / "quizzes", tmp_path / "seeds")
    assert not hostile.errors, hostile.errors
    with app.app_context():
        import_bank(
            app.extensions["quizapp.db"], replace(bank, quizzes=bank.quizzes + hostile.quizzes)
        )
    pages = {"quiz page": client.get("/quiz/hostile-text"), "catalogue": client.get("/")}
    form = {k: re.search(rf'name="{k}" value="([^"]*)"', pages["quiz page"].get_data(as_text=True))
            for k in ("csrf_token", "version", "token")}  # fmt: skip
    fields = {k: m.group(1) for k, m in form.items() if m}
    answers = {"q.choose-it.option": "o2", "q.classify-it.choice": "sneaky-markup"}
    sent = client.post("/quiz/hostile-text/submit", data={**fields, **answers})
    pages["practice feedback"] = client.get(sent.headers["Location"])
    auth.login()
    pages["student quiz page"] = client.get("/quiz/hostile-text")
    fields["csrf_token"] = csrf_token(pages["student quiz page"].get_data(as_text=True))
    sent = client.post("/quiz/hostile-text/submit", data={**fields, **answers})
    pages["attempt feedback"] = client.get(sent.headers["Location"])
    pages["progress"] = client.get("/progress")
    html = {name: r.get_data(as_text=True) for name, r in pages.items()}
    assert {name: r.status_code for name, r in pages.items()} == dict.fromkeys(pages, 200)
    for name, text in html.items():
        assert not live_markup(text), (name, live_markup(text))
        for where, payload in used.items():
            assert not unescaped(text, payload.unescaped), (name, where)
    everything = "".join(html.values())
    for where, payload in used.items():
        if not where.startswith(("headline", "paragraph")):  # the article prints word by word
            assert str(escape(payload.value)) in everything, f"the {where} is printed nowhere"
    COUNTS["quiz-text fields carrying a payload"] = len(used)
    COUNTS["quiz-text pages checked"] = len(html)


def test_a_session_signed_with_the_apps_own_key_is_honoured(client: FlaskClient) -> None:
    """The control for the forged-session cases: the same cookie, signed with the key the
    app really has, logs alice in; so those cases' cookies do reach the app."""
    alice = session_cookie({"_user_id": "2:0", "_fresh": True}, SECRET_KEY)
    client.set_cookie("session", alice.removeprefix("session="))
    response = client.get("/progress")
    assert response.status_code == 200 and "Log out (alice)" in response.get_data(as_text=True)


def test_the_corpus_is_large_and_complete() -> None:
    """At least 50 cases, ids unique, every payload in every text field and path segment."""
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 50
    sent = {(c.target, c.payload) for c in XSS_CASES}
    assert sent == {(t.id, p.id) for t in TARGETS for p in PAYLOADS}
    COUNTS["corpus cases"] = len(CASES)
    COUNTS["corpus payloads x fields"] = len(sent)
    print(
        f"\n{len(CASES)} cases: {len(PAYLOADS)} payloads x {len(TARGETS)} fields = {len(sent)}"
        f" XSS cases, and {len(CASES) - len(XSS_CASES)} others"
    )
