"""Every quiz for a teacher: try it as a student, or read its answer key."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask import abort, render_template
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from quizapp.core import texts
from quizapp.core.fields import ID_PATTERN
from quizapp.core.model import Annotation, Quiz
from quizapp.core.questions.classify import NOTHING_NAME
from quizapp.db.coteachers import taught_by
from quizapp.db.engine import request_session
from quizapp.db.models import Classroom, QuizVersion
from quizapp.web.catalogue import LEVELS
from quizapp.web.content import quiz_for
from quizapp.web.editor.access import version_visible
from quizapp.web.render import Piece, article_blocks
from quizapp.web.teach import ID, bp


@bp.route("/teach/quizzes")
def quizzes() -> str:
    """Every quiz, to try as a student would, see its answer key, or assign."""
    versions = list(
        request_session().scalars(
            select(QuizVersion).where(QuizVersion.current.is_(True)).order_by(QuizVersion.title)
        )
    )
    rooms = list(
        request_session().scalars(
            select(Classroom)
            .where(taught_by(current_user.id), Classroom.archived.is_(False))
            .order_by(Classroom.name)
        )
    )
    return render_template("teach/quizzes.html", versions=versions, rooms=rooms, levels=LEVELS)


@dataclass(frozen=True)
class KeyNote:
    number: int
    span: Annotation
    quote: str
    label: str
    mark: str  # skill-<colour> or decoy


def answer_key_marks(
    quiz: Quiz,
) -> tuple[list[tuple[int, list[Piece]]], dict[int, list[KeyNote]], dict[str, int]]:
    """The article with every annotation (by skill colour) and decoy marked and numbered,
    its notes by paragraph, and each skill's colour."""
    colours = {s.id: n % 6 for n, s in enumerate(quiz.skills)}
    blocks = article_blocks(quiz.article)
    by_index = {p.index: p for _, pieces in blocks for p in pieces if p.index is not None}
    notes: dict[int, list[KeyNote]] = defaultdict(list)
    for n, a in enumerate(sorted(quiz.all_spans, key=lambda a: (a.start, a.end)), 1):
        mark = "decoy" if a.decoy else f"skill-{colours.get(a.skill, 0)}"
        label = _("Fine: not a problem") if a.decoy else quiz.skill(a.skill).name
        by_index[a.tokens.start].badge.append((n, "✓" if a.decoy else "!", label, mark))
        for i in a.tokens:
            by_index[i].marks = [mark]
        block = quiz.article.tokens[a.tokens.start].block
        notes[block].append(KeyNote(n, a, quiz.article.text[a.start : a.end], label, mark))
    return blocks, notes, colours


@bp.route("/teach/quizzes/<quiz_id>/key")
@bp.route(f"/teach/versions/<{ID}:version_id>/key")
def answer_key(quiz_id: str = "", version_id: int = 0) -> str:
    """A quiz's answer key: every annotation highlighted by skill, with its explanation;
    by version id for an assignment's pinned version."""
    s = request_session()
    if not version_id and not ID_PATTERN.match(quiz_id):
        abort(404, description=_("There is no such quiz."))
    if version_id:
        version = s.get(QuizVersion, version_id)
    else:
        version = s.scalar(
            select(QuizVersion).where(QuizVersion.quiz_id == quiz_id, QuizVersion.current.is_(True))
        )
    # Another teacher's quiz made in the browser is no more known here than elsewhere.
    if version is None or not version_visible(s, current_user.id, version):
        abort(404, description=_("There is no such quiz."))
    quiz = quiz_for(version)
    blocks, notes, colours = answer_key_marks(quiz)
    return render_template(
        "teach/key.html", quiz=quiz, version=version, blocks=blocks, notes=notes,
        colours=colours, quotes={a.id: quiz.article.text[a.start : a.end] for a in quiz.all_spans},
        nothing=texts.translate(quiz.language, NOTHING_NAME),
    )  # fmt: skip
