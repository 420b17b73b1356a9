"""The drafts' JSON API of the editor contract (issue 15 part 3): start a draft from an
article, read it, autosave with a revision check, publish a version; messages with paths."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db.authoring import MAX_DOCUMENT_BYTES
from quizapp.db.models import AuthoredQuiz, Draft, QuizVersion
from tests.factories import ROOT
from tests.web.conftest import Auth, csrf_token

ARTICLE = (
    "Council approves disastrous bus plan\n\n"
    "The council approved a shocking plan on Monday that will raise fares by 40%, experts say.\n"
)


def bank_document(quiz_id: str = "library-reopens") -> tuple[dict[str, Any], str]:
    """A valid quiz as the editor holds it: a bank file's mapping and its article's text."""
    document = yaml.safe_load((ROOT / "quizzes" / f"{quiz_id}.yaml").read_text("utf-8"))
    article = (ROOT / "seeds" / document["article"]).read_text("utf-8")
    return document, article


def nested(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels):
        value = [value]
    return value


def meta_token(client: FlaskClient) -> str:
    html = client.get("/author/new").get_data(as_text=True)
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert match, "no csrf-token meta in the page"
    return match.group(1)


class Editor:
    """A logged-in teacher's calls to the API, the CSRF token in the header as the page sends it."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.token = meta_token(client)

    def start(self, text: str = ARTICLE, **fields: str) -> int:
        response = self.client.post(
            "/author/drafts", data={"csrf_token": self.token, "text": text, **fields}
        )
        assert response.status_code == 303, response.get_data(as_text=True)
        match = re.fullmatch(r"/author/drafts/(\d+)", response.headers["Location"])
        assert match
        return int(match.group(1))

    def data(self, draft_id: int) -> Any:
        return self.client.get(f"/author/drafts/{draft_id}/data")

    def put(self, draft_id: int, body: Any, token: str | None = None) -> Any:
        return self.client.put(
            f"/author/drafts/{draft_id}/data", data=json.dumps(body),
            content_type="application/json", headers={"X-CSRFToken": token or self.token},
        )  # fmt: skip

    def publish(self, draft_id: int) -> Any:
        return self.client.post(
            f"/author/drafts/{draft_id}/publish", headers={"X-CSRFToken": self.token}
        )


def login(app: Flask, name: str) -> Editor:
    client = app.test_client()
    assert Auth(client).login(name).status_code == 302
    return Editor(client)


@pytest.fixture
def editor(app: Flask) -> Editor:
    return login(app, "teacher1")


def count(app: Flask, model: Any) -> int:
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_start_read_save_and_publish(app: Flask, editor: Editor) -> None:
    draft_id = editor.start(language="en")
    got = editor.data(draft_id).get_json()
    assert got["revision"] == 1
    assert got["article"].startswith("Council approves disastrous bus plan\n")
    document = got["document"]
    assert document["title"] == "Council approves disastrous bus plan"
    assert document["annotations"] == [] and document["language"] == "en"
    assert re.fullmatch(r"council-approves-disastrous-bus-plan-[0-9a-f]{6}", document["id"])
    # An empty quiz is not valid yet: the message says where.
    assert any(m["path"] == "annotations" for m in got["messages"])

    valid, article = bank_document()
    saved = editor.put(draft_id, {"document": valid, "article": article, "revision": 1})
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json() == {"revision": 2, "messages": []}
    # The server keeps the draft's id whatever the document says.
    assert editor.data(draft_id).get_json()["document"]["id"] == document["id"]

    published = editor.publish(draft_id)
    assert published.status_code == 200, published.get_json()
    body = published.get_json()
    assert body["quiz_id"] == document["id"] and re.fullmatch(r"[0-9a-f]{64}", body["digest"])
    assert body["url"] == f"/author/quizzes/{document['id']}"
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        version = s.scalar(select(QuizVersion).where(QuizVersion.digest == body["digest"]))
        assert version is not None and version.quiz_id == document["id"]
        assert not version.public and not version.current  # not in the catalogue
        owned = s.get(AuthoredQuiz, document["id"])
        assert owned is not None and owned.version_id == version.id
        assert owned.visibility == "private"
    # Publishing the same content again stores nothing new.
    versions = count(app, QuizVersion)
    assert editor.publish(draft_id).get_json()["digest"] == body["digest"]
    assert count(app, QuizVersion) == versions


