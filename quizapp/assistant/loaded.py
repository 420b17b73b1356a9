"""Loaded language: words that judge or stir feeling in the writer's own voice.

The words come from the curated lexicon in ``lexicon/<language>.txt`` (see its README for
the format and the sources of its categories). A match inside a quotation credited to a
speaker, or after a named speaker's verb of saying or thinking, is that speaker's: it is
returned as a probable decoy, not as a suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from quizapp.assistant.base import Detector, Suggestion
from quizapp.assistant.cues import speaker_of, vague_cues
from quizapp.assistant.registry import register
from quizapp.assistant.text import Document
from quizapp.core.anchor import fold
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.core.tokenize import Token

_HEADING = re.compile(r"^##\s+(?P<name>[^:|]+)(?::(?P<about>[^|]*))?(?P<options>(?:\|[^|]*)*)$")
_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        "the a an and or but of in on at to for from by with that which who is are was were be "
        "as its their his her this these those than then it he she they we you not no so if "
        "el la los las un una de del y o que en por para con se es su sus al",
    )
)


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: its words (a trailing ``*`` matches any ending) and category."""

    words: tuple[str, ...]
    category: str
    about: str
    confidence: float
    extend: bool

    def matches(self, tokens: list[str]) -> bool:
        if len(tokens) < len(self.words):
            return False
        for want, got in zip(self.words, tokens, strict=False):
            if want.endswith("*"):
                if not got.startswith(want[:-1]):
                    return False
            elif want != got:
                return False
        return True


def parse_lexicon(text: str) -> list[Entry]:
    """Entries of a lexicon file; a bad heading option is an error, not a silent default."""
    entries: list[Entry] = []
    name, about, conf, extend = "loaded language", "", 0.6, False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("## "):
            m = _HEADING.match(line)
            if not m:
                raise ValueError(f"lexicon line {n}: a heading is '## name: about | key=value'")
            name, about = m["name"].strip(), (m["about"] or "").strip()
            conf, extend = 0.6, False
            for option in filter(None, (o.strip() for o in m["options"].split("|"))):
                key, _, value = option.partition("=")
                if key == "confidence":
                    conf = float(value)
                elif key == "extend":
                    extend = value == "next"
                else:
                    raise ValueError(f"lexicon line {n}: unknown option '{key}'")
            continue
        if not line or line.startswith("#"):
            continue
        entries.append(Entry(tuple(fold(line.lower()).split()), name, about, conf, extend))
    return entries


@lru_cache(maxsize=16)
def lexicon(language: str) -> tuple[Entry, ...]:
    """The curated entries for a language, plus English (quoted English turns up anywhere)."""
    folder = resources.files("quizapp.assistant") / "lexicon"
    out: list[Entry] = []
    for lang in dict.fromkeys((language, "en")):
        path = folder / f"{lang}.txt"
        if path.is_file():
            out.extend(parse_lexicon(path.read_text(encoding="utf-8")))
    return tuple(out)


def _index(entries: tuple[Entry, ...]) -> tuple[dict[str, list[Entry]], list[Entry]]:
    exact: dict[str, list[Entry]] = {}
    wild: list[Entry] = []
    for e in entries:
        if e.words[0].endswith("*"):
            wild.append(e)
        else:
            exact.setdefault(e.words[0], []).append(e)
    for bucket in exact.values():
        bucket.sort(key=lambda e: -len(e.words))
    return exact, wild


def _joined(doc: Document, a: Token, b: Token) -> bool:
    """Two tokens next to each other in one block with only spaces between."""
    return a.block == b.block and not doc.text[a.end : b.start].strip()


@register
class LoadedLanguageDetector(Detector):
    """Words of the curated lexicon in the writer's own voice."""

    skill = "loaded-language"
    name = BUILTIN_SKILLS["loaded-language"].name

    def detect(self, doc: Document) -> Iterator[Suggestion]:
        exact, wild = _index(lexicon(doc.language))
        tokens = doc.tokens
        words = [fold(t.text.lower()) for t in tokens]
        i = 0
        while i < len(tokens):
            entry = self._match(words, i, exact, wild, tokens, doc)
            if entry is None:
                i += 1
                continue
            last = i + len(entry.words) - 1
            if entry.extend and last + 1 < len(tokens):
                nxt = tokens[last + 1]
                word = words[last + 1]
                if (
                    _joined(doc, tokens[last], nxt)
                    and word not in _FUNCTION_WORDS
                    and word.isalpha()
                ):
                    last += 1
            if self._in_name(doc, tokens, i, last):
                i = last + 1
                continue
            start, end = tokens[i].start, tokens[last].end
            phrase = doc.text[start:end]
            speaker = speaker_of(doc, start, end)
            if speaker is None and self._after_vague_cue(doc, start):
                i = last + 1
                continue  # "what scientists describe as a crisis": a vague attribution
            if speaker:
                reason = f'Probably fine: "{phrase}" is {speaker}, not the writer\'s own word.'
                conf = 0.6 if "credited" in speaker else 0.45
                s = self.suggestion(doc, start, end, reason, conf, decoy=True)
            else:
                about = f" ({entry.about})" if entry.about else ""
                reason = (
                    f'"{phrase}": {entry.category}{about}; would a neutral word say the same fact?'
                )
                s = self.suggestion(doc, start, end, reason, entry.confidence)
            if s:
                yield s
            i = last + 1

    @staticmethod
    def _after_vague_cue(doc: Document, start: int) -> bool:
        """Words right after "what experts describe as", "hailed as": someone's, unnamed."""
        for cue in vague_cues(doc, doc.sentence_at(start)):
            between = doc.text[cue.end : start]
            if cue.end <= start and len(between.split()) <= 2 and not re.search(r"[,.;:]", between):
                return True
        return False

    @staticmethod
    def _in_name(doc: Document, tokens: tuple[Token, ...], first: int, last: int) -> bool:
        """A capitalized match beside another capitalized word is part of a name."""
        if tokens[first].block == 0 or not tokens[first].text[:1].isupper():
            return False
        if doc.sentence_at(tokens[first].start).start == tokens[first].start:
            return False
        around = [j for j in (first - 1, last + 1) if 0 <= j < len(tokens)]
        return any(
            tokens[j].block == tokens[first].block and tokens[j].text[:1].isupper() for j in around
        )

    @staticmethod
    def _match(
        words: list[str],
        i: int,
        exact: dict[str, list[Entry]],
        wild: list[Entry],
        tokens: tuple[Token, ...],
        doc: Document,
    ) -> Entry | None:
        candidates = [
            *exact.get(words[i], ()),
            *(e for e in wild if words[i].startswith(e.words[0][:-1])),
        ]
        for entry in sorted(candidates, key=lambda e: -len(e.words)):
            n = len(entry.words)
            window = words[i : i + n]
            if not entry.matches(window):
                continue
            if all(_joined(doc, tokens[j], tokens[j + 1]) for j in range(i, i + n - 1)):
                return entry
        return None
