"""The house style of answer keys, as far as it can be checked: each annotation's core and
sentence, and examples in prompts that give answers away."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from quizapp.core.anchor import fold
from quizapp.core.article import Article
from quizapp.core.cores import (
    LOADED,
    LOADED_CORE_LIMIT,
    STATISTIC,
    default_core,
    inside_brackets,
    is_figure,
)
from quizapp.core.model import Annotation
from quizapp.core.sentences import sentence_around
from quizapp.core.texts import M_, P_, Text

# An example quoted in running text: in quotation marks that open after a space or a
# bracket (so "writer's" opens nothing), or a bracketed note such as [insert date here].
_EXAMPLE = re.compile(
    r"""(?:(?<=^)|(?<=[\s(:,;]))(?:'([^'\n]{2,80}?)'|"([^"\n]{2,80}?)"|“([^”\n]{2,80}?)”"""
    r"""|‘([^’\n]{2,80}?)’|«([^»\n]{2,80}?)»)(?![^\W\d_])|(\[[^\]\n]{1,80}\])"""
)


def _words(article: Article, tokens: range) -> list[str]:
    return [article.text[slice(*article.token_bounds(i))] for i in tokens]


def place_core(
    article: Article, skill: str, start: int, end: int, tokens: range, core: str
) -> tuple[range, Text | None]:
    """The core's tokens, and a problem (None when none): ``core`` is text inside the quote
    at [start, end), or '' for the skill's default (``cores.default_core``)."""
    if not core:
        block = article.block_at(start)
        bracketed = [
            inside_brackets(article.text, *article.token_bounds(i), block.start) for i in tokens
        ]
        return default_core(skill, tokens, _words(article, tokens), bracketed), None
    quote = article.folded[start:end]
    needle = fold(core)
    at = quote.find(needle)
    if at < 0:
        message = M_('core "%(core)s" is not inside the quote', core=core)
        return tokens, message.with_fix(M_("copy words of the quote"))
    if quote.find(needle, at + 1) >= 0:
        message = M_('core "%(core)s" occurs more than once in the quote', core=core)
        return tokens, message.with_fix(M_("give more of it"))
    placed = article.token_span(start + at, start + at + len(needle))
    if not placed:
        message = M_('core "%(core)s" holds no word', core=core)
        return tokens, message.with_fix(M_("give the words that carry the problem"))
    first, last = article.token_bounds(placed.start), article.token_bounds(placed.stop - 1)
    if first[0] < start + at or last[1] > start + at + len(needle):
        return tokens, M_('core "%(core)s" cuts a word', core=core).with_fix(M_("give whole words"))
    return placed, None


def complete(article: Article, a: Annotation) -> Annotation:
    """``a`` with its default core and its sentence filled in where it has none, as the
    loader gives them: so that a span made elsewhere (a draft's, say) scores the same."""
    if a.decoy or (a.core is not None and a.context is not None):
        return a
    core = a.core
    if core is None:
        core = place_core(article, a.skill, a.start, a.end, a.tokens, "")[0]
    context = a.context if a.context is not None else sentence_tokens(article, a.start, a.end)
    return dataclasses.replace(a, core=core, context=context)


def style_problem(article: Article, a: Annotation, given: bool) -> Text | None:
    """What the house style says of an annotation's core, or None."""
    core = a.core_tokens
    text = article.text[
        article.token_bounds(core.start)[0] : article.token_bounds(core.stop - 1)[1]
    ]
    if a.skill == STATISTIC and not any(map(is_figure, _words(article, core))):
        where = M_('its core "%(text)s"', text=text) if given else M_('quote "%(text)s"', text=text)
        message = M_(
            "annotation '%(id)s' is an unsupported statistic, but %(where)s holds no figure "
            "(digits, or a number word such as 'half')",
            id=a.id, where=where,
        )  # fmt: skip
        return message.with_fix(M_("give the figure as core:"))
    if a.skill == LOADED and len(core) > LOADED_CORE_LIMIT:
        message = P_(
            "annotation '%(id)s': the core of loaded language is a few words, but "
            '"%(text)s" is %(num)d',
            "annotation '%(id)s': the core of loaded language is a few words, but "
            '"%(text)s" is %(num)d',
            len(core), id=a.id, text=text, num=len(core),
        )  # fmt: skip
        fix = P_(
            "give core: the (at most %(limit)d) word that carries the judgment",
            "give core: the (at most %(limit)d) words that carry the judgment",
            LOADED_CORE_LIMIT, limit=LOADED_CORE_LIMIT,
        )  # fmt: skip
        return message.with_fix(fix)
    return None


CONTEXT_MAX = 30  # tokens: a sentence longer than this is cut to a window around the quote


def sentence_tokens(article: Article, start: int, end: int) -> range:
    """The tokens of the sentence (or sentences) holding the characters [start, end), at most
    ``CONTEXT_MAX`` of them around the quote: a text of one endless sentence must not make
    selecting all of it cheap."""
    block = article.block_at(start)
    s, e = sentence_around(article.text, start, end, block.start, block.end)
    whole, quote = article.token_span(s, e), article.token_span(start, end)
    if len(whole) <= CONTEXT_MAX or len(quote) >= CONTEXT_MAX:
        return whole if len(quote) < CONTEXT_MAX else quote
    spare = CONTEXT_MAX - len(quote)
    first = max(whole.start, min(quote.start - spare // 2, whole.stop - CONTEXT_MAX))
    return range(first, first + CONTEXT_MAX)


def examples(text: str) -> list[str]:
    """The examples quoted in a prompt, a definition or a tip."""
    return [next(g for g in m.groups() if g) for m in _EXAMPLE.finditer(text)]


def answers_given(
    text: str, article: Article, annotations: Iterable[Annotation]
) -> list[tuple[str, Annotation]]:
    """Each example of ``text`` that the article holds on an annotation's words."""
    spans: Sequence[Annotation] = list(annotations)
    out: list[tuple[str, Annotation]] = []
    for example in examples(text):
        needle = fold(example).strip()
        if not needle:
            continue
        for m in re.finditer(re.escape(needle), article.folded, re.IGNORECASE):
            hit = next((a for a in spans if a.start < m.end() and m.start() < a.end), None)
            if hit is not None:
                out.append((example, hit))
                break
    return out
