"""My quizzes (issue 15 parts 4-6): duplicate, export (and ``quizapp validate`` of the export),
import (hostile uploads refused with nothing stored), visibility and sharing, and a quiz made
in the browser assigned to a class and taken by a student."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.cli import cli
from quizapp.db.authoring import create_draft, publish, set_visibility, share
from quizapp.db.models import (
    Assignment,
    Attempt,
    AuthoredQuiz,
    Draft,
    QuizShare,
    QuizVersion,
    utcnow,
)
from tests.factories import ROOT
from tests.security.hostile_inputs import PAYLOADS
from tests.web.conftest import PASSWORD, Auth, csrf_token
from tests.web.teach_data import add_users, class_id, ids
from tests.web.test_editor_drafts import Editor, bank_document, login


@pytest.fixture
def editor(app: Flask) -> Editor:
    return login(app, "teacher1")


def db_of(app: Flask) -> Any:
    return app.extensions["quizapp.db"]


def published(app: Flask, owner: str = "teacher1", title: str = "") -> str:
    """A quiz of ``owner``'s made from the bank's library quiz; its id."""
    (owner_id,) = ids(app, owner)
    document, article = bank_document()
    if title:
        document["title"] = title
    with app.app_context():
        draft = create_draft(db_of(app), owner_id, article, document=document)
        return publish(db_of(app), owner_id, draft).quiz_id


def counts(app: Flask) -> tuple[int, ...]:
    with app.app_context(), db_of(app).session() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Draft, QuizVersion, AuthoredQuiz, QuizShare)
        )


def unzip_to(data: bytes, folder: Path) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        z.extractall(folder)
        return sorted(z.namelist())


@pytest.mark.parametrize("which", ["own", "bank"])
def test_an_export_passes_quizapp_validate(
    app: Flask, editor: Editor, tmp_path: Path, which: str
) -> None:
    quiz_id = published(app) if which == "own" else "iran-hamas-meeting"
    response = editor.client.get(f"/author/quizzes/{quiz_id}/export.zip")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert f"{quiz_id}.zip" in response.headers["Content-Disposition"]
    names = unzip_to(response.data, tmp_path)
    assert f"{quiz_id}/quizzes/{quiz_id}.yaml" in names
    assert any(n.startswith(f"{quiz_id}/seeds/") and n.endswith(".txt") for n in names)
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / quiz_id / "quizzes")])
    assert result.exit_code == 0, result.output
    assert "1 of 1 quiz files valid" in result.output


def test_an_export_imports_again_as_a_new_draft(app: Flask, editor: Editor) -> None:
    """Another teacher's (or the bank's) quiz gets a new id; one's own, a new version."""
    add_users(app, ["teacher2"], "teacher")
    quiz_id = published(app, "teacher2")
    with app.app_context():
        set_visibility(db_of(app), ids(app, "teacher2")[0], quiz_id, "installation")
    data = editor.client.get(f"/author/quizzes/{quiz_id}/export.zip").data
    response = import_upload(editor.client, upload=(io.BytesIO(data), f"{quiz_id}.zip"))
    assert response.status_code == 303
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    got = editor.data(draft_id).get_json()
    assert got["document"]["id"] != quiz_id  # a new id: never someone else's or the bank's
    assert got["messages"] == []
    mine = editor.publish(draft_id).get_json()["quiz_id"]
    # One's own export comes back as a draft of the same quiz: a new version when changed.
    data = editor.client.get(f"/author/quizzes/{mine}/export.zip").data
    again = import_upload(editor.client, upload=(io.BytesIO(data), "mine.zip"))
    draft_id = int(again.headers["Location"].rsplit("/", 1)[1])
    document = editor.data(draft_id).get_json()["document"]
    assert document["id"] == mine
    editor.put(draft_id, {"document": {**document, "title": "Version two"}, "revision": 1})
    assert editor.publish(draft_id).get_json()["quiz_id"] == mine
    with app.app_context(), db_of(app).session() as s:
        titles = set(s.scalars(select(QuizVersion.title).where(QuizVersion.quiz_id == mine)))
    assert "Version two" in titles and len(titles) == 2


