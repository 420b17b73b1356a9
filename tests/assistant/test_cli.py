"""``quizapp suggest`` and ``quizapp evaluate-assistant`` through the real command group."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from quizapp.cli import cli
from tests.factories import ROOT

SEED = ROOT / "seeds" / "000_5b76fb9373ce4131.txt"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(ROOT)
    return CliRunner()


def test_suggest_on_the_seed_article(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["suggest", str(SEED)])
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(result.stdout)
    by_skill: dict[str, list[str]] = {}
    for a in draft["annotations"]:
        by_skill.setdefault(a["skill"], []).append(a["quote"])
    assert by_skill["placeholder"] == ["[insert date here]"]
    third_paragraph = SEED.read_text(encoding="utf-8").splitlines()[3]
    figures = [q for q in by_skill["unsupported-statistic"] if q in third_paragraph]
    assert any("50%" in q for q in figures) and any("$30 million" in q for q in figures)
    assert len(by_skill["loaded-language"]) >= 5
    assert {"unwavering commitment", "bastion"} <= set(by_skill["loaded-language"])


def test_skills_and_min_confidence_filter(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "suggest",
            str(SEED),
            "--skills",
            "placeholder,loaded-language",
            "--min-confidence",
            "0.7",
        ],
    )
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(result.stdout)
    assert draft["skills"] == ["placeholder", "loaded-language"]
    assert "# confidence 0.6" not in result.stdout


def test_an_unknown_skill_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["suggest", str(SEED), "--skills", "gossip"])
    assert result.exit_code == 2
    assert "unknown skill(s) gossip" in result.output


def test_output_file_validates_and_is_never_overwritten_without_force(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "seeds").mkdir()
    article = tmp_path / "seeds" / SEED.name
    article.write_bytes(SEED.read_bytes())
    (tmp_path / "quizzes").mkdir()
    out = tmp_path / "quizzes" / "seed-draft.yaml"
    assert runner.invoke(cli, ["suggest", str(article), "-o", str(out)]).exit_code == 0
    check = runner.invoke(cli, ["validate", str(out)])
    assert check.exit_code == 0, check.output

    out.write_text("mine\n", encoding="utf-8")
    again = runner.invoke(cli, ["suggest", str(article), "-o", str(out)])
    assert again.exit_code == 1 and "use --force" in again.output
    assert out.read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(cli, ["suggest", str(article), "-o", str(out), "--force"])
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# yaml")


def test_an_output_name_that_is_no_quiz_id_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["suggest", str(SEED), "-o", str(tmp_path / "My Draft.yaml")])
    assert result.exit_code == 1 and "like my-draft.yaml" in result.output


BAD_INPUTS = {
    "empty": b"",
    "blank-lines": b"\n\n   \n",
    "binary": bytes(range(256)) * 4,
    "latin-1": "Caf\u00e9 cr\u00e8me: 50% moins cher".encode("latin-1"),
    "five-megabytes": b"The plan is a disastrous waste. " * 170_000,
    "one-huge-line": b"Statistics show costs rose by over 50% and it is a disastrous waste. " * 600,
    "mixed-scripts": "Mix: \u0645\u0631\u062d\u0628\u0627 \u4f60\u597d \u043f\u0440\u0438\n"
    "Experts say 70% of \u05e9\u05dc\u05d5\u05dd residents \u263a oppose [insert name].\n".encode(),
    "right-to-left": "\u0623\u0632\u0645\u0629 \u0627\u0644\u0645\u064a\u0627\u0647\n"
    "\u062a\u0634\u064a\u0631 \u0627\u0644\u062a\u0642\u0627\u0631\u064a\u0631 \u0625\u0644\u0649 "
    "\u0623\u0646 70% \u0645\u0646 \u0627\u0644\u0633\u0643\u0627\u0646 [\u0623\u062f\u062e\u0644 "
    "\u0627\u0644\u062a\u0627\u0631\u064a\u062e].\n".encode(),
    "no-findings": b"Council meets\nThe council met on Monday.\n",
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_any_text_file_gives_a_draft_or_a_clear_error(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(BAD_INPUTS[name])
    result = runner.invoke(cli, ["suggest", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1
    else:
        assert yaml.safe_load(result.stdout)["annotations"]


def test_a_missing_article_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["suggest", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and result.output.startswith("Error: ")


def test_evaluate_assistant_names_both_halves(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["evaluate-assistant"])
    assert result.exit_code == 0, result.output
    assert re.search(r"development half \(\d+ articles: 000_5b76fb9373ce4131.txt", result.output)
    assert re.search(r"held-out half \(\d+ articles:", result.output)
    assert result.output.count("| placeholder |") == 3
