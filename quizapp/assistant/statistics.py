"""Unsupported statistics: figures given as fact with no source in the sentence or the one before.

A figure here is a share (50%, half of), an amount of money, a multiple (three times
more), a hedged count (over 250, as many as 60,000) or a large count (8,400 runners).
Dates, years, clock times, ages, scores and small bare numbers are details, not claims.
The source test is in ``cues.source_for``; a vague source ("statistics show") is no source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from quizapp.assistant.base import Detector, Suggestion
from quizapp.assistant.cues import source_for
from quizapp.assistant.registry import register
from quizapp.assistant.text import Document
from quizapp.core.skills import BUILTIN_SKILLS

_I = re.IGNORECASE
_NUMBER = re.compile(r"(?<![\w.,:/-])[$€£¥₽₹]?\s?\d+(?:[.,٫٬]\d+)*(?:\s?[%٪])?")
_HEDGE = re.compile(
    r"(?:\bby\s+)?\b(?:approximately|about|around|roughly|nearly|almost|over|more\s+than|"
    r"less\s+than|fewer\s+than|under|at\s+least|up\s+to|as\s+many\s+as|as\s+much\s+as|"
    r"as\s+few\s+as|as\s+little\s+as|close\s+to|an\s+estimated|an\s+average\s+of|"
    r"on\s+average|just\s+over|just\s+under|well\s+over|upwards\s+of|in\s+excess\s+of|"
    r"some|a\s+record|casi|cerca\s+de|alrededor\s+de|m[aá]s\s+de|menos\s+de|unos|unas|"
    r"hasta|al\s+menos|aproximadamente|en\s+torno\s+a|más\s+de|более|около|почти|свыше|"
    r"примерно|менее|порядка|не\s+менее|أكثر\s+من|نحو|حوالي|حوالى|قرابة|زهاء)\s+$",
    _I,
)
# Only a share or a sum takes these in front; they make no bare number a claim.
_ARTICLE = re.compile(r"(?:\bby\s+|\b(?:un|una|el|la|los|las|le|les|du|des)\s+)$", _I)
_PERCENT = re.compile(
    r"^\s?(?:[%٪]|per\s?cent\b|percent\b|percentage\s+points?\b|por\s+ciento\b|"
    r"pour\s+cent\b|процент\w*|بالمئة|بالمائة|في\s+المئة|في\s+المائة)",
    _I,
)
_MAGNITUDE = (
    r"(?:million|billion|trillion|thousand|bn|m|k|millones|millón|millon|mil|milliards?|"
    r"млн\.?|млрд\.?|тыс\.?|مليون|مليار|ألف)"
)
_CURRENCY = (
    r"(?:dollars?|euros?|pounds?|yen|yuan|rupees?|roubles?|rubles?|pesos?|francs?|dinars?|"
    r"riyals?|dirhams?|shekels?|lira|d[oó]lares|libras|рубл\w*|доллар\w*|евро|دولار|يورو|"
    r"ريال|دينار|جنيه|درهم)"
)
_AMOUNT = re.compile(rf"^(?:\s?{_MAGNITUDE}\b)?(?:\s+(?:de\s+)?{_CURRENCY}\b)?", _I)
_TIMES = re.compile(
    r"^\s+times\s+(?:more|less|higher|lower|faster|slower|greater|larger|bigger|smaller|as|"
    r"the|over)\b(?:\s+[\w'-]+)?|^\s+times\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b",
    _I,
)
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)$")
_WORD_FIGURES: tuple[tuple[re.Pattern[str], str, float], ...] = (
    (
        re.compile(
            r"\b(?:(?:roughly|nearly|almost|about|around|more\s+than|less\s+than|fewer\s+than|"
            r"over|under|close\s+to|at\s+least|some|just\s+over|just\s+under)\s+)?"
            r"(?<!first )(?<!second )(?<!last )(?<!the )(?:half|a\s+third|one\s+third|"
            r"two[-\s]thirds|a\s+quarter|one\s+quarter|three[-\s]quarters|a\s+fifth|"
            r"one\s+in\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten))\s+of\b",
            _I,
        ),
        "a share",
        0.7,
    ),
    (
        re.compile(
            r"\b(?:(?:up\s+to|nearly|almost|about|around|more\s+than|over|some)\s+)?"
            r"(?:two|three|four|five|six|seven|eight|nine|ten|several)\s+times\s+"
            r"(?:more|less|higher|lower|faster|greater|larger|bigger|smaller|as)\b"
            r"(?:\s+[\w'-]+)?|\btwice\s+as\s+[\w'-]+|\b(?:doubled|tripled|quadrupled|halved)\b|"
            r"\bdouble\s+the\s+[\w'-]+(?:\s+of\s+[\w'-]+)?",
            _I,
        ),
        "a multiple",
        0.7,
    ),
    (
        re.compile(
            r"\b(?:tens\s+of\s+|hundreds\s+of\s+)?(?:dozens|hundreds|thousands|millions|billions)"
            r"\s+of\s+[\w'-]+|\b(?:la\s+mitad|el\s+doble|el\s+triple)\s+de\s+[\w'-]+|"
            r"\buna?\s+de\s+cada\s+\w+|\b(?:miles|millones)\s+de\s+[\w'-]+",
            _I,
        ),
        "a large amount in words",
        0.55,
    ),
)
# Words that end a figure's noun phrase.
_STOP = frozenset(
    re.findall(
        r"\S+",
        "the a an and or but in on at to for from by with that which who whom whose is are was "
        "were be been being has have had will would could should may might can than since as "
        "its their his her this these those now also after before during while if because so "
        "not no into per every each more less most least than then there here when where why "
        "how all any both such only just very according y o que en por para con se es fue son "
        "del al el la los las un una su sus más mas menos como pero desde hasta cuando donde "
        "le les des du et ou est dans pour avec sur",
    )
)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    kind: str
    base: float


def _numeric_figures(text: str) -> Iterator[Figure]:
    for m in _NUMBER.finditer(text):
        start, end = m.start(), m.end()
        raw = m.group().strip()
        digits = raw.lstrip("$€£¥₽₹ ").rstrip("%٪ ")
        if end < len(text) and (
            text[end] in "-–:/" and end + 1 < len(text) and text[end + 1].isalnum()
        ):
            continue  # 29-year-old, 7-2, 2:24:59, 1/2
        if re.match(r"(?:st|nd|rd|th|s)\b", text[end : end + 3]):
            continue  # 30th, 1950s
        before = text[max(0, start - 40) : start]
        after = text[end : end + 60]
        sign = raw[:1] in "$€£¥₽₹"
        percent = raw.endswith(("%", "٪")) or _PERCENT.match(after)
        amount = _AMOUNT.match(after)
        amount_end = end + (amount.end() if amount else 0)
        magnitude = bool(amount and re.search(_MAGNITUDE, amount.group(), _I))
        money = sign or bool(amount and re.search(_CURRENCY, amount.group(), _I))
        times = _TIMES.match(after)
        hedge = _HEDGE.search(before)
        if _YEAR.match(digits) and not (percent or money or magnitude):
            continue
        plain = re.sub(r"[.,٬](?=\d{3}\b)", "", digits).replace(",", ".").replace("٫", ".")
        try:
            value = float(plain)
        except ValueError:
            value = 0.0
        lead = start - len(hedge.group()) if hedge else start
        if percent:
            p = _PERCENT.match(after)
            stop = end + (p.end() if p and not raw.endswith(("%", "٪")) else 0)
            art = _ARTICLE.search(before) if not hedge else None
            yield Figure(lead - (len(art.group()) if art else 0), stop, "a percentage", 0.8)
        elif money:
            art = _ARTICLE.search(before) if not hedge else None
            yield Figure(lead - (len(art.group()) if art else 0), amount_end, "a sum of money", 0.8)
        elif times:
            yield Figure(lead, end + times.end(), "a multiple", 0.75)
        elif hedge:
            yield Figure(lead, amount_end, "a hedged count", 0.72)
        elif value >= 1000 or magnitude:
            yield Figure(start, amount_end, "a large count", 0.62)


def _word_figures(text: str) -> Iterator[Figure]:
    for pattern, kind, base in _WORD_FIGURES:
        for m in pattern.finditer(text):
            yield Figure(m.start(), m.end(), kind, base)


def _extend(doc: Document, end: int, block_end: int) -> int:
    """Take in the noun phrase the figure counts: two words, then "of the ..." (three)."""
    tokens = doc.tokens_between(end, block_end)
    words = 0
    of_words = -1
    for t in tokens:
        gap = doc.text[end : t.start]
        if gap.strip():
            break
        word = t.text.lower()
        if of_words >= 0:
            if (
                word in {"the", "a", "an", "its", "their", "los", "las", "la", "el"}
                and of_words == 0
            ):
                end = t.end
                continue
            if word in _STOP or of_words >= 3 or not t.text[0].isalpha():
                break
            of_words += 1
            end = t.end
            continue
        if word in {"of", "de"} and words <= 1:
            of_words = 0
            end_before_of = end
            end = t.end
            continue
        if word in {"a", "per", "each"} and words >= 1:
            nxt = doc.tokens_between(t.end, block_end)[:1]
            if nxt and nxt[0].text.lower() in {"day", "week", "month", "year"}:
                end = nxt[0].end
            break
        if word in _STOP or words >= 2 or not t.text[0].isalpha():
            break
        words += 1
        end = t.end
    if of_words == 0:
        end = end_before_of
    return end


@register
class StatisticDetector(Detector):
    """Shares, sums, multiples and counts whose sentence (or the one before) names no source."""

    skill = "unsupported-statistic"
    name = BUILTIN_SKILLS["unsupported-statistic"].name

    def detect(self, doc: Document) -> Iterator[Suggestion]:
        text = doc.text
        figures = sorted([*_numeric_figures(text), *_word_figures(text)], key=lambda f: f.start)
        for f in figures:
            block = doc.article.block_at(f.start)
            if doc.quotation_at(f.start, f.end) is not None:
                continue  # a speaker's figure, credited with their words
            end = _extend(doc, f.end, block.end)
            status, cue = source_for(doc, f.start, end)
            shown = " ".join(text[f.start : end].split())
            if status == "named":
                if f.base < 0.6:
                    continue
                named = " ".join(cue.what.split()) if cue else ""
                why = f'Probably fine: {f.kind} ("{shown}") whose source is named ("{named}").'
                s = self.suggestion(doc, f.start, end, why, 0.5, decoy=True)
            elif status == "weak":
                why = (
                    f'{f.kind.capitalize()} ("{shown}") credited to a source that could not '
                    f'know it ("{cue.what if cue else ""}"): check who measured what.'
                )
                s = self.suggestion(doc, f.start, end, why, 0.5)
            elif status == "vague":
                why = (
                    f'{f.kind.capitalize()} ("{shown}") credited only to '
                    f'"{" ".join(cue.what.split()) if cue else ""}", '
                    "which names nobody a reader could check."
                )
                s = self.suggestion(doc, f.start, end, why, f.base + 0.12)
            else:
                why = (
                    f'{f.kind.capitalize()} ("{shown}") with no source in its sentence or '
                    "the one before."
                )
                s = self.suggestion(doc, f.start, end, why, f.base)
            if s:
                yield s
