from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.core.anchor import AnchorError, Selector, anchor, fold

TEXT = (
    "Iran’s leader met Hamas. Reports indicate support grew. Iran said so.\n"
    'He called it "constant support" and Iran agreed.'
)


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        (Selector("Reports indicate"), "Reports indicate"),
        (Selector("Iran's leader"), "Iran’s leader"),  # straight apostrophe matches curly
        (Selector('"constant support"'), '"constant support"'),
        (Selector("Iran", occurrence=2), "Iran"),
        (Selector("Iran", prefix="and "), "Iran"),
        (Selector("Iran", suffix=" said"), "Iran"),
        (Selector("support", suffix=" grew"), "support"),
    ],
)
def test_anchor_finds_the_passage(selector: Selector, expected: str) -> None:
    start, end = anchor(TEXT, selector)
    assert TEXT[start:end] == expected


def test_occurrence_and_prefix_pick_different_matches() -> None:
    second = anchor(TEXT, Selector("Iran", occurrence=2))
    third = anchor(TEXT, Selector("Iran", prefix="and "))
    assert second[0] == TEXT.index("Iran said")
    assert third[0] == TEXT.rindex("Iran")


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        (
            Selector("Reprots indicate"),
            'quote "Reprots indicate" is not in the article; '
            'the closest passage is "Reports indicate"',
        ),
        (
            Selector("reports indicate"),
            'quote "reports indicate" is not in the article; '
            'it differs in capitals from "Reports indicate"',
        ),
        (
            Selector("xyzzy plugh"),
            'quote "xyzzy plugh" is not in the article; copy it from the article',
        ),
        (Selector("  "), "the quote is empty; copy the words from the article"),
        (
            Selector("Iran", occurrence=4),
            'occurrence 4 is out of range: quote "Iran" occurs 3 times; use occurrence 1 to 3',
        ),
        (
            Selector("Iran", prefix="Tehran "),
            'quote "Iran" is in the article, but never with that prefix/suffix; copy the words '
            "right around it exactly (it occurs at: ...[Iran]’s leader met Hamas..."
            ".; ...icate support grew. [Iran] said so....; "
            '...nstant support" and [Iran] agreed....)',
        ),
    ],
)
def test_anchor_errors_say_how_to_fix(selector: Selector, message: str) -> None:
    with pytest.raises(AnchorError) as exc:
        anchor(TEXT, selector)
    assert str(exc.value) == message


def test_ambiguous_quote_counts_and_suggests() -> None:
    with pytest.raises(AnchorError) as exc:
        anchor(TEXT, Selector("Iran"))
    message = str(exc.value)
    assert message.startswith('quote "Iran" occurs 3 times; add occurrence: 1 to 3 or a prefix')
    assert "[Iran]’s leader" in message


@given(st.text(alphabet=st.sampled_from("ab ’‘‛“”„\u00a0'\"\n"), max_size=40))
def test_fold_replaces_each_mark_as_a_translation_table_would(text: str) -> None:
    table = str.maketrans(
        {"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "}
    )
    assert fold(text) == text.translate(table)
