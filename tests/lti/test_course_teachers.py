"""Courses as they are: several instructors share the course's class (co-teachers, who
may do all but archive or delete it), the roster service brings the instructors too, and
one person can be a student in one course and a teacher (TA) in another."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.db.models import Classroom, ClassroomTeacher, LtiContext, LtiUser, Membership, User
from tests.lti.conftest import https_client, launch
from tests.lti.platform import CLAIM, INSTRUCTOR, LEARNER, FakePlatform
from tests.web.conftest import csrf_token
from tests.web.teach_data import add_assignment

TA = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"


def _room(app: Flask, context: str = "course-7") -> int:
    with app.extensions["quizapp.db"].session() as s:
        return s.scalars(
            select(LtiContext.classroom_id).where(LtiContext.context_id == context)
        ).one()


def _user(app: Flask, sub: str, kind: str) -> User:
    with app.extensions["quizapp.db"].session() as s:
        user_id = s.scalars(
            select(LtiUser.user_id).where(LtiUser.subject == sub, LtiUser.kind == kind)
        ).one()
        user = s.get(User, user_id)
        assert user is not None
        return user


def test_a_second_instructor_sees_and_runs_the_class(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    owner = https_client(app)
    launch(owner, platform, sub="teacher-9", roles=(INSTRUCTOR,))
    room = _room(app)
    assignment = add_assignment(app, room)
    response = launch(browser, platform, sub="teacher-10", roles=(INSTRUCTOR,))
    assert response.status_code == 302
    second = _user(app, "teacher-10", "teacher")
    with app.extensions["quizapp.db"].session() as s:
        assert s.scalar(select(func.count()).select_from(Classroom)) == 2  # the fixture's + 1
        rows = s.execute(select(ClassroomTeacher.classroom_id, ClassroomTeacher.user_id)).all()
    assert [tuple(r) for r in rows] == [(room, second.id)]
    page = browser.get(f"/teach/classes/{room}").get_data(as_text=True)
    assert "Media literacy 7B" in page
    # The class page names its teachers: the owner marked, the co-teacher too.
    owner_name = _user(app, "teacher-9", "teacher").username
    assert owner_name in page and second.username in page
    assert "Only the teacher who owns this class archives or deletes it." in page
    class_page = f"/teach/classes/{room}"
    for path in (f"{class_page}/gradebook", f"{class_page}/assignments/{assignment}",
                 f"{class_page}/assignments/new", f"/lti/classes/{room}/grades"):  # fmt: skip
        assert browser.get(path).status_code == 200, path
    assert room in _listed_classes(browser)
    assert "co-teacher" in browser.get("/teach").get_data(as_text=True)  # marked so there
    assert "co-teacher" not in owner.get("/teach").get_data(as_text=True)
    # Launching again adds no second row.
    launch(https_client(app), platform, sub="teacher-10", roles=(INSTRUCTOR,))
    with app.extensions["quizapp.db"].session() as s:
        assert s.scalar(select(func.count()).select_from(ClassroomTeacher)) == 1


def _listed_classes(client: FlaskClient) -> list[int]:
    page = client.get("/teach").get_data(as_text=True)
    return [int(n) for n in re.findall(r'href="/teach/classes/(\d+)"', page)]


def test_a_co_teacher_cannot_archive_or_delete_the_class(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    launch(https_client(app), platform, sub="teacher-9", roles=(INSTRUCTOR,))
    room = _room(app)
    launch(browser, platform, sub="teacher-10", roles=(INSTRUCTOR,))
    token = csrf_token(browser.get(f"/teach/classes/{room}").get_data(as_text=True))
    archived = browser.post(f"/teach/classes/{room}/archive",
                            data={"csrf_token": token, "value": "1"})  # fmt: skip
    assert archived.status_code == 403
    assert "owns this class" in archived.get_data(as_text=True)
    assert browser.get(f"/teach/classes/{room}/delete").status_code == 403
    deleted = browser.post(f"/teach/classes/{room}/delete", data={"csrf_token": token})
    assert deleted.status_code == 403
    with app.extensions["quizapp.db"].session() as s:
        kept = s.get(Classroom, room)
        assert kept is not None and not kept.archived
    # What they may do: rename it, like the owner.
    renamed = browser.post(f"/teach/classes/{room}/rename",
                           data={"csrf_token": token, "name": "7B together"})  # fmt: skip
    assert renamed.status_code == 302
    with app.extensions["quizapp.db"].session() as s:
        kept = s.get(Classroom, room)
        assert kept is not None and kept.name == "7B together"


def test_a_student_in_one_course_teaches_in_another(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    """The same sub: a learner in course A, a TA in course B. Each launch uses the account
    of its role; neither is refused."""
    launch(https_client(app), platform, sub="teacher-9", roles=(INSTRUCTOR,))  # owns course A
    room_a = _room(app)
    assignment = add_assignment(app, room_a)
    as_student = launch(browser, platform, sub="person-5", roles=(LEARNER,), link="link-a",
                        custom={"quizapp_assignment": str(assignment)})  # fmt: skip
    assert as_student.status_code == 302
    assert as_student.headers["Location"].endswith(f"/assignments/{assignment}")
    course_b = {"id": "course-8", "title": "Year 9 history"}
    as_ta = launch(https_client(app), platform, sub="person-5", roles=(TA,), link="link-b",
                   **{CLAIM + "context": course_b})  # fmt: skip
    assert as_ta.status_code == 302
    room_b = _room(app, "course-8")
    student, teacher = _user(app, "person-5", "student"), _user(app, "person-5", "teacher")
    assert student.id != teacher.id
    assert (student.role, teacher.role) == ("student", "teacher")
    with app.extensions["quizapp.db"].session() as s:
        owner_b = s.scalar(select(Classroom.teacher_id).where(Classroom.id == room_b))
        on_roster_a = s.get(Membership, (student.id, room_a))
    assert owner_b == teacher.id and on_roster_a is not None
    # Back in course A as a learner: the student account again, the assignment opens.
    again = https_client(app)
    back = launch(again, platform, sub="person-5", roles=(LEARNER,), link="link-a")
    assert back.headers["Location"].endswith(f"/assignments/{assignment}")
    assert again.get(f"/assignments/{assignment}").status_code == 200
    assert again.get(f"/teach/classes/{room_b}").status_code == 403  # a student's session
    with app.extensions["quizapp.db"].session() as s:
        assert s.scalar(select(func.count()).select_from(LtiUser)) == 3  # teacher-9 + two


def _sync(browser: FlaskClient, room: int, token: str) -> Any:
    return browser.post(f"/lti/classes/{room}/roster", data={"csrf_token": token})


def _co_teachers(app: Flask, room: int) -> set[str]:
    """The platform ids of the class's co-teachers."""
    with app.extensions["quizapp.db"].session() as s:
        return set(s.scalars(
            select(LtiUser.subject)
            .join(ClassroomTeacher, ClassroomTeacher.user_id == LtiUser.user_id)
            .where(ClassroomTeacher.classroom_id == room)))  # fmt: skip


