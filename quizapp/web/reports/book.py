"""The gradebook: students x assignments, sorted on the server, and its CSV export."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.core import clock
from quizapp.db.models import Assignment, AssignmentException, AssignmentStart, utcnow
from quizapp.db.writes import due_for
from quizapp.web.reports.rows import (
    AttemptRow,
    Student,
    class_assignments,
    class_attempts,
    class_students,
    tally_attempts,
)


class Cell(NamedTuple):
    """One student's standing in one assignment (a named tuple, as ``AttemptRow``: a
    gradebook holds thousands)."""

    status: str  # submitted, late, in progress, not started, missing, not open
    attempt: AttemptRow | None = None
    attempts: int = 0

    @property
    def score(self) -> float | None:
        return self.attempt.score if self.attempt else None


@dataclass(frozen=True)
class GradeRow:
    student: Student
    cells: tuple[Cell, ...]

    @property
    def mean(self) -> float | None:
        scores = [c.score for c in self.cells if c.score is not None]
        return sum(scores) / len(scores) if scores else None


@dataclass(frozen=True)
class Gradebook:
    assignments: tuple[Assignment, ...]
    rows: tuple[GradeRow, ...]
    sort: str


SORT_KEYS = ("name", "mean")


def _blank_cells(opens_at: datetime, due_at: datetime, now: datetime) -> tuple[Cell, Cell]:
    """The cell of a student without a counting attempt: (not started, started)."""
    if now < opens_at:
        return Cell("not open"), Cell("not open")
    return Cell("missing" if now > due_at else "not started"), Cell("in progress")


def gradebook(s: Session, classroom_id: int, sort: str = "name") -> Gradebook:
    """Students x assignments, each cell the counting attempt (never a voided one); sorted
    by ``sort``: name, mean or a<assignment id>, descending with a leading '-'; blank cells
    always last. A blank cell is missing after the student's own due date, if later."""
    students = class_students(s, classroom_id)
    assignments = class_assignments(s, classroom_id)
    # Every attempt is read (each cell shows how many), so the pick is made here, in one pass.
    rules = {a.id: a.counting for a in assignments}
    counted, tries = tally_attempts(class_attempts(s, classroom_id), rules)
    cells = {
        key: Cell("late" if attempt.late else "submitted", attempt, tries[key])
        for key, attempt in counted.items()
    }
    started = set(
        s.execute(
            select(AssignmentStart.user_id, AssignmentStart.assignment_id)
            .join(Assignment, Assignment.id == AssignmentStart.assignment_id)
            .where(Assignment.classroom_id == classroom_id)
        ).all()
    )
    now = utcnow()
    # Blank cells are the same for every student (built once an assignment), but for the
    # few with a due date of their own.
    columns = [(a.id, *_blank_cells(a.opens_at, a.due_at, now)) for a in assignments]
    by_id = {a.id: a for a in assignments}
    for user, assignment_id, due in s.execute(
        select(AssignmentException.user_id, AssignmentException.assignment_id,
               AssignmentException.due_at)
        .join(Assignment, Assignment.id == AssignmentException.assignment_id)
        .where(Assignment.classroom_id == classroom_id, AssignmentException.due_at.is_not(None))
    ):  # fmt: skip
        key, a = (user, assignment_id), by_id[assignment_id]
        if key not in cells:
            idle, busy = _blank_cells(a.opens_at, due_for(a.due_at, due), now)
            cells[key] = busy if key in started else idle
    rows = [
        GradeRow(
            st,
            tuple(
                cells.get((st.id, a)) or (busy if (st.id, a) in started else idle)
                for a, idle, busy in columns
            ),
        )
        for st in students
    ]
    sort = sort if _valid_sort(sort, assignments) else "name"
    return Gradebook(tuple(assignments), tuple(_sorted(rows, sort, assignments)), sort)


def _valid_sort(sort: str, assignments: Sequence[Assignment]) -> bool:
    key = sort.removeprefix("-")
    return key in SORT_KEYS or key in {f"a{a.id}" for a in assignments}


def _sorted(rows: list[GradeRow], sort: str, assignments: Sequence[Assignment]) -> list[GradeRow]:
    descending, key = sort.startswith("-"), sort.removeprefix("-")
    if key == "name":
        return rows[::-1] if descending else rows
    column = [f"a{a.id}" for a in assignments].index(key) if key != "mean" else -1

    def value(row: GradeRow) -> float | None:
        return row.mean if column < 0 else row.cells[column].score

    scored = [r for r in rows if value(r) is not None]
    scored.sort(
        key=lambda r: value(r) or 0.0, reverse=descending
    )  # stable: equal scores stay by name
    return scored + [r for r in rows if value(r) is None]


# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """A cell as text that no spreadsheet will run: formula starts get a leading quote."""
    text = str(value)
    if text.lstrip(" \n").startswith(FORMULA_START):
        return "'" + text
    return text


def gradebook_csv(book: Gradebook) -> bytes:
    """The gradebook as CSV for a spreadsheet: UTF-8 with a BOM (so Excel reads it as
    UTF-8), a score column (percent) and a late column per assignment."""
    out = io.StringIO()
    writer = csv.writer(out)
    # The CSV stays English in every language (headings, "late", "due"): spreadsheets and
    # imports read these columns by name, and tests check them.
    header = ["Student", "Average (%)"]
    for a in book.assignments:
        title = f"{a.version.title} (due {clock.in_zone(a.due_at, a.classroom.timezone):%Y-%m-%d})"
        header += [f"{title}: score (%)", f"{title}: late"]
    writer.writerow(neutralise(h) for h in header)
    for row in book.rows:
        cells = [row.student.username, _percent(row.mean)]
        for cell in row.cells:
            cells += [_percent(cell.score), "late" if cell.status == "late" else ""]
        writer.writerow(neutralise(c) for c in cells)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}"
