"""A new quiz from an article: paste it or upload a .txt, check its language and direction,
and read the assistant's suggestions over it (skill, reason, confidence)."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import SelectChoice, SelectField, TextAreaField
from wtforms.validators import Optional

from quizapp.core.article import Article, ArticleError
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.i18n.refusals import say
from quizapp.web.editor import bp
from quizapp.web.editor.intake import MAX_BYTES, Intake, IntakeError, decode, take_in
from quizapp.web.preview import COLOURS, marked_spans, segments

LANGUAGES = {"": _l("Detect from the text"), "en": _l("English"), "es": _l("Spanish"),
             "fr": _l("French"), "de": _l("German"), "pt": _l("Portuguese"),
             "it": _l("Italian"), "ru": _l("Russian"), "ar": _l("Arabic"), "fa": _l("Persian"),
             "he": _l("Hebrew"), "zh": _l("Chinese")}  # fmt: skip
DIRECTIONS = {"": _l("Detect from the language"), "ltr": _l("Left to right"),
              "rtl": _l("Right to left")}  # fmt: skip


class ArticleForm(FlaskForm):
    text = TextAreaField(
        _l("The article"), validators=[Optional()],
        description=_l("The headline on the first line, then the paragraphs."),
    )  # fmt: skip
    upload = FileField(_l("Or upload a .txt file (UTF-8)"))
    language = SelectField(
        _l("Language"), default="", choices=[SelectChoice(k, v) for k, v in LANGUAGES.items()]
    )
    direction = SelectField(
        _l("Direction"), default="", choices=[SelectChoice(k, v) for k, v in DIRECTIONS.items()]
    )


def _intake(form: ArticleForm) -> Intake | None:
    """The article of a valid form, or None with the reason on the field it concerns."""
    upload = form.upload.data
    text = form.text.data or ""
    try:
        if upload and getattr(upload, "filename", ""):
            name = str(upload.filename)[:80]
            if not name.lower().endswith(".txt"):
                raise IntakeError(
                    _("%(name)s is not a .txt file; save the article as plain text.", name=name)
                )
            text = decode(upload.read(MAX_BYTES + 1), name)
        return take_in(text, form.language.data or "", form.direction.data or "")
    except IntakeError as exc:
        target = form.upload if upload and getattr(upload, "filename", "") else form.text
        target.errors = [str(exc)]
        return None


@bp.route("/new", methods=["GET", "POST"])
def new_quiz() -> tuple[str, int] | str:
    """Take an article (pasted or uploaded) and show the assistant's suggestions over it."""
    form = ArticleForm()
    if not form.validate_on_submit():
        return render_template("editor/new.html", form=form, intake=None)
    intake = _intake(form)
    if intake is None:
        return render_template("editor/new.html", form=form, intake=None), 400
    try:
        article = Article.from_text("article.txt", intake.text)
    except ArticleError as exc:
        form.text.errors = [say(exc)]
        return render_template("editor/new.html", form=form, intake=None), 400
    form.text.data = intake.text
    # The article is the teacher's text in its own language, not the interface's.
    form.text.render_kw = {"lang": intake.language, "dir": intake.direction}
    form.language.data = intake.language if intake.language in LANGUAGES else ""
    form.direction.data = intake.direction
    spans = marked_spans(None, article, intake.language)
    legend = [(s, COLOURS[s.id]) for s in BUILTIN_SKILLS.values()]
    return render_template(
        "editor/new.html", form=form, intake=intake, spans=spans, legend=legend,
        blocks=segments(article, spans),
    )  # fmt: skip


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_exc: RequestEntityTooLarge) -> tuple[str, int]:
    """A body past the site's limit: the form again, saying what fits."""
    form = ArticleForm(formdata=None)
    form.text.errors = [
        _(
            "The article is too large; the limit is %(size)s KB of text. Paste only "
            "the article itself, without comments or page menus.",
            size=MAX_BYTES // 1024,
        )
    ]
    return render_template("editor/new.html", form=form, intake=None), 413
