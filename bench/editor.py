"""Part 7, in process: the editor's work on the bank's longest article, beside validating the
same quiz the way ``quizapp validate`` does.

- draft: the assistant's suggestions over the article (``/author/drafts/<id>/suggestions``);
- save: an autosave's check of the whole quiz as the editor holds it (``PUT .../data``: the
  document to YAML, the same loader, each message placed at its path);
- validate: the baseline, the quiz file through ``load_quiz_source``.

A publish is a save's check plus one insert, measured by the other parts' writes. CPU time,
median of 7 rounds: the ratios stay put as quizzes grow if the editor does no more than the
validator does. ``scan_setup_ms`` is paid once a process, not by a draft: working out the
words the figure and vague-source patterns can begin with (``quizapp/assistant/scan.py``;
the character tables it folds with are warm after the first round).
"""

from __future__ import annotations

from typing import Any

import yaml

from quizapp.assistant.cues import VAGUE_PATTERNS
from quizapp.assistant.figures import WORD_PATTERNS
from quizapp.assistant.scan import PatternSet
from quizapp.assistant.suggest import suggest
from quizapp.assistant.text import Document
from quizapp.core.article import Article
from quizapp.core.documents import check
from quizapp.core.loader import folder_articles, load_bank, load_quiz_source

from .core import _per_call
from .server import ROOT


def editor() -> dict[str, Any]:
    bank = load_bank(ROOT / "quizzes", ROOT / "seeds")
    quiz = max(bank.quizzes, key=lambda q: len(q.article.tokens))
    path = ROOT / "quizzes" / f"{quiz.id}.yaml"
    source = path.read_bytes()
    document = yaml.safe_load(source)
    text = quiz.article.text
    articles = folder_articles(ROOT / "seeds")

    def validate_once() -> Any:
        return load_quiz_source(source, articles, name=path.name, stem=path.stem)

    def draft_once() -> Any:
        article = Article.from_text(quiz.article.name, text)
        return suggest(Document(article, quiz.language), decoys=False)

    def save_once() -> Any:
        return check(document, text)

    def scan_setup_once() -> Any:
        figures = PatternSet([p.regex for p in WORD_PATTERNS]).candidates("")
        return figures, PatternSet([p for p, _why in VAGUE_PATTERNS]).candidates("")

    assert save_once() == [], "the bank's quiz must pass the editor's check"
    validate_s = _per_call(validate_once, 20)
    draft_s = _per_call(draft_once, 20)
    save_s = _per_call(save_once, 20)
    scan_setup_s = _per_call(scan_setup_once, 1)
    return {
        "quiz": quiz.id,
        "article_tokens": len(quiz.article.tokens),
        "suggestions": len(draft_once()),
        "validate_ms": round(validate_s * 1e3, 2),
        "draft_ms": round(draft_s * 1e3, 2),
        "save_ms": round(save_s * 1e3, 2),
        "scan_setup_ms": round(scan_setup_s * 1e3, 2),
        "draft_ratio": round(draft_s / validate_s, 2),
        "save_ratio": round(save_s / validate_s, 2),
    }
