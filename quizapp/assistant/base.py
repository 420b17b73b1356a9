"""The contract every detector meets, and the suggestion it returns."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from quizapp.assistant.text import Document
from quizapp.core.texts import Text, verbatim


@dataclass(frozen=True)
class Suggestion:
    """A passage a detector thinks shows ``skill``: offsets into the article's text.

    ``probable_decoy`` marks a passage that only *looks* like the skill (a sourced figure, a
    strong word in a credited quotation): a candidate decoy, not a problem to annotate.
    ``reason`` is the English; ``said`` the same as a ``Text``, for a reader's language
    (``told(language)``)."""

    skill: str
    start: int
    end: int
    quote: str
    reason: str
    confidence: float
    probable_decoy: bool = False
    said: Text | None = field(default=None, compare=False, repr=False)

    def told(self, language: str) -> str:
        """The reason in ``language`` (quoted words of the article stay as they are)."""
        return (self.said or verbatim(self.reason)).render(language)


class Detector(ABC):
    """Base of every detector: one skill, found in an article's text.

    A subclass must:

    * set ``skill`` to the skill id it finds (stable: quiz files and the registry use it),
      and ``name``, a short title for people;
    * implement ``detect(doc)``, returning ``Suggestion`` values for ``doc`` (a
      ``Document``, the article with its sentences and quotations worked out once):

      - offsets index ``doc.text``; every span lies inside one block (headline or
        paragraph), starts and ends on whole words (punctuation at the edges, such as the
        brackets of ``[insert date here]``, is allowed) and ``quote`` is
        ``doc.text[start:end]``;
      - ``reason`` says to an author, in one sentence, why this passage was picked;
      - ``confidence`` lies in [0, 1] and orders suggestions for review;
      - ``probable_decoy`` is true for a passage that looks like the skill but is fine;
    * never raise on odd text (any script, no sentences, one huge line): return nothing.

    A detector reads nothing but its argument and its own data, so a better one can
    replace it without touching the draft, the evaluation or the other detectors.
    """

    skill: ClassVar[str] = ""
    name: ClassVar[str] = ""

    @abstractmethod
    def detect(self, doc: Document) -> Iterable[Suggestion]:
        """Every candidate passage of this detector's skill in ``doc``."""

    def suggestion(
        self,
        doc: Document,
        start: int,
        end: int,
        reason: Text,
        confidence: float,
        *,
        decoy: bool = False,
    ) -> Suggestion | None:
        """A suggestion snapped to whole words, or None when the span holds no word."""
        span = doc.snap(start, end)
        if span is None:
            return None
        s, e = span
        conf = round(min(1.0, max(0.0, confidence)), 2)
        return Suggestion(self.skill, s, e, doc.text[s:e], str(reason), conf, decoy, reason)
