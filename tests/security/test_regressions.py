"""What the fuzzers and the corpus found in the core, kept as plain cases: each once escaped
as an exception other than the loader's or the parser's own error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from quizapp.core.errors import QuizError, QuizFileError, ResponseError
from quizapp.core.grading import parse_form
from quizapp.core.loader import load_quiz
from quizapp.core.model import Quiz
from tests.factories import quiz_data, write_quiz


def errors_of(tmp_path: Path, source: str | bytes) -> list[QuizError]:
    """The errors of a quiz file (quizzes/town-budget.yaml over the factories' article)."""
    path = write_quiz(tmp_path, quiz_data())
    path.write_bytes(source.encode("utf-8") if isinstance(source, str) else source)
    with pytest.raises(QuizFileError) as caught:
        load_quiz(path, tmp_path / "seeds")
    return list(caught.value.errors)


def document(**overrides: Any) -> str:
    return yaml.safe_dump(quiz_data(**overrides), allow_unicode=True)


@pytest.mark.parametrize(
    ("source", "place", "message"),
    [
        # yaml.reader.ReaderError escaped from the reader's constructor.
        (b"id: town-budget\ntitle: a\x01b\n", (2, 9), "the control character U+0001"),
        # ValueError: Python reads no integer of more than 4,300 digits...
        (document(title=None) + "title: " + "9" * 5000, None, "a number of 5000 characters"),
        # ... nor prints one: a 4,000-digit hexadecimal number failed in the error message.
        (document() + "seed: 0x" + "f" * 4000, None, "a number of 4002 characters"),
        # A NUL, written as the escape "\0", reached the title: PostgreSQL refused the import.
        (document(title="Town\x00budget"), None, "'title' holds the control character U+0000"),
        (document(summary="a\x1b[31mred"), None, "'summary' holds the control character U+001B"),
        # OSError: File name too long, from Path.is_file().
        (document(article="a" * 300 + ".txt"), None, "there is no article 'aaaa"),
        # IndexError: a spot question's default prompt read the empty definition of a
        # custom skill that had failed to load.
        (document(skills=[{"id": "x-y"}], questions=[{"type": "spot"}]), None, "missing"),
    ],
    ids=["control-character", "long-int", "long-hex", "nul-escape", "escape-char",
         "long-article-name", "half-made-skill"],
)  # fmt: skip
def test_loader_refuses_with_a_placed_error(
    tmp_path: Path, source: str | bytes, place: tuple[int, int] | None, message: str
) -> None:
    errors = errors_of(tmp_path, source)
    found = [e for e in errors if message in e.message]
    assert found, [str(e) for e in errors]
    if place is not None:
        assert (found[0].line, found[0].column) == place


@pytest.mark.parametrize("key", ["a\rb", "a\u2028b", "a\x85b", "a\nb"])
def test_an_error_quoting_a_line_break_prints_on_one_line(tmp_path: Path, key: str) -> None:
    errors = errors_of(tmp_path, document() + yaml.safe_dump({key: 1}))
    unknown = [str(e) for e in errors if "unknown key" in e.message]
    assert unknown and all(len(e.splitlines()) == 1 for e in unknown), unknown


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        # ValueError from int('²'): str.isdigit() accepts superscripts.
        ({"q.find-statistics.tokens": ["\u00b2"]}, "must hold whole numbers"),
        # Other scripts' digits were read as numbers the widget never sends.
        ({"q.find-statistics.tokens": ["\u0661\u0662"]}, "must hold whole numbers"),
        ({"q.find-statistics.tokens": ["\uff11\uff12"]}, "must hold whole numbers"),
        # A misnamed field was silently dropped, and with it the answer.
        ({"q.find-statistics.token": ["12"]}, "unexpected field 'token'"),
        ({"q.classify-1.answer": ["placeholder"]}, "unexpected field 'answer'"),
        ({"q.trust-the-figure.options": ["o1"]}, "unexpected field 'options'"),
    ],
    ids=["superscript", "arabic-indic", "fullwidth", "spot-field", "classify-field",
         "choice-field"],
)  # fmt: skip
def test_form_parser_refuses_what_the_forms_never_send(
    seed_quiz: Quiz, fields: dict[str, list[str]], message: str
) -> None:
    with pytest.raises(ResponseError, match=message):
        parse_form(seed_quiz, fields)
