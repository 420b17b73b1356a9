"""The core is plain Python: no module of it imports the web or database layers."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "quizapp" / "core"
FORBIDDEN = ("flask", "flask_wtf", "sqlalchemy", "flask_login", "wtforms")


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_web_or_database_layer(path: Path) -> None:
    assert not imported(path) & set(FORBIDDEN)


def test_importing_the_whole_core_loads_no_web_or_database_layer() -> None:
    code = (
        "import sys, pkgutil, importlib, quizapp.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'quizapp.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "from quizapp.core.questions import question_types; question_types()\n"
        f"print(sorted(set(sys.modules) & {set(FORBIDDEN)!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
