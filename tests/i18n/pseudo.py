"""A pseudo-language for finding English that never passed through the catalogue: every
message is rewritten with accented look-alike letters ("Log in" -> "Ŀóĝ íñ"), placeholders and
markup kept, so any plain ASCII word left on a rendered page is a string nobody wrapped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from tests.i18n.catalogues import extracted

CODE = "eo"  # Esperanto's code carries the pseudo-language: quizapp ships no Esperanto
_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "áƀçďéƒĝĥíĵķĺɱñóþʠŕšţúṽŵẋýžÁƁÇĎÉƑĜĤÍĴĶĹṀÑÓÞɊŔŠŢÚṼŴẊÝŽ"
_KEEP = re.compile(r"%\([^)]*\)[sdfr]|%[sdfr]|\{[^}]*\}|<[^>]*>|&#?\w+;")
_TABLE = str.maketrans(_PLAIN, _ACCENTED)


def pseudo(text: str) -> str:
    """``text`` with every letter outside placeholders, tags and entities accented."""
    out, at = [], 0
    for m in _KEEP.finditer(text):
        out.append(text[at : m.start()].translate(_TABLE))
        out.append(m.group())
        at = m.end()
    out.append(text[at:].translate(_TABLE))
    return "".join(out)


def build(folder: Path) -> Path:
    """Compile the pseudo catalogue of every message in the sources under ``folder``."""
    catalog = Catalog(locale=CODE)
    for message in extracted():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            string: str | tuple[str, ...] = tuple(pseudo(message.id[min(i, 1)]) for i in range(2))
        else:
            string = pseudo(message.id)
        catalog.add(message.id, string, context=message.context)
    target = folder / CODE / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as f:
        write_mo(f, catalog)
    return folder


_ENGLISH = re.compile(r"[A-Za-z]{2,}")
_VISIBLE_ATTRS = ("title", "placeholder", "aria-label", "alt", "aria-description")
_HIDDEN = {"script", "style", "noscript"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}  # fmt: skip


class _Text(HTMLParser):
    """Visible text of a page, skipping data: elements in another language (quiz texts) and
    elements marked ``translate="no"`` (names, codes)."""

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[bool] = []  # whether each open element is skipped
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        skipped = bool(self.stack and self.stack[-1]) or tag in _HIDDEN
        lang = a.get("lang")
        if a.get("translate") == "no" or (lang is not None and lang != self.page_lang):
            skipped = True
        if not skipped:
            for name in _VISIBLE_ATTRS:
                if a.get(name):
                    self.found.append(str(a[name]))
            if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
                self.found.append(str(a["value"]))
        if tag not in _VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]) and data.strip():
            self.found.append(data.strip())


def english_left(
    html: str, allowed: set[str], page_lang: str = CODE, data: Iterable[str] = ()
) -> list[str]:
    """The visible texts of a page rendered in the pseudo-language (or in ``page_lang``, a
    language written without Latin letters) that hold an English word (two or more plain
    letters) other than the ``allowed`` data (names, brand, codes)."""
    parser = _Text(page_lang)
    parser.feed(html)
    gaps = []
    # Data in a place that cannot carry its own lang (a <title>, an <option>): longest first.
    pieces = sorted({d for d in data if d}, key=len, reverse=True)
    for text in parser.found:
        rest = text
        for piece in pieces:
            rest = rest.replace(piece, " ")
        words = [w for w in _ENGLISH.findall(rest) if w not in allowed]
        if words:
            gaps.append(text[:120])
    return gaps
