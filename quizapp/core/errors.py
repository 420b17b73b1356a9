"""Errors with a place: every problem in a quiz file names file, line, column and a fix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from quizapp.core.texts import Text


@dataclass(frozen=True, order=True)
class QuizError:
    """One problem found in a quiz file, printed as ``file:line:column: message``.

    ``message`` is the English; ``text``, when given, the same message as a ``Text`` that
    renders in a reader's language (it takes no part in comparing or sorting)."""

    file: str
    line: int
    column: int
    message: str
    text: Text | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, file: str, line: int, column: int, text: Text) -> QuizError:
        """The error with ``text`` as its message."""
        return cls(file, line, column, str(text), text)

    def parts(self, language: str) -> tuple[str, str]:
        """The message and its fix in ``language`` (the English split where there is no text)."""
        if self.text is not None:
            return self.text.parts(language)
        message, _, fix = self.message.partition("; ")
        return message, fix

    def __str__(self) -> str:
        # One error, one line: a quoted line break of any kind is shown, not printed.
        return f"{self.file}:{self.line}:{self.column}: {self.message.translate(_SHOW_BREAKS)}"


# Every character str.splitlines() breaks a line at, as its escape ('\\n', '\\u2028', ...).
_SHOW_BREAKS = str.maketrans({c: repr(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


class QuizFileError(Exception):
    """Raised when a quiz file has one or more problems; carries all of them."""

    def __init__(self, errors: Sequence[QuizError]) -> None:
        self.errors = tuple(sorted(errors))
        super().__init__("\n".join(str(e) for e in self.errors))


class ResponseError(ValueError):
    """A learner's response that cannot be graded (wrong shape, out of range, unknown id)."""


class QuestionTypeError(LookupError):
    """An unknown question type, or one registered twice; ``text`` the message as a ``Text``."""

    def __init__(self, message: str | Text) -> None:
        super().__init__(str(message))
        self.text = message if isinstance(message, Text) else None
