"""Teachers: classes, rosters, assignments, and the gradebook, heatmap and item analysis.

Every route under /teach is for teachers only (checked once, before any view), and every
class, student, assignment or attempt id is looked up through the teacher's own classes:
another teacher's id is a 404, exactly like an id that does not exist.
"""

from __future__ import annotations

import hmac
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

import click
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.cli import with_appcontext
from flask_login import current_user, login_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from quizapp.core.grading import grade_quiz, parse_responses
from quizapp.core.mastery import attempt_score, mastery
from quizapp.core.model import Annotation, Quiz
from quizapp.core.skills import BUILTIN_SKILLS
from quizapp.db.engine import get_db, request_session
from quizapp.db.models import Assignment, Attempt, Classroom, Membership, QuizVersion, User, utcnow
from quizapp.db.writes import (
    WriteError,
    archive_classroom,
    create_assignment,
    create_user,
    open_classroom,
    regenerate_join_code,
    remove_student,
    rename_classroom,
    reset_student_password,
    set_joining,
)
from quizapp.passwords import password_problem
from quizapp.web import reports
from quizapp.web.auth import USERNAME, Account
from quizapp.web.charts import Bar, Series, bar_chart, line_chart
from quizapp.web.content import quiz_for
from quizapp.web.limits import limiter
from quizapp.web.render import Piece, article_blocks, feedback_marks

bp = Blueprint("teach", __name__)
PUBLIC = {"teach.register_teacher"}
DATETIME = "%Y-%m-%dT%H:%M"


@bp.before_request
def teachers_only() -> Response | None:
    """Log in first; then teachers only."""
    if request.endpoint in PUBLIC:
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined,no-any-return]
    if not current_user.is_teacher:
        abort(403, description="These pages are for teachers; log in with a teacher account.")
    return None


def _classroom(classroom_id: int) -> Classroom:
    room = request_session().scalar(
        select(Classroom).where(
            Classroom.id == classroom_id, Classroom.teacher_id == current_user.id
        )
    )
    if room is None:
        abort(404, description="There is no such class of yours.")
    return room


def _student(room: Classroom, user_id: int) -> User:
    user = request_session().scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.classroom_id == room.id, User.id == user_id, User.role == "student")
    )
    if user is None:
        abort(404, description="There is no such student in this class.")
    return user


def _assignment(room: Classroom, assignment_id: int) -> Assignment:
    assignment = request_session().scalar(
        select(Assignment)
        .where(Assignment.id == assignment_id, Assignment.classroom_id == room.id)
        .options(joinedload(Assignment.version))
    )
    if assignment is None:
        abort(404, description="There is no such assignment in this class.")
    return assignment


def _back(room: Classroom, message: str, category: str = "success") -> Response:
    flash(message, category)
    return redirect(url_for("teach.classroom", classroom_id=room.id))


def spaced_code(code: str) -> str:
    """A join code as it is read aloud: two groups of four."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


# ---- Classes


class ClassForm(FlaskForm):
    name = StringField(
        "Class name",
        validators=[DataRequired(message="Give the class a name."), Length(max=100)],
        description="What your students will recognise, like '9B media studies'.",
    )


@bp.route("/teach", methods=["GET", "POST"])
def index() -> str | Response:
    """The teacher's own classes, with a form to start a new one."""
    form = ClassForm()
    if form.validate_on_submit():
        try:
            classroom_id = open_classroom(get_db(), current_user.id, form.name.data or "")
        except WriteError as exc:
            flash(str(exc), "error")
        else:
            flash("Class created. Give your students its code to join.", "success")
            return redirect(url_for("teach.classroom", classroom_id=classroom_id))
    s = request_session()
    rooms = list(
        s.scalars(
            select(Classroom)
            .where(Classroom.teacher_id == current_user.id)
            .order_by(Classroom.archived, Classroom.name, Classroom.id)
        )
    )
    ids = [r.id for r in rooms]
    students = dict(
        s.execute(
            select(Membership.classroom_id, func.count())
            .join(User, User.id == Membership.user_id)
            .where(Membership.classroom_id.in_(ids), User.role == "student")
            .group_by(Membership.classroom_id)
        ).all()
    )
    assignments = dict(
        s.execute(
            select(Assignment.classroom_id, func.count())
            .where(Assignment.classroom_id.in_(ids))
            .group_by(Assignment.classroom_id)
        ).all()
    )
    return render_template(
        "teach/index.html", form=form, rooms=rooms, students=students,
        assignments=assignments, spaced_code=spaced_code,
    )  # fmt: skip


