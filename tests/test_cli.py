from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from quizapp.cli import cli
from tests.factories import ROOT, quiz_data, write_quiz


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    return CliRunner()


def test_validate_the_bank(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    n = len(list((ROOT / "quizzes").glob("*.yaml")))
    assert result.output.startswith(f"{n} of {n} quiz files valid")
    assert "0 error(s) in 0 file(s)" in result.output


def test_validate_reports_every_error_with_its_place(runner: CliRunner, tmp_path: Path) -> None:
    data = quiz_data(level="expert")
    data["annotations"][0]["quote"] = "Critcs say"
    path = write_quiz(tmp_path, data)
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].endswith(
        ':4:10: quote "Critcs say" is not in the article; the closest passage is "Critics say"'
    )
    assert lines[1].endswith(
        ":37:8: 'level' must be one of beginner, intermediate, advanced, not 'expert'"
    )
    assert lines[-1].startswith("0 of 1 quiz files valid, 0 questions; 2 error(s) in 1 file(s)")


def test_validate_needs_no_database(runner: CliRunner, tmp_path: Path) -> None:
    path = write_quiz(tmp_path, quiz_data())
    result = runner.invoke(cli, ["validate", str(path)], env={"QUIZAPP_DATABASE_URL": "invalid://"})
    assert result.exit_code == 0, result.output


def test_validate_a_missing_path_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", "no/such.yaml"])
    assert result.exit_code == 2
    assert "no such file or folder: no/such.yaml" in result.output


def test_show_prints_questions_without_answers(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["show", "iran-hamas-meeting"])
    assert result.exit_code == 0, result.output
    assert "Highlight every unsupported statistic" in result.output
    seed = yaml.safe_load((ROOT / "quizzes" / "iran-hamas-meeting.yaml").read_text())
    for span in seed["annotations"] + seed["decoys"]:
        assert span["explanation"][:40] not in result.output
