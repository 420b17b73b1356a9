"""Score a highlight against annotated spans, with partial credit that cannot be gamed.

The rule, after SemEval-2020 Task 11's span scoring:

* each span has two extents, its **quote** (the longest stretch a teacher accepts) and its
  **core** (the words that carry the problem, inside the quote; the whole quote unless the
  author or the skill's default says otherwise);
* **recall** is the mean, over the clear target spans, of each span's coverage: the share
  of its core the learner selected (a token selected with the wrong label earns half),
  raised to 0.5 + share / 2 once a token of the core is selected rightly; arguable spans
  are not in it;
* **precision** is ``c / (c + penalty * f)``: ``c`` counts selected tokens that lie on a
  target's quote, ``f`` what the others cost (a wrongly labelled target token counts half
  to each). A selected token costs nothing within ``tolerance`` tokens of a target's edge or
  on an arguable span of the question's skills, and 1 elsewhere, but the other tokens of
  the sentence a target stands in (at most 30 tokens around it) together cost twice the
  target's quote, each its share, and a decoy costs 4, once, however many of its tokens
  are selected;
* the **score** is their harmonic mean (F1), 0 when nothing right is selected. A question
  with no clear target scores ``3 / (3 + penalty * f)``: 1 when left alone.

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
ARGUABLE_FLAGGED, ARGUABLE_LEFT = "arguable_flagged", "arguable_left"
FOUND_AT = 0.8
# Weights of the rule above. Apart from the sentences', all are sums of halves: any order of
# adding them is exact. The sentences' cost is summed apart, in one order, by one function,
# so the score-only path gives the full scorer's figures to the last bit.
CONTEXT_COST = 2.0  # a whole sentence around a problem costs twice the problem's quote
DECOY_WORDS = 4.0  # a flagged decoy is one wrong answer, whatever its length
EMPTY_WORDS = 3.0  # nothing to find: f words of false alarm score 3 / (3 + f)
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
    """What became of one annotated span, or of one selection that hit no target.

    ``coverage`` is the share of the span's core selected."""

    status: str
    tokens: tuple[int, ...]
    annotation_id: str = ""
    skill: str = ""
    coverage: float = 0.0
    explanation: str = ""
    fix: str = ""
    labels: tuple[str, ...] = ()
    core: tuple[int, ...] = ()


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
class _Zones:
    """What each token of a question is worth, whatever the answer: made once a question
    for both the full scorer and the score-only path, so the two cannot drift apart."""

    targets: tuple[Annotation, ...]  # clear ones, in recall
    arguable: tuple[Annotation, ...]
    by_skill: Mapping[str, frozenset[int]]  # each skill's targets' quote tokens
    on_target: frozenset[int]
    neutral: frozenset[int]  # cost nothing: near an edge, on an arguable span
    # Each sentence holding targets: its other tokens, and what one of them costs.
    sentences: tuple[tuple[frozenset[int], float], ...]
    sentence_of: Mapping[int, int]
    decoys: tuple[frozenset[int], ...]  # each decoy's tokens that can cost
    decoy_tokens: frozenset[int]

    def sentence_cost(self, counts: Sequence[int]) -> float:
        """What ``counts[g]`` selected tokens of each sentence ``g`` cost, in one order."""
        return sum(weight * n for (_, weight), n in zip(self.sentences, counts, strict=True))


def _zones(
    targets: Sequence[Annotation],
    others: Sequence[Annotation],
    tolerance: int,
    arguable: Sequence[Annotation],
) -> _Zones:
    clear = tuple(t for t in targets if not t.arguable)
    doubtful = (*arguable, *(t for t in targets if t.arguable))
    by_skill: dict[str, set[int]] = {}
    for t in clear:
        by_skill.setdefault(t.skill, set()).update(t.tokens)
    on_target = frozenset().union(*by_skill.values())
    on_arguable = frozenset().union(*(a.tokens for a in doubtful))
    neutral = (neutral_zone([*clear, *doubtful], tolerance) | on_arguable) - on_target
    decoys = tuple(
        d for d in (frozenset(o.tokens) - on_target - neutral for o in others if o.decoy) if d
    )
    quoted: dict[range, int] = {}  # each sentence's targets' quote tokens
    for t in clear:
        if t.context is not None:
            quoted[t.context] = quoted.get(t.context, 0) + len(t.tokens)
    sentences: list[tuple[frozenset[int], float]] = []
    sentence_of: dict[int, int] = {}
    taken = on_target | neutral | frozenset().union(*decoys)
    for ctx in sorted(quoted, key=lambda r: (r.start, r.stop)):
        rest = frozenset(i for i in ctx if i not in taken and i not in sentence_of)
        if rest:
            sentence_of.update(dict.fromkeys(rest, len(sentences)))
            sentences.append((rest, CONTEXT_COST * quoted[ctx] / len(rest)))
    return _Zones(
        clear,
        doubtful,
        {k: frozenset(v) for k, v in by_skill.items()},
        on_target,
        neutral,
        tuple(sentences),
        sentence_of,
        decoys,
        frozenset().union(*decoys),
    )


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
    zones: _Zones


