"""The house style of keys as the loader applies it: cores, arguable spans, empty questions,
points, prompts without answers, classify snippets and answers, multiple-choice credit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizapp.core.errors import QuizFileError
from quizapp.core.keys import examples
from quizapp.core.model import Quiz
from quizapp.core.questions.choice import ChoiceQuestion
from quizapp.core.questions.classify import ClassifyQuestion
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.scoring import ARGUABLE_FLAGGED, ARGUABLE_LEFT, MISSED
from quizapp.core.sentences import sentence_around
from quizapp.core.skills import BUILTIN_SKILLS, NOTHING_WRONG
from tests.factories import DECOYS, SPANS, make_quiz

Factory = Callable[..., Quiz]


def spans(**changes: dict[str, Any]) -> list[dict[str, Any]]:
    """The factory's annotations, with keys changed or added by id."""
    return [
        {**s, "explanation": f"Why {s['id']} is a problem.", **changes.get(s["id"], {})}
        for s in SPANS
    ]


def errors(tmp_path: Path, **overrides: Any) -> list[str]:
    with pytest.raises(QuizFileError) as caught:
        make_quiz(tmp_path, **overrides)
    return [e.message for e in caught.value.errors]


def text(quiz: Quiz, tokens: range) -> str:
    first, last = quiz.article.tokens[tokens.start], quiz.article.tokens[tokens.stop - 1]
    return quiz.article.text[first.start : last.end]


def test_default_cores_by_skill(quiz_factory: Factory) -> None:
    quiz = quiz_factory()
    cores = {a.id: text(quiz, a.core_tokens) for a in quiz.annotations}
    assert cores["seventy"] == "70%"  # the figure of "70% of residents"
    assert cores["date"] == "insert date"  # the bracketed words of "[insert date]"
    assert cores["disastrous"] == "disastrous waste"  # other skills: the whole quote


def test_a_given_core_is_placed_inside_its_quote(quiz_factory: Factory) -> None:
    quiz = quiz_factory(annotations=spans(disastrous={"core": "disastrous"}))
    (a,) = [a for a in quiz.annotations if a.id == "disastrous"]
    assert text(quiz, a.core_tokens) == "disastrous"
    assert text(quiz, a.tokens) == "disastrous waste"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"disastrous": {"core": "plan"}}, 'core "plan" is not inside the quote'),
        ({"disastrous": {"core": "disast"}}, 'core "disast" cuts a word'),
        ({"seventy": {"core": "residents"}}, "holds no figure"),
        ({"heroic": {"quote": "a heroic effort by volunteers"}}, "at most 4"),
    ],
)
def test_cores_that_break_the_house_style_are_refused(
    tmp_path: Path, change: dict[str, dict[str, Any]], message: str
) -> None:
    assert any(message in m for m in errors(tmp_path, annotations=spans(**change)))


def test_decoys_take_no_core(tmp_path: Path) -> None:
    decoys = [{**d, "explanation": "Fine.", "core": "4"} for d in DECOYS]
    assert any("unknown key 'core' in a decoy" in m for m in errors(tmp_path, decoys=decoys))


def test_built_questions_are_worth_a_point_a_target(quiz_factory: Factory) -> None:
    quiz = quiz_factory()
    points = {q.id: q.points for q in quiz.questions if isinstance(q, HighlightQuestion)}
    assert points == {
        "spot-placeholder": 1,
        "spot-unsupported-statistic": 1,
        "spot-vague-attribution": 2,
        "spot-loaded-language": 2,
    }


def test_built_prompts_are_grammatical_for_every_skill(quiz_factory: Factory) -> None:
    prompts = [q.prompt for q in quiz_factory().questions if isinstance(q, HighlightQuestion)]
    assert [p.split(":")[0] for p in prompts] == [
        "Highlight every placeholder",
        "Highlight every unsupported statistic",
        "Highlight every vague attribution",
        "Highlight every loaded word or phrase",
    ]


def test_no_built_in_definition_or_tip_quotes_an_example() -> None:
    for skill in BUILTIN_SKILLS.values():
        for where in (skill.definition, skill.tip):
            assert examples(where) == [], skill.id
    assert examples("like [insert date here], 'reports indicate' or the writer's 'TK'") == [
        "[insert date here]",
        "reports indicate",
        "TK",
    ]