def test_a_yaml_and_its_article_import_together(editor: Editor) -> None:
    quiz_yaml = (ROOT / "quizzes" / "library-reopens.yaml").read_bytes()
    article = (ROOT / "seeds" / "110_library-reopens.txt").read_bytes()
    response = import_upload(
        editor.client, upload=(io.BytesIO(quiz_yaml), "library-reopens.yaml"),
        article=(io.BytesIO(article), "110_library-reopens.txt"),
    )  # fmt: skip
    assert response.status_code == 303
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    document = editor.data(draft_id).get_json()["document"]
    assert document["id"].startswith("the-library-reopens") and document["id"] != "library-reopens"


def import_upload(client: FlaskClient, **files: Any) -> Any:
    page = client.get("/author/import").get_data(as_text=True)
    return client.post(
        "/author/import", data={"csrf_token": csrf_token(page), **files},
        content_type="multipart/form-data",
    )  # fmt: skip


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


LIBRARY_YAML = (ROOT / "quizzes" / "library-reopens.yaml").read_bytes()
LIBRARY_TXT = (ROOT / "seeds" / "110_library-reopens.txt").read_bytes()
# Billion laughs: each level four of the one before.
BOMB = b"a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + b"".join(
    f"{b}: &{b} [*{a},*{a},*{a},*{a}]\n".encode()
    for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)
UTF16_TXT = LIBRARY_TXT.decode().encode("utf-16")
LATIN1_TXT = "Caf\xe9 news\nA paragraph.\n".encode("latin-1")
HUGE_TXT = b"Headline\n" + b"word " * 1_000_000
UNANCHORED_TXT = LIBRARY_TXT.replace(b"dazzling", b"bright")
PYTHON_TAG = b"id: x\ntitle: !!python/object/apply:os.system ['echo pwned']\n"


def yaml_pair(quiz: bytes, article: bytes = LIBRARY_TXT, name: str = "q.yaml") -> dict[str, Any]:
    return {"upload": (quiz, name), "article": (article, "a.txt")}


HOSTILE: list[tuple[str, dict[str, Any], str, int]] = [
    ("alias-bomb", yaml_pair(BOMB), "anchors", 400),
    ("python-tag", yaml_pair(PYTHON_TAG), "python", 400),
    ("zip-bomb", {"upload": (zipped({"q.yaml": LIBRARY_YAML,
                                                 "a.txt": b"0" * 50_000_000}), "q.zip")},
     "larger than", 400),
    ("too-many-members", {"upload": (zipped({f"{i}.txt": b"x" for i in range(20)}),
                                     "q.zip")}, "holds 20 files", 400),
    ("path-traversal", {"upload": (zipped({"../../etc/q.yaml": LIBRARY_YAML,
                                                       "a.txt": LIBRARY_TXT}), "q.zip")},
     "outside its folder", 400),
    ("absolute-path", {"upload": (zipped({"/tmp/q.yaml": LIBRARY_YAML,
                                                      "a.txt": LIBRARY_TXT}), "q.zip")},
     "outside its folder", 400),
    ("not-a-zip", {"upload": (b"PK\x03\x04 broken", "q.zip")}, "not a .zip", 400),
    ("binary-article", yaml_pair(LIBRARY_YAML, b"\x00\x01\x02\xff" * 100), "not a text", 400),
    ("utf16-article", yaml_pair(LIBRARY_YAML, UTF16_TXT), "UTF-16", 400),
    ("utf16-quiz", yaml_pair(LIBRARY_YAML.decode().encode("utf-16")), "UTF-16", 400),
    ("latin1-article", yaml_pair(LIBRARY_YAML, LATIN1_TXT), "not UTF-8", 400),
    ("5mb-article", yaml_pair(LIBRARY_YAML, HUGE_TXT), "larger than", 413),
    ("rtl-override", yaml_pair(LIBRARY_YAML.replace(b"dazzling", "\u202edazzling".encode())),
     "right-to-left override", 400),
    ("quote-no-longer-anchors", yaml_pair(LIBRARY_YAML, UNANCHORED_TXT), "not in the article",
     400),
    ("no-article", {"upload": (LIBRARY_YAML, "q.yaml")}, ".txt file too", 400),
    ("exe", {"upload": (b"MZ\x90\x00", "q.exe")}, "neither a .zip", 400),
]  # fmt: skip


@pytest.mark.parametrize(("files", "reason", "status"), [h[1:] for h in HOSTILE],
                         ids=[h[0] for h in HOSTILE])  # fmt: skip
