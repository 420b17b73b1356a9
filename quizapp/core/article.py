"""Articles: UTF-8 plain text, first line the headline, then one paragraph per line."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from quizapp.core.anchor import fold
from quizapp.core.texts import M_, P_, Text, verbatim
from quizapp.core.tokenize import Token, class_letters, make_tokens, token_spans

MAX_ARTICLE_BYTES = 1024 * 1024


class ArticleError(ValueError):
    """An article file that cannot be read as text; ``text`` the reason as a ``Text``."""

    def __init__(self, message: str | Text) -> None:
        super().__init__(str(message))
        self.text = message if isinstance(message, Text) else verbatim(message)


@dataclass(frozen=True)
class Block:
    """The headline (number 0) or a paragraph (numbered from 1), as offsets into the text."""

    number: int
    start: int
    end: int

    @property
    def is_headline(self) -> bool:
        return self.number == 0


@dataclass(frozen=True)
class Article:
    """An article's text, split into blocks and word tokens."""

    name: str
    text: str
    blocks: tuple[Block, ...] = field(repr=False)

    @classmethod
    def from_text(cls, name: str, text: str) -> Article:
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        blocks: list[Block] = []
        offset = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if stripped:
                start = offset + line.index(stripped)
                blocks.append(Block(len(blocks), start, start + len(stripped)))
            offset += len(line) + 1
        if not blocks:
            message = M_("%(name)s: the article is empty", name=name)
            raise ArticleError(message.with_fix(M_("write the headline on line 1")))
        return cls(name, text, tuple(blocks))

    @property
    def headline(self) -> str:
        return self.block_text(self.blocks[0])

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return self.blocks[1:]

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        starts, ends, blocks = self._offsets
        out: list[Token] = []
        for number, r in blocks.items():
            part = slice(r.start, r.stop)
            out += make_tokens(self.text, starts[part], ends[part], number, r.start)
        return tuple(out)

    @cached_property  # each quote is anchored in it
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def block_at(self, offset: int) -> Block:
        """The block containing a character offset (or the one before a gap)."""
        found = self.blocks[0]
        for block in self.blocks:
            if block.start <= offset:
                found = block
        return found

    @cached_property
    def _offsets(self) -> tuple[tuple[int, ...], tuple[int, ...], dict[int, range]]:
        """Every token's start and end (both ascend: tokens are in text order and never
        overlap), and the tokens of each block that has any. Loading a quiz needs only
        these: building the Tokens, thousands of objects an article, waits for ``tokens``.
        Tuples, not lists: the garbage collector stops looking into a tuple of numbers, but
        walks every item of a list in each full collection (a bank holds a million)."""
        letters = class_letters(self.text)  # once: the text between blocks is only space
        spans: list[tuple[int, int]] = []
        blocks: dict[int, range] = {}
        for block in self.blocks:
            first = len(spans)
            spans += token_spans(letters, block.start, block.end)
            if len(spans) > first:
                blocks[block.number] = range(first, len(spans))
        starts, ends = zip(*spans, strict=True) if spans else ((), ())
        return starts, ends, blocks

    def token_span(self, start: int, end: int) -> range:
        """Indexes of the tokens that overlap the characters [start, end)."""
        starts, ends, _ = self._offsets
        first, stop = bisect_right(ends, start), bisect_left(starts, end)
        return range(first, stop) if first < stop else range(0)

    def token_bounds(self, index: int) -> tuple[int, int]:
        """The start and end offsets of token ``index`` (``tokens[index]``'s)."""
        starts, ends, _ = self._offsets
        return starts[index], ends[index]

    def block_tokens(self, number: int) -> range:
        return self._offsets[2].get(number, range(0))


def read_article(path: Path) -> Article:
    """Read an article file, refusing what is not reasonable UTF-8 text."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        message = M_(
            "%(name)s: cannot read the article (%(reason)s)", name=path.name,
            reason=str(exc.strerror),
        )  # fmt: skip
        raise ArticleError(message) from exc
    if size > MAX_ARTICLE_BYTES:
        message = P_(
            "%(name)s: the article is %(size)d byte",
            "%(name)s: the article is %(size)d bytes",
            size, name=path.name, size=size,
        )  # fmt: skip
        limit = M_("the limit is %(limit)d", limit=MAX_ARTICLE_BYTES)
        raise ArticleError(message.with_fix(limit))
    data = path.read_bytes()
    if b"\x00" in data:
        message = M_("%(name)s: the article is binary, not text", name=path.name)
        raise ArticleError(message.with_fix(M_("save it as UTF-8 text")))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = M_(
            "%(name)s: the article is not UTF-8 (line %(line)d, column %(column)d)",
            name=path.name, line=line, column=column,
        )  # fmt: skip
        raise ArticleError(message.with_fix(M_("save it as UTF-8"))) from exc
    return Article.from_text(path.name, text)
