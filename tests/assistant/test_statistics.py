from __future__ import annotations

import pytest

from tests.assistant.conftest import decoys, detect, problems

SKILL = "unsupported-statistic"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Statistics show that support to the group rose by over 50% since 2015.", "by over 50%"),
        ("Recent reports suggest it spent approximately $30 million monthly on it.",
         "approximately $30 million monthly"),
        ("The conflict resulted in over 250 Palestinian deaths and much damage.",
         "over 250 Palestinian deaths"),
        ("Experts believe that nearly 90% of elite runners now race in such shoes.",
         "nearly 90% of elite runners"),
        ("The new shoes make athletes up to three times faster than before.",
         "up to three times faster"),
        ("Roughly half of the planet's coral cover has gone.",
         "Roughly half of the planet's coral cover"),
        ("Según algunos estudios, el 70% de los vecinos no se vacunó.", "el 70%"),
    ],
)  # fmt: skip
def test_finds_figures_with_no_source(text: str, quote: str) -> None:
    found = problems(SKILL, text)
    assert any(quote in q or q in quote for q in found), found


def test_a_vague_source_counts_as_none_and_says_so() -> None:
    (s,) = [
        s for s in detect(SKILL, "Experts say 70% of residents oppose it.") if not s.probable_decoy
    ]
    assert '"Experts say"' in s.reason
    assert s.confidence > 0.8


@pytest.mark.parametrize(
    "text",
    [
        "Last year the library recorded 41,200 visits, according to the council's annual report.",
        "According to the finance office, the budget is 4 million euros. It rose by 12% in a year.",
        "The share of pupils passing rose by 9 percentage points, the district's report says.",
        "Dr Ana Ruiz said the clinic treats more than 300 patients a day.",
    ],
)
def test_a_sourced_figure_is_a_probable_decoy(text: str) -> None:
    assert problems(SKILL, text) == []
    assert decoys(SKILL, text)


@pytest.mark.parametrize(
    "text",
    [
        "The 29-year-old won in 2:24:11 on 1 March 2024, ahead of 12 rivals.",
        "The board voted 7-2 on Wednesday after a meeting in the 1950s hall.",
        '"We lost 40% of our stock in a week," said the owner, Maria Lopez.',
        "She ran with the leading group for the first half of the race.",
    ],
)
def test_leaves_dates_scores_ages_and_quotations_alone(text: str) -> None:
    assert problems(SKILL, text) == []
