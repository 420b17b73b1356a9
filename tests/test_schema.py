"""docs/quiz.schema.json: a valid schema, met by every quiz in the bank, and in step with the
loader (what the schema rejects, ``load_quiz`` rejects too)."""

from __future__ import annotations

import copy
import io
import json
import re
import sys
from collections.abc import Callable
from contextlib import redirect_stdout
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from quizapp.core import loader, scoring
from quizapp.core.errors import QuizFileError
from quizapp.core.model import LEVELS, Quiz, Settings
from quizapp.core.questions import question_types
from quizapp.core.questions.choice import OPTION_KEYS
from quizapp.core.questions.highlight import HighlightQuestion
from quizapp.core.skills import BUILTIN_SKILLS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "docs" / "quiz.schema.json"
AUTHORING_PATH = ROOT / "docs" / "authoring.md"
QUIZ_FILES = sorted((ROOT / "quizzes").glob("*.yaml"))

ARTICLE_NAME = "201_library-hours.txt"
ARTICLE = """\
Library to stay open late: a bold victory for readers
The Millbrook town library will open until 9 pm on weekdays from 1 March, the town council \
announced on Tuesday.
Experts say the longer hours will double the number of visitors to the crumbling old building \
on Mill Street.
Last year the library recorded 41,200 visits, according to the council's annual report. Chief \
librarian Ana Ruiz called the old closing time of 5 pm \u201ca disgrace\u201d at Tuesday's meeting.
The extra hours will cost [amount TK] a year, paid from the culture budget.
"""

BASE: dict[str, Any] = {
    "id": "library-hours",
    "title": "Late opening at the town library",
    "level": "beginner",
    "article": ARTICLE_NAME,
    "summary": "A short local story with unnamed experts and an unsourced forecast.",
    "skills": ["placeholder", "unsupported-statistic", "vague-attribution", "loaded-language"],
    "annotations": [
        {
            "id": "bold-victory",
            "skill": "loaded-language",
            "quote": "bold victory",
            "explanation": "The headline cheers instead of reporting.",
            "fix": "Library to open until 9 pm on weekdays",
        },
        {
            "id": "crumbling",
            "skill": "loaded-language",
            "quote": "crumbling",
            "explanation": "A dramatic judgment in the writer's own voice.",
        },
        {
            "id": "experts-say",
            "skill": "vague-attribution",
            "quote": "Experts say",
            "explanation": "Which experts? You cannot check who said it.",
        },
        {
            "id": "double-visitors",
            "skill": "unsupported-statistic",
            "quote": "double the number of visitors",
            "explanation": "A forecast with no source and no method.",
        },
        {
            "id": "amount-tk",
            "skill": "placeholder",
            "quote": "[amount TK]",
            "explanation": "The cost was never filled in.",
        },
    ],
    "decoys": [
        {
            "id": "visits-sourced",
            "looks_like": "unsupported-statistic",
            "quote": "41,200 visits",
            "explanation": "Fine: the council's annual report is named as the source.",
        },
        {
            "id": "disgrace-quoted",
            "looks_like": "loaded-language",
            "quote": "a disgrace",
            "explanation": "Fine: the librarian's own words, quoted and credited.",
        },
    ],
    "questions": [
        {"id": "find-loaded", "type": "spot", "skills": ["loaded-language"], "points": 3},
        {"id": "label-them", "type": "label", "skills": ["loaded-language", "vague-attribution"]},
        {"id": "classify-1", "type": "classify", "span": "disgrace-quoted"},
        {
            "id": "trust",
            "type": "choice",
            "prompt": "What would let you trust the forecast of double the visitors?",
            "options": [
                {"text": "The name of who made it and how.", "correct": True},
                {"text": "The words 'experts say'.", "feedback": "Nobody is named."},
            ],
        },
    ],
    "settings": {"pass_mark": 0.6},
}

Patch = Callable[[dict[str, Any]], None]


