"""Import a quiz file: a .zip as exported (a .yaml and its article .txt), or the two files
uploaded side by side. Read with limits before anything is stored, checked by the same loader
and validator as the bank, then kept as a new draft of the teacher's under a fresh id."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath
from typing import Any

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.wrappers import Response

from quizapp.core.article import Article
from quizapp.core.errors import QuizFileError
from quizapp.core.loader import load_quiz_source
from quizapp.core.yamlread import MAX_QUIZ_BYTES, read_yaml
from quizapp.db.authoring import create_draft
from quizapp.db.engine import get_db, request_session
from quizapp.db.writes import WriteError
from quizapp.i18n.refusals import say
from quizapp.web.editor import bp
from quizapp.web.editor.access import rights_of
from quizapp.web.editor.intake import MAX_BYTES, IntakeError, decode

MAX_MEMBERS = 8  # an export holds two files; a few more for folders and stray notes
# Overrides, embeddings and isolates make a quote or an article read other than it is stored.
BIDI_OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069]")


class UploadRefused(ValueError):
    """An upload refused, with the reason to show."""


@dataclass(frozen=True)
class Upload:
    document: dict[str, Any]
    article: str


def _member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    pure = PurePosixPath(name)
    if "\\" in name or "\x00" in name or pure.is_absolute() or ".." in pure.parts:
        raise UploadRefused(
            _("The .zip holds a file named '%(name)s' outside its folder; refused.", name=name[:80])
        )
    return pure.name


def _too_large(name: str, limit: int) -> str:
    return _("%(name)s is larger than %(size)s KB unpacked.", name=name, size=limit // 1024)


def _read_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    # The sizes in the header may lie: read at most one byte past the limit.
    if info.file_size > limit:
        raise UploadRefused(_too_large(_member_name(info), limit))
    with z.open(info) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(_too_large(_member_name(info), limit))
    return data


def unzip(data: bytes) -> tuple[tuple[str, bytes], tuple[str, bytes]]:
    """The (name, bytes) of the one .yaml and the one .txt of an exported .zip."""
    try:
        z = zipfile.ZipFile(BytesIO(data))
        infos = [i for i in z.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadRefused(_("The file is not a .zip archive that can be read.")) from None
    if len(infos) > MAX_MEMBERS:
        raise UploadRefused(
            _(
                "The .zip holds %(count)s files; an exported quiz holds two (its .yaml and "
                "its article .txt).",
                count=len(infos),
            )
        )
    for info in infos:
        _member_name(info)
        if info.flag_bits & 0x1:
            raise UploadRefused(_("The .zip is encrypted; export it again without a password."))
    yamls = [i for i in infos if i.filename.lower().endswith((".yaml", ".yml"))]
    texts = [i for i in infos if i.filename.lower().endswith(".txt")]
    if len(yamls) != 1 or len(texts) != 1:
        raise UploadRefused(
            _("The .zip must hold exactly one quiz .yaml and one article .txt (as an export does).")
        )
    try:
        return (
            (_member_name(yamls[0]), _read_member(z, yamls[0], MAX_QUIZ_BYTES)),
            (_member_name(texts[0]), _read_member(z, texts[0], MAX_BYTES)),
        )
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError):
        raise UploadRefused(
            _("The .zip is damaged or uses a compression quizapp cannot read.")
        ) from None


def read_upload(quiz: tuple[str, bytes], article: tuple[str, bytes]) -> Upload:
    """The quiz mapping and article text of an upload, checked by the loader and validator;
    UploadRefused with every problem otherwise."""
    yaml_name, yaml_bytes = quiz
    txt_name, txt_bytes = article
    if len(yaml_bytes) > MAX_QUIZ_BYTES:
        raise UploadRefused(
            _("%(name)s is larger than %(size)s KB.", name=yaml_name, size=MAX_QUIZ_BYTES // 1024)
        )
    try:
        text = decode(txt_bytes, txt_name[:80])
        yaml_text = decode(yaml_bytes, yaml_name[:80])
    except IntakeError as exc:
        raise UploadRefused(str(exc)) from None
    for name, content in ((yaml_name, yaml_text), (txt_name, text)):
        if BIDI_OVERRIDES.search(content):
            raise UploadRefused(
                _(
                    "%(name)s holds right-to-left override characters, which make text read "
                    "other than it is stored; remove them and upload it again.",
                    name=name[:80],
                )
            )
    source = Article.from_text(txt_name, text)
    try:
        load_quiz_source(yaml_text.encode("utf-8"), lambda _name: source, name=yaml_name[:80])
    except QuizFileError as exc:
        lines = "\n".join(str(e) for e in exc.errors[:20])
        raise UploadRefused(
            _("The quiz has problems; fix them and upload it again:") + "\n" + lines
        ) from None
    located, _problems = read_yaml(yaml_text.encode("utf-8"))
    assert located is not None and isinstance(located.data, dict)  # the loader accepted it
    return Upload({**located.data, "article": txt_name}, source.text)


class ImportForm(FlaskForm):
    upload = FileField(_l("An exported quiz (.zip), or its .yaml file"))
    article = FileField(_l("The article (.txt, UTF-8), when you upload a .yaml"))


def _files(form: ImportForm) -> tuple[tuple[str, bytes], tuple[str, bytes]]:
    first, second = form.upload.data, form.article.data
    if not first or not getattr(first, "filename", ""):
        raise UploadRefused(_("Choose the quiz file to import."))
    name = PurePosixPath(str(first.filename).replace("\\", "/")).name[:80]
    data = first.read(MAX_QUIZ_BYTES + MAX_BYTES + 1)
    if name.lower().endswith(".zip"):
        return unzip(data)
    if not name.lower().endswith((".yaml", ".yml")):
        raise UploadRefused(_("%(name)s is neither a .zip nor a .yaml file.", name=name))
    if not second or not getattr(second, "filename", ""):
        raise UploadRefused(_("Choose the article's .txt file too: a .yaml needs its article."))
    txt = PurePosixPath(str(second.filename).replace("\\", "/")).name[:80]
    if not txt.lower().endswith(".txt"):
        raise UploadRefused(
            _("%(name)s is not a .txt file; save the article as plain text.", name=txt)
        )
    return (name, data), (txt, second.read(MAX_BYTES + 1))


@bp.route("/import", methods=["GET", "POST"])
def import_quiz() -> str | Response | tuple[str, int]:
    """Upload an exported quiz (or a .yaml and its .txt): a new draft of the teacher's."""
    form = ImportForm()
    if not form.validate_on_submit():
        return render_template("editor/import.html", form=form, problem=None)
    try:
        upload = read_upload(*_files(form))
        # One's own quiz comes back as a draft of it (a new version when published); any
        # other id, the bank's or another teacher's, is replaced by a fresh one.
        quiz_id = str(upload.document.get("id", ""))
        rights = rights_of(request_session(), current_user.id, quiz_id)
        mine = quiz_id if rights is not None and rights.edit else ""
        draft_id = create_draft(
            get_db(), current_user.id, upload.article, document=upload.document, of_own=mine
        )
    except (UploadRefused, WriteError) as exc:
        return render_template("editor/import.html", form=form, problem=say(exc)), 400
    flash(
        _("Imported as a new draft of your quiz %(id)s: publish it to make a new version.", id=mine)
        if mine
        else _("Imported as a new draft under a new id: check it, then publish it."),
        "success",
    )
    return redirect(url_for("editor.edit_draft", draft_id=draft_id), 303)


def refused_as_too_large() -> tuple[str, int]:
    """An upload past the site's body limit: the import form again, saying what fits."""
    limit = current_app.config["MAX_CONTENT_LENGTH"] // 1024
    problem = _(
        "The upload is larger than %(limit)s KB. An exported quiz is far smaller: a quiz file "
        "holds at most %(quiz)s KB and its article at most %(article)s KB.",
        limit=limit, quiz=MAX_QUIZ_BYTES // 1024, article=MAX_BYTES // 1024,
    )  # fmt: skip
    return render_template(
        "editor/import.html", form=ImportForm(formdata=None), problem=problem
    ), 413
