"""``choice``: an authored multiple-choice question, single or multiple answer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quizapp.core.errors import ResponseError
from quizapp.core.fields import Fields
from quizapp.core.questions import register
from quizapp.core.questions.base import JSON, Grade, Question, QuizContext
from quizapp.core.texts import M_

KEYS = {"id", "type", "prompt", "points", "options", "multiple"}
OPTION_KEYS = {"id", "text", "correct", "feedback"}


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool
    feedback: str = ""


@register
@dataclass(frozen=True)
class ChoiceQuestion(Question):
    """Single answer: all or nothing. Multiple: (right options ticked - wrong options
    ticked) / right options, never below 0: each wrong tick undoes one right one. With
    fewer wrong options than right, a wrong tick costs 1 / wrong options instead, so
    ticking every box always scores 0."""

    type_id = "choice"
    template = "questions/choice.html"
    script = None

    options: tuple[Option, ...]
    multiple: bool

    @classmethod
    def load(cls, fields: Fields, ctx: QuizContext, question_id: str) -> ChoiceQuestion | None:
        fields.check_keys(KEYS, M_("a choice question"))
        prompt, points = cls.common(fields)
        options: list[Option] = []
        listing = fields.child("options")
        for i, raw in fields.items("options", required=True):
            of = listing.mapping(i, raw, "options")
            if of is None:
                continue
            of.check_keys(OPTION_KEYS, M_("an option"))
            oid = of.ident("id", default=f"o{i + 1}")
            if any(o.id == oid for o in options):
                of.error("id", M_("two options have the id '%(id)s'", id=oid))
            text = of.text("text", required=True, limit=500)
            options.append(Option(oid, text, of.flag("correct", False), of.text("feedback")))
        n_right = sum(o.correct for o in options)
        multiple = fields.flag("multiple", n_right > 1)
        if len(options) < 2:
            fields.error("options", M_("a choice question needs at least two options"))
        elif n_right == 0:
            fields.error("options", M_("mark at least one option 'correct: true'"))
        elif n_right > 1 and not multiple:
            message = M_("several options are correct").with_fix(M_("set 'multiple: true'"))
            fields.error("multiple", message)
        else:
            return cls(question_id, prompt, points, tuple(options), multiple)
        return None

    def public_view(self) -> JSON:
        return {
            **self.base_view(),
            "multiple": self.multiple,
            "options": [{"id": o.id, "text": o.text} for o in self.options],
        }

    def parse_response(self, raw: object) -> JSON:
        if not isinstance(raw, dict) or set(raw) - {"options"}:
            raise ResponseError('a choice answer is {"options": [option ids]}')
        chosen = raw.get("options", [])
        if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
            raise ResponseError("'options' must be a list of option ids")
        known = {o.id for o in self.options}
        for c in chosen:
            if c not in known:
                raise ResponseError(f"'{c}' is not one of this question's options")
        if not self.multiple and len(set(chosen)) > 1:
            raise ResponseError("this question takes one answer")
        return {"options": sorted(set(chosen))}

    def parse_form(self, fields: Mapping[str, Sequence[str]]) -> JSON:
        self.only(fields, "option")
        return self.parse_response({"options": list(fields.get("option") or [])})

    def empty_response(self) -> JSON:
        return {"options": []}

    def grade(self, response: JSON) -> Grade:
        chosen = set(response["options"])
        right = {o.id for o in self.options if o.correct}
        wrong = {o.id for o in self.options} - right
        if self.multiple:
            cost = 1 / min(len(right), len(wrong)) if wrong else 0.0
            score = max(0.0, len(chosen & right) / len(right) - len(chosen & wrong) * cost)
        else:
            score = 1.0 if chosen and chosen <= right else 0.0
        return Grade(
            self.id,
            score,
            self.points,
            details={"response": response, "answer": sorted(right)},
        )

    def answer_key(self) -> JSON:
        return {
            "options": [
                {"id": o.id, "text": o.text, "correct": o.correct, "feedback": o.feedback}
                for o in self.options
            ]
        }
