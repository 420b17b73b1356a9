"""Typed access to a mapping read from YAML, turning every mistake into a placed error."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from typing import Any

from quizapp.core.errors import QuizError
from quizapp.core.yamlread import Located, Path_

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# Text is printed and stored: no control character but tab and newline (a NUL, written as
# the escape "\0", makes PostgreSQL refuse the whole import).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}


class Fields:
    """A mapping at ``path`` inside a quiz file; accessors record errors and return defaults."""

    def __init__(
        self, data: Any, path: Path_, located: Located, sink: list[QuizError], file: str
    ) -> None:
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        self.path, self.located, self.sink, self.file = path, located, sink, file

    def error(self, key: str | int | None, message: str, *, at_key: bool = False) -> None:
        """Record an error at ``key`` of this mapping (or at the mapping itself).

        A value the YAML reader already refused (a tag, a yes/no) gets no second error."""
        path = self.path if key is None else (*self.path, key)
        line, col = self.located.where(path, key=at_key)
        if any((e.line, e.column) == (line, col) for e in self.sink) and key is not None:
            return
        self.sink.append(QuizError(self.file, line, col, message))

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def check_keys(self, allowed: set[str], what: str) -> None:
        """Report keys that are not ``allowed``, suggesting the nearest allowed one."""
        for key in self.data:
            if key in allowed:
                continue
            near = difflib.get_close_matches(str(key), sorted(allowed), n=1, cutoff=0.75)
            hint = (
                f"; did you mean '{near[0]}'?"
                if near
                else f"; {what} takes: " + ", ".join(sorted(allowed))
            )
            self.error(key, f"unknown key '{key}' in {what}{hint}", at_key=True)

    def _get(self, key: str, kind: type, required: bool, default: Any) -> Any:
        if not self.has(key):
            if required and key in self.data:
                self.error(key, f"'{key}' has no value; write it after the colon")
            elif required:
                self.error(None, f"missing required key '{key}'")
            return default
        value = self.data[key]
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            ok, value = True, float(value)
        if kind is str and isinstance(value, int | float) and not isinstance(value, bool):
            # YAML has already turned 1.50 into 1.5 and 010 into 8: the text is lost.
            self.error(
                key,
                f"'{key}' was read as the number {value}; write it in quotes to keep it as text",
            )
            return default
        if not ok:
            self.error(key, f"'{key}' must be {_TYPE_NAMES[kind]}, not {_describe(value)}")
            return default
        return value

    def text(
        self, key: str, *, required: bool = False, default: str = "", limit: int = 2000
    ) -> str:
        value = self.data.get(key)
        if type(value) is str and len(value) <= limit and not CONTROL.search(value):
            stripped = value.strip()
            if stripped:  # fine text, the usual case: what the checks below return for it
                return stripped
        value = self._get(key, str, required, default)
        if self.has(key) and isinstance(self.data[key], str):
            if not value.strip():
                fix = "write it" if required else "write it or remove the key"
                self.error(key, f"'{key}' is empty; {fix}")
            elif len(value) > limit:
                self.error(key, f"'{key}' is {len(value)} characters; keep it under {limit}")
            elif bad := CONTROL.search(value):
                code = f"U+{ord(bad.group()):04X}"
                self.error(key, f"'{key}' holds the control character {code}; delete it")
                return default
        return value.strip() if isinstance(value, str) else default

    def ident(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self.text(key, required=required, default=default, limit=64)
        if self.has(key) and value and not ID_PATTERN.match(value):
            self.error(
                key, f"'{value}' is not a valid {key}: use lowercase letters, digits and hyphens"
            )
        return value

    def number(self, key: str, default: float, lo: float, hi: float) -> float:
        value: float = self._get(key, float, False, default)
        if self.has(key) and not lo <= value <= hi:
            self.error(key, f"'{key}' must be between {lo:g} and {hi:g}, not {value:g}")
            return default
        return value

    def whole(self, key: str, default: int, lo: int, hi: int, *, required: bool = False) -> int:
        value: int = self._get(key, int, required, default)
        if self.has(key) and not lo <= value <= hi:
            self.error(key, f"'{key}' must be a whole number from {lo} to {hi}, not {value}")
            return default
        return value

    def flag(self, key: str, default: bool) -> bool:
        value: bool = self._get(key, bool, False, default)
        return value

    def choice(self, key: str, options: tuple[str, ...], *, required: bool, default: str) -> str:
        value = self.text(key, required=required, default=default)
        if self.has(key) and value and value not in options:
            self.error(key, f"'{key}' must be one of {', '.join(options)}, not '{value}'")
            return default
        return value

    def items(self, key: str, *, required: bool = False) -> Iterator[tuple[int, Any]]:
        """The entries of a list-valued key, with their positions."""
        if not self.has(key):
            if required:
                self.error(None, f"missing required key '{key}'")
            return
        value = self.data[key]
        if not isinstance(value, list):
            self.error(
                key, f"'{key}' must be a list (lines starting with '- '), not {_describe(value)}"
            )
            return
        if required and not value:
            self.error(key, f"'{key}' is empty; add at least one entry")
        yield from enumerate(value)

    def child(self, *keys: str | int) -> Fields:
        value: Any = self.data
        for k in keys:
            if isinstance(value, dict):
                value = value.get(k)
            elif isinstance(value, list) and isinstance(k, int) and k < len(value):
                value = value[k]
            else:
                value = None
        return Fields(value, (*self.path, *keys), self.located, self.sink, self.file)

    def mapping(self, key: str | int, value: Any, what: str) -> Fields | None:
        """A child mapping, or an error saying it should be one."""
        if not isinstance(value, dict):
            self.error(
                key, f"each entry of {what} must be a mapping of keys, not {_describe(value)}"
            )
            return None
        return Fields(value, (*self.path, key), self.located, self.sink, self.file)

    def list_of_ids(
        self, key: str, known: Callable[[str], bool], what: str, *, required: bool = False
    ) -> list[str]:
        out: list[str] = []
        where = self.child(key)
        for i, value in self.items(key, required=required):
            if value in out:
                where.error(i, f"'{value}' is listed twice in '{key}'")
            elif not isinstance(value, str):
                where.error(i, f"each entry of '{key}' must be {what} id, not {_describe(value)}")
            elif not known(value):
                where.error(i, f"unknown {what} '{value}'")
            else:
                out.append(value)
        return out


def did_you_mean(word: str, known: list[str]) -> str:
    """A '; did you mean ...?' suffix naming the closest known word, or nothing."""
    near = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
    return f"; did you mean '{near[0]}'?" if near else ""


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"'{value}'" if len(str(value)) < 40 else "text"
