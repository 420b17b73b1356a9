from __future__ import annotations

import pytest

from tests.assistant.conftest import problems

SKILL = "placeholder"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("The meeting took place on [insert date here] in Tehran.", "[insert date here]"),
        ("The mayor, [NAME], said nothing.", "[NAME]"),
        ("Welcome to {{city}}, the report said.", "{{city}}"),
        ("The panel will announce its squad on TK.", "TK"),
        ("The cost was TKTK by the end of the year.", "TKTK"),
        ("Shops saw a XX% jump in sales.", "XX%"),
        ("The deal is worth $X million to the club.", "$X million"),
        ("Lorem ipsum dolor sit amet, the page said.", "Lorem ipsum dolor sit amet"),
        ("The coach said INSERT QUOTE HERE before the game.", "INSERT QUOTE HERE"),
        ("Crime fell sharply [citation needed] last year.", "[citation needed]"),
        ("La campaña durará hasta el [insertar fecha].", "[insertar fecha]"),
        ("Продажи выросли на ХХ% за год.", "ХХ%"),
    ],
)
def test_finds_template_text(text: str, quote: str) -> None:
    assert quote in problems(SKILL, text)


@pytest.mark.parametrize(
    "text",
    [
        'He wrote that "the plan [sic] was fine" in 1999.',
        "The chain TK Maxx opened a store in the town.",
        "Sizes run from S to XXL in the new range.",
        "The study [1] covered 300 schools in Texas.",
        "The (new) library opens on 1 March, the council said.",
    ],
)
def test_leaves_ordinary_text_alone(text: str) -> None:
    assert problems(SKILL, text) == []
