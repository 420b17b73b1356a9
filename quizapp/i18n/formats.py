"""Numbers, percentages and dates in the request's language (Babel's CLDR data): "0,85" in
Spanish, "85 %" in Russian, Arabic-Indic digits where the locale writes them."""

from __future__ import annotations

from flask import Flask
from flask_babel import format_decimal, format_percent


def number(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(format_decimal(value, format=pattern))


def percent(value: float | None, digits: int = 0) -> str:
    """A fraction (0.85) as a percentage in the request's language."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return str(format_percent(value, format=pattern))


def init_app(app: Flask) -> None:
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["percent"] = percent
