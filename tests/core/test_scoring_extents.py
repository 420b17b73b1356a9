"""Two extents a span (core and quote), sentences, arguable spans, decoys and empty questions:
worked cases, then the scoring promises again as properties over spans that use them all."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.anchor import Selector
from quizapp.core.model import Annotation
from quizapp.core.scoring import (
    ANY,
    ARGUABLE_FLAGGED,
    ARGUABLE_LEFT,
    DECOY_WORDS,
    EMPTY_WORDS,
    FOUND,
    highlight_score_value,
    score_highlight,
)

N = 160


def span(
    sid: str,
    skill: str,
    quote: range,
    core: range | None = None,
    context: range | None = None,
    *,
    arguable: bool = False,
    decoy: bool = False,
) -> Annotation:
    return Annotation(
        sid, skill, Selector(sid), 0, 0, quote, f"why {sid}", "", decoy, 0, core, arguable, context
    )


# "by over 50% in" at 10..13, its core "50%" at 12; its sentence 5..25.
FIFTY = span("fifty", "x", range(10, 13), range(12, 13), range(5, 25))
DECOY = span("decoy", "x", range(60, 66), decoy=True)
MAYBE = span("maybe", "x", range(90, 92), arguable=True)


def score(sel: Iterable[int], targets: list[Annotation], **kw: object) -> float:
    return score_highlight(targets, {ANY: set(sel)}, **kw).score  # type: ignore[arg-type]


def test_the_core_alone_or_the_whole_quote_earns_full_credit() -> None:
    assert score({12}, [FIFTY]) == 1.0
    assert score({10, 11, 12}, [FIFTY]) == 1.0
    assert score({10, 11}, [FIFTY]) == 0.0  # the quote without its core: no credit, no cost


def test_touching_a_core_earns_half_and_the_rest_grows_with_it() -> None:
    t = span("t", "x", range(10, 14), range(10, 14))
    coverage = [score_highlight([t], {ANY: set(range(10, 10 + k))}).recall for k in range(5)]
    assert coverage == [0.0, 0.625, 0.75, 0.875, 1.0]


def test_the_sentence_around_a_problem_costs_twice_its_quote() -> None:
    # 20 tokens of sentence, 3 quoted, 2 next to the edges neutral: the other 15 cost 6.
    result = score_highlight([FIFTY], {ANY: set(range(5, 25))})
    assert result.recall == 1.0
    assert result.precision == pytest.approx(3 / (3 + 2 * 3))
    assert result.score == pytest.approx(0.5)
    # Outside the sentence a word costs 1.
    assert score({12, 40}, [FIFTY]) == pytest.approx(2 * 0.5 / 1.5)


def test_a_decoy_costs_four_words_once_however_much_of_it_is_selected() -> None:
    one = score_highlight([FIFTY], {ANY: {12, 60}}, others=[DECOY])
    whole = score_highlight([FIFTY], {ANY: {12, *range(60, 66)}}, others=[DECOY])
    assert one.precision == whole.precision == pytest.approx(1 / (1 + DECOY_WORDS))


def test_arguable_spans_cost_nothing_flagged_or_left() -> None:
    left = score_highlight([FIFTY], {ANY: {12}}, arguable=[MAYBE])
    flagged = score_highlight([FIFTY], {ANY: {12, 90, 91}}, arguable=[MAYBE])
    assert left.score == flagged.score == 1.0
    statuses = [{o.annotation_id: o.status for o in r.outcomes} for r in (left, flagged)]
    assert statuses == [
        {"fifty": FOUND, "maybe": ARGUABLE_LEFT},
        {"fifty": FOUND, "maybe": ARGUABLE_FLAGGED},
    ]
    # Marked arguable among the targets, it is the same.
    assert score({12, 90}, [FIFTY, MAYBE]) == 1.0


def test_a_question_with_nothing_to_find() -> None:
    assert score(set(), [], arguable=[MAYBE]) == 1.0
    assert score({90, 91}, [], arguable=[MAYBE]) == 1.0
    assert score({40}, []) == pytest.approx(EMPTY_WORDS / (EMPTY_WORDS + 1))
    assert score({40}, [], penalty=2.0) == pytest.approx(EMPTY_WORDS / (EMPTY_WORDS + 2))
    assert score({60}, [], others=[DECOY]) == pytest.approx(EMPTY_WORDS / (EMPTY_WORDS + 4))
    assert score(range(N), []) <= 0.2
    assert score(range(0, N, 2), []) <= 0.2


# --- properties, with cores, sentences, arguable spans and decoys ----------------------------


@st.composite
def spans(draw: st.DrawFn) -> tuple[list[Annotation], list[Annotation], list[Annotation]]:
    """Targets (some arguable), decoys: quotes with a core inside and a sentence around."""
    targets, decoys = [], []
    for i in range(draw(st.integers(0, 6))):
        start, length = draw(st.integers(5, N - 20)), draw(st.integers(1, 6))
        a = draw(st.integers(0, length - 1))
        b = draw(st.integers(a + 1, length))
        before, after = draw(st.integers(0, 12)), draw(st.integers(0, 12))
        targets.append(
            span(
                f"t{i}",
                draw(st.sampled_from(["x", "y"])),
                range(start, start + length),
                range(start + a, start + b) if draw(st.booleans()) else None,
                range(start - before, start + length + after) if draw(st.booleans()) else None,
                arguable=draw(st.integers(0, 4)) == 0,
            )
        )
    for i in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, N - 6))
        decoys.append(span(f"d{i}", "x", range(start, start + draw(st.integers(1, 5))), decoy=True))
    if not any(not t.arguable for t in targets):
        targets.append(span("t-last", "x", range(150, 152)))
    return targets, decoys, []


selection = st.sets(st.integers(0, N - 1), max_size=N)


def clear_quotes(targets: list[Annotation]) -> set[int]:
    return {i for t in targets if not t.arguable for i in t.tokens}


def full(sel: Iterable[int], targets: list[Annotation], decoys: list[Annotation]) -> float:
    return score_highlight(targets, {ANY: set(sel)}, others=decoys).score


@given(spans())
def test_the_cores_and_the_quotes_score_one(case: tuple[list[Annotation], ...]) -> None:
    targets, decoys, _ = case
    cores = {i for t in targets if not t.arguable for i in t.core_tokens}
    assert full(cores, targets, decoys) == pytest.approx(1.0)
    assert full(clear_quotes(targets), targets, decoys) == pytest.approx(1.0)


@given(spans())
def test_nothing_selected_scores_zero(case: tuple[list[Annotation], ...]) -> None:
    targets, decoys, _ = case
    assert full(set(), targets, decoys) == 0.0


@given(spans(), selection, st.integers(0, N - 1))
@settings(max_examples=300)
def test_a_false_alarm_never_raises_the_score(
    case: tuple[list[Annotation], ...], sel: set[int], extra: int
) -> None:
    targets, decoys, _ = case
    if extra in clear_quotes(targets):
        return
    assert full(sel | {extra}, targets, decoys) <= full(sel, targets, decoys) + 1e-12


@given(spans(), selection)
@settings(max_examples=200)
def test_flagging_arguable_spans_changes_nothing(
    case: tuple[list[Annotation], ...], sel: set[int]
) -> None:
    targets, decoys, _ = case
    taken = clear_quotes(targets) | {i for d in decoys for i in d.tokens}
    extra = {i for t in targets if t.arguable for i in t.tokens} - taken
    assert full(sel | extra, targets, decoys) == pytest.approx(full(sel, targets, decoys))


@given(spans(), selection)
@settings(max_examples=200)
def test_splitting_a_selection_gains_nothing(
    case: tuple[list[Annotation], ...], sel: set[int]
) -> None:
    targets, decoys, _ = case
    kept = {i for i in sel if i % 3 or i in clear_quotes(targets)}
    assert full(kept, targets, decoys) >= full(sel, targets, decoys) - 1e-12


@given(spans(), st.dictionaries(st.sampled_from([ANY, "x", "y", "z"]), selection, max_size=3))
@settings(max_examples=300)
def test_the_score_only_path_agrees_to_the_last_bit(
    case: tuple[list[Annotation], ...], sel: dict[str, set[int]]
) -> None:
    targets, decoys, _ = case
    fast = highlight_score_value(targets, sel, others=decoys)
    assert fast == score_highlight(targets, sel, others=decoys).score
    assert 0.0 <= fast <= 1.0
