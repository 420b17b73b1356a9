"""The class's gradebook (and CSV), skill heatmap, and one student's attempts."""

from __future__ import annotations

import json
import re

from flask import abort, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response

from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.db.engine import request_session
from quizapp.db.models import Assignment, Attempt, User
from quizapp.web import reports
from quizapp.web.content import quiz_for
from quizapp.web.progress import skill_progress
from quizapp.web.render import feedback_marks
from quizapp.web.teach import CLASS, ID, bp, class_student, own_classroom


@bp.route(f"{CLASS}/gradebook")
def gradebook(classroom_id: int) -> str:
    """Students x assignments: the counting score, late marks; sorted by ?sort=."""
    room = own_classroom(classroom_id)
    book = reports.gradebook(request_session(), room.id, request.args.get("sort", "name"))
    return render_template("teach/gradebook.html", room=room, book=book)


@bp.route(f"{CLASS}/gradebook.csv")
def gradebook_csv(classroom_id: int) -> Response:
    """The gradebook as a CSV file for a spreadsheet."""
    room = own_classroom(classroom_id)
    book = reports.gradebook(request_session(), room.id, request.args.get("sort", "name"))
    slug = re.sub(r"[^A-Za-z0-9]+", "-", room.name).strip("-").lower() or "class"
    return Response(
        reports.gradebook_csv(book),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="gradebook-{slug[:40]}.csv"'},
    )


@bp.route(f"{CLASS}/heatmap")
def heatmap(classroom_id: int) -> str:
    """Students x skills: find rate and precision over the class's assignments."""
    room = own_classroom(classroom_id)
    return render_template(
        "teach/heatmap.html", room=room, heat=reports.heatmap(request_session(), room.id)
    )


@bp.route(f"{CLASS}/students/<{ID}:user_id>")
def student(classroom_id: int, user_id: int) -> str:
    """One student: every attempt in the class, skill levels and their trend."""
    room = own_classroom(classroom_id)
    user = class_student(room, user_id)
    s = request_session()
    assignments = {a.id: a for a in reports.class_assignments(s, room.id)}
    attempts = sorted(
        reports.class_attempts(s, room.id, user.id), key=lambda a: (a.submitted_at, a.id)
    )
    counted = reports.counting_attempts(attempts, {k: a.counting for k, a in assignments.items()})
    tallies = reports.skill_tallies(s, room.id, user.id)
    history = [tallies.get(a.id, {}) for a in attempts]
    view = skill_progress(history, f"{user.username}'s skill scores over their attempts")
    return render_template(
        "teach/student.html", room=room, student=user, attempts=attempts[::-1],
        assignments=assignments, counting={a.id for a in counted.values()},
        levels=view.levels, names=view.names, chart=view.chart,
    )  # fmt: skip


@bp.route(f"{CLASS}/attempts/<{ID}:attempt_id>")
def attempt(classroom_id: int, attempt_id: int) -> str:
    """The feedback a student sees on one attempt, whatever the assignment's feedback rule."""
    room = own_classroom(classroom_id)
    row = request_session().scalar(
        select(Attempt)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(Attempt.id == attempt_id, Assignment.classroom_id == room.id)
        .options(joinedload(Attempt.version), joinedload(Attempt.assignment))
    )
    if row is None:
        abort(404, description="There is no such attempt in this class.")
    owner = request_session().get(User, row.user_id)
    quiz = quiz_for(row.version)
    result = grade_quiz(quiz, parse_responses(quiz, json.loads(row.responses)))
    blocks, notes = feedback_marks(quiz, result)
    return render_template(
        "teach/attempt.html", quiz=quiz, result=result, blocks=blocks, notes=notes,
        questions={q.id: q for q in quiz.questions}, attempt=row, room=room, owner=owner,
    )  # fmt: skip
