"""Every write to the database, one transaction each. Routes call these; models never commit."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Dialect,
    Table,
    TextClause,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizapp.core import clock
from quizapp.core.grading import QuizResult
from quizapp.core.loader import Bank
from quizapp.core.model import Quiz
from quizapp.core.scoring import FALSE_ALARM
from quizapp.core.texts import N_, P_, Text
from quizapp.core.usernames import fold, normalise, skeleton
from quizapp.core.usernames import problem as username_problem
from quizapp.db import audit, lti_queue
from quizapp.db.coteachers import taught_by
from quizapp.db.engine import Database
from quizapp.db.models import (
    COUNTING,
    FEEDBACK,
    Assignment,
    AssignmentException,
    AssignmentStart,
    Attempt,
    AuthoredQuiz,
    Classroom,
    Membership,
    QuizVersion,
    SkillResult,
    SpanResult,
    User,
    utcnow,
)
from quizapp.db.reasons import Moment
from quizapp.passwords import hash_password

# No 0/O, 1/l/I: a code read aloud in class must be typed right the first time.
JOIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
JOIN_LENGTH = 8


class WriteError(ValueError):
    """A write refused for a reason the person can act on: a message value (``Text``, or an
    English message marked ``N_`` and its params, made one), kept as ``reason``; ``str()`` is
    the English, for the command line and the logs; the web says it in the reader's language
    (``quizapp.i18n.refusals.say``)."""

    def __init__(self, reason: str | Text, /, **params: object) -> None:
        self.reason = reason if isinstance(reason, Text) else Text(reason, params)
        super().__init__(str(self.reason))


def normalise_join_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH))


@dataclass(frozen=True)
class ImportReport:
    added: tuple[str, ...]
    unchanged: tuple[str, ...]
    retired: tuple[str, ...]


def import_bank(db: Database, bank: Bank) -> ImportReport:
    """Store every quiz version of the bank (by content hash) and mark the current ones;
    all or nothing. Several workers starting at once may race: the loser looks again."""
    for _ in range(3):
        try:
            return _import_bank(db, bank)
        except IntegrityError:
            continue
    return _import_bank(db, bank)


def _import_bank(db: Database, bank: Bank) -> ImportReport:
    added, unchanged = [], []
    with db.write() as s:
        known = {v.digest: v for v in s.scalars(select(QuizVersion))}
        # Quizzes made in the browser are not the bank's to update or retire.
        authored = set(s.scalars(select(AuthoredQuiz.quiz_id)))
        ids = {q.id for q in bank.quizzes}
        for quiz in bank.quizzes:
            if quiz.id in authored:
                continue
            s.execute(
                update(QuizVersion)
                .where(QuizVersion.quiz_id == quiz.id, QuizVersion.digest != quiz.version)
                .values(current=False)
            )
            row = known.get(quiz.version)
            if row is None:
                s.add(_version_row(quiz))
                added.append(quiz.id)
            else:
                row.current = True
                row.public = quiz.public
                unchanged.append(quiz.id)
        retired = sorted(
            {v.quiz_id for v in known.values() if v.current and v.quiz_id not in ids | authored}
        )
        if retired:
            s.execute(
                update(QuizVersion).where(QuizVersion.quiz_id.in_(retired)).values(current=False)
            )
    return ImportReport(tuple(added), tuple(unchanged), tuple(retired))


def _version_row(quiz: Quiz) -> QuizVersion:
    return QuizVersion(
        quiz_id=quiz.id,
        digest=quiz.version,
        title=quiz.title,
        level=quiz.level,
        language=quiz.language,
        public=quiz.public,
        current=True,
        source_yaml=quiz.source_yaml,
        article_name=quiz.article.name,
        article_text=quiz.article.text,
    )


class WrongCode(WriteError):
    """A class code that opens no class: counted against whoever typed it (web.throttle)."""


def create_user(
    db: Database, username: str, password: str, role: str = "student", join_code: str = ""
) -> int:
    """Create an account (joining the class with ``join_code`` if given); return its id.

    The name is stored normalised, and refused if it breaks the rule of core.usernames, is
    another account's whatever the case, or reads like one (the same skeleton): every form,
    the CLI and the demo come through here."""
    if problem := username_problem(normalise(username)):
        raise WriteError(problem)  # before the class code, so a bad name counts no code failure
    if join_code and role != "student":
        raise WriteError(N_("Only student accounts join a class with its code."))
    try:
        with db.write() as s:
            try:
                classroom = _joinable(s, join_code) if join_code else None
            except WriteError as exc:
                raise WrongCode(exc.reason) from None
            user = add_user(s, username, password, role)
            if classroom is not None:
                s.add(Membership(user_id=user.id, classroom_id=classroom.id))
            return user.id
    except IntegrityError:
        # The same name registered at the same moment: the unique index decided.
        raise WriteError(N_("That username is taken; choose another.")) from None


def add_user(s: Session, username: str, password: str, role: str) -> User:
    """Add an account inside the caller's write transaction (see ``create_user`` for the
    rule); the caller turns an IntegrityError on commit into 'taken'."""
    name = normalise(username)
    if problem := username_problem(name):
        raise WriteError(problem)
    folded, shape = fold(name), skeleton(name)
    if s.scalar(select(User.id).where(User.username_folded == folded)) is not None:
        raise WriteError(N_("That username is taken; choose another."))
    if s.scalar(select(User.id).where(User.username_skeleton == shape)) is not None:
        raise WriteError(N_("That username looks too much like someone else's; choose another."))
    user = User(
        username=name,
        username_folded=folded,
        username_skeleton=shape,
        password_hash=hash_password(password),
        role=role,
    )
    s.add(user)
    s.flush()
    return user


def _joinable(s: Session, join_code: str) -> Classroom:
    classroom = s.scalar(
        select(Classroom).where(
            Classroom.join_code == normalise_join_code(join_code),
            Classroom.join_enabled.is_(True),
            Classroom.archived.is_(False),
        )
    )
    if classroom is None:
        raise WriteError(N_("That class code is not valid. Check it with your teacher."))
    return classroom


def join_class(db: Database, user_id: int, join_code: str) -> str:
    """Add a student to the class with this code; return the class's name. Teacher
    accounts are refused: everyone who can submit to a class is on its roster."""
    with db.write() as s:
        if s.scalar(select(User.role).where(User.id == user_id)) != "student":
            raise WriteError(
                N_(
                    "Teacher accounts cannot join a class as students; a teacher sees a "
                    "class's work from its own page."
                )
            )
        classroom = _joinable(s, join_code)
        if s.get(Membership, (user_id, classroom.id)) is not None:
            raise WriteError(N_("You are in %(name)s already."), name=classroom.name)
        s.add(Membership(user_id=user_id, classroom_id=classroom.id))
        return classroom.name


def create_classroom(db: Database, teacher_id: int, name: str, code: str | None = None) -> str:
    """Create a class with a fresh join code; return the code."""
    with db.write() as s:
        join_code = code or new_join_code()
        s.add(Classroom(name=name, teacher_id=teacher_id, join_code=join_code))
        return join_code


def end_sessions(db: Database, user_id: int) -> None:
    """Invalidate every session of a user (logout everywhere, password reset)."""
    with db.write() as s:
        s.execute(
            update(User).where(User.id == user_id).values(session_version=User.session_version + 1)
        )


Row = dict[str, Any]


def record_attempt(
    db: Database,
    user_id: int,
    version_id: int,
    token: str,
    responses: dict[str, Any],
    result: QuizResult,
    assignment_id: int | None = None,
) -> tuple[int, bool]:
    """Store a graded attempt whole, once per token; return (attempt id, newly stored).

    For an assignment, the checks and the insert share one transaction, and the attempt's
    number is unique per student: of two parallel last attempts one is stored, and the other
    is counted again and refused."""
    # The rows are built before the transaction: on SQLite the write lock is held from the
    # first statement to the commit, so the less work inside it, the more submissions a
    # second it lets through. The hot path is Core on one connection, a statement a table.
    attempt, skills, spans = attempt_rows(user_id, version_id, token, responses, result)
    for retry in range(5):
        try:
            with db.write_connection() as conn:
                # A resent form is rare: the first try inserts and lets the unique token
                # say so; only a retry looks the token up first.
                if retry:
                    existing = conn.execute(
                        select(Attempt.id, Attempt.user_id).where(Attempt.token == token)
                    ).first()
                    if existing is not None:
                        if existing.user_id != user_id:
                            raise WriteError(N_("This form was already submitted by someone else."))
                        return existing.id, False
                number, late = 1, False
                if assignment_id is not None:
                    number, late = _assignment_slot(conn, assignment_id, user_id)
                values = {**attempt, "assignment_id": assignment_id, "number": number,
                          "late": late}  # fmt: skip
                attempt_id: int = conn.execute(
                    insert(_ATTEMPTS).values(values)
                ).inserted_primary_key[0]
                for table, rows in ((_SKILLS, skills), (_SPANS, spans)):
                    _insert_children(conn, table, attempt_id, rows)
                if assignment_id is not None:
                    # The score for a platform's gradebook (LTI), sent later by a worker.
                    when = attempt["submitted_at"]
                    lti_queue.enqueue(conn, attempt_id, assignment_id, user_id, when)
                return attempt_id, True
        except IntegrityError:
            # This token or this attempt number was taken (by a parallel request, or by
            # this form sent before): look again.
            continue
    raise WriteError(N_("Too many submissions at once; wait a moment and submit again."))


_ATTEMPTS, _SKILLS, _SPANS = (cast(Table, m.__table__) for m in (Attempt, SkillResult, SpanResult))


def _insert_children(conn: Connection, table: Table, attempt_id: int, rows: list[Row]) -> None:
    """An attempt's skill or span rows. On PostgreSQL one INSERT ... SELECT FROM unnest() of
    one array a column (measured: a third less CPU on both sides than an executemany, which
    psycopg sends as one statement a row); elsewhere an executemany."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), [{**r, "attempt_id": attempt_id} for r in rows])
        return
    columns = list(rows[0])
    conn.execute(
        _unnest_insert(table, tuple(columns), conn.dialect),
        {"attempt_id": attempt_id, **{c: [r[c] for r in rows] for c in columns}},
    )


