"""The drafts' JSON API (the editor contract): start a draft from an article, read it, save
it with a revision check, publish it as a version. Every route asks ``access.own_draft``."""

from __future__ import annotations

import json
from typing import Any

from flask import abort, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wrappers import Response

from quizapp.core.documents import check, placed, to_yaml
from quizapp.core.errors import QuizFileError
from quizapp.core.yamlread import MAX_DEPTH
from quizapp.db.authoring import DraftGone, StaleRevision, create_draft, publish, save_draft
from quizapp.db.engine import get_db
from quizapp.db.writes import WriteError
from quizapp.i18n.refusals import say
from quizapp.web.editor import bp, new, said
from quizapp.web.editor.access import MAX_ID, own_draft
from quizapp.web.editor.intake import IntakeError, take_in
from quizapp.web.security import _error_page, reason_of

DRAFT = f"/drafts/<int(max={MAX_ID}):draft_id>"
JSON_ENDPOINTS = {"editor.draft_data", "editor.save_data", "editor.publish_draft"}


def _json_request() -> bool:
    return request.endpoint in JSON_ENDPOINTS


def _messages(document: dict[str, Any], article: str) -> list[dict[str, Any]]:
    """The validator's messages on a document, in the teacher's interface language."""
    return [m.as_json() for m in check(document, article, said.language())]


@bp.route("/drafts", methods=["POST"])
def start_draft() -> Response:
    """A new draft of the posted article (the "Start editing" button): 303 to its editor."""
    try:
        intake = take_in(
            request.form.get("text", ""), request.form.get("language", "")[:20],
            request.form.get("direction", ""),
        )  # fmt: skip
        draft_id = create_draft(
            get_db(), current_user.id, intake.text, title=intake.headline,
            language=intake.language, direction=intake.direction,
        )  # fmt: skip
    except (IntakeError, WriteError) as exc:
        abort(400, description=say(exc))
    return redirect(url_for("editor.edit_draft", draft_id=draft_id), 303)


@bp.route(f"{DRAFT}/data")
def draft_data(draft_id: int) -> Response:
    """The draft: its document, article, revision and the validator's messages."""
    draft = own_draft(draft_id)
    document = json.loads(draft.document)
    return jsonify(
        document=document, article=draft.article, revision=draft.revision,
        messages=_messages(document, draft.article),
    )  # fmt: skip


def _body() -> tuple[dict[str, Any], str | None, int]:
    """The PUT body's document, article (None if absent) and revision; 400 if malformed."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # JSON nested past the parser's limit
        body = None
    if not isinstance(body, dict):
        raise _Bad(_("The body must be a JSON object with document and revision."))
    document, article, revision = body.get("document"), body.get("article"), body.get("revision")
    if not isinstance(document, dict):
        raise _Bad(
            _("document must be a mapping of the quiz's keys (id, title, annotations, ...).")
        )
    if _depth(document) > MAX_DEPTH:
        raise _Bad(
            _(
                "document is nested more than %(depth)s levels deep; a quiz needs a few.",
                depth=MAX_DEPTH,
            )
        )
    if article is not None and not isinstance(article, str):
        raise _Bad(_("article must be the article's text."))
    if not isinstance(revision, int) or isinstance(revision, bool):
        raise _Bad(_("revision must be the number the draft was read with."))
    return document, article, revision


class _Bad(ValueError):
    pass


def _depth(value: Any, limit: int = MAX_DEPTH + 1) -> int:
    """How deep lists and mappings nest in ``value``, counted up to ``limit``."""
    if limit <= 0 or not isinstance(value, (dict, list)):
        return 0
    items = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(v, limit - 1) for v in items), default=0)


@bp.route(f"{DRAFT}/data", methods=["PUT"])
def save_data(draft_id: int) -> tuple[Response, int] | Response:
    """Autosave: the new revision and messages; 409 when another tab saved first."""
    draft = own_draft(draft_id)
    try:
        document, article, revision = _body()
        if article is not None:
            article = take_in(article).text  # normalised as at intake; empty is refused
        new_revision = save_draft(get_db(), current_user.id, draft_id, document, article, revision)
    except StaleRevision as exc:
        return jsonify(error=say(exc), revision=exc.revision), 409
    except DraftGone:
        return jsonify(error=_("There is no such draft.")), 404
    except (_Bad, IntakeError, WriteError) as exc:
        return jsonify(error=say(exc)), 400
    stored = {**document, "id": draft.quiz_id}
    return jsonify(revision=new_revision, messages=_messages(stored, article or draft.article))


@bp.route(f"{DRAFT}/publish", methods=["POST"])
def publish_draft(draft_id: int) -> tuple[Response, int] | Response:
    """Store the saved draft as a new immutable version (nothing stored when invalid)."""
    draft = own_draft(draft_id)
    try:
        done = publish(get_db(), current_user.id, draft_id)
    except QuizFileError as exc:
        document = json.loads(draft.document)
        found = placed(to_yaml(document), exc.errors, said.language())
        return jsonify(messages=[m.as_json() for m in found]), 400
    except DraftGone:
        return jsonify(error=_("There is no such draft.")), 404
    except WriteError as exc:
        return jsonify(error=say(exc), messages=[]), 400
    return jsonify(
        quiz_id=done.quiz_id, digest=done.digest,
        url=url_for("editor.quiz_page", quiz_id=done.quiz_id),
    )  # fmt: skip


@bp.errorhandler(HTTPException)
def json_errors(error: HTTPException) -> tuple[Response, int] | tuple[str, int]:
    """The API answers errors in JSON; the pages with the site's error page."""
    if _json_request():
        return jsonify(error=reason_of(error)), error.code or 500
    return _error_page(error)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[Response, int] | tuple[str, int]:
    """A body past the site's limit: JSON for the API, the article form for the pages."""
    if _json_request():
        return jsonify(error=_("The quiz is too large to save; shorten its texts.")), 413
    if request.endpoint == "editor.import_quiz":
        from quizapp.web.editor.imports import refused_as_too_large

        return refused_as_too_large()
    return new.too_large(error)
