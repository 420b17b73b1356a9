"""Co-teachers in the database: who may be one, and who teaches a class."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from quizapp.db.coteachers import add_coteacher, class_teachers, taught_by
from quizapp.db.models import Classroom
from tests.web.teach_data import add_users, class_id, ids


def test_only_another_teacher_becomes_a_co_teacher_once(app: Flask) -> None:
    teacher1, alice = ids(app, "teacher1", "alice")
    (teacher2, teacher3) = add_users(app, ["teacher2", "teacher3"], "teacher")
    room = class_id(app)
    with app.app_context(), app.extensions["quizapp.db"].write() as s:
        made = [add_coteacher(s, room, u) for u in (teacher1, alice, teacher3, teacher3)]
        missing = add_coteacher(s, room + 1000, teacher2)
    # The owner, a student and a second time are refused; so is a class that is not.
    assert made == [False, False, True, False] and not missing
    with app.app_context(), app.extensions["quizapp.db"].session() as s:
        rooms = {
            u: set(s.scalars(select(Classroom.id).where(taught_by(u))))
            for u in (teacher1, teacher2, teacher3, alice)
        }
        listed = class_teachers(s, s.get(Classroom, room))  # type: ignore[arg-type]
    assert rooms == {teacher1: {room}, teacher2: set(), teacher3: {room}, alice: set()}
    assert [(t.username, t.owner) for t in listed] == [("teacher1", True), ("teacher3", False)]
