"""Typed access to a mapping read from YAML, turning every mistake into a placed error."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from typing import Any

from quizapp.core.errors import QuizError
from quizapp.core.texts import M_, P_, Text, verbatim
from quizapp.core.yamlread import Located, Path_

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# Text is printed and stored: no control character but tab and newline (a NUL, written as
# the escape "\0", makes PostgreSQL refuse the whole import).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TYPE_NAMES = {
    str: M_("text"),
    int: M_("a whole number"),
    float: M_("a number"),
    bool: M_("true or false"),
}


class Fields:
    """A mapping at ``path`` inside a quiz file; accessors record errors and return defaults."""

    def __init__(
        self, data: Any, path: Path_, located: Located, sink: list[QuizError], file: str
    ) -> None:
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        self.path, self.located, self.sink, self.file = path, located, sink, file

    def error(self, key: str | int | None, message: Text, *, at_key: bool = False) -> None:
        """Record an error at ``key`` of this mapping (or at the mapping itself).

        A value the YAML reader already refused (a tag, a yes/no) gets no second error."""
        path = self.path if key is None else (*self.path, key)
        line, col = self.located.where(path, key=at_key)
        if any((e.line, e.column) == (line, col) for e in self.sink) and key is not None:
            return
        self.sink.append(QuizError.of(self.file, line, col, message))

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def check_keys(self, allowed: set[str], what: Text) -> None:
        """Report keys that are not ``allowed``, suggesting the nearest allowed one."""
        for key in self.data:
            if key in allowed:
                continue
            near = difflib.get_close_matches(str(key), sorted(allowed), n=1, cutoff=0.75)
            hint = (
                M_("did you mean '%(word)s'?", word=near[0])
                if near
                else M_("%(what)s takes: %(keys)s", what=what, keys=", ".join(sorted(allowed)))
            )
            message = M_("unknown key '%(key)s' in %(what)s", key=str(key), what=what)
            self.error(key, message.with_fix(hint), at_key=True)

    def _get(self, key: str, kind: type, required: bool, default: Any) -> Any:
        if not self.has(key):
            if required and key in self.data:
                message = M_("'%(key)s' has no value", key=key)
                self.error(key, message.with_fix(M_("write it after the colon")))
            elif required:
                self.error(None, M_("missing required key '%(key)s'", key=key))
            return default
        value = self.data[key]
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            ok, value = True, float(value)
        if kind is str and isinstance(value, int | float) and not isinstance(value, bool):
            # YAML has already turned 1.50 into 1.5 and 010 into 8: the text is lost.
            message = M_("'%(key)s' was read as the number %(value)s", key=key, value=str(value))
            self.error(key, message.with_fix(M_("write it in quotes to keep it as text")))
            return default
        if not ok:
            kind_name = _TYPE_NAMES[kind]
            message = M_("'%(key)s' must be %(kind)s, not %(value)s", key=key, kind=kind_name,
                         value=_describe(value))  # fmt: skip
            self.error(key, message)
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
                fix = M_("write it") if required else M_("write it or remove the key")
                self.error(key, M_("'%(key)s' is empty", key=key).with_fix(fix))
            elif len(value) > limit:
                message = P_(
                    "'%(key)s' is %(num)d character",
                    "'%(key)s' is %(num)d characters",
                    len(value), key=key, num=len(value),
                )  # fmt: skip
                self.error(key, message.with_fix(M_("keep it under %(limit)d", limit=limit)))
            elif bad := CONTROL.search(value):
                code = f"U+{ord(bad.group()):04X}"
                message = M_("'%(key)s' holds the control character %(code)s", key=key, code=code)
                self.error(key, message.with_fix(M_("delete it")))
                return default
        return value.strip() if isinstance(value, str) else default

    def ident(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self.text(key, required=required, default=default, limit=64)
        if self.has(key) and value and not ID_PATTERN.match(value):
            message = M_(
                "'%(value)s' is not a valid %(key)s: use lowercase letters, digits and hyphens",
                value=value, key=key,
            )  # fmt: skip
            self.error(key, message)
        return value

    def number(self, key: str, default: float, lo: float, hi: float) -> float:
        value: float = self._get(key, float, False, default)
        if self.has(key) and not lo <= value <= hi:
            message = M_("'%(key)s' must be between %(lo)s and %(hi)s, not %(value)s", key=key,
                         lo=f"{lo:g}", hi=f"{hi:g}", value=f"{value:g}")  # fmt: skip
            self.error(key, message)
            return default
        return value

    def whole(self, key: str, default: int, lo: int, hi: int, *, required: bool = False) -> int:
        value: int = self._get(key, int, required, default)
        if self.has(key) and not lo <= value <= hi:
            message = M_("'%(key)s' must be a whole number from %(lo)s to %(hi)s, not %(value)s",
                         key=key, lo=str(lo), hi=str(hi), value=str(value))  # fmt: skip
            self.error(key, message)
            return default
        return value

    def flag(self, key: str, default: bool) -> bool:
        value: bool = self._get(key, bool, False, default)
        return value

    def choice(self, key: str, options: tuple[str, ...], *, required: bool, default: str) -> str:
        value = self.text(key, required=required, default=default)
        if self.has(key) and value and value not in options:
            message = M_("'%(key)s' must be one of %(options)s, not '%(value)s'", key=key,
                         options=", ".join(options), value=value)  # fmt: skip
            self.error(key, message)
            return default
        return value

    def items(self, key: str, *, required: bool = False) -> Iterator[tuple[int, Any]]:
        """The entries of a list-valued key, with their positions."""
        if not self.has(key):
            if required:
                self.error(None, M_("missing required key '%(key)s'", key=key))
            return
        value = self.data[key]
        if not isinstance(value, list):
            message = M_("'%(key)s' must be a list (lines starting with '- '), not %(value)s",
                         key=key, value=_describe(value))  # fmt: skip
            self.error(key, message)
            return
        if required and not value:
            self.error(
                key, M_("'%(key)s' is empty", key=key).with_fix(M_("add at least one entry"))
            )
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
            message = M_("each entry of %(key)s must be a mapping of keys, not %(value)s",
                         key=what, value=_describe(value))  # fmt: skip
            self.error(key, message)
            return None
        return Fields(value, (*self.path, key), self.located, self.sink, self.file)

    def list_of_ids(
        self, key: str, known: Callable[[str], bool], what: IdKind, *, required: bool = False
    ) -> list[str]:
        out: list[str] = []
        where = self.child(key)
        for i, value in self.items(key, required=required):
            if value in out:
                where.error(i, M_("'%(value)s' is listed twice in '%(key)s'", value=value, key=key))
            elif not isinstance(value, str):
                message = M_("each entry of '%(key)s' must be %(kind)s, not %(value)s", key=key,
                             kind=what.an_id, value=_describe(value))  # fmt: skip
                where.error(i, message)
            elif not known(value):
                where.error(i, what.unknown(value))
            else:
                out.append(value)
        return out


class IdKind:
    """What ids a list holds (``list_of_ids``), in the words its messages need."""

    SKILL: IdKind

    def __init__(self, an_id: Text, unknown: Callable[[str], Text]) -> None:
        self.an_id, self.unknown = an_id, unknown


IdKind.SKILL = IdKind(M_("skill id"), lambda v: M_("unknown skill '%(value)s'", value=v))


def did_you_mean(word: str, known: list[str]) -> Text | None:
    """A fix naming the closest known word ("did you mean ...?"), or None."""
    near = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
    return M_("did you mean '%(word)s'?", word=near[0]) if near else None


def _describe(value: Any) -> Text:
    if value is None:
        return M_("nothing")
    if isinstance(value, bool):
        return M_("%(value)s (a yes/no value)", value=str(value).lower())
    if isinstance(value, dict):
        return M_("a mapping")
    if isinstance(value, list):
        return M_("a list")
    if isinstance(value, int | float):
        return M_("the number %(value)s", value=str(value))
    return verbatim(f"'{value}'") if len(str(value)) < 40 else M_("text")
