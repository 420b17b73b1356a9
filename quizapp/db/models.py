"""The tables, as SQLAlchemy 2 typed models. Models hold data; they never commit."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from quizapp.core.usernames import fold, skeleton


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    # Named constraints, so migrations can find them on every database.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class User(Base):
    """A student or teacher. No e-mail and no real name: we keep as little as we can."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    # One account a name whatever its case (core.usernames.fold), and what the name looks
    # like, so a new name reading like an existing one can be refused (skeleton).
    username_folded: Mapped[str] = mapped_column(
        String(40), unique=True, default=lambda ctx: fold(ctx.get_current_parameters()["username"])
    )
    username_skeleton: Mapped[str] = mapped_column(
        String(40), index=True,
        default=lambda ctx: skeleton(ctx.get_current_parameters()["username"]),
    )  # fmt: skip
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10), default="student")
    # Bumped at logout and password reset: a copied session cookie stops working.
    session_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The last day the person used quizapp (written at most once a day, web.auth): an
    # account unused for the retention period is purged (db.retention).
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Teachers only (`quizapp admin grant`): the /admin pages, any account or class.
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The interface language the person chose (quizapp.i18n); None: the browser's.
    language: Mapped[str | None] = mapped_column(String(12), nullable=True)

    @property
    def is_teacher(self) -> bool:
        return self.role == "teacher"


class Classroom(Base):
    """A class a teacher runs; students join it with its code."""

    __tablename__ = "classrooms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    join_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # When it was archived: the retention period of an archived class counts from here.
    archived_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # IANA name: dates are typed and shown in it, stored in UTC.
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    teacher: Mapped[User] = relationship()


