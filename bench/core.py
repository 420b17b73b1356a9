"""Parts 3 and 5, in process: validating a generated bank, and scoring one answer.

Part 3 validates 1,000 generated quiz files (each over an article of its own) the way
``quizapp validate`` does, beside a bare parse of the same files with libyaml's C loader.
Part 5 scores one spot answer on the longest article of the bank, beside tokenizing it once.
"""

from __future__ import annotations

import re
import statistics
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from quizapp.core.article import Article
from quizapp.core.loader import load_bank, load_files
from quizapp.core.questions.spot import SpotQuestion
from quizapp.core.tokenize import tokenize

from .load import realistic_answer
from .server import ROOT

TOP_ID = re.compile(r"^id:.*$", re.MULTILINE)
TOP_ARTICLE = re.compile(r"^article:.*$", re.MULTILINE)


def generate_bank(folder: Path, count: int) -> list[Path]:
    """``count`` valid quizzes made from the bank's, each over an article of its own (the
    bank's article with one more paragraph, so no two files share an article)."""
    bank = load_bank(ROOT / "quizzes", ROOT / "seeds")
    quizzes, seeds = folder / "quizzes", folder / "seeds"
    quizzes.mkdir(parents=True)
    seeds.mkdir()
    paths = []
    for n in range(count):
        quiz = bank.quizzes[n % len(bank.quizzes)]
        new_id = f"{quiz.id}-{n:04d}"
        article = f"g{n:04d}_{quiz.article.name}"
        text = quiz.article.text.rstrip("\n") + f"\nThis copy is number {n} of {count}.\n"
        (seeds / article).write_text(text, encoding="utf-8")
        source = TOP_ID.sub(f"id: {new_id}", quiz.source_yaml, count=1)
        source = TOP_ARTICLE.sub(f"article: {article}", source, count=1)
        path = quizzes / f"{new_id}.yaml"
        path.write_text(source, encoding="utf-8")
        paths.append(path)
    return paths


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The best of ``repeat`` runs, in CPU seconds of this process (other work on a shared
    machine does not count), and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.process_time()
        result = fn()
        best = min(best, time.process_time() - started)
    return best, result


def bank_loading(folder: Path, count: int = 1000, repeat: int = 3) -> dict[str, Any]:
    """Part 3: validation of ``count`` files beside a bare C-loader parse of them."""
    paths = generate_bank(folder, count)
    seeds = folder / "seeds"

    def bare() -> int:
        return sum(
            len(yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader))  # noqa: S506 - safe loader
            for p in paths
        )

    def validate() -> Any:
        return load_files(paths, seeds, folder)

    load_files(paths[:10], seeds, folder)  # imports and caches warm
    parse_s, _ = _timed(bare, repeat)
    validate_s, bank = _timed(validate, repeat)
    assert not bank.errors and len(bank.quizzes) == count, bank.errors[:3]
    return {
        "files": count,
        "yaml_bytes": sum(p.stat().st_size for p in paths),
        "article_bytes": sum(p.stat().st_size for p in seeds.iterdir()),
        "validate_s": round(validate_s, 3),
        "bare_parse_s": round(parse_s, 3),
        "validate_ms_per_file": round(validate_s / count * 1000, 2),
        "ratio": round(validate_s / parse_s, 2),
        "libyaml": bool(yaml.__with_libyaml__),
    }


def _per_call(fn: Callable[[], Any], number: int) -> float:
    """Median CPU seconds a call over 7 rounds of ``number`` calls."""
    rounds = timeit.repeat(fn, number=number, repeat=7, timer=time.process_time)
    return statistics.median(rounds) / number


def scoring() -> dict[str, Any]:
    """Part 5: one spot answer on the longest article of the bank, beside tokenizing it."""
    bank = load_bank(ROOT / "quizzes", ROOT / "seeds")
    quiz = max(bank.quizzes, key=lambda q: len(q.article.tokens))
    spots = [q for q in quiz.questions if isinstance(q, SpotQuestion)]
    question = max(spots, key=lambda q: (len(q.scope_tokens), len(q.targets)))
    form = realistic_answer(quiz)[f"q.{question.id}.tokens"]
    response = question.parse_form({"tokens": [form]})
    text = quiz.article.text

    def tokenize_once() -> int:
        article = Article.from_text(quiz.article.name, text)
        return sum(len(tokenize(text, b.start, b.end, b.number)) for b in article.blocks)

    def score_once() -> float:
        return question.grade(response).score

    tokenize_s = _per_call(tokenize_once, 50)
    score_s = _per_call(score_once, 200)
    return {
        "quiz": quiz.id,
        "article_tokens": len(quiz.article.tokens),
        "article_chars": len(text),
        "question": question.id,
        "targets": len(question.targets),
        "selected_tokens": len(response["tokens"]),
        "score": round(score_once(), 3),
        "score_us": round(score_s * 1e6, 1),
        "tokenize_us": round(tokenize_s * 1e6, 1),
        "ratio": round(score_s / tokenize_s, 3),
    }