@lru_cache(maxsize=8)
def _unnest_insert(table: Table, columns: tuple[str, ...], dialect: Dialect) -> TextClause:
    # Names and types come from the table's own metadata, never from input.
    arrays = ", ".join(f"CAST(:{c} AS {table.c[c].type.compile(dialect)}[])" for c in columns)
    names = ", ".join(columns)
    sql = f"INSERT INTO {table.name} (attempt_id, {names}) SELECT :attempt_id, * FROM unnest({arrays})"  # noqa: E501, S608  # nosec
    return text(sql)


def attempt_limit(max_attempts: int, extra_attempts: int | None) -> int:
    """How many attempts one student may use: the assignment's, and any given to them."""
    return max_attempts + (extra_attempts or 0)


def due_for(due_at: datetime, own_due_at: datetime | None) -> datetime:
    """One student's due date: their own, if they were given a later one."""
    return due_at if own_due_at is None else max(due_at, own_due_at)


def _assignment_slot(conn: Connection, assignment_id: int, user_id: int) -> tuple[int, bool]:
    """The next attempt number and its late mark, or a WriteError saying why not. A voided
    attempt uses up no attempt, but keeps its number: the next is after the highest."""
    mine = (Attempt.assignment_id == assignment_id, Attempt.user_id == user_id)
    used = (
        select(func.count())
        .select_from(Attempt)
        .where(*mine, Attempt.voided_at.is_(None))
        .scalar_subquery()
    )
    last = select(func.max(Attempt.number)).where(*mine).scalar_subquery()
    row = conn.execute(
        select(
            Assignment.opens_at,
            Assignment.due_at,
            Assignment.allow_late,
            Assignment.late_until,
            Assignment.max_attempts,
            Classroom.archived,
            Classroom.timezone,
            Membership.user_id.label("member"),
            AssignmentException.extra_attempts,
            AssignmentException.due_at.label("own_due_at"),
            used.label("used"),
            last.label("last"),
        )
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .outerjoin(
            Membership,
            (Membership.classroom_id == Assignment.classroom_id) & (Membership.user_id == user_id),
        )
        .outerjoin(
            AssignmentException,
            (AssignmentException.assignment_id == Assignment.id)
            & (AssignmentException.user_id == user_id),
        )
        .where(Assignment.id == assignment_id)
    ).first()
    if row is None or row.member is None or row.archived:
        raise WriteError(N_("This assignment is not one of yours."))
    now = utcnow()
    if now < row.opens_at:
        opens = Moment(row.opens_at, row.timezone)
        raise WriteError(N_("This assignment opens on %(when)s."), when=opens)
    due = due_for(row.due_at, row.own_due_at)
    limit = attempt_limit(row.max_attempts, row.extra_attempts)
    if problem := closed_because(now, due, row.allow_late, row.late_until, limit, row.used or 0):
        raise WriteError(problem)
    return (row.last or 0) + 1, now > due


