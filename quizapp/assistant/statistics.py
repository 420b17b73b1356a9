"""Unsupported statistics: figures given as fact with no source in the sentence or the one before.

A figure here is a share (50%, half of, la mitad de, треть, نصف), an amount of money, a
multiple (three times more, вдвое, أضعاف), a hedged count (over 250, as many as 60,000,
más de 50.000, около 300, أكثر من ألف) or a large count (8,400 runners, 12 000 зрителей),
in digits of any script (Arabic-Indic ones too) or in words (``figures.py``: "two-thirds",
"forty per cent", "dos millones de euros", "двадцать процентов", "عشرين في المئة").
Dates, years, clock times, ages, scores and small bare numbers are details, not claims.
The source test is in ``cues.source_for``; a vague source ("statistics show", "по данным
СМИ", "بحسب مصادر مطلعة") is no source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from quizapp.assistant.base import Detector, Suggestion
from quizapp.assistant.cues import source_for
from quizapp.assistant.figures import word_figures
from quizapp.assistant.registry import register
from quizapp.assistant.text import Document
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.core.texts import M_, Text, capital, verbatim

_I = re.IGNORECASE
# Arabic prefixes (و، ف، ب، ل) may be written onto a number: "بـ30", "و٥٠".
_NUMBER = re.compile(
    r"(?:(?<![\w.,:/-])|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وفبلك]ـ))"
    r"[$€£¥₽₹]?\s?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:[.,٫٬]\d+)*)(?:\s?[%٪])?"
)
# Russian and French group thousands with a (no-break) space: "12 000 зрителей".
_GROUP_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3})")
# Arabic-Indic and Persian digits read as ASCII ones (for years and values).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_HEDGE = re.compile(
    r"(?:\bby\s+)?\b(?:approximately|about|around|roughly|nearly|almost|over|more\s+than|"
    r"less\s+than|fewer\s+than|under|at\s+least|up\s+to|as\s+many\s+as|as\s+much\s+as|"
    r"as\s+few\s+as|as\s+little\s+as|close\s+to|an\s+estimated|an\s+average\s+of|"
    r"on\s+average|just\s+over|just\s+under|well\s+over|upwards\s+of|in\s+excess\s+of|"
    r"some|a\s+record|casi(?:\s+el)?|cerca\s+del?|alrededor\s+del?|m[aá]s\s+del?|"
    r"menos\s+del?|unos|unas|hasta(?:\s+el|\s+un)?|al\s+menos|aproximadamente|"
    r"en\s+torno\s+al?|por\s+encima\s+del?|"
    r"более(?:\s+чем)?|около|почти|свыше|примерно|менее|порядка|не\s+менее|не\s+более|"
    r"больше|меньше|приблизительно|как\s+минимум|по\s+меньшей\s+мере|целых|"
    r"[وف]?ب?(?:أكثر\s+من|أقل\s+من|نحو|حوالي|حوالى|قرابة|زهاء|ما\s+يقارب|"
    r"ما\s+يزيد\s+(?:على|عن)|ما\s+لا\s+يقل\s+عن|أزيد\s+من|ما\s+يربو\s+على))\s+$",
    _I,
)
# Only a share or a sum takes these in front; they make no bare number a claim.
_ARTICLE = re.compile(r"(?:\bby\s+|\b(?:un|una|el|la|los|las|le|les|du|des|на)\s+)$", _I)
_PERCENT = re.compile(
    r"^\s?(?:[%٪]|per\s?cent\b|percent\b|percentage\s+points?\b|por\s+ciento\b|"
    r"puntos\s+porcentuales\b|pour\s+cent\b|процентн\w*\s+пункт\w*|процент\w*|"
    r"п\.\s?п\.|بالمئة|بالمائة|في\s+المئة|في\s+المائة|نقط\w*\s+مئوية)",
    _I,
)
_MAGNITUDE = (
    r"(?:million|billion|trillion|thousand|bn|m|k|millones|millón|millon|mil|milliards?|"
    r"млн\.?|млрд\.?|трлн\.?|тыс\.?|тысяч\w*|миллион\w*|миллиард\w*|"
    r"ألف|آلاف|ألفا|مليون|مليونا|ملايين|مليار|مليارا|مليارات)"
)
_CURRENCY = (
    r"(?:dollars?|euros?|pounds?|yen|yuan|rupees?|roubles?|rubles?|pesos?|francs?|dinars?|"
    r"riyals?|dirhams?|shekels?|lira|d[oó]lares|libras|рубл\w*|руб\.?|доллар\w*|долл\.?|"
    r"евро|юан\w*|دولار\w*|يورو|ريال\w*|دينار\w*|جنيه\w*|درهم\w*|ليرة|ليرات|شيكل)"
)
_AMOUNT = re.compile(rf"^(?:\s?{_MAGNITUDE}(?!\w))?(?:\s+(?:de\s+)?{_CURRENCY}(?!\w))?", _I)
_TIMES = re.compile(
    r"^\s+times\s+(?:more|less|higher|lower|faster|slower|greater|larger|bigger|smaller|as|"
    r"the|over)\b(?:\s+[\w'-]+)?|^\s+times\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b|"
    r"^\s+veces\s+(?:m[aá]s|menos|mayor|menor|superior|inferior)\b(?:\s+[\w'-]+)?|"
    r"^\s+أضعاف(?!\w)",
    _I,
)
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)$")
# An English past tense or participle ends the noun phrase a figure counts.
_VERB_LIKE = re.compile(r"^[a-z]{3,}(?:ed|ing)$")
_ENDS_IN_OF = re.compile(r"(?:\bof|\bde|\bdel)$", _I)
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
        "le les des du et ou est dans pour avec sur "
        "и в во на с со по за что как из от до не это а но к у о же ли бы для при после уже "
        "был была было были будет которые который которая чем "
        "في من على إلى عن أن إن التي الذي الذين و مع بعد قبل هذا هذه كان كانت ما لا لم قد "
        "منذ خلال حتى بين أو ثم",
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
        digits = _GROUP_SPACE.sub("", raw.lstrip("$€£¥₽₹ ").rstrip("%٪ ")).translate(_DIGITS)
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
    for start, end, kind, base in word_figures(text):
        yield Figure(start, end, kind, base)


def _extend(doc: Document, end: int, block_end: int, after_of: bool = False) -> int:
    """Take in the noun phrase the figure counts: two words, then "of the ..." (three).

    ``after_of``: the figure ends in "of" ("half of"), so its noun phrase comes next."""
    # The phrase is a few words long: never list the tokens of a whole (huge) paragraph.
    block_end = min(block_end, end + 200)
    tokens = doc.tokens_between(end, block_end)
    words = 0
    of_words = 0 if after_of else -1
    end_before_of = end
    for t in tokens:
        gap = doc.text[end : t.start]
        if gap.strip():
            break
        word = t.text.lower()
        if (words or of_words > 0) and _VERB_LIKE.match(word):
            break  # "residents opposed", "prices rising": the noun phrase has ended
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


# What kind of figure each is (``Figure.kind``), as the reasons tell it.
_KINDS = {
    "a share": M_("a share"),
    "a percentage": M_("a percentage"),
    "a large amount in words": M_("a large amount in words"),
    "a hedged count": M_("a hedged count"),
    "a multiple": M_("a multiple"),
    "a sum of money": M_("a sum of money"),
    "a large count": M_("a large count"),
}


def _kind(kind: str) -> Text:
    return _KINDS.get(kind) or verbatim(kind)


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
            end = _extend(doc, f.end, block.end, bool(_ENDS_IN_OF.search(text[f.start : f.end])))
            status, cue = source_for(doc, f.start, end)
            shown = " ".join(text[f.start : end].split())
            if status == "named":
                if f.base < 0.6:
                    continue
                named = " ".join(cue.what.split()) if cue else ""
                why = M_(
                    'Probably fine: %(kind)s ("%(figure)s") whose source is named ("%(source)s").',
                    kind=_kind(f.kind), figure=shown, source=named,
                )  # fmt: skip
                s = self.suggestion(doc, f.start, end, why, 0.5, decoy=True)
            elif status == "weak":
                why = M_(
                    '%(kind)s ("%(figure)s") credited to a source that could not know it '
                    '("%(source)s"): check who measured what.',
                    kind=capital(_kind(f.kind)), figure=shown, source=cue.what if cue else "",
                )  # fmt: skip
                s = self.suggestion(doc, f.start, end, why, 0.5)
            elif status == "vague":
                why = M_(
                    '%(kind)s ("%(figure)s") credited only to "%(source)s", which names nobody '
                    "a reader could check.",
                    kind=capital(_kind(f.kind)), figure=shown,
                    source=" ".join(cue.what.split()) if cue else "",
                )  # fmt: skip
                s = self.suggestion(doc, f.start, end, why, f.base + 0.12)
            else:
                why = M_(
                    '%(kind)s ("%(figure)s") with no source in its sentence or the one before.',
                    kind=capital(_kind(f.kind)),
                    figure=shown,
                )
                s = self.suggestion(doc, f.start, end, why, f.base)
            if s:
                yield s
