"""A quiz's glossary: words of its article a younger reader may not know."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from quizapp.core.article import Article
from quizapp.core.errors import QuizFileError
from quizapp.core.loader import GLOSSARY_LIMIT, load_quiz_source
from quizapp.core.model import Quiz, Term

ARTICLE = Article.from_text(
    "duty.txt",
    "Ministers keep the fuel duty\n"
    "The government refused to cut fuel duty on Tuesday, experts say, while margins at the pump "
    "shrank for a third month in a row as crude oil prices rose and the weaker currency made "
    "every imported barrel dearer for the refineries that supply the country's stations.\n",
)


# Thirteen words of the article, one more than a glossary may hold.
WORDS = ["duty", "government", "refused", "cut", "Tuesday", "experts", "margins", "pump",
         "shrank", "third", "month", "crude", "currency"]  # fmt: skip


def quiz(glossary: Any) -> Quiz:
    doc = {
        "id": "duty",
        "title": "Fuel duty",
        "level": "beginner",
        "article": "duty.txt",
        "skills": ["vague-attribution"],
        "annotations": [
            {
                "id": "experts",
                "skill": "vague-attribution",
                "quote": "experts say",
                "explanation": "Which experts?",
            },
        ],  # fmt: skip
        "glossary": glossary,
    }
    return load_quiz_source(yaml.safe_dump(doc).encode(), lambda _: ARTICLE, name="duty.yaml")


def messages(glossary: Any) -> list[str]:
    with pytest.raises(QuizFileError) as info:
        quiz(glossary)
    return [f"{e.line}: {e.message}" for e in info.value.errors]


def test_terms_are_kept_in_order() -> None:
    terms = [{"term": "Fuel Duty", "meaning": "a tax on each litre"},
             {"term": "margins", "meaning": "what a seller keeps"}]  # fmt: skip
    assert quiz(terms).glossary == (Term("Fuel Duty", "a tax on each litre"),
                                    Term("margins", "what a seller keeps"))  # fmt: skip


def test_a_term_not_in_the_article_is_refused_at_its_line() -> None:
    found = messages([{"term": "tariff", "meaning": "a tax on imports"}])
    assert len(found) == 1
    line, message = found[0].split(": ", 1)
    assert int(line) > 1
    assert message == "'tariff' is not in the article; give a word as the article spells it"


@pytest.mark.parametrize(
    ("glossary", "expected"),
    [
        ([{"term": "margins", "meaning": "x"}, {"term": "Margins", "meaning": "y"}],
         "'Margins' is listed twice"),
        ([{"term": "margins"}], "missing required key 'meaning'"),
        ([{"term": "margins", "meaning": "x", "note": "y"}], "unknown key 'note'"),
        ("margins", "'glossary' must be a list"),
        ([{"term": w, "meaning": "x"} for w in WORDS], f"keep the {GLOSSARY_LIMIT} a reader most"),
    ],
)  # fmt: skip
def test_bad_glossaries_say_what_to_fix(glossary: Any, expected: str) -> None:
    assert any(expected in m for m in messages(glossary))
