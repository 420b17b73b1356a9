"""``spot``: highlight every span of the asked skill(s) in the article or some paragraphs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from quizapp.core.errors import ResponseError
from quizapp.core.fields import Fields
from quizapp.core.questions import register
from quizapp.core.questions.base import JSON, Grade, QuizContext
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.scoring import ANY
from quizapp.core.skills import Skill
from quizapp.core.texts import M_, N_, list_separator, lower_first, translate

KEYS = {"id", "type", "prompt", "points", "skills", "paragraphs", "empty"}


def default_prompt(skills: list[Skill], language: str = "en") -> str:
    """The built prompt, in the quiz's language (the skills' texts already are)."""
    if len(skills) == 1:
        s = skills[0]
        # Translators: a built question; "one" is a skill's countable name ("loaded word or
        # phrase"), "definition" its definition.
        message = N_("Highlight every %(one)s: %(definition)s")
        return translate(language, message, one=s.one, definition=lower_first(s.definition))
    names = list_separator(language).join(lower_first(s.name) for s in skills)
    message = N_("Highlight every passage with one of these problems: %(names)s.")
    return translate(language, message, names=names)


@register
@dataclass(frozen=True)
class SpotQuestion(HighlightQuestion):
    """Find the spans: the selection carries no labels."""

    type_id = "spot"
    template = "questions/spot.html"
    script = "js/highlight.js"

    @classmethod
    def load(cls, fields: Fields, ctx: QuizContext, question_id: str) -> SpotQuestion | None:
        fields.check_keys(KEYS, M_("a spot question"))
        skill_ids, paragraphs = cls.load_scope(fields, ctx)
        prompt, points = cls.common(
            fields, default_prompt([ctx.skills[s] for s in skill_ids], ctx.language)
        )
        empty = fields.flag("empty", False)
        given = points if fields.has("points") else None
        q, problems = cls.scoped(ctx, question_id, prompt, given, skill_ids, paragraphs, empty)
        for p in problems:
            fields.error(None, p)
        return None if problems else q

    def parse_response(self, raw: object) -> JSON:
        if not isinstance(raw, dict) or set(raw) - {"tokens"}:
            raise ResponseError('a spot answer is {"tokens": [token numbers]}')
        return {"tokens": self.parse_tokens(raw.get("tokens", []))}

    def parse_form(self, fields: Mapping[str, Sequence[str]]) -> JSON:
        self.only(fields, "tokens")
        return self.parse_response({"tokens": self.token_list(self.one(fields, "tokens") or "")})

    def empty_response(self) -> JSON:
        return {"tokens": []}

    def select_all(self, tokens: Sequence[int]) -> JSON:
        return {"tokens": tokens}

    def selection(self, response: JSON) -> Mapping[str, Iterable[int]]:
        return {ANY: response["tokens"]}

    def grade(self, response: JSON) -> Grade:
        return self.to_grade(self.score(self.selection(response)), response)
