"""The score-only fast path gives exactly (==, not approx) what the full scorer gives."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.anchor import Selector
from quizapp.core.loader import Bank
from quizapp.core.model import Annotation
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.scoring import ANY, highlight_score_value, score_highlight

N = 120
LABELS = [ANY, "x", "y", "z"]  # "z" labels no target: all its picks are wrong or false alarms


def span(sid: str, skill: str, first: int, stop: int) -> Annotation:
    return Annotation(sid, skill, Selector(sid), 0, 0, range(first, stop), "why", "")


def full(
    targets: list[Annotation], sel: dict[str, Iterable[int]], penalty: float, tol: int
) -> float:
    return score_highlight(targets, sel, penalty=penalty, tolerance=tol).score


targets_strategy = st.lists(
    st.tuples(st.integers(0, N - 8), st.integers(1, 7), st.sampled_from(["x", "y"])),
    min_size=1,
    max_size=8,
).map(lambda ts: [span(f"t{i}", skill, s, s + n) for i, (s, n, skill) in enumerate(ts)])
# As a learner's answer gives them (lists, perhaps with repeats), as sets, and as the ranges
# blind selections of a scope in one run are.
token_collections = st.one_of(
    st.sets(st.integers(0, N - 1), max_size=N),
    st.lists(st.integers(0, N - 1), max_size=N),
    st.builds(range, st.integers(0, N), st.integers(0, N), st.sampled_from([1, 2, 3])),
)
selections = st.dictionaries(st.sampled_from(LABELS), token_collections, max_size=4)


@given(
    targets_strategy,
    selections,
    st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.7, 4.0]),
    st.integers(0, 3),
)
@settings(max_examples=400)
def test_score_value_equals_score_highlight(
    targets: list[Annotation], sel: dict[str, Iterable[int]], penalty: float, tol: int
) -> None:
    fast = highlight_score_value(targets, sel, penalty=penalty, tolerance=tol)
    assert fast == full(targets, sel, penalty, tol)


def bank_highlights(bank: Bank) -> list[HighlightQuestion]:
    return [q for quiz in bank.quizzes for q in quiz.questions if isinstance(q, HighlightQuestion)]


def test_blind_and_exact_selections_of_every_bank_question(bank: Bank) -> None:
    questions = bank_highlights(bank)
    assert len(questions) >= 20
    for q in questions:
        exact = sorted(i for t in q.targets for i in t.tokens)
        responses = [*q.gaming_selections().values(), q.select_all(exact), q.empty_response()]
        for r in responses:
            assert q.score_values([q.selection(r)])[0] == q.grade(r).score, (q.id, r)
        # The check itself scores ranges where it can: the same worst case as grading.
        graded = {what: q.grade(r).score for what, r in q.gaming_selections().items()}
        worst = max(graded, key=lambda k: graded[k])
        assert q.worst_blind_selection() == (worst, graded[worst])


def test_blind_selections_of_a_scope_with_gaps_are_every_other_word_of_it(bank: Bank) -> None:
    q = next(q for q in bank_highlights(bank) if q.type_id == "spot")
    gapped = dataclasses.replace(q, scope=(range(0, 5), range(9, 12)))
    selected = {what: r["tokens"] for what, r in gapped.gaming_selections().items()}
    assert list(selected.values()) == [[0, 1, 2, 3, 4, 9, 10, 11], [0, 2, 4, 10], [1, 3, 9, 11]]
    graded = {what: gapped.grade(r).score for what, r in gapped.gaming_selections().items()}
    assert gapped.worst_blind_selection()[1] == max(graded.values())


@given(st.data())
@settings(max_examples=300)
def test_random_selections_of_bank_questions(bank: Bank, data: st.DataObject) -> None:
    q = data.draw(st.sampled_from(bank_highlights(bank)))
    scope = sorted(q.scope_tokens)
    near_targets = sorted({i + d for t in q.targets for i in t.tokens for d in (-2, -1, 0, 1, 2)})
    # A question with nothing to find (empty: true) has no targets to be near.
    near = st.sampled_from(near_targets) if near_targets else st.nothing()
    tokens = st.sets(st.sampled_from(scope) | near, max_size=60)
    labels = [ANY] if q.type_id == "spot" else [s.id for s in q.skills]
    sel = data.draw(st.dictionaries(st.sampled_from(labels), tokens, max_size=len(labels)))
    assert q.score_values([sel])[0] == q.score(sel).score
