from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.assistant.draft import DraftError, build_draft, quiz_id_for, selector_for
from quizapp.assistant.suggest import suggest
from quizapp.assistant.text import Document
from quizapp.core.anchor import anchor
from quizapp.core.article import Article, read_article
from quizapp.core.loader import load_quiz
from tests.factories import ROOT

ARTICLES = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_the_draft_of_every_bank_article_loads(path: Path, tmp_path: Path) -> None:
    article = read_article(path)
    doc = Document(article)
    quiz_id = quiz_id_for(path.name)
    draft = build_draft(article, suggest(doc), quiz_id, doc.language)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / path.name).write_bytes(path.read_bytes())
    (tmp_path / "quizzes").mkdir()
    target = tmp_path / "quizzes" / f"{quiz_id}.yaml"
    target.write_text(draft.text, encoding="utf-8")
    quiz = load_quiz(target, tmp_path / "seeds")
    assert len(quiz.annotations) == len(draft.annotations) > 0
    assert all(a.explanation for a in quiz.annotations)


def test_repeated_words_get_a_prefix_suffix_or_occurrence() -> None:
    text = "Headline\nThe old mill and the old bridge are old. Old habits.\n"
    for i in [i for i in range(len(text)) if text.startswith("old", i)]:
        sel = selector_for(text, i, i + 3)
        assert anchor(text, sel) == (i, i + 3)
        assert sel.prefix or sel.suffix or sel.occurrence


def test_too_many_spans_of_a_skill_are_cut_to_the_blind_limit() -> None:
    words = " ".join(["a disastrous, shocking, appalling, outrageous and horrific plan"] * 6)
    article = Article.from_text("loud.txt", f"Loud\n{words}.\n")
    draft = build_draft(article, suggest(article), "loud")
    assert any("least confident loaded-language" in n for n in draft.notes)
    assert "# Dropped the" in draft.text


def test_nothing_found_is_a_clear_error() -> None:
    article = Article.from_text("calm.txt", "Calm\nThe council met on Monday.\n")
    with pytest.raises(DraftError, match="found nothing to suggest"):
        build_draft(article, suggest(article), "calm")


def test_quiz_ids_from_file_names() -> None:
    assert quiz_id_for("000_5b76fb9373ce4131.txt") == "000-5b76fb9373ce4131"
    assert quiz_id_for("Town Budget (final).txt") == "town-budget-final"
    assert quiz_id_for("مقال.txt") == "draft"


@pytest.mark.parametrize("name", ["2026.txt", "2026-12-02.txt", "0x1f.txt", "1e3.txt", "007.txt"])
def test_the_draft_is_valid_whatever_the_article_is_named(name: str, tmp_path: Path) -> None:
    # Issue 15 part 2: a file named by digits alone gave an unquoted numeric id.
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / name).write_bytes(ARTICLES[0].read_bytes())
    article = read_article(tmp_path / "seeds" / name)
    quiz_id = quiz_id_for(name)
    assert quiz_id == name.removesuffix(".txt")
    draft = build_draft(article, suggest(article), quiz_id)
    (tmp_path / "quizzes").mkdir()
    target = tmp_path / "quizzes" / f"{quiz_id}.yaml"
    target.write_text(draft.text, encoding="utf-8")
    assert load_quiz(target, tmp_path / "seeds").id == quiz_id
