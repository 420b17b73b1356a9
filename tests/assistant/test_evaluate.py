from __future__ import annotations

from quizapp.assistant.base import Suggestion
from quizapp.assistant.evaluate import DEV, HELD_OUT, evaluate, score_quiz, split
from quizapp.core.loader import Bank


def test_the_split_is_every_other_sorted_article() -> None:
    halves = split(["c.txt", "a.txt", "d.txt", "b.txt"])
    assert halves == {"a.txt": DEV, "b.txt": HELD_OUT, "c.txt": DEV, "d.txt": HELD_OUT}
    assert split(["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"])["c.txt"] == DEV


def test_the_gold_itself_scores_one(bank: Bank) -> None:
    quiz = bank.get("iran-hamas-meeting")
    gold = [
        Suggestion(a.skill, a.start, a.end, quiz.article.text[a.start : a.end], "gold", 1.0)
        for a in quiz.annotations
    ]
    for skill in ("placeholder", "unsupported-statistic", "loaded-language"):
        result, misses = score_quiz(quiz, gold, skill)
        assert result.precision == result.recall == result.f1 == 1.0
        assert misses == []


def test_a_suggestion_on_a_decoy_is_a_false_alarm(bank: Bank) -> None:
    quiz = bank.get("iran-hamas-meeting")
    decoy = next(d for d in quiz.decoys if d.id == "axis-of-resistance")
    s = Suggestion("loaded-language", decoy.start, decoy.end, "axis of resistance", "x", 0.9)
    result, misses = score_quiz(quiz, [s], "loaded-language")
    assert result.precision == 0 and result.recall == 0
    assert [m.kind for m in misses].count("false alarm") == 1


def test_the_whole_bank_is_evaluated_in_two_named_halves(bank: Bank) -> None:
    result = evaluate(bank.quizzes)
    names = {q.article.name for q in bank.quizzes}
    assert set(result.halves[DEV]) | set(result.halves[HELD_OUT]) == names
    assert "000_5b76fb9373ce4131.txt" in result.halves[DEV]
    gold = sum(r.gold for r in result.results["all"].values())
    assert gold == sum(
        1 for q in bank.quizzes for a in q.annotations if a.skill in result.results["all"]
    )
