"""My quizzes: drafts, the teacher's own quizzes with their versions and visibility, the ones
shared with them; per quiz, its settings and sharing; duplicate and export of any quiz the
teacher may see. Every route asks ``access``."""

from __future__ import annotations

import io
import zipfile

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from quizapp.core.errors import QuizFileError
from quizapp.db import authoring
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import AuthoredQuiz, Draft, QuizShare, QuizVersion, User
from quizapp.db.writes import WriteError
from quizapp.i18n.refusals import say
from quizapp.web.editor import bp
from quizapp.web.editor.access import MAX_ID, own_draft, own_quiz, quiz_rights, shared_with

VISIBILITY_LABELS = {
    "private": _l("Private: only you"),
    "shared": _l("Shared with the colleagues named below"),
    "installation": _l("Every teacher of this site"),
    "proposed": _l("Proposed for the public catalogue (every teacher sees it meanwhile)"),
}
# Translators: a badge on a quiz of "My quizzes" saying who sees it.
VISIBILITY_BADGES = {
    "private": _l("Private"),
    "shared": _l("Shared with the colleagues named below"),
    "installation": _l("Every teacher of this site"),
    "proposed": _l("Proposed for the public catalogue"),
}
# Translators: said after a teacher saves a quiz's visibility.
VISIBILITY_SAVED = {
    "private": _l("Visibility: private."),
    "shared": _l("Visibility: shared with the colleagues named below."),
    "installation": _l("Visibility: every teacher of this site."),
    "proposed": _l("Visibility: proposed for the public catalogue."),
}
QUIZ = "/quizzes/<quiz_id>"


@bp.route("/")
def library() -> str:
    """My quizzes: drafts to continue, own quizzes, quizzes shared with me, the bank."""
    s = request_session()
    me = current_user.id
    drafts = s.scalars(select(Draft).where(Draft.owner_id == me).order_by(Draft.updated_at.desc()))
    titles = {}
    for d in drafts:
        titles[d.id] = (d, _title_of(d))
    authored = list(
        s.scalars(select(AuthoredQuiz).where(shared_with(me)).order_by(AuthoredQuiz.created_at))
    )
    mine = [q for q in authored if q.owner_id == me]
    others = [q for q in authored if q.owner_id != me and q.version is not None]
    bank = list(
        s.scalars(
            select(QuizVersion)
            .where(
                QuizVersion.current.is_(True),
                QuizVersion.quiz_id.not_in(select(AuthoredQuiz.quiz_id)),
            )
            .order_by(QuizVersion.title)
        )
    )
    return render_template(
        "editor/library.html", drafts=list(titles.values()), mine=mine, others=others,
        bank=bank, badges=VISIBILITY_BADGES,
    )  # fmt: skip


def _title_of(draft: Draft) -> str:
    import json

    try:
        title = json.loads(draft.document).get("title")
    except (ValueError, AttributeError):
        title = None
    return str(title)[:200] if title else _("Draft %(number)s", number=draft.id)


@bp.route(f"/drafts/<int(max={MAX_ID}):draft_id>/delete", methods=["POST"])
def delete_draft(draft_id: int) -> Response:
    """Delete a draft; its published versions stay."""
    own_draft(draft_id)
    try:
        authoring.delete_draft(get_db(), current_user.id, draft_id)
    except WriteError as exc:
        abort(404, description=say(exc))
    flash(_("Draft deleted. Its published versions, if any, are kept."), "success")
    return redirect(url_for("editor.library"), 303)


