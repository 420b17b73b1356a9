"""Feedback notes say what the learner picked, beside the key's core and quote."""

from __future__ import annotations

import pytest

from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.core.loader import Bank
from quizapp.core.model import Quiz
from quizapp.core.scoring import FOUND, OTHER_SKILL, PARTLY, SpanOutcome
from quizapp.web.notes import TEACHER, Authored, Quoted, plain, yours
from quizapp.web.render import feedback_marks
from tests.web.teach_data import tokens_of


def notes_for(quiz: Quiz, question: str, quotes: list[str], teacher: bool = False) -> dict:
    """Each note of ``question`` (by its quote) as plain lines, after selecting ``quotes``."""
    picked = sorted({i for q in quotes for i in tokens_of(quiz, q)})
    result = grade_quiz(quiz, parse_responses(quiz, {question: {"tokens": picked}}))
    _, notes = feedback_marks(quiz, result, teacher)
    return {n.quote: [plain(line) for line in n.lines] for n in notes if n.question_id == question}


@pytest.mark.parametrize(
    ("question", "picked", "note", "first_line"),
    [
        ("find-statistics", ["50%"], "by over 50%", "You picked “50%”: that is the figure. Found."),
        ("find-statistics", ["by over 50%"], "by over 50%",
         "You picked “by over 50%”: it holds the figure, “50%”. Found."),
        ("find-statistics",
         ["support to Hamas by over 50%"], "by over 50%",
         "You picked “support to Hamas by over 50%”: it holds the figure, “50%”. Found. Next "
         "time, “50%” alone is enough."),
        ("find-statistics", ["by over"], "by over 50%",
         "You picked “by over”, next to the problem; the words that carry it are “50%”."),
        ("find-statistics", ["$30"], "approximately $30 million monthly",
         "You picked “$30”; the words that carry the problem are “$30 million” (any of "
         "“approximately $30 million monthly” is fine)."),
        ("find-statistics", [], "over 250 Palestinian deaths",
         "You picked nothing here; the words that carry the problem are “250” (any of “over 250 "
         "Palestinian deaths” is fine)."),
        ("find-vague-sources", [], "Statistics show",
         "You picked nothing here; the words that carry the problem are “Statistics show”."),
        ("find-loaded-words", ["unwavering"], "unwavering commitment",
         "You picked “unwavering”: that is the loaded word. Found."),
        ("find-placeholder", ["Statistics show"], "Statistics show",
         "You picked “Statistics show”: these words show another kind of problem, vague "
         "attribution, which this question does not ask about."),
        ("find-loaded-words", ["militant"], "militant", "You picked “militant”."),
        ("find-statistics", ["2015"], "2015", "You picked “2015”."),
        ("find-statistics", ["2023"], "2023", "You picked “2023”."),
        ("find-loaded-words", ["vital"], "vital role", "You picked “vital”."),
        ("find-loaded-words", [], "vital role", "You left these words alone."),
        # A decoy left alone is said once, beside the first question that scores it.
        ("find-placeholder", [], "Tehran perceives", "You left these words alone: right."),
    ],
)  # fmt: skip
def test_the_note_says_what_was_picked(
    seed_quiz: Quiz, question: str, picked: list[str], note: str, first_line: str
) -> None:
    assert notes_for(seed_quiz, question, picked)[note][0] == first_line


@pytest.mark.parametrize(
    ("question", "picked", "note", "why"),
    [
        # A selection on no span: a hint at the usual mistake, and that the key is silent.
        ("find-statistics", ["2023"], "2023", "A year on its own is not a statistic"),
        # The years in the statistics sentences are decoys: the author's reason.
        ("find-statistics", ["2015"], "2015", "Not the problem: a year on its own"),
        ("find-vague-sources", ["Ismail Haniyeh"], "Ismail Haniyeh",
         "“Ismail Haniyeh” names who says it"),
        ("find-loaded-words", ["regional"], "regional", "“regional” only describes"),
        ("find-loaded-words", ["Middle Eastern"], "Middle Eastern", "No loaded word was marked"),
        # Arguable, flagged or not: never a false alarm, and said once.
        ("find-loaded-words", ["vital"], "vital role",
         "Arguable: careful readers disagree here, so flagging it or leaving it costs nothing. "
         "'vital' is the same kind of judgment"),
        ("find-loaded-words", [], "vital role", "Arguable: careful readers disagree here"),
        # Otherwise the author's explanation.
        ("find-loaded-words", ["militant"], "militant", "Arguable: careful readers disagree here"),
        ("find-statistics", ["50%"], "by over 50%", "A precise-sounding rise with no source"),
    ],
)  # fmt: skip
def test_the_note_says_why(
    seed_quiz: Quiz, question: str, picked: list[str], note: str, why: str
) -> None:
    lines = notes_for(seed_quiz, question, picked)[note]
    assert lines[1].startswith(why)
    unkeyed = note in ("2023", "Ismail Haniyeh", "regional", "Middle Eastern")
    assert ("It is not in the answer key" in lines[1]) == unkeyed
    assert lines[1].count("Arguable") <= 1


