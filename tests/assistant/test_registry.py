from __future__ import annotations

import pytest

from quizapp.assistant.base import Detector, Suggestion
from quizapp.assistant.registry import DetectorError, detectors, get_detector, register
from quizapp.assistant.text import Document
from quizapp.core.loader import Bank


def test_one_detector_a_built_in_skill() -> None:
    assert set(detectors()) == {
        "placeholder",
        "unsupported-statistic",
        "vague-attribution",
        "loaded-language",
    }


def test_an_unknown_skill_names_the_known_ones() -> None:
    with pytest.raises(DetectorError, match="detectors exist for loaded-language"):
        get_detector("false-balance")


def test_a_second_detector_for_a_skill_fails_loudly() -> None:
    with pytest.raises(DetectorError, match="two detectors"):

        @register
        class Another(Detector):
            skill = "placeholder"

            def detect(self, doc: Document) -> list[Suggestion]:
                return []


def test_every_suggestion_on_the_bank_keeps_the_contract(bank: Bank) -> None:
    for quiz in bank.quizzes:
        doc = Document(quiz.article, quiz.language)
        starts = {t.start for t in doc.tokens}
        ends = {t.end for t in doc.tokens}
        for skill, cls in detectors().items():
            for s in cls().detect(doc):
                assert s.skill == skill and 0 <= s.confidence <= 1 and s.reason
                assert s.quote == doc.text[s.start : s.end] and "\n" not in s.quote
                words = doc.tokens_between(s.start, s.end)
                assert words[0].start in starts and words[-1].end in ends
                assert words[0].start >= s.start and words[-1].end <= s.end  # whole words
