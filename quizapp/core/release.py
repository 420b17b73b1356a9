"""When an assignment's answer key may be shown to a learner: the rule, as plain data.

A key (a score, an outcome, an explanation, a right answer) is a way to answer the quiz, so it
opens only when using it can no longer change a grade: never while anyone can still submit
under "after the due date", only after the learner's own attempt under "right after each
attempt", and never under "never".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

IMMEDIATE, AFTER_DUE, NEVER = "immediate", "after_due", "never"


@dataclass(frozen=True)
class Rules:
    """What decides when an assignment's key opens.

    ``extended_dues`` are the later due dates given to single students: until the last of
    them passes, somebody may still submit."""

    feedback: str
    due_at: datetime
    allow_late: bool = False
    late_until: datetime | None = None
    extended_dues: tuple[datetime, ...] = ()


def last_submission(rules: Rules) -> datetime | None:
    """The moment after which nobody can submit; None if late work is taken for ever."""
    if rules.allow_late and rules.late_until is None:
        return None
    ends = [rules.due_at, *rules.extended_dues]
    if rules.allow_late and rules.late_until is not None:
        ends.append(rules.late_until)
    return max(ends)


def opens_for_all(rules: Rules) -> datetime | None:
    """When the key opens to every learner, whether they submitted or not; None for never."""
    if rules.feedback == NEVER:
        return None
    return last_submission(rules)


def is_open(rules: Rules, now: datetime, *, submitted: bool) -> bool:
    """Whether a learner may see the key now (``submitted``: they have a counted attempt)."""
    if rules.feedback == IMMEDIATE and submitted:
        return True
    opens = opens_for_all(rules)
    return opens is not None and now > opens
