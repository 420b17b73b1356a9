"""A span's core: the words that carry its problem, inside the quote a teacher accepts.

An author may give ``core:``; without one, the default depends on the skill:

* **unsupported statistic**: the figure, from the quote's first figure word to its last
  ("by over 50%" -> "50%", "approximately $30 million monthly" -> "$30 million",
  "Roughly half of the planet's coral cover" -> "half");
* **placeholder**: the template words, from the first to the last token that is bracketed,
  a stand-in mark (TK, XX, XX%) or a date pattern ("XX March" -> "XX",
  "[insert date here]" -> "insert date here");
* any other skill: the whole quote.

When the quote holds no figure or no template word, the core is the whole quote.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

STATISTIC, PLACEHOLDER, LOADED = "unsupported-statistic", "placeholder", "loaded-language"
LOADED_CORE_LIMIT = 4  # words: a loaded-language core names the judgment, not the sentence

# Words that are a figure on their own, in the bank's languages (lower case; Russian and
# Arabic by stem, since they take endings and clitics).
_WORDS = (
    # English
    "half halves third thirds quarter quarters fifth fifths tenth tenths twice double "
    "doubled triple tripled quadrupled halved dozen dozens hundred hundreds thousand "
    "thousands million millions billion billions trillion one two three four five six "
    "seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety percent "
    "majority minority most "
    # Spanish, French
    "mitad tercio tercios cuarta doble triple mil millón millones millon cien ciento "
    "cientos veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa mayoría "
    "decenas centenares miles "
    "moitié tiers quart milliers millier milliard milliards"
)
_NUMBER_WORDS = frozenset(_WORDS.split())
_NUMBER_STEMS = (
    # Russian
    "половин", "трет", "четверт", "вдвое", "втрое", "вчетверо", "тысяч", "миллион",
    "миллиард", "млн", "млрд", "процент", "двадцат", "тридцат", "сорок", "пятьдесят",
    "большинств", "десятк", "сотн",
    # Arabic (after clitics are stripped)
    "نصف", "ثلث", "ربع", "ضعف", "أضعاف", "اضعاف", "ألف", "آلاف", "الاف", "مليون", "ملايين",
    "مليار", "المئة", "المائة", "بالمئة", "بالمائة", "معظم", "أغلب", "غالبية", "عشرات", "مئات",
)  # fmt: skip
_ARABIC_CLITICS = ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل")
_STANDIN = re.compile(r"^(TK+|X{2,}%?|Х{2,}%?|[XХ]{2}:[XХ]{2}|DD|MM|YYYY|ДД|ММ|ГГГГ|TBD|TODO)$")


@lru_cache(maxsize=16384)  # words repeat across a bank; loading asks for each span's words
def is_figure(word: str) -> bool:
    """Whether a token states a quantity: it holds a digit, or it is a number word."""
    if any(unicodedata.category(ch) == "Nd" for ch in word):
        return True
    low = word.lower()
    parts = [p for p in re.split(r"[-‐']", low) if p]
    if any(p in _NUMBER_WORDS for p in parts):
        return True
    for stem in _NUMBER_STEMS:
        if low.startswith(stem):
            return True
        for clitic in _ARABIC_CLITICS:
            if low.startswith(clitic) and low[len(clitic) :].startswith(stem):
                return True
    return False


def is_standin(word: str) -> bool:
    """Whether a token is an editor's stand-in mark (TK, XX, XX%, DD/MM/YYYY parts)."""
    return bool(_STANDIN.match(word))


def default_core(
    skill: str, tokens: range, words: Sequence[str], bracketed: Sequence[bool]
) -> range:
    """The core of a span of ``skill`` over ``tokens`` whose texts are ``words`` (and which of
    them stand inside square or angle brackets, ``bracketed``), when the author gives none."""
    if skill == STATISTIC:
        marks = [i for i, w in enumerate(words) if is_figure(w)]
    elif skill == PLACEHOLDER:
        marks = [i for i, w in enumerate(words) if bracketed[i] or is_standin(w)]
    else:
        marks = []
    if not marks:
        return tokens
    return range(tokens.start + marks[0], tokens.start + marks[-1] + 1)


def inside_brackets(text: str, start: int, end: int, lo: int) -> bool:
    """Whether the characters [start, end) stand inside an open ``[`` or ``<`` of the
    paragraph that starts at ``lo``."""
    before = text[lo:start]
    for opening, closing in ("[]", "<>", "{}"):
        if before.rfind(opening) > before.rfind(closing):
            return True
    return False
