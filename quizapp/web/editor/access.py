"""The one rule of who may do what with a quiz, a version or a draft. Every editor route, the
teacher's quiz list, answer keys and the assignment forms ask it; a refusal is a 404 that
names nothing, so another teacher's private quiz is not even known to exist.

- A bank quiz (imported from ``quizzes/``, no owner): every teacher sees, duplicates,
  exports and assigns it; nobody edits it in the browser.
- A quiz made in the browser: its owner does everything; colleagues it is shared with (while
  it is not private), or every teacher when its visibility is installation, proposed or
  catalogue, see, duplicate, export and assign it.
- A draft: its owner's only.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from quizapp.core.fields import ID_PATTERN
from quizapp.db.coteachers import taught_by
from quizapp.db.engine import request_session
from quizapp.db.models import Assignment, AuthoredQuiz, Classroom, Draft, QuizShare, QuizVersion

MAX_ID = 2**31 - 1
EVERY_TEACHER = ("installation", "proposed", "catalogue")


@dataclass(frozen=True)
class Rights:
    """What the current teacher may do with one quiz, and its latest version."""

    quiz_id: str
    version: QuizVersion | None  # None: an authored quiz with nothing published yet
    owned: AuthoredQuiz | None  # None: a bank quiz
    edit: bool

    @property
    def bank(self) -> bool:
        return self.owned is None


def _teacher_id(user: object) -> int | None:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_teacher", False):
        return None
    return int(getattr(user, "id"))  # noqa: B009 - Flask-Login's proxy


def shared_with(teacher_id: int):  # type: ignore[no-untyped-def]
    """The SQL condition 'this authored quiz is visible to this teacher'."""
    return or_(
        AuthoredQuiz.owner_id == teacher_id,
        AuthoredQuiz.visibility.in_(EVERY_TEACHER),
        and_(
            AuthoredQuiz.visibility != "private",
            exists().where(
                QuizShare.quiz_id == AuthoredQuiz.quiz_id, QuizShare.user_id == teacher_id
            ),
        ),
    )


def rights_of(s: Session, teacher_id: int, quiz_id: str) -> Rights | None:
    """The teacher's rights on a quiz, or None when they may not see it (or it is none)."""
    if not ID_PATTERN.fullmatch(quiz_id):
        return None
    owned = s.scalar(
        select(AuthoredQuiz).where(AuthoredQuiz.quiz_id == quiz_id, shared_with(teacher_id))
    )
    if owned is not None:
        return Rights(quiz_id, owned.version, owned, owned.owner_id == teacher_id)
    if s.get(AuthoredQuiz, quiz_id) is not None:
        return None  # someone else's, not shared with this teacher
    bank = s.scalar(
        select(QuizVersion).where(QuizVersion.quiz_id == quiz_id, QuizVersion.current.is_(True))
    )
    return Rights(quiz_id, bank, None, False) if bank is not None else None


def quiz_rights(user: object, quiz_id: str) -> Rights:
    """The rights of ``user`` on a quiz they may see; a 404 otherwise."""
    teacher_id = _teacher_id(user)
    rights = None if teacher_id is None else rights_of(request_session(), teacher_id, quiz_id)
    if rights is None:
        abort(404, description=_("There is no such quiz."))
    return rights


def own_quiz(quiz_id: str) -> Rights:
    """A quiz the current teacher owns (settings, sharing); a 404 otherwise."""
    rights = quiz_rights(current_user, quiz_id)
    if not rights.edit:
        abort(404, description=_("There is no such quiz of yours."))
    return rights


def own_draft(draft_id: int) -> Draft:
    """The current teacher's draft; a 404 for anyone else's or none."""
    teacher_id = _teacher_id(current_user)
    draft = (
        request_session().scalar(
            select(Draft).where(Draft.id == draft_id, Draft.owner_id == teacher_id)
        )
        if teacher_id is not None and 0 < draft_id <= MAX_ID
        else None
    )
    if draft is None:
        abort(404, description=_("There is no such draft."))
    return draft


def version_visible(s: Session, teacher_id: int, version: QuizVersion) -> bool:
    """A stored version the teacher may read: of a quiz they may see, or pinned in an
    assignment of one of their classes (a quiz unshared since keeps its assignments)."""
    if rights_of(s, teacher_id, version.quiz_id) is not None:
        return True
    if s.get(AuthoredQuiz, version.quiz_id) is None and not version.current:
        return True  # an older version of a bank quiz
    return bool(
        s.scalar(
            select(
                exists().where(
                    Assignment.version_id == version.id,
                    Assignment.classroom_id == Classroom.id,
                    taught_by(teacher_id),
                )
            )
        )
    )


def assignable(s: Session, teacher_id: int) -> list[tuple[str, int, str, str]]:
    """(quiz id, version id, title, level) of every quiz the teacher may assign: the bank's
    current versions and the latest version of each authored quiz they may see."""
    bank = s.execute(
        select(QuizVersion.quiz_id, QuizVersion.id, QuizVersion.title, QuizVersion.level).where(
            QuizVersion.current.is_(True),
            ~exists().where(AuthoredQuiz.quiz_id == QuizVersion.quiz_id),
        )
    ).all()
    authored = s.execute(
        select(QuizVersion.quiz_id, QuizVersion.id, QuizVersion.title, QuizVersion.level)
        .join(AuthoredQuiz, AuthoredQuiz.version_id == QuizVersion.id)
        .where(shared_with(teacher_id))
    ).all()
    rows = [(q, v, t, lv) for q, v, t, lv in [*bank, *authored]]
    return sorted(rows, key=lambda r: (r[2].casefold(), r[0]))


def authored_ids(s: Session, quiz_ids: object) -> set[str]:
    """Which of these quiz ids are quizzes made in the browser (pinned by version id)."""
    return set(s.scalars(select(AuthoredQuiz.quiz_id).where(AuthoredQuiz.quiz_id.in_(quiz_ids))))  # type: ignore[arg-type]


def hidden_version(s: Session, teacher_id: int, version_id: str) -> bool:
    """Whether a posted version id is another teacher's quiz made in the browser that this
    teacher may not see (a forged form: a 404, not a form error that confirms it exists)."""
    if not version_id.isdigit() or not 0 < int(version_id) <= MAX_ID:
        return False
    quiz_id = s.scalar(select(QuizVersion.quiz_id).where(QuizVersion.id == int(version_id)))
    if quiz_id is None or s.get(AuthoredQuiz, quiz_id) is None:
        return False
    return rights_of(s, teacher_id, quiz_id) is None
