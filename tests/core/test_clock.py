"""A class's clock: local times to stored UTC and back, on ordinary days and on the two
nights a year the clocks change (the gap refused with a reason, the fold read as the first)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.core import clock

BERLIN, LA = "Europe/Berlin", "America/Los_Angeles"


@pytest.mark.parametrize(
    ("local", "zone", "utc"),
    [
        (datetime(2026, 12, 4, 23, 59), BERLIN, datetime(2026, 12, 4, 22, 59)),  # CET
        (datetime(2027, 7, 1, 18, 0), BERLIN, datetime(2027, 7, 1, 16, 0)),  # CEST
        (datetime(2026, 12, 4, 9, 0), LA, datetime(2026, 12, 4, 17, 0)),  # PST
        (datetime(2026, 12, 4, 9, 0), "UTC", datetime(2026, 12, 4, 9, 0)),
        # Either side of the gap: the last minute before, the first after.
        (datetime(2027, 3, 28, 1, 59), BERLIN, datetime(2027, 3, 28, 0, 59)),
        (datetime(2027, 3, 28, 3, 0), BERLIN, datetime(2027, 3, 28, 1, 0)),
        # The fold: the first of the two, still on summer time.
        (datetime(2026, 10, 25, 2, 30), BERLIN, datetime(2026, 10, 25, 0, 30)),
        (datetime(2026, 11, 1, 1, 30), LA, datetime(2026, 11, 1, 8, 30)),
    ],
)
def test_a_local_time_is_stored_as_naive_utc(local: datetime, zone: str, utc: datetime) -> None:
    stored = clock.to_utc(local, zone)
    assert stored == utc and stored.tzinfo is None


@pytest.mark.parametrize(
    ("local", "zone", "says"),
    [
        (datetime(2027, 3, 28, 2, 30), BERLIN, "28 Mar 2027, 02:30 does not exist in "
         "Europe/Berlin: the clocks go forward from 02:00 to 03:00. Choose a time before 02:00 "
         "or from 03:00 on."),
        (datetime(2027, 3, 14, 2, 0), LA, "from 02:00 to 03:00"),
        (datetime(2026, 10, 4, 2, 15), "Australia/Lord_Howe", "from 02:00 to 02:30"),
        # Samoa skipped 30 December 2011 altogether.
        (datetime(2011, 12, 30, 12, 0), "Pacific/Apia",
         "from 30 Dec 2011, 00:00 to 31 Dec 2011, 00:00"),
    ],
)  # fmt: skip
def test_a_time_in_the_gap_is_refused_saying_when_the_clocks_jump(
    local: datetime, zone: str, says: str
) -> None:
    with pytest.raises(clock.ClockError, match="does not exist") as error:
        clock.to_utc(local, zone)
    assert says in str(error.value)


@pytest.mark.parametrize(
    ("utc", "zone", "named", "shown"),
    [
        (datetime(2026, 12, 4, 22, 59), BERLIN, True, "04 Dec 2026, 23:59 CET (Europe/Berlin)"),
        (datetime(2026, 12, 4, 17, 0), LA, True, "04 Dec 2026, 09:00 PST (America/Los_Angeles)"),
        (datetime(2026, 12, 4, 17, 0), LA, False, "04 Dec 2026, 09:00 PST"),
        (datetime(2026, 12, 4, 17, 0), "UTC", True, "04 Dec 2026, 17:00 UTC"),
        (datetime(2026, 12, 4, 17, 0), "Europe/Istanbul", True,
         "04 Dec 2026, 20:00 UTC+03 (Europe/Istanbul)"),
        (datetime(2026, 12, 4, 17, 0), "Asia/Kolkata", False, "04 Dec 2026, 22:30 IST"),
        # The fold's two 02:30s, told apart by their abbreviation.
        (datetime(2026, 10, 25, 0, 30), BERLIN, False, "25 Oct 2026, 02:30 CEST"),
        (datetime(2026, 10, 25, 1, 30), BERLIN, False, "25 Oct 2026, 02:30 CET"),
        (datetime(2026, 11, 1, 8, 30), LA, False, "01 Nov 2026, 01:30 PDT"),
        (datetime(2026, 11, 1, 9, 30), LA, False, "01 Nov 2026, 01:30 PST"),
        # Just after the gap.
        (datetime(2027, 3, 28, 1, 0), BERLIN, False, "28 Mar 2027, 03:00 CEST"),
        (datetime(2027, 3, 14, 10, 0), LA, False, "14 Mar 2027, 03:00 PDT"),
        # A name this machine does not know: still a true time, labelled UTC.
        (datetime(2026, 12, 4, 17, 0), "Mars/Olympus_Mons", True, "04 Dec 2026, 17:00 UTC"),
    ],
)  # fmt: skip
def test_a_stored_time_is_shown_in_the_zone_with_its_name(
    utc: datetime, zone: str, named: bool, shown: str
) -> None:
    assert clock.format_time(utc, zone, named=named) == shown


def test_the_day_and_the_form_value_are_the_zones() -> None:
    late_evening = datetime(2026, 12, 5, 6, 30)  # UTC: still the 4th in Los Angeles
    assert clock.format_day(late_evening, LA) == "04 Dec"
    assert clock.input_value(late_evening, LA) == "2026-12-04T22:30"
    assert clock.input_value(late_evening, BERLIN) == "2026-12-05T07:30"


@pytest.mark.parametrize(
    "name", ["Mars/Olympus_Mons", "europe/berlin", "", "../../etc/passwd", "Europe/" + "x" * 99]
)
def test_an_unknown_zone_is_refused_with_a_reason(name: str) -> None:
    with pytest.raises(clock.ClockError, match="There is no time zone called") as error:
        clock.zone(name)
    assert "like Europe/Berlin" in str(error.value)
    assert len(str(error.value)) < 200  # a long name is cut


def test_the_list_offers_todays_names_and_old_aliases_are_still_accepted() -> None:
    choices = clock.zone_choices()
    assert choices[0] == "UTC" and {BERLIN, LA, "Asia/Kolkata"} <= set(choices)
    assert "US/Pacific" not in choices and "Etc/GMT+5" not in choices
    assert clock.zone("US/Pacific").key == "US/Pacific"


@given(
    zone=st.sampled_from([BERLIN, LA, "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]),
    minutes=st.integers(min_value=0, max_value=3 * 366 * 24 * 60),
)
def test_a_time_that_exists_comes_back_as_typed(zone: str, minutes: int) -> None:
    local = datetime(2026, 1, 1) + timedelta(minutes=minutes)
    try:
        stored = clock.to_utc(local, zone)
    except clock.ClockError:
        return  # in a gap: refused, nothing to come back
    assert clock.input_value(stored, zone) == f"{local:%Y-%m-%dT%H:%M}"
