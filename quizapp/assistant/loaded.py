"""Loaded language: words that judge or stir feeling in the writer's own voice.

The words come from the curated lexicon in ``lexicon/<language>.txt`` (see its README for
the format and the sources of its categories). A match inside a quotation credited to a
speaker, or after a named speaker's verb of saying or thinking, is that speaker's: it is
returned as a probable decoy, not as a suggestion.

Words are compared in a normal form (``normalize``): lower case, typographic quotes
folded, Russian ё read as е, and in Arabic the short-vowel marks and the tatweel dropped
and the forms of alef (أ إ آ) and final ى read as ا and ي. An Arabic word is also tried
without the conjunctions و/ف, the prepositions ب/ك/ل and the article ال written onto it
(``variants``), so that the lexicon lists each word once.
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
from quizapp.core.texts import M_, verbatim
from quizapp.core.tokenize import Token

_HEADING = re.compile(r"^##\s+(?P<name>[^:|]+)(?::(?P<about>[^|]*))?(?P<options>(?:\|[^|]*)*)$")
_EXTEND = {"next": "next", "previous": "previous", "none": ""}
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_AR_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})
# Clitics written onto an Arabic word, longest first: و/ف, then ب/ك/ل, then ال ("لل" is
# ل + ال). A stripped word keeps at least three letters.
_AR_PREFIXES = (
    "وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال",
    "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
)  # fmt: skip


def _arabic(word: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in word)


def normalize(word: str) -> str:
    """The form words are compared in (see the module's docstring)."""
    w = fold(word.lower()).replace("ё", "е")
    if _arabic(w):
        w = _AR_MARKS.sub("", w).translate(_AR_LETTERS)
    return w


def variants(word: str) -> tuple[str, ...]:
    """The normal form of a word and, in Arabic, the forms without written-on clitics."""
    w = normalize(word)
    if not _arabic(w):
        return (w,)
    out = [w]
    for prefix in _AR_PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            out.append(w[len(prefix) :])
    return tuple(dict.fromkeys(out))


_FUNCTION_WORDS = frozenset(
    normalize(w)
    for w in re.findall(
        r"\S+",
        "the a an and or but of in on at to for from by with that which who is are was were be "
        "as its their his her this these those than then it he she they we you not no so if "
        "el la los las un una de del y o que en por para con se es su sus al "
        "и в во на с со по за что как из от до не это а но к у о же ли бы для при "
        "في من على الى إلى عن ان إن أن هو هي هم كان كانت كما ما لا لم لن قد هذا هذه ذلك تلك "
        "التي الذي الذين او أو ثم بين عند مع بعد قبل حتى منذ خلال كل أي غير بشكل بصورة انه "
        "أنه إنه انها أنها بأنه بأنها وهو وهي",
    )
)


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: its words (a trailing ``*`` matches any ending) and category.

    ``extend`` is "next" (take in the word after the match), "previous" (the word before
    it, for adjectives that follow their noun) or "" (the match alone)."""

    words: tuple[str, ...]
    category: str
    about: str
    confidence: float
    extend: str

    def matches(self, tokens: list[tuple[str, ...]]) -> bool:
        """Whether the entry's words match the start of ``tokens`` (each a tuple of forms)."""
        if len(tokens) < len(self.words):
            return False
        for want, forms in zip(self.words, tokens, strict=False):
            if want.endswith("*"):
                if not any(f.startswith(want[:-1]) for f in forms):
                    return False
            elif want not in forms:
                return False
        return True


def parse_lexicon(text: str) -> list[Entry]:
    """Entries of a lexicon file; a bad heading option is an error, not a silent default."""
    entries: list[Entry] = []
    name, about, conf, extend = "loaded language", "", 0.6, ""
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("## "):
            m = _HEADING.match(line)
            if not m:
                raise ValueError(f"lexicon line {n}: a heading is '## name: about | key=value'")
            name, about = m["name"].strip(), (m["about"] or "").strip()
            conf, extend = 0.6, ""
            for option in filter(None, (o.strip() for o in m["options"].split("|"))):
                key, _, value = option.partition("=")
                if key == "confidence":
                    conf = float(value)
                elif key == "extend":
                    if value not in _EXTEND:
                        raise ValueError(f"lexicon line {n}: extend is one of {', '.join(_EXTEND)}")
                    extend = _EXTEND[value]
                else:
                    raise ValueError(f"lexicon line {n}: unknown option '{key}'")
            continue
        if not line or line.startswith("#"):
            continue
        words = tuple(normalize(line).split())
        if any(w.endswith("*") and len(w) < 3 for w in words):
            raise ValueError(f"lexicon line {n}: a stem needs at least two letters before '*'")
        entries.append(Entry(words, name, about, conf, extend))
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


@lru_cache(maxsize=16)
def _index(entries: tuple[Entry, ...]) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
    """Entries by their first word, and stems (``word*``) by their first two letters."""
    exact: dict[str, list[Entry]] = {}
    wild: dict[str, list[Entry]] = {}
    for e in entries:
        if e.words[0].endswith("*"):
            wild.setdefault(e.words[0][:2], []).append(e)
        else:
            exact.setdefault(e.words[0], []).append(e)
    return exact, wild


def _joined(doc: Document, a: Token, b: Token) -> bool:
    """Two tokens next to each other in one block with only spaces between."""
    return a.block == b.block and not doc.text[a.end : b.start].strip()


def _plain_word(forms: tuple[str, ...]) -> bool:
    return forms[0] not in _FUNCTION_WORDS and forms[0].replace("-", "").isalpha()


# Why a phrase is someone else's (``cues.speaker_of``), as the reason tells it.
_SPEAKERS = {
    "inside a quotation credited to a speaker": M_("inside a quotation credited to a speaker"),
    "inside quotation marks": M_("inside quotation marks"),
    "reported as a speaker's view": M_("reported as a speaker's view"),
    "reported as a named speaker's view": M_("reported as a named speaker's view"),
}


@register
class LoadedLanguageDetector(Detector):
    """Words of the curated lexicon in the writer's own voice."""

    skill = "loaded-language"
    name = BUILTIN_SKILLS["loaded-language"].name

    def detect(self, doc: Document) -> Iterator[Suggestion]:
        exact, wild = _index(lexicon(doc.language))
        tokens = doc.tokens
        words = [variants(t.text) for t in tokens]
        i = 0
        taken = -1  # the last token of the previous match
        while i < len(tokens):
            entry = self._match(words, i, exact, wild, tokens, doc)
            if entry is None:
                i += 1
                continue
            first, last = i, i + len(entry.words) - 1
            if entry.extend == "next" and last + 1 < len(tokens):
                if _joined(doc, tokens[last], tokens[last + 1]) and _plain_word(words[last + 1]):
                    last += 1
            elif (
                entry.extend == "previous"
                and first - 1 > taken
                and _joined(doc, tokens[first - 1], tokens[first])
                and _plain_word(words[first - 1])
            ):
                first -= 1
            if self._in_name(doc, tokens, i, last):
                i = last + 1
                continue
            taken = last
            start, end = tokens[first].start, tokens[last].end
            phrase = doc.text[start:end]
            speaker = speaker_of(doc, start, end)
            if speaker is None and self._after_vague_cue(doc, start):
                i = last + 1
                continue  # "what scientists describe as a crisis": a vague attribution
            if speaker:
                reason = M_(
                    "Probably fine: \"%(phrase)s\" is %(speaker)s, not the writer's own word.",
                    phrase=phrase, speaker=_SPEAKERS.get(speaker) or verbatim(speaker),
                )  # fmt: skip
                conf = 0.6 if "credited" in speaker else 0.45
                s = self.suggestion(doc, start, end, reason, conf, decoy=True)
            else:
                # The lexicon's category and note are in the article's language already.
                about = f" ({entry.about})" if entry.about else ""
                reason = M_(
                    '"%(phrase)s": %(category)s; would a neutral word say the same fact?',
                    phrase=phrase, category=f"{entry.category}{about}",
                )  # fmt: skip
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
        words: list[tuple[str, ...]],
        i: int,
        exact: dict[str, list[Entry]],
        wild: dict[str, list[Entry]],
        tokens: tuple[Token, ...],
        doc: Document,
    ) -> Entry | None:
        candidates: list[Entry] = []
        for form in words[i]:
            candidates.extend(exact.get(form, ()))
            candidates.extend(e for e in wild.get(form[:2], ()) if form.startswith(e.words[0][:-1]))
        for entry in sorted(candidates, key=lambda e: -len(e.words)):
            n = len(entry.words)
            if not entry.matches(words[i : i + n]):
                continue
            if all(_joined(doc, tokens[j], tokens[j + 1]) for j in range(i, i + n - 1)):
                return entry
        return None
