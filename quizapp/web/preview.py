"""The author's preview: a quiz file's annotations, errors, questions and the assistant's
suggestions over its article, for teachers only (it shows the answer key)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from flask import Blueprint, abort, current_app, jsonify, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from quizapp.assistant.draft import snippet
from quizapp.assistant.suggest import suggest
from quizapp.assistant.text import Document
from quizapp.core.article import Article, ArticleError, read_article
from quizapp.core.errors import QuizError, QuizFileError
from quizapp.core.loader import load_quiz
from quizapp.core.model import Quiz
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.core.texts import told_in
from quizapp.web.auth import require_teacher
from quizapp.web.editor.said import told

bp = Blueprint("preview", __name__, url_prefix="/author/preview")
COLOURS = {s: n for n, s in enumerate(BUILTIN_SKILLS)}


@dataclass
class Span:
    """Something to mark in the article: an annotation, a decoy or a suggestion."""

    id: str
    kind: str  # annotation, decoy, suggestion
    skill: str
    skill_name: str
    colour: int
    start: int
    end: int
    quote: str
    explanation: str
    fix: str = ""
    confidence: float | None = None
    yaml: str = ""
    lang: str = ""  # the explanation's language, when it is not the quiz's


@dataclass
class Segment:
    text: str
    spans: list[Span] = field(default_factory=list)
    first: Span | None = None

    @property
    def primary(self) -> Span | None:
        return min(self.spans, key=lambda s: s.end - s.start) if self.spans else None


@bp.before_request
def teachers_only() -> Response | None:
    """Log in first; then teachers only, since the page shows every answer."""
    return require_teacher(_("Only teachers can preview quiz files: they show the answers."))


def _folder(key: str) -> Path:
    return Path(current_app.config[key])


def _quiz_path(name: str) -> Path:
    """The quiz file called ``name``, if it is one of the folder's files (no other path)."""
    files = {p.name: p for p in _folder("QUIZ_DIR").glob("*.yaml") if p.is_file()}
    if name not in files:
        abort(
            404,
            description=_("There is no quiz file '%(name)s' in the quiz folder.", name=name[:80]),
        )
    return files[name]


def _article_of(data: bytes) -> Article | None:
    """The article a broken quiz file names, if it can be read: to preview it anyway."""
    try:
        name = yaml.safe_load(data).get("article")
    except (yaml.YAMLError, AttributeError, UnicodeDecodeError):
        return None
    seeds = {p.name: p for p in _folder("SEEDS_DIR").glob("*.txt")}
    if not isinstance(name, str) or name not in seeds:
        return None
    try:
        return read_article(seeds[name])
    except ArticleError:
        return None


def _state(path: Path) -> dict[str, str | float]:
    data = path.read_bytes()
    digest = hashlib.sha256(data)
    mtime = path.stat().st_mtime
    article = _article_of(data)
    if article is not None:
        digest.update(article.text.encode("utf-8"))
        mtime = max(mtime, (_folder("SEEDS_DIR") / article.name).stat().st_mtime)
    return {"version": digest.hexdigest(), "mtime": mtime}


def marked_spans(quiz: Quiz | None, article: Article, language: str) -> list[Span]:
    """The quiz's annotations and decoys, then the assistant's suggestions they leave."""
    spans: list[Span] = []
    names = {s.id: s.name for s in quiz.skills} if quiz else {}
    colours = (
        {s.id: COLOURS.get(s.id, 4 + n % 2) for n, s in enumerate(quiz.skills)} if quiz else {}
    )
    for a in quiz.all_spans if quiz else ():
        spans.append(
            Span(a.id, "decoy" if a.decoy else "annotation", a.skill, names.get(a.skill, a.skill),
                 colours.get(a.skill, 4), a.start, a.end, article.text[a.start : a.end],
                 a.explanation, a.fix)
        )  # fmt: skip
    taken = {s.id for s in spans}
    told = told_in(str(get_locale() or "en"))  # the reasons in the teacher's language
    for n, s in enumerate(suggest(Document(article, language), decoys=False), 1):
        if any(
            o.start < s.end and s.start < o.end and (o.kind == "decoy" or o.skill == s.skill)
            for o in spans
            if o.kind != "suggestion"
        ):
            continue  # already annotated, or marked fine
        spans.append(
            Span(f"suggestion-{n}", "suggestion", s.skill, BUILTIN_SKILLS[s.skill].name,
                 COLOURS[s.skill], s.start, s.end, s.quote, s.told(told), confidence=s.confidence,
                 yaml=snippet(article.text, s, taken), lang=told)
        )  # fmt: skip
    return sorted(spans, key=lambda s: (s.start, s.kind != "annotation"))


def segments(article: Article, spans: list[Span]) -> list[tuple[int, list[Segment]]]:
    """Each block cut at every span edge, each piece knowing the spans over it."""
    out = []
    for block in article.blocks:
        mine = [s for s in spans if s.start < block.end and s.end > block.start]
        cuts = sorted({block.start, block.end, *(max(block.start, min(block.end, x))
                       for s in mine for x in (s.start, s.end))})  # fmt: skip
        pieces = []
        seen: set[str] = set()
        for a, b in zip(cuts, cuts[1:], strict=False):
            over = [s for s in mine if s.start <= a and b <= s.end]
            seg = Segment(article.text[a:b], over)
            primary = seg.primary
            if primary is not None and primary.id not in seen:
                seg.first = primary
                seen.add(primary.id)
            pieces.append(seg)
        out.append((block.number, pieces))
    return out


def _source(data: bytes, errors: tuple[QuizError, ...]) -> list[tuple[int, str, list[QuizError]]]:
    lines = data.decode("utf-8", errors="replace").splitlines() or [""]
    by_line: dict[int, list[QuizError]] = {}
    for e in errors:
        by_line.setdefault(min(max(e.line, 1), len(lines)), []).append(e)
    return [(n, text, by_line.get(n, [])) for n, text in enumerate(lines, 1)]


@bp.route("/")
def index() -> str:
    """The quiz files an author can preview."""
    files = sorted(p.name for p in _folder("QUIZ_DIR").glob("*.yaml") if p.is_file())
    return render_template("preview.html", files=files, name=None)


@bp.route("/<name>")
def show(name: str) -> str:
    """One quiz file: highlights by skill, errors at their line, questions, suggestions."""
    path = _quiz_path(name)
    data = path.read_bytes()
    quiz: Quiz | None = None
    errors: tuple[QuizError, ...] = ()
    try:
        quiz = load_quiz(path, _folder("SEEDS_DIR"), display_name=name)
    except QuizFileError as exc:
        errors = exc.errors
    article = quiz.article if quiz else _article_of(data)
    language = quiz.language if quiz else None
    spans = marked_spans(quiz, article, language or "") if article else []
    live = bool(current_app.debug or current_app.config.get("PREVIEW_LIVE_RELOAD"))
    skills = list(quiz.skills) if quiz else [s for s in BUILTIN_SKILLS.values()]
    return render_template(
        "preview.html",
        name=name,
        quiz=quiz,
        errors=errors,
        said=dict(zip(errors, told(errors), strict=True)),  # each in the reader's language
        source=_source(data, errors),
        article=article,
        blocks=segments(article, spans) if article else [],
        spans=spans,
        legend=[(s, COLOURS.get(s.id, 4 + n % 2)) for n, s in enumerate(skills)],
        state=_state(path),
        live=live,
    )


@bp.route("/<name>/state.json")
def state(name: str) -> Response:
    """The file's version (content hash, with its article's) and time, for live reload."""
    return jsonify(_state(_quiz_path(name)))
