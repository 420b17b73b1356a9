"""Turn suggestions into a draft quiz file that ``quizapp validate`` accepts as it stands.

Each quote is copied from the article and anchored the way authors anchor by hand (a
prefix or suffix when the words occur more than once, an occurrence as a last resort).
Each skill's spans are kept few enough that a blind selection cannot pass the built
question (the loader's 0.2 limit): the least confident are dropped, and the draft says so.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from quizapp.assistant.base import Suggestion
from quizapp.assistant.suggest import review_order
from quizapp.core.anchor import AnchorError, Selector, anchor, find_all
from quizapp.core.article import Article
from quizapp.core.errors import QuizFileError
from quizapp.core.fields import ID_PATTERN
from quizapp.core.loader import load_quiz_source
from quizapp.core.model import Annotation, Settings
from quizapp.core.questions.base import QuizContext
from quizapp.core.questions.highlight import GAMING_LIMIT
from quizapp.core.questions.spot import SpotQuestion
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.core.yamlread import MAX_QUIZ_BYTES

MAX_PER_SKILL = 60
MAX_DECOYS_PER_SKILL = 15
_PREFIX = {
    "placeholder": "placeholder",
    "unsupported-statistic": "statistic",
    "vague-attribution": "vague",
    "loaded-language": "loaded",
}


class DraftError(ValueError):
    """The article gives no draft (nothing found, or nothing that can be anchored)."""


@dataclass
class Draft:
    """A draft quiz file's text, what it holds, and what was left out and why."""

    text: str
    annotations: list[Suggestion]
    decoys: list[Suggestion]
    notes: list[str] = field(default_factory=list)


def quiz_id_for(name: str) -> str:
    """A valid quiz id made from a file name (``000_Town Budget.txt`` -> ``000-town-budget``)."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:64].strip("-")
    return slug or "draft"


def scalar(value: str) -> str:
    """A YAML double-quoted scalar, escaped as YAML (not JSON) requires."""
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=10**9).strip()


def selector_for(text: str, start: int, end: int) -> Selector:
    """The simplest selector that picks exactly [start, end): quote, then a prefix or a
    suffix of whole words from the same line, then an occurrence."""
    quote = text[start:end]
    starts = find_all(text, quote)
    candidates = [Selector(quote)]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) % (len(text) + 1) if "\n" in text[end:] else len(text)
    before = [m.start() for m in re.finditer(r"\S+\s*$|\S+\s+", text[line_start:start])]
    for n in range(1, min(len(before), 6) + 1):
        candidates.append(Selector(quote, prefix=text[line_start + before[-n] : start]))
    after = [m.end() for m in re.finditer(r"\s*\S+", text[end:line_end])]
    for n in range(min(len(after), 6)):
        candidates.append(Selector(quote, suffix=text[end : end + after[n]]))
    if 1 < len(starts) <= 50:  # past that, trying prefixes costs more than it is worth
        for c in candidates:
            try:
                if anchor(text, c) == (start, end):
                    return c
            except AnchorError:
                continue
    if len(starts) == 1:
        return candidates[0]
    return Selector(quote, occurrence=starts.index(start) + 1)


def _slug(quote: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", quote).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_))[:40].strip("-")


def _ids(items: Sequence[Suggestion], decoy: bool, taken: set[str]) -> list[str]:
    out = []
    for s in items:
        head = "decoy" if decoy else _PREFIX.get(s.skill, "span")
        base = (
            f"{head}-{_slug(s.quote)}".strip("-") if _slug(s.quote) else f"{head}-{len(taken) + 1}"
        )
        base = base[:60].strip("-")
        name, n = base, 2
        while name in taken or not ID_PATTERN.match(name):
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        out.append(name)
    return out


def _annotation(article: Article, s: Suggestion, n: int) -> Annotation:
    tokens = article_tokens(article, s.start, s.end)
    return Annotation(f"a{n}", s.skill, Selector(s.quote), s.start, s.end, tokens, s.reason)


def article_tokens(article: Article, start: int, end: int) -> range:
    ends = [t.end for t in article.tokens]
    first = bisect.bisect_right(ends, start)
    last = first
    while last < len(article.tokens) and article.tokens[last].start < end:
        last += 1
    return range(first, last)


def blind_ok(article: Article, skill: str, kept: Sequence[Suggestion]) -> bool:
    """Whether the built spot question on ``kept`` passes the loader's blind-selection limit."""
    spans = {f"a{n}": _annotation(article, s, n) for n, s in enumerate(kept)}
    # A blind selection scores about twice the share of words on or next to the spans:
    # far under the limit, the exact (slow on long articles) check is not needed.
    near = sum(len(a.tokens) + 2 for a in spans.values())
    if kept and near <= 0.05 * len(article.tokens):
        return True
    ctx = QuizContext(article, spans, {}, {skill: BUILTIN_SKILLS[skill]}, Settings())
    question, problems = SpotQuestion.scoped(ctx, "spot", "", 3.0, [skill])
    return not problems and question.worst_blind_selection()[1] <= GAMING_LIMIT


