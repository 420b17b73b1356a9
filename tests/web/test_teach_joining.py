"""Join codes against guessing: a large code space, and rate limits on the forms that take
a code (student and teacher registration): wrong codes held against whoever types them."""

from __future__ import annotations

import random
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from quizapp import create_app
from quizapp.db.migrate import upgrade
from quizapp.db.models import Membership, User
from quizapp.db.writes import JOIN_ALPHABET, JOIN_LENGTH, WriteError, create_user
from quizapp.web.limits import limiter
from tests.web.conftest import CODE, PASSWORD, SECRET_KEY, csrf_token
from tests.web.teach_data import add_class, db_of, ids

GUESSES = 10_000


def counts(app: Flask) -> tuple[int, int]:
    with app.app_context(), db_of(app).session() as s:
        users = s.scalar(select(func.count()).select_from(User))
        members = s.scalar(select(func.count()).select_from(Membership))
    return int(users or 0), int(members or 0)


def test_ten_thousand_random_guesses_join_nothing(app: Flask) -> None:
    (teacher,) = ids(app, "teacher1")
    codes = {CODE} | {add_class(app, teacher, f"Class {n}")[1] for n in range(2, 21)}
    before = counts(app)
    rng = random.Random(20240917)  # fixed: the test never flakes
    joined = []
    with app.app_context():
        for n in range(GUESSES):
            guess = "".join(rng.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH))
            typed = f"{guess[:4].lower()}-{guess[4:]}" if n % 2 else guess  # as people type
            try:
                create_user(db_of(app), f"guess{n}", PASSWORD, "student", typed)
            except WriteError as exc:
                assert "class code is not valid" in str(exc)
            else:
                joined.append(guess)
    assert joined == []
    assert counts(app) == before
    assert len(JOIN_ALPHABET) ** JOIN_LENGTH > 8 * 10**11  # per class, per guess: < 1.2e-12
    with app.app_context():  # and the real code still works
        create_user(db_of(app), "real-student", PASSWORD, "student", sorted(codes)[0].lower())
    assert counts(app) == (before[0] + 1, before[1] + 1)


def register(client: FlaskClient, code: str, ip: str = "203.0.113.7") -> TestResponse:
    env = {"REMOTE_ADDR": ip}
    page = client.get("/register", environ_base=env).get_data(as_text=True)
    return client.post(
        "/register",
        data={"username": "guesser", "password": PASSWORD, "join_code": code,
              "csrf_token": csrf_token(page)},
        environ_base=env,
    )  # fmt: skip


def test_wrong_codes_are_limited_for_the_one_who_types_them(
    app: Flask, client: FlaskClient
) -> None:
    assert app.config["RATELIMIT_ENABLED"] is True
    first = [register(client, f"WRONG{n:03d}") for n in range(10)]
    assert [r.status_code for r in first] == [200] * 10
    assert all("That class code is not valid" in r.get_data(as_text=True) for r in first)
    refused = register(client, CODE)  # even the right code, for this browser, this hour
    assert refused.status_code == 429
    assert "Too Many Requests" in refused.get_data(as_text=True)  # the site's error page
    assert counts(app)[0] == 3  # nobody registered
    # A classmate at the same school address is not held back by it.
    assert register(app.test_client(), "WRONG998").status_code == 200


def test_teacher_registration_is_rate_limited_too(app: Flask, client: FlaskClient) -> None:
    app.config["TEACHER_INVITE_CODE"] = "staff-room"
    env = {"REMOTE_ADDR": "203.0.113.9"}
    statuses = []
    for n in range(21):
        page = client.get("/register/teacher", environ_base=env).get_data(as_text=True)
        statuses.append(
            client.post(
                "/register/teacher",
                data={"username": "t", "password": PASSWORD, "invite": f"guess{n}",
                      "csrf_token": csrf_token(page)},
                environ_base=env,
            ).status_code
        )  # fmt: skip
    assert statuses == [200] * 20 + [429]


def test_limits_can_be_turned_off_and_back_on(tmp_path: Path) -> None:
    config = {"TESTING": True, "SECRET_KEY": SECRET_KEY, "IMPORT_ON_START": False,
              "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}",
              "WTF_CSRF_ENABLED": False}  # fmt: skip
    off = create_app({**config, "RATELIMIT_ENABLED": False})
    with off.app_context():
        upgrade(db_of(off))
    client = off.test_client()
    form = {"username": "xavier", "password": PASSWORD, "join_code": "WRONG999"}
    assert all(client.post("/register", data=form).status_code == 200 for _ in range(25))
    # One limiter serves every app of the process: the next app is limited again.
    on = create_app(config)
    assert limiter.enabled and on.config["RATELIMIT_ENABLED"] is True
    assert on.config["RATELIMIT_STORAGE_URI"] == "memory://"
    client = on.test_client()
    assert [client.post("/register", data=form).status_code for _ in range(11)][-1] == 429
