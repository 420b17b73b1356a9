"""The detector registry: one module a detector, found by discovery, keyed by its skill.

Adding or replacing a detector means one module in this package (a ``Detector`` subclass
decorated with ``@register``); nothing else changes. A skill has at most one detector.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from types import MappingProxyType
from typing import TypeVar

import quizapp.assistant as package
from quizapp.assistant.base import Detector

_DETECTORS: dict[str, type[Detector]] = {}
# Modules of the package that are not detectors.
_NOT_DETECTORS = {
    "base",
    "registry",
    "text",
    "cues",
    "figures",
    "lexicon",
    "draft",
    "evaluate",
    "cli",
    "suggest",
}
D = TypeVar("D", bound=type[Detector])


class DetectorError(LookupError):
    """An unknown skill, or two detectors for one skill."""


def register(cls: D) -> D:
    """Class decorator adding a detector; a second one for the same skill fails loudly."""
    if not cls.skill:
        raise DetectorError(f"{cls.__qualname__} has no skill")
    existing = _DETECTORS.get(cls.skill)
    if existing is not None and existing is not cls:
        raise DetectorError(
            f"skill '{cls.skill}' has two detectors: {existing.__module__}."
            f"{existing.__qualname__} and {cls.__module__}.{cls.__qualname__}"
        )
    _DETECTORS[cls.skill] = cls
    return cls


def _discover() -> None:
    for module in pkgutil.iter_modules(package.__path__):
        if module.name not in _NOT_DETECTORS:
            importlib.import_module(f"{package.__name__}.{module.name}")


def detectors() -> Mapping[str, type[Detector]]:
    """Every registered detector class by skill id."""
    _discover()
    return MappingProxyType(_DETECTORS)


def get_detector(skill: str) -> type[Detector]:
    """The detector of ``skill``, or a DetectorError listing the skills that have one."""
    found = detectors()
    if skill not in found:
        raise DetectorError(
            f"no detector for the skill '{skill}'; detectors exist for {', '.join(sorted(found))}"
        )
    return found[skill]
