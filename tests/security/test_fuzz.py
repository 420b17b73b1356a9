"""Property-based fuzzing of the two parsers of untrusted input, and of the submit route.

The quiz loader either returns a Quiz or raises QuizFileError with placed, one-line errors;
the submission parsers either return responses that grade to a score in [0, 1] (and parse
back to themselves, as the attempt page does with stored answers) or raise ResponseError.
Nothing else may escape. Each property counts its examples, so the count is checked, not
assumed, and printed in the summary.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from quizapp.core.article import Article
from quizapp.core.errors import QuizFileError, ResponseError
from quizapp.core.grading import grade_quiz, parse_form, parse_responses
from quizapp.core.loader import load_bank, load_quiz, load_quiz_source
from quizapp.core.model import Quiz
from quizapp.core.questions.highlight import HighlightQuestion
from tests.factories import ARTICLE, ROOT, quiz_data
from tests.security.conftest import COUNTS, live_markup
from tests.web.conftest import Auth, csrf_token

EXAMPLES = 2000
HTTP_EXAMPLES = 300
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Text that is printed or stored may hold no control character but tab and newline.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What YAML counts as a line break, for the bound on the line an error names.
YAML_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def run_counted(
    name: str, prop: Callable[[], None], examples: int = EXAMPLES, accepted: int = 0
) -> None:
    """Run a hypothesis property (which counts its calls in COUNTS[name], and the examples
    that got past the parser in COUNTS[name + ", accepted"]); check that it ran at least
    ``examples`` examples, and that the accepting branch was not left unfuzzed."""
    before = COUNTS[name], COUNTS[f"{name}, accepted"]
    prop()
    ran, passed = COUNTS[name] - before[0], COUNTS[f"{name}, accepted"] - before[1]
    print(f"\n{name}: {ran} examples, {passed} accepted")
    assert ran >= examples
    assert passed >= accepted, f"only {passed} of {ran} examples got past the parser"


# --- the quiz loader ---------------------------------------------------------------

QUIZ_KEYS = [
    "id", "title", "level", "article", "language", "direction", "public", "summary", "skills",
    "annotations", "decoys", "questions", "settings", "skill", "quote", "prefix", "suffix",
    "occurrence", "explanation", "fix", "looks_like", "type", "prompt", "points", "paragraphs",
    "span", "options", "multiple", "text", "correct", "feedback", "name", "definition", "tip",
    "pass_mark", "false_alarm_penalty", "edge_tolerance", "classify_items", "seed",
]  # fmt: skip
WORDS = [w for w in re.split(r"\W+", ARTICLE) if w][:80]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(WORDS + ["town.txt", "placeholder", "loaded-language", "spot", "label",
                             "classify", "choice", "beginner", "rtl", "nothing-wrong"]),
)  # fmt: skip
KEYS = st.one_of(st.sampled_from(QUIZ_KEYS), st.text(max_size=12))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEYS, inner, max_size=6),
    max_leaves=30,
)
# Pieces of YAML syntax a broken or hostile file is made of.
YAML_BITS = [
    "id: town-budget\n", "title: x\n", "article: town.txt\n", "skills: [placeholder]\n",
    "annotations:\n", "  - skill: placeholder\n", "    quote: \"[insert date]\"\n",
    "- ", "  ", "\t", ": ", "\n", "[", "]", "{", "}", ",", "&a ", "*a", "<<: *a\n",
    "!!python/object:os.system ", "!!binary ", "!custom ", "yes", "off", "1:20:30", "0o17",
    "0x1F", "1_000", "~", "null",
    ".inf", ".nan", "|\n  ", ">-\n  ", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
    "# comment\n", '"\\0"', '"\\x1b"', '"\\u202e"', '"\\ud800"', "'it''s'", "? ", "9" * 5000,
    "0x" + "f" * 4000, "2001-12-14", "\ufeff", "\r\n", "\u2028", "\x85", "%",
]  # fmt: skip
YAML_TEXT = st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=8), max_size=40).map("".join)


def _valid() -> dict[str, Any]:
    return quiz_data(
        questions=[
            {"id": "s", "type": "spot", "skills": ["placeholder"], "paragraphs": [3]},
            {"id": "l", "type": "label", "skills": ["loaded-language", "vague-attribution"]},
            {"id": "c", "type": "classify", "span": "disastrous", "prompt": "Which?"},
            {"id": "o", "type": "choice", "prompt": "Pick", "options": [
                {"id": "a", "text": "A", "correct": True}, {"id": "b", "text": "B"}]},
        ]
    )  # fmt: skip


TEXT_KEYS = ["title", "summary", "explanation", "fix", "prompt", "text", "feedback", "name"]


@st.composite
def mutated_quiz(draw: st.DrawFn) -> bytes:
    """A valid quiz (built, or with one question of each type), changed in a few places:
    a text for other text (often still valid), any key for any value; then perhaps damaged
    as text."""
    data: Any = draw(st.sampled_from([quiz_data, _valid]))()
    for _ in range(draw(st.sampled_from([0, 1, 1, 2, 3]))):
        # Walk to a random mapping or list inside the document and change one entry.
        node = data
        for _ in range(draw(st.integers(0, 3))):
            children = list(node.values()) if isinstance(node, dict) else node
            children = [c for c in children if isinstance(c, dict | list) and c]
            if not children:
                break
            node = draw(st.sampled_from(children))
        texts = sorted(k for k in node if k in TEXT_KEYS) if isinstance(node, dict) else []
        if texts and draw(st.booleans()):
            node[draw(st.sampled_from(texts))] = draw(st.text(min_size=1, max_size=40))
            continue
        value = draw(VALUES | st.sampled_from(WORDS) | st.text(min_size=1, max_size=30))
        if isinstance(node, dict):
            key = draw(st.sampled_from(sorted(node)) | KEYS)
            if draw(st.booleans()) and key in node:
                del node[key]
            else:
                node[key] = value
        elif node:
            i = draw(st.integers(0, len(node) - 1))
            node[i] = draw(st.sampled_from([value, node[i], node[0]]))
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()))
    if draw(st.integers(0, 3)) == 0:
        # Damage the text: replace a slice by some YAML syntax or random characters.
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 20)))
        text = text[:a] + draw(st.sampled_from(YAML_BITS) | st.text(max_size=10)) + text[b:]
    return text.encode("utf-8")


QUIZ_FILES = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8")),
    YAML_TEXT.map(lambda t: t.encode("utf-8")),
    VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True).encode("utf-8")),
    VALUES.map(lambda v: json.dumps(v).encode()),
    mutated_quiz(),
    mutated_quiz(),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """seeds/ with the factories' article; the quiz goes in quizzes/town-budget.yaml."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "seeds").mkdir()
    (root / "quizzes").mkdir()
    (root / "seeds" / "town.txt").write_text(ARTICLE, encoding="utf-8")
    return root