def put(*path: str | int, value: Any) -> Patch:
    """Set the value at ``path`` (creating nothing on the way)."""

    def patch(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return patch


def drop(*path: str | int) -> Patch:
    """Remove the key or list entry at ``path``."""

    def patch(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return patch


def chain(*patches: Patch) -> Patch:
    """Several patches applied in turn."""

    def patch(doc: dict[str, Any]) -> None:
        for each in patches:
            each(doc)

    return patch


def build(*patches: Patch) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    for patch in patches:
        patch(doc)
    return doc


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def load(doc: dict[str, Any], tmp_path: Path) -> None:
    """Write ``doc`` as a quiz file next to a seeds folder with the article, and load it."""
    seeds, quizzes = tmp_path / "seeds", tmp_path / "quizzes"
    seeds.mkdir(exist_ok=True)
    quizzes.mkdir(exist_ok=True)
    (seeds / ARTICLE_NAME).write_text(ARTICLE, encoding="utf-8")
    path = quizzes / f"{doc.get('id', 'quiz')}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loader.load_quiz(path, seeds)


# (a) the schema is a valid draft 2020-12 schema


def test_schema_is_valid() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


# (b) every quiz of the bank meets it


def test_bank_is_not_empty() -> None:
    assert QUIZ_FILES


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.name)
def test_bank_quiz_matches_schema(path: Path, validator: Draft202012Validator) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in validator.iter_errors(doc)
    ]
    assert not errors, "\n".join(errors)


# (c) schema and loader agree


def test_base_document_is_accepted_by_both(tmp_path: Path, validator: Draft202012Validator) -> None:
    validator.validate(BASE)
    load(BASE, tmp_path)


ACCEPTED = [
    pytest.param(drop("questions"), id="questions-built-automatically"),
    pytest.param(
        chain(drop("decoys"), put("questions", 2, "span", value="crumbling")), id="no-decoys"
    ),
    pytest.param(drop("settings"), id="no-settings"),
    pytest.param(put("settings", value={}), id="empty-settings"),
    pytest.param(
        put(
            "settings",
            value={
                "pass_mark": 0,
                "false_alarm_penalty": 0.5,
                "edge_tolerance": 0,
                "classify_items": 0,
                "seed": 0,
            },
        ),
        id="settings-at-minimum",
    ),
    pytest.param(
        put(
            "settings",
            value={
                "pass_mark": 1,
                "false_alarm_penalty": 4,
                "edge_tolerance": 3,
                "classify_items": 30,
                "seed": 2**31,
            },
        ),
        id="settings-at-maximum",
    ),
    pytest.param(
        chain(
            put(
                "skills",
                value=[
                    "placeholder",
                    "unsupported-statistic",
                    "vague-attribution",
                    {
                        "id": "cheerleading",
                        "name": "Cheerleading",
                        "definition": "The writer takes a side with approving words.",
                        "tip": "Ask whether a neutral word would report the same fact.",
                    },
                ],
            ),
            put("annotations", 0, "skill", value="cheerleading"),
            put("annotations", 1, "skill", value="cheerleading"),
            put("decoys", 1, "looks_like", value="cheerleading"),
            drop("questions"),
        ),
        id="custom-skill",
    ),
    pytest.param(chain(put("language", value="ar"), put("direction", value="ltr")), id="direction"),
    pytest.param(put("public", value=False), id="not-public"),
    pytest.param(
        chain(
            put("annotations", 1, "quote", value="old"),
            put("annotations", 1, "prefix", value="the crumbling "),
            put("annotations", 1, "suffix", value=" building"),
        ),
        id="prefix-and-suffix",
    ),
    pytest.param(
        chain(
            put("annotations", 1, "quote", value="old"),
            put("annotations", 1, "occurrence", value=2),  # "old" is also inside "bold"
        ),
        id="occurrence",
    ),
    pytest.param(put("questions", 0, "paragraphs", value=[0, 1, 2, 3]), id="spot-paragraphs"),
    pytest.param(put("questions", 2, "options", value=["loaded-language"]), id="classify-opts"),
    pytest.param(
        chain(
            put("questions", 3, "options", 1, "correct", value=True),
            put("questions", 3, "multiple", value=True),
            put("questions", 3, "options", 0, "id", value="named"),
        ),
        id="choice-multiple",
    ),
    pytest.param(put("questions", 3, "options", 1, "correct", value=True), id="multiple-default"),
    pytest.param(
        chain(
            put("annotations", 0, "core", value="bold"),
            put("annotations", 1, "arguable", value=True),
            put("decoys", 1, "arguable", value=False),
        ),
        id="core-and-arguable",
    ),
    pytest.param(
        chain(
            put("questions", 0, "paragraphs", value=[3]),
            put("questions", 0, "skills", value=["placeholder"]),
            put("questions", 0, "empty", value=True),
        ),
        id="empty-question",
    ),
]


