"""Figures written in words, in English, Spanish, Russian and Arabic.

News copy often spells a figure out: shares ("a third of", "la mitad de", "треть",
"نصف"), counts ("thousands of", "decenas de", "тысячи", "آلاف"), number words with a
magnitude or a per cent ("two million", "veinte por ciento", "двадцать процентов",
"عشرين في المئة") and multiples ("twice as", "el doble", "вдвое", "أضعاف"). This module
only finds them; ``statistics.py`` decides whether their sentence names a source.

Arabic attaches the conjunctions و/ف and the prepositions ب/ل/ك to the next word, so
the Arabic patterns allow them in front (``_AR``). Russian and Arabic words inflect, so
their patterns list the forms news writing uses. Each pattern may carry a ``reject``
test on the words around the match: "the first half of the match" or "в большинстве"
(a hockey power play) are not statistics.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from quizapp.assistant.scan import PatternSet

_I = re.IGNORECASE

# Hedges that may stand in front of a figure in words (the digit hedges live in
# statistics.py, where they are looked for before the number).
_LEAD = (
    r"(?:(?:roughly|nearly|almost|about|around|approximately|more\s+than|less\s+than|"
    r"fewer\s+than|over|under|close\s+to|at\s+least|some|just\s+over|just\s+under|"
    r"well\s+over|up\s+to|as\s+many\s+as|as\s+much\s+as|an\s+estimated|"
    r"casi|cerca\s+de(?:l)?|m[aá]s\s+de(?:l)?|menos\s+de(?:l)?|alrededor\s+de(?:l)?|"
    r"unos|unas|hasta|al\s+menos|aproximadamente|en\s+torno\s+a(?:l)?|"
    r"почти|около|более|свыше|примерно|менее|порядка|не\s+менее|не\s+более|"
    r"приблизительно|как\s+минимум|по\s+меньшей\s+мере|"
    r"(?:[وف]?ب?)(?:أكثر\s+من|أقل\s+من|نحو|حوالي|حوالى|قرابة|زهاء|ما\s+يقارب|"
    r"ما\s+يزيد\s+(?:على|عن)|ما\s+لا\s+يقل\s+عن|أزيد\s+من))\s+)?"
)

# --- English -------------------------------------------------------------------------
_EN_DIGIT = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_EN_SMALL = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_EN_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_EN_NUM = rf"(?:{_EN_TENS}(?:[-\s]{_EN_DIGIT})?|{_EN_SMALL}|(?:a|one)\s+hundred)"
_EN_RATIO = rf"(?:{_EN_SMALL}|{_EN_TENS}|\d+)"
_EN_MONEY = (
    r"(?:dollars?|euros?|pounds?(?:\s+sterling)?|yen|yuan|rupees?|roubles?|rubles?|pesos?|"
    r"francs?|dinars?|riyals?|dirhams?|shekels?)"
)

# --- Spanish -------------------------------------------------------------------------
_ES_DIGIT = r"(?:uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)"
_ES_SMALL = (
    r"(?:un|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|"
    r"catorce|quince|diecis[eé]is|diecisiete|dieciocho|diecinueve|veinte|veinti\w+)"
)
_ES_TENS = r"(?:treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)"
_ES_HUNDREDS = (
    r"(?:cien|ciento|doscient[oa]s|trescient[oa]s|cuatrocient[oa]s|quinient[oa]s|"
    r"seiscient[oa]s|setecient[oa]s|ochocient[oa]s|novecient[oa]s)"
)
_ES_NUM = (
    rf"(?:{_ES_HUNDREDS}(?:\s+(?:{_ES_TENS}(?:\s+y\s+{_ES_DIGIT})?|{_ES_SMALL}))?|"
    rf"{_ES_TENS}(?:\s+y\s+{_ES_DIGIT})?|{_ES_SMALL})"
)
_ES_MONEY = r"(?:euros?|d[oó]lares|libras|pesos|francos|rublos|yenes)"

# --- Russian -------------------------------------------------------------------------
_RU_WORD = (
    r"(?:один|одна|одно|одного|одной|два|две|двух|три|тр[её]х|четыре|четыр[её]х|пять|пяти|"
    r"шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять|десяти|"
    r"(?:один|две|три|четыр|пят|шест|сем|восем|девят)надцат[ьи]|"
    r"двадцат[ьи]|тридцат[ьи]|сорок|сорока|пятьдесят|пятидесяти|шестьдесят|шестидесяти|"
    r"семьдесят|семидесяти|восемьдесят|восьмидесяти|девяносто|девяноста|сто|ста|двести|"
    r"двухсот|триста|тр[её]хсот|четыреста|четыр[её]хсот|пятьсот|пятисот|шестьсот|шестисот|"
    r"семьсот|семисот|восемьсот|восьмисот|девятьсот|девятисот|полтора|полторы|полутора|"
    r"несколько|нескольких)"
)
_RU_NUM = rf"(?:{_RU_WORD}(?:\s+{_RU_WORD}){{0,2}})"
# A comparative after "в два раза" (больше, выше, дороже, дешевле).
_RU_MORE = r"[а-яё]+(?:ее|ше|же|ле)(?!\w)"
_RU_MONEY = r"(?:рубл\w*|доллар\w*|евро|юан\w*|фунт\w*)"

# --- Arabic --------------------------------------------------------------------------
# و/ف (and, so) then ب/ل/ك (by, for, like) may be written onto the word.
_AR = r"(?<!\w)[وف]?[بلك]?"
_AR_WORD = (
    r"(?:واحد|واحدة|اثنان|اثنين|اثنتان|اثنتين|ثلاث|ثلاثة|أربع|أربعة|خمس|خمسة|ست|ستة|سبع|"
    r"سبعة|ثمان|ثماني|ثمانية|تسع|تسعة|عشر|عشرة|عشرون|عشرين|ثلاثون|ثلاثين|أربعون|أربعين|"
    r"خمسون|خمسين|ستون|ستين|سبعون|سبعين|ثمانون|ثمانين|تسعون|تسعين|مئة|مائة|مئتان|مئتين|"
    r"مائتان|مائتين|(?:ثلاث|أربع|خمس|ست|سبع|ثمان|تسع)(?:مئة|مائة)|بضع|بضعة)"
)
_AR_NUM = rf"(?:{_AR_WORD}(?:\s+و\s?{_AR_WORD}){{0,2}})"
_AR_MAGNITUDE = r"(?:ألف|ألفا|ألفين|آلاف|مليون|مليونا|مليوني|ملايين|مليار|مليارا|ملياري|مليارات)"
_AR_MONEY = r"(?:دولار\w*|يورو|ريال\w*|دينار\w*|جنيه\w*|درهم\w*|ليرة|ليرات|شيكل|شيقل)"
_AR_PERCENT = r"(?:في\s+المئة|في\s+المائة|بالمئة|بالمائة|%|٪)"

_ALL_MONEY = rf"(?:{_EN_MONEY}|(?:de\s+)?{_ES_MONEY}|{_RU_MONEY}|{_AR_MONEY})"


@dataclass(frozen=True)
class WordPattern:
    """A figure in words: its regex, what kind of figure, a base confidence, and an
    optional test on (text before, text after) that rejects a match."""

    regex: re.Pattern[str]
    kind: str
    base: float
    reject: Callable[[str, str], bool] | None = None


def _before(pattern: str) -> Callable[[str, str], bool]:
    rx = re.compile(rf"(?:{pattern})\s*$", _I)
    return lambda before, _after: bool(rx.search(before))


def _after(pattern: str) -> Callable[[str, str], bool]:
    rx = re.compile(rf"^\s*(?:{pattern})", _I)
    return lambda _before, after: bool(rx.match(after))


def _either(*tests: Callable[[str, str], bool]) -> Callable[[str, str], bool]:
    return lambda before, after: any(t(before, after) for t in tests)


_EN_TIME = (
    r"(?:the\s+)?(?:time|day|night|morning|afternoon|evening|week|weekend|month|year|season|"
    r"century|decade|game|match|race|term|period|journey|way|summer|winter|spring|autumn)\b"
)
_RU_ORDINAL = r"(?:перв|втор|последн|нижн|верхн|северн|южн|западн|восточн)\w{0,3}"
_RU_TIME = (
    r"(?:дня|года|месяца|недели|матча|игры|сезона|века|столетия|периода|встречи|ночи|"
    r"времени|пути|дистанции|жизни|карьеры|турнира|чемпионата|XX|XXI|\d+-х)"
)
_AR_TIME = (
    r"(?:ال)?(?:ساعة|ساعات|يوم|أيام|ليلة|شهر|أشهر|عام|سنة|قرن|نهائي|الأول|الثاني|الأخير|"
    r"مباراة|المباراة|وقت|الوقت|أحيان|الأحيان|الموسم|موسم|الطريق|المسافة|الظن)\b"
)

WORD_PATTERNS: tuple[WordPattern, ...] = (
    # ---- English shares --------------------------------------------------------
    WordPattern(
        re.compile(
            rf"\b{_LEAD}(?<!first )(?<!second )(?<!last )(?<!the )(?<!latter )(?<!other )"
            r"(?:half|a\s+third|one\s+third|two[-\s]thirds|a\s+quarter|one\s+quarter|"
            r"three[-\s]quarters|a\s+fifth|one\s+fifth|(?:two|three|four)[-\s]fifths|"
            r"a\s+tenth|one\s+tenth|the\s+(?:vast\s+|overwhelming\s+)?majority|"
            r"a\s+(?:large\s+|clear\s+|slim\s+|narrow\s+|small\s+)?majority|"
            r"a\s+(?:small\s+)?minority|most|the\s+bulk)\s+of\b",
            _I,
        ),
        "a share",
        0.7,
        _after(_EN_TIME),
    ),
    WordPattern(
        re.compile(
            rf"\b{_LEAD}(?<!first )(?<!second )(?<!last )(?<!the )(?<!other )"
            r"half\s+(?:the|all|its|their|our)\s+(?=\w)",
            _I,
        ),
        "a share",
        0.65,
        _after(_EN_TIME),
    ),
    WordPattern(
        re.compile(
            rf"\b{_LEAD}{_EN_RATIO}\s+(?:in|out\s+of)\s+(?:every\s+)?{_EN_RATIO}\b"
            r"(?!\s*(?:-|to)\s)",
            _I,
        ),
        "a share",
        0.68,
        _either(
            _after(r"(?:games|matches|races|attempts|minutes|hours|days|weeks|months|years)\b"),
            _before(r"\b(?:the|a|his|her|their|its)"),
        ),
    ),
    # ---- English counts, percentages and sums in words ---------------------------
    WordPattern(
        re.compile(rf"\b{_LEAD}{_EN_NUM}\s+(?:per\s?cent|percent)\b", _I),
        "a percentage",
        0.8,
    ),
    WordPattern(
        re.compile(
            rf"\b{_LEAD}(?:{_EN_NUM}|a|one|half\s+a|a\s+few|several|(?:a|one)\s+quarter\s+of\s+a)"
            rf"\s+(?:hundred\s+)?(?:thousand|million|billion|trillion)\b"
            rf"(?:\s+{_EN_MONEY}\b)?",
            _I,
        ),
        "a large amount in words",
        0.62,
        _after(r"(?:times|to\s+one)\b"),
    ),
    WordPattern(
        re.compile(
            r"\b(?:more\s+than|over|nearly|almost|about|around|roughly|approximately|"
            r"as\s+many\s+as|at\s+least|close\s+to|some|up\s+to)\s+"
            rf"(?:{_EN_TENS}(?:[-\s]{_EN_DIGIT})?|(?:a|one|two|three|four|five|six|seven|eight|"
            r"nine)\s+hundred|a\s+dozen)\b",
            _I,
        ),
        "a hedged count",
        0.64,
        _after(r"(?:years?|minutes?|seconds?|hours?|days?|kilomet\w+|miles?|metres|meters)\b"),
    ),
    # ---- English multiples -----------------------------------------------------
    WordPattern(
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
    WordPattern(
        re.compile(
            r"\b(?:tens\s+of\s+|hundreds\s+of\s+)?(?:dozens|hundreds|thousands|millions|billions)"
            r"\s+of\s+[\w'-]+",
            _I,
        ),
        "a large amount in words",
        0.55,
    ),
    # ---- Spanish ---------------------------------------------------------------
    WordPattern(
        re.compile(
            rf"\b{_LEAD}(?:la\s+mitad|un\s+tercio|dos\s+tercios|un\s+cuarto|"
            r"una\s+(?:cuarta|quinta|tercera|décima|decima)\s+parte|"
            r"(?:dos|tres|cuatro)\s+(?:cuartas|quintas|terceras)\s+partes|"
            r"la\s+(?:gran\s+|inmensa\s+|amplia\s+)?mayor[ií]a|una\s+(?:amplia\s+)?mayor[ií]a|"
            r"una\s+minor[ií]a|la\s+mayor\s+parte|gran\s+parte|buena\s+parte)\s+de(?:l)?\b",
            _I,
        ),
        "a share",
        0.68,
        _after(
            r"(?:el\s+|la\s+|los\s+|las\s+)?(?:tiempo|d[ií]a|noche|mañana|tarde|semana|mes|año|"
            r"temporada|partido|carrera|siglo|camino|recorrido|vida)\b"
        ),
    ),
    WordPattern(
        re.compile(
            rf"\b{_LEAD}(?:{_ES_SMALL}|{_ES_TENS}|\d+)\s+de\s+cada\s+(?:{_ES_SMALL}|{_ES_TENS}|"
            r"cien|mil|\d+)\b",
            _I,
        ),
        "a share",
        0.7,
    ),
    WordPattern(
        re.compile(
            rf"\b{_LEAD}(?:el\s+|un\s+|del\s+|al\s+)?{_ES_NUM}\s+por\s+ciento\b",
            _I,
        ),
        "a percentage",
        0.8,
    ),
    WordPattern(
        re.compile(
            rf"\b{_LEAD}(?:{_ES_NUM}\s+|medio\s+)?(?:mil\s+)?(?:millones|mill[oó]n|billones|"
            rf"bill[oó]n)\s+de\s+(?:{_ES_MONEY}\b|[\w'-]+)",
            _I,
        ),
        "a large amount in words",
        0.62,
    ),
    WordPattern(
        re.compile(rf"\b{_LEAD}{_ES_NUM}\s+mil\b(?:\s+{_ES_MONEY}\b)?", _I),
        "a large amount in words",
        0.62,
        _before(r"\b(?:el|la|los|las|del|de|en|año|años)"),
    ),
    WordPattern(
        re.compile(
            r"\b(?:decenas|docenas|cientos|centenares|miles|millones)\s+de\s+"
            r"(?:miles\s+de\s+|millones\s+de\s+)?[\w'-]+",
            _I,
        ),
        "a large amount in words",
        0.55,
    ),
    WordPattern(
        re.compile(
            r"\b(?:el\s+doble|el\s+triple|el\s+cu[aá]druple)\s+(?:de|que)\b"
            rf"|\b(?:{_ES_SMALL}|\d+)\s+veces\s+(?:m[aá]s|menos|mayor|menor|superior|inferior)\b"
            r"|\b(?:se\s+)?(?:ha\s+|han\s+)?(?:duplic|triplic|cuadruplic)\w+",
            _I,
        ),
        "a multiple",
        0.7,
    ),
    # ---- Russian ---------------------------------------------------------------
    WordPattern(
        re.compile(
            rf"(?<!\w){_LEAD}(?:(?:на\s+)?половин(?:а|у|ы|ой)|(?:на\s+)?(?:две\s+)?трет(?:ь|и|ью)|"
            r"(?:на\s+)?(?:три\s+)?четверт(?:ь|и|ью)|(?:подавляющее\s+|абсолютное\s+)?"
            r"большинство|больш(?:ая|ую|ей)\s+част(?:ь|и))(?!\w)",
            _I,
        ),
        "a share",
        0.68,
        _either(
            _before(
                rf"{_RU_ORDINAL}|\bв|\bво|реализова\w*|численн\w*|использова\w*|"
                r"\bс|\bсо|\bиграя\s+в|\bигре\s+в|\bигры\s+в"
            ),
            _after(rf"{_RU_TIME}|[.,;:!?)»]|$"),
        ),
    ),
    WordPattern(
        re.compile(
            r"(?<!\w)кажд(?:ый|ая|ое|ого|ую|ой)\s+(?:второ|трет|четв[её]рт|пят|шест|седьм|восьм|"
            r"девят|десят|сот)\w*",
            _I,
        ),
        "a share",
        0.7,
    ),
    WordPattern(
        re.compile(rf"(?<!\w){_LEAD}{_RU_NUM}\s+процент\w*", _I),
        "a percentage",
        0.8,
    ),
    WordPattern(
        re.compile(
            rf"(?<!\w){_LEAD}(?:{_RU_NUM}\s+(?:тысяч[аи]?|миллион(?:а|ов)?|миллиард(?:а|ов)?|"
            r"триллион(?:а|ов)?)|пол(?:миллиона|миллиарда|тысячи)|(?:миллион|миллиард)(?!\w))"
            rf"(?:\s+{_RU_MONEY})?(?!\w)",
            _I,
        ),
        "a large amount in words",
        0.62,
    ),
    WordPattern(
        re.compile(
            r"(?<!\w)(?:несколько\s+|нескольких\s+|многие\s+|многих\s+)?"
            r"(?:десятк(?:и|ов|ам|ами)|сотн(?:и|ям|ями)|сотен|тысяч(?:и|ам|ами)|"
            r"миллион(?:ы|ов|ам|ами)|миллиард(?:ы|ов|ам|ами))"
            r"(?:\s+(?:тысяч|миллионов|миллиардов))?(?:\s+[а-яё-]+)?(?!\w)",
            _I,
        ),
        "a large amount in words",
        0.55,
        _before(rf"\d|(?<!\w){_RU_WORD}"),
    ),
    WordPattern(
        re.compile(
            rf"(?<!\w)(?:вдвое|втрое|вчетверо|впятеро|вдесятеро)(?!\w)(?:\s+{_RU_MORE})?"
            r"|(?<!\w)в\s+(?:\d+(?:[.,]\d+)?|два|три|четыре|пять|шесть|семь|восемь|девять|десять|"
            rf"полтора|несколько)\s+раза?(?!\w)(?:\s+{_RU_MORE})?"
            rf"|(?<!\w)в\s+разы(?!\w)(?:\s+{_RU_MORE})?"
            r"|(?<!\w)(?:удвоил|утроил|удвоен|утроен|удвои|утрои)\w*",
            _I,
        ),
        "a multiple",
        0.7,
    ),
    # ---- Arabic ----------------------------------------------------------------
    WordPattern(
        re.compile(
            rf"{_AR}(?:ال)?(?:نصف|ثلث|ربع|ثلثي|ثلثا|ثلاثة\s+أرباع|معظم|أغلب|غالبية|أغلبية|"
            r"الغالبية\s+العظمى|السواد\s+الأعظم)(?!\w)",
        ),
        "a share",
        0.68,
        _after(rf"{_AR_TIME}|[.,;:!?)»،؛؟]|$"),
    ),
    WordPattern(
        re.compile(rf"{_AR}(?:{_AR_WORD})\s+من\s+كل\s+(?:{_AR_WORD}|\d+)(?!\w)"),
        "a share",
        0.7,
    ),
    WordPattern(
        re.compile(rf"{_LEAD}{_AR}{_AR_NUM}\s+{_AR_PERCENT}"),
        "a percentage",
        0.8,
    ),
    WordPattern(
        re.compile(
            rf"{_LEAD}{_AR}(?:(?:{_AR_NUM}|نصف|ربع)\s+{_AR_MAGNITUDE}|مليون|مليونا|مليار|مليارا)"
            rf"(?!\w)(?:\s+{_AR_MONEY})?"
        ),
        "a large amount in words",
        0.62,
    ),
    WordPattern(
        re.compile(
            rf"{_AR}(?:ال)?(?:عشرات|مئات|آلاف|ألوف|ملايين|مليارات)(?!\w)"
            r"(?:\s+(?:ال)?(?:آلاف|ملايين))?"
        ),
        "a large amount in words",
        0.55,
        _before(rf"\d|(?<!\w)[وف]?[بل]?{_AR_WORD}"),
    ),
    WordPattern(
        re.compile(
            rf"{_AR}(?:{_AR_NUM}\s+)?أضعاف(?!\w)|{_AR}ضعفي(?!\w)|(?<!\w)[وف]?[تي]?تضاعف\w*"
            rf"|{_AR}(?:ال)?ضعف\s+(?:ما|عدد|حجم|مستوى|سعر|متوسط|معدل|كمية)(?!\w)"
        ),
        "a multiple",
        0.7,
    ),
    WordPattern(
        re.compile(
            r"(?<!\w)[وف]?ب?(?:أكثر\s+من|أقل\s+من|نحو|حوالي|حوالى|قرابة|زهاء|ما\s+يقارب|"
            rf"ما\s+يزيد\s+(?:على|عن)|ما\s+لا\s+يقل\s+عن)\s+{_AR}(?:{_AR_MAGNITUDE}|مئة|مائة)"
            rf"(?!\w)(?:\s+{_AR_MONEY})?"
        ),
        "a hedged count",
        0.68,
    ),
    # ---- sums of money in words, any of the four languages ------------------------
    WordPattern(
        re.compile(
            rf"\b{_LEAD}{_EN_NUM}\s+{_EN_MONEY}\b|\b{_LEAD}{_ES_NUM}\s+{_ES_MONEY}\b"
            rf"|(?<!\w){_LEAD}{_RU_NUM}\s+{_RU_MONEY}|{_LEAD}{_AR}{_AR_NUM}\s+{_AR_MONEY}",
            _I,
        ),
        "a sum of money",
        0.75,
    ),
)


_MONEY_WORD = re.compile(rf"(?<!\w){_ALL_MONEY}(?!\w)", _I)
# Each pattern is tried only where a word it can begin with starts (the hedges of _LEAD and
# look-behinds kept the engine trying every pattern at every character).
_SCAN = PatternSet([p.regex for p in WORD_PATTERNS])


def word_figures(text: str) -> Iterator[tuple[int, int, str, float]]:
    """(start, end, kind, base confidence) of every figure written in words."""
    for p, found in zip(WORD_PATTERNS, _SCAN.matches(text), strict=True):
        for m in found:
            if not m.group().strip():
                continue
            before = text[max(0, m.start() - 40) : m.start()]
            after = text[m.end() : m.end() + 40]
            if p.reject and p.reject(before, after):
                continue
            if p.kind == "a large amount in words" and _MONEY_WORD.search(m.group()):
                yield m.start(), m.end(), "a sum of money", 0.75
            else:
                yield m.start(), m.end(), p.kind, p.base
