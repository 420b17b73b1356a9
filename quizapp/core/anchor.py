"""Anchor a quote in an article, as the W3C Web Annotation TextQuoteSelector does.

An author writes the exact words (``quote``), and, only when they occur more than once,
the words right before (``prefix``) or after (``suffix``) or the 1-based ``occurrence``.
Curly and straight quotation marks match each other, so an author types what is on the
keyboard.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

_FOLD = str.maketrans({"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "})


def fold(text: str) -> str:
    """Fold typographic quotes and no-break spaces; keeps every offset where it was."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Selector:
    """Where an annotation points: a quote and what disambiguates it."""

    quote: str
    prefix: str = ""
    suffix: str = ""
    occurrence: int | None = None


class AnchorError(ValueError):
    """A selector that finds no passage, or more than one."""


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    before = text[max(0, start - width) : start].split("\n")[-1]
    after = text[end : end + width].split("\n")[0]
    return f"...{before}[{text[start:end]}]{after}..."


def _closest(text: str, quote: str) -> str | None:
    """The passage of the article most like ``quote``, for a 'did you mean'."""
    width = len(quote)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch in " \n"]
    windows = {text[s : s + width].strip() for s in starts if text[s : s + width].strip()}
    match = difflib.get_close_matches(quote, list(windows), n=1, cutoff=0.6)
    return match[0] if match else None


def find_all(text: str, quote: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence, quotes folded."""
    haystack, needle = fold(text), fold(quote)
    starts, i = [], haystack.find(needle)
    while i >= 0:
        starts.append(i)
        i = haystack.find(needle, i + 1)
    return starts


def anchor(text: str, selector: Selector) -> tuple[int, int]:
    """The (start, end) offsets the selector picks, or an AnchorError saying how to fix it."""
    quote = selector.quote
    if not quote.strip():
        raise AnchorError("the quote is empty; copy the words from the article")
    starts = find_all(text, quote)
    if not starts:
        lower = [i for i in find_all(text.lower(), quote.lower())]
        if lower:
            found = text[lower[0] : lower[0] + len(quote)]
            raise AnchorError(
                f'quote "{quote}" is not in the article; it differs in capitals from "{found}"'
            )
        near = _closest(text, quote)
        hint = f'; the closest passage is "{near}"' if near else "; copy it from the article"
        raise AnchorError(f'quote "{quote}" is not in the article{hint}')
    folded = fold(text)
    if selector.prefix:
        prefix = fold(selector.prefix)
        starts = [s for s in starts if folded[:s].endswith(prefix)]
    if selector.suffix:
        suffix = fold(selector.suffix)
        starts = [s for s in starts if folded[s + len(quote) :].startswith(suffix)]
    if not starts:
        raise AnchorError(
            f'quote "{quote}" is in the article, but never with that prefix/suffix; '
            "copy the words right around it exactly"
        )
    if selector.occurrence is not None:
        if not 1 <= selector.occurrence <= len(starts):
            raise AnchorError(
                f'occurrence {selector.occurrence} is out of range: quote "{quote}" '
                f"occurs {len(starts)} time{'s' if len(starts) > 1 else ''}"
            )
        start = starts[selector.occurrence - 1]
        return start, start + len(quote)
    if len(starts) > 1:
        places = "; ".join(
            f"{n} {_context(text, s, s + len(quote), 20)}" for n, s in enumerate(starts[:3], 1)
        )
        raise AnchorError(
            f'quote "{quote}" occurs {len(starts)} times; add occurrence: 1 to {len(starts)} '
            f"or a prefix/suffix to pick one ({places})"
        )
    return starts[0], starts[0] + len(quote)