def closed_because(
    now: datetime,
    due: datetime,
    allow_late: bool,
    late_until: datetime | None,
    limit: int,
    used: int,
) -> Text | None:
    """Why a student may not submit another attempt now (None: they may), given their own
    due date and attempt limit: the assignment page says what the write would refuse."""
    late = now > due
    if late and not allow_late:
        return Text(N_("The due date has passed and this assignment takes no late work."))
    if late and late_until is not None and now > late_until:
        return Text(N_("The time for late work has passed."))
    if used >= limit:
        # Translators: English keeps "attempt(s)" for both forms; write each form of your language.
        return P_(
            "You have used all %(num)d attempt(s).", "You have used all %(num)d attempt(s).", limit
        )
    return None


def attempt_rows(
    user_id: int, version_id: int, token: str, responses: dict[str, Any], result: QuizResult
) -> tuple[Row, list[Row], list[Row]]:
    """An attempt as the rows it is stored as: the attempt (without assignment, number and
    late mark), its skill tallies and its span outcomes (both without the attempt id)."""
    false_alarms = dict.fromkeys(
        (g.question_id, o.tokens[0], o.tokens[-1], o.annotation_id, bool(o.labels))
        for g in result.grades
        for o in g.outcomes
        if o.status == FALSE_ALARM and o.tokens
    )
    attempt = {
        "user_id": user_id,
        "version_id": version_id,
        "token": token,
        "responses": json.dumps(responses, sort_keys=True),
        "score": result.score,
        "earned": result.earned,
        "possible": result.possible,
        # What item analysis reads instead of grading every attempt again (see Attempt).
        "marks": json.dumps({g.question_id: g.score for g in result.grades}),
        "false_alarms": json.dumps(list(false_alarms)),
        "submitted_at": utcnow(),
    }
    skills = [
        {"skill": k, "expected": t.expected, "found": t.found, "flagged": t.flagged,
         "correct": t.correct}
        for k, t in sorted(result.tallies.items())
    ]  # fmt: skip
    # One row per span and question: a decoy flagged twice is one false alarm.
    outcomes = {
        (g.question_id, o.annotation_id): o
        for g in reversed(result.grades)
        for o in reversed(g.outcomes)
        if o.annotation_id
    }
    spans = [
        {"question_id": qid, "span_id": sid, "status": o.status, "coverage": o.coverage}
        for (qid, sid), o in sorted(outcomes.items())
    ]
    return attempt, skills, spans


