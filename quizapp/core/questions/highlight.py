"""What highlight questions (spot, label) share: a scope of tokens, targets, gaming checks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, pairwise
from typing import Any

from quizapp.core.errors import ResponseError
from quizapp.core.fields import Fields, IdKind
from quizapp.core.keys import complete
from quizapp.core.model import Annotation
from quizapp.core.questions.base import JSON, Grade, Question, QuizContext
from quizapp.core.scoring import (
    HighlightScore,
    SpanIndex,
    highlight_score_values,
    score_highlight,
    span_index,
)
from quizapp.core.skills import Skill
from quizapp.core.texts import M_, P_, Text

GAMING_LIMIT = 0.2


def default_points(targets: int) -> float:
    """A highlight question's points when the author gives none: one a problem to find
    (one for a question with none), so a lone "TK" weighs less than nine loaded phrases."""
    return float(max(1, min(100, targets)))


def span_view(a: Annotation, ctx_text: str | None = None) -> JSON:
    core = a.core_tokens
    return {
        "id": a.id,
        "skill": a.skill,
        "tokens": [a.tokens.start, a.tokens.stop],
        "core": [core.start, core.stop],
        "explanation": a.explanation,
        "fix": a.fix,
        "decoy": a.decoy,
        "arguable": a.arguable,
    }


def tokens_of(scope: tuple[range, ...]) -> range | frozenset[int]:
    """The tokens of a scope's runs: one range when they follow on from each other (a
    question over the whole article, or over paragraphs next to each other)."""
    if scope and all(a.stop == b.start for a, b in pairwise(scope)):
        return range(scope[0].start, scope[-1].stop)
    return frozenset(chain.from_iterable(scope))


_BLIND_NAMES = {
    "selecting the whole text": M_("selecting the whole text"),
    "selecting every other word": M_("selecting every other word"),
    "selecting every other word from the second": M_("selecting every other word from the second"),
}


def blind_name(what: str) -> Text:
    """A blind selection's name (``worst_blind_selection``) as a message."""
    return _BLIND_NAMES[what]


