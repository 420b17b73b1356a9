"""The username and new-password fields of every registration form, with their rules shown
up front (a person should not have to fail once to learn them)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from wtforms import Field, PasswordField, StringField
from wtforms.form import BaseForm
from wtforms.validators import DataRequired, Length, ValidationError

from quizapp.core.usernames import problem
from quizapp.passwords import MIN_LENGTH

# core.usernames.RULE, in the reader's language (keep the two in step).
USERNAME_HELP = _l("3 to 40 letters (a to z), digits, dots, dashes or underscores.")
PASSWORD_HELP = _l("At least %(num)d characters, not the same as your username.", num=MIN_LENGTH)


def username_rule(form: BaseForm, field: Field) -> None:
    """The rule of core.usernames, whole string: no trailing newline slips past a ``$``."""
    if field.data and (reason := problem(field.data)):
        raise ValidationError(reason)


def username_field(advice: object = "") -> StringField:
    """``advice``: a further line of help (lazy, as forms are built at import)."""
    return StringField(
        _l("Username"),
        validators=[DataRequired(), username_rule],
        description=LazyString(lambda: f"{USERNAME_HELP} {advice}".strip()),
    )


def new_password_field() -> PasswordField:
    return PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(min=MIN_LENGTH, max=200)],
        description=PASSWORD_HELP,
    )
