from __future__ import annotations

import pytest

from tests.assistant.conftest import decoys, problems

SKILL = "vague-attribution"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Experts say the longer hours will double the number of visitors.", "Experts say"),
        ("Reports indicate that Iran has provided missile technology.", "Reports indicate"),
        ("It is widely believed that most pupils will cheat.", "It is widely believed"),
        ("Funding may come, sources close to the project say.", "sources close to the project"),
        ("It may counter what some perceive as waning support.", "some perceive"),
        ("Roughly half of the cover is thought to have gone.", "is thought to"),
        ("By some estimates, close to 40% of pupils use phones in class.", "By some estimates"),
        ("Fuentes cercanas al Ayuntamiento aseguran que costó más.",
         "Fuentes cercanas al Ayuntamiento"),
    ],
)  # fmt: skip
def test_finds_unnamed_sources(text: str, quote: str) -> None:
    assert quote in problems(SKILL, text)


@pytest.mark.parametrize(
    "text",
    [
        "The researchers found that the corals survived the heatwave.",
        "Dr Ana Ruiz, a marine ecologist, said the results were clear.",
        '"We expected to be counting skeletons," Venn said in an interview.',
    ],
)
def test_named_sources_are_not_flagged(text: str) -> None:
    assert problems(SKILL, text) == []


def test_according_to_a_named_source_is_a_probable_decoy() -> None:
    text = "The record stands, according to the race's official record book."
    assert problems(SKILL, text) == []
    assert decoys(SKILL, text) == ["according to the race's official record book"]


@pytest.mark.parametrize(
    ("text", "quote", "language"),
    [
        ("По данным СМИ, завод ведёт переговоры с новым владельцем.", "По данным СМИ", "ru"),
        ("Эксперты считают, что тарифы снова вырастут.", "Эксперты считают", "ru"),
        ("Говорят, что мэр недоволен подрядчиком.", "Говорят, что", "ru"),
        ("Источник в мэрии сообщил, что сделка почти закрыта.", "Источник в мэрии", "ru"),
        ("Подрядчик якобы нарушил сроки.", "якобы", "ru"),
        ("وقال مسؤولون إن الكهرباء ستعود خلال أيام.", "وقال مسؤولون", "ar"),
        ("وبحسب مصادر مطلعة، فإن الحكومة تدرس خطة جديدة.", "وبحسب مصادر مطلعة", "ar"),
        ("وأفادت مصادر رسمية بأن العمل سيستأنف.", "وأفادت مصادر رسمية", "ar"),
        ("ويُعتقد أن الأزمة ستستمر حتى الصيف.", "ويُعتقد", "ar"),
        ("Según fuentes consultadas, la obra se retrasará.", "Según fuentes consultadas", "es"),
        ("Se estima que el coste superará lo previsto.", "Se estima que", "es"),
        ("Los expertos advierten de que el agua escaseará.", "Los expertos advierten", "es"),
    ],
)
def test_finds_unnamed_sources_in_russian_arabic_and_spanish(
    text: str, quote: str, language: str
) -> None:
    assert quote in problems(SKILL, text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("По данным пресс-службы завода, контракт продлён.", "ru"),
        ("Как сообщил директор Иван Петров, ремонт закончен.", "ru"),
        ("وقال وزير المياه إن الضخ سيعود خلال أيام.", "ar"),
        ("El concejal Andrés Gil explicó que la obra costó más.", "es"),
    ],
)
def test_named_sources_in_other_languages_are_not_flagged(text: str, language: str) -> None:
    assert problems(SKILL, text, language) == []
