"""The editor page of a draft (issue 15 part 3): the page itself, the assistant's
suggestions as JSON, and the preview of the saved draft as a student sees it."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import Auth, csrf_token

ARTICLE = (
    "Council approves disastrous bus plan\n\n"
    "The council approved a shocking plan on Monday that will raise fares by 40%, "
    "experts say.\n\n"
    "Critics said the plan was a catastrophe. The mayor's office said the fares pay for "
    "new buses.\n"
)
ARABIC = "اجتماع في طهران\n\nقال مسؤولون إن الاجتماع كان مهما جدا، وفقا لمصادر.\n"


def start_draft(client: FlaskClient, text: str = ARTICLE, **form: str) -> int:
    token = csrf_token(client.get("/author/new").get_data(as_text=True))
    response = client.post("/author/drafts", data={"csrf_token": token, "text": text, **form})
    assert response.status_code == 303, response.get_data(as_text=True)
    match = re.fullmatch(r".*/author/drafts/(\d+)", response.headers["Location"])
    assert match
    return int(match.group(1))


def save(client: FlaskClient, draft_id: int, document: dict[str, object]) -> dict[str, object]:
    """Save a document as the page's autosave does: PUT /data with the revision read."""
    data = client.get(f"/author/drafts/{draft_id}/data").get_json()
    token = csrf_token(client.get(f"/author/drafts/{draft_id}").get_data(as_text=True))
    response = client.put(
        f"/author/drafts/{draft_id}/data", headers={"X-CSRFToken": token},
        json={"document": {**data["document"], **document}, "revision": data["revision"]},
    )  # fmt: skip
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@pytest.fixture
def teacher(client: FlaskClient, auth: Auth) -> FlaskClient:
    auth.login("teacher1")
    return client


def test_the_page_shows_the_article_as_tokens_with_their_offsets(teacher: FlaskClient) -> None:
    draft_id = start_draft(teacher)
    html = teacher.get(f"/author/drafts/{draft_id}").get_data(as_text=True)
    assert 'id="article"' in html and 'lang="en" dir="ltr"' in html
    # Each word knows where it stands in the article's text, for quotes made by selection.
    data = teacher.get(f"/author/drafts/{draft_id}/data").get_json()
    text = data["article"]
    spans = re.findall(r'data-i="\d+" data-s="(\d+)" data-e="(\d+)">([^<]*)</span>', html)
    assert len(spans) > 20
    assert all(text[int(s) : int(e)] == unescape(word) for s, e, word in spans)
    assert f'data-data-url="/author/drafts/{draft_id}/data"' in html
    assert 'src="/static/js/editor.js"' in html
    assert "<script>" not in html and "style=" not in html  # CSP: no inline script or style


def test_an_arabic_draft_is_right_to_left(teacher: FlaskClient) -> None:
    draft_id = start_draft(teacher, ARABIC)
    html = teacher.get(f"/author/drafts/{draft_id}").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in html


def test_suggestions_are_the_assistants_on_the_drafts_article(teacher: FlaskClient) -> None:
    draft_id = start_draft(teacher)
    text = teacher.get(f"/author/drafts/{draft_id}/data").get_json()["article"]
    found = teacher.get(f"/author/drafts/{draft_id}/suggestions").get_json()["suggestions"]
    assert found, "the article has loaded words and a figure credited to 'experts'"
    for s in found:
        assert text[s["start"] : s["end"]] == s["quote"]
        assert 0 <= s["confidence"] <= 1 and s["reason"] and s["skill"]
    assert {s["skill"] for s in found} >= {"loaded-language"}
    keys = [s["key"] for s in found]
    assert len(set(keys)) == len(keys)
    again = teacher.get(f"/author/drafts/{draft_id}/suggestions").get_json()["suggestions"]
    assert [s["key"] for s in again] == keys  # stable, so a rejection holds after a reload