def test_a_highlight_prompt_may_not_give_its_answers_as_examples(tmp_path: Path) -> None:
    question = {
        "id": "q1",
        "type": "spot",
        "skills": ["vague-attribution"],
        "prompt": "Highlight every unnamed source, such as 'statistics show' or 'sources say'.",
    }
    messages = errors(tmp_path, questions=[question])
    assert any(
        'gives "statistics show" as an example, but that is an answer' in m for m in messages
    )


def test_a_choice_prompt_may_quote_the_article(quiz_factory: Factory) -> None:
    question = {
        "id": "q1",
        "type": "choice",
        "prompt": "What is wrong with 'Statistics show'?",
        "options": [{"text": "Nobody is named.", "correct": True}, {"text": "Nothing."}],
    }
    assert quiz_factory(questions=[question]).question("q1")


def test_an_empty_question_scores_one_left_alone(quiz_factory: Factory) -> None:
    question = {"id": "q1", "type": "spot", "skills": ["placeholder"], "paragraphs": [1]}
    quiz = quiz_factory(questions=[{**question, "empty": True}])
    q = quiz.question("q1")
    assert isinstance(q, HighlightQuestion) and q.targets == () and q.points == 1
    assert q.grade(q.empty_response()).score == 1.0
    assert q.grade({"tokens": [q.scope[0].start]}).score == pytest.approx(3 / 4)
    assert q.worst_blind_selection()[1] <= 0.2


def test_empty_must_be_said_and_must_be_true(tmp_path: Path) -> None:
    question = {"id": "q1", "type": "spot", "skills": ["placeholder"], "paragraphs": [1]}
    assert any("there is no placeholder" in m for m in errors(tmp_path, questions=[question]))
    full = {**question, "paragraphs": [3], "empty": True}
    assert any("says 'empty: true'" in m for m in errors(tmp_path, questions=[full]))


def test_arguable_annotations_are_neither_found_nor_missed(quiz_factory: Factory) -> None:
    quiz = quiz_factory(annotations=spans(heroic={"arguable": True}))
    q = quiz.question("spot-loaded-language")
    assert isinstance(q, HighlightQuestion)
    assert [a.id for a in q.arguable] == ["heroic"] and [t.id for t in q.targets] == ["disastrous"]
    disastrous = list(q.targets[0].tokens)
    heroic = list(q.arguable[0].tokens)
    left, flagged = (q.grade({"tokens": disastrous + extra}) for extra in ([], heroic))
    assert left.score == flagged.score == 1.0
    assert {o.status for o in left.outcomes if o.annotation_id == "heroic"} == {ARGUABLE_LEFT}
    assert {o.status for o in flagged.outcomes if o.annotation_id == "heroic"} == {ARGUABLE_FLAGGED}
    # Built classify questions leave arguable spans out.
    assert all(q.span.id != "heroic" for q in quiz.questions if isinstance(q, ClassifyQuestion))


def test_a_classify_item_on_an_arguable_span_accepts_both_answers(quiz_factory: Factory) -> None:
    quiz = quiz_factory(
        annotations=[
            *spans(heroic={"arguable": True}),
            {
                "id": "critics-loaded",
                "skill": "loaded-language",
                "quote": "Critics say",
                "arguable": True,
                "explanation": "Arguable: a loaded framing too.",
            },
        ],
        questions=[
            {"id": "c1", "type": "classify", "span": "heroic"},
            {"id": "c2", "type": "classify", "span": "critics-say"},
        ],
    )
    c1, c2 = quiz.question("c1"), quiz.question("c2")
    assert isinstance(c1, ClassifyQuestion) and isinstance(c2, ClassifyQuestion)
    assert c1.answers == ("loaded-language", NOTHING_WRONG)
    grades = {c: c1.grade({"choice": c}) for c in ("loaded-language", NOTHING_WRONG, "placeholder")}
    assert {c: (g.score, g.outcomes[0].status) for c, g in grades.items()} == {
        "loaded-language": (1.0, ARGUABLE_FLAGGED),
        NOTHING_WRONG: (1.0, ARGUABLE_LEFT),
        "placeholder": (0.0, MISSED),
    }
    # A clear span with an arguable reading of another skill over the same words.
    assert c2.answers == ("vague-attribution", "loaded-language")
    assert c2.grade({"choice": "loaded-language"}).score == 1.0


