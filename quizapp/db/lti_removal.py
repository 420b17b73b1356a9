"""Removing a learning platform (the platforms page, ``quizapp lti remove``): what it
reaches, counted for the confirmation, and the removal in one transaction, audited. Either
the people's work stays (accounts, classes and attempts, no longer linked to the platform)
or the platform's accounts and classes go too, through ``db.erasure`` (each deletion in the
audit trail as usual). Scores still waiting for the platform's gradebook go either way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, or_, select
from sqlalchemy.orm import Session

from quizapp.db import audit, erasure
from quizapp.db.engine import Database
from quizapp.db.models import (
    Assignment,
    Attempt,
    Classroom,
    LtiContext,
    LtiDeployment,
    LtiGrade,
    LtiLink,
    LtiLogin,
    LtiPlatform,
    LtiUser,
    User,
)


@dataclass(frozen=True)
class Reach:
    """What removing a platform touches: its accounts, the classes that go with them if
    they are deleted (its courses' classes and any other class of its teachers), the
    attempts in those, and its scores not yet sent."""

    name: str
    issuer: str
    teachers: int
    students: int
    classes: int
    attempts: int
    unsent_grades: int

    @property
    def accounts(self) -> int:
        return self.teachers + self.students


def _accounts(s: Session, platform_id: int) -> list[tuple[int, str]]:
    return [
        (row.id, row.role)
        for row in s.execute(
            select(User.id, User.role)
            .join(LtiUser, LtiUser.user_id == User.id)
            .where(LtiUser.platform_id == platform_id)
            .order_by(User.id)
        )
    ]


def _classes(s: Session, platform_id: int, teachers: list[int]) -> list[int]:
    courses = select(LtiContext.classroom_id).where(LtiContext.platform_id == platform_id)
    return list(
        s.scalars(
            select(Classroom.id)
            .where(or_(Classroom.id.in_(courses), Classroom.teacher_id.in_(teachers)))
            .order_by(Classroom.id)
        )
    )


def _links(platform_id: int) -> Any:
    return select(LtiLink.id).where(LtiLink.platform_id == platform_id).scalar_subquery()


def reach(s: Session, platform_id: int) -> Reach | None:
    """The counts the confirmation shows; None if there is no such platform."""
    platform = s.get(LtiPlatform, platform_id)
    if platform is None:
        return None
    accounts = _accounts(s, platform_id)
    teachers = [uid for uid, role in accounts if role != "student"]
    classes = _classes(s, platform_id, teachers)
    in_classes = select(Assignment.id).where(Assignment.classroom_id.in_(classes))
    attempts = s.scalar(
        select(func.count())
        .select_from(Attempt)
        .where(
            or_(
                Attempt.user_id.in_([uid for uid, _ in accounts]),
                Attempt.assignment_id.in_(in_classes),
            )
        )
    )
    unsent = s.scalar(
        select(func.count())
        .select_from(LtiGrade)
        .where(LtiGrade.link_id.in_(_links(platform_id)), LtiGrade.status != "sent")
    )
    return Reach(
        platform.name, platform.issuer, len(teachers), len(accounts) - len(teachers),
        len(classes), int(attempts or 0), int(unsent or 0),
    )  # fmt: skip


def _run(s: Session, counts: dict[str, int], table: str, statement: Any) -> None:
    result = cast(CursorResult[Any], s.execute(statement, execution_options=erasure.QUIET))
    counts[table] = counts.get(table, 0) + result.rowcount


def _add(counts: dict[str, int], more: dict[str, int] | None) -> None:
    for table, n in (more or {}).items():
        counts[table] = counts.get(table, 0) + n


def remove_platform(
    db: Database,
    platform_id: int,
    actor_id: int | None,
    *,
    delete_people: bool,
    actor_name: str | None = None,
) -> dict[str, int]:
    """Remove a platform, all or nothing; the rows deleted, by table. ``delete_people``
    deletes its accounts and classes first (a teacher's quizzes pass to ``actor_id``, who
    must be an administrator's account, not one of the platform's: else OwnAccount and
    nothing changes). LookupError if there is no such platform."""
    counts: dict[str, int] = {}
    with db.write() as s:
        platform = s.scalar(
            select(LtiPlatform).where(LtiPlatform.id == platform_id).with_for_update()
        )
        if platform is None:
            raise LookupError("There is no such platform.")
        name, issuer = platform.name, platform.issuer
        if delete_people:
            accounts = _accounts(s, platform_id)
            teachers = [uid for uid, role in accounts if role != "student"]
            for classroom_id in _classes(s, platform_id, teachers):
                _add(counts, erasure.classroom_rows(s, classroom_id, actor_id))
            for user_id, _role in accounts:
                _add(counts, erasure.account_rows(s, user_id, actor_id))
        # What is left of the platform: its unsent scores, links, courses, its ids for
        # people, logins in progress and deployments (explicitly, to count them).
        _run(s, counts, "lti_grades",
             delete(LtiGrade).where(LtiGrade.link_id.in_(_links(platform_id))))  # fmt: skip
        for model in (LtiLink, LtiContext, LtiUser, LtiLogin, LtiDeployment):
            _run(s, counts, model.__tablename__,
                 delete(model).where(model.platform_id == platform_id))  # fmt: skip
        _run(s, counts, "lti_platforms", delete(LtiPlatform).where(LtiPlatform.id == platform_id))
        what = "accounts and classes deleted" if delete_people else "accounts and classes kept"
        audit.record(
            s, actor_id, "removed_platform", detail=f"{name} ({issuer}); {what}; "
            + erasure.summary(counts), actor_name=actor_name,
        )  # fmt: skip
    return counts
