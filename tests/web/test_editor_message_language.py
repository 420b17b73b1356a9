"""The editor tells a teacher the validator's messages and the assistant's reasons in the
interface's language (issue 16): a Spanish teacher reads Spanish, an English one English,
each marked with its language; the article's words stay as written."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.web.test_editor_drafts import Editor, bank_document, login

BAD_QUOTE = "words that are not in the article at all"


def teacher(app: Flask, language: str) -> Editor:
    editor = login(app, "teacher1")
    editor.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return editor


def saved_with_bad_quote(editor: Editor) -> tuple[int, dict[str, Any]]:
    """A draft whose second annotation quotes words the article lacks, and that message."""
    draft_id = editor.start()
    document, article = bank_document()
    document["annotations"][1]["quote"] = BAD_QUOTE
    response = editor.put(draft_id, {"document": document, "article": article, "revision": 1})
    assert response.status_code == 200, response.get_data(as_text=True)
    messages = response.get_json()["messages"]
    return draft_id, next(m for m in messages if m["path"] == "annotations[1].quote")


def test_a_spanish_teacher_reads_the_validator_in_spanish(app: Flask) -> None:
    editor = teacher(app, "es")
    draft_id, message = saved_with_bad_quote(editor)
    assert message["message"] == f"la cita «{BAD_QUOTE}» no está en el artículo"
    assert message["fix"] == "cópiala del artículo"
    assert message["lang"] == "es"
    english = f'quote "{BAD_QUOTE}" is not in the article; copy it from the article'
    assert message["english"] == english
    # Reading the draft again, and the publish refusal, say the same in Spanish.
    again = editor.data(draft_id).get_json()["messages"]
    assert message in again
    refused = editor.publish(draft_id)
    assert refused.status_code == 400
    assert message in refused.get_json()["messages"]


def test_an_english_teacher_reads_english(app: Flask) -> None:
    _, message = saved_with_bad_quote(teacher(app, "en"))
    assert message["message"] == f'quote "{BAD_QUOTE}" is not in the article'
    assert message["fix"] == "copy it from the article"
    assert message["lang"] == "en"


def test_an_arabic_teachers_message_and_fix_are_apart(app: Flask) -> None:
    _, message = saved_with_bad_quote(teacher(app, "ar"))
    assert message["message"] == f"الاقتباس «{BAD_QUOTE}» غير موجود في المقال"
    assert message["fix"] == "انسخه من المقال"
    assert "؛" not in message["message"] and message["lang"] == "ar"


def test_the_draft_preview_lists_the_messages_in_spanish(app: Flask) -> None:
    editor = teacher(app, "es")
    draft_id, _ = saved_with_bad_quote(editor)
    page = editor.client.post(
        f"/author/drafts/{draft_id}/preview", data={"csrf_token": editor.token}
    )
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    assert f"la cita «{BAD_QUOTE}» no está en el artículo" in html
    assert 'lang="en"' not in html.split("<ul>", 1)[1].split("</ul>", 1)[0]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "«experts say»: приписывает утверждение неназванной группе;"),
        ("en", '"experts say": credits the claim to an unnamed group;'),
    ],
)
def test_the_suggestions_reasons_follow_the_interface(
    app: Flask, language: str, expected: str
) -> None:
    editor = teacher(app, language)
    draft_id = editor.start()
    found = editor.client.get(f"/author/drafts/{draft_id}/suggestions").get_json()
    (vague,) = [s for s in found["suggestions"] if s["skill"] == "vague-attribution"]
    assert vague["reason"].startswith(expected) and vague["reasonLang"] == language
