"""Who teaches a class: its owner (``Classroom.teacher_id``) and its co-teachers. Every
lookup of "a class of this teacher's" goes through ``taught_by``; owning (archiving or
deleting the class) stays with ``Classroom.teacher_id``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from quizapp.db.models import Classroom, ClassroomTeacher, User


def taught_by(user_id: int) -> ColumnElement[bool]:
    """A filter on classrooms: those the user owns or co-teaches."""
    return or_(
        Classroom.teacher_id == user_id,
        Classroom.id.in_(
            select(ClassroomTeacher.classroom_id).where(ClassroomTeacher.user_id == user_id)
        ),
    )


def add_coteacher(s: Session, classroom_id: int, user_id: int) -> bool:
    """Make a teacher a co-teacher of a class (in the caller's transaction); False when
    they own it or co-teach it already, or are no teacher."""
    room = s.get(Classroom, classroom_id)
    if room is None or room.teacher_id == user_id:
        return False
    if s.scalar(select(User.role).where(User.id == user_id)) != "teacher":
        return False
    if s.get(ClassroomTeacher, (classroom_id, user_id)) is not None:
        return False
    s.add(ClassroomTeacher(classroom_id=classroom_id, user_id=user_id))
    return True


@dataclass(frozen=True)
class ClassTeacher:
    username: str
    owner: bool


def class_teachers(s: Session, room: Classroom) -> list[ClassTeacher]:
    """The class's teachers: its owner first, then its co-teachers by name."""
    owner = s.scalar(select(User.username).where(User.id == room.teacher_id)) or ""
    others = s.scalars(
        select(User.username)
        .join(ClassroomTeacher, ClassroomTeacher.user_id == User.id)
        .where(ClassroomTeacher.classroom_id == room.id)
        .order_by(User.username)
    )
    return [ClassTeacher(owner, True), *(ClassTeacher(name, False) for name in others)]
