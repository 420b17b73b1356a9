"""Read a YAML file strictly into plain data, remembering where every value stands.

PyYAML's safe loader is the base, but its composer is driven by hand so that we can refuse
what ``yaml.safe_load`` silently accepts: anchors and aliases (the alias bomb), duplicate keys
(the later one wins silently), YAML 1.1's ``yes``/``no``/``on``/``off`` booleans and base-60
numbers, and any tag beyond the plain JSON-like types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_QUIZ_BYTES = 256 * 1024
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:timestamp",
}
_BOOL_WORDS = {"true", "false"}
# Constructing a plain scalar keeps no state, so one loader serves every file.
_CONSTRUCTOR = yaml.SafeLoader("")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")


@dataclass
class Located:
    """Plain data read from YAML, with the (line, column) of every value and key, 1-based."""

    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The place of ``path``, or of its nearest ancestor that exists."""
        table = self.keys if key else self.values
        for n in range(len(path), -1, -1):
            if path[:n] in table:
                return table[path[:n]]
            if path[:n] in self.values:
                return self.values[path[:n]]
        return (1, 1)


class YamlProblem(Exception):
    """A problem found while reading; the reader collects them instead of stopping."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Composer(yaml.SafeLoader):
    """The safe loader's composer, refusing anchors and aliases as it meets them."""

    problems: list[YamlProblem]

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self.problems.append(
                YamlProblem(
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                    f"aliases (*{event.anchor}) are not allowed; write the value out in full",
                )
            )
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.problems.append(
                YamlProblem(
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                    f"anchors (&{anchor}) are not allowed; write each value out in full",
                )
            )
            event.anchor = None
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


def _scalar(node: yaml.ScalarNode, problems: list[YamlProblem]) -> Any:
    line, col = _mark(node)
    value = node.value
    plain = node.style is None
    if node.tag == "tag:yaml.org,2002:bool" and plain and value.lower() not in _BOOL_WORDS:
        problems.append(
            YamlProblem(
                line,
                col,
                f"'{value}' would be read as a yes/no value (YAML 1.1); "
                f'write "{value}" in quotes for the word, or true/false',
            )
        )
        return value
    if plain and node.tag in {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}:
        if _SEXAGESIMAL.match(value):
            problems.append(
                YamlProblem(
                    line,
                    col,
                    f"'{value}' would be read as a base-60 number (YAML 1.1); "
                    f'write "{value}" in quotes',
                )
            )
            return value
    if node.tag == "tag:yaml.org,2002:timestamp":
        return value
    return _CONSTRUCTOR.construct_object(node)


def _plain(node: yaml.Node, path: Path_, out: Located, problems: list[YamlProblem]) -> Any:
    if len(path) > MAX_DEPTH:
        raise YamlProblem(*_mark(node), f"nesting deeper than {MAX_DEPTH} levels")
    out.values[path] = _mark(node)
    if node.tag not in _PLAIN_TAGS:
        problems.append(
            YamlProblem(
                *_mark(node),
                f"the tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed; "
                "quiz files hold only plain text, numbers, lists and mappings",
            )
        )
        return None
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, problems)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, (*path, i), out, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(YamlProblem(*_mark(key_node), "a key must be plain text"))
            continue
        key = key_node.value
        if key in result:
            first = out.keys.get((*path, key), (0, 0))[0]
            problems.append(
                YamlProblem(
                    *_mark(key_node),
                    f"duplicate key '{key}' (first on line {first}); keep only one",
                )
            )
            continue
        out.keys[(*path, key)] = _mark(key_node)
        result[key] = _plain(value_node, (*path, key), out, problems)
    return result


def read_yaml(data: bytes) -> tuple[Located | None, list[YamlProblem]]:
    """Parse one YAML document from bytes; return the data (if any) and every problem."""
    if len(data) > MAX_QUIZ_BYTES:
        kib = len(data) // 1024
        return None, [
            YamlProblem(1, 1, f"the file is {kib} KiB; a quiz file may be at most 256 KiB")
        ]
    if b"\x00" in data:
        return None, [YamlProblem(1, 1, "the file is binary, not text; save it as UTF-8 text")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [YamlProblem(line, 1, "the file is not UTF-8 text; save it as UTF-8")]
    loader = _Composer(text.removeprefix("\ufeff"))
    loader.problems = []
    problems = loader.problems
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        return None, [*problems, YamlProblem(line, col, f"YAML syntax: {what}")]
    except yaml.YAMLError as exc:
        return None, [*problems, YamlProblem(1, 1, f"YAML syntax: {exc}")]
    except RecursionError:
        return None, [*problems, YamlProblem(1, 1, f"nesting deeper than {MAX_DEPTH} levels")]
    finally:
        loader.dispose()
    if root is None:
        return None, [*problems, YamlProblem(1, 1, "the file is empty; start with 'id: my-quiz'")]
    out = Located(None)
    try:
        out.data = _plain(root, (), out, problems)
    except YamlProblem as exc:
        return None, [*problems, exc]
    return out, problems