def _fit(article: Article, skill: str, items: list[Suggestion]) -> list[Suggestion]:
    """The most confident prefix of ``items`` that passes the blind limit (binary search)."""
    ranked = sorted(items, key=lambda s: (-s.confidence, s.start))
    if blind_ok(article, skill, ranked):
        return ranked
    lo, hi = 0, len(ranked)  # ranked[:lo] passes (or is empty), ranked[:hi] fails
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if blind_ok(article, skill, ranked[:mid]):
            lo = mid
        else:
            hi = mid
    return ranked[:lo]


def _entry(key: str, skill: str, ident: str, s: Suggestion, text: str) -> list[str]:
    sel = selector_for(text, s.start, s.end)
    lines = [
        f"  # confidence {s.confidence:.2f}",
        f"  - id: {ident}",
        f"    {key}: {skill}",
        f"    quote: {scalar(sel.quote)}",
    ]
    if sel.prefix:
        lines.append(f"    prefix: {scalar(sel.prefix)}")
    if sel.suffix:
        lines.append(f"    suffix: {scalar(sel.suffix)}")
    if sel.occurrence:
        lines.append(f"    occurrence: {sel.occurrence}")
    lines.append(f"    explanation: {scalar(s.reason)}")
    return lines


def _render(
    article: Article,
    quiz_id: str,
    language: str,
    annotations: list[Suggestion],
    decoys: list[Suggestion],
    notes: list[str],
) -> str:
    skills = [s for s in BUILTIN_SKILLS if any(a.skill == s for a in annotations)]
    title = " ".join(article.headline.split())
    if len(title) > 200:
        title = title[:199].rsplit(" ", 1)[0] + "…"
    out = [
        "# yaml-language-server: $schema=../docs/quiz.schema.json",
        f"# A draft by `quizapp suggest` from {article.name}: every entry is a suggestion.",
        "# Read the article, keep what is right, delete the rest, rewrite each explanation to",
        "# the student and add a fix. Entries are sorted by skill, most confident first.",
        "# Decoys are passages that look like a problem but probably are not.",
        f"# Check it with: quizapp validate quizzes/{quiz_id}.yaml (the article in seeds/).",
        *(f"# {n}" for n in notes),
        # Quoted: an id of digits alone (2026), or one YAML reads as a date or a hex number
        # (2026-12-02, 0x1f), must stay the string the file is named after.
        f"id: {scalar(quiz_id)}",
        f"title: {scalar(title or quiz_id)}",
        "level: intermediate",
        f"article: {scalar(article.name)}",
        f"language: {language}",
        "public: false",
        f"skills: [{', '.join(skills)}]",
        "",
        "annotations:",
    ]
    taken: set[str] = set()
    for skill in skills:
        mine = [a for a in annotations if a.skill == skill]
        out.append(f"  # --- {skill} ---")
        for ident, s in zip(_ids(mine, False, taken), mine, strict=True):
            out.extend(_entry("skill", skill, ident, s, article.text))
    if decoys:
        out += ["", "decoys:"]
        for ident, s in zip(_ids(decoys, True, taken), decoys, strict=True):
            out.extend(_entry("looks_like", s.skill, ident, s, article.text))
    return "\n".join(out) + "\n"


