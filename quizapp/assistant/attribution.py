"""Vague attribution: claims credited to "reports", "experts", "some" or to nobody at all."""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizapp.assistant.base import Detector, Suggestion
from quizapp.assistant.cues import named_cues, vague_cues
from quizapp.assistant.registry import register
from quizapp.assistant.text import Document
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.core.texts import M_, verbatim

_HEARSAY = "hearsay with no source"
# What each vague cue does (``cues.VAGUE_PATTERNS``), as the reason tells it.
_WHY = {
    "credits the claim to an unnamed group": M_("credits the claim to an unnamed group"),
    "a passive with no one doing the believing": M_("a passive with no one doing the believing"),
    "an estimate credited to nobody": M_("an estimate credited to nobody"),
    "a description credited to an unnamed group": M_("a description credited to an unnamed group"),
    "sources described, not named": M_("sources described, not named"),
    "praise or blame credited to nobody": M_("praise or blame credited to nobody"),
    "an unnamed group": M_("an unnamed group"),
    "credits the claim to nobody in particular": M_("credits the claim to nobody in particular"),
    "a passive with no one doing it": M_("a passive with no one doing it"),
    _HEARSAY: M_("hearsay with no source"),
}
_NAMED_TAIL = re.compile(r"[^,.;:!?\n]{1,60}")
_ACCORDING = ("according to", "as reported by", "según", "segun")


@register
class AttributionDetector(Detector):
    """Unnamed sources ("experts say", "reports indicate") and sourceless passives."""

    skill = "vague-attribution"
    name = BUILTIN_SKILLS["vague-attribution"].name

    def detect(self, doc: Document) -> Iterator[Suggestion]:
        for sentence in doc.sentences:
            vague = vague_cues(doc, sentence)
            for cue in vague:
                if doc.quotation_at(cue.start, cue.end) is not None:
                    continue  # a speaker's words, credited with their quotation
                conf = 0.6 if cue.why == _HEARSAY else 0.82
                phrase = " ".join(cue.what.split())
                reason = M_(
                    '"%(phrase)s": %(why)s; which ones, and could a reader check them?',
                    phrase=phrase, why=_WHY.get(cue.why) or verbatim(cue.why),
                )  # fmt: skip
                s = self.suggestion(doc, cue.start, cue.end, reason, conf)
                if s:
                    yield s
            if vague:
                continue
            for cue in named_cues(doc, sentence):
                if not cue.what.lower().startswith(_ACCORDING):
                    continue
                tail = _NAMED_TAIL.match(doc.text, cue.end, sentence.end)
                end = tail.end() if tail else cue.end
                shown = " ".join(doc.text[cue.start : end].split())
                reason = M_(
                    'Probably fine: "%(phrase)s" names its source, which a reader can weigh.',
                    phrase=shown,
                )
                s = self.suggestion(doc, cue.start, end, reason, 0.4, decoy=True)
                if s:
                    yield s