def test_a_stale_revision_is_refused_and_keeps_the_newer_save(editor: Editor) -> None:
    draft_id = editor.start()
    document = editor.data(draft_id).get_json()["document"]
    assert (
        editor.put(
            draft_id, {"document": {**document, "title": "Tab A"}, "revision": 1}
        ).status_code
        == 200
    )
    stale = editor.put(draft_id, {"document": {**document, "title": "Tab B"}, "revision": 1})
    assert stale.status_code == 409
    assert stale.get_json()["revision"] == 2 and "another tab" in stale.get_json()["error"]
    assert editor.data(draft_id).get_json()["document"]["title"] == "Tab A"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("not json", "JSON object"),
        ([1, 2], "JSON object"),
        ({"revision": 1}, "document must be a mapping"),
        ({"document": ["id"], "revision": 1}, "document must be a mapping"),
        ({"document": {}, "revision": "1"}, "revision must be"),
        ({"document": {}, "revision": True}, "revision must be"),
        ({"document": {}, "revision": 1, "article": 5}, "article must be"),
        ({"document": {}, "revision": 1, "article": "  "}, "article is empty"),
        ({"document": {"title": "x" * MAX_DOCUMENT_BYTES}, "revision": 1}, "larger than"),
        ({"document": {"a": nested(40)}, "revision": 1}, "nested more than"),
        ("deep", "JSON object"),
    ],
)
def test_bad_bodies_get_a_reason_and_change_nothing(editor: Editor, body: Any, reason: str) -> None:
    draft_id = editor.start()
    before = editor.data(draft_id).get_json()
    if body in ("not json", "deep"):
        raw = "{" if body == "not json" else '{"document": ' + "[" * 50_000 + "]" * 50_000 + "}"
        response = editor.client.put(
            f"/author/drafts/{draft_id}/data", data=raw, content_type="application/json",
            headers={"X-CSRFToken": editor.token},
        )  # fmt: skip
    else:
        response = editor.put(draft_id, body)
    assert response.status_code == 400
    assert reason in response.get_json()["error"]
    assert editor.data(draft_id).get_json() == before


def test_a_body_past_the_site_limit_is_a_json_413(editor: Editor) -> None:
    draft_id = editor.start()
    response = editor.put(draft_id, {"document": {"t": "x" * 300_000}, "revision": 1})
    assert response.status_code == 413
    assert "too large" in response.get_json()["error"]


def test_csrf_is_required_on_every_state_change(app: Flask, editor: Editor) -> None:
    draft_id = editor.start()
    document = editor.data(draft_id).get_json()["document"]
    assert (
        editor.put(draft_id, {"document": document, "revision": 1}, token="forged").status_code
        == 400
    )
    no_header = editor.client.post(f"/author/drafts/{draft_id}/publish")
    assert no_header.status_code == 400
    drafts = count(app, Draft)
    assert editor.client.post("/author/drafts", data={"text": ARTICLE}).status_code == 400
    assert count(app, Draft) == drafts
    assert editor.data(draft_id).get_json()["revision"] == 1


def test_an_invalid_draft_publishes_nothing_and_says_where(app: Flask, editor: Editor) -> None:
    draft_id = editor.start()
    valid, article = bank_document()
    valid["annotations"][1]["quote"] = "words that are not in the article at all"
    assert (
        editor.put(draft_id, {"document": valid, "article": article, "revision": 1}).status_code
        == 200
    )
    before = count(app, QuizVersion), count(app, AuthoredQuiz)
    response = editor.publish(draft_id)
    assert response.status_code == 400
    messages = response.get_json()["messages"]
    quote = next(m for m in messages if m["path"] == "annotations[1].quote")
    assert "not in the article" in quote["message"] and quote["line"] > 1
    assert (count(app, QuizVersion), count(app, AuthoredQuiz)) == before


def test_another_teachers_draft_is_a_404_with_nothing_of_it(app: Flask, editor: Editor) -> None:
    from quizapp.db.writes import create_user
    from tests.web.conftest import PASSWORD

    with app.app_context():
        create_user(app.extensions["quizapp.db"], "teacher2", PASSWORD, "teacher")
    draft_id = editor.start()
    other = login(app, "teacher2")
    document = editor.data(draft_id).get_json()["document"]
    for response in (
        other.data(draft_id),
        other.put(draft_id, {"document": {"title": "mine now"}, "revision": 1}),
        other.publish(draft_id),
        other.data(999_999),
    ):
        assert response.status_code == 404
        assert "bus plan" not in response.get_data(as_text=True).lower()
    assert editor.data(draft_id).get_json()["document"] == document


