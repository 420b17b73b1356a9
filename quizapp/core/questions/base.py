"""The contract every question type meets, and the values grading returns."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from quizapp.core.article import Article
from quizapp.core.errors import ResponseError
from quizapp.core.fields import Fields
from quizapp.core.model import Annotation, Settings
from quizapp.core.scoring import SkillTally, SpanOutcome
from quizapp.core.skills import Skill
from quizapp.core.texts import Text

JSON = dict[str, Any]


@dataclass(frozen=True)
class QuizContext:
    """What a question may read of its quiz while it is loaded or built."""

    article: Article
    annotations: Mapping[str, Annotation]
    decoys: Mapping[str, Annotation]
    skills: Mapping[str, Skill]
    settings: Settings
    language: str = "en"  # the quiz's: the texts the engine writes are in it

    def span(self, span_id: str) -> Annotation | None:
        return self.annotations.get(span_id) or self.decoys.get(span_id)


@dataclass(frozen=True)
class Grade:
    """The result of grading one response: a fraction of the points, and why."""

    question_id: str
    score: float
    points: float
    outcomes: tuple[SpanOutcome, ...] = ()
    tallies: Mapping[str, SkillTally] = field(default_factory=dict)
    precision: float | None = None
    recall: float | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def earned(self) -> float:
        return self.score * self.points


@dataclass(frozen=True)
class Question(ABC):
    """Base of every question type.

    A subclass must:

    * set ``type_id`` (stable: the database stores it), ``template`` (the web layer's
      template that renders it) and ``script`` (its static JavaScript module, or None);
    * implement ``load(fields, ctx)``, building itself from its YAML mapping and recording
      every mistake on ``fields`` (returning None when it cannot be built);
    * implement ``public_view()``: what a learner's page may show, with **no answer key**;
    * implement ``parse_response(raw)``: check untrusted JSON-like input and return it
      normalised, or raise ``ResponseError`` with a reason a person can act on, and
      ``parse_form(fields)``, the same from the fields its template posts;
    * implement ``empty_response()`` and ``grade(response)``, which takes a normalised
      response and returns a ``Grade`` (plain data in, a value out: no request, no database);
    * implement ``answer_key()``, shown after submission and in a teacher's preview.

    ``problems()`` may report quality problems found once the question is built.
    """

    type_id: ClassVar[str] = ""
    template: ClassVar[str] = ""
    script: ClassVar[str | None] = None

    id: str
    prompt: str
    points: float

    @classmethod
    @abstractmethod
    def load(cls, fields: Fields, ctx: QuizContext, question_id: str) -> Question | None:
        """Build the question from its YAML mapping, or record why it cannot be built."""

    @classmethod
    def common(cls, fields: Fields, default_prompt: str = "") -> tuple[str, float]:
        """The prompt and points every type reads the same way."""
        prompt = fields.text("prompt", required=not default_prompt, default=default_prompt)
        points = fields.number("points", 1.0, 0.5, 100.0)
        return prompt, points

    @abstractmethod
    def public_view(self) -> JSON:
        """What the learner's page may show: everything but the answer key."""

    @abstractmethod
    def parse_response(self, raw: object) -> JSON:
        """Validate untrusted input; return it normalised or raise ResponseError."""

    @abstractmethod
    def parse_form(self, fields: Mapping[str, Sequence[str]]) -> JSON:
        """Turn this question's form fields (names without the question prefix) into a
        normalised response, or raise ResponseError."""

    @abstractmethod
    def empty_response(self) -> JSON:
        """The normalised response of a learner who left the question blank."""

    @abstractmethod
    def grade(self, response: JSON) -> Grade:
        """Grade a normalised response."""

    @abstractmethod
    def answer_key(self) -> JSON:
        """The answers with their explanations, for feedback and teacher preview."""

    def problems(self) -> list[Text]:
        """Quality problems of a built question (empty when it is fine)."""
        return []

    @staticmethod
    def token_list(text: str, what: str = "tokens") -> list[int]:
        """Token numbers posted as '3,4,5' (the highlight widget's hidden field)."""
        out = []
        for part in text.replace(" ", ",").split(","):
            if not part:
                continue
            # ASCII only: str.isdigit() also accepts '²' (which int() refuses) and '١٢'.
            if not (part.isascii() and part.isdigit()) or len(part) > 9:
                raise ResponseError(f"'{what}' must hold whole numbers, not '{part[:20]}'")
            out.append(int(part))
        return out

    @staticmethod
    def only(fields: Mapping[str, Sequence[str]], *names: str) -> None:
        """Refuse a field the question's template never sends: a misnamed field must not
        silently lose an answer."""
        for key in fields:
            if key not in names:
                raise ResponseError(f"unexpected field '{key[:40]}'")

    @staticmethod
    def one(fields: Mapping[str, Sequence[str]], key: str) -> str | None:
        values = fields.get(key) or []
        if len(values) > 1:
            raise ResponseError(f"'{key}' was sent {len(values)} times; send it once")
        return values[0] if values else None

    def base_view(self) -> JSON:
        return {"id": self.id, "type": self.type_id, "prompt": self.prompt, "points": self.points}