def span_index(
    targets: Sequence[Annotation],
    others: Sequence[Annotation] = (),
    question_skills: Sequence[str] = (),
    tolerance: int = 1,
    arguable: Sequence[Annotation] = (),
) -> SpanIndex:
    zones = _zones(targets, others, tolerance, arguable)
    skills_at: dict[int, set[str]] = {}
    for t in zones.targets:
        for i in t.tokens:
            skills_at.setdefault(i, set()).add(t.skill)
    # Which of ``others`` lie on each token, in their order, for explaining false alarms.
    others_at: dict[int, list[int]] = {}
    for n, o in enumerate(others):
        for i in o.tokens:
            others_at.setdefault(i, []).append(n)
    every = (*zones.targets, *zones.arguable)
    return SpanIndex(
        zones.targets,
        tuple(others),
        {i: frozenset(k) for i, k in skills_at.items()},
        zones.neutral,
        tuple(question_skills) or tuple(sorted({t.skill for t in every})),
        {i: tuple(n) for i, n in others_at.items()},
        zones,
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
    arguable: Sequence[Annotation] = (),
) -> HighlightScore:
    """Score ``selection`` (label -> token indexes; ``ANY`` for an unlabelled spot) against
    ``targets`` (those marked arguable, and ``arguable``, cost nothing either way);
    ``others`` (decoys, spans of skills not asked for) cost as false alarms and explain them.
    ``index``, when given, is ``span_index`` of the same targets, others, skills, tolerance
    and arguable spans, made once for many answers."""
    if index is None:
        index = span_index(targets, others, question_skills, tolerance, arguable)
    zones = index.zones
    targets, others = index.targets, index.others
    skills_at, neutral, q_skills = index.skills_at, index.neutral, index.q_skills
    sentence_of, decoy_tokens = zones.sentence_of, zones.decoy_tokens
    in_sentence = [0] * len(zones.sentences)
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

    spread = 1 / len(q_skills) if q_skills else 0.0
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
                g = sentence_of.get(i)
                if g is not None:
                    in_sentence[g] += 1
                    weight = zones.sentences[g][1]
                else:
                    weight = 1.0
                    if i not in decoy_tokens:  # a decoy's cost is counted once, below
                        f += 1
                if label == ANY:
                    for skill in q_skills:
                        tally(skill, _FLAGGED, spread * weight)
                else:
                    tally(label, _FLAGGED, weight)
    selected = frozenset().union(*chosen.values()) if chosen else frozenset()
    for d in zones.decoys:
        if not d.isdisjoint(selected):
            f += DECOY_WORDS

    outcomes: list[SpanOutcome] = []
    coverages: list[float] = []
    labelled = [(lb, toks) for lb, toks in chosen.items() if lb != ANY]
    cover = {skill: _coverage_rule(skill, chosen) for skill in {t.skill for t in targets}}
    for t in targets:
        core = t.core_tokens
        coverage = cover[t.skill](core)
        given = tuple(sorted(lb for lb, toks in labelled if not toks.isdisjoint(t.tokens)))
        coverages.append(coverage)
        tally(t.skill, _EXPECTED, 1)[_FOUND] += coverage
        status = FOUND if coverage >= FOUND_AT else PARTLY if coverage > 0 else MISSED
        outcomes.append(
            SpanOutcome(
                status, tuple(t.tokens), t.id, t.skill, coverage, t.explanation, t.fix, given,
                tuple(core),
            )
        )  # fmt: skip
    on_arguable: set[int] = set()
    for a in zones.arguable:
        on_arguable.update(a.tokens)
        core = a.core_tokens
        flagged = not selected.isdisjoint(a.tokens)
        given = tuple(sorted(lb for lb, toks in labelled if not toks.isdisjoint(a.tokens)))
        outcomes.append(
            SpanOutcome(
                ARGUABLE_FLAGGED if flagged else ARGUABLE_LEFT, tuple(a.tokens), a.id, a.skill,
                sum(i in selected for i in core) / len(core), a.explanation, a.fix, given,
                tuple(core),
            )
        )  # fmt: skip

    others_at = index.others_at
    flagged_others: set[str] = set()
    for run in runs(selected):
        if len(run) == 1:  # most runs of a blind "every other word": the short way
            if run[0] in skills_at or run[0] in neutral:
                continue
            hit = [others[n] for n in others_at.get(run[0], ())]
        elif any(i in skills_at or i in on_arguable for i in run) or all(i in neutral for i in run):
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
    outcomes.sort(key=lambda o: (o.tokens[0] if o.tokens else 0, o.status))
    f += zones.sentence_cost(in_sentence)
    score, precision, recall = _combine(c, f, coverages, penalty)
    return HighlightScore(score, precision, recall, tuple(outcomes), tallies)


