"""``classify``: for one phrase, choose which problem it has, or "nothing wrong"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quizapp.core.errors import ResponseError
from quizapp.core.fields import Fields, IdKind, did_you_mean
from quizapp.core.model import Annotation
from quizapp.core.questions import register
from quizapp.core.questions.base import JSON, Grade, Question, QuizContext
from quizapp.core.questions.highlight import span_view
from quizapp.core.scoring import (
    ARGUABLE_FLAGGED,
    ARGUABLE_LEFT,
    AVOIDED,
    FALSE_ALARM,
    FOUND,
    MISSED,
    SkillTally,
    SpanOutcome,
)
from quizapp.core.sentences import snippet_around
from quizapp.core.skills import NOTHING_WRONG, Skill
from quizapp.core.texts import M_, N_, translate

KEYS = {"id", "type", "prompt", "points", "span", "options"}
DEFAULT_PROMPT = N_("What, if anything, is wrong with the highlighted words?")
# Translators: the answer of a classify question when the highlighted words are fine.
NOTHING_NAME = N_("Nothing wrong")


def also_right(ctx: QuizContext, span: Annotation) -> tuple[str, ...]:
    """Answers right besides the span's own: for an arguable annotation "Nothing wrong", for
    an arguable decoy the skill it looks like, and for any span the skill of each arguable
    annotation over the very same words."""
    also = [span.skill if span.decoy else NOTHING_WRONG] if span.arguable else []
    for a in ctx.annotations.values():
        if a.arguable and (a.start, a.end) == (span.start, span.end) and a.skill != span.skill:
            also.append(a.skill)
    return tuple(dict.fromkeys(also))


@register
@dataclass(frozen=True)
class ClassifyQuestion(Question):
    """One span, one choice; a decoy's right answer is "nothing wrong". An arguable span
    accepts its skill and "nothing wrong", and the skill of an arguable annotation over the
    same words is right too (``also``). ``phrase_at`` is where the phrase starts in
    ``context``: the span's own place, whichever of several it is."""

    type_id = "classify"
    template = "questions/classify.html"
    script = None

    span: Annotation
    phrase: str
    context: str
    options: tuple[Skill, ...]
    phrase_at: int = 0
    also: tuple[str, ...] = ()
    nothing: str = NOTHING_NAME  # "Nothing wrong" in the quiz's language

    @classmethod
    def make(
        cls,
        ctx: QuizContext,
        question_id: str,
        span: Annotation,
        prompt: str = "",
        points: float = 1.0,
        options: tuple[Skill, ...] = (),
    ) -> ClassifyQuestion:
        article = ctx.article
        block = article.block_at(span.start)
        s, e = snippet_around(article.text, span.start, span.end, block.start, block.end)
        return cls(
            question_id,
            prompt or translate(ctx.language, DEFAULT_PROMPT),
            points,
            span,
            article.text[span.start : span.end],
            article.text[s:e],
            options or tuple(ctx.skills.values()),
            span.start - s,
            also_right(ctx, span),
            translate(ctx.language, NOTHING_NAME),
        )

    @classmethod
    def load(cls, fields: Fields, ctx: QuizContext, question_id: str) -> ClassifyQuestion | None:
        fields.check_keys(KEYS, M_("a classify question"))
        prompt, points = cls.common(fields, translate(ctx.language, DEFAULT_PROMPT))
        span_id = fields.text("span", required=True)
        span = ctx.span(span_id) if span_id else None
        if span_id and span is None:
            known = [*ctx.annotations, *ctx.decoys]
            hint = did_you_mean(span_id, known)
            message = M_("no annotation or decoy has the id '%(id)s'", id=span_id)
            fields.error("span", message.with_fix(hint))
        option_ids = fields.list_of_ids("options", ctx.skills.__contains__, IdKind.SKILL)
        if span and option_ids and not span.decoy and span.skill not in option_ids:
            message = M_("the options must include the right answer '%(skill)s'", skill=span.skill)
            fields.error("options", message)
            return None
        if span is None:
            return None
        options = tuple(ctx.skills[s] for s in option_ids)
        return cls.make(ctx, question_id, span, prompt, points, options)

    @property
    def answer(self) -> str:
        return NOTHING_WRONG if self.span.decoy else self.span.skill

    def public_view(self) -> JSON:
        return {
            **self.base_view(),
            "phrase": self.phrase,
            "context": self.context,
            "phrase_at": [self.phrase_at, self.phrase_at + len(self.phrase)],
            "tokens": [self.span.tokens.start, self.span.tokens.stop],
            "options": [{"id": s.id, "name": s.name} for s in self.options]
            + [{"id": NOTHING_WRONG, "name": self.nothing}],
        }

    def parse_response(self, raw: object) -> JSON:
        if not isinstance(raw, dict) or set(raw) - {"choice"}:
            raise ResponseError('a classify answer is {"choice": option id}')
        choice = raw.get("choice")
        if choice is None:
            return self.empty_response()
        valid = {s.id for s in self.options} | {NOTHING_WRONG}
        if not isinstance(choice, str) or choice not in valid:
            raise ResponseError(f"'{choice}' is not one of this question's options")
        return {"choice": choice}

    def parse_form(self, fields: Mapping[str, Sequence[str]]) -> JSON:
        self.only(fields, "choice")
        return self.parse_response({"choice": self.one(fields, "choice")})

    def empty_response(self) -> JSON:
        return {"choice": None}

    @property
    def answers(self) -> tuple[str, ...]:
        """Every right choice, the span's own first."""
        return (self.answer, *self.also)

    def grade(self, response: JSON) -> Grade:
        choice = response["choice"]
        right = choice in self.answers
        tallies: dict[str, SkillTally] = {}
        if not self.span.decoy and not self.span.arguable:
            tallies[self.answer] = SkillTally(expected=1, found=1 if right else 0)
        if choice and choice != NOTHING_WRONG:
            tallies[choice] = tallies.get(choice, SkillTally()) + SkillTally(
                flagged=1, correct=1 if right else 0
            )
        if choice is None:
            status = MISSED  # no answer: neither a find nor a false alarm
        elif self.span.arguable and right:
            status = ARGUABLE_LEFT if choice == NOTHING_WRONG else ARGUABLE_FLAGGED
        elif self.span.decoy:
            status = AVOIDED if right else FALSE_ALARM
        else:
            status = FOUND if right else MISSED
        a = self.span
        outcome = SpanOutcome(
            status,
            tuple(a.tokens),
            a.id,
            a.skill,
            float(right),
            a.explanation,
            a.fix,
            (choice,) if choice else (),
        )
        return Grade(
            self.id,
            float(right),
            self.points,
            (outcome,),
            tallies,
            details={"response": response, "answer": self.answer, "answers": list(self.answers)},
        )

    def answer_key(self) -> JSON:
        return {"answer": self.answer, "answers": list(self.answers), "span": span_view(self.span)}
