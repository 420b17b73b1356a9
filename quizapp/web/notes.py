"""The words of a feedback note: what the learner picked, beside the key's core and quote.

Plain functions of the outcome, the learner's selection and the article (no Flask), so each
sentence can be tested. A note is lines of parts: interface text (``str``), the article's
words (``Quoted``: the template isolates them, in the quiz's language and direction) and the
author's words (``Authored``: an explanation, in the quiz's language).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

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

# What the core of a span of each skill is called: "that is the figure".
CORE_NAMES = {
    "unsupported-statistic": ("the figure", "the figure"),
    "placeholder": ("the placeholder", "the placeholder"),
    "loaded-language": ("the loaded word", "the loaded words"),
    "vague-attribution": ("the unnamed source", "the unnamed source"),
}
ARGUABLE = "Arguable: careful readers disagree here, so flagging it or leaving it costs nothing. "


@dataclass(frozen=True)
class Voice:
    """Who the note speaks to: the learner ("you") or their teacher (the third person)."""

    picked: str
    nothing: str
    left: str
    labelled: str
    enough: str
    unkeyed: str


STUDENT = Voice(
    "You picked",
    "You picked nothing here",
    "You left these words alone",
    "you labelled them",
    "Next time, {quote} alone is enough.",
    "It is not in the answer key: if you still think these words show the problem, raise "
    "it with your teacher.",
)
TEACHER = Voice(
    "The student picked",
    "The student picked nothing here",
    "The student left these words alone",
    "the student labelled them",
    "{quote} alone would have been enough.",
    "It is not in the answer key: if the student's reading holds, the key may be missing it.",
)


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
        parts += [*([", "] if n else []), Quoted(words(article, run))]
    return parts


def _skill_name(skills: Mapping[str, Skill], skill_id: str) -> str:
    skill = skills.get(skill_id)
    return skill.name.lower() if skill else skill_id


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
    key: list[Part] = [figure]
    if len(core) != len(o.tokens):
        key += [" (any of ", Quoted(words(article, o.tokens)), " is fine)"]
    you: list[Part] = [f"{voice.picked} ", *_quoted(article, mine)]
    carry = "; the words that carry the problem are "
    line: list[Part]
    if o.status == FOUND and set(core) <= set(mine):
        line = [*you, *_whole_core(o.skill, len(core), set(mine) == set(core), figure)]
        if not set(mine) <= set(o.tokens):  # words beyond the quote: found, but not precise
            line += [" ", *_fill(voice.enough, figure)]
    elif o.status == FOUND:
        line = [*you, carry, figure, ". Found."]
    elif o.status == PARTLY:
        line = [*you, carry, *key, "."]
    elif o.status == MISSED and mine:
        line = [*you, ", next to the problem; the words that carry it are ", figure, "."]
    elif o.status == MISSED:
        line = [f"{voice.nothing}{carry}", *key, "."]
    elif o.status == OTHER_SKILL:
        given = " and ".join(_skill_name(skills, lb) for lb in o.labels)
        line = [*you, f" as {given}" if given else "",
                f": these words show another kind of problem, {_skill_name(skills, o.skill)}, "
                "which this question does not ask about."]  # fmt: skip
    elif o.status in (FALSE_ALARM, ARGUABLE_FLAGGED) and mine:
        line = [*you, "."]
    else:  # left alone: a decoy avoided, an arguable span not flagged
        line = [f"{voice.left}{': right' if o.status == AVOIDED else ''}."]
    wrong = [_skill_name(skills, lb) for lb in o.labels if lb != o.skill]
    if o.status in (FOUND, PARTLY) and wrong and o.skill not in o.labels:
        line.append(
            f" But {voice.labelled} {' and '.join(wrong)}: they show "
            f"{_skill_name(skills, o.skill)}, so each word earns half."
        )
    return tuple(part for part in line if part)


def _whole_core(skill: str, size: int, exactly: bool, core: Quoted) -> list[Part]:
    """After "You picked ...": all the core was picked, alone (``exactly``) or with more."""
    names = CORE_NAMES.get(skill)
    name = names[size > 1] if names else "the words that carry the problem"
    if not exactly:
        return [f": it holds {name}, ", core, ". Found."]
    return [f": that is {name}. Found." if names else ": exactly the words that carry the problem. Found."]  # fmt: skip  # noqa: E501


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
        return (ARGUABLE, Authored(text)) if text else (ARGUABLE.rstrip(),)
    if o.explanation:
        return (Authored(o.explanation),)
    if o.status != FALSE_ALARM or not o.tokens:
        return ()
    hint = hint_for(asked, selected(article, o.tokens, language))
    return (*_fill(hint.text, Quoted(hint.quote)), " ", voice.unkeyed)


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
