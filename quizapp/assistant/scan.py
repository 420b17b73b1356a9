"""Patterns tried only where a match can begin: at the words a match can begin with.

Python's regex engine has no fast way into a pattern that opens with ``\\b``, a look-behind
or an optional hedge ("more than", "около", "نحو"): it tries the whole pattern at every
position of the text. ``PatternSet`` reads each pattern's parse tree once for the words a
match can begin with, then tries the pattern (``match``) only where one of those words
starts in the text, and steps on as ``finditer`` does: the matches are exactly
``finditer``'s. A first word that may begin inside a word of the text (a hedge with no
``\\b`` before it) is looked for inside words too. A pattern that may begin with a non-word
character, or whose first words cannot be listed, is left to ``finditer``.

Caseless patterns are looked up as the engine compares: characters folded to the engine's
lower case and its equivalents (``ſ`` is ``s``, ``K`` is ``k``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

try:  # the engine's own tables: a lookup folds text exactly as a caseless match does
    from _sre import unicode_tolower  # type: ignore[import-not-found]
    from re import _casefix, _parser  # type: ignore[attr-defined]
    from re import _constants as sre  # type: ignore[attr-defined]

    _EXTRA: dict[int, tuple[int, ...]] = _casefix._EXTRA_CASES
except ImportError:  # another Python: every pattern goes to finditer, as before
    _parser = None

_WORD = re.compile(r"\w+")
_MAX_HEADS = 50_000  # more first words than this: finditer is as quick
_NOWHERE: frozenset[int] = frozenset()


def _canonical(code: int) -> int:
    lower: int = unicode_tolower(code)
    return min((lower, *_EXTRA.get(lower, ())))


class _Fold(dict[int, int]):
    """``str.translate`` table: a character to its caseless representative, filled lazily."""

    def __missing__(self, code: int) -> int:
        folded = _canonical(code)
        if code < 0x3000:  # keep the table small whatever the text holds
            self[code] = folded
        return folded


_FOLD = _Fold()


@cache
def _kind(code: int) -> str:
    """Whether the character and its caseless equivalents are all word characters
    ("word"), none is ("other"), or some are ("mixed")."""
    lower = unicode_tolower(code)
    found = {bool(_WORD.match(chr(c))) for c in (code, lower, *_EXTRA.get(lower, ()))}
    return "mixed" if len(found) > 1 else "word" if found.pop() else "other"


@dataclass
class _Heads:
    """How a pattern's matches begin: whole first words or their beginnings at a word start
    (``exact``, ``prefixes``, ``digit``, ``any_word``), or first words that may begin inside
    a word of the text and end where it ends (``suffixes``) or anywhere (``inner``)."""

    exact: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    suffixes: set[str] = field(default_factory=set)
    inner: set[str] = field(default_factory=set)
    digit: bool = False
    any_word: bool = False
    anywhere: bool = False

    def close(self, states: Iterable[tuple[str, bool]]) -> None:
        """The first word ends here: a non-word character follows it."""
        for word, bounded in states:
            if not word:
                self.anywhere = True  # the match may begin with a non-word character
            else:
                (self.exact if bounded else self.suffixes).add(word)

    def go_on(self, states: Iterable[tuple[str, bool]], first: str = "") -> None:
        """The first word may go on with more word characters (``first``: "digit" or
        "word", what its first one is when none was read yet; "" if it may be no word
        character at all)."""
        for word, bounded in states:
            if not (word or (first and bounded)):
                self.anywhere = True
            elif word:
                (self.prefixes if bounded else self.inner).add(word)
            elif first == "digit":
                self.digit = True
            else:
                self.any_word = True


_States = set[tuple[str, bool]]


def _class(items: list[tuple[Any, Any]]) -> tuple[set[str], bool, str, bool]:
    """A character class: (its word characters, folded; whether it has others; "digit" or
    "word" if it has a category of those; whether it has characters of unknown kind)."""
    words: set[str] = set()
    other = mixed = False
    category = ""
    for op, av in items:
        codes: Iterable[int] = ()
        if op is sre.LITERAL:
            codes = (av,)
        elif op is sre.RANGE and av[1] - av[0] <= 256:
            codes = range(av[0], av[1] + 1)
        elif op is sre.CATEGORY and av in (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD):
            other = True
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            category = category or "digit"
        elif op is sre.CATEGORY and av is sre.CATEGORY_WORD:
            category = "word"
        else:
            mixed = True
        for code in codes:
            kind = _kind(code)
            if kind == "word":
                words.add(chr(_canonical(code)))
            elif kind == "other":
                other = True
            else:
                mixed = True
    return words, other, category, mixed


def _walk(items: Sequence[tuple[Any, Any]], states: _States, heads: _Heads) -> _States:
    """The first words still being read after ``items``, from those in ``states``."""
    for op, av in items:
        if not states or heads.anywhere:
            return set()
        if len(states) > _MAX_HEADS:
            heads.anywhere = True
            return set()
        if op is sre.LITERAL:
            kind = _kind(av)
            if kind == "word":
                states = {(w + chr(_canonical(av)), b) for w, b in states}
                continue
            if kind == "other":
                heads.close(states)
            else:
                heads.go_on(states)
            states = set()
        elif op is sre.IN:
            words, other, category, mixed = _class(av)
            if mixed:
                heads.go_on(states)
                return set()
            if other:
                heads.close(states)
            if category:
                heads.go_on(states, category)
            states = {(w + c, b) for w, b in states for c in words}
        elif op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
            states = _walk(av[-1].data if op is sre.SUBPATTERN else av.data, states, heads)
        elif op is sre.BRANCH:
            states = set().union(*(_walk(alt.data, states, heads) for alt in av[1]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = av
            out = set(states) if low == 0 else set()
            for n in range(1, min(high, 3) + 1):
                states = _walk(sub.data, states, heads)
                if n >= low:
                    out |= states
            if high > 3 and states:
                heads.go_on(states)  # longer runs begin with what was read so far
            states = out
        elif op is sre.AT:
            if av in (sre.AT_BOUNDARY, sre.AT_UNI_BOUNDARY):
                states = {(w, b or not w) for w, b in states}
        elif op is sre.ASSERT_NOT:
            direction, sub = av
            if direction < 0 and sub.data == [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])]:
                states = {(w, b or not w) for w, b in states}
        elif op is not sre.ASSERT:  # a look-around only narrows; ANY, back-references...
            heads.go_on(states)
            states = set()
    return states


def heads_of(pattern: re.Pattern[str]) -> _Heads:
    """The words ``pattern``'s matches can begin with (``anywhere`` if that cannot be told)."""
    heads = _Heads()
    if _parser is None or pattern.flags & re.ASCII:
        heads.anywhere = True
        return heads
    tree = _parser.parse(pattern.pattern, pattern.flags)
    if tree.getwidth()[0] == 0:
        heads.anywhere = True  # an empty match moves finditer on differently
        return heads
    heads.go_on(_walk(tree.data, {("", False)}, heads), "word")
    return heads


