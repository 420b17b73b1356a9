"""LTI 1.3 persistence: platforms, the tool's keys, logins in progress, and what a launch
makes (an account by the platform's subject, a class by its course, a link to an
assignment). Each write is one transaction: a refused launch changes nothing."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.core.texts import N_
from quizapp.core.usernames import fold, skeleton
from quizapp.db.coteachers import add_coteacher, taught_by
from quizapp.db.engine import Database
from quizapp.db.models import (
    Assignment,
    Classroom,
    ClassroomTeacher,
    LtiContext,
    LtiDeployment,
    LtiKey,
    LtiLink,
    LtiLogin,
    LtiPlatform,
    LtiUser,
    Membership,
    User,
    utcnow,
)
from quizapp.db.writes import WriteError, new_join_code
from quizapp.lti import keys
from quizapp.lti.model import Launch, LaunchRefused, LoginStart, Member, PlatformConf, ToolKey
from quizapp.lti.roles import quizapp_role

# A login's state and nonce are good for this long: the platform answers within seconds.
LOGIN_LIFETIME = timedelta(minutes=10)
# Accounts made by launches have no password: this is no Argon2 hash, so none matches it.
NO_PASSWORD = "!lti"


def _https(url: str, refusal: str) -> str:
    """``url`` stripped, or a WriteError saying ``refusal`` (a whole sentence, marked)."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or len(url) > 500:
        raise WriteError(refusal)
    return url


def register_platform(
    db: Database,
    *,
    name: str,
    issuer: str,
    client_id: str,
    auth_login_url: str,
    auth_token_url: str,
    key_set_url: str,
    deployment_ids: list[str],
    auth_audience: str | None = None,
    frame_origins: list[str] | None = None,
) -> int:
    """Register a platform with its deployments; return its id."""
    issuer, client_id, name = issuer.strip(), client_id.strip(), name.strip() or issuer.strip()
    if not issuer or len(issuer) > 255 or not client_id or len(client_id) > 255:
        raise WriteError(N_("Give the platform's issuer and the client id it gave the tool."))
    deployments = sorted({d.strip() for d in deployment_ids if d.strip()})
    if not deployments or any(len(d) > 255 for d in deployments):
        raise WriteError(N_("Give at least one deployment id (at most 255 characters each)."))
    platform = LtiPlatform(
        name=name[:100], issuer=issuer, client_id=client_id,
        auth_login_url=_https(auth_login_url, N_(
            "The login (OIDC authorisation) URL must be an https:// address (at most 500 "
            "characters).")),
        auth_token_url=_https(auth_token_url, N_(
            "The token URL must be an https:// address (at most 500 characters).")),
        key_set_url=_https(key_set_url, N_(
            "The key set (JWKS) URL must be an https:// address (at most 500 characters).")),
        auth_audience=_https(auth_audience, N_(
            "The token audience must be an https:// address (at most 500 characters)."))
        if auth_audience else None,
    )  # fmt: skip
    # The LMS's pages frame ours; by default its issuer's and its login page's origins.
    wanted = frame_origins or [issuer, platform.auth_login_url]
    platform.frame_origins = " ".join(sorted({_origin(u) for u in wanted if _origin(u)}))
    if len(platform.frame_origins) > 1000:
        raise WriteError(N_("Too many frame origins (at most 1000 characters in all)."))
    try:
        with db.write() as s:
            s.add(platform)
            s.flush()
            s.add_all(LtiDeployment(platform_id=platform.id, deployment_id=d) for d in deployments)
            return platform.id
    except IntegrityError:
        raise WriteError(N_("This issuer and client id are registered already.")) from None


def remove_platform(db: Database, platform_id: int) -> None:
    """Forget a platform; its accounts, classes and grades stay, unlinked."""
    with db.write() as s:
        gone = s.execute(delete(LtiPlatform).where(LtiPlatform.id == platform_id))
        if gone.rowcount != 1:  # type: ignore[attr-defined]
            raise WriteError(N_("There is no such platform."))


@dataclass(frozen=True)
class PlatformRow:
    conf: PlatformConf
    name: str
    frame_origins: str
    created_at: datetime


def platforms(s: Session) -> list[PlatformRow]:
    """Every registered platform with its deployments, oldest first."""
    deployments: dict[int, set[str]] = {}
    for platform_id, deployment_id in s.execute(select(LtiDeployment.platform_id,
                                                       LtiDeployment.deployment_id)):  # fmt: skip
        deployments.setdefault(platform_id, set()).add(deployment_id)
    return [
        PlatformRow(_conf(p, deployments.get(p.id, set())), p.name, p.frame_origins, p.created_at)
        for p in s.scalars(select(LtiPlatform).order_by(LtiPlatform.id))
    ]


