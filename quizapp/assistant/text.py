"""An article as detectors read it: blocks, sentences, quotations and a guessed language.

Everything here is worked out once per article and shared by every detector, in linear
time, so that a one-megabyte single line costs no more than many short paragraphs.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from quizapp.core.article import Article
from quizapp.core.tokenize import Token

# A full stop after these words rarely ends a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "vs",
        "etc",
        "eg",
        "ie",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "capt",
        "sgt",
        "mt",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "am",
        "pm",
        "approx",
        "dept",
        "est",
        "fig",
        "sra",
        "sr",
        "dra",
        "av",
        "núm",
        "pág",
        "tel",
        "art",
    ]
)
_SENTENCE_END = re.compile(r"[.!?…؟。！？]+[\"”’»)\]]*\s+")
_OPEN_CLOSE = {"“": "”", "„": "“", "«": "»", "‘": "’", "「": "」", "『": "』", "‹": "›"}
_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "was", "for", "with", "on", "as"},
    "es": {"el", "la", "de", "que", "y", "en", "los", "las", "por", "con", "una", "del"},
    "fr": {"le", "la", "les", "et", "des", "est", "que", "une", "dans", "pour", "du", "au"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "eine", "zu"},
    "pt": {"o", "os", "as", "de", "que", "e", "não", "uma", "com", "para", "do", "da"},
    "it": {"il", "di", "che", "e", "la", "per", "una", "sono", "con", "del", "gli", "le"},
}
_SCRIPTS = (("ARABIC", "ar"), ("HEBREW", "he"), ("CYRILLIC", "ru"), ("CJK", "zh"))


@dataclass(frozen=True)
class Sentence:
    """A sentence: character offsets into the article and the block it belongs to."""

    start: int
    end: int
    block: int


def guess_language(text: str) -> str:
    """A two-letter code by script, then by the commonest short words of Latin scripts."""
    sample = text[:20_000]
    counts: dict[str, int] = {}
    letters = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        name = unicodedata.name(ch, "")
        for script, code in _SCRIPTS:
            if name.startswith(script):
                counts[code] = counts.get(code, 0) + 1
    if letters and counts:
        code, n = max(counts.items(), key=lambda kv: kv[1])
        if n > letters / 2:
            return code
    words = re.findall(r"\w+", sample.lower())
    votes = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(votes, key=lambda k: votes[k])
    return best if votes[best] else "en"


class Document:
    """An article with the structure detectors need; offsets always index ``text``."""

    def __init__(self, article: Article, language: str | None = None) -> None:
        self.article = article
        self.text = article.text
        self.language = (language or guess_language(article.text)).split("-")[0].lower()
        self._starts = [t.start for t in self.tokens]
        self._ends = [t.end for t in self.tokens]

    @classmethod
    def from_text(
        cls, text: str, name: str = "article.txt", language: str | None = None
    ) -> Document:
        return cls(Article.from_text(name, text), language)

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.article.tokens

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """The tokens that overlap the characters [start, end)."""
        first = bisect.bisect_right(self._ends, start)
        last = bisect.bisect_left(self._starts, end)
        return list(self.tokens[first:last])

    def snap(self, start: int, end: int) -> tuple[int, int] | None:
        """Widen [start, end) to whole words inside one block; None if it holds no word."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        tokens = self.tokens_between(start, end)
        if not tokens:
            return None
        block = self.article.blocks[tokens[0].block]
        tokens = [t for t in tokens if t.block == tokens[0].block]
        s = max(block.start, min(start, tokens[0].start))
        e = min(block.end, max(tokens[-1].end, end if end <= block.end else tokens[-1].end))
        if "\n" in self.text[s:e]:
            e = tokens[-1].end
        return s, e

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        out: list[Sentence] = []
        for block in self.article.blocks:
            start = block.start
            for m in _SENTENCE_END.finditer(self.text, block.start, block.end):
                if not self._ends_sentence(m.start(), m.end(), block.end):
                    continue
                out.append(
                    Sentence(
                        start, m.end() - len(m.group()) + len(m.group().rstrip()), block.number
                    )
                )
                start = m.end()
            if start < block.end:
                out.append(Sentence(start, block.end, block.number))
        return tuple(out)

    def _ends_sentence(self, dot: int, after: int, block_end: int) -> bool:
        if self.text[dot] == "." and dot > 0:
            word = re.search(r"(\w+)$", self.text[max(0, dot - 12) : dot])
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                return False
        if after >= block_end:
            return True
        return not self.text[after].islower()

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """The number of the sentence holding ``offset``."""
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def sentence_at(self, offset: int) -> Sentence:
        return self.sentences[self.sentence_index(offset)]

    def previous_sentence(self, offset: int) -> Sentence | None:
        """The sentence before the one at ``offset``, in the same paragraph only."""
        i = self.sentence_index(offset)
        if i == 0 or self.sentences[i - 1].block != self.sentences[i].block:
            return None
        return self.sentences[i - 1]

    def next_sentence(self, offset: int) -> Sentence | None:
        i = self.sentence_index(offset)
        if i + 1 >= len(self.sentences) or self.sentences[i + 1].block != self.sentences[i].block:
            return None
        return self.sentences[i + 1]

    @cached_property
    def quotations(self) -> tuple[tuple[int, int], ...]:
        """Spans inside quotation marks (the marks included), within one block each."""
        out: list[tuple[int, int]] = []
        for block in self.article.blocks:
            i, text, end = block.start, self.text, block.end
            while i < end:
                ch = text[i]
                close = _OPEN_CLOSE.get(ch) or ('"' if ch == '"' else None)
                if close is None:
                    i += 1
                    continue
                j = i + 1
                while j < end:
                    if text[j] == close and not (
                        close == "’"
                        and j + 1 < end
                        and text[j + 1].isalpha()
                        and text[j - 1].isalpha()
                    ):
                        break
                    j += 1
                if close == "’" and j >= end:
                    i += 1  # an apostrophe, not a quotation
                    continue
                out.append((i, min(j + 1, end)))
                i = j + 1
        return tuple(out)

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q[0] for q in self.quotations]

    def quotation_at(self, start: int, end: int) -> tuple[int, int] | None:
        """The quotation that holds [start, end), if any."""
        i = bisect.bisect_right(self._quote_starts, start) - 1
        if i >= 0:
            q = self.quotations[i]
            if q[0] <= start and end <= q[1]:
                return q
        return None