@bp.route(QUIZ)
def quiz_page(quiz_id: str) -> str:
    """A quiz of the teacher's: versions, visibility and the colleagues it is shared with."""
    rights = own_quiz(quiz_id)
    s = request_session()
    versions = list(
        s.scalars(
            select(QuizVersion)
            .where(QuizVersion.quiz_id == quiz_id)
            .order_by(QuizVersion.imported_at.desc(), QuizVersion.id.desc())
        )
    )
    colleagues = s.execute(
        select(User.id, User.username)
        .join(QuizShare, QuizShare.user_id == User.id)
        .where(QuizShare.quiz_id == quiz_id)
        .order_by(User.username)
    ).all()
    drafts = list(
        s.scalars(select(Draft).where(Draft.quiz_id == quiz_id, Draft.owner_id == current_user.id))
    )
    return render_template(
        "editor/quiz.html", rights=rights, quiz=rights.owned, versions=versions,
        colleagues=colleagues, drafts=drafts, labels=VISIBILITY_LABELS,
    )  # fmt: skip


def _back(quiz_id: str) -> Response:
    return redirect(url_for("editor.quiz_page", quiz_id=quiz_id), 303)


@bp.route(f"{QUIZ}/visibility", methods=["POST"])
def set_visibility(quiz_id: str) -> Response:
    """Private, shared, every teacher, or proposed to the catalogue."""
    own_quiz(quiz_id)
    choice = request.form.get("visibility", "")
    try:
        authoring.set_visibility(get_db(), current_user.id, quiz_id, choice)
    except WriteError as exc:
        flash(say(exc), "error")
    else:
        flash(str(VISIBILITY_SAVED[choice]), "success")
    return _back(quiz_id)


@bp.route(f"{QUIZ}/shares", methods=["POST"])
def share(quiz_id: str) -> Response:
    """Share with a colleague by username."""
    own_quiz(quiz_id)
    try:
        name = authoring.share(get_db(), current_user.id, quiz_id, request.form.get("username", ""))
    except WriteError as exc:
        flash(say(exc), "error")
    else:
        flash(_("Shared with %(name)s.", name=name), "success")
    return _back(quiz_id)


@bp.route(f"{QUIZ}/shares/<int(max={MAX_ID}):user_id>/delete", methods=["POST"])
def unshare(quiz_id: str, user_id: int) -> Response:
    """Stop sharing with one colleague."""
    own_quiz(quiz_id)
    authoring.unshare(get_db(), current_user.id, quiz_id, user_id)
    flash(_("No longer shared with that colleague."), "success")
    return _back(quiz_id)


@bp.route(f"{QUIZ}/duplicate", methods=["POST"])
def duplicate(quiz_id: str) -> Response:
    """A new draft of the teacher's, copied from the latest version of any quiz they see."""
    rights = quiz_rights(current_user, quiz_id)
    if rights.version is None:
        abort(404, description=_("This quiz has no published version to copy yet."))
    version = rights.version
    try:
        document = authoring.document_of(version)
        draft_id = authoring.create_draft(
            get_db(), current_user.id, version.article_text, document=document
        )
    except (QuizFileError, WriteError) as exc:
        abort(400, description=_("This quiz could not be copied: %(reason)s", reason=say(exc)))
    flash(_("A copy is now your draft: change what you like, then publish it."), "success")
    return redirect(url_for("editor.edit_draft", draft_id=draft_id), 303)


def export_zip(version: QuizVersion) -> bytes:
    """One quiz as the file bank holds it: quizzes/<id>.yaml and seeds/<article>, under a
    folder named by the id, so ``quizapp validate <folder>/quizzes`` checks it as is."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{version.quiz_id}/quizzes/{version.quiz_id}.yaml", version.source_yaml)
        z.writestr(f"{version.quiz_id}/seeds/{version.article_name}", version.article_text)
    return buffer.getvalue()


@bp.route(f"{QUIZ}/export.zip")
def export(quiz_id: str) -> Response:
    """Download the quiz's latest version with its article, as one .zip."""
    rights = quiz_rights(current_user, quiz_id)
    if rights.version is None:
        abort(404, description=_("This quiz has no published version to export yet."))
    return send_file(
        io.BytesIO(export_zip(rights.version)), mimetype="application/zip",
        as_attachment=True, download_name=f"{quiz_id}.zip",
    )  # fmt: skip
