"""The scoring rule: worked cases, then its promises as property-based tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.anchor import Selector
from quizapp.core.loader import Bank
from quizapp.core.model import Annotation
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.scoring import (
    ANY,
    AVOIDED,
    FALSE_ALARM,
    FOUND,
    MISSED,
    OTHER_SKILL,
    PARTLY,
    runs,
    score_highlight,
)


def span(sid: str, skill: str, first: int, stop: int, decoy: bool = False) -> Annotation:
    return Annotation(sid, skill, Selector(sid), 0, 0, range(first, stop), f"why {sid}", "", decoy)


N = 200
TARGETS = [
    span("a", "loaded-language", 10, 12),
    span("b", "loaded-language", 40, 41),
    span("c", "unsupported-statistic", 80, 86),
    span("d", "vague-attribution", 82, 84),  # nested inside c
]
DECOY = span("z", "loaded-language", 120, 122, decoy=True)


def score(selected: set[int], targets: list[Annotation] = TARGETS, **kw: object) -> float:
    return score_highlight(targets, {ANY: selected}, others=[DECOY], **kw).score  # type: ignore[arg-type]


def every(targets: list[Annotation]) -> set[int]:
    return {i for t in targets for i in t.tokens}


def test_runs_merge_touching_selections() -> None:
    assert runs([5, 3, 4, 9, 10, 12]) == [(3, 4, 5), (9, 10), (12,)]


def test_worked_example() -> None:
    # 2 of a's 2 tokens, b missed, all of c and so all of d, one false alarm far away:
    # recall = (1 + 0 + 1 + 1) / 4 = 0.75; precision = 8 / (8 + 1) = 0.889; F1 = 0.8136
    result = score_highlight(TARGETS, {ANY: {10, 11, *range(80, 86), 150}}, others=[DECOY])
    assert result.recall == pytest.approx(0.75)
    assert result.precision == pytest.approx(8 / 9)
    assert result.score == pytest.approx(2 * 0.75 * (8 / 9) / (0.75 + 8 / 9))
    statuses = {o.annotation_id: o.status for o in result.outcomes}
    assert statuses == {
        "a": FOUND,
        "b": MISSED,
        "c": FOUND,
        "d": FOUND,
        "": FALSE_ALARM,
        "z": AVOIDED,
    }


def test_partial_overlap_gives_partial_credit_and_status() -> None:
    # Half the core selected: 0.5 for touching it, plus half of the other 0.5.
    result = score_highlight(TARGETS[2:3], {ANY: {80, 81, 82}})
    (outcome,) = result.outcomes
    assert (outcome.status, outcome.coverage) == (PARTLY, 0.75)
    assert result.score == pytest.approx(2 * 0.75 / 1.75)


def test_flagging_a_decoy_explains_it() -> None:
    result = score_highlight(TARGETS, {ANY: {10, 11, 120, 121}}, others=[DECOY])
    flagged = [o for o in result.outcomes if o.annotation_id == "z"]
    assert [(o.status, o.explanation) for o in flagged] == [(FALSE_ALARM, "why z")]


def test_spans_of_other_skills_are_named_when_flagged() -> None:
    other = span("o", "placeholder", 150, 152)
    result = score_highlight(TARGETS[:1], {ANY: {10, 11, 150, 151}}, others=[other])
    assert [o.status for o in result.outcomes if o.annotation_id == "o"] == [OTHER_SKILL]


def test_label_mode_half_credit_for_the_wrong_label() -> None:
    targets = TARGETS[:2]
    right = score_highlight(targets, {"loaded-language": {10, 11, 40}}).score
    wrong = score_highlight(targets, {"placeholder": {10, 11, 40}})
    assert right == 1.0
    assert wrong.recall == 0.5 and wrong.precision == 0.5


def test_per_skill_tallies() -> None:
    result = score_highlight(
        TARGETS, {ANY: {10, 11, 80, 81, 150}}, question_skills=["loaded-language"]
    )
    t = result.tallies
    assert (t["loaded-language"].expected, t["loaded-language"].found) == (2, 1.0)
    assert t["unsupported-statistic"].recall == pytest.approx(0.5 + 0.5 * 2 / 6)
    assert t["loaded-language"].precision == pytest.approx(2 / 3)  # 150 counts against it


def test_penalty_setting_weighs_false_alarms() -> None:
    selected = every(TARGETS) | set(range(150, 160))
    assert (
        score(selected, penalty=2.0) < score(selected, penalty=1.0) < score(selected, penalty=0.5)
    )


# --- properties -----------------------------------------------------------------------------

targets_strategy = st.lists(
    st.tuples(st.integers(0, N - 8), st.integers(1, 6), st.sampled_from(["x", "y"])),
    min_size=1,
    max_size=6,
).map(lambda ts: [span(f"t{i}", skill, s, s + n) for i, (s, n, skill) in enumerate(ts)])
selection_strategy = st.sets(st.integers(0, N - 1), max_size=N)


@given(targets_strategy)
def test_exactly_the_targets_scores_one(targets: list[Annotation]) -> None:
    assert score(every(targets), targets) == pytest.approx(1.0)


@given(targets_strategy)
def test_nothing_scores_zero(targets: list[Annotation]) -> None:
    assert score(set(), targets) == 0.0


@given(targets_strategy, selection_strategy)
def test_every_selection_scores_within_bounds(targets: list[Annotation], sel: set[int]) -> None:
    assert 0.0 <= score(sel, targets) <= 1.0


@given(targets_strategy, selection_strategy, st.integers(0, N - 1))
def test_a_false_alarm_never_raises_the_score(
    targets: list[Annotation], sel: set[int], extra: int
) -> None:
    if extra in every(targets):
        return
    assert score(sel | {extra}, targets) <= score(sel, targets) + 1e-12


@given(targets_strategy, selection_strategy, st.data())
def test_covering_more_of_a_target_never_lowers_the_score(
    targets: list[Annotation], sel: set[int], data: st.DataObject
) -> None:
    extra = data.draw(st.sampled_from(sorted(every(targets))))
    assert score(sel | {extra}, targets) >= score(sel, targets) - 1e-12


@given(st.integers(0, N - 20), st.integers(1, 12))
def test_one_extra_word_at_each_edge_still_scores_at_least_0_8(start: int, length: int) -> None:
    target = span("t", "x", start + 1, start + 1 + length)
    widened = set(range(start, start + length + 2))
    assert score(widened, [target]) >= 0.8


@given(targets_strategy, selection_strategy)
@settings(max_examples=50)
def test_splitting_a_selection_gains_nothing(targets: list[Annotation], sel: set[int]) -> None:
    # Precision counts tokens, so removing every third token (splitting runs) never helps
    # unless it removes false alarms.
    kept = {i for i in sel if i % 3 or i in every(targets)}
    assert score(kept, targets) >= score(sel, targets) - 1e-12


def highlight_questions(bank: Bank) -> list[tuple[str, HighlightQuestion]]:
    return [
        (f"{quiz.id}/{q.id}", q)
        for quiz in bank.quizzes
        for q in quiz.questions
        if isinstance(q, HighlightQuestion)
    ]


def test_blind_selections_score_at_most_0_2_on_every_quiz_of_the_bank(bank: Bank) -> None:
    questions = highlight_questions(bank)
    assert len(questions) >= 20
    worst = {
        name: max(q.grade(r).score for r in q.gaming_selections().values()) for name, q in questions
    }
    assert max(worst.values()) <= 0.2, {k: v for k, v in worst.items() if v > 0.2}


def test_exact_answers_score_one_on_every_quiz_of_the_bank(bank: Bank) -> None:
    for _, q in highlight_questions(bank):
        perfect = q.select_all(sorted(i for t in q.targets for i in t.tokens))
        if q.type_id == "label":
            perfect = {
                "labels": {
                    s.id: sorted(i for t in q.targets if t.skill == s.id for i in t.tokens)
                    for s in q.skills
                }
            }
        assert q.grade(perfect).score == pytest.approx(1.0)
