"""What to tell a learner whose selection is on no keyed span: the usual mistake, by skill.

A selection that hits neither a problem nor a decoy is a false alarm the key says nothing
about. "No problem was marked in these words" teaches nothing, so each rule below names one
common mistake of a skill ("a year on its own is not a statistic") and says how to tell it
from the real thing. Rules that read the words need the quiz's language (name cues,
capital letters); where none applies, the skill's general hint says what to look for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quizapp.core.cores import LOADED, PLACEHOLDER, STATISTIC, is_figure
from quizapp.core.skills import Skill
from quizapp.core.texts import N_, list_separator, lower_first, translate

VAGUE = "vague-attribution"
QUOTE = "{quote}"  # where the article's words go in a hint's text


@dataclass(frozen=True)
class Selected:
    """A selection and the sentence around it, as text."""

    words: str
    before: str = ""  # the sentence before the selection
    after: str = ""  # the sentence after it
    language: str = "en"

    @property
    def sentence(self) -> str:
        return f"{self.before}{self.words}{self.after}"


@dataclass(frozen=True)
class Hint:
    """A hint: ``text`` holds ``{quote}`` at most once, where ``quote`` (article words) goes."""

    rule: str
    text: str
    quote: str = ""


# --- what the rules read --------------------------------------------------------------

_WORD = re.compile(r"[\w’'%$€£.,-]+")


def _ascii_digits(text: str) -> str:
    """Digits of any script as ASCII ("٢٠١٥" -> "2015")."""
    return "".join(
        str(unicodedata.digit(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text
    )


def _words(text: str) -> list[str]:
    return [w.strip(".,") for w in _WORD.findall(text) if w.strip(".,")]


_YEAR = re.compile(r"(19|20)\d\d")


def _year_alone(s: Selected) -> str | None:
    """A year, with at most small words around it, and no other figure."""
    words = _words(_ascii_digits(s.words))
    years = [w for w in words if _YEAR.fullmatch(w)]
    others = [w for w in words if w not in years]
    if years and not any(is_figure(w) for w in others) and len(others) <= 2:
        return s.words
    return None


# Sources by name next to a figure: "according to the Health Department", "Dr Venn said",
# "the council's data", in the languages whose names start with a capital letter (and Arabic,
# where the word after "according to" is checked against the usual unnamed ones).
_NAME = r"(?:the\s+|el\s+|la\s+|los\s+|las\s+)?([A-ZÁÉÍÓÚÑÜА-ЯЁ][\w’'.-]*(?:\s+(?:of|for|and|de|del|y|[A-ZÁÉÍÓÚÑÜА-ЯЁ][\w’'.-]*))*)"  # noqa: E501
_SPEECH_EN = r"(?:said|says|told|stated|reported|estimated|estimates|found|counted|announced|wrote|noted|warned)"  # noqa: E501
_SPEECH_ES = r"(?:dijo|afirmó|señaló|informó|declaró|explicó|estimó|aseguró)"
_SPEECH_RU = r"(?:сообщил\w*|заявил\w*|сказал\w*|отметил\w*|подсчитал\w*)"
_SOURCE_CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    "en": (
        re.compile(rf"\baccording to\s+{_NAME}"),
        re.compile(rf"\b(?:data|figures|statistics|numbers) (?:from|by)\s+{_NAME}"),
        re.compile(
            rf"{_NAME}[’']s\s+(?:own\s+)?(?:data|figures|survey|report|count|records|study|statistics)\b"
        ),  # noqa: E501
        re.compile(rf"{_NAME},?\s+{_SPEECH_EN}\b"),
        re.compile(rf"\b{_SPEECH_EN}\s+{_NAME}"),
    ),
    "es": (
        re.compile(rf"\bsegún\s+{_NAME}"),
        re.compile(rf"\bdatos (?:de|del)\s+{_NAME}"),
        re.compile(rf"{_NAME},?\s+{_SPEECH_ES}\b"),
    ),
    "ru": (
        re.compile(rf"\bпо (?:данным|словам|оценке|подсчётам|подсчетам)\s+{_NAME}"),
        re.compile(rf"{_NAME},?\s+{_SPEECH_RU}"),
    ),
}
_ARABIC_SOURCE = re.compile(r"(?:بحسب|حسب|وفقا ل|وفقاً ل|وفقًا ل|نقلا عن|نقلاً عن)\s*(\S+(?:\s+\S+)?)")
# Words that sound like a source but name nobody, capitalised at a sentence's start or not.
_UNNAMED_WORDS = """
reports report statistics studies study experts expert officials official sources source
critics analysts observers insiders researchers scientists people residents parents
teachers others some many most several few everyone nobody it they we i the a an this
that these those data figures numbers recent new informes fuentes expertos estudios
datos algunos muchos varios отчёты отчеты источники эксперты данные исследования
некоторые многие تقارير التقارير مصادر المصادر خبراء الخبراء دراسات مسؤولين مسؤولون بعض
كثير عدد سكان السكان الأهالي مراقبين محللين محللون
"""
_UNNAMED = frozenset(_UNNAMED_WORDS.split())
_END = ".,;:!?،؛"


def _is_named(name: str) -> bool:
    words = name.split()
    return bool(words) and not all(w.lower().strip("’'.") in _UNNAMED for w in words)


def _named_source(s: Selected) -> str | None:
    """A figure in a sentence that credits it to a source by name."""
    if not any(is_figure(w) for w in _words(s.words)):
        return None
    if s.language == "ar":
        for m in _ARABIC_SOURCE.finditer(s.sentence):
            if m.group(1).split()[0] not in _UNNAMED:
                return m.group(0).rstrip(_END)
        return None
    for pattern in _SOURCE_CUES.get(s.language, ()):
        for m in pattern.finditer(s.sentence):
            if _is_named(m.group(1)):
                return m.group(0).strip().rstrip(_END)
    return None


# Words that only describe: size, time, place, kind. Lower case; languages with a list only.
_DESCRIBING_EN = """
new old large small big little long short high low early late first last next recent
former current annual daily weekly monthly yearly local national regional international
global public private political military financial economic social official young older
younger main major minor several many few other total full empty open closed north south
east west northern southern eastern western central rural urban nearby own same
different various certain additional further previous final initial joint federal
municipal royal foreign domestic civil electric digital medical legal technical
"""
_DESCRIBING_ES = """
nuevo nueva nuevos nuevas viejo vieja grande grandes pequeño pequeña local locales
nacional nacionales regional regionales anual anuales público pública públicos privado
privada primer primera primero último última reciente recientes antiguo antigua
municipal médico médica sanitario sanitaria
"""
_DESCRIBING = {"en": frozenset(_DESCRIBING_EN.split()), "es": frozenset(_DESCRIBING_ES.split())}
_SMALL = "the a an of in on at to and its their his her el la los las de y"
_FUNCTION = frozenset(_SMALL.split())


def _describing(s: Selected) -> str | None:
    """Every selected word (small words aside) is a plain describing word."""
    listed = _DESCRIBING.get(s.language)
    words = [w.lower() for w in _words(s.words) if w.lower() not in _FUNCTION]
    if listed and words and len(words) <= 3 and all(w in listed for w in words):
        return s.words
    return None


_OPENERS = {"“": "”", "«": "»", "„": "“", "‘": "’"}


def _inside_quotation(s: Selected) -> str | None:
    """The selection stands inside quotation marks: someone's words, reported."""
    before = s.before
    if before.count('"') % 2 == 1 and '"' in s.after:
        return s.words
    for opening, closing in _OPENERS.items():
        if before.rfind(opening) > before.rfind(closing) and closing in s.after + s.words:
            return s.words
    return None