@pytest.mark.parametrize(
    ("text", "phrase", "snippet"),
    [
        (
            "Led by Dr. Aurelia Venn, the team tagged 1,240 colonies. It took a year.",
            "1,240 colonies",
            "Led by Dr. Aurelia Venn, the team tagged 1,240 colonies.",
        ),
        (
            "The U.S. team and J. Smith agreed on 40% of it. Others did not.",
            "40%",
            "The U.S. team and J. Smith agreed on 40% of it.",
        ),
        (
            'Pouches are "an expensive gadget to solve a problem." Others disagree.',
            "an expensive gadget",
            'Pouches are "an expensive gadget to solve a problem."',
        ),
    ],
)
def test_sentences_keep_titles_initials_and_closing_quotes(
    text: str, phrase: str, snippet: str
) -> None:
    start = text.index(phrase)
    s, e = sentence_around(text, start, start + len(phrase), 0, len(text))
    assert text[s:e] == snippet


def test_a_classify_snippet_keeps_the_quotation_and_its_speaker(tmp_path: Path) -> None:
    article = (
        "Reef study\n"
        '"We expected skeletons," Venn said. "Instead they grew. Frankly, it was astonishing."\n'
        "A second paragraph with nothing in it at all, and astonishing once more.\n"
    )
    quiz = make_quiz(
        tmp_path,
        article,
        skills=["loaded-language"],
        annotations=[
            {
                "id": "again",
                "skill": "loaded-language",
                "quote": "astonishing",
                "occurrence": 2,
                "explanation": "The writer's own word this time, not a speaker's.",
            }
        ],
        decoys=[
            {
                "id": "quoted",
                "looks_like": "loaded-language",
                "quote": "astonishing",
                "occurrence": 1,
                "explanation": "Fine: Venn's own word, quoted and credited.",
            }
        ],
        questions=[{"id": "c1", "type": "classify", "span": "quoted"}],
    )
    view = quiz.question("c1").public_view()
    assert view["context"] == (
        '"We expected skeletons," Venn said. "Instead they grew. Frankly, it was astonishing."'
    )
    at, end = view["phrase_at"]
    assert view["context"][at:end] == "astonishing"


def test_a_phrase_twice_in_its_sentence_is_marked_where_the_span_is(tmp_path: Path) -> None:
    article = "Twice\nIt was bad, and then it was bad again, the writer says.\n"
    quiz = make_quiz(
        tmp_path,
        article,
        skills=["loaded-language"],
        annotations=[
            {
                "id": "second",
                "skill": "loaded-language",
                "quote": "bad",
                "occurrence": 2,
                "explanation": "The second 'bad' is the one this item asks about.",
            }
        ],
        decoys=None,
        questions=[{"id": "c1", "type": "classify", "span": "second"}],
    )
    view = quiz.question("c1").public_view()
    at, end = view["phrase_at"]
    assert view["context"][at:end] == "bad" and at == view["context"].rindex("bad")


@pytest.mark.parametrize(
    ("right", "wrong", "ticked", "expected"),
    [
        (2, 2, "rr", 1.0),
        (2, 2, "rrw", 0.5),
        (2, 2, "r", 0.5),
        (2, 2, "rw", 0.0),
        (2, 2, "rrww", 0.0),
        (3, 3, "rrw", 1 / 3),
        (3, 1, "rrrw", 0.0),  # fewer wrong than right: ticking every box still scores 0
        (3, 1, "rr", 2 / 3),
        (1, 3, "rw", 0.0),
    ],
)
def test_multiple_choice_credit(right: int, wrong: int, ticked: str, expected: float) -> None:
    from quizapp.core.questions.choice import Option

    options = tuple(Option(f"r{i}", "R", True) for i in range(right)) + tuple(
        Option(f"w{i}", "W", False) for i in range(wrong)
    )
    q = ChoiceQuestion("q", "Which?", 1.0, options, True)
    chosen = [f"{kind}{ticked[: n + 1].count(kind) - 1}" for n, kind in enumerate(ticked)]
    assert q.grade({"options": chosen}).score == pytest.approx(expected)
