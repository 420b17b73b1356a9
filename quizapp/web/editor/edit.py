"""The editor page of a draft: the article as students see it, to annotate with the students'
highlighter; the assistant's suggestions for it; and a preview of the draft as a student."""

from __future__ import annotations

import hashlib
import json
import secrets
from types import SimpleNamespace
from typing import Any

from flask import abort, jsonify, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from quizapp.assistant.suggest import suggest
from quizapp.assistant.text import Document
from quizapp.core.article import Article, ArticleError
from quizapp.core.documents import article_name, load_document
from quizapp.core.errors import QuizFileError
from quizapp.core.model import LEVELS, RTL_LANGUAGES
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.db.models import Draft
from quizapp.web.editor import bp, said
from quizapp.web.editor.access import MAX_ID, own_draft
from quizapp.web.editor.jstexts import editor_texts_json
from quizapp.web.render import article_blocks, article_html, scope_attr

QUESTION_TYPES = ("spot", "label", "classify", "choice")


def _document(draft: Draft) -> dict[str, Any]:
    """The draft's quiz mapping (stored as JSON text); an unreadable one reads as empty."""
    raw = draft.document
    try:
        data = json.loads(raw) if isinstance(raw, str | bytes) else raw
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _article(draft: Draft) -> Article:
    """The draft's article; a draft always has one, so a broken one is a 409, not a crash."""
    try:
        return Article.from_text(article_name(_document(draft)), draft.article)
    except ArticleError as exc:
        abort(409, description=_("The draft's article cannot be read: %(reason)s", reason=exc))


def _language(draft: Draft) -> str:
    language = _document(draft).get("language")
    return language if isinstance(language, str) and language else "en"


@bp.route(f"/drafts/<int(max={MAX_ID}):draft_id>")
def edit_draft(draft_id: int) -> str:
    """The editor: the tokenised article, and the page's data read from ``/data`` by script."""
    draft = own_draft(draft_id)
    article = _article(draft)
    document = _document(draft)
    language = _language(draft)
    direction = document.get("direction")
    if direction not in ("ltr", "rtl"):
        direction = "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"
    skills = [{"id": s.id, "name": _(s.name)} for s in BUILTIN_SKILLS.values()]
    title = str(document.get("title") or _("Untitled quiz"))
    return render_template(
        "editor/edit.html", draft_id=draft_id, title=title,
        blocks=article_blocks(article), tokens=article.tokens, language=language,
        direction=direction, builtin=json.dumps(skills), levels=json.dumps(list(LEVELS)),
        types=json.dumps(QUESTION_TYPES), rtl=json.dumps(sorted(RTL_LANGUAGES)),
        editor_texts=editor_texts_json(),
    )  # fmt: skip


def suggestion_key(skill: str, start: int, end: int, quote: str) -> str:
    """A key that names a suggestion across reloads (and a rejection of it), as long as its
    words stay where they are in the article."""
    digest = hashlib.sha256(f"{skill}\0{start}\0{end}\0{quote}".encode()).hexdigest()
    return f"{skill}-{start}-{end}-{digest[:8]}"


@bp.route(f"/drafts/<int(max={MAX_ID}):draft_id>/suggestions")
def draft_suggestions(draft_id: int) -> Response:
    """The assistant's suggestions on the draft's article, as ``quizapp suggest`` makes them."""
    draft = own_draft(draft_id)
    article = _article(draft)
    found = suggest(Document(article, _language(draft)), decoys=False)
    lang = said.language()  # the reasons in the teacher's language, quotes as written
    return jsonify(
        suggestions=[
            {"key": suggestion_key(s.skill, s.start, s.end, s.quote), "skill": s.skill,
             "quote": s.quote, "start": s.start, "end": s.end, "reason": s.told(lang),
             "reasonLang": lang, "confidence": round(s.confidence, 2)}
            for s in found
        ]
    )  # fmt: skip


@bp.route(f"/drafts/<int(max={MAX_ID}):draft_id>/preview", methods=["POST"])
def preview_draft(draft_id: int) -> tuple[str, int] | str:
    """The saved draft as a student sees it; nothing stored (answers sent from it come back
    here, to a fresh preview)."""
    draft = own_draft(draft_id)
    _article(draft)  # an article the core cannot read is a 409 with the reason
    try:
        quiz = load_document(_document(draft), draft.article, name="draft")
    except QuizFileError as exc:
        return render_template(
            "editor/preview_errors.html", draft_id=draft_id, errors=said.told(exc.errors[:50]),
            more=max(0, len(exc.errors) - 50),
        ), 400  # fmt: skip
    action = url_for("editor.preview_draft", draft_id=draft_id)
    return render_template(
        "editor/preview.html", quiz=quiz, draft_id=draft_id, action=action, assignment=None,
        version=SimpleNamespace(digest="preview"), article=article_html(quiz),
        views=[(q.template, q.public_view()) for q in quiz.questions],
        scopes={q.id: scope_attr(getattr(q, "scope", ())) for q in quiz.questions},
        token=secrets.token_urlsafe(24), storage_key="", held=None, release=None, terms=None,
    )  # fmt: skip