@bp.route("/teach/classes/<int:classroom_id>")
def classroom(classroom_id: int) -> str:
    """A class: its code, assignments, roster with last activity, and settings."""
    room = _classroom(classroom_id)
    s = request_session()
    assignments = reports.class_assignments(s, room.id)
    submitted = dict(
        s.execute(
            select(Attempt.assignment_id, func.count(func.distinct(Attempt.user_id)))
            .join(Assignment, Assignment.id == Attempt.assignment_id)
            .where(Assignment.classroom_id == room.id)
            .group_by(Attempt.assignment_id)
        ).all()
    )
    return render_template(
        "teach/class.html", room=room, code=spaced_code(room.join_code),
        students=reports.class_students(s, room.id), assignments=assignments,
        submitted=submitted, rename=ClassForm(name=room.name), now=utcnow(),
    )  # fmt: skip


@bp.route("/teach/classes/<int:classroom_id>/rename", methods=["POST"])
def rename(classroom_id: int) -> Response:
    """Rename the class."""
    room = _classroom(classroom_id)
    form = ClassForm()
    if not form.validate():
        return _back(room, " ".join(form.name.errors) or "Give the class a name.", "error")
    rename_classroom(get_db(), current_user.id, room.id, form.name.data or "")
    return _back(room, "Class renamed.")


def _flag() -> bool:
    return request.form.get("value") == "1"


@bp.route("/teach/classes/<int:classroom_id>/archive", methods=["POST"])
def archive(classroom_id: int) -> Response:
    """Archive the class (no joining, assignments closed) or bring it back."""
    room = _classroom(classroom_id)
    archive_classroom(get_db(), current_user.id, room.id, _flag())
    return _back(room, "Class archived." if _flag() else "Class brought back from the archive.")


@bp.route("/teach/classes/<int:classroom_id>/joining", methods=["POST"])
def joining(classroom_id: int) -> Response:
    """Turn the join code on or off."""
    room = _classroom(classroom_id)
    set_joining(get_db(), current_user.id, room.id, _flag())
    return _back(room, "Joining turned on." if _flag() else "Joining turned off.")


@bp.route("/teach/classes/<int:classroom_id>/code", methods=["POST"])
def new_code(classroom_id: int) -> Response:
    """Replace the join code; the old one stops working."""
    room = _classroom(classroom_id)
    code = regenerate_join_code(get_db(), current_user.id, room.id)
    return _back(room, f"New class code: {spaced_code(code)}. The old code no longer works.")


@bp.route("/teach/classes/<int:classroom_id>/students/<int:user_id>/remove", methods=["POST"])
def remove(classroom_id: int, user_id: int) -> Response:
    """Take a student off the roster (their account and past attempts stay)."""
    room = _classroom(classroom_id)
    student = _student(room, user_id)
    remove_student(get_db(), current_user.id, room.id, student.id)
    return _back(room, f"{student.username} is no longer in this class.")


@bp.route("/teach/classes/<int:classroom_id>/students/<int:user_id>/password", methods=["POST"])
def reset_password(classroom_id: int, user_id: int) -> str:
    """Give a student a new password, shown on this page once; their sessions end."""
    room = _classroom(classroom_id)
    student = _student(room, user_id)
    password = reset_student_password(get_db(), current_user.id, room.id, student.id)
    return render_template("teach/password.html", room=room, student=student, password=password)


# ---- Assignments


