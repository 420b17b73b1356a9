"""Skills a quiz trains: built in here, and extensible per quiz file without code."""

from __future__ import annotations

from dataclasses import dataclass, replace

from quizapp.core.texts import N_, translate


@dataclass(frozen=True)
class Skill:
    """A kind of weakness: its id, a name, a one-line definition and a tip after a mistake;
    ``noun``, a countable name for one instance ("loaded word or phrase"), for prompts."""

    id: str
    name: str
    definition: str
    tip: str
    noun: str = ""
    # A custom skill's texts as written in English, whatever language it is shown in: the
    # bank keeps one definition of a skill shared by several quizzes.
    english: tuple[str, str, str] | None = None

    @property
    def english_texts(self) -> tuple[str, str, str]:
        return self.english or (self.name, self.definition, self.tip)

    @property
    def one(self) -> str:
        """What one instance is called in a prompt: "every <one>"."""
        return self.noun or f"passage showing {self.name.lower()}"


NOTHING_WRONG = "nothing-wrong"

# Definitions and tips give no literal example: an example the article holds would be an
# answer given away (the validator refuses those in custom skills and prompts).
BUILTIN_SKILLS: dict[str, Skill] = {
    s.id: s
    for s in (
        Skill(
            "unsupported-statistic",
            N_("Unsupported statistic"),
            N_("A number, share or amount given as fact without a source for it, or credited "
               "to a source that could not know it."),
            N_("Ask of every figure: who counted this, and how would I check it? Look for a "
               "named source for this figure nearby, and ask whether it could know (a survey of "
               "other people, or a seller of the product, cannot). If there is none, the figure "
               "is unsupported."),
            N_("unsupported statistic"),
        ),
        Skill(
            "placeholder",
            N_("Placeholder"),
            N_("Template text nobody filled in, such as a bracketed note to the writer, a "
               "stand-in for a figure or a date, or an editor's mark for text still to come."),
            N_("Look for brackets, capitals and stand-in symbols: they mean the piece was "
               "published before it was finished."),
            N_("placeholder"),
        ),
        Skill(
            "loaded-language",
            N_("Loaded language"),
            N_("Words that carry a judgment or emotion in the writer's own voice, "
               "dressed as plain reporting."),
            N_("Ask whether a neutral word would say the same fact. Strong words inside a "
               "quotation from a named speaker are that speaker's, not the writer's; an unnamed "
               "speaker credits nobody, so the words are the writer's."),
            N_("loaded word or phrase"),
        ),
        Skill(
            "vague-attribution",
            N_("Vague attribution"),
            N_("A claim credited to sources the reader cannot identify, such as unnamed "
               "experts, officials, studies or reports."),
            N_("Ask: which reports, which experts? A source you cannot look up is no source."),
            N_("vague attribution"),
        ),
    )
}  # fmt: skip


def builtin_skill(skill_id: str, language: str) -> Skill:
    """A built-in skill with its texts in ``language`` (English where none is translated)."""
    s = BUILTIN_SKILLS[skill_id]
    return replace(
        s,
        name=translate(language, s.name),
        definition=translate(language, s.definition),
        tip=translate(language, s.tip),
        noun=translate(language, s.noun),
    )
