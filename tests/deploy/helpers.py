"""Small programs the deployment tests run in their own processes.

python -m tests.deploy.helpers create-user NAME PASSWORD
python -m tests.deploy.helpers submit-forever     (stores attempts until killed)
"""

from __future__ import annotations

import os
import sys

from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.core.loader import load_bank
from quizapp.db.engine import Database
from quizapp.db.writes import create_user, record_attempt
from tests.factories import ROOT


def _db() -> Database:
    return Database(
        os.environ["QUIZAPP_DATABASE_URL"], schema=os.environ.get("QUIZAPP_DATABASE_SCHEMA")
    )


def submit_forever() -> None:
    db = _db()
    quiz = load_bank(ROOT / "quizzes", ROOT / "seeds").get("iran-hamas-meeting")
    result = grade_quiz(quiz, parse_responses(quiz, {"find-statistics": {"tokens": [1, 2, 3]}}))
    i = 0
    while True:
        i += 1
        record_attempt(db, 1, 1, f"kill-{os.getpid()}-{i}", {"n": i}, result)
        print(i, flush=True)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "create-user":
        create_user(_db(), args[0], args[1])
    elif command == "submit-forever":
        submit_forever()