def _conf(p: LtiPlatform, deployments: set[str]) -> PlatformConf:
    return PlatformConf(
        p.id, p.issuer, p.client_id, p.auth_login_url, p.auth_token_url, p.key_set_url,
        p.auth_audience, frozenset(deployments),
    )  # fmt: skip


def find_platform(s: Session, issuer: str, client_id: str | None) -> PlatformConf | None:
    """The platform registered with this issuer and client id (the issuer's only one when
    the login names no client id), or None."""
    query = select(LtiPlatform).where(LtiPlatform.issuer == issuer[:255])
    if client_id is not None:
        query = query.where(LtiPlatform.client_id == client_id[:255])
    found = s.scalars(query.limit(2)).all()
    if len(found) != 1:
        return None
    return platform_conf(s, found[0].id)


def platform_conf(s: Session, platform_id: int) -> PlatformConf | None:
    p = s.get(LtiPlatform, platform_id)
    if p is None:
        return None
    ids = s.scalars(
        select(LtiDeployment.deployment_id).where(LtiDeployment.platform_id == p.id)
    ).all()
    return _conf(p, set(ids))


def _origin(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.netloc or not parts.netloc.isascii():
        return ""
    return f"https://{parts.netloc.lower()}"


def platform_origins(s: Session, platform_id: int | None = None) -> list[str]:
    """The origins that may frame LTI pages: every registered platform's, or one's."""
    query = select(LtiPlatform.frame_origins)
    if platform_id is not None:
        query = query.where(LtiPlatform.id == platform_id)
    return sorted({o for row in s.scalars(query) for o in row.split()})


# The tool's keys ---------------------------------------------------------------------


def signing_key(db: Database) -> ToolKey:
    """The key that signs now (made on first use)."""
    with db.session() as s:
        key = s.scalars(
            select(LtiKey).where(LtiKey.retired_at.is_(None)).order_by(LtiKey.id.desc()).limit(1)
        ).first()
    if key is not None:
        return ToolKey(key.kid, key.private_pem)
    rotate_key(db)
    return signing_key(db)


def published_keys(s: Session, now: datetime | None = None) -> list[ToolKey]:
    """The keys /lti/jwks publishes: the signing one and those retired lately."""
    now = now or utcnow()
    return [
        ToolKey(k.kid, k.private_pem)
        for k in s.scalars(select(LtiKey).order_by(LtiKey.id.desc()))
        if keys.published(k.retired_at, now)
    ]


def rotate_key(db: Database) -> str:
    """A new signing key; the old ones retire (still published for a while) and keys
    retired long ago are deleted. Returns the new kid."""
    kid, pem = keys.new_key()
    now = utcnow()
    with db.write() as s:
        s.execute(update(LtiKey).where(LtiKey.retired_at.is_(None)).values(retired_at=now))
        s.execute(delete(LtiKey).where(LtiKey.retired_at < now - keys.RETIRED_KEY_PUBLISHED))
        s.add(LtiKey(kid=kid, private_pem=pem))
    return kid


# Logins and launches -------------------------------------------------------------------


def save_login(db: Database, start: LoginStart) -> None:
    """Keep a login's state and nonce for its launch; forget logins that expired."""
    with db.write() as s:
        s.execute(delete(LtiLogin).where(LtiLogin.created_at < utcnow() - LOGIN_LIFETIME))
        s.add(LtiLogin(state=start.state[:64], nonce=start.nonce[:64],
                       platform_id=start.platform_id))  # fmt: skip


def login_nonce(s: Session, state: str) -> tuple[str, int] | None:
    """(nonce, platform id) of an unexpired login with this state, or None."""
    row = s.get(LtiLogin, state[:64]) if state else None
    if row is None or row.created_at < utcnow() - LOGIN_LIFETIME:
        return None
    return row.nonce, row.platform_id


@dataclass(frozen=True)
class Arrival:
    """Who a launch logged in, and where they go."""

    user_id: int
    role: str
    classroom_id: int | None
    assignment_id: int | None
    link_id: int | None


CUSTOM_ASSIGNMENT = "quizapp_assignment"


def complete_launch(db: Database, launch: Launch, state: str) -> Arrival:
    """Use the login (once: a replayed launch finds it gone), then find or make the
    account, the class of the course and the link to the assignment, in one transaction."""
    role = quizapp_role(launch.roles)
    if role is None:
        raise LaunchRefused(
            N_("Your role in this course (a guest or an observer) cannot use quizapp."), 403
        )
    if not launch.subject:
        raise LaunchRefused(
            N_("The launch names no user (sub): anonymous launches are not supported.")
        )
    with db.write() as s:
        used = s.execute(
            delete(LtiLogin).where(LtiLogin.state == state[:64],
                                   LtiLogin.platform_id == launch.platform_id)
        ).rowcount  # type: ignore[attr-defined]  # fmt: skip
        if used != 1:
            raise LaunchRefused(
                N_(
                    "This launch was used already or its login expired: start it again from "
                    "the course."
                )
            )
        user_id = _account(s, launch, role)
        room = _classroom(s, launch, role, user_id)
        assignment_id, link_id = _link(s, launch, room)
        return Arrival(user_id, role, room.id if room else None, assignment_id, link_id)


def _account(s: Session, launch: Launch | _Member, role: str) -> int:
    """The person's account for this role: one a (platform, sub, role), so a TA who is a
    student in another course has a teacher account and a student account."""
    known = s.get(LtiUser, (launch.platform_id, launch.subject, role))
    if known is not None:
        return known.user_id
    # No real name, as for every account: the platform's name for the person stays there.
    while True:
        name = "lms-" + secrets.token_hex(5)
        if s.scalar(select(User.id).where(User.username_folded == fold(name))) is None:
            break
    user = User(username=name, username_folded=fold(name), username_skeleton=skeleton(name),
                password_hash=NO_PASSWORD, role=role)  # fmt: skip
    s.add(user)
    s.flush()
    s.add(LtiUser(platform_id=launch.platform_id, subject=launch.subject, kind=role,
                  user_id=user.id))  # fmt: skip
    return user.id


def _classroom(s: Session, launch: Launch, role: str, user_id: int) -> Classroom | None:
    if launch.context_id is None:
        return None
    context = s.scalar(
        select(LtiContext).where(LtiContext.platform_id == launch.platform_id,
                                 LtiContext.context_id == launch.context_id)
    )  # fmt: skip
    if context is None:
        if role != "teacher":
            raise LaunchRefused(
                N_("This course has no quizapp class yet: your teacher opens quizapp from the "
                   "course once first."), 409)  # fmt: skip
        room = Classroom(name=launch.context_title or "Course", teacher_id=user_id,
                         join_code=new_join_code(), join_enabled=False)  # fmt: skip
        s.add(room)
        s.flush()
        context = LtiContext(platform_id=launch.platform_id, context_id=launch.context_id,
                             classroom_id=room.id)  # fmt: skip
        s.add(context)
    room = s.get(Classroom, context.classroom_id)
    assert room is not None
    if launch.memberships_url and context.memberships_url != launch.memberships_url:
        context.memberships_url = launch.memberships_url
    if role == "student" and s.get(Membership, (user_id, room.id)) is None:
        s.add(Membership(user_id=user_id, classroom_id=room.id))
    if role == "teacher":  # another instructor of the course: a co-teacher of its class
        add_coteacher(s, room.id, user_id)
    return room


def _link(s: Session, launch: Launch, room: Classroom | None) -> tuple[int | None, int | None]:
    if launch.resource_link_id is None or room is None:
        return None, None
    link = s.scalar(
        select(LtiLink).where(LtiLink.platform_id == launch.platform_id,
                              LtiLink.resource_link_id == launch.resource_link_id)
    )  # fmt: skip
    if link is None:
        wanted = launch.custom.get(CUSTOM_ASSIGNMENT, "")
        assignment_id = s.scalar(
            select(Assignment.id).where(
                Assignment.id == (int(wanted) if wanted.isdigit() and len(wanted) < 10 else -1),
                Assignment.classroom_id == room.id,
            )
        )
        if assignment_id is None:
            return None, None
        link = LtiLink(platform_id=launch.platform_id, resource_link_id=launch.resource_link_id,
                       assignment_id=assignment_id, lineitem_url=launch.lineitem_url)  # fmt: skip
        s.add(link)
        s.flush()
    elif launch.lineitem_url and link.lineitem_url != launch.lineitem_url:
        link.lineitem_url = launch.lineitem_url
    return link.assignment_id, link.id


def link_assignment(s: Session, platform_id: int, resource_link_id: str) -> int | None:
    """The assignment a course link opens, or None while it opens none."""
    return s.scalar(
        select(LtiLink.assignment_id).where(LtiLink.platform_id == platform_id,
                                            LtiLink.resource_link_id == resource_link_id)
    )  # fmt: skip


def bind_link(
    db: Database,
    teacher_id: int,
    assignment_id: int,
    platform_id: int,
    resource_link_id: str,
    lineitem_url: str | None,
) -> int:
    """Bind a course link made without deep linking to an assignment of a class the
    teacher teaches, with the line item its scores go to; return the link's id.
    WriteError when the assignment is not theirs or the link opens a quiz already."""
    try:
        with db.write() as s:
            theirs = s.scalar(
                select(Assignment.id)
                .join(Classroom, Classroom.id == Assignment.classroom_id)
                .where(Assignment.id == assignment_id, taught_by(teacher_id))
            )
            if theirs is None:
                raise WriteError(N_("There is no such assignment in your classes."))
            if link_assignment(s, platform_id, resource_link_id) is not None:
                raise WriteError(N_("This course link opens a quiz already."))
            link = LtiLink(platform_id=platform_id, resource_link_id=resource_link_id[:255],
                           assignment_id=assignment_id, lineitem_url=lineitem_url)  # fmt: skip
            s.add(link)
            s.flush()
            return link.id
    except IntegrityError:  # bound by another teacher at the same moment
        raise WriteError(N_("This course link opens a quiz already.")) from None


def lti_classroom(s: Session, classroom_id: int) -> LtiContext | None:
    """The course a class came from, or None for a class made in quizapp."""
    return s.scalar(select(LtiContext).where(LtiContext.classroom_id == classroom_id))


@dataclass(frozen=True)
class RosterChange:
    added: int
    removed: int
    accounts_made: int
    teachers_added: int = 0
    teachers_removed: int = 0


def sync_roster(db: Database, classroom_id: int, members: list[Member]) -> RosterChange:
    """Make the class's roster the course's learners and its co-teachers the course's
    instructors: accounts for new ones (one a role), memberships and co-teachers added,
    and course accounts no longer active taken off (their attempts stay; the class's
    owner stays its owner)."""
    with db.write() as s:
        context = s.scalar(select(LtiContext).where(LtiContext.classroom_id == classroom_id))
        room = s.get(Classroom, classroom_id)
        if context is None or room is None:
            raise WriteError(N_("This class was not made by a launch from a learning platform."))
        wanted: dict[str, set[str]] = {"student": set(), "teacher": set()}
        for m in members:
            role = quizapp_role(m.roles) if m.subject and m.active else None
            if role is not None:
                wanted[role].add(m.subject)
        known: dict[tuple[str, str], int] = {
            (sub, kind): uid
            for sub, kind, uid in s.execute(
                select(LtiUser.subject, LtiUser.kind, LtiUser.user_id).where(
                    LtiUser.platform_id == context.platform_id
                )
            )
        }
        on_roster = set(s.scalars(select(Membership.user_id)
                                  .where(Membership.classroom_id == classroom_id)))  # fmt: skip
        co_teachers = set(
            s.scalars(
                select(ClassroomTeacher.user_id).where(
                    ClassroomTeacher.classroom_id == classroom_id
                )
            )
        )
        added = made = teachers_added = 0
        for kind in ("student", "teacher"):
            for sub in sorted(wanted[kind]):
                user_id = known.get((sub, kind))
                if user_id is None:
                    user_id = _account(s, _Member(context.platform_id, sub), kind)
                    made += 1
                if kind == "student" and user_id not in on_roster:
                    s.add(Membership(user_id=user_id, classroom_id=classroom_id))
                    added += 1
                elif kind == "teacher" and add_coteacher(s, classroom_id, user_id):
                    teachers_added += 1

        def gone(kind: str, among: set[int]) -> set[int]:
            return {uid for (sub, k), uid in known.items()
                    if k == kind and sub not in wanted[kind]} & among  # fmt: skip

        students_gone = gone("student", on_roster)
        if students_gone:
            s.execute(delete(Membership).where(Membership.classroom_id == classroom_id,
                                               Membership.user_id.in_(students_gone)))  # fmt: skip
        teachers_gone = gone("teacher", co_teachers)
        if teachers_gone:
            s.execute(delete(ClassroomTeacher).where(
                ClassroomTeacher.classroom_id == classroom_id,
                ClassroomTeacher.user_id.in_(teachers_gone)))  # fmt: skip
        return RosterChange(added, len(students_gone), made, teachers_added, len(teachers_gone))


@dataclass(frozen=True)
class _Member:
    """What ``_account`` reads of a launch, for a learner met in the roster first."""

    platform_id: int
    subject: str
