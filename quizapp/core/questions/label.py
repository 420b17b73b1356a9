"""``label``: highlight spans and tag each with the skill it shows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from quizapp.core.errors import ResponseError
from quizapp.core.fields import Fields
from quizapp.core.questions import register
from quizapp.core.questions.base import JSON, Grade, QuizContext
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.texts import M_, N_, translate

KEYS = {"id", "type", "prompt", "points", "skills", "paragraphs", "empty"}
DEFAULT_PROMPT = N_("Highlight each problem you find and label it with the kind of problem it is.")


@register
@dataclass(frozen=True)
class LabelQuestion(HighlightQuestion):
    """Find the spans and name their skill; a right span with the wrong label earns half."""

    type_id = "label"
    template = "questions/label.html"
    script = "js/highlight.js"

    @classmethod
    def load(cls, fields: Fields, ctx: QuizContext, question_id: str) -> LabelQuestion | None:
        fields.check_keys(KEYS, M_("a label question"))
        skill_ids, paragraphs = cls.load_scope(fields, ctx)
        if len(skill_ids) < 2:
            message = M_("a label question needs at least two skills to choose from")
            fields.error("skills", message)
        prompt, points = cls.common(fields, translate(ctx.language, DEFAULT_PROMPT))
        empty = fields.flag("empty", False)
        given = points if fields.has("points") else None
        q, problems = cls.scoped(ctx, question_id, prompt, given, skill_ids, paragraphs, empty)
        for p in problems:
            fields.error(None, p)
        return None if problems or len(skill_ids) < 2 else q

    def parse_response(self, raw: object) -> JSON:
        if not isinstance(raw, dict) or set(raw) - {"labels"}:
            raise ResponseError('a label answer is {"labels": {skill: [token numbers]}}')
        labels = raw.get("labels", {})
        if not isinstance(labels, dict):
            raise ResponseError("'labels' must map each skill to a list of token numbers")
        known = {s.id for s in self.skills}
        out: dict[str, list[int]] = {}
        for skill, tokens in labels.items():
            if skill not in known:
                raise ResponseError(f"'{skill}' is not one of this question's labels")
            parsed = self.parse_tokens(tokens, f"labels.{skill}")
            if parsed:
                out[skill] = parsed
        return {"labels": out}

    def parse_form(self, fields: Mapping[str, Sequence[str]]) -> JSON:
        labels = {}
        for key in fields:
            if not key.startswith("label."):
                raise ResponseError(f"unexpected field '{key[:40]}'")
            skill = key.removeprefix("label.")
            labels[skill] = self.token_list(self.one(fields, key) or "", f"labels.{skill}")
        return self.parse_response({"labels": labels})

    def empty_response(self) -> JSON:
        return {"labels": {}}

    def select_all(self, tokens: Sequence[int]) -> JSON:
        # A gamer labels everything with every label: the strongest blind strategy.
        return {"labels": {s.id: tokens for s in self.skills}}

    def selection(self, response: JSON) -> Mapping[str, Iterable[int]]:
        labels: Mapping[str, Iterable[int]] = response["labels"]
        return labels

    def grade(self, response: JSON) -> Grade:
        return self.to_grade(self.score(self.selection(response)), response)
