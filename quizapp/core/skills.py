"""Skills a quiz trains: built in here, and extensible per quiz file without code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Skill:
    """A kind of weakness: its id, a name, a one-line definition and a tip after a mistake."""

    id: str
    name: str
    definition: str
    tip: str


NOTHING_WRONG = "nothing-wrong"

BUILTIN_SKILLS: dict[str, Skill] = {
    s.id: s
    for s in (
        Skill(
            "unsupported-statistic",
            "Unsupported statistic",
            "A number, share or amount given as fact without saying where it comes from.",
            "Ask of every figure: who counted this, and how would I check it? "
            "If the sentence (or the one before) names no source, or names one that could not "
            "know (a survey of other people, a seller of the product), the figure is unsupported.",
        ),
        Skill(
            "placeholder",
            "Placeholder",
            "Template text nobody filled in, like [insert date here], XX% or TK.",
            "Look for brackets, capitals and stand-in symbols: they mean the piece was "
            "published before it was finished.",
        ),
        Skill(
            "loaded-language",
            "Loaded language",
            "Words that carry a judgment or emotion in the writer's own voice, "
            "dressed as plain reporting.",
            "Ask whether a neutral word would say the same fact. Strong words inside a "
            "quotation from a named speaker are that speaker's, not the writer's.",
        ),
        Skill(
            "vague-attribution",
            "Vague attribution",
            "A claim credited to unnamed sources: 'reports indicate', 'some perceive', "
            "'experts say'.",
            "Ask: which reports, which experts? A source you cannot look up is no source.",
        ),
    )
}
