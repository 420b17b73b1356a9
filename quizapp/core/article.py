"""Articles: UTF-8 plain text, first line the headline, then one paragraph per line."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from quizapp.core.tokenize import Token, tokenize

MAX_ARTICLE_BYTES = 1024 * 1024


class ArticleError(ValueError):
    """An article file that cannot be read as text."""


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
            raise ArticleError(f"{name}: the article is empty; write the headline on line 1")
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
        out: list[Token] = []
        for block in self.blocks:
            out.extend(tokenize(self.text, block.start, block.end, block.number, len(out)))
        return tuple(out)

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
    def _bounds(self) -> tuple[list[int], list[int]]:
        # Tokens are in text order and never overlap: starts and ends both ascend.
        return [t.start for t in self.tokens], [t.end for t in self.tokens]

    @cached_property
    def _block_ranges(self) -> dict[int, range]:
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for t in self.tokens:
            first.setdefault(t.block, t.index)
            last[t.block] = t.index
        return {b: range(first[b], last[b] + 1) for b in first}

    def token_span(self, start: int, end: int) -> range:
        """Indexes of the tokens that overlap the characters [start, end)."""
        starts, ends = self._bounds
        first, stop = bisect_right(ends, start), bisect_left(starts, end)
        return range(first, stop) if first < stop else range(0)

    def block_tokens(self, number: int) -> range:
        return self._block_ranges.get(number, range(0))


def read_article(path: Path) -> Article:
    """Read an article file, refusing what is not reasonable UTF-8 text."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ArticleError(f"{path.name}: cannot read the article ({exc.strerror})") from exc
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{path.name}: the article is {size} bytes; the limit is {MAX_ARTICLE_BYTES}"
        )
    data = path.read_bytes()
    if b"\x00" in data:
        raise ArticleError(f"{path.name}: the article is binary, not text; save it as UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ArticleError(
            f"{path.name}: the article is not UTF-8 (line {line}, column {column}); "
            "save it as UTF-8"
        ) from exc
    return Article.from_text(path.name, text)