def build_draft(
    article: Article, suggestions: Sequence[Suggestion], quiz_id: str, language: str = "en"
) -> Draft:
    """A draft quiz over ``article`` (whose ``name`` is the file in seeds/) that validates."""
    if not ID_PATTERN.match(quiz_id):
        raise DraftError(
            f"'{quiz_id}' is not a quiz id: use 1 to 64 lower-case letters, digits and dashes"
        )
    notes: list[str] = []
    problems = [s for s in suggestions if not s.probable_decoy and len(s.quote) <= 1000]
    annotations: list[Suggestion] = []
    for skill in BUILTIN_SKILLS:
        mine = [s for s in problems if s.skill == skill]
        if len(mine) > MAX_PER_SKILL:
            notes.append(
                f"Kept the {MAX_PER_SKILL} most confident of {len(mine)} {skill} suggestions."
            )
            mine = sorted(mine, key=lambda s: -s.confidence)[:MAX_PER_SKILL]
        kept = _fit(article, skill, mine) if mine else []
        if len(kept) < len(mine):
            notes.append(
                f"Dropped the {len(mine) - len(kept)} least confident {skill} suggestion(s) "
                f"so that a blind selection scores at most {GAMING_LIMIT} in the built question."
            )
        annotations.extend(kept)
    if not annotations:
        raise DraftError(
            f"{article.name}: the detectors found nothing to suggest; write the quiz by hand"
        )
    spans = {(a.start, a.end) for a in annotations}
    present = {a.skill for a in annotations}
    decoys: list[Suggestion] = []
    for skill in BUILTIN_SKILLS:
        mine = [
            s
            for s in suggestions
            if s.probable_decoy
            and s.skill == skill
            and skill in present
            and (s.start, s.end) not in spans
            and len(s.quote) <= 1000
        ][:MAX_DECOYS_PER_SKILL]
        decoys.extend(mine)
    annotations, decoys = review_order(annotations), review_order(decoys)
    text = _render(article, quiz_id, language, annotations, decoys, notes)
    while len(text.encode("utf-8")) > MAX_QUIZ_BYTES and (decoys or len(annotations) > 1):
        if decoys:
            decoys = decoys[: len(decoys) // 2]
        else:
            annotations = annotations[: max(1, len(annotations) * 3 // 4)]
        note = f"Shortened to stay under the {MAX_QUIZ_BYTES // 1024} KiB limit of a quiz file."
        if note not in notes:
            notes.append(note)
        text = _render(article, quiz_id, language, annotations, decoys, notes)
    check(text, article, quiz_id)
    return Draft(text, annotations, decoys, notes)


def check(text: str, article: Article, quiz_id: str) -> None:
    """Load the draft as the validator would; a failure is a bug, reported as a DraftError."""
    try:
        load_quiz_source(
            text.encode("utf-8"), lambda _name: article, name=f"{quiz_id}.yaml", stem=quiz_id
        )
    except QuizFileError as exc:
        raise DraftError(
            "the draft does not validate (please report this): "
            + "; ".join(str(e) for e in exc.errors[:3])
        ) from exc


def snippet(text: str, s: Suggestion, taken: set[str]) -> str:
    """One suggestion as a YAML list item to paste under ``annotations:`` (or ``decoys:``)."""
    (ident,) = _ids([s], s.probable_decoy, taken)
    key = "looks_like" if s.probable_decoy else "skill"
    return "\n".join(_entry(key, s.skill, ident, s, text)) + "\n"