class AssignmentForm(FlaskForm):
    quiz = SelectField("Quiz", validate_choice=False)
    opens_at = DateTimeLocalField(
        "Opens (UTC)", format=DATETIME, validators=[Optional()],
        description="Leave empty to open it now.",
    )  # fmt: skip
    due_at = DateTimeLocalField(
        "Due (UTC)", format=DATETIME,
        validators=[InputRequired(message="Give a due date and time.")],
    )  # fmt: skip
    max_attempts = IntegerField(
        "Attempts allowed", default=1,
        validators=[InputRequired(message="Give a number of attempts."),
                    NumberRange(min=1, max=20, message="Allow from 1 to 20 attempts.")],
    )  # fmt: skip
    counting = RadioField(
        "Which attempt counts", default="best",
        choices=[SelectChoice("best", "The best"), SelectChoice("last", "The last"),
                 SelectChoice("first", "The first")],
    )  # fmt: skip
    feedback = RadioField(
        "When students see feedback", default="immediate",
        choices=[SelectChoice("immediate", "Right after each attempt"),
                 SelectChoice("after_due", "After the due date"), SelectChoice("never", "Never")],
    )  # fmt: skip
    allow_late = BooleanField("Accept late work (it is marked late)")

    # A form open for a few minutes must not refuse "now" as an opening time.
    GRACE = timedelta(minutes=10)

    def validate_quiz(self, field: SelectField) -> None:
        if field.data not in {c.value for c in field.choices or ()}:
            raise ValidationError("There is no such quiz; choose one from the list.")

    def validate_opens_at(self, field: DateTimeLocalField) -> None:
        if field.data is not None and field.data < utcnow() - self.GRACE:
            raise ValidationError("The opening date is in the past; leave it empty to open now.")

    def validate_due_at(self, field: DateTimeLocalField) -> None:
        if field.data is None:
            return
        if field.data <= utcnow():
            raise ValidationError("The due date is in the past.")
        opens = self.opens_at.data
        if opens is not None and field.data <= opens:
            raise ValidationError("The due date must come after the opening date.")


@bp.route("/teach/classes/<int:classroom_id>/assignments/new", methods=["GET", "POST"])
def new_assignment(classroom_id: int) -> str | Response:
    """Assign a quiz (its current version, pinned) with dates, attempts and rules."""
    room = _classroom(classroom_id)
    versions = list(
        request_session().execute(
            select(QuizVersion.quiz_id, QuizVersion.title, QuizVersion.level)
            .where(QuizVersion.current.is_(True))
            .order_by(QuizVersion.title)
        )
    )
    form = AssignmentForm()
    form.quiz.choices = [SelectChoice(qid, f"{title} ({level})") for qid, title, level in versions]
    if request.method == "GET":
        form.quiz.data = request.args.get("quiz", "")
    if room.archived:
        flash("This class is archived; bring it back before assigning work.", "error")
    elif form.validate_on_submit():
        try:
            create_assignment(
                get_db(), current_user.id, room.id, form.quiz.data or "",
                opens_at=form.opens_at.data or utcnow(), due_at=form.due_at.data,
                max_attempts=form.max_attempts.data, counting=form.counting.data,
                feedback=form.feedback.data, allow_late=form.allow_late.data,
            )  # fmt: skip
        except WriteError as exc:
            flash(str(exc), "error")
        else:
            return _back(room, "Assignment set. Students see it on their home page.")
    return render_template("teach/assignment_form.html", room=room, form=form)


@bp.route("/teach/classes/<int:classroom_id>/assignments/<int:assignment_id>")
def analysis(classroom_id: int, assignment_id: int) -> str:
    """Item analysis: facility and discrimination per question, span find rates, and the
    phrases most often flagged that are not problems."""
    room = _classroom(classroom_id)
    assignment = _assignment(room, assignment_id)
    items = reports.item_analysis(request_session(), assignment)
    quiz = quiz_for(assignment.version)
    chart = None
    if items.students:
        chart = bar_chart(
            "Share of students who found each problem",
            f"For each problem span of the quiz, the share of the {items.students} students "
            "with a counting attempt who found it (80% of its words or more).",
            [Bar(f"{s.quote}", s.rate, f"{s.found} of {s.students}") for s in items.spans],
            key="spans",
        )
    return render_template(
        "teach/analysis.html", room=room, assignment=assignment, items=items, quiz=quiz,
        chart=chart,
    )  # fmt: skip


# ---- Dashboards


