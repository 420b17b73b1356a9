"""The class's clock on the web: Jinja filters that show a stored UTC time in a class's zone,
and form fields that read a time typed in it (the rules are in ``quizapp.core.clock``)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Protocol

from babel import Locale
from babel.dates import format_skeleton
from flask import Flask
from flask_babel import get_locale
from flask_babel import gettext as _
from jinja2 import Undefined
from wtforms import DateTimeLocalField, SelectChoice, SelectField, ValidationError

from quizapp.core import clock


class Zoned(Protocol):
    timezone: str


def zone_of(where: Zoned | str | None) -> str:
    """The zone name of a class (or a name itself); UTC for nothing, as before zones."""
    if where is None or isinstance(where, Undefined):
        return clock.DEFAULT_ZONE
    return where if isinstance(where, str) else where.timezone


def classtime(moment: datetime | None, where: Zoned | str | None, named: bool = True) -> str:
    """``{{ a.due_at|classtime(room) }}``: "04 Dec 2026, 23:59 CET (Europe/Berlin)", in the
    class's zone; in the reader's language when it is not English ("6 dic 2030, 9:00 CET")."""
    if moment is None:
        return "—"
    name = zone_of(where)
    locale = get_locale()
    if locale is None or locale.language == "en":  # the house style, as before languages
        return clock.format_time(moment, name, named=named)
    local = clock.in_zone(moment, name)
    short, key = clock.abbreviation(local), str(local.tzinfo)
    zone = f"{short} ({key})" if named and key != short else short
    if locale.character_order == "right-to-left":
        zone = f"\u2066{zone}\u2069"  # the zone's Latin name kept whole in a right-to-left line
    return f"{_day_and_time(local, locale)} {zone}"


def _day_and_time(local: datetime, locale: Locale) -> str:
    """A wall-clock time as the locale writes a day and a time: "6 dic 2030, 9:00"."""
    day = format_skeleton("yMMMd", local, locale=locale)
    time = format_skeleton("Hm", local, locale=locale)
    pattern = str(locale.datetime_formats.get("medium", "{1}, {0}"))
    return pattern.replace("{1}", day).replace("{0}", time)


def classinput(moment: datetime, where: Zoned | str | None) -> str:
    """``{{ d|classinput(room) }}``: a datetime-local value in the class's zone."""
    return clock.input_value(moment, zone_of(where))


def classday(moment: datetime, where: Zoned | str | None) -> str:
    """``{{ a.due_at|classday(room) }}``: "04 Dec", the day in the class's zone (in the
    reader's language when it is not English)."""
    locale = get_locale()
    if locale is None or locale.language == "en":
        return clock.format_day(moment, zone_of(where))
    return str(format_skeleton("MMMd", clock.in_zone(moment, zone_of(where)), locale=locale))


class ClassTimeField(DateTimeLocalField):  # type: ignore[misc]
    """A datetime-local input read in the form's zone (``meta.zone``: build the form with
    ``meta={"zone": name}``); its data is naive UTC, ready to store and to compare with
    ``utcnow()``. A time in the gap is a field error saying when the clocks jump."""

    data: datetime | None

    def __init__(self, label: str, validators: Any = None, **kwargs: Any) -> None:
        super().__init__(label, validators, format=clock.INPUT, **kwargs)

    @property
    def zone(self) -> str:
        return str(getattr(self.meta, "zone", clock.DEFAULT_ZONE))

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        return clock.input_value(self.data, self.zone) if self.data else ""

    def process_formdata(self, valuelist: list[str]) -> None:
        super().process_formdata(valuelist)  # a naive wall-clock time, or a ValueError
        local: datetime | None = self.data
        if local is None:
            return
        kept = self.object_data
        # The time shown sent back unchanged keeps its instant: the second 02:30 of the
        # fold would otherwise become the first when someone edits another field.
        if kept is not None and clock.input_value(kept, self.zone) == f"{local:{clock.INPUT}}":
            self.data = kept
            return
        try:
            self.data = clock.to_utc(local, self.zone)
        except clock.ClockError as exc:
            self.data = None
            raise ValueError(_skipped(local, self.zone, exc)) from exc


# core.clock's English for a time the clocks skip; the times it names are read back from it.
_GAP = re.compile(
    r".+ does not exist in \S+: the clocks go forward from (?P<first>.+) to (?P<then>.+)\. "
    r"Choose a time before .+ or from .+ on\."
)


def _skipped(local: datetime, zone: str, exc: clock.ClockError) -> str:
    """Why a typed time cannot be used, in the reader's language: the time the teacher typed
    in their way, the clocks' jump as the core found it (English if it says something else)."""
    found = _GAP.fullmatch(str(exc))
    if found is None:
        return str(exc)
    locale = get_locale()
    typed = (
        f"{local:{clock.SHOWN}}"
        if locale is None or locale.language == "en"
        else _day_and_time(local, locale)
    )
    return str(
        _(
            "%(time)s does not exist in %(zone)s: the clocks go forward from %(first)s to "
            "%(then)s. Choose a time before %(first)s or from %(then)s on.",
            time=typed, zone=zone, first=found["first"], then=found["then"],
        )
    )  # fmt: skip


def _known_zone(form: Any, field: SelectField) -> None:
    name = field.data or ""
    if name not in clock.zone_names():
        shown = name if len(name) <= clock.MAX_NAME else name[: clock.MAX_NAME] + "…"
        raise ValidationError(
            _(
                "There is no time zone called “%(name)s”: choose one from the list, like "
                "Europe/Berlin or America/Los_Angeles.",
                name=shown,
            )
        )


class ZoneField(SelectField):  # type: ignore[misc]
    """A select of the zones, UTC first. Any name this machine knows is accepted, an old
    alias such as US/Pacific too (then offered first, so the class's own stays selected);
    another name is a field error that says so."""

    def __init__(self, label: str = "Time zone", validators: Any = None, **kwargs: Any) -> None:
        super().__init__(
            label, [*(validators or ()), _known_zone], default=clock.DEFAULT_ZONE,
            validate_choice=False, **kwargs,
        )  # fmt: skip
        self.choices = [_option(n) for n in clock.zone_choices()]

    def process(self, *args: Any, **kwargs: Any) -> None:
        super().process(*args, **kwargs)
        name = self.data
        if name and name not in clock.zone_choices() and name in clock.zone_names():
            self.choices = [_option(name), *self.choices]


def _option(name: str) -> SelectChoice:
    return SelectChoice(name, name.replace("_", " "))


def init_app(app: Flask) -> None:
    app.add_template_filter(classtime)
    app.add_template_filter(classday)
    app.add_template_filter(classinput)
