"""The words the quiz page's scripts show and announce (static/js/texts.js), in the reader's
language: the page carries them as JSON in a ``data-texts`` attribute, so the scripts hold no
English and no inline script is needed. Placeholders are ``{name}``, filled by the script.

A plural is every form of the reader's language, by CLDR category ("one", "few", ...), for
the script to pick with ``Intl.PluralRules``: each form is asked of the catalogue with a
number of that category, so the catalogue's plural rule and the browser's agree."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache

from babel import Locale
from flask import current_app
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

Forms = dict[str, str]


@lru_cache(maxsize=16)
def _samples(locale: Locale) -> dict[str, int]:
    """A number of each plural category of the language: {"one": 1, "few": 2, "many": 0, ...}."""
    samples: dict[str, int] = {}
    for n in range(0, 200):
        samples.setdefault(locale.plural_form(n), n)
    return samples


def _forms(say: Callable[[int], str]) -> Forms:
    samples = _samples(get_locale() or Locale("en"))
    return {category: say(n) for category, n in samples.items()}


def js_texts() -> dict[str, str | Forms]:
    """Every text of highlight.js and quiz.js, by key."""
    count = "{n}"
    return {
        "help": _(
            "Arrow keys move between words, Space selects, Shift+arrows extend, Ctrl+Z "
            "undoes. Escape returns to the question."
        ),
        # Translators: {n} is a number; the script fills it in.
        "words": _forms(lambda n: ngettext("%(count)s word", "%(count)s words", n, count=count)),
        "passages": _forms(
            lambda n: ngettext("%(count)s passage", "%(count)s passages", n, count=count)
        ),
        "selectedCount": _forms(
            lambda n: ngettext(
                "%(count)s word selected.", "%(count)s words selected.", n, count=count
            )
        ),
        "noWords": _("No words selected."),
        # Translators: {words} is "3 words", {passages} "2 passages", {quotes} the words
        # themselves in quotation marks.
        "summary": _(
            "%(words)s selected in %(passages)s: %(quotes)s",
            words="{words}",
            passages="{passages}",
            quotes="{quotes}",
        ),  # fmt: skip
        # Translators: {parts} lists each label's words, as in "Loaded language: 2 words".
        "labelSummary": _(
            "%(words)s selected in %(passages)s. %(parts)s.",
            words="{words}",
            passages="{passages}",
            parts="{parts}",
        ),  # fmt: skip
        "labelWords": _(
            "%(label)s: %(words)s (%(quotes)s)", label="{label}", words="{words}", quotes="{quotes}"
        ),  # fmt: skip
        "labelNone": _("%(label)s: none", label="{label}"),
        # Translators: between the labels' parts of a selection summary.
        "partsSeparator": _("; "),
        "listSeparator": _(", "),
        "more": _forms(
            lambda n: ngettext(", and %(count)s more", ", and %(count)s more", n, count=count)
        ),  # fmt: skip
        # Translators: "{quote}" is the article's words; change the quotation marks to your
        # language's.
        "quote": _("“%(quote)s”", quote="{quote}"),
        "selected": _("Selected: %(text)s", text="{text}"),
        "selectedAs": _("Selected as %(label)s: %(text)s", label="{label}", text="{text}"),
        "deselected": _("Deselected: %(text)s", text="{text}"),
        # Translators: read out as the keyboard cursor reaches a word.
        "wordOff": _("%(word)s, not selected", word="{word}"),
        "wordOn": _("%(word)s, selected", word="{word}"),
        "wordOnAs": _("%(word)s, selected as %(label)s", word="{word}", label="{label}"),
        "nothingToUndo": _("Nothing to undo."),
        "undone": _("Undone."),
        "nothingToClear": _("Nothing to clear."),
        "cleared": _("Selection cleared. Undo brings it back."),
        "articleFor": _("Article. Highlighting for: %(question)s", question="{question}"),
        "highlightingFor": _("Highlighting for: %(question)s", question="{question}"),
        "noWordsHere": _("No words to select for this question."),
        "noMoreWords": _("No more words this way."),
        "undo": _("Undo"),
        # Translators: buttons of the bar above the article on a phone.
        "toQuestion": _("Question ↓"),
        "next": _("Next ›"),
        "otherQuestions": _("Other questions ↓"),
        "answered": _forms(
            lambda n: ngettext(
                "%(done)s of %(count)s question answered.",
                "%(done)s of %(count)s questions answered.",
                n,
                done="{done}",
                count=count,
            )  # fmt: skip
        ),
        "submitting": _("Submitting…"),
        "submittingAnswers": _("Submitting your answers…"),
    }


def js_texts_json() -> str:
    """The texts as JSON for an attribute (the template escapes it): letters as themselves,
    not ``\\u`` escapes, so the page holds the words it shows. Every page carries them, so
    they are made once a language and set of catalogues, not on every request."""
    directories = current_app.config.get("BABEL_TRANSLATION_DIRECTORIES", "")
    return _texts_json(str(get_locale() or "en"), directories)


@lru_cache(maxsize=32)
def _texts_json(locale: str, directories: str) -> str:  # the arguments key the cache
    return json.dumps(js_texts(), ensure_ascii=False, separators=(",", ":"))