class ClassroomTeacher(Base):
    """A co-teacher of a class: sees and runs it as its owner (``Classroom.teacher_id``)
    does, but neither archives nor deletes it. A course's other instructors become one."""

    __tablename__ = "classroom_teachers"

    classroom_id: Mapped[int] = mapped_column(
        ForeignKey("classrooms.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Membership(Base):
    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    classroom_id: Mapped[int] = mapped_column(
        ForeignKey("classrooms.id", ondelete="CASCADE"), primary_key=True
    )
    joined_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class QuizVersion(Base):
    """One version of a quiz, stored whole and named by content hash, so an attempt is always
    shown and scored against the version it was taken on."""

    __tablename__ = "quiz_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quiz_id: Mapped[str] = mapped_column(String(64), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(20))
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    # The texts are read only to rebuild a quiz missing from the cache: loaded on first use.
    source_yaml: Mapped[str] = mapped_column(Text, deferred=True)
    article_name: Mapped[str] = mapped_column(String(200))
    article_text: Mapped[str] = mapped_column(Text, deferred=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


COUNTING = ("best", "last", "first")
FEEDBACK = ("immediate", "after_due", "never")


class Assignment(Base):
    """A quiz version, pinned, set for a class with dates, an attempt limit and rules."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    classroom_id: Mapped[int] = mapped_column(
        ForeignKey("classrooms.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[int] = mapped_column(ForeignKey("quiz_versions.id"))
    opens_at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    max_attempts: Mapped[int] = mapped_column(Integer, default=1)
    counting: Mapped[str] = mapped_column(String(10), default="best")
    feedback: Mapped[str] = mapped_column(String(10), default="immediate")
    allow_late: Mapped[bool] = mapped_column(Boolean, default=False)
    # The end of the late window (with allow_late): feedback "after the due date" opens
    # only when nobody can submit any more.
    late_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Withhold feedback on the quiz's public practice until this assignment's feedback
    # opens, for everyone: a student practising logged out cannot be told apart.
    hold_practice: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    version: Mapped[QuizVersion] = relationship()
    classroom: Mapped[Classroom] = relationship()


class AssignmentException(Base):
    """One student's exception to an assignment's rules: extra attempts, a later due date."""

    __tablename__ = "assignment_exceptions"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    extra_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    granted_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    granted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AssignmentStart(Base):
    """When a student first opened an assignment: "in progress" until they submit."""

    __tablename__ = "assignment_starts"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Attempt(Base):
    """A graded submission. ``token`` is unique: a resent form stores one attempt; within an
    assignment ``number`` is unique per student, so parallel attempts cannot pass the limit."""

    __tablename__ = "attempts"
    __table_args__ = (
        Index("ix_attempts_user_time", "user_id", "submitted_at"),
        UniqueConstraint("assignment_id", "user_id", "number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("quiz_versions.id"))
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), nullable=True, index=True
    )
    # Server defaults, so the migration can add these to tables that hold attempts.
    number: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    token: Mapped[str] = mapped_column(String(64), unique=True)
    responses: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    earned: Mapped[float] = mapped_column(Float)
    possible: Mapped[float] = mapped_column(Float)
    # JSON, as graded at submission, so item analysis need not grade every attempt again:
    # each question's score ({question id: score}) and the selections that hit no target
    # ([question id, first token, last token, decoy id or "", labelled]). NULL on attempts
    # stored before they were kept: those are graded again.
    marks: Mapped[str | None] = mapped_column(Text, nullable=True)
    false_alarms: Mapped[str | None] = mapped_column(Text, nullable=True)
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # A voided attempt is kept but never counts (nor uses up an attempt); who and when.
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    voided_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )

    version: Mapped[QuizVersion] = relationship()
    assignment: Mapped[Assignment | None] = relationship()
    skills: Mapped[list[SkillResult]] = relationship(cascade="all, delete-orphan")


class SkillResult(Base):
    """An attempt's tally for one skill: the counts behind find rate and accuracy."""

    __tablename__ = "attempt_skills"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    skill: Mapped[str] = mapped_column(String(64), primary_key=True)
    expected: Mapped[float] = mapped_column(Float, default=0)
    found: Mapped[float] = mapped_column(Float, default=0)
    flagged: Mapped[float] = mapped_column(Float, default=0)
    correct: Mapped[float] = mapped_column(Float, default=0)


class SpanResult(Base):
    """What became of each annotated span (or decoy) in an attempt, for item analysis."""

    __tablename__ = "attempt_spans"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id", "span_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    span_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))
    coverage: Mapped[float] = mapped_column(Float)


class AuditEvent(Base):
    """Who viewed, exported, reset, deleted or purged whose data, in which class, and when.
    Names are snapshots, so the trail reads the same after a rename; never answers or
    scores. Deleting a person blanks their id and name here (db.erasure): the event stays,
    saying "a deleted account"."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    actor_name: Mapped[str | None] = mapped_column(String(40), nullable=True)
    action: Mapped[str] = mapped_column(String(32), index=True)
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, index=True
    )
    subject_name: Mapped[str | None] = mapped_column(String(40), nullable=True)
    classroom_id: Mapped[int | None] = mapped_column(
        ForeignKey("classrooms.id", ondelete="SET NULL"), nullable=True
    )
    classroom_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # What was touched, never its content: "attempt 12", "attempts: 3, memberships: 1".
    detail: Mapped[str] = mapped_column(String(300), default="", server_default="")


class Invite(Base):
    """A code an administrator gives out so teachers can register: kept only as its sha256
    (the codes are random, 128 bits: a fast hash is enough), with an expiry and uses left."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The code's first characters, so `quizapp invite --list` can tell codes apart.
    prefix: Mapped[str] = mapped_column(String(8))
    uses_left: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


# Who may see a quiz made in the browser: its owner only, colleagues chosen by name, every
# teacher of this installation, or (proposed) every teacher while an administrator decides
# whether it joins the public catalogue ("catalogue" once accepted).
VISIBILITY = ("private", "shared", "installation", "proposed", "catalogue")


class AuthoredQuiz(Base):
    """A quiz made in the browser (or imported, or duplicated): its owner and visibility.
    Its versions are ``quiz_versions`` rows under the same ``quiz_id``, never ``current``
    (which the catalogue and the bank import read) until accepted into the catalogue;
    ``version_id`` is the latest one published. Bank quizzes have no row here."""

    __tablename__ = "authored_quizzes"

    quiz_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    visibility: Mapped[str] = mapped_column(String(12), default="private")
    version_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_versions.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # An administrator's last answer to a proposal: accepted or declined, and when.
    decision: Mapped[str | None] = mapped_column(String(10), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    version: Mapped[QuizVersion | None] = relationship()
    owner: Mapped[User] = relationship()


class QuizShare(Base):
    """A colleague an owner shared a quiz with: they may see, duplicate, export and assign it."""

    __tablename__ = "quiz_shares"

    quiz_id: Mapped[str] = mapped_column(
        ForeignKey("authored_quizzes.quiz_id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Draft(Base):
    """A teacher's quiz in progress: the quiz mapping as JSON (its ``article`` key a file
    name only), the article's text, and a revision that each save bumps, so a stale tab's
    save is refused instead of overwriting a newer one."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The id its versions are published under (generated; the document's own id follows it).
    quiz_id: Mapped[str] = mapped_column(String(64), index=True)
    document: Mapped[str] = mapped_column(Text)
    article: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LtiPlatform(Base):
    """A learning platform (LMS) an administrator registered for LTI 1.3 launches: what
    it calls itself (issuer) and us (client id), and the endpoints it gave us."""

    __tablename__ = "lti_platforms"
    __table_args__ = (UniqueConstraint("issuer", "client_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    issuer: Mapped[str] = mapped_column(String(255))
    client_id: Mapped[str] = mapped_column(String(255))
    auth_login_url: Mapped[str] = mapped_column(String(500))
    auth_token_url: Mapped[str] = mapped_column(String(500))
    key_set_url: Mapped[str] = mapped_column(String(500))
    # Some platforms (Brightspace) want another audience for the token request.
    auth_audience: Mapped[str | None] = mapped_column(String(500), nullable=True)
    # Space-separated origins whose pages may frame ours (CSP frame-ancestors): the LMS's
    # course pages, which may be on another host than its issuer (a school's Canvas).
    frame_origins: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LtiDeployment(Base):
    """A deployment of the tool inside a registered platform: launches name one."""

    __tablename__ = "lti_deployments"

    platform_id: Mapped[int] = mapped_column(
        ForeignKey("lti_platforms.id", ondelete="CASCADE"), primary_key=True
    )
    deployment_id: Mapped[str] = mapped_column(String(255), primary_key=True)


class LtiKey(Base):
    """One of the tool's own RSA keys: the newest unretired one signs; a retired key stays
    published at /lti/jwks for a while, so tokens signed just before a rotation verify."""

    __tablename__ = "lti_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kid: Mapped[str] = mapped_column(String(64), unique=True)
    # PEM. In the database (not the instance folder) so every worker and host signs alike.
    private_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class LtiLogin(Base):
    """An OIDC login in progress: its state and nonce, used once by the launch that follows."""

    __tablename__ = "lti_logins"

    state: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64))
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platforms.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class LtiUser(Base):
    """The account a platform's user (its ``sub``) launches into: no password, no class code.
    One a role (``kind``, teacher or student): a TA who is a student in another course has
    a teacher account and a student account, each used by the launches of its role."""

    __tablename__ = "lti_users"

    platform_id: Mapped[int] = mapped_column(
        ForeignKey("lti_platforms.id", ondelete="CASCADE"), primary_key=True
    )
    subject: Mapped[str] = mapped_column(String(255), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)


class LtiContext(Base):
    """A platform's course (its context) and the class it became, with the roster service."""

    __tablename__ = "lti_contexts"
    __table_args__ = (UniqueConstraint("platform_id", "context_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platforms.id", ondelete="CASCADE"))
    context_id: Mapped[str] = mapped_column(String(255))
    classroom_id: Mapped[int] = mapped_column(
        ForeignKey("classrooms.id", ondelete="CASCADE"), unique=True
    )
    memberships_url: Mapped[str | None] = mapped_column(String(500), nullable=True)


class LtiLink(Base):
    """A platform's resource link (an activity in the course) and the assignment it opens,
    with the line item its scores go to."""

    __tablename__ = "lti_links"
    __table_args__ = (UniqueConstraint("platform_id", "resource_link_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platforms.id", ondelete="CASCADE"))
    resource_link_id: Mapped[str] = mapped_column(String(255))
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), index=True
    )
    lineitem_url: Mapped[str | None] = mapped_column(String(500), nullable=True)


class LtiGrade(Base):
    """A score waiting to go (or gone) to a platform's line item: written in the
    submission's transaction, sent later by `quizapp lti send-grades` with retries."""

    __tablename__ = "lti_grades"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    link_id: Mapped[int] = mapped_column(ForeignKey("lti_links.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10), default="queued")
    tries: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    last_error: Mapped[str] = mapped_column(String(300), default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