@bp.route("/teach/classes/<int:classroom_id>/gradebook")
def gradebook(classroom_id: int) -> str:
    """Students x assignments: the counting score, late marks; sorted by ?sort=."""
    room = _classroom(classroom_id)
    book = reports.gradebook(request_session(), room.id, request.args.get("sort", "name"))
    return render_template("teach/gradebook.html", room=room, book=book)


@bp.route("/teach/classes/<int:classroom_id>/gradebook.csv")
def gradebook_csv(classroom_id: int) -> Response:
    """The gradebook as a CSV file for a spreadsheet."""
    room = _classroom(classroom_id)
    book = reports.gradebook(request_session(), room.id, request.args.get("sort", "name"))
    slug = re.sub(r"[^A-Za-z0-9]+", "-", room.name).strip("-").lower() or "class"
    return Response(
        reports.gradebook_csv(book),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="gradebook-{slug[:40]}.csv"'},
    )


@bp.route("/teach/classes/<int:classroom_id>/heatmap")
def heatmap(classroom_id: int) -> str:
    """Students x skills: find rate and precision over the class's assignments."""
    room = _classroom(classroom_id)
    return render_template(
        "teach/heatmap.html", room=room, heat=reports.heatmap(request_session(), room.id)
    )


@bp.route("/teach/classes/<int:classroom_id>/students/<int:user_id>")
def student(classroom_id: int, user_id: int) -> str:
    """One student: every attempt in the class, skill levels and their trend."""
    room = _classroom(classroom_id)
    user = _student(room, user_id)
    s = request_session()
    assignments = {a.id: a for a in reports.class_assignments(s, room.id)}
    attempts = sorted(
        reports.class_attempts(s, room.id, user.id), key=lambda a: (a.submitted_at, a.id)
    )
    counted = reports.counting_attempts(attempts, {k: a.counting for k, a in assignments.items()})
    tallies = reports.skill_tallies(s, room.id, user.id)
    history = [tallies.get(a.id, {}) for a in attempts]
    skills = sorted({k for h in history for k in h}, key=lambda k: (k not in BUILTIN_SKILLS, k))
    names = {k: BUILTIN_SKILLS[k].name if k in BUILTIN_SKILLS else k for k in skills}
    chart = None
    if history:
        chart = line_chart(
            f"{user.username}'s skill scores over their attempts",
            "For each skill, the harmonic mean of find rate and accuracy in each attempt.",
            [
                Series(
                    names[k],
                    [
                        (i, attempt_score(h[k]) if k in h else None)
                        for i, h in enumerate(history, 1)
                    ],
                )
                for k in skills
            ],  # fmt: skip
            len(history),
        )
    return render_template(
        "teach/student.html", room=room, student=user, attempts=attempts[::-1],
        assignments=assignments, counting={a.id for a in counted.values()},
        levels=[mastery(k, history) for k in skills], names=names, chart=chart,
    )  # fmt: skip


@bp.route("/teach/classes/<int:classroom_id>/attempts/<int:attempt_id>")
def attempt(classroom_id: int, attempt_id: int) -> str:
    """The feedback a student sees on one attempt, whatever the assignment's feedback rule."""
    room = _classroom(classroom_id)
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


# ---- Quizzes: preview and answer key


@bp.route("/teach/quizzes")
def quizzes() -> str:
    """Every quiz, to try as a student would, see its answer key, or assign."""
    versions = list(
        request_session().scalars(
            select(QuizVersion).where(QuizVersion.current.is_(True)).order_by(QuizVersion.title)
        )
    )
    rooms = list(
        request_session().scalars(
            select(Classroom)
            .where(Classroom.teacher_id == current_user.id, Classroom.archived.is_(False))
            .order_by(Classroom.name)
        )
    )
    author_preview = "preview" in current_app.blueprints
    return render_template(
        "teach/quizzes.html", versions=versions, rooms=rooms, author_preview=author_preview
    )


@dataclass(frozen=True)
class KeyNote:
    number: int
    span: Annotation
    quote: str
    label: str
    mark: str  # skill-<colour> or decoy


