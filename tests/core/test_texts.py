"""The engine's own texts follow the quiz's language, from the interface's catalogues."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from quizapp.core import texts
from quizapp.core.article import Article
from quizapp.core.errors import QuizFileError
from quizapp.core.hints import Selected, hint_for
from quizapp.core.loader import load_quiz_source
from quizapp.core.model import Quiz
from quizapp.core.questions.classify import ClassifyQuestion
from quizapp.core.questions.spot import SpotQuestion

SPANISH = {
    "Unsupported statistic": "Estadística sin fuente",
    "unsupported statistic": "estadística sin fuente",
    "Highlight every %(one)s: %(definition)s": "Resalta cada caso de %(one)s: %(definition)s",
    "Nothing wrong": "Nada incorrecto",
    "What, if anything, is wrong with the highlighted words?": "¿Qué falla en lo resaltado?",
    "passage showing %(name)s": "pasaje con %(name)s",
    "A year on its own is not a statistic: it says when, not how many or how much. "
    "Look for a number, share or amount given as fact with no source for it.": "Un año solo "
    "no es una estadística.",
}
ARTICLE = Article.from_text(
    "cifras.txt",
    "Las cifras del puerto\n"
    "El puerto movió 40.000 contenedores en 2023, y el tráfico subirá un 30% según dicen. "
    "Las autoridades del puerto anunciaron obras nuevas para el muelle norte el martes, y "
    "los vecinos del barrio pidieron más información sobre el ruido y los camiones.\n",
)


@pytest.fixture(autouse=True)
def spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    catalog = Catalog(locale="es")
    for english, spanish in SPANISH.items():
        catalog.add(english, spanish)
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as f:
        write_mo(f, catalog)
    monkeypatch.setattr(texts, "LOCALE_DIR", tmp_path)
    texts._catalogue.cache_clear()
    yield
    texts._catalogue.cache_clear()


def quiz(language: str) -> Quiz:
    doc = {
        "id": "cifras", "title": "Cifras", "level": "beginner", "article": "cifras.txt",
        "language": language,
        "skills": ["unsupported-statistic",
                   {"id": "bulo", "name": "Rumor", "definition": "Algo que se repite sin base.",
                    "tip": "Pregunta quién lo dijo."}],
        "annotations": [
            {"id": "treinta", "skill": "unsupported-statistic", "quote": "un 30%",
             "explanation": "¿Quién lo calcula?"},
            {"id": "dicen", "skill": "bulo", "quote": "según dicen", "explanation": "¿Quién?"},
        ],
        "decoys": [{"id": "anio", "looks_like": "unsupported-statistic", "quote": "2023",
                    "explanation": "Un año."}],
    }  # fmt: skip
    source = yaml.safe_dump(doc, allow_unicode=True).encode()
    return load_quiz_source(source, lambda _: ARTICLE, name="cifras.yaml")


def test_a_spanish_quiz_gets_spanish_texts() -> None:
    q = quiz("es")
    assert q.skill("unsupported-statistic").name == "Estadística sin fuente"
    assert q.skill("bulo").one == "pasaje con rumor"
    spots = [x for x in q.questions if isinstance(x, SpotQuestion)]
    assert spots[0].prompt.startswith("Resalta cada caso de estadística sin fuente: ")
    assert spots[1].prompt.startswith("Resalta cada caso de pasaje con rumor: algo que se")
    classify = next(x for x in q.questions if isinstance(x, ClassifyQuestion))
    assert classify.prompt == "¿Qué falla en lo resaltado?"
    assert classify.public_view()["options"][-1] == {
        "id": "nothing-wrong",
        "name": "Nada incorrecto",
    }


def test_untranslated_texts_stay_english() -> None:
    q = quiz("es")  # no Spanish tip in this catalogue: the English one
    assert q.skill("unsupported-statistic").tip.startswith("Ask of every figure")


@pytest.mark.parametrize("language", ["en", "de", "es-MX"])
def test_other_languages(language: str) -> None:
    name = quiz(language).skill("unsupported-statistic").name
    assert name == ("Estadística sin fuente" if language == "es-MX" else "Unsupported statistic")


def test_hints_follow_the_quiz_language() -> None:
    statistic = quiz("es").skill("unsupported-statistic")
    hint = hint_for(
        [statistic], Selected("2023", "El puerto movió 40.000 contenedores en ", ".", "es")
    )
    assert (hint.rule, hint.text) == ("year", "Un año solo no es una estadística.")
    english = hint_for([statistic], Selected("2023", "It moved 40 boxes in ", ".", "en"))
    assert english.text.startswith("A year on its own is not a statistic")


def test_a_custom_skill_takes_its_texts_in_the_quiz_language() -> None:
    def loaded(language: str, translations: object) -> Quiz:
        doc = {
            "id": "r", "title": "R", "level": "beginner", "article": "cifras.txt",
            "language": language,
            "skills": [{"id": "rumor", "name": "Rumour", "definition": "Said without a base.",
                        "tip": "Ask who said it.", "translations": translations}],
            "annotations": [{"id": "d", "skill": "rumor", "quote": "según dicen",
                             "explanation": "¿Quién?"}],
        }  # fmt: skip
        source = yaml.safe_dump(doc, allow_unicode=True).encode()
        return load_quiz_source(source, lambda _: ARTICLE, name="r.yaml")

    spanish = {"es": {"name": "Rumor", "definition": "Dicho sin base.", "tip": "Pregunta."}}
    assert loaded("es", spanish).skill("rumor").definition == "Dicho sin base."
    assert loaded("en", spanish).skill("rumor").definition == "Said without a base."
    assert loaded("es", spanish).skill("rumor").english_texts[0] == "Rumour"
    with pytest.raises(QuizFileError, match="missing required key 'tip'"):
        loaded("es", {"es": {"name": "Rumor", "definition": "Dicho sin base."}})
    with pytest.raises(QuizFileError, match="'translations' maps a language code"):
        loaded("es", ["es"])
