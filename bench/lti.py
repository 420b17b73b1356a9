"""Grade passback costs a submission nothing measurable: ``python -m bench.lti``.

The same students submit the same graded answer to two assignments of one class, in
alternating order, in one run: one assignment plain, the other opened from a learning
platform (an LTI resource link with a line item, every student launched from it), whose
submissions also queue their score for the platform (one INSERT ... SELECT in the
submission's transaction, db.lti_queue). Sending is another process's job
(`quizapp lti send-grades`), so this write is all a student ever waits for. The figure is the
ratio of the median times of ``record_attempt`` (the whole write transaction) with and
without LTI; its target is 1.05 or less. Results go to bench/results/lti.md.
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from quizapp import create_app
from quizapp.core.grading import grade_quiz, parse_form
from quizapp.core.loader import load_bank
from quizapp.db.migrate import upgrade
from quizapp.db.models import (
    Assignment,
    Classroom,
    LtiGrade,
    LtiLink,
    LtiPlatform,
    LtiUser,
    Membership,
    QuizVersion,
    User,
    utcnow,
)  # fmt: skip
from quizapp.db.writes import import_bank, record_attempt
from tests.databases import database_config

from .load import realistic_answer
from .server import ROOT

TARGET = 1.05
SEED = "iran-hamas-meeting"


def _world(db: object, students: int) -> tuple[list[int], int, int, int]:
    """A teacher's class of ``students`` (launched from a platform), a plain assignment and
    an LTI-linked one of the seed quiz: (student ids, version id, plain id, linked id)."""
    with db.write() as s:  # type: ignore[attr-defined]
        teacher = User(username="bench-teacher", password_hash="!", role="teacher")
        s.add(teacher)
        s.flush()
        room = Classroom(name="Bench", teacher_id=teacher.id, join_code="BENCH234")
        lms = LtiPlatform(name="LMS", issuer="https://lms.bench", client_id="c",
                          auth_login_url="https://lms.bench/a", auth_token_url="https://lms.bench/t",
                          key_set_url="https://lms.bench/k")  # fmt: skip
        s.add_all([room, lms])
        s.flush()
        version = s.scalar(select(QuizVersion.id).where(QuizVersion.quiz_id == SEED,
                                                        QuizVersion.current))  # fmt: skip
        now = utcnow()
        day = timedelta(days=1)
        plain, linked = (Assignment(classroom_id=room.id, version_id=version,
                                    opens_at=now - day, due_at=now + day, max_attempts=20)
                         for _ in range(2))  # fmt: skip
        s.add_all([plain, linked])
        s.flush()
        s.add(LtiLink(platform_id=lms.id, resource_link_id="r", assignment_id=linked.id,
                      lineitem_url="https://lms.bench/lineitems/1"))  # fmt: skip
        ids = []
        for n in range(students):
            user = User(username=f"bench-{n:05d}", password_hash="!", role="student")
            s.add(user)
            s.flush()
            member = Membership(user_id=user.id, classroom_id=room.id)
            s.add_all([member, LtiUser(platform_id=lms.id, subject=f"sub-{n}", user_id=user.id)])
            ids.append(user.id)
        return ids, version, plain.id, linked.id


def run(backend: str, students: int, rounds: int) -> dict[str, float]:
    bank = load_bank(ROOT / "quizzes", ROOT / "seeds", ROOT)
    quiz = bank.get(SEED)
    form = {k: [v] for k, v in realistic_answer(quiz).items()}
    result = grade_quiz(quiz, parsed := parse_form(quiz, form))
    with tempfile.TemporaryDirectory() as folder:
        for config in database_config(backend, Path(folder)):
            app = create_app({"SECRET_KEY": secrets.token_urlsafe(32), "IMPORT_ON_START": False,
                              **config})  # fmt: skip
            with app.app_context():
                db = app.extensions["quizapp.db"]
                upgrade(db)
                import_bank(db, bank)
                ids, version, plain, linked = _world(db, students)
                times: dict[int, list[float]] = {plain: [], linked: []}
                rng = random.Random(7)
                for _ in range(rounds):
                    for user_id in ids:
                        order = [plain, linked]
                        rng.shuffle(order)  # neither always goes first
                        for assignment_id in order:
                            token = secrets.token_hex(16)
                            started = time.perf_counter()
                            record_attempt(db, user_id, version, token, parsed, result,
                                           assignment_id)  # fmt: skip
                            times[assignment_id].append(time.perf_counter() - started)
                with db.session() as s:
                    queued = s.scalar(select(func.count()).select_from(LtiGrade))
                db.dispose()
    assert queued == students * rounds, (queued, students * rounds)
    median = {k: statistics.median(v) * 1000 for k, v in times.items()}
    p95 = {k: statistics.quantiles(v, n=20)[-1] * 1000 for k, v in times.items()}
    return {"plain_median_ms": median[plain], "lti_median_ms": median[linked],
            "plain_p95_ms": p95[plain], "lti_p95_ms": p95[linked],
            "ratio": median[linked] / median[plain],
            "submissions": 2 * students * rounds}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    lines = ["| database | submissions | median without LTI | with LTI | p95 without | p95 with | "
             "ratio (target <= 1.05) |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    for backend in args.backends.split(","):
        r = run(backend, args.students, args.rounds)
        lines.append(
            f"| {backend} | {r['submissions']:.0f} | {r['plain_median_ms']:.2f} ms | "
            f"{r['lti_median_ms']:.2f} ms | {r['plain_p95_ms']:.2f} ms | "
            f"{r['lti_p95_ms']:.2f} ms | "
            f"{r['ratio']:.3f} {'ok' if r['ratio'] <= TARGET else 'OVER'} |"
        )
        print(lines[-1], flush=True)
    out = ROOT / "bench" / "results" / "lti.md"
    out.write_text("# Grade passback and submissions (python -m bench.lti)\n\n"
                   + "\n".join(lines) + "\n", encoding="utf-8")  # fmt: skip
    print("\n".join(lines))


if __name__ == "__main__":
    main()
