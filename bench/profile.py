"""Profile one request path in process with pyinstrument: where a submission's time goes.

``python -m bench.profile submit|page|write|login [--backend sqlite|postgresql] [-n 200]``
prints pyinstrument's text report (``pip install pyinstrument``; not a dependency);
``--time`` prints the time a request takes, without the profiler.
"""

from __future__ import annotations

import argparse
import re
import secrets
import statistics
import time
from pathlib import Path
from typing import Any

from quizapp import create_app

from .load import realistic_answer, seed_quiz
from .server import PASSWORD, SEED_QUIZ, database, prepare, workdir

FIELD = re.compile(r'name="(csrf_token|version|token)"[^>]*value="([^"]*)"')


def _client(db_config: dict[str, Any]) -> Any:
    app = create_app({"SECRET_KEY": secrets.token_urlsafe(32), "IMPORT_ON_START": False, "BENCH_ENDPOINTS": True,
                      "RATELIMIT_ENABLED": False, **db_config})  # fmt: skip
    return app, app.test_client()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", choices=["submit", "page", "write", "login"])
    parser.add_argument("--backend", default="sqlite")
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--time", action="store_true", help="time without the profiler")
    args = parser.parse_args()
    from pyinstrument import Profiler

    with workdir() as folder, database(args.backend, Path(folder)) as db:
        setup = prepare(db, args.backend, 2)
        config = {"DATABASE_URL": db.url, "DATABASE_SCHEMA": db.schema}
        app, client = _client(config)
        page = client.get("/login").get_data(as_text=True)
        token = dict(FIELD.findall(page))["csrf_token"]
        client.post("/login", data={"username": setup["students"][0], "password": PASSWORD,
                                    "csrf_token": token})  # fmt: skip
        fields = dict(FIELD.findall(client.get(f"/quiz/{SEED_QUIZ}").get_data(as_text=True)))
        answer = realistic_answer(seed_quiz())

        def once() -> None:
            if args.path == "submit":
                form = {**fields, **answer, "token": secrets.token_urlsafe(24)}
                r = client.post(f"/quiz/{SEED_QUIZ}/submit", data=form)
                assert r.status_code == 302, r.status_code
            elif args.path == "page":
                assert client.get(f"/quiz/{SEED_QUIZ}").status_code == 200
            elif args.path == "write":
                assert client.post("/bench/write", data={"value": "x"}).status_code == 204
            else:
                form = {"username": setup["students"][1], "password": PASSWORD,
                        "csrf_token": fields["csrf_token"]}  # fmt: skip
                app.test_client().post("/login", data=form)

        for _ in range(5):
            once()
        if args.time:
            wall, cpu = [], []
            for _ in range(5):
                started, cpu0 = time.perf_counter(), time.process_time()
                for _ in range(args.n):
                    once()
                wall.append((time.perf_counter() - started) / args.n * 1000)
                cpu.append((time.process_time() - cpu0) / args.n * 1000)
            print(
                f"{args.path} ({args.backend}): {statistics.median(wall):.3f} ms a request, "
                f"{statistics.median(cpu):.3f} ms of this process's CPU (median of 5 rounds)"
            )
            app.extensions["quizapp.db"].dispose()
            return
        started = time.perf_counter()
        with Profiler(interval=0.0005) as profiler:
            for _ in range(args.n):
                once()
        each = (time.perf_counter() - started) / args.n * 1000
        print(profiler.output_text(unicode=True, show_all=False))
        print(f"{args.path}: {each:.2f} ms a request in process (profiler on)")
        app.extensions["quizapp.db"].dispose()


if __name__ == "__main__":
    main()
