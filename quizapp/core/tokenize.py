"""Split text into selectable word tokens with character offsets, in any script.

A token is a run of letters, marks and digits, joined across an inner apostrophe, hyphen or
zero-width (non-)joiner (``don't``, ``Iran-Hamas``, Persian half-spaced words) and across the
separators of a number (``3.5``, ``1,000``). A currency sign before a number and a per-cent
sign after a word (``$30``, ``50%``, ``XX%``) belong to it. Scripts written without spaces
(Chinese, Japanese, Thai, Lao, Khmer, Myanmar) give one token a character, since word
segmentation there needs a dictionary we do not ship.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Apostrophes and hyphens inside a word, and the zero-width (non-)joiner of Persian and
# Indic scripts, which sits inside one written word.
_JOINERS = frozenset("'’‐-\u200c\u200d")
_NUMBER_JOINERS = frozenset(".,")
_AFTER_NUMBER = frozenset("%‰٪")
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)


@dataclass(frozen=True)
class Token:
    """A selectable word: its index in the article, character offsets and block number."""

    index: int
    start: int
    end: int
    text: str
    block: int


@lru_cache(maxsize=4096)
def _kind(ch: str) -> str:
    """'c' for a character of an unspaced script, 'w' for a word character, else ''."""
    code = ord(ch)
    if any(lo <= code <= hi for lo, hi in _UNSPACED):
        return "c" if unicodedata.category(ch)[0] in "LM" else ""
    return "w" if unicodedata.category(ch)[0] in "LMN" else ""


def _is_digit(ch: str) -> bool:
    return unicodedata.category(ch) == "Nd"


def _spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    i = start
    while i < end:
        kind = _kind(text[i])
        if kind == "c":
            yield i, i + 1
            i += 1
            continue
        if not kind:
            if unicodedata.category(text[i]) == "Sc" and i + 1 < end and _is_digit(text[i + 1]):
                j = _word_end(text, i + 1, end)
                yield i, j
                i = j
            else:
                i += 1
            continue
        j = _word_end(text, i, end)
        yield i, j
        i = j


def _word_end(text: str, i: int, end: int) -> int:
    while i < end:
        if _kind(text[i]) == "w":
            i += 1
        elif i + 1 < end and _kind(text[i + 1]) == "w" and i > 0 and _kind(text[i - 1]) == "w":
            ch = text[i]
            between_digits = _is_digit(text[i - 1]) and _is_digit(text[i + 1])
            if ch in _JOINERS or (ch in _NUMBER_JOINERS and between_digits):
                i += 1
            else:
                break
        else:
            break
    if i < end and text[i] in _AFTER_NUMBER and i > 0 and _kind(text[i - 1]) == "w":
        i += 1
    return i


def tokenize(
    text: str, start: int = 0, end: int | None = None, block: int = 0, first_index: int = 0
) -> list[Token]:
    """Tokens of ``text[start:end]``, numbered from ``first_index``, offsets into ``text``."""
    stop = len(text) if end is None else end
    return [
        Token(first_index + n, s, e, text[s:e], block)
        for n, (s, e) in enumerate(_spans(text, start, stop))
    ]