def test_a_hostile_import_is_refused_with_a_reason_and_nothing_stored(
    app: Flask, client: FlaskClient, auth: Auth, files: dict[str, Any], reason: str, status: int
) -> None:
    auth.login("teacher1")
    before = counts(app)
    response = import_upload(client, **{k: (io.BytesIO(d), n) for k, (d, n) in files.items()})
    assert response.status_code == status
    text = response.get_data(as_text=True)
    assert reason in text, text[-2000:]
    assert counts(app) == before
    assert "pwned" not in text or "python" in text


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if isinstance(p.value, str)
                                     and "\x00" not in p.value], ids=lambda p: p.id)  # fmt: skip
def test_script_in_every_field_is_stored_as_text_and_shown_escaped(
    app: Flask, editor: Editor, payload: Any
) -> None:
    document, article = bank_document()
    document["title"] = f"Title {payload.value}"
    document["summary"] = f"Summary {payload.value}"
    for span in document["annotations"] + document.get("decoys", []):
        span["explanation"] = f"Why {payload.value}"
        span["fix"] = f"Fix {payload.value}"
    draft_id = editor.start()
    saved = editor.put(draft_id, {"document": document, "article": article, "revision": 1})
    assert saved.status_code == 200
    got = editor.data(draft_id).get_json()
    assert got["document"]["title"] == f"Title {payload.value}"  # kept exactly, as text
    publish = editor.publish(draft_id)
    assert publish.status_code == 200, publish.get_json()
    quiz_id = publish.get_json()["quiz_id"]
    with app.app_context(), db_of(app).session() as s:
        vid = s.scalar(select(AuthoredQuiz.version_id).where(AuthoredQuiz.quiz_id == quiz_id))
    for path in ("/author/", f"/author/quizzes/{quiz_id}", f"/teach/versions/{vid}/key"):
        html = editor.client.get(path).get_data(as_text=True)
        assert "Title " in html, path
        assert not [m for m in payload.unescaped if m in html], path


def test_duplicate_makes_a_new_draft_of_any_quiz_the_teacher_sees(
    app: Flask, editor: Editor
) -> None:
    for quiz_id in ("iran-hamas-meeting", published(app)):
        response = editor.client.post(
            f"/author/quizzes/{quiz_id}/duplicate", data={"csrf_token": editor.token}
        )
        assert response.status_code == 303
        draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
        got = editor.data(draft_id).get_json()
        assert got["document"]["id"] != quiz_id and got["messages"] == []
        assert "public" not in got["document"]
        assert editor.publish(draft_id).status_code == 200


def test_visibility_and_sharing(app: Flask, editor: Editor) -> None:
    add_users(app, ["teacher2", "teacher3"], "teacher")
    quiz_id = published(app, title="Shared quiz")
    colleague, other = login(app, "teacher2"), login(app, "teacher3")
    export = f"/author/quizzes/{quiz_id}/export.zip"
    assert colleague.client.get(export).status_code == 404  # private

    def post(path: str, **form: str) -> str:
        response = editor.client.post(path, data={"csrf_token": editor.token, **form})
        assert response.status_code == 303
        return editor.client.get(response.headers["Location"]).get_data(as_text=True)

    for name, message in (("nobody-here", "There is no teacher named"),
                          ("alice", "There is no teacher named"),
                          ("teacher1", "That is you"), ("", "Type a colleague")):  # fmt: skip
        assert message in post(f"/author/quizzes/{quiz_id}/shares", username=name)
    assert "Shared with teacher2" in post(f"/author/quizzes/{quiz_id}/shares", username="TEACHER2")
    assert colleague.client.get(export).status_code == 200
    assert "Shared quiz" in colleague.client.get("/author/").get_data(as_text=True)
    assert other.client.get(export).status_code == 404
    # The colleague may use it but not change it.
    assert colleague.client.get(f"/author/quizzes/{quiz_id}").status_code == 404
    assert (
        colleague.client.post(
            f"/author/quizzes/{quiz_id}/visibility",
            data={"csrf_token": colleague.token, "visibility": "installation"},
        ).status_code
        == 404
    )
    post(f"/author/quizzes/{quiz_id}/visibility", visibility="installation")
    assert other.client.get(export).status_code == 200
    assert "Choose one of" in post(f"/author/quizzes/{quiz_id}/visibility", visibility="catalogue")
    post(f"/author/quizzes/{quiz_id}/visibility", visibility="private")
    assert colleague.client.get(export).status_code == 404  # the share kept, inactive
    (teacher2,) = ids(app, "teacher2")
    post(f"/author/quizzes/{quiz_id}/shares/{teacher2}/delete")
    post(f"/author/quizzes/{quiz_id}/visibility", visibility="shared")
    assert colleague.client.get(export).status_code == 404
    with app.app_context(), db_of(app).session() as s:
        assert s.scalar(select(func.count()).select_from(QuizShare)) == 0


