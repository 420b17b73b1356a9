"""The writes of quizzes made in the browser (quizapp.db.authoring), on both databases: one
transaction each, nothing stored half-way, revisions that refuse a stale save."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from quizapp.core.errors import QuizFileError
from quizapp.db import authoring
from quizapp.db.engine import Database
from quizapp.db.migrate import upgrade
from quizapp.db.models import AuthoredQuiz, Draft, QuizShare, QuizVersion
from quizapp.db.writes import WriteError, create_user, import_bank
from tests.web.test_editor_drafts import bank_document

PASSWORD = "correct horse battery"


@pytest.fixture
def teachers(db: Database) -> tuple[int, int]:
    upgrade(db)
    return (
        create_user(db, "teacher1", PASSWORD, "teacher"),
        create_user(db, "teacher2", PASSWORD, "teacher"),
    )


def rows(db: Database, model: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_a_stale_save_is_refused_and_another_teachers_draft_is_gone(
    db: Database, teachers: tuple[int, int]
) -> None:
    owner, other = teachers
    draft = authoring.create_draft(db, owner, "Headline\nText.\n", title="Headline")
    assert authoring.save_draft(db, owner, draft, {"title": "A"}, None, 1) == 2
    with pytest.raises(authoring.StaleRevision) as stale:
        authoring.save_draft(db, owner, draft, {"title": "B"}, None, 1)
    assert stale.value.revision == 2
    with pytest.raises(authoring.DraftGone):
        authoring.save_draft(db, other, draft, {"title": "C"}, None, 2)
    with pytest.raises(authoring.DraftGone):
        authoring.delete_draft(db, other, draft)
    with db.session() as s:
        stored = s.get(Draft, draft)
        assert stored is not None and json.loads(stored.document)["title"] == "A"


def test_of_two_saves_of_one_revision_one_wins(db: Database, teachers: tuple[int, int]) -> None:
    owner, _ = teachers
    draft = authoring.create_draft(db, owner, "Headline\nText.\n", title="Headline")
    outcomes: list[str] = []

    def save(title: str) -> None:
        try:
            authoring.save_draft(db, owner, draft, {"title": title}, None, 1)
            outcomes.append("saved")
        except authoring.StaleRevision:
            outcomes.append("stale")

    threads = [threading.Thread(target=save, args=(t,)) for t in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["saved", "stale"]
    with db.session() as s:
        assert s.scalar(select(Draft.revision).where(Draft.id == draft)) == 2


def test_publish_stores_nothing_when_invalid_and_versions_stay_immutable(
    db: Database, teachers: tuple[int, int]
) -> None:
    owner, other = teachers
    document, article = bank_document()
    broken = {**document, "annotations": [{**document["annotations"][0], "quote": "absent words"}]}
    draft = authoring.create_draft(db, owner, article, document=broken)
    with pytest.raises(QuizFileError):
        authoring.publish(db, owner, draft)
    assert (rows(db, QuizVersion), rows(db, AuthoredQuiz)) == (0, 0)
    authoring.save_draft(db, owner, draft, document, None, 1)
    with pytest.raises(authoring.DraftGone):
        authoring.publish(db, other, draft)
    first = authoring.publish(db, owner, draft)
    assert authoring.publish(db, owner, draft) == first  # the same content, the same version
    authoring.save_draft(db, owner, draft, {**document, "title": "Renamed"}, None, 2)
    second = authoring.publish(db, owner, draft)
    assert second.digest != first.digest and second.quiz_id == first.quiz_id
    with db.session() as s:
        old = s.get(QuizVersion, first.version_id)
        assert old is not None and old.title == document["title"]  # untouched
        owned = s.get(AuthoredQuiz, first.quiz_id)
        assert owned is not None and owned.version_id == second.version_id
        assert owned.owner_id == owner


def test_new_ids_never_meet_a_bank_or_stored_id(
    db: Database, teachers: tuple[int, int], bank: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner, _ = teachers
    import_bank(db, bank)
    taken = authoring.create_draft(db, owner, "Library\nText.\n", title="Library")
    with db.session() as s:
        taken_id = s.scalar(select(Draft.quiz_id).where(Draft.id == taken))
    assert taken_id is not None
    tails = iter([taken_id.rsplit("-", 1)[1], "abcdef"])
    monkeypatch.setattr(authoring.secrets, "token_hex", lambda _n: next(tails))
    fresh = authoring.create_draft(db, owner, "Library\nText.\n", title="Library")
    with db.session() as s:
        assert s.scalar(select(Draft.quiz_id).where(Draft.id == fresh)) == "library-abcdef"
        bank_ids = set(s.scalars(select(QuizVersion.quiz_id)))
    assert "library-abcdef" not in bank_ids


def test_visibility_sharing_and_the_catalogue(db: Database, teachers: tuple[int, int]) -> None:
    owner, other = teachers
    document, article = bank_document()
    done = authoring.publish(
        db, owner, authoring.create_draft(db, owner, article, document=document)
    )
    with pytest.raises(WriteError):
        authoring.set_visibility(db, other, done.quiz_id, "installation")
    with pytest.raises(WriteError):
        authoring.set_visibility(db, owner, done.quiz_id, "catalogue")  # an administrator's
    with pytest.raises(WriteError):
        authoring.decide(db, done.quiz_id, accept=True)  # not proposed
    assert authoring.share(db, owner, done.quiz_id, "Teacher2") == "teacher2"
    authoring.share(db, owner, done.quiz_id, "teacher2")  # twice: one row
    assert rows(db, QuizShare) == 1
    authoring.set_visibility(db, owner, done.quiz_id, "proposed")
    authoring.decide(db, done.quiz_id, accept=True)
    with db.session() as s:
        version = s.get(QuizVersion, done.version_id)
        assert version is not None and version.current and version.public
    # Leaving the catalogue takes the version out of it; the share stays.
    authoring.set_visibility(db, owner, done.quiz_id, "private")
    with db.session() as s:
        version = s.get(QuizVersion, done.version_id)
        assert version is not None and not version.current
    authoring.unshare(db, owner, done.quiz_id, other)
    assert rows(db, QuizShare) == 0


def test_two_publications_at_once_store_one_version(
    db: Database, teachers: tuple[int, int]
) -> None:
    owner, _ = teachers
    document, article = bank_document()
    draft = authoring.create_draft(db, owner, article, document=document)
    results: list[Any] = []
    threads = [
        threading.Thread(target=lambda: results.append(authoring.publish(db, owner, draft)))
        for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3 and len(set(results)) == 1
    assert (rows(db, QuizVersion), rows(db, AuthoredQuiz)) == (1, 1)