@pytest.mark.parametrize("patch", ACCEPTED)
def test_schema_and_loader_both_accept(
    patch: Patch, tmp_path: Path, validator: Draft202012Validator
) -> None:
    doc = build(patch)
    validator.validate(doc)
    load(doc, tmp_path)


def _choice(**changes: Any) -> Patch:
    def patch(doc: dict[str, Any]) -> None:
        question = doc["questions"][3]
        for key, value in changes.items():
            if value is None:
                del question[key]
            else:
                question[key] = value

    return patch


_OPTION_A = {"text": "A", "correct": True}
_OPTION_B = {"text": "B"}

REJECTED = [
    # top level
    pytest.param(put("tags", value=["news"]), "unknown key 'tags' in a quiz", id="unknown-key"),
    pytest.param(put("sumary", value="Typo."), "did you mean 'summary'?", id="misspelt-key"),
    pytest.param(drop("title"), "missing required key 'title'", id="no-title"),
    pytest.param(put("title", value="   "), "'title' is empty", id="blank-title"),
    pytest.param(put("title", value="x" * 201), "keep it under 200", id="long-title"),
    pytest.param(put("level", value="easy"), "'level' must be one of", id="bad-level"),
    pytest.param(drop("level"), "missing required key 'level'", id="no-level"),
    pytest.param(put("id", value="Library_Hours"), "is not a valid id", id="bad-id"),
    pytest.param(put("id", value="-library"), "is not a valid id", id="id-leading-hyphen"),
    pytest.param(put("id", value="a" * 65), "'id' is 65 characters", id="long-id"),
    pytest.param(put("public", value="yes"), "'public' must be true or false", id="public-text"),
    pytest.param(put("direction", value="up"), "'direction' must be one of", id="bad-direction"),
    pytest.param(put("language", value="x" * 21), "keep it under 20", id="long-language"),
    pytest.param(put("summary", value="x" * 501), "keep it under 500", id="long-summary"),
    pytest.param(
        put("article", value="../seeds/201_library-hours.txt"),
        "must be a file name inside seeds/",
        id="article-path",
    ),
    # skills
    pytest.param(put("skills", value=[]), "'skills' is empty", id="no-skills"),
    pytest.param(put("skills", value="placeholder"), "'skills' must be a list", id="skills-text"),
    pytest.param(put("skills", 0, value="clickbait"), "unknown skill 'clickbait'", id="bad-skill"),
    pytest.param(
        put("skills", 0, value="loaded-language"), "listed twice", id="skill-listed-twice"
    ),
    pytest.param(
        put("skills", 0, value={"id": "x", "name": "X", "definition": "D."}),
        "missing required key 'tip'",
        id="custom-skill-no-tip",
    ),
    pytest.param(
        put(
            "skills",
            0,
            value={"id": "placeholder", "name": "P", "definition": "D.", "tip": "T."},
        ),
        "is built in",
        id="custom-skill-builtin-id",
    ),
    pytest.param(
        put(
            "skills",
            0,
            value={"id": "x", "name": "X", "definition": "D.", "tip": "T.", "note": "n"},
        ),
        "unknown key 'note' in a skill",
        id="custom-skill-extra-key",
    ),
    pytest.param(
        put("skills", 0, value={"id": "x", "name": "N" * 61, "definition": "D.", "tip": "T."}),
        "keep it under 60",
        id="custom-skill-long-name",
    ),
    # annotations and decoys
    pytest.param(drop("annotations"), "missing required key 'annotations'", id="no-annotations"),
    pytest.param(put("annotations", value=[]), "'annotations' is empty", id="empty-annotations"),
    pytest.param(drop("annotations", 2, "quote"), "missing required key 'quote'", id="no-quote"),
    pytest.param(
        drop("annotations", 2, "explanation"),
        "missing required key 'explanation'",
        id="no-explanation",
    ),
    pytest.param(
        put("annotations", 2, "note", value="x"),
        "unknown key 'note' in an annotation",
        id="annotation-extra-key",
    ),
    pytest.param(
        put("annotations", 2, "id", value="Experts Say"),
        "is not a valid id",
        id="annotation-bad-id",
    ),
    pytest.param(
        put("annotations", 2, "occurrence", value=0),
        "'occurrence' must be a whole number from 1 to 10000",
        id="occurrence-zero",
    ),
    pytest.param(
        put("annotations", 2, "prefix", value=5), "'prefix' must be text", id="prefix-number"
    ),
    pytest.param(
        put("annotations", 2, "quote", value="x" * 1001),
        "keep it under 1000",
        id="long-quote",
    ),
    pytest.param(
        put("decoys", 0, "skill", value="unsupported-statistic"),
        "unknown key 'skill' in a decoy",
        id="decoy-with-skill",
    ),
    pytest.param(
        drop("decoys", 0, "looks_like"), "missing required key 'looks_like'", id="no-looks-like"
    ),
    pytest.param(put("decoys", value="none"), "'decoys' must be a list", id="decoys-text"),
    pytest.param(
        put("decoys", 0, "core", value="41,200"), "unknown key 'core' in a decoy", id="decoy-core"
    ),
    pytest.param(
        put("annotations", 1, "arguable", value="yes"),
        "'arguable' must be true or false",
        id="arguable-text",
    ),
    pytest.param(
        put("questions", 0, "empty", value=1), "'empty' must be true or false", id="empty-number"
    ),
    # questions
    pytest.param(put("questions", value=[]), "'questions' is empty", id="empty-questions"),
    pytest.param(drop("questions", 0, "type"), "missing required key 'type'", id="no-type"),
    pytest.param(
        put("questions", 0, "type", value="essay"),
        "unknown question type 'essay'",
        id="unknown-type",
    ),
    pytest.param(
        put("questions", 0, "answer", value="x"),
        "unknown key 'answer' in a spot question",
        id="spot-extra-key",
    ),
    pytest.param(
        put("questions", 0, "points", value=0),
        "'points' must be between 0.5 and 100",
        id="points-zero",
    ),
    pytest.param(
        put("questions", 0, "points", value=101),
        "'points' must be between 0.5 and 100",
        id="points-too-many",
    ),
    pytest.param(
        put("questions", 0, "paragraphs", value=[-1]),
        "paragraph numbers run from 0",
        id="negative-paragraph",
    ),
    pytest.param(
        put("questions", 0, "skills", value=[3]),
        "each entry of 'skills' must be skill id",
        id="spot-skill-number",
    ),
    pytest.param(
        put("questions", 1, "skills", value=["loaded-language"]),
        "needs at least two skills",
        id="label-one-skill",
    ),
    pytest.param(
        put("questions", 1, "span", value="crumbling"),
        "unknown key 'span' in a label question",
        id="label-with-span",
    ),
    pytest.param(drop("questions", 2, "span"), "missing required key 'span'", id="no-span"),
    pytest.param(
        put("questions", 2, "skills", value=["loaded-language"]),
        "unknown key 'skills' in a classify question",
        id="classify-with-skills",
    ),
    pytest.param(_choice(options=None), "missing required key 'options'", id="choice-no-options"),
    pytest.param(_choice(options=[]), "'options' is empty", id="choice-empty-options"),
    pytest.param(
        _choice(options=[_OPTION_A]), "needs at least two options", id="choice-one-option"
    ),
    pytest.param(
        _choice(options=[{"text": "A"}, _OPTION_B]),
        "mark at least one option 'correct: true'",
        id="choice-nothing-correct",
    ),
    pytest.param(
        _choice(options=[_OPTION_A, {"text": "B", "correct": True}], multiple=False),
        "set 'multiple: true'",
        id="choice-single-with-two-correct",
    ),
    pytest.param(_choice(prompt=None), "missing required key 'prompt'", id="choice-no-prompt"),
    pytest.param(
        _choice(options=[_OPTION_A, {"text": "B", "right": True}]),
        "unknown key 'right' in an option",
        id="option-extra-key",
    ),
    pytest.param(
        _choice(options=[_OPTION_A, {"correct": False}]),
        "missing required key 'text'",
        id="option-no-text",
    ),
    pytest.param(
        _choice(options=[_OPTION_A, {"text": "B", "correct": "no"}]),
        "'correct' must be true or false",
        id="option-correct-text",
    ),
    pytest.param(_choice(multiple="yes"), "'multiple' must be true or false", id="multiple-text"),
    # settings
    pytest.param(put("settings", value=5), "'settings' must be a mapping", id="settings-number"),
    pytest.param(
        put("settings", "passmark", value=0.5), "did you mean 'pass_mark'?", id="settings-typo"
    ),
    pytest.param(
        put("settings", "pass_mark", value=1.5),
        "'pass_mark' must be between 0 and 1",
        id="pass-mark-high",
    ),
    pytest.param(
        put("settings", "pass_mark", value=-0.1),
        "'pass_mark' must be between 0 and 1",
        id="pass-mark-negative",
    ),
    pytest.param(
        put("settings", "pass_mark", value="60%"),
        "'pass_mark' must be a number",
        id="pass-mark-text",
    ),
    pytest.param(
        put("settings", "false_alarm_penalty", value=0.4),
        "'false_alarm_penalty' must be between 0.5 and 4",
        id="penalty-low",
    ),
    pytest.param(
        put("settings", "false_alarm_penalty", value=4.5),
        "'false_alarm_penalty' must be between 0.5 and 4",
        id="penalty-high",
    ),
    pytest.param(
        put("settings", "edge_tolerance", value=4),
        "'edge_tolerance' must be a whole number from 0 to 3",
        id="tolerance-high",
    ),
    pytest.param(
        put("settings", "edge_tolerance", value=1.5),
        "'edge_tolerance' must be a whole number",
        id="tolerance-fraction",
    ),
    pytest.param(
        put("settings", "classify_items", value=31),
        "'classify_items' must be a whole number from 0 to 30",
        id="classify-items-high",
    ),
    pytest.param(
        put("settings", "classify_items", value=-1),
        "'classify_items' must be a whole number from 0 to 30",
        id="classify-items-negative",
    ),
    pytest.param(
        put("settings", "seed", value=-1),
        "'seed' must be a whole number from 0 to 2147483648",
        id="seed-negative",
    ),
    pytest.param(
        put("settings", "seed", value=2**31 + 1),
        "'seed' must be a whole number from 0 to 2147483648",
        id="seed-high",
    ),
]