def test_the_roster_service_brings_the_instructors_as_co_teachers(
    app: Flask, browser: FlaskClient, platform: FakePlatform
) -> None:
    launch(browser, platform, sub="teacher-9", roles=(INSTRUCTOR,))
    room = _room(app)

    def member(sub: str, role: str, status: str = "Active") -> dict[str, object]:
        return {"user_id": sub, "roles": [role], "status": status}

    platform.members = [member("teacher-9", INSTRUCTOR), member("teacher-10", INSTRUCTOR),
                        member("ta-3", TA), member("student-1", LEARNER)]  # fmt: skip
    token = csrf_token(browser.get(f"/lti/classes/{room}/grades").get_data(as_text=True))
    assert (
        browser.post(f"/lti/classes/{room}/roster", data={"csrf_token": token}).status_code == 302
    )
    page = browser.get(f"/lti/classes/{room}/grades").get_data(as_text=True)
    assert "Co-teachers from the course: 2 added, 0 taken off." in page
    # The owner stays the owner, not a co-teacher too.
    assert _co_teachers(app, room) == {"teacher-10", "ta-3"}
    # The new co-teacher's first launch uses the account the roster made.
    launch(https_client(app), platform, sub="teacher-10", roles=(INSTRUCTOR,))
    with app.extensions["quizapp.db"].session() as s:
        assert s.scalar(select(func.count()).where(LtiUser.subject == "teacher-10")) == 1
    # An instructor gone from the course stops co-teaching; the owner is never taken off.
    platform.members = [member("teacher-10", INSTRUCTOR), member("student-1", LEARNER)]
    assert (
        browser.post(f"/lti/classes/{room}/roster", data={"csrf_token": token}).status_code == 302
    )
    with app.extensions["quizapp.db"].session() as s:
        owner = s.scalar(select(Classroom.teacher_id).where(Classroom.id == room))
    assert _co_teachers(app, room) == {"teacher-10"}
    assert owner == _user(app, "teacher-9", "teacher").id
