"""The interface's messages as the sources hold them now, read the way `make messages` does."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "quizapp" / "translations"


@cache
def extracted() -> Catalog:
    """A catalogue of every message in the sources (no translations)."""
    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    catalog = Catalog(project="quizapp")
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
                "N_": None,
                "lazy_ngettext": (1, 2)}  # fmt: skip
    for name, line, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords, comment_tags=("Translators:",)
    ):
        catalog.add(message, None, [(name, line)], auto_comments=comments, context=context)
    return catalog
