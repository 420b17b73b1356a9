"""Split text into selectable word tokens with character offsets, in any script.

A token is a run of letters, marks and digits, joined across an inner apostrophe, hyphen or
zero-width (non-)joiner (``don't``, ``Iran-Hamas``, Persian half-spaced words) and across the
separators of a number (``3.5``, ``1,000``). A currency sign before a number and a per-cent
sign after a word (``$30``, ``50%``, ``XX%``) belong to it. Scripts written without spaces
(Chinese, Japanese, Thai, Lao, Khmer, Myanmar) give one token a character, since word
segmentation there needs a dictionary we do not ship.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import count

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


class _Classes(dict[int, str]):
    """Code point -> one ASCII letter naming its class for the token pattern, learnt on first
    sight (``str.translate`` asks only for characters it has not met):

    ``w`` word character, ``d`` a word character that is a decimal digit, ``c`` a character of
    an unspaced script, ``x`` a digit of an unspaced script, ``$`` a currency sign, ``j`` an
    inner joiner, ``n`` a number separator, ``p`` a per-cent sign, and a space for the rest.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        kind = _kind(ch)
        if kind == "w":
            letter = "d" if _is_digit(ch) else "w"
        elif kind == "c":
            letter = "c"
        elif _is_digit(ch):
            letter = "x"
        elif unicodedata.category(ch) == "Sc":
            letter = "$"
        elif ch in _JOINERS:
            letter = "j"
        elif ch in _NUMBER_JOINERS:
            letter = "n"
        elif ch in _AFTER_NUMBER:
            letter = "p"
        else:
            letter = " "
        self[code] = letter
        return letter


_CLASSES = _Classes()
# Over the class letters: a character of an unspaced script alone; a word, joined across a
# joiner or (between two digits) a number separator, with a per-cent sign after it; a
# currency sign before a digit, with the word that follows (if the digit is a word's).
_WORD = r"[wd]+(?:(?:j|(?<=d)n(?=d))[wd]+)*p?"
_TOKEN = re.compile(rf"c|{_WORD}|\$(?=[dx])(?:{_WORD})?")


def class_letters(text: str) -> str:
    """One class letter per character of ``text``, so offsets carry over to it."""
    return text.translate(_CLASSES)


def token_spans(letters: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every token of ``letters[start:end]`` (``class_letters`` of a text),
    offsets into ``letters``: what ``tokenize`` gives, without its Token objects (checking
    quotes needs only these). The pattern's one look-behind never looks before a match's
    start, so searching from ``start`` finds what searching the slice would."""
    stop = len(letters) if end is None else end
    return list(map(_SPAN, _TOKEN.finditer(letters, start, stop)))


def tokenize(
    text: str, start: int = 0, end: int | None = None, block: int = 0, first_index: int = 0
) -> list[Token]:
    """Tokens of ``text[start:end]``, numbered from ``first_index``, offsets into ``text``."""
    stop = len(text) if end is None else end
    # The pattern runs in C over the class letters of the slice.
    spans = token_spans(class_letters(text[start:stop]))
    return make_tokens(
        text, [start + s for s, _ in spans], [start + e for _, e in spans], block, first_index
    )


def make_tokens(
    text: str, starts: Sequence[int], ends: Sequence[int], block: int, first_index: int
) -> list[Token]:
    """The Tokens at these offsets of ``text``, numbered from ``first_index``."""
    return [_token(n, s, e, text[s:e], block) for n, s, e in zip(count(first_index), starts, ends)]


def _token(index: int, start: int, end: int, text: str, block: int) -> Token:
    """``Token(index, start, end, text, block)`` at a third of the cost: a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``, and an article
    has thousands of tokens. Token has no ``__post_init__`` and no slots, so this is the
    same object (``test_tokenize`` compares the two)."""
    token = _new(Token)
    fields = token.__dict__
    fields["index"], fields["start"], fields["end"] = index, start, end
    fields["text"], fields["block"] = text, block
    return token


_new = object.__new__
_SPAN = re.Match.span
