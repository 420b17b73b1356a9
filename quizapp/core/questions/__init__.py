"""The question-type registry: one module a type, found by discovery, keyed by a stable id.

Adding a type means adding one module here (a ``Question`` subclass decorated with
``@register``) and its template; nothing else changes. The id is what the database stores.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import TypeVar

from quizapp.core.errors import QuestionTypeError
from quizapp.core.questions.base import Grade, Question, QuizContext
from quizapp.core.texts import M_

__all__ = ["Grade", "Question", "QuizContext", "get_type", "question_types", "register"]

_TYPES: dict[str, type[Question]] = {}
_NOT_TYPES = {"base", "highlight"}
Q = TypeVar("Q", bound=type[Question])


def register(cls: Q) -> Q:
    """Class decorator adding a question type; a second type with the same id fails loudly."""
    type_id = getattr(cls, "type_id", "")
    if not type_id:
        raise QuestionTypeError(f"{cls.__qualname__} has no type_id")
    existing = _TYPES.get(type_id)
    if existing is not None and existing is not cls:
        raise QuestionTypeError(
            f"question type '{type_id}' is registered twice: by {existing.__module__}."
            f"{existing.__qualname__} and by {cls.__module__}.{cls.__qualname__}"
        )
    _TYPES[type_id] = cls
    return cls


@cache  # once a process: listing the folder for every question loaded cost more than it
def _discover() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name not in _NOT_TYPES:
            importlib.import_module(f"{__name__}.{module.name}")


def question_types() -> Mapping[str, type[Question]]:
    """Every registered type by id."""
    _discover()
    return MappingProxyType(_TYPES)


def get_type(type_id: str) -> type[Question]:
    """The type with this id, or a QuestionTypeError listing the known ones."""
    types = question_types()
    if type_id not in types:
        message = M_("unknown question type '%(type)s'", type=type_id)
        known = M_("known types: %(types)s", types=", ".join(sorted(types)))
        raise QuestionTypeError(message.with_fix(known))
    return types[type_id]
