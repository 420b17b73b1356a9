"""A platform's LIS roles, mapped to quizapp's two: teacher or student."""

from __future__ import annotations

from collections.abc import Iterable

# Context (course) roles first; institution roles only decide for an administrator.
_TEACHING = ("Instructor", "Administrator", "ContentDeveloper", "TeachingAssistant")
_LEARNING = ("Learner", "Student")


def _short(role: str) -> str:
    # "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor" -> "Instructor";
    # "…/membership/Instructor#TeachingAssistant" (a sub-role) -> "TeachingAssistant".
    return role.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def quizapp_role(roles: Iterable[str]) -> str | None:
    """ "teacher", "student", or None when no role can use quizapp (a guest, an observer)."""
    names = {_short(r) for r in roles if isinstance(r, str)}
    if names & set(_TEACHING):
        return "teacher"
    if names & set(_LEARNING):
        return "student"
    return None
