"""Run the detectors over an article: merged, filtered and sorted for an author's review."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from quizapp.assistant.base import Suggestion
from quizapp.assistant.registry import detectors, get_detector
from quizapp.assistant.text import Document
from quizapp.core.article import Article
from quizapp.core.skills import BUILTIN_SKILLS

SKILL_ORDER = tuple(BUILTIN_SKILLS)


def merge(found: Iterable[Suggestion]) -> list[Suggestion]:
    """Keep, of suggestions of one skill that overlap, the most confident (then the widest).

    A probable decoy gives way to a problem suggestion over the same words."""
    ranked = sorted(found, key=lambda s: (s.probable_decoy, -s.confidence, s.start - s.end))
    kept: list[Suggestion] = []
    taken: dict[str, list[tuple[int, int]]] = {}  # per skill, sorted, never overlapping
    for s in ranked:
        spans = taken.setdefault(s.skill, [])
        i = bisect.bisect_left(spans, (s.start, s.end))
        if (i > 0 and spans[i - 1][1] > s.start) or (i < len(spans) and spans[i][0] < s.end):
            continue
        spans.insert(i, (s.start, s.end))
        kept.append(s)
    return kept


def review_order(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """By skill (the built-in order), problems before decoys, most confident first."""

    def key(s: Suggestion) -> tuple[int, bool, float, int]:
        rank = SKILL_ORDER.index(s.skill) if s.skill in SKILL_ORDER else len(SKILL_ORDER)
        return rank, s.probable_decoy, -s.confidence, s.start

    return sorted(suggestions, key=key)


def suggest(
    article: Article | Document,
    skills: Sequence[str] | None = None,
    min_confidence: float = 0.0,
    *,
    decoys: bool = True,
) -> list[Suggestion]:
    """Every suggestion for ``article`` of the given skills (all by default), for review."""
    doc = article if isinstance(article, Document) else Document(article)
    chosen = list(skills) if skills else list(detectors())
    found: list[Suggestion] = []
    for skill in chosen:
        found.extend(get_detector(skill)().detect(doc))
    kept = [
        s
        for s in merge(found)
        if s.confidence >= min_confidence and (decoys or not s.probable_decoy)
    ]
    return review_order(kept)
