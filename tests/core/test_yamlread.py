from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizapp.core import yamlread
from quizapp.core.yamlread import MAX_QUIZ_BYTES, Located, Path_, read_yaml
from tests.factories import ROOT

TAGS = "quiz files hold only plain text, numbers, lists and mappings"


def problems(src: bytes) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in read_yaml(src)[1]]


def places(located: Located) -> dict[Path_, tuple[tuple[int, int], tuple[int, int]]]:
    """Every path of the data, with the place of its value and of its key."""
    out = {}

    def walk(value: Any, path: Path_) -> None:
        out[path] = (located.where(path), located.where(path, key=True))
        if isinstance(value, dict | list):
            for step, child in value.items() if isinstance(value, dict) else enumerate(value):
                walk(child, (*path, step))

    walk(located.data, ())
    return out


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        (b"a: no\n", [(1, 4, "'no' would be read as a yes/no value (YAML 1.1); "
                             'write "no" in quotes for the word, or true/false')]),
        (b"a: On\n", [(1, 4, "'On' would be read as a yes/no value (YAML 1.1); "
                             'write "On" in quotes for the word, or true/false')]),
        (b"t: 1:30\n", [(1, 4, "'1:30' would be read as a base-60 number (YAML 1.1); "
                               'write "1:30" in quotes')]),
        (b"a: 1\na: 2\n", [(2, 1, "duplicate key 'a' (first on line 1); keep only one")]),
        (b"a: &x 1\nb: *x\n", [(1, 4, "anchors (&x) and aliases (*x) are not allowed; "
                                      "write each value out in full")]),
        (b"a: &x 1\n", [(1, 4, "anchors (&x) are not allowed; write each value out in full")]),
        (b"a: !!python/object:os.system {}\n",
         [(1, 4, f"the tag '!!python/object:os.system' is not allowed; {TAGS}")]),
        (b"a: !custom x\n", [(1, 4, f"the tag '!custom' is not allowed; {TAGS}")]),
        (b"a:\n\tb: 1\n", [(2, 1, "this line is indented with a tab; YAML allows only spaces: "
                                  "replace the tab with spaces")]),
        (b"a: [1\n", [(1, 4, "YAML syntax: the '[' opened here is never closed (expected ',' or "
                             "']', but got '<stream end>' on line 2); add ']' where it should "
                             "end, or quote text holding '['")]),
        (b"a: b: c\n", [(1, 5, "YAML syntax: mapping values are not allowed here")]),
        (b"", [(1, 1, "the file is empty; start with 'id: my-quiz'")]),
        (b"a: 1\x00", [(1, 1, "the file is binary, not text; save it as UTF-8 text")]),
        (b"a: 1\nb: caf\xe9\n", [(2, 7, "the file is not UTF-8 text (this byte); "
                                        "save it as UTF-8")]),
        (b"a: 1\n---\nb: 2\n", [(2, 1, "YAML syntax: but found another document (expected a "
                                       "single document in the stream on line 1)")]),
    ],
)  # fmt: skip
def test_problems_have_place_and_fix(src: bytes, expected: list[tuple[int, int, str]]) -> None:
    assert problems(src) == expected


def test_plain_values_and_positions() -> None:
    located, found = read_yaml(b"id: x\nlist:\n  - 'no'\n  - 2024-01-01\n  - 3\nok: true\n")
    assert found == []
    assert located is not None
    assert located.data == {"id": "x", "list": ["no", "2024-01-01", 3], "ok": True}
    assert located.where(("list", 2)) == (5, 5)
    assert located.where(("ok",), key=True) == (6, 1)
    assert located.where(("ok",)) == (6, 5)
    assert located.where(("list", 9)) == (3, 3)


def test_alias_bomb_is_one_message_and_never_expanded() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[n]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    located, found = read_yaml("\n".join(lines).encode())
    assert [(p.line, p.column, p.message) for p in found] == [
        (1, 4, "anchors (&a) and aliases (*a) are not allowed (9 anchors, 72 aliases in this "
               "file); write each value out in full")
    ]  # fmt: skip
    assert located is not None and located.data["i"] == [None] * 9


def test_oversized_file_is_refused_before_parsing() -> None:
    found = problems(b"a: " + b"x" * MAX_QUIZ_BYTES)
    assert found == [(1, 1, "the file is 256 KiB; a quiz file may be at most 256 KiB")]


def test_deep_nesting_is_refused() -> None:
    found = problems(b"a: " + b"[" * 100 + b"]" * 100)
    assert found == [
        (1, 36, "values are nested more than 32 levels deep; a quiz needs only a few: "
                "look for stray '[' or '{'")
    ]  # fmt: skip


YAML_FILES = sorted((ROOT / "quizzes").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "data" / "broken").rglob("*.yaml")
)


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_libyaml_reads_exactly_as_the_pure_python_reader(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = path.read_bytes()
    fast = read_yaml(data)
    monkeypatch.setattr(yamlread, "_LIBYAML", False)
    slow = read_yaml(data)
    assert [(p.line, p.column, p.message) for p in fast[1]] == [
        (p.line, p.column, p.message) for p in slow[1]
    ]
    assert (fast[0] is None) == (slow[0] is None)
    if fast[0] is not None and slow[0] is not None:
        assert (fast[0].data, places(fast[0])) == (slow[0].data, places(slow[0]))


REUSE_LIKE = [
    b"a: Harlow & Pike\nb: 5 * 3 = 15\nc: [x, '*']\n",
    b"a: >-\n  Harlow &\n  Pike\n",
    b"a: AT&T\n",
    b"a: &x 1\nb: *x\n",
    b"a: & 1\n",
    b"- *\n",
    b"a: {b: &c-d_1 1}\n",
]


@pytest.mark.parametrize("src", REUSE_LIKE)
def test_text_with_ampersands_and_stars_reads_as_the_pure_python_reader(
    src: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = read_yaml(src)
    monkeypatch.setattr(yamlread, "_LIBYAML", False)
    slow = read_yaml(src)
    assert [(p.line, p.column, p.message) for p in fast[1]] == [
        (p.line, p.column, p.message) for p in slow[1]
    ]
    assert (fast[0] and (fast[0].data, places(fast[0]))) == (
        slow[0] and (slow[0].data, places(slow[0]))
    )


def test_an_ampersand_before_a_space_keeps_the_fast_path() -> None:
    assert yamlread._fast_read("a: Harlow & Pike\nb: 5 * 3\n") is not None
    assert yamlread._fast_read("a: &x 1\n") is None
