"""Every language's catalogue holds every message of the sources, translated, not fuzzy, with
the same placeholders and the language's number of plural forms: a gap fails CI, not a page."""

from __future__ import annotations

import pytest
from babel.messages.checkers import python_format
from babel.messages.pofile import read_po

from quizapp.i18n import LANGUAGES
from tests.i18n.catalogues import TRANSLATIONS, extracted

TRANSLATED = [code for code in LANGUAGES if code != "en"]


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_catalogue_is_complete(code: str) -> None:
    path = TRANSLATIONS / code / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale=code)
    missing, empty, fuzzy, broken = [], [], [], []
    for message in extracted():
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        if found is None:
            missing.append(_key(message.id))
            continue
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        if not all(strings) or len(strings) != (catalog.num_plurals if found.pluralizable else 1):
            empty.append(_key(message.id))
        elif found.fuzzy:
            fuzzy.append(_key(message.id))
        else:
            try:
                python_format(catalog, found)
            except Exception as exc:  # TranslationError: what the placeholders disagree on
                broken.append(f"{_key(message.id)!r}: {exc}")
    hint = "run `make messages`, then translate (docs/translating.md)"
    assert not missing, (
        f"{code}: {len(missing)} message(s) not in the catalogue ({hint}): {missing[:5]}"
    )
    assert not empty, f"{code}: {len(empty)} untranslated: {empty[:5]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy (check, then remove the flag): {fuzzy[:5]}"
    assert not broken, f"{code}: placeholders differ from the English: {broken[:5]}"


def test_a_broken_placeholder_is_caught() -> None:
    """The check above is real: a translation that drops a placeholder fails it."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="es")
    message = catalog.add("Due %(when)s", "Para el %(cuando)s", flags=["python-format"])
    with pytest.raises(Exception, match="placeholder|cuando|when"):
        python_format(catalog, message)