def test_an_own_quiz_is_assigned_and_taken_by_a_student(app: Flask, client: FlaskClient) -> None:
    quiz_id = published(app, title="My own quiz for class 1")
    auth = Auth(client)
    auth.login("teacher1")
    room = class_id(app)
    form = client.get(f"/teach/classes/{room}/assignments/new").get_data(as_text=True)
    assert "My own quiz for class 1" in form
    due = (utcnow() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/teach/classes/{room}/assignments/new",
        data={"csrf_token": csrf_token(form), "quiz": quiz_id, "max_attempts": "1",
              "counting": "best", "feedback": "immediate", "due_at": due},
    )  # fmt: skip
    assert response.status_code == 302
    with app.app_context(), db_of(app).session() as s:
        assignment = s.scalar(select(Assignment).order_by(Assignment.id.desc()))
        assert assignment is not None
        version = s.get(QuizVersion, assignment.version_id)
        assert version is not None and version.quiz_id == quiz_id
    auth.logout()
    auth.login("alice", PASSWORD)
    page = client.get(f"/assignments/{assignment.id}")
    assert page.status_code == 200 and "My own quiz for class 1" in page.get_data(as_text=True)
    html = page.get_data(as_text=True)
    fields = {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)  # type: ignore[union-attr]
        for name in ("csrf_token", "version", "token")
    }
    submitted = client.post(f"/assignments/{assignment.id}/submit", data={**fields, "confirm": "1"})
    assert submitted.status_code in (302, 303), submitted.get_data(as_text=True)[-500:]
    with app.app_context(), db_of(app).session() as s:
        attempt = s.scalar(select(Attempt).where(Attempt.assignment_id == assignment.id))
        assert attempt is not None and attempt.version_id == version.id
    # The quiz itself stays out of the catalogue and of public practice.
    assert client.get(f"/quiz/{quiz_id}").status_code == 404


def test_the_bank_import_keeps_browser_quizzes(app: Flask, bank: Any) -> None:
    from quizapp.db.authoring import decide
    from quizapp.db.writes import import_bank

    quiz_id = published(app, title="Accepted quiz")
    (teacher1,) = ids(app, "teacher1")
    with app.app_context():
        set_visibility(db_of(app), teacher1, quiz_id, "proposed")
        decide(db_of(app), quiz_id, accept=True)
        report = import_bank(db_of(app), bank)
    assert quiz_id not in report.retired
    with app.app_context(), db_of(app).session() as s:
        assert s.scalar(select(QuizVersion.current).where(QuizVersion.quiz_id == quiz_id)), (
            "retired by the bank import"
        )


def test_share_refuses_another_teachers_quiz(app: Flask) -> None:
    from quizapp.db.writes import WriteError

    add_users(app, ["teacher2"], "teacher")
    quiz_id = published(app, "teacher2")
    (teacher1,) = ids(app, "teacher1")
    with app.app_context(), pytest.raises(WriteError):
        share(db_of(app), teacher1, quiz_id, "teacher1")
    assert yaml  # the module is used by the helpers above


def test_an_assignment_can_be_changed_to_an_own_quiz_not_to_anothers(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    from tests.web.teach_data import add_assignment
    from tests.web.test_teach_assignment_edits import edit, page_of, rules

    add_users(app, ["teacher2"], "teacher")
    mine = published(app, title="Mine to pin")
    theirs = published(app, "teacher2", title="Secret of teacher2")
    with app.app_context(), db_of(app).session() as s:
        versions = dict(s.execute(select(AuthoredQuiz.quiz_id, AuthoredQuiz.version_id)).all())
    cid = class_id(app)
    aid = add_assignment(app, cid)
    auth.login("teacher1")
    assert "Mine to pin" in client.get(page_of(cid, aid)).get_data(as_text=True)
    before = rules(app, aid)
    refused = edit(client, cid, aid, version_id=str(versions[theirs]))
    assert refused.status_code == 404 and "Secret" not in refused.get_data(as_text=True)
    assert rules(app, aid) == before
    assert edit(client, cid, aid, version_id=str(versions[mine])).status_code == 302
    assert rules(app, aid)[0] == versions[mine]
