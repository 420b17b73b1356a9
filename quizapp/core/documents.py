"""A quiz as the browser editor holds it: the YAML file's mapping as data, with the article's
text beside it. Checked by the same loader as the files, its findings given a path into the
mapping (``annotations[2].quote``) so the editor can show each beside its field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import yaml

from quizapp.core.article import Article, ArticleError
from quizapp.core.errors import QuizError, QuizFileError
from quizapp.core.loader import load_quiz_source
from quizapp.core.model import Quiz
from quizapp.core.texts import told_in

DEFAULT_ARTICLE = "article.txt"


@dataclass(frozen=True)
class Message:
    """One finding of the validator, placed in the document: its message and fix in
    ``language`` (the English's, when the catalogue has no translation), and ``english``,
    the whole message in English (what names a skill, for the editor)."""

    path: str
    line: int
    message: str
    fix: str
    language: str = "en"
    english: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path, "line": self.line, "message": self.message, "fix": self.fix,
            "lang": self.language, "english": self.english or self.message,
        }  # fmt: skip


def article_name(document: dict[str, Any]) -> str:
    """The document's article file name if it is a plain one, else a safe default."""
    name = document.get("article")
    if isinstance(name, str) and name and len(PurePosixPath(name).parts) == 1:
        pure = PurePosixPath(name)
        if not pure.is_absolute() and ".." not in pure.parts and len(name) <= 200:
            return name
    return DEFAULT_ARTICLE


# libyaml's emitter where PyYAML was built with it: the pure-Python one took most of an
# autosave's time (bench part 7). Both write the same safe YAML.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def to_yaml(document: dict[str, Any]) -> str:
    """The document as a quiz file's text, the way the editor contract says."""
    return yaml.dump(document, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


def _text(document: dict[str, Any]) -> str:
    return to_yaml({**document, "article": article_name(document)})


def _load(text: str, article: str, name: str) -> Quiz:
    # Read when the loader asks, so an unreadable article is reported on its key.
    return load_quiz_source(
        text.encode("utf-8"), lambda _name: Article.from_text(_name, article), name=name
    )


def load_document(document: dict[str, Any], article: str, *, name: str) -> Quiz:
    """The core quiz of a document and its article, or QuizFileError with every problem."""
    return _load(_text(document), article, name)


def check(document: dict[str, Any], article: str, language: str = "en") -> list[Message]:
    """The validator's findings on a document, each with its path, in ``language``; empty
    when valid."""
    text = _text(document)
    try:
        _load(text, article, "document")
    except QuizFileError as exc:
        return placed(text, exc.errors, language)
    except ArticleError as exc:  # an article the core cannot read
        message, fix = exc.text.parts(language)
        return [Message("article", 0, message, fix, told_in(language), str(exc))]
    except ValueError as exc:
        return [Message("article", 0, str(exc), "")]
    return []


def placed(
    text: str, errors: tuple[QuizError, ...] | list[QuizError], language: str = "en"
) -> list[Message]:
    """Each error of the YAML ``text`` given the path of the deepest node on its line; its
    message and fix in ``language``, split apart before translation, so no language's
    punctuation is split on."""
    lines = _paths_by_line(text)
    told = told_in(language)
    out = []
    for e in errors:
        message, fix = e.parts(language)
        out.append(Message(lines.get(e.line, ""), e.line, message, fix, told, e.message))
    return out


def _paths_by_line(text: str) -> dict[int, str]:
    """The path of the deepest node that starts on each line (1-based) of ``text``."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    found: dict[int, tuple[int, str]] = {}

    def visit(node: yaml.Node, path: str, depth: int) -> None:
        line = node.start_mark.line + 1
        if path and found.get(line, (-1, ""))[0] <= depth:
            found[line] = (depth, path)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                step = f"{path}.{key.value}" if path else str(key.value)
                key_line = key.start_mark.line + 1
                if found.get(key_line, (-1, ""))[0] <= depth + 1:
                    found[key_line] = (depth + 1, step)
                visit(value, step, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                visit(item, f"{path}[{index}]", depth + 1)

    if root is not None:
        visit(root, "", 0)
    return {line: path for line, (_, path) in found.items()}
