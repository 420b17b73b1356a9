"""Placeholders: template text nobody filled in before the piece went out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizapp.assistant.base import Detector, Suggestion
from quizapp.assistant.registry import register
from quizapp.assistant.text import Document
from quizapp.core.skills import BUILTIN_SKILLS

# Words that say "fill me in", in the bank's languages and a few more.
_KEYWORDS = (
    r"insert|add|enter|fill|name|date|time|place|placeholder|tbd|tbc|tk|todo|fixme|tba|"
    r"quote|figure|number|amount|total|city|country|town|headline|caption|photo|image|link|"
    r"url|source|citation|here|xx+|company|title|location|details?|"
    r"insertar|añadir|anadir|nombre|fecha|cifra|enlace|cita|aquí|aqui|"
    r"insérer|inserer|ajouter|nom|einfügen|datum|вставить|вставьте|дата|имя|цифра|ссылка|"
    r"أدخل|ادخل|أضف|تاريخ|اسم|رقم"
)
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,80})\]|<([^<>\n]{1,60})>|\(([^()\n]{1,60})\)")
_KEYWORD = re.compile(rf"(?<!\w)(?:{_KEYWORDS})(?!\w)", re.IGNORECASE)
_NOT_PLACEHOLDERS = re.compile(r"^(?:sic|\.\.\.|…|\d+|[a-z]|ed\.?|emphasis added|sic!)$", re.I)
_PATTERNS: tuple[tuple[re.Pattern[str], str, float], ...] = (
    (re.compile(r"\{\{[^{}\n]{1,60}\}\}|\{%[^{}\n]{1,60}%\}"), "template braces left in", 0.97),
    (re.compile(r"(?<![\w{])\{[A-Za-z_][\w ]{0,30}\}(?![\w}])"), "a template field left in", 0.8),
    (
        re.compile(r"(?<!\w)TK(?:TK)*(?!\w)(?![ \u00a0]+[A-Z][a-z])"),
        '"TK" is the editor\'s mark for "to come"',
        0.93,
    ),
    (
        re.compile(
            r"[$€£¥]\s?[XХ]{1,3}(?:[.,][XХ]+)?(?!\w)(?:\s?(?:million|billion|thousand|bn|m|k)\b)?"
            r"|(?<!\w)[XХ]{1,3}(?:[.,][XХ]+)?\s?(?:%|per\s?cent|percent|por\s+ciento)"
            r"|(?<!\w)[XХ]{1,3}(?:[.,][XХ]{2,})+(?!\w)"
            r"|(?<!\w)[XХ]{2,}(?:\s+(?:million|billion|thousand|people|dollars|euros|pounds|years|"
            r"days|percent|per\s+cent|millones|personas))?(?!\w)",
        ),
        "X's stand for a figure nobody filled in",
        0.93,
    ),
    (re.compile(r"(?i)\blorem\s+ipsum(?:\s+dolor(?:\s+sit(?:\s+amet)?)?)?\b"), "dummy text", 0.98),
    (re.compile(r"\bINSERT\b[^\n]{0,60}?\bHERE\b"), "an instruction to the writer", 0.97),
    (re.compile(r"(?i)\binsert\s+[^.\n\[\]]{1,50}?\s+here\b"), "an instruction to the writer", 0.9),
    (re.compile(r"(?i)\[?\bcitation\s+needed\b\]?"), "a note that a source is missing", 0.95),
    (re.compile(r"(?<!\w)(?:TBD|TBC|TBA|TODO|FIXME)(?!\w)"), "an editor's note left in", 0.75),
    (re.compile(r"\?{3,}"), "question marks standing for missing text", 0.6),
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
            if not inner or _NOT_PLACEHOLDERS.match(inner):
                continue
            letters = [c for c in inner if c.isalpha()]
            shouting = len(letters) >= 2 and all(c.isupper() for c in letters)
            square = m.group().startswith("[")
            if _KEYWORD.search(inner):
                conf = 0.97 if square else 0.75
                why = f"bracketed instructions ({m.group()}) where the text should be"
            elif shouting and square:
                conf, why = 0.85, f"a bracketed field in capitals ({m.group()}) never filled in"
            else:
                continue
            s = self.suggestion(doc, m.start(), m.end(), f"Template text: {why}.", conf)
            if s:
                yield s
        for pattern, why, conf in _PATTERNS:
            for m in pattern.finditer(text):
                quoted = doc.quotation_at(m.start(), m.end()) is not None and conf < 0.9
                level = conf * 0.8 if quoted else conf
                s = self.suggestion(doc, m.start(), m.end(), f"Template text: {why}.", level)
                if s:
                    yield s
