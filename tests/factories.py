"""Build quizzes for tests from an article and a few annotations, without files in the bank."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from quizapp.core.loader import load_quiz
from quizapp.core.model import Quiz

ROOT = Path(__file__).resolve().parent.parent
FILLER = (
    "The meeting lasted three hours and was open to the public. Members discussed roads, "
    "schools, parks and the water supply, and several residents spoke during the session. "
    "The minutes will be published on the town website next week, the clerk said. "
)
ARTICLE = (
    "Town budget sparks row\n"
    "The council approved a budget of 4 million euros on Monday, according to the "
    "finance office. Critics say the plan is a disastrous waste. " + FILLER + "\n"
    "Statistics show that 70% of residents oppose it. " + FILLER + "Mayor Ana Ruiz called "
    'the vote "a shameful day" for the town. ' + FILLER + "\n"
    "The new library will open on [insert date] after a heroic effort by volunteers. "
    + FILLER
    + FILLER
    + "\n"
)
SPANS: list[dict[str, Any]] = [
    {"id": "critics-say", "skill": "vague-attribution", "quote": "Critics say"},
    {"id": "disastrous", "skill": "loaded-language", "quote": "disastrous waste"},
    {"id": "statistics-show", "skill": "vague-attribution", "quote": "Statistics show"},
    {"id": "seventy", "skill": "unsupported-statistic", "quote": "70% of residents"},
    {"id": "date", "skill": "placeholder", "quote": "[insert date]"},
    {"id": "heroic", "skill": "loaded-language", "quote": "heroic effort"},
]
DECOYS: list[dict[str, Any]] = [
    {"id": "budget", "looks_like": "unsupported-statistic", "quote": "4 million euros"},
    {"id": "shameful", "looks_like": "loaded-language", "quote": "a shameful day"},
]


def quiz_data(**overrides: Any) -> dict[str, Any]:
    """A valid quiz document; keyword arguments replace top-level keys (None removes one)."""
    data: dict[str, Any] = {
        "id": "town-budget",
        "title": "Town budget",
        "level": "beginner",
        "article": "town.txt",
        "skills": ["placeholder", "unsupported-statistic", "vague-attribution", "loaded-language"],
        "annotations": [{**s, "explanation": f"Why {s['id']} is a problem."} for s in SPANS],
        "decoys": [{**d, "explanation": f"Why {d['id']} is fine."} for d in DECOYS],
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def write_quiz(tmp: Path, data: dict[str, Any] | str, article: str = ARTICLE) -> Path:
    """Write a quiz and its article under ``tmp`` (quizzes/ and seeds/); return the quiz path."""
    (tmp / "seeds").mkdir(exist_ok=True)
    (tmp / "quizzes").mkdir(exist_ok=True)
    name = data["article"] if isinstance(data, dict) else "town.txt"
    (tmp / "seeds" / name).write_text(article, encoding="utf-8")
    quiz_id = data["id"] if isinstance(data, dict) else "town-budget"
    path = tmp / "quizzes" / f"{quiz_id}.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_quiz(tmp: Path, article: str = ARTICLE, **overrides: Any) -> Quiz:
    """Load a quiz built from ``quiz_data(**overrides)`` over ``article``."""
    path = write_quiz(tmp, quiz_data(**overrides), article)
    return load_quiz(path, tmp / "seeds")