def _combine(
    c: float, f: float, coverages: Sequence[float], penalty: float
) -> tuple[float, float, float]:
    """Score, precision and recall from the counts: F1, or the rule for an empty question."""
    if not coverages:
        score = EMPTY_WORDS / (EMPTY_WORDS + penalty * f)
        return score, score, 1.0
    recall = sum(coverages) / len(coverages)
    precision = c / (c + penalty * f) if c > 0 else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return score, precision, recall


def highlight_score_values(
    targets: Sequence[Annotation],
    selections: Iterable[Mapping[str, Iterable[int]]],
    *,
    others: Sequence[Annotation] = (),
    penalty: float = 1.0,
    tolerance: int = 1,
    arguable: Sequence[Annotation] = (),
) -> list[float]:
    """``score_highlight(targets, s, ...).score`` for each selection ``s``, from token
    counts alone, with no outcomes or tallies: validation scores three blind selections of
    every highlight question.

    The same to the last bit: ``c``, ``f`` and each span's credit are sums of halves, ones
    and fours (exact in any order), the sentences' cost is one function of the same counts
    added last, and recall sums the coverages in the same order. ``test_score_value``
    compares the two, on every question of the bank and at random.

    A selection given as a set or a range is used as it is: only its size and membership
    are asked, for the spans' few tokens, so a blind selection of a whole article (a
    range) costs nothing to score."""
    spans = _zones(targets, others, tolerance, arguable)
    return [_score_value(spans, selection, penalty) for selection in selections]


def highlight_score_value(
    targets: Sequence[Annotation],
    selection: Mapping[str, Iterable[int]],
    *,
    others: Sequence[Annotation] = (),
    penalty: float = 1.0,
    tolerance: int = 1,
    arguable: Sequence[Annotation] = (),
) -> float:
    """``score_highlight(...).score`` of one selection; see ``highlight_score_values``."""
    return highlight_score_values(
        targets, [selection], others=others, penalty=penalty, tolerance=tolerance,
        arguable=arguable,
    )[0]  # fmt: skip


def _score_value(z: _Zones, selection: Mapping[str, Iterable[int]], penalty: float) -> float:
    chosen = {
        label: toks if isinstance(toks, _AS_IS) else frozenset(toks)
        for label, toks in selection.items()
        if toks
    }
    c = f = 0.0
    counts: list[int] = []
    for label, toks in chosen.items():
        has = toks.__contains__
        on = sum(map(has, z.on_target))
        right = on if label == ANY else sum(map(has, z.by_skill.get(label, ())))
        half = (on - right) / 2
        c += right + half
        near = [sum(map(has, rest)) for rest, _ in z.sentences]
        free = sum(map(has, z.neutral)) + sum(map(has, z.decoy_tokens))
        f += half + (len(toks) - on - free - sum(near))
        counts = [a + b for a, b in zip(counts, near, strict=True)] if counts else near
    for d in z.decoys:
        if any(any(map(toks.__contains__, d)) for toks in chosen.values()):
            f += DECOY_WORDS
    f += z.sentence_cost(counts or [0] * len(z.sentences))
    cover = {skill: _coverage_rule(skill, chosen) for skill in z.by_skill}
    coverages = [cover[t.skill](t.core_tokens) for t in z.targets]
    return _combine(c, f, coverages, penalty)[0]


_AS_IS = (range, set, frozenset)


HIT_FLOOR = 0.5  # a core touched rightly is found this much, and the rest by its share


def _coverage_rule(skill: str, chosen: Mapping[str, Collection[int]]) -> Callable[[range], float]:
    """A core of ``skill``'s coverage: its credit (1 a token selected unlabelled or with its
    skill, 0.5 with another label: a sum of halves and ones, exact in any order) over its
    length, raised to ``HIT_FLOOR`` plus the rest in proportion once a token is selected
    rightly."""
    right = [toks for label, toks in chosen.items() if label in (ANY, skill)]
    wrong = [toks for label, toks in chosen.items() if label not in (ANY, skill)]
    if not wrong and len(right) <= 1:  # a spot answer, or nothing: count in C
        has = right[0].__contains__ if right else frozenset().__contains__

        def spot(tokens: range) -> float:
            hits = sum(map(has, tokens))
            return HIT_FLOOR + (1 - HIT_FLOOR) * hits / len(tokens) if hits else 0.0

        return spot

    def coverage(tokens: range) -> float:
        total, hit = 0.0, False
        for i in tokens:
            if any(i in toks for toks in right):
                total, hit = total + 1, True
            elif any(i in toks for toks in wrong):
                total += 0.5
        share = total / len(tokens)
        return HIT_FLOOR + (1 - HIT_FLOOR) * share if hit else share

    return coverage
