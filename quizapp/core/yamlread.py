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

from quizapp.core.texts import M_, P_, Text

MAX_QUIZ_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_NUMBER_CHARS = 40

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
_STR = "tag:yaml.org,2002:str"
_BOOL_WORDS = {"true", "false"}
_TOO_DEEP = M_("values are nested more than %(depth)d levels deep", depth=MAX_DEPTH).with_fix(
    M_("a quiz needs only a few: look for stray '[' or '{'")
)
# Constructing a plain scalar keeps no state, so one loader serves every file.
_CONSTRUCTOR = yaml.SafeLoader("")
# libyaml's C parser, when PyYAML has it: the same nodes as the pure-Python one, ten times
# faster (only a plain scalar's style differs: '' where Python says None).
_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
# An anchor or alias is '&' or '*' right before its name, which both parsers read as ASCII
# letters, digits, '_' and '-' (and refuse when empty): without this, text holds none.
_MAYBE_REUSE = re.compile(r"[&*][\w-]", re.ASCII)


@dataclass
class Located:
    """Plain data read from YAML, and the nodes it was read from, which know the (line,
    column) of every value and key, 1-based. A place is found when asked for (an error, an
    annotation's line): recording every one while reading cost as much as the parse."""

    data: Any
    root: yaml.Node | None = field(default=None, repr=False)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The place of ``path`` (of its key, with ``key``, when it is a mapping's), or of
        its nearest ancestor that exists."""
        if self.root is None:
            return (1, 1)
        node, key_node = self.root, None
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            key_node, node = child
        return _mark(key_node if key and key_node is not None else node)


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The key node (None in a list) and value node that ``_plain`` read at ``step`` of
    ``node``, or None when it read none there."""
    if node.tag not in _PLAIN_TAGS:
        return None  # a refused tag: its contents were never read
    if isinstance(node, yaml.SequenceNode):
        if isinstance(step, int) and 0 <= step < len(node.value):
            return None, node.value[step]
        return None
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:  # the first of duplicate keys is the one read
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == step:
                return key_node, value_node
    return None


class YamlProblem(Exception):
    """A problem found while reading; the reader collects them instead of stopping.
    ``message`` is the English, ``text`` the same as a ``Text``."""

    def __init__(self, line: int, column: int, text: Text) -> None:
        super().__init__(str(text))
        self.line, self.column, self.message, self.text = line, column, str(text), text


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Composer(yaml.SafeLoader):
    """The safe loader's composer, refusing anchors and aliases as it meets them."""

    found_anchors: list[tuple[int, int, str]]
    found_aliases: list[tuple[int, int, str]]

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()  # type: ignore[no-untyped-call]
            mark = event.start_mark
            self.found_aliases.append((mark.line + 1, mark.column + 1, event.anchor))
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", mark, event.end_mark)
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            mark = event.start_mark
            self.found_anchors.append((mark.line + 1, mark.column + 1, anchor))
            event.anchor = None
        return super().compose_node(parent, index)

    def reuse_problem(self) -> YamlProblem | None:
        """One problem for all anchors and aliases: a bomb has thousands, one line will do."""
        if not self.found_anchors and not self.found_aliases:
            return None
        line, col, name = (self.found_anchors or self.found_aliases)[0]
        anchors, aliases = len(self.found_anchors), len(self.found_aliases)
        if anchors and aliases:
            message = M_(
                "anchors (&%(anchor)s) and aliases (*%(alias)s) are not allowed",
                anchor=self.found_anchors[0][2], alias=self.found_aliases[0][2],
            )  # fmt: skip
        elif anchors:
            message = M_("anchors (&%(anchor)s) are not allowed", anchor=self.found_anchors[0][2])
        else:
            message = M_("aliases (*%(alias)s) are not allowed", alias=self.found_aliases[0][2])
        if anchors + aliases > 2:
            counts = M_(
                "%(anchors)s, %(aliases)s in this file",
                anchors=P_("%(num)d anchors", "%(num)d anchors", anchors, num=anchors),
                aliases=P_("%(num)d aliases", "%(num)d aliases", aliases, num=aliases),
            )  # fmt: skip
            message = M_("%(problem)s (%(counts)s)", problem=message, counts=counts)
        return YamlProblem(line, col, message.with_fix(M_("write each value out in full")))


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    """PyYAML's complaint, turned into what to change where."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    context, opened = exc.context or "", exc.context_mark
    if "'\\t'" in problem:
        message = M_("this line is indented with a tab")
        fix = M_("YAML allows only spaces: replace the tab with spaces")
        return YamlProblem(line, col, message.with_fix(fix))
    for kind, opener, closer in (("flow sequence", "[", "]"), ("flow mapping", "{", "}")):
        if kind in context and opened is not None:
            message = M_(
                "YAML syntax: the '%(opener)s' opened here is never closed (%(problem)s on line "
                "%(line)d)",
                opener=opener, problem=problem, line=line,
            )  # fmt: skip
            fix = M_(
                "add '%(closer)s' where it should end, or quote text holding '%(opener)s'",
                closer=closer, opener=opener,
            )  # fmt: skip
            return YamlProblem(opened.line + 1, opened.column + 1, message.with_fix(fix))
    if context and opened is not None:
        message = M_(
            "YAML syntax: %(problem)s (%(context)s on line %(line)d)",
            problem=problem, context=context, line=opened.line + 1,
        )  # fmt: skip
    else:
        message = M_("YAML syntax: %(problem)s", problem=problem)
    return YamlProblem(line, col, message)


def _scalar(node: yaml.ScalarNode, problems: list[YamlProblem]) -> Any:
    value = node.value
    plain = not node.style  # the pure-Python parser says None, libyaml ''
    if node.tag == "tag:yaml.org,2002:bool" and plain and value.lower() not in _BOOL_WORDS:
        problems.append(
            YamlProblem(
                *_mark(node),
                M_("'%(value)s' would be read as a yes/no value (YAML 1.1)", value=value).with_fix(
                    M_('write "%(value)s" in quotes for the word, or true/false', value=value)
                ),
            )
        )
        return value
    numeric = node.tag in {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
    if plain and numeric and len(value) > MAX_NUMBER_CHARS:
        # Python refuses to read (or print) integers of thousands of digits: a ValueError.
        message = P_(
            "'%(value)s...' is a number of %(num)d character, longer than any a quiz needs",
            "'%(value)s...' is a number of %(num)d characters, longer than any a quiz needs",
            len(value), value=value[:20], num=len(value),
        )  # fmt: skip
        fix = M_('write "%(value)s..." in quotes if it is text', value=value[:20])
        problems.append(YamlProblem(*_mark(node), message.with_fix(fix)))
        return value
    if plain and numeric and _SEXAGESIMAL.match(value):
        problems.append(
            YamlProblem(
                *_mark(node),
                M_(
                    "'%(value)s' would be read as a base-60 number (YAML 1.1)", value=value
                ).with_fix(M_('write "%(value)s" in quotes', value=value)),
            )
        )
        return value
    if node.tag == "tag:yaml.org,2002:timestamp":
        return value
    # The constructor's own construct_object would remember every node it ever read.
    return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)


def _plain(node: yaml.Node, depth: int, problems: list[YamlProblem]) -> Any:
    """The plain data of ``node``, ``depth`` levels down; what it reads, ``_child`` finds."""
    if depth > MAX_DEPTH:
        raise YamlProblem(*_mark(node), _TOO_DEEP)
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value  # text, most of a quiz: no check applies, and it is what it reads
    if node.tag not in _PLAIN_TAGS:
        problems.append(
            YamlProblem(
                *_mark(node),
                M_(
                    "the tag '%(tag)s' is not allowed",
                    tag=node.tag.replace("tag:yaml.org,2002:", "!!"),
                ).with_fix(M_("quiz files hold only plain text, numbers, lists and mappings")),
            )
        )
        return None
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, problems)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, depth + 1, problems) for item in node.value]
    assert isinstance(node, yaml.MappingNode)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(YamlProblem(*_mark(key_node), M_("a key must be plain text")))
            continue
        key = key_node.value
        if key in result:
            first = _child(node, key)
            line = _mark(first[0])[0] if first and first[0] else 0
            problems.append(
                YamlProblem(
                    *_mark(key_node),
                    M_(
                        "duplicate key '%(key)s' (first on line %(line)d)", key=key, line=line
                    ).with_fix(M_("keep only one")),
                )
            )
            continue
        result[key] = _plain(value_node, depth + 1, problems)
    return result


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _fast_read(text: str) -> tuple[Located | None, list[YamlProblem]] | None:
    """Compose with libyaml's C parser when the text can hold no anchor or alias (no '&'
    or '*' before a name; "Harlow & Pike" is fine) and cannot nest deeper than C recursion
    safely goes. None when it cannot, or on any syntax error or excess depth: the
    pure-Python reader then words the problem."""
    maybe_reuse = ("&" in text or "*" in text) and _MAYBE_REUSE.search(text)
    if not _LIBYAML or maybe_reuse or text.count("[") + text.count("{") > 200:
        return None
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    if root is None:
        return None
    problems: list[YamlProblem] = []
    try:
        return Located(_plain(root, 0, problems), root), problems
    except YamlProblem:
        return None


def read_yaml(data: bytes) -> tuple[Located | None, list[YamlProblem]]:
    """Parse one YAML document from bytes; return the data (if any) and every problem."""
    if len(data) > MAX_QUIZ_BYTES:
        kib = len(data) // 1024
        return None, [
            YamlProblem(
                1,
                1,
                M_("the file is %(kib)d KiB", kib=kib).with_fix(
                    M_("a quiz file may be at most 256 KiB")
                ),
            )
        ]
    if b"\x00" in data:
        message = M_("the file is binary, not text").with_fix(M_("save it as UTF-8 text"))
        return None, [YamlProblem(1, 1, message)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        return None, [
            YamlProblem(
                line,
                col,
                M_("the file is not UTF-8 text (this byte)").with_fix(M_("save it as UTF-8")),
            )  # fmt: skip
        ]
    text = text.removeprefix("\ufeff")
    fast = _fast_read(text)
    if fast is not None:
        return fast
    try:
        loader = _Composer(text)
    except yaml.reader.ReaderError as exc:
        # The reader refuses control characters (other than tab and line breaks) up front.
        at = exc.position
        line, col = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        return None, [
            YamlProblem(
                line,
                col,
                M_(
                    "the file holds the control character %(code)s, which YAML does not allow",
                    code=f"U+{exc.character:04X}",
                ).with_fix(M_("delete it")),
            )
        ]
    loader.found_anchors, loader.found_aliases = [], []
    problems: list[YamlProblem] = []
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc))
    except yaml.YAMLError as exc:
        problems.append(YamlProblem(1, 1, M_("YAML syntax: %(problem)s", problem=str(exc))))
    except RecursionError:
        problems.append(YamlProblem(1, 1, _TOO_DEEP))
    finally:
        loader.dispose()
    reuse = loader.reuse_problem()
    if reuse:
        problems.insert(0, reuse)
    if any(
        p.message.startswith(("YAML syntax", "this line", "values are nested")) for p in problems
    ):
        return None, problems
    if root is None:
        empty = M_("the file is empty").with_fix(M_("start with 'id: my-quiz'"))
        return None, [*problems, YamlProblem(1, 1, empty)]
    try:
        return Located(_plain(root, 0, problems), root), problems
    except YamlProblem as exc:
        return None, [*problems, exc]
