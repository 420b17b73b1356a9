"""Build a quiz's questions from its annotations when the author lists none."""

from __future__ import annotations

import random

from quizapp.core.questions.base import Question, QuizContext
from quizapp.core.questions.classify import ClassifyQuestion
from quizapp.core.questions.spot import SpotQuestion, default_prompt

CLASSIFY_POINTS = 1.0


def build_questions(ctx: QuizContext, seed: int) -> list[Question]:
    """A ``spot`` per skill with a clear annotation, in the quiz's skill order, worth a point
    a target (``default_points``), then ``classify`` items drawn from the clear annotations
    and the decoys (about half decoys), in an order fixed by ``seed``. Arguable annotations
    get no classify item: one where "Nothing wrong" is right too would teach little."""
    questions: list[Question] = []
    present = {a.skill for a in ctx.annotations.values() if not a.arguable}
    for skill in ctx.skills.values():
        if skill.id in present:
            q, _ = SpotQuestion.scoped(
                ctx, f"spot-{skill.id}", default_prompt([skill], ctx.language), None, [skill.id]
            )
            questions.append(q)
    rng = random.Random(seed)
    real = sorted((a for a in ctx.annotations.values() if not a.arguable), key=lambda a: a.start)
    decoys = sorted((a for a in ctx.decoys.values() if not a.arguable), key=lambda a: a.start)
    rng.shuffle(real)
    rng.shuffle(decoys)
    n = min(ctx.settings.classify_items, len(real) + len(decoys))
    n_real = min(len(real), n - min(len(decoys), n // 2))
    picks = decoys[: n - n_real] + real[:n_real]
    rng.shuffle(picks)
    # Ids are numbered, never named after the span: an id must not hint at the answer.
    for i, span in enumerate(picks, 1):
        questions.append(ClassifyQuestion.make(ctx, f"classify-{i}", span, points=CLASSIFY_POINTS))
    return questions