@pytest.mark.parametrize(("patch", "loader_says"), REJECTED)
def test_schema_and_loader_both_reject(
    patch: Patch, loader_says: str, tmp_path: Path, validator: Draft202012Validator
) -> None:
    doc = build(patch)
    assert not validator.is_valid(doc), "the schema accepts it"
    with pytest.raises(QuizFileError) as caught:
        load(doc, tmp_path)
    messages = [e.message for e in caught.value.errors]
    assert any(loader_says in m for m in messages), messages


# the schema names exactly the keys, values and defaults the loader knows


def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def test_keys_match_the_loader() -> None:
    schema = _schema()
    defs = schema["$defs"]
    assert set(schema["properties"]) == loader.QUIZ_KEYS
    assert set(defs["annotation"]["properties"]) == loader.SPAN_KEYS
    assert set(defs["decoy"]["properties"]) == loader.DECOY_KEYS
    assert set(defs["customSkill"]["properties"]) == loader.SKILL_KEYS
    assert set(defs["customSkill"]["required"]) == loader.SKILL_KEYS - {"translations"}
    translation = defs["customSkill"]["properties"]["translations"]["additionalProperties"]
    assert set(translation["properties"]) == loader.TRANSLATION_KEYS
    assert set(schema["properties"]["settings"]["properties"]) == loader.SETTINGS_KEYS
    options = defs["choiceQuestion"]["properties"]["options"]["items"]["properties"]
    assert set(options) == OPTION_KEYS


