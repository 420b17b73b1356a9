"""The words of a feedback note: what the learner picked, beside the key's core and quote.

Plain functions of the outcome, the learner's selection and the article, so each sentence
can be tested (Flask-Babel's gettext gives the English outside a request). A note is lines
of parts: interface text (``str``, in the reader's language), the article's words
(``Quoted``: the template isolates them, in the quiz's language and direction) and the
author's words (``Authored``: an explanation, in the quiz's language).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from quizapp.core.article import Article
from quizapp.core.hints import QUOTE, Selected, hint_for
from quizapp.core.scoring import (
    ARGUABLE_FLAGGED,
    ARGUABLE_LEFT,
    AVOIDED,
    FALSE_ALARM,
    FOUND,
    MISSED,
    OTHER_SKILL,
    PARTLY,
    SpanOutcome,
    runs,
)
from quizapp.core.sentences import sentence_around
from quizapp.core.skills import Skill


@dataclass(frozen=True)
class Quoted:
    """Words of the article."""

    text: str
    kind: ClassVar[str] = "quote"


@dataclass(frozen=True)
class Authored:
    """The quiz author's words, such as an explanation."""

    text: str
    kind: ClassVar[str] = "authored"


Part = str | Quoted | Authored
Line = tuple[Part, ...]

ARGUABLE = _l(
    "Arguable: careful readers disagree here, so flagging it or leaving it costs nothing."
)
# The core of a span of each skill, by name ("that is the figure"); else "the words".
CORE_KINDS = {
    "unsupported-statistic": ("figure", "figure"),
    "placeholder": ("placeholder", "placeholder"),
    "loaded-language": ("loaded word", "loaded words"),
    "vague-attribution": ("source", "source"),
}


@dataclass(frozen=True)
class Voice:
    """Who the note speaks to: the learner ("you") or their teacher (the third person). Each
    sentence is whole, to be translated whole: %(picked)s is what the learner picked,
    %(core)s the words that carry the problem, %(span)s the whole span, each quoted."""

    says: Mapping[str, object]  # lazy strings: translated when a note is made
    enough: object
    unkeyed: object