def answer_key_marks(
    quiz: Quiz,
) -> tuple[list[tuple[int, list[Piece]]], dict[int, list[KeyNote]], dict[str, int]]:
    """The article with every annotation (by skill colour) and decoy marked and numbered,
    its notes by paragraph, and each skill's colour."""
    colours = {s.id: n % 6 for n, s in enumerate(quiz.skills)}
    blocks = article_blocks(quiz.article)
    by_index = {p.index: p for _, pieces in blocks for p in pieces if p.index is not None}
    notes: dict[int, list[KeyNote]] = defaultdict(list)
    for n, a in enumerate(sorted(quiz.all_spans, key=lambda a: (a.start, a.end)), 1):
        mark = "decoy" if a.decoy else f"skill-{colours.get(a.skill, 0)}"
        label = "Fine: not a problem" if a.decoy else quiz.skill(a.skill).name
        by_index[a.tokens.start].badge.append((n, "✓" if a.decoy else "!", label, mark))
        for i in a.tokens:
            by_index[i].marks = [mark]
        block = quiz.article.tokens[a.tokens.start].block
        notes[block].append(KeyNote(n, a, quiz.article.text[a.start : a.end], label, mark))
    return blocks, notes, colours


@bp.route("/teach/quizzes/<quiz_id>/key")
@bp.route("/teach/versions/<int:version_id>/key")
def answer_key(quiz_id: str = "", version_id: int = 0) -> str:
    """A quiz's answer key: every annotation highlighted by skill, with its explanation;
    by version id for an assignment's pinned version."""
    s = request_session()
    if version_id:
        version = s.get(QuizVersion, version_id)
    else:
        version = s.scalar(
            select(QuizVersion).where(QuizVersion.quiz_id == quiz_id, QuizVersion.current.is_(True))
        )
    if version is None:
        abort(404, description="There is no such quiz.")
    quiz = quiz_for(version)
    blocks, notes, colours = answer_key_marks(quiz)
    return render_template(
        "teach/key.html", quiz=quiz, version=version, blocks=blocks, notes=notes,
        colours=colours, quotes={a.id: quiz.article.text[a.start : a.end] for a in quiz.all_spans},
        author_preview="preview" in current_app.blueprints,
    )  # fmt: skip


# ---- Teacher accounts


class TeacherForm(FlaskForm):
    username = StringField(
        "Username",
        validators=[DataRequired(), Regexp(USERNAME, message="Use 3 to 40 letters, digits, "
                                                              "dots, dashes or underscores.")],
    )  # fmt: skip
    password = PasswordField("Password", validators=[DataRequired(), Length(min=8, max=200)])
    invite = PasswordField(
        "Teacher invite code", validators=[DataRequired(), Length(max=200)],
        description="Your school's administrator has it.",
    )  # fmt: skip


@bp.route("/register/teacher", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def register_teacher() -> str | Response:
    """Create a teacher account with the instance's invite code (when one is set)."""
    expected = current_app.config.get("TEACHER_INVITE_CODE") or ""
    if not expected:
        abort(404, description="Teacher accounts are created by the administrator here.")
    form = TeacherForm()
    if form.validate_on_submit():
        username, password = form.username.data or "", form.password.data or ""
        problem = password_problem(password, username)
        if not hmac.compare_digest((form.invite.data or "").encode(), str(expected).encode()):
            form.invite.errors = ["That invite code is not right."]
        elif problem:
            form.password.errors = [problem]
        else:
            try:
                user_id = create_user(get_db(), username, password, "teacher")
            except WriteError as exc:
                flash(str(exc), "error")
            else:
                user = request_session().get(User, user_id)
                assert user is not None
                session.clear()
                login_user(Account(user))
                flash(f"Welcome, {username}! Create your first class.", "info")
                return redirect(url_for("teach.index"))
    return render_template("teach/register.html", form=form)


@click.command("create-teacher")
@click.argument("username")
@with_appcontext
def create_teacher_command(username: str) -> None:
    """Create a teacher account; the password is asked for, not echoed."""
    if not re.fullmatch(USERNAME, username):
        raise click.BadParameter("use 3 to 40 letters, digits, dots, dashes or underscores")
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if problem := password_problem(password, username):
        raise click.ClickException(problem)
    try:
        create_user(get_db(), username, password, "teacher")
    except WriteError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Teacher account '{username}' created.")


def init_app(app: Flask) -> None:
    app.cli.add_command(create_teacher_command)
