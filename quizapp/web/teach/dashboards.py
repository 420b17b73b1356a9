"""The class's gradebook (and CSV), skill heatmap, and one student's attempts."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.db import audit
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import AssignmentException, Classroom, User
from quizapp.db.privacy import export_user
from quizapp.db.writes import attempt_limit
from quizapp.web import reports
from quizapp.web.content import quiz_for
from quizapp.web.privacy import json_download
from quizapp.web.progress import LEVEL_NAMES, skill_progress
from quizapp.web.render import feedback_marks
from quizapp.web.teach import CLASS, ID, bp, class_attempt, class_student, own_classroom


@bp.route(f"{CLASS}/gradebook")
def gradebook(classroom_id: int) -> str:
    """Students x assignments: the counting score, late marks; sorted by ?sort=."""
    room = own_classroom(classroom_id)
    book = reports.gradebook(request_session(), room.id, request.args.get("sort", "name"))
    audit.log(get_db(), current_user.id, "viewed_class", classroom_id=room.id, detail="gradebook")
    return render_template("teach/gradebook.html", room=room, book=book)


@bp.route(f"{CLASS}/gradebook.csv")
def gradebook_csv(classroom_id: int) -> Response:
    """The gradebook as a CSV file for a spreadsheet."""
    room = own_classroom(classroom_id)
    book = reports.gradebook(request_session(), room.id, request.args.get("sort", "name"))
    audit.log(get_db(), current_user.id, "exported_class", classroom_id=room.id, detail="gradebook")
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
    audit.log(get_db(), current_user.id, "viewed_class", classroom_id=room.id, detail="heatmap")
    return render_template(
        "teach/heatmap.html", room=room, heat=reports.heatmap(request_session(), room.id)
    )


@bp.route(f"{CLASS}/students/<{ID}:user_id>")
def student(classroom_id: int, user_id: int) -> str:
    """One student: every attempt in the class, skill levels and their trend."""
    room = own_classroom(classroom_id)
    user = class_student(room, user_id)
    audit.log(get_db(), current_user.id, "viewed_record", subject_id=user.id, classroom_id=room.id)
    return student_page(room, user)


@bp.route(f"{CLASS}/students/<{ID}:user_id>/data.json")
def student_data(classroom_id: int, user_id: int) -> Response:
    """What quizapp stores about a student in this class, as JSON (a family's request): the
    class's part only, never another teacher's class or the student's own practice."""
    room = own_classroom(classroom_id)
    student = class_student(room, user_id)
    export = export_user(request_session(), student.id, classroom_id=room.id)
    audit.log(get_db(), current_user.id, "exported", subject_id=student.id, classroom_id=room.id,
              detail="the class's part, as JSON")  # fmt: skip
    return json_download(export, f"student-{student.id}-data")


def student_page(
    room: Classroom,
    user: User,
    trouble: Mapping[int, str] | None = None,
    typed: Mapping[int, str] | None = None,
) -> str:
    """A student's page: attempts (voided ones marked, never counted), skills, and each
    assignment's attempts and due date for this student, with the forms that change them;
    ``trouble`` says why a change to an assignment was refused, ``typed`` what was sent."""
    s = request_session()
    assignments = {a.id: a for a in reports.class_assignments(s, room.id)}
    attempts = sorted(
        reports.class_attempts(s, room.id, user.id), key=lambda a: (a.submitted_at, a.id)
    )
    counted = reports.counting_attempts(attempts, {k: a.counting for k, a in assignments.items()})
    tallies = reports.skill_tallies(s, room.id, user.id)
    history = [tallies.get(a.id, {}) for a in attempts if a.voided_at is None]
    view = skill_progress(
        history, _("%(name)s's skill scores over their attempts", name=user.username)
    )
    own = {
        e.assignment_id: e
        for e in s.scalars(
            select(AssignmentException).where(
                AssignmentException.user_id == user.id,
                AssignmentException.assignment_id.in_(assignments),
            )
        )
    }
    used = Counter(a.assignment_id for a in attempts if a.voided_at is None)
    allowed = {
        k: attempt_limit(a.max_attempts, own[k].extra_attempts if k in own else 0)
        for k, a in assignments.items()
    }
    # Who voided an attempt or gave an exception, by name.
    teachers = reports.usernames(
        s, {a.voided_by for a in attempts} | {e.granted_by for e in own.values()}
    )
    return render_template(
        "teach/student.html", room=room, student=user, attempts=attempts[::-1],
        assignments=assignments, counting={a.id for a in counted.values()},
        levels=view.levels, names=reports.skill_names(view.names, list(assignments.values())),
        level_names=LEVEL_NAMES, chart=view.chart, own=own, used=used,
        allowed=allowed, teachers=teachers, trouble=trouble or {}, typed=typed or {},
    )  # fmt: skip


@bp.route(f"{CLASS}/attempts/<{ID}:attempt_id>")
def attempt(classroom_id: int, attempt_id: int) -> str:
    """The feedback a student sees on one attempt, whatever the assignment's feedback rule."""
    room = own_classroom(classroom_id)
    row = class_attempt(room, attempt_id)
    audit.log(get_db(), current_user.id, "viewed_attempt", subject_id=row.user_id,
              classroom_id=room.id, detail=f"attempt {row.id}")  # fmt: skip
    owner = request_session().get(User, row.user_id)
    voider = reports.usernames(request_session(), {row.voided_by}).get(row.voided_by or 0)
    quiz = quiz_for(row.version)
    result = grade_quiz(quiz, parse_responses(quiz, json.loads(row.responses)))
    blocks, notes = feedback_marks(quiz, result, teacher=True)
    return render_template(
        "teach/attempt.html", quiz=quiz, result=result, blocks=blocks, notes=notes,
        questions={q.id: q for q in quiz.questions}, attempt=row, room=room, owner=owner,
        voider=voider,
    )  # fmt: skip
