"""The quiz model: frozen values built by the loader and read by everything else."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from quizapp.core.anchor import Selector
from quizapp.core.article import Article
from quizapp.core.skills import Skill

if TYPE_CHECKING:
    from quizapp.core.questions.base import Question

LEVELS = ("beginner", "intermediate", "advanced")
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"})


@dataclass(frozen=True)
class Annotation:
    """A marked span: a real problem of ``skill``, or a decoy that only looks like one.

    ``tokens`` are the quote's, the longest stretch a teacher accepts; ``core`` the words
    that carry the problem (None: the whole quote); ``context`` the tokens of the sentence
    it stands in (None: none known). An ``arguable`` problem costs nothing flagged or left.
    """

    id: str
    skill: str
    selector: Selector
    start: int
    end: int
    tokens: range
    explanation: str
    fix: str = ""
    decoy: bool = False
    line: int = 0
    core: range | None = None
    arguable: bool = False
    context: range | None = None

    @cached_property  # scoring asks for it once per span per answer
    def token_set(self) -> frozenset[int]:
        return frozenset(self.tokens)

    @property
    def core_tokens(self) -> range:
        """The tokens whose share selected is the span's credit."""
        return self.tokens if self.core is None else self.core


@dataclass(frozen=True)
class Term:
    """A word of the article a younger reader may not know, with a plain meaning."""

    term: str
    meaning: str


@dataclass(frozen=True)
class Settings:
    """Per-quiz tuning of scoring and building; the defaults suit most quizzes."""

    pass_mark: float = 0.6
    false_alarm_penalty: float = 1.0
    edge_tolerance: int = 1
    classify_items: int = 4
    seed: int = 0


@dataclass(frozen=True)
class Quiz:
    """One quiz over one article, with its questions already built and anchored."""

    id: str
    title: str
    level: str
    language: str
    direction: str
    article: Article
    skills: tuple[Skill, ...]
    annotations: tuple[Annotation, ...]
    decoys: tuple[Annotation, ...]
    questions: tuple[Question, ...]
    settings: Settings = field(default_factory=Settings)
    summary: str = ""
    public: bool = True
    source: str = ""
    version: str = ""
    source_yaml: str = field(default="", repr=False)
    glossary: tuple[Term, ...] = ()

    def skill(self, skill_id: str) -> Skill:
        for s in self.skills:
            if s.id == skill_id:
                return s
        raise KeyError(skill_id)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    @property
    def all_spans(self) -> tuple[Annotation, ...]:
        return self.annotations + self.decoys
