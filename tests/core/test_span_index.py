"""A question's span index, made once, scores every answer as a fresh scoring does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.loader import Bank
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.scoring import ANY, score_highlight


def highlights(bank: Bank) -> list[HighlightQuestion]:
    return [q for quiz in bank.quizzes for q in quiz.questions if isinstance(q, HighlightQuestion)]


@given(st.data())
@settings(max_examples=300)
def test_the_index_changes_no_figure(bank: Bank, data: st.DataObject) -> None:
    q = data.draw(st.sampled_from(highlights(bank)))
    scope = sorted(q.scope_tokens)
    labels = [ANY, *(s.id for s in q.skills), "no-such-skill"]
    selection = data.draw(
        st.dictionaries(
            st.sampled_from(labels), st.sets(st.sampled_from(scope), max_size=40), max_size=3
        )
    )
    fresh = score_highlight(
        q.targets,
        selection,
        others=q.others,
        question_skills=[s.id for s in q.skills],
        penalty=q.penalty,
        tolerance=q.tolerance,
        arguable=q.arguable,
    )
    assert q.score(selection) == fresh
    assert q.score(selection) == fresh  # and again, from the index made by the first


@given(st.data())
@settings(max_examples=200)
def test_a_spot_answer_covers_the_share_of_each_span_selected(
    bank: Bank, data: st.DataObject
) -> None:
    """The counted-in-C path for unlabelled answers against the rule itself."""
    q = data.draw(st.sampled_from(highlights(bank)))
    picked = data.draw(st.sets(st.sampled_from(sorted(q.scope_tokens)), max_size=60))
    result = q.score({ANY: picked})
    by_id = {o.annotation_id: o for o in result.outcomes if o.annotation_id}
    for t in q.targets:
        share = sum(i in picked for i in t.core_tokens) / len(t.core_tokens)
        assert by_id[t.id].coverage == (0.5 + 0.5 * share if share else 0.0)
        assert by_id[t.id].labels == ()