@pytest.mark.parametrize("name", ["2026.txt", "007.txt", "0x1f.txt", "2026-12-02.txt"])
def test_a_draft_is_valid_whatever_its_articles_file_name(editor: Editor, name: str) -> None:
    """Issue 15 part 2: the article's file name plays no part in the quiz's validity."""
    draft_id = editor.start()
    valid, article = bank_document()
    valid["article"] = name
    saved = editor.put(draft_id, {"document": valid, "article": article, "revision": 1})
    assert saved.get_json()["messages"] == []
    assert editor.publish(draft_id).status_code == 200


def test_suggest_on_a_numeric_file_name_writes_a_draft_that_loads(tmp_path: Path) -> None:
    """Issue 15 part 2: ``quizapp suggest`` on seeds/2026.txt keeps the id a string."""
    from click.testing import CliRunner

    from quizapp.cli import cli

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "2026.txt").write_text(ARTICLE, "utf-8")
    out = tmp_path / "quizzes" / "2026.yaml"
    out.parent.mkdir()
    result = CliRunner().invoke(cli, ["suggest", str(seeds / "2026.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    # Quoted: the loader reads the id as the string it is, not the number 2026.
    assert yaml.safe_load(out.read_text("utf-8"))["id"] == "2026"
    assert "id: '2026'" in out.read_text("utf-8") or 'id: "2026"' in out.read_text("utf-8")


def test_start_editing_on_the_new_quiz_page_makes_a_draft_of_the_article(
    app: Flask, editor: Editor
) -> None:
    page = editor.client.get("/author/new").get_data(as_text=True)
    shown = editor.client.post(
        "/author/new", data={"csrf_token": csrf_token(page), "text": ARTICLE},
        content_type="multipart/form-data",
    ).get_data(as_text=True)  # fmt: skip
    form = re.search(r'<form method="post" action="/author/drafts"[^>]*>(.*?)</form>', shown, re.S)
    assert form, "no Start editing form"
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(1)))
    assert fields["language"] == "en" and fields["direction"] == "ltr"
    assert "Start editing" in form.group(1)
    response = editor.client.post("/author/drafts", data=fields)
    assert response.status_code == 303
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert editor.data(draft_id).get_json()["article"].startswith("Council approves")
    assert editor.client.get(response.headers["Location"]).status_code == 200  # the editor


def test_an_edited_article_that_loses_a_quote_says_which_annotation(editor: Editor) -> None:
    """Issue 15, bad input: a quote that no longer anchors after the article is edited is a
    message on that annotation's quote; the save itself is kept (drafts may be invalid)."""
    draft_id = editor.start()
    valid, article = bank_document()
    editor.put(draft_id, {"document": valid, "article": article, "revision": 1})
    quote = valid["annotations"][1]["quote"]
    edited = article.replace(quote, "words of another kind")
    saved = editor.put(draft_id, {"document": valid, "article": edited, "revision": 2})
    assert saved.status_code == 200 and saved.get_json()["revision"] == 3
    quote_messages = [
        m for m in saved.get_json()["messages"] if m["path"] == "annotations[1].quote"
    ]
    assert quote_messages and "not in the article" in quote_messages[0]["message"]


def test_an_article_is_normalised_as_at_intake_when_saved(editor: Editor) -> None:
    """Bidi overrides and control characters go, as on /author/new; a 5 MB one is refused."""
    draft_id = editor.start()
    document = editor.data(draft_id).get_json()["document"]
    tricky = "Headline \u202eevil\u202c\r\nA paragraph\x07 with  spaces.\r\n"
    saved = editor.put(draft_id, {"document": document, "article": tricky, "revision": 1})
    assert saved.status_code == 200
    assert (
        editor.data(draft_id).get_json()["article"] == "Headline evil\nA paragraph with spaces.\n"
    )
    huge = editor.put(draft_id, {"document": document, "article": "x" * 5_000_000, "revision": 2})
    assert huge.status_code == 413 and editor.data(draft_id).get_json()["revision"] == 2
