"""The ``quizapp`` command: a Flask CLI group, so commands of every layer join one tool."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

import click
from flask.cli import FlaskGroup, run_command

from quizapp.core.loader import load_bank, load_files
from quizapp.core.model import Quiz


def _create_app() -> object:
    from quizapp import create_app

    # Only the server brings the bank in as it starts; `db upgrade`, `import` and the rest do
    # just what they are asked (and `db upgrade` no longer warns of the schema it upgrades).
    ctx = click.get_current_context(silent=True)
    serving = ctx is not None and ctx.info_name == "run"
    return create_app(None if serving else {"IMPORT_ON_START": False})


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False)
def cli() -> None:
    """quizapp: a media-literacy quiz engine."""


cli.add_command(run_command)


def _content_dirs(root: Path) -> tuple[Path, Path]:
    return root / "quizzes", root / "seeds"


@cli.command("validate", with_appcontext=False)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--seeds",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of articles (default: seeds/ beside the quiz folder).",
)
@click.option(
    "--fairness",
    is_flag=True,
    help="Also grade simulated students on every highlight question and warn where their "
    "scores fall outside the bands of docs/authoring.md.",
)
def validate(paths: tuple[Path, ...], seeds: Path | None, fairness: bool) -> None:
    """Check the quiz bank, or the given quiz files and folders, and report every error."""
    started = time.perf_counter()
    quizzes_dir, default_seeds = _content_dirs(Path.cwd())
    files: list[Path] = []
    for p in paths or (quizzes_dir,):
        if p.is_dir():
            files.extend(sorted(p.glob("*.yaml")))
        elif p.exists():
            files.append(p)
        else:
            raise click.UsageError(f"no such file or folder: {p}")
    seeds_dir = seeds or (files[0].resolve().parent.parent / "seeds" if files else default_seeds)
    if not seeds_dir.is_dir():
        seeds_dir = default_seeds
    bank = load_files(files, seeds_dir, Path.cwd())
    for error in bank.errors:
        click.echo(str(error))
    bad = len({e.file for e in bank.errors})
    elapsed = time.perf_counter() - started
    questions = sum(len(q.questions) for q in bank.quizzes)
    click.echo(
        f"{len(bank.quizzes)} of {bank.files} quiz files valid, {questions} questions; "
        f"{len(bank.errors)} error(s) in {bad} file(s) ({elapsed:.2f}s)"
    )
    if fairness:
        _fairness(bank.quizzes)
    if bank.errors or not files:
        sys.exit(1)


def _fairness(quizzes: Sequence[Quiz]) -> None:
    """Print each quiz's table of simulated students and the bands it misses."""
    from quizapp.core.fairness import BANDS, DECOY_COST, run_quiz, table

    missed = 0
    for quiz in quizzes:
        run = run_quiz(quiz)
        click.echo(f"\n{quiz.id}")
        for row in table(run):
            click.echo(f"  {row}")
        for warning in run.warnings:
            click.echo(f"  warning: {warning}")
        missed += len(run.warnings)
    click.echo("\nbands: " + "; ".join(b.text for b in BANDS))
    click.echo(
        f"       flagging the decoys too costs >= {DECOY_COST} on average; marking the "
        "arguable problems too scores no less than the cores alone"
    )
    click.echo(f"{missed} warning(s)")


@cli.command("show", with_appcontext=False)
@click.argument("quiz_id")
def show(quiz_id: str) -> None:
    """Print a quiz's questions as a learner sees them (no answers)."""
    bank = load_bank(*_content_dirs(Path.cwd()), Path.cwd())
    try:
        quiz = bank.get(quiz_id)
    except KeyError:
        raise click.ClickException(f"no valid quiz with the id '{quiz_id}'") from None
    click.echo(f"{quiz.title}  [{quiz.level}, {quiz.language}]\n{quiz.article.headline}\n")
    for n, q in enumerate(quiz.questions, 1):
        view = q.public_view()
        click.echo(f"{n}. ({view['type']}, {view['points']:g} pt) {view['prompt']}")
        if "phrase" in view:
            click.echo(f"   \u201c{view['phrase']}\u201d in: {view['context']}")
        for option in view.get("options", []):
            click.echo(f"   - {option.get('text') or option.get('name')}")


from quizapp.assistant.cli import register  # noqa: E402  (the assistant's commands)

register(cli)
