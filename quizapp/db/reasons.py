"""A date inside a refusal's reason. The reason itself is the core's message value
(``quizapp.core.texts.Text``, marked ``N_``, ``M_`` or ``P_``): the CLI and the logs print
``str()`` (the English); the web says it in the reader's language through one helper,
``quizapp.i18n.refusals.say``, which writes a ``Moment`` as the reader's language writes
dates. Plain Python: no Flask in the write path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from quizapp.core import clock


@dataclass(frozen=True)
class Moment:
    """A stored UTC time as a param, read in ``zone``: ``str()`` is the house style in
    English; the web writes it in the reader's language (``web.clock.classtime``)."""

    at: datetime
    zone: str = clock.DEFAULT_ZONE

    def __str__(self) -> str:
        return clock.format_time(self.at, self.zone)
