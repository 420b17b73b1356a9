"""A teacher's article, pasted or uploaded, made into the text the core reads: UTF-8 checked,
size limited, headline and paragraphs normalised, its language and direction guessed.

Plain functions, no request needed: every refusal is an ``IntakeError`` with a message to
show, in the reader's language inside a request and in English outside one."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from flask_babel import gettext as _

from quizapp.assistant.text import guess_language
from quizapp.core.model import RTL_LANGUAGES

MAX_BYTES = 200 * 1024  # far above any news article; keeps the assistant's reply quick
# Bidi embeddings, overrides and isolates: they make the text read other than it is stored.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")


class IntakeError(ValueError):
    """An article that cannot be used, with a reason the teacher can act on."""


@dataclass(frozen=True)
class Intake:
    """The normalised article: the headline on line 1, then one paragraph a line."""

    text: str
    language: str
    direction: str

    @property
    def headline(self) -> str:
        return self.text.split("\n", 1)[0]


def decode(data: bytes, filename: str) -> str:
    """An uploaded file's text: UTF-8 only (a BOM is allowed), nothing binary."""
    if len(data) > MAX_BYTES:
        raise IntakeError(too_big(len(data)))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (data and data.count(b"\x00") > len(data) // 4):
        raise IntakeError(
            _(
                "%(name)s is saved as UTF-16; save it as UTF-8 (in most editors: Save as, "
                "Encoding: UTF-8) and upload it again.",
                name=filename,
            )
        )
    if b"\x00" in data:
        raise IntakeError(
            _("%(name)s is not a text file; upload a .txt file saved as UTF-8.", name=filename)
        )
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise IntakeError(
            _(
                "%(name)s is not UTF-8 (byte %(byte)s cannot be read); save it as UTF-8 "
                "and upload it again.",
                name=filename,
                byte=exc.start + 1,
            )
        ) from None


def too_big(size: int) -> str:
    return _(
        "The article is %(size)s KB; the limit is %(limit)s KB. "
        "Paste only the article itself, without comments or page menus.",
        size=size // 1024 + 1,
        limit=MAX_BYTES // 1024,
    )


def normalise(text: str) -> str:
    """Headline on line 1, then paragraphs one a line: NFC, no control or bidi characters,
    runs of spaces made one. Paragraphs are parted by blank lines when the text has any
    (the lines within one are joined), otherwise each line is a paragraph."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub(" ", _BIDI_CONTROLS.sub("", text.replace("\t", " ")))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    if "" in lines[1:-1] and any(lines):
        chunks, current = [], []
        for line in lines:
            if line:
                current.append(line)
            elif current:
                chunks.append(" ".join(current))
                current = []
        if current:
            chunks.append(" ".join(current))
        paragraphs = chunks
    else:
        paragraphs = [line for line in lines if line]
    return "\n".join(paragraphs) + "\n" if paragraphs else ""


def take_in(text: str, language: str = "", direction: str = "") -> Intake:
    """The article as the editor uses it; ``language`` and ``direction`` as the teacher chose
    them, guessed when empty."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise IntakeError(too_big(len(text.encode("utf-8", "surrogatepass"))))
    clean = normalise(text)
    if not clean:
        raise IntakeError(_("The article is empty: paste its headline and paragraphs."))
    if "\n" not in clean.rstrip("\n"):
        raise IntakeError(
            _("Only a headline was found: paste the paragraphs below it, one or more.")
        )
    language = language or guess_language(clean)
    if direction not in ("ltr", "rtl"):
        direction = "rtl" if language.split("-")[0] in RTL_LANGUAGES else "ltr"
    return Intake(clean, language, direction)