def mark_started(db: Database, assignment_id: int, user_id: int) -> None:
    """Note the first time a student opens an assignment (later opens change nothing)."""
    with db.write() as s:
        if s.get(AssignmentStart, (assignment_id, user_id)) is None:
            s.add(AssignmentStart(assignment_id=assignment_id, user_id=user_id))


# --- Teachers ---
# Every write names the teacher and re-checks that the class is theirs, so a route that
# forgot its own check still could not touch another teacher's class.

# Handed to a student after a reset: read aloud or copied, so no look-alike characters.
PASSWORD_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def generated_password() -> str:
    """A new password for someone who lost theirs (a teacher's student, an administrator's
    account): three groups of four, about 60 bits, shown once to the one who reset it."""
    return "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))


def _teacher_classroom(
    s: Session, teacher_id: int, classroom_id: int, *, owner_only: bool = False
) -> Classroom:
    """A class the teacher owns or co-teaches (``owner_only``: owns), else WriteError."""
    teaches = Classroom.teacher_id == teacher_id if owner_only else taught_by(teacher_id)
    room = s.scalar(select(Classroom).where(Classroom.id == classroom_id, teaches))
    if room is None:
        raise WriteError(N_("There is no such class of yours."))
    return room


def _free_join_code(s: Session) -> str:
    # 31^8 codes: a clash is all but impossible, but a unique column must never see one.
    for _ in range(10):
        code = new_join_code()
        if s.scalar(select(Classroom.id).where(Classroom.join_code == code)) is None:
            return code
    raise WriteError(N_("No free class code was found; try again."))