def test_the_teacher_reads_the_notes_in_the_third_person(seed_quiz: Quiz) -> None:
    notes = notes_for(seed_quiz, "find-statistics", ["by over 50%", "2023"], teacher=True)
    assert (
        notes["by over 50%"][0]
        == "The student picked “by over 50%”: it holds the figure, “50%”. Found."
    )  # noqa: E501
    assert notes["2023"][1].endswith("if the student's reading holds, the key may be missing it.")
    missed = notes["over 250 Palestinian deaths"][0]
    assert missed.startswith("The student picked nothing here")
    every = [line for lines in notes.values() for line in lines[:1]]
    assert not any("you" in line.lower().split() for line in every)


def test_a_wrong_label_earns_half_and_the_note_says_so(seed_quiz: Quiz) -> None:
    skills = {s.id: s for s in seed_quiz.skills}
    span = tuple(tokens_of(seed_quiz, "by over 50%"))
    core = tuple(tokens_of(seed_quiz, "50%"))
    labelled = SpanOutcome(
        PARTLY, span, "fifty-percent", "unsupported-statistic", 0.5, labels=("loaded-language",),
        core=core,
    )  # fmt: skip
    line = plain(yours(labelled, core, seed_quiz.article, skills))
    assert line.endswith(
        "But you labelled them loaded language: they show unsupported statistic, so each word "
        "earns half."
    )
    other = SpanOutcome(
        OTHER_SKILL, span, "fifty-percent", "unsupported-statistic", labels=("loaded-language",)
    )  # noqa: E501
    assert plain(yours(other, span, seed_quiz.article, skills, TEACHER)) == (
        "The student picked “by over 50%” as loaded language: these words show another kind "
        "of problem, unsupported statistic, which this question does not ask about."
    )
    found = SpanOutcome(FOUND, span, "fifty-percent", "unsupported-statistic", 1.0, core=core)
    assert plain(yours(found, core, seed_quiz.article, skills)).endswith(
        "that is the figure. Found."
    )  # noqa: E501


def test_article_words_and_explanations_are_parts_apart(bank: Bank) -> None:
    """The template isolates the article's words in the quiz's direction, and the author's
    in the quiz's language: an Arabic quote inside an English sentence stays whole."""
    quiz = bank.get("water-rationing-ar")
    result = grade_quiz(quiz, parse_responses(quiz, {}))
    _, notes = feedback_marks(quiz, result)
    missed = next(n for n in notes if n.outcome.status == "missed")
    first, why = missed.lines
    assert any(isinstance(p, Quoted) and p.text in quiz.article.text for p in first)
    assert all(isinstance(p, str) for p in first if not isinstance(p, Quoted))
    assert why == (Authored(missed.outcome.explanation),)


def test_unkeyed_selections_in_other_languages_get_a_hint(bank: Bank) -> None:
    for quiz_id in ("water-rationing-ar", "vacunas-clinica-es", "hockey-club-ru"):
        quiz = bank.get(quiz_id)
        spans = {i for a in quiz.all_spans for i in a.tokens}
        question = next(q for q in quiz.questions if q.type_id == "spot")
        free = next(
            i
            for i in sorted(question.scope_tokens)
            if i not in spans and i - 1 not in spans and i + 1 not in spans
        )  # noqa: E501
        result = grade_quiz(quiz, parse_responses(quiz, {question.id: {"tokens": [free]}}))
        _, notes = feedback_marks(quiz, result)
        (note,) = [
            n for n in notes if n.outcome.status == "false_alarm" and not n.outcome.annotation_id
        ]  # noqa: E501
        why = plain(note.lines[1])
        assert why and "It is not in the answer key" in why, quiz_id
