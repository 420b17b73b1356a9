"""A refusal's reason as data, so the storage layer can say why without knowing the reader's
language: an English message that is also the catalogue's msgid, with its named params. The
CLI and the logs print ``str()`` (the English); the web says it in the reader's language
through one helper, ``quizapp.i18n.refusals.say``. Plain Python: no Flask in the write path."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from quizapp.core import clock


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark, translate later"
    """Mark ``message`` for the catalogue (``make messages``); it is translated by the web."""
    return message


@dataclass(frozen=True)
class Moment:
    """A stored UTC time as a param, read in ``zone``: ``str()`` is the house style in
    English; the web writes it in the reader's language (``web.clock.classtime``)."""

    at: datetime
    zone: str = clock.DEFAULT_ZONE

    def __str__(self) -> str:
        return clock.format_time(self.at, self.zone)


@dataclass(frozen=True)
class Reason:
    """Why a write was refused: ``message`` (English, %-style named params, marked ``N_``)
    and ``params``: plain values (names, ids, numbers: never translated), a ``Moment``, or
    another ``Reason`` (translated in turn). A count has a ``plural`` msgid and ``num``."""

    message: str
    params: Mapping[str, object] = field(default_factory=dict)
    plural: str | None = None
    num: int | None = None

    @classmethod
    def ngettext(cls, singular: str, plural: str, num: int, **params: object) -> Reason:
        """A reason that counts ``num`` (``%(num)d``); named so that pybabel extracts both
        forms with its default ``ngettext`` keyword."""
        return cls(singular, {**params, "num": num}, plural, num)

    def __str__(self) -> str:
        text = self.plural if self.plural is not None and self.num != 1 else self.message
        return text % dict(self.params) if self.params else text
