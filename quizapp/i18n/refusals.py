"""A refusal in the reader's language: the one helper every page, flash and JSON ``error``
calls with what the storage layer refused (``WriteError`` and its kinds, whose ``reason`` is a
``quizapp.db.reasons.Reason``). The reason's English is the catalogue's msgid; its params are
put in after translating, dates in the reader's own way, a nested reason translated in turn."""

from __future__ import annotations

from flask_babel import get_locale, get_translations

from quizapp.core.texts import Text, told_in
from quizapp.db.reasons import Moment, Reason


def say(refused: object) -> str:
    """``refused`` (an error carrying a ``reason``, a ``Reason``, an error carrying the
    core's ``Text``, or plain English text) in the reader's language; English, or text the
    catalogue does not know, as it is."""
    told = getattr(refused, "text", refused)
    if isinstance(told, Text):  # the core's message value (an article that cannot be read)
        return told.render(told_in(str(get_locale() or "en")))
    reason = getattr(refused, "reason", refused)
    if not isinstance(reason, Reason):
        return _known(str(reason))
    catalogue = get_translations()
    if reason.plural is not None and reason.num is not None:
        text = catalogue.ngettext(reason.message, reason.plural, reason.num)
    elif not reason.params:
        return _known(reason.message)
    else:
        text = catalogue.gettext(reason.message)
    return str(text) % {name: _param(value) for name, value in reason.params.items()}


def _param(value: object) -> object:
    if isinstance(value, Reason):
        return say(value)
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