@dataclass(frozen=True)
class HighlightQuestion(Question):
    """A question answered by selecting tokens of the article within a scope.

    ``targets`` are the clear problems of its skills in the scope, ``arguable`` the arguable
    ones (neither found nor missed), ``others`` every other span there (decoys, problems of
    other skills). An ``empty`` question has no target, on purpose: left alone it scores 1.
    """

    skills: tuple[Skill, ...]
    paragraphs: tuple[int, ...]
    scope: tuple[range, ...]
    targets: tuple[Annotation, ...]
    others: tuple[Annotation, ...]
    penalty: float
    tolerance: int
    arguable: tuple[Annotation, ...] = ()
    empty: bool = False

    @classmethod
    def scoped(
        cls,
        ctx: QuizContext,
        question_id: str,
        prompt: str,
        points: float | None,
        skill_ids: Iterable[str],
        paragraphs: Iterable[int] = (),
        empty: bool = False,
    ) -> tuple[Any, list[Text]]:
        """Build the question over ``paragraphs`` (all when empty); also return problems.
        ``points`` None: ``default_points`` of its targets."""
        skills = tuple(ctx.skills[s] for s in skill_ids)
        wanted = {s.id for s in skills}
        numbers = tuple(paragraphs)
        blocks = numbers or tuple(b.number for b in ctx.article.blocks)
        scope = tuple(r for r in (ctx.article.block_tokens(n) for n in blocks) if r)
        in_scope = tokens_of(scope)
        targets: list[Annotation] = []
        arguable: list[Annotation] = []
        others: list[Annotation] = []
        problems: list[Text] = []
        for a in (*ctx.annotations.values(), *ctx.decoys.values()):
            # Counted, not a.token_set & in_scope: that caches a set on every span loaded.
            inside = sum(map(in_scope.__contains__, a.tokens))
            if not inside:
                continue
            if inside != len(a.tokens):
                problems.append(
                    M_("span '%(id)s' crosses the edge of the question's paragraphs", id=a.id)
                )
                continue
            if a.skill in wanted and a.arguable:  # a problem, or a decoy, open to debate
                arguable.append(complete(ctx.article, a))
            elif a.skill in wanted and not a.decoy:
                targets.append(complete(ctx.article, a))
            else:
                others.append(a)
        names = " or ".join(s.name.lower() for s in skills)
        listed = ", ".join(map(str, numbers))
        where = (
            P_("paragraph %(list)s", "paragraphs %(list)s", len(numbers), list=listed)
            if numbers
            else M_("the article")
        )
        if not targets and not empty:
            # (A scope meant to hold none says 'empty: true'; see docs/authoring.md.)
            message = M_(
                "question '%(id)s': there is no %(names)s in %(where)s",
                id=question_id, names=names, where=where,
            )  # fmt: skip
            fix = M_("choose paragraphs that hold one, or another skill")
            problems.append(message.with_fix(fix))
        elif targets and empty:
            message = P_(
                "question '%(id)s' says 'empty: true', but %(where)s holds %(num)d %(names)s "
                "span(s) ('%(first)s')",
                "question '%(id)s' says 'empty: true', but %(where)s holds %(num)d %(names)s "
                "span(s) ('%(first)s')",
                len(targets), id=question_id, where=where, num=len(targets), names=names,
                first=targets[0].id,
            )  # fmt: skip
            fix = M_("remove 'empty' or choose other paragraphs")
            problems.append(message.with_fix(fix))
        q = cls(
            question_id,
            prompt,
            default_points(len(targets)) if points is None else points,
            skills,
            numbers,
            scope,
            tuple(targets),
            tuple(others),
            ctx.settings.false_alarm_penalty,
            ctx.settings.edge_tolerance,
            tuple(arguable),
            empty,
        )
        return q, problems

    @classmethod
    def load_scope(cls, fields: Fields, ctx: QuizContext) -> tuple[list[str], list[int]]:
        """The ``skills`` and ``paragraphs`` keys every highlight question reads."""
        skill_ids = fields.list_of_ids("skills", ctx.skills.__contains__, IdKind.SKILL) or list(
            ctx.skills
        )
        last = len(ctx.article.blocks) - 1
        paragraphs: list[int] = []
        for i, n in fields.items("paragraphs"):
            if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= last:
                message = M_(
                    "paragraph numbers run from 0 (the headline) to %(last)d, not %(value)s",
                    last=last, value=repr(n),
                )  # fmt: skip
                fields.child("paragraphs").error(i, message)
            else:
                paragraphs.append(n)
        return skill_ids, sorted(set(paragraphs))

    @cached_property  # every answer is checked against it
    def scope_tokens(self) -> frozenset[int]:
        return frozenset().union(*(set(r) for r in self.scope))

    def parse_tokens(self, raw: object, what: str = "tokens") -> list[int]:
        if not isinstance(raw, list):
            raise ResponseError(f"'{what}' must be a list of token numbers")
        allowed = self.scope_tokens
        if len(raw) > len(allowed):
            raise ResponseError(f"'{what}' lists more tokens than the question has")
        out = set()
        for i in raw:
            if isinstance(i, bool) or not isinstance(i, int):
                raise ResponseError(f"'{what}' must hold whole numbers, not {type(i).__name__}")
            if i not in allowed:
                raise ResponseError(f"token {i} is outside this question's text")
            out.add(i)
        return sorted(out)

    @cached_property
    def span_index(self) -> SpanIndex:
        """Made on the first answer graded (not at load: a bank is validated far more often
        than each of its questions is answered)."""
        return span_index(
            self.targets, self.others, [s.id for s in self.skills], self.tolerance, self.arguable
        )

    def score(self, selection: Mapping[str, Iterable[int]]) -> HighlightScore:
        return score_highlight(self.targets, selection, penalty=self.penalty, index=self.span_index)

    def score_values(self, selections: Iterable[Mapping[str, Iterable[int]]]) -> list[float]:
        """``self.score(s).score`` for each selection, without the outcomes nobody reads."""
        return highlight_score_values(
            self.targets,
            selections,
            others=self.others,
            penalty=self.penalty,
            tolerance=self.tolerance,
            arguable=self.arguable,
        )

    def selection(self, response: JSON) -> Mapping[str, Iterable[int]]:
        """The label -> tokens mapping a normalised response selects."""
        raise NotImplementedError

    def to_grade(self, result: HighlightScore, response: JSON) -> Grade:
        return Grade(
            self.id,
            result.score,
            self.points,
            result.outcomes,
            result.tallies,
            result.precision,
            result.recall,
            {"response": response},
        )

    def gaming_selections(self) -> dict[str, JSON]:
        """Responses that know nothing of the answer: all the text, every other word."""
        return {what: self.select_all(list(tokens)) for what, tokens in self._blind_tokens()}

    def _blind_tokens(self) -> list[tuple[str, Sequence[int]]]:
        """What each blind selection selects: ranges when the scope is one run of tokens
        (it is, unless its paragraphs skip some), which score without a set of every word."""
        # Not the cached scope_tokens: a set of every word, kept by each question of a
        # bank, that the garbage collector would walk in each full collection.
        tokens = tokens_of(self.scope)
        ordered = tokens if isinstance(tokens, range) else sorted(tokens)
        return [
            ("selecting the whole text", ordered),
            ("selecting every other word", ordered[::2]),
            ("selecting every other word from the second", ordered[1::2]),
        ]

    def select_all(self, tokens: Sequence[int]) -> JSON:
        raise NotImplementedError

    def worst_blind_selection(self) -> tuple[str, float]:
        """The best score a selection that knows nothing of the answer gets, and which."""
        blind = self._blind_tokens()
        values = self.score_values(self.selection(self.select_all(t)) for _, t in blind)
        scores = {what: score for (what, _), score in zip(blind, values, strict=True)}
        what = max(scores, key=lambda k: scores[k])
        return what, scores[what]

    def problems(self) -> list[Text]:
        what, score = self.worst_blind_selection()
        if score <= GAMING_LIMIT:
            return []
        params: dict[str, str | float | Text] = {
            "id": self.id, "what": blind_name(what), "score": score, "limit": str(GAMING_LIMIT),
        }  # fmt: skip
        if not self.targets:
            message = M_(
                "question '%(id)s': %(what)s would score %(score).2f (the limit is %(limit)s): "
                "a question with nothing to find needs more words than this",
                **params,
            )
            return [message.with_fix(M_("widen its paragraphs"))]
        message = M_(
            "question '%(id)s': %(what)s would score %(score).2f (the limit is %(limit)s): "
            "its spans cover too much of its text",
            **params,
        )
        fix = M_("quote only the words that show the problem, or widen its paragraphs")
        return [message.with_fix(fix)]

    def public_view(self) -> JSON:
        return {
            **self.base_view(),
            "skills": [
                {"id": s.id, "name": s.name, "definition": s.definition} for s in self.skills
            ],
            "paragraphs": list(self.paragraphs),
            "scope": [[r.start, r.stop] for r in self.scope],
        }

    def answer_key(self) -> JSON:
        return {
            "targets": [span_view(a) for a in self.targets],
            "arguable": [span_view(a) for a in self.arguable],
            "others": [span_view(a) for a in self.others],
        }