def open_classroom(db: Database, teacher_id: int, name: str) -> int:
    """Create a class with a fresh join code; return its id."""
    with db.write() as s:
        if s.scalar(select(User.role).where(User.id == teacher_id)) != "teacher":
            raise WriteError(N_("Only teachers can create classes."))
        room = Classroom(name=name.strip(), teacher_id=teacher_id, join_code=_free_join_code(s))
        s.add(room)
        s.flush()
        return room.id


def rename_classroom(db: Database, teacher_id: int, classroom_id: int, name: str) -> None:
    with db.write() as s:
        _teacher_classroom(s, teacher_id, classroom_id).name = name.strip()


def archive_classroom(db: Database, teacher_id: int, classroom_id: int, archived: bool) -> None:
    """Archive a class (no joining, no taking its assignments) or bring it back."""
    with db.write() as s:
        room = _teacher_classroom(s, teacher_id, classroom_id, owner_only=True)
        if room.archived != archived:
            # The retention period of an archived class counts from here (db.retention).
            room.archived_at = utcnow() if archived else None
        room.archived = archived


def set_joining(db: Database, teacher_id: int, classroom_id: int, enabled: bool) -> None:
    """Turn the class's join code on or off."""
    with db.write() as s:
        _teacher_classroom(s, teacher_id, classroom_id).join_enabled = enabled


def regenerate_join_code(db: Database, teacher_id: int, classroom_id: int) -> str:
    """Give the class a new join code (the old one stops working); return it."""
    with db.write() as s:
        room = _teacher_classroom(s, teacher_id, classroom_id)
        room.join_code = _free_join_code(s)
        return room.join_code


def set_class_timezone(db: Database, teacher_id: int, classroom_id: int, name: str) -> None:
    """Set the IANA zone the class's dates are typed and shown in; stored times keep their
    instant. An unknown name is a WriteError with the reason, and nothing changes."""
    try:
        clock.zone(name)
    except clock.ClockError:
        shown = name if len(name) <= clock.MAX_NAME else name[: clock.MAX_NAME] + "…"
        raise WriteError(
            N_(
                "There is no time zone called “%(name)s”: choose one from the list, like "
                "Europe/Berlin or America/Los_Angeles."
            ),
            name=shown,
        ) from None
    with db.write() as s:
        _teacher_classroom(s, teacher_id, classroom_id).timezone = name


