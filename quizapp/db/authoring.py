"""Writes of quizzes made in the browser (issue 15), one transaction each: drafts, published
versions, visibility, sharing, duplicates. Who may call which is decided by the web layer
(``quizapp.web.editor.access``); these take the owner's id and refuse anyone else's rows."""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.core.documents import article_name, load_document
from quizapp.core.errors import QuizFileError
from quizapp.core.texts import N_
from quizapp.core.usernames import fold
from quizapp.core.yamlread import read_yaml
from quizapp.db.engine import Database
from quizapp.db.models import AuthoredQuiz, Draft, QuizShare, QuizVersion, User, utcnow
from quizapp.db.writes import WriteError

# Nearly twice the bank's largest quiz (26 KB), and with a full article under the body limit.
MAX_DOCUMENT_BYTES = 48 * 1024
MAX_ARTICLE_BYTES = 200 * 1024  # as the editor's intake (web.editor.intake.MAX_BYTES)
TEACHER_CHOICES = ("private", "shared", "installation", "proposed")


class DraftGone(WriteError):
    """No such draft of this teacher's (or it was deleted meanwhile)."""


class StaleRevision(WriteError):
    """Another tab saved first; ``revision`` is the stored one."""

    def __init__(self, revision: int) -> None:
        super().__init__(
            N_(
                "This draft was saved elsewhere (another tab or device) since you opened it; "
                "reload it to see that version."
            )
        )
        self.revision = revision


@dataclass(frozen=True)
class Published:
    quiz_id: str
    digest: str
    version_id: int


def _slug(title: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:40].strip("-") or "quiz"


def _taken(s: Session, quiz_id: str) -> bool:
    return bool(
        s.scalar(select(exists().where(QuizVersion.quiz_id == quiz_id)))
        or s.get(AuthoredQuiz, quiz_id) is not None
        or s.scalar(select(exists().where(Draft.quiz_id == quiz_id)))
    )


def new_quiz_id(s: Session, title: str) -> str:
    """A fresh quiz id from the title, with a random tail so it meets no bank file's id
    (bank ids are plain names) nor any stored quiz or draft."""
    while True:
        quiz_id = f"{_slug(title)}-{secrets.token_hex(3)}"
        if not _taken(s, quiz_id):
            return quiz_id


