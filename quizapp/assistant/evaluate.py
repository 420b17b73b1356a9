"""Measure the detectors against the bank: the authors' annotations are the gold standard.

A suggestion is scored as a learner's highlight is (``quizapp.core.scoring``): recall is
the mean share of each gold span the suggestions of its skill cover, precision the share of
suggested words that lie on a gold span of that skill (a word just outside a span's edge
counts neither way), F1 their harmonic mean. Probable decoys are not suggestions and are
left out. Counts of whole spans (a suggestion overlapping a gold span of its skill) are
given beside.

The bank is split in two halves by sorted article name, every other one: the detectors
are developed on the first half and the second is held out, to show how they do on
articles nobody tuned them to. Number new articles after the last one and the halves of
the old ones stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from quizapp.assistant.base import Suggestion
from quizapp.assistant.registry import detectors
from quizapp.assistant.suggest import SKILL_ORDER, suggest
from quizapp.assistant.text import Document
from quizapp.core.model import Quiz
from quizapp.core.scoring import ANY, SkillTally, neutral_zone, score_highlight

DEV, HELD_OUT = "development", "held-out"


def split(names: Iterable[str]) -> dict[str, str]:
    """Each article name's half: sorted by name, every other one is for development."""
    return {n: (DEV if i % 2 == 0 else HELD_OUT) for i, n in enumerate(sorted(set(names)))}


@dataclass
class SkillResult:
    """Token tallies as the scoring module counts them, and whole-span counts."""

    tally: SkillTally = field(default_factory=SkillTally)
    suggested: int = 0
    suggested_on_gold: int = 0
    gold: int = 0
    gold_found: int = 0

    def add(self, other: SkillResult) -> None:
        self.tally = self.tally + other.tally
        self.suggested += other.suggested
        self.suggested_on_gold += other.suggested_on_gold
        self.gold += other.gold
        self.gold_found += other.gold_found

    @property
    def precision(self) -> float | None:
        return self.tally.precision

    @property
    def recall(self) -> float | None:
        return self.tally.recall

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Miss:
    """A gold span no suggestion touched, or a suggestion on no gold span (for development)."""

    quiz: str
    skill: str
    quote: str
    kind: str


@dataclass
class Evaluation:
    """Per half, per skill results; the articles of each half; misses for inspection."""

    halves: dict[str, list[str]]
    results: dict[str, dict[str, SkillResult]]
    misses: dict[str, list[Miss]]
    skipped: list[str]


def _tokens(doc: Document, s: Suggestion) -> range:
    toks = doc.tokens_between(s.start, s.end)
    return range(toks[0].index, toks[-1].index + 1) if toks else range(0)


def score_quiz(
    quiz: Quiz, found: Sequence[Suggestion], skill: str
) -> tuple[SkillResult, list[Miss]]:
    """One quiz, one skill: the scoring module's tallies and the whole-span counts."""
    doc = Document(quiz.article, quiz.language)
    mine = [s for s in found if s.skill == skill and not s.probable_decoy]
    ranges = [_tokens(doc, s) for s in mine]
    selected = sorted({i for r in ranges for i in r})
    gold = [a for a in quiz.annotations if a.skill == skill]
    others = [a for a in quiz.all_spans if a.decoy or a.skill != skill]
    tol = quiz.settings.edge_tolerance
    if gold:
        scored = score_highlight(
            gold, {ANY: selected}, others=others, question_skills=[skill], tolerance=tol
        )
        tally = scored.tallies.get(skill, SkillTally())
    else:
        neutral = neutral_zone([], tol)
        tally = SkillTally(flagged=float(len([i for i in selected if i not in neutral])))
    result = SkillResult(
        tally,
        suggested=len(mine),
        suggested_on_gold=sum(any(g.token_set & set(r) for g in gold) for r in ranges),
        gold=len(gold),
        gold_found=sum(any(g.token_set & set(r) for r in ranges) for g in gold),
    )
    misses = [
        Miss(quiz.id, skill, quiz.article.text[g.start : g.end], "missed")
        for g in gold
        if not any(g.token_set & set(r) for r in ranges)
    ]
    misses += [
        Miss(quiz.id, skill, s.quote, "false alarm")
        for s, r in zip(mine, ranges, strict=True)
        if not any(g.token_set & set(r) for g in gold)
    ]
    return result, misses


def evaluate(quizzes: Sequence[Quiz], skipped: Sequence[str] = ()) -> Evaluation:
    """Run every detector over every quiz's article and score it against the quiz."""
    skills = [s for s in SKILL_ORDER if s in detectors()]
    halves = split(q.article.name for q in quizzes)
    results: dict[str, dict[str, SkillResult]] = {
        h: {s: SkillResult() for s in skills} for h in (DEV, HELD_OUT, "all")
    }
    misses: dict[str, list[Miss]] = {DEV: [], HELD_OUT: []}
    for quiz in quizzes:
        half = halves[quiz.article.name]
        found = suggest(Document(quiz.article, quiz.language), skills, decoys=False)
        for skill in skills:
            result, missed = score_quiz(quiz, found, skill)
            results[half][skill].add(result)
            results["all"][skill].add(result)
            misses[half].extend(missed)
    names = {h: sorted(n for n, x in halves.items() if x == h) for h in (DEV, HELD_OUT)}
    return Evaluation(names, results, misses, list(skipped))


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def table(evaluation: Evaluation, half: str) -> str:
    """A Markdown table of one half's results."""
    rows = [
        "| skill | precision | recall | F1 | suggestions on gold | gold spans found |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for skill, r in evaluation.results[half].items():
        rows.append(
            f"| {skill} | {_fmt(r.precision)} | {_fmt(r.recall)} | {_fmt(r.f1)} | "
            f"{r.suggested_on_gold}/{r.suggested} | {r.gold_found}/{r.gold} |"
        )
    return "\n".join(rows)
