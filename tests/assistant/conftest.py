"""Helpers for detector tests: run one detector over a short text."""

from __future__ import annotations

from quizapp.assistant.base import Suggestion
from quizapp.assistant.registry import get_detector
from quizapp.assistant.text import Document


def detect(skill: str, text: str, language: str | None = None) -> list[Suggestion]:
    """Suggestions of one skill for ``text`` (a headline line is added in front)."""
    doc = Document.from_text("Headline\n" + text + "\n", language=language)
    return list(get_detector(skill)().detect(doc))


def problems(skill: str, text: str, language: str | None = None) -> list[str]:
    return [s.quote for s in detect(skill, text, language) if not s.probable_decoy]


def decoys(skill: str, text: str, language: str | None = None) -> list[str]:
    return [s.quote for s in detect(skill, text, language) if s.probable_decoy]
