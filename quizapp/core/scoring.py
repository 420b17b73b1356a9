"""Score a highlight against annotated spans, with partial credit that cannot be gamed.

The rule, after SemEval-2020 Task 11's span scoring:

* **recall** is the mean, over the target spans, of the share of each span's tokens the
  learner selected (a token selected with the wrong label earns half);
* **precision** is ``c / (c + penalty * f)``: ``c`` counts selected tokens that lie on a
  target, ``f`` those that lie on none (a wrongly labelled target token counts half to each).
  Selected tokens within ``tolerance`` tokens of a target's edge count to neither, so a
  highlight one word too wide on each side is not punished;
* the **score** is their harmonic mean (F1), 0 when nothing right is selected.

Precision counts tokens rather than averaging over selections, so splitting a huge
selection into many small ones gains nothing, and selecting everything scores about twice
the share of the text that is targeted.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from quizapp.core.model import Annotation

ANY = "*"

FOUND, PARTLY, MISSED = "found", "partly", "missed"
FALSE_ALARM, OTHER_SKILL, AVOIDED = "false_alarm", "other_skill", "avoided"
FOUND_AT = 0.8
_EXPECTED, _FOUND, _FLAGGED, _CORRECT = range(4)  # SkillTally's fields, in order


@dataclass(frozen=True)
class SkillTally:
    """Counts behind per-skill recall (spans) and precision (tokens); they add up over time."""

    expected: float = 0.0
    found: float = 0.0
    flagged: float = 0.0
    correct: float = 0.0

    def __add__(self, other: SkillTally) -> SkillTally:
        return SkillTally(
            self.expected + other.expected,
            self.found + other.found,
            self.flagged + other.flagged,
            self.correct + other.correct,
        )

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.flagged if self.flagged else None


def add_tallies(*parts: Mapping[str, SkillTally]) -> dict[str, SkillTally]:
    """Sum per-skill tallies."""
    out: dict[str, SkillTally] = {}
    for part in parts:
        for skill, tally in part.items():
            out[skill] = out.get(skill, SkillTally()) + tally
    return out


@dataclass(frozen=True)
class SpanOutcome:
    """What became of one annotated span, or of one selection that hit no target."""

    status: str
    tokens: tuple[int, ...]
    annotation_id: str = ""
    skill: str = ""
    coverage: float = 0.0
    explanation: str = ""
    fix: str = ""
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class HighlightScore:
    """The score of one highlight question and what it is made of."""

    score: float
    precision: float
    recall: float
    outcomes: tuple[SpanOutcome, ...]
    tallies: Mapping[str, SkillTally] = field(default_factory=dict)


def runs(indexes: Iterable[int]) -> list[tuple[int, ...]]:
    """Merge token indexes into runs of consecutive tokens (touching selections join)."""
    out: list[list[int]] = []
    for i in sorted(set(indexes)):
        if out and i == out[-1][-1] + 1:
            out[-1].append(i)
        else:
            out.append([i])
    return [tuple(r) for r in out]


def neutral_zone(targets: Sequence[Annotation], tolerance: int) -> frozenset[int]:
    """Tokens just outside a target's edges: selecting them is neither right nor wrong."""
    on_target = frozenset().union(*(t.tokens for t in targets))
    near = {
        i
        for t in targets
        for d in range(1, tolerance + 1)
        for i in (t.tokens.start - d, t.tokens.stop - 1 + d)
    }
    return frozenset(near - on_target)


@dataclass(frozen=True)
class SpanIndex:
    """What scoring reads of a question's spans whatever the answer: built once a question
    (``span_index``), so that grading an answer does only the answer's own work."""

    targets: Sequence[Annotation]
    others: Sequence[Annotation]
    skills_at: Mapping[int, frozenset[str]]
    neutral: frozenset[int]
    q_skills: tuple[str, ...]
    others_at: Mapping[int, tuple[int, ...]]


