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


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("The repairs will cost £XX million, the council said.", "£XX million"),
        ("Цены выросли до ХХ млн рублей.", "ХХ млн рублей"),
        ("ارتفعت الأسعار بنسبة XX بالمئة هذا العام.", "XX بالمئة"),
        ("The bridge reopens at XX:XX on Monday.", "XX:XX"),
        ("The vote is due on DD/MM/YYYY, officials said.", "DD/MM/YYYY"),
        ("Заседание пройдет ДД.ММ.ГГГГ в мэрии.", "ДД.ММ.ГГГГ"),
        ("Dear ${name}, your ticket is ready.", "${name}"),
        ("Your order %s has shipped.", "%s"),
        ("The cost rose by [X] per cent this year.", "[X] per cent"),
        ("The fund is worth $[amount] million.", "$[amount] million"),
        ("El alcalde, [nombre], inauguró el puente el [FECHA].", "[nombre]"),
        ("La obra terminará en [lugar] a finales de año.", "[lugar]"),
        ("Глава района [ФИО] открыл школу.", "[ФИО]"),
        ("Открытие перенесли на [уточнить].", "[уточнить]"),
        ("وقال [المصدر] إن المشروع تأخر.", "[المصدر]"),
        ("HEADLINE GOES HERE", "HEADLINE GOES HERE"),
        ("Caption goes here, then the story.", "Caption goes here"),
        ("Вставить цитату сюда, потом отправить.", "Вставить цитату сюда"),
        ("أضف الاقتباس هنا قبل النشر.", "أضف الاقتباس هنا"),
    ],
)
def test_finds_more_template_text(text: str, quote: str) -> None:
    assert quote in problems(SKILL, text)


@pytest.mark.parametrize(
    "text",
    [
        "The study (datos de 2023) covered 40 towns.",
        "Footnotes [a] and [b] explain the method; (X) marks a guess.",
        "It was 100% safe, said Mr X, who asked not to be named.",
        "Prices rose 50%s were rare then.",
        "The Mexico City office (lugar de reunión) opened in May.",
        "Вход в здание (номер 5) закрыт.",
    ],
)
def test_leaves_more_ordinary_text_alone(text: str) -> None:
    assert problems(SKILL, text) == []
