"""Find the sentence around a passage: for classify snippets and for scoring's context zone.

A sentence ends at ``.``, ``!`` or ``?`` (and their CJK and Arabic forms) followed by space
or the end of the paragraph, taking in any closing quotation marks and brackets that follow
(``astonishing."`` ends with its mark, and the speaker after ``," Venn said.`` stays in).
A full stop after a title or an initial ("Dr.", "Mr.", "U.S.", "J. Smith") ends nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CLOSERS = "\"'”’»)]›"
_END = re.compile(rf"[.!?。！？؟…]+[{re.escape(_CLOSERS)}]*(?=\s|$)")
# Words whose full stop is an abbreviation's, compared without the stop, in lower case.
_ABBREVIATED = (
    "dr mr mrs ms mx prof sr jr st mt rev gen col lt sgt capt cmdr gov sen rep pres fr "
    "no nos vol p pp fig approx est dept univ inc ltd co corp vs etc cf al "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "sra srta dña dra ee uu av pág núm "
    "г гг ул им т тыс млн млрд руб"
)
_ABBREVIATIONS = frozenset(_ABBREVIATED.split())


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` closes an abbreviation or an initial."""
    if text[stop] != ".":
        return False
    begin = stop
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:stop]
    if not word:
        return False
    if "." in word:  # "U.S", "e.g": letters between stops
        return all(len(part) <= 2 for part in word.split(".") if part)
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.lower() in _ABBREVIATIONS


@lru_cache(maxsize=256)  # asked once per span of a paragraph while a quiz loads
def sentence_ends(text: str, lo: int, hi: int) -> tuple[int, ...]:
    """Offsets just past each sentence's end within [lo, hi) (hi itself not included)."""
    out = []
    for m in _END.finditer(text, lo, hi):
        single_stop = m.group()[0] == "." and len(m.group().rstrip(_CLOSERS)) == 1
        if single_stop and _is_abbreviation(text, m.start()):
            continue
        if m.end() < hi:
            out.append(m.end())
    return tuple(out)


def sentence_around(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Offsets of the sentence (or sentences) holding [start, end) within the block [lo, hi),
    without the space around them."""
    begin, stop = lo, hi
    for e in sentence_ends(text, lo, hi):
        if e <= start:
            begin = e
        elif e >= end:
            stop = e
            break
    part = text[begin:stop]
    return begin + (len(part) - len(part.lstrip())), begin + len(part.rstrip())


_PAIRS = {"“": "”", "«": "»", "„": "“"}


def quotation_around(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The quotation, marks included, that holds [start, end) within [lo, hi), if any."""
    opened: list[tuple[int, str]] = []
    for i in range(lo, hi):
        ch = text[i]
        if opened and ch == opened[-1][1]:
            at, _ = opened.pop()
            if at < start and end <= i:
                return at, i + 1
        elif ch == '"':
            opened.append((i, '"'))
        elif ch in _PAIRS:
            opened.append((i, _PAIRS[ch]))
    return None


def snippet_around(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence holding [start, end), widened to the whole quotation it stands in and,
    when the snippet would then hold nothing but the quotation, to the sentence that names
    the speaker (the next one if it is short, like "Venn said.", else the one before)."""
    s, e = sentence_around(text, start, end, lo, hi)
    quoted = quotation_around(text, start, end, lo, hi)
    if quoted is None:
        return s, e
    qs, qe = sentence_around(text, quoted[0], quoted[1], lo, hi)
    s, e = min(s, qs), max(e, qe)
    if any(ch.isalpha() for ch in text[s : quoted[0]] + text[quoted[1] : e]):
        return s, e
    ends = sentence_ends(text, lo, hi)
    following = sentence_around(text, e + 1, e + 1, lo, hi) if e < hi else None
    if following and len(text[following[0] : following[1]].split()) <= 6:
        return s, following[1]
    before = [x for x in ends if x <= s]
    if before:
        previous = sentence_around(text, before[-1] - 1, before[-1] - 1, lo, hi)
        return previous[0], e
    return s, e