# Translators: notes on the learner's answer. %(picked)s is the learner's selection, %(core)s
# the words that carry the problem, %(span)s the longer words that are also accepted, each
# shown in quotation marks; %(labels)s and %(skill)s are names of kinds of problem.
STUDENT = Voice(
    {
        "is figure": _l("You picked %(picked)s: that is the figure. Found."),
        "is placeholder": _l("You picked %(picked)s: that is the placeholder. Found."),
        "is loaded word": _l("You picked %(picked)s: that is the loaded word. Found."),
        "is loaded words": _l("You picked %(picked)s: those are the loaded words. Found."),
        "is source": _l("You picked %(picked)s: that is the unnamed source. Found."),
        "is words": _l("You picked %(picked)s: exactly the words that carry the problem. Found."),
        "holds figure": _l("You picked %(picked)s: it holds the figure, %(core)s. Found."),
        "holds placeholder": _l(
            "You picked %(picked)s: it holds the placeholder, %(core)s. Found."
        ),
        "holds loaded word": _l(
            "You picked %(picked)s: it holds the loaded word, %(core)s. Found."
        ),
        "holds loaded words": _l(
            "You picked %(picked)s: it holds the loaded words, %(core)s. Found."
        ),
        "holds source": _l("You picked %(picked)s: it holds the unnamed source, %(core)s. Found."),
        "holds words": _l(
            "You picked %(picked)s: it holds the words that carry the problem, %(core)s. Found."
        ),
        "found": _l("You picked %(picked)s; the words that carry the problem are %(core)s. Found."),
        "partly": _l("You picked %(picked)s; the words that carry the problem are %(core)s."),
        "partly any": _l(
            "You picked %(picked)s; the words that carry the problem are %(core)s "
            "(any of %(span)s is fine)."
        ),
        "near": _l(
            "You picked %(picked)s, next to the problem; the words that carry it are %(core)s."
        ),
        "nothing": _l("You picked nothing here; the words that carry the problem are %(core)s."),
        "nothing any": _l(
            "You picked nothing here; the words that carry the problem are "
            "%(core)s (any of %(span)s is fine)."
        ),
        "other": _l(
            "You picked %(picked)s: these words show another kind of problem, "
            "%(skill)s, which this question does not ask about."
        ),
        "other as": _l(
            "You picked %(picked)s as %(labels)s: these words show another kind of "
            "problem, %(skill)s, which this question does not ask about."
        ),
        "picked": _l("You picked %(picked)s."),
        "avoided": _l("You left these words alone: right."),
        "left": _l("You left these words alone."),
        "half": _l(
            "But you labelled them %(labels)s: they show %(skill)s, so each word earns half."
        ),
    },  # fmt: skip
    _l("Next time, %(core)s alone is enough."),
    _l(
        "It is not in the answer key: if you still think these words show the problem, raise "
        "it with your teacher."
    ),
)
# Translators: the same notes, said to the learner's teacher about "the student".
TEACHER = Voice(
    {
        "is figure": _l("The student picked %(picked)s: that is the figure. Found."),
        "is placeholder": _l("The student picked %(picked)s: that is the placeholder. Found."),
        "is loaded word": _l("The student picked %(picked)s: that is the loaded word. Found."),
        "is loaded words": _l("The student picked %(picked)s: those are the loaded words. Found."),
        "is source": _l("The student picked %(picked)s: that is the unnamed source. Found."),
        "is words": _l(
            "The student picked %(picked)s: exactly the words that carry the problem. Found."
        ),
        "holds figure": _l("The student picked %(picked)s: it holds the figure, %(core)s. Found."),
        "holds placeholder": _l(
            "The student picked %(picked)s: it holds the placeholder, %(core)s. Found."
        ),
        "holds loaded word": _l(
            "The student picked %(picked)s: it holds the loaded word, %(core)s. Found."
        ),
        "holds loaded words": _l(
            "The student picked %(picked)s: it holds the loaded words, %(core)s. Found."
        ),
        "holds source": _l(
            "The student picked %(picked)s: it holds the unnamed source, %(core)s. Found."
        ),
        "holds words": _l(
            "The student picked %(picked)s: it holds the words that carry the "
            "problem, %(core)s. Found."
        ),
        "found": _l(
            "The student picked %(picked)s; the words that carry the problem are %(core)s. Found."
        ),
        "partly": _l(
            "The student picked %(picked)s; the words that carry the problem are %(core)s."
        ),
        "partly any": _l(
            "The student picked %(picked)s; the words that carry the problem are "
            "%(core)s (any of %(span)s is fine)."
        ),
        "near": _l(
            "The student picked %(picked)s, next to the problem; the words that carry "
            "it are %(core)s."
        ),
        "nothing": _l(
            "The student picked nothing here; the words that carry the problem are %(core)s."
        ),
        "nothing any": _l(
            "The student picked nothing here; the words that carry the problem "
            "are %(core)s (any of %(span)s is fine)."
        ),
        "other": _l(
            "The student picked %(picked)s: these words show another kind of problem, "
            "%(skill)s, which this question does not ask about."
        ),
        "other as": _l(
            "The student picked %(picked)s as %(labels)s: these words show another "
            "kind of problem, %(skill)s, which this question does not ask about."
        ),
        "picked": _l("The student picked %(picked)s."),
        "avoided": _l("The student left these words alone: right."),
        "left": _l("The student left these words alone."),
        "half": _l(
            "But the student labelled them %(labels)s: they show %(skill)s, so each "
            "word earns half."
        ),
    },  # fmt: skip
    _l("%(core)s alone would have been enough."),
    _l("It is not in the answer key: if the student's reading holds, the key may be missing it."),
)
_SLOT = re.compile(r"%\((\w+)\)s|%%")


def say(message: object, **parts: Part | Sequence[Part]) -> list[Part]:
    """A message in the reader's language, cut at its placeholders, each filled with its
    parts (the template isolates quoted words, so they are not formatted into the text)."""
    text = str(message)
    out: list[Part] = []
    pos = 0
    for m in _SLOT.finditer(text):
        out.append(text[pos : m.start()])
        value = "%" if m[0] == "%%" else parts[m[1]]
        out.extend([value] if isinstance(value, (str, Quoted, Authored)) else value)
        pos = m.end()
    out.append(text[pos:])
    return [p for p in out if p]


def plain(line: Line) -> str:
    """A line as text, the article's words in curly quotes: for tests and logs."""
    return "".join(p if isinstance(p, str) else f"“{p.text}”" if p.kind == "quote" else p.text
                   for p in line)  # fmt: skip


def words(article: Article, tokens: Sequence[int]) -> str:
    """The article's text from the first token to the last."""
    return article.text[article.tokens[tokens[0]].start : article.tokens[tokens[-1]].end]


def _quoted(article: Article, tokens: Collection[int]) -> list[Part]:
    """Each run of ``tokens`` quoted, the runs joined by commas."""
    parts: list[Part] = []
    for n, run in enumerate(runs(tokens)):
        parts += [*([_(", ")] if n else []), Quoted(words(article, run))]
    return parts


def _skill_name(skills: Mapping[str, Skill], skill_id: str) -> str:
    skill = skills.get(skill_id)
    return skill.name.lower() if skill else skill_id


def _names(skills: Mapping[str, Skill], ids: Sequence[str]) -> str:
    """Skills' names as a list in the reader's language: "a and b"."""
    return format_list([_skill_name(skills, i) for i in ids], locale=str(get_locale() or "en"))


