"""The validator's messages and the assistant's reasons as message values (issue 16): the CLI's
English unchanged, the same message in Spanish, Russian and Arabic from the compiled
catalogues, the article's words never translated, and message and fix kept apart in every
language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quizapp.assistant.suggest import suggest
from quizapp.assistant.text import Document
from quizapp.core import texts
from quizapp.core.anchor import AnchorError, Selector, anchor
from quizapp.core.article import Article
from quizapp.core.documents import check, placed
from quizapp.core.errors import QuizError, QuizFileError
from quizapp.core.loader import load_quiz_source
from quizapp.core.texts import M_, P_, Text, told_in
from tests.factories import ARTICLE, make_quiz, quiz_data

CATALOGUES = Path(texts.LOCALE_DIR)
pytestmark = pytest.mark.skipif(
    not all((CATALOGUES / c / "LC_MESSAGES" / "messages.mo").is_file() for c in ("es", "ru", "ar")),
    reason="the catalogues are not compiled (make translations)",
)


@pytest.fixture(autouse=True)
def _fresh_catalogues() -> None:
    # Another test may have pointed the core at a catalogue of its own.
    texts._catalogue.cache_clear()


def bad_quote(tmp_path: Path, quote: str = "a budget of five million") -> QuizError:
    """The one error of a quiz whose first annotation quotes words the article lacks."""
    annotations = quiz_data()["annotations"]
    annotations[0] = {**annotations[0], "quote": quote}
    with pytest.raises(QuizFileError) as caught:
        make_quiz(tmp_path, annotations=annotations)
    (error,) = [e for e in caught.value.errors if "not in the article" in e.message]
    return error


def test_str_stays_the_english_the_cli_prints(tmp_path: Path) -> None:
    error = bad_quote(tmp_path)
    assert error.message == (
        'quote "a budget of five million" is not in the article; '
        'the closest passage is "a budget of 4 million euros"'
    )
    assert str(error).endswith(f": {error.message}")
    assert error.text is not None and str(error.text) == error.message


@pytest.mark.parametrize(
    ("language", "message", "fix"),
    [
        (
            "es",
            "la cita «a budget of five million» no está en el artículo",
            "el fragmento más parecido es «a budget of 4 million euros»",
        ),
        (
            "ru",
            "цитаты «a budget of five million» нет в статье",
            "ближе всего фрагмент «a budget of 4 million euros»",
        ),
        (
            "ar",
            "الاقتباس «a budget of five million» غير موجود في المقال",
            "أقرب مقطع هو «a budget of 4 million euros»",
        ),
    ],
)
def test_a_validator_message_renders_in_the_readers_language(
    tmp_path: Path, language: str, message: str, fix: str
) -> None:
    error = bad_quote(tmp_path)
    assert error.parts(language) == (message, fix)
    assert error.parts("en") == tuple(error.message.split("; "))


def test_a_quote_is_never_translated(tmp_path: Path) -> None:
    """Words of the article that happen to be a message of the catalogue stay as written."""
    with pytest.raises(AnchorError) as caught:
        anchor("The headline.\nA text.", Selector("the article"))
    spanish = caught.value.text.render("es")
    assert "«the article»" in spanish and "el artículo" in spanish
    assert M_("skill '%(id)s' is listed twice", id="a list").render("ru") == (
        "навык «a list» указан дважды"
    )


def test_a_nested_message_is_translated_with_its_parent() -> None:
    text = M_("'%(key)s' must be %(kind)s, not %(value)s", key="title", kind=M_("text"),
              value=M_("a list"))  # fmt: skip
    assert str(text) == "'title' must be text, not a list"
    assert text.render("es") == "«title» debe ser texto, no una lista"


def test_message_and_fix_stay_apart_in_arabic(tmp_path: Path) -> None:
    """The editor shows a message and its fix apart: split before translating, so the
    Arabic semicolon (and any '; ' a translation holds) splits nothing."""
    error = bad_quote(tmp_path)
    message, fix = error.parts("ar")
    assert "؛" not in message and ";" not in message and fix.startswith("أقرب مقطع")
    assert error.text is not None
    assert error.text.render("ar") == f"{message}؛ {fix}"
    # The editor's document path: the same split, placed on its field.
    document = yaml.safe_load((tmp_path / "quizzes" / "town-budget.yaml").read_text("utf-8"))
    found = check(document, ARTICLE, "ar")
    quote = next(m for m in found if m.path == "annotations[0].quote")
    assert (quote.message, quote.fix, quote.language) == (message, fix, "ar")
    assert quote.as_json()["english"] == error.message


def test_a_quote_holding_a_semicolon_is_not_split(tmp_path: Path) -> None:
    """Before, the editor split the English at its first '; ', inside the quote."""
    error = bad_quote(tmp_path, "a budget; of five million")
    (message,) = placed("", [error], "en")
    assert message.message == 'quote "a budget; of five million" is not in the article'


@pytest.mark.parametrize(
    ("count", "russian"), [(1, "1 раз"), (3, "3 раза"), (5, "5 раз"), (21, "21 раз")]
)
def test_a_count_takes_the_languages_plural(count: int, russian: str) -> None:
    text = P_('quote "%(quote)s" occurs %(num)d time', 'quote "%(quote)s" occurs %(num)d times',
              count, quote="x", num=count)  # fmt: skip
    assert text.render("ru") == f"цитата «x» встречается {russian}"
    assert str(text).endswith("time" if count == 1 else "times")


def test_a_language_without_a_catalogue_is_english() -> None:
    assert told_in("fr") == "en" and told_in("es-MX") == "es" and told_in("en") == "en"
    assert M_("a list").render("fr") == "a list"


def test_every_loader_error_carries_its_message_value(tmp_path: Path) -> None:
    """A YAML problem, a missing key and an anchoring problem: each error has a Text whose
    English is its message, so nothing reaches the editor untranslatable."""
    source = b"id: x\ntitle: [unclosed\n"
    with pytest.raises(QuizFileError) as caught:
        load_quiz_source(source, lambda n: Article.from_text(n, "H\nText."), name="x.yaml")
    with pytest.raises(QuizFileError) as caught_more:
        skills = ["placeholder", "unsupported-statistic", "vague-attribution", "loaded-langage"]
        make_quiz(tmp_path, level="expert", skills=skills)
    for error in (*caught.value.errors, *caught_more.value.errors):
        assert isinstance(error.text, Text) and str(error.text) == error.message
        assert error.parts("es")[0] != error.parts("en")[0], error.message


def test_the_assistants_reasons_in_russian() -> None:
    doc = Document(Article.from_text("a.txt", "Plan\nExperts say the plan will fail.\n"), "en")
    (found,) = [s for s in suggest(doc, decoys=False) if s.skill == "vague-attribution"]
    assert found.reason == (
        '"Experts say": credits the claim to an unnamed group; which ones, and could a '
        "reader check them?"
    )
    assert found.told("ru") == (
        "«Experts say»: приписывает утверждение неназванной группе; какие именно и сможет ли "
        "читатель их проверить?"
    )
    assert found.told("en") == found.reason
