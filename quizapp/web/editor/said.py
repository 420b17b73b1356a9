"""The validator's and the assistant's words in the teacher's interface language: the core
gives them as message values (``quizapp.core.texts.Text``), rendered here with the locale
Flask-Babel chose for the request."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from flask_babel import get_locale

from quizapp.core.errors import QuizError
from quizapp.core.texts import semicolon, told_in


def language() -> str:
    """The language the validator's messages come out in: the interface's, if the
    catalogue has it, else English."""
    return told_in(str(get_locale() or "en"))


class Told(NamedTuple):
    """One validator message for a page: its text and the language it is in."""

    text: str
    lang: str


def told(errors: Iterable[QuizError]) -> list[Told]:
    """Each error's message (with its fix) in the interface language."""
    lang = language()
    out = []
    for e in errors:
        message, fix = e.parts(lang)
        out.append(Told(f"{message}{semicolon(lang)}{fix}" if fix else message, lang))
    return out
