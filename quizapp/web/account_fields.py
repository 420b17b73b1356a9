"""The username and new-password fields of every registration form, with their rules shown
up front (a person should not have to fail once to learn them)."""

from __future__ import annotations

from wtforms import Field, PasswordField, StringField
from wtforms.form import BaseForm
from wtforms.validators import DataRequired, Length, ValidationError

from quizapp.core.usernames import RULE, problem
from quizapp.passwords import MIN_LENGTH

USERNAME_HELP = f"{RULE[0].upper()}{RULE[1:]}."
PASSWORD_HELP = f"At least {MIN_LENGTH} characters, not the same as your username."


def username_rule(form: BaseForm, field: Field) -> None:
    """The rule of core.usernames, whole string: no trailing newline slips past a ``$``."""
    if field.data and (reason := problem(field.data)):
        raise ValidationError(reason)


def username_field(advice: str = "") -> StringField:
    return StringField(
        "Username",
        validators=[DataRequired(), username_rule],
        description=f"{USERNAME_HELP} {advice}".strip(),
    )


def new_password_field() -> PasswordField:
    return PasswordField(
        "Password",
        validators=[DataRequired(), Length(min=MIN_LENGTH, max=200)],
        description=PASSWORD_HELP,
    )