def test_question_types_match_the_registry() -> None:
    defs = _schema()["$defs"]
    branches = [defs[ref["$ref"].rsplit("/", 1)[1]] for ref in defs["question"]["oneOf"]]
    by_type = {b["properties"]["type"]["const"]: b for b in branches}
    types = question_types()
    assert set(by_type) == set(types)
    assert set(defs["question"]["properties"]["type"]["enum"]) == set(types)
    for type_id, cls in types.items():
        keys = sys.modules[cls.__module__].KEYS
        assert set(by_type[type_id]["properties"]) == keys, type_id


def test_values_and_defaults_match_the_code() -> None:
    schema = _schema()
    assert set(schema["$defs"]["builtinSkill"]["enum"]) == set(BUILTIN_SKILLS)
    assert tuple(schema["properties"]["level"]["enum"]) == LEVELS
    settings = schema["properties"]["settings"]["properties"]
    for f in fields(Settings):
        assert settings[f.name]["default"] == getattr(Settings(), f.name), f.name


def test_every_property_has_a_description() -> None:
    missing: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{where}/{name}")
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}/{i}")

    walk(_schema(), "")
    # Properties inside if/then/contains only narrow values already described elsewhere.
    missing = [
        m for m in missing if "/then/" not in m and "/contains/" not in m and "/if/" not in m
    ]
    assert not missing, missing