def _class_student(s: Session, teacher_id: int, classroom_id: int, user_id: int) -> User:
    _teacher_classroom(s, teacher_id, classroom_id)
    user = s.scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.classroom_id == classroom_id, User.id == user_id)
    )
    if user is None or user.is_teacher:
        raise WriteError(N_("There is no such student in this class."))
    return user


def remove_student(db: Database, teacher_id: int, classroom_id: int, user_id: int) -> None:
    """Take a student off the roster; their account and attempts stay."""
    with db.write() as s:
        _class_student(s, teacher_id, classroom_id, user_id)
        s.execute(
            delete(Membership).where(
                Membership.classroom_id == classroom_id, Membership.user_id == user_id
            )
        )


def reset_student_password(db: Database, teacher_id: int, classroom_id: int, user_id: int) -> str:
    """Give a student of the class a new password, ending their sessions; return it once."""
    password = generated_password()
    hashed = hash_password(password)  # slow on purpose: not inside the write lock
    with db.write() as s:
        user = _class_student(s, teacher_id, classroom_id, user_id)
        user.password_hash = hashed
        # What end_sessions does, in the same transaction: no window with the new password
        # set and an old session still alive.
        user.session_version = User.session_version + 1
        audit.record(s, teacher_id, "reset_password", subject_id=user_id, classroom_id=classroom_id)
    return password


MAX_ATTEMPTS = 20
# Late work with no end given is taken for a week after the due date.
LATE_WINDOW = timedelta(days=7)


def _check_rules(
    opens_at: datetime,
    due_at: datetime,
    max_attempts: int,
    counting: str,
    feedback: str,
    late_until: datetime | None = None,
) -> None:
    """An assignment's rules, checked the same when it is set and when it is changed."""
    if not 1 <= max_attempts <= MAX_ATTEMPTS:
        raise WriteError(
            P_(
                "Allow from 1 to %(num)d attempt.",
                "Allow from 1 to %(num)d attempts.",
                MAX_ATTEMPTS,
            )
        )
    if counting not in COUNTING or feedback not in FEEDBACK:
        raise WriteError(N_("Choose which attempt counts and when feedback is shown."))
    if due_at <= opens_at:
        raise WriteError(N_("The due date must come after the opening date."))
    if late_until is not None and late_until <= due_at:
        raise WriteError(N_("Late work must be taken until after the due date."))


def create_assignment(
    db: Database,
    teacher_id: int,
    classroom_id: int,
    quiz_id: str,
    *,
    opens_at: datetime,
    due_at: datetime,
    max_attempts: int,
    counting: str,
    feedback: str,
    allow_late: bool,
    late_until: datetime | None = None,
    hold_practice: bool = False,
    version_id: int | None = None,
) -> int:
    """Set the quiz's current version, pinned, for a class; return the assignment id.
    With late work and no end given, the late window closes a week after the due date.
    ``version_id`` pins a quiz made in the browser (its latest version), which the caller
    has checked the teacher may assign (web.editor.access)."""
    if allow_late and late_until is None:
        late_until = due_at + LATE_WINDOW
    _check_rules(opens_at, due_at, max_attempts, counting, feedback, late_until)
    if due_at <= utcnow():
        raise WriteError(N_("The due date is in the past."))
    with db.write() as s:
        room = _teacher_classroom(s, teacher_id, classroom_id)
        if room.archived:
            raise WriteError(N_("This class is archived; bring it back before assigning work."))
        if version_id is None:
            version_id = s.scalar(
                select(QuizVersion.id).where(
                    QuizVersion.quiz_id == quiz_id, QuizVersion.current.is_(True)
                )
            )
        elif (
            s.scalar(select(AuthoredQuiz.quiz_id).where(AuthoredQuiz.version_id == version_id))
            != quiz_id
        ):
            version_id = None
        if version_id is None:
            raise WriteError(N_("There is no quiz '%(id)s'."), id=quiz_id[:64])
        assignment = Assignment(
            classroom_id=room.id, version_id=version_id, opens_at=opens_at, due_at=due_at,
            max_attempts=max_attempts, counting=counting, feedback=feedback,
            allow_late=allow_late, late_until=late_until if allow_late else None,
            hold_practice=hold_practice,
        )  # fmt: skip
        s.add(assignment)
        s.flush()
        return assignment.id


