"""The quiz bank itself: valid, varied, and the seed article's quiz the most thorough."""

from __future__ import annotations

from quizapp.core.fairness import run_quiz
from quizapp.core.loader import Bank
from quizapp.core.model import Quiz
from tests.factories import ROOT


def test_the_bank_validates(bank: Bank) -> None:
    assert bank.errors == ()
    assert len(bank.quizzes) == bank.files >= 6


def test_every_article_of_seeds_has_a_quiz(bank: Bank) -> None:
    articles = {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert articles == {q.article.name for q in bank.quizzes}


def test_the_bank_is_varied(bank: Bank) -> None:
    assert {q.level for q in bank.quizzes} == {"beginner", "intermediate", "advanced"}
    assert any(q.direction == "rtl" for q in bank.quizzes)
    assert len({q.language for q in bank.quizzes}) >= 3
    for quiz in bank.quizzes:
        assert quiz.decoys, f"{quiz.id} has no decoys"
        # Well-reported articles teach calibrated trust with few problems and many decoys.
        assert len(quiz.annotations) + len(quiz.decoys) >= 6, f"{quiz.id} is thin"


def test_every_span_explains_itself(bank: Bank) -> None:
    for quiz in bank.quizzes:
        for a in quiz.all_spans:
            assert len(a.explanation) >= 40, f"{quiz.id}/{a.id}"


def test_seed_quiz_marks_the_known_weak_spots(seed_quiz: Quiz) -> None:
    marked = {(a.skill, a.article_text) for a in _with_text(seed_quiz)}
    for expected in [
        ("placeholder", "[insert date here]"),
        ("unsupported-statistic", "by over 50%"),
        ("unsupported-statistic", "approximately $30 million monthly"),
        ("vague-attribution", "Statistics show"),
        ("vague-attribution", "recent reports suggest"),
        ("vague-attribution", "Reports indicate"),
        ("vague-attribution", "some perceive"),
        ("loaded-language", "unwavering commitment"),
        ("loaded-language", "bastion"),
    ]:
        assert expected in marked
    decoys = {a.article_text for a in _with_text(seed_quiz) if a.decoy}
    assert "Palestinian struggle against the Zionist regime" in decoys


def test_seed_quiz_is_the_best_annotated(bank: Bank, seed_quiz: Quiz) -> None:
    def spans(q: Quiz) -> int:
        return len(q.all_spans)

    assert all(spans(seed_quiz) >= spans(q) for q in bank.quizzes)
    assert all(a.fix for a in seed_quiz.annotations)
    assert {q.type_id for q in seed_quiz.questions} >= {"spot", "classify", "choice"}


class _Span:
    def __init__(self, quiz: Quiz, a: object) -> None:
        self.skill = a.skill  # type: ignore[attr-defined]
        self.decoy = a.decoy  # type: ignore[attr-defined]
        self.article_text = quiz.article.text[a.start : a.end]  # type: ignore[attr-defined]


def _with_text(quiz: Quiz) -> list[_Span]:
    return [_Span(quiz, a) for a in quiz.all_spans]


def test_simulated_students_score_within_the_bands(bank: Bank) -> None:
    """The bands of docs/authoring.md, "The fairness check", on every quiz of the bank."""
    runs = [run_quiz(quiz) for quiz in bank.quizzes]
    assert [w for run in runs for w in run.warnings] == []
    cores = [s for run in runs for q in run.questions if (s := q.scores["cores"]) is not None]
    assert len(cores) >= 20 and sum(cores) / len(cores) >= 0.9


def test_the_seed_quiz_gives_cores(seed_quiz: Quiz) -> None:
    """A statistic's core is its figure; a loaded phrase's the word that judges."""
    fifty = next(a for a in seed_quiz.annotations if a.id == "fifty-percent")
    text = seed_quiz.article.text
    core = fifty.core_tokens
    tokens = seed_quiz.article.tokens
    assert text[tokens[core.start].start : tokens[core.stop - 1].end] == "50%"
    loaded = {a.id: a for a in seed_quiz.annotations if a.skill == "loaded-language"}
    assert all(len(a.core_tokens) <= 4 for a in loaded.values())
    core = loaded["unwavering-commitment"].core_tokens
    assert text[tokens[core.start].start : tokens[core.stop - 1].end] == "unwavering"
