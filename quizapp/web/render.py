"""Turn core quizzes and results into what templates print: token runs and marks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from quizapp.core.article import Article
from quizapp.core.grading import QuizResult
from quizapp.core.model import Quiz
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.scoring import (
    ARGUABLE_FLAGGED,
    ARGUABLE_LEFT,
    AVOIDED,
    FALSE_ALARM,
    FOUND,
    MISSED,
    OTHER_SKILL,
    PARTLY,
    SpanOutcome,
)
from quizapp.i18n import notes_language
from quizapp.web.notes import Line, note_lines

# What a person sees for each outcome: an icon and a word, never colour alone.
# Translators: an outcome of a highlighted passage in the feedback, on a badge beside it.
STATUS = {
    FOUND: ("✓", _l("found")),
    PARTLY: ("◐", _l("partly found")),
    MISSED: ("✗", _l("missed")),
    FALSE_ALARM: ("!", _l("false alarm")),
    OTHER_SKILL: ("↷", _l("another kind of problem")),
    AVOIDED: ("✓", _l("rightly left alone")),
    # Debatable: flagging and leaving cost nothing, and the note says why.
    ARGUABLE_FLAGGED: ("≈", _l("arguable, flagged: no cost")),
    ARGUABLE_LEFT: ("≈", _l("arguable, left alone: no cost")),
}
NOT_IN_KEY = _l("not in the answer key")
PRIORITY = [FALSE_ALARM, OTHER_SKILL, MISSED, PARTLY, FOUND, ARGUABLE_FLAGGED, ARGUABLE_LEFT,
            AVOIDED]  # fmt: skip


@dataclass
class Piece:
    """A stretch of text: a token (with its index) or the text between tokens."""

    text: str
    index: int | None = None
    marks: list[str] = field(default_factory=list)
    badge: list[tuple[int, str, str, str]] = field(default_factory=list)
    picked: bool = False  # selected by the learner in some highlight question


def article_blocks(article: Article) -> list[tuple[int, list[Piece]]]:
    """Each block (0 = headline) as pieces: tokens and the plain text around them."""
    out: list[tuple[int, list[Piece]]] = []
    tokens = article.tokens
    t = 0
    for block in article.blocks:
        pieces: list[Piece] = []
        pos = block.start
        while t < len(tokens) and tokens[t].start < block.end:
            token = tokens[t]
            if token.start > pos:
                pieces.append(Piece(article.text[pos : token.start]))
            pieces.append(Piece(token.text, token.index))
            pos = token.end
            t += 1
        if pos < block.end:
            pieces.append(Piece(article.text[pos : block.end]))
        out.append((block.number, pieces))
    return out


@dataclass
class Note:
    """One numbered explanation beside the article in the feedback."""

    number: int
    question_id: str
    outcome: SpanOutcome
    quote: str
    icon: str
    label: str
    block: int
    lines: tuple[Line, ...] = ()


def picked_tokens(question: HighlightQuestion, response: object) -> frozenset[int]:
    """Every token a highlight answer selects, whatever its labels."""
    if not isinstance(response, dict):
        return frozenset()
    return frozenset(i for toks in question.selection(response).values() for i in toks)


def feedback_marks(
    quiz: Quiz, result: QuizResult, teacher: bool = False
) -> tuple[list[tuple[int, list[Piece]]], list[Note]]:
    """The article with every highlight outcome marked and numbered, and the notes
    (``Note.block`` says which paragraph each belongs beside), each saying what the learner
    picked (``teacher``: in the third person, for their teacher). Labels and notes are in
    the quiz's language where the installation speaks it (``notes_language``)."""
    with force_locale(notes_language(quiz.language)):
        return _marks(quiz, result, teacher)


def _marks(
    quiz: Quiz, result: QuizResult, teacher: bool
) -> tuple[list[tuple[int, list[Piece]]], list[Note]]:
    blocks = article_blocks(quiz.article)
    by_index = {p.index: p for _, pieces in blocks for p in pieces if p.index is not None}
    notes: list[Note] = []
    questions = {q.id: q for q in quiz.questions}
    flagged = {
        o.annotation_id
        for g in result.grades
        for o in g.outcomes
        if o.status in (FALSE_ALARM, OTHER_SKILL) and o.annotation_id
    }
    seen: set[str] = set()
    marked: list[tuple[str, SpanOutcome]] = []
    picked: dict[str, frozenset[int]] = {}
    for grade in result.grades:
        question = questions.get(grade.question_id)
        if not isinstance(question, HighlightQuestion):
            continue
        picked[grade.question_id] = picked_tokens(question, grade.details.get("response"))
        for outcome in grade.outcomes:
            if not outcome.tokens:
                continue
            # Every spot question scores the same decoys: say "left alone" once, and not
            # at all if another question flagged it.
            if outcome.status == AVOIDED:
                if outcome.annotation_id in flagged or outcome.annotation_id in seen:
                    continue
                seen.add(outcome.annotation_id)
            marked.append((grade.question_id, outcome))
    # Numbered in reading order, by each mark's first word (question order among marks that
    # start on the same word), so the numbers run on down the article.
    marked.sort(key=lambda m: m[1].tokens[0])
    skills = {s.id: s for s in quiz.skills}
    for number, (question_id, outcome) in enumerate(marked, 1):
        icon, word = STATUS[outcome.status]
        label = str(word)
        if outcome.status == FALSE_ALARM and not outcome.annotation_id:
            # Not a decoy: the key says nothing of these words, which may still be a real find.
            label = str(NOT_IN_KEY)
        block = quiz.article.tokens[outcome.tokens[0]].block
        quote = _quote(quiz.article, outcome.tokens)
        question = questions[question_id]
        assert isinstance(question, HighlightQuestion)
        # A labelled selection is hinted at by its labels, an unlabelled one by the question.
        asked = [skills[lb] for lb in outcome.labels if lb in skills] or list(question.skills)
        lines = note_lines(
            outcome, picked[question_id], quiz.article, skills, asked, quiz.language, teacher
        )
        notes.append(Note(number, question_id, outcome, quote, icon, label, block, lines))
        by_index[outcome.tokens[0]].badge.append((number, icon, label, outcome.status))
        for i in outcome.tokens:
            by_index[i].marks.append(outcome.status)
    for i in frozenset().union(*picked.values()):
        if i in by_index:
            by_index[i].picked = True
    for piece in by_index.values():
        if piece.marks:
            piece.marks = [min(piece.marks, key=PRIORITY.index)]
    return blocks, notes


def _quote(article: Article, tokens: Sequence[int]) -> str:
    first, last = article.tokens[tokens[0]], article.tokens[tokens[-1]]
    return article.text[first.start : last.end]


_ARTICLES: dict[str, Markup] = {}


def article_html(quiz: Quiz) -> Markup:
    """The article as selectable tokens: the same for every student, so made once a version
    (hundreds of spans a page made the quiz page cost as much as seven static files)."""
    html = _ARTICLES.get(quiz.version)
    if html is None:
        if len(_ARTICLES) >= 128:
            _ARTICLES.clear()
        # A macro of an autoescaping template returns Markup, escaped as it was built.
        macro = current_app.jinja_env.get_template("_article.html").module.render  # type: ignore[attr-defined]
        html = macro(article_blocks(quiz.article))
        assert isinstance(html, Markup)
        _ARTICLES[quiz.version] = html
    return html


def scope_attr(ranges: Iterable[range]) -> str:
    return ",".join(f"{r.start}-{r.stop}" for r in ranges)
