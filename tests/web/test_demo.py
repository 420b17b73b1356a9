"""The demo class's code is one a student can type from the board."""

from __future__ import annotations

from quizapp.db.writes import JOIN_ALPHABET, JOIN_LENGTH
from quizapp.web.demo import DEMO_CODE


def test_the_demo_code_uses_the_join_code_alphabet() -> None:
    assert len(DEMO_CODE) == JOIN_LENGTH and set(DEMO_CODE) <= set(JOIN_ALPHABET)
