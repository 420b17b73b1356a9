"""The quiz bank as the web app sees it: stored versions, turned back into core quizzes."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from pathlib import Path

import click
from flask import Flask, abort, current_app
from flask_babel import gettext as _
from sqlalchemy import select

from quizapp.core.article import Article
from quizapp.core.fields import ID_PATTERN
from quizapp.core.loader import load_bank, load_quiz_source
from quizapp.core.model import Quiz
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import QuizVersion
from quizapp.db.writes import ImportReport, import_bank


def _quiz_from_source(digest: str, source: str, article_name: str, article_text: str) -> Quiz:
    article = Article.from_text(article_name, article_text)

    def articles(name: str) -> Article:
        return article

    quiz = load_quiz_source(source.encode("utf-8"), articles, name=f"version {digest[:12]}")
    return quiz


class _QuizCache:
    """Core quizzes by content hash, the most recently used kept. Keyed by the digest alone,
    so a hit never reads the version's texts (deferred columns) from the database."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, Quiz] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, version: QuizVersion) -> Quiz:
        with self._lock:
            quiz = self._items.get(version.digest)
            if quiz is not None:
                self._items.move_to_end(version.digest)
                return quiz
        quiz = _quiz_from_source(
            version.digest, version.source_yaml, version.article_name, version.article_text
        )
        with self._lock:
            self._items[version.digest] = quiz
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return quiz


_quizzes = _QuizCache(256)


def quiz_for(version: QuizVersion) -> Quiz:
    """The core quiz of a stored version (cached by content hash)."""
    return _quizzes.get(version)


# Ids from URLs and forms are checked before they reach the database: PostgreSQL answers a
# NUL byte with an error, not with "no such row".
DIGEST = re.compile(r"[0-9a-f]{64}")


def require_quiz_id(quiz_id: str) -> None:
    """A 404 for anything that cannot be a quiz id, before it reaches the database."""
    if not ID_PATTERN.fullmatch(quiz_id):
        abort(404, description=_("There is no quiz '%(id)s'.", id=quiz_id[:64]))


def current_version(quiz_id: str) -> QuizVersion:
    """The current version of a quiz, or a 404 naming the id."""
    require_quiz_id(quiz_id)
    version = request_session().scalar(
        select(QuizVersion).where(QuizVersion.quiz_id == quiz_id, QuizVersion.current.is_(True))
    )
    if version is None:
        abort(404, description=_("There is no quiz '%(id)s'.", id=quiz_id[:64]))
    return version


def version_by_digest(digest: str) -> QuizVersion:
    """A stored version by content hash, or a 404 that says to reload."""
    version = (
        request_session().scalar(select(QuizVersion).where(QuizVersion.digest == digest))
        if DIGEST.fullmatch(digest)
        else None
    )
    if version is None:
        abort(404, description=_("That version of the quiz does not exist; reload the quiz page."))
    return version


def import_content(app: Flask) -> ImportReport:
    """Validate the bank and store it; a broken file is reported and skipped."""
    bank = load_bank(Path(app.config["QUIZ_DIR"]), Path(app.config["SEEDS_DIR"]))
    for error in bank.errors:
        app.logger.warning("quiz bank: %s", error)
    return import_bank(get_db(), bank)


@click.command("import")
def import_command() -> None:
    """Sync the quiz bank (quizzes/ and seeds/) into the database."""
    report = import_content(current_app)
    click.echo(
        f"{len(report.added)} new version(s), {len(report.unchanged)} unchanged, "
        f"{len(report.retired)} retired"
    )


def init_app(app: Flask) -> None:
    from quizapp.db.migrate import current_revision, db_cli, head_revision
    from quizapp.web.demo import demo_command

    app.cli.add_command(import_command)
    app.cli.add_command(demo_command)
    app.cli.add_command(db_cli)
    if app.config["IMPORT_ON_START"]:
        with app.app_context():
            db = get_db()
            if current_revision(db) != head_revision(db):
                app.logger.warning("the database schema is not current: run 'quizapp db upgrade'")
            else:
                import_content(app)