def check_sizes(document: dict[str, Any], article: str) -> str:
    """The document as stored JSON, or WriteError when it or the article is too large."""
    if len(article.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES:
        raise WriteError(
            N_("The article is larger than %(size)d KB."), size=MAX_ARTICLE_BYTES // 1024
        )
    text = json.dumps(document, ensure_ascii=False)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
        raise WriteError(
            N_("The quiz is larger than %(size)d KB; shorten its texts."),
            size=MAX_DOCUMENT_BYTES // 1024,
        )
    return text


def skeleton(quiz_id: str, title: str, language: str, direction: str) -> dict[str, Any]:
    """A new quiz's document: no annotations yet, questions built by the engine."""
    return {
        "id": quiz_id,
        "title": title[:200] or "A new quiz",
        "level": "intermediate",
        "language": language or "en",
        "direction": direction if direction in ("ltr", "rtl") else "ltr",
        "article": "article.txt",
        "skills": ["unsupported-statistic", "vague-attribution", "loaded-language"],
        "annotations": [],
    }


def create_draft(
    db: Database, owner_id: int, article: str, *, title: str = "", language: str = "en",
    direction: str = "ltr", document: dict[str, Any] | None = None, of_own: str = "",
) -> int:  # fmt: skip
    """A new draft of the teacher's with a fresh quiz id: a skeleton over the article, or
    ``document`` (a duplicate's or an import's) under the new id; returns its id. With
    ``of_own``, the id of a quiz the teacher owns, the draft is of that quiz instead (an
    import of one's own export: publishing it makes a new version)."""
    with db.write() as s:
        owned = s.get(AuthoredQuiz, of_own) if of_own else None
        if owned is not None and owned.owner_id == owner_id:
            quiz_id = owned.quiz_id
        else:
            quiz_id = new_quiz_id(s, title or str((document or {}).get("title", "")))
        if document is None:
            document = skeleton(quiz_id, title, language, direction)
        document = {**document, "id": quiz_id}
        document.pop("public", None)  # a browser quiz is public only once accepted
        draft = Draft(
            owner_id=owner_id, quiz_id=quiz_id, document=check_sizes(document, article),
            article=article, revision=1,
        )  # fmt: skip
        s.add(draft)
        s.flush()
        return draft.id


def save_draft(
    db: Database, owner_id: int, draft_id: int, document: dict[str, Any], article: str | None,
    revision: int,
) -> int:  # fmt: skip
    """Store a newer document (and article) if ``revision`` is still the stored one; the
    new revision. The document keeps the draft's quiz id whatever it says."""
    with db.write() as s:
        draft = s.scalar(
            select(Draft).where(Draft.id == draft_id, Draft.owner_id == owner_id).with_for_update()
        )
        if draft is None:
            raise DraftGone(N_("There is no such draft."))
        if draft.revision != revision:
            raise StaleRevision(draft.revision)
        text = article if article is not None else draft.article
        draft.document = check_sizes({**document, "id": draft.quiz_id}, text)
        draft.article = text
        draft.revision += 1
        draft.updated_at = utcnow()
        return draft.revision


def delete_draft(db: Database, owner_id: int, draft_id: int) -> None:
    """Delete a draft of the teacher's; its published versions stay."""
    with db.write() as s:
        gone = s.execute(delete(Draft).where(Draft.id == draft_id, Draft.owner_id == owner_id))
        if not gone.rowcount:  # type: ignore[attr-defined]
            raise DraftGone(N_("There is no such draft."))


def publish(db: Database, owner_id: int, draft_id: int) -> Published:
    """Store the draft as an immutable version by content hash, owned by the teacher, after
    the loader accepts it (QuizFileError with every problem, and nothing stored, if not).
    Two publications at once (a double click) may race on the unique keys: the loser looks
    again and finds the version stored."""
    try:
        return _publish(db, owner_id, draft_id)
    except IntegrityError:
        return _publish(db, owner_id, draft_id)


def _publish(db: Database, owner_id: int, draft_id: int) -> Published:
    with db.write() as s:
        draft = s.scalar(select(Draft).where(Draft.id == draft_id, Draft.owner_id == owner_id))
        if draft is None:
            raise DraftGone(N_("There is no such draft."))
        document = json.loads(draft.document)
        quiz = load_document(document, draft.article, name=f"draft {draft.id}")
        owned = s.get(AuthoredQuiz, draft.quiz_id, with_for_update=True)
        if owned is None:
            if s.scalar(select(exists().where(QuizVersion.quiz_id == draft.quiz_id))):
                # Versions without an owner row: the bank's, or a publication of this draft
                # that committed since the row was looked for (PostgreSQL): then look again.
                if s.scalar(select(exists().where(AuthoredQuiz.quiz_id == draft.quiz_id))):
                    raise IntegrityError("publish", None, Exception("published meanwhile"))
                raise WriteError(N_("That quiz id belongs to another quiz; duplicate it instead."))
            owned = AuthoredQuiz(quiz_id=draft.quiz_id, owner_id=owner_id, visibility="private")
            s.add(owned)
        elif owned.owner_id != owner_id:
            raise WriteError(N_("That quiz belongs to another teacher; duplicate it instead."))
        version = s.scalar(select(QuizVersion).where(QuizVersion.digest == quiz.version))
        if version is None:
            version = QuizVersion(
                quiz_id=quiz.id, digest=quiz.version, title=quiz.title, level=quiz.level,
                language=quiz.language, public=False, current=False,
                source_yaml=quiz.source_yaml, article_name=article_name(document),
                article_text=quiz.article.text,
            )  # fmt: skip
            s.add(version)
            s.flush()
        if owned.visibility == "catalogue" and owned.version_id != version.id:
            # The catalogue keeps the accepted version until an administrator accepts this.
            owned.visibility, owned.decision = "proposed", None
        owned.version_id = version.id
        return Published(quiz.id, quiz.version, version.id)


def _own_quiz(s: Session, owner_id: int, quiz_id: str) -> AuthoredQuiz:
    owned = s.get(AuthoredQuiz, quiz_id, with_for_update=True)
    if owned is None or owned.owner_id != owner_id:
        raise WriteError(N_("There is no such quiz of yours."))
    return owned


def set_visibility(db: Database, owner_id: int, quiz_id: str, visibility: str) -> None:
    """Who may see the quiz: private, shared (with the chosen colleagues), installation, or
    proposed to the catalogue. Leaving the catalogue takes its version out of it."""
    if visibility not in TEACHER_CHOICES:
        raise WriteError(N_("Choose one of: %(choices)s."), choices=", ".join(TEACHER_CHOICES))
    with db.write() as s:
        owned = _own_quiz(s, owner_id, quiz_id)
        if owned.visibility == visibility:
            return
        if owned.visibility == "catalogue" and visibility != "proposed":
            s.execute(
                update(QuizVersion).where(QuizVersion.quiz_id == quiz_id).values(current=False)
            )
        if visibility == "proposed":
            owned.decision, owned.decided_at = None, None
        owned.visibility = visibility


def share(db: Database, owner_id: int, quiz_id: str, username: str) -> str:
    """Share the quiz with a colleague by username (their name as stored, returned); a
    private quiz becomes shared."""
    key = fold(username.strip())
    if not key or "\x00" in key or len(key) > 40:
        raise WriteError(N_("Type a colleague's username."))
    with db.write() as s:
        owned = _own_quiz(s, owner_id, quiz_id)
        colleague = s.scalar(select(User).where(User.username_folded == key))
        if colleague is None or colleague.role != "teacher":
            name = username.strip()[:40]
            raise WriteError(N_("There is no teacher named '%(name)s'."), name=name)
        if colleague.id == owner_id:
            raise WriteError(N_("That is you: the quiz is yours already."))
        if s.get(QuizShare, (quiz_id, colleague.id)) is None:
            s.add(QuizShare(quiz_id=quiz_id, user_id=colleague.id))
        if owned.visibility == "private":
            owned.visibility = "shared"
        return colleague.username


def unshare(db: Database, owner_id: int, quiz_id: str, user_id: int) -> None:
    """Stop sharing the quiz with one colleague."""
    with db.write() as s:
        _own_quiz(s, owner_id, quiz_id)
        s.execute(
            delete(QuizShare).where(QuizShare.quiz_id == quiz_id, QuizShare.user_id == user_id)
        )


def decide(db: Database, quiz_id: str, accept: bool) -> None:
    """An administrator's answer to a proposed quiz: accepted, its latest version becomes
    public and current in the catalogue; declined, it goes back to its owner's colleagues."""
    with db.write() as s:
        owned = s.get(AuthoredQuiz, quiz_id, with_for_update=True)
        if owned is None or owned.visibility != "proposed" or owned.version_id is None:
            raise WriteError(N_("There is no proposed quiz '%(id)s'."), id=quiz_id[:64])
        owned.decision, owned.decided_at = ("accepted" if accept else "declined"), utcnow()
        if not accept:
            owned.visibility = "installation"
            return
        s.execute(update(QuizVersion).where(QuizVersion.quiz_id == quiz_id).values(current=False))
        s.execute(
            update(QuizVersion)
            .where(QuizVersion.id == owned.version_id)
            .values(current=True, public=True)
        )
        owned.visibility = "catalogue"


def proposals(s: Session) -> list[AuthoredQuiz]:
    """The quizzes waiting for an administrator's answer, oldest first."""
    return list(
        s.scalars(
            select(AuthoredQuiz)
            .where(AuthoredQuiz.visibility == "proposed", AuthoredQuiz.version_id.is_not(None))
            .order_by(AuthoredQuiz.created_at)
        )
    )


def document_of(version: QuizVersion) -> dict[str, Any]:
    """A stored version's quiz mapping, for a duplicate (its YAML was checked when stored)."""
    located, problems = read_yaml(version.source_yaml.encode("utf-8"))
    if located is None or problems or not isinstance(located.data, dict):
        raise QuizFileError([])
    return dict(located.data)
