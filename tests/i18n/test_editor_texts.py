"""The quiz editor's scripts take every text from quizapp/web/editor/jstexts.py: each key they
ask for exists, and each text passes through the catalogue (none is English in the
pseudo-language)."""

from __future__ import annotations

import re
from pathlib import Path

from quizapp import create_app
from quizapp.core.loader import QUIZ_KEYS
from quizapp.core.model import LEVELS
from quizapp.web.editor.edit import QUESTION_TYPES
from quizapp.web.editor.jstexts import editor_texts
from tests.databases import database_config
from tests.factories import ROOT
from tests.i18n.pseudo import CODE, build
from tests.web.conftest import SECRET_KEY

SCRIPTS = [ROOT / "static/js/editor.js", *sorted((ROOT / "static/js/editor").glob("*.js"))]
# t('key'), tx('key'), tn('key', n): a fixed key; t(`type.${t}`): a key built from a prefix.
_CALL = re.compile(r"\b(?:t|tx|tn)\(\s*(?:'([^']+)'|`([a-z]+)\.\$\{)")
_BUILT = {"type": QUESTION_TYPES, "level": LEVELS, "item": ("annotations", "decoys",
          "questions", "skills"), "where": tuple(QUIZ_KEYS)}  # fmt: skip


def _texts(tmp_path: Path) -> dict[str, object]:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": SECRET_KEY,
            "IMPORT_ON_START": False,
            **next(iter(database_config("sqlite", tmp_path))),
            "BABEL_TRANSLATION_DIRECTORIES": str(build(tmp_path / "pseudo")),
            "EXTRA_LANGUAGES": {CODE: "Pseudo"},
            "DEFAULT_LANGUAGE": CODE,
        }  # fmt: skip
    )
    with app.test_request_context("/"):
        return editor_texts()


def test_every_key_the_scripts_ask_for_exists(tmp_path: Path) -> None:
    keys = set(_texts(tmp_path))
    asked: set[str] = set()
    for script in SCRIPTS:
        for fixed, prefix in _CALL.findall(script.read_text(encoding="utf-8")):
            asked |= {fixed} if fixed else {f"{prefix}.{v}" for v in _BUILT[prefix]}
    assert asked, "no texts found in the editor's scripts"
    assert sorted(asked - keys) == []


def test_every_text_passes_through_the_catalogue(tmp_path: Path) -> None:
    english = []
    for key, text in _texts(tmp_path).items():
        for form in text.values() if isinstance(text, dict) else [text]:
            if re.search(r"[A-Za-z]{2,}", re.sub(r"\{\w+\}", "", str(form))):
                english.append((key, form))
    assert english == []