def check_load(folder: Path, data: bytes) -> None:
    path = folder / "quizzes" / "town-budget.yaml"
    path.write_bytes(data)
    lines = len(YAML_BREAKS.findall(data.decode("utf-8", "replace"))) + 1
    try:
        quiz = load_quiz(path, folder / "seeds")
    except QuizFileError as exc:
        assert exc.errors, "a QuizFileError with no error"
        for e in exc.errors:
            assert 1 <= e.line <= lines + 1 and e.column >= 1, e
            assert e.message.strip(), e
            assert len(str(e).splitlines()) == 1, str(e)
        return
    assert isinstance(quiz, Quiz)
    COUNTS["fuzz examples: quiz loader, accepted"] += 1
    for text in printed(quiz):
        assert not CONTROL.search(text), repr(text)


def printed(quiz: Quiz) -> list[str]:
    """Every text of a quiz that a page prints or the database stores."""
    texts = [quiz.title, quiz.summary, quiz.language]
    texts += [t for s in quiz.skills for t in (s.name, s.definition, s.tip)]
    texts += [t for a in quiz.all_spans for t in (a.explanation, a.fix)]
    stack: list[Any] = [v for q in quiz.questions for v in (q.public_view(), q.answer_key())]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            texts.append(value)
    return texts


def test_the_loader_returns_a_quiz_or_placed_errors(folder: Path) -> None:
    @FUZZ
    @given(data=QUIZ_FILES)
    def prop(data: bytes) -> None:
        COUNTS["fuzz examples: quiz loader"] += 1
        check_load(folder, data)

    run_counted("fuzz examples: quiz loader", prop, accepted=EXAMPLES // 100)


# --- the submission parsers ----------------------------------------------------------


def _label_quiz() -> Quiz:
    article = Article.from_text("town.txt", ARTICLE)
    source = yaml.safe_dump(_valid()).encode()
    return load_quiz_source(source, lambda name: article, name="label quiz")


# Module-level quizzes: hypothesis runs examples many times within one test.
SEED_QUIZ = load_bank(ROOT / "quizzes", ROOT / "seeds").get("iran-hamas-meeting")
LABEL_QUIZ = _label_quiz()
QUIZZES = [SEED_QUIZ, LABEL_QUIZ]
HOSTILE = st.sampled_from(
    ["", " ", ",", "-1", "+1", "1.5", "1e3", "0x1f", "\u00b2", "\u0661\u0662", "\uff11",
     "9" * 10, "99999", "2147483648", "<script>alert(1)</script>", "\x00", "nothing-wrong",
     "null", "[]", "{}", "1,,2", " 3 , 4 "]
)  # fmt: skip


def _parts(q: Any) -> tuple[list[int], list[str], list[str]]:
    """A question's token numbers, choices and field names, to aim values at."""
    tokens = sorted(q.scope_tokens) if isinstance(q, HighlightQuestion) else []
    view = q.public_view()
    choices = [o["id"] for o in view.get("options", [])] + [s["id"] for s in view.get("skills", [])]
    names = {"spot": ["tokens"], "classify": ["choice"], "choice": ["option"]}.get(
        q.type_id, [f"label.{s}" for s in choices]
    )
    return tokens, choices, names


def mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``good`` three draws in four, else ``bad``: well-formed input must get its share of
    examples too, or grading is hardly fuzzed (``one_of`` merges repeated branches)."""
    return st.integers(0, 3).flatmap(lambda i: good if i else bad)


def _field(q: Any) -> st.SearchStrategy[tuple[str, list[str]]]:
    """One posted field: mostly one of the question's own names, with valid or hostile
    values (real token numbers and option ids, or numbers and text that are not)."""
    tokens, choices, names = _parts(q)
    own = st.sampled_from([f"q.{q.id}.{n}" for n in names])
    name = (
        st.sampled_from(["csrf_token", "version", "token", "q.", f"q.{q.id}", "q.x.tokens"])
        | st.text(max_size=12).map(lambda t: "q." + t)
        | own.map(lambda n: n + "x")
    )
    picked = st.lists(st.sampled_from(tokens or [0]), max_size=12).map(
        lambda ts: ",".join(map(str, ts))
    )
    good = picked if tokens else st.sampled_from(choices or ["x"])
    bad = HOSTILE | st.text(max_size=12) | picked | st.sampled_from(choices or ["x"])
    return mostly(
        st.tuples(own, good.map(lambda v: [v])),
        st.tuples(own | name, st.lists(good | bad, min_size=1, max_size=3)),
    )


def forms(quiz: Quiz) -> st.SearchStrategy[dict[str, list[str]]]:
    """A posted form of up to eight fields."""
    return st.lists(st.one_of([_field(q) for q in quiz.questions]), max_size=8).map(dict)


# Small JSON-like values: what a question's answer may be instead of the right shape.
SMALL = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=2)
    ),
    max_leaves=4,
)


def _answer(q: Any) -> st.SearchStrategy[Any]:
    """An answer shaped like the question's (with real and unreal values), or not."""
    tokens, choices, _ = _parts(q)
    real = st.lists(st.sampled_from(tokens or [0]), max_size=12)
    ints = mostly(real, st.lists(st.sampled_from(tokens or [0]) | st.integers(-5, 10**6)))
    shaped = {
        "spot": st.fixed_dictionaries({"tokens": ints}),
        "label": st.fixed_dictionaries(
            {"labels": st.dictionaries(st.sampled_from(choices) | st.text(max_size=5), ints)}
        ),
        "classify": st.fixed_dictionaries({"choice": st.sampled_from(choices) | SMALL}),
        "choice": st.fixed_dictionaries(
            {"options": st.lists(st.sampled_from(choices) | st.text(max_size=3), max_size=3)}
        ),
    }[q.type_id]
    return mostly(shaped, SMALL)


def submissions(quiz: Quiz) -> st.SearchStrategy[Any]:
    """A JSON-like submission: answers by question id, an unknown id, or anything."""
    answers = st.lists(st.one_of([st.tuples(st.just(q.id), _answer(q)) for q in quiz.questions]))
    raw = answers.map(dict)
    return mostly(raw, raw.map(lambda r: {**r, "no-such-question": 1}) | SMALL | VALUES)


# Built once: hypothesis draws from them thousands of times.
QUIZ_FORMS = st.one_of([st.tuples(st.just(q), forms(q)) for q in QUIZZES])
QUIZ_SUBMISSIONS = st.one_of([st.tuples(st.just(q), submissions(q)) for q in QUIZZES])


def check_graded(quiz: Quiz, responses: dict[str, Any]) -> None:
    assert set(responses) == {q.id for q in quiz.questions}
    result = grade_quiz(quiz, responses)
    assert 0.0 <= result.score <= 1.0, result.score
    assert all(0.0 <= g.score <= 1.0 for g in result.grades)
    # Stored as JSON and parsed again for the attempt page: it must come back the same.
    assert parse_responses(quiz, json.loads(json.dumps(responses))) == responses


def test_the_form_parser_returns_gradable_responses_or_a_response_error() -> None:
    @FUZZ
    @given(quiz_form=QUIZ_FORMS)
    def prop(quiz_form: tuple[Quiz, dict[str, list[str]]]) -> None:
        COUNTS["fuzz examples: parse_form"] += 1
        quiz, form = quiz_form
        try:
            responses = parse_form(quiz, form)
        except ResponseError:
            return
        COUNTS["fuzz examples: parse_form, accepted"] += 1
        check_graded(quiz, responses)

    run_counted("fuzz examples: parse_form", prop, accepted=EXAMPLES // 10)


def test_the_json_parser_returns_gradable_responses_or_a_response_error() -> None:
    @FUZZ
    @given(quiz_raw=QUIZ_SUBMISSIONS)
    def prop(quiz_raw: tuple[Quiz, Any]) -> None:
        COUNTS["fuzz examples: parse_responses"] += 1
        quiz, raw = quiz_raw
        try:
            responses = parse_responses(quiz, raw)
        except ResponseError:
            return
        COUNTS["fuzz examples: parse_responses, accepted"] += 1
        check_graded(quiz, responses)

    run_counted("fuzz examples: parse_responses", prop, accepted=EXAMPLES // 10)


# --- the submit route ------------------------------------------------------------------


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
def test_random_form_posts_never_get_a_server_error(
    app: Flask, client: FlaskClient, auth: Auth
) -> None:
    """Random forms posted to /quiz/<id>/submit by a student: a redirect or a 4xx, never a
    5xx, and nothing live in the answer."""
    assert auth.login().status_code == 302
    csrf = csrf_token(client.get("/login").get_data(as_text=True))
    page = client.get(f"/quiz/{SEED_QUIZ.id}").get_data(as_text=True)
    match = re.search(r'name="version" value="([0-9a-f]{64})"', page)
    assert match
    version = match.group(1)
    token_chars = string.ascii_letters + string.digits + "-_"

    @settings(
        max_examples=HTTP_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        form=forms(SEED_QUIZ),
        quiz_id=st.sampled_from([SEED_QUIZ.id, SEED_QUIZ.id, "fuel-prices"]) | st.text(max_size=20),
        version=st.sampled_from([version, version, ""]) | st.text(max_size=64),
        token=st.text(token_chars, min_size=16, max_size=64) | st.text(max_size=70),
    )
    def prop(form: dict[str, list[str]], quiz_id: str, version: str, token: str) -> None:
        COUNTS["fuzz examples: HTTP submit"] += 1
        fields = {"csrf_token": [csrf], "version": [version], "token": [token], **form}
        pairs = [(k, v) for k, vs in fields.items() for v in vs]
        response = client.post(f"/quiz/{quote(quiz_id, safe='')}/submit", data=MultiDict(pairs))
        assert response.status_code in {302, 308, 400, 404, 405, 409}, response.status_code
        assert not live_markup(response.get_data(as_text=True))

    run_counted("fuzz examples: HTTP submit", prop, HTTP_EXAMPLES)
