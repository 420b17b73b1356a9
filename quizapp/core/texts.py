"""Texts the engine writes into a quiz, in the quiz's own language: built-in skills' names,
definitions and tips, built prompts, "Nothing wrong", hints; and the one kind of message
value (``Text``) for what a person is told in their language: the validator's messages, the
assistant's reasons, a refused write's or a refused LTI launch's reason. They come from the
interface's catalogues (``quizapp/translations``) through the standard library's gettext (or
the web's, passed in), so translators work in one place and the core stays plain Python. A
language with no catalogue, or a catalogue not compiled, gives the English."""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Protocol

LOCALE_DIR = Path(__file__).resolve().parents[1] / "translations"


class Catalogue(Protocol):
    """What a message needs of a catalogue: gettext's two lookups (the standard library's
    translations, or the web's Flask-Babel ones)."""

    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


Show = Callable[[object], object] | None


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


class Text:
    """A message to a person: an English msgid with named %-params, and maybe a fix.

    ``str()`` is the English (with "; fix" after it), as the CLI prints it; ``render`` gives
    it in a language from the catalogue. A param that is itself a ``Text`` is rendered in the
    same language; any other param (a quote from the article, an id, a number) is shown as
    it is. Mark messages with ``M_`` and ``P_`` so pybabel extracts them."""

    __slots__ = ("msgid", "plural", "count", "params", "fix", "literal")

    def __init__(
        self,
        msgid: str,
        params: Mapping[str, object] | None = None,
        *,
        plural: str | None = None,
        count: int = 1,
        fix: Text | None = None,
        literal: bool = False,
    ) -> None:
        self.msgid, self.plural, self.count = msgid, plural, count
        self.params = dict(params or {})
        self.fix, self.literal = fix, literal

    def with_fix(self, fix: Text | None) -> Text:
        """This message with ``fix`` (what to do about it) after it."""
        return Text(
            self.msgid, self.params, plural=self.plural, count=self.count, fix=fix,
            literal=self.literal,
        )  # fmt: skip

    def message(
        self, language: str = "en", *, catalogue: Catalogue | None = None, show: Show = None
    ) -> str:
        """The message alone, without its fix, in ``language``: from ``catalogue`` when the
        caller has one (the web's), else the package's. ``show`` writes a param that is not a
        ``Text`` (a date, say) for the reader; by default it is shown as it is."""
        if self.literal:
            return self.msgid
        cat = catalogue or (_catalogue(language) if _base(language) != "en" else _ENGLISH)
        if self.plural is not None:
            text = cat.ngettext(self.msgid, self.plural, self.count)
        else:
            text = cat.gettext(self.msgid)
        if not self.params:
            return str(text)
        values = {
            k: v.render(language, catalogue=catalogue, show=show)
            if isinstance(v, Text)
            else (show(v) if show else v)
            for k, v in self.params.items()
        }
        return str(text) % values

    def parts(
        self, language: str = "en", *, catalogue: Catalogue | None = None, show: Show = None
    ) -> tuple[str, str]:
        """The message and its fix ('' when it has none), each in ``language``: kept apart
        so no language's punctuation has to be split on."""
        fix = self.fix.render(language, catalogue=catalogue, show=show) if self.fix else ""
        return self.message(language, catalogue=catalogue, show=show), fix

    def render(
        self, language: str = "en", *, catalogue: Catalogue | None = None, show: Show = None
    ) -> str:
        """The whole message in ``language``, its fix after a semicolon of that language."""
        message, fix = self.parts(language, catalogue=catalogue, show=show)
        return f"{message}{semicolon(language)}{fix}" if fix else message

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Text({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


_ENGLISH = gettext.NullTranslations()


def _base(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


def M_(msgid: str, **params: object) -> Text:  # noqa: N802 - a gettext mark
    """A message value for the catalogue (pybabel keyword ``M_``), with its params."""
    return Text(msgid, params)


def P_(  # noqa: N802 - a gettext mark
    singular: str, plural: str, count: int, **params: object
) -> Text:
    """A message whose wording depends on ``count`` (keyword ``P_:1,2``); the count is the
    param ``num`` unless ``params`` name it otherwise."""
    return Text(singular, {"num": count, **params}, plural=plural, count=count)


def verbatim(text: str) -> Text:
    """Text that is not in the catalogue (a parser's own words), shown as it is."""
    return Text(text, literal=True)


def semicolon(language: str) -> str:
    """What separates a message from its fix when they are shown on one line."""
    return "؛ " if _base(language) in ("ar", "fa", "ur") else "; "


def told_in(language: str) -> str:
    """The language messages come out in: ``language`` if it has a catalogue, else English."""
    base = _base(language)
    return base if base != "en" and isinstance(_catalogue(base), gettext.GNUTranslations) else "en"


def capital(text: Text) -> Text:
    """``text`` with its first letter a capital, in whatever language it is rendered."""
    return _Capital(text)


class _Capital(Text):
    __slots__ = ("inner",)

    def __init__(self, inner: Text) -> None:
        super().__init__("", literal=True)
        self.inner = inner

    def message(
        self, language: str = "en", *, catalogue: Catalogue | None = None, show: Show = None
    ) -> str:
        text = self.inner.render(language, catalogue=catalogue, show=show)
        return text[:1].upper() + text[1:]