def span_index(
    targets: Sequence[Annotation],
    others: Sequence[Annotation] = (),
    question_skills: Sequence[str] = (),
    tolerance: int = 1,
) -> SpanIndex:
    if not targets:
        raise ValueError("a highlight question needs at least one target span")
    skills_at: dict[int, set[str]] = {}
    for t in targets:
        for i in t.tokens:
            skills_at.setdefault(i, set()).add(t.skill)
    # Which of ``others`` lie on each token, in their order, for explaining false alarms.
    others_at: dict[int, list[int]] = {}
    for n, o in enumerate(others):
        for i in o.tokens:
            others_at.setdefault(i, []).append(n)
    return SpanIndex(
        tuple(targets),
        tuple(others),
        {i: frozenset(k) for i, k in skills_at.items()},
        neutral_zone(targets, tolerance),
        tuple(question_skills) or tuple(sorted({t.skill for t in targets})),
        {i: tuple(n) for i, n in others_at.items()},
    )


def score_highlight(
    targets: Sequence[Annotation],
    selection: Mapping[str, Iterable[int]],
    *,
    others: Sequence[Annotation] = (),
    question_skills: Sequence[str] = (),
    penalty: float = 1.0,
    tolerance: int = 1,
    index: SpanIndex | None = None,
) -> HighlightScore:
    """Score ``selection`` (label -> token indexes; ``ANY`` for an unlabelled spot) against
    ``targets``; ``others`` (decoys, spans of skills not asked for) only explain false alarms.
    ``index``, when given, is ``span_index`` of the same targets, others, skills and
    tolerance, made once for many answers."""
    if index is None:
        index = span_index(targets, others, question_skills, tolerance)
    targets, others = index.targets, index.others
    skills_at, neutral, q_skills = index.skills_at, index.neutral, index.q_skills
    chosen = {label: frozenset(toks) for label, toks in selection.items() if toks}

    # Tallies are summed field by field in plain floats, in the order SkillTally additions
    # would make them (so every figure is the same to the last bit), and built at the end:
    # a blind selection of a whole article touches every token.
    c = f = 0.0
    sums: dict[str, list[float]] = {}

    def tally(skill: str, field: int, amount: float) -> list[float]:
        row = sums.get(skill)
        if row is None:
            row = sums[skill] = [0.0, 0.0, 0.0, 0.0]
        row[field] += amount
        return row

    spread = 1 / len(q_skills)
    for label, toks in chosen.items():
        for i in toks:
            here = skills_at.get(i)
            if here:
                if label == ANY or label in here:
                    c += 1
                else:
                    c, f = c + 0.5, f + 0.5
                for skill in here if label == ANY else (label,):
                    tally(skill, _CORRECT, 1 if skill in here else 0)[_FLAGGED] += 1
            elif i not in neutral:
                f += 1
                if label == ANY:
                    for skill in q_skills:
                        tally(skill, _FLAGGED, spread)
                else:
                    tally(label, _FLAGGED, 1)

    outcomes: list[SpanOutcome] = []
    coverages: list[float] = []
    labelled = [(lb, toks) for lb, toks in chosen.items() if lb != ANY]
    credit_of = {skill: _credit_rule(skill, chosen) for skill in {t.skill for t in targets}}
    for t in targets:
        credit = credit_of[t.skill](t.tokens)
        given = tuple(sorted(lb for lb, toks in labelled if not toks.isdisjoint(t.tokens)))
        coverage = credit / len(t.tokens)
        coverages.append(coverage)
        tally(t.skill, _EXPECTED, 1)[_FOUND] += coverage
        status = FOUND if coverage >= FOUND_AT else PARTLY if coverage > 0 else MISSED
        outcomes.append(
            SpanOutcome(
                status, tuple(t.tokens), t.id, t.skill, coverage, t.explanation, t.fix, given
            )
        )

    others_at = index.others_at
    selected = frozenset().union(*chosen.values()) if chosen else frozenset()
    flagged_others: set[str] = set()
    for run in runs(selected):
        if len(run) == 1:  # most runs of a blind "every other word": the short way
            if run[0] in skills_at or run[0] in neutral:
                continue
            hit = [others[n] for n in others_at.get(run[0], ())]
        elif any(i in skills_at for i in run) or all(i in neutral for i in run):
            continue
        else:
            hit = [others[n] for n in sorted({n for i in run for n in others_at.get(i, ())})]
        run_labels = tuple(sorted(lb for lb, toks in labelled if toks.intersection(run)))
        if hit:
            o = min(hit, key=lambda a: (not a.decoy, a.tokens.start))
            flagged_others.add(o.id)
            status = FALSE_ALARM if o.decoy else OTHER_SKILL
            outcomes.append(
                SpanOutcome(status, run, o.id, o.skill, 0.0, o.explanation, o.fix, run_labels)
            )
        else:
            outcomes.append(SpanOutcome(FALSE_ALARM, run, labels=run_labels))
    for o in others:
        if o.decoy and o.id not in flagged_others:
            outcomes.append(
                SpanOutcome(AVOIDED, tuple(o.tokens), o.id, o.skill, 0.0, o.explanation, o.fix)
            )
    tallies = {skill: SkillTally(*row) for skill, row in sums.items()}

    recall = sum(coverages) / len(coverages)
    precision = c / (c + penalty * f) if c > 0 else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    outcomes.sort(key=lambda o: (o.tokens[0] if o.tokens else 0, o.status))
    return HighlightScore(score, precision, recall, tuple(outcomes), tallies)