def _teacher_assignment(
    s: Session, teacher_id: int, classroom_id: int, assignment_id: int
) -> Assignment:
    """The assignment, locked against new attempts until the transaction ends.

    On PostgreSQL ``FOR UPDATE`` waits for an attempt being inserted (its foreign key holds
    a share lock on this row) and makes later ones wait, so the count of attempts read next
    stays true until the commit; SQLite's write lock does the same for the whole file."""
    _teacher_classroom(s, teacher_id, classroom_id)
    assignment = s.scalar(
        select(Assignment)
        .where(Assignment.id == assignment_id, Assignment.classroom_id == classroom_id)
        .with_for_update()
    )
    if assignment is None:
        raise WriteError(N_("There is no such assignment in this class."))
    return assignment


def _attempt_count(s: Session, assignment_id: int) -> int:
    return (
        s.scalar(
            select(func.count()).select_from(Attempt).where(Attempt.assignment_id == assignment_id)
        )
        or 0
    )


def update_assignment(
    db: Database,
    teacher_id: int,
    classroom_id: int,
    assignment_id: int,
    *,
    version_id: int,
    opens_at: datetime,
    due_at: datetime,
    max_attempts: int,
    counting: str,
    feedback: str,
    allow_late: bool,
    late_until: datetime | None = None,
    hold_practice: bool = False,
) -> None:
    """Change an assignment's dates and rules, and its pinned version while nobody has
    submitted. A due date in the past is allowed: it is how a teacher closes an assignment.
    Attempts beyond a lowered limit stay."""
    if allow_late and late_until is None:
        late_until = due_at + LATE_WINDOW
    _check_rules(opens_at, due_at, max_attempts, counting, feedback, late_until)
    with db.write() as s:
        assignment = _teacher_assignment(s, teacher_id, classroom_id, assignment_id)
        if version_id != assignment.version_id:
            submitted = _attempt_count(s, assignment.id)
            if submitted:
                raise WriteError(
                    P_(
                        "%(num)d attempt was submitted on the pinned version; it cannot be "
                        "changed now.",
                        "%(num)d attempts were submitted on the pinned version; it cannot be "
                        "changed now.",
                        submitted,
                    )
                )
            # Another version of the same quiz, or another quiz: only a current one, or the
            # latest of a quiz made in the browser (the route checked the teacher sees it).
            if (
                s.scalar(
                    select(QuizVersion.id).where(
                        QuizVersion.id == version_id,
                        QuizVersion.current.is_(True)
                        | QuizVersion.id.in_(select(AuthoredQuiz.version_id)),
                    )
                )
                is None
            ):
                raise WriteError(N_("There is no such quiz; choose one from the list."))
            assignment.version_id = version_id
        assignment.opens_at = opens_at
        assignment.due_at = due_at
        assignment.max_attempts = max_attempts
        assignment.counting = counting
        assignment.feedback = feedback
        assignment.allow_late = allow_late
        assignment.late_until = late_until if allow_late else None
        assignment.hold_practice = hold_practice


def delete_assignment(db: Database, teacher_id: int, classroom_id: int, assignment_id: int) -> None:
    """Remove an assignment nobody has submitted, with its start marks; refused once any
    attempt exists (the attempts would go with it)."""
    with db.write() as s:
        assignment = _teacher_assignment(s, teacher_id, classroom_id, assignment_id)
        submitted = _attempt_count(s, assignment.id)
        if submitted:
            raise WriteError(
                P_(
                    "%(num)d attempt was submitted; set the due date instead.",
                    "%(num)d attempts were submitted; set the due date instead.",
                    submitted,
                )
            )
        s.execute(delete(AssignmentStart).where(AssignmentStart.assignment_id == assignment.id))
        s.execute(delete(Assignment).where(Assignment.id == assignment.id))
