"""When an assignment's key opens: never while anyone can still submit."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from quizapp.core.release import Rules, is_open, last_submission, opens_for_all

DUE = datetime(2026, 12, 4, 22, 59)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("rules", "now", "submitted", "expected"),
    [
        (Rules("immediate", DUE), DUE - HOUR, False, False),  # practice before her attempt
        (Rules("immediate", DUE), DUE - HOUR, True, True),
        (Rules("immediate", DUE), DUE + HOUR, False, True),
        (Rules("after_due", DUE), DUE - HOUR, True, False),
        (Rules("after_due", DUE), DUE + HOUR, False, True),
        (Rules("after_due", DUE, True, DUE + 48 * HOUR), DUE + HOUR, True, False),  # F9
        (Rules("after_due", DUE, True, DUE + 48 * HOUR), DUE + 49 * HOUR, True, True),
        (Rules("after_due", DUE, extended_dues=(DUE + 5 * HOUR,)), DUE + HOUR, True, False),
        (Rules("after_due", DUE, extended_dues=(DUE + 5 * HOUR,)), DUE + 6 * HOUR, True, True),
        (Rules("after_due", DUE, True, None), DUE + 1000 * HOUR, True, False),
        (Rules("never", DUE), DUE + 1000 * HOUR, True, False),
    ],
)
def test_is_open(rules: Rules, now: datetime, submitted: bool, expected: bool) -> None:
    assert is_open(rules, now, submitted=submitted) is expected


def test_the_key_opens_after_the_last_moment_anyone_can_submit() -> None:
    rules = Rules("after_due", DUE, True, DUE + HOUR, (DUE + 3 * HOUR, DUE + 2 * HOUR))
    assert last_submission(rules) == opens_for_all(rules) == DUE + 3 * HOUR
    assert opens_for_all(Rules("never", DUE)) is None
    assert last_submission(Rules("after_due", DUE, True)) is None  # late work without end
