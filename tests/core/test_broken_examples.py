"""Every example of tests/data/broken/ fails to load with exactly the messages in expected.txt.

Each file holds one kind of mistake (``multiple-errors.yaml`` holds three); expected.txt lists
``FILE:LINE:COLUMN: message`` lines exactly as ``quizapp validate`` prints them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.cli import cli
from quizapp.core.errors import QuizFileError
from quizapp.core.loader import load_quiz
from quizapp.core.yamlread import MAX_QUIZ_BYTES

DATA = Path(__file__).resolve().parent.parent / "data"
BROKEN = DATA / "broken"
SEEDS = DATA / "seeds"
EXAMPLES = sorted(p.name for p in BROKEN.glob("*.yaml"))


def _expected() -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for line in (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            out[line.split(":", 1)[0]].append(line)
    return out


EXPECTED = _expected()


def _errors(path: Path, name: str) -> list[str]:
    with pytest.raises(QuizFileError) as exc:
        load_quiz(path, SEEDS, display_name=name)
    return [str(e) for e in exc.value.errors]


@pytest.mark.parametrize("name", EXAMPLES, ids=EXAMPLES)
def test_broken_example_reports_exact_messages(name: str) -> None:
    assert name in EXPECTED, f"{name} has no line in expected.txt"
    assert _errors(BROKEN / name, name) == EXPECTED[name]


def test_folder_holds_at_least_thirty_examples() -> None:
    assert len(EXAMPLES) >= 30
    assert set(EXPECTED) == set(EXAMPLES), "expected.txt and the folder list different files"


def test_multiple_errors_are_all_reported_in_one_run() -> None:
    assert len(EXPECTED["multiple-errors.yaml"]) == 3


def test_ten_megabyte_file_is_refused_before_parsing(tmp_path: Path) -> None:
    head = (
        b"id: huge\n"
        b'title: "A quiz padded to 10 MB"\n'
        b"level: beginner\n"
        b"article: sample.txt\n"
        b"skills: [placeholder]\n"
    )
    size = 10 * 1024 * 1024
    pad = b"# padding padding padding padding padding padding padding padding\n"
    body = head + pad * ((size - len(head)) // len(pad) + 1)
    path = tmp_path / "huge.yaml"
    path.write_bytes(body[:size])
    assert path.stat().st_size == size > MAX_QUIZ_BYTES
    assert _errors(path, "huge.yaml") == [
        "huge.yaml:1:1: the file is 10240 KiB; a quiz file may be at most 256 KiB"
    ]


def test_validate_command_reports_every_broken_file() -> None:
    result = CliRunner().invoke(cli, ["validate", str(BROKEN)])
    assert result.exit_code == 1, result.output
    for name in EXAMPLES:
        pattern = rf"^(?:.*/)?{re.escape(name)}:\d+:\d+: "
        assert re.search(pattern, result.output, re.M), f"{name} missing from the output"
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith(f"0 of {len(EXAMPLES)} quiz files valid"), summary
