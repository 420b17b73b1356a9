"""Shared fixtures: the real bank, and a factory for small quizzes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizapp.core.loader import Bank, load_bank
from quizapp.core.model import Quiz
from tests.factories import ROOT, make_quiz


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank(ROOT / "quizzes", ROOT / "seeds", ROOT)


@pytest.fixture(scope="session")
def seed_quiz(bank: Bank) -> Quiz:
    return bank.get("iran-hamas-meeting")


@pytest.fixture
def quiz_factory(tmp_path: Path) -> Callable[..., Quiz]:
    def factory(**overrides: Any) -> Quiz:
        return make_quiz(tmp_path, **overrides)

    return factory
