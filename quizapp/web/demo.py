"""Demo content for a first look: a teacher, a student and a class, created once."""

from __future__ import annotations

import secrets

import click
from sqlalchemy import select

from quizapp.db.engine import get_db
from quizapp.db.models import User
from quizapp.db.writes import create_classroom, create_user

# Letters and digits of the join-code alphabet only (no O, 0, I, 1 or L to misread).
DEMO_CODE = "NEWS2345"


@click.command("demo")
def demo_command() -> None:
    """Create the demo teacher, student and class (once), printing the passwords once."""
    db = get_db()
    with db.session() as s:
        exists = s.scalar(select(User.id).where(User.username == "demo-teacher"))
    if exists is not None:
        click.echo("Demo accounts exist already (their passwords were printed when created).")
        return
    teacher_pw, student_pw = secrets.token_urlsafe(9), secrets.token_urlsafe(9)
    teacher = create_user(db, "demo-teacher", teacher_pw, "teacher")
    create_classroom(db, teacher, "Demo class", DEMO_CODE)
    create_user(db, "demo-student", student_pw, "student", DEMO_CODE)
    click.echo("Demo accounts created. Note these passwords now: they are not shown again.")
    click.echo(f"  teacher  demo-teacher / {teacher_pw}")
    click.echo(f"  student  demo-student / {student_pw}")
    click.echo(f"  class code for new students: {DEMO_CODE[:4]}-{DEMO_CODE[4:]}")
