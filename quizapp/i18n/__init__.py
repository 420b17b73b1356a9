"""The interface's language (issue 16): which language a request gets, the switch between
languages, and number and date formats that follow it. Flask-Babel does the work; the
catalogues are ``quizapp/translations/<code>/LC_MESSAGES/messages.po`` (docs/translating.md).

Which language: the person's saved choice (on their account, or in a cookie before they log
in), else the browser's ``Accept-Language``, else the installation's ``DEFAULT_LANGUAGE``.
Anything unknown falls back quietly."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from flask import Flask, current_app, has_app_context, request
from flask_babel import Babel, force_locale, get_locale
from markupsafe import Markup

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
# The languages offered, each in its own name (a reader looks for their own language).
LANGUAGES: Mapping[str, str] = {"en": "English", "es": "Español", "ru": "Русский", "ar": "العربية"}
RTL = frozenset({"ar", "fa", "he", "ur"})
COOKIE = "lang"
COOKIE_DAYS = 365


def offered() -> Mapping[str, str]:
    """The languages of this installation: the shipped ones and any a test adds."""
    extra: Mapping[str, str] = current_app.config.get("EXTRA_LANGUAGES") or {}
    return {**LANGUAGES, **extra}


def choose(
    saved: str | None,
    cookie: str | None,
    accepted: Iterable[str],
    default: str,
    languages: Iterable[str],
) -> str:
    """The language for a request, from the saved choice, the cookie, then the browser's
    languages in its order of preference (``es-MX`` matches ``es``), then ``default``."""
    known = set(languages)
    for code in (saved, cookie):
        if code and code in known:
            return code
    for tag in accepted:
        base = tag.replace("_", "-").split("-")[0].lower()
        if tag in known:
            return tag
        if base in known:
            return base
    return default if default in known else "en"


def _select() -> str:
    from flask_login import current_user

    saved = getattr(current_user, "language", None) if current_user else None
    return choose(
        saved,
        request.cookies.get(COOKIE),
        request.accept_languages.values(),
        current_app.config.get("DEFAULT_LANGUAGE") or "en",
        offered(),
    )


def direction(code: str | None = None) -> str:
    """``rtl`` or ``ltr`` for a language code (the request's by default)."""
    code = code or str(get_locale() or "en")
    return "rtl" if code.split("_")[0].split("-")[0] in RTL else "ltr"


def notes_language(quiz_language: str) -> str:
    """The language of what is said about a quiz's article (the feedback's marks, legend and
    notes): the quiz's own when this installation speaks it, else the reader's. A class
    reading a Spanish article learns the words for what it finds in Spanish."""
    base = quiz_language.replace("_", "-").split("-")[0].lower()
    if not has_app_context():  # the notes built alone, as in tests: English
        return "en"
    return base if base in offered() else str(get_locale() or "en")


def in_language(code: str, caller: Callable[[], Markup]) -> Markup:
    """``{% call in_language(code) %}…{% endcall %}``: the block rendered in ``code``."""
    with force_locale(code):
        return caller()


def init_app(app: Flask) -> None:
    app.config.setdefault("DEFAULT_LANGUAGE", "en")
    dirs = app.config.get("BABEL_TRANSLATION_DIRECTORIES")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = dirs or str(TRANSLATIONS)
    Babel(app, locale_selector=_select)
    app.jinja_env.globals.update(
        in_language=in_language, notes_language=notes_language, direction=direction
    )

    @app.context_processor
    def language() -> dict[str, object]:
        code = str(get_locale() or "en")
        return {"ui_lang": code.replace("_", "-"), "ui_dir": direction(code),
                "ui_languages": offered()}  # fmt: skip

    from quizapp.i18n import formats, views

    formats.init_app(app)
    app.register_blueprint(views.bp)