def _fill(text: str, quote: Part) -> list[Part]:
    """``text`` with ``{quote}`` replaced by the quoted part."""
    head, found, tail = text.partition(QUOTE)
    return [head, quote, tail] if found else [text]


def yours(
    o: SpanOutcome,
    picked: Collection[int],
    article: Article,
    skills: Mapping[str, Skill],
    voice: Voice = STUDENT,
) -> Line:
    """What the learner picked on this span, and, for a problem, the words that carry it."""
    core = o.core or o.tokens
    if o.status in (FALSE_ALARM, OTHER_SKILL):  # the outcome's tokens are the selection
        mine: list[int] = list(o.tokens)
    else:  # the learner's selections that reach the span, whole (they may run past it)
        mine = sorted(i for r in runs(picked) if not set(o.tokens).isdisjoint(r) for i in r)
    figure = Quoted(words(article, core))
    wider = len(core) != len(o.tokens)
    parts: dict[str, Part | Sequence[Part]] = {
        "picked": _quoted(article, mine), "core": figure, "span": Quoted(words(article, o.tokens)),
        "skill": _skill_name(skills, o.skill),
    }  # fmt: skip
    says = voice.says
    line: list[Part]
    if o.status == FOUND and set(core) <= set(mine):
        kinds = CORE_KINDS.get(o.skill)
        kind = kinds[len(core) > 1] if kinds else "words"
        exact = set(mine) == set(core)
        line = say(says[f"{'is' if exact else 'holds'} {kind}"], **parts)
        if not set(mine) <= set(o.tokens):  # words beyond the quote: found, but not precise
            line += [" ", *say(voice.enough, **parts)]
    elif o.status == FOUND:
        line = say(says["found"], **parts)
    elif o.status == PARTLY:
        line = say(says["partly any" if wider else "partly"], **parts)
    elif o.status == MISSED and mine:
        line = say(says["near"], **parts)
    elif o.status == MISSED:
        line = say(says["nothing any" if wider else "nothing"], **parts)
    elif o.status == OTHER_SKILL:
        line = say(says["other as" if o.labels else "other"], labels=_names(skills, o.labels),
                   **parts)  # fmt: skip
    elif o.status in (FALSE_ALARM, ARGUABLE_FLAGGED) and mine:
        line = say(says["picked"], **parts)
    else:  # left alone: a decoy avoided, an arguable span not flagged
        line = say(says["avoided" if o.status == AVOIDED else "left"])
    wrong = [lb for lb in o.labels if lb != o.skill]
    if o.status in (FOUND, PARTLY) and wrong and o.skill not in o.labels:
        line += [" ", *say(says["half"], labels=_names(skills, wrong), **parts)]
    return tuple(part for part in line if part)


def why(
    o: SpanOutcome,
    article: Article,
    asked: Sequence[Skill],
    language: str,
    voice: Voice = STUDENT,
) -> Line:
    """Why: the author's explanation, said to be arguable where it is, or for a selection
    the key says nothing about, a hint at the usual mistake."""
    if o.status in (ARGUABLE_FLAGGED, ARGUABLE_LEFT):
        text = o.explanation
        # Explanations start with why they are arguable ("Arguable: ..."): said once.
        if text[:9].lower() == "arguable:":
            text = text[9:].lstrip()
            text = text[:1].upper() + text[1:]
        return (str(ARGUABLE) + " ", Authored(text)) if text else (str(ARGUABLE),)
    if o.explanation:
        return (Authored(o.explanation),)
    if o.status != FALSE_ALARM or not o.tokens:
        return ()
    hint = hint_for(asked, selected(article, o.tokens, language))
    return (*_fill(hint.text, Quoted(hint.quote)), " ", str(voice.unkeyed))


def selected(article: Article, tokens: Sequence[int], language: str) -> Selected:
    """The selected words and the rest of their sentence, for the hints."""
    start, end = article.tokens[tokens[0]].start, article.tokens[tokens[-1]].end
    block = article.blocks[article.tokens[tokens[0]].block]
    s, e = sentence_around(article.text, start, end, block.start, block.end)
    s, e = min(s, start), max(e, end)
    text = article.text
    return Selected(text[start:end], text[s:start], text[end:e], language)


def note_lines(
    o: SpanOutcome,
    picked: Collection[int],
    article: Article,
    skills: Mapping[str, Skill],
    asked: Sequence[Skill],
    language: str,
    teacher: bool = False,
) -> tuple[Line, ...]:
    """A note's lines: what was picked, then why. ``picked`` is every token the learner
    selected in the question, ``asked`` the skills the selection was for (the question's,
    or the labels given)."""
    voice = TEACHER if teacher else STUDENT
    lines = (yours(o, picked, article, skills, voice), why(o, article, asked, language, voice))
    return tuple(line for line in lines if line)
