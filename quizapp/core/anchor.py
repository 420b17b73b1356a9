"""Anchor a quote in an article, as the W3C Web Annotation TextQuoteSelector does.

An author writes the exact words (``quote``), and, only when they occur more than once,
the words right before (``prefix``) or after (``suffix``) or the 1-based ``occurrence``.
Curly and straight quotation marks match each other, so an author types what is on the
keyboard.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from quizapp.core.texts import M_, P_, Text

_FOLD = {"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "}


def fold(text: str) -> str:
    """Fold typographic quotes and no-break spaces; keeps every offset where it was."""
    # One replace a mark present: a hundred times faster on an article than str.translate,
    # which looks each character up in a table (no mark folds into another one).
    for mark, plain in _FOLD.items():
        if mark in text:
            text = text.replace(mark, plain)
    return text


@dataclass(frozen=True)
class Selector:
    """Where an annotation points: a quote and what disambiguates it."""

    quote: str
    prefix: str = ""
    suffix: str = ""
    occurrence: int | None = None


class AnchorError(ValueError):
    """A selector that finds no passage, or more than one; ``key`` is the field to change,
    ``text`` the message as a ``Text``."""

    def __init__(self, text: Text, key: str = "quote") -> None:
        super().__init__(str(text))
        self.text, self.key = text, key


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    before = text[max(0, start - width) : start].split("\n")[-1]
    after = text[end : end + width].split("\n")[0]
    return f"...{before}[{text[start:end]}]{after}..."


def _closest(text: str, quote: str) -> str | None:
    """The passage of the article most like ``quote``, in whole words, for a 'did you mean'."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch.isspace()]
    windows = set()
    for s in starts:
        end = min(len(text), s + len(quote))
        while end < len(text) and text[end].isalnum():
            end += 1
        window = text[s:end].strip()
        if window:
            windows.add(window)
    match = difflib.get_close_matches(quote, sorted(windows), n=1, cutoff=0.6)
    return match[0] if match else None


def find_all(text: str, quote: str, folded: str | None = None) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence, quotes folded; ``folded``
    is ``fold(text)`` when the caller has it already."""
    haystack, needle = folded if folded is not None else fold(text), fold(quote)
    starts, i = [], haystack.find(needle)
    while i >= 0:
        starts.append(i)
        i = haystack.find(needle, i + 1)
    return starts


def anchor(text: str, selector: Selector, folded: str | None = None) -> tuple[int, int]:
    """The (start, end) offsets the selector picks, or an AnchorError saying how to fix it.
    ``folded`` is ``fold(text)``, for a caller anchoring many quotes in one text."""
    quote = selector.quote
    if not quote.strip():
        raise AnchorError(M_("the quote is empty").with_fix(M_("copy the words from the article")))
    if folded is None:
        folded = fold(text)
    starts = find_all(text, quote, folded)
    if not starts:
        lower = [i for i in find_all(text.lower(), quote.lower())]
        if lower:
            found = text[lower[0] : lower[0] + len(quote)]
            fix = M_('it differs in capitals from "%(found)s"', found=found)
            raise AnchorError(
                M_('quote "%(quote)s" is not in the article', quote=quote).with_fix(fix)
            )
        near = _closest(text, quote)
        hint = (
            M_('the closest passage is "%(near)s"', near=near)
            if near
            else M_("copy it from the article")
        )
        raise AnchorError(M_('quote "%(quote)s" is not in the article', quote=quote).with_fix(hint))
    all_starts = starts
    if selector.prefix:
        prefix = fold(selector.prefix)
        starts = [s for s in starts if folded[:s].endswith(prefix)]
    if selector.suffix:
        suffix = fold(selector.suffix)
        starts = [s for s in starts if folded[s + len(quote) :].startswith(suffix)]
    if not starts:
        places = "; ".join(_context(text, s, s + len(quote), 20) for s in all_starts[:3])
        message = M_(
            'quote "%(quote)s" is in the article, but never with that prefix/suffix', quote=quote
        )
        fix = M_("copy the words right around it exactly (it occurs at: %(places)s)", places=places)
        raise AnchorError(message.with_fix(fix), "prefix" if selector.prefix else "suffix")
    if selector.occurrence is not None:
        if not 1 <= selector.occurrence <= len(starts):
            n = len(starts)
            message = P_(
                'occurrence %(occurrence)d is out of range: quote "%(quote)s" occurs %(num)d time',
                'occurrence %(occurrence)d is out of range: quote "%(quote)s" occurs %(num)d times',
                n, occurrence=selector.occurrence, quote=quote, num=n,
            )  # fmt: skip
            fix = (
                M_("use occurrence 1 to %(num)d", num=n)
                if n > 1
                else M_("use occurrence 1 or remove it")
            )
            raise AnchorError(message.with_fix(fix), "occurrence")
        start = starts[selector.occurrence - 1]
        return start, start + len(quote)
    if len(starts) > 1:
        places = "; ".join(
            f"{n} {_context(text, s, s + len(quote), 20)}" for n, s in enumerate(starts[:3], 1)
        )
        message = P_(
            'quote "%(quote)s" occurs %(num)d time',
            'quote "%(quote)s" occurs %(num)d times',
            len(starts), quote=quote, num=len(starts),
        )  # fmt: skip
        fix = M_(
            "add occurrence: 1 to %(num)d or a prefix/suffix to pick one (%(places)s)",
            num=len(starts), places=places,
        )  # fmt: skip
        raise AnchorError(message.with_fix(fix))
    return starts[0], starts[0] + len(quote)
