"""The assistant's output on the seed articles is the output recorded before its speed-ups.

``data/recorded_output.json`` holds, for every article of ``seeds/``, every suggestion
(decoys too), every figure in words and every source cue of every sentence, and the figures
in words of the test modules' sentences, as the assistant gave them when the patterns were
tried at every position of the text. A faster scan must give the very same list.

To record it again after a deliberate change to what the assistant finds:
``python -m tests.assistant.test_unchanged_output``.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

from quizapp.assistant.cues import named_cues, vague_cues
from quizapp.assistant.figures import word_figures
from quizapp.assistant.suggest import suggest
from quizapp.assistant.text import Document
from quizapp.core.article import Article

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RECORDED = Path(__file__).with_name("data") / "recorded_output.json"


def observed(name: str, text: str) -> dict[str, Any]:
    """What the assistant gives for one article, as plain JSON values."""
    doc = Document(Article.from_text(name, text))
    cues = []
    for sentence in doc.sentences:
        for cue in named_cues(doc, sentence) + vague_cues(doc, sentence):
            cues.append([cue.start, cue.end, cue.named, cue.what, cue.why])
    return {
        "suggestions": [
            [s.skill, s.start, s.end, s.quote, s.reason, s.confidence, s.probable_decoy]
            for s in suggest(doc)
        ],
        "word_figures": [list(f) for f in word_figures(text)],
        "cues": cues,
    }


def _record() -> None:
    sentences: list[str] = []
    for module in ("test_figures.py", "test_statistics.py", "test_attribution.py"):
        source = Path(__file__).with_name(module).read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and len(text.split()) >= 3 and text not in sentences:
                sentences.append(text)
    data = {
        "seeds": {p.name: observed(p.name, p.read_text(encoding="utf-8")) for p in SEEDS},
        "sentences": [[t, [list(f) for f in word_figures(t)]] for t in sentences],
    }
    RECORDED.parent.mkdir(exist_ok=True)
    RECORDED.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RECORDED.read_text(encoding="utf-8"))
    return data


def test_every_seed_article_is_recorded(recorded: dict[str, Any]) -> None:
    assert sorted(recorded["seeds"]) == [p.name for p in SEEDS]
    assert sum(len(r["word_figures"]) for r in recorded["seeds"].values()) > 20


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_a_seed_article_gets_the_recorded_output(recorded: dict[str, Any], path: Path) -> None:
    now = json.loads(json.dumps(observed(path.name, path.read_text(encoding="utf-8"))))
    before = recorded["seeds"][path.name]
    for part in ("word_figures", "cues", "suggestions"):
        assert now[part] == before[part], part


def test_the_test_sentences_get_the_recorded_figures(recorded: dict[str, Any]) -> None:
    assert len(recorded["sentences"]) > 50
    for text, figures in recorded["sentences"]:
        assert [list(f) for f in word_figures(text)] == figures, text


if __name__ == "__main__":
    _record()
