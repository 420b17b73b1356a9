from __future__ import annotations

import pytest

from quizapp.assistant.loaded import lexicon, parse_lexicon
from tests.assistant.conftest import decoys, problems

SKILL = "loaded-language"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Tehran's unwavering commitment to its allies was clear.", "unwavering commitment"),
        ("It affirmed his leadership as a bastion for the movements.", "bastion"),
        ("Critics of the plan are many, and it is a disastrous waste.", "disastrous waste"),
        ("It was a heroic, jaw-dropping run by the winner.", "jaw-dropping run"),
        ("El escandaloso retraso de la obra se debió a la empresa.", "escandaloso retraso"),
    ],
)
def test_finds_loaded_words_in_the_writers_voice(text: str, quote: str) -> None:
    assert quote in problems(SKILL, text)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('Mayor Ana Ruiz called the vote "a shameful day" for the town.', "shameful day"),
        ("“Honestly, the crowd was incredible,” said Priya Nandakumar.", "incredible"),
    ],
)
def test_a_quoted_loaded_word_is_a_probable_decoy(text: str, quote: str) -> None:
    assert problems(SKILL, text) == []
    assert any(quote in d for d in decoys(SKILL, text))


@pytest.mark.parametrize(
    "text",
    [
        "The Islamic Revolutionary Guard Corps coordinates the support.",
        "Hamas is a Palestinian militant group, agencies say.",
        "The council approved the budget on Monday by seven votes to two.",
    ],
)
def test_names_and_plain_words_are_left_alone(text: str) -> None:
    assert problems(SKILL, text) == []


def test_every_shipped_lexicon_parses() -> None:
    for language in ("en", "es", "fr", "ru", "ar"):
        entries = lexicon(language)
        assert entries and all(0 < e.confidence <= 1 for e in entries)


def test_a_bad_heading_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown option 'weight'"):
        parse_lexicon("## puffery: praise | weight=3\nsplendid\n")
