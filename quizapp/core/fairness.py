"""Simulated students on every highlight question of a quiz, and the bands their scores
should fall in: a check of the answer key and the scoring rule together, for authors.

The students, each marking what they mark in every highlight question (labelled with the
right skill in a label question):

* **cores**: exactly the core of each problem (the words that carry it);
* **quotes**: the whole quote of each problem (the longest stretch a teacher accepts);
* **sentences**: the whole sentence each problem sits in;
* **figures**: the cores, and every figure of the text (statistics questions only);
* **decoys**: the cores, and every decoy that looks like the question's skills;
* **arguable**: the cores, and the cores of the arguable problems;
* **blind**: the best of the blind selections (everything, every other word).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from quizapp.core.cores import STATISTIC, is_figure
from quizapp.core.model import Annotation, Quiz
from quizapp.core.questions.base import JSON
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.sentences import sentence_around

STUDENTS = ("cores", "quotes", "sentences", "figures", "decoys", "arguable", "blind")


@dataclass(frozen=True)
class Band:
    """Where a student's scores should lie: a mean over a quiz's highlight questions and a
    floor or ceiling on each one; ``None`` where nothing is asked."""

    student: str
    text: str
    mean_at_least: float | None = None
    each_at_least: float | None = None
    each_at_most: float | None = None


BANDS = (
    Band("cores", "exactly the cores: >= 0.9 on average, >= 0.7 on each", 0.9, 0.7),
    Band("quotes", "the whole quotes: >= 0.6 on each", None, 0.6),
    Band("sentences", "whole sentences: 0.35 to 0.7 on each", None, 0.35, 0.7),
    Band("blind", "blind selections: <= 0.2 on each", None, None, 0.2),
)
DECOY_COST = 0.15  # flagging the decoys costs at least this much, on average over questions


@dataclass(frozen=True)
class QuestionRun:
    """The simulated students' scores on one highlight question (None: not applicable)."""

    question_id: str
    scores: Mapping[str, float | None]


@dataclass(frozen=True)
class QuizRun:
    """Every highlight question's run, and the bands a quiz misses."""

    quiz_id: str
    questions: tuple[QuestionRun, ...]
    warnings: tuple[str, ...]

    def mean(self, student: str) -> float | None:
        values = [v for q in self.questions if (v := q.scores.get(student)) is not None]
        return sum(values) / len(values) if values else None


def _sentence(quiz: Quiz, a: Annotation) -> range:
    article = quiz.article
    block = article.block_at(a.start)
    s, e = sentence_around(article.text, a.start, a.end, block.start, block.end)
    return article.token_span(s, e)  # the whole sentence, however long


def _answer(q: HighlightQuestion, marks: Iterable[tuple[int, str]]) -> JSON:
    """The response that selects each token with its skill (no label in a spot question)."""
    by_label: dict[str, set[int]] = {}
    for i, skill in marks:
        if i in q.scope_tokens:
            by_label.setdefault(skill, set()).add(i)
    if q.type_id == "label":
        return {"labels": {k: sorted(v) for k, v in by_label.items()}}
    return {"tokens": sorted(set().union(*by_label.values()))}


def run_question(quiz: Quiz, q: HighlightQuestion) -> QuestionRun:
    skills = {s.id for s in q.skills}
    cores = [(i, t.skill) for t in q.targets for i in t.core_tokens]
    students: dict[str, Callable[[], list[tuple[int, str]] | None]] = {
        "cores": lambda: cores,
        # With nothing to find (empty: true) the careful student leaves it alone, which the
        # cores student already does: whole quotes and sentences have nothing to stand on.
        "quotes": lambda: [(i, t.skill) for t in q.targets for i in t.tokens] or None,
        "sentences": lambda: [(i, t.skill) for t in q.targets for i in _sentence(quiz, t)] or None,
        "figures": lambda: (
            cores
            + [
                (i, STATISTIC)
                for i in sorted(q.scope_tokens)
                if is_figure(quiz.article.tokens[i].text)
            ]
            if STATISTIC in skills
            else None
        ),
        "decoys": lambda: (
            cores + [(i, o.skill) for o in decoys for i in o.tokens]
            if (decoys := [o for o in q.others if o.decoy and o.skill in skills])
            else None
        ),
        "arguable": lambda: (
            cores + [(i, a.skill) for a in arguable for i in a.core_tokens]
            if (arguable := q.arguable)
            else None
        ),
    }
    scores: dict[str, float | None] = {}
    for name, marks in students.items():
        chosen = marks()
        scores[name] = None if chosen is None else q.grade(_answer(q, chosen)).score
    scores["blind"] = q.worst_blind_selection()[1]
    return QuestionRun(q.id, scores)


def run_quiz(quiz: Quiz) -> QuizRun:
    runs = tuple(run_question(quiz, q) for q in quiz.questions if isinstance(q, HighlightQuestion))
    return QuizRun(quiz.id, runs, tuple(_warnings(quiz.id, runs)))


def _warnings(quiz_id: str, runs: Sequence[QuestionRun]) -> list[str]:
    out: list[str] = []
    scored = list(runs)
    for band in BANDS:
        values = {r.question_id: r.scores[band.student] for r in scored}
        present = {k: v for k, v in values.items() if v is not None}
        if not present:
            continue
        mean = sum(present.values()) / len(present)
        if band.mean_at_least is not None and mean < band.mean_at_least - 1e-9:
            out.append(f"{quiz_id}: {band.student} average {mean:.2f} ({band.text})")
        for qid, v in present.items():
            low = band.each_at_least is not None and v < band.each_at_least - 1e-9
            high = band.each_at_most is not None and v > band.each_at_most + 1e-9
            if low or high:
                out.append(f"{quiz_id}/{qid}: {band.student} {v:.2f} ({band.text})")
    costs = [
        core - decoy
        for r in scored
        if (core := r.scores.get("cores")) is not None
        and (decoy := r.scores.get("decoys")) is not None
    ]
    if costs and sum(costs) / len(costs) < DECOY_COST - 1e-9:
        out.append(
            f"{quiz_id}: flagging the decoys too costs only {sum(costs) / len(costs):.2f} on "
            f"average (at least {DECOY_COST}); add decoys that look like each question's skill"
        )
    for r in scored:
        core, arguable = r.scores.get("cores"), r.scores.get("arguable")
        if core is not None and arguable is not None and arguable < core - 1e-9:
            out.append(
                f"{quiz_id}/{r.question_id}: marking the arguable problems too scores "
                f"{arguable:.2f}, less than the cores alone ({core:.2f})"
            )
    return out


def table(run: QuizRun) -> list[str]:
    """The run as lines of a fixed-width table, one row a question and a mean row."""
    head = f"{'question':<28}" + "".join(f"{s:>10}" for s in STUDENTS)

    def cell(v: float | None) -> str:
        return f"{'-':>10}" if v is None else f"{v:>10.2f}"

    rows = [head]
    for q in run.questions:
        rows.append(f"{q.question_id[:28]:<28}" + "".join(cell(q.scores.get(s)) for s in STUDENTS))
    rows.append(f"{'mean':<28}" + "".join(cell(run.mean(s)) for s in STUDENTS))
    return rows
