"""The username rule: one account a name, nothing invisible, nothing that reads like another."""

from __future__ import annotations

import pytest

from quizapp.core.usernames import fold, normalise, problem, scripts, skeleton


@pytest.mark.parametrize(
    "name", ["alice", "Demo-Student", "a.b_c-d", "abc", "x" * 40, "ｍｓ-ｌｅｅ", "student07"]
)
def test_names_that_are_taken(name: str) -> None:
    assert problem(name) is None


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("demo-student\n", "line breaks"),
        ("demo-student\r\n", "line breaks"),
        ("demo\rstudent", "line breaks"),
        ("demo\x00student", "invisible"),
        ("demo\tstudent", "tabs"),
        ("demo\u200dstudent", "invisible"),  # zero-width joiner
        ("demo\u200bstudent", "invisible"),  # zero-width space
        ("demo\u2060student", "invisible"),  # word joiner
        ("\ufeffdemo-student", "invisible"),  # byte order mark
        ("demo\u00adstudent", "invisible"),  # soft hyphen
        ("\u202etneduts-omed", "invisible"),  # right-to-left override
        ("demo\u2066student\u2069", "invisible"),  # bidi isolate
        ("demo\u2028student", "line breaks"),  # line separator
        ("demo student", "spaces"),
        ("demo\u00a0student", "spaces"),  # no-break space
        ("d\u0435mo", "mix alphabets"),  # Cyrillic e
        ("\u0430lice", "mix alphabets"),  # Cyrillic a
        ("p\u03bfp", "mix alphabets"),  # Greek omicron
        ("\u0434\u0435\u043c\u043e", "no accents or other alphabets"),  # all Cyrillic
        ("jos\u00e9", "no accents or other alphabets"),
        ("jose\u0301", "no accents or other alphabets"),  # combining accent
        ("ab", "Use 3 to 40"),
        ("x" * 41, "Use 3 to 40"),
        ("", "Use 3 to 40"),
        ("=cmd|x", "Use 3 to 40"),
        ("a/b", "Use 3 to 40"),
        ("ｄｅｍｏ\uff3fｘ\u3000", "spaces"),  # fullwidth, with an ideographic space
    ],
)
def test_names_refused_with_the_reason(name: str, says: str) -> None:
    reason = problem(name)
    assert reason is not None and says in reason, reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("alice", "ALICE"),
        ("Demo-Student", "demo-student"),
        ("ａｌｉｃｅ", "alice"),
        ("ﬁsh", "fish"),
    ],
)
def test_fold_makes_variants_one_account(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("demo-student", "dem0-student"),
        ("demo-student", "demo_student"),
        ("demo-student", "demo.student"),
        ("alice", "aIice"),
        ("alice", "a1ice"),
        ("modern", "rnodern"),
        ("demo", "d\u0435mo"),  # Cyrillic e
        ("paypal", "\u0440\u0430\u0443\u0440\u0430l"),  # Cyrillic p, a, y
        ("tom", "T\u03bfM"),  # Greek omicron
    ],
)
def test_skeleton_joins_look_alikes(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("alice", "alina"), ("bob1", "bob2"), ("ana", "anna")])
def test_skeleton_keeps_different_names_apart(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_normalise_and_scripts() -> None:
    assert normalise("ｍｓ-ｌｅｅ") == "ms-lee"
    assert scripts("d\u0435mo-2") == {"LATIN", "CYRILLIC"}
    assert scripts("\u03b1\u03b2") == {"GREEK"}
    assert scripts("123-_.") == set()
