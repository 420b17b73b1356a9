"""The assistant's commands: ``quizapp suggest`` and ``quizapp evaluate-assistant``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask.cli import FlaskGroup

from quizapp.assistant.draft import DraftError, build_draft, quiz_id_for
from quizapp.assistant.evaluate import DEV, HELD_OUT, evaluate, table
from quizapp.assistant.registry import detectors
from quizapp.assistant.suggest import suggest
from quizapp.assistant.text import Document
from quizapp.core.article import ArticleError, read_article
from quizapp.core.loader import load_bank

MAX_PARAGRAPHS = 2000


def _skills(value: str | None) -> list[str]:
    known = list(detectors())
    if not value:
        return known
    chosen = [s.strip() for s in value.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in known]
    if unknown:
        raise click.BadParameter(
            f"unknown skill(s) {', '.join(unknown)}; choose from {', '.join(known)}",
            param_hint="--skills",
        )
    return chosen


@click.argument("article", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the draft here (its name without .yaml is the quiz id); default: print it.",
)
@click.option("--skills", default=None, help="Comma-separated skills to look for (default: all).")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Leave out suggestions less confident than this.",
)
@click.option("--language", default=None, help="The article's language code (default: guessed).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def suggest_command(
    article: Path,
    output: Path | None,
    skills: str | None,
    min_confidence: float,
    language: str | None,
    force: bool,
) -> None:
    """Draft a quiz file for ARTICLE: candidate annotations to review, each with a reason."""
    chosen = _skills(skills)
    if output is not None and output.exists() and not force:
        raise click.ClickException(f"{output} exists; use --force to overwrite it")
    try:
        art = read_article(article)
    except ArticleError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{article}: cannot read the article ({exc.strerror})") from None
    if len(art.blocks) > MAX_PARAGRAPHS:
        raise click.ClickException(
            f"{article.name}: {len(art.blocks)} lines of text; an article has at most "
            f"{MAX_PARAGRAPHS} paragraphs (one a line)"
        )
    doc = Document(art, language)
    found = suggest(doc, chosen, min_confidence)
    quiz_id = quiz_id_for(output.name if output else art.name)
    if output is not None and quiz_id != output.name.removesuffix(".yaml"):
        raise click.ClickException(
            f"{output.name}: a quiz file is named after its id; use lower-case letters, digits "
            f"and dashes, like {quiz_id}.yaml"
        )
    try:
        draft = build_draft(art, found, quiz_id, doc.language)
    except DraftError as exc:
        raise click.ClickException(str(exc)) from None
    if output is None:
        click.echo(draft.text, nl=False)
    else:
        _write(output, draft.text, force)
        click.echo(
            f"wrote {output}: {len(draft.annotations)} suggestion(s), {len(draft.decoys)} "
            "probable decoy(s) to review",
            err=True,
        )
    for note in draft.notes:
        click.echo(f"note: {note}", err=True)


def _write(path: Path, text: str, force: bool) -> None:
    """Write atomically; without ``force`` never replace a file that appeared meanwhile."""
    try:
        if force:
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
        else:
            with path.open("x", encoding="utf-8") as fh:
                fh.write(text)
    except FileExistsError:
        raise click.ClickException(f"{path} exists; use --force to overwrite it") from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {path} ({exc.strerror})") from None


@click.option(
    "--quizzes",
    "quizzes_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("quizzes"),
    show_default=True,
    help="Folder of quiz files (the gold).",
)
@click.option(
    "--seeds",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("seeds"),
    show_default=True,
    help="Folder of articles.",
)
@click.option(
    "--show-misses", is_flag=True, help="List the development half's missed spans and false alarms."
)
def evaluate_command(quizzes_dir: Path, seeds: Path, show_misses: bool) -> None:
    """Score the detectors against every quiz of the bank, per half and per skill."""
    bank = load_bank(quizzes_dir, seeds, Path.cwd())
    if not bank.quizzes:
        raise click.ClickException(f"no valid quiz in {quizzes_dir}")
    skipped = sorted({e.file for e in bank.errors})
    result = evaluate(bank.quizzes, skipped)
    for half in (DEV, HELD_OUT):
        names = ", ".join(result.halves[half]) or "none"
        click.echo(f"{half} half ({len(result.halves[half])} articles: {names})\n")
        click.echo(table(result, half) + "\n")
    click.echo(f"whole bank ({bank.files} quiz files)\n")
    click.echo(table(result, "all"))
    if skipped:
        click.echo(f"\nleft out (they do not validate): {', '.join(skipped)}", err=True)
    if show_misses:
        click.echo("\ndevelopment half, spans to look at:")
        for m in result.misses[DEV]:
            click.echo(f"  {m.kind:11} {m.quiz}: {m.skill}: {m.quote}")
    sys.stdout.flush()


def register(cli: FlaskGroup) -> None:
    """Add the assistant's commands to the ``quizapp`` group; they need no app or database."""
    cli.command("suggest", with_appcontext=False)(suggest_command)
    cli.command("evaluate-assistant", with_appcontext=False)(evaluate_command)
