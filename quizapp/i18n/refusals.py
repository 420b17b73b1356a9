"""A refusal in the reader's language: the one helper every page, flash and JSON ``error``
calls with what was refused: a ``WriteError`` (and its kinds) from the storage layer, a
refused LTI launch, an article that cannot be read. Each carries the core's message value
(``quizapp.core.texts.Text``) as ``reason`` or ``text``: its English is the catalogue's msgid,
its params are put in after translating, dates (``Moment``) in the reader's own way, a nested
message translated in turn."""

from __future__ import annotations

from flask_babel import get_locale, get_translations

from quizapp.core.texts import Text
from quizapp.db.reasons import Moment


def say(refused: object) -> str:
    """``refused`` (an error carrying a ``Text`` as ``text`` or ``reason``, a ``Text``, or
    plain English text) in the reader's language; English the catalogue does not know, as
    it is."""
    told = next(
        (t for t in (getattr(refused, "text", None), getattr(refused, "reason", None), refused)
         if isinstance(t, Text)),
        None,
    )  # fmt: skip
    if told is None:
        return _known(str(refused))
    if not told.params and told.plural is None and told.fix is None and not told.literal:
        return _known(told.msgid)
    language = str(get_locale() or "en")
    return told.render(language, catalogue=get_translations(), show=_param)


def _param(value: object) -> object:
    if isinstance(value, Moment):
        from quizapp.web.clock import classtime  # the web's dates, read when a page is made

        return classtime(value.at, value.zone)
    return value


def _known(english: str) -> str:
    """A reason with no params, through the catalogue; the account rules that core.usernames
    and quizapp.passwords give as plain English, through their table (web.account_fields)."""
    from quizapp.web.account_fields import reason

    text = str(get_translations().gettext(english))
    return text if text != english else reason(english)