_SPEAKING = re.compile(
    r"\b(?:said|says|told|stated|reiterated|added|argued|argues|believes|perceives|wrote|"
    r"announced|explained|warned|expressed|noted|claimed|according to|dijo|afirmó|señaló|"
    r"según|declaró|explicó|сообщил\w*|заявил\w*|сказал\w*|по словам|по данным|считает)\b",
    re.IGNORECASE,
)


def _named_speaker(s: Selected) -> str | None:
    """A name (a capitalised word that is not a sentence's first, nor an unnamed group) in a
    sentence that credits someone with words or a view."""
    if s.language not in _SOURCE_CUES or not _SPEAKING.search(s.sentence):
        return None
    words = _words(s.words)
    for n, w in enumerate(words):
        first_of_sentence = n == 0 and not s.before.strip()
        if w[:1].isupper() and not first_of_sentence and w.lower().strip("’'") not in _UNNAMED:
            return s.words
    if len(words) > 1 and words[0].lower() not in _UNNAMED and _SPEAKING.fullmatch(words[1]):
        return s.words  # "Haniyeh said" at a sentence's start
    return None


# --- the table ------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One common mistake of ``skill``: ``test`` gives the words to quote when it applies."""

    name: str
    skill: str
    test: Callable[[Selected], str | None]
    text: str


