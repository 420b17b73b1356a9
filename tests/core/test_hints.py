"""Hints for a selection on no keyed span: the usual mistake of the skill asked, or what to
look for instead, in every language of the bank."""

from __future__ import annotations

import pytest

from quizapp.core.hints import GENERAL, QUOTE, RULES, Selected, general_hint, hint_for
from quizapp.core.skills import BUILTIN_SKILLS, Skill

STAT, LOADED, VAGUE, PLACE = (
    "unsupported-statistic", "loaded-language", "vague-attribution", "placeholder",
)  # fmt: skip
CUSTOM = Skill("cherry-picked", "Cherry-picked figure", "A figure chosen to mislead.", "Ask.")


def skills(*ids: str) -> list[Skill]:
    return [BUILTIN_SKILLS.get(i, CUSTOM) for i in ids]


@pytest.mark.parametrize(
    ("asked", "words", "before", "after", "language", "rule", "quote"),
    [
        # A year on its own is not a statistic, in any script and with a small word.
        ((STAT,), "2015", "Statistics show that since ", ", Iran has grown.", "en", "year", "2015"),
        (
            (STAT,),
            "since 2015",
            "Statistics show that ",
            ", Iran has grown.",
            "en",
            "year",
            "since 2015",
        ),  # noqa: E501
        ((STAT,), "٢٠١٥", "منذ عام ", " ارتفع الاستهلاك.", "ar", "year", "٢٠١٥"),
        ((STAT,), "1850", "Built in ", ".", "en", "general:unsupported-statistic", ""),
        ((STAT,), "2015 by 40%", "Since ", ".", "en", "general:unsupported-statistic", ""),
        # A figure credited by name in its sentence is sourced.
        (
            (STAT,),
            "40%",
            "Visits rose ",
            ", according to the Health Department.",
            "en",
            "named-source",
            "according to the Health Department",
        ),  # noqa: E501
        (
            (STAT,),
            "1,240",
            "",
            " colonies were tagged, Dr Venn said.",
            "en",
            "named-source",
            "Dr Venn said",
        ),  # noqa: E501
        (
            (STAT,),
            "12%",
            "Larkhaven Council’s data show a ",
            " fall.",
            "en",
            "named-source",
            "Larkhaven Council’s data",
        ),  # noqa: E501
        (
            (STAT,),
            "70%",
            "El ",
            " de los niños, según el Ministerio de Salud.",
            "es",
            "named-source",
            "según el Ministerio de Salud",
        ),  # noqa: E501
        (
            (STAT,),
            "30%",
            "Посещаемость выросла на ",
            ", по данным Минспорта.",
            "ru",
            "named-source",
            "по данным Минспорта",
        ),  # noqa: E501
        (
            (STAT,),
            "35%",
            "انخفض المخزون بنحو ",
            " بحسب وزارة المياه.",
            "ar",
            "named-source",
            "بحسب وزارة المياه",
        ),  # noqa: E501
        # ... but not by unnamed reports or residents: the general hint then.
        (
            (STAT,),
            "40%",
            "Visits rose ",
            ", according to reports.",
            "en",
            "general:unsupported-statistic",
            "",
        ),  # noqa: E501
        (
            (STAT,),
            "40%",
            "Visits rose ",
            ", experts said.",
            "en",
            "general:unsupported-statistic",
            "",
        ),  # noqa: E501
        (
            (STAT,),
            "35%",
            "انخفض المخزون بنحو ",
            " بحسب كثير من السكان.",
            "ar",
            "general:unsupported-statistic",
            "",
        ),  # noqa: E501
        (
            (STAT,),
            "Ministry",
            "according to the ",
            " of Health.",
            "en",
            "general:unsupported-statistic",
            "",
        ),  # noqa: E501
        # A word that only describes is not loaded; a named speaker's quotation is theirs.
        ((LOADED,), "regional", "the ", " council met.", "en", "describing-word", "regional"),
        ((LOADED,), "the annual", "", " report came out.", "en", "describing-word", "the annual"),
        ((LOADED,), "nueva", "La ", " clínica abrió.", "es", "describing-word", "nueva"),
        (
            (LOADED,),
            "constant support",
            'He thanked Iran for its "',
            '", he said.',
            "en",
            "quoted-speaker",
            "constant support",
        ),  # noqa: E501
        ((LOADED,), "провал", "«Это ", "», сказал тренер.", "ru", "quoted-speaker", "провал"),
        ((LOADED,), "region", "in the ", ".", "en", "general:loaded-language", ""),
        (
            (LOADED,),
            "новый",
            "",
            " стадион.",
            "ru",
            "general:loaded-language",
            "",
        ),  # no Russian list  # noqa: E501
        # A named speaker is not a vague attribution.
        (
            (VAGUE,),
            "Ismail Haniyeh",
            "",
            ", the leader, expressed gratitude.",
            "en",
            "named-speaker",
            "Ismail Haniyeh",
        ),  # noqa: E501
        (
            (VAGUE,),
            "Haniyeh said",
            "",
            " it was a cornerstone.",
            "en",
            "named-speaker",
            "Haniyeh said",
        ),  # noqa: E501
        (
            (VAGUE,),
            "Tehran perceives",
            "what ",
            " as liberation.",
            "en",
            "named-speaker",
            "Tehran perceives",
        ),  # noqa: E501
        ((VAGUE,), "Reports said", "", " it grew.", "en", "general:vague-attribution", ""),
        ((VAGUE,), "In addition", "", ", he said more.", "en", "general:vague-attribution", ""),
        (
            (VAGUE,),
            "Iran",
            "Since 2015, ",
            " has grown.",
            "en",
            "general:vague-attribution",
            "",
        ),  # no speech  # noqa: E501
        ((VAGUE,), "الوزير", "قال ", " إن الوضع صعب.", "ar", "general:vague-attribution", ""),
        # The rules of the skill asked only; several skills; a custom skill.
        ((PLACE,), "2015", "since ", ".", "en", "general:placeholder", ""),
        ((STAT, LOADED), "regional", "the ", " council.", "en", "describing-word", "regional"),
        ((STAT, LOADED), "council", "the ", ".", "en", "general", ""),
        (("cherry-picked",), "2015", "since ", ".", "en", "general:cherry-picked", ""),
    ],
)
def test_hint_for_a_selection(
    asked: tuple[str, ...], words: str, before: str, after: str, language: str, rule: str,
    quote: str,
) -> None:  # fmt: skip
    hint = hint_for(skills(*asked), Selected(words, before, after, language))
    assert (hint.rule, hint.quote) == (rule, quote)
    assert hint.quote or QUOTE not in hint.text  # a hint that quotes has words to quote


def test_every_rule_is_of_a_skill_with_a_general_hint() -> None:
    assert {r.skill for r in RULES} <= set(GENERAL)
    assert set(GENERAL) == set(BUILTIN_SKILLS)
    assert all(t.count(QUOTE) <= 1 for t in [*GENERAL.values(), *(r.text for r in RULES)])


def test_a_custom_skill_is_hinted_at_by_its_definition() -> None:
    assert general_hint([CUSTOM]).text.endswith("A figure chosen to mislead.")
    assert "cherry-picked figure, loaded language" in general_hint(skills("x", LOADED)).text