def test_the_preview_is_the_saved_draft_as_a_student_sees_it(teacher: FlaskClient) -> None:
    draft_id = start_draft(teacher)
    text = teacher.get(f"/author/drafts/{draft_id}/data").get_json()["article"]
    assert "shocking" in text
    save(teacher, draft_id, {
        "title": "The bus plan <script>alert(1)</script>",
        "skills": ["loaded-language"],
        "annotations": [{"skill": "loaded-language", "quote": "shocking",
                         "explanation": "The writer's verdict, not a fact."}],
    })  # fmt: skip
    page = teacher.get(f"/author/drafts/{draft_id}").get_data(as_text=True)
    response = teacher.post(
        f"/author/drafts/{draft_id}/preview", data={"csrf_token": csrf_token(page)}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The bus plan &lt;script&gt;" in html and "<script>alert" not in html
    assert 'data-type="spot"' in html and 'class="tok"' in html
    assert "nothing is" in html and "stored" in html
    # The answer key is not in a student's page.
    assert "The writer&#39;s verdict" not in html and "The writer's verdict" not in html


def test_a_draft_that_does_not_load_previews_as_its_messages(teacher: FlaskClient) -> None:
    draft_id = start_draft(teacher)
    wrong = {"skill": "loaded-language", "quote": "not in the article", "explanation": "x"}
    save(teacher, draft_id, {"skills": ["loaded-language"], "annotations": [wrong]})
    page = teacher.get(f"/author/drafts/{draft_id}").get_data(as_text=True)
    response = teacher.post(
        f"/author/drafts/{draft_id}/preview", data={"csrf_token": csrf_token(page)}
    )
    assert response.status_code == 400
    assert "not in the article" in response.get_data(as_text=True)


def test_the_preview_needs_the_csrf_token(teacher: FlaskClient) -> None:
    draft_id = start_draft(teacher)
    assert teacher.post(f"/author/drafts/{draft_id}/preview").status_code == 400


@pytest.mark.parametrize("suffix", ["", "/suggestions"])
def test_another_teachers_draft_is_not_found(client: FlaskClient, auth: Auth, suffix: str) -> None:
    from quizapp.db.writes import create_user
    from tests.web.conftest import PASSWORD

    auth.login("teacher1")
    draft_id = start_draft(client)
    auth.logout()
    with client.application.app_context():
        create_user(client.application.extensions["quizapp.db"], "teacher2", PASSWORD, "teacher")
    auth.login("teacher2")
    response = client.get(f"/author/drafts/{draft_id}{suffix}")
    assert response.status_code == 404
    assert "shocking" not in response.get_data(as_text=True)
    page = client.get("/author/new").get_data(as_text=True)
    preview = client.post(
        f"/author/drafts/{draft_id}/preview", data={"csrf_token": csrf_token(page)}
    )
    assert preview.status_code == 404 and "shocking" not in preview.get_data(as_text=True)
    assert client.get("/author/drafts/99999").status_code == 404


def test_students_and_visitors_are_kept_out(client: FlaskClient, auth: Auth) -> None:
    auth.login("teacher1")
    draft_id = start_draft(client)
    auth.logout()
    assert client.get(f"/author/drafts/{draft_id}").status_code == 302  # to the login page
    auth.login("alice")
    for suffix in ("", "/suggestions"):
        response = client.get(f"/author/drafts/{draft_id}{suffix}")
        assert response.status_code == 403 and "shocking" not in response.get_data(as_text=True)


def test_suggestion_keys_name_skill_and_place() -> None:
    from quizapp.web.editor.edit import suggestion_key

    a = suggestion_key("loaded-language", 10, 18, "shocking")
    assert a == suggestion_key("loaded-language", 10, 18, "shocking")
    assert a != suggestion_key("loaded-language", 11, 19, "shocking")
    assert a != suggestion_key("vague-attribution", 10, 18, "shocking")
    assert json.dumps(a).isascii()


def test_a_draft_whose_article_cannot_be_read_says_so(teacher: FlaskClient) -> None:
    from quizapp.db.authoring import create_draft
    from quizapp.db.models import User

    app = teacher.application
    with app.app_context():
        db = app.extensions["quizapp.db"]
        with db.session() as s:
            (owner,) = [u.id for u in s.query(User).filter_by(username="teacher1")]
        draft_id = create_draft(db, owner, "\n\n", title="Empty")
    page = teacher.get("/author/new").get_data(as_text=True)
    for response in (
        teacher.get(f"/author/drafts/{draft_id}"),
        teacher.get(f"/author/drafts/{draft_id}/suggestions"),
        teacher.post(f"/author/drafts/{draft_id}/preview", data={"csrf_token": csrf_token(page)}),
    ):
        assert response.status_code == 409
        assert "article cannot be read" in response.get_data(as_text=True)
