"""Placeholders: template text nobody filled in before the piece went out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizapp.assistant.base import Detector, Suggestion
from quizapp.assistant.registry import register
from quizapp.assistant.text import Document
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.core.texts import M_, Text

# Words that say "fill me in", in the bank's languages and a few more.
_KEYWORDS = (
    r"insert|add|enter|fill|name|date|time|place|placeholder|tbd|tbc|tk|todo|fixme|tba|"
    r"quote|figure|number|amount|total|city|country|town|headline|caption|photo|image|link|"
    r"url|source|citation|here|xx+|company|title|location|details?|"
    r"insertar|añadir|anadir|nombre|fecha|cifra|enlace|cita|aquí|aqui|"
    r"insérer|inserer|ajouter|nom|einfügen|datum|вставить|вставьте|дата|имя|цифра|ссылка|"
    r"أدخل|ادخل|أضف|تاريخ|اسم|رقم"
)
# Names of fields that, in square or angle brackets (not in parentheses, where they are
# often real text), stand for something to fill in.
_FIELDS = (
    r"lugar|ciudad|cantidad|n[uú]mero|dato|datos|hora|t[ií]tulo|fuente|completar|pendiente|"
    r"por\s+confirmar|pie\s+de\s+foto|foto|porcentaje|importe|"
    r"указать|укажите|уточнить|уточняется|название|город|место|время|сумма|число|номер|"
    r"цитата|источник|фио|должность|фото|подпись|процент|"
    r"[وف]?(?:ال)?(?:تاريخ|اسم|رقم|مدينة|مكان|نسبة|مبلغ|عدد|اقتباس|مصدر|رابط|صورة|عنوان|"
    r"تفاصيل|منصب|وظيفة)|ضع|اكتب|يضاف|يحدد|هنا|لاحقا"
)
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,80})\]|<([^<>\n]{1,60})>|\(([^()\n]{1,60})\)")
_KEYWORD = re.compile(rf"(?<!\w)(?:{_KEYWORDS})(?!\w)", re.IGNORECASE)
_FIELD = re.compile(rf"(?<!\w)(?:{_FIELDS})(?!\w)", re.IGNORECASE)
_X = re.compile(r"^[XХ]{1,3}$")
_NOT_PLACEHOLDERS = re.compile(r"^(?:sic|\.\.\.|…|\d+|[a-z]|ed\.?|emphasis added|sic!)$", re.I)
# A unit after a bracketed figure belongs to it ("[X] per cent", "[amount] million"), as
# does a currency sign in front ("$[amount]").
_UNIT_AFTER = re.compile(
    r"\s?(?:%|٪|per\s?cent\b|percent\b|por\s+ciento\b|процент\w*|بالمئة|بالمائة|"
    r"في\s+المئة|في\s+المائة|(?:million|billion|thousand|millones|mil|млн\.?|млрд\.?|"
    r"тыс\.?|مليون|مليار|ألف)(?!\w)(?:\s+(?:dollars|euros|pounds|de\s+euros|de\s+d[oó]lares|"
    r"рублей|долларов|евро|دولار|يورو|دينار|ريال|جنيه|درهم|ليرة))?)",
    re.IGNORECASE,
)
# What may follow XX standing for a figure: a magnitude, then a unit or currency.
_XX_TAIL = (
    r"(?:\s+(?:million|billion|thousand|millones|mil|млн\.?|млрд\.?|тыс\.?|тысяч|миллионов|"
    r"مليون|مليار|ألف)(?!\w))?"
    r"(?:\s+(?:people|dollars|euros|pounds|years|days|percent|per\s+cent|personas|euros|"
    r"de\s+euros|de\s+personas|d[oó]lares|a[nñ]os|por\s+ciento|рублей|руб\.?|долларов|евро|"
    r"человек|процентов|лет|دولار|يورو|شخص|بالمئة|في\s+المئة|في\s+المائة)(?!\w))?"
)
_PATTERNS: tuple[tuple[re.Pattern[str], Text, float], ...] = (
    (re.compile(r"\{\{[^{}\n]{1,60}\}\}|\{%[^{}\n]{1,60}%\}"), M_("template braces left in"), 0.97),
    (
        re.compile(r"(?<![\w{])\{[A-Za-z_][\w ]{0,30}\}(?![\w}])"),
        M_("a template field left in"),
        0.8,
    ),
    (re.compile(r"(?<![\w{$])\$\{[A-Za-z_]\w{0,30}\}"), M_("a template variable left in"), 0.9),
    (
        re.compile(r"(?<![\w%])%(?:s|d|\(\w{1,30}\)s)(?!\w)"),
        M_("a program's format field left in"),
        0.85,
    ),
    (
        re.compile(r"(?<!\w)TK(?:TK)*(?!\w)(?![ \u00a0]+[A-Z][a-z])"),
        M_('"TK" is the editor\'s mark for "to come"'),
        0.93,
    ),
    (
        re.compile(
            rf"[$€£¥₽]\s?[XХ]{{1,3}}(?:[.,][XХ]+)?(?!\w){_XX_TAIL}"
            r"|(?<!\w)[XХ]{1,3}(?:[.,][XХ]+)?\s?(?:%|٪|per\s?cent|percent|por\s+ciento|"
            r"процент\w*|بالمئة|في\s+المئة|في\s+المائة)"
            rf"|(?<!\w)[XХ]{{1,3}}(?:[.,][XХ]{{2,}})+(?!\w){_XX_TAIL}"
            rf"|(?<!\w)[XХ]{{2,}}(?!\w){_XX_TAIL}",
        ),
        M_("X's stand for a figure nobody filled in"),
        0.93,
    ),
    (
        re.compile(r"(?<!\w)[XХ]{2}:[XХ]{2}(?!\w)"),
        M_("X's stand for a time nobody filled in"),
        0.9,
    ),
    (
        re.compile(
            r"(?<!\w)(?:DD|MM|YYYY|YY|ДД|ММ|ГГГГ|ГГ)(?:[./-](?:DD|MM|YYYY|YY|ДД|ММ|ГГГГ|ГГ)){1,2}"
            r"(?!\w)"
        ),
        M_("a date format where the date should be"),
        0.9,
    ),
    (
        re.compile(r"(?i)\blorem\s+ipsum(?:\s+dolor(?:\s+sit(?:\s+amet)?)?)?\b"),
        M_("dummy text"),
        0.98,
    ),
    (re.compile(r"\bINSERT\b[^\n]{0,60}?\bHERE\b"), M_("an instruction to the writer"), 0.97),
    (
        re.compile(r"(?i)\binsert\s+[^.\n\[\]]{1,50}?\s+here\b"),
        M_("an instruction to the writer"),
        0.9,
    ),
    (
        re.compile(
            r"\b(?:[A-Z]{3,}\s+){1,3}(?:GOES\s+)?HERE\b"
            r"|(?i:\b(?:headline|caption|quote|text|copy|photo|image|link|byline)\s+"
            r"(?:goes|to\s+go|to\s+come)\s+here\b)"
        ),
        M_("an instruction to the writer"),
        0.9,
    ),
    (
        re.compile(
            r"(?i)(?<!\w)(?:вставить|вставьте)\s+[^.\n\[\]]{1,40}?\s+сюда(?!\w)"
            r"|(?<!\w)(?:insertar|añadir|poner)\s+[^.\n\[\]]{1,40}?\s+aqu[ií](?!\w)"
            r"|(?<!\w)(?:أدخل|ادخل|أضف|اضف|ضع|اكتب)\s+[^.\n\[\]]{1,40}?\s+هنا(?!\w)"
        ),
        M_("an instruction to the writer"),
        0.9,
    ),
    (re.compile(r"(?i)\[?\bcitation\s+needed\b\]?"), M_("a note that a source is missing"), 0.95),
    (re.compile(r"(?<!\w)(?:TBD|TBC|TBA|TODO|FIXME)(?!\w)"), M_("an editor's note left in"), 0.75),
    (re.compile(r"\?{3,}"), M_("question marks standing for missing text"), 0.6),
)


@register
class PlaceholderDetector(Detector):
    """Brackets asking for text, TK, XX standing for a figure, lorem ipsum, template braces."""

    skill = "placeholder"
    name = BUILTIN_SKILLS["placeholder"].name

    def detect(self, doc: Document) -> Iterator[Suggestion]:
        text = doc.text
        for m in _BRACKETED.finditer(text):
            inner = next(g for g in m.groups() if g is not None).strip()
            if not inner or (_NOT_PLACEHOLDERS.match(inner) and not _X.match(inner)):
                continue
            letters = [c for c in inner if c.isalpha()]
            shouting = len(letters) >= 2 and all(c.isupper() for c in letters)
            square = m.group().startswith("[")
            if _KEYWORD.search(inner) or (not m.group().startswith("(") and _FIELD.search(inner)):
                conf = 0.97 if square else 0.75
                why = M_(
                    "bracketed instructions (%(text)s) where the text should be", text=m.group()
                )
            elif _X.match(inner) and not m.group().startswith("("):
                conf, why = (
                    0.9,
                    M_("a bracketed X (%(text)s) standing for a figure", text=m.group()),
                )
            elif shouting and square:
                conf = 0.85
                why = M_("a bracketed field in capitals (%(text)s) never filled in", text=m.group())
            else:
                continue
            start, end = m.start(), m.end()
            unit = _UNIT_AFTER.match(text, end)
            if unit and unit.group().strip():
                end = unit.end()
            if start > 0 and text[start - 1] in "$€£¥₽":
                start -= 1
            s = self.suggestion(doc, start, end, M_("Template text: %(why)s.", why=why), conf)
            if s:
                yield s
        for pattern, why, conf in _PATTERNS:
            for m in pattern.finditer(text):
                quoted = doc.quotation_at(m.start(), m.end()) is not None and conf < 0.9
                level = conf * 0.8 if quoted else conf
                reason = M_("Template text: %(why)s.", why=why)
                s = self.suggestion(doc, m.start(), m.end(), reason, level)
                if s:
                    yield s