@dataclass(frozen=True)
class _Index:
    """First words to the patterns that can begin with them (by their numbers)."""

    anywhere: tuple[bool, ...]
    exact: dict[str, list[int]]
    prefix: dict[str, list[int]]
    suffix: dict[str, list[int]]
    inner: dict[str, list[int]]
    digit: tuple[int, ...]
    any_word: tuple[int, ...]
    prefix_stems: frozenset[str]  # the prefixes' beginnings: where to stop looking
    suffix_stems: frozenset[str]  # the suffixes' endings


def _index(patterns: Sequence[re.Pattern[str]]) -> _Index:
    heads = [heads_of(p) for p in patterns]
    tables: tuple[dict[str, list[int]], ...] = ({}, {}, {}, {})
    for i, h in enumerate(heads):
        if len(h.inner) > 20:
            h.anywhere = True  # looking inside every word for each costs more than it saves
        if not h.anywhere:
            kinds = (h.exact, h.prefixes, h.suffixes, h.inner)
            for table, words in zip(tables, kinds, strict=True):
                for word in words:
                    table.setdefault(word, []).append(i)
    exact, prefix, suffix, inner = tables
    return _Index(
        anywhere=tuple(h.anywhere for h in heads),
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        inner=inner,
        digit=tuple(i for i, h in enumerate(heads) if h.digit and not h.anywhere),
        any_word=tuple(i for i, h in enumerate(heads) if h.any_word and not h.anywhere),
        prefix_stems=frozenset(w[:n] for w in prefix for n in range(1, len(w) + 1)),
        suffix_stems=frozenset(w[-n:] for w in suffix for n in range(1, len(w) + 1)),
    )


