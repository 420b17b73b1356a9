"""Texts the engine writes into a quiz, in the quiz's own language: built-in skills' names,
definitions and tips, built prompts, "Nothing wrong", hints. They come from the interface's
catalogues (``quizapp/translations``) through the standard library's gettext, so translators
work in one place and the core stays plain Python. A language with no catalogue, or a
catalogue not compiled, gives the English."""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[1] / "translations"


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark, translate later"
    """Mark ``message`` for the catalogue; it is translated where a quiz's language is known."""
    return message


@lru_cache(maxsize=32)
def _catalogue(language: str) -> gettext.NullTranslations:
    base = language.replace("_", "-").split("-")[0].lower()
    return gettext.translation("messages", LOCALE_DIR, languages=[base], fallback=True)


def translate(language: str, message: str, **params: str) -> str:
    """``message`` in ``language`` (English if there is no translation), with ``params``."""
    text = _catalogue(language).gettext(message)
    return text % params if params else text


def list_separator(language: str) -> str:
    return "، " if language.split("-")[0].lower() in ("ar", "fa", "ur") else ", "


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
