"""A class's clock: times typed and shown in an IANA time zone, stored as naive UTC.

Everything stored stays naive UTC; this module is the one place that turns a wall-clock time
in a zone into a stored instant and back. Two nights a year need a rule:

* the gap, when clocks go forward (02:30 does not exist in Europe/Berlin on 28 March 2027),
  is refused with a :class:`ClockError` that says which times do exist: a due date never
  moves by itself;
* the fold, when clocks go back (02:30 happens twice in Europe/Berlin on 25 October 2026),
  means the first of the two, the earlier instant (still on summer time). Every time shown
  carries the zone's abbreviation (02:30 CEST, then 02:30 CET), so the two are told apart.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

DEFAULT_ZONE = "UTC"
MAX_NAME = 64  # the width of classrooms.timezone
# The areas of today's zone names; the rest (US/Pacific, Etc/GMT+5, EST5EDT...) are old
# aliases: accepted when sent, but not offered in the list.
AREAS = (
    "Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/",
    "Europe/", "Indian/", "Pacific/",
)  # fmt: skip
INPUT = "%Y-%m-%dT%H:%M"  # an HTML datetime-local value
SHOWN = "%d %b %Y, %H:%M"


class ClockError(ValueError):
    """A time zone or a local time that cannot be used, with a reason a person can act on."""


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Every zone name this machine knows (the system's data or the tzdata package)."""
    return frozenset(available_timezones() | {DEFAULT_ZONE})


@lru_cache(maxsize=1)
def zone_choices() -> tuple[str, ...]:
    """The names to offer in a list: UTC first, then today's names in alphabetical order."""
    return (DEFAULT_ZONE, *sorted(n for n in zone_names() if n.startswith(AREAS)))


def zone(name: str) -> ZoneInfo:
    """The zone of an IANA name, or a ClockError naming what was sent."""
    if name not in zone_names():
        shown = name if len(name) <= MAX_NAME else name[:MAX_NAME] + "…"
        raise ClockError(
            f"There is no time zone called “{shown}”: choose one from the list, "
            "like Europe/Berlin or America/Los_Angeles."
        )
    return ZoneInfo(name)


def to_utc(local: datetime, name: str) -> datetime:
    """The naive UTC instant of a wall-clock time in the zone. In the fold, the earlier
    instant; in the gap, a ClockError saying when the clocks jump."""
    tz = zone(name)
    utc = local.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if utc.astimezone(tz).replace(tzinfo=None) != local:
        raise ClockError(_gap_message(local, tz))
    return utc.replace(tzinfo=None)


def _gap_message(local: datetime, tz: ZoneInfo) -> str:
    # Inside a gap, fold=0 reads the time with the offset before the jump and fold=1 with
    # the offset after; the jump itself lies between the two readings.
    before = local.replace(tzinfo=tz, fold=0).utcoffset() or timedelta()
    after = local.replace(tzinfo=tz, fold=1).utcoffset() or timedelta()
    lo, hi = local - after, local - before  # naive UTC: old offset at lo, new one at hi
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if mid.replace(tzinfo=UTC).astimezone(tz).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    jump = hi.replace(microsecond=0)
    start, end = jump + before, jump + after
    shape = "%H:%M" if start.date() == end.date() else SHOWN  # Samoa skipped a whole day
    first, then = f"{start:{shape}}", f"{end:{shape}}"
    return (
        f"{local:{SHOWN}} does not exist in {tz.key}: the clocks go forward from {first} "
        f"to {then}. Choose a time before {first} or from {then} on."
    )


def in_zone(moment: datetime, name: str) -> datetime:
    """A stored naive UTC datetime as an aware datetime in the zone (UTC if the name is
    unknown here, so a page still shows a true, labelled time)."""
    tz = ZoneInfo(name) if name in zone_names() else ZoneInfo(DEFAULT_ZONE)
    return moment.replace(tzinfo=UTC).astimezone(tz)


def abbreviation(local: datetime) -> str:
    """The zone's short name at that moment: CET, PST; UTC+03 where the data has only a
    number (Europe/Istanbul says "+03")."""
    short = local.tzname() or ""
    return f"UTC{short}" if short[:1] in ("+", "-") else short


def format_time(moment: datetime, name: str, *, named: bool = True) -> str:
    """A stored UTC time as read in the zone: "04 Dec 2026, 23:59 CET (Europe/Berlin)";
    without the zone's name when ``named`` is false (a table whose heading names it)."""
    local = in_zone(moment, name)
    short = abbreviation(local)
    key = str(local.tzinfo)
    text = f"{local:{SHOWN}} {short}"
    return f"{text} ({key})" if named and key != short else text


def format_day(moment: datetime, name: str) -> str:
    """The day of a stored UTC time in the zone: "04 Dec"."""
    return f"{in_zone(moment, name):%d %b}"


def input_value(moment: datetime, name: str) -> str:
    """A stored UTC time as a datetime-local value in the zone."""
    return f"{in_zone(moment, name):{INPUT}}"