def highlight_score_values(
    targets: Sequence[Annotation],
    selections: Iterable[Mapping[str, Iterable[int]]],
    *,
    penalty: float = 1.0,
    tolerance: int = 1,
) -> list[float]:
    """``score_highlight(targets, s, ...).score`` for each selection ``s``, from token
    counts alone, with no outcomes or tallies: validation scores three blind selections of
    every highlight question.

    The same to the last bit: ``c``, ``f`` and each span's credit are sums of halves and
    ones (exact in any order), and recall sums the coverages in the same order.
    ``test_score_value`` compares the two, on every question of the bank and at random.

    A selection given as a set or a range is used as it is: only its size and membership
    are asked, for the spans' few tokens, so a blind selection of a whole article (a
    range) costs nothing to score."""
    if not targets:
        raise ValueError("a highlight question needs at least one target span")
    by_skill: dict[str, set[int]] = {}
    for t in targets:
        by_skill.setdefault(t.skill, set()).update(t.tokens)
    on_target = frozenset().union(*by_skill.values())
    neutral = neutral_zone(targets, tolerance)  # none of it on a target
    spans = _Spans(targets, by_skill, on_target, neutral)
    return [spans.score(selection, penalty) for selection in selections]


def highlight_score_value(
    targets: Sequence[Annotation],
    selection: Mapping[str, Iterable[int]],
    *,
    penalty: float = 1.0,
    tolerance: int = 1,
) -> float:
    """``score_highlight(...).score`` of one selection; see ``highlight_score_values``."""
    return highlight_score_values(targets, [selection], penalty=penalty, tolerance=tolerance)[0]


@dataclass(frozen=True)
class _Spans:
    """What scoring a selection reads of the target spans, worked out once for several."""

    targets: Sequence[Annotation]
    by_skill: Mapping[str, set[int]]
    on_target: frozenset[int]
    neutral: frozenset[int]

    def score(self, selection: Mapping[str, Iterable[int]], penalty: float) -> float:
        chosen = {
            label: toks if isinstance(toks, _AS_IS) else frozenset(toks)
            for label, toks in selection.items()
            if toks
        }
        c = f = 0.0
        for label, toks in chosen.items():
            has = toks.__contains__
            on = sum(map(has, self.on_target))
            right = on if label == ANY else sum(map(has, self.by_skill.get(label, ())))
            half = (on - right) / 2
            c += right + half
            f += half + (len(toks) - on - sum(map(has, self.neutral)))
        credit = {skill: _credit_rule(skill, chosen) for skill in self.by_skill}
        coverages = [credit[t.skill](t.tokens) / len(t.tokens) for t in self.targets]
        recall = sum(coverages) / len(coverages)
        precision = c / (c + penalty * f) if c > 0 else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


_AS_IS = (range, set, frozenset)


def _credit_rule(skill: str, chosen: Mapping[str, Collection[int]]) -> Callable[[range], float]:
    """A span of ``skill``'s credit: 1 a token selected unlabelled or with its skill, 0.5
    with another label (a sum of halves and ones, exact in any order)."""
    right = [toks for label, toks in chosen.items() if label in (ANY, skill)]
    wrong = [toks for label, toks in chosen.items() if label not in (ANY, skill)]
    if not wrong and len(right) <= 1:  # a spot answer, or nothing: count in C
        has = right[0].__contains__ if right else frozenset().__contains__
        return lambda tokens: float(sum(map(has, tokens)))

    def credit(tokens: range) -> float:
        total = 0.0
        for i in tokens:
            if any(i in toks for toks in right):
                total += 1
            elif any(i in toks for toks in wrong):
                total += 0.5
        return total

    return credit