class PatternSet:
    """Several patterns scanned over one text with a single pass over its words; their
    first words are worked out on the first scan, not at import."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)

    @cached_property
    def _index(self) -> _Index:
        return _index(self.patterns)

    def candidates(self, text: str, pos: int = 0, end: int | None = None) -> list[AbstractSet[int]]:
        """Where in ``text[pos:end]`` each pattern may begin a match (every place it may,
        and few others)."""
        end = len(text) if end is None else min(end, len(text))
        words: dict[str, list[int]] = {}
        folded = text[pos:end].translate(_FOLD) if not all(self._index.anywhere) else ""
        for m in _WORD.finditer(text, pos, end) if folded else ():
            words.setdefault(folded[m.start() - pos : m.end() - pos], []).append(m.start())
        starts: dict[int, set[int]] = {}
        known = self._known
        for word, at in words.items():
            heads = known.get(word)
            if heads is None:
                if len(known) > 50_000:
                    known.clear()
                heads = known[word] = self._heads_in(word)
            for i, offset in heads:
                starts.setdefault(i, set()).update(a + offset for a in at)
        return [starts.get(i, _NOWHERE) for i in range(len(self.patterns))]

    @cached_property
    def _known(self) -> dict[str, tuple[tuple[int, int], ...]]:
        """Words of texts seen before, folded, and what ``_heads_in`` found in them."""
        return {}

    def _heads_in(self, word: str) -> tuple[tuple[int, int], ...]:
        """(pattern number, offset in ``word``) of every first word ``word`` holds."""
        index = self._index
        found = [(i, 0) for i in index.exact.get(word, ())]
        for n in range(1, len(word) + 1):
            if word[:n] not in index.prefix_stems:
                break
            found += [(i, 0) for i in index.prefix.get(word[:n], ())]
        if word[0].isdecimal():
            found += [(i, 0) for i in index.digit]
        found += [(i, 0) for i in index.any_word]
        for n in range(1, len(word) + 1):
            if word[-n:] not in index.suffix_stems:
                break
            found += [(i, len(word) - n) for i in index.suffix.get(word[-n:], ())]
        for head, patterns in index.inner.items():
            k = word.find(head)
            while k >= 0:
                found += [(i, k) for i in patterns]
                k = word.find(head, k + 1)
        return tuple(found)

    def matches(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> list[list[re.Match[str]]]:
        """Each pattern's ``finditer(text, pos, endpos)``, as lists, in the patterns' order."""
        end = len(text) if endpos is None else min(endpos, len(text))
        starts = self.candidates(text, pos, end)
        out = []
        for pattern, anywhere, candidates in zip(
            self.patterns, self._index.anywhere, starts, strict=True
        ):
            if anywhere:
                out.append(list(pattern.finditer(text, pos, end)))
                continue
            found_here: list[re.Match[str]] = []
            after = pos
            for start in sorted(candidates):
                if start < after:
                    continue
                match = pattern.match(text, start, end)
                if match:
                    found_here.append(match)
                    after = match.end()
            out.append(found_here)
        return out