RULES: tuple[Rule, ...] = (
    Rule(
        "year", STATISTIC, _year_alone,
        N_("A year on its own is not a statistic: it says when, not how many or how much. "
           "Look for a number, share or amount given as fact with no source for it."),
    ),
    Rule(
        "named-source", STATISTIC, _named_source,
        # Translators: {quote} is replaced by the article's words; keep it as it is.
        N_("This figure comes with a named source, {quote}, so it is sourced. Flag a figure "
           "when no source for it appears nearby, or when its source could not know it."),
    ),
    Rule(
        "quoted-speaker", LOADED, _inside_quotation,
        N_("These words stand inside a quotation: strong words a named speaker said are the "
           "speaker's, reported, not the writer's judgment. Look for judging words in the "
           "writer's own voice."),
    ),
    Rule(
        "describing-word", LOADED, _describing,
        N_("{quote} only describes: a plainer word would not change the fact, so it is not "
           "loaded language. Look for words that praise, condemn or stir feeling in the "
           "writer's own voice."),
    ),
    Rule(
        "named-speaker", VAGUE, _named_speaker,
        N_("{quote} names who says it: a reader can look the speaker up and weigh them, so "
           "this is not a vague attribution. Look for claims credited to people or reports "
           "nobody could identify."),
    ),
)  # fmt: skip

GENERAL = {
    STATISTIC: N_("No unsupported figure was marked in these words. Look for a number, share "
                  "or amount given as fact, ask who counted it, and highlight the figure itself."),
    PLACEHOLDER: N_("These words were finished by the writer. A placeholder is text nobody "
                    "filled in: a bracketed note to the writer, a stand-in for a figure or a "
                    "date, an editor's mark."),
    LOADED: N_("No loaded word was marked here. Loaded language judges or stirs feeling in the "
               "writer's own voice: ask whether a plainer word would state the same fact, and "
               "highlight only the word that judges."),
    VAGUE: N_("No vague source was marked here. Look for a claim credited to people or "
              "documents a reader cannot identify, and highlight the words that credit them."),
}  # fmt: skip


def general_hint(skills: Sequence[Skill], language: str = "en") -> Hint:
    """What to look for instead, for the skill asked (or each of several), in ``language``
    (the quiz's: the skills' own texts are in it already)."""
    if len(skills) == 1:
        s = skills[0]
        if s.id in GENERAL:
            return Hint(f"general:{s.id}", translate(language, GENERAL[s.id]))
        message = N_("No %(name)s was marked in these words. Look again for this: %(definition)s")
        return Hint(
            f"general:{s.id}",
            translate(language, message, name=lower_first(s.name), definition=s.definition),
        )
    names = list_separator(language).join(lower_first(s.name) for s in skills)
    message = N_("None of the problems asked for was marked here. Look again for: %(names)s.")
    return Hint("general", translate(language, message, names=names))


def hint_for(skills: Sequence[Skill], selected: Selected) -> Hint:
    """The first rule of the asked ``skills`` that fits the selection, else the general hint."""
    wanted = {s.id for s in skills}
    for rule in RULES:
        if rule.skill in wanted and (quote := rule.test(selected)):
            return Hint(rule.name, translate(selected.language, rule.text), quote.strip())
    return general_hint(skills, selected.language)