# the worked example of docs/authoring.md is what the code does


def _examples() -> dict[str, str]:
    """The blocks of the guide marked ``<!-- example: name -->``, by name."""
    text = AUTHORING_PATH.read_text(encoding="utf-8")
    found = re.findall(r"<!-- example: ([^>]+?) -->\n```\w*\n(.*?)```", text, re.S)
    return dict(found)


def _load_example(tmp_path: Path, extra: str = "") -> Quiz:
    examples = _examples()
    seeds, quizzes = tmp_path / "seeds", tmp_path / "quizzes"
    seeds.mkdir(exist_ok=True)
    quizzes.mkdir(exist_ok=True)
    (seeds / "201_library-hours.txt").write_text(
        examples["seeds/201_library-hours.txt"], encoding="utf-8"
    )
    path = quizzes / "library-hours.yaml"
    path.write_text(examples["quizzes/library-hours.yaml"] + extra, encoding="utf-8")
    return loader.load_quiz(path, seeds)


def test_authoring_example_is_valid(tmp_path: Path, validator: Draft202012Validator) -> None:
    examples = _examples()
    source = examples["quizzes/library-hours.yaml"]
    validator.validate(yaml.safe_load(source))
    built = _load_example(tmp_path)
    assert [q.type_id for q in built.questions] == ["spot"] * 4 + ["classify"] * 4
    # A point a target for each spot question (1, 1, 1 and 2), one for each classify item.
    assert sum(q.points for q in built.questions) == 9
    written = "\n" + examples["questions"]
    validator.validate(yaml.safe_load(source + written))
    quiz = _load_example(tmp_path, written)
    assert [q.type_id for q in quiz.questions] == ["spot", "label", "classify", "choice"]


def test_authoring_scoring_example_matches_the_code(tmp_path: Path) -> None:
    examples = _examples()
    printed = io.StringIO()
    with redirect_stdout(printed):
        exec(examples["scoring"], {"__name__": "authoring_example"})
    assert printed.getvalue() == examples["scoring output"]

    quiz = _load_example(tmp_path)
    tokens = quiz.article.tokens
    assert len(tokens) == 93
    named = {5: "a", 6: "bold", 7: "victory", 43: "crumbling", 44: "old", 45: "building"}
    named |= {74: "a", 75: "disgrace", 30: "Experts", 31: "say"}
    assert {i: tokens[i].text for i in named} == named
    spot = quiz.question("spot-loaded-language")
    assert isinstance(spot, HighlightQuestion)
    assert round(spot.grade({"tokens": [5, 6, 43, 44, 45, 74, 75]}).score, 4) == 0.4756
    assert round(spot.grade({"tokens": sorted(spot.scope_tokens)}).score, 3) == 0.075
    assert spot.points == 2
    assert [t.context for t in spot.targets] == [range(0, 10), range(30, 49)]
    highlights = [q for q in quiz.questions if isinstance(q, HighlightQuestion)]
    worst = {q.id: q.worst_blind_selection()[1] for q in highlights}
    assert len(worst) == 4
    assert round(worst["spot-loaded-language"], 2) == 0.09
    assert round(max(worst.values()), 2) == 0.11 == round(worst["spot-unsupported-statistic"], 2)

    labelled = _load_example(tmp_path, "\n" + examples["questions"])
    label = labelled.question("label-tone-and-sources")
    response = {"labels": {"vague-attribution": [6, 7, 30, 31]}}
    assert round(label.grade(response).score, 4) == 0.6


def test_authoring_quotes_the_scoring_rule() -> None:
    text = AUTHORING_PATH.read_text(encoding="utf-8")
    quoted = " ".join(line[1:] for line in text.splitlines() if line.startswith(">"))
    rule = (scoring.__doc__ or "").split("span scoring:", 1)[1]
    assert " ".join(rule.split()) == " ".join(quoted.split())
